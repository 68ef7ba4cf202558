"""The US group against the China group: year by year, how complete each group is, and the
totals over a span that add only the years complete in both groups.

Built on the arithmetic of :mod:`capexcli.compute.metrics`; pure functions over validated records.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypedDict, Unpack

from capexcli.compute.metrics import (
    CURRENCIES,
    REGIONS,
    Memo,
    Observation,
    Tally,
    amounts,
    check_fx_rate,
    group_figures,
    join,
    observe,
    place,
    ratio,
    tally,
)
from capexcli.errors import MissingDataError, RequestError
from capexcli.model.alignment import RULES, Align
from capexcli.model.groups import groups_of
from capexcli.model.records import Company, Dataset, FiscalYear, FxRate
from capexcli.results import (
    MEASURES,
    Absent,
    CompareResult,
    Coverage,
    FxUsed,
    GroupFigures,
    GroupInfo,
    Totals,
    YearComparison,
)


def reporters(observations: Sequence[Observation], needs: Sequence[str]) -> set[str]:
    """The companies whose observation has every figure in ``needs``."""
    # Written out per measure: it runs for every company-year and measure, and a generic
    # all(getattr(...)) cost a fifth of a comparison on 5,000 companies.
    wanted = set(needs)
    capex = "capex" in wanted
    ocf = "operating_cash_flow" in wanted
    returns = "buybacks" in wanted
    return {
        o.company
        for o in observations
        if (not capex or o.capex is not None)
        and (not ocf or o.operating_cash_flow is not None)
        and (not returns or (o.buybacks is not None and o.dividends is not None))
    }


def group_year(
    pairs: Sequence[tuple[Company, FiscalYear]], currency: str, rate: float | None
) -> tuple[Tally, dict[str, set[str]]]:
    """A group's company-years of one comparison year: their tally, and the members that
    report each measure. ``rate`` converts the companies in another currency."""
    observations = [observe(company, year, currency, rate) for company, year in pairs]
    reported = {measure: reporters(observations, needs) for measure, needs in MEASURES.items()}
    return tally(observations), reported


def coverage_parts(members: Sequence[str], reported: Sequence[set[str]]) -> tuple[list[str], bool]:
    """The members missing from a group over one or more years (a member counts if it
    reports in each), and whether none is."""
    every = set(members).intersection(*reported) if reported else set()
    missing = [m for m in members if m not in every]
    return missing, bool(members) and bool(reported) and not missing


def coverage(members: Sequence[str], reported: Sequence[set[str]]) -> Coverage:
    """Coverage of a group over one or more years: a member counts if it reports in each."""
    missing, complete = coverage_parts(members, reported)
    return Coverage(
        reported=len(members) - len(missing),
        members=len(members),
        missing=missing,
        complete=complete,
    )


class ComparisonOptions(TypedDict, total=False):
    """What a comparison is asked for, as :func:`tallies` takes it (with its defaults):
    :func:`compare` and ``explain`` pass them on."""

    currency: str
    years: tuple[int, int] | None
    fx: float | None
    align: Align
    partial: bool
    like_for_like: bool


@dataclass(slots=True)
class Tallies:
    """A comparison's numbers before they become result models: per group, a tally of each
    chosen year, who reports each measure and who has no record. :func:`compare` builds its
    result from these; the claim metrics, which run thousands of comparisons and read a few
    numbers of each, read them here."""

    #: The dataset compared (like for like: the companies kept).
    dataset: Dataset
    #: Every company-year of the dataset given, by comparison year (before like for like).
    placed: dict[int, list[tuple[Company, FiscalYear]]]
    years: list[int]
    members: dict[str, list[str]]
    tallies: dict[str, list[Tally]]
    #: region -> one list of company ids per chosen year: the members without a record
    absent: dict[str, list[list[str]]]
    #: region -> measure -> one set of reporting members per chosen year
    reporting: dict[str, dict[str, list[set[str]]]]
    #: measure -> the indexes of the years its span totals add
    included: dict[str, list[int]]
    notes: list[str]
    dropped: dict[str, list[str]]
    table: dict[int, FxRate]
    #: What was asked, defaults filled in (:class:`ComparisonOptions`).
    asked: ComparisonOptions

    def cover(self, region: str, measure: str, idx: Sequence[int]) -> tuple[list[str], bool]:
        """:func:`coverage_parts` of a group for a measure over the years at ``idx``."""
        return coverage_parts(
            self.members[region], [self.reporting[region][measure][i] for i in idx]
        )

    def span(self, region: str, idx: Sequence[int]) -> Tally:
        """A group's tally over the years at ``idx``."""
        return join([self.tallies[region][i] for i in idx])

    def missing(self, region: str, idx: Sequence[int]) -> list[tuple[str, int, str]]:
        """The figures missing from a group's company-years over the years at ``idx``."""
        return [m for i in idx for m in self.tallies[region][i].missing]

    def added(self) -> list[int]:
        """The indexes of the years that some measure's totals add."""
        return sorted({i for idx in self.included.values() for i in idx})

    def total(self, region: str, measure: str) -> float | None:
        """A group's span total (or ratio) of a measure, over the years it adds."""
        value: float | None = getattr(amounts(self.span(region, self.included[measure])), measure)
        return value


