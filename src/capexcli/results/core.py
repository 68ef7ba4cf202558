"""The results of ``compare``, ``company``, ``companies``, ``validate`` and ``sources``, and
the parts they share with the others (see :mod:`capexcli.results`, the one place to import
them from)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import ConfigDict, Field, RootModel, computed_field

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
    Region,
    SourceKind,
    Status,
    schema_version,
)
from capexcli.results.filed import AsOf, DocumentInfo, VersionInfo


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


class CapexBasisInfo(Output):
    """What a company's capex adds up, the same for every one of its years."""

    id: str = Field(description="The basis's id.")
    label: str = Field(description="The basis in words.")
    lines: list[str] = Field(description="The cash-flow lines, as printed, that capex adds up.")
    note: str | None = Field(None, description="What the basis leaves out, and why.")
    label_zh: str | None = Field(None, description="The label in Chinese, if the data gives it.")
    note_zh: str | None = Field(None, description="The note in Chinese, if the data gives it.")


class EarlierValue(Output):
    """A value an earlier filing gave for a figure that a later filing restated."""

    value: float = Field(description="Millions of the company's currency.")
    document: DocumentInfo | None = Field(None, description="The earlier filing.")
    source: str | None = Field(None, description="A free-text source.")
    line: str | None = Field(None, description="The line item as printed.")
    note: str | None = Field(None, description="Why it differs.")


class CompanyIdentity(Output):
    """Who a company is: the fields every company listing shares."""

    id: str = Field(description="Lowercase slug, unique in the data.")
    name: str = Field(description="English name.")
    name_zh: str = Field(description="Chinese name.")
    region: Region = Field(description="Which group the company belongs to by default.")
    currency: Currency = Field(description="Reporting currency.")
    fiscal_year_end: str = Field(description="MM-DD.")
    aliases: list[str] = Field(description="Tickers and short names (any case matches).")


class CompanyInfo(CompanyIdentity):
    capex_definition: str | None = Field(description="What capex means for this company.")
    capex_basis: CapexBasisInfo | None = Field(
        None, description="What capex adds up (the same every year); null if not stated."
    )


class CompanyYear(Output):
    fiscal_year: int = Field(description="The company's fiscal year.")
    comparison_year: int = Field(description="The calendar year it counts in (see align).")
    period_end: dt.date = Field(description="Last day of the fiscal year.")
    capex: float | None = Field(description=AMOUNT)
    operating_cash_flow: float | None = Field(description=AMOUNT)
    buybacks: float | None = Field(description=AMOUNT)
    dividends: float | None = Field(description=AMOUNT)
    debt_repayment: float | None = Field(description=AMOUNT)
    capex_to_ocf: float | None = Field(description="Capex / operating cash flow. " + FRACTION)
    shareholder_returns: float | None = Field(
        description="Buybacks + dividends; null unless both are known."
    )
    returns_to_capex: float | None = Field(description="Returns / capex. " + FRACTION)
    capex_growth: float | None = Field(
        description="Change in capex from the previous fiscal year: 0.5 = +50%."
    )
    status: dict[str, Status] = Field(description="Status of each figure present, by field.")
    capex_proceeds: float | None = Field(
        None,
        description="Cash received back on capex, recorded beside a gross capex (capex - "
        "capex_proceeds is the net figure); null where not recorded.",
    )
    headline_capex: float | None = Field(
        None,
        description="The company's own headline capex where it publishes one (Tencent's "
        "资本开支), a wider measure than `capex`, the cash-flow basis; null where not recorded.",
    )
    restated: dict[str, list[EarlierValue]] = Field(
        {}, description="Figures a later filing restated: field -> the earlier values."
    )
    versions: dict[str, list[VersionInfo]] = Field(
        {},
        description="Figures with more than one filed version: field -> every version, oldest "
        "first.",
    )


class CompanyResult(Output):
    schema_version: int = schema_version()
    company: CompanyInfo = Field(description="Who the company is and its capex basis.")
    currency: Currency = Field(description="Currency of every amount (the reporting one).")
    unit: Millions = Field("millions", description="Amounts are millions of `currency`.")
    align: Align = Field(description=ALIGN_HELP)
    align_rule: str = Field(description="The alignment rule, in words.")
    years: list[CompanyYear] = Field(description="One entry per fiscal year in the data.")
    notes: list[str] = Field(description="Remarks on the company's figures.")
    as_of: AsOf = Field(
        AsOf(), description="Which filed version of each figure was used (--as-of)."
    )


