"""``capex chart``: two bars per year that read in 80 columns and without colour."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text

from ..results import ChartResult
from .as_of_note import as_of_short
from .compare_view import group_labels
from .style import DASH, Style, one_to, percent

CHART_WIDTH = 40
BARS = {"us": "█", "cn": "▒"}
BAR_STYLES = {"us": "blue", "cn": "red"}


def chart_view(result: ChartResult, s: Style) -> list[RenderableType]:
    """Horizontal bars, two per year, scaled to the largest value; the two groups differ by
    their characters as well as their colours, so a plain terminal reads it too."""
    percent_metric = result.metric != "capex"
    values = [v for row in result.years for v in (row.us, row.cn) if v is not None]
    top = max(values, default=0) or 1
    counts = {
        g: result.years[0].coverage[g].members if result.years and result.years[0].coverage else 0
        for g in ("us", "cn")
    }
    narrowed = any(result.dropped.values())
    labels = group_labels(result.groups, s)
    title = {
        "capex": s.t(
            "Capex: US ({us}) vs China ({cn}), like for like", us=counts["us"], cn=counts["cn"]
        )
        if narrowed
        else s.t("Capex: {us} vs {cn}", us=labels["us"], cn=labels["cn"]),
        "capex_to_ocf": "Capex / operating cash flow: US vs China",
        "returns_to_capex": "Shareholder returns / capex: US vs China",
    }[result.metric]
    head = title if percent_metric else f"{title} ({s.unit_label(result.currency)})"
    lines: list[RenderableType] = [Text(head), Text("")]
    partial = False
    for row in result.years:
        for group in ("us", "cn"):
            value = getattr(row, group)
            label = str(row.year) if group == "us" else ""
            cover = row.coverage.get(group)
            whole = cover is None or cover.complete
            partial = partial or not whole
            line = Text(f"{label:<5}{group.upper()} ")
            if value is None:
                line.append(DASH)
            else:
                length = max(0, round(CHART_WIDTH * max(value, 0) / top))
                line.append(BARS[group] * length, style=BAR_STYLES[group])
                shown = percent(value) if percent_metric else s.amount(value)
                line.append(
                    f" {shown}" if whole else f" [{shown}] {cover.reported}/{cover.members}"
                )  # type: ignore[union-attr]
                if group == "us" and row.ratio is not None and not percent_metric:
                    ratio_text = one_to(row.ratio)
                    line.append(f"   CN : US {ratio_text if row.complete else f'[{ratio_text}]'}")
            lines.append(line)
    lines.append(Text(""))
    if narrowed:
        legend = f"{BARS['us']} US ({counts['us']})   {BARS['cn']} China ({counts['cn']})"
    else:
        legend = f"{BARS['us']} {labels['us']}   {BARS['cn']} {labels['cn']}"
    lines.append(Text(f"{legend} · years: {result.align} alignment (see capex compare)"))
    lines.append(Text(as_of_short(result.as_of, s)))
    if narrowed:
        dropped = "; ".join(f"{g} {', '.join(ids)}" for g, ids in result.dropped.items() if ids)
        lines.append(Text(f"like for like: the same companies every year; dropped: {dropped}"))
    if partial:
        lines.append(
            Text(
                "[ ] = partial: the group misses members that year (reported/members), so the "
                "bars and the ratio are not comparable"
            )
        )
    return lines
