"""The ``capex`` command line: parse options, call the core, hand the result to output.

Exit status: see app.py (0 success, 1 a failed check, 2 bad input, 70 a bug).
"""

from __future__ import annotations

import dataclasses
import gc
import os
import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer
from typer.core import TyperCommand

from capexcli import __version__
from capexcli.cli.app import CapexCommand, CapexGroup, _command_named, app, only_command
from capexcli.cli.as_of import (
    AsOfOption,
    FirstReportedOption,
    as_of_choice,
    as_of_dataset,
    as_of_files,
)
from capexcli.cli.complete import (
    STATUS_CHOICES,
    choices,
    complete_companies,
    complete_company,
    complete_source_field,
)
from capexcli.cli.data import data_app
from capexcli.cli.imports import import_app
from capexcli.cli.options import (
    AlignOption,
    CompactOption,
    ComparisonYearOption,
    DataOption,
    NotesOption,
    Scope,
    YearOption,
    align_choice,
    comparison_options,
    dataset_path,
    flag,
    output_options,
)
from capexcli.cli.runner import run
from capexcli.errors import (
    OptionError,
)
from capexcli.present.output import Out


def _version(value: bool) -> None:
    if value:
        typer.echo(f"capex {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    data: DataOption = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, metavar="", help="Show the version."
        ),
    ] = False,
    verbose: Annotated[
        bool,
        typer.Option(
            "--verbose",
            "-v",
            metavar="",
            help="Also say, on stderr, which data file is read and why.",
        ),
    ] = False,
) -> None:
    ctx.obj = {"data": data, "verbose": verbose}


# `check` lives in check.py; importing it first lists it first among the commands: the
# answer is where a reader starts.
from capexcli.cli import check as cli_check  # noqa: E402, F401


@app.command(cls=CapexCommand)
@output_options()
@comparison_options()
def compare(
    ctx: typer.Context,
    notes: NotesOption = False,
    data: DataOption = None,
    *,
    scope: Scope,
    out: Out,
) -> None:
    """US vs China group by year: capex, CN : US ratio, capex/OCF, buybacks + dividends.

    For each comparison year: both groups' capex in one currency, the ratio (the article's
    1:6, 1:10), capex / operating cash flow, shareholder returns (buybacks + dividends) and
    returns / capex; then the totals over the span. The table runs to the latest year
    both groups have filed; a later year only some members have reported stands apart. The
    footnotes say what is partial and what is not confirmed; --notes adds the FX rates, the
    fiscal-year rule in full and every missing figure.

    Examples:

      capex compare

      capex compare --notes

      capex compare --currency USD --years 2020-2024

      capex compare --json | jq '.years[] | {year, ratio: .us_to_cn_capex_ratio}'
    """
    path = dataset_path(ctx, data)
    out = dataclasses.replace(out, view="notes" if notes else None)

    def produce() -> Any:
        from capexcli.compute.comparison import compare as compare_groups
        from capexcli.store.loader import load

        arguments = scope.arguments()
        dataset, as_of = scope.dataset(load(path).dataset)
        return compare_groups(dataset, **arguments).model_copy(update={"as_of": as_of})

    out = scope.with_evidence(out, path)
    files = [path, *as_of_files(scope.as_of)]
    run("compare", {**scope.options(), "notes": notes}, files, out, produce)


@app.command(cls=CapexCommand)
@output_options()
def company(
    ctx: typer.Context,
    names: Annotated[
        list[str],
        typer.Argument(
            metavar="NAME...",
            help="Id, name, Chinese name, alias or ticker: tencent, 腾讯, 0700.HK, TCEHY, MSFT. "
            "Several names show each company in turn.",
            autocompletion=complete_company,
        ),
    ],
    align: AlignOption = "majority",
    as_of: AsOfOption = None,
    first_reported: FirstReportedOption = False,
    data: DataOption = None,
    *,
    out: Out,
) -> None:
    """One company year by year: every figure, capex / OCF, returns / capex, capex growth.

    Amounts are in the company's reporting currency. A value that a later filing restated
    is marked, with the earlier value and the filings; --as-of DATE shows the figures as
    they had been filed by DATE. Several names: one table each (--json: a list, see
    `capex schema company-list`).

    Examples:

      capex company tencent

      capex company tencent alibaba

      capex company meta --as-of 2024-06-30

      capex company 阿里巴巴 --json
    """
    path = dataset_path(ctx, data)
    chosen = as_of_choice(as_of, first_reported)

    def produce() -> Any:
        from capexcli.compute.reports import company_report
        from capexcli.model.records import find_company
        from capexcli.results import CompanyListResult
        from capexcli.store.loader import load

        dataset = load(path).dataset
        # A company named twice (tencent 腾讯) is shown once.
        found = list({c.id: c for c in (find_company(dataset, n) for n in names)}.values())
        reports = []
        for one in found:
            # Resolved alone, so that the as-of footnote counts this company's figures.
            alone = dataset.model_copy(update={"companies": [one]})
            dated_set, dated = as_of_dataset(alone, chosen)
            reports.append(company_report(dated_set.companies[0], align_choice(align), dated))
        # One company keeps the single shape scripts already read.
        return reports[0] if len(reports) == 1 else CompanyListResult(companies=reports)

    def evidence(result: Any) -> list[Any]:
        from capexcli.compute.provenance import figures_used
        from capexcli.store.loader import load

        dated_set, dated = as_of_dataset(load(path).dataset, chosen)
        return figures_used(dated_set, result, dated)

    out = dataclasses.replace(out, evidence=evidence)
    options = {"name": names, "align": align, "as_of": as_of, "first_reported": first_reported}
    run("company", options, [path, *as_of_files(as_of)], out, produce)


