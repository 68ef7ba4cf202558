"""The article's claims: what each one says, how to check it, and the verdict.

``data/claims.toml`` holds one table per quantitative claim. A claim is checked in one of
three ways: *recomputed* from the company records by a named metric, *internal* (the
article's own numbers checked against each other with an arithmetic expression), or *cited*
(an outside figure the records cannot check, listed with its attribution). Everything here
is pure: the loader reads the files, the renderer prints the result.
"""

from __future__ import annotations

import ast
import datetime as dt
import math
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from .alignment import Align
from .errors import CapexError, MissingDataError, OptionError, Problem
from .metrics import compare, convert, find_company, place, ratio
from .provenance import figure_row, fx_row, guidance_row
from .records import FIGURE_FIELDS, Company, Dataset, Record, Text
from .results import Choice, ClaimResult, ClaimsResult, GroupFigures, SourceRow

CLAIMS_SCHEMA_VERSION = 1

Kind = Literal["recomputed", "internal", "cited"]
Verdict = Literal["holds", "close", "fails", "cited", "unknown"]
Relation = Literal["approx", "at_least", "more_than", "at_most", "less_than", "within"]
Section = Literal["intro", "01", "02", "03", "04", "05"]
MetricName = Literal[
    "capex_ratio",
    "group_sum",
    "group_ratio",
    "min_company_growth",
    "company_sum",
    "company_ratio",
    "guidance_sum",
    "guidance_range",
    "convert",
]
#: The two choices the article never states: how fiscal years are aligned, and which FX rate.
ALIGNMENTS: tuple[Align, ...] = ("majority", "label")
#: CNY per USD implied by the article's own conversion (US$16B ≈ 1168亿).
ARTICLE_FX = 7.3
GROUP_FIELDS = ("capex", "operating_cash_flow", "shareholder_returns")


class Stated(Record):
    """What the article says: a number or a range, in the unit the metric returns."""

    #: The article's words for it, e.g. "5.36万亿" or "1:6".
    text: Text
    value: float | None = None
    low: float | None = None
    high: float | None = None
    #: How the claim relates the truth to the number: ≈, ≥, >, ≤, <, or inside a range.
    relation: Relation = "approx"

    @model_validator(mode="after")
    def _value_or_range(self) -> Stated:
        has_range = self.low is not None and self.high is not None
        if self.value is None and not has_range:
            raise ValueError("give value, or low and high")
        if self.value is not None and (self.low is not None or self.high is not None):
            raise ValueError("give value or low and high, not both")
        if has_range and self.high < self.low:  # type: ignore[operator]
            raise ValueError(f"high ({self.high}) is below low ({self.low})")
        if self.relation == "within" and not has_range:
            raise ValueError("relation 'within' needs low and high")
        return self


class Tolerance(Record):
    """How far a recomputed value may sit from the stated one and still hold."""

    absolute: Annotated[float, Field(gt=0)] | None = None
    relative: Annotated[float, Field(gt=0, lt=1)] | None = None
    #: The rule in words, e.g. "rounds to 6" or "约: within 10%".
    rule: Text

    @model_validator(mode="after")
    def _one_kind(self) -> Tolerance:
        if (self.absolute is None) == (self.relative is None):
            raise ValueError("give exactly one of absolute or relative")
        return self

    def allowance(self, reference: float) -> float:
        if self.absolute is not None:
            return self.absolute
        return abs(reference) * (self.relative or 0)


