"""The results that show the data itself: ``company``, ``companies``, ``validate`` and
``sources`` (see :mod:`capexcli.results`, the one place to import them from)."""

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
