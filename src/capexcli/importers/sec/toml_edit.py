"""Writing figures into the TOML of a data file with tomlkit, which keeps what the edits do not
touch as it was: comments, key order, blank lines, quoting, line endings.

Only :func:`capexcli.importers.sec.merge.merge` imports this module, and only when it has something
to
write, so that the commands that read data never load tomlkit.

tomlkit keeps a comment or blank line as an item of the table whose lines come before it: the
comment right above a ``[[companies.years]]`` header belongs to the table before that header.
So a table inserted after another takes over that one's trailing comments and blank lines,
and a table inserted first takes over the comment above the header it now precedes: each
comment stays above the header it describes, as a person editing the file would keep it.

tomlkit has no public call to put a key at a position in a table or to move a comment between
tables; :func:`_insert_key` and :func:`_take_trivia` do it through ``Container.body`` and
``Container._insert_at``. The merge tests cover both.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import tomlkit
from tomlkit.container import Container
from tomlkit.exceptions import TOMLKitError
from tomlkit.items import AoT, Comment, InlineTable, Item, Key, Null, Table, Whitespace

from capexcli.errors import DataFileError
from capexcli.importers.sec.stub import (
    Importable,
    figure_pairs,
    figure_toml,
    toml_string,
    year_toml,
)
from capexcli.model.records import FIGURE_FIELDS

if TYPE_CHECKING:
    from capexcli.model.records import Document

_SHAPE = (
    "cannot merge: companies and their years must be written as [[companies]] and "
    "[[companies.years]] tables, as in the shipped data file"
)


def write(
    text: str,
    path: Path | str,
    company_ids: list[str],
    index: int,
    fiscal_years: list[int],
    figures: dict[int, list[Importable]],
    new_years: dict[int, list[Importable]],
    *,
    new_document: Document | None = None,
) -> str:
    """``text`` with figures written into company ``index``.

    ``fiscal_years`` are the company's years in file order, ``figures`` the figures to write
    into them (added, or replacing the year's figure of that field), keyed by position among
    them; ``new_years`` become new ``[[companies.years]]`` tables, each in order among the
    company's years. ``company_ids`` (every company's id, in file order) and ``fiscal_years``
    tie the tables tomlkit reads to the records the loader read. ``new_document`` is added to
    the company's ``[[companies.documents]]``.
    """
    newline = "\r\n" if text.split("\n", 1)[0].endswith("\r") else "\n"
    try:
        document = tomlkit.parse(text)
    except TOMLKitError as exc:
        message = f"{path}: cannot merge: tomlkit cannot read the file ({exc})"
        raise DataFileError(message, path) from None
    companies = document.get("companies")
    if not isinstance(companies, AoT) or [c.get("id") for c in companies] != company_ids:
        raise DataFileError(f"{path}: {_SHAPE}", path)
    company = companies[index]
    found = company.get("years")
    years = found if isinstance(found, AoT) else None
    listed = [y.get("fiscal_year") for y in years] if years is not None else []
    if listed != fiscal_years or (years is None and found is not None):
        raise DataFileError(f"{path}: {_SHAPE}", path)

    if new_document is not None:
        _add_document(company, new_document, newline)
    for position, extracted in figures.items():
        assert years is not None  # figures go into existing years only
        for figure in extracted:
            _write_figure(years[position], figure, path, newline)
    for fiscal_year, extracted in sorted(new_years.items()):
        table = _year_table(fiscal_year, extracted, newline)
        if years is not None:
            _insert_year(company, years, table, fiscal_year, newline)
        else:
            years = _first_year(company, table, newline)
    return document.as_string()


# --------------------------------------------------------------------------------------------
# Figures of an existing year
# --------------------------------------------------------------------------------------------


def _write_figure(year: Table, figure: Importable, path: Path | str, newline: str) -> None:
    container = year.value
    found = next(((k, v) for k, v in container.body if _name(k) == figure.field), None)
    if found is None:
        _add_figure(container, figure, newline)
        return
    key, current = found
    dotted = key is not None and key.is_dotted()
    if isinstance(current, InlineTable) and not dotted:
        # The new item takes over the old one's indent, comment and line ending.
        year[figure.field] = _parse_item(figure_toml(figure), figure.field, newline)
    elif isinstance(current, Table) and not dotted and not current.is_super_table():
        _rewrite_table(current.value, figure, newline)
    else:
        field = figure.field
        raise DataFileError(
            f"{path}: cannot merge: {field} of fiscal year {year.get('fiscal_year')} is not "
            f"written as an inline table ({field} = {{ value = ... }}) or as a "
            f"[companies.years.{field}] table",
            path,
        )


def _add_figure(container: Container, figure: Importable, newline: str) -> None:
    # Among the year's one-line keys (never after a sub-table header, which would take it in),
    # in the order of FIGURE_FIELDS: after the figures before it, else above the figures
    # after it and their comment, else after the year's last key.
    body = container.body
    lines = [i for i, (k, v) in enumerate(body) if k is not None and _is_line(k, v)]
    order = FIGURE_FIELDS.index(figure.field)
    earlier = [i for i in lines if _name(body[i][0]) in FIGURE_FIELDS[:order]]
    later = [i for i in lines if _name(body[i][0]) in FIGURE_FIELDS[order + 1 :]]
    if earlier:
        at = max(earlier) + 1
    elif later:
        at = min(later)
        while at > 0 and isinstance(body[at - 1][1], Comment):
            at -= 1
    else:
        at = max(lines) + 1
    item = _parse_item(figure_toml(figure), figure.field, newline)
    item.trivia.indent = body[lines[0]][1].trivia.indent
    _insert_key(container, at, figure.field, item, newline)


def _rewrite_table(container: Container, figure: Importable, newline: str) -> None:
    """A ``[companies.years.FIELD]`` table's keys replaced by the figure's; comments kept."""
    keyed = [(i, k) for i, (k, _) in enumerate(container.body) if k is not None]
    first, indent = keyed[0][0], container.body[keyed[0][0]][1].trivia.indent
    # A nested table (an [[...earlier]] array) goes too; the comments after it stay.
    tail = _tail(container)
    rescued = _take_trivia(tail, len(tail.body)) if tail is not container else []
    for _, key in keyed:
        container.remove(key)  # leaves a Null in its place, so positions hold
    for offset, (name, value) in enumerate(figure_pairs(figure)):
        item = _parse_item(f"{name} = {value}", name, newline)
        item.trivia.indent = indent
        _insert_key(container, first + offset, name, item, newline)
    for item in rescued:
        container.add(item)


# --------------------------------------------------------------------------------------------
# New years
# --------------------------------------------------------------------------------------------


def _year_table(fiscal_year: int, figures: list[Importable], newline: str) -> Table:
    parsed = tomlkit.parse(newline.join(year_toml(fiscal_year, figures)) + newline)
    companies = parsed.item("companies")
    assert isinstance(companies, Table)
    years = companies.value.item("years")
    assert isinstance(years, AoT)
    return years.body[0]


def _insert_year(company: Table, years: AoT, table: Table, fiscal_year: int, newline: str) -> None:
    """After the company's latest earlier year, else first among its years."""
    labelled = [(int(y.get("fiscal_year")), i) for i, y in enumerate(years)]
    earlier = [(fy, i) for fy, i in labelled if fy < fiscal_year]
    if earlier:
        position = max(earlier)[1] + 1
        _follow(_tail(years[position - 1].value), table, newline)
    else:
        position = 0
        # The comment right above the first year's header describes that year: it stays
        # above it, below the new table and a blank line.
        container, end = _before(company.value, years)
        comments = _take_trivia(container, end, comments_only=True)
        table.value.add(Whitespace(newline))
        for item in comments:
            table.value.add(item)
    # AoT.insert may add blank lines to its neighbours' headers: keep theirs as they were.
    indents = [y.trivia.indent for y in years]
    years.insert(position, table)
    for year, indent in zip((y for y in years if y is not table), indents, strict=True):
        year.trivia.indent = indent


