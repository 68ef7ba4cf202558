"""What the commands compute, as models: the JSON contract with users' scripts.

Field names here are promised in the README; add fields freely, rename none. Bump
``OUTPUT_SCHEMA_VERSION`` when a field is removed, renamed or changes meaning.
Amounts are millions of ``currency``; ratios are plain fractions (0.3 = 30%).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, RootModel

from .errors import OUTPUT_SCHEMA_VERSION


class Output(BaseModel):
    """Base of every result. Schemas are built on first use, not at import: a run uses one or
    two of these models, and building all of them would cost every run start-up time."""

    model_config = ConfigDict(defer_build=True)


class Missing(Output):
    company: str
    fiscal_year: int
    field: str


class Absent(Output):
    """A company of the group with no fiscal-year record at all in a comparison year."""

    company: str
    year: int


class Coverage(Output):
    """How many members of a group report every figure a measure needs."""

    #: Members that report every figure the measure needs (in every year it adds, for a span).
    reported: int
    members: int
    #: Ids of the members that do not.
    missing: list[str]
    #: Every member reports: the measure compares the whole group.
    complete: bool


#: The measures whose coverage is reported, with the figures each needs.
MEASURES: dict[str, tuple[str, ...]] = {
    "capex": ("capex",),
    "operating_cash_flow": ("operating_cash_flow",),
    "shareholder_returns": ("buybacks", "dividends"),
    "capex_to_ocf": ("capex", "operating_cash_flow"),
    "returns_to_capex": ("capex", "buybacks", "dividends"),
}


class GroupFigures(Output):
    capex: float | None
    operating_cash_flow: float | None
    shareholder_returns: float | None
    #: Over the companies that report both capex and operating cash flow.
    capex_to_ocf: float | None
    #: Over the companies that report capex, buybacks and dividends.
    returns_to_capex: float | None
    companies: list[str]
    missing: list[Missing]
    #: Companies of the group with no record for the year: nothing of theirs is in the totals.
    absent: list[Absent]
    #: How many of the figures behind these totals have each status.
    status_counts: dict[str, int]
    #: For capex, operating_cash_flow and shareholder_returns: the fraction of the total that
    #: rests on figures not confirmed in a company's own filing (0.25 = a quarter); null when
    #: the total is unknown or not positive.
    not_confirmed_share: dict[str, float | None]
    #: For each measure (capex, operating_cash_flow, shareholder_returns, capex_to_ocf,
    #: returns_to_capex): how many members report what it needs, and whether all do.
    coverage: dict[str, Coverage] = {}


class GroupInfo(Output):
    """One side of the comparison: ``us`` or ``cn``, its label and its members."""

    id: str
    label: str
    label_zh: str | None = None
    members: list[str]


class YearComparison(Output):
    year: int
    us: GroupFigures
    cn: GroupFigures
    #: US capex divided by China capex: 6.2 is the article's "1:6".
    us_to_cn_capex_ratio: float | None
    #: Both groups report capex for every member: the ratio compares whole groups. A partial
    #: year's ratio is shown marked, and left out of the default totals.
    complete: bool = True


class Totals(Output):
    first_year: int
    last_year: int
    #: Every comparison year of the span.
    years: list[int]
    us: GroupFigures
    cn: GroupFigures
    us_to_cn_capex_ratio: float | None
    #: The years each measure's totals add (both groups complete for it, unless
    #: ``partial_included``): capex and the CN : US ratio use ``capex``.
    years_by_measure: dict[str, list[int]] = {}
    #: The years of the span each measure's totals leave out, as partial.
    left_out: dict[str, list[int]] = {}
    #: Whether partial years were added anyway (``--partial``).
    partial_included: bool = False
    #: The totals' CN : US ratio adds only complete years (and at least one).
    complete: bool = True

    @property
    def label(self) -> str:
        """``2020-2024``, or ``2024 total`` for a single year."""
        if self.first_year == self.last_year:
            return f"{self.first_year} total"
        return f"{self.first_year}-{self.last_year}"


class FxUsed(Output):
    year: int
    #: CNY per USD.
    rate: float
    source: str
    status: str


class CompareResult(Output):
    schema_version: int = OUTPUT_SCHEMA_VERSION
    currency: str
    unit: str = "millions"
    align: str
    align_rule: str
    fx: list[FxUsed]
    years: list[YearComparison]
    totals: Totals
    notes: list[str]
    #: The two groups compared, as the data defines them or as --group/--exclude changed them.
    groups: list[GroupInfo] = []
    #: ``--like-for-like``: each group restricted to the companies with capex in every year.
    like_for_like: bool = False
    #: With ``like_for_like``: the ids each group ("US", "CN") dropped.
    dropped: dict[str, list[str]] = {}


class CapexBasisInfo(Output):
    """What a company's capex adds up, the same for every one of its years."""

    id: str
    label: str
    #: The cash-flow lines, as printed, that the capex figure is or adds up.
    lines: list[str]
    note: str | None = None


