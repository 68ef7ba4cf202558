"""Tables and footnotes of company, companies, sources and validate."""

from __future__ import annotations

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from ..results import (
    CompaniesResult,
    CompanyResult,
    CompanyYear,
    SourcesResult,
    ValidateResult,
)
from .console import Cell, Marked, Row, fill, new_table, tables_with_notes
from .style import DASH, MARK, Style, percent, signed_percent, year_list


def company_view(result: CompanyResult, s: Style) -> list[RenderableType]:
    return tables_with_notes([company_table(result, s)], company_notes(result, s))


def company_table(result: CompanyResult, s: Style) -> Table:
    info = result.company
    names = f"{info.name_zh} ({info.name})" if s.lang == "zh" else f"{info.name} ({info.name_zh})"
    table = new_table(
        f"{names} · {info.region} · {s.t('fiscal year ends')} {info.fiscal_year_end}"
        f" · {s.unit_label(result.currency)}"
    )
    rows: list[Row] = []
    for row in result.years:

        def cell(field: str, row: CompanyYear = row) -> Marked:
            shaky = row.status.get(field, "confirmed") != "confirmed"
            return Marked(s.amount(getattr(row, field)), shaky)

        cells: list[Cell] = [
            str(row.fiscal_year),
            cell("capex"),
            cell("operating_cash_flow"),
            cell("buybacks"),
            cell("dividends"),
            cell("debt_repayment"),
            percent(row.capex_to_ocf),
            percent(row.returns_to_capex),
            signed_percent(row.capex_growth),
        ]
        rows.append((cells, False))
    headers = [
        "Capex",
        "Operating\ncash flow",
        "Buybacks",
        "Dividends",
        "Debt\nrepaid",
        "Capex/\nOCF",
        "Returns/\ncapex",
        "Capex\ngrowth",
    ]
    fill(table, s.t("FY"), [s.t(h) for h in headers], rows)
    return table


def company_notes(result: CompanyResult, s: Style) -> list[str]:
    notes = []
    basis = result.company.capex_basis
    if basis is not None:
        text = f"Capex basis, every year: {basis.label} (" + " + ".join(basis.lines) + ")."
        notes.append(f"{text} {basis.note}" if basis.note else text)
    elif result.company.capex_definition:
        notes.append(f"Capex: {result.company.capex_definition}")
    net = [
        f"FY{r.fiscal_year} {s.amount(r.capex - r.capex_proceeds)}"
        for r in result.years
        if r.capex is not None and r.capex_proceeds is not None
    ]
    if net:
        notes.append(
            "Capex net of proceeds from property and equipment sales and incentives "
            f"(recorded beside the gross line): {', '.join(net)}."
        )
    for row in result.years:
        for field, versions in row.restated.items():
            current = s.amount(getattr(row, field))
            for v in versions:
                filed = v.document.title if v.document is not None else (v.source or "?")
                notes.append(
                    f"Restated: {field.replace('_', ' ')} FY{row.fiscal_year} is {current} "
                    f"in the latest filing; {filed} gave {s.amount(v.value)}"
                    + (f" ({v.note})." if v.note else ".")
                )
    moved = [
        f"FY{r.fiscal_year} -> {r.comparison_year}"
        for r in result.years
        if r.comparison_year != r.fiscal_year
    ]
    if moved:
        notes.append(
            f"Compared as: {', '.join(moved)} ({result.align} alignment: {result.align_rule})."
        )
    notes.append(s.t("Returns = buybacks + dividends; blank unless both are known."))
    shaky: dict[str, dict[str, list[int]]] = {}
    for row in result.years:
        for field, status in row.status.items():
            if status != "confirmed":
                shaky.setdefault(status, {}).setdefault(field, []).append(row.fiscal_year)
    if shaky:
        parts = [
            f"{status}: "
            + ", ".join(
                f"{field.replace('_', ' ')} FY{year_list(years)}" for field, years in fields.items()
            )
            for status, fields in shaky.items()
        ]
        notes.append(f"{MARK} not confirmed in the company's own filing: " + "; ".join(parts) + ".")
    return notes + result.notes


def companies_view(result: CompaniesResult, s: Style) -> list[RenderableType]:
    table = new_table(
        s.t("Companies in the dataset"), "Fiscal years: those with a record in the data."
    )
    headers = ("ID", "Name", "中文", "Group", "Region", "Currency", "FY end", "Fiscal years")
    for header in (*headers, "Aliases"):
        table.add_column(s.t(header), no_wrap=header not in ("Aliases", "Name"))
    for c in result.companies:
        years = f"{min(c.fiscal_years)}-{max(c.fiscal_years)}" if c.fiscal_years else DASH
        table.add_row(
            c.id,
            c.name,
            c.name_zh,
            c.group or DASH,
            c.region,
            c.currency,
            c.fiscal_year_end,
            years,
            ", ".join(c.aliases),
        )
    return [table]


def sources_view(result: SourcesResult, s: Style) -> list[RenderableType]:
    return tables_with_notes([sources_table(result, s)], sources_notes(result))


def sources_table(
    result: SourcesResult, s: Style, title: str = "Sources: every number in the data"
) -> Table:
    table = new_table(s.t(title))
    for header in ("Company", "FY", "Field", "Value", "Currency", "Status", "Source"):
        table.add_column(
            s.t(header),
            justify="right" if header in ("FY", "Value") else "left",
            no_wrap=header != "Source",
        )
    for row in result.root:
        value = f"{row.value:g}" if row.kind == "fx" else s.amount(row.value)
        if row.kind == "guidance":
            high = "+" if row.high is None else f"-{s.amount(row.high)}"
            value = s.amount(row.value) if row.high == row.value else f"{value}{high}"
        field = row.field.replace("_", " ")
        if row.kind == "guidance" and row.date is not None:
            field += f" ({row.date.isoformat()})"
        table.add_row(
            row.company or "FX",
            str(row.fiscal_year),
            field,
            value,
            row.currency,
            row.status,
            row.source or DASH,
        )
    return table


def sources_notes(result: SourcesResult) -> list[str]:
    rows = result.root
    if not rows:
        return ["No numbers match."]
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    summary = ", ".join(f"{status} {n}" for status, n in counts.items())
    return [
        f"{len(rows)} numbers: {summary}. Values in millions of the currency shown; FX in CNY "
        "per USD.",
        "confirmed = read in the company's own document, which the source names; derived = "
        "arithmetic on such figures (see the note in --json); aggregator = a third-party data "
        "site or report; unconfirmed = no source could back it (the note says why).",
    ]


def validate_view(result: ValidateResult, s: Style) -> list[RenderableType]:
    lines: list[RenderableType] = [
        Text(
            f"{result.file}: valid: {result.companies} companies, {result.fiscal_years} fiscal "
            f"years, {result.figures} figures ({result.confirmed} confirmed), "
            f"{result.fx_rates} FX rates"
        )
    ]
    if result.warnings:
        count = len(result.warnings)
        lines.append(
            Text(f"{count} warning{'s' if count != 1 else ''} (--strict makes them errors):")
        )
        for w in result.warnings:
            where = f"{result.file}:{w.line}" if w.line is not None else result.file
            lines.append(Text(f"  {where}: {w.path}: {w.message}"))
    return lines
