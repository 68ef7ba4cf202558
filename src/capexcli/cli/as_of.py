"""The options ``--as-of DATE`` and ``--first-reported``, declared once, and their checks
(see :mod:`capexcli.model.as_of` for what they do to the data)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from capexcli.errors import OptionError, flag

if TYPE_CHECKING:
    from capexcli.model.records import Dataset
    from capexcli.results.filed import AsOf


def as_of_option(help_text: str) -> Any:
    """An --as-of declaration (a date, or `article`), with what the date does in its command."""
    return Annotated[
        str | None,
        typer.Option("--as-of", metavar="DATE|article", help=help_text, show_default=False),
    ]


AsOfOption = as_of_option(
    "Figures as filed on or before DATE (YYYY-MM-DD, or `article`: the article's date): each "
    "figure's last version by then; a figure first filed later is left out. Default: the "
    "latest filings."
)
FirstReportedOption = Annotated[
    bool,
    typer.Option(
        "--first-reported",
        metavar="",
        help="Each figure's first filed value, before any restatement.",
    ),
]


def as_of_choice(
    text: str | None,
    first_reported: bool = False,
    published: dt.date | None = None,
    note: str | None = None,
) -> AsOf:
    """--as-of and --first-reported, checked. ``published``: the article's date, which
    ``--as-of article`` stands for; when not given, read from the claims file (CAPEX_CLAIMS,
    else the shipped one), so that every command with --as-of takes ``article``."""
    from capexcli.results.filed import AsOf

    if text is None:
        return AsOf(first_reported=first_reported)
    # Only a date needs the as-of machinery (and the record models it imports).
    from capexcli.model.as_of import parse_date

    if first_reported:
        raise OptionError("--as-of and --first-reported disagree: choose one")
    if is_article(text):
        if published is None:
            published, note = _article_date()
        return AsOf(date=published, label="article", note=note)
    with flag("--as-of", text):
        return AsOf(date=parse_date(text))


def is_article(text: str | None) -> bool:
    return text is not None and text.strip().lower() == "article"


def as_of_files(text: str | None) -> list[Path]:
    """The files an --as-of value reads besides the data: the claims file for ``article``
    (part of the output cache's key, so a new `published` date is not replayed stale)."""
    from capexcli.store.paths import resolve_claims_path

    return [resolve_claims_path(None)] if is_article(text) else []


def _article_date() -> tuple[dt.date, str | None]:
    """The article's date and its note, from the claims file's `published`."""
    from capexcli.compute.claims_file import load_claims
    from capexcli.store.paths import resolve_claims_path

    ledger = load_claims(resolve_claims_path(None))
    if ledger.published is None:
        raise OptionError(
            "--as-of article: the claims file gives no `published` date; give a date, "
            "e.g. --as-of 2025-08-01"
        )
    return ledger.published, ledger.published_note


def as_of_dataset(dataset: Dataset, as_of: AsOf) -> tuple[Dataset, AsOf]:
    """The dataset as ``as_of`` sees it (see :mod:`capexcli.model.as_of`)."""
    from capexcli.model.as_of import resolve

    what = "--first-reported" if as_of.first_reported else "--as-of"
    with flag(what, "" if as_of.date is None else as_of.date.isoformat()):
        return resolve(dataset, as_of)
