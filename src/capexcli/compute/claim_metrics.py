"""The metrics a recomputed claim names, run over the company records.

Each metric of the claims file (claims_file.Metric) is one function here that returns the
value with every figure and FX rate that went into it, and what the records lack for it.
The arithmetic itself is metrics.py's; this module picks the figures a claim is about.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from capexcli.compute.claims_file import Metric
from capexcli.compute.comparison import compare
from capexcli.compute.metrics import convert, place, ratio
from capexcli.compute.provenance import figure_row, fx_row, guidance_row
from capexcli.errors import MissingDataError
from capexcli.model.alignment import Align
from capexcli.model.records import Company, Dataset, find_company
from capexcli.results import CompareResult, GroupFigures, SourceRow


@dataclass
class Evaluation:
    """A recomputed value (or range), with everything that went into it."""

    value: float | None
    low: float | None = None
    high: float | None = None
    inputs: list[SourceRow] = field(default_factory=list)
    #: Figures the metric needed and the records do not have.
    missing: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: Group-years the value adds although a member has no figure for it ("CN 2020:
    #: kuaishou"): a value on part of a group gets no verdict.
    partial: list[str] = field(default_factory=list)


def run_metric(
    metric: Metric,
    dataset: Dataset,
    align: Align,
    fx: float | None,
    like_for_like: bool = False,
) -> Evaluation:
    """Evaluate a metric; ``fx`` None means the annual averages in the records;
    ``like_for_like`` compares groups on the companies that report in every year."""
    handler = _METRICS[metric.name]
    return handler(metric, dataset, align, fx, like_for_like)


def _rate(dataset: Dataset, year: int, fx: float | None) -> tuple[float, SourceRow | None]:
    if fx is not None:
        return fx, None
    table = dataset.fx_table()
    if year not in table:
        raise MissingDataError(f"no CNY per USD rate for {year} in the data")
    return table[year].cny_per_usd, fx_row(table[year])


def _group_inputs(
    dataset: Dataset, group: str, years: Sequence[int], fields: Sequence[str], align: Align
) -> list[SourceRow]:
    """The figures of ``fields`` behind a group's totals, with their provenance."""
    placed = place(dataset, align)
    wanted = [f for name in fields for f in _figure_fields(name)]
    return [
        row
        for cy in years
        for company, year in placed.get(cy, [])
        if company.region == group
        for name in wanted
        if (row := figure_row(company, year, name)) is not None
    ]


def _gaps(group: GroupFigures, fields: Sequence[str]) -> list[str]:
    """What the totals lack, as compare() found it: missing figures and absent companies."""
    wanted = {f for name in fields for f in _figure_fields(name)}
    return [
        f"{m.company} FY{m.fiscal_year} {m.field}" for m in group.missing if m.field in wanted
    ] + [f"{a.company}: no record for {a.year}" for a in group.absent]


def _partial_years(result: CompareResult, group: str | None, measure: str) -> list[str]:
    """The years of ``result`` in which a group (both, for None) misses members for
    ``measure``, with the ids missing."""
    found = []
    for row in result.years:
        for region, figures in (("US", row.us), ("CN", row.cn)):
            cover = figures.coverage.get(measure)
            if (group in (None, region)) and cover is not None and not cover.complete:
                found.append(f"{region} {row.year}: {', '.join(cover.missing)}")
    return found


#: The coverage measure that a group metric's fields need.
def _measure(fields: Sequence[str]) -> str:
    wanted = set(fields)
    if wanted <= {"capex"}:
        return "capex"
    if wanted <= {"operating_cash_flow"}:
        return "operating_cash_flow"
    if wanted <= {"capex", "operating_cash_flow"}:
        return "capex_to_ocf"
    if wanted <= {"shareholder_returns", "buybacks", "dividends"}:
        return "shareholder_returns"
    return "returns_to_capex"


def _members(dataset: Dataset, group: str | None) -> list[Company]:
    """The companies of a group (its region, as groups.regroup sets it)."""
    return [c for c in dataset.companies if c.region == group]


def _figure_fields(name: str) -> tuple[str, ...]:
    return ("buybacks", "dividends") if name == "shareholder_returns" else (name,)


def _fx_inputs(dataset: Dataset, years: Sequence[int], fx: float | None) -> list[SourceRow]:
    if fx is not None:
        return []
    return [row for y in years if (row := _rate(dataset, y, None)[1]) is not None]


