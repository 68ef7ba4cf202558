"""Where and when a number was filed: the document, each filed version of a figure, and the
as-of date an output used (part of the JSON contract; import from :mod:`capexcli.results`)."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from capexcli.results.base import Output, Status


class DocumentInfo(Output):
    """The company document a figure was read in, and what identifies it to a reader."""

    id: str = Field(description="The key figures cite.")
    title: str = Field(description="The document's title.")
    form: str = Field(description="10-K, 20-F, annual report, results announcement ...")
    date: dt.date | None = Field(None, description="Filed or published.")
    accession: str | None = Field(None, description="SEC accession number (SEC filings).")
    stock_code: str | None = Field(None, description="HKEX stock code (Hong Kong filings).")
    url: str | None = Field(None, description="Where a reader finds it.")
    page: int | None = Field(None, description="The page the figure stands on, if recorded.")


class VersionInfo(Output):
    """One filed version of a figure: the value a filing gave, and when."""

    value: float = Field(description="Millions of the company's currency.")
    date: dt.date = Field(
        description="When the filing came out; if date_assumed, the latest it could have "
        "(period end + 4 months, the annual report deadline), as the figure names no dated filing."
    )
    date_assumed: bool = Field(False, description="Whether `date` is the deadline, not a filing's.")
    status: Status = Field(description="How far this version can be trusted.")
    document: DocumentInfo | None = Field(None, description="The filing that gave it.")
    source: str | None = Field(None, description="A free-text source.")
    line: str | None = Field(None, description="The line item as printed.")
    note: str | None = Field(None, description="A remark on this version.")
    latest: bool = Field(False, description="The latest version: the value without --as-of.")


class Restatement(Output):
    """A figure whose value as of the date is one that a later filing changed."""

    company: str = Field(description="Company id.")
    fiscal_year: int = Field(description="The company's fiscal year.")
    field: str = Field(description="capex, operating_cash_flow, buybacks, dividends ...")
    value: float = Field(description="The value as of the date (millions).")
    latest: float = Field(description="The latest value (millions).")
    latest_date: dt.date = Field(description="When the filing that gave the latest value came out.")
    latest_document: str | None = Field(None, description="That filing's document key.")


class AsOf(Output):
    """Which filed version of each figure an output uses."""

    date: dt.date | None = Field(
        None,
        description="Figures as last filed on or before this date (--as-of); null: each "
        "figure's latest value.",
    )
    first_reported: bool = Field(
        False, description="Each figure's first filed value instead (--first-reported)."
    )
    label: str | None = Field(
        None, description='What the date stands for when it was not typed: "article".'
    )
    note: str | None = Field(None, description="Why that date (the claims file says).")
    not_yet_filed: int = Field(
        0, description="Figures left out: no filing in the data gave them by the date."
    )
    assumed_dates: int = Field(
        0,
        description="Figures that name no dated filing, taken as filed by their annual report "
        "deadline (period end + 4 months); counted when a date is given.",
    )
    guidance_left_out: int = Field(0, description="Guidance statements given after the date.")
    restated_since: list[Restatement] = Field(
        [],
        description="Figures whose value as of the date (or as first reported) a later filing "
        "changed.",
    )
