"""The claims ledger: verdicts, and claims assessed end to end, with values worked out by
hand from tests/data/small.toml; then the shipped data/claims.toml against the shipped data."""

from __future__ import annotations

import dataclasses
import tomllib

import pytest

from capexcli.compute.claims import assess, judge, judge_range, ledger
from capexcli.compute.claims_file import Claim, ClaimsFile, Stated, Tolerance, load_claims
from capexcli.errors import RequestError
from capexcli.model.records import Dataset
from capexcli.store.loader import load
from tests.compute.test_claims_file import SHIPPED_CLAIMS, claim
from tests.conftest import REPO, SMALL


@pytest.fixture(scope="module")
def small() -> Dataset:
    return load(SMALL).dataset


# --- verdicts --------------------------------------------------------------------------------

ROUNDS = Tolerance(absolute=0.5, rule="rounds to N")
TEN_PERCENT = Tolerance(relative=0.10, rule="within 10%")


@pytest.mark.parametrize(
    ("value", "verdict"),
    [
        (6.0, "holds"),
        (5.6, "holds"),
        (6.5, "holds"),
        (6.9, "close"),
        (5.0, "close"),
        (7.1, "fails"),
    ],
)
def test_ratio_rounds_to_n(value: float, verdict: str) -> None:
    assert judge(Stated(text="1:6", value=6), ROUNDS, value) == verdict


def test_relative_tolerance() -> None:
    stated = Stated(text="1.7万亿", value=1_700_000)
    assert judge(stated, TEN_PERCENT, 1_563_388) == "holds"  # -8.0%
    assert judge(stated, TEN_PERCENT, 1_400_000) == "close"  # -17.6%
    assert judge(stated, TEN_PERCENT, 1_300_000) == "fails"  # -23.5%
    assert judge(stated, TEN_PERCENT, None) == "unknown"


def test_inequalities() -> None:
    more = Stated(text="2倍以上", value=2, relation="more_than")
    five = Tolerance(relative=0.05, rule="5%")
    assert judge(more, five, 2.01) == "holds"
    assert judge(more, five, 2.0) == "close"  # not more than 2, but within 0.2 of it
    assert judge(more, five, 1.81) == "close"
    assert judge(more, five, 1.71) == "fails"
    at_most = Stated(text="≤15%", value=0.15, relation="at_most")
    assert judge(at_most, five, 0.15) == "holds"
    assert judge(at_most, five, 0.20) == "fails"


def test_ranges() -> None:
    within = Stated(text="6-10", low=6, high=10, relation="within")
    assert judge(within, ROUNDS, 8.5) == "holds"
    assert judge(within, ROUNDS, 10.8) == "close"
    assert judge(within, ROUNDS, 11.2) == "fails"
    span = Stated(text="114-118", low=114, high=118, relation="within")
    two = Tolerance(relative=0.02, rule="2%")
    assert judge_range(span, two, 114, 118) == "holds"
    assert judge_range(span, two, 116, 118) == "holds"  # 116 is 1.75% above 114
    assert judge_range(span, two, 117, 118) == "close"  # 2.6% off at the low end
    assert judge_range(span, two, 110, 130) == "fails"


# --- a claim end to end ----------------------------------------------------------------------


def ratio_claim(stated: float) -> Claim:
    return claim(
        kind="recomputed",
        stated={"text": f"1:{stated:g}", "value": stated},
        tolerance={"absolute": 0.5, "rule": "rounds"},
        metric={"name": "capex_ratio", "year": 2023},
    )


def test_assess_with_sensitivity(small: Dataset) -> None:
    result = assess(ratio_claim(5), small)
    assert (result.recomputed, result.verdict, result.complete) == (
        pytest.approx(5.0),
        "holds",
        True,
    )
    table = {(c.align, c.fx): (c.recomputed, c.verdict) for c in result.sensitivity}
    assert table[("majority", "annual")] == (pytest.approx(5.0), "holds")
    # at 7.3 instead of 7.0: 150 * 7.3 / 210 = 5.214
    assert table[("majority", "7.3")] == (pytest.approx(150 * 7.3 / 210), "holds")
    # label alignment: 1050 / 140 = 7.5, but cnb has no fiscal year labelled 2023: China is
    # partial that year, so the value gets no verdict
    assert table[("label", "annual")] == (pytest.approx(7.5), "insufficient")


def test_a_changed_record_changes_the_verdict(small: Dataset) -> None:
    assert assess(ratio_claim(5), small).verdict == "holds"
    # usa's 2023 capex 100 -> 200: US 250 * 7 / 210 = 8.33
    year = small.companies[0].years[0]
    capex = dataclasses.replace(year.capex, value=200)  # type: ignore[arg-type]
    usa = small.companies[0].model_copy(
        update={"years": [dataclasses.replace(year, capex=capex), *small.companies[0].years[1:]]}
    )
    changed = small.model_copy(update={"companies": [usa, *small.companies[1:]]})
    result = assess(ratio_claim(5), changed)
    assert result.recomputed == pytest.approx(250 * 7 / 210)
    assert result.verdict == "fails"


