"""``capex import report``: figures from a Hong Kong annual report or results announcement
(PDF). Registered on ``capex import`` by commands.py importing this module.

A thin layer: parse the options, call :mod:`capexcli.importers.report`, print or merge with the SEC
importer's machinery (atomic write, lock, the same change list).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from capexcli.cli.imports import (
    ImportForceOption,
    ImportJsonOption,
    IntoOption,
    check_timeout,
    import_app,
    into_paths,
    merge_into,
    tell_merge,
)
from capexcli.errors import OptionError, ReportError
from capexcli.present.output import Out, emit

if TYPE_CHECKING:
    from capexcli.importers.report.extract import Report
    from capexcli.importers.report.limits import Pending
    from capexcli.model.records import Company

_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")

_HELP = (
    "Read cash-flow figures from a Hong Kong annual report or results announcement (PDF).\n\n"
    "Finds the consolidated statement of cash flows and reads, for its current and prior "
    "year: net cash from/used in operating activities; purchases of property, plant and "
    "equipment (construction in progress, investment properties); purchases of intangible "
    "assets; payments for land use rights, right-of-use assets or leasehold land; payments "
    "for repurchase of shares; dividends paid. Each with its line as printed (English, "
    "Chinese or both), its page, and the statement's unit (RMB'000, HK$'000, HK$, RMB "
    "million, 千港元 ...), converted to millions of its currency, outflows positive as in the "
    "data. A results release's headline capex (资本开支为人民币792亿元) is read as printed, "
    "marked as rounded. Two lines that could be the same measure are both listed with a "
    "warning; capex never picks one.\n\n"
    "Without --into: TOML to paste (a company stub with the capex basis, the document and "
    "the years). With --company ID --into PATH: merged into that data file, atomically, every "
    "figure added or changed listed, a figure that differs from a confirmed one left alone "
    "unless --force. Capex is what the company's capex basis adds, found by its lines' "
    "labels. A report whose HKEX stock code or issuer name is not the company's (its "
    "documents, aliases, names) is refused unless --force.\n\n"
    "A PDF with no statement of cash flows (and no headline capex), a scanned PDF without "
    "text, an encrypted or damaged file: exit 2, nothing written.\n\n"
    "Given an address instead of a file: downloaded from HKEXnews only (https on "
    "www1.hkexnews.hk or www.hkexnews.hk, redirects only there, at most 200 MiB, --timeout), "
    "then read as a saved file.\n\n"
    "Examples:\n\n"
    "  capex import report 2025040800667.pdf\n\n"
    "  capex import report AR2025.pdf --company tencent --url URL --into data/companies.toml"
    "\n\n"
    "  capex import report results.pdf --year 2025 --json\n\n"
    "  capex import report HKEXNEWS-URL --company kuaishou --into"
)


@import_app.command("report", help=_HELP)
def report_command(
    ctx: typer.Context,
    source: Annotated[
        str,
        typer.Argument(
            metavar="FILE.pdf|URL",
            help="An annual report or results announcement, as published on HKEXnews: a "
            "saved PDF, or its https address on www1.hkexnews.hk (downloaded, then read the "
            "same way; the address becomes the document's URL unless --url).",
            show_default=False,
        ),
    ],
    company: Annotated[
        str | None,
        typer.Option(
            "--company",
            metavar="ID",
            help="The company of the data file the figures belong to (id, name or alias): "
            "its capex basis says which lines capex adds, its fiscal-year end dates the "
            "columns. Without --into: the id of the printed stub.",
            show_default=False,
        ),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            metavar="FY",
            help="Only this fiscal year (the statement's current or prior one); also the "
            "year of a headline figure whose heading names none.",
            show_default=False,
        ),
    ] = None,
    url: Annotated[
        str | None,
        typer.Option(
            "--url",
            metavar="URL",
            help="Where readers find the document (its HKEXnews address, which also gives "
            "its date of publication); written into the document's citation.",
            show_default=False,
        ),
    ] = None,
    into: IntoOption = None,
    force: ImportForceOption = False,
    as_json: ImportJsonOption = False,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout",
            metavar="SECONDS",
            help="With a URL: give up on the download after (the whole of it).",
        ),
    ] = 60.0,
) -> None:
    if force and into is None:
        raise OptionError("--force only applies with --into (it replaces confirmed figures)")
    if into is not None and company is None:
        raise OptionError("--into needs --company ID: which company of the file gets the figures")
    if into is None and company is not None and not _SLUG.fullmatch(company):
        raise OptionError(
            f"--company {company!r}: an id is lowercase letters, digits and hyphens, e.g. tencent"
        )
    if year is not None and not 1900 <= year <= 2200:
        raise OptionError(f"--year {year}: not a fiscal year")
    from capexcli.importers.report.reading import is_url, start_report

    pending = None
    if into is None and not is_url(source):
        # Nothing of the data file dates the columns: the PDF is read in a child process from
        # now, while this one imports the models it validates and prints with (issue 29).
        pending = start_report(Path(source), url=url, year=year)
    try:
        _report_command(source, company, year, url, into, force, as_json, timeout, ctx, pending)
    finally:
        if pending is not None:
            pending.cancel()


def _report_command(
    source: str,
    company: str | None,
    year: int | None,
    url: str | None,
    into: Path | None,
    force: bool,
    as_json: bool,
    timeout: float,
    ctx: typer.Context,
    pending: Pending[Report] | None,
) -> None:
    from capexcli.model.records import Document, find_company

    if url is not None:
        try:
            Document(id="x", title="x", form="x", url=url)
        except ValueError:
            raise OptionError(f"--url {url!r}: not an http(s) address") from None

    from capexcli.importers import report as reports
    from capexcli.importers.report.result import to_result

    target = None
    original = b""
    read, create = into, False
    if into is not None and company is not None:
        from capexcli.store.loader import decode, parse_dataset, read_bytes

        read, into, create = into_paths(ctx, into)
        original = read_bytes(read)
        target = find_company(parse_dataset(decode(original, read), read), company)
    fy_end = target.fy_end_month_day if target is not None else None
    from capexcli.importers.report.reading import is_url

    if pending is not None:
        file = Path(source)
        report = pending.result()
    elif is_url(source):
        if url is None:
            url = source
        report = _read_downloaded(source, timeout, url, year, fy_end)
        file = Path(report.path)
    else:
        file = Path(source)
        report = reports.read_report(file, url=url, year=year, fiscal_year_end=fy_end)
    if target is not None and report.currency is not None and report.currency != target.currency:
        raise ReportError(
            f"{file}: its figures are in {report.currency}; {target.id}'s data is in "
            f"{target.currency}. capex does not convert them: nothing written"
        )
    if target is not None and not force:
        from capexcli.importers.report.identity import mismatch

        wrong = mismatch(report.document, target)
        if wrong is not None:
            raise ReportError(
                f"{file}: {wrong}. Nothing written; --force merges it into {target.id} anyway"
            )

    if into is None or target is None:
        data = reports.data_figures(report, None)
        if as_json:
            emit(to_result(report, data, company), Out(format="json"))
        else:
            from capexcli.importers.report.stub import render

            sys.stdout.write(render(report, data, company, None))
        return

    from capexcli.importers import sec

    data = reports.data_figures(report, target)

    def merge(text: str, company_now: Company, changed: bool) -> sec.Merged:
        nonlocal data
        if changed:  # the figures again, for the company as it now stands
            data = reports.data_figures(report, company_now)
        return sec.merge(text, into, company_now, data, force=force, document=data.document)

    merged, target, written = merge_into(
        into, original, target.id, merge, create_from=read if create else None
    )
    tell_merge(to_result(report, data, target.id), into, merged, written, as_json)


def _read_downloaded(
    address: str,
    timeout: float,
    url: str | None,
    year: int | None,
    fy_end: tuple[int, int] | None,
) -> Report:
    """The report at an HKEXnews address, downloaded to a temporary folder under its own
    name (which dates it, as for a saved file) and read there; the report names the file
    only, and an error the address."""
    import tempfile

    from capexcli.importers import report as reports
    from capexcli.importers.report.download import fetch_report, file_name

    check_timeout(timeout)
    body = fetch_report(address, timeout=timeout)
    with tempfile.TemporaryDirectory(prefix="capex-report-") as folder:
        path = Path(folder) / file_name(address)
        path.write_bytes(body)
        try:
            report = reports.read_report(path, url=url, year=year, fiscal_year_end=fy_end)
        except ReportError as exc:
            raise ReportError(exc.message.replace(str(path), address)) from None
    report.path = Path(path.name)
    return report
