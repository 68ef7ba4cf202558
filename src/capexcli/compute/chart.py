"""The result of ``capex chart``: one metric of both groups per comparison year of a
comparison. Apart from reports.py so that a chart builds none of the models of company,
companies and validate."""

from __future__ import annotations

from capexcli.compute.metrics import ratio
from capexcli.errors import RequestError
from capexcli.results import ChartResult, ChartYear, CompareResult

CHART_METRICS: tuple[str, ...] = ("capex", "capex_to_ocf", "returns_to_capex")


def chart(result: CompareResult, metric: str = "capex") -> ChartResult:
    """One metric of both groups per comparison year of ``result``, for a bar chart; each year
    says whether both groups are complete for the metric."""
    if metric not in CHART_METRICS:
        raise RequestError(f"unknown chart metric {metric!r}: choose {', '.join(CHART_METRICS)}")
    rows = [
        ChartYear(
            year=row.year,
            us=getattr(row.us, metric),
            cn=getattr(row.cn, metric),
            ratio=row.us_to_cn_capex_ratio
            if metric == "capex"
            else ratio(getattr(row.us, metric), getattr(row.cn, metric)),
            complete=row.us.coverage[metric].complete and row.cn.coverage[metric].complete,
            coverage={"us": row.us.coverage[metric], "cn": row.cn.coverage[metric]},
        )
        for row in result.years
    ]
    return ChartResult(
        metric=metric,
        currency=result.currency,
        align=result.align,
        align_rule=result.align_rule,
        years=rows,
        dropped=result.dropped,
        groups=result.groups,
        as_of=result.as_of,
    )
