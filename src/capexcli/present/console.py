"""Rich building blocks shared by the views: the console, the table look, marked cells, and
printing that stays plain when piped. Imported only when a table is printed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TextIO

from rich import box
from rich.cells import cell_len
from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from .style import MARK


@dataclass(frozen=True)
class Marked:
    """A value that may carry the not-confirmed marker."""

    text: str
    shaky: bool


Cell = str | Marked
Row = tuple[list[Cell], bool]


#: No highlighting (numbers must not change colour by guesswork), and markup and emoji codes
#: off: text from a data file ("[link=javascript:...]", ":smile:") prints as written, and
#: capex styles its own cells with Text objects.
PLAIN: dict[str, bool] = {"highlight": False, "markup": False, "emoji": False}


def console(file: TextIO | None = None) -> Console:
    # Rich honours NO_COLOR / FORCE_COLOR and drops styling when the output is not a
    # terminal; there, a wide page keeps tables and notes from being cut at 80 columns.
    out = Console(file=file, soft_wrap=False, **PLAIN)
    if not out.is_terminal:
        out = Console(file=file, soft_wrap=False, width=10_000, **PLAIN)
    return out


def recorder(width: int = 100) -> Console:
    """A colour console that keeps what it prints, for SVG and HTML exports."""
    import io

    return Console(file=io.StringIO(), record=True, width=width, force_terminal=True, **PLAIN)


def new_table(title: str | None, caption: str | None = None) -> Table:
    # Titles as Text: a table renders a string title as markup whatever the console says.
    return Table(
        title=Text(title, style="table.title") if title is not None else None,
        caption=Text(caption, style="table.caption") if caption is not None else None,
        caption_justify="left",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        collapse_padding=True,
        pad_edge=False,
    )


def fill(table: Table, first: str, headers: Sequence[str], rows: Sequence[Row]) -> None:
    """Add the columns and rows; a ``bool`` True in a row starts a bold totals section.

    Columns holding :class:`Marked` cells are right-aligned here rather than by Rich, because
    Rich strips trailing spaces before right-justifying, which would push a marked value one
    place left of its unmarked neighbours.
    """
    table.add_column(first, justify="left", no_wrap=True)
    for header in headers:
        table.add_column(header, justify="right", no_wrap=True)
    columns: list[list[Cell]] = [list(c) for c in zip(*(cells for cells, _ in rows), strict=True)]
    shown: list[list[Cell] | list[Text]] = []
    for index, column in enumerate(columns):
        if not any(isinstance(cell, Marked) for cell in column):
            shown.append(column)
            continue
        header_width = max(cell_len(line) for line in ([first, *headers][index]).split("\n"))
        width = max([header_width - 1] + [cell_len(_text(cell)) for cell in column])
        shown.append(
            [
                Text(
                    " " * (width - cell_len(_text(cell)))
                    + _text(cell)
                    + (MARK if isinstance(cell, Marked) and cell.shaky else " "),
                    justify="left",
                )
                for cell in column
            ]
        )
    for (_, total), *cells in zip(rows, *shown, strict=True):
        if total:
            table.add_section()
        table.add_row(*cells, style="bold" if total else None)


def _text(cell: Cell) -> str:
    return cell.text if isinstance(cell, Marked) else cell


def tables_with_notes(tables: Sequence[Table], notes: Sequence[str]) -> list[RenderableType]:
    return [*tables, *(Text("· " + note) for note in notes)]


def print_plain(
    out: Console, renderables: Sequence[RenderableType], *, trim_end: bool = True
) -> None:
    """Print; when piped, as plain text with no padding at line ends (and, with ``trim_end``,
    no trailing blank lines), so diffs and greps stay clean."""
    if out.is_terminal:
        for item in renderables:
            out.print(item)
        return
    with out.capture() as captured:
        for item in renderables:
            out.print(item)
    lines = captured.get().splitlines()
    while trim_end and lines and not lines[-1].strip():
        lines.pop()
    out.file.write("".join(line.rstrip() + "\n" for line in lines))