class Metric(Record):
    """A computation over the records; which parameters apply depends on ``name``."""

    name: MetricName
    group: Literal["US", "CN"] | None = None
    company: str | None = None
    #: Figure fields to add (company_sum), or capex / operating_cash_flow / shareholder_returns.
    fields: list[str] = Field(default_factory=list)
    numerator: list[str] = Field(default_factory=list)
    denominator: list[str] = Field(default_factory=list)
    #: group_ratio: capex_to_ocf or returns_to_capex.
    ratio: Literal["capex_to_ocf", "returns_to_capex"] | None = None
    #: A span of comparison years, first and last (group_sum, group_ratio).
    years: list[int] = Field(default_factory=list)
    #: One comparison year (capex_ratio, company_sum, company_ratio, guidance_*, convert).
    year: int | None = None
    from_year: int | None = None
    to_year: int | None = None
    currency: Literal["CNY", "USD"] = "CNY"
    #: guidance: which statement of each company (the first or the last of the year) and
    #: which end of its range.
    which: Literal["earliest", "latest"] = "latest"
    #: guidance: only statements made on or before this date (what the article could know).
    as_of: dt.date | None = None
    point: Literal["low", "mid", "high"] = "low"
    guidance_metric: Literal["capex", "total_expenses"] = "capex"
    #: convert: an amount in millions of ``from_currency``.
    amount: float | None = None
    from_currency: Literal["CNY", "USD"] | None = None

    @model_validator(mode="after")
    def _parameters(self) -> Metric:
        need: dict[str, tuple[str, ...]] = {
            "capex_ratio": ("year",),
            "group_sum": ("group", "fields", "years"),
            "group_ratio": ("group", "ratio", "years"),
            "min_company_growth": ("group", "from_year", "to_year"),
            "company_sum": ("company", "fields", "year"),
            "company_ratio": ("company", "numerator", "denominator", "year"),
            "guidance_sum": ("group", "year"),
            "guidance_range": ("company", "year"),
            "convert": ("amount", "from_currency", "year"),
        }
        missing = [p for p in need[self.name] if getattr(self, p) in (None, [])]
        if missing:
            raise ValueError(f"metric {self.name!r} needs {', '.join(missing)}")
        if self.years and (len(self.years) != 2 or self.years[0] > self.years[1]):
            raise ValueError("years is [first, last]")
        allowed = (*FIGURE_FIELDS, "shareholder_returns")
        for name in ("fields", "numerator", "denominator"):
            for item in getattr(self, name):
                if item not in allowed:
                    raise ValueError(f"{name}: unknown field {item!r}; one of {', '.join(allowed)}")
        if self.name == "group_sum":
            for item in self.fields:
                if item not in GROUP_FIELDS:
                    raise ValueError(f"group_sum adds {', '.join(GROUP_FIELDS)}, not {item!r}")
        return self


class Claim(Record):
    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]{0,62}$")]
    section: Section
    #: The article's words, in clean Simplified Chinese.
    quote_zh: Text
    claim_en: Text
    kind: Kind
    stated: Stated
    #: The unit of stated and recomputed values, e.g. "CNY millions", "multiple", "share".
    unit: Text
    tolerance: Tolerance | None = None
    metric: Metric | None = None
    #: internal: arithmetic on the article's own numbers, e.g. "1168 + 289"; with
    #: ``expression_high``, the low and high ends of a range the article states.
    expression: Text | None = None
    expression_high: Text | None = None
    #: cited: who the article says the figure comes from, if anyone.
    attribution: Text | None = None
    #: Context a reader needs to weigh the verdict, written by hand.
    explanation: Text

    @model_validator(mode="after")
    def _kind_needs(self) -> Claim:
        if self.kind == "recomputed" and self.metric is None:
            raise ValueError("a recomputed claim needs a metric")
        if self.kind == "internal" and self.expression is None:
            raise ValueError("an internal claim needs an expression")
        if self.kind != "cited" and self.tolerance is None:
            raise ValueError(f"a {self.kind} claim needs a tolerance")
        if self.kind != "recomputed" and self.metric is not None:
            raise ValueError("only a recomputed claim has a metric")
        for name in ("expression", "expression_high"):
            text = getattr(self, name)
            if text is not None:
                try:
                    evaluate_expression(text)
                except ValueError as exc:
                    raise ValueError(f"{name}: {exc}") from None
        if self.expression_high is not None and self.expression is None:
            raise ValueError("expression_high needs expression (the low end)")
        return self


class ClaimsFile(Record):
    schema_version: int
    #: The article: its title and where it was read.
    article: Text
    claims: list[Claim]


def check_claims(claims: ClaimsFile) -> list[Problem]:
    """What needs the whole file: unique ids, a known schema version."""
    problems: list[Problem] = []
    if claims.schema_version != CLAIMS_SCHEMA_VERSION:
        problems.append(
            Problem(
                "schema_version",
                f"this capex reads claims schema_version {CLAIMS_SCHEMA_VERSION}, "
                f"not {claims.schema_version}",
            )
        )
    seen: dict[str, int] = {}
    for index, claim in enumerate(claims.claims):
        if claim.id in seen:
            problems.append(
                Problem(
                    f"claims[{index}].id",
                    f"duplicate id {claim.id!r} (also claims[{seen[claim.id]}])",
                )
            )
        seen.setdefault(claim.id, index)
    return problems


# --- Internal arithmetic ---------------------------------------------------------------------

_OPERATORS: dict[type, Callable[[float, float], float]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}


