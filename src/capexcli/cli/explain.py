"""``capex explain YEAR``: the companies behind one cell of ``capex compare`` (the core is
:mod:`capexcli.compute.explain`)."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any

import typer

from capexcli.cli.app import CapexCommand, app
from capexcli.cli.complete import choices, complete_years
from capexcli.cli.options import DataOption, Scope, comparison_options, dataset_path, output_options
from capexcli.cli.runner import run
from capexcli.errors import OptionError
from capexcli.present.output import Out

MEASURE_CHOICES = ("capex", "operating_cash_flow", "returns")

MeasureOption = Annotated[
    str,
    typer.Option(
        "--measure",
        "-m",
        metavar="capex|operating_cash_flow|returns",
        help="Which cell of the year: capex, operating cash flow, or shareholder returns "
        "(buybacks + dividends).",
        autocompletion=choices(*MEASURE_CHOICES),
    ),
]


@app.command(cls=CapexCommand)
@output_options(exports=False)
@comparison_options()
def explain(
    ctx: typer.Context,
    year: Annotated[
        int,
        typer.Argument(
            metavar="YEAR",
            help="The comparison year of the cell (a row of `capex compare`).",
            autocompletion=complete_years,
        ),
    ],
    measure: MeasureOption = "capex",
    data: DataOption = None,
    *,
    scope: Scope,
    out: Out,
) -> None:
    """The companies behind one cell of `capex compare`, adding up to it.

    For each member of the group: the fiscal year counted in YEAR and its months, the value
    in its own currency, the FX rate, the converted value, its status and the document it
    was read in. The rows add up to compare's cell; a member with no figure is listed as
    missing (never as zero) and the cell is then marked partial. A bare `--group us` or
    `--group cn` shows that group's cell alone; the other options are compare's.

    Examples:

      capex explain 2024 --group cn

      capex explain 2023 --measure returns --currency USD

      capex explain 2024 --json | jq '.cells[].rows[] | {company, converted}'
    """
    from capexcli.model.records import GROUP_IDS

    chosen = [g.strip().lower() for g in scope.group or [] if "=" not in g]
    for gid in chosen:
        if gid not in GROUP_IDS:
            raise OptionError(
                f"--group {gid!r}: choose us or cn (or GROUP=A,B to change its members)"
            )
    picked = tuple(g for g in GROUP_IDS if g in chosen) or GROUP_IDS
    scope = dataclasses.replace(scope, group=[g for g in scope.group or [] if "=" in g] or None)
    wanted = measure.strip().lower()
    if wanted not in MEASURE_CHOICES:
        raise OptionError(f"--measure {measure!r}: choose {', '.join(MEASURE_CHOICES)}")
    path = dataset_path(ctx, data)

    def produce() -> Any:
        from capexcli.compute.explain import explain as explain_cell
        from capexcli.store.loader import load

        dataset, as_of = scope.dataset(load(path).dataset)
        result = explain_cell(dataset, year, measure=wanted, groups=picked, **scope.arguments())
        return result.model_copy(update={"as_of": as_of})

    options = {**scope.options(), "year": year, "measure": wanted, "cells": picked}
    run("explain", options, [path], out, produce)
