"""A :class:`~capexcli.present.flat.Flat` table as CSV or TSV, and the pieces of Markdown that
:mod:`capexcli.present.document` writes with.

No Rich and no pydantic here: a CSV run stays on the fast path.
"""

from __future__ import annotations

import csv
import io
import math
import re
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


#: Characters that Markdown would read as emphasis, links or HTML wherever they stand.
_MARKDOWN_SPECIALS = str.maketrans({c: "\\" + c for c in "\\*[]<|"})
#: What is markup only in some places: an underscore or tilde that can open or close
#: emphasis or strikethrough (not inside a word: first_year stays as it is), an entity
#: (&amp;), an image's "!", and what GFM links without brackets (http://, www., e-mail).
_MARKDOWN_CONTEXT = re.compile(
    r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])|~|&(?=#?\w+;)|!(?=\\\[)"
    r"|(?<=[A-Za-z])(:)(?=//)|(?<=\bwww)\.|(?<=\w)@(?=[\w-]+\.)",
)


def _markdown_plain(text: str) -> str:
    """Text that Markdown shows as written: no emphasis, link, autolink, entity or HTML."""
    return _MARKDOWN_CONTEXT.sub(lambda m: "\\" + m.group(), text.translate(_MARKDOWN_SPECIALS))


def markdown_row(cells: Sequence[str]) -> str:
    """A GFM table row. A cell is text, never markup: a name in the data or a --label could
    hold HTML or a link; ``|`` is escaped so the column count holds, and a backtick too (a code
    span would hide the escapes)."""
    return (
        "| "
        + " | ".join(_markdown_plain(c).replace("`", "\\`").replace("\n", " ") for c in cells)
        + " |"
    )


def markdown_text(note: str) -> str:
    """A note as Markdown text: specials escaped, except inside `code` (shown as written)."""
    parts = note.split("`")
    if len(parts) % 2 == 0:  # an unpaired backtick: no code span
        return _markdown_plain(note).replace("`", "\\`")
    return "`".join(p if i % 2 else _markdown_plain(p) for i, p in enumerate(parts))
