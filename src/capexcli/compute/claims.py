"""The article's claims checked: each claim's value, its verdict, and how the verdict moves.

A claim is read from the claims file (claims_file.py); a recomputed one is evaluated by its
metric (claim_metrics.py). Here each value is judged against what the article states, once
as asked and again under every fiscal-year alignment and FX choice, and the claims are
gathered into the ledger. Everything here is pure: claims_file.py reads the file, the
renderer prints the result.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Literal, get_args

from capexcli.compute.claim_metrics import Evaluation, run_metric
from capexcli.compute.claims_file import (
    Claim,
    ClaimsFile,
    Kind,
    Section,
    Stated,
    Tolerance,
    evaluate_expression,
)
from capexcli.compute.metrics import Memo, check_fx_rate
from capexcli.errors import CapexError, MissingDataError, OptionError, RequestError
from capexcli.model.alignment import Align
from capexcli.model.records import Dataset, find_company
from capexcli.results import Choice, ClaimResult, ClaimsResult, LatestView

if TYPE_CHECKING:
    from capexcli.compute.readings import Rewrites

Verdict = Literal[
    "holds", "close", "fails", "cited", "unknown", "insufficient", "consistent", "inconsistent"
]
#: The two choices the article never states: how fiscal years are aligned, and which FX rate.
ALIGNMENTS: tuple[Align, ...] = ("majority", "label")
#: CNY per USD implied by the article's own conversion (US$16B ≈ 1168亿).
ARTICLE_FX = 7.3


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
    claim: Claim,
    dataset: Dataset,
    align: Align = "majority",
    fx: float | None = None,
    like_for_like: bool = False,
    readings: bool = False,
    *,
    memo: Memo | None = None,
    rewrites: Rewrites | None = None,
) -> ClaimResult:
    """One claim's verdict, with its sensitivity to alignment and FX; with ``readings``, the
    search of the readings that reproduce the stated number (readings.py). ``memo`` and
    ``rewrites`` may be shared by the claims assessed on ``dataset``."""
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
        "tolerance_zh": claim.tolerance.rule_zh if claim.tolerance else None,
        "explanation": claim.explanation,
        "explanation_zh": claim.explanation_zh,
        "method": describe(claim),
        "attribution": claim.attribution,
        "attribution_zh": claim.attribution_zh,
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
            # The article against itself: agreeing with itself confirms nothing about the
            # filings, so these never read "holds".
            verdict="consistent" if verdict == "holds" else "inconsistent",
            complete=True,
            missing=[],
            sensitivity=[],
            inputs=[],
        )
    assert claim.metric is not None

    def verdict_of(evaluation: Evaluation) -> Verdict:
        if evaluation.partial:
            return "insufficient"  # a value on part of a group neither holds nor fails
        ranges = (evaluation.low, evaluation.high, claim.stated.low, claim.stated.high)
        if all(end is not None for end in ranges):
            return judge_range(claim.stated, claim.tolerance, evaluation.low, evaluation.high)  # type: ignore[arg-type]
        return judge(claim.stated, claim.tolerance, evaluation.value)

    def attempt(a: Align, rate: float | None) -> Evaluation:
        try:
            return run_metric(claim.metric, dataset, a, rate, like_for_like, memo)  # type: ignore[arg-type]
        except CapexError as exc:
            # A year without data under one alignment is a finding, not a crash.
            return Evaluation(None, missing=[exc.message])

    def decided(evaluation: Evaluation, a: Align, rate: float | None) -> tuple[Verdict, Any]:
        """The verdict, decided over the bounds of what a partial value misses."""
        if not evaluation.partial or like_for_like:
            return verdict_of(evaluation), None
        from capexcli.compute.bounds import decide

        def judge_value(value: float) -> str:
            return judge(claim.stated, claim.tolerance, value)

        bounds = decide(claim.metric, dataset, a, rate, judge_value, memo)  # type: ignore[arg-type]
        if bounds is None or bounds.decided is None:
            return "insufficient", bounds
        return bounds.decided, bounds

    main = attempt(align, fx)
    main_verdict, bounds = decided(main, align, fx)
    sensitivity = []
    for a in ALIGNMENTS:
        for rate in (None, ARTICLE_FX):
            evaluation = main if (a, rate) == (align, fx) else attempt(a, rate)
            sensitivity.append(
                Choice(
                    align=a,
                    fx=_fx_label(rate),
                    recomputed=evaluation.value,
                    verdict=main_verdict if evaluation is main else decided(evaluation, a, rate)[0],
                )
            )
    explanation = claim.explanation
    if main.notes:
        explanation += " (" + "; ".join(main.notes) + ")"
    base["explanation"] = explanation
    base["notes"] = main.notes
    has_range = main.low is not None and main.high is not None
    if readings:
        from capexcli.compute.readings import search

        found, info = search(claim, dataset, align, fx, like_for_like, verdict_of, rewrites)
        base["readings"] = found
        base["reading_search"] = info
    return ClaimResult(
        **base,
        recomputed=main.value,
        recomputed_range=[main.low, main.high] if has_range else None,  # type: ignore[list-item]
        verdict=main_verdict,
        bounds=bounds,
        forecast_overtaken=_overtaken(claim, main.value, main_verdict),
        complete=not main.missing,
        missing=main.missing,
        partial=main.partial,
        sensitivity=sensitivity,
        inputs=main.inputs,
    )


def _overtaken(claim: Claim, value: float | None, verdict: str) -> bool:
    """A forecast that the actuals went past (it said 40%, the filings show 64%)."""
    target = claim.stated.value
    if not claim.forecast or value is None or target is None or verdict not in ("fails", "close"):
        return False
    return claim.stated.relation in ("approx", "at_least", "more_than") and value > target


def find_claim(claims: ClaimsFile, wanted: str) -> Claim:
    """The claim of id ``wanted``, in any case; else an error that names the closest ids
    (those it begins, else those spelt nearly alike)."""
    import difflib

    key = wanted.strip().lower()
    ids = [c.id for c in claims.claims]
    exact = [c for c in claims.claims if c.id == key]
    if exact:
        return exact[0]
    starts = [c for c in claims.claims if c.id.startswith(key)] if key else []
    close = [c.id for c in starts][:5] or difflib.get_close_matches(key, ids, n=5, cutoff=0.6)
    close = close or [i for i in ids if key and (key in i or i in key)][:5]
    hint = f"; did you mean: {', '.join(close)}?" if close else ""
    raise RequestError(f"no claim {wanted!r}{hint} (see `capex claims`)")


SECTIONS: tuple[str, ...] = get_args(Section)
KINDS: tuple[str, ...] = get_args(Kind)
VERDICTS: tuple[str, ...] = get_args(Verdict)


def select(
    result: ClaimsResult,
    verdicts: Sequence[str] = (),
    sections: Sequence[str] = (),
    kinds: Sequence[str] = (),
) -> ClaimsResult:
    """Only the claims with these verdicts, in these sections, of these kinds (an empty
    choice keeps all); the summary still counts every claim, so the listing can say how many
    it shows of how many."""
    for name, given, allowed in (
        ("verdict", verdicts, VERDICTS),
        ("section", sections, SECTIONS),
        ("kind", kinds, KINDS),
    ):
        for value in given:
            if value not in allowed:
                raise OptionError(f"--{name} {value!r}: choose from {', '.join(allowed)}")
    picked = [
        c
        for c in result.claims
        if (not verdicts or c.verdict in verdicts)
        and (not sections or c.section in sections)
        and (not kinds or c.kind in kinds)
    ]
    return result.model_copy(update={"claims": picked})


def ledger(
    claims: ClaimsFile,
    dataset: Dataset,
    *,
    align: Align = "majority",
    fx: float | None = None,
    only: str | None = None,
    like_for_like: bool = False,
    readings: bool = False,
) -> ClaimsResult:
    """Every claim (or the one named ``only``) with its verdict (and, with ``readings``, the
    readings searched)."""
    check_fx_rate(fx)
    chosen = claims.claims
    if only is not None:
        chosen = [find_claim(claims, only)]
    for claim in chosen:
        if claim.metric is not None and claim.metric.company is not None:
            try:
                find_company(dataset, claim.metric.company)
            except CapexError:
                raise MissingDataError(
                    f"claim {claim.id!r} is about {claim.metric.company!r}, "
                    "which is not in the data"
                ) from None
    # The claims compute on variants of one dataset: they share the parts they have in common.
    memo = Memo()
    rewrites = None
    if readings:
        from capexcli.compute.readings import Rewrites

        rewrites = Rewrites(dataset, memo)
    results = [
        assess(c, dataset, align, fx, like_for_like, readings, memo=memo, rewrites=rewrites)
        for c in chosen
    ]
    order = (
        "holds",
        "close",
        "fails",
        "unknown",
        "insufficient",
        "cited",
        "consistent",
        "inconsistent",
    )
    summary = dict.fromkeys(order, 0)
    for r in results:
        summary[r.verdict] += 1
    return ClaimsResult(
        article=claims.article,
        align=align,
        fx=_fx_label(fx),
        claims=results,
        summary=summary,
    )


def beside_latest(then: ClaimsResult, latest: ClaimsResult) -> ClaimsResult:
    """``then`` (a run --as-of a date or as first reported) with each claim's value and
    verdict on the latest filings beside it, and the claims they move listed."""
    now = {c.id: c for c in latest.claims}
    claims = []
    for claim in then.claims:
        other = now[claim.id]
        view = LatestView(
            recomputed=other.recomputed,
            recomputed_range=other.recomputed_range,
            verdict=other.verdict,
        )
        moved = (
            other.verdict != claim.verdict
            or other.recomputed != claim.recomputed
            or other.recomputed_range != claim.recomputed_range
        )
        claims.append(claim.model_copy(update={"latest": view, "moved": moved}))
    return then.model_copy(update={"claims": claims, "moved": [c.id for c in claims if c.moved]})
