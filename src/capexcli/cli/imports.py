"""``capex import``: bring figures in from filings. Mounted on the main app by commands.py.

A thin layer like commands.py: parse the options, call :mod:`capexcli.importers.sec`, print.
Failures are ``CapexError``s, which the main app turns into a one-line message and exit 2.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypeVar

import typer

from capexcli.errors import OptionError
from capexcli.importers import edgar
from capexcli.present.output import Out, emit

if TYPE_CHECKING:
    from capexcli.importers import sec
    from capexcli.importers.report.result import ReportImportResult
    from capexcli.model.records import Company
    from capexcli.results import ImportedFigure, SecImportResult

T = TypeVar("T")

#: The options every importer shares (sec, report), declared once.
IntoOption = Annotated[
    Path | None,
    typer.Option(
        "--into",
        metavar="PATH",
        help="Merge into this data file (needs --company) instead of printing TOML. "
        "--into without a PATH (or --into -): the data file in use, your own (created from "
        "the shipped data on the first write).",
        show_default=False,
    ),
]
#: The options of the commands that read SEC company facts (verify, update).
FactsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--facts",
        metavar="FILE|FOLDER",
        help="Saved SEC company facts: a file (ID=FILE says whose), or a folder of them, "
        "matched to companies by name or CIK. Repeat for several.",
        show_default=False,
    ),
]
DownloadOption = Annotated[
    bool,
    typer.Option(
        "--download",
        metavar="",
        help="Fetch the company facts of each company (by its ticker among the dataset's "
        "SEC filers) from data.sec.gov, with the rules of `capex import sec`: a User-Agent "
        "(--user-agent or CAPEX_SEC_USER_AGENT), at most 10 requests a second, --timeout.",
    ),
]
UserAgentOption = Annotated[
    str | None,
    typer.Option(
        "--user-agent",
        metavar="'NAME EMAIL'",
        help="Who is asking, as the SEC requires (also: CAPEX_SEC_USER_AGENT).",
        show_default=False,
    ),
]
TimeoutOption = Annotated[
    float,
    typer.Option("--timeout", metavar="SECONDS", help="Give up on one download after."),
]


def check_timeout(timeout: float) -> None:
    """A --timeout the downloads can use: more than 0 and at most an hour (not NaN)."""
    from capexcli.importers.sec.download import MAX_TIMEOUT_SECONDS

    if not 0 < timeout <= MAX_TIMEOUT_SECONDS:  # also NaN, which compares false
        raise OptionError(
            f"--timeout {timeout:g}: must be more than 0 seconds and at most "
            f"{MAX_TIMEOUT_SECONDS:g} (an hour)"
        )


#: What a bare ``--into`` becomes (app.py's main()): the data file in use, see into_paths.
INTO_IN_USE = Path("-")
ImportForceOption = Annotated[
    bool,
    typer.Option(
        "--force",
        metavar="",
        help="With --into: also replace figures the file marks confirmed.",
    ),
]
ImportJsonOption = Annotated[
    bool,
    typer.Option(
        "--json", metavar="", help="Print one JSON document (for scripts) instead of TOML."
    ),
]

import_app = typer.Typer(
    name="import",
    help="Bring figures in from filings: `capex import sec` reads SEC XBRL company facts, "
    "`capex import report` a Hong Kong annual report or results announcement (PDF).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


#: A company id, as records.py requires it.
_SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")

_SEC_HELP = (
    "Read annual cash-flow figures from SEC XBRL company facts into capex records.\n\n"
    "From FILE (the JSON that data.sec.gov/api/xbrl/companyfacts/CIK##########.json serves) "
    "or downloaded with --cik or --ticker. Read per fiscal year, keyed on the period end, "
    "from 10-K, 10-K/A, 20-F and 20-F/A filings (the latest filing of a period wins): capex "
    "(us-gaap:PaymentsToAcquirePropertyPlantAndEquipment, else "
    "PaymentsToAcquireProductiveAssets), operating cash flow, buybacks, dividends and debt "
    "repayment, in millions of USD or CNY as filed. Each figure is status confirmed, with the "
    "form, filing date, accession number and tag as its source.\n\n"
    "Without --into the records are printed as TOML to paste into a data file; with "
    "--company ID --into PATH they are merged into that data file (written atomically) and "
    "every figure added or changed is listed. A figure that differs from one the file marks "
    "confirmed is left alone and listed as skipped, unless --force.\n\n"
    "Downloads follow the SEC's rules: a User-Agent with your name and email "
    f"(--user-agent or {edgar.USER_AGENT_VAR}), at most 10 requests a second, retries on "
    f"429 and 5xx. {edgar.BASE_URL_VAR} replaces https://data.sec.gov (e.g. a mirror). "
    "Redirects are followed only to the SEC over HTTPS, and an answer over 256 MiB once "
    "decompressed is refused.\n\n"
    "Examples:\n\n"
    "  capex import sec CIK0000789019.json\n\n"
    "  capex import sec --ticker MSFT --user-agent 'Jane Doe jane@example.com' "
    "--company microsoft --into data/companies.toml\n\n"
    "  capex import sec --cik 1652044 --years 2024-2025 --json"
)


@import_app.command("sec", help=_SEC_HELP)
def sec_command(
    ctx: typer.Context,
    file: Annotated[
        Path | None,
        typer.Argument(
            metavar="FILE",
            help="A company-facts JSON file. Or download with --cik / --ticker.",
            show_default=False,
        ),
    ] = None,
    cik: Annotated[
        str | None,
        typer.Option(
            "--cik",
            metavar="NUMBER",
            help="Download the company facts of this SEC Central Index Key, e.g. 789019.",
            show_default=False,
        ),
    ] = None,
    ticker: Annotated[
        str | None,
        typer.Option(
            "--ticker",
            metavar="TICKER",
            help="Download by ticker: only the dataset's eight SEC filers are known: "
            + ", ".join(f"{t} ({n})" for t, n in edgar.TICKERS.items())
            + ". Others: --cik.",
            show_default=False,
        ),
    ] = None,
    user_agent: Annotated[
        str | None,
        typer.Option(
            "--user-agent",
            metavar="'NAME EMAIL'",
            help=f"Who is asking, as the SEC requires (also: {edgar.USER_AGENT_VAR}).",
            show_default=False,
        ),
    ] = None,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout",
            metavar="SECONDS",
            help="Give up on a download that takes longer, however the server stalls (each "
            "try as a whole, not each read).",
        ),
    ] = 30.0,
    company: Annotated[
        str | None,
        typer.Option(
            "--company",
            metavar="ID",
            help="With --into: the company of the data file the figures belong to (id, name "
            "or alias). Without: the id of the printed stub.",
            show_default=False,
        ),
    ] = None,
    years: Annotated[
        str | None,
        typer.Option(
            "--years",
            "-y",
            metavar="FIRST-LAST",
            help="Only these fiscal years, e.g. 2023-2025 or 2025. Default: all.",
            show_default=False,
        ),
    ] = None,
    into: IntoOption = None,
    force: ImportForceOption = False,
    as_json: ImportJsonOption = False,
) -> None:
    # Imported here, not at the top: `capex --help` and other commands should not pay for them.
    from capexcli.compute.metrics import parse_years
    from capexcli.importers import sec
    from capexcli.model.records import find_company
    from capexcli.store.loader import decode, parse_dataset, read_bytes

    span = parse_years(years) if years is not None else None
    check_timeout(timeout)
    if force and into is None:
        raise OptionError("--force only applies with --into (it replaces confirmed figures)")
    if into is not None and company is None:
        raise OptionError("--into needs --company ID: which company of the file gets the figures")
    given = [name for name, v in (("FILE", file), ("--cik", cik), ("--ticker", ticker)) if v]
    if len(given) != 1:
        raise OptionError(
            "give a company-facts FILE, or --cik NUMBER or --ticker TICKER to download one"
            if not given
            else f"give one of FILE, --cik, --ticker (got {' and '.join(given)})"
        )

    if into is None and company is not None and not _SLUG.fullmatch(company):
        raise OptionError(
            f"--company {company!r}: an id is lowercase letters, digits and hyphens, e.g. apple"
        )

    # Read and validate the data file first: a bad file should stop us before any download.
    target = None
    original = b""
    read, create = into, False
    if into is not None and company is not None:
        read, into, create = into_paths(ctx, into)
        original = read_bytes(read)
        target = find_company(parse_dataset(decode(original, read), read), company)

    if file is not None:
        document = sec.read_document(file)
        origin = str(file)
    else:
        number = sec.resolve_cik(cik, ticker)
        agent = sec.check_user_agent(user_agent or os.environ.get(edgar.USER_AGENT_VAR))
        base_url = os.environ.get(edgar.BASE_URL_VAR) or edgar.DEFAULT_BASE_URL
        raw = sec.fetch_company_facts(number, user_agent=agent, base_url=base_url, timeout=timeout)
        origin = f"CIK {number}"
        document = sec.load_document(raw, origin)

    extraction = sec.extract(document, origin, company=target, years=span)
    if into is None or target is None:
        result = _result(extraction, company)
        if as_json:
            emit(result, Out(format="json"))
        else:
            sys.stdout.write(sec.render_stub(extraction, company))
        return

    def merge(text: str, company_now: Company, changed: bool) -> sec.Merged:
        nonlocal extraction
        if changed:  # the figures again, for the company as it now stands
            extraction = sec.extract(document, origin, company=company_now, years=span)
        return sec.merge(text, into, company_now, extraction, force=force)

    merged, target, written = merge_into(
        into, original, company, merge, create_from=read if create else None
    )
    tell_merge(_result(extraction, target.id), into, merged, written, as_json)


def into_paths(ctx: typer.Context, into: Path) -> tuple[Path, Path, bool]:
    """The file an import reads and the one it writes, and whether the latter is the user's
    data file still to be created (cli/data.py's write_target); ``--into -`` is the data
    file in use (CAPEX_DATA, the root's --data, the user's own)."""
    from capexcli.cli.data import write_target

    if into != INTO_IN_USE:
        return write_target(into, None)
    root = ctx.find_root().obj or {}
    return write_target(None, root.get("data"))


def merge_into(
    into: Path,
    original: bytes,
    company: str,
    merge: Callable[[str, Company, bool], sec.Merged],
    *,
    create_from: Path | None = None,
) -> tuple[sec.Merged, Company, bool]:
    """Merge into a data file and write it, for every importer: the merged text, the company
    as merged into, and whether the file was written.

    Several imports into one file at once (a script, one per company or year) each merge into
    what the one before wrote: under the file's lock the file is read again, and ``merge``
    gets its text, the company as it now stands and whether the file changed since
    ``original`` was read. The write is atomic and keeps a byte-order mark the file had.
    """
    from capexcli.model.records import find_company
    from capexcli.store.loader import decode, parse_dataset

    if create_from is not None:
        # The user's data file, not there yet: merge into the shipped data's text, and
        # create the file only if the merge changes something.
        from capexcli.cli.data import create_user_file

        text = decode(original, create_from)
        target = find_company(parse_dataset(text, create_from), company)
        merged = merge(text, target, False)
        if merged.text == text:
            return merged, target, False
        merged.notes.append(create_user_file(into, create_from, merged.text))
        return merged, target, True

    def step(text: str, changed: bool) -> tuple[str, tuple[sec.Merged, Company]]:
        target = find_company(parse_dataset(text, into), company)
        merged = merge(text, target, changed)
        return merged.text, (merged, target)

    (merged, target), written = rewrite(into, original, step)
    return merged, target, written


def rewrite(
    into: Path, original: bytes, step: Callable[[str, bool], tuple[str, T]]
) -> tuple[T, bool]:
    """Rewrite a data file under its lock: ``step`` gets the text as it now is (read again)
    and whether it changed since ``original`` was read, and returns the new text and what it
    found; the file is written atomically, keeping a byte-order mark, if the text changed.
    Returns what ``step`` found and whether the file was written."""
    from capexcli.store.atomic import atomic_write, write_lock
    from capexcli.store.loader import decode, read_bytes

    with write_lock(into):
        current = read_bytes(into)
        text = decode(current, into)
        new_text, found = step(text, current != original)
        written = new_text != text
        if written:
            # decode drops a byte-order mark: put it back.
            bom = b"\xef\xbb\xbf" if current.startswith(b"\xef\xbb\xbf") else b""
            atomic_write(into, bom + new_text.encode("utf-8"), force=True, expect=current)
    return found, written


def tell_merge(
    result: SecImportResult | ReportImportResult,
    into: Path,
    merged: sec.Merged,
    written: bool,
    as_json: bool,
) -> None:
    """What an import did to the data file: ``result`` with the merge's notes and changes as
    JSON, or a line per figure and a summary line."""
    from capexcli.results import ImportedChange

    result.into = str(into)
    result.written = written
    result.notes += merged.notes
    result.changes = [
        ImportedChange(
            company=c.company,
            fiscal_year=c.fiscal_year,
            field=c.field,
            action=c.action,
            old=c.old,
            old_status=c.old_status,
            new=c.new,
        )
        for c in merged.changes
    ]
    if as_json:
        emit(result, Out(format="json"))
        return
    warnings = getattr(result, "warnings", ())
    print_merge(into, merged, written, result.notes, warnings)


def print_merge(
    into: Path, merged: sec.Merged, written: bool, notes: list[str], warnings: Sequence[str] = ()
) -> None:
    """What a merge did, a line per figure added or changed, then a summary line."""
    out: list[str] = [c.describe() for c in merged.changes if c.action != "unchanged"]
    out += [f"warning: {warning}" for warning in warnings]
    out += [f"note: {note}" for note in notes]
    counts = {
        action: sum(1 for c in merged.changes if c.action == action)
        for action in ("added", "changed", "confirmed", "skipped", "unchanged")
    }
    summary = ", ".join(f"{n} {action}" for action, n in counts.items() if n)
    if written:
        out.append(f"{into}: written ({summary})")
    else:
        out.append(f"{into}: not changed ({summary or 'nothing to import'})")
    sys.stdout.write("\n".join(out) + "\n")


def _result(extraction: sec.Extraction, company: str | None) -> SecImportResult:
    from capexcli.results import SecImportResult

    return SecImportResult(
        cik=extraction.cik,
        entity_name=extraction.entity_name,
        company=company,
        currency=extraction.currency,
        fiscal_year_end=extraction.fiscal_year_end,
        figures=[_figure(f) for f in extraction.figures],
        notes=list(extraction.notes),
    )


def _figure(figure: sec.Extracted) -> ImportedFigure:
    from capexcli.importers import sec
    from capexcli.results import ImportedFigure, ImportedVersion

    fact = figure.fact
    return ImportedFigure(
        fiscal_year=figure.fiscal_year,
        field=figure.field,
        value=figure.value,
        currency=figure.currency,
        period_start=fact.start,
        period_end=fact.end,
        tag=f"{sec.GAAP}:{fact.tag}",
        label=fact.label,
        form=fact.form,
        filed=fact.filed,
        accession=fact.accession,
        status="confirmed",
        source=figure.source,
        first_filed=figure.first.filed,
        first_accession=figure.first.accession,
        versions=[
            ImportedVersion(
                value=sec.to_millions(v.value), form=v.form, filed=v.filed, accession=v.accession
            )
            for v in figure.versions
        ],
    )
