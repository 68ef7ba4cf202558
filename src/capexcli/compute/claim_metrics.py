"""The metrics a recomputed claim names, run over the company records.

Each metric of the claims file (claims_file.Metric) is one function here that returns the
value with every figure and FX rate that went into it, and what the records lack for it.
The arithmetic itself is metrics.py's; this module picks the figures a claim is about.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from capexcli.compute.claims_file import Metric
from capexcli.compute.comparison import Tallies, tallies
from capexcli.compute.metrics import REGIONS, Memo, amounts, convert, placements, ratio
from capexcli.compute.provenance import figure_row, fx_row, guidance_row
from capexcli.errors import MissingDataError
from capexcli.model.alignment import Align
from capexcli.model.records import Company, Dataset, FiscalYear, FxRate, Guidance, find_company
from capexcli.results import SourceRow


class Input(NamedTuple):
    """A figure, guidance or FX rate that went into a value. Its source row (documents,
    versions) is built only when shown: the readings search computes thousands of values,
    compares them by ``key`` and shows a few."""

    #: (company, "" for a rate; fiscal year; field; value): what the row says.
    key: tuple[str, int, str, float]
    row: Callable[[], SourceRow]

    @property
    def value(self) -> float:
        return self.key[3]


def _figure_input(company: Company, year: FiscalYear, name: str) -> Input | None:
    figure = year.figure(name)
    if figure is None:
        return None
    return Input(
        (company.id, year.fiscal_year, name, figure.value),
        functools.partial(figure_row, company, year, name),
    )


def _guidance_input(company: Company, g: Guidance) -> Input:
    key = (company.id, g.year, f"{g.metric}_guidance", g.low)
    return Input(key, functools.partial(guidance_row, company, g))


@dataclass
class Evaluation:
    """A recomputed value (or range), with everything that went into it."""

    value: float | None
    low: float | None = None
    high: float | None = None
    sources: list[Input] = field(default_factory=list)
    #: Figures the metric needed and the records do not have.
    missing: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: Group-years the value adds although a member has no figure for it ("CN 2020:
    #: kuaishou"): a value on part of a group gets no verdict.
    partial: list[str] = field(default_factory=list)

    @property
    def inputs(self) -> list[SourceRow]:
        """The source rows of :attr:`sources`."""
        return [source.row() for source in self.sources]


@dataclass(frozen=True, slots=True)
class How:
    """How a metric runs: the alignment, one FX rate (None: the annual averages in the
    records), like for like, and a memo that runs over variants of one dataset share."""

    align: Align
    fx: float | None
    like_for_like: bool = False
    memo: Memo | None = None


def run_metric(
    metric: Metric,
    dataset: Dataset,
    align: Align,
    fx: float | None,
    like_for_like: bool = False,
    memo: Memo | None = None,
) -> Evaluation:
    """Evaluate a metric; ``fx`` None means the annual averages in the records;
    ``like_for_like`` compares groups on the companies that report in every year. A
    ``memo`` shared by the runs over variants of one dataset spares work they share."""
    handler = _METRICS[metric.name]
    return handler(metric, dataset, How(align, fx, like_for_like, memo))


def _rate(dataset: Dataset, year: int, fx: float | None) -> tuple[float, Input | None]:
    if fx is not None:
        return fx, None
    return _annual_rate(dataset.fx_table(), year)


def _annual_rate(table: dict[int, FxRate], year: int) -> tuple[float, Input]:
    if year not in table:
        raise MissingDataError(f"no CNY per USD rate for {year} in the data")
    rate = table[year]
    key = ("", rate.year, "cny_per_usd", rate.cny_per_usd)
    return rate.cny_per_usd, Input(key, functools.partial(fx_row, rate))


def _group_inputs(
    placed: dict[int, list[tuple[Company, FiscalYear]]],
    group: str,
    years: Sequence[int],
    fields: Sequence[str],
) -> list[Input]:
    """The figures of ``fields`` behind a group's totals, with their provenance."""
    wanted = [f for name in fields for f in _figure_fields(name)]
    return [
        source
        for cy in years
        for company, year in placed.get(cy, [])
        if company.region == group
        for name in wanted
        if (source := _figure_input(company, year, name)) is not None
    ]


