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
from capexcli.present.style import Style
from capexcli.present.writers import display

_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", "PingFang SC",
  "Microsoft YaHei", sans-serif; margin: 2em; color: #111; background: #fff; }
table { border-collapse: collapse; margin: 0 0 1.5em; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; vertical-align: top; }
th { background: #f3f3f3; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.notes li { margin: 0.2em 0; }
figure.chart svg { max-width: 100%; height: auto; }
""".strip()


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


def chart_svg(result: BaseModel, s: Style) -> str | None:
    """The chart that ``capex chart --svg`` draws, for a comparison or a chart; None for
    results with no chart."""
    if isinstance(result, r.CompareResult):
        from capexcli.compute.reports import chart

        result = chart(result, "capex")
    if not isinstance(result, r.ChartResult) or not result.years:
        return None
    from capexcli.present.figure import inline_svg

    return inline_svg(result, s)


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
