"""Where the consolidated statement of cash flows is, and what its header says: the years of
its columns, the date its year ends, its unit and currency, whether the prior year is
restated."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from capexcli.errors import ReportError
from capexcli.importers.report.lines import Row, normalize, parse_rows
from capexcli.importers.report.text import PdfText
from capexcli.importers.report.units import Unit, find_unit

__all__ = ["Statement", "Unit", "find_statement", "find_unit", "header_years", "period_end"]

_HEADING = re.compile(
    r"(?:condensed)?(?:consolidated)?(?:statements?ofcashflows?|cashflowstatements?)"
    r"|(?:簡明|简明)?(?:綜合|综合)?(?:現金流量表|现金流量表)"
)
_ACTIVITIES = (
    ("operatingactivities", "經營活動", "经营活动", "經營業務", "经营业务"),
    ("investingactivities", "投資活動", "投资活动"),
    ("financingactivities", "融資活動", "融资活动"),
)
#: How many lines at the top of a page hold its heading and column header.
_TOP = 20
#: A statement runs over at most this many pages.
_MAX_PAGES = 4

_MONTHS = {
    month: i
    for i, month in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        1,
    )
}
_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0}


@dataclass
class Statement:
    pages: list[int]
    heading: str
    unit: Unit
    #: The fiscal years of the columns as their header prints them, current first.
    years: tuple[int, ...]
    period_end: date | None
    restated: bool
    rows: list[Row]
    notes: list[str] = field(default_factory=list)
    #: (page, line) of the lines that end in amounts capex cannot read ("1,23,456").
    unread: list[tuple[int, str]] = field(default_factory=list)


def _has_heading(flat: str) -> bool:
    # Every form of the heading has one of these words; looking for them first spares the
    # pattern's search of the pages that have neither (most of a report).
    return ("cashflow" in flat or "金流量表" in flat) and bool(_HEADING.search(flat))


def _has_activities(text: str) -> bool:
    return _has_activities_flat(normalize(text))


def _has_activities_flat(flat: str) -> bool:
    return any(any(word in flat for word in group) for group in _ACTIVITIES)


def find_statement(pdf: PdfText) -> Statement | None:
    """The first consolidated statement of cash flows of the document, or None."""
    runs: list[list[int]] = []
    for number in range(1, pdf.page_count + 1):
        flat = pdf.flat(number)
        if not (_has_heading(flat) and _has_activities_flat(flat)):
            continue
        if not _is_statement_page(pdf, number):
            continue
        if (
            runs
            and runs[-1][-1] == number - 1
            and len(runs[-1]) < _MAX_PAGES
            and _scope(_heading_of(pdf, number)) == _scope(_heading_of(pdf, runs[-1][0]))
        ):
            runs[-1].append(number)
        else:
            # The company's own statement printed after the group's is another statement.
            runs.append([number])
    if not runs:
        return None
    consolidated = [r for r in runs if "consolidated" in _heading_of(pdf, r[0]).casefold()]
    pages = (consolidated or runs)[0]
    return _read(pdf, pages, others=[r for r in runs if r is not pages])


def _scope(heading: str) -> tuple[bool, bool]:
    """(the group's, the company's own): "Consolidated Statement of Cash Flows" against
    "Statement of Cash Flows of the Company" / "本公司現金流量表"."""
    flat = normalize(heading)
    return (
        any(word in flat for word in ("consolidated", "綜合", "综合")),
        any(word in flat for word in ("company", "本公司")),
    )


def _is_statement_page(pdf: PdfText, number: int) -> bool:
    """A page headed by the statement's title, with rows of amounts (not the contents page,
    not a note or the auditor's opinion that names the statement)."""
    lines = pdf.lines(number)
    if not _heading_of(pdf, number):
        return False
    amounts = sum(1 for line in lines if re.search(r"\(?\d{1,3}(?:,\d{3})+\)?\s*$", line))
    return amounts >= 3 and _has_activities(" ".join(lines))


def _heading_of(pdf: PdfText, number: int) -> str:
    """The statement's title at the top of a page, as printed ("" if none): a line that
    starts with it and says little else, or two lines it is split over."""
    lines = pdf.lines(number)[:8]
    for i, line in enumerate(lines):
        for text in (line, " ".join(lines[i : i + 2])):
            flat = normalize(text)
            found = _HEADING.search(flat)
            if found and found.start() <= 12 and len(flat) - found.end() <= 30:
                return text
    return ""


