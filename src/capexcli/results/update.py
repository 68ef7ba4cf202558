"""The result of ``capex update`` (see :mod:`capexcli.results`, the one place to import it
from)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from capexcli.results.base import Currency, Millions, Output, Status, schema_version

#: What a filing says of a figure of the data (see UpdateRow.category).
Category = Literal["new", "restated", "confirms", "differs", "unchanged"]


class UpdateRow(Output):
    fiscal_year: int = Field(description="Fiscal year.")
    field: str = Field(
        description="capex, operating_cash_flow, buybacks, dividends or debt_repayment."
    )
    category: Category = Field(
        description="new: the data has no such figure; restated: the data holds a value an "
        "earlier filing gave and a later one changed (written, the old value kept as a "
        "version); confirms: a figure not marked confirmed that the latest filing matches "
        "(promoted to confirmed, citing the filing); differs: a figure no filing of the "
        "period gave (left alone unless --force); unchanged: a confirmed figure the latest "
        "filing matches."
    )
    value: float | None = Field(
        description="The data's value, millions of `currency`; null for a new figure."
    )
    status: Status | None = Field(description="The data's status; null for a new figure.")
    filed_value: float = Field(description="The latest filing's value, millions of `currency`.")
    form: str = Field(description="The form of that filing (10-K, 20-F ...).")
    filed: dt.date = Field(description="Its filing date.")
    accession: str = Field(description="Its SEC accession number.")
    earlier: list[float] = Field(
        default_factory=list,
        description="Values earlier filings gave for the period, oldest first.",
    )
    written: bool = Field(
        description="Whether the figure was (or, with --dry-run, would be) written."
    )


class UpdateCounts(Output):
    new: int = Field(description="Figures the data did not have.")
    restated: int = Field(description="Figures a later filing changed.")
    confirms: int = Field(description="Figures not marked confirmed that a filing matches.")
    differs: int = Field(description="Figures the filings contradict.")
    unchanged: int = Field(description="Confirmed figures the filings match.")


class UpdateCompany(Output):
    company: str = Field(description="Company id.")
    currency: Currency = Field(description="Currency of the values.")
    source: str = Field(description="The company-facts file read, or the URL downloaded.")
    entity_name: str = Field(description="The filer's name in the facts.")
    cik: int | None = Field(description="The filer's SEC Central Index Key.")
    counts: UpdateCounts = Field(description="Counts of each category for the company.")
    rows: list[UpdateRow] = Field(
        description="Every figure of the filings from the company's first fiscal year in the "
        "data on, oldest first; unchanged ones included."
    )
    notes: list[str] = Field(
        default_factory=list, description="What the merge noted, or why it wrote nothing."
    )


class HkReport(Output):
    title: str = Field(description="The report's title on HKEXnews.")
    published: dt.date = Field(description="When HKEXnews published it.")
    url: str = Field(description="Its PDF on HKEXnews: give it to `capex import report`.")


class UpdateHongKong(Output):
    company: str = Field(description="Company id.")
    stock_code: str = Field(description="Its HKEX stock code, five digits.")
    latest_year: int | None = Field(description="The latest fiscal year in the data.")
    missing: list[int] = Field(
        description="Fiscal years after it whose annual results are due by today (three "
        "months after the year end): to be read in the company's reports."
    )
    unconfirmed: list[int] = Field(
        description="Fiscal years in the data, due by today, whose capex or operating cash "
        "flow is absent or not confirmed."
    )
    search_url: str = Field(
        description="HKEXnews's title search, where the stock code finds the reports."
    )
    latest_report: HkReport | None = Field(
        None,
        description="With --hk: the latest annual report HKEXnews lists for the stock code "
        "since the first year missing or not confirmed; null when none or not searched.",
    )
    search_note: str | None = Field(
        None, description="With --hk: why the search found nothing or failed."
    )


class UpdateResult(Output):
    schema_version: int = schema_version()
    unit: Millions = Field(
        "millions", description="Values are millions of each company's currency."
    )
    read: str = Field(description="The data file read.")
    into: str = Field(description="The data file written (or that would be, with --dry-run).")
    created: bool = Field(
        description="Whether `into` was created from the shipped data by this run."
    )
    dry_run: bool = Field(description="--dry-run: nothing was written.")
    force: bool = Field(description="--force: differing figures were overwritten.")
    written: bool = Field(description="Whether the data file was changed.")
    summary: UpdateCounts = Field(description="Counts of each category over all companies.")
    companies: list[UpdateCompany] = Field(description="One per company read from SEC facts.")
    hong_kong: list[UpdateHongKong] = Field(
        description="Companies with an HKEX stock code and no SEC filer: what is missing."
    )
    notes: list[str] = Field(default_factory=list, description="Notes on the run.")
