"""The readings of a recomputed claim: every way a careful reader could have computed it.

The standard reading is the claim's metric as the run asks (alignment, FX, span, the groups,
each company's capex basis). A reading departs from it by one choice or more: another
fiscal-year alignment rule, a round FX rate, a span shifted or cut by a year, a member left
out, or another definition built from the company's own statement lines (capex with
intangibles or land use rights, the headline capex, Amazon net of proceeds; shareholder
returns with or without debt repayments, gross or net of new borrowing, the financing
section's total and that total without one of its lines). Each reading is computed by the
claim's own metric on a rewritten dataset, so the arithmetic is claim_metrics.py's.

The more readings are tried, the likelier one hits by chance: the search says how many it
tried, ranks matches by departures, and calls a match with more than two a coincidence risk.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from capexcli.compute.claim_metrics import Evaluation, run_metric
from capexcli.compute.claims_file import Claim
from capexcli.compute.metrics import Memo
from capexcli.compute.reading_choices import Choice, Context, candidates, row_line
from capexcli.errors import CapexError
from capexcli.model.alignment import reading_year
from capexcli.model.groups import regroup
from capexcli.model.records import Company, Dataset, Figure, FiscalYear
from capexcli.results import Reading, ReadingLine, ReadingSearch

#: A reading that needs more departures than this is a coincidence risk, not a reproduction.
MAX_REPRODUCING = 2
#: Readings of three departures are searched only while the claim's search stays this small.
BUDGET = 400
#: The readings a claim lists: the standard one and the best matches.
LISTED = 12

# --- Computing a reading ----------------------------------------------------------------------


class Rewrites:
    """The datasets the readings of claims compute on, for the claims of one dataset.

    The readings share their parts: one exclusion, one company's definition, one alignment
    rule's relabelled years recur in many combinations and in many claims, and copying a
    company's years validates each again. Each part is made once and reused; the caches hold
    the objects they are keyed by, so that an id stays the object's own."""

    def __init__(self, dataset: Dataset, memo: Memo | None = None) -> None:
        self.dataset = dataset
        #: for the metric runs on these datasets
        self.memo = memo or Memo()
        self._regrouped: dict[tuple[str, ...], Dataset] = {}
        self._years: dict[tuple[int, str], tuple[FiscalYear, FiscalYear]] = {}
        self._companies: dict[tuple[int, object], tuple[Company, object, Company]] = {}
        self._lists: dict[tuple[int, object], tuple[list[FiscalYear], object, list[FiscalYear]]]
        self._lists = {}

    def rewrite(self, choices: Sequence[Choice]) -> tuple[Dataset, str]:
        """The dataset a set of choices computes on, and the alignment to pass the metric."""
        align = None
        excluded = tuple(c.exclude for c in choices if c.exclude)
        dataset = self.dataset
        if excluded:
            if excluded not in self._regrouped:
                self._regrouped[excluded] = regroup(dataset, exclude=excluded)
            dataset = self._regrouped[excluded]
        companies = list(dataset.companies)
        for choice in choices:
            if choice.figures:
                companies = [
                    self._company(c, choice) if c.id == choice.company else c for c in companies
                ]
        for choice in choices:
            if choice.rule is not None:
                align = choice.rule
        if align not in (None, "majority", "label"):
            # Each fiscal year now carries the calendar year of the rule as its label.
            companies = [self._company(c, align) for c in companies]
        if any(c is not d for c, d in zip(companies, dataset.companies, strict=True)):
            dataset = dataset.model_copy(update={"companies": companies})
        return dataset, "label" if align not in (None, "majority", "label") else align or ""

    def _company(self, company: Company, how: Choice | str) -> Company:
        """The company with its years rewritten by a definition or relabelled by a rule."""
        key = (id(company), how if isinstance(how, str) else id(how))
        if key not in self._companies:
            years = self._years_of(company.years, how)
            changed = (
                company if years is company.years else company.model_copy(update={"years": years})
            )
            self._companies[key] = (company, how, changed)
        return self._companies[key][2]

    def _years_of(self, years: list[FiscalYear], how: Choice | str) -> list[FiscalYear]:
        # By the list of years, which the copies of a company in each regrouped dataset share.
        key = (id(years), how if isinstance(how, str) else id(how))
        if key not in self._lists:
            if isinstance(how, str):
                changed = [self._relabel(y, how) for y in years]
            else:
                changed = [_substitute(y, how) for y in years]
            if all(new is old for new, old in zip(changed, years, strict=True)):
                changed = years  # nothing to change: the same objects, which memos know
            self._lists[key] = (years, how, changed)
        return self._lists[key][2]

    def _relabel(self, year: FiscalYear, rule: str) -> FiscalYear:
        """The year labelled with its calendar year under ``rule``; relabelled once, for every
        definition that keeps it."""
        key = (id(year), rule)
        if key not in self._years:
            label = reading_year(year.fiscal_year, year.period_end, rule)
            same = label == year.fiscal_year
            self._years[key] = (
                year,
                year if same else dataclasses.replace(year, fiscal_year=label),
            )
        return self._years[key][1]


