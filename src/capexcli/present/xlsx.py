"""A flat table as an Excel workbook: one sheet per table, numbers typed, notes and sources on
sheets of their own.

openpyxl is imported here only, so only ``--format xlsx`` (or ``-o FILE.xlsx``) pays for it.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

    from capexcli.present.flat import Flat

#: Characters a sheet name may not hold, and its longest length (Excel's rules).
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_SHEET_MAX = 31


def _sheet_name(name: str, taken: set[str]) -> str:
    base = _SHEET_FORBIDDEN.sub(" ", name).strip()[:_SHEET_MAX] or "table"
    candidate, number = base, 2
    while candidate.lower() in taken:
        suffix = f" ({number})"
        candidate = base[: _SHEET_MAX - len(suffix)] + suffix
        number += 1
    taken.add(candidate.lower())
    return candidate


def _cells(sheet: WriteOnlyWorksheet, values: Sequence[Any], *, bold: bool = False) -> list[Any]:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            # Text stays text: openpyxl would store "=..." as a formula, and Excel would run
            # one on edit without the quote prefix. Numbers are typed numbers.
            cell.data_type = "s"
            cell.quotePrefix = value[:1] in ("=", "+", "-", "@")
        if bold:
            cell.font = Font(bold=True)
        cells.append(cell)
    return cells


def _add_sheet(
    book: Any, taken: set[str], name: str, headers: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    sheet = book.create_sheet(_sheet_name(name, taken))
    sheet.freeze_panes = "A2"
    sheet.append(_cells(sheet, headers, bold=True))
    for row in rows:
        sheet.append(_cells(sheet, row))


def to_xlsx(flat: Flat) -> bytes:
    """The workbook's bytes: a sheet per section of ``flat`` (named after it), then ``notes``
    (one note a row) and ``sources`` when the result has them."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    taken: set[str] = set()
    sections = flat.section_rows()
    for name, rows in sections:
        title = name if len(sections) > 1 else flat.title.removeprefix("capex ")
        _add_sheet(book, taken, title, flat.headers, rows)
    if flat.notes:
        _add_sheet(book, taken, "notes", ["note"], [[note] for note in flat.notes])
    if flat.sources is not None:
        headers, rows = flat.sources
        _add_sheet(book, taken, "sources", headers, rows)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
