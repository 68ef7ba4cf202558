"""``capex check``: the answer first, the article's headline claims on one screen (the core
is :mod:`capexcli.compute.check`)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from capexcli.cli.app import CapexCommand, app
from capexcli.cli.as_of import FirstReportedOption
from capexcli.cli.ledger_input import ClaimsFileOption, ledger_options, prepare
from capexcli.cli.options import (
    AlignOption,
    DataOption,
    ExcludeOption,
    FxOption,
    GroupOption,
    LabelOption,
    LikeForLikeOption,
    align_choice,
    dataset_path,
    output_options,
)
from capexcli.cli.runner import run
from capexcli.present.output import Out


@app.command(cls=CapexCommand)
@output_options()
def check(
    ctx: typer.Context,
    align: AlignOption = "majority",
    like_for_like: LikeForLikeOption = False,
    group: GroupOption = None,
    exclude: ExcludeOption = None,
    label: LabelOption = None,
    fx: FxOption = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE|article",
            help="Answer on the figures as filed on or before DATE (YYYY-MM-DD), or by the "
            "article's date (`article`). Default: the latest filings.",
            show_default=False,
        ),
    ] = None,
    first_reported: FirstReportedOption = False,
    claims_file: ClaimsFileOption = None,
    data: DataOption = None,
    *,
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
    from capexcli.store.paths import resolve_claims_path

    path = dataset_path(ctx, data)
    claims_path = resolve_claims_path(claims_file)
    groups = (group, exclude, label)

    def produce() -> Any:
        from capexcli.compute.check import check as answer
        from capexcli.compute.claims import ledger

        claims, dataset, _, dated, scope = prepare(path, claims_path, as_of, first_reported, groups)
        headline = claims.model_copy(update={"claims": [c for c in claims.claims if c.headline]})
        rule = align_choice(align)
        result = ledger(
            headline, dataset, align=rule, fx=fx, like_for_like=like_for_like, readings=True
        )
        update = {"as_of": dated, "like_for_like": like_for_like, **scope}
        return answer(headline, result.model_copy(update=update), dataset, rule, fx)

    options = ledger_options(align, fx, like_for_like, groups, as_of, first_reported)
    run("check", options, [path, claims_path], out, produce)