def _substitute(year: FiscalYear, choice: Choice) -> FiscalYear:
    """The year with the figures of a definition in place of its own."""
    changes = {
        name: Figure(value=by_year[year.fiscal_year][0], status=year.status_of(name))
        for name, by_year in choice.figures.items()
        if year.fiscal_year in by_year
    }
    return dataclasses.replace(year, **changes) if changes else year


@dataclass
class Outcome:
    choices: tuple[Choice, ...]
    evaluation: Evaluation
    verdict: str

    @property
    def departures(self) -> int:
        return sum(c.cost for c in self.choices)

    def signature(self) -> tuple[object, ...]:
        e = self.evaluation
        value = None if e.value is None else round(e.value, 9)
        return (
            value,
            e.low,
            e.high,
            tuple(sorted(source.key for source in e.sources)),
            tuple(e.partial),
        )


def _evaluate(ctx: Context, rewrites: Rewrites, choices: tuple[Choice, ...]) -> Outcome | None:
    m = ctx.claim.metric
    assert m is not None
    try:
        dataset, align = rewrites.rewrite(choices)
        metric = m
        fx = ctx.fx
        for c in choices:
            if c.metric:
                metric = metric.model_copy(update=c.metric)
            if c.fx_set:
                fx = c.fx
        evaluation = run_metric(
            metric,
            dataset,
            align or ctx.align,  # type: ignore[arg-type]
            fx,
            ctx.like_for_like,
            rewrites.memo,
        )
    except (CapexError, ValueError):
        return None  # a reading the data cannot compute (a year it lacks) is not tried
    if choices and evaluation.value is None:
        return None  # nor is one that lacks a figure it needs
    return Outcome(choices, evaluation, ctx.judge(evaluation))


def _lines(ctx: Context, outcome: Outcome) -> list[ReadingLine]:
    """The reading's lines: the statement lines of a definition, the figures of the rest."""
    rule = next(
        (c.rule for c in outcome.choices if c.rule not in (None, "majority", "label")), None
    )
    # Under a rule the metric saw each fiscal year relabelled with the rule's year: map back.
    original: dict[tuple[str, int], int] = {}
    for company in ctx.dataset.companies:
        for year in company.years:
            shown = (
                year.fiscal_year
                if rule is None
                else reading_year(year.fiscal_year, year.period_end, rule)
            )
            original[(company.id, shown)] = year.fiscal_year
    replaced = {
        (c.company, name, year): lines
        for c in outcome.choices
        for name, by_year in c.figures.items()
        for year, (_, lines) in by_year.items()
    }
    out: list[ReadingLine] = []
    for row in outcome.evaluation.inputs:
        if row.kind == "figure" and row.company is not None:
            fy = original.get((row.company, row.fiscal_year), row.fiscal_year)
            row = row.model_copy(update={"fiscal_year": fy})
            key = (row.company, row.field, fy)
            if key in replaced:
                out += replaced[key]
                continue
        out.append(row_line(row))
    return out


