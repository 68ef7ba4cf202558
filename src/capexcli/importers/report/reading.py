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


#: A reading started from the bare command line, before the options were parsed
#: (:func:`start_early`), with the arguments it was started with.
_early: tuple[tuple[Path, str | None, int | None], Pending[Report]] | None = None


def start_early(path: Path, url: str | None, year: int | None) -> None:
    """Start reading ``path`` before Typer and pydantic are imported (cli/entry.py: some
    70 ms sooner, a tenth of a report's reading). :func:`start_report` adopts it if the
    parsed options ask for the same reading, and cancels it otherwise."""
    global _early
    cancel_early()
    _early = ((path, url, year), _start(path, url, year, None))


def cancel_early() -> None:
    """Stop a reading :func:`start_early` started that nothing adopted (the options were
    refused, or asked for another reading)."""
    global _early
    if _early is not None:
        _early[1].cancel()
        _early = None


def start_report(
    path: Path,
    *,
    url: str | None = None,
    year: int | None = None,
    fiscal_year_end: tuple[int, int] | None = None,
) -> Pending[Report]:
    """:func:`read_report`, started: its ``result()`` is the report (or the
    error); ``cancel()`` stops it."""
    global _early
    if _early is not None and _early[0] == (path, url, year) and fiscal_year_end is None:
        pending = _early[1]
        _early = None
        return pending
    cancel_early()
    return _start(path, url, year, fiscal_year_end)


def _start(
    path: Path, url: str | None, year: int | None, fiscal_year_end: tuple[int, int] | None
) -> Pending[Report]:
    def work() -> Report:
        from capexcli.importers.report.extract import read_here

        return read_here(path, url, year, fiscal_year_end)

    return start(path, work)
