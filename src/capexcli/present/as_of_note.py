"""The footnote that says which filed version of each figure an output used."""

from __future__ import annotations

from capexcli.present.style import Style
from capexcli.results.filed import AsOf


def as_of_note(as_of: AsOf, s: Style) -> str:
    """One footnote line: latest filings, as of a date (with what that left out or changed),
    or as first reported."""
    if as_of.first_reported:
        return s.t(
            "As first reported: each figure's first filed value ({n} differ from the latest "
            "filings).",
            n=len(as_of.restated_since),
        )
    if as_of.date is None:
        return s.t(
            "As of the latest filings: a value that a later filing restated is replaced "
            "(--as-of DATE shows what had been filed by a date)."
        )
    when = as_of.date.isoformat()
    if as_of.label == "article":
        when = s.t("{date}, the article's date", date=when)
    parts = [s.t("As of {when}: each figure as last filed on or before that date", when=when)]
    counted = (
        (
            as_of.not_yet_filed,
            "{n} figure filed later left out",
            "{n} figures filed later left out",
        ),
        (
            len(as_of.restated_since),
            "{n} value that a later filing restated",
            "{n} values that a later filing restated",
        ),
        (
            as_of.guidance_left_out,
            "{n} guidance statement given later left out",
            "{n} guidance statements given later left out",
        ),
        (
            as_of.assumed_dates,
            "{n} figure that names no dated filing taken as filed 4 months after its period "
            "ended (the annual report deadline)",
            "{n} figures that name no dated filing taken as filed 4 months after their period "
            "ended (the annual report deadline)",
        ),
    )
    parts += [s.t(one if n == 1 else many, n=n) for n, one, many in counted if n]
    return s.t("; ").join(parts) + s.t(".")


def as_of_short(as_of: AsOf, s: Style) -> str:
    """A few words for a chart's legend."""
    if as_of.first_reported:
        return s.t("as first reported")
    if as_of.date is None:
        return s.t("as of the latest filings")
    return s.t("as of {date}", date=as_of.date.isoformat())
