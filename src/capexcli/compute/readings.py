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
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

from capexcli.compute.claim_metrics import Evaluation, run_metric
from capexcli.compute.claims_file import Claim, Metric
from capexcli.errors import CapexError
from capexcli.model.alignment import READING_RULE_WORDS, READING_RULES, reading_year
from capexcli.model.groups import regroup
from capexcli.model.records import Company, Dataset, Figure, FiscalYear, StatementLine
from capexcli.results import Reading, ReadingLine, ReadingSearch, SourceRow

#: A round CNY per USD rate a reader might use (the article's own conversions imply it).
ROUND_FX = 7.3
#: A reading that needs more departures than this is a coincidence risk, not a reproduction.
MAX_REPRODUCING = 2
#: Readings of three departures are searched only while the claim's search stays this small.
BUDGET = 400
#: The readings a claim lists: the standard one and the best matches.
LISTED = 12

#: Capex built from a company's statement lines, by role: words and the roles it adds.
CAPEX_DEFINITIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("capex: property line", ("capex_property",)),
    ("capex with intangibles", ("capex_property", "capex_intangibles")),
    ("capex with land use rights", ("capex_property", "capex_land")),
    (
        "capex with intangibles and land use rights",
        ("capex_property", "capex_intangibles", "capex_land"),
    ),
    ("headline capex", ("headline_capex",)),
)
#: The parts of shareholder returns and financing that a claim's fields name.
RETURN_PARTS: dict[str, str] = {
    "buybacks": "buybacks",
    "dividends": "dividends",
    "debt_repayment": "repayment",
}
PART_WORDS: dict[str, str] = {
    "buybacks": "buybacks",
    "dividends": "dividends",
    "dividends_minority": "dividends to non-controlling interests",
    "repayment": "debt repayments",
}


@dataclass(frozen=True)
class Choice:
    """One departure from the standard reading."""

    family: str  # alignment, fx, span, scope, definition
    slot: str  # two choices of one slot cannot combine (one alignment, one capex per company)
    words: str
    cost: int = 1
    rule: str | None = None
    fx: float | None = None
    fx_set: bool = False
    metric: dict[str, object] | None = None
    exclude: str | None = None
    #: definition: (company id, field) -> {fiscal year: (value, lines)}
    company: str | None = None
    figures: dict[str, dict[int, tuple[float, list[ReadingLine]]]] = field(default_factory=dict)


@dataclass
class Context:
    claim: Claim
    dataset: Dataset
    align: str
    fx: float | None
    like_for_like: bool
    judge: Callable[[Evaluation], str]


def _line(company: Company, line: StatementLine, sign: float = 1.0) -> ReadingLine:
    document = company.document(line.document).cite(line.page)
    return ReadingLine(label=line.label, value=-line.value * sign, document=document)


def _row_line(row: SourceRow) -> ReadingLine:
    if row.kind == "fx":
        label = f"CNY per USD {row.fiscal_year}"
    else:
        label = f"{row.company} FY{row.fiscal_year} {row.field}"
        if row.line:
            label += f" ({row.line})"
    document = row.source
    return ReadingLine(label=label, value=row.value, document=document)


# --- The choices a claim admits ---------------------------------------------------------------


def _uses_capex(m: Metric) -> bool:
    names = {*m.fields, *m.numerator, *m.denominator}
    return (
        "capex" in names
        or m.name in ("capex_ratio", "min_company_growth")
        or (m.name == "group_ratio")
    )


def _return_fields(m: Metric) -> list[str]:
    """The fields of a company metric that shareholder returns and financing lines can replace."""
    names = m.fields if m.name == "company_sum" else m.numerator
    expanded = [
        f
        for n in names
        for f in (("buybacks", "dividends") if n == "shareholder_returns" else (n,))
    ]
    return (
        [f for f in expanded if f in RETURN_PARTS]
        if m.name in ("company_sum", "company_ratio")
        else []
    )


def _companies_in_scope(ctx: Context) -> list[Company]:
    m = ctx.claim.metric
    assert m is not None
    if m.company is not None:
        return [c for c in ctx.dataset.companies if c.id == m.company]
    if m.group is not None:
        return [c for c in ctx.dataset.companies if c.region == m.group]
    return list(ctx.dataset.companies)


def _alignment_choices(ctx: Context) -> Iterator[Choice]:
    for rule in READING_RULES:
        if rule != ctx.align:
            yield Choice("alignment", "alignment", READING_RULE_WORDS[rule], rule=rule)


def _fx_choices(ctx: Context) -> Iterator[Choice]:
    if ctx.fx is None:
        yield Choice("fx", "fx", f"FX {ROUND_FX:g}", fx=ROUND_FX, fx_set=True)
    else:
        yield Choice("fx", "fx", "FX: annual averages", fx=None, fx_set=True)


