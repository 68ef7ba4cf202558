"""Extracted figures -> TOML text: a ``[[companies]]`` stub to paste, and the lines of one
figure or one fiscal year, which the merge writes into a data file as they are printed here.

Every text from the SEC file (the entity name, labels, forms, accession numbers) is hostile
until escaped: values are written by tomlkit's string items, comments through
:func:`~capexcli.importers.sec.document.printable`, so that no text can end a line and start a
table or
a key of its own. The printed stub is read back and checked before it is returned.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Protocol, TypeVar

from capexcli.importers.sec.document import printable
from capexcli.importers.sec.facts import Extraction

if TYPE_CHECKING:
    from capexcli.model.records import Version


class Importable(Protocol):
    """A figure an importer brings in: an SEC fact (facts.Extracted) or a line of a PDF
    report (capexcli.importers.report.figures.ReportFigure). Stub and merge write any of them."""

    @property
    def field(self) -> str: ...
    @property
    def fiscal_year(self) -> int: ...
    @property
    def value(self) -> int | float: ...
    @property
    def period_end(self) -> date: ...
    @property
    def line(self) -> str: ...
    @property
    def source(self) -> str | None: ...
    @property
    def document(self) -> str | None: ...
    @property
    def page(self) -> int | None: ...
    @property
    def note(self) -> str | None: ...
    #: When the filing that first gave the value came out, for a figure whose document
    #: carries no date (an SEC figure cites its filing in ``source``); else None.
    @property
    def filed(self) -> date | None: ...
    #: What earlier filings gave before a restatement, oldest first (the figure's versions).
    @property
    def earlier(self) -> Sequence[Version]: ...


class HasFigures(Protocol):
    @property
    def figures(self) -> Sequence[Importable]: ...


F = TypeVar("F", bound=Importable)


def toml_string(text: str) -> str:
    """A TOML basic string, escaped by tomlkit: quotes, backslashes, control characters."""
    # Here, not at the top: reading data must not load tomlkit (see toml_edit).
    import tomlkit

    return tomlkit.string(text).as_string()


def version_toml(version: Version) -> str:
    """A version as an inline table: its value and the keys it gives, in the records' order."""
    pairs = [f"value = {toml_number(version.value)}"]
    for key in ("document", "date", "status", "source", "line", "page", "note"):
        given = getattr(version, key)
        if given is None:
            continue
        if key == "date":
            pairs.append(f"date = {given.isoformat()}")
        elif key == "page":
            pairs.append(f"page = {given}")
        else:
            pairs.append(f"{key} = {toml_string(given)}")
    return "{ " + ", ".join(pairs) + " }"


def toml_number(value: int | float) -> str:
    if isinstance(value, int):
        return str(value)
    if not math.isfinite(value):  # document.py refuses such values before they get here
        raise ValueError(f"not a TOML figure: {value!r}")
    return repr(float(value))


def figure_pairs(figure: Importable) -> list[tuple[str, str]]:
    """The keys of a figure and their values as TOML text, in the order they are written:
    the latest value, with the filing that first gave it, and the values earlier filings
    gave (``versions``) where a filing changed it."""
    pairs = [("value", toml_number(figure.value))]
    if figure.filed is not None:
        # Before the strings: tomlkit drops the space before "}" after a date.
        pairs.append(("date", figure.filed.isoformat()))
    pairs.append(("status", '"confirmed"'))
    if figure.document is not None:
        pairs.append(("document", toml_string(figure.document)))
    if figure.page is not None:
        pairs.append(("page", str(figure.page)))
    if figure.source is not None:
        pairs.append(("source", toml_string(figure.source)))
    pairs.append(("line", toml_string(figure.line)))
    if figure.note is not None:
        pairs.append(("note", toml_string(figure.note)))
    if figure.earlier:
        listed = ", ".join(version_toml(v) for v in figure.earlier)
        pairs.append(("versions", f"[{listed}]"))
    return pairs


def figure_toml(figure: Importable) -> str:
    """The figure as one line, an inline table."""
    pairs = ", ".join(f"{key} = {value}" for key, value in figure_pairs(figure))
    return f"{figure.field} = {{ {pairs} }}"


def year_toml(fiscal_year: int, figures: Sequence[Importable]) -> list[str]:
    """A ``[[companies.years]]`` table, one line per element, without newlines."""
    from capexcli.model.records import FIGURE_FIELDS

    period_end = max(f.period_end for f in figures)
    lines = ["[[companies.years]]", f"fiscal_year = {fiscal_year}", f"period_end = {period_end}"]
    order = {name: i for i, name in enumerate(FIGURE_FIELDS)}
    lines += [figure_toml(f) for f in sorted(figures, key=lambda f: order[f.field])]
    return lines


def by_year(figures: Iterable[F]) -> dict[int, list[F]]:
    grouped: dict[int, list[F]] = {}
    for figure in figures:
        grouped.setdefault(figure.fiscal_year, []).append(figure)
    return dict(sorted(grouped.items()))


def slug(text: str) -> str:
    """An id for the data file from an entity name: ``Apple Inc.`` -> ``apple-inc``."""
    out = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:63].strip("-")
    return out or "company"


def render_stub(extraction: Extraction, company_id: str | None = None) -> str:
    """The figures as TOML to paste: a ``[[companies]]`` stub and its years."""
    ident = company_id or slug(extraction.entity_name)
    region = "CN" if extraction.currency == "CNY" else "US"
    cik = f"CIK {extraction.cik}" if extraction.cik is not None else "no CIK"
    name = extraction.entity_name
    lines = [
        f"# capex import sec: {printable(name)} ({cik}), SEC XBRL company facts.",
        "# Paste into a data file: the [[companies.years]] tables go under the company's",
        "# [[companies]] table (or use --company ID --into PATH to merge them).",
        *(f"# note: {printable(note, 2000)}" for note in extraction.notes),
        "",
        "[[companies]]",
        f"id = {toml_string(ident)}",
        f"name = {toml_string(name)}",
        f"name_zh = {toml_string(name)}  # fill in the Chinese name",
        f"region = {toml_string(region)}  # US or CN: which group it joins (guessed from the "
        "currency)",
        f"currency = {toml_string(extraction.currency)}",
        f"fiscal_year_end = {toml_string(extraction.fiscal_year_end)}",
    ]
    years = by_year(extraction.figures)
    for fiscal_year, figures in years.items():
        lines += ["", *year_toml(fiscal_year, figures)]
    stub = "\n".join(lines) + "\n"
    check_stub(stub, ident, name, list(years))
    return stub


def check_stub(stub: str, ident: str, name: str, years: list[int]) -> None:
    """The stub holds one company, with the name as given and the years meant, and nothing
    else: a slip in the escaping above is a bug to stop on, not TOML to print."""
    import tomli

    try:
        parsed = tomli.loads(stub)
    except tomli.TOMLDecodeError as exc:
        raise RuntimeError(f"the printed stub would not be TOML: {exc}") from None
    companies = parsed.get("companies")
    company = companies[0] if isinstance(companies, list) and len(companies) == 1 else None
    if (
        list(parsed) != ["companies"]
        or not isinstance(company, dict)
        or (company.get("id"), company.get("name"), company.get("name_zh")) != (ident, name, name)
        or [y.get("fiscal_year") for y in company.get("years", [])] != years
    ):
        raise RuntimeError("the printed stub would not read back as the company extracted")
