"""Extracted figures -> TOML text: a ``[[companies]]`` stub to paste, and the lines of one
figure or one fiscal year, which the merge writes into a data file as they are printed here."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .facts import Extracted, Extraction


def toml_string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    out = ['"']
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch in "\b\t\n\f\r":
            out.append({"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def toml_number(value: int | float) -> str:
    return str(value) if isinstance(value, int) else repr(float(value))


def figure_pairs(figure: Extracted) -> list[tuple[str, str]]:
    """The keys of a figure and their values as TOML text, in the order they are written."""
    return [
        ("value", toml_number(figure.value)),
        ("status", '"confirmed"'),
        ("source", toml_string(figure.source)),
        ("line", toml_string(figure.fact.label)),
    ]


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
    lines = [
        f"# capex import sec: {extraction.entity_name} ({cik}), SEC XBRL company facts.",
        "# Paste into a data file: the [[companies.years]] tables go under the company's",
        "# [[companies]] table (or use --company ID --into PATH to merge them).",
        *(f"# note: {note}" for note in extraction.notes),
        "",
        "[[companies]]",
        f"id = {toml_string(ident)}",
        f"name = {toml_string(extraction.entity_name)}",
        f"name_zh = {toml_string(extraction.entity_name)}  # fill in the Chinese name",
        f'region = "{region}"  # US or CN: which group it joins (guessed from the currency)',
        f'currency = "{extraction.currency}"',
        f'fiscal_year_end = "{extraction.fiscal_year_end}"',
    ]
    for fiscal_year, figures in by_year(extraction.figures).items():
        lines += ["", *year_toml(fiscal_year, figures)]
    return "\n".join(lines) + "\n"
