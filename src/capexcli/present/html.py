"""``--html``: a standalone page for reports: the tables as HTML tables (one per section), the
notes as text and, for a comparison or a chart, the chart as inline SVG.

Nothing on the page is loaded from elsewhere (no fonts, scripts, styles or images by URL), so
it opens offline and tells no server it was opened. Cells wrap in the browser: no value is
ever cut.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from pydantic import BaseModel

from capexcli import results as r
from capexcli.present.flat import Flat, flatten
from capexcli.present.notes import view_title, with_notes
from capexcli.present.style import Style, percent
from capexcli.present.writers import display

_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", "PingFang SC",
  "Microsoft YaHei", sans-serif; margin: 2em; color: #111; background: #fff; }
table { border-collapse: collapse; margin: 0 0 1.5em; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; vertical-align: top; }
th { background: #f3f3f3; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.notes li { margin: 0.2em 0; }
svg text { font-family: inherit; font-size: 13px; }
""".strip()

#: Bar colours of the two groups (the legend names them as well).
_COLOURS = {"us": "#2b5fad", "cn": "#c0392b"}


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _table(flat: Flat, rows: Sequence[Sequence[Any]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in flat.headers)
    body = []
    for row in rows:
        cells = "".join(
            f'<td class="n">{escape(display(flat, h, v))}</td>'
            if _is_number(v)
            else f"<td>{escape(display(flat, h, v))}</td>"
            for h, v in zip(flat.headers, row, strict=True)
        )
        body.append(f"<tr>{cells}</tr>")
    return (
        f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n"
        + "\n".join(body)
        + "\n</tbody>\n</table>"
    )


#: One year of a chart: the year, then each group's value and whether the group is complete.
Bars = tuple[int, tuple[float | None, bool], tuple[float | None, bool]]


def _complete(coverage: dict[str, r.Coverage], key: str) -> bool:
    cover = coverage.get(key)
    return cover is None or cover.complete


def _series(result: BaseModel) -> tuple[str, list[Bars]]:
    """The chart's metric and its rows."""
    if isinstance(result, r.ChartResult):
        return result.metric, [
            (y.year, (y.us, _complete(y.coverage, "us")), (y.cn, _complete(y.coverage, "cn")))
            for y in result.years
        ]
    if isinstance(result, r.CompareResult):
        return "capex", [
            (
                y.year,
                (y.us.capex, _complete(y.us.coverage, "capex")),
                (y.cn.capex, _complete(y.cn.coverage, "capex")),
            )
            for y in result.years
        ]
    return "", []


def chart_svg(result: BaseModel, s: Style) -> str | None:
    """Two bars per year, scaled to the largest value, each labelled with its value; a partial
    year's values are in [brackets], as in the terminal. None for results with no chart."""
    metric, rows = _series(result)
    if not rows:
        return None
    groups = {g.id: g.label for g in getattr(result, "groups", [])}
    labels = {"us": groups.get("us", "US"), "cn": groups.get("cn", "China")}

    def text(value: float | None, complete: bool) -> str:
        shown = percent(value) if metric != "capex" else s.amount(value)
        return shown if complete or value is None else f"[{shown}]"

    pairs = [pair for _, us, cn in rows for pair in (us, cn)]
    top = max([abs(v) for v, _ in pairs if v is not None], default=0) or 1
    bar, left, line = 420, 80, 18
    texts = [text(v, c) for v, c in pairs]
    # Room for the longest value label at about 8 px a character: never clipped.
    width = left + bar + 12 + 8 * max(len(t) for t in texts) + 20
    height = len(rows) * (2 * line + 10) + 40
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}">',
        f"<title>{escape(metric)}: {escape(labels['us'])} vs {escape(labels['cn'])}</title>",
    ]
    y = 10
    for year, us, cn in rows:
        for group, (value, complete) in (("us", us), ("cn", cn)):
            length = 0 if value is None else max(0.0, value) / top * bar
            caption = f"{year} {group.upper()}" if group == "us" else group.upper()
            parts.append(f'<text x="4" y="{y + 13}">{escape(caption)}</text>')
            parts.append(
                f'<rect x="{left}" y="{y + 2}" width="{length:.1f}" height="{line - 4}" '
                f'fill="{_COLOURS[group]}"/>'
            )
            parts.append(
                f'<text x="{left + length + 6:.1f}" y="{y + 13}">'
                f"{escape(text(value, complete))}</text>"
            )
            y += line
        y += 10
    parts.append(
        f'<text x="4" y="{y + 14}"><tspan fill="{_COLOURS["us"]}">■</tspan> '
        f"{escape(labels['us'])}   "
        f'<tspan fill="{_COLOURS["cn"]}">■</tspan> {escape(labels["cn"])}</text>'
    )
    parts.append("</svg>")
    return "\n".join(parts)


def page(result: BaseModel, s: Style) -> str:
    flat = with_notes(flatten(result, s.units), result, s)
    blocks = [f"<h1>{escape(view_title(result, s, flat.title))}</h1>"]
    chart = chart_svg(result, s)
    if chart is not None:
        blocks.append(f'<figure class="chart">\n{chart}\n</figure>')
    sections = flat.section_rows()
    for name, rows in sections:
        if len(sections) > 1:
            blocks.append(f"<h2>{escape(name)}</h2>")
        blocks.append(_table(flat, rows))
    if flat.notes:
        items = "\n".join(f"<li>{escape(note)}</li>" for note in flat.notes)
        blocks.append(f'<ul class="notes">\n{items}\n</ul>')
    if flat.sources is not None and flat.sources[1]:
        headers, rows = flat.sources
        blocks.append("<h2>sources</h2>")
        blocks.append(_table(Flat(headers, rows, frozenset()), rows))
    lang = "zh-Hans" if s.lang == "zh" else "en"
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(flat.title)}</title>\n<style>\n{_CSS}\n</style>\n</head>\n<body>\n"
        + "\n".join(blocks)
        + "\n</body>\n</html>\n"
    )
