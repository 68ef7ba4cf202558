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

from capexcli.present.style import Style
from capexcli.results import VerifyResult, VerifyRow

_FIELD_NAMES = {
    "capex": "capex",
    "operating_cash_flow": "OCF",
    "buybacks": "buybacks",
    "dividends": "dividends",
}


def _amount(value: float | None, s: Style) -> str:
    return s.amount(value) if value is not None else "-"


def _figure(row: VerifyRow, s: Style) -> str:
    return f"{row.company} FY{row.fiscal_year} {s.t(_FIELD_NAMES.get(row.field, row.field))}"


def _filing(form: str | None, accession: str | None, filed: date | None, s: Style) -> str:
    return s.t(
        "{form} {accession} filed {date}",
        form=form,
        accession=accession,
        date=filed.isoformat() if filed else "?",
    )


def _detail(row: VerifyRow, s: Style) -> list[Text]:
    flag = "" if row.status == "confirmed" else f" ({s.t(row.status)})"
    head = "  " + s.t(
        "{figure}{flag}: data {value}, filed {filed}",
        figure=_figure(row, s),
        flag=flag,
        value=_amount(row.value, s),
        filed=_amount(row.filed_value, s),
    )
    lines = [
        Text(head, style="bold red" if row.outcome == "differs" else "yellow"),
        Text(f"      {_filing(row.form, row.accession, row.filed, s)}"),
    ]
    for other in row.other_filings:
        lines.append(
            Text(
                "      "
                + s.t(
                    "earlier {value}: {filing}",
                    value=_amount(other.value, s),
                    filing=_filing(other.form, other.accession, other.filed, s),
                )
            )
        )
    return lines


def _compact(rows: list[VerifyRow], s: Style) -> list[Text]:
    """One line per company and field: the fiscal years, oldest first."""
    years: dict[tuple[str, str], list[str]] = defaultdict(list)
    for row in rows:
        years[(row.company, row.field)].append(f"{row.fiscal_year}{'*' if row.promotable else ''}")
    return [
        Text(f"  {company} {s.t(_FIELD_NAMES.get(field, field))}: {' '.join(listed)}")
        for (company, field), listed in years.items()
    ]


def verify_view(result: VerifyResult, s: Style) -> list[RenderableType]:
    n = result.summary
    currencies = {r.company: r.currency for r in result.rows}
    lines: list[RenderableType] = [Text(s.t("SEC company facts:"))]
    for f in result.files:
        unit = s.unit_label(currencies.get(f.company, "USD"))
        # The path on a line of its own: it is as long as it is, the rest fits 80 columns.
        lines += [Text(f"  {f.company}: {f.entity_name}, {unit}"), Text(f"    {f.file}")]
    lines.append(
        Text(
            s.t(
                "{match} match, {differs} differ, {restated} restated, {absent} not in facts, "
                "{promotable} promotable",
                match=n.match,
                differs=n.differs,
                restated=n.restated,
                absent=n.not_in_facts,
                promotable=n.promotable,
            ),
            style="bold",
        )
    )
    for outcome, title in (("differs", "Differ"), ("restated", "Restated")):
        picked = [r for r in result.rows if r.outcome == outcome]
        if picked:
            lines.append(Text(s.t(f"{title}:"), style="bold"))
            for row in picked:
                lines += _detail(row, s)
    matched = [r for r in result.rows if r.outcome == "match"]
    if matched:
        title = "Match (* not confirmed in the data: promotable):" if n.promotable else "Match:"
        lines.append(Text(s.t(title), style="bold"))
        lines += _compact(matched, s)
        nil = [r for r in matched if r.note]
        if nil:
            lines.append(
                Text("  " + s.t("of which nil, the period's annual filings having no such line:"))
            )
            lines += [Text("  " + line.plain) for line in _compact(nil, s)]
    absent = [r for r in result.rows if r.outcome == "not in facts"]
    if absent:
        lines.append(Text(s.t("Not in facts:"), style="bold"))
        lines += _compact(absent, s)
    if n.confirmed_differs:
        lines.append(
            Text(
                s.t(
                    "{count} confirmed figure(s) differ from the filings: exit 1",
                    count=n.confirmed_differs,
                )
            )
        )
    return lines