def _metric_capex_ratio(
    m: Metric, d: Dataset, align: Align, fx: float | None, like_for_like: bool = False
) -> Evaluation:
    assert m.year is not None
    result = compare(
        d,
        currency=m.currency,
        years=(m.year, m.year),
        fx=fx,
        align=align,
        like_for_like=like_for_like,
    )
    row = result.years[0]
    partial = _partial_years(result, None, "capex")
    inputs = [
        *_group_inputs(d, "US", [m.year], ["capex"], align),
        *_group_inputs(d, "CN", [m.year], ["capex"], align),
        *_fx_inputs(d, [m.year], fx),
    ]
    missing = _gaps(row.us, ["capex"]) + _gaps(row.cn, ["capex"])
    return Evaluation(row.us_to_cn_capex_ratio, inputs=inputs, missing=missing, partial=partial)


def _span(m: Metric) -> list[int]:
    return list(range(m.years[0], m.years[1] + 1))


def _span_compare(
    m: Metric, d: Dataset, align: Align, fx: float | None, like_for_like: bool
) -> CompareResult:
    # Every year of the span is added (partial=True) so that the value is the span the claim
    # names; a partial year then marks the evaluation, which gets no verdict.
    return compare(
        d,
        currency=m.currency,
        years=(m.years[0], m.years[1]),
        fx=fx,
        align=align,
        partial=True,
        like_for_like=like_for_like,
    )


def _metric_group_sum(
    m: Metric, d: Dataset, align: Align, fx: float | None, like_for_like: bool = False
) -> Evaluation:
    result = _span_compare(m, d, align, fx, like_for_like)
    group = result.totals.us if m.group == "US" else result.totals.cn
    values = [getattr(group, name) for name in m.fields]
    total = None if any(v is None for v in values) else sum(values)
    assert m.group is not None
    inputs = _group_inputs(d, m.group, _span(m), m.fields, align) + _fx_inputs(d, _span(m), fx)
    partial = _partial_years(result, m.group, _measure(m.fields))
    return Evaluation(total, inputs=inputs, missing=_gaps(group, m.fields), partial=partial)


def _metric_group_ratio(
    m: Metric, d: Dataset, align: Align, fx: float | None, like_for_like: bool = False
) -> Evaluation:
    result = _span_compare(m, d, align, fx, like_for_like)
    group = result.totals.us if m.group == "US" else result.totals.cn
    assert m.ratio is not None and m.group is not None
    parts = (
        ["capex", "operating_cash_flow"]
        if m.ratio == "capex_to_ocf"
        else [
            "shareholder_returns",
            "capex",
        ]
    )
    inputs = _group_inputs(d, m.group, _span(m), parts, align) + _fx_inputs(d, _span(m), fx)
    notes = ["each company-year counts only where it reports both parts of the ratio"]
    return Evaluation(
        getattr(group, m.ratio),
        inputs=inputs,
        missing=_gaps(group, parts),
        notes=notes,
        partial=_partial_years(result, m.group, m.ratio),
    )


def _company_year(d: Dataset, company: Company, year: int, align: Align) -> tuple[Any, list[str]]:
    for c, fy in place(d, align).get(year, []):
        if c.id == company.id:
            return fy, []
    return None, [f"{company.id}: no record for {year}"]


def _metric_min_company_growth(
    m: Metric, d: Dataset, align: Align, fx: float | None, like_for_like: bool = False
) -> Evaluation:
    assert m.from_year is not None and m.to_year is not None
    growths: list[float] = []
    inputs: list[SourceRow] = []
    missing: list[str] = []
    notes: list[str] = []
    for company in _members(d, m.group):
        start, gaps_a = _company_year(d, company, m.from_year, align)
        end, gaps_b = _company_year(d, company, m.to_year, align)
        missing += gaps_a + gaps_b
        if start is None or end is None:
            continue
        rows = [figure_row(company, start, "capex"), figure_row(company, end, "capex")]
        if rows[0] is None or rows[1] is None:
            missing += [
                f"{company.id} FY{fy.fiscal_year} capex"
                for fy, row in ((start, rows[0]), (end, rows[1]))
                if row is None
            ]
            continue
        inputs += [r for r in rows if r is not None]
        multiple = ratio(rows[1].value, rows[0].value)
        if multiple is not None:
            growths.append(multiple)
            notes.append(f"{company.id} x{multiple:.2f}")
    value = min(growths) if growths else None
    return Evaluation(value, inputs=inputs, missing=missing, notes=notes)


def _company(d: Dataset, m: Metric) -> Company:
    assert m.company is not None
    return find_company(d, m.company)


