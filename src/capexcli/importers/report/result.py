"""``capex import report --json``: the JSON contract (see the README). Amounts are millions of
``currency``; outflows are positive, as in the data; operating cash flow keeps its sign."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from capexcli.importers.report.extract import Report
from capexcli.importers.report.figures import DataFigures, number
from capexcli.results import OUTPUT_SCHEMA_VERSION, ImportedChange, Output


class ReportYearValue(Output):
    fiscal_year: int = Field(description="The fiscal year of the column.")
    value: float | None = Field(
        description="Millions, outflows positive; null where the printed sign is not the measure's."
    )
    printed: str = Field(description='As printed: "(1,427,286)", "—".')


class ReportLine(Output):
    measure: str = Field(
        description="operating_cash_flow, property, construction_in_progress, "
        "investment_properties, intangible_assets, land, buybacks or dividends."
    )
    label: str = Field(description="The line as printed.")
    label_zh: str | None = Field(description="Its Chinese label, in a bilingual statement.")
    page: int = Field(description="PDF page (1-based).")
    note_ref: str | None = Field(description="The note-number column of the row, if any.")
    values: list[ReportYearValue] = Field(description="Current year first, as printed.")


class ReportHeadline(Output):
    fiscal_year: int | None = Field(description="The year the headline capex is for.")
    value: float = Field(description="Millions of `currency`.")
    rounded_to: float = Field(
        description="The value is exact to this many millions, as printed (792亿: 100)."
    )
    currency: str = Field(description="Currency of the value.")
    page: int = Field(description="PDF page (1-based).")
    text: str = Field(description="The sentence as printed.")
    heading: str = Field(description="The heading it stands under.")


class ReportStatement(Output):
    pages: list[int] = Field(description="PDF pages of the statement of cash flows.")
    heading: str = Field(description="The statement's heading as printed.")
    unit_printed: str = Field(description="As printed: RMB'000, HK$'000, HK$, RMB million ...")
    currency: str = Field(description="ISO code: CNY, HKD, USD, SGD, MYR, TWD, JPY, EUR, GBP.")
    scale: int = Field(description="Units of the currency per printed 1 (1000 for RMB'000).")
    fiscal_years: list[int] = Field(description="The years of its columns, current first.")
    period_end: dt.date | None = Field(description="End of the current year, if printed.")
    restated: bool = Field(description="Whether the prior year is marked restated.")


class ReportDocument(Output):
    id: str = Field(description="The document key figures cite.")
    title: str = Field(description="The document's title.")
    form: str = Field(description="annual report, results announcement, press release ...")
    date: dt.date | None = Field(description="Published, if found or given.")
    stock_code: str | None = Field(description="HKEX stock code, if found.")
    url: str | None = Field(description="--url, or the company's entry for the document.")
    issuer: str | None = Field(
        None, description="The issuer's name as the report's cover prints it, if found."
    )
    issuer_zh: str | None = Field(
        None, description="The issuer's Chinese name as the cover prints it, if found."
    )


class ReportBasis(Output):
    id: str = Field(description="The basis's id.")
    label: str = Field(description="The basis in words.")
    lines: list[str] = Field(description="The cash-flow lines capex adds up.")
    note: str | None = Field(description="What it leaves out.")


class ReportFigure(Output):
    fiscal_year: int = Field(description="The company's fiscal year.")
    field: str = Field(description="capex, operating_cash_flow, buybacks or dividends.")
    value: float = Field(description="Millions of `currency`, outflows positive.")
    currency: str = Field(description="Currency of the value.")
    period_end: dt.date = Field(description="End of the fiscal year.")
    line: str = Field(description="The line as printed (for capex, the basis's lines joined).")
    lines: list[str] = Field(description="The lines it adds, as printed.")
    page: int = Field(description="PDF page (1-based).")
    document: str = Field(description="The document key it cites.")
    status: str = Field("confirmed", description="Always confirmed: read in the document.")
    note: str | None = Field(description="How it was read, where that needs saying.")
    rounded_to: float | None = Field(description="A headline figure: exact to this many millions.")


class ReportImportResult(Output):
    schema_version: int = Field(OUTPUT_SCHEMA_VERSION, description="Version of this contract.")
    file: str = Field(description="The PDF read.")
    pages: int = Field(description="Its number of pages.")
    company: str | None = Field(description="--company, if given.")
    currency: str | None = Field(
        description="ISO code of the figures' currency, whatever the report prints: CNY for "
        "RMB, HKD for HK$, USD, SGD for S$, MYR for RM, TWD for NT$, JPY, EUR, GBP."
    )
    unit: str = Field("millions", description="Amounts are millions of `currency`.")
    document: ReportDocument = Field(description="The document the figures cite.")
    statement: ReportStatement | None = Field(
        description="The statement of cash flows found; null for a headline-only release."
    )
    lines: list[ReportLine] = Field(description="Every line read, with both years.")
    headlines: list[ReportHeadline] = Field(description="Headline capex sentences found.")
    capex_basis: ReportBasis | None = Field(description="The capex basis the figures are on.")
    figures: list[ReportFigure] = Field(description="The figures for the data file.")
    warnings: list[str] = Field(
        default_factory=list, description="Ambiguities: both candidates are named."
    )
    notes: list[str] = Field(default_factory=list, description="Remarks on what was read.")
    into: str | None = Field(None, description="--into: the data file.")
    written: bool = Field(False, description="Whether --into wrote it.")
    changes: list[ImportedChange] = Field(
        default_factory=list, description="--into: every figure added, changed or skipped."
    )


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
            issuer=report.document.issuer,
            issuer_zh=report.document.issuer_zh,
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