def span_figures(t: Tallies, region: str) -> GroupFigures:
    """A group's totals over a span, each measure over the years included for it.

    The missing figures, absent companies and status counts are those of every year that some
    measure adds."""
    any_year = t.added()
    absent = [Absent(company=c, year=t.years[i]) for i in any_year for c in t.absent[region][i]]
    base = group_figures(t.span(region, any_year), absent)
    # Measures usually add the same years: compute each distinct set of years once.
    by_years: dict[tuple[int, ...], GroupFigures] = {tuple(any_year): base}
    for idx in t.included.values():
        if tuple(idx) not in by_years:
            by_years[tuple(idx)] = group_figures(t.span(region, idx))
    parts = {m: by_years[tuple(idx)] for m, idx in t.included.items()}
    return base.model_copy(
        update={
            "capex": parts["capex"].capex,
            "operating_cash_flow": parts["operating_cash_flow"].operating_cash_flow,
            "shareholder_returns": parts["shareholder_returns"].shareholder_returns,
            "capex_to_ocf": parts["capex_to_ocf"].capex_to_ocf,
            "returns_to_capex": parts["returns_to_capex"].returns_to_capex,
            "not_confirmed_share": {
                "capex": parts["capex"].not_confirmed_share["capex"],
                "operating_cash_flow": parts["operating_cash_flow"].not_confirmed_share[
                    "operating_cash_flow"
                ],
                "shareholder_returns": parts["shareholder_returns"].not_confirmed_share[
                    "shareholder_returns"
                ],
            },
            "coverage": {
                m: coverage(t.members[region], [t.reporting[region][m][i] for i in idx])
                for m, idx in t.included.items()
            },
        }
    )