def _company_amounts(
    m: Metric, d: Dataset, align: Align, fx: float | None, fields: Sequence[str]
) -> tuple[float | None, list[SourceRow], list[str]]:
    company = _company(d, m)
    assert m.year is not None
    year, missing = _company_year(d, company, m.year, align)
    if year is None:
        return None, [], missing
    rows: list[SourceRow] = []
    total = 0.0
    for name in fields:
        for figure in _figure_fields(name):
            row = figure_row(company, year, figure)
            if row is None:
                missing.append(f"{company.id} FY{year.fiscal_year} {figure}")
                continue
            rows.append(row)
            total += row.value
    if missing:
        return None, rows, missing
    if company.currency != m.currency:
        rate, fx_row = _rate(d, m.year, fx)
        total = convert(total, company.currency, m.currency, rate)
        if fx_row is not None:
            rows.append(fx_row)
    return total, rows, missing


def _metric_company_sum(
    m: Metric, d: Dataset, align: Align, fx: float | None, like_for_like: bool = False
) -> Evaluation:
    total, rows, missing = _company_amounts(m, d, align, fx, m.fields)
    return Evaluation(total, inputs=rows, missing=missing)


def _metric_company_ratio(
    m: Metric, d: Dataset, align: Align, fx: float | None, like_for_like: bool = False
) -> Evaluation:
    top, rows_a, gaps_a = _company_amounts(m, d, align, fx, m.numerator)
    bottom, rows_b, gaps_b = _company_amounts(m, d, align, fx, m.denominator)
    inputs = rows_a + [r for r in rows_b if r not in rows_a]
    return Evaluation(ratio(top, bottom), inputs=inputs, missing=gaps_a + gaps_b)


def _pick_guidance(company: Company, m: Metric) -> Any:
    entries = [
        g
        for g in company.guidance
        if g.year == m.year
        and g.metric == m.guidance_metric
        and (m.as_of is None or g.date <= m.as_of)
    ]
    if not entries:
        return None
    entries.sort(key=lambda g: g.date)
    return entries[0] if m.which == "earliest" else entries[-1]


def _metric_guidance_sum(
    m: Metric, d: Dataset, align: Align, fx: float | None, like_for_like: bool = False
) -> Evaluation:
    assert m.year is not None
    total = 0.0
    inputs: list[SourceRow] = []
    missing: list[str] = []
    notes: list[str] = []
    for company in _members(d, m.group):
        g = _pick_guidance(company, m)
        if g is None:
            missing.append(f"{company.id}: no {m.guidance_metric} guidance for {m.year}")
            continue
        high = g.high if g.high is not None else g.low
        point = {"low": g.low, "mid": (g.low + high) / 2, "high": high}[m.point]
        if g.high is None and m.point != "low":
            notes.append(f"{company.id} gave no upper end; its figure counts at every point")
        if company.currency != m.currency:
            rate, fx_row = _rate(d, m.year, fx)
            point = convert(point, company.currency, m.currency, rate)
            if fx_row is not None and fx_row not in inputs:
                inputs.append(fx_row)
        total += point
        inputs.append(guidance_row(company, g))
    return Evaluation(total if not missing else None, inputs=inputs, missing=missing, notes=notes)


def _metric_guidance_range(
    m: Metric, d: Dataset, align: Align, fx: float | None, like_for_like: bool = False
) -> Evaluation:
    company = _company(d, m)
    g = _pick_guidance(company, m)
    if g is None:
        return Evaluation(None, missing=[f"{company.id}: no {m.guidance_metric} guidance"])
    high = g.high if g.high is not None else g.low
    return Evaluation((g.low + high) / 2, low=g.low, high=high, inputs=[guidance_row(company, g)])


def _metric_convert(
    m: Metric, d: Dataset, align: Align, fx: float | None, like_for_like: bool = False
) -> Evaluation:
    assert m.amount is not None and m.from_currency is not None and m.year is not None
    if m.from_currency == m.currency:
        return Evaluation(m.amount)
    rate, row = _rate(d, m.year, fx)
    value = convert(m.amount, m.from_currency, m.currency, rate)
    return Evaluation(value, inputs=[row] if row is not None else [])


_METRICS: dict[str, Callable[[Metric, Dataset, Align, float | None, bool], Evaluation]] = {
    "capex_ratio": _metric_capex_ratio,
    "group_sum": _metric_group_sum,
    "group_ratio": _metric_group_ratio,
    "min_company_growth": _metric_min_company_growth,
    "company_sum": _metric_company_sum,
    "company_ratio": _metric_company_ratio,
    "guidance_sum": _metric_guidance_sum,
    "guidance_range": _metric_guidance_range,
    "convert": _metric_convert,
}
