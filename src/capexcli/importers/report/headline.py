"""A results release's headline capex: "资本开支为人民币792亿元", "capital expenditure was
RMB79.2 billion". Rounded to the unit printed (792亿 is 79,200 million give or take 50), and
kept apart from the cash-flow lines: it is the company's own measure, not a line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from capexcli.importers.report.text import PdfText

_CURRENCY = {
    "人民幣": "CNY",
    "人民币": "CNY",
    "港幣": "HKD",
    "港币": "HKD",
    "港元": "HKD",
    "美元": "USD",
    "RMB": "CNY",
    "HK$": "HKD",
    "US$": "USD",
}
#: Millions per unit printed.
_UNIT = {
    "億": Decimal(100),
    "亿": Decimal(100),
    "百萬": Decimal(1),
    "百万": Decimal(1),
    "萬": Decimal("0.01"),
    "万": Decimal("0.01"),
    "billion": Decimal(1000),
    "bn": Decimal(1000),
    "million": Decimal(1),
    "mn": Decimal(1),
    "m": Decimal(1),
}
_ZH = re.compile(
    r"(資本開支|资本开支)(?:總額|总额)?(?:為|为|約為|约为|達|达|錄得|录得|是)"
    r"(人民幣|人民币|港幣|港币|港元|美元)約?约?(\d[\d,]*(?:\.\d+)?)(億|亿|百萬|百万|萬|万)元?"
)
_EN = re.compile(
    r"(capital expenditures?|capex)\b(?:\s+\S+){0,4}?\s+(?:was|were|of|amounted to|totall?ed|"
    r"reached)\s+(?:approximately\s+|about\s+)?(RMB|HK\$|US\$)\s?(\d[\d,]*(?:\.\d+)?)\s?"
    r"(billion|bn|million|mn|m)\b",
    re.IGNORECASE,
)
_QUARTER = re.compile(
    r"[1-4]Q\s?\d{2,4}|Q[1-4]\b|第[一二三四1-4]季|quarter|季度|三個月|三个月", re.IGNORECASE
)
_SUMMARY = re.compile(r"摘要|highlights|summary|業績|业绩|results", re.IGNORECASE)


@dataclass(frozen=True)
class Headline:
    """A headline capex as printed, in millions of ``currency``."""

    fiscal_year: int | None
    value: Decimal
    #: The value is exact to this many millions (792亿: 100), as printed.
    rounded_to: Decimal
    currency: str
    page: int
    #: The words as printed: "资本开支为人民币792亿元".
    text: str
    #: The measure's name as printed: "资本开支", "capital expenditure".
    label: str
    #: The heading the figure stands under: "2025年财务摘要".
    heading: str


def find_headlines(pdf: PdfText) -> tuple[list[Headline], list[str]]:
    """The year's headline capex figures of a document, and notes on those left out (a
    quarter's)."""
    found: list[Headline] = []
    notes: list[str] = []
    for number in range(1, pdf.page_count + 1):
        flat = pdf.flat(number)
        if not any(
            word in flat for word in ("资本开支", "資本開支", "capitalexpenditure", "capex")
        ):
            continue
        if not _may_hold_headline(pdf.raw(number)):
            continue  # laying out a page costs ~50x reading its text: only where one may be
        heading = ""
        for line in pdf.lines(number):
            if len(line) <= 60 and _SUMMARY.search(line) and re.search(r"\d{4}|[1-4]Q", line):
                heading = line
            for headline in _in_line(line, number, heading):
                if _QUARTER.search(heading) or _QUARTER.search(headline.text):
                    notes.append(
                        f"p. {number}: a quarter's headline capex left out: {headline.text} "
                        f"(under {heading!r})"
                    )
                    continue
                found.append(headline)
    return found, notes


def _may_hold_headline(raw: str) -> bool:
    """A page's unlaid text has the words of a headline figure: a superset of the pages
    whose laid-out lines do (the same characters in reading order, maybe spanning lines)."""
    return bool(_ZH.search(re.sub(r"\s+", "", raw)) or _EN.search(" ".join(raw.split())))


def _in_line(line: str, page: int, heading: str) -> list[Headline]:
    out = []
    squeezed = re.sub(r"\s+", "", line)
    for match in _ZH.finditer(squeezed):
        out.append(_headline(match, page, heading, match[2], match[3], match[4]))
    for match in _EN.finditer(" ".join(line.split())):
        out.append(_headline(match, page, heading, match[2].upper(), match[3], match[4].lower()))
    return out


def _headline(
    match: re.Match[str], page: int, heading: str, currency: str, number: str, unit: str
) -> Headline:
    printed = Decimal(number.replace(",", ""))
    scale = _UNIT[unit]
    decimals = -printed.as_tuple().exponent if "." in number else 0
    assert isinstance(decimals, int)
    return Headline(
        fiscal_year=_year_of(heading),
        value=printed * scale,
        rounded_to=scale / (Decimal(10) ** decimals),
        currency=_CURRENCY[currency],
        page=page,
        text=match[0],
        label=match[1],
        heading=heading,
    )


def _year_of(heading: str) -> int | None:
    years = re.findall(r"(?<!\d)((?:19|20)\d{2})(?!\d)", heading)
    return int(years[0]) if len(set(years)) == 1 else None