def tallies(
    dataset: Dataset,
    *,
    currency: str = "CNY",
    years: tuple[int, int] | None = None,
    fx: float | None = None,
    align: Align = "majority",
    partial: bool = False,
    like_for_like: bool = False,
    memo: Memo | None = None,
) -> Tallies:
    """The numbers of :func:`compare`, with the same arguments and the same errors; with a
    ``memo``, the group-years it has seen are not computed again."""
    if currency not in CURRENCIES:
        raise RequestError(f"unknown currency {currency!r}: choose CNY or USD")
    check_fx_rate(fx)
    placed = given = place(dataset, align, memo)
    table = dataset.fx_table()
    notes: list[str] = []

    def needs_fx(cy: int) -> bool:
        return any(c.currency != currency for c, _ in placed.get(cy, []))

    def has_both(cy: int) -> bool:
        return {c.region for c, _ in placed.get(cy, [])} >= set(REGIONS)

    def has_rate(cy: int) -> bool:
        return fx is not None or cy in table

    if years is None:
        both = [cy for cy in sorted(placed) if has_both(cy)]
        chosen = [cy for cy in both if not needs_fx(cy) or has_rate(cy)]
        for cy in both:
            if cy not in chosen:
                notes.append(
                    f"{cy} left out: no CNY per USD rate for it in the data "
                    "(add an [[fx]] table or pass --fx RATE)"
                )
        if not chosen:
            raise MissingDataError(
                "no comparison year has figures for both US and Chinese companies"
                + (f" (the data covers {min(placed)}-{max(placed)})" if placed else "")
            )
    else:
        chosen = list(range(years[0], years[1] + 1))
        if not any(cy in placed for cy in chosen):
            covered = f"; the data covers {min(placed)}-{max(placed)}" if placed else ""
            wanted = str(years[0]) if years[0] == years[1] else f"{years[0]}-{years[1]}"
            raise MissingDataError(f"no figures for {wanted}{covered}")
        lacking = [cy for cy in chosen if needs_fx(cy) and not has_rate(cy)]
        if lacking:
            raise MissingDataError(
                "no CNY per USD rate for "
                + ", ".join(map(str, lacking))
                + ": add [[fx]] tables to the data, use one rate for every year, "
                "or choose other years"
            )

    def rate_for(cy: int) -> float | None:
        if fx is not None:
            return fx
        return table[cy].cny_per_usd if cy in table else None

    dropped: dict[str, list[str]] = {}
    if like_for_like:
        dataset, dropped = _same_companies(dataset, placed, chosen)
        placed = place(dataset, align, memo)
        notes.append(
            "Like for like: each group keeps the companies that report capex in every year of "
            "the span; dropped: "
            + "; ".join(f"{r} {', '.join(ids) if ids else 'none'}" for r, ids in dropped.items())
            + "."
        )
    span: dict[str, list[Tally]] = {region: [] for region in REGIONS}
    absent: dict[str, list[list[str]]] = {region: [] for region in REGIONS}
    members = {r: [c.id for c in dataset.companies if c.region == r] for r in REGIONS}
    reporting: dict[str, dict[str, list[set[str]]]] = {
        r: {m: [] for m in MEASURES} for r in REGIONS
    }
    for cy in chosen:
        groups: dict[str, list[tuple[Company, FiscalYear]]] = {region: [] for region in REGIONS}
        for company, year in placed.get(cy, []):
            groups[company.region].append((company, year))
        present = {company.id for company, _ in placed.get(cy, [])}
        for region in REGIONS:
            absent[region].append([])
        for company in dataset.companies:
            if company.id not in present:
                absent[company.region][-1].append(company.id)
        for region in REGIONS:
            pairs = groups[region]
            rate = rate_for(cy) if any(c.currency != currency for c, _ in pairs) else None
            if memo is None:
                found, reported = group_year(pairs, currency, rate)
            else:
                # By the years themselves and what the observations read of each company.
                found, reported = memo.get(
                    "group",
                    tuple(year for _, year in pairs),
                    (currency, rate, tuple((c.id, c.currency) for c, _ in pairs)),
                    lambda p=pairs, r=rate: group_year(p, currency, r),
                )
            span[region].append(found)
            if not pairs:
                notes.append(f"{cy}: no {region} company has figures for this year")
            for measure in MEASURES:
                reporting[region][measure].append(reported[measure])
    asked = ComparisonOptions(
        currency=currency,
        years=years,
        fx=fx,
        align=align,
        partial=partial,
        like_for_like=like_for_like,
    )
    found = Tallies(
        dataset, given, chosen, members, span, absent, reporting, {}, notes, dropped, table, asked
    )

    def complete(measure: str, i: int) -> bool:
        return all(found.cover(region, measure, [i])[1] for region in REGIONS)

    found.included = {
        measure: [i for i in range(len(chosen)) if partial or complete(measure, i)]
        for measure in MEASURES
    }
    return found


