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
