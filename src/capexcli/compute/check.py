"""`capex check`: the article's headline claims answered on one screen.

The headline claims are those the claims file gives a ``headline``; their verdicts come from
the ledger (claims.py) with its readings. The opening sentence's trend is the capex ratio at
both ends of the span the ratio claims name, like for like (the same companies in every
year), computed by compare(): nothing in the answer is written by hand but the claims' words.
"""

from __future__ import annotations

from capexcli.compute.claims_file import ClaimsFile
from capexcli.compute.comparison import compare
from capexcli.model.records import Dataset
from capexcli.results import CheckResult, CheckRow, ClaimResult, ClaimsResult, Trend


def span_of(claims: ClaimsFile) -> tuple[int, int]:
    """The first and last year of the headline ratio claims (the article's 1:6 and 1:10)."""
    years = [
        c.metric.year
        for c in claims.claims
        if c.headline and c.metric is not None and c.metric.name == "capex_ratio"
    ]
    known = [y for y in years if y is not None]
    if not known:
        return (2020, 2024)
    return (min(known), max(known))


def trend(dataset: Dataset, years: tuple[int, int], align: str, fx: float | None) -> Trend:
    result = compare(dataset, years=years, fx=fx, align=align, like_for_like=True)  # type: ignore[arg-type]
    ratios = {row.year: row.us_to_cn_capex_ratio for row in result.years}
    dropped = {gid: set(ids) for gid, ids in result.dropped.items()}
    members = {
        g.id: [m for m in g.members if m not in dropped.get(g.id.upper(), set())]
        for g in result.groups
    }
    return Trend(
        first_year=years[0],
        last_year=years[1],
        first_ratio=ratios.get(years[0]),
        last_ratio=ratios.get(years[1]),
        us_members=members.get("us", []),
        cn_members=members.get("cn", []),
        left_out=sorted(i for ids in dropped.values() for i in ids),
    )


def _share_not_confirmed(claim: ClaimResult) -> float | None:
    """By amount, with USD figures in CNY at the run's rates (the first rate found)."""
    rates = [row.value for row in claim.inputs if row.kind == "fx"]
    rate = rates[0] if rates else 7.3
    total = unconfirmed = 0.0
    for row in claim.inputs:
        if row.kind != "figure":
            continue
        amount = abs(row.value) * (rate if row.currency == "USD" else 1.0)
        total += amount
        if row.status != "confirmed":
            unconfirmed += amount
    return unconfirmed / total if total else None


def why(claim: ClaimResult) -> str:
    """One line of why, in English: the bounds, the forecast, the readings, in that order."""
    if claim.bounds is not None:
        return claim.bounds.summary
    if claim.forecast_overtaken:
        return "a forecast the filings have overtaken"
    search = claim.reading_search
    if search is not None:
        return search.summary
    return claim.explanation.split(". ")[0]


def _range(
    claim: ClaimResult, allowance: float | None, align: str, fx: str
) -> tuple[float | None, float | None, str | None, str | None]:
    """Where the alignment choices (at the run's FX), or else the FX choices (at the run's
    alignment), disagree on the verdict or by more than the claim's tolerance: the lowest
    and highest values, each named by its choice."""
    for pick, name in (
        (lambda c: c.fx == fx, lambda c: c.align),
        (lambda c: c.align == align, lambda c: c.fx),
    ):
        known = [c for c in claim.sensitivity if pick(c) and c.recomputed is not None]
        if len(known) < 2:
            continue
        low = min(known, key=lambda c: c.recomputed or 0.0)
        high = max(known, key=lambda c: c.recomputed or 0.0)
        spread = (high.recomputed or 0.0) - (low.recomputed or 0.0)
        turns = len({c.verdict for c in known}) > 1
        if turns or (allowance is not None and spread > allowance):
            return low.recomputed, high.recomputed, name(low), name(high)
    return None, None, None, None


def _row(
    claim: ClaimResult,
    words: tuple[str | None, str | None],
    allowance: float | None,
    run: tuple[str, str],
) -> CheckRow:
    low, high, low_name, high_name = _range(claim, allowance, *run)
    return CheckRow(
        id=claim.id,
        claim=words[0] or claim.id,
        claim_zh=words[1],
        stated=claim.stated.get("text", ""),
        unit=claim.unit,
        value=claim.recomputed,
        low=low,
        high=high,
        low_reading=low_name,
        high_reading=high_name,
        verdict=claim.verdict,
        why=why(claim),
        not_confirmed_share=_share_not_confirmed(claim),
        missing_members=claim.partial,
    )


def answer_sentence(t: Trend, summary: dict[str, int], total: int) -> str:
    ratio = (
        f"China's capex was 1:{t.first_ratio:.1f} of the US group's in {t.first_year} and "
        f"1:{t.last_ratio:.1f} in {t.last_year}"
        if t.first_ratio is not None and t.last_ratio is not None
        else f"The data cannot compare {t.first_year} with {t.last_year}"
    )
    same = (
        f"the same {len(t.us_members)} US and {len(t.cn_members)} Chinese companies in every year"
    )
    counts = (
        f"of the article's {total} headline claims, {summary.get('holds', 0)} hold, "
        f"{summary.get('close', 0)} are close, {summary.get('fails', 0)} fail and "
        f"{summary.get('insufficient', 0) + summary.get('unknown', 0)} cannot be decided "
        "on the data"
    )
    return f"{ratio} ({same}); {counts}."


def check(
    claims: ClaimsFile,
    ledger: ClaimsResult,
    dataset: Dataset,
    align: str,
    fx: float | None,
) -> CheckResult:
    """The answer screen from a ledger run on the headline claims."""
    words = {c.id: (c.headline, c.headline_zh) for c in claims.claims if c.headline}
    allowances = {
        c.id: c.tolerance.allowance(c.stated.value)
        for c in claims.claims
        if c.tolerance is not None and c.stated.value is not None
    }
    chosen = [c for c in ledger.claims if c.id in words]
    rows = [_row(c, words[c.id], allowances.get(c.id), (ledger.align, ledger.fx)) for c in chosen]
    summary: dict[str, int] = {}
    for row in rows:
        summary[row.verdict] = summary.get(row.verdict, 0) + 1
    t = trend(dataset, span_of(claims), align, fx)
    return CheckResult(
        article=ledger.article,
        answer=answer_sentence(t, summary, len(rows)),
        trend=t,
        rows=rows,
        claims=chosen,
        summary=summary,
        align=ledger.align,
        fx=ledger.fx,
        groups=ledger.groups,
        like_for_like=ledger.like_for_like,
        as_of=ledger.as_of,
    )