class CompanyListResult(Output):
    """`capex company A B ...`: several companies; one name keeps the single shape
    (:class:`CompanyResult`)."""

    schema_version: int = schema_version()
    companies: list[CompanyResult] = Field(
        description="One report per company named, in the order given; each as `capex company "
        "NAME --json` prints it, with its own `schema_version`."
    )


class CompanySummary(CompanyIdentity):
    fiscal_years: list[int] = Field(description="Fiscal years in the data.")
    group: GroupId | None = Field(
        None, description="The group it is compared in, or null if in neither."
    )


class CompaniesResult(Output):
    schema_version: int = schema_version()
    companies: list[CompanySummary] = Field(description="Every company in the data.")


class DataWarning(Output):
    """Something a valid data file should still fix, with where it is."""

    path: str = Field(description="TOML path, e.g. companies[3].years[2].capex.")
    line: int | None = Field(description="Line in the file, if known.")
    message: str = Field(description="What to fix.")


class ValidateResult(Output):
    schema_version: int = schema_version()
    file: str = Field(description="The data file checked.")
    valid: bool = Field(description="The file loads (invalid files exit 2 with an error).")
    companies: int = Field(description="Companies in the file.")
    fiscal_years: int = Field(description="Fiscal-year records.")
    figures: int = Field(description="Figures present.")
    fx_rates: int = Field(description="FX rates.")
    confirmed: int = Field(0, description='Figures with status "confirmed".')
    warnings: list[DataWarning] = Field(
        [],
        description="What a reader could not check (e.g. a confirmed figure that names no "
        "document); with --strict any warning exits 1.",
    )


class SourceRow(Output):
    """One sourced number in the data: a company's figure, a guidance range or an FX rate."""

    kind: SourceKind = Field(description="figure (a fiscal year's amount), guidance or fx.")
    company: str | None = Field(description="Company id; null for an FX rate.")
    fiscal_year: int = Field(
        description="The fiscal year of a figure, the year a guidance is for, the calendar "
        "year of a rate."
    )
    field: str = Field(
        description="capex, operating_cash_flow, buybacks, dividends, debt_repayment, "
        "capex_proceeds, headline_capex; capex_guidance or total_expenses_guidance; cny_per_usd."
    )
    value: float = Field(
        description="Millions of `currency`; for guidance the low end; for fx, CNY per USD."
    )
    currency: Currency = Field(description="Currency of the value.")
    status: FxStatus = Field(description="How far the number is confirmed.")
    source: str | None = Field(description="One citation line a reader can quote.")
    line: str | None = Field(None, description="The line item as filed, where recorded.")
    note: str | None = Field(None, description="Remarks; for derived figures, the arithmetic.")
    high: float | None = Field(
        None, description="Guidance: the high end (null for 'more than'), millions."
    )
    date: dt.date | None = Field(None, description="Guidance: the date it was given.")
    basis: str | None = Field(
        None,
        description="Guidance: what the range covers. Capex figures: the company's capex basis.",
    )
    document: DocumentInfo | None = Field(
        None, description="Figures: the company document it was read in."
    )
    earlier: list[EarlierValue] = Field(
        [], description="Figures: values earlier filings gave before a restatement."
    )
    filed: dt.date | None = Field(
        None,
        description="Figures: when the filing that gave `value` came out (if filed_assumed, the "
        "deadline for its annual report: the figure names no dated filing).",
    )
    filed_assumed: bool = Field(False, description="Whether `filed` is the deadline.")
    versions: list[VersionInfo] = Field(
        [],
        description="Figures: every filed version, oldest first, `value`'s last (with --as-of, "
        "the one that date sees and those before it).",
    )
    as_of: str = Field(
        "latest",
        description='Which versions the rows are: "latest", "first-reported" or the --as-of date.',
    )
    comparison_year: int | None = Field(
        None,
        description="The calendar year `capex compare` counts the figure in (under the "
        "`align` rule asked, majority by default); for an FX rate, its year; null for guidance.",
    )
    selected_by: Literal["fiscal_year", "comparison_year", "fiscal_year+comparison_year"] | None = (
        Field(
            None,
            description="Which year chose the row: fiscal_year (--year), comparison_year "
            "(--comparison-year) or both; null when no year was asked.",
        )
    )

    @computed_field(  # type: ignore[prop-decorator]
        description="Unit of value and high: millions (of `currency`) for figures and "
        "guidance, CNY per USD for an FX rate."
    )
    @property
    def unit(self) -> Literal["millions", "CNY per USD"]:
        return "CNY per USD" if self.kind == "fx" else "millions"


class SourcesResult(RootModel[list[SourceRow]]):
    """``capex sources --json`` is a plain list of rows, one per number (each row states its
    unit; the list has no room for a schema_version, as its contract says)."""

    model_config = ConfigDict(defer_build=True)