def _read(pdf: PdfText, pages: list[int], others: list[list[int]]) -> Statement:
    first = pdf.lines(pages[0])
    heading = _heading_of(pdf, pages[0])
    years = header_years(first[:_TOP])
    if years is None:
        raise ReportError(
            f"{pdf.path}: the statement of cash flows (p. {pages[0]}) has no column header "
            "with its years (e.g. '2024 2023') that capex can read"
        )
    unit = _unit_of(pdf, pages[0])
    if unit is None:
        raise ReportError(
            f"{pdf.path}: the statement of cash flows (p. {pages[0]}) does not say its unit "
            "(RMB'000, HK$'000, RMB million, HK$ …) where capex looks for it, at the top of the "
            "page; capex does not guess it"
        )
    notes = []
    for number in pages[1:]:
        other = _unit_of(pdf, number)
        if other is not None and other != unit:
            raise ReportError(
                f"{pdf.path}: the statement of cash flows changes unit: {unit.printed} on "
                f"p. {pages[0]}, {other.printed} on p. {number}"
            )
    if others:
        where = ", ".join(f"pp. {r[0]}-{r[-1]}" if len(r) > 1 else f"p. {r[0]}" for r in others)
        notes.append(f"another statement of cash flows on {where} was not read")
    top = " ".join(first[:_TOP])
    restated = bool(re.search(r"restated|重列|重述", top, re.IGNORECASE))
    unread: list[tuple[int, str]] = []
    rows = [
        row for number in pages for row in parse_rows(number, pdf.lines(number), len(years), unread)
    ]
    return Statement(pages, heading, unit, years, period_end(top), restated, rows, notes, unread)


def _unit_of(pdf: PdfText, number: int) -> Unit | None:
    try:
        return find_unit(pdf.lines(number)[:_TOP])
    except ReportError as exc:
        raise ReportError(
            f"{pdf.path}: the statement of cash flows (p. {number}): {exc.message}"
        ) from None


def header_years(lines: list[str]) -> tuple[int, ...] | None:
    """The years of a column header: ``2021 2020``, ``二零二一年 二零二零年``, ``2025年``."""
    for line in lines:
        text = re.sub(r"\((?:restated|經重列|经重列|重列|重述)\)", " ", line, flags=re.IGNORECASE)
        text = re.sub(r"notes?|附註|附注|年", " ", text, flags=re.IGNORECASE)
        tokens = text.split()
        years = [year_token(token) for token in tokens]
        if len(tokens) >= 2 and all(y is not None for y in years):
            found = tuple(y for y in years if y is not None)
            if found[0] == found[1] + 1:
                return found
    return None


def year_token(token: str) -> int | None:
    if re.fullmatch(r"(?:19|20)\d{2}", token):
        return int(token)
    if len(token) == 4 and all(c in _DIGITS for c in token):
        return int("".join(str(_DIGITS[c]) for c in token))
    return None


def period_end(text: str) -> date | None:
    """The end of the year a statement covers, from 'For the year ended 31 August 2021',
    'year ended December 31, 2024' or '截至二零二一年九月三十日止年度'."""
    flat = " ".join(text.split())
    months = "|".join(_MONTHS)
    found = re.search(rf"ended (\d{{1,2}}) ({months}),? (\d{{4}})", flat, re.IGNORECASE)
    if found:
        return make_date(int(found[3]), _MONTHS[found[2].lower()], int(found[1]))
    found = re.search(rf"ended ({months}) (\d{{1,2}}),? (\d{{4}})", flat, re.IGNORECASE)
    if found:
        return make_date(int(found[3]), _MONTHS[found[1].lower()], int(found[2]))
    squeezed = re.sub(r"\s+", "", text)
    found = re.search(r"截至(\d{4})年(\d{1,2})月(\d{1,2})日", squeezed)
    if found:
        return make_date(int(found[1]), int(found[2]), int(found[3]))
    digits = "〇零一二三四五六七八九十"
    found = re.search(
        rf"截至([{digits}]{{4}})年([{digits}]{{1,3}})月([{digits}]{{1,3}})日", squeezed
    )
    if found:
        year = year_token(found[1])
        if year is not None:
            return make_date(year, chinese_number(found[2]), chinese_number(found[3]))
    return None


def chinese_number(text: str) -> int:
    """一 to 三十一: the day or month of a date written in Chinese numerals."""
    if "十" not in text:
        return _DIGITS.get(text, 0)
    tens, _, ones = text.partition("十")
    return (_DIGITS.get(tens, 0) if tens else 1) * 10 + (_DIGITS.get(ones, 0) if ones else 0)


def make_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None
