"""The ``capex`` command line: parse options, call the core, hand the result to output.

Exit status: see cli_app.py (0 success, 1 a failed check, 2 bad input, 70 a bug).
"""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperCommand

from . import __version__
from .cli_app import CapexCommand, CapexGroup, app
from .cli_complete import STATUS_CHOICES, choices, complete_claim, complete_company
from .cli_import import import_app
from .cli_options import (
    AlignOption,
    DataOption,
    ExcludeOption,
    FxOption,
    GroupOption,
    LabelOption,
    LikeForLikeOption,
    Scope,
    align_choice,
    comparison_options,
    dataset_path,
    flag,
    output_options,
    regrouped,
)
from .errors import (
    CheckFailed,
    OptionError,
)
from .output import Out, emit
from .runner import run


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
) -> None:
    ctx.obj = {"data": data}


@app.command(cls=CapexCommand)
@output_options()
@comparison_options()
def compare(
    ctx: typer.Context,
    data: DataOption = None,
    *,
    scope: Scope,
    out: Out,
) -> None:
    """US vs China group by year: capex, CN : US ratio, capex/OCF, buybacks + dividends.

    For each comparison year: both groups' capex in one currency, the ratio (the article's
    1:6, 1:10), capex / operating cash flow, shareholder returns (buybacks + dividends) and
    returns / capex; then the totals over the span. Footnotes name the FX rates, the
    fiscal-year rule, and every figure that is missing or not confirmed.

    Examples:

      capex compare

      capex compare --currency USD --years 2020-2024

      capex compare --json | jq '.years[] | {year, ratio: .us_to_cn_capex_ratio}'
    """
    path = dataset_path(ctx, data)

    def produce() -> Any:
        from .comparison import compare as compare_groups
        from .loader import load

        arguments = scope.arguments()
        return compare_groups(scope.dataset(load(path).dataset), **arguments)

    run("compare", scope.options(), [path], out, produce)


@app.command(cls=CapexCommand)
@output_options()
def company(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(
            metavar="NAME",
            help="Id, name, Chinese name, alias or ticker: tencent, 腾讯, 0700.HK, TCEHY, MSFT.",
            autocompletion=complete_company,
        ),
    ],
    align: AlignOption = "majority",
    data: DataOption = None,
    *,
    out: Out,
) -> None:
    """One company year by year: every figure, capex / OCF, returns / capex, capex growth.

    Amounts are in the company's reporting currency.

    Examples:

      capex company tencent

      capex company 阿里巴巴 --json
    """
    path = dataset_path(ctx, data)

    def produce() -> Any:
        from .loader import load
        from .metrics import find_company
        from .reports import company_report

        return company_report(find_company(load(path).dataset, name), align_choice(align))

    run("company", {"name": name, "align": align}, [path], out, produce)


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
        from .loader import load
        from .reports import companies_result

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
    data: DataOption = None,
    *,
    out: Out,
) -> None:
    """Every number in the data with its source and status: what rests on what.

    Each figure of each fiscal year, each guidance range and each FX rate, with the document
    it was read from and how far it is confirmed. `--status unconfirmed` (or aggregator)
    lists what still needs checking against a company's own filing.

    Examples:

      capex sources tencent

      capex sources --status unconfirmed --status aggregator

      capex sources --json | jq '.[] | select(.status != "confirmed")'
    """
    statuses = [s.strip().lower() for item in status or [] for s in item.split(",") if s.strip()]
    kinds = [k.strip().lower() for item in kind or [] for k in item.split(",") if k.strip()]
    path = dataset_path(ctx, data)

    def produce() -> Any:
        from .loader import load
        from .metrics import find_company
        from .provenance import SOURCE_KINDS
        from .provenance import sources as sources_of

        for k in kinds:
            if k not in SOURCE_KINDS:
                raise OptionError(f"--kind {k!r}: choose from {', '.join(SOURCE_KINDS)}")
        dataset = load(path).dataset
        company = find_company(dataset, name) if name is not None else None
        with flag("--status", ",".join(statuses)):
            return sources_of(dataset, company, statuses, kinds or SOURCE_KINDS)

    options = {"name": name, "status": statuses, "kind": kinds}
    run("sources", options, [path], out, produce)