def test_internal_and_cited_claims(small: Dataset) -> None:
    internal = claim(
        kind="internal",
        stated={"text": "1457", "value": 1457},
        expression="1168 + 289",
        tolerance={"absolute": 0.5, "rule": "exact"},
    )
    # The article against itself: consistent, never "holds" (that would read as confirmed).
    assert assess(internal, small).verdict == "consistent"
    off = internal.model_copy(update={"expression": "1168 + 280"})
    assert assess(off, small).verdict == "inconsistent"
    cited = claim(kind="cited", stated={"text": "6%", "value": 0.06}, attribution="someone")
    result = assess(cited, small)
    assert (result.verdict, result.recomputed, result.sensitivity) == ("cited", None, [])


def test_unknown_claim_id(small: Dataset) -> None:
    claims = ClaimsFile(schema_version=1, article="a", claims=[ratio_claim(5)])
    with pytest.raises(RequestError, match="no claim 'nope'"):
        ledger(claims, small, only="nope")


def test_an_fx_rate_that_is_not_a_rate(small: Dataset) -> None:
    claims = ClaimsFile(schema_version=1, article="a", claims=[ratio_claim(5)])
    with pytest.raises(RequestError, match=r"^FX rate 0: a CNY per USD rate must be between 0.01"):
        ledger(claims, small, fx=0)


# --- the shipped ledger ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> tuple[ClaimsFile, Dataset]:
    return load_claims(SHIPPED_CLAIMS), load(REPO / "data" / "companies.toml").dataset


def test_shipped_ledger_evaluates_every_claim(shipped: tuple[ClaimsFile, Dataset]) -> None:
    claims, dataset = shipped
    result = ledger(claims, dataset)
    assert len(result.claims) == len(claims.claims)
    for c in result.claims:
        if c.kind == "internal":
            # the article against itself never reads "holds"
            assert c.verdict in ("consistent", "inconsistent"), c.id
        else:
            assert c.verdict in ("holds", "close", "fails", "cited", "unknown", "insufficient")
        if c.kind == "recomputed":
            assert len(c.sensitivity) == 4, c.id


def _raw_year(raw: dict, company: str, fiscal_year: int) -> dict:
    entry = next(c for c in raw["companies"] if c["id"] == company)
    return next(y for y in entry["years"] if y["fiscal_year"] == fiscal_year)


def test_tencent_and_alibaba_claims_by_hand(shipped: tuple[ClaimsFile, Dataset]) -> None:
    claims, dataset = shipped
    raw = tomllib.loads((REPO / "data" / "companies.toml").read_text(encoding="utf-8"))
    by_id = {c.id: c for c in ledger(claims, dataset).claims}

    tencent = _raw_year(raw, "tencent", 2024)
    b, d, r, capex = (
        tencent[f]["value"] for f in ("buybacks", "dividends", "debt_repayment", "capex")
    )
    # capex: the property line of the 2024 annual report (Tencent's capex_basis), not the
    # headline 资本开支 of 76,760.
    assert (b, d, r, capex) == (102_331, 28_859, 128_904, 62_927)
    assert by_id["tencent-returns-2024"].recomputed == b + d + r == 260_094
    assert by_id["tencent-returns-2024"].verdict == "fails"  # against 168,100
    assert by_id["tencent-returns-vs-capex"].recomputed == pytest.approx((b + d) / capex)
    assert by_id["tencent-returns-vs-capex"].recomputed == pytest.approx(131_190 / 62_927)
    assert by_id["tencent-returns-vs-capex"].verdict == "holds"  # more than 2 (2.08)

    # Alibaba's "2024" under majority alignment is FY2025 (April 2024 - March 2025)
    fy2025 = _raw_year(raw, "alibaba", 2025)
    fy2024 = _raw_year(raw, "alibaba", 2024)
    expected = (fy2025["buybacks"]["value"] + fy2025["dividends"]["value"]) / fy2025["capex"][
        "value"
    ]
    result = by_id["alibaba-returns-vs-capex"]
    assert result.recomputed == pytest.approx(expected)
    label = next(s for s in result.sensitivity if (s.align, s.fx) == ("label", "annual"))
    assert label.recomputed == pytest.approx(
        (fy2024["buybacks"]["value"] + fy2024["dividends"]["value"]) / fy2024["capex"]["value"]
    )


def test_a_claim_on_an_incomplete_group_gets_no_verdict(
    shipped: tuple[ClaimsFile, Dataset],
) -> None:
    # Kuaishou has no capex for 2020-2023 in the data: the China side of the 1:6 of 2020 and of
    # the five-year sum rests on six of seven companies, so neither holds nor fails.
    claims, dataset = shipped
    by_id = {c.id: c for c in ledger(claims, dataset).claims}
    ratio_2020 = by_id["capex-ratio-2020"]
    assert ratio_2020.verdict == "insufficient"
    assert ratio_2020.partial == ["CN 2020: kuaishou"]
    assert by_id["cn-capex-5y-sum"].partial == [f"CN {y}: kuaishou" for y in range(2020, 2024)]
    # 2024 is complete in both groups: its ratio keeps a verdict
    assert by_id["capex-ratio-2024"].verdict == "fails" and by_id["capex-ratio-2024"].partial == []
    # The capex/OCF claims miss members too, but no value of the missing figures within their
    # bounds (0 to twice each company's largest reported) turns them: they fail whatever.
    summary = ledger(claims, dataset).summary
    assert summary["insufficient"] == 2
    assert by_id["cn-capex-to-ocf-past"].verdict == "fails"
    assert by_id["cn-capex-to-ocf-past"].bounds.decided == "fails"  # type: ignore[union-attr]
