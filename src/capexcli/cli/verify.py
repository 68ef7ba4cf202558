"""``capex verify``: each figure of a company against the SEC's XBRL company facts.

A thin layer like commands.py: read the data file and the facts files, pair them, hand the pairs
to :mod:`capexcli.importers.sec.verify`, print. Importing this module registers the command on
``app``.
"""

from __future__ import annotations

import re
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
from capexcli.cli.options import DataOption, dataset_path, output_options
from capexcli.cli.runner import run
from capexcli.errors import OptionError
from capexcli.present.output import Out

if TYPE_CHECKING:
    from capexcli.model.records import Company, Dataset


#: ``--facts NAME=FILE``: a company's id, name or alias, then the file.
_MAPPING = re.compile(r"^([^=/\\]{1,100})=(.+)$")


def facts_pairs(dataset: Dataset, given: list[str]) -> list[tuple[Company, dict[str, Any], str]]:
    from capexcli.importers.sec import read_document
    from capexcli.importers.sec.verify import match_company
    from capexcli.model.records import find_company

    pairs: list[tuple[Company, dict[str, Any], str]] = []
    for item in given:
        mapping = _MAPPING.match(item)
        if mapping is not None and not Path(item).exists():
            company: Company | None = find_company(dataset, mapping[1])
            path = Path(mapping[2])
        else:
            company, path = None, Path(item)
        if company is None and path.is_dir():
            # A folder of saved facts: each file that names a company of the data is used,
            # the others are not this dataset's.
            for file in sorted(path.glob("*.json")):
                document = read_document(file)
                found = match_company(dataset, document)
                if found is not None and all(held.id != found.id for held, _, _ in pairs):
                    pairs.append((found, document, str(file)))
            continue
        document = read_document(path)
        if company is None:
            company = match_company(dataset, document)
            if company is None:
                from capexcli.importers.sec.document import entity_name, printable

                who = printable(entity_name(document))
                raise OptionError(
                    f"--facts {item}: no company of the data is {who!r} (by name, alias or "
                    "the CIK of its documents); name it: --facts ID=FILE"
                )
        if any(held.id == company.id for held, _, _ in pairs):
            raise OptionError(f"--facts: two facts files for {company.id}; give one")
        pairs.append((company, document, str(path)))
    return pairs


def facts_files(given: list[str]) -> list[Path]:
    """The files ``--facts`` reads (each file of a folder), for the output cache's key."""
    files: list[Path] = []
    for item in given:
        mapping = _MAPPING.match(item)
        path = Path(mapping[2]) if mapping is not None and not Path(item).exists() else Path(item)
        files += sorted(path.glob("*.json")) if path.is_dir() else [path]
    return files


def downloaded(
    companies: list[Company], user_agent: str | None, timeout: float, *, explicit: bool
) -> list[tuple[Company, dict[str, Any], str]]:
    """The company facts of each company that files with the SEC, fetched as `import sec`
    fetches them. A company with no SEC ticker is skipped, or an error when named."""
    import os

    from capexcli.importers import edgar, sec

    check_timeout(timeout)
    agent = sec.check_user_agent(user_agent or os.environ.get(edgar.USER_AGENT_VAR))
    base_url = os.environ.get(edgar.BASE_URL_VAR) or edgar.DEFAULT_BASE_URL
    pairs: list[tuple[Company, dict[str, Any], str]] = []
    for company in companies:
        ticker = edgar.ticker_of([company.id, *company.aliases])
        if ticker is None:
            if explicit:
                raise OptionError(
                    f"--download: {company.id} has no SEC ticker among its aliases "
                    f"({', '.join(edgar.TICKERS)}); give its facts with --facts"
                )
            continue
        cik = edgar.TICKERS[ticker]
        raw = sec.fetch_company_facts(cik, user_agent=agent, base_url=base_url, timeout=timeout)
        pairs.append(
            (company, sec.load_document(raw, f"CIK{cik:010d}"), sec.facts_url(cik, base_url))
        )
    return pairs


@app.command("verify", cls=CapexCommand)
@output_options(exports=False)
def verify_command(
    ctx: typer.Context,
    names: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="COMPANY",
            help="Companies to check (id, name, alias or ticker). Default: every company a "
            "--facts file is given for.",
            show_default=False,
            autocompletion=complete_company,
        ),
    ] = None,
    facts: FactsOption = None,
    download: DownloadOption = False,
    user_agent: UserAgentOption = None,
    timeout: TimeoutOption = 30.0,
    data: DataOption = None,
    *,
    out: Out,
) -> None:
    """Check each figure against the SEC's company facts: match, differs, restated.

    For each capex, operating cash flow, buybacks and dividends figure, the SEC's latest
    annual (10-K, 20-F) value for the same period and concept, in millions: match, differs
    (with the filing's value and accession), restated (another filing of the period gave
    another value: listed) or not in facts (e.g. a figure read in an HKEX report). A figure
    not marked confirmed that matches is listed as promotable. Exit 1 if a confirmed figure
    differs, 2 for bad input.

    Examples:

      capex verify alphabet --facts CIK0001652044.json

      capex verify --facts alphabet=CIK0001652044.json --json
    """
    if not facts and not download:
        raise OptionError(
            "give the company facts to check against: --facts FILE or FOLDER, or --download"
        )
    path = dataset_path(ctx, data)

    def produce() -> Any:
        from capexcli.importers.sec.verify import verify
        from capexcli.model.records import find_company
        from capexcli.store.loader import load

        dataset = load(path).dataset
        pairs = facts_pairs(dataset, facts or [])
        if download:
            held = {company.id for company, _, _ in pairs}
            chosen = [find_company(dataset, n) for n in names] if names else dataset.companies
            pairs += downloaded(
                [c for c in chosen if c.id not in held], user_agent, timeout, explicit=bool(names)
            )
        if names:
            wanted = [find_company(dataset, name) for name in names]
            by_id = {company.id: (company, document, origin) for company, document, origin in pairs}
            missing = [c.id for c in wanted if c.id not in by_id]
            if missing:
                raise OptionError(
                    f"no --facts file for {', '.join(missing)}: add --facts {missing[0]}=FILE"
                )
            pairs = [by_id[company_id] for company_id in dict.fromkeys(c.id for c in wanted)]
        return verify(pairs)

    def failure(result: Any) -> str | None:
        if not result.summary.confirmed_differs:
            return None
        return (
            f"{result.summary.confirmed_differs} figure(s) marked confirmed differ from the "
            "SEC's company facts"
        )

    options = {"names": names or [], "facts": facts or []}
    # What the SEC serves today (--download) is not a file capex can key a stored output on.
    files = [path, *facts_files(facts or [])]
    run("verify", options, files, out, produce, failure, cacheable=not download)
