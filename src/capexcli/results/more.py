"""The results of ``claims`` and the error object (see :mod:`capexcli.results`, the one
place to import them from); ``chart`` is in :mod:`capexcli.results.chart`, ``import sec`` and
``verify`` in :mod:`capexcli.results.sec`."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from capexcli.results.base import (
    ALIGN_HELP,
    Align,
    ClaimKind,
    Output,
    Verdict,
    schema_version,
)
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