class DocumentInfo(Output):
    """The company document a figure was read in, and what identifies it to a reader."""

    id: str
    title: str
    #: 10-K, 20-F, annual report, results announcement ...
    form: str
    #: Filed or published.
    date: dt.date | None = None
    #: SEC accession number (SEC filings).
    accession: str | None = None
    #: HKEX stock code (Hong Kong filings).
    stock_code: str | None = None
    url: str | None = None
    #: The page the figure stands on, where recorded.
    page: int | None = None


class EarlierValue(Output):
    """A value an earlier filing gave for a figure that a later filing restated."""

    value: float
    document: DocumentInfo | None = None
    source: str | None = None
    line: str | None = None
    note: str | None = None


class CompanyIdentity(Output):
    """Who a company is: the fields every company listing shares."""

    id: str
    name: str
    name_zh: str
    region: str
    currency: str
    fiscal_year_end: str
    aliases: list[str]


class CompanyInfo(CompanyIdentity):
    capex_definition: str | None
    #: What capex adds up for this company (the same for all its years); null if not stated.
    capex_basis: CapexBasisInfo | None = None


class CompanyYear(Output):
    fiscal_year: int
    comparison_year: int
    period_end: dt.date
    capex: float | None
    operating_cash_flow: float | None
    buybacks: float | None
    dividends: float | None
    debt_repayment: float | None
    capex_to_ocf: float | None
    shareholder_returns: float | None
    returns_to_capex: float | None
    #: Change in capex from the previous fiscal year: 0.5 = +50%.
    capex_growth: float | None
    #: Status of each figure present: confirmed, aggregator, derived or unconfirmed.
    status: dict[str, str]
    #: Cash received back on capex (sales of property, incentives), recorded beside a gross
    #: capex; capex - capex_proceeds is the net figure. Null where not recorded.
    capex_proceeds: float | None = None
    #: Figures that a later filing restated: field -> the values earlier filings gave.
    restated: dict[str, list[EarlierValue]] = {}


class CompanyResult(Output):
    schema_version: int = OUTPUT_SCHEMA_VERSION
    company: CompanyInfo
    currency: str
    unit: str = "millions"
    align: str
    align_rule: str
    years: list[CompanyYear]
    notes: list[str]


class CompanySummary(CompanyIdentity):
    fiscal_years: list[int]
    #: The group the company is compared in (``us`` or ``cn``), or null if in neither.
    group: str | None = None


class CompaniesResult(Output):
    schema_version: int = OUTPUT_SCHEMA_VERSION
    companies: list[CompanySummary]


class DataWarning(Output):
    """Something a valid data file should still fix, with where it is."""

    #: TOML path, e.g. ``companies[3].years[2].capex``.
    path: str
    line: int | None
    message: str


class ValidateResult(Output):
    schema_version: int = OUTPUT_SCHEMA_VERSION
    file: str
    valid: bool
    companies: int
    fiscal_years: int
    figures: int
    fx_rates: int
    #: Figures with status "confirmed".
    confirmed: int = 0
    #: What a reader could not check (e.g. a confirmed figure that names no document);
    #: ``--strict`` turns these into errors.
    warnings: list[DataWarning] = []


