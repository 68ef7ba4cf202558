"""Rich building blocks shared by the views: the console, the table look, marked cells, and
printing that stays plain when piped. Imported only when a table is printed."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TextIO

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from capexcli.present.style import MARK, page_width


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
    # terminal. The width is set here, not guessed by Rich (which asks the terminal even when
    # the output is a file): the views lay their tables out for it, so nothing is cut.
    out = Console(file=file, soft_wrap=False, **PLAIN)
    terminal = out.size.width if out.is_terminal else None
    return Console(file=file, soft_wrap=False, width=page_width(terminal), **PLAIN)


def recorder(width: int = 100) -> Console:
    """A colour console that keeps what it prints, for SVG and HTML exports."""
    import io

    return Console(file=io.StringIO(), record=True, width=width, force_terminal=True, **PLAIN)


#: What a line may not be broken inside: a run of letters, digits and the signs that belong
#: to a figure (1,563,388  1:8.0  23.6%  0001193125-26-323660  [1 : 10.9] is three runs),
#: with the 万/亿/倍 that close a Chinese amount (1.7万亿, 2倍). Anything else may break:
#: spaces, and between two Chinese characters.
_UNBROKEN = re.compile(r"[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]+(?:[万亿倍]+)?")
#: Punctuation that may not start a line: it stays with what it closes.
_CLOSING = set("，。、；：？！）》」』】,.;:?!)]%")
#: ... nor end one: it stays with what it opens.
_OPENING = set("（《「『【“")


def _pieces(text: str) -> list[str]:
    """``text`` cut where a line may break: unbroken runs, single spaces and CJK characters."""
    pieces: list[str] = []
    index = 0
    while index < len(text):
        match = _UNBROKEN.match(text, index)
        end = match.end() if match else index + 1
        piece = text[index:end]
        if pieces and (
            (piece in _CLOSING and not pieces[-1].isspace()) or pieces[-1][-1] in _OPENING
        ):
            pieces[-1] += piece
        else:
            pieces.append(piece)
        index = end
    return pieces


def wrap(text: str, width: int, indent: str = "", first: str = "") -> list[str]:
    """``text`` in lines of at most ``width`` cells, broken only between words or Chinese
    characters, never inside a figure, a URL or an accession number (unlike Rich's fold, which
    cuts where the line ends). ``first`` starts the first line and ``indent`` the others. A
    run longer than a whole line (a long URL) stands alone on its line, whole, so that it can
    still be copied and clicked: the one line wider than ``width``."""
    lines: list[str] = []
    line = first
    room = width - cell_len(first)
    for paragraph_index, paragraph in enumerate(text.split("\n")):
        if paragraph_index:
            lines.append(line.rstrip())
            line, room = indent, width - cell_len(indent)
        for piece in _pieces(paragraph):
            size = cell_len(piece)
            if piece.isspace():
                if line.strip():
                    line += piece
                    room -= size
                continue
            if size > width:
                if line.strip() and line != first:
                    lines.append(line.rstrip())
                    line = indent
                lines.append(line + piece)
                line, room = indent, width - cell_len(indent)
                continue
            if size > room and line.strip():
                lines.append(line.rstrip())
                line, room = indent, width - cell_len(indent)
            if size > room and not line.strip():
                # A URL that fits a line only without the indent: whole beats indented.
                line, room = "", width
            line += piece
            room -= size
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


class Prose:
    """Lines that :func:`wrap` laid out, printed as they are: Rich never folds them again, so
    a URL longer than the page stays whole on its line (print with ``crop=False``)."""

    def __init__(self, lines: Sequence[str]) -> None:
        self.lines = list(lines)

    @property
    def plain(self) -> str:
        return "\n".join(self.lines)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for line in self.lines:
            yield Segment(line)
            yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        widest = max((cell_len(line) for line in self.lines), default=0)
        return Measurement(widest, widest)


def paragraph(text: str, width: int, first: str = "", indent: str = "  ") -> Prose:
    """A note or a line of prose, wrapped to ``width`` with a hanging indent."""
    return Prose(wrap(text, width, indent, first))


def render_lines(table: Table) -> list[str]:
    """``table`` as plain lines, at its full width (a table whose width was checked)."""
    wide = Console(width=table_width(table), color_system=None, **PLAIN)
    with wide.capture() as captured:
        wide.print(table)
    return [line.rstrip() for line in captured.get().splitlines()]


def table_width(table: Table) -> int:
    """The width ``table`` takes when nothing in it is wrapped or cut."""
    wide = Console(width=100_000, **PLAIN)
    return Measurement.get(wide, wide.options, table).maximum


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
        # No blank edge columns: two more columns for figures on an 80-column page.
        show_edge=False,
    )


def fill(
    table: Table,
    first: str,
    headers: Sequence[str],
    rows: Sequence[Row],
    justify: Sequence[str] | None = None,
) -> None:
    """Add the columns and rows; a ``bool`` True in a row starts a bold totals section.

    Columns holding :class:`Marked` cells are right-aligned here rather than by Rich, because
    Rich strips trailing spaces before right-justifying, which would push a marked value one
    place left of its unmarked neighbours.
    """
    table.add_column(first, justify="left", no_wrap=True)
    for index, header in enumerate(headers):
        side = justify[index] if justify is not None else "right"
        table.add_column(header, justify=side, no_wrap=True)  # type: ignore[arg-type]
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


def notes_text(notes: Sequence[str], width: int) -> list[RenderableType]:
    """Footnotes, each a bullet wrapped to the page."""
    return [paragraph(note, width, first="· ") for note in notes]


def tables_with_notes(
    tables: Sequence[RenderableType], notes: Sequence[str], width: int
) -> list[RenderableType]:
    return [*tables, *notes_text(notes, width)]


def fitted(
    width: int,
    title: str | None,
    first: str,
    headers: Sequence[str],
    rows: Sequence[Row],
    continued: str = "(continued)",
    justify: Sequence[str] | None = None,
    wrap_last: int | None = None,
) -> list[RenderableType]:
    """The table of ``headers`` and ``rows``, whole if it fits ``width``, else split into
    tables of fewer columns, each led by the first column, so that no figure is ever cut.
    With ``wrap_last``, the last column is text that may wrap (never inside a figure) in a
    column at least that wide.

    The title is a line of its own (wrapped to the page), not a Rich table title, which would
    be squeezed into the table's width."""
    last = len(headers) - 1 if wrap_last is not None else None

    def build(columns: Sequence[int], room: int | None = None) -> Table:
        table = new_table(None)
        picked = []
        for cells, total in rows:
            shown = [cells[0]]
            for i in columns:
                cell = cells[i + 1]
                if i == last and room is not None:
                    cell = "\n".join(wrap(_text(cell), room))
                shown.append(cell)
            picked.append((shown, total))
        fill(
            table,
            first,
            [headers[i] for i in columns],
            picked,
            None if justify is None else [justify[i] for i in columns],
        )
        return table

    # The wrapped column must also hold its longest unbreakable run (a URL) whole.
    need = max(
        [wrap_last or 0]
        + [
            cell_len(piece)
            for cells, _ in rows
            if last is not None
            for piece in _pieces(_text(cells[last + 1]))
        ]
    )

    def fits(columns: list[int]) -> bool:
        if last in columns and wrap_last is not None:
            others = [i for i in columns if i != last]
            return table_width(build(others)) + 2 + need <= width
        return table_width(build(columns)) <= width

    def final(columns: list[int]) -> Table:
        if last not in columns or table_width(build(columns)) <= width:
            return build(columns)
        others = [i for i in columns if i != last]
        return build(columns, max(width - table_width(build(others)) - 2, 1))

    groups: list[list[int]] = [[]]
    for index in range(len(headers)):
        trial = [*groups[-1], index]
        if groups[-1] and not fits(trial):
            groups.append([index])
        else:
            groups[-1] = trial
    if len(groups) > 1:
        # As many tables as needed, but of even size: not eight columns and a lone ninth.
        size = -(-len(headers) // len(groups))
        even = [list(range(i, min(i + size, len(headers)))) for i in range(0, len(headers), size)]
        if len(even) == len(groups) and all(fits(g) for g in even):
            groups = even
    shown: list[RenderableType] = []
    for number, columns in enumerate(groups):
        if title is not None:
            head = title if number == 0 else f"{title} {continued}"
            shown += [paragraph(head, width, indent=""), Text("")]
        shown += [final(columns), Text("")]
    return shown


def print_plain(
    out: Console, renderables: Sequence[RenderableType], *, trim_end: bool = True
) -> None:
    """Print; when piped, as plain text with no padding at line ends (and, with ``trim_end``,
    no trailing blank lines), so diffs and greps stay clean."""
    # crop=False: a URL longer than the page (see Prose) is printed whole, never cut.
    if out.is_terminal:
        for item in renderables:
            out.print(item, crop=False)
        return
    with out.capture() as captured:
        for item in renderables:
            out.print(item, crop=False)
    lines = captured.get().splitlines()
    while trim_end and lines and not lines[-1].strip():
        lines.pop()
    out.file.write("".join(line.rstrip() + "\n" for line in lines))
