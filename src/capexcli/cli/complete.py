"""Shell completion that knows the data: company ids, aliases, tickers and names, the years
present in the data, claim ids, and the values of every choice option.

Completion runs capex at each TAB: it must never fail or print. Names match without regard to
case (`capex company msft` works, so `msft<TAB>` must complete).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import typer

from capexcli.errors import CapexError

if TYPE_CHECKING:
    from capexcli.model.records import Dataset


def _completion_dataset(ctx: typer.Context | None) -> Dataset | None:
    """The dataset the command line names (--data, before or after the command), or the
    default one; None if it cannot be read."""
    from capexcli.store.loader import load
    from capexcli.store.paths import resolve_data_path

    given = None
    while ctx is not None and given is None:
        given = (ctx.params or {}).get("data")
        ctx = ctx.parent
    try:
        return load(resolve_data_path(given)).dataset
    except (CapexError, OSError):
        return None


def _in_case_of(typed: str, name: str) -> str:
    """``name`` as the user types: ``ms`` -> ``msft`` for MSFT, ``TENC`` -> ``TENCENT``."""
    if name.startswith(typed):
        return name
    if typed == typed.lower():
        return name.lower()
    if typed == typed.upper():
        return name.upper()
    return typed + name[len(typed) :]


#: Characters besides letters and digits (of any script) that no shell reads as syntax in
#: the middle of a word.
_PLAIN = frozenset("._-+,:=@/")


def shell_safe(name: str) -> bool:
    """Whether ``name`` can be put on a command line as it is. The completion scripts insert
    a candidate unquoted (bash's COMPREPLY, for one): an alias such as ``$(rm -rf ~)``,
    ``;reboot``, ``*`` or one with a space or a quote would run, expand or split when the
    user presses Enter. Such a name is never offered; it can still be typed, quoted."""
    return bool(name) and all(c.isalnum() or c in _PLAIN for c in name) and name[0] not in "-="


def _matching(incomplete: str, candidates: Iterable[str]) -> list[str]:
    """The candidates that start with ``incomplete`` in any case, each once, and only those
    that are :func:`shell_safe`."""
    wanted = incomplete.casefold()
    found: dict[str, str] = {}
    for name in candidates:
        if shell_safe(name) and name.casefold().startswith(wanted):
            found.setdefault(name.casefold(), _in_case_of(incomplete, name))
    return list(found.values())


def _last_item(incomplete: str) -> tuple[str, str]:
    """``a,b,c`` -> (``a,b,``, ``c``): options that take comma-separated lists complete the
    last item."""
    head, _, last = incomplete.rpartition(",")
    return (head + "," if head else ""), last


def company_names(dataset: Dataset) -> list[str]:
    """Ids first, then aliases and tickers, then Chinese and English names."""
    return [
        *(c.id for c in dataset.companies),
        *(a for c in dataset.companies for a in c.aliases),
        *(c.name_zh for c in dataset.companies),
        *(c.name for c in dataset.companies),
    ]


def complete_company(incomplete: str, ctx: typer.Context | None = None) -> list[str]:
    """A company: id, alias, ticker or name, in any case."""
    dataset = _completion_dataset(ctx)
    return [] if dataset is None else _matching(incomplete, company_names(dataset))


def complete_companies(incomplete: str, ctx: typer.Context | None = None) -> list[str]:
    """A comma-separated list of companies (--exclude)."""
    head, last = _last_item(incomplete)
    return [head + name for name in complete_company(last, ctx)]


def complete_group(incomplete: str, ctx: typer.Context | None = None) -> list[str]:
    """GROUP=A,B: the group, then its members."""
    if "=" not in incomplete:
        return _matching(incomplete, ["us=", "cn="])
    group, _, members = incomplete.partition("=")
    return [f"{group}={item}" for item in complete_companies(members, ctx)]


def complete_label(incomplete: str) -> list[str]:
    return _matching(incomplete, ["us=", "cn="])


def complete_years(incomplete: str, ctx: typer.Context | None = None) -> list[str]:
    """A year present in the data, or FIRST-LAST with LAST after FIRST."""
    dataset = _completion_dataset(ctx)
    if dataset is None:
        return []
    years = sorted(
        {y.fiscal_year for c in dataset.companies for y in c.years} | {r.year for r in dataset.fx}
    )
    first, dash, _ = incomplete.partition("-")
    if dash and first.isdigit():
        return _matching(incomplete, [f"{first}-{y}" for y in years if y > int(first)])
    return _matching(incomplete, [str(y) for y in years])


def complete_claim(incomplete: str, ctx: typer.Context | None = None) -> list[str]:
    """A claim id of the claims file the command line names (--claims), or the shipped one."""
    from capexcli.compute.claims_file import load_claims
    from capexcli.store.paths import resolve_claims_path

    given = (ctx.params or {}).get("claims_file") if ctx is not None else None
    try:
        ledger = load_claims(resolve_claims_path(given))
    except (CapexError, OSError):
        return []
    return _matching(incomplete, [c.id for c in ledger.claims])


#: The statuses of figures (records.Status), for --status.
STATUS_CHOICES = ("confirmed", "aggregator", "derived", "unconfirmed")


def choices(*values: str, listed: bool = False) -> Callable[[str], list[str]]:
    """Completion for an option with a fixed set of values (``listed``: comma-separated)."""

    def complete(incomplete: str) -> list[str]:
        if not listed:
            return _matching(incomplete, values)
        head, last = _last_item(incomplete)
        return [head + value for value in _matching(last, values)]

    return complete


def complete_source_field(incomplete: str) -> list[str]:
    """`capex sources --field`: the fields its rows name (comma-separated), read from
    provenance.py when asked, so that no run but completion imports it for this."""
    from capexcli.compute.provenance import SOURCE_FIELDS

    return choices(*SOURCE_FIELDS, listed=True)(incomplete)
