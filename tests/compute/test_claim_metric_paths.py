"""The claim metrics without compare()'s result models, and the work the readings share
(issue #29): neither may change a value.

The group metrics read compare()'s numbers (comparison.Tallies) instead of its result; here
each is checked against the result itself, as the metrics read it before, on the shipped data
and every test dataset with its claims, under the standard reading and every single reading
the search tries. And a search's runs share rewrites and a Memo: each reading (the standard,
every single one, every pair) evaluated that way must give what it gives on a dataset
rewritten from scratch without a memo.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from capexcli.compute import bounds
from capexcli.compute.claim_metrics import RATIO_PARTS, _measure, run_metric
from capexcli.compute.claims import judge, ledger
from capexcli.compute.claims_file import Claim, Metric, load_claims
from capexcli.compute.comparison import compare
from capexcli.compute.metrics import Memo
from capexcli.compute.reading_choices import Choice, Context, candidates
from capexcli.compute.readings import Outcome, Rewrites, _evaluate
from capexcli.errors import CapexError, MissingDataError
from capexcli.model.alignment import reading_year
from capexcli.model.groups import regroup
from capexcli.model.records import Dataset, Figure, FiscalYear
from capexcli.results import CompareResult, GroupFigures
from capexcli.store.loader import load
from tests.conftest import REPO, TESTS

DATA = TESTS / "data"
#: Each data file with the claims written for it.
PAIRS = [
    (REPO / "data" / "companies.toml", REPO / "data" / "claims.toml"),
    (DATA / "readings.toml", DATA / "readings-claims.toml"),
    (DATA / "restated.toml", DATA / "restated-claims.toml"),
    (DATA / "small.toml", DATA / "readings-claims.toml"),
]
GROUP_METRICS = ("capex_ratio", "group_sum", "group_ratio")


def _claims(data: Path, claims: Path) -> Iterator[tuple[Claim, Dataset]]:
    dataset = load(data).dataset
    for claim in load_claims(claims).claims:
        if claim.metric is not None:
            yield claim, dataset


def _context(claim: Claim, dataset: Dataset, align: str = "majority") -> Context:
    return Context(claim, dataset, align, None, False, lambda e: "unknown")


def _fields(name: str) -> set[str]:
    return {"buybacks", "dividends"} if name == "shareholder_returns" else {name}


def _gaps(group: GroupFigures, fields: list[str]) -> list[str]:
    wanted = set().union(*(_fields(f) for f in fields))
    return [
        f"{m.company} FY{m.fiscal_year} {m.field}" for m in group.missing if m.field in wanted
    ] + [f"{a.company}: no record for {a.year}" for a in group.absent]


def _partial(result: CompareResult, group: str | None, measure: str) -> list[str]:
    return [
        f"{region} {row.year}: {', '.join(figures.coverage[measure].missing)}"
        for row in result.years
        for region, figures in (("US", row.us), ("CN", row.cn))
        if group in (None, region) and not figures.coverage[measure].complete
    ]


def _rates(d: Dataset, years: list[int], fx: float | None) -> None:
    """A metric's inputs list the annual rate of each year of its span: none, an error."""
    table = d.fx_table()
    for year in years:
        if fx is None and year not in table:
            raise MissingDataError(f"no CNY per USD rate for {year} in the data")


def _from_compare(m: Metric, d: Dataset, align: str, fx: float | None) -> tuple[object, ...]:
    """(value, missing, partial) as read from compare()'s result, the way the group metrics
    read them before issue #29."""
    if m.name == "capex_ratio":
        assert m.year is not None
        result = compare(d, currency=m.currency, years=(m.year, m.year), fx=fx, align=align)  # type: ignore[arg-type]
        _rates(d, [m.year], fx)
        row = result.years[0]
        missing = _gaps(row.us, ["capex"]) + _gaps(row.cn, ["capex"])
        return row.us_to_cn_capex_ratio, missing, _partial(result, None, "capex")
    years = (m.years[0], m.years[1])
    result = compare(d, currency=m.currency, years=years, fx=fx, align=align, partial=True)  # type: ignore[arg-type]
    _rates(d, list(range(years[0], years[1] + 1)), fx)
    group = result.totals.us if m.group == "US" else result.totals.cn
    if m.name == "group_sum":
        values = [getattr(group, f) for f in m.fields]
        total = None if any(v is None for v in values) else sum(values)
        return total, _gaps(group, m.fields), _partial(result, m.group, _measure(m.fields))
    assert m.ratio is not None
    parts = RATIO_PARTS[m.ratio]
    return getattr(group, m.ratio), _gaps(group, parts), _partial(result, m.group, m.ratio)