def search(
    claim: Claim,
    dataset: Dataset,
    align: str,
    fx: float | None,
    like_for_like: bool,
    judge: Callable[[Evaluation], str],
    rewrites: Rewrites | None = None,
) -> tuple[list[Reading], ReadingSearch]:
    """The readings of ``claim``: the standard one first, then the matches, best first.
    ``rewrites`` may be shared by the searches of several claims on ``dataset``."""
    ctx = Context(claim, dataset, align, fx, like_for_like, judge)
    if rewrites is None or rewrites.dataset is not dataset:
        rewrites = Rewrites(dataset)
    standard = _evaluate(ctx, rewrites, ())
    # A choice that changes nothing here (an alignment rule that places every year alike, a
    # rate no conversion uses) is no reading of its own; nor is one that repeats another.
    singles: list[Outcome] = []
    seen = {standard.signature()} if standard else set()
    for choice in candidates(ctx):
        outcome = _evaluate(ctx, rewrites, (choice,))
        if outcome is None or outcome.signature() in seen:
            continue
        seen.add(outcome.signature())
        singles.append(outcome)
    outcomes = [o for o in ([standard] if standard else []) + singles]
    kept = [o.choices[0] for o in singles]
    for size in (2, 3):
        valid = (
            combo
            for combo in itertools.combinations(kept, size)
            if len({c.slot for c in combo}) == size
        )
        # Threes only if they all fit in the budget: counting one past the room says not.
        room = BUDGET - len(outcomes) if size == 3 else None
        combos = list(valid if room is None else itertools.islice(valid, max(room + 1, 0)))
        if room is not None and len(combos) > room:
            break
        for combo in combos:
            outcome = _evaluate(ctx, rewrites, combo)
            if outcome is not None and outcome.signature() not in seen:
                seen.add(outcome.signature())
                outcomes.append(outcome)
    matches = sorted(
        (o for o in outcomes if o.choices and o.verdict == "holds" and not o.evaluation.partial),
        key=lambda o: (o.departures, _miss(claim, o.evaluation.value)),
    )
    readings = []
    if standard is not None:
        readings.append(_reading(ctx, standard))
    readings += [_reading(ctx, o) for o in matches[: LISTED - 1]]
    families = sorted({c.family for o in outcomes for c in o.choices})
    reproducing = [
        o for o in matches if o.departures <= MAX_REPRODUCING and not o.evaluation.missing
    ]
    if standard is not None and standard.verdict == "holds":
        summary = "the standard reading reproduces it"
    elif reproducing:
        best = reproducing[0]
        words = "; ".join(c.words for c in best.choices)
        summary = f"reproduced by {words} ({_num(best.evaluation.value)})"
        others = len(reproducing) - 1
        if others:
            summary += f", and {others} other reading{'s' if others > 1 else ''}"
    else:
        summary = f"no reading of the {len(outcomes)} tried reproduces it ({', '.join(families)})"
        risky = [o for o in matches if o.departures > MAX_REPRODUCING]
        if risky:
            summary += (
                f"; {len(risky)} match only with more than {MAX_REPRODUCING} departures "
                "(coincidence risk)"
            )
    info = ReadingSearch(
        tried=len(outcomes),
        families=families,
        max_departures=max((o.departures for o in outcomes), default=0),
        reproducing=len(reproducing),
        summary=summary,
    )
    return readings, info


def _miss(claim: Claim, value: float | None) -> float:
    target = claim.stated.value
    if value is None or target is None:
        return math.inf
    return abs(value - target)


def _num(value: float | None) -> str:
    if value is None:
        return "no value"
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.2f}"


def _reading(ctx: Context, outcome: Outcome) -> Reading:
    holds = outcome.verdict == "holds" and not outcome.evaluation.partial
    clean = holds and not outcome.evaluation.missing
    return Reading(
        value=outcome.evaluation.value,
        choices=[c.words for c in outcome.choices],
        departures=outcome.departures,
        lines=_lines(ctx, outcome),
        reproduces=clean and outcome.departures <= MAX_REPRODUCING,
        coincidence_risk=clean and outcome.departures > MAX_REPRODUCING,
    )
