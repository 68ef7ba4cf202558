"""``--html``: a standalone page for reports: the terminal view's tables as HTML tables (one
per section, its headings and number formats), its notes as a list and, for a comparison or a
chart, the chart that ``capex chart --svg`` draws, inline.

Nothing on the page is loaded from elsewhere (no fonts, scripts, styles or images by URL), so
it opens offline and tells no server it was opened. Cells wrap in the browser: no value is
ever cut.
"""

from __future__ import annotations

from html import escape

from pydantic import BaseModel

from capexcli import results as r
from capexcli.present.document import Block, blocks
from capexcli.present.style import Style

_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", "PingFang SC",
  "Microsoft YaHei", sans-serif; margin: 2em; color: #111; background: #fff; }
table { border-collapse: collapse; margin: 0 0 1.5em; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; vertical-align: top; }
th { background: #f3f3f3; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total td { font-weight: bold; border-top: 2px solid #999; }
.notes li { margin: 0.2em 0; }
figure.chart svg { max-width: 100%; height: auto; }
""".strip()


def _table(block: Block) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in block.headers)
    body = []
    for row, total in zip(block.rows, block.totals, strict=True):
        cells = "".join(
            f'<td class="n">{escape(c)}</td>' if numeric else f"<td>{escape(c)}</td>"
            for c, numeric in zip(row, block.numeric, strict=True)
        )
        body.append(f'<tr class="total">{cells}</tr>' if total else f"<tr>{cells}</tr>")
    return (
        f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n"
        + "\n".join(body)
        + "\n</tbody>\n</table>"
    )


def chart_svg(result: BaseModel, s: Style) -> str | None:
    """The chart that ``capex chart --svg`` draws, for a comparison or a chart; None for
    results with no chart."""
    if isinstance(result, r.CompareResult):
        from capexcli.compute.chart import chart

        result = chart(result, "capex")
    if not isinstance(result, r.ChartResult) or not result.years:
        return None
    from capexcli.present.figure import inline_svg

    return inline_svg(result, s)


def page(result: BaseModel, s: Style) -> str:
    """The page: the view's title, the chart (for a comparison or a chart), then each of the
    view's tables under its heading, with the notes as a list, as the terminal shows them."""
    found = blocks(result, s)
    title = found[0].text if found and found[0].kind == "heading" else "capex"
    parts = [f"<h1>{escape(title)}</h1>"]
    chart = chart_svg(result, s)
    if chart is not None:
        parts.append(f'<figure class="chart">\n{chart}\n</figure>')
    notes: list[str] = []
    for block in found[1:] if found and found[0].kind == "heading" else found:
        if block.kind == "note":
            notes.append(f"<li>{escape(block.text)}</li>")
            continue
        if notes:
            parts.append('<ul class="notes">\n' + "\n".join(notes) + "\n</ul>")
            notes = []
        if block.kind == "heading":
            parts.append(f"<h2>{escape(block.text)}</h2>")
        elif block.kind == "text":
            parts.append(f"<p>{escape(block.text)}</p>")
        else:
            parts.append(_table(block))
    if notes:
        parts.append('<ul class="notes">\n' + "\n".join(notes) + "\n</ul>")
    lang = "zh-Hans" if s.lang == "zh" else "en"
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(title)}</title>\n<style>\n{_CSS}\n</style>\n</head>\n<body>\n"
        + "\n".join(parts)
        + "\n</body>\n</html>\n"
    )
