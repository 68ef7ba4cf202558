"""The base of every result model and the closed vocabularies of the JSON contract.

``capex schema`` publishes these as ``enum`` lists, so a script knows every value a field can
take; tests/results/test_contracts.py checks that each equals the one the records and claims use.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from capexcli.errors import OUTPUT_SCHEMA_VERSION

#: How far a figure can be trusted (records.Status).
Status = Literal["confirmed", "aggregator", "derived", "unconfirmed"]
#: An FX rate's status: a record's, or ``override`` for the rate given with --fx.
FxStatus = Literal["confirmed", "aggregator", "derived", "unconfirmed", "override"]
Currency = Literal["USD", "CNY"]
Region = Literal["US", "CN"]
GroupId = Literal["us", "cn"]
Align = Literal["majority", "label"]
Verdict = Literal[
    "holds", "close", "fails", "cited", "unknown", "insufficient", "consistent", "inconsistent"
]
ClaimKind = Literal["recomputed", "internal", "cited"]
SourceKind = Literal["figure", "guidance", "fx"]
ChartMetric = Literal["capex", "capex_to_ocf", "returns_to_capex"]
Outcome = Literal["match", "differs", "restated", "not in facts"]
Action = Literal["added", "changed", "confirmed", "skipped", "unchanged"]
#: A company's figure fields (records.FIGURE_FIELDS), as ``missing`` and ``status`` name them.
FigureField = Literal[
    "capex",
    "operating_cash_flow",
    "buybacks",
    "dividends",
    "debt_repayment",
    "capex_proceeds",
    "headline_capex",
]
#: Amounts are in millions of the currency named beside them.
Millions = Literal["millions"]

ALIGN_HELP = "Fiscal-year alignment: majority (the calendar year with most of the months) or label."
AMOUNT = "Millions of `currency`; null when unknown."
FRACTION = "A plain fraction (0.3 = 30%); null when it cannot be computed."


class Output(BaseModel):
    """Base of every result. Schemas are built on first use, not at import: a run uses one or
    two of these models, and building all of them would cost every run start-up time."""

    model_config = ConfigDict(defer_build=True)


def schema_version() -> Any:
    """The ``schema_version`` field every JSON object output carries."""
    return Field(
        OUTPUT_SCHEMA_VERSION,
        description="Version of this JSON contract; changes only when a field is removed, "
        "renamed or changes meaning (new fields may appear at any time).",
    )
