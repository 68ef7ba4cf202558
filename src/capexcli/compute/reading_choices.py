"""The choices a reading of a claim can make, each a departure from the standard reading
(see :mod:`capexcli.compute.readings`, which combines and computes them): another alignment
rule, a round FX rate, a span shifted or cut by a year, a member left out, or a definition
built from a company's statement lines (capex with intangibles or land use rights, the headline
capex, Amazon net of proceeds; returns and financing from the financing section's lines)."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from capexcli.compute.claim_metrics import Evaluation
from capexcli.compute.claims_file import Claim, Metric
from capexcli.model.alignment import READING_RULE_WORDS, READING_RULES
from capexcli.model.records import Company, Dataset, FiscalYear, StatementLine
from capexcli.results import ReadingLine, SourceRow

#: A round CNY per USD rate a reader might use (the article's own conversions imply it).
ROUND_FX = 7.3

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


def row_line(row: SourceRow) -> ReadingLine:
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
                yield _definition(company, f"{words} ({years})", figures)
        net: dict[int, tuple[float, list[ReadingLine]]] = {}
        for year in company.years:
            if year.capex is not None and year.capex_proceeds is not None:
                lines = [
                    _figure_line(company, year, "capex", 1.0),
                    _figure_line(company, year, "capex_proceeds", -1.0),
                ]
                net[year.fiscal_year] = (sum(ln.value for ln in lines), lines)
        if net:
            yield _definition(company, "capex net of proceeds", net)


def _definition(
    company: Company, words: str, figures: dict[int, tuple[float, list[ReadingLine]]]
) -> Choice:
    """Another definition of a company's capex: its value and lines per fiscal year."""
    return Choice(
        "definition",
        f"capex {company.id}",
        f"{company.id} {words}",
        company=company.id,
        figures={"capex": figures},
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


def candidates(ctx: Context) -> list[Choice]:
    """Every single departure the claim admits, before those that change nothing are dropped."""
    m = ctx.claim.metric
    assert m is not None
    found = [*_alignment_choices(ctx), *_fx_choices(ctx), *_span_choices(m), *_scope_choices(ctx)]
    if _uses_capex(m):
        found += list(_capex_choices(ctx))
    return found + list(_returns_choices(ctx))
