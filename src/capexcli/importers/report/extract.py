"""A PDF report -> :class:`Report`: the lines capex reads from its statement of cash flows,
for the current and the prior year, in millions and with the data's signs, and the headline
capex a results release states. No printing, no data file: :mod:`.figures` turns a report
into records."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from capexcli.errors import ReportError
from capexcli.importers.report.document import DocumentInfo, cover_pages, describe
from capexcli.importers.report.headline import Headline, find_headlines
from capexcli.importers.report.lines import Row
from capexcli.importers.report.measures import by_id, match, measure_of
from capexcli.importers.report.statement import Statement, find_statement, period_end
from capexcli.importers.report.text import PdfText

MILLION = Decimal(1_000_000)


@dataclass(frozen=True)
class Line:
    """A row of the statement that is one of the measures capex reads."""

    measure: str
    row: Row
    #: Fiscal year -> millions of the statement's currency, outflows positive (as the data
    #: holds them); None where the printed sign is not that of the measure.
    values: dict[int, Decimal | None]


@dataclass
class Report:
    path: Path
    page_count: int
    document: DocumentInfo
    statement: Statement | None
    #: The fiscal years read, current first.
    years: tuple[int, ...]
    period_ends: dict[int, date]
    lines: list[Line]
    headlines: list[Headline]
    warnings: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def currency(self) -> str | None:
        if self.statement is not None:
            return self.statement.unit.currency
        return self.headlines[0].currency if self.headlines else None

    def rows_of(self, measure: str) -> list[Line]:
        return [line for line in self.lines if line.measure == measure]


def read_here(
    path: Path, url: str | None, year: int | None, fiscal_year_end: tuple[int, int] | None
) -> Report:
    """:func:`~.reading.read_report` in this process, without its fence: what the fence's
    child runs."""
    with PdfText(path) as pdf:
        # The cover is laid out beside the rest (pdfminer's pass over its drawing costs as
        # much as the statement's pages); describe() takes it at the end.
        pdf.prefetch(cover_pages(pdf))
        _check_text_layer(pdf)
        statement = find_statement(pdf)
        headlines, notes = find_headlines(pdf)
        if statement is None and not headlines:
            raise ReportError(
                f"{path}: no consolidated statement of cash flows (a page headed by it, with "
                f"operating, investing or financing activities and their amounts) and no "
                f"headline capital expenditure in its {pdf.page_count} "
                f"page{'' if pdf.page_count == 1 else 's'}; nothing to import"
            )
        info = describe(pdf, url, statement.pages if statement is not None else [])
        dateline = period_end(" ".join(pdf.lines(1))) if statement is None else None
    report = Report(path, pdf.page_count, info, statement, (), {}, [], headlines, notes=notes)
    if statement is not None:
        _read_statement(report, statement, year, fiscal_year_end)
    else:
        report.notes.append("no statement of cash flows: only the headline capex is read")
    _date_headlines(report, year)
    for headline in report.headlines:
        fiscal_year = headline.fiscal_year
        if fiscal_year is None or fiscal_year in report.period_ends:
            continue
        if fiscal_year_end is not None:
            report.period_ends[fiscal_year] = _safe_date(fiscal_year, *fiscal_year_end)
        elif dateline is not None and dateline.year == fiscal_year:
            # "截至二零二五年十二月三十一日止第四季": the year ends with its last quarter.
            report.period_ends[fiscal_year] = dateline
    return report


def _check_text_layer(pdf: PdfText) -> None:
    if any(pdf.raw(n).strip() for n in range(1, pdf.page_count + 1)):
        return
    scanned = any(pdf.has_images(n) for n in range(1, min(pdf.page_count, 5) + 1))
    what = "a scanned document: its pages are images" if scanned else "its pages hold no text"
    raise ReportError(
        f"{pdf.path}: no text layer ({what}); capex reads the text of a PDF, not pictures of "
        "it. Use the report as published on HKEXnews, which has text."
    )


def _read_statement(
    report: Report, statement: Statement, year: int | None, fy_end: tuple[int, int] | None
) -> None:
    years = statement.years[:2]
    if year is not None and year not in years:
        raise ReportError(
            f"{report.path}: --year {year}: the statement of cash flows "
            f"(p. {statement.pages[0]}) has the years {' and '.join(map(str, years))}"
        )
    wanted = [y for y in years if year is None or y == year]
    current = statement.period_end
    if current is None and fy_end is not None:
        current = _safe_date(years[0], *fy_end)
    for offset, fiscal_year in enumerate(years):
        if current is not None and fiscal_year in wanted:
            report.period_ends[fiscal_year] = _safe_date(
                current.year - offset, current.month, current.day
            )
    report.years = tuple(wanted)
    report.notes += statement.notes
    if statement.restated and years[1] in wanted:
        report.notes.append(
            f"the column header says restated: FY{years[1]} is the restated figure this "
            "report gives, which may differ from the one first published"
        )
    scale = Decimal(statement.unit.scale) / MILLION
    report.warnings += _unread_warnings(statement)
    for measure_id, rows in match(statement.rows).items():
        measure = by_id(measure_id)
        for row in rows:
            if any(row.marks):
                report.warnings.append(
                    f"p. {row.page}: {row.label!r} is printed {' '.join(row.printed)}, with "
                    "a footnote mark: read without it; the footnote may qualify the amount"
                )
            values: dict[int, Decimal | None] = {}
            for fiscal_year, amount in zip(years, row.amounts, strict=False):
                if fiscal_year not in wanted:
                    continue
                value = Decimal(0) if amount is None else amount * scale
                if measure.outflow:
                    value = -value
                    if value < 0:
                        report.warnings.append(
                            f"p. {row.page}: {row.label!r} FY{fiscal_year} is printed "
                            f"{row.printed[years.index(fiscal_year)]}, an inflow on a line "
                            "of payments; left out"
                        )
                        values[fiscal_year] = None
                        continue
                values[fiscal_year] = value + 0  # no -0
            report.lines.append(Line(measure_id, row, values))
        if len(rows) > 1:
            listed = "; ".join(f"{r.label!r} (p. {r.page}: {' '.join(r.printed)})" for r in rows)
            report.warnings.append(
                f"{len(rows)} lines could be {measure.label}: {listed}. capex picks none: "
                "each is listed; a company's capex basis names the lines it adds"
            )


def _unread_warnings(statement: Statement) -> list[str]:
    """A line that reads like one of the measures but whose amounts capex cannot read is
    said, never dropped without a word."""
    out = []
    for page, line in statement.unread:
        label = " ".join(t for t in line.split() if not re.search(r"\d", t))
        if label and measure_of(Row(page, label, "", None, (), ())) is not None:
            out.append(
                f"p. {page}: {line!r}: its amounts are not written as capex reads them "
                "(1,234 or (1,234)); left out"
            )
    return out


def _date_headlines(report: Report, year: int | None) -> None:
    dated: list[Headline] = []
    for headline in report.headlines:
        fiscal_year = headline.fiscal_year
        if fiscal_year is None:
            fiscal_year = year if year is not None else (report.years[0] if report.years else None)
        if fiscal_year is None:
            report.warnings.append(
                f"p. {headline.page}: {headline.text}: its heading names no year; give --year"
            )
            continue
        if year is not None and fiscal_year != year:
            continue
        dated.append(_replace_year(headline, fiscal_year))
    per_year: dict[int, list[Headline]] = {}
    for headline in dated:
        per_year.setdefault(headline.fiscal_year or 0, []).append(headline)
    for fiscal_year, found in per_year.items():
        if len({h.value for h in found}) > 1:
            listed = "; ".join(f"{h.text} (p. {h.page})" for h in found)
            report.warnings.append(
                f"FY{fiscal_year}: {len(found)} different headline capex figures: {listed}. "
                "capex picks none"
            )
    report.headlines = dated


def _replace_year(headline: Headline, fiscal_year: int) -> Headline:
    return Headline(
        fiscal_year,
        headline.value,
        headline.rounded_to,
        headline.currency,
        headline.page,
        headline.text,
        headline.label,
        headline.heading,
    )


def _safe_date(year: int, month: int, day: int) -> date:
    return date(year, month, min(day, 28) if month == 2 else day)
