"""The results of ``claims``, ``chart``, ``import sec`` and ``verify`` (see
:mod:`capexcli.results`, the one place to import them from)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field, model_validator

from capexcli.results.base import (
    ALIGN_HELP,
    Action,
    Align,
    ChartMetric,
    ClaimKind,
    Currency,
    Millions,
    Outcome,
    Output,
    Status,
    Verdict,
    schema_version,
)
from capexcli.results.core import Coverage, GroupInfo
from capexcli.results.data import SourceRow
from capexcli.results.filed import AsOf
from capexcli.results.readings import Bounds, GroupUsed, Reading, ReadingSearch

#: "annual" (the records' annual averages) or the one rate --fx gave, as text.
FX_HELP = 'FX rates used: "annual" (the annual averages in the data) or the --fx rate.'


class Choice(Output):
    """A claim's verdict under one alignment and FX choice."""

    align: Align = Field(description=ALIGN_HELP)
    fx: str = Field(description=FX_HELP)
    recomputed: float | None = Field(description="The value recomputed under this choice.")
    verdict: Verdict = Field(description="The verdict under this choice.")


class LatestView(Output):
    """A claim recomputed on the latest filings, beside a run --as-of a date."""

    recomputed: float | None = Field(description="The value on the latest filings.")
    recomputed_range: list[float] | None = Field(
        None, description="For a range claim, the range on the latest filings."
    )
    verdict: Verdict = Field(description="The verdict on the latest filings.")


class ClaimResult(Output):
    id: str = Field(description="The claim's id in the claims file.")
    section: str = Field(description="Section of the article: intro, 01 ... 05.")
    quote_zh: str = Field(description="The article's words.")
    claim_en: str = Field(description="The claim in English.")
    kind: ClaimKind = Field(
        description="recomputed (from the records), internal (the article's own numbers) or "
        "cited (the records cannot check it)."
    )
    stated: dict[str, Any] = Field(
        description="What the article states: text, and value or low/high, relation."
    )
    recomputed: float | None = Field(description="The value recomputed, in `unit`.")
    recomputed_range: list[float] | None = Field(
        description="For a claim about a range (e.g. guidance), the recomputed [low, high]."
    )
    unit: str = Field(description="Unit of stated and recomputed: CNY millions, multiple ...")
    verdict: Verdict = Field(
        description="holds, close (within twice the tolerance), fails, cited, unknown (no "
        "value), insufficient (recomputed on part of a group)."
    )
    tolerance: str | None = Field(description="The tolerance rule, in words.")
    tolerance_zh: str | None = Field(
        None, description="The tolerance rule in Chinese, where the claims file gives it."
    )
    explanation: str = Field(description="What a reader needs to weigh the verdict.")
    explanation_zh: str | None = Field(
        None,
        description="The claims file's Chinese explanation (without the metric's notes), where "
        "it gives one.",
    )
    notes: list[str] = Field(
        [], description="What the metric noted while computing (English; in `explanation`)."
    )
    method: str = Field(description="What the check did, in words.")
    complete: bool = Field(description="Every figure the metric needs is in the records.")
    missing: list[str] = Field(description="Figures the metric needs that the records lack.")
    partial: list[str] = Field(
        [],
        description='Group-years the value adds although a member has no figure ("CN 2020: '
        'kuaishou"); such a claim is insufficient.',
    )
    attribution: str | None = Field(description="Who the article attributes a cited claim to.")
    attribution_zh: str | None = Field(None, description="The attribution in Chinese.")
    sensitivity: list[Choice] = Field(
        description="The verdict under each alignment and FX choice (recomputed claims only)."
    )
    inputs: list[SourceRow] = Field(
        description="Every figure, guidance or rate that went into the recomputed value."
    )
    bounds: Bounds | None = Field(
        None,
        description="A claim on part of a group: its verdict over every value the missing "
        "figures could take (decided, or where it turns).",
    )
    forecast_overtaken: bool = Field(
        False,
        description="A forecast the filings have overtaken: the actual went past the stated "
        "number in the direction forecast.",
    )
    readings: list[Reading] = Field(
        [],
        description="Recomputed claims: the standard reading first, then the readings that "
        "match the stated number, fewest departures first (at most 12).",
    )
    reading_search: ReadingSearch | None = Field(
        None, description="Recomputed claims: how many readings were tried and what they found."
    )
    latest: LatestView | None = Field(
        None,
        description="With --as-of or --first-reported: the same claim on the latest filings; "
        "null otherwise.",
    )
    moved: bool = Field(
        False, description="Whether the latest filings change the verdict or the value."
    )


