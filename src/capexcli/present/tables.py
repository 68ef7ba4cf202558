"""Tables and footnotes of company, companies, sources and validate."""

from __future__ import annotations

import datetime as dt

from rich.cells import cell_len
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from capexcli.present.as_of_note import as_of_note
from capexcli.present.catalog import ALIGN_ZH, translate_message
from capexcli.present.console import (
    Cell,
    Marked,
    Row,
    fitted,
    notes_text,
    paragraph,
    render_lines,
    tables_with_notes,
)
from capexcli.present.style import DASH, MARK, Style, percent, signed_percent, year_list
from capexcli.results import (
    AsOf,
    CompaniesResult,
    CompanyResult,
    CompanyYear,
    SourceRow,
    SourcesResult,
    ValidateResult,
    VersionInfo,
)


def field_name(field: str, s: Style) -> str:
    """``operating_cash_flow`` -> ``operating cash flow`` (or its Chinese)."""
    return s.t(field.replace("_", " "))


def company_view(result: CompanyResult, s: Style) -> list[RenderableType]:
    return tables_with_notes(company_table(result, s), company_notes(result, s), s.width)


def company_table(result: CompanyResult, s: Style) -> list[RenderableType]:
    info = result.company
    names = f"{info.name_zh} ({info.name})" if s.lang == "zh" else f"{info.name} ({info.name_zh})"
    title = (
        f"{names} · {info.region} · {s.t('fiscal year ends')} {info.fiscal_year_end}"
        f" · {s.unit_label(result.currency)}"
    )
    rows: list[Row] = []
    moved = _restated(result)
    # The company's own headline capex, where the data has it, beside the cash-flow basis.
    headline = any(r.headline_capex is not None for r in result.years)
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
            *([cell("headline_capex")] if headline else []),
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
        *(["Headline\ncapex"] if headline else []),
        "Operating\ncash flow",
        "Buybacks",
        "Dividends",
        "Debt\nrepaid",
        "Capex/\nOCF",
        "Returns/\ncapex",
        "Capex\ngrowth",
    ]
    return fitted(s.width, title, s.t("FY"), [s.t(h) for h in headers], rows, s.t("(continued)"))


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
    "headline_capex": "headline capex",
}


def company_notes(result: CompanyResult, s: Style) -> list[str]:
    """The company's footnotes; the data's own words (the capex basis, notes) as written, in
    Chinese where the data gives them in Chinese (the lines stay as printed)."""
    notes = []
    basis = result.company.capex_basis
    if basis is not None:
        zh = s.lang == "zh"
        text = s.t(
            "Capex basis, every year: {label} ({lines}).",
            label=(basis.label_zh or basis.label) if zh else basis.label,
            lines=" + ".join(basis.lines),
        )
        note = (basis.note_zh or basis.note) if zh else basis.note
        notes.append(f"{text}{'' if zh else ' '}{note}" if note else text)
    elif result.company.capex_definition:
        notes.append(s.t("Capex: {definition}", definition=result.company.capex_definition))
    headline = [
        f"FY{r.fiscal_year} {s.amount(r.headline_capex)}"
        for r in result.years
        if r.headline_capex is not None
    ]
    if headline:
        notes.append(
            s.t(
                "Headline capex = the company's own capex measure as it reports it, wider than "
                "the cash-flow basis (Capex); not used in any ratio: {values}. `capex sources "
                "{id} --field headline_capex` names the document.",
                values=", ".join(headline),
                id=result.company.id,
            )
        )
    net = [
        f"FY{r.fiscal_year} {s.amount(r.capex - r.capex_proceeds)}"
        for r in result.years
        if r.capex is not None and r.capex_proceeds is not None
    ]
    if net:
        notes.append(
            s.t(
                "Capex net of proceeds from property and equipment sales and incentives "
                "(recorded beside the gross line): {net}.",
                net=", ".join(net),
            )
        )
    notes += restatement_notes(result, s)
    moved = [
        f"FY{r.fiscal_year} -> {r.comparison_year}"
        for r in result.years
        if r.comparison_year != r.fiscal_year
    ]
    if moved:
        notes.append(
            s.t(
                "Compared as: {moved} ({align} alignment: {rule}).",
                moved=", ".join(moved),
                align=result.align,
                rule=result.align_rule,
                rule_zh=ALIGN_ZH.get(result.align, result.align),
            )
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
            f"{s.t(status)}: "
            + ", ".join(
                f"{field_name(field, s)} FY{year_list(years)}" for field, years in fields.items()
            )
            for status, fields in shaky.items()
        ]
        notes.append(
            s.t(
                "{mark} not confirmed in the company's own filing: {parts}.",
                mark=MARK,
                parts="; ".join(parts),
            )
        )
    return notes + result.notes