def evaluate_expression(expression: str) -> float:
    """``"1168 + 289"`` -> 1457.0: numbers, + - * / and brackets only, never ``eval``."""
    try:
        tree = ast.parse(expression.replace(",", ""), mode="eval")
    except SyntaxError:
        raise ValueError(f"not arithmetic: {expression!r}") from None

    def walk(node: ast.AST) -> float:
        if isinstance(node, ast.Expression):
            return walk(node.body)
        if isinstance(node, ast.Constant) and type(node.value) in (int, float):
            return float(node.value)  # type: ignore[arg-type]  # int or float, checked above
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            return -walk(node.operand)
        if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
            right = walk(node.right)
            if isinstance(node.op, ast.Div) and right == 0:
                raise ValueError("division by zero")
            return _OPERATORS[type(node.op)](walk(node.left), right)
        raise ValueError(f"only numbers, + - * / and brackets are allowed: {expression!r}")

    return walk(tree)


# --- Evaluation ------------------------------------------------------------------------------


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


def judge(stated: Stated, tolerance: Tolerance | None, value: float | None) -> Verdict:
    """holds, close (within twice the tolerance), or fails; unknown without a value."""
    if value is None or tolerance is None or math.isnan(value):
        return "unknown"
    if stated.relation == "within":
        low, high = stated.low, stated.high
        assert low is not None and high is not None
        miss = max(low - value, value - high, 0.0)
        allowed = tolerance.allowance((low + high) / 2)
        return "holds" if miss == 0 else "close" if miss <= 2 * allowed else "fails"
    if stated.value is not None:
        target = stated.value
    else:
        target = ((stated.low or 0) + (stated.high or 0)) / 2
    allowed = tolerance.allowance(target)
    if stated.relation == "approx":
        miss = abs(value - target)
        return "holds" if miss <= allowed else "close" if miss <= 2 * allowed else "fails"
    satisfied = {
        "at_least": value >= target,
        "more_than": value > target,
        "at_most": value <= target,
        "less_than": value < target,
    }[stated.relation]
    if satisfied:
        return "holds"
    return "close" if abs(value - target) <= 2 * allowed else "fails"


def judge_range(stated: Stated, tolerance: Tolerance | None, low: float, high: float) -> Verdict:
    """A stated range against a recomputed one: both ends must agree."""
    if tolerance is None or stated.low is None or stated.high is None:
        return "unknown"
    ends = [
        judge(Stated(text="low end", value=stated.low), tolerance, low),
        judge(Stated(text="high end", value=stated.high), tolerance, high),
    ]
    for verdict in ("fails", "close"):
        if verdict in ends:
            return verdict  # type: ignore[return-value]
    return "holds"


def run_metric(metric: Metric, dataset: Dataset, align: Align, fx: float | None) -> Evaluation:
    """Evaluate a metric; ``fx`` None means the annual averages in the records."""
    handler = _METRICS[metric.name]
    return handler(metric, dataset, align, fx)


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


def _figure_fields(name: str) -> tuple[str, ...]:
    return ("buybacks", "dividends") if name == "shareholder_returns" else (name,)


def _fx_inputs(dataset: Dataset, years: Sequence[int], fx: float | None) -> list[SourceRow]:
    if fx is not None:
        return []
    return [row for y in years if (row := _rate(dataset, y, None)[1]) is not None]


def _metric_capex_ratio(m: Metric, d: Dataset, align: Align, fx: float | None) -> Evaluation:
    assert m.year is not None
    result = compare(d, currency=m.currency, years=(m.year, m.year), fx=fx, align=align)
    row = result.years[0]
    inputs = [
        *_group_inputs(d, "US", [m.year], ["capex"], align),
        *_group_inputs(d, "CN", [m.year], ["capex"], align),
        *_fx_inputs(d, [m.year], fx),
    ]
    missing = _gaps(row.us, ["capex"]) + _gaps(row.cn, ["capex"])
    return Evaluation(row.us_to_cn_capex_ratio, inputs=inputs, missing=missing)


def _span(m: Metric) -> list[int]:
    return list(range(m.years[0], m.years[1] + 1))


def _metric_group_sum(m: Metric, d: Dataset, align: Align, fx: float | None) -> Evaluation:
    result = compare(d, currency=m.currency, years=(m.years[0], m.years[1]), fx=fx, align=align)
    group = result.totals.us if m.group == "US" else result.totals.cn
    values = [getattr(group, name) for name in m.fields]
    total = None if any(v is None for v in values) else sum(values)
    assert m.group is not None
    inputs = _group_inputs(d, m.group, _span(m), m.fields, align) + _fx_inputs(d, _span(m), fx)
    return Evaluation(total, inputs=inputs, missing=_gaps(group, m.fields))