def _span_choices(m: Metric) -> Iterator[Choice]:
    if m.years:
        a, b = m.years
        spans = [(a - 1, b - 1), (a + 1, b + 1)] + ([(a + 1, b), (a, b - 1)] if b > a else [])
        for lo, hi in spans:
            words = f"span {lo}-{hi}" if hi > lo else f"year {lo}"
            yield Choice("span", "span", words, metric={"years": [lo, hi]})
    elif m.from_year is not None and m.to_year is not None:
        for shift in (-1, 1):
            lo, hi = m.from_year + shift, m.to_year + shift
            yield Choice("span", "span", f"{lo} to {hi}", metric={"from_year": lo, "to_year": hi})
    elif m.year is not None and m.name not in ("convert", "guidance_sum", "guidance_range"):
        for y in (m.year - 1, m.year + 1):
            yield Choice("span", "span", f"year {y}", metric={"year": y})


def _scope_choices(ctx: Context) -> Iterator[Choice]:
    m = ctx.claim.metric
    assert m is not None
    if m.company is not None or m.name == "convert":
        return
    for company in _companies_in_scope(ctx):
        yield Choice("scope", f"scope {company.id}", f"without {company.id}", exclude=company.id)


def _capex_choices(ctx: Context) -> Iterator[Choice]:
    for company in _companies_in_scope(ctx):
        for words, roles in CAPEX_DEFINITIONS:
            figures: dict[int, tuple[float, list[ReadingLine]]] = {}
            for year in company.years:
                picked = [ln for ln in year.statement if ln.role in roles]
                if {ln.role for ln in picked} != set(roles):
                    continue
                sign = 1.0 if roles != ("headline_capex",) else -1.0
                lines = [_line(company, ln, sign) for ln in picked]
                figures[year.fiscal_year] = (sum(ln.value for ln in lines), lines)
            if figures:
                years = ", ".join(f"FY{y}" for y in sorted(figures))
                yield Choice(
                    "definition",
                    f"capex {company.id}",
                    f"{company.id} {words} ({years})",
                    company=company.id,
                    figures={"capex": figures},
                )
        net: dict[int, tuple[float, list[ReadingLine]]] = {}
        for year in company.years:
            if year.capex is not None and year.capex_proceeds is not None:
                lines = [
                    _figure_line(company, year, "capex", 1.0),
                    _figure_line(company, year, "capex_proceeds", -1.0),
                ]
                net[year.fiscal_year] = (sum(ln.value for ln in lines), lines)
        if net:
            yield Choice(
                "definition",
                f"capex {company.id}",
                f"{company.id} capex net of proceeds",
                company=company.id,
                figures={"capex": net},
            )


def _figure_line(company: Company, year: FiscalYear, name: str, sign: float) -> ReadingLine:
    figure = year.figure(name)
    assert figure is not None
    key = year.document_of(name)
    document = company.document(key).cite(figure.page) if key else year.source_of(name)
    label = figure.line or f"{company.id} FY{year.fiscal_year} {name}"
    return ReadingLine(label=label, value=figure.value * sign, document=document)


def _returns_choices(ctx: Context) -> Iterator[Choice]:
    """Shareholder returns and financing built from the financing section's lines."""
    m = ctx.claim.metric
    assert m is not None
    fields = _return_fields(m)
    if not fields:
        return
    standard = {RETURN_PARTS[f] for f in fields}
    company = _companies_in_scope(ctx)[0]
    parts = ("buybacks", "dividends", "dividends_minority", "repayment")
    for size in range(1, len(parts) + 1):
        for subset in itertools.combinations(parts, size):
            for net in (False, True) if "repayment" in subset else (False,):
                cost = len(standard.symmetric_difference(subset)) + net
                if cost == 0:
                    continue
                words = " + ".join(PART_WORDS[p] for p in subset)
                words += ", net of new borrowing" if net else ""
                roles = set(subset) | ({"borrowing"} if net else set())
                yield from _financing_choice(company, fields, words, cost, roles, None)
    yield from _financing_choice(
        company, fields, "the financing section's net outflow", 1, None, None
    )
    for year in company.years:
        for k, line in enumerate(year.statement):
            if line.section == "financing" and line.role != "section_total" and line.value:
                words = f"the financing section's net outflow without '{line.label}'"
                yield from _financing_choice(company, fields, words, 2, None, (year.fiscal_year, k))


def _financing_choice(
    company: Company,
    fields: list[str],
    words: str,
    cost: int,
    roles: set[str] | None,
    without: tuple[int, int] | None,
) -> Iterator[Choice]:
    figures: dict[int, tuple[float, list[ReadingLine]]] = {}
    for year in company.years:
        if without is not None and year.fiscal_year != without[0]:
            continue
        financing = [ln for ln in year.statement if ln.section == "financing"]
        if roles is not None:
            picked = [(k, ln) for k, ln in enumerate(year.statement) if ln.role in roles]
            if not any(ln.role != "borrowing" for _, ln in picked):
                continue
            if not {ln.role for _, ln in picked} >= roles:
                continue  # the year's statement lacks a part the reading adds
            lines = [_line(company, ln) for _, ln in picked]
        else:
            total = [ln for ln in financing if ln.role == "section_total"]
            if not total:
                continue
            lines = [_line(company, total[0])]
            if without is not None:
                lines.append(_line(company, year.statement[without[1]], -1.0))
        value = sum(ln.value for ln in lines)
        if value >= 0:
            figures[year.fiscal_year] = (value, lines)
    if figures:
        # The first field carries the reading's sum; the others count zero.
        by_field = {fields[0]: figures}
        for other in fields[1:]:
            by_field[other] = {y: (0.0, []) for y in figures}
        yield Choice(
            "definition", f"returns {company.id}", words, cost, company=company.id, figures=by_field
        )


