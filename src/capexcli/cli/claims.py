"""``capex claims``: the article's claims checked, one by one (the command; the core is
:mod:`capexcli.compute.claims`)."""

from __future__ import annotations

import dataclasses
from typing import Annotated, Any

import typer

from capexcli.cli.app import CapexCommand, app
from capexcli.cli.as_of import as_of_option
from capexcli.cli.complete import choices, complete_claim
from capexcli.cli.ledger_input import LedgerScope, ledger_options
from capexcli.cli.options import (
    CompactOption,
    DataOption,
    align_choice,
    dataset_path,
    output_options,
)
from capexcli.cli.runner import run
from capexcli.present.output import Out

#: --as-of of `capex claims`.
ClaimsAsOfOption = as_of_option(
    "Check the claims against the figures as filed on or before DATE "
    "(YYYY-MM-DD), or by the article's date (`article`); each claim then shows "
    "where today's filings move it. Default: the latest filings."
)


@app.command(cls=CapexCommand)
@output_options()
@ledger_options(ClaimsAsOfOption)
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
    strict: Annotated[
        bool,
        typer.Option(
            "--strict", metavar="", help="Exit 1 if any recomputed claim fails (for scripts)."
        ),
    ] = False,
    verdict: Annotated[
        list[str] | None,
        typer.Option(
            "--verdict",
            metavar="VERDICT",
            help="Only claims with this verdict: holds, close, fails, cited, unknown or "
            "insufficient. Repeat, or separate with commas.",
            show_default=False,
            autocompletion=choices(
                "holds", "close", "fails", "cited", "unknown", "insufficient", listed=True
            ),
        ),
    ] = None,
    section: Annotated[
        list[str] | None,
        typer.Option(
            "--section",
            metavar="SECTION",
            help="Only claims of this section of the article: intro, 01 ... 05 (1 is 01). "
            "Repeat, or separate with commas.",
            show_default=False,
            autocompletion=choices("intro", "01", "02", "03", "04", "05", listed=True),
        ),
    ] = None,
    claim_kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind",
            metavar="KIND",
            help="Only claims checked this way: recomputed, internal or cited. Repeat, or "
            "separate with commas.",
            show_default=False,
            autocompletion=choices("recomputed", "internal", "cited", listed=True),
        ),
    ] = None,
    compact: CompactOption = False,
    data: DataOption = None,
    *,
    scope: LedgerScope,
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

      capex claims --verdict fails --section 02

      capex claims --as-of article

      capex claims --json | jq '.claims[] | select(.verdict == "fails") | .id'
    """
    view = "detail" if claim_id else ("compact" if compact else None)
    out = dataclasses.replace(out, view=view)
    path = dataset_path(ctx, data)
    verdicts = _choices(verdict)
    sections = [f"0{v}" if v.isdigit() and len(v) == 1 else v for v in _choices(section)]
    kinds = _choices(claim_kind)
    # The search of readings is most of the run's time: the table leaves it
    # to the one-claim view; JSON carries it for every claim.
    readings = claim_id is not None or out.format == "json"

    def produce() -> Any:
        from capexcli.compute.claims import beside_latest, ledger, select

        ledger_file, dataset, latest, dated, groups = scope.prepare(path)

        def check(records: Any) -> Any:
            return ledger(
                ledger_file,
                records,
                align=align_choice(scope.align),
                fx=scope.fx,
                only=claim_id,
                like_for_like=scope.like_for_like,
                readings=readings,
            )

        update = {"as_of": dated, "like_for_like": scope.like_for_like, **groups}
        result = check(dataset).model_copy(update=update)
        if dated.date is not None or dated.first_reported:
            result = beside_latest(result, check(latest))
        return select(result, verdicts, sections, kinds)

    def failure(result: Any) -> str | None:
        if not strict:
            return None
        failing = [c.id for c in result.claims if c.kind == "recomputed" and c.verdict == "fails"]
        if not failing:
            return None
        return f"--strict: {len(failing)} recomputed claim(s) fail: {', '.join(failing)}"

    options = {
        "id": claim_id,
        **scope.options(),
        "verdict": verdicts,
        "section": sections,
        "kind": kinds,
        "readings": readings,
        "strict": strict,
    }
    run("claims", options, [path, scope.claims_path()], out, produce, failure)


def _choices(given: list[str] | None) -> list[str]:
    """Repeated or comma-separated option values, trimmed and lower-cased."""
    return [v.strip().lower() for item in given or [] for v in item.split(",") if v.strip()]
