"""The results of ``import sec`` and ``verify``: figures read in SEC company facts (see
:mod:`capexcli.results`, the one place to import them from)."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from capexcli.results.base import (
    Action,
    Currency,
    Millions,
    Outcome,
    Output,
    Status,
    schema_version,
)


class ImportedVersion(Output):
    """A value an earlier filing gave for an imported figure, before a filing changed it."""

    value: float = Field(description="Millions of the currency, as that filing gave it.")
    form: str = Field(description="10-K, 10-K/A, 20-F or 20-F/A.")
    filed: dt.date = Field(description="Filing date.")
    accession: str = Field(description="SEC accession number.")


class ImportedFigure(Output):
    fiscal_year: int = Field(description="Year of the period end.")
    field: str = Field(description="capex, operating_cash_flow, buybacks, dividends ...")
    value: float = Field(description="Millions of `currency`, as filed.")
    currency: Currency = Field(description="Currency of the value.")
    period_start: dt.date = Field(description="Start of the reported period.")
    period_end: dt.date = Field(description="End of the reported period.")
    tag: str = Field(description="The XBRL tag read, e.g. us-gaap:PaymentsToAcquire...")
    label: str = Field(description="The tag's label in the facts file.")
    form: str = Field(description="10-K, 10-K/A, 20-F or 20-F/A.")
    filed: dt.date = Field(description="Filing date.")
    accession: str = Field(description="SEC accession number.")
    status: Status = Field(description="Always confirmed: read in the company's own filing.")
    source: str = Field(
        description="The citation written into the data: the first filing that gave `value`."
    )
    first_filed: dt.date | None = Field(
        None, description="When the first filing that gave `value` came out."
    )
    first_accession: str | None = Field(None, description="That filing's accession number.")
    versions: list[ImportedVersion] = Field(
        [], description="Values earlier filings gave (restatements), oldest first."
    )


class ImportedChange(Output):
    company: str = Field(description="Company id.")
    fiscal_year: int = Field(description="Fiscal year.")
    field: str = Field(description="The figure.")
    action: Action = Field(
        description="added, changed, confirmed (same value, now confirmed by the filing), "
        "skipped (differs from a confirmed figure; --force replaces it) or unchanged."
    )
    old: float | None = Field(description="The value before, if any.")
    old_status: Status | None = Field(description="Its status before, if any.")
    new: float = Field(description="The filed value.")


class SecImportResult(Output):
    schema_version: int = schema_version()
    cik: int | None = Field(description="SEC Central Index Key, if the file gives it.")
    entity_name: str = Field(description="The company as the SEC names it.")
    company: str | None = Field(description="The company id written (--company), if any.")
    currency: Currency = Field(description="Currency of the figures.")
    unit: Millions = Field("millions", description="Values are millions of `currency`.")
    fiscal_year_end: str = Field(description="MM-DD, from the latest annual period.")
    figures: list[ImportedFigure] = Field(description="The annual figures read.")
    into: str | None = Field(None, description="With --into: the data file.")
    written: bool = Field(False, description="Whether the data file was written.")
    changes: list[ImportedChange] = Field(
        default_factory=list, description="With --into: what happened to each figure."
    )
    notes: list[str] = Field(default_factory=list, description="Remarks on the import.")


class FiledValue(Output):
    """Another value a filing gave for the same period (before or after a restatement)."""

    value: float = Field(description="Millions of the company's currency.")
    accession: str = Field(description="SEC accession number.")
    form: str = Field(description="The filing's form.")
    filed: dt.date = Field(description="Filing date.")


class VerifyRow(Output):
    company: str = Field(description="Company id.")
    fiscal_year: int = Field(description="Fiscal year.")
    field: str = Field(description="capex, operating_cash_flow, buybacks or dividends.")
    value: float = Field(description="The data's value, millions of `currency`.")
    currency: Currency = Field(description="Currency of the values.")
    status: Status = Field(description="The data's status for the figure.")
    outcome: Outcome = Field(
        description="match, differs, restated (filings of the period disagree) or not in facts."
    )
    filed_value: float | None = Field(
        None, description="The latest filed value of the period; null when not in facts."
    )
    accession: str | None = Field(None, description="Accession number of that filing.")
    form: str | None = Field(None, description="Its form.")
    filed: dt.date | None = Field(None, description="Its filing date.")
    tag: str | None = Field(None, description="The XBRL tag compared.")
    other_filings: list[FiledValue] = Field(
        default_factory=list,
        description="Filings of the period that gave a value other than the latest one.",
    )
    promotable: bool = Field(
        False, description="Not confirmed in the data, but equal to the latest filed value."
    )
    note: str | None = Field(
        None,
        description='Why a match has no filed value: "nil" when the data\'s 0 stands for a line '
        "the period's annual filings do not have.",
    )


class VerifySummary(Output):
    match: int = Field(description="Figures equal to the latest filed value.")
    differs: int = Field(description="Figures no filing gave.")
    restated: int = Field(description="Figures whose period the filings disagree on.")
    not_in_facts: int = Field(description="Figures with no fact for their period and concept.")
    promotable: int = Field(description="Figures not confirmed that match.")
    confirmed_differs: int = Field(
        description="Differences on figures the data marks confirmed: each makes verify exit 1."
    )


class VerifyFile(Output):
    company: str = Field(description="Company id.")
    file: str = Field(description="The facts file or URL read.")
    entity_name: str = Field(description="The company as the SEC names it.")
    cik: int | None = Field(description="SEC Central Index Key.")


class VerifyResult(Output):
    schema_version: int = schema_version()
    unit: Millions = Field("millions", description="Values are millions of each row's currency.")
    files: list[VerifyFile] = Field(description="The facts files used, one per company.")
    summary: VerifySummary = Field(description="Counts of each outcome.")
    rows: list[VerifyRow] = Field(description="One row per figure checked.")
