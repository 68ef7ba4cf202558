"""What `capex claims` and `capex check` both start from: the ledger's options (one
declaration, handed to each command as a :class:`LedgerScope`), the claims file, the dataset
as of a date with the groups the options set, and the groups it compares."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from capexcli.cli.as_of import FirstReportedOption, as_of_choice, as_of_dataset
from capexcli.cli.options import (
    GROUPING_OPTIONS,
    AlignOption,
    FxOption,
    LikeForLikeOption,
    bundle,
    regrouped,
)

F = TypeVar("F", bound=Callable[..., Any])

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


@dataclasses.dataclass(frozen=True)
class LedgerScope:
    """The options that shape a ledger: alignment, FX, like for like, the groups as
    --group/--exclude/--label change them, the date of the filings, the claims file."""

    align: str = "majority"
    like_for_like: bool = False
    group: list[str] | None = None
    exclude: list[str] | None = None
    label: list[str] | None = None
    fx: float | None = None
    as_of: str | None = None
    first_reported: bool = False
    claims_file: Path | None = None

    def claims_path(self) -> Path:
        from capexcli.store.paths import resolve_claims_path

        return resolve_claims_path(self.claims_file)

    def options(self) -> dict[str, Any]:
        """As the output cache keys a run of `claims` or `check` on them (the claims file is
        keyed as an input file)."""
        return {
            "align": self.align,
            "fx": self.fx,
            "like_for_like": self.like_for_like,
            "group": self.group,
            "exclude": self.exclude,
            "label": self.label,
            "as_of": self.as_of,
            "first_reported": self.first_reported,
        }

    def prepare(self, path: Path) -> tuple[Any, Any, Any, Any, dict[str, Any]]:
        """The claims file, the dataset of ``path`` as of the date asked (and the latest),
        the as-of info, and the groups the run compares: what `claims` and `check` both start
        from."""
        from capexcli.compute.claims_file import load_claims
        from capexcli.model.groups import groups_used
        from capexcli.store.loader import load

        ledger_file = load_claims(self.claims_path())
        chosen = as_of_choice(
            self.as_of, self.first_reported, ledger_file.published, ledger_file.published_note
        )
        original = load(path).dataset
        latest = regrouped(original, self.group, self.exclude, self.label)
        dataset, dated = as_of_dataset(latest, chosen)
        return ledger_file, dataset, latest, dated, {"groups": groups_used(original, latest)}


def ledger_options(as_of: Any) -> Callable[[F], F]:
    """Give `claims` or `check` the ledger's options as one ``scope: LedgerScope`` argument.
    ``as_of`` is the command's --as-of declaration: its help says what a date does there."""
    options = [
        ("align", AlignOption, "majority"),
        ("like_for_like", LikeForLikeOption, False),
        *GROUPING_OPTIONS,
        ("fx", FxOption, None),
        ("as_of", as_of, None),
        ("first_reported", FirstReportedOption, False),
        ("claims_file", ClaimsFileOption, None),
    ]
    return bundle("scope", options, lambda given: LedgerScope(**given))
