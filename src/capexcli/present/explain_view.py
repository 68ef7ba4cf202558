"""``capex explain``: one table per group cell, its rows adding up to the cell, then where
each figure was read."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text

from capexcli.present.as_of_note import as_of_note
from capexcli.present.compare_view import fx_source, shares_note, years_note
from capexcli.present.console import Marked, Row, fitted, notes_text, paragraph
from capexcli.present.style import DASH, MARK, Style, one_to, percent
from capexcli.present.tables import field_name
from capexcli.results import ExplainCell, ExplainResult, ExplainRow

#: The measure as a title names it.
MEASURE_TITLES = {
    "capex": "Capex",
    "operating_cash_flow": "Operating cash flow",
    "returns": "Shareholder returns (buybacks + dividends)",
}


def explain_view(result: ExplainResult, s: Style) -> list[RenderableType]:
    shown: list[RenderableType] = []
    for cell in result.cells:
        shown += _cell_table(result, cell, s)
    if result.us_to_cn_capex_ratio is not None or result.ratio_complete is not None:
        ratio = one_to(result.us_to_cn_capex_ratio)
        ratio = ratio if result.ratio_complete else f"[{ratio}]"
        shown += [
            paragraph(
                s.t("CN : US {year}: {ratio}", year=result.year, ratio=ratio), s.width, indent=""
            ),
            Text(""),
        ]
    return [*shown, *notes_text(explain_notes(result, s), s.width)]


def _label(cell: ExplainCell, s: Style) -> str:
    return (cell.label_zh or cell.label) if s.lang == "zh" else cell.label


def _cell_table(result: ExplainResult, cell: ExplainCell, s: Style) -> list[RenderableType]:
    value = s.amount(cell.value)
    if cell.not_confirmed_share:
        value += MARK
    if not cell.complete:
        value = f"[{value}]"
    title = s.t(
        "{measure} {year}, {group} ({unit}): {value}",
        measure=s.t(MEASURE_TITLES[result.measure]),
        year=result.year,
        group=_label(cell, s),
        unit=s.unit_label(result.currency),
        value=value,
    )
    if not cell.complete:
        title += " " + s.t(
            "(partial: {reported} of {members} members; not comparable)",
            reported=cell.reported,
            members=cell.members,
        )
    rows: list[Row] = [(_cells(row, s), False) for row in cell.rows]
    rows.append(
        (
            [
                s.t("total"),
                "",
                "",
                "",
                "",
                Marked(s.amount(cell.rows_total), bool(cell.not_confirmed_share)),
                "",
            ],
            True,
        )
    )
    headers = [s.t("FY"), s.t("Months"), s.t("Value"), "FX", result.currency, s.t("Status")]
    justify = ["right", "left", "right", "right", "right", "left"]
    return fitted(s.width, title, s.t("Company"), headers, rows, s.t("(continued)"), justify)


def _cells(row: ExplainRow, s: Style) -> list[str | Marked]:
    if row.fiscal_year is None:
        return [row.company, DASH, DASH, DASH, DASH, DASH, s.t("no record")]
    months = f"{row.first_month}..{row.last_month}"
    if row.value is None:
        return [row.company, str(row.fiscal_year), months, DASH, DASH, DASH, s.t("missing")]
    value = f"{s.amount(row.value)} {row.currency}"
    rate = DASH if row.fx_rate is None else f"{row.fx_rate:g}"
    converted = Marked(s.amount(row.converted), row.status != "confirmed")
    return [
        row.company,
        str(row.fiscal_year),
        months,
        value,
        rate,
        converted,
        s.t(row.status or DASH),
    ]


def explain_notes(result: ExplainResult, s: Style) -> list[str]:
    notes = [
        s.t(
            "The rows add up to the cell of `capex compare`; a member with no figure is left "
            "out of it (never counted as zero) and the cell is then [partial]."
        ),
        years_note(result.align, result.align_rule, s),
    ]
    if result.fx is not None:
        if result.fx.status == "override":
            notes.append(s.t("FX: {rate} CNY per USD for every year (--fx).", rate=result.fx.rate))
        else:
            notes.append(
                s.t(
                    "FX {year}: {rate} CNY per USD (annual average, {status}). Source: {source}.",
                    year=result.fx.year,
                    rate=result.fx.rate,
                    status=s.t(result.fx.status),
                    source=fx_source([result.fx], s),
                )
            )
    shares = [
        f"{_label(c, s)} {percent(c.not_confirmed_share)}"
        for c in result.cells
        if c.not_confirmed_share
    ]
    notes += shares_note(
        shares, "{mark} not confirmed in a company's own filing; share of the cell: {shares}.", s
    )
    if any(result.dropped.values()):
        dropped = "; ".join(
            f"{r} {', '.join(ids) or s.t('none')}" for r, ids in result.dropped.items()
        )
        notes.append(s.t("Like for like: dropped {dropped}.", dropped=dropped))
    notes.append(as_of_note(result.as_of, s))
    missing = [
        f"{row.company} "
        + (
            s.t("no record")
            if row.fiscal_year is None
            else f"FY{row.fiscal_year} " + ", ".join(field_name(f, s) for f in row.missing)
        )
        for cell in result.cells
        for row in cell.rows
        if row.value is None
    ]
    if missing:
        notes.append(
            s.t(
                "Missing (left out of the cell, never counted as zero): {missing}.",
                missing="; ".join(missing),
            )
        )
    for cell in result.cells:
        for row in cell.rows:
            for figure in row.figures:
                where = figure.source or DASH
                if figure.line:
                    where += s.t(', line "{line}"', line=figure.line)
                notes.append(
                    f"{row.company} FY{row.fiscal_year} {field_name(figure.field, s)} "
                    f"{s.amount(figure.value)}: {where}"
                )
    return notes
