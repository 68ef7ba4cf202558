"""``capex check``: the answer first, the article's headline claims on one screen (the core
is :mod:`capexcli.compute.check`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from capexcli.cli.app import CapexCommand, app
from capexcli.cli.as_of import FirstReportedOption, as_of_choice, as_of_dataset
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
    regrouped,
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

    def produce() -> Any:
        from capexcli.compute.check import check as answer
        from capexcli.compute.claims import ledger
        from capexcli.compute.claims_file import load_claims
        from capexcli.model.groups import groups_used
        from capexcli.store.loader import load

        claims = load_claims(claims_path)
        headline = claims.model_copy(update={"claims": [c for c in claims.claims if c.headline]})
        chosen = as_of_choice(as_of, first_reported, claims.published, claims.published_note)
        original = load(path).dataset
        latest = regrouped(original, group, exclude, label)
        dataset, dated = as_of_dataset(latest, chosen)
        rule = align_choice(align)
        result = ledger(
            headline, dataset, align=rule, fx=fx, like_for_like=like_for_like, readings=True
        )
        scope = {"groups": groups_used(original, latest), "like_for_like": like_for_like}
        result = result.model_copy(update={"as_of": dated, **scope})
        return answer(headline, result, dataset, rule, fx)

    options = {
        "align": align,
        "fx": fx,
        "like_for_like": like_for_like,
        "group": group,
        "exclude": exclude,
        "label": label,
        "as_of": as_of,
        "first_reported": first_reported,
    }
    run("check", options, [path, claims_path], out, produce)
