"""Which calendar year a fiscal year is compared in.

Microsoft's year ends in June and Alibaba's in March, so "2024" must be given a meaning
before their figures can be added to those of companies whose years end in December.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

Align = Literal["majority", "label"]
ALIGNS: tuple[str, ...] = ("majority", "label")

RULES: dict[str, str] = {
    "majority": (
        "each fiscal year counts in the calendar year that holds most of its months, "
        "the year it ends in on a 6-6 tie (Alibaba FY to March 2025 -> 2024; "
        "Microsoft FY to June 2024 -> 2024)"
    ),
    "label": (
        "each fiscal year counts in the year of its own label "
        "(Alibaba FY2025, April 2024 - March 2025 -> 2025)"
    ),
}


def months_in_end_year(period_end: date) -> int:
    """Whole months of a twelve-month year ending on ``period_end`` that fall in its calendar year.

    A year ending in the first half of a month (a 52/53-week year ending on 3 January, say)
    is counted as ending with the month before.
    """
    return period_end.month if period_end.day >= 15 else period_end.month - 1


def comparison_year(fiscal_year: int, period_end: date, align: Align) -> int:
    if align == "label":
        return fiscal_year
    if months_in_end_year(period_end) >= 6:
        return period_end.year
    return period_end.year - 1


#: Every rule a reader might use to put a fiscal year in a calendar year: the two the
#: commands offer, and three more that the claims' readings also try.
ReadingRule = Literal["majority", "label", "majority-start", "start", "end"]
READING_RULES: tuple[str, ...] = ("majority", "label", "majority-start", "start", "end")
READING_RULE_WORDS: dict[str, str] = {
    "majority": "majority alignment",
    "label": "label alignment",
    "majority-start": "majority alignment, ties to the start year",
    "start": "each fiscal year in the year it starts",
    "end": "each fiscal year in the year it ends",
}


def reading_year(fiscal_year: int, period_end: date, rule: str) -> int:
    """The calendar year a fiscal year counts in under any of :data:`READING_RULES`."""
    if rule in ("majority", "label"):
        return comparison_year(fiscal_year, period_end, rule)  # type: ignore[arg-type]
    months = months_in_end_year(period_end)
    # A year of twelve months in its end year (or none: ending early in January) lies in one
    # calendar year; any other straddles two.
    end_year = period_end.year if months > 0 else period_end.year - 1
    start_year = end_year if months in (0, 12) else end_year - 1
    if rule == "start":
        return start_year
    if rule == "end":
        return end_year
    if months == 6:  # majority-start: a 6-6 tie goes to the year the fiscal year starts
        return period_end.year - 1
    return comparison_year(fiscal_year, period_end, "majority")