def _gaps(t: Tallies, region: str, idx: Sequence[int], fields: Sequence[str]) -> list[str]:
    """What a group's totals over the years at ``idx`` lack, as compare() finds it: missing
    figures and absent companies."""
    wanted = {f for name in fields for f in _figure_fields(name)}
    return [
        f"{company} FY{fiscal_year} {name}"
        for company, fiscal_year, name in t.missing(region, idx)
        if name in wanted
    ] + [f"{c}: no record for {t.years[i]}" for i in idx for c in t.absent[region][i]]


def _partial_years(t: Tallies, group: str | None, measure: str) -> list[str]:
    """The years compared in which a group (both, for None) misses members for ``measure``,
    with the ids missing."""
    found = []
    for i, cy in enumerate(t.years):
        for region in REGIONS:
            if group in (None, region):
                missing, complete = t.cover(region, measure, [i])
                if not complete:
                    found.append(f"{region} {cy}: {', '.join(missing)}")
    return found


#: The fields behind each ratio a group metric names.
RATIO_PARTS: dict[str, list[str]] = {
    "capex_to_ocf": ["capex", "operating_cash_flow"],
    "returns_to_capex": ["shareholder_returns", "capex"],
}


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


def _fx_inputs(dataset: Dataset, years: Sequence[int], fx: float | None) -> list[Input]:
    if fx is not None:
        return []
    table = dataset.fx_table()
    return [_annual_rate(table, y)[1] for y in years]


def _metric_capex_ratio(m: Metric, d: Dataset, how: How) -> Evaluation:
    assert m.year is not None
    t = tallies(
        d,
        currency=m.currency,
        years=(m.year, m.year),
        fx=how.fx,
        align=how.align,
        like_for_like=how.like_for_like,
        memo=how.memo,
    )
    # compare()'s us_to_cn_capex_ratio of the year
    value = ratio(amounts(t.tallies["US"][0]).capex, amounts(t.tallies["CN"][0]).capex)
    partial = _partial_years(t, None, "capex")
    inputs = [
        *_group_inputs(t.placed, "US", [m.year], ["capex"]),
        *_group_inputs(t.placed, "CN", [m.year], ["capex"]),
        *_fx_inputs(d, [m.year], how.fx),
    ]
    missing = _gaps(t, "US", [0], ["capex"]) + _gaps(t, "CN", [0], ["capex"])
    return Evaluation(value, sources=inputs, missing=missing, partial=partial)


def _span(m: Metric) -> list[int]:
    return list(range(m.years[0], m.years[1] + 1))


def _span_tallies(m: Metric, d: Dataset, how: How) -> Tallies:
    # Every year of the span is added (partial=True) so that the value is the span the claim
    # names; a partial year then marks the evaluation, which gets no verdict.
    return tallies(
        d,
        currency=m.currency,
        years=(m.years[0], m.years[1]),
        fx=how.fx,
        align=how.align,
        partial=True,
        like_for_like=how.like_for_like,
        memo=how.memo,
    )


def _metric_group_sum(m: Metric, d: Dataset, how: How) -> Evaluation:
    t = _span_tallies(m, d, how)
    region = "US" if m.group == "US" else "CN"
    values = [t.total(region, name) for name in m.fields]
    total = None if any(v is None for v in values) else sum(values)  # type: ignore[arg-type]
    assert m.group is not None
    inputs = _group_inputs(t.placed, m.group, _span(m), m.fields) + _fx_inputs(d, _span(m), how.fx)
    partial = _partial_years(t, m.group, _measure(m.fields))
    missing = _gaps(t, region, t.added(), m.fields)
    return Evaluation(total, sources=inputs, missing=missing, partial=partial)


def _metric_group_ratio(m: Metric, d: Dataset, how: How) -> Evaluation:
    t = _span_tallies(m, d, how)
    region = "US" if m.group == "US" else "CN"
    assert m.ratio is not None and m.group is not None
    parts = RATIO_PARTS[m.ratio]
    inputs = _group_inputs(t.placed, m.group, _span(m), parts) + _fx_inputs(d, _span(m), how.fx)
    notes = ["each company-year counts only where it reports both parts of the ratio"]
    return Evaluation(
        t.total(region, m.ratio),
        sources=inputs,
        missing=_gaps(t, region, t.added(), parts),
        notes=notes,
        partial=_partial_years(t, m.group, m.ratio),
    )