def companies_view(result: CompaniesResult, s: Style) -> list[RenderableType]:
    headers = ("Name", "中文", "Group", "Region", "Currency", "FY end", "Fiscal years", "Aliases")
    rows: list[Row] = []
    for c in result.companies:
        years = f"{min(c.fiscal_years)}-{max(c.fiscal_years)}" if c.fiscal_years else DASH
        cells: list[Cell] = [
            c.id,
            c.name,
            c.name_zh,
            c.group or DASH,
            c.region,
            c.currency,
            c.fiscal_year_end,
            years,
            ", ".join(c.aliases),
        ]
        rows.append((cells, False))
    tables = fitted(
        s.width,
        s.t("Companies in the dataset"),
        s.t("ID"),
        [s.t(h) for h in headers],
        rows,
        s.t("(continued)"),
        ["left"] * len(headers),
        wrap_last=16,
    )
    return tables_with_notes(
        tables, [s.t("Fiscal years: those with a record in the data.")], s.width
    )


def sources_view(result: SourcesResult, s: Style, view: str | None = None) -> list[RenderableType]:
    """The summary first, then the numbers: one line each with ``view`` ``compact``, else each
    with its source (beside it when the page is wide enough, else under it)."""
    notes = sources_all_notes(result, s)
    lead = [paragraph(s.t("Sources: every number in the data"), s.width, indent=""), Text("")]
    lead += notes_text(notes[:1], s.width)
    if not result.root:
        return lead
    body = sources_table(result, s, compact=view == "compact")
    return [*lead, Text(""), *body, *notes_text(notes[1:], s.width)]


def sources_all_notes(result: SourcesResult, s: Style) -> list[str]:
    """The summary, the versions of restated figures, and which versions the rows are."""
    notes = sources_notes(result, s)[:1] + years_notes(result, s) + sources_notes(result, s)[1:]
    notes += version_notes(result, s)
    if result.root:
        notes.append(as_of_note(as_of_of(result.root[0].as_of), s))
    return notes


def years_notes(result: SourcesResult, s: Style) -> list[str]:
    """Which kind of year chose the rows: the company's fiscal year, or the comparison year
    compare counts a figure in (they differ for Alibaba's and Microsoft's years)."""
    by = {r.selected_by for r in result.root} - {None}
    if not by:
        return []
    if by == {"fiscal_year"}:
        return [
            s.t(
                "Chosen by fiscal year (--year): FY is the company's own fiscal year. "
                "--comparison-year chooses by the calendar year `capex compare` counts a "
                "figure in."
            )
        ]
    years = [r.comparison_year for r in result.root if r.comparison_year is not None]
    return [
        s.t(
            "Chosen by comparison year {years} (--comparison-year): the figures `capex compare` "
            "counts in it; FY is each company's own fiscal year.",
            years=year_list(years),
        )
    ]


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


_SOURCE_HEADERS = ("FY", "Field", "Value", "Currency", "Status")


def _source_cells(row: SourceRow, s: Style) -> list[Cell]:
    value = f"{row.value:g}" if row.kind == "fx" else s.amount(row.value)
    if row.kind == "guidance":
        high = "+" if row.high is None else f"-{s.amount(row.high)}"
        value = s.amount(row.value) if row.high == row.value else f"{value}{high}"
    if len(row.versions) > 1:
        value += RESTATED
    field = field_name(row.field, s)
    if row.kind == "guidance" and row.date is not None:
        field += f" ({row.date.isoformat()})"
    return [row.company or "FX", str(row.fiscal_year), field, value, row.currency, s.t(row.status)]


