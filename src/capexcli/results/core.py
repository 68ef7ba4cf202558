"""The result of ``compare`` and the parts other results share with it: group figures,
coverage, the FX rates used (see :mod:`capexcli.results`, the one place to import them from).
The results that show the data itself (company, companies, validate, sources) are in
:mod:`capexcli.results.data`: a `compare` need not build them."""

from __future__ import annotations

from pydantic import Field

from capexcli.results.base import (
    ALIGN_HELP,
    AMOUNT,
    FRACTION,
    Align,
    Currency,
    FigureField,
    FxStatus,
    GroupId,
    Millions,
    Output,
    schema_version,
)
from capexcli.results.filed import AsOf


class Missing(Output):
    """A figure a total needs that the data does not have (left out, never counted as 0)."""

    company: str = Field(description="Company id.")
    fiscal_year: int = Field(description="The company's fiscal year.")
    field: FigureField = Field(description="The figure that is missing.")


class Absent(Output):
    """A company of the group with no fiscal-year record at all in a comparison year."""

    company: str = Field(description="Company id.")
    year: int = Field(description="Comparison year.")


class Coverage(Output):
    """How many members of a group report every figure a measure needs."""

    reported: int = Field(
        description="Members that report every figure the measure needs (in every year it "
        "adds, for a span)."
    )
    members: int = Field(description="Members of the group.")
    missing: list[str] = Field(description="Ids of the members that do not report.")
    complete: bool = Field(description="Every member reports: the measure compares the group.")


#: The measures whose coverage is reported, with the figures each needs.
MEASURES: dict[str, tuple[str, ...]] = {
    "capex": ("capex",),
    "operating_cash_flow": ("operating_cash_flow",),
    "shareholder_returns": ("buybacks", "dividends"),
    "capex_to_ocf": ("capex", "operating_cash_flow"),
    "returns_to_capex": ("capex", "buybacks", "dividends"),
}


class GroupFigures(Output):
    """One group's sums and ratios for a year or a span, in the comparison's currency."""

    capex: float | None = Field(description=AMOUNT)
    operating_cash_flow: float | None = Field(description=AMOUNT)
    shareholder_returns: float | None = Field(
        description="Buybacks + dividends, millions of `currency`; null when unknown."
    )
    capex_to_ocf: float | None = Field(
        description="Capex / operating cash flow over the companies that report both. " + FRACTION
    )
    returns_to_capex: float | None = Field(
        description="Shareholder returns / capex over the companies that report capex, "
        "buybacks and dividends. " + FRACTION
    )
    companies: list[str] = Field(description="Ids of the companies in the group.")
    missing: list[Missing] = Field(description="Figures left out of the totals as missing.")
    absent: list[Absent] = Field(
        description="Companies with no record for the year: nothing of theirs is in the totals."
    )
    status_counts: dict[str, int] = Field(
        description="How many of the figures behind these totals have each status."
    )
    not_confirmed_share: dict[str, float | None] = Field(
        description="For capex, operating_cash_flow and shareholder_returns: the fraction of "
        "the total resting on figures not confirmed in a company's own filing; null when the "
        "total is unknown or not positive."
    )
    coverage: dict[str, Coverage] = Field(
        {},
        description="For each measure (capex, operating_cash_flow, shareholder_returns, "
        "capex_to_ocf, returns_to_capex): how many members report what it needs.",
    )


class GroupInfo(Output):
    """One side of the comparison, as the data defines it or --group/--exclude changed it."""

    id: GroupId = Field(description="us or cn.")
    label: str = Field(description="The group's name in titles and legends.")
    label_zh: str | None = Field(None, description="The name in Chinese.")
    members: list[str] = Field(description="Company ids.")


class YearComparison(Output):
    year: int = Field(description="Comparison (calendar) year.")
    us: GroupFigures = Field(description="The US group.")
    cn: GroupFigures = Field(description="The China group.")
    us_to_cn_capex_ratio: float | None = Field(
        description='US capex divided by China capex: 6.2 is the article\'s "1:6".'
    )
    complete: bool = Field(
        True,
        description="Both groups report capex for every member: the ratio compares whole "
        "groups. A partial year is left out of the default totals.",
    )


class Totals(Output):
    first_year: int = Field(description="First comparison year of the span.")
    last_year: int = Field(description="Last comparison year of the span.")
    years: list[int] = Field(description="Every comparison year of the span.")
    us: GroupFigures = Field(description="The US group's totals.")
    cn: GroupFigures = Field(description="The China group's totals.")
    us_to_cn_capex_ratio: float | None = Field(description="US capex total / China capex total.")
    years_by_measure: dict[str, list[int]] = Field(
        {},
        description="The years each measure's totals add (both groups complete for it, unless "
        "partial_included); capex and the ratio use `capex`.",
    )
    left_out: dict[str, list[int]] = Field(
        {}, description="The years of the span each measure's totals leave out, as partial."
    )
    partial_included: bool = Field(False, description="Partial years added anyway (--partial).")
    complete: bool = Field(
        True, description="The ratio adds only complete years (and at least one)."
    )

    @property
    def label(self) -> str:
        """``2020-2024``, or ``2024 total`` for a single year."""
        if self.first_year == self.last_year:
            return f"{self.first_year} total"
        return f"{self.first_year}-{self.last_year}"


class FxUsed(Output):
    year: int = Field(description="Calendar year of the rate.")
    rate: float = Field(description="CNY per USD.")
    source: str = Field(description="Where the rate comes from.")
    status: FxStatus = Field(description="The rate's status; override for --fx.")


class CompareResult(Output):
    schema_version: int = schema_version()
    currency: Currency = Field(description="Currency of every amount.")
    unit: Millions = Field("millions", description="Amounts are millions of `currency`.")
    align: Align = Field(description=ALIGN_HELP)
    align_rule: str = Field(description="The alignment rule, in words.")
    fx: list[FxUsed] = Field(description="The FX rates used, one per comparison year.")
    years: list[YearComparison] = Field(description="One entry per comparison year.")
    totals: Totals = Field(description="Sums and ratios over the span.")
    notes: list[str] = Field(description="Remarks on the comparison.")
    groups: list[GroupInfo] = Field(
        [], description="The two groups compared, as the data or --group/--exclude set them."
    )
    like_for_like: bool = Field(
        False, description="--like-for-like: each group keeps the companies with capex every year."
    )
    dropped: dict[str, list[str]] = Field(
        {}, description='With like_for_like: the ids each group ("US", "CN") dropped.'
    )
    as_of: AsOf = Field(
        AsOf(), description="Which filed version of each figure was used (--as-of)."
    )
    latest_complete_year: int | None = Field(
        None,
        description="The latest comparison year in which every member of both groups reports "
        "capex: the main table runs to it. Null when no year is complete.",
    )
    later_years: list[int] = Field(
        [],
        description="The years after latest_complete_year (still in `years`), which only some "
        "members have reported: the table shows them apart, as not comparable.",
    )
