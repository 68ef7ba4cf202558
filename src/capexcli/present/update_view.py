"""The table of ``capex update``: a table per company (what changes, then the unchanged
counted), the Hong Kong companies' missing years, then a summary naming the files.

Plain columns, not a Rich table: an accession number and a date must never wrap, and the
widest row (a debt repayment difference in the billions) fits 80 columns.
"""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text

from capexcli.present.style import Style
from capexcli.results import UpdateCompany, UpdateResult, UpdateRow

_FIELDS = {
    "capex": "capex",
    "operating_cash_flow": "OCF",
    "buybacks": "buybacks",
    "dividends": "dividends",
    "debt_repayment": "debt",
}
_STYLES = {"new": "green", "restated": "yellow", "confirms": "cyan", "differs": "bold red"}


def _counts(c: UpdateCompany | UpdateResult, s: Style) -> str:
    n = c.counts if isinstance(c, UpdateCompany) else c.summary
    return s.t(
        "{new} new, {restated} restated, {confirms} confirms, {differs} differs, "
        "{unchanged} unchanged",
        new=n.new,
        restated=n.restated,
        confirms=n.confirms,
        differs=n.differs,
        unchanged=n.unchanged,
    )


def _row(row: UpdateRow, s: Style) -> Text:
    data = s.amount(row.value) if row.value is not None else "-"
    mark = "" if row.written or row.category == "unchanged" else " ×"
    line = (
        f"  {row.fiscal_year:<5}{s.t(_FIELDS.get(row.field, row.field)):<10}"
        f"{s.t(row.category):<9}{data:>9} {s.amount(row.filed_value):>9}  "
        f"{row.accession} {row.filed.isoformat()}{mark}"
    )
    return Text(line, style=_STYLES.get(row.category, ""))


def _company(c: UpdateCompany, s: Style) -> list[RenderableType]:
    who = f"{c.entity_name} (CIK {c.cik})" if c.cik is not None else c.entity_name
    lines: list[RenderableType] = [
        Text(f"{c.company}: {who}, {s.unit_label(c.currency)}", style="bold"),
        # The path on a line of its own: it is as long as it is.
        Text(f"  {c.source}"),
    ]
    changes = [r for r in c.rows if r.category != "unchanged"]
    if changes:
        head = (
            f"  {s.t('FY'):<5}{s.t('measure'):<10}{s.t('what'):<9}"
            f"{s.t('data'):>9} {s.t('filed'):>9}  {s.t('filing (accession, date)')}"
        )
        lines.append(Text(head, style="bold"))
        lines += [_row(r, s) for r in changes]
    lines.append(Text("  " + _counts(c, s)))
    lines += [Text("  " + s.t("note: {note}", note=_note(note, s))) for note in c.notes]
    return lines


def _note(note: str, s: Style) -> str:
    """A note of the core (English, as in the JSON) in the table's language."""
    if s.lang != "zh":
        return note
    from capexcli.present.catalog import translate_message

    return translate_message(note)


def _years(years: list[int]) -> str:
    """FY2020-FY2023, FY2025: runs of consecutive years as ranges."""
    runs: list[list[int]] = []
    for year in years:
        if runs and year == runs[-1][-1] + 1:
            runs[-1].append(year)
        else:
            runs.append([year])
    return ", ".join(f"FY{r[0]}" + (f"-FY{r[-1]}" if len(r) > 1 else "") for r in runs)


def update_view(result: UpdateResult, s: Style) -> list[RenderableType]:
    lines: list[RenderableType] = []
    for company in result.companies:
        lines += _company(company, s)
        lines.append(Text(""))
    if result.hong_kong:
        lines.append(
            Text(s.t("Listed in Hong Kong only: read these in the company's reports"), style="bold")
        )
        for hk in result.hong_kong:
            parts = []
            if hk.missing:
                parts.append(s.t("missing {years}", years=_years(hk.missing)))
            if hk.unconfirmed:
                parts.append(
                    s.t("capex or OCF not confirmed: {years}", years=_years(hk.unconfirmed))
                )
            shown = "; ".join(parts) if parts else s.t("up to date")
            lines.append(Text(f"  {hk.company} ({hk.stock_code}): {shown}"))
            if hk.latest_report is not None:
                report = hk.latest_report
                lines.append(
                    Text(
                        "    "
                        + s.t(
                            "latest annual report: {title}, published {date}",
                            title=report.title,
                            date=report.published.isoformat(),
                        )
                    )
                )
                # The address whole on its own line (HKEXnews's are 77 characters), then the
                # command that reads it.
                lines.append(Text(f"  {report.url}"))
                lines.append(Text(f"    capex import report URL --company {hk.company} --into"))
            elif hk.search_note is not None:
                lines.append(Text("    " + _note(hk.search_note, s)))
        if any(hk.missing or hk.unconfirmed for hk in result.hong_kong):
            lines.append(
                Text("  " + s.t("search HKEXnews by stock code, then: capex import report PDF"))
            )
            lines.append(Text(f"  {result.hong_kong[0].search_url}"))
        lines.append(Text(""))
    lines.append(Text(s.t("Summary: {counts}", counts=_counts(result, s)), style="bold"))
    if any(not r.written and r.category == "differs" for c in result.companies for r in c.rows):
        lines.append(Text(s.t("× not written: --force overwrites a figure the filings contradict")))
    lines += [Text(s.t("note: {note}", note=_note(note, s))) for note in result.notes]
    lines.append(Text(s.t("read: {path}", path=result.read)))
    if result.dry_run:
        state = s.t("dry run, nothing written")
    elif result.written:
        state = s.t("written")
    else:
        state = s.t("not changed")
    lines.append(Text(s.t("into: {path} ({state})", path=result.into, state=state)))
    return lines
