"""Tables and footnotes of company, companies, sources and validate."""

from __future__ import annotations

import datetime as dt

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from ..results import (
    AsOf,
    CompaniesResult,
    CompanyResult,
    CompanyYear,
    SourcesResult,
    ValidateResult,
    VersionInfo,
)
from .as_of_note import as_of_note
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
    moved = _restated(result)
    for row in result.years:

        def cell(field: str, row: CompanyYear = row) -> Marked:
            shaky = row.status.get(field, "confirmed") != "confirmed"
            text = s.amount(getattr(row, field))
            if (row.fiscal_year, field) in moved:
                text += RESTATED
            return Marked(text, shaky)

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


#: Marks a value that a filing restated (or, --as-of, that a later filing restates).
RESTATED = "†"


def _restated(result: CompanyResult) -> set[tuple[int, str]]:
    """(fiscal year, field) of each value with a restatement to mark."""
    marked = {(r.fiscal_year, f) for r in result.years for f, v in r.versions.items() if v}
    company = result.company.id
    marked |= {
        (m.fiscal_year, m.field) for m in result.as_of.restated_since if m.company == company
    }
    return marked


def _filing(v: VersionInfo, s: Style) -> str:
    """Where and when a version was filed, in a few words."""
    where = v.document.id if v.document is not None else (v.source or "?")
    when = v.date.isoformat()
    if v.date_assumed:
        return s.t("{where} (no filing date; taken as {date})", where=where, date=when)
    return s.t("{where}, filed {date}", where=where, date=when)


def _change(old: float, new: float, s: Style) -> str:
    """``new`` against ``old``: the difference and, where it means something, the percent."""
    diff = new - old
    sign = "+" if diff >= 0 else "-"
    text = f"{sign}{s.amount(abs(diff))}"
    if old:
        text += f", {sign}{abs(diff) / abs(old) * 100:.1f}%"
    return text


def restatement_notes(result: CompanyResult, s: Style) -> list[str]:
    """One note per restated value: the values, by how much, and the filings."""
    notes = []
    for row in result.years:
        for field, versions in row.versions.items():
            latest = versions[-1]
            for old in versions[:-1]:
                text = s.t(
                    "{mark} {field} FY{fy}: {new} ({new_filing}) restates {old} ({old_filing}): "
                    "{change}",
                    mark=RESTATED,
                    field=s.t(FIELD_NAMES.get(field, field)),
                    fy=row.fiscal_year,
                    new=s.amount(latest.value),
                    new_filing=_filing(latest, s),
                    old=s.amount(old.value),
                    old_filing=_filing(old, s),
                    change=_change(old.value, latest.value, s),
                )
                notes.append(text + (f"; {old.note}." if old.note else "."))
    for m in result.as_of.restated_since:
        if m.company != result.company.id:
            continue
        notes.append(
            s.t(
                "{mark} {field} FY{fy}: {old} as of this date; {filing}, filed {date}, "
                "restates it to {new} ({change}).",
                mark=RESTATED,
                field=s.t(FIELD_NAMES.get(m.field, m.field)),
                fy=m.fiscal_year,
                old=s.amount(m.value),
                filing=m.latest_document or "?",
                date=m.latest_date.isoformat(),
                new=s.amount(m.latest),
                change=_change(m.value, m.latest, s),
            )
        )
    return notes


#: Field names in notes.
FIELD_NAMES: dict[str, str] = {
    "capex": "capex",
    "operating_cash_flow": "operating cash flow",
    "buybacks": "buybacks",
    "dividends": "dividends",
    "debt_repayment": "debt repaid",
    "capex_proceeds": "capex proceeds",
}


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
    notes += restatement_notes(result, s)
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
    notes.append(as_of_note(result.as_of, s))
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
    notes = sources_notes(result) + version_notes(result, s)
    if result.root:
        notes.append(as_of_note(as_of_of(result.root[0].as_of), s))
    return tables_with_notes([sources_table(result, s)], notes)


def as_of_of(label: str) -> AsOf:
    """The :class:`AsOf` a sources row's ``as_of`` label stands for."""
    if label == "first-reported":
        return AsOf(first_reported=True)
    return AsOf() if label == "latest" else AsOf(date=dt.date.fromisoformat(label))


def version_notes(result: SourcesResult, s: Style) -> list[str]:
    """Every filed version of each figure that has more than one."""
    notes = []
    for row in result.root:
        if len(row.versions) < 2:
            continue
        listed = "; ".join(f"{s.amount(v.value)} ({_filing(v, s)})" for v in reversed(row.versions))
        field = s.t(FIELD_NAMES.get(row.field, row.field))
        notes.append(
            s.t(
                "{mark} {company} {field} FY{fy}, every filed version, latest first: {listed}.",
                mark=RESTATED,
                company=row.company,
                field=field,
                fy=row.fiscal_year,
                listed=listed,
            )
        )
    return notes


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
        if len(row.versions) > 1:
            value += RESTATED
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
