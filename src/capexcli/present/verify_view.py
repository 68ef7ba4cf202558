"""The table of ``capex verify``: the summary, then what needs a look, then the rest.

Differences and restatements get a line each with both values and the filings; matches
and figures not in the facts are listed compactly, so that a company's six years fit on an
80-column screen.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from rich.console import RenderableType
from rich.text import Text

from ..results import VerifyResult, VerifyRow
from .style import Style

_FIELD_NAMES = {
    "capex": "capex",
    "operating_cash_flow": "OCF",
    "buybacks": "buybacks",
    "dividends": "dividends",
}


def _amount(value: float | None, s: Style) -> str:
    return s.amount(value) if value is not None else "-"


def _figure(row: VerifyRow) -> str:
    return f"{row.company} FY{row.fiscal_year} {_FIELD_NAMES.get(row.field, row.field)}"


def _filing(form: str | None, accession: str | None, filed: date | None) -> str:
    return f"{form} {accession} filed {filed.isoformat() if filed else '?'}"


def _detail(row: VerifyRow, s: Style) -> list[Text]:
    flag = "" if row.status == "confirmed" else f" ({row.status})"
    head = (
        f"  {_figure(row)}{flag}: data {_amount(row.value, s)}, filed {_amount(row.filed_value, s)}"
    )
    lines = [
        Text(head, style="bold red" if row.outcome == "differs" else "yellow"),
        Text(f"      {_filing(row.form, row.accession, row.filed)}"),
    ]
    for other in row.other_filings:
        lines.append(
            Text(
                f"      earlier {_amount(other.value, s)}: "
                f"{_filing(other.form, other.accession, other.filed)}"
            )
        )
    return lines


def _compact(rows: list[VerifyRow]) -> list[Text]:
    """One line per company and field: the fiscal years, oldest first."""
    years: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in rows:
        years[(row.company, row.field)].append(f"{row.fiscal_year}{'*' if row.promotable else ''}")
    return [
        Text(f"  {company} {_FIELD_NAMES.get(field, field)}: {' '.join(listed)}")
        for (company, field), listed in years.items()
    ]


def verify_view(result: VerifyResult, s: Style) -> list[RenderableType]:
    n = result.summary
    currencies = {r.company: r.currency for r in result.rows}
    lines: list[RenderableType] = [Text("SEC company facts:")]
    for f in result.files:
        unit = s.unit_label(currencies.get(f.company, "USD"))
        # The path on a line of its own: it is as long as it is, the rest fits 80 columns.
        lines += [Text(f"  {f.company}: {f.entity_name}, {unit}"), Text(f"    {f.file}")]
    lines.append(
        Text(
            f"{n.match} match, {n.differs} differ, {n.restated} restated, "
            f"{n.not_in_facts} not in facts, {n.promotable} promotable",
            style="bold",
        )
    )
    for outcome, title in (("differs", "Differ"), ("restated", "Restated")):
        picked = [r for r in result.rows if r.outcome == outcome]
        if picked:
            lines.append(Text(f"{title}:", style="bold"))
            for row in picked:
                lines += _detail(row, s)
    matched = [r for r in result.rows if r.outcome == "match"]
    if matched:
        legend = " (* not confirmed in the data: promotable)" if n.promotable else ""
        lines.append(Text(f"Match{legend}:", style="bold"))
        lines += _compact(matched)
        nil = [r for r in matched if r.note]
        if nil:
            lines.append(Text("  of which nil, the period's annual filings having no such line:"))
            lines += [Text("  " + line.plain) for line in _compact(nil)]
    absent = [r for r in result.rows if r.outcome == "not in facts"]
    if absent:
        lines.append(Text("Not in facts:", style="bold"))
        lines += _compact(absent)
    if n.confirmed_differs:
        lines.append(
            Text(f"{n.confirmed_differs} confirmed figure(s) differ from the filings: exit 1")
        )
    return lines
