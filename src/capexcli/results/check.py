"""The result of ``capex check``: the article's headline claims, answered (see
:mod:`capexcli.results`, the one place to import them from)."""

from __future__ import annotations

from pydantic import Field

from capexcli.results.base import Align, Output, Verdict, schema_version
from capexcli.results.filed import AsOf
from capexcli.results.more import ClaimResult
from capexcli.results.readings import GroupUsed


class Trend(Output):
    """The China:US capex ratio at both ends of the article's span, like for like."""

    first_year: int = Field(description="The first comparison year.")
    last_year: int = Field(description="The last comparison year.")
    first_ratio: float | None = Field(
        description='US group capex over China group capex in the first year (5.9 = "1:5.9").'
    )
    last_ratio: float | None = Field(description="The same in the last year.")
    us_members: list[str] = Field(description="The US companies compared in every year.")
    cn_members: list[str] = Field(description="The Chinese companies compared in every year.")
    left_out: list[str] = Field(
        description="Members left out because they report no capex in some year of the span."
    )


class CheckRow(Output):
    """One headline claim: what the article says, what the filings give, the verdict, why."""

    id: str = Field(description="The claim's id (`capex claims ID` shows it in full).")
    claim: str = Field(description="The claim in a few words.")
    claim_zh: str | None = Field(None, description="The same in Chinese.")
    stated: str = Field(description="The article's words for the number.")
    unit: str = Field(description="Unit of value, low and high.")
    value: float | None = Field(description="The value under the standard reading.")
    low: float | None = Field(
        description="Where readings disagree on the verdict: the lowest value of the "
        "alignment and FX choices; else null."
    )
    high: float | None = Field(description="The highest value of those choices; else null.")
    low_reading: str | None = Field(description="The choice that gives `low`.")
    high_reading: str | None = Field(description="The choice that gives `high`.")
    verdict: Verdict = Field(description="The verdict under the standard reading.")
    why: str = Field(description="One line of why, in English.")
    not_confirmed_share: float | None = Field(
        description="The share of the value's figures (by amount) not confirmed in a "
        "company's own filing: 0 = all confirmed."
    )
    missing_members: list[str] = Field(
        description='Group-years the value adds without a member ("CN 2020: kuaishou").'
    )


class CheckResult(Output):
    """The answer screen: a sentence, the trend like for like, and a row per headline claim."""

    schema_version: int = schema_version()
    article: str = Field(description="The article the claims come from.")
    answer: str = Field(description="The answer in one sentence, in English.")
    trend: Trend = Field(description="The capex ratio like for like, first and last year.")
    rows: list[CheckRow] = Field(description="The headline claims, in the article's order.")
    claims: list[ClaimResult] = Field(
        description="The headline claims in full, as `capex claims --json` gives them."
    )
    summary: dict[str, int] = Field(description="How many headline claims have each verdict.")
    align: Align = Field(description="The alignment behind each verdict.")
    fx: str = Field(description='FX rates used: "annual" or the --fx rate.')
    groups: list[GroupUsed] = Field(
        [], description="The groups compared, with the members a group option left out."
    )
    like_for_like: bool = Field(False, description="--like-for-like was given.")
    as_of: AsOf = Field(AsOf(), description="Which filed version of each figure was used.")