def sources_table(
    result: SourcesResult, s: Style, title: str | None = None, compact: bool = False
) -> list[RenderableType]:
    """Every number with its status, and its source: in a last column that wraps if the page
    has room for one 40 columns wide, else on the lines under the number (``compact``: not
    at all, one line a number). Too narrow for the columns, a number is a line of words."""
    headers = [s.t(h) for h in _SOURCE_HEADERS]
    justify = ["right", "left", "right", "left", "left"]
    rows: list[Row] = [(_source_cells(row, s), False) for row in result.root]
    head = None if title is None else s.t(title)
    first = s.t("Company")
    with_source: list[Row] = [
        ([*cells, row.source or DASH], False)
        for (cells, _), row in zip(rows, result.root, strict=True)
    ]
    whole = fitted(
        s.width,
        head,
        first,
        [*headers, s.t("Source")],
        with_source,
        s.t("(continued)"),
        [*justify, "left"],
        wrap_last=40,
    )
    if sum(isinstance(item, Table) for item in whole) == 1 and not compact:
        return whole
    # No room beside the numbers: each source on the lines under its number.
    table = fitted(100_000, None, first, headers, rows, justify=justify)[0]
    assert isinstance(table, Table)
    lines = render_lines(table)
    if max(cell_len(line) for line in lines[:1] + lines[2:]) > s.width:
        # Too narrow for the columns: each number as a line of words, wrapped.
        lines = ["", ""] + [
            s.t(
                "{company} {year} {field}: {value} {currency}, {status}",
                company=cells[0],
                year=cells[1],
                field=cells[2],
                value=cells[3],
                currency=cells[4],
                status=cells[5],
            )
            for cells, _ in rows
        ]
    shown: list[RenderableType] = []
    if head is not None:
        shown += [paragraph(head, s.width, indent=""), Text("")]
    shown += [Text(line) for line in lines[:2] if line]
    for line, row in zip(lines[2:], result.root, strict=True):
        shown.append(paragraph(line, s.width, indent="  "))
        if not compact:
            shown.append(paragraph(row.source or DASH, s.width, first="    ", indent="    "))
    shown.append(Text(""))
    return shown


def sources_notes(result: SourcesResult, s: Style) -> list[str]:
    rows = result.root
    if not rows:
        return [s.t("No numbers match.")]
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    summary = ", ".join(f"{s.t(status)} {n}" for status, n in counts.items())
    return [
        s.t(
            "{count} numbers: {summary}. Values in millions of the currency shown; FX in CNY "
            "per USD.",
            count=len(rows),
            summary=summary,
        ),
        s.t(
            "confirmed = read in the company's own document, which the source names; derived = "
            "arithmetic on such figures (see the note in --json); aggregator = a third-party "
            "data site or report; unconfirmed = no source could back it (the note says why)."
        ),
    ]


def validate_view(result: ValidateResult, s: Style) -> list[RenderableType]:
    lines: list[RenderableType] = [
        paragraph(
            s.t(
                "{file}: valid: {companies} companies, {years} fiscal years, {figures} figures "
                "({confirmed} confirmed), {fx} FX rates",
                file=result.file,
                companies=result.companies,
                years=result.fiscal_years,
                figures=result.figures,
                confirmed=result.confirmed,
                fx=result.fx_rates,
            ),
            s.width,
        )
    ]
    if result.warnings:
        count = len(result.warnings)
        template = (
            "{count} warning (--strict makes them errors):"
            if count == 1
            else "{count} warnings (--strict makes them errors):"
        )
        lines.append(paragraph(s.t(template, count=count), s.width))
        for w in result.warnings:
            where = f"{result.file}:{w.line}" if w.line is not None else result.file
            message = translate_message(w.message) if s.lang == "zh" else w.message
            lines.append(paragraph(f"{where}: {w.path}: {message}", s.width, "  ", "    "))
    return lines