def _metric_group_ratio(m: Metric, d: Dataset, align: Align, fx: float | None) -> Evaluation:
    result = compare(d, currency=m.currency, years=(m.years[0], m.years[1]), fx=fx, align=align)
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
        getattr(group, m.ratio), inputs=inputs, missing=_gaps(group, parts), notes=notes
    )


def _company_year(d: Dataset, company: Company, year: int, align: Align) -> tuple[Any, list[str]]:
    for c, fy in place(d, align).get(year, []):
        if c.id == company.id:
            return fy, []
    return None, [f"{company.id}: no record for {year}"]


def _metric_min_company_growth(m: Metric, d: Dataset, align: Align, fx: float | None) -> Evaluation:
    assert m.from_year is not None and m.to_year is not None
    growths: list[float] = []
    inputs: list[SourceRow] = []
    missing: list[str] = []
    notes: list[str] = []
    for company in d.companies:
        if company.region != m.group:
            continue
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


def _metric_company_sum(m: Metric, d: Dataset, align: Align, fx: float | None) -> Evaluation:
    total, rows, missing = _company_amounts(m, d, align, fx, m.fields)
    return Evaluation(total, inputs=rows, missing=missing)


def _metric_company_ratio(m: Metric, d: Dataset, align: Align, fx: float | None) -> Evaluation:
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


def _metric_guidance_sum(m: Metric, d: Dataset, align: Align, fx: float | None) -> Evaluation:
    assert m.year is not None
    total = 0.0
    inputs: list[SourceRow] = []
    missing: list[str] = []
    notes: list[str] = []
    for company in d.companies:
        if company.region != m.group:
            continue
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


def _metric_guidance_range(m: Metric, d: Dataset, align: Align, fx: float | None) -> Evaluation:
    company = _company(d, m)
    g = _pick_guidance(company, m)
    if g is None:
        return Evaluation(None, missing=[f"{company.id}: no {m.guidance_metric} guidance"])
    high = g.high if g.high is not None else g.low
    return Evaluation((g.low + high) / 2, low=g.low, high=high, inputs=[guidance_row(company, g)])


def _metric_convert(m: Metric, d: Dataset, align: Align, fx: float | None) -> Evaluation:
    assert m.amount is not None and m.from_currency is not None and m.year is not None
    if m.from_currency == m.currency:
        return Evaluation(m.amount)
    rate, row = _rate(d, m.year, fx)
    value = convert(m.amount, m.from_currency, m.currency, rate)
    return Evaluation(value, inputs=[row] if row is not None else [])