def _outcome(found: Outcome | None) -> tuple[object, ...]:
    """What a reading's evaluation says (None: the reading is not tried)."""
    if found is None:
        return ("not tried",)
    e = found.evaluation
    keys = [s.key for s in e.sources]
    return (e.value, e.low, e.high, keys, e.missing, e.notes, e.partial, found.verdict)


@pytest.mark.parametrize(("data", "claims"), PAIRS, ids=lambda p: p.name)
def test_group_metrics_read_what_compare_gives(data: Path, claims: Path) -> None:
    checked = 0
    for claim, dataset in _claims(data, claims):
        m = claim.metric
        assert m is not None
        if m.name not in GROUP_METRICS:
            continue
        rewrites = Rewrites(dataset)
        ctx = _context(claim, dataset)
        for choices in [(), *((c,) for c in candidates(ctx))]:
            try:
                d, rule = rewrites.rewrite(choices)
            except CapexError:
                continue  # a reading that empties a group is not tried
            metric = m
            for c in choices:
                if c.metric:
                    metric = metric.model_copy(update=c.metric)
            for align in [rule] if rule else ["majority", "label"]:
                for fx in (None, 7.3):
                    try:
                        expected = _from_compare(metric, d, align, fx)
                    except CapexError as exc:
                        with pytest.raises(type(exc)) as raised:
                            run_metric(metric, d, align, fx)  # type: ignore[arg-type]
                        assert raised.value.message == exc.message
                        continue
                    got = run_metric(metric, d, align, fx)  # type: ignore[arg-type]
                    assert (got.value, got.missing, got.partial) == expected, (claim.id, choices)
                    checked += 1
    if data.name in ("companies.toml", "readings.toml"):
        assert checked > 0


def _searched(ctx: Context) -> list[tuple[Choice, ...]]:
    """The standard reading, every single one and every pair of slots, as the search tries
    them (before it drops those that change nothing)."""
    singles = candidates(ctx)
    pairs = [p for p in itertools.combinations(singles, 2) if p[0].slot != p[1].slot]
    return [(), *((c,) for c in singles), *pairs]


class _Plain:
    """Each reading's dataset rewritten from scratch, and no memo: the search as it was."""

    memo = None

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset

    def rewrite(self, choices: tuple[Choice, ...]) -> tuple[Dataset, str]:
        excluded = [c.exclude for c in choices if c.exclude]
        dataset = regroup(self.dataset, exclude=excluded) if excluded else self.dataset
        for choice in choices:
            if choice.figures:
                companies = [
                    c.model_copy(update={"years": [_substituted(y, choice) for y in c.years]})
                    if c.id == choice.company
                    else c
                    for c in dataset.companies
                ]
                dataset = dataset.model_copy(update={"companies": companies})
        rule = next((c.rule for c in reversed(choices) if c.rule is not None), None)
        if rule in (None, "majority", "label"):
            return dataset, rule or ""
        companies = [
            c.model_copy(update={"years": [_relabelled(y, rule) for y in c.years]})  # type: ignore[arg-type]
            for c in dataset.companies
        ]
        return dataset.model_copy(update={"companies": companies}), "label"


def _substituted(year: FiscalYear, choice: Choice) -> FiscalYear:
    changes = {
        name: Figure(value=by_year[year.fiscal_year][0], status=year.status_of(name))
        for name, by_year in choice.figures.items()
        if year.fiscal_year in by_year
    }
    return dataclasses.replace(year, **changes)