def _company_year(company: Company, year: int, how: How) -> tuple[Any, list[str]]:
    for cy, fy in placements(company, how.align, how.memo):
        if cy == year:
            return fy, []
    return None, [f"{company.id}: no record for {year}"]


def _metric_min_company_growth(m: Metric, d: Dataset, how: How) -> Evaluation:
    assert m.from_year is not None and m.to_year is not None
    growths: list[float] = []
    inputs: list[Input] = []
    missing: list[str] = []
    notes: list[str] = []
    for company in _members(d, m.group):
        start, gaps_a = _company_year(company, m.from_year, how)
        end, gaps_b = _company_year(company, m.to_year, how)
        missing += gaps_a + gaps_b
        if start is None or end is None:
            continue
        rows = [_figure_input(company, start, "capex"), _figure_input(company, end, "capex")]
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
    return Evaluation(value, sources=inputs, missing=missing, notes=notes)


def _company(d: Dataset, m: Metric, memo: Memo | None) -> Company:
    name = m.company
    assert name is not None
    if memo is None:
        return find_company(d, name)
    companies = tuple(d.companies)
    return memo.get("company", companies, name, lambda: find_company(d, name))


def _company_amounts(
    m: Metric,
    d: Dataset,
    how: How,
    fields: Sequence[str],
) -> tuple[float | None, list[Input], list[str]]:
    company = _company(d, m, how.memo)
    assert m.year is not None
    year, missing = _company_year(company, m.year, how)
    if year is None:
        return None, [], missing
    rows: list[Input] = []
    total = 0.0
    for name in fields:
        for figure in _figure_fields(name):
            row = _figure_input(company, year, figure)
            if row is None:
                missing.append(f"{company.id} FY{year.fiscal_year} {figure}")
                continue
            rows.append(row)
            total += row.value
    if missing:
        return None, rows, missing
    if company.currency != m.currency:
        rate, rate_input = _rate(d, m.year, how.fx)
        total = convert(total, company.currency, m.currency, rate)
        if rate_input is not None:
            rows.append(rate_input)
    return total, rows, missing


def _metric_company_sum(m: Metric, d: Dataset, how: How) -> Evaluation:
    total, rows, missing = _company_amounts(m, d, how, m.fields)
    return Evaluation(total, sources=rows, missing=missing)


def _metric_company_ratio(m: Metric, d: Dataset, how: How) -> Evaluation:
    top, rows_a, gaps_a = _company_amounts(m, d, how, m.numerator)
    bottom, rows_b, gaps_b = _company_amounts(m, d, how, m.denominator)
    inputs = rows_a + [r for r in rows_b if r.key not in {a.key for a in rows_a}]
    return Evaluation(ratio(top, bottom), sources=inputs, missing=gaps_a + gaps_b)


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


def _metric_guidance_sum(m: Metric, d: Dataset, how: How) -> Evaluation:
    assert m.year is not None
    total = 0.0
    inputs: list[Input] = []
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
            rate, rate_input = _rate(d, m.year, how.fx)
            point = convert(point, company.currency, m.currency, rate)
            if rate_input is not None and rate_input.key not in {i.key for i in inputs}:
                inputs.append(rate_input)
        total += point
        inputs.append(_guidance_input(company, g))
    return Evaluation(total if not missing else None, sources=inputs, missing=missing, notes=notes)


def _metric_guidance_range(m: Metric, d: Dataset, how: How) -> Evaluation:
    company = _company(d, m, how.memo)
    g = _pick_guidance(company, m)
    if g is None:
        return Evaluation(None, missing=[f"{company.id}: no {m.guidance_metric} guidance"])
    high = g.high if g.high is not None else g.low
    return Evaluation(
        (g.low + high) / 2, low=g.low, high=high, sources=[_guidance_input(company, g)]
    )


def _metric_convert(m: Metric, d: Dataset, how: How) -> Evaluation:
    assert m.amount is not None and m.from_currency is not None and m.year is not None
    if m.from_currency == m.currency:
        return Evaluation(m.amount)
    rate, row = _rate(d, m.year, how.fx)
    value = convert(m.amount, m.from_currency, m.currency, rate)
    return Evaluation(value, sources=[row] if row is not None else [])


_METRICS: dict[str, Callable[[Metric, Dataset, How], Evaluation]] = {
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
