"""``capex import report --json``: the JSON contract (see the README). Amounts are millions of
``currency``; outflows are positive, as in the data; operating cash flow keeps its sign."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from ..results import OUTPUT_SCHEMA_VERSION, ImportedChange, Output
from .extract import Report
from .figures import DataFigures, number


class ReportYearValue(Output):
    fiscal_year: int
    #: Millions, outflows positive; null where the printed sign is not the measure's.
    value: float | None
    #: As printed: "(1,427,286)", "—".
    printed: str


class ReportLine(Output):
    #: operating_cash_flow, property, construction_in_progress, investment_properties,
    #: intangible_assets, land, buybacks or dividends.
    measure: str
    label: str
    label_zh: str | None
    page: int
    #: The note-number column of the row, when it has one.
    note_ref: str | None
    values: list[ReportYearValue]


class ReportHeadline(Output):
    fiscal_year: int | None
    value: float
    #: The value is exact to this many millions, as printed (792亿: 100).
    rounded_to: float
    currency: str
    page: int
    text: str
    heading: str


class ReportStatement(Output):
    pages: list[int]
    heading: str
    #: As printed: RMB'000, HK$'000, HK$, RMB million, 千港元 ...
    unit_printed: str
    currency: str
    #: Units of the currency per printed 1 (1000 for RMB'000).
    scale: int
    fiscal_years: list[int]
    period_end: dt.date | None
    restated: bool


class ReportDocument(Output):
    id: str
    title: str
    form: str
    date: dt.date | None
    stock_code: str | None
    url: str | None


class ReportBasis(Output):
    id: str
    label: str
    lines: list[str]
    note: str | None


class ReportFigure(Output):
    fiscal_year: int
    field: str
    value: float
    currency: str
    period_end: dt.date
    line: str
    lines: list[str]
    page: int
    document: str
    status: str = "confirmed"
    note: str | None
    rounded_to: float | None


class ReportImportResult(Output):
    schema_version: int = OUTPUT_SCHEMA_VERSION
    file: str
    pages: int
    company: str | None
    currency: str | None
    unit: str = "millions"
    document: ReportDocument
    statement: ReportStatement | None
    lines: list[ReportLine]
    headlines: list[ReportHeadline]
    capex_basis: ReportBasis | None
    figures: list[ReportFigure]
    warnings: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    into: str | None = None
    written: bool = False
    changes: list[ImportedChange] = Field(default_factory=list)


def to_result(report: Report, data: DataFigures, company: str | None) -> ReportImportResult:
    statement = report.statement
    doc = data.document
    basis = data.basis
    return ReportImportResult(
        file=str(report.path),
        pages=report.page_count,
        company=company,
        currency=report.currency,
        document=ReportDocument(
            id=doc.id,
            title=doc.title,
            form=doc.form,
            date=doc.date,
            stock_code=doc.stock_code,
            url=doc.url,
        ),
        statement=None
        if statement is None
        else ReportStatement(
            pages=statement.pages,
            heading=statement.heading,
            unit_printed=statement.unit.printed,
            currency=statement.unit.currency,
            scale=statement.unit.scale,
            fiscal_years=list(statement.years),
            period_end=statement.period_end,
            restated=statement.restated,
        ),
        lines=[
            ReportLine(
                measure=line.measure,
                label=line.row.label,
                label_zh=line.row.label_zh or None,
                page=line.row.page,
                note_ref=line.row.note,
                values=[
                    ReportYearValue(
                        fiscal_year=fy,
                        value=None if value is None else number(value),
                        printed=line.row.printed[report.statement.years.index(fy)]
                        if report.statement is not None
                        else "",
                    )
                    for fy, value in line.values.items()
                ],
            )
            for line in report.lines
        ],
        headlines=[
            ReportHeadline(
                fiscal_year=h.fiscal_year,
                value=number(h.value),
                rounded_to=number(h.rounded_to),
                currency=h.currency,
                page=h.page,
                text=h.text,
                heading=h.heading,
            )
            for h in report.headlines
        ],
        capex_basis=None
        if basis is None
        else ReportBasis(id=basis.id, label=basis.label, lines=list(basis.lines), note=basis.note),
        figures=[
            ReportFigure(
                fiscal_year=f.fiscal_year,
                field=f.field,
                value=f.value,
                currency=f.currency,
                period_end=f.period_end,
                line=f.line,
                lines=list(f.lines),
                page=f.page,
                document=f.document,
                note=f.note,
                rounded_to=f.rounded_to,
            )
            for f in data.figures
        ],
        warnings=list(report.warnings),
        notes=[*report.notes, *data.notes],
    )
