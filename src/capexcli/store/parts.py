"""A large data file read a company at a time.

Parsing a whole 35 MB file builds every company's tables as dicts (about 190 MB for 5,000
companies) before any of them is validated. Cut at each top-level ``[[companies]]`` header,
the file parses and validates one company at a time, and each company's dicts are freed as
soon as its records exist: the peak holds the records and one company's dicts.

This is only a faster way to the same dataset. Anything it is not sure of (a multi-line
string, another table between companies, a syntax or validation error) sends the file back to
the whole-file path, which gives the same dataset or the same error messages as ever.
"""

from __future__ import annotations

import re

import tomli
from pydantic import ValidationError

from capexcli.model.records import Company, Dataset

#: Below this many companies the whole-file path is as fast and the cut is not worth it.
MIN_COMPANIES = 64

#: A top-level ``[[companies]]`` header on a line of its own (a comment may follow).
_HEADER = re.compile(r"^[ \t]*\[\[[ \t]*companies[ \t]*\]\][ \t]*(?:#[^\n]*)?$", re.MULTILINE)


def parse_in_parts(text: str) -> Dataset | None:
    """The dataset of ``text`` parsed a company at a time, or None to parse it whole."""
    # A multi-line string could hold a line that looks like a header: never cut such a file.
    if '"""' in text or "'''" in text:
        return None
    starts = [match.start() for match in _HEADER.finditer(text)]
    if len(starts) < MIN_COMPANIES:
        return None
    try:
        top = tomli.loads(text[: starts[0]])
        if "companies" in top:
            return None
        companies: list[Company] = []
        for start, end in zip(starts, [*starts[1:], len(text)], strict=True):
            part = tomli.loads(text[start:end])
            found = part.pop("companies", None)
            # Another top-level table after a company ([[fx]] at the end, say) would be
            # merged out of its place here: the whole-file path reads it as written.
            if part or not isinstance(found, list) or len(found) != 1:
                return None
            companies.append(Company.model_validate(found[0]))
        top["companies"] = companies
        return Dataset.model_validate(top)
    except (tomli.TOMLDecodeError, ValidationError, RecursionError):
        return None