@app.command(cls=CapexCommand)
@output_options()
def claims(
    ctx: typer.Context,
    claim_id: Annotated[
        str | None,
        typer.Argument(
            metavar="[ID]",
            help="One claim in full: quote, method, every figure used, sensitivity.",
            show_default=False,
            autocompletion=complete_claim,
        ),
    ] = None,
    align: AlignOption = "majority",
    like_for_like: LikeForLikeOption = False,
    group: GroupOption = None,
    exclude: ExcludeOption = None,
    label: LabelOption = None,
    fx: FxOption = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict", metavar="", help="Exit 1 if any recomputed claim fails (for scripts)."
        ),
    ] = False,
    claims_file: Annotated[
        Path | None,
        typer.Option(
            "--claims",
            metavar="PATH",
            help="Claims file to use instead of the shipped one (also: CAPEX_CLAIMS).",
            show_default=False,
        ),
    ] = None,
    data: DataOption = None,
    *,
    out: Out,
) -> None:
    """The article's claims, one by one: stated, recomputed from the filings, verdict.

    Every quantitative claim of the article is in data/claims.toml. A claim is recomputed
    from the company records, checked against the article's own numbers (internal), or
    listed as cited when the records cannot check it. Verdicts: holds, close (within twice
    the tolerance), fails, cited. Each recomputed claim also shows how its verdict moves
    with the two choices the article never states: fiscal-year alignment and the FX rate.

    Examples:

      capex claims

      capex claims capex-ratio-2024

      capex claims --json | jq '.claims[] | select(.verdict == "fails") | .id'
    """
    from .paths import resolve_claims_path

    view = "detail" if claim_id else None
    out = dataclasses.replace(out, view=view)
    path = dataset_path(ctx, data)
    claims_path = resolve_claims_path(claims_file)

    def produce() -> Any:
        from .claims import ledger
        from .claims_file import load_claims
        from .loader import load

        ledger_file = load_claims(claims_path)
        dataset = regrouped(load(path).dataset, group, exclude, label)
        return ledger(
            ledger_file,
            dataset,
            align=align_choice(align),
            fx=fx,
            only=claim_id,
            like_for_like=like_for_like,
        )

    if strict:
        # --strict needs the verdicts themselves, so it always computes them.
        result = produce()
        emit(result, out)
        failing = [c.id for c in result.claims if c.kind == "recomputed" and c.verdict == "fails"]
        if failing:
            raise CheckFailed(
                f"--strict: {len(failing)} recomputed claim(s) fail: {', '.join(failing)}"
            )
        return
    options = {
        "id": claim_id,
        "align": align,
        "fx": fx,
        "like_for_like": like_for_like,
        "group": group,
        "exclude": exclude,
        "label": label,
    }
    run("claims", options, [path, claims_path], out, produce)


@app.command(cls=CapexCommand)
@output_options()
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
    """A bar chart of US vs China per comparison year, for the terminal.

    Two bars per year, scaled to the largest value, with the CN : US ratio for capex.
    Readable at 80 columns and without colour (the groups differ by their bar characters).

    Examples:

      capex chart

      capex chart --metric capex_to_ocf --years 2020-2024
    """
    path = dataset_path(ctx, data)

    def produce() -> Any:
        from .comparison import compare as compare_groups
        from .loader import load
        from .reports import chart as chart_of

        arguments = scope.arguments()
        result = compare_groups(scope.dataset(load(path).dataset), **arguments)
        with flag("--metric", metric):
            return chart_of(result, metric.strip().lower())

    run("chart", {**scope.options(), "metric": metric}, [path], out, produce)


# schema and validate, which read no comparison, live in cli_inspect.py, and verify in
# cli_verify.py; importing them registers them here, after the commands above (Typer lists
# commands in that order).
from . import cli_inspect, cli_verify  # noqa: E402, F401

# `capex import sec` lives in its own module (it has no dependency on this one); its group and
# commands get capex's help and error handling like the others.
for _info in import_app.registered_commands:
    if _info.cls in (None, TyperCommand):
        _info.cls = CapexCommand
app.add_typer(
    import_app,
    name="import",
    cls=CapexGroup,
    epilog="Example:\n\n  capex import sec CIK0000789019.json --years 2024-2025",
)


def main(argv: Sequence[str] | None = None) -> None:
    """Console-script entry point."""
    # A run is short and builds hundreds of thousands of acyclic objects (the TOML document,
    # the validated records, the results) that live until it ends. The cyclic collector only
    # re-scans them: measured on 5,000 companies it tripled validation time and made load
    # time grow faster than the file (benchmarks/RESULTS.md). Reference counting still frees
    # everything that is not part of a cycle.
    gc.disable()
    command = typer.main.get_command(app)
    command.main(args=argv, prog_name="capex")


if __name__ == "__main__":  # pragma: no cover
    main()