def _first_year(company: Table, table: Table, newline: str) -> AoT:
    """The first year of a company that has none: before its guidance, else at its end."""
    return _first_table(company, "years", table, newline, ("guidance",))


def _first_table(
    company: Table, name: str, table: Table, newline: str, before: tuple[str, ...]
) -> AoT:
    """A new array of tables ``name`` holding ``table``: before the first of the company's
    keys ``before``, else at its end."""
    container = company.value
    body = container.body
    at = next((i for i, (k, _) in enumerate(body) if k is not None and k.key in before), len(body))
    anchor, end = _before(container, at)
    _follow(anchor, table, newline, end)
    tables = AoT([table], name=name, parsed=True)
    if at < len(body):
        container._insert_at(at, name, tables)
    else:
        container.append(name, tables)
    return tables


# --------------------------------------------------------------------------------------------
# A new document
# --------------------------------------------------------------------------------------------


def document_toml(document: Document) -> list[str]:
    """A ``[[companies.documents]]`` table, one line per key, without newlines."""
    lines = ["[[companies.documents]]"]
    for key in ("id", "title", "form", "date", "accession", "stock_code", "url", "note"):
        value = getattr(document, key)
        if value is None:
            continue
        text = value.isoformat() if key == "date" else toml_string(value)
        lines.append(f"{key} = {text}")
    return lines