class ClaimsResult(Output):
    schema_version: int = schema_version()
    article: str = Field(description="The article the claims come from.")
    align: Align = Field(description="The alignment behind each main verdict. " + ALIGN_HELP)
    fx: str = Field(description=FX_HELP)
    claims: list[ClaimResult] = Field(description="The claims, in the file's order.")
    summary: dict[str, int] = Field(description="How many claims have each verdict.")
    groups: list[GroupUsed] = Field(
        [],
        description="The groups the claims were recomputed on, with the members --exclude or "
        "--group left out.",
    )
    like_for_like: bool = Field(
        False,
        description="--like-for-like: each span compares only the companies that report "
        "capex in every year of it.",
    )
    as_of: AsOf = Field(
        AsOf(), description="Which filed version of each figure was used (--as-of)."
    )
    moved: list[str] = Field(
        [],
        description="With --as-of or --first-reported: the claims whose verdict or value the "
        "latest filings change.",
    )


class ChartYear(Output):
    year: int = Field(description="Comparison year.")
    us: float | None = Field(description="The US group's value: see `unit`.")
    cn: float | None = Field(description="The China group's value: see `unit`.")
    ratio: float | None = Field(description='US over China; for capex 6.2 is the article\'s "1:6".')
    complete: bool = Field(True, description="Both groups report the metric for every member.")
    coverage: dict[str, Coverage] = Field(
        {}, description="us and cn: the coverage of the metric in each group that year."
    )


class ChartResult(Output):
    schema_version: int = schema_version()
    metric: ChartMetric = Field(description="What the bars show.")
    currency: Currency = Field(description="Currency of capex amounts.")
    unit: Literal["millions", "ratio"] = Field(
        "millions",
        description="millions (of `currency`) for capex; ratio for capex_to_ocf and "
        "returns_to_capex, whose values are plain fractions (0.3 = 30%).",
    )
    align: Align = Field(description=ALIGN_HELP)
    align_rule: str = Field(description="The alignment rule, in words.")
    years: list[ChartYear] = Field(description="One entry per comparison year.")
    groups: list[GroupInfo] = Field([], description="The two groups compared.")
    dropped: dict[str, list[str]] = Field(
        {}, description='--like-for-like: the ids each group ("US", "CN") dropped.'
    )
    as_of: AsOf = Field(
        AsOf(), description="Which filed version of each figure was used (--as-of)."
    )

    @model_validator(mode="after")
    def _ratio_unit(self) -> ChartResult:
        # A ratio is not millions of anything: the unit follows the metric.
        self.unit = "millions" if self.metric == "capex" else "ratio"
        return self


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


#: Every ``error.code`` (the ``code`` of each CapexError class; tests check they agree).
ErrorCode = Literal[
    "error",
    "data_file",
    "invalid_data",
    "unknown_company",
    "bad_option",
    "missing_data",
    "network",
    "write",
    "sec_facts",
    "report",
    "check_failed",
    "output",
    "internal",
]


class DataProblem(Output):
    path: str = Field(description="TOML path, e.g. companies[3].years[2].capex.value.")
    line: int | None = Field(description="Line in the file, if known.")
    column: int | None = Field(description="Column, if known.")
    message: str = Field(description="What is wrong.")


class ErrorDetail(Output):
    code: ErrorCode = Field(
        description="What went wrong, for scripts: data_file (missing, unreadable, not TOML), "
        "invalid_data (with problems), unknown_company (with suggestions), bad_option, "
        "missing_data, write, network, sec_facts, report (a PDF capex import report cannot "
        "read), check_failed (a --strict check or verify "
        "failed: exit 1), output (standard output closed, full or unable to encode: exit 74), "
        "internal (a bug in capex: exit 70)."
    )
    message: str = Field(description="The message a person reads.")
    suggestions: list[str] | None = Field(
        None, description="unknown_company: the closest company ids."
    )
    file: str | None = Field(None, description="invalid_data: the data file.")
    problems: list[DataProblem] | None = Field(
        None, description="invalid_data: every problem found, with where it is."
    )


class ErrorDocument(Output):
    """What every failure prints on stderr under --json (exit status 1, 2 or 70)."""

    schema_version: int = schema_version()
    error: ErrorDetail = Field(description="The error.")