def compare(dataset: Dataset, **options: Unpack[ComparisonOptions]) -> CompareResult:
    """The US group against the China group, year by year and over the span.

    A group-year is complete for a measure when every member of the group reports every
    figure the measure needs (:data:`~capexcli.results.MEASURES`). The span totals of each
    measure add only the years complete for it in both groups, unless ``partial``.

    ``like_for_like`` keeps in each group only the companies that report capex in every year
    of the span, so that a trend compares the same companies from end to end."""
    t = tallies(dataset, **options)
    asked = t.asked
    currency, fx, align = asked["currency"], asked["fx"], asked["align"]
    chosen = t.years
    rows: list[YearComparison] = []
    for i, cy in enumerate(chosen):
        figures = {
            region: group_figures(
                t.tallies[region][i],
                [Absent(company=c, year=cy) for c in t.absent[region][i]],
                {m: coverage(t.members[region], [t.reporting[region][m][i]]) for m in MEASURES},
            )
            for region in REGIONS
        }
        us, cn = figures["US"], figures["CN"]
        rows.append(
            YearComparison(
                year=cy,
                us=us,
                cn=cn,
                us_to_cn_capex_ratio=ratio(us.capex, cn.capex),
                complete=us.coverage["capex"].complete and cn.coverage["capex"].complete,
            )
        )
    notes = t.notes + blank_ratio_notes(rows)
    included = t.included
    us_total, cn_total = span_figures(t, "US"), span_figures(t, "CN")
    totals = Totals(
        first_year=chosen[0],
        last_year=chosen[-1],
        years=chosen,
        us=us_total,
        cn=cn_total,
        us_to_cn_capex_ratio=ratio(us_total.capex, cn_total.capex),
        years_by_measure={m: [chosen[i] for i in idx] for m, idx in included.items()},
        left_out={
            m: [cy for i, cy in enumerate(chosen) if i not in idx] for m, idx in included.items()
        },
        partial_included=asked["partial"],
        complete=bool(included["capex"]) and all(rows[i].complete for i in included["capex"]),
    )
    if fx is not None:
        used = [FxUsed(year=cy, rate=fx, source="--fx option", status="override") for cy in chosen]
    else:
        used = [_fx_used(t.table[cy]) for cy in chosen if cy in t.table]
    complete_years = [row.year for row in rows if row.complete]
    latest = complete_years[-1] if complete_years else None
    return CompareResult(
        latest_complete_year=latest,
        later_years=[] if latest is None else [row.year for row in rows if row.year > latest],
        currency=currency,
        align=align,
        align_rule=RULES[align],
        fx=used,
        years=rows,
        totals=totals,
        notes=notes,
        like_for_like=asked["like_for_like"],
        dropped=t.dropped,
        groups=[
            GroupInfo(id=g.id, label=g.label, label_zh=g.label_zh, members=list(g.members))
            for g in groups_of(t.dataset)
        ],
    )


def _same_companies(
    dataset: Dataset, placed: dict[int, list[tuple[Company, FiscalYear]]], years: Sequence[int]
) -> tuple[Dataset, dict[str, list[str]]]:
    """The dataset restricted to the companies with capex in every one of ``years``, and the
    ids dropped from each group."""
    reporting = [{c.id for c, fy in placed.get(cy, []) if fy.capex is not None} for cy in years]
    kept = set.intersection(*reporting) if reporting else set()
    dropped = {
        r: [c.id for c in dataset.companies if c.region == r and c.id not in kept] for r in REGIONS
    }
    for region in REGIONS:
        if not any(c.region == region and c.id in kept for c in dataset.companies):
            span = f"{years[0]}-{years[-1]}" if len(years) > 1 else str(years[0])
            raise RequestError(
                f"like for like leaves the {region} group empty: no {region} company reports "
                f"capex in every year of {span}; choose a shorter span"
            )
    companies = [c for c in dataset.companies if c.id in kept]
    return dataset.model_copy(update={"companies": companies}), dropped


def blank_ratio_notes(rows: Sequence[YearComparison]) -> list[str]:
    """Why a ratio is blank where its parts are known: a zero or negative denominator."""
    ocf: list[str] = []
    zero_capex: list[str] = []
    for row in rows:
        for region, group in (("US", row.us), ("CN", row.cn)):
            if group.operating_cash_flow is not None and group.operating_cash_flow <= 0:
                ocf.append(f"{region} {row.year}")
            if group.capex is not None and group.capex <= 0:
                zero_capex.append(f"{region} {row.year}")
    notes = []
    if ocf:
        notes.append(
            "capex/OCF is left blank where a group's operating cash flow is zero or negative ("
            + ", ".join(ocf)
            + ")."
        )
    if zero_capex:
        notes.append(
            "CN : US and returns/capex are left blank where a capex total is zero ("
            + ", ".join(zero_capex)
            + ")."
        )
    return notes


def _fx_used(rate: FxRate) -> FxUsed:
    return FxUsed(year=rate.year, rate=rate.cny_per_usd, source=rate.source, status=rate.status)
