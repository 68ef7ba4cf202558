"""The readings of a claim that `capex claims` searches, and the groups a run compared
(see :mod:`capexcli.results`, the one place to import them from)."""

from __future__ import annotations

from pydantic import Field

from capexcli.results.base import Output, Verdict


class ReadingLine(Output):
    """One line a reading adds: a statement line as printed, or a company's figure."""

    label: str = Field(
        description="The line as printed in the company's statement, or "
        '"COMPANY FYnnnn FIELD" for a recorded figure.'
    )
    value: float = Field(
        description="The amount it adds, in millions of the company's currency (an outflow "
        "that the reading adds is positive; an inflow it subtracts, negative); for an FX "
        "rate, CNY per USD."
    )
    document: str | None = Field(description="The document it was read in, as a citation.")


class Reading(Output):
    """One way a careful reader could have computed the claim, and what it gives."""

    value: float | None = Field(description="The value under this reading, in the claim's unit.")
    choices: list[str] = Field(
        description="How it departs from the standard reading, one choice each (empty: the "
        "standard reading itself)."
    )
    departures: int = Field(description="How many choices depart from the standard reading.")
    lines: list[ReadingLine] = Field(description="The lines and figures it adds.")
    reproduces: bool = Field(
        description="The value matches the stated number within the claim's tolerance, with "
        "no more than two departures and every figure it needs."
    )
    coincidence_risk: bool = Field(
        False,
        description="The value matches, but only with more than two departures: likelier a "
        "chance hit than the article's method.",
    )


class ReadingSearch(Output):
    """What the search of a claim's readings tried and found."""

    tried: int = Field(description="How many distinct readings were computed.")
    families: list[str] = Field(
        description="The kinds of choice tried: alignment, fx, span, scope, definition."
    )
    max_departures: int = Field(description="The most departures a tried reading combines.")
    reproducing: int = Field(description="How many readings reproduce the stated number.")
    summary: str = Field(
        description='In words: "reproduced by ..." or "no reading of the N tried reproduces '
        'it (...)".'
    )


class GroupUsed(Output):
    """A group as a run compared it, with what the run's options changed."""

    id: str = Field(description="us or cn.")
    label: str = Field(description="The group's name as the run titled it.")
    label_zh: str | None = Field(None, description="The name in Chinese.")
    members: list[str] = Field(description="Company ids compared.")
    left_out: list[str] = Field(
        description="Company ids of the data's group that the run left out (--exclude, --group)."
    )
    changed: bool = Field(
        False, description="--group, --exclude or --label changed this group for the run."
    )


class Bounds(Output):
    """A claim on part of a group, over every value its missing figures could take."""

    missing: list[str] = Field(description='The figures missing, "COMPANY YEAR FIELD".')
    multiple: float = Field(
        description="Each missing figure is bounded from 0 to this many times the largest "
        "value its company reports for the field (or, if none, its group that year)."
    )
    low: float | None = Field(description="The lowest value the claim can take within the bounds.")
    high: float | None = Field(description="The highest value within the bounds.")
    decided: Verdict | None = Field(
        description="The verdict every value within the bounds gives; null when they straddle."
    )
    total: float = Field(
        description="The missing figures' upper bounds added up, in millions of the "
        "companies' currency."
    )
    holds_from: float | None = Field(
        description="With one kind of missing figure: the least total of them at which the "
        "claim holds (null: it holds at none, or the verdict is decided)."
    )
    holds_to: float | None = Field(description="The most total at which it holds.")
    summary: str = Field(
        description='In words: "fails whatever ..." or "depends on ...: holds below X".'
    )
