"""Every filed version of a figure, in the order the filings came out.

A figure's own value is its latest version, dated by the document it cites (the first filing
that gave that value); ``versions`` hold the values earlier filings gave. This module puts
them on one timeline, checks it (distinct dates, in order, each a change), and says when a
figure with no dated filing can be taken as filed: by the deadline for its annual report.
No I/O; :mod:`capexcli.model.as_of` picks the version a date sees.
"""

from __future__ import annotations

import calendar
import itertools
from dataclasses import dataclass
from datetime import date

from capexcli.errors import Problem
from capexcli.model.records import IDENTIFIER_IN_TEXT, Company, Figure, FiscalYear, Version

#: A figure that names no dated filing is taken as filed this many months after its period
#: ended: the latest an annual report may come out under the HKEX Listing Rules (four months)
#: and the SEC's 20-F rule (four months; a 10-K is due sooner). Shown as an assumption.
FILING_DEADLINE_MONTHS = 4


@dataclass(frozen=True, slots=True)
class Filed:
    """One version of a figure on its timeline."""

    value: float
    #: When the filing came out (or, if ``assumed``, the latest it could have).
    date: date
    assumed: bool
    document: str | None
    status: str | None
    source: str | None
    line: str | None
    page: int | None
    note: str | None
    #: The figure's own (latest) value rather than one of its earlier versions.
    latest: bool


def deadline(period_end: date) -> date:
    """``period_end`` plus :data:`FILING_DEADLINE_MONTHS`, on the last day of a shorter month."""
    month = period_end.month - 1 + FILING_DEADLINE_MONTHS
    year, month = period_end.year + month // 12, month % 12 + 1
    return date(year, month, min(period_end.day, calendar.monthrange(year, month)[1]))


def _document_date(company: Company, key: str | None) -> date | None:
    if key is None:
        return None
    found = next((d for d in company.documents if d.id == key), None)
    return None if found is None else found.date


def version_date(company: Company, version: Version) -> date | None:
    """The date of an earlier version: its own, else its document's."""
    return version.date or _document_date(company, version.document)


def timeline(company: Company, year: FiscalYear, field: str) -> list[Filed]:
    """The versions of one figure, oldest first, the figure's own value last.

    Assumes a checked dataset (see :func:`check_versions`): every version has a date.
    """
    figure = year.figure(field)
    if figure is None:
        return []
    status = year.status_of(field)
    entries = []
    for v in figure.versions:
        when = version_date(company, v)
        assert when is not None, "versions are dated (checks.check_versions)"
        entries.append(
            Filed(
                value=v.value,
                date=when,
                assumed=False,
                document=v.document,
                status=v.status or status,
                source=v.source,
                line=v.line,
                page=v.page,
                note=v.note,
                latest=False,
            )
        )
    key = year.document_of(field)
    when = figure.date or _document_date(company, key)
    entries.append(
        Filed(
            value=figure.value,
            date=when or deadline(year.period_end),
            assumed=when is None,
            document=key,
            status=status,
            source=year.source_of(field),
            line=figure.line,
            page=figure.page,
            note=figure.note,
            latest=True,
        )
    )
    return entries


def check_versions(
    company: Company, year: FiscalYear, field: str, figure: Figure, where: str
) -> list[Problem]:
    """Each version has a date, the dates are distinct and in order, each version changed
    the value before it, and a confirmed version names the document it was read in; a
    figure's own ``date`` agrees with its document's."""
    problems: list[Problem] = []
    key = year.document_of(field)
    filed = _document_date(company, key)
    if figure.date is not None and filed is not None and figure.date != filed:
        problems.append(
            Problem(
                f"{where}.date",
                f"{figure.date.isoformat()} differs from the date of document {key!r} "
                f"({filed.isoformat()}); a figure's date is its filing's: drop one",
            )
        )
    dated: list[tuple[int, date, float]] = []
    for k, v in enumerate(figure.versions):
        at = f"{where}.versions[{k}]"
        own = v.date
        listed = _document_date(company, v.document)
        if own is not None and listed is not None and own != listed:
            problems.append(
                Problem(
                    f"{at}.date",
                    f"{own.isoformat()} differs from the date of document {v.document!r} "
                    f"({listed.isoformat()}); a version's date is its filing's: drop one",
                )
            )
        when = own or listed
        if when is None:
            problems.append(
                Problem(
                    at,
                    "has no date: name a document that has a date, or give the version a "
                    "date (when the filing that gave this value came out)",
                )
            )
        else:
            dated.append((k, when, v.value))
        if v.document is None and v.source is None:
            problems.append(
                Problem(
                    at,
                    "cites nothing: give it the document (or source) of the filing that gave "
                    "this value",
                )
            )
        elif (
            (v.status or year.status_of(field)) == "confirmed"
            and v.document is None
            and not IDENTIFIER_IN_TEXT.search(v.source or "")
        ):
            problems.append(
                Problem(
                    f"{at}.document",
                    'confirmed, but names no document: give it document = "KEY" (the filing '
                    "it was read in), an accession number or URL in its source, or a status "
                    "that says how sure it is",
                )
            )
    for (_, earlier, value), (k, when, later) in itertools.pairwise(dated):
        at = f"{where}.versions[{k}]"
        if when == earlier:
            what = "the same value" if value == later else f"a different value ({_n(value)})"
            problems.append(
                Problem(
                    f"{at}.date",
                    f"{when.isoformat()} is also the date of the version before, with {what}: "
                    "versions of a figure have distinct dates",
                )
            )
        elif when < earlier:
            problems.append(
                Problem(
                    f"{at}.date",
                    f"{when.isoformat()} is before the version above it "
                    f"({earlier.isoformat()}): list versions oldest first",
                )
            )
        elif value == later:
            problems.append(
                Problem(
                    f"{at}.value",
                    f"{_n(later)} repeats the version before it: a version records a value "
                    "that a filing changed (cite the first filing that gave it)",
                )
            )
    if dated:
        k, last, value = dated[-1]
        current = figure.date or filed
        if value == figure.value:
            problems.append(
                Problem(
                    f"{where}.versions[{k}].value",
                    "equals the figure's value: a version records a value that a later "
                    "filing changed (the figure cites the first filing that gave its value)",
                )
            )
        elif current is not None and current <= last:
            problems.append(
                Problem(
                    f"{where}.document",
                    f"filed {current.isoformat()}, not after its last version "
                    f"({last.isoformat()}): the figure's own value is its latest version",
                )
            )
    return problems


def _n(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"