_METRICS: dict[str, Callable[[Metric, Dataset, Align, float | None], Evaluation]] = {
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


def describe(claim: Claim) -> str:
    """The method in words, for the one-claim view."""
    if claim.kind == "cited":
        source = f" ({claim.attribution})" if claim.attribution else ""
        return f"Cited by the article{source}; the records cannot check it."
    if claim.kind == "internal":
        if claim.expression_high is not None:
            return (
                f"The article's own numbers: low {claim.expression}, high {claim.expression_high}."
            )
        return f"The article's own numbers: {claim.expression}."
    m = claim.metric
    assert m is not None
    span = f"{m.years[0]}-{m.years[1]}" if m.years else str(m.year)
    texts: dict[str, Callable[[], str]] = {
        "capex_ratio": lambda: f"US group capex / China group capex in {span}, in {m.currency}",
        "group_sum": lambda: (
            f"{m.group} group {' + '.join(m.fields)}, {span}, {m.currency} millions"
        ),
        "group_ratio": lambda: f"{m.group} group {m.ratio}, {span} (sum over sum)",
        "min_company_growth": lambda: (
            f"the smallest {m.to_year}/{m.from_year} capex multiple among the {m.group} group"
        ),
        "company_sum": lambda: (
            f"{m.company} {' + '.join(m.fields)} in {span}, {m.currency} millions"
        ),
        "company_ratio": lambda: (
            f"{m.company} ({' + '.join(m.numerator)}) / ({' + '.join(m.denominator)}) in {span}"
        ),
        "guidance_sum": lambda: (
            f"sum of the {m.group} group's {m.which} {m.guidance_metric} guidance for {span} "
            f"({m.point} end), {m.currency} millions"
        ),
        "guidance_range": lambda: (
            f"{m.company}'s {m.which} {m.guidance_metric} guidance for {span}"
        ),
        "convert": lambda: (
            f"{m.amount:g} {m.from_currency} millions in {m.currency} at the {span} rate"
        ),
    }
    text = texts[m.name]()
    return text[0].upper() + text[1:] + "."


def _fx_label(fx: float | None) -> str:
    return "annual" if fx is None else f"{fx:g}"


def assess(
    claim: Claim, dataset: Dataset, align: Align = "majority", fx: float | None = None
) -> ClaimResult:
    """One claim's verdict, with its sensitivity to alignment and FX."""
    stated = claim.stated.model_dump(exclude_none=True)
    base: dict[str, Any] = {
        "id": claim.id,
        "section": claim.section,
        "quote_zh": claim.quote_zh,
        "claim_en": claim.claim_en,
        "kind": claim.kind,
        "stated": stated,
        "unit": claim.unit,
        "tolerance": claim.tolerance.rule if claim.tolerance else None,
        "explanation": claim.explanation,
        "method": describe(claim),
        "attribution": claim.attribution,
    }
    if claim.kind == "cited":
        return ClaimResult(
            **base,
            recomputed=None,
            recomputed_range=None,
            verdict="cited",
            complete=False,
            missing=[],
            sensitivity=[],
            inputs=[],
        )
    if claim.kind == "internal":
        assert claim.expression is not None
        value = evaluate_expression(claim.expression)
        span: list[float] | None = None
        verdict = judge(claim.stated, claim.tolerance, value)
        if claim.expression_high is not None:
            span = [value, evaluate_expression(claim.expression_high)]
            value = (span[0] + span[1]) / 2
            verdict = judge_range(claim.stated, claim.tolerance, span[0], span[1])
        return ClaimResult(
            **base,
            recomputed=value,
            recomputed_range=span,
            verdict=verdict,
            complete=True,
            missing=[],
            sensitivity=[],
            inputs=[],
        )
    assert claim.metric is not None

    def verdict_of(evaluation: Evaluation) -> Verdict:
        ranges = (evaluation.low, evaluation.high, claim.stated.low, claim.stated.high)
        if all(end is not None for end in ranges):
            return judge_range(claim.stated, claim.tolerance, evaluation.low, evaluation.high)  # type: ignore[arg-type]
        return judge(claim.stated, claim.tolerance, evaluation.value)

    def attempt(a: Align, rate: float | None) -> Evaluation:
        try:
            return run_metric(claim.metric, dataset, a, rate)  # type: ignore[arg-type]
        except CapexError as exc:
            # A year without data under one alignment is a finding, not a crash.
            return Evaluation(None, missing=[exc.message])

    main = attempt(align, fx)
    sensitivity = []
    for a in ALIGNMENTS:
        for rate in (None, ARTICLE_FX):
            evaluation = main if (a, rate) == (align, fx) else attempt(a, rate)
            sensitivity.append(
                Choice(
                    align=a,
                    fx=_fx_label(rate),
                    recomputed=evaluation.value,
                    verdict=verdict_of(evaluation),
                )
            )
    explanation = claim.explanation
    if main.notes:
        explanation += " (" + "; ".join(main.notes) + ")"
    base["explanation"] = explanation
    has_range = main.low is not None and main.high is not None
    return ClaimResult(
        **base,
        recomputed=main.value,
        recomputed_range=[main.low, main.high] if has_range else None,  # type: ignore[list-item]
        verdict=verdict_of(main),
        complete=not main.missing,
        missing=main.missing,
        sensitivity=sensitivity,
        inputs=main.inputs,
    )


def ledger(
    claims: ClaimsFile,
    dataset: Dataset,
    *,
    align: Align = "majority",
    fx: float | None = None,
    only: str | None = None,
) -> ClaimsResult:
    """Every claim (or the one named ``only``) with its verdict."""
    if fx is not None and not (0 < fx < 1000):
        raise OptionError(f"--fx {fx}: a CNY per USD rate must be a positive number, e.g. 7.19")
    chosen = claims.claims
    if only is not None:
        chosen = [c for c in claims.claims if c.id == only]
        if not chosen:
            ids = [c.id for c in claims.claims]
            close = [i for i in ids if only in i or i in only][:5]
            hint = f"; did you mean: {', '.join(close)}?" if close else ""
            raise OptionError(f"no claim {only!r}{hint} (see `capex claims`)")
    for claim in chosen:
        if claim.metric is not None and claim.metric.company is not None:
            try:
                find_company(dataset, claim.metric.company)
            except CapexError:
                raise MissingDataError(
                    f"claim {claim.id!r} is about {claim.metric.company!r}, "
                    "which is not in the data"
                ) from None
    results = [assess(c, dataset, align, fx) for c in chosen]
    summary = dict.fromkeys(("holds", "close", "fails", "unknown", "cited"), 0)
    for r in results:
        summary[r.verdict] += 1
    return ClaimsResult(
        article=claims.article,
        align=align,
        fx=_fx_label(fx),
        claims=results,
        summary=summary,
    )