def _add_document(company: Table, document: Document, newline: str) -> None:
    """After the company's last document, else before its years (or guidance)."""
    parsed = tomlkit.parse(newline.join(document_toml(document)) + newline)
    companies = parsed.item("companies")
    assert isinstance(companies, Table)
    documents = companies.value.item("documents")
    assert isinstance(documents, AoT)
    table = documents.body[0]
    found = company.get("documents")
    if isinstance(found, AoT) and found.body:
        _follow(_tail(found[-1].value), table, newline)
        indents = [t.trivia.indent for t in found]
        found.append(table)
        for existing, indent in zip(found, indents, strict=False):
            existing.trivia.indent = indent
    else:
        _first_table(company, "documents", table, newline, ("years", "guidance"))


def _follow(anchor: Container, table: Table, newline: str, end: int | None = None) -> None:
    """Make ``table`` the next table after the last line of ``anchor`` (before ``end``).

    The trailing comments and blank lines of ``anchor`` move below ``table``: they describe
    what follows. A blank line separates ``table`` from ``anchor``.
    """
    end = len(anchor.body) if end is None else end
    moved = _take_trivia(anchor, end)
    _end_line(anchor, end, newline)
    table.trivia.indent = newline
    for item in moved:
        table.value.add(item)


# --------------------------------------------------------------------------------------------
# tomlkit plumbing
# --------------------------------------------------------------------------------------------


def _parse_item(line: str, key: str, newline: str) -> Item:
    # Parsed from the stub's text so that a merged figure reads exactly as a printed one.
    item = tomlkit.parse(line + newline).item(key)
    assert isinstance(item, Item)
    return item


def _insert_key(container: Container, at: int, key: str, item: Item, newline: str) -> None:
    if all(isinstance(v, Null) for _, v in container.body[at:]):
        _end_line(container, at, newline)
        container.append(key, item)
    else:
        container._insert_at(at, key, item)


def _end_line(container: Container, end: int, newline: str) -> None:
    """End the last line before ``end`` with a newline: the last line of a file may have none."""
    last = next((v for _, v in reversed(container.body[:end]) if not isinstance(v, Null)), None)
    if last is not None and not isinstance(last, Whitespace) and not last.trivia.trail:
        last.trivia.trail = newline


def _take_trivia(container: Container, end: int, *, comments_only: bool = False) -> list[Item]:
    """Remove the comments and blank lines right before ``end`` and return them, in order.

    With ``comments_only``, only the comment lines right above ``end``. Each is replaced by a
    Null item, which renders as nothing and keeps the positions tomlkit's key map points to.
    """
    body = container.body
    taken: list[Item] = []
    start = end
    while start > 0:
        key, item = body[start - 1]
        trivia = (Comment,) if comments_only else (Comment, Whitespace)
        if key is not None or not isinstance(item, (*trivia, Null)):
            break
        start -= 1
    for i in range(start, end):
        if not isinstance(body[i][1], Null):
            taken.append(body[i][1])
            body[i] = (None, Null())
    return taken


def _tail(container: Container) -> Container:
    """The container whose items ``container`` renders last: itself or a table nested in it."""
    while True:
        last = next(((k, v) for k, v in reversed(container.body) if not isinstance(v, Null)), None)
        if last is None:
            return container
        key, item = last
        if isinstance(item, AoT) and item.body:
            container = item.body[-1].value
        elif isinstance(item, Table) and not (key is not None and key.is_dotted()):
            container = item.value
        else:
            return container


def _before(container: Container, where: AoT | int) -> tuple[Container, int]:
    """The container, and position in it, of the lines right above ``where``.

    ``where`` is an item of ``container`` or a position in it; when a table comes before it,
    those lines are the end of that table (or of the last table nested in it).
    """
    body = container.body
    if isinstance(where, int):
        end = where
    else:
        end = next(i for i, (_, v) in enumerate(body) if v is where)
    previous = next(((k, v) for k, v in reversed(body[:end]) if not _is_trivia(v)), None)
    if previous is not None and not _is_line(*previous):
        tail = _tail(_container_of(previous[1]))
        return tail, len(tail.body)
    return container, end


def _container_of(item: Item) -> Container:
    if isinstance(item, AoT):
        return item.body[-1].value
    assert isinstance(item, Table)
    return item.value


def _is_line(key: Key | None, item: Item) -> bool:
    """Whether an item is written as ``key = value`` lines (not under a header of its own)."""
    if isinstance(item, AoT):
        return False
    if isinstance(item, Table):
        return key is not None and key.is_dotted()
    return True


def _is_trivia(item: Item) -> bool:
    return isinstance(item, (Comment, Whitespace, Null))


def _name(key: Key | None) -> str | None:
    return None if key is None else key.key
