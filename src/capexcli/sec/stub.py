"""Extracted figures -> TOML text: a ``[[companies]]`` stub to paste, and the lines of one
figure or one fiscal year, which the merge writes into a data file as they are printed here.

Every text from the SEC file (the entity name, labels, forms, accession numbers) is hostile
until escaped: values are written by tomlkit's string items, comments through
:func:`~capexcli.sec.document.printable`, so that no text can end a line and start a table or
a key of its own. The printed stub is read back and checked before it is returned.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from .document import printable
from .facts import Extracted, Extraction, fact_source, to_millions


def toml_string(text: str) -> str:
    """A TOML basic string, escaped by tomlkit: quotes, backslashes, control characters."""
    # Here, not at the top: reading data must not load tomlkit (see toml_edit).
    import tomlkit

    return tomlkit.string(text).as_string()


def toml_number(value: int | float) -> str:
    if isinstance(value, int):
        return str(value)
    if not math.isfinite(value):  # document.py refuses such values before they get here
        raise ValueError(f"not a TOML figure: {value!r}")
    return repr(float(value))


def figure_pairs(figure: Extracted) -> list[tuple[str, str]]:
    """The keys of a figure and their values as TOML text, in the order they are written:
    the latest value, dated and sourced by the first filing that gave it, and the values
    earlier filings gave (``versions``) where a filing changed it."""
    # The date before the strings: tomlkit drops the space before "}" after a date.
    pairs = [
        ("value", toml_number(figure.value)),
        ("date", figure.first.filed.isoformat()),
        ("status", '"confirmed"'),
        ("source", toml_string(figure.source)),
        ("line", toml_string(figure.fact.label)),
    ]
    if figure.versions:
        listed = ", ".join(
            f"{{ value = {toml_number(to_millions(v.value))}, date = {v.filed.isoformat()}, "
            f"source = {toml_string(fact_source(v))} }}"
            for v in figure.versions
        )
        pairs.append(("versions", f"[{listed}]"))
    return pairs


def figure_toml(figure: Extracted) -> str:
    """The figure as one line, an inline table."""
    pairs = ", ".join(f"{key} = {value}" for key, value in figure_pairs(figure))
    return f"{figure.field} = {{ {pairs} }}"


def year_toml(fiscal_year: int, figures: list[Extracted]) -> list[str]:
    """A ``[[companies.years]]`` table, one line per element, without newlines."""
    from ..records import FIGURE_FIELDS

    period_end = max(f.fact.end for f in figures)
    lines = ["[[companies.years]]", f"fiscal_year = {fiscal_year}", f"period_end = {period_end}"]
    order = {name: i for i, name in enumerate(FIGURE_FIELDS)}
    lines += [figure_toml(f) for f in sorted(figures, key=lambda f: order[f.field])]
    return lines


def by_year(figures: Iterable[Extracted]) -> dict[int, list[Extracted]]:
    grouped: dict[int, list[Extracted]] = {}
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
    _check_stub(stub, ident, name, list(years))
    return stub


def _check_stub(stub: str, ident: str, name: str, years: list[int]) -> None:
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
