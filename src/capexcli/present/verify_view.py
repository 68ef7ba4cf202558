"""The table of ``capex verify``: the summary, then what needs a look, then the rest.

Differences and restatements get a line each with both values and the filings; matches
and figures not in the facts are listed compactly, so that a company's six years fit on an
80-column screen.
"""

from __future__ import annotations

from collections import defaultdict

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


def _detail(row: VerifyRow, s: Style) -> list[Text]:
    filed = row.filed.isoformat() if row.filed else "?"
    flag = "" if row.status == "confirmed" else f" ({row.status})"
    head = (
        f"  {_figure(row)}{flag}: data {_amount(row.value, s)}, filed "
        f"{_amount(row.filed_value, s)} ({row.form} {row.accession}, {filed})"
    )
    lines = [Text(head, style="bold red" if row.outcome == "differs" else "yellow")]
    for other in row.other_filings:
        lines.append(
            Text(
                f"      earlier: {_amount(other.value, s)} ({other.form} {other.accession}, "
                f"{other.filed.isoformat()})"
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
    sources = "; ".join(f"{f.company}: {f.file} ({f.entity_name})" for f in result.files)
    lines: list[RenderableType] = [
        Text(f"SEC company facts: {sources}"),
        Text(
            f"{n.match} match, {n.differs} differ, {n.restated} restated, "
            f"{n.not_in_facts} not in facts, {n.promotable} promotable "
            f"(amounts in {s.unit_label(result.rows[0].currency) if result.rows else 'millions'})"
        ),
    ]
    for outcome, title in (("differs", "Differ"), ("restated", "Restated")):
        picked = [r for r in result.rows if r.outcome == outcome]
        if picked:
            lines.append(Text(f"{title}:", style="bold"))
            for row in picked:
                lines += _detail(row, s)
    matched = [r for r in result.rows if r.outcome == "match"]
    if matched:
        lines.append(Text("Match (* not confirmed in the data: promotable):", style="bold"))
        lines += _compact(matched)
    absent = [r for r in result.rows if r.outcome == "not in facts"]
    if absent:
        lines.append(Text("Not in facts:", style="bold"))
        lines += _compact(absent)
    if n.confirmed_differs:
        lines.append(
            Text(f"{n.confirmed_differs} confirmed figure(s) differ from the filings: exit 1")
        )
    return lines
