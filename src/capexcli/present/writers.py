"""A :class:`~capexcli.present.flat.Flat` table as CSV or TSV, and the pieces of Markdown that
:mod:`capexcli.present.document` writes with.

No Rich and no pydantic here: a CSV run stays on the fast path.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from capexcli.present.flat import Flat


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if not math.isfinite(value):
            return ""  # a spreadsheet cannot hold infinity either: the value is unknown
        return str(int(value)) if value.is_integer() else repr(round(value, 6))
    return str(value)


#: What makes a spreadsheet read a cell as a formula (OWASP's list of "CSV injection" leads).
_FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def text_cell(value: Any) -> str:
    """A CSV/TSV cell: text from the data that a spreadsheet would run as a formula is
    prefixed with an apostrophe; numbers (a negative cash flow) are left as they are."""
    text = cell(value)
    if isinstance(value, str) and text.startswith(_FORMULA_LEADS):
        return "'" + text
    return text


#: Excel reads a CSV file as UTF-8 only when it starts with this mark (else Chinese names are
#: garbled); `--bom` adds it.
BOM = "\ufeff"


def to_delimited(flat: Flat, delimiter: str, *, bom: bool = False) -> str:
    """CSV or TSV: one header row, raw numbers, '.' decimals, an empty cell for missing."""
    buffer = io.StringIO()
    if bom:
        buffer.write(BOM)
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(flat.headers)
    for row in flat.rows:
        writer.writerow([text_cell(v) for v in row])
    return buffer.getvalue()


#: Characters that Markdown would read as emphasis, links or HTML in a note.
_MARKDOWN_SPECIALS = str.maketrans({c: "\\" + c for c in "\\*_[]<|"})


def markdown_row(cells: Sequence[str]) -> str:
    """A GFM table row; ``|`` in a cell is escaped so the column count holds."""
    return "| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |"


def markdown_text(note: str) -> str:
    """A note as Markdown text: specials escaped, except inside `code` (shown as written)."""
    parts = note.split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: no code span
        return note.translate(_MARKDOWN_SPECIALS).replace("`", "\\`")
    return "`".join(p if i % 2 else p.translate(_MARKDOWN_SPECIALS) for i, p in enumerate(parts))
