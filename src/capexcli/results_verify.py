"""The JSON contract of ``capex verify``: each figure against the SEC filings of its period.

Part of the contract of :mod:`capexcli.results` (which re-exports these): add fields freely,
rename none.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from .results_base import OUTPUT_SCHEMA_VERSION, Output


class FiledValue(Output):
    """Another value a filing gave for the same period (before or after a restatement)."""

    value: float
    accession: str
    form: str
    filed: dt.date


class VerifyRow(Output):
    company: str
    fiscal_year: int
    field: str
    value: float
    currency: str
    status: str
    #: match, differs, restated or "not in facts".
    outcome: str
    #: The latest filed value of the period and its filing; null when not in facts.
    filed_value: float | None = None
    accession: str | None = None
    form: str | None = None
    filed: dt.date | None = None
    tag: str | None = None
    #: Filings of the same period that gave a value other than the latest one.
    other_filings: list[FiledValue] = Field(default_factory=list)
    #: Not confirmed in the data, but equal to the latest filed value.
    promotable: bool = False
    #: Why a match has no filed value: "nil" when the data's 0 stands for a line that the
    #: period's annual filings (in the facts for other figures) do not have.
    note: str | None = None


class VerifySummary(Output):
    match: int
    differs: int
    restated: int
    not_in_facts: int
    promotable: int
    #: Differences on figures the data marks confirmed: each makes `capex verify` exit 1.
    confirmed_differs: int


class VerifyFile(Output):
    company: str
    file: str
    entity_name: str
    cik: int | None


class VerifyResult(Output):
    schema_version: int = OUTPUT_SCHEMA_VERSION
    unit: str = "millions"
    files: list[VerifyFile]
    summary: VerifySummary
    rows: list[VerifyRow]