def _relabelled(year: FiscalYear, rule: str) -> FiscalYear:
    return dataclasses.replace(
        year, fiscal_year=reading_year(year.fiscal_year, year.period_end, rule)
    )


@pytest.mark.parametrize(("data", "claims"), PAIRS, ids=lambda p: p.name)
def test_shared_rewrites_and_memo_change_no_reading(data: Path, claims: Path) -> None:
    for claim, dataset in _claims(data, claims):
        for align in ("majority", "label"):
            ctx = _context(claim, dataset, align)
            shared, plain = Rewrites(dataset), _Plain(dataset)
            for choices in _searched(ctx):
                alone = _outcome(_evaluate(ctx, plain, choices))  # type: ignore[arg-type]
                together = _outcome(_evaluate(ctx, shared, choices))
                assert together == alone, (claim.id, [c.words for c in choices])


def test_source_rows_are_built_from_the_figures_they_are_keyed_by() -> None:
    claims, dataset = load_claims(PAIRS[0][1]), load(PAIRS[0][0]).dataset
    for claim in claims.claims:
        if claim.metric is None:
            continue
        try:
            e = run_metric(claim.metric, dataset, "majority", None)
        except CapexError:
            continue
        rows = e.inputs
        assert [(r.company or "", r.fiscal_year, r.field, r.value) for r in rows] == [
            s.key for s in e.sources
        ]


class _Forgetful(Memo):
    """A memo that remembers nothing: every part computed afresh."""

    def get(self, kind: str, objects: tuple[object, ...], extra: object, make: Any) -> Any:
        return make()


def test_the_memo_of_the_bounds_changes_no_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    claims, dataset = load_claims(PAIRS[0][1]), load(PAIRS[0][0]).dataset
    decided = 0
    for claim in claims.claims:
        m = claim.metric
        if m is None or m.name not in GROUP_METRICS:
            continue
        for align in ("majority", "label"):
            for fx in (None, 7.3):

                def verdict(value: float, c: Claim = claim) -> str:
                    return judge(c.stated, c.tolerance, value)

                with monkeypatch.context() as patch:
                    patch.setattr(bounds, "Memo", _Forgetful)
                    plain = bounds.decide(m, dataset, align, fx, verdict)  # type: ignore[arg-type]
                shared = bounds.decide(m, dataset, align, fx, verdict)  # type: ignore[arg-type]
                assert shared == plain, (claim.id, align, fx)
                decided += plain is not None and plain.holds_from is not None
    assert decided > 0  # some bound was bisected


def test_the_memo_remembers_by_identity_and_forgets_past_its_limit() -> None:
    memo = Memo(limit=3)
    made: list[int] = []

    def make() -> int:
        made.append(len(made) + 1)
        return made[-1]

    first, twin = [2024], [2024]  # equal, but two objects
    assert memo.get("k", (first,), None, make) == 1
    assert memo.get("k", (first,), None, make) == 1  # remembered
    assert memo.get("k", (twin,), None, make) == 2  # another object: made again
    assert memo.get("k", (first,), "other", make) == 3  # another extra value: made again
    # Three objects held; two more pass the limit of 3: everything is forgotten first.
    assert memo.get("k", (first, twin), None, make) == 4
    assert memo.get("k", (first,), None, make) == 5
    assert memo.get("k", (first, twin), None, make) == 4  # the newest are remembered


def test_a_memo_that_forgets_often_changes_no_claim(monkeypatch: pytest.MonkeyPatch) -> None:
    claims, dataset = load_claims(PAIRS[0][1]), load(PAIRS[0][0]).dataset
    expected = ledger(claims, dataset, readings=True).model_dump()
    monkeypatch.setattr(Memo.__init__, "__defaults__", (50,))
    assert Memo().limit == 50
    assert ledger(claims, dataset, readings=True).model_dump() == expected
