"""``capex chart``: two bars per year that read in 80 columns and without colour."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import RenderableType
from rich.text import Text

from capexcli.present.as_of_note import as_of_short
from capexcli.present.compare_view import group_labels
from capexcli.present.console import paragraph
from capexcli.present.style import DASH, Style, one_to, percent
from capexcli.results import ChartResult, ChartYear

CHART_WIDTH = 40
BARS = {"us": "█", "cn": "▒"}
BAR_STYLES = {"us": "blue", "cn": "red"}


def member_counts(result: ChartResult) -> dict[str, int]:
    """Members of each group (the first year's coverage says how many)."""
    first = result.years[0].coverage if result.years else {}
    return {g: first[g].members if g in first else 0 for g in ("us", "cn")}


def chart_title(result: ChartResult, s: Style) -> str:
    """What the chart compares: the groups' names (or their sizes, like for like)."""
    if result.metric != "capex":
        return {
            "capex_to_ocf": s.t("Capex / operating cash flow: US vs China"),
            "returns_to_capex": s.t("Shareholder returns / capex: US vs China"),
        }[result.metric]
    if any(result.dropped.values()):
        counts = member_counts(result)
        return s.t(
            "Capex: US ({us}) vs China ({cn}), like for like", us=counts["us"], cn=counts["cn"]
        )
    labels = group_labels(result.groups, s)
    return s.t("Capex: {us} vs {cn}", us=labels["us"], cn=labels["cn"])


def chart_view(result: ChartResult, s: Style) -> list[RenderableType]:
    """Horizontal bars, two per year, scaled to the largest value; the two groups differ by
    their characters as well as their colours, so a plain terminal reads it too."""
    percent_metric = result.metric != "capex"
    values = [v for row in result.years for v in (row.us, row.cn) if v is not None]
    top = max(values, default=0) or 1
    title = chart_title(result, s)
    head = title if percent_metric else f"{title} ({s.unit_label(result.currency)})"
    lines: list[RenderableType] = [paragraph(head, s.width, indent=""), Text("")]
    # The bars share the page with their labels: as long as 40 cells, shorter on a narrow page.
    longest = max(
        (cell_len(_suffix(r, g, s, percent_metric)) for r in result.years for g in ("us", "cn")),
        default=0,
    )
    bar = max(8, min(CHART_WIDTH, s.width - 8 - longest))
    for row in result.years:
        for group in ("us", "cn"):
            value = getattr(row, group)
            label = str(row.year) if group == "us" else ""
            line = Text(f"{label:<5}{group.upper()} ")
            if value is None:
                line.append(DASH)
            else:
                length = max(0, round(bar * max(value, 0) / top))
                line.append(BARS[group] * length, style=BAR_STYLES[group])
                line.append(_suffix(row, group, s, percent_metric))
            lines.append(line)
    lines.append(Text(""))
    return lines + [paragraph(note, s.width, indent="  ") for note in chart_notes(result, s)]


def chart_notes(result: ChartResult, s: Style) -> list[str]:
    """The legend, the alignment, the as-of date and, when needed, what like for like
    dropped and what [ ] means."""
    counts = member_counts(result)
    narrowed = any(result.dropped.values())
    labels = group_labels(result.groups, s)
    partial = any(not (cover.complete) for row in result.years for cover in row.coverage.values())
    if narrowed:
        legend = s.t(
            "{us_bar} US ({us})   {cn_bar} China ({cn})",
            us_bar=BARS["us"],
            us=counts["us"],
            cn_bar=BARS["cn"],
            cn=counts["cn"],
        )
    else:
        legend = f"{BARS['us']} {labels['us']}   {BARS['cn']} {labels['cn']}"
    notes = [
        s.t(
            "{legend} · years: {align} alignment (see capex compare)",
            legend=legend,
            align=s.t(result.align),
        ),
        as_of_short(result.as_of, s),
    ]
    if narrowed:
        dropped = "; ".join(f"{g} {', '.join(ids)}" for g, ids in result.dropped.items() if ids)
        notes.append(
            s.t("like for like: the same companies every year; dropped: {dropped}", dropped=dropped)
        )
    if partial:
        notes.append(
            s.t(
                "[ ] = partial: the group misses members that year (reported/members), so the "
                "bars and the ratio are not comparable"
            )
        )
    return notes


def chart_value(row: ChartYear, group: str, s: Style, percent_metric: bool) -> str:
    """A group's value as the chart labels it: [bracketed] with reported/members if partial."""
    value = getattr(row, group)
    if value is None:
        return DASH
    cover = row.coverage.get(group)
    shown = percent(value) if percent_metric else s.amount(value)
    if cover is None or cover.complete:
        return shown
    return f"[{shown}] {cover.reported}/{cover.members}"


def chart_ratio(row: ChartYear) -> str:
    """The CN : US ratio of a year, [bracketed] when a group is partial."""
    ratio_text = one_to(row.ratio)
    return ratio_text if row.complete or row.ratio is None else f"[{ratio_text}]"


def _suffix(row: ChartYear, group: str, s: Style, percent_metric: bool) -> str:
    """What follows a bar: the value, how many members report when not all, the ratio."""
    if getattr(row, group) is None:
        return ""
    text = " " + chart_value(row, group, s, percent_metric)
    if group == "us" and row.ratio is not None and not percent_metric:
        text += f"   {s.t('CN : US')} {chart_ratio(row)}"
    return text
