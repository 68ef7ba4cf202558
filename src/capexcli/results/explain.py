"""The result of ``capex explain``: the companies behind one cell of ``capex compare`` (see
:mod:`capexcli.results`, the one place to import them from)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from capexcli.results.base import (
    ALIGN_HELP,
    Align,
    Currency,
    GroupId,
    Millions,
    Output,
    Status,
    schema_version,
)
from capexcli.results.core import FxUsed, GroupInfo
from capexcli.results.filed import AsOf, DocumentInfo

#: The measures a cell of compare can be explained for.
ExplainMeasure = Literal["capex", "operating_cash_flow", "returns"]


class ExplainFigure(Output):
    """One figure of a company's fiscal year that the cell adds, with where it was read."""

    field: Literal["capex", "operating_cash_flow", "buybacks", "dividends"] = Field(
        description="The figure."
    )
    value: float = Field(description="Millions of the company's reporting currency.")
    status: Status = Field(description="How far the figure is confirmed.")
    source: str | None = Field(description="One citation line a reader can quote.")
    line: str | None = Field(None, description="The line item as filed, where recorded.")
    document: DocumentInfo | None = Field(
        None, description="The company document it was read in, where the data names one."
    )


class ExplainRow(Output):
    """One member of the group in the cell's year: what it adds, or why it adds nothing."""

    company: str = Field(description="Company id.")
    name: str = Field(description="English name.")
    fiscal_year: int | None = Field(
        description="The company's fiscal year counted in this comparison year; null when it "
        "has no record for the year."
    )
    first_month: str | None = Field(
        None, description="First month of the fiscal year, YYYY-MM (a twelve-month year)."
    )
    last_month: str | None = Field(None, description="Last month of the fiscal year, YYYY-MM.")
    period_end: dt.date | None = Field(None, description="Last day of the fiscal year.")
    currency: Currency = Field(description="The company's reporting currency.")
    value: float | None = Field(
        description="What the company adds, millions of its reporting currency (for returns: "
        "buybacks + dividends); null when a figure is missing (never counted as zero)."
    )
    fx_rate: float | None = Field(
        description="CNY per USD used to convert `value`; null when no conversion was needed."
    )
    converted: float | None = Field(
        description="`value` in the cell's currency, millions; the rows' sum is the cell."
    )
    status: Status | None = Field(
        description="confirmed when every figure added is; else the status of the first one "
        "that is not (the cell's * mark); null when missing."
    )
    figures: list[ExplainFigure] = Field(description="The figures added, with their sources.")
    missing: list[str] = Field(
        [],
        description="The figures the measure needs that the data does not have (the company "
        'is then left out of the cell); ["record"] when it has no fiscal year here.',
    )


class ExplainCell(Output):
    """One group's cell of compare for the year and measure, and the rows that make it."""

    group: GroupId = Field(description="us or cn.")
    label: str = Field(description="The group's name.")
    label_zh: str | None = Field(None, description="The name in Chinese.")
    value: float | None = Field(
        description="The cell as `capex compare` shows it, millions of `currency`; null when "
        "no member reports."
    )
    rows_total: float | None = Field(
        description="The sum of the rows' `converted`, in their order: equals `value`."
    )
    complete: bool = Field(description="Every member reports: the cell compares the group.")
    reported: int = Field(description="Members that report every figure the measure needs.")
    members: int = Field(description="Members of the group.")
    missing: list[str] = Field(description="Ids of the members left out of the cell.")
    not_confirmed_share: float | None = Field(
        description="Fraction of the cell resting on figures not confirmed in a company's own "
        "filing; null when the cell is unknown or not positive."
    )
    rows: list[ExplainRow] = Field(description="Every member: first those added, then the others.")


class ExplainResult(Output):
    schema_version: int = schema_version()
    year: int = Field(description="The comparison (calendar) year of the cell.")
    measure: ExplainMeasure = Field(
        description="capex, operating_cash_flow or returns (buybacks + dividends)."
    )
    currency: Currency = Field(description="Currency of the cells and of `converted`.")
    unit: Millions = Field("millions", description="Amounts are millions.")
    align: Align = Field(description=ALIGN_HELP)
    align_rule: str = Field(description="The alignment rule, in words.")
    fx: FxUsed | None = Field(
        description="The CNY per USD rate of the year, as compare used it; null if none."
    )
    cells: list[ExplainCell] = Field(description="The cell of each group asked for (us, cn).")
    us_to_cn_capex_ratio: float | None = Field(
        None,
        description="For capex with both groups: compare's US / China ratio for the year "
        "(6.2 is the article's 1:6).",
    )
    ratio_complete: bool | None = Field(
        None, description="With the ratio: both groups complete, so it compares whole groups."
    )
    groups: list[GroupInfo] = Field(description="The two groups, as the options set them.")
    like_for_like: bool = Field(
        False, description="--like-for-like: each group keeps the companies with capex every year."
    )
    dropped: dict[str, list[str]] = Field(
        {}, description='With like_for_like: the ids each group ("US", "CN") dropped.'
    )
    as_of: AsOf = Field(
        AsOf(), description="Which filed version of each figure was used (--as-of)."
    )
