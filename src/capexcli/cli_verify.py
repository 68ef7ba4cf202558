"""``capex verify``: each figure of a company against the SEC's XBRL company facts.

A thin layer like cli.py: read the data file and the facts files, pair them, hand the pairs
to :mod:`capexcli.verify`, print. Importing this module registers the command on ``app``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .cli_app import CapexCommand, app
from .cli_options import DataOption, dataset_path, output_options
from .errors import OptionError
from .output import Out, emit

if TYPE_CHECKING:
    from .records import Company, Dataset

#: `capex verify` found a figure marked confirmed that no filing gives (like claims --strict).
EXIT_CONFIRMED_DIFFERS = 1

#: ``--facts NAME=FILE``: a company's id, name or alias, then the file.
_MAPPING = re.compile(r"^([^=/\\]{1,100})=(.+)$")


def _facts_pairs(dataset: Dataset, given: list[str]) -> list[tuple[Company, dict[str, Any], str]]:
    from .metrics import find_company
    from .sec import read_document
    from .verify import match_company

    pairs: list[tuple[Company, dict[str, Any], str]] = []
    for item in given:
        mapping = _MAPPING.match(item)
        if mapping is not None and not Path(item).exists():
            company: Company | None = find_company(dataset, mapping[1])
            path = Path(mapping[2])
        else:
            company, path = None, Path(item)
        document = read_document(path)
        if company is None:
            company = match_company(dataset, document)
            if company is None:
                from .sec.document import entity_name, printable

                who = printable(entity_name(document))
                raise OptionError(
                    f"--facts {item}: no company of the data is {who!r} (by name, alias or "
                    "the CIK of its documents); name it: --facts ID=FILE"
                )
        if any(held.id == company.id for held, _, _ in pairs):
            raise OptionError(f"--facts: two facts files for {company.id}; give one")
        pairs.append((company, document, str(path)))
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
        ),
    ] = None,
    facts: Annotated[
        list[str] | None,
        typer.Option(
            "--facts",
            metavar="[ID=]FILE",
            help="An SEC company-facts JSON file (data.sec.gov/api/xbrl/companyfacts/). "
            "ID=FILE says whose; a bare FILE is matched by its entityName against the "
            "companies' names and aliases, else by its CIK. Repeat for several companies.",
            show_default=False,
        ),
    ] = None,
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
    from .loader import load
    from .metrics import find_company
    from .verify import verify

    if not facts:
        raise OptionError("--facts FILE: give the company-facts file of each company to check")
    dataset = load(dataset_path(ctx, data)).dataset
    pairs = _facts_pairs(dataset, facts)
    if names:
        wanted = [find_company(dataset, name) for name in names]
        by_id = {company.id: (company, document, origin) for company, document, origin in pairs}
        missing = [c.id for c in wanted if c.id not in by_id]
        if missing:
            raise OptionError(
                f"no --facts file for {', '.join(missing)}: add --facts {missing[0]}=FILE"
            )
        pairs = [by_id[company_id] for company_id in dict.fromkeys(c.id for c in wanted)]
    result = verify(pairs)
    emit(result, out)
    if result.summary.confirmed_differs:
        raise typer.Exit(EXIT_CONFIRMED_DIFFERS)
