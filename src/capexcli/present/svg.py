"""``--svg``: the table as a colour terminal shows it, as wide as it needs to be so that no
value is cut, and with nothing loaded from the network (Rich's template fetches a web font)."""

from __future__ import annotations

import re

from rich._export_format import CONSOLE_SVG_FORMAT
from rich.console import Console

from capexcli.present.console import recorder
from capexcli.present.show import draw
from capexcli.present.style import Style

#: Rich's SVG template without its @font-face rules, which load Fira Code from a CDN: the
#: page falls back to the reader's own monospace font, offline too.
LOCAL_SVG_FORMAT = re.sub(r"\s*@font-face \{\{.*?\}\}", "", CONSOLE_SVG_FORMAT, flags=re.DOTALL)

#: The narrowest export, as the terminal of a report reader.
MIN_WIDTH = 100
#: Wrap-able text (notes, long quotes) is wrapped at this width rather than drawn on one line.
WRAP_WIDTH = 160


def export_width(console: Console, renderables: list[object]) -> int:
    """Wide enough that every table fits at its minimum width (Rich cuts a cell with "…"
    below it), at least :data:`MIN_WIDTH`; text wider than :data:`WRAP_WIDTH` wraps."""
    width = MIN_WIDTH
    for item in renderables:
        measured = console.measure(item)  # type: ignore[arg-type]
        width = max(width, measured.minimum, min(measured.maximum, WRAP_WIDTH))
    return width


def export_svg(result: object, s: Style, view: str | None) -> str:
    renderables = draw(result, s, view)
    width = export_width(recorder(10_000), list(renderables))
    out = recorder(width)
    for item in renderables:
        out.print(item, crop=False)
    return out.export_svg(title="capex", code_format=LOCAL_SVG_FORMAT)
