"""What `capex claims` and `capex check` both start from: the claims file, the dataset as of
a date with the groups the options set, and the groups it compares."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from capexcli.cli.as_of import as_of_choice, as_of_dataset
from capexcli.cli.options import regrouped

#: --claims, shared with `capex check`.
ClaimsFileOption = Annotated[
    Path | None,
    typer.Option(
        "--claims",
        metavar="PATH",
        help="Claims file to use instead of the shipped one (also: CAPEX_CLAIMS).",
        show_default=False,
    ),
]


def prepare(
    path: Path,
    claims_path: Path,
    as_of: str | None,
    first_reported: bool,
    groups: tuple[list[str] | None, list[str] | None, list[str] | None],
) -> tuple[Any, Any, Any, Any, dict[str, Any]]:
    """The claims file, the dataset as of the date asked (and the latest), the as-of info,
    and the groups the run compares (--group, --exclude, --label): what `claims` and `check`
    both start from."""
    from capexcli.compute.claims_file import load_claims
    from capexcli.model.groups import groups_used
    from capexcli.store.loader import load

    ledger_file = load_claims(claims_path)
    chosen = as_of_choice(as_of, first_reported, ledger_file.published, ledger_file.published_note)
    original = load(path).dataset
    latest = regrouped(original, *groups)
    dataset, dated = as_of_dataset(latest, chosen)
    return ledger_file, dataset, latest, dated, {"groups": groups_used(original, latest)}


def ledger_options(
    align: str,
    fx: float | None,
    like_for_like: bool,
    groups: tuple[list[str] | None, list[str] | None, list[str] | None],
    as_of: str | None,
    first_reported: bool,
) -> dict[str, Any]:
    """The options that shape a ledger, as the output cache keys a run of `claims` or
    `check` on them."""
    group, exclude, label = groups
    return {
        "align": align,
        "fx": fx,
        "like_for_like": like_for_like,
        "group": group,
        "exclude": exclude,
        "label": label,
        "as_of": as_of,
        "first_reported": first_reported,
    }
