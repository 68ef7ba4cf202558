"""The result of ``chart`` (see :mod:`capexcli.results`, the one place to import it from)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from capexcli.results.base import (
    ALIGN_HELP,
    Align,
    ChartMetric,
    Currency,
    Output,
    schema_version,
)
from capexcli.results.core import Coverage, GroupInfo
from capexcli.results.filed import AsOf


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