@app.command(cls=CapexCommand)
@output_options(exports=False)
def companies(
    ctx: typer.Context,
    data: DataOption = None,
    *,
    out: Out,
) -> None:
    """List the companies: region, currency, fiscal-year end and the years covered.

    Examples:

      capex companies

      capex companies --json | jq -r '.companies[].id'
    """
    path = dataset_path(ctx, data)

    def produce() -> Any:
        from capexcli.compute.reports import companies_result
        from capexcli.store.loader import load

        return companies_result(load(path).dataset)

    run("companies", {}, [path], out, produce)


@app.command(cls=CapexCommand)
@output_options(exports=False)
def sources(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="[COMPANY]",
            help="Only this company (id, name, 中文名, alias or ticker). Default: all, with FX.",
            show_default=False,
            autocompletion=complete_company,
        ),
    ] = None,
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status",
            "-s",
            metavar="STATUS",
            help="Only figures with this status: confirmed, aggregator, derived or "
            "unconfirmed. Repeat for several.",
            show_default=False,
            autocompletion=choices(*STATUS_CHOICES, listed=True),
        ),
    ] = None,
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind",
            metavar="figure|guidance|fx",
            help="Only these kinds of number. Repeat for several. Default: all.",
            show_default=False,
            autocompletion=choices("figure", "guidance", "fx", listed=True),
        ),
    ] = None,
    company_filter: Annotated[
        list[str] | None,
        typer.Option(
            "--company",
            metavar="NAME",
            help="Only these companies (as COMPANY). Repeat, or separate with commas.",
            show_default=False,
            autocompletion=complete_companies,
        ),
    ] = None,
    year: YearOption = None,
    comparison_year: ComparisonYearOption = None,
    align: AlignOption = "majority",
    field: Annotated[
        list[str] | None,
        typer.Option(
            "--field",
            metavar="FIELD",
            help="Only this field: capex, operating_cash_flow, buybacks, dividends, "
            "debt_repayment, capex_proceeds, headline_capex, capex_guidance, "
            "total_expenses_guidance, cny_per_usd. Repeat for several.",
            show_default=False,
            autocompletion=complete_source_field,
        ),
    ] = None,
    compact: CompactOption = False,
    as_of: AsOfOption = None,
    first_reported: FirstReportedOption = False,
    data: DataOption = None,
    *,
    out: Out,
) -> None:
    """Every number in the data with its source and status: what rests on what.

    Each figure of each fiscal year, each guidance range and each FX rate, with the document
    it was read from and how far it is confirmed. `--status unconfirmed` (or aggregator)
    lists what still needs checking against a company's own filing. A figure that a later
    filing restated lists every filed version (--json: `versions`). `--year` picks fiscal
    years, `--comparison-year` the calendar years compare counts them in; the notes say which.

    Examples:

      capex sources tencent

      capex sources --status unconfirmed --status aggregator

      capex sources --company alibaba --year 2024 --field capex

      capex sources --comparison-year 2024 --field capex

      capex sources --json | jq '.[] | select(.status != "confirmed")'
    """
    statuses = [s.strip().lower() for item in status or [] for s in item.split(",") if s.strip()]
    kinds = [k.strip().lower() for item in kind or [] for k in item.split(",") if k.strip()]
    names = [n.strip() for item in company_filter or [] for n in item.split(",") if n.strip()]
    fields = [f.strip() for item in field or [] for f in item.split(",") if f.strip()]
    path = dataset_path(ctx, data)
    chosen = as_of_choice(as_of, first_reported)
    out = dataclasses.replace(out, view="compact" if compact else None)

    def produce() -> Any:
        from capexcli.compute.metrics import parse_years
        from capexcli.compute.provenance import SOURCE_KINDS, narrow
        from capexcli.compute.provenance import sources as sources_of
        from capexcli.model.records import find_company
        from capexcli.store.loader import load

        for k in kinds:
            if k not in SOURCE_KINDS:
                raise OptionError(f"--kind {k!r}: choose from {', '.join(SOURCE_KINDS)}")
        with flag("--year", year):
            span = parse_years(year) if year is not None else None
        with flag("--comparison-year", comparison_year):
            compared = parse_years(comparison_year) if comparison_year is not None else None
        rule = align_choice(align)
        dataset = load(path).dataset
        company = find_company(dataset, name) if name is not None else None
        picked = [find_company(dataset, n).id for n in names]
        if company is not None:
            # Resolved alone, so that what --as-of leaves out is counted for this company.
            dataset = dataset.model_copy(update={"companies": [company]})
        dataset, dated = as_of_dataset(dataset, chosen)
        company = dataset.companies[0] if company is not None else None
        with flag("--status", ",".join(statuses)):
            result = sources_of(dataset, company, statuses, kinds or SOURCE_KINDS, dated, rule)
        with flag("--field", ",".join(fields)):
            return narrow(result, picked, span, fields, compared)

    options = {
        "name": name,
        "status": statuses,
        "kind": kinds,
        "as_of": as_of,
        "first_reported": first_reported,
        "company": names,
        "year": year,
        "comparison_year": comparison_year,
        "align": align,
        "field": fields,
    }
    run("sources", options, [path, *as_of_files(as_of)], out, produce)