class SourceRow(Output):
    """One sourced number in the data: a company's figure, a guidance range or an FX rate."""

    #: ``figure`` (a fiscal year's amount), ``guidance`` or ``fx``.
    kind: str
    #: Company id; null for an FX rate.
    company: str | None
    #: The fiscal year of a figure, the year a guidance is for, the calendar year of a rate.
    fiscal_year: int
    #: capex, operating_cash_flow, buybacks, dividends, debt_repayment; capex_guidance or
    #: total_expenses_guidance; cny_per_usd.
    field: str
    #: Millions of ``currency``; for guidance the low end; for FX, CNY per USD.
    value: float
    currency: str
    status: str
    source: str | None
    #: The line item as filed, where recorded.
    line: str | None = None
    note: str | None = None
    #: Guidance only: the high end (null for "more than"), the date given and what it covers.
    high: float | None = None
    date: dt.date | None = None
    #: Guidance: what the range covers. Capex figures: the company's capex basis (its label).
    basis: str | None = None
    #: Figures: the company document the figure was read in (null for other sources).
    document: DocumentInfo | None = None
    #: Figures: values that earlier filings gave before a restatement.
    earlier: list[EarlierValue] = []


class SourcesResult(RootModel[list[SourceRow]]):
    """``capex sources --json`` is a plain list of rows, one per number."""

    model_config = ConfigDict(defer_build=True)


class Choice(Output):
    align: str
    #: "annual" (the records' annual averages) or the rate used for every year.
    fx: str
    recomputed: float | None
    verdict: str


class ClaimResult(Output):
    id: str
    section: str
    quote_zh: str
    claim_en: str
    kind: str
    stated: dict[str, Any]
    recomputed: float | None
    #: For a claim about a range (e.g. guidance), the recomputed range.
    recomputed_range: list[float] | None
    unit: str
    verdict: str
    tolerance: str | None
    explanation: str
    #: What the check did, in words.
    method: str
    #: Whether every figure the metric needs is in the records.
    complete: bool
    missing: list[str]
    #: Group-years the recomputed value adds although a member has no figure ("CN 2020:
    #: kuaishou"); such a claim's verdict is ``insufficient``.
    partial: list[str] = []
    attribution: str | None
    #: The verdict under each alignment and FX choice (recomputed claims only).
    sensitivity: list[Choice]
    #: Every company figure, guidance or rate that went into the recomputed value.
    inputs: list[SourceRow]


class ClaimsResult(Output):
    schema_version: int = OUTPUT_SCHEMA_VERSION
    article: str
    #: The choices behind each claim's main verdict.
    align: str
    fx: str
    claims: list[ClaimResult]
    #: How many claims have each verdict.
    summary: dict[str, int]


class ChartYear(Output):
    year: int
    us: float | None
    cn: float | None
    #: US over China, for capex: 6.2 is the article's "1:6".
    ratio: float | None
    #: Both groups report the metric for every member (see ``coverage``).
    complete: bool = True
    #: ``us`` and ``cn``: the coverage of the metric in each group that year.
    coverage: dict[str, Coverage] = {}


class ChartResult(Output):
    schema_version: int = OUTPUT_SCHEMA_VERSION
    #: capex, capex_to_ocf or returns_to_capex.
    metric: str
    currency: str
    unit: str = "millions"
    align: str
    align_rule: str
    years: list[ChartYear]
    groups: list[GroupInfo] = []
    #: ``--like-for-like``: the ids each group ("US", "CN") dropped.
    dropped: dict[str, list[str]] = {}


class ImportedFigure(Output):
    fiscal_year: int
    field: str
    value: float
    currency: str
    period_start: dt.date
    period_end: dt.date
    tag: str
    label: str
    form: str
    filed: dt.date
    accession: str
    status: str
    source: str


class ImportedChange(Output):
    company: str
    fiscal_year: int
    field: str
    #: added, changed, confirmed (same value, now confirmed by the filing), skipped (differs
    #: from a confirmed figure; --force replaces it) or unchanged.
    action: str
    old: float | None
    old_status: str | None
    new: float


class SecImportResult(Output):
    schema_version: int = OUTPUT_SCHEMA_VERSION
    cik: int | None
    entity_name: str
    company: str | None
    currency: str
    unit: str = "millions"
    fiscal_year_end: str
    figures: list[ImportedFigure]
    #: With --into: the data file, whether it was written, and what happened to each figure.
    into: str | None = None
    written: bool = False
    changes: list[ImportedChange] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)


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
