"""A flat table as an Excel workbook an editor can open: one sheet per table with numbers
typed and formatted (thousands separators, percentages, ratios), the header row frozen and
columns wide enough to read; a Sources sheet with every figure the numbers rest on (company,
fiscal year, measure, value, currency, status, document, page, URL) and a Notes sheet.

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
    from capexcli.results import SourceRow

#: Characters a sheet name may not hold, and its longest length (Excel's rules).
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_SHEET_MAX = 31
#: Excel number formats: amounts with thousands separators, fractions as percentages, the
#: CN : US ratio as the article writes it (the cell keeps the number, 6.2).
AMOUNT = {"million": "#,##0", "billion": "#,##0.0", "yi": "#,##0.0"}
PERCENT = "0.0%"
RATIO = '"1 : "0.0'
RATE = "0.0000"
#: Columns holding fractions (0.3 is 30%) and US/China ratios, by name.
_FRACTIONS = re.compile(r"(capex_to_ocf|returns_to_capex|capex_growth|_share)$")
_RATIOS = frozenset({"us_to_cn_capex_ratio", "us_to_cn_ratio"})
#: Column widths, in characters: never narrower than a figure, never wider than a note.
MIN_WIDTH, MAX_WIDTH = 8, 60
SOURCE_HEADERS = [
    "company",
    "fiscal_year",
    "measure",
    "value",
    "unit",
    "currency",
    "status",
    "document",
    "form",
    "filed",
    "page",
    "url",
    "accession_or_stock_code",
    "line",
    "citation",
    "note",
]


def _sheet_name(name: str, taken: set[str]) -> str:
    base = _SHEET_FORBIDDEN.sub(" ", name).strip()[:_SHEET_MAX] or "table"
    candidate, number = base, 2
    while candidate.lower() in taken:
        suffix = f" ({number})"
        candidate = base[: _SHEET_MAX - len(suffix)] + suffix
        number += 1
    taken.add(candidate.lower())
    return candidate


def column_format(header: str, flat: Flat | None, units: str) -> str | None:
    """The number format of a column of ``flat``: amounts, percentages, ratios, or none."""
    if flat is not None and header in flat.amounts:
        return AMOUNT[units]
    if _FRACTIONS.search(header) or (
        flat is not None and flat.title.startswith("capex chart ") and header in ("us", "cn")
    ):
        return PERCENT
    if header in _RATIOS:
        return RATIO
    if header in ("rate", "cny_per_usd"):
        return RATE
    return None


def _cells(
    sheet: WriteOnlyWorksheet,
    values: Sequence[Any],
    formats: Sequence[str | None] = (),
    *,
    header: bool = False,
) -> list[Any]:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill

    cells = []
    for index, value in enumerate(values):
        cell = WriteOnlyCell(sheet, value=value)
        if isinstance(value, str):
            # Text stays text: openpyxl would store "=..." as a formula, and Excel would run
            # one on edit without the quote prefix. Numbers are typed numbers.
            cell.data_type = "s"
            cell.quotePrefix = value[:1] in ("=", "+", "-", "@")
        elif index < len(formats) and formats[index] and not isinstance(value, bool):
            cell.number_format = formats[index]
        if header:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="EEEEEE")
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        cells.append(cell)
    return cells


def _shown(value: Any, fmt: str | None) -> str:
    """About what a cell shows, for its column's width."""
    if isinstance(value, float | int) and not isinstance(value, bool) and fmt:
        if fmt == PERCENT:
            return f"{value * 100:.1f}%"
        if fmt == RATIO:
            return f"1 : {value:.1f}"
        return f"{value:,.1f}"
    return "" if value is None else str(value)


def _add_sheet(
    book: Any,
    taken: set[str],
    name: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    formats: Sequence[str | None] = (),
) -> None:
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(_sheet_name(name, taken))
    # Widths first: a write-only sheet takes them before its rows.
    for index, header in enumerate(headers):
        fmt = formats[index] if index < len(formats) else None
        longest = max(
            [len(header)] + [len(_shown(row[index], fmt)) for row in rows if index < len(row)]
        )
        width = min(MAX_WIDTH, max(MIN_WIDTH, longest + 2))
        sheet.column_dimensions[get_column_letter(index + 1)].width = width
    sheet.freeze_panes = "A2"
    sheet.append(_cells(sheet, headers, header=True))
    for row in rows:
        sheet.append(_cells(sheet, row, formats))


def source_rows(used: Sequence[SourceRow]) -> list[list[Any]]:
    """The Sources sheet: one row per figure (or FX rate) with its document."""
    rows = []
    for row in used:
        doc = row.document
        fx = row.kind == "fx"
        rows.append(
            [
                row.company or "FX",
                row.fiscal_year,
                row.field,
                row.value,
                "CNY per USD" if fx else f"millions of {row.currency}",
                row.currency,
                row.status,
                doc.title if doc else None,
                doc.form if doc else None,
                (doc.date.isoformat() if doc and doc.date else None),
                doc.page if doc else None,
                doc.url if doc else None,
                (doc.accession or doc.stock_code) if doc else None,
                row.line,
                row.source,
                row.note,
            ]
        )
    return rows


def to_xlsx(flat: Flat, used: Sequence[SourceRow] = (), units: str = "million") -> bytes:
    """The workbook's bytes: a sheet per section of ``flat`` (named after it), then Sources
    (every figure in ``used``), the result's own sources table when it has one that Sources
    does not replace (a claim's inputs), and Notes."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    taken: set[str] = set()
    sections = flat.section_rows()
    formats = [column_format(h, flat, units) for h in flat.headers]
    for name, rows in sections:
        title = name if len(sections) > 1 else flat.title.removeprefix("capex ")
        _add_sheet(book, taken, title, flat.headers, rows, formats)
    if used:
        value_formats = [None] * len(SOURCE_HEADERS)
        value_formats[SOURCE_HEADERS.index("value")] = "#,##0.####"
        _add_sheet(book, taken, "Sources", SOURCE_HEADERS, source_rows(used), value_formats)
    if flat.sources is not None and (not used or flat.title == "capex claims"):
        headers, rows = flat.sources
        name = "Claim inputs" if flat.title == "capex claims" else "Sources"
        _add_sheet(
            book, taken, name, headers, rows, [column_format(h, None, units) for h in headers]
        )
    if flat.notes:
        _add_sheet(book, taken, "Notes", ["note"], [[note] for note in flat.notes])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