# --- Computing a reading ----------------------------------------------------------------------


def _rewrite(dataset: Dataset, choices: Sequence[Choice]) -> tuple[Dataset, str]:
    """The dataset a set of choices computes on, and the alignment to pass the metric."""
    align = None
    excluded = [c.exclude for c in choices if c.exclude]
    if excluded:
        dataset = regroup(dataset, exclude=excluded)
    for choice in choices:
        if choice.figures:
            dataset = _substitute(dataset, choice)
    for choice in choices:
        if choice.rule is not None:
            align = choice.rule
    if align in (None, "majority", "label"):
        return dataset, align or ""
    companies = [
        c.model_copy(
            update={
                "years": [
                    dataclasses.replace(
                        y, fiscal_year=reading_year(y.fiscal_year, y.period_end, align)
                    )
                    for y in c.years
                ]
            }
        )
        for c in dataset.companies
    ]
    # Each fiscal year now carries the calendar year of the rule as its label.
    return dataset.model_copy(update={"companies": companies}), "label"


def _substitute(dataset: Dataset, choice: Choice) -> Dataset:
    companies = []
    for company in dataset.companies:
        if company.id != choice.company:
            companies.append(company)
            continue
        years = []
        for year in company.years:
            changes = {
                name: Figure(value=by_year[year.fiscal_year][0], status=year.status_of(name))
                for name, by_year in choice.figures.items()
                if year.fiscal_year in by_year
            }
            years.append(dataclasses.replace(year, **changes) if changes else year)
        companies.append(company.model_copy(update={"years": years}))
    return dataset.model_copy(update={"companies": companies})


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
            tuple(sorted((r.company or "", r.fiscal_year, r.field, r.value) for r in e.inputs)),
            tuple(e.partial),
        )


def _evaluate(ctx: Context, choices: tuple[Choice, ...]) -> Outcome | None:
    m = ctx.claim.metric
    assert m is not None
    try:
        dataset, align = _rewrite(ctx.dataset, choices)
        metric = m
        fx = ctx.fx
        for c in choices:
            if c.metric:
                metric = metric.model_copy(update=c.metric)
            if c.fx_set:
                fx = c.fx
        evaluation = run_metric(metric, dataset, align or ctx.align, fx, ctx.like_for_like)  # type: ignore[arg-type]
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
        out.append(_row_line(row))
    return out


def search(
    claim: Claim,
    dataset: Dataset,
    align: str,
    fx: float | None,
    like_for_like: bool,
    judge: Callable[[Evaluation], str],
) -> tuple[list[Reading], ReadingSearch]:
    """The readings of ``claim``: the standard one first, then the matches, best first."""
    ctx = Context(claim, dataset, align, fx, like_for_like, judge)
    m = claim.metric
    assert m is not None
    standard = _evaluate(ctx, ())
    candidates: list[Choice] = [*_alignment_choices(ctx), *_fx_choices(ctx), *_span_choices(m)]
    candidates += list(_scope_choices(ctx))
    if _uses_capex(m):
        candidates += list(_capex_choices(ctx))
    candidates += list(_returns_choices(ctx))
    # A choice that changes nothing here (an alignment rule that places every year alike, a
    # rate no conversion uses) is no reading of its own; nor is one that repeats another.
    singles: list[Outcome] = []
    seen = {standard.signature()} if standard else set()
    for choice in candidates:
        outcome = _evaluate(ctx, (choice,))
        if outcome is None or outcome.signature() in seen:
            continue
        seen.add(outcome.signature())
        singles.append(outcome)
    outcomes = [o for o in ([standard] if standard else []) + singles]
    kept = [o.choices[0] for o in singles]
    for size in (2, 3):
        combos = [
            combo
            for combo in itertools.combinations(kept, size)
            if len({c.slot for c in combo}) == size
        ]
        if size == 3 and len(outcomes) + len(combos) > BUDGET:
            break
        for combo in combos:
            outcome = _evaluate(ctx, combo)
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
        summary = f"reproduced by {'; '.join(c.words for c in best.choices)} ({_num(best.evaluation.value)})"
        if len(reproducing) > 1:
            summary += (
                f", and {len(reproducing) - 1} other reading{'s' if len(reproducing) > 2 else ''}"
            )
    else:
        summary = f"no reading of the {len(outcomes)} tried reproduces it ({', '.join(families)})"
        risky = [o for o in matches if o.departures > MAX_REPRODUCING]
        if risky:
            summary += f"; {len(risky)} match only with more than {MAX_REPRODUCING} departures (coincidence risk)"
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
