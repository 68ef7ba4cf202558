"""``capex check``: the answer first, the article's headline claims on one screen (the core
is :mod:`capexcli.compute.check`)."""

from __future__ import annotations

from typing import Any

import typer

from capexcli.cli.app import CapexCommand, app
from capexcli.cli.as_of import as_of_option
from capexcli.cli.ledger_input import LedgerScope, ledger_options
from capexcli.cli.options import DataOption, align_choice, dataset_path, output_options
from capexcli.cli.runner import run
from capexcli.present.output import Out

#: --as-of of `capex check`.
CheckAsOfOption = as_of_option(
    "Answer on the figures as filed on or before DATE (YYYY-MM-DD), or by the "
    "article's date (`article`). Default: the latest filings."
)


@app.command(cls=CapexCommand)
@output_options()
@ledger_options(CheckAsOfOption)
def check(
    ctx: typer.Context,
    data: DataOption = None,
    *,
    scope: LedgerScope,
    out: Out,
) -> None:
    """Is the article right? Its headline claims on one screen: the answer first.

    Opens with the China:US capex ratio at both ends of the article's span, like for like
    (the same companies in every year), then a row per headline claim: what the article
    says, what the filings give (a range, with the readings named, where alignment or FX
    turns the verdict), the verdict, and one line of why: the reading that reproduces the
    article's number, or how many were tried; for a group missing members, whether their
    figures could turn the verdict. `capex claims ID` shows any claim in full.

    Examples:

      capex check

      capex check --lang zh

      capex check --exclude kuaishou

      capex check --json | jq '.rows[] | {id, verdict, why}'
    """

    path = dataset_path(ctx, data)

    def produce() -> Any:
        from capexcli.compute.check import check as answer
        from capexcli.compute.claims import ledger

        claims, dataset, _, dated, groups = scope.prepare(path)
        headline = claims.model_copy(update={"claims": [c for c in claims.claims if c.headline]})
        rule = align_choice(scope.align)
        result = ledger(
            headline,
            dataset,
            align=rule,
            fx=scope.fx,
            like_for_like=scope.like_for_like,
            readings=True,
        )
        update = {"as_of": dated, "like_for_like": scope.like_for_like, **groups}
        return answer(headline, result.model_copy(update=update), dataset, rule, scope.fx)

    run("check", scope.options(), [path, scope.claims_path()], out, produce)
