"""Starting to read a report: the fence's child (:mod:`.limits`) is forked before the PDF
libraries and the reading code are imported, and imports them itself, so that the caller
can import what it prints with meanwhile (issue 29: two cores, one wait). This module
imports only :mod:`.limits`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from capexcli.importers.report.limits import Pending, start

if TYPE_CHECKING:
    from capexcli.importers.report.extract import Report


def is_url(source: str) -> bool:
    """Whether ``capex import report SOURCE`` names an address to download (:mod:`.download`)
    rather than a saved file. Here, not there: deciding it imports no download code."""
    return source.startswith(("https://", "http://"))


def read_report(
    path: Path,
    *,
    url: str | None = None,
    year: int | None = None,
    fiscal_year_end: tuple[int, int] | None = None,
) -> Report:
    """Read a report. ``year`` keeps one fiscal year of the two (and names the year of a
    headline figure whose heading names none); ``fiscal_year_end`` (month, day), from the
    data file's company, dates the columns when the statement's header does not.

    Read within the bounds of :mod:`.limits` (time, memory, pages, characters)."""
    return start_report(path, url=url, year=year, fiscal_year_end=fiscal_year_end).result()


def start_report(
    path: Path,
    *,
    url: str | None = None,
    year: int | None = None,
    fiscal_year_end: tuple[int, int] | None = None,
) -> Pending[Report]:
    """:func:`read_report`, started: its ``result()`` is the report (or the
    error); ``cancel()`` stops it."""

    def work() -> Report:
        from capexcli.importers.report.extract import read_here

        return read_here(path, url, year, fiscal_year_end)

    return start(path, work)
