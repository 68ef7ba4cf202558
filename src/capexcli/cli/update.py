"""``capex update``: every company brought up to date from its filings in one step.

A thin layer: read the data, pair each SEC filer with its company facts (files or downloads,
as ``capex verify`` does), sort what the filings say into new / restated / confirms / differs /
unchanged (:mod:`capexcli.importers.sec.refresh`), merge what is to be written under the file's
lock (the importers' :func:`~capexcli.cli.imports.rewrite`), and list the Hong Kong companies'
missing years (:mod:`capexcli.importers.hkex`). Importing this module registers the command.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from capexcli.cli.app import CapexCommand, app
from capexcli.cli.complete import complete_company
from capexcli.cli.imports import (
    DownloadOption,
    FactsOption,
    TimeoutOption,
    UserAgentOption,
    check_timeout,
)
from capexcli.cli.options import DataOption, output_options
from capexcli.errors import OptionError
from capexcli.present.output import Out, emit

if TYPE_CHECKING:
    from capexcli.importers.sec.refresh import Finding
    from capexcli.model.records import Company, Dataset
    from capexcli.results import UpdateCompany, UpdateCounts, UpdateHongKong

Pairs = list[tuple["Company", dict[str, Any], str]]


@app.command("update", cls=CapexCommand)
@output_options(exports=False, force=False)
def update_command(
    ctx: typer.Context,
    names: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="COMPANY",
            help="Companies to update (id, name, alias or ticker). Default: all.",
            show_default=False,
            autocompletion=complete_company,
        ),
    ] = None,
    facts: FactsOption = None,
    download: DownloadOption = False,
    into: Annotated[
        Path | None,
        typer.Option(
            "--into",
            metavar="FILE",
            help="Read and write this data file. Default: the data file in use (--data, "
            "CAPEX_DATA or your own, created from the shipped data on the first write).",
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", metavar="", help="Show what would change; write nothing."),
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            metavar="",
            help="Also overwrite figures the filings contradict (the old value is kept as "
            "a version where the dates allow).",
        ),
    ] = False,
    user_agent: UserAgentOption = None,
    timeout: TimeoutOption = 30.0,
    hk: Annotated[
        bool,
        typer.Option(
            "--hk",
            metavar="",
            help="For the Hong Kong companies with years missing or not confirmed: find the "
            "latest annual report on HKEXnews (its undocumented title search) and show its "
            "address for `capex import report`.",
        ),
    ] = False,
    data: DataOption = None,
    *,
    out: Out,
) -> None:
    """Bring every company up to date from its filings: new, restated, confirms, differs.

    For each company with an SEC filer among its aliases, its company facts (--facts files,
    or --download) against the data, from its first fiscal year in the data on: new (a year
    or measure the data lacks), restated (a later filing changed the data's value: written,
    the old value kept as a version), confirms (a figure not marked confirmed that the filing
    matches: promoted, citing the filing), differs (no filing gave the data's value: shown,
    left alone unless --force), unchanged (counted). Each written figure cites its filing's
    accession number and date. For a company listed in Hong Kong only: the fiscal years
    whose results are due and missing, and HKEXnews's search page (then: capex import report).

    The data file read and the one written are named; without --into that is your own data
    file, created from the shipped data on the first write.

    Examples:

      capex update --download --user-agent 'Jane Doe jane@example.com'

      capex update alphabet --facts CIK0001652044.json --dry-run

      capex update --facts facts/ --into my-companies.toml --json
    """
    from capexcli.cli.data import create_user_file, write_target
    from capexcli.model.records import find_company
    from capexcli.store.loader import decode, parse_dataset, read_bytes

    root = ctx.find_root().obj or {}
    read, target, create = write_target(into, data or root.get("data"))
    original = read_bytes(read)
    text = decode(original, read)
    dataset = parse_dataset(text, read)
    chosen = [find_company(dataset, n) for n in names] if names else list(dataset.companies)
    chosen = list({c.id: c for c in chosen}.values())
    pairs = _pairs(dataset, chosen, facts or [], download, user_agent, timeout, bool(names))
    notes: list[str] = []
    held = {company.id for company, _, _ in pairs}
    unread = [c.id for c in chosen if c.id not in held and _sec_ticker(c)]
    if unread:
        notes.append(
            f"not checked, no company facts given: {', '.join(unread)} (--download fetches them)"
        )

    def step(now: str, changed: bool) -> tuple[str, list[UpdateCompany]]:
        return _apply(now, target, pairs, force)

    written = False
    if dry_run or create:
        new_text, companies = _apply(text, target, pairs, force)
        if new_text != text and dry_run and create:
            notes.append(
                f"{target} does not exist yet: without --dry-run it is created from {read}"
            )
        elif new_text != text and not dry_run:
            notes.append(create_user_file(target, read, new_text))
            written = True
    else:
        companies, written = _rewrite(target, original, step)
    from capexcli.importers.hkex import missing_periods
    from capexcli.results import UpdateResult

    hong_kong = [
        found
        for company in chosen
        if company.id not in held
        and not _sec_ticker(company)
        and (found := missing_periods(company, date.today())) is not None
    ]
    if hk:
        check_timeout(timeout)
        _search_hkexnews(hong_kong, timeout)
    result = UpdateResult(
        read=str(read),
        into=str(target),
        created=create and written,
        dry_run=dry_run,
        force=force,
        written=written,
        summary=_total([c.counts for c in companies]),
        companies=companies,
        hong_kong=hong_kong,
        notes=notes,
    )
    emit(result, out)


def _rewrite(target: Path, original: bytes, step: Any) -> tuple[list[UpdateCompany], bool]:
    from capexcli.cli.imports import rewrite

    return rewrite(target, original, step)


def _search_hkexnews(hong_kong: list[UpdateHongKong], timeout: float) -> None:
    """Each company's latest annual report on HKEXnews since its first year missing or not
    confirmed, into its entry; a failed search is noted there, the others still run."""
    from capexcli.errors import NetworkError
    from capexcli.importers.hkexnews import latest_annual_report
    from capexcli.results import HkReport

    for entry in hong_kong:
        years = entry.missing + entry.unconfirmed
        if not years:
            continue
        since = date(min(years), 1, 1)
        try:
            found = latest_annual_report(entry.stock_code, since, date.today(), timeout=timeout)
        except NetworkError as exc:
            entry.search_note = exc.message
            continue
        if found is None:
            entry.search_note = (
                f"HKEXnews lists no annual report of {entry.stock_code} since {since}"
            )
        else:
            entry.latest_report = HkReport(
                title=found.title, published=found.published, url=found.url
            )


def _sec_ticker(company: Company) -> str | None:
    from capexcli.importers import edgar

    return edgar.ticker_of([company.id, *company.aliases])


def _pairs(
    dataset: Dataset,
    chosen: list[Company],
    facts: list[str],
    download: bool,
    user_agent: str | None,
    timeout: float,
    explicit: bool,
) -> Pairs:
    """Each chosen SEC filer with its company facts: the --facts given, then downloads."""
    from capexcli.cli.verify import downloaded, facts_pairs

    wanted = {c.id for c in chosen}
    pairs = [p for p in facts_pairs(dataset, facts) if p[0].id in wanted]
    held = {company.id for company, _, _ in pairs}
    filers = [c for c in chosen if c.id not in held and _sec_ticker(c)]
    if download:
        pairs += downloaded(filers, user_agent, timeout, explicit=explicit)
    elif filers and (explicit or not facts):
        raise OptionError(
            f"no company facts for {', '.join(c.id for c in filers)}: give --facts FILE or "
            "FOLDER, or --download"
        )
    order = {c.id: k for k, c in enumerate(chosen)}
    return sorted(pairs, key=lambda p: order[p[0].id])


def _apply(text: str, path: Path, pairs: Pairs, force: bool) -> tuple[str, list[UpdateCompany]]:
    """Each company's findings against ``text`` as it is, and the text with the figures to
    write merged in, company by company. A company whose figures would break a rule of the
    file (a new year without its FX rate, say) is left as it was, with the reason noted."""
    from capexcli.errors import WriteError
    from capexcli.importers import sec
    from capexcli.importers.sec.refresh import classify, to_write
    from capexcli.store.loader import parse_dataset

    companies: list[UpdateCompany] = []
    for held, document, origin in pairs:
        dataset = parse_dataset(text, path)
        company = next(c for c in dataset.companies if c.id == held.id)
        extraction = sec.extract(document, origin, company=company)
        findings = classify(company, extraction)
        selection = to_write(findings, force)
        notes = list(extraction.notes)
        merged_ok = True
        if selection.figures:
            try:
                merged = sec.merge(text, path, company, selection, force=True)
            except WriteError as exc:
                notes.append(f"nothing written for {company.id}: {exc.message}")
                merged_ok = False
            else:
                text = merged.text
                notes += merged.notes
        companies.append(_company(company, document, origin, findings, force, merged_ok, notes))
    return text, companies


def _company(
    company: Company,
    document: dict[str, Any],
    origin: str,
    findings: list[Finding],
    force: bool,
    merged: bool,
    notes: list[str],
) -> UpdateCompany:
    from capexcli.importers.sec.document import cik_of, entity_name
    from capexcli.importers.sec.refresh import counts
    from capexcli.results import UpdateCompany, UpdateCounts, UpdateRow

    rows = [
        UpdateRow(
            fiscal_year=f.figure.fiscal_year,
            field=f.figure.field,
            category=f.category,
            value=f.old,
            status=f.old_status,  # type: ignore[arg-type]
            filed_value=f.figure.value,
            form=f.figure.first.form,
            filed=f.figure.filed,
            accession=f.figure.first.accession,
            earlier=[v.value for v in f.figure.earlier],
            written=merged and f.writes(force),
        )
        for f in findings
    ]
    return UpdateCompany(
        company=company.id,
        currency=company.currency,  # type: ignore[arg-type]
        source=origin,
        entity_name=entity_name(document),
        cik=cik_of(document),
        counts=UpdateCounts(**counts(findings)),
        rows=rows,
        notes=notes,
    )


def _total(all_counts: list[UpdateCounts]) -> UpdateCounts:
    from capexcli.results import UpdateCounts

    return UpdateCounts(
        **{
            name: sum(getattr(c, name) for c in all_counts)
            for name in ("new", "restated", "confirms", "differs", "unchanged")
        }
    )
