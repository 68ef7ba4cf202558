"""The claims file, ``data/claims.toml``: its schema, the rules across claims, and reading it.

The file holds one table per quantitative claim of the article. A claim is checked in one of
three ways: *recomputed* from the company records by a named metric, *internal* (the
article's own numbers checked against each other with an arithmetic expression), or *cited*
(an outside figure the records cannot check, listed with its attribution). What a claim's
check comes to is worked out in claim_metrics.py and claims.py.
"""

from __future__ import annotations

import ast
import datetime as dt
import operator
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, model_validator

from capexcli.errors import Problem
from capexcli.model.checks import repeats
from capexcli.model.records import FIGURE_FIELDS, SLUG, Record, Text
from capexcli.store.loader import parse_document, read_text

CLAIMS_SCHEMA_VERSION = 1

Kind = Literal["recomputed", "internal", "cited"]
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
#: What a group_sum can add: the totals compare() keeps for each group.
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
    #: The rule in Chinese, for ``--lang zh`` (optional: the English shows without it).
    rule_zh: Text | None = None

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
    id: Annotated[str, Field(pattern=SLUG)]
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
    attribution_zh: Text | None = None
    #: The claim in a few words, for `capex check`: a claim with one is a headline claim.
    headline: Text | None = None
    headline_zh: Text | None = None
    #: A forecast ("will reach 40%") checked against the actuals filed since: a miss past
    #: the stated number says the filings overtook it, not a bare "fails".
    forecast: bool = False
    #: Context a reader needs to weigh the verdict, written by hand.
    explanation: Text
    #: The explanation in Chinese, for ``--lang zh`` (optional: the English shows without
    #: it). A translation: it adds no fact the English does not state.
    explanation_zh: Text | None = None

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
    #: When the article appeared: what `capex claims --as-of article` checks it against.
    published: dt.date | None = None
    #: How that date is known (or bounded), for readers of the as-of footnote.
    published_note: Text | None = None
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
    problems += [
        Problem(f"claims[{k}].id", f"duplicate id {cid!r} (also claims[{first}])")
        for k, cid, first in repeats(enumerate(c.id for c in claims.claims))
    ]
    return problems


def load_claims(path: Path | str) -> ClaimsFile:
    """Read, validate and check a claims file; every problem is raised at once with its line."""
    path = Path(path)
    return parse_document(read_text(path), path, ClaimsFile, check_claims)


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
