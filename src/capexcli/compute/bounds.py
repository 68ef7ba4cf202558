"""A claim recomputed on part of a group, decided where the missing figures cannot matter.

Each missing figure (a member's capex or operating cash flow in a comparison year) is bounded
from what the data holds: at least zero, at most :data:`MULTIPLE` times the largest value the
company itself reports for that field, or, if it reports none, the largest a member of its
group reports that year. The claim's metric is then run with the missing figures at the
corners of those bounds: if every corner gives one verdict, the claim has it whatever the
missing figures are; if not, the verdict depends on them, and with one kind of missing figure
the search finds where it turns ("holds below X").
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections.abc import Callable
from dataclasses import dataclass

from capexcli.compute.claim_metrics import run_metric
from capexcli.compute.claims_file import Metric
from capexcli.compute.metrics import Memo, place
from capexcli.errors import CapexError
from capexcli.model.alignment import Align, comparison_year
from capexcli.model.records import Company, Dataset, Figure, FiscalYear
from capexcli.results import Bounds

#: The most a missing figure is taken to be: this many times the largest the company (or its
#: group) reports. Twice: capex doubled at most companies in the span the article covers.
MULTIPLE = 2.0
#: The fields each metric needs of every member.
_PARTS = {"capex_to_ocf": ("capex", "operating_cash_flow"), "returns_to_capex": ("capex",)}


@dataclass(frozen=True, eq=False)
class Gap:
    company: Company
    year: int  # comparison year
    field: str
    high: float


def _fields(metric: Metric) -> tuple[str, ...]:
    if metric.name == "capex_ratio":
        return ("capex",)
    if metric.name == "group_ratio" and metric.ratio is not None:
        return _PARTS[metric.ratio]
    if metric.name == "group_sum":
        return tuple(f for f in metric.fields if f in ("capex", "operating_cash_flow"))
    return ()


def _years(metric: Metric) -> list[int]:
    if metric.years:
        return list(range(metric.years[0], metric.years[1] + 1))
    return [metric.year] if metric.year is not None else []


def gaps(metric: Metric, dataset: Dataset, align: Align) -> list[Gap]:
    """The figures a group metric needs and the data lacks, each with its upper bound."""
    fields = _fields(metric)
    groups = ("US", "CN") if metric.name == "capex_ratio" else (metric.group,)
    placed = place(dataset, align)
    found: list[Gap] = []
    for cy in _years(metric):
        here = {(c.id, f): y.value(f) for c, y in placed.get(cy, []) for f in fields}
        for company in dataset.companies:
            if company.region not in groups:
                continue
            for name in fields:
                if here.get((company.id, name)) is not None:
                    continue
                own = [v for y in company.years if (v := y.value(name)) is not None]
                peers = [
                    v
                    for (cid, f), v in here.items()
                    if f == name and v is not None and cid in _ids(dataset, company.region)
                ]
                ceiling = max(own or peers or [0.0]) * MULTIPLE
                found.append(Gap(company, cy, name, ceiling))
    return found


def _ids(dataset: Dataset, region: str) -> set[str]:
    return {c.id for c in dataset.companies if c.region == region}


def _fill(dataset: Dataset, align: Align, filled: dict[Gap, float]) -> Dataset:
    """The dataset with each missing figure at the value given (a year added where none is)."""
    by_company: dict[str, dict[int, dict[str, float]]] = {}
    for gap, value in filled.items():
        by_company.setdefault(gap.company.id, {}).setdefault(gap.year, {})[gap.field] = value
    companies = []
    for company in dataset.companies:
        wanted = by_company.get(company.id)
        if not wanted:
            companies.append(company)
            continue
        years = list(company.years)
        for cy, values in wanted.items():
            figures = {
                f: Figure(value=v, status="unconfirmed", source="bound") for f, v in values.items()
            }
            index = next(
                (
                    k
                    for k, y in enumerate(years)
                    if comparison_year(y.fiscal_year, y.period_end, align) == cy
                ),
                None,
            )
            if index is not None:
                years[index] = dataclasses.replace(years[index], **figures)
            else:
                years.append(_new_year(company, cy, align, figures))
        companies.append(company.model_copy(update={"years": years}))
    return dataset.model_copy(update={"companies": companies})


def _new_year(company: Company, cy: int, align: Align, figures: dict[str, Figure]) -> FiscalYear:
    month, day = company.fy_end_month_day
    for end_year in (cy, cy + 1):
        end = dt.date(end_year, month, day)
        label = end_year if company.fiscal_year_label == "end" else end_year - 1
        if comparison_year(label, end, align) == cy:
            return FiscalYear(fiscal_year=label, period_end=end, status="unconfirmed", **figures)  # type: ignore[arg-type]
    raise ValueError(f"no fiscal year of {company.id} counts in {cy}")


def decide(
    metric: Metric,
    dataset: Dataset,
    align: Align,
    fx: float | None,
    judge: Callable[[float], str],
    memo: Memo | None = None,
) -> Bounds | None:
    """The claim's verdict over every value the missing figures could take; None when the
    metric has nothing to bound. ``judge`` gives the verdict of a whole-group value; a
    ``memo`` may be shared with other runs on ``dataset``.

    The metrics are sums, or sums over sums, so the value moves one way as each kind of
    missing figure grows: its range over the bounds runs between two corners, and every value
    in between is reached."""
    missing = gaps(metric, dataset, align)
    if not missing:
        return None
    kinds = sorted({(g.company.region, g.field) for g in missing})
    memo = memo or Memo()

    def run(scale: dict[tuple[str, str], float]) -> float | None:
        filled = {g: g.high * scale[(g.company.region, g.field)] for g in missing}
        try:
            evaluation = run_metric(metric, _fill(dataset, align, filled), align, fx, memo=memo)
        except (CapexError, ValueError):
            return None
        return None if evaluation.partial else evaluation.value

    corners = [
        run(dict(zip(kinds, ends, strict=True)))
        for ends in itertools.product((0.0, 1.0), repeat=len(kinds))
    ]
    who = _who(missing)
    described = [f"{g.company.id} {g.year} {g.field}" for g in missing]
    if any(v is None for v in corners):
        return Bounds(
            missing=described,
            multiple=MULTIPLE,
            low=None,
            high=None,
            decided=None,
            total=sum(g.high for g in missing),
            holds_from=None,
            holds_to=None,
            summary=f"depends on {who}: the value cannot be bounded",
        )
    low, high = min(corners), max(corners)  # type: ignore[type-var]
    regions = _regions(judge, low, high)  # type: ignore[arg-type]
    if len(regions) == 1:
        verdict = regions[0][2]
        return Bounds(
            missing=described,
            multiple=MULTIPLE,
            low=low,
            high=high,
            decided=verdict,  # type: ignore[arg-type]
            total=sum(g.high for g in missing),
            holds_from=None,
            holds_to=None,
            summary=f"{verdict} whatever {who}",
        )
    total = sum(g.high for g in missing)
    ends: list[float] = []
    summary = f"depends on {who}: the bounds straddle the verdict"
    holding = [r for r in regions if r[2] == "holds"]
    if len(kinds) == 1 and holding:
        at_zero, at_top = corners[0], corners[-1]

        def share(value: float) -> float:
            # The share of the bound at which the value reaches ``value`` (bisection).
            lo, hi = 0.0, 1.0
            for _ in range(30):
                mid = (lo + hi) / 2
                got = run({kinds[0]: mid})
                assert got is not None and at_zero is not None and at_top is not None
                if (got < value) == (at_zero < at_top):
                    lo = mid
                else:
                    hi = mid
            return (lo + hi) / 2

        a, b, _ = holding[0]
        ends = sorted(share(v) * total for v in (a, b))
        summary = f"depends on {who}: holds {between(ends, total)} (bounded 0 to {total:,.0f})"
    return Bounds(
        missing=described,
        multiple=MULTIPLE,
        low=low,
        high=high,
        decided=None,
        total=total,
        holds_from=ends[0] if ends else None,
        holds_to=ends[1] if ends else None,
        summary=summary,
    )


def between(ends: list[float], total: float) -> str:
    """ "below X in all", "above X in all" or "between X and Y in all"."""
    low, high = ends
    if low <= 0.5:
        return f"below {high:,.0f} in all"
    if high >= total - 0.5:
        return f"above {low:,.0f} in all"
    return f"between {low:,.0f} and {high:,.0f} in all"


def _regions(
    judge: Callable[[float], str], low: float, high: float
) -> list[tuple[float, float, str]]:
    """The runs of one verdict between ``low`` and ``high``: (from, to, verdict)."""
    steps = 2000
    regions: list[tuple[float, float, str]] = []
    for k in range(steps + 1):
        value = low + (high - low) * k / steps
        verdict = judge(value)
        if regions and regions[-1][2] == verdict:
            regions[-1] = (regions[-1][0], value, verdict)
        else:
            regions.append((value, value, verdict))
    return regions


def _who(missing: list[Gap]) -> str:
    """ "kuaishou's 2020-2023 capex" from the gaps; companies that miss alike share a phrase."""
    phrases: dict[str, list[str]] = {}
    for company in dict.fromkeys(g.company.id for g in missing):
        mine = [g for g in missing if g.company.id == company]
        years = sorted({g.year for g in mine})
        span = str(years[0]) if len(years) == 1 else f"{years[0]}-{years[-1]}"
        fields = " and ".join(dict.fromkeys(g.field.replace("_", " ") for g in mine))
        phrases.setdefault(f"{span} {fields}", []).append(company)
    return "; ".join(f"{', '.join(ids)}'s {what}" for what, ids in phrases.items())