# `claims` lives in claims.py; importing it here registers it in this place among the
# commands (Typer lists them in that order).
from capexcli.cli import claims as cli_claims  # noqa: E402, F401
from capexcli.cli import explain as cli_explain  # noqa: E402, F401


@app.command(cls=CapexCommand)
@output_options(chart=True)
@comparison_options()
def chart(
    ctx: typer.Context,
    metric: Annotated[
        str,
        typer.Option(
            "--metric",
            "-m",
            metavar="capex|capex_to_ocf|returns_to_capex",
            help="What to draw: capex in one currency (with the CN : US ratio), capex / "
            "operating cash flow, or shareholder returns / capex.",
            autocompletion=choices("capex", "capex_to_ocf", "returns_to_capex"),
        ),
    ] = "capex",
    data: DataOption = None,
    *,
    scope: Scope,
    out: Out,
) -> None:
    """A bar chart of US vs China per comparison year, in the terminal or as an image.

    Two bars per year, scaled to the largest value, with the CN : US ratio for capex.
    Readable at 80 columns and without colour (the groups differ by their bar characters).

    --svg and --png draw it for a story (title, unit, ratio, partial years hatched, source
    and as-of date); --html puts the same chart on a page with its table.

    Examples:

      capex chart

      capex chart --metric capex_to_ocf --years 2020-2024

      capex chart --years 2020-2024 --svg capex.svg --png capex.png
    """
    path = dataset_path(ctx, data)

    def produce() -> Any:
        from capexcli.compute.chart import chart as chart_of
        from capexcli.compute.comparison import compare as compare_groups
        from capexcli.store.loader import load

        arguments = scope.arguments()
        dataset, as_of = scope.dataset(load(path).dataset)
        result = compare_groups(dataset, **arguments).model_copy(update={"as_of": as_of})
        with flag("--metric", metric):
            return chart_of(result, metric.strip().lower())

    files = [path, *as_of_files(scope.as_of)]
    out = scope.with_evidence(out, path)
    run("chart", {**scope.options(), "metric": metric}, files, out, produce)


# schema and validate, which read no comparison, live in inspect.py, and verify in
# verify.py; importing them registers them here, after the commands above (Typer lists
# commands in that order).
# `capex import sec` lives in its own module (it has no dependency on this one), and `capex
# import report` in another, which registers itself on the same sub-app when imported.
from capexcli.cli import import_report as cli_import_report  # noqa: E402, F401
from capexcli.cli import inspect as cli_inspect  # noqa: E402, F401
from capexcli.cli import update as cli_update  # noqa: E402, F401
from capexcli.cli import verify as cli_verify  # noqa: E402, F401

# `capex import sec` lives in its own module (it has no dependency on this one); its group and
# commands get capex's help and error handling like the others.
for _info in [*import_app.registered_commands, *data_app.registered_commands]:
    if _info.cls in (None, TyperCommand):
        _info.cls = CapexCommand
app.add_typer(
    import_app,
    name="import",
    cls=CapexGroup,
    epilog="Example:\n\n  capex import sec CIK0000789019.json --years 2024-2025",
)

app.add_typer(
    data_app,
    name="data",
    cls=CapexGroup,
    epilog="Example:\n\n  capex data path",
)


def main(argv: Sequence[str] | None = None) -> None:
    """Console-script entry point."""
    # A run is short and builds hundreds of thousands of acyclic objects (the TOML document,
    # the validated records, the results) that live until it ends. The cyclic collector only
    # re-scans them: measured on 5,000 companies it tripled validation time and made load
    # time grow faster than the file (benchmarks/RESULTS.md). Reference counting still frees
    # everything that is not part of a cycle.
    gc.disable()
    # pydantic looks for plugins (observability hooks) among every installed package's entry
    # points when the first model is built: ~2 ms of each run for a lookup capex never needs.
    # A user who sets the variable keeps their value.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    args = list(sys.argv[1:] if argv is None else argv)
    with only_command(app, _command_named(args)):
        command = typer.main.get_command(app)
    command.main(args=args, prog_name="capex")


if __name__ == "__main__":  # pragma: no cover
    main()
