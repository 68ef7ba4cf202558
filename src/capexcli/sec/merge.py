"""Merging extracted figures into the text of an existing data file."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..errors import DataFileError, DataValidationError, WriteError
from .facts import Extracted, Extraction
from .stub import by_year, figure_toml, year_toml

if TYPE_CHECKING:
    from ..records import Company, Dataset, Figure, FiscalYear


Action = Literal["added", "changed", "confirmed", "skipped", "unchanged"]


@dataclass(frozen=True)
class Change:
    company: str
    fiscal_year: int
    field: str
    action: Action
    old: float | None
    old_status: str | None
    new: int | float

    def describe(self) -> str:
        old = "(none)" if self.old is None else f"{_num(self.old)} ({self.old_status})"
        text = f"{self.company} FY{self.fiscal_year} {self.field}: {old} -> {_num(self.new)}"
        if self.action == "confirmed":
            text += " (confirmed)"
        if self.action == "skipped":
            text = (
                f"skipped {text}: the file's figure is confirmed; --force replaces it "
                "with the filing's"
            )
        return text


@dataclass
class Merged:
    text: str
    changes: list[Change]
    notes: list[str]

    @property
    def edits(self) -> list[Change]:
        return [c for c in self.changes if c.action in ("added", "changed", "confirmed")]


def merge(
    text: str,
    path: Path | str,
    company: Company,
    extraction: Extraction,
    *,
    force: bool = False,
) -> Merged:
    """Put the extracted figures into ``company`` of the data file ``text``.

    A figure the file lacks is added; one that differs, or equals one not yet confirmed, is
    rewritten with the filing as its source; one that differs from a confirmed figure is left
    alone unless ``force``. A fiscal year the file lacks gets a new ``[[companies.years]]``
    table, in order among the company's years. Every other line stays as it was. The result
    is parsed and compared with what was meant before it is returned.
    """
    from ..loader import parse_dataset
    from ..records import FiscalYear

    dataset = parse_dataset(text, path)
    index = next(i for i, c in enumerate(dataset.companies) if c.id == company.id)
    company = dataset.companies[index]
    layout = _Layout(text, path)
    year_tables = layout.company_years(index, dataset)
    existing = {year.fiscal_year: k for k, year in enumerate(company.years)}

    changes: list[Change] = []
    notes: list[str] = []
    replace: dict[int, str] = {}  # line index -> new text of that (single) line
    after: dict[int, list[str]] = {}  # line index -> lines to insert after it
    before: dict[int, list[str]] = {}  # line index -> lines to insert before it
    expected_years = list(company.years)
    new_years: dict[int, list[Extracted]] = {}

    for fiscal_year, figures in by_year(extraction.figures).items():
        if fiscal_year not in existing:
            new_years[fiscal_year] = figures
            changes += [
                Change(company.id, fiscal_year, f.field, "added", None, None, f.value)
                for f in figures
            ]
            continue
        k = existing[fiscal_year]
        year = company.years[k]
        table = year_tables[k]
        period_end = max(f.fact.end for f in figures)
        if period_end != year.period_end:
            notes.append(
                f"{company.id} FY{fiscal_year}: the file's period_end is {year.period_end}, "
                f"the filing's {period_end}; period_end left as it is"
            )
        # Any: the keys are figure fields, which mypy cannot tell from a str.
        updates: dict[str, Any] = {}
        for figure in figures:
            old = year.figure(figure.field)
            status = year.status_of(figure.field)
            action: Action
            if old is None:
                action = "added"
            elif _same(old.value, figure.value):
                action = "unchanged" if status == "confirmed" else "confirmed"
            elif status == "confirmed" and not force:
                action = "skipped"
            else:
                action = "changed"
            changes.append(
                Change(
                    company.id,
                    fiscal_year,
                    figure.field,
                    action,
                    None if old is None else old.value,
                    status,
                    figure.value,
                )
            )
            if action in ("unchanged", "skipped"):
                continue
            updates[figure.field] = _figure_model(figure)
            line = table.indent + figure_toml(figure)
            if old is not None:
                first, _, comment = table.key_span(figure.field, layout, path)
                replace[first] = line + (f"  {comment}" if comment else "")
            else:
                where, side = table.insertion_point(figure.field, layout)
                (after if side == "after" else before).setdefault(where, []).append(line)
        if updates:
            expected_years[k] = dataclasses.replace(year, **updates)

    if new_years:
        _place_new_years(layout, company, year_tables, index, new_years, after, before)
        for fiscal_year, figures in new_years.items():
            expected_years.append(
                FiscalYear(
                    fiscal_year=fiscal_year,
                    period_end=max(f.fact.end for f in figures),
                    **{f.field: _figure_model(f) for f in figures},  # type: ignore[arg-type]
                )
            )

    new_text = layout.render(replace, after, before)
    if new_text != text:
        try:
            _check_merge(new_text, path, dataset, index, expected_years)
        except DataValidationError as exc:
            # Valid figures can still break a rule of the whole file, e.g. a new comparison
            # year that now needs an FX rate.
            problems = "; ".join(f"{p.path}: {p.message}" for p in exc.problems)
            raise WriteError(
                f"{path}: not written: with the imported figures it would break a rule of "
                f"the data file: {problems}"
            ) from None
    return Merged(new_text, changes, notes)


def _place_new_years(
    layout: _Layout,
    company: Company,
    year_tables: list[_Table],
    index: int,
    new_years: dict[int, list[Extracted]],
    after: dict[int, list[str]],
    before: dict[int, list[str]],
) -> None:
    # Each new year goes after the company's latest earlier year, or before its first year,
    # or (a company with no years yet) after the company's own keys: years stay in order.
    labelled = [(year.fiscal_year, t) for year, t in zip(company.years, year_tables, strict=True)]
    for fiscal_year, figures in sorted(new_years.items()):
        block = year_toml(fiscal_year, figures)
        earlier = [(fy, table) for fy, table in labelled if fy < fiscal_year]
        if earlier:
            anchor = max(earlier, key=lambda pair: pair[0])[1]
            after.setdefault(anchor.last, []).extend(["", *block])
        elif labelled:
            first = min((t for _, t in labelled), key=lambda t: t.header)
            before.setdefault(layout.comment_block_start(first.header), []).extend([*block, ""])
        else:
            own = layout.company_table(index)
            after.setdefault(own.last, []).extend(["", *block])


def _figure_model(figure: Extracted) -> Figure:
    from ..records import Figure

    return Figure(
        value=figure.value, status="confirmed", source=figure.source, line=figure.fact.label
    )


def _same(old: float, new: int | float) -> bool:
    return round(float(old), 3) == round(float(new), 3)


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _check_merge(
    text: str, path: Path | str, before: Dataset, index: int, expected_years: list[FiscalYear]
) -> None:
    """The merged text must parse, and differ from the old only in the intended figures."""
    from ..loader import parse_dataset

    after = parse_dataset(text, path)
    same_elsewhere = (
        after.schema_version == before.schema_version
        and after.fx == before.fx
        and len(after.companies) == len(before.companies)
        and all(
            a == b
            for i, (a, b) in enumerate(zip(after.companies, before.companies, strict=True))
            if i != index
        )
        and after.companies[index].model_copy(update={"years": []})
        == before.companies[index].model_copy(update={"years": []})
    )
    got = sorted(after.companies[index].years, key=lambda y: y.fiscal_year)
    want = sorted(expected_years, key=lambda y: y.fiscal_year)
    if not same_elsewhere or got != want:
        # A bug in the text editing below, not the user's doing: stop before writing.
        raise RuntimeError(f"merging into {path} would change more than the imported figures")


_HEADER = re.compile(r"^\s*(\[\[?)([^\[\]]*)\]\]?\s*(?:#.*)?$")
_KEY = re.compile(
    r"""^(\s*)((?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')"""
    r"""(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*'))*)\s*=\s*"""
)


@dataclass
class _Key:
    name: str
    dotted: bool
    first: int
    last: int
    value_column: int
    comment: str | None


@dataclass
class _Table:
    name: tuple[str, ...]
    array: bool
    header: int  # line index; -1 for the root table
    last: int  # last line of its last key/value (the header when it has none)
    indent: str = ""
    keys: dict[str, _Key] = field(default_factory=dict)

    def key_span(self, key: str, layout: _Layout, path: Path | str) -> tuple[int, int, str | None]:
        found = self.keys.get(key)
        if (
            found is None
            or found.dotted
            or found.first != found.last
            or not layout.lines[found.first][found.value_column :].lstrip().startswith("{")
        ):
            raise DataFileError(
                f"{path}:{self.header + 1}: cannot merge: {key} of this year is not written as "
                f"an inline table on one line ({key} = {{ value = ... }})",
                path,
            )
        return found.first, found.last, found.comment

    def insertion_point(self, key: str, layout: _Layout) -> tuple[int, str]:
        from ..records import FIGURE_FIELDS

        order = FIGURE_FIELDS.index(key)
        earlier = [k for name, k in self.keys.items() if name in FIGURE_FIELDS[:order]]
        later = [k for name, k in self.keys.items() if name in FIGURE_FIELDS[order + 1 :]]
        if earlier:
            return max(k.last for k in earlier), "after"
        if later:
            return layout.comment_block_start(min(k.first for k in later)), "before"
        return self.last, "after"


class _Layout:
    """Where the tables and keys of a TOML text are, line by line, for editing in place."""

    def __init__(self, text: str, path: Path | str) -> None:
        self.path = path
        self.lines = text.splitlines(keepends=True)
        self.newline = "\r\n" if self.lines and self.lines[0].endswith("\r\n") else "\n"
        self.tables: list[_Table] = [_Table((), False, -1, -1)]
        i = 0
        while i < len(self.lines):
            stripped = self.lines[i].strip()
            if not stripped or stripped.startswith("#"):
                i += 1
                continue
            header = _HEADER.match(self.lines[i]) if stripped.startswith("[") else None
            if header:
                self.tables.append(_Table(_split_name(header[2]), header[1] == "[[", i, i))
                i += 1
                continue
            key = _KEY.match(self.lines[i])
            if key is None:  # cannot happen in text that parsed; keep going regardless
                i += 1
                continue
            last, comment = _value_end(self.lines, i, key.end())
            names = _split_name(key[2])
            table = self.tables[-1]
            if not table.keys:
                table.indent = key[1]
            table.keys.setdefault(
                names[0], _Key(names[0], len(names) > 1, i, last, key.end(), comment)
            )
            table.last = last
            i = last + 1

    def _arrays(self, name: tuple[str, ...]) -> list[_Table]:
        return [t for t in self.tables if t.array and t.name == name]

    def company_table(self, index: int) -> _Table:
        return self._arrays(("companies",))[index]

    def company_years(self, index: int, dataset: Dataset) -> list[_Table]:
        """The ``[[companies.years]]`` tables of company ``index``, in file order."""
        companies = self._arrays(("companies",))
        ok = len(companies) == len(dataset.companies)
        owned: list[_Table] = []
        if ok:
            start = companies[index].header
            end = companies[index + 1].header if index + 1 < len(companies) else len(self.lines)
            owned = [t for t in self._arrays(("companies", "years")) if start < t.header < end]
            ok = len(owned) == len(dataset.companies[index].years)
        if not ok:
            raise DataFileError(
                f"{self.path}: cannot merge: companies and their years must be written as "
                "[[companies]] and [[companies.years]] tables, as in the shipped data file",
                self.path,
            )
        return owned

    def comment_block_start(self, line: int) -> int:
        # Comment lines right above a key or table describe it: insert above them.
        while line > 0 and self.lines[line - 1].strip().startswith("#"):
            line -= 1
        return line

    def render(
        self, replace: dict[int, str], after: dict[int, list[str]], before: dict[int, list[str]]
    ) -> str:
        nl = self.newline
        out: list[str] = []
        for i, line in enumerate(self.lines):
            out += [text + nl for text in before.get(i, [])]
            if i in replace:
                ending = line[len(line.rstrip("\r\n")) :] or nl
                line = replace[i] + ending
            if i in after and not line.endswith(("\n", "\r")):
                line += nl  # the last line of a file without a final newline
            out.append(line)
            out += [text + nl for text in after.get(i, [])]
        out += [text + nl for text in before.get(len(self.lines), [])]
        return "".join(out)


def _split_name(name: str) -> tuple[str, ...]:
    parts = re.findall(r"""\s*("(?:[^"\\]|\\.)*"|'[^']*'|[^.\s]+)\s*(?:\.|$)""", name.strip())
    return tuple(p[1:-1] if p[:1] in "\"'" else p for p in parts)


def _value_end(lines: list[str], i: int, column: int) -> tuple[int, str | None]:
    """The line on which the value starting at ``lines[i][column]`` ends, and its comment.

    A small TOML lexer: strings (basic, literal, multi-line), brackets of arrays and inline
    tables, and comments, so a value spread over several lines is kept whole.
    """
    depth = 0
    quote: str | None = None
    j, k = i, column
    while j < len(lines):
        line = lines[j]
        comment: str | None = None
        while k < len(line):
            ch = line[k]
            if quote is None:
                if line.startswith(('"""', "'''"), k):
                    quote = line[k : k + 3]
                    k += 3
                    continue
                if ch in "\"'":
                    quote = ch
                elif ch in "[{":
                    depth += 1
                elif ch in "]}":
                    depth -= 1
                elif ch == "#":
                    comment = line[k:].rstrip("\r\n").rstrip()
                    break
            elif ch == "\\" and quote in ('"', '"""'):
                k += 2
                continue
            elif len(quote) == 3 and line.startswith(quote, k):
                k += 3
                while k < len(line) and line[k] == quote[0]:  # """a"""" ends after the 4th
                    k += 1
                quote = None
                continue
            elif len(quote) == 1 and ch == quote:
                quote = None
            k += 1
        if quote is not None and len(quote) == 1:
            quote = None  # a one-line string cannot run on; the text parsed, so never here
        if depth <= 0 and quote is None:
            return j, comment
        j, k = j + 1, 0
    return len(lines) - 1, None
