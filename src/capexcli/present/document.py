"""A result as people read it, for the exports that carry it as a document (Markdown, the
HTML page): the terminal view's own headings, tables, number formats and notes, in the chosen
language, as blocks a writer turns into its format.

The blocks are read off the view that the terminal prints, laid out on a page wide enough
that no table is split and no cell wrapped, so a Markdown table or an HTML page says exactly
what the terminal says. CSV, TSV and JSON keep their raw columns (:mod:`capexcli.present.flat`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

from rich.table import Table
from rich.text import Text

from capexcli import results as r
from capexcli.present.style import Style

#: Wide enough that no view splits a table or wraps a cell.
PAGE = 100_000


@dataclass
class Block:
    """A heading, a table, a note (a footnote of the view) or a line of text."""

    kind: Literal["heading", "table", "note", "text"]
    text: str = ""
    headers: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    #: Per column: whether it holds numbers (right-aligned, as in the terminal).
    numeric: list[bool] = field(default_factory=list)
    #: Per row: whether it is a totals row (bold in the terminal).
    totals: list[bool] = field(default_factory=list)


def _plain(cell: Any) -> str:
    text = cell.plain if isinstance(cell, Text) else str(cell)
    return " ".join(line.strip() for line in text.split("\n")).strip()


def _table(table: Table) -> Block:
    columns = table.columns
    headers = [_plain(c.header) for c in columns]
    cells = [[_plain(cell) for cell in c._cells] for c in columns]
    rows = [list(row) for row in zip(*cells, strict=True)] if cells else []
    return Block(
        "table",
        headers=headers,
        rows=rows,
        numeric=[c.justify == "right" for c in columns],
        totals=[row.style == "bold" for row in table.rows],
    )


def blocks(result: Any, s: Style) -> list[Block]:
    """The view of ``result`` as blocks, in ``s``'s language and unit."""
    from capexcli.present.show import draw

    s = dataclasses.replace(s, width=PAGE)
    if isinstance(result, r.ChartResult):
        return _chart_blocks(result, s)
    drawn = [item for item in draw(result, s) if not _blank(item)]
    out: list[Block] = []
    for index, item in enumerate(drawn):
        if isinstance(item, Table):
            out.append(_table(item))
            continue
        text = _plain(getattr(item, "plain", item))
        follows = drawn[index + 1] if index + 1 < len(drawn) else None
        if text.startswith("· "):
            out.append(Block("note", text.removeprefix("· ")))
        elif isinstance(follows, Table) or not out:
            out.append(Block("heading", text))
        else:
            out.append(Block("text", text))
    if isinstance(result, r.ClaimsResult):
        out = _by_section(out, s)
    return out


def _blank(item: object) -> bool:
    return not isinstance(item, Table) and not _plain(getattr(item, "plain", item))


def _by_section(found: list[Block], s: Style) -> list[Block]:
    """The claims table as one table per section of the article, each under its heading."""
    out: list[Block] = []
    for block in found:
        column = s.t("§")
        if block.kind != "table" or column not in block.headers:
            out.append(block)
            continue
        at = block.headers.index(column)
        sections: dict[str, list[int]] = {}
        for number, row in enumerate(block.rows):
            sections.setdefault(row[at], []).append(number)
        for section, numbers in sections.items():
            out.append(Block("heading", s.t("Section {section}", section=section)))
            out.append(
                Block(
                    "table",
                    headers=[h for i, h in enumerate(block.headers) if i != at],
                    rows=[[c for i, c in enumerate(block.rows[n]) if i != at] for n in numbers],
                    numeric=[x for i, x in enumerate(block.numeric) if i != at],
                    totals=[block.totals[n] for n in numbers],
                )
            )
    return out


def _chart_blocks(result: r.ChartResult, s: Style) -> list[Block]:
    """A chart's numbers as a table: each group's value by year and the CN : US ratio, with
    the terminal chart's title and notes."""
    from capexcli.present.chart import chart_notes, chart_ratio, chart_title, chart_value
    from capexcli.present.compare_view import group_labels

    labels = group_labels(result.groups, s)
    percent_metric = result.metric != "capex"
    title = chart_title(result, s)
    headers = [s.t("Year"), labels["us"], labels["cn"]]
    if not percent_metric:
        title += f" ({s.unit_label(result.currency)})"
        headers.append(s.t("CN : US"))
    rows = [
        [
            str(row.year),
            chart_value(row, "us", s, percent_metric),
            chart_value(row, "cn", s, percent_metric),
            *([] if percent_metric else [chart_ratio(row)]),
        ]
        for row in result.years
    ]
    table = Block(
        "table",
        headers=headers,
        rows=rows,
        numeric=[False] + [True] * (len(headers) - 1),
        totals=[False] * len(rows),
    )
    # The first note is the bars' legend, which means nothing beside a table: the table's
    # columns name the groups, and the years' rule is said on its own.
    years = s.t("Years: {align} alignment.", align=s.t(result.align))
    notes = [Block("note", n) for n in [years, *chart_notes(result, s)[1:]]]
    return [Block("heading", title), table, *notes]


def to_markdown(found: list[Block]) -> str:
    """GitHub (GFM) Markdown: a heading over each table, the table, the notes as a list."""
    from capexcli.present.writers import markdown_row, markdown_text

    parts: list[str] = []
    notes: list[str] = []

    def flush() -> None:
        if notes:
            parts.append("\n".join(f"- {markdown_text(n)}" for n in notes))
            notes.clear()

    for block in found:
        if block.kind == "note":
            notes.append(block.text)
            continue
        flush()
        if block.kind == "heading":
            parts.append(f"### {markdown_text(block.text)}")
        elif block.kind == "text":
            parts.append(markdown_text(block.text))
        else:
            separator = "|" + "|".join("---:" if n else "---" for n in block.numeric) + "|"
            lines = [markdown_row(block.headers), separator]
            lines += [markdown_row(row) for row in block.rows]
            parts.append("\n".join(lines))
    flush()
    return "\n\n".join(parts) + "\n"
