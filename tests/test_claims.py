"""The claims ledger: arithmetic, verdicts and metrics, with values worked out by hand from
tests/data/small.toml; then the shipped data/claims.toml."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import tomllib

import pytest

from capexcli.claims import (
    Claim,
    ClaimsFile,
    Metric,
    Stated,
    Tolerance,
    assess,
    check_claims,
    evaluate_expression,
    judge,
    judge_range,
    ledger,
    run_metric,
)
from capexcli.errors import DataValidationError, OptionError
from capexcli.loader import load, load_claims, parse_document
from capexcli.records import Dataset, Guidance

from .conftest import REPO, SMALL

SHIPPED_CLAIMS = REPO / "data" / "claims.toml"


@pytest.fixture(scope="module")
def small() -> Dataset:
    return load(SMALL).dataset


def metric(**kwargs: object) -> Metric:
    return Metric.model_validate(kwargs)


def claim(**kwargs: object) -> Claim:
    base: dict[str, object] = {
        "id": "test-claim",
        "section": "02",
        "quote_zh": "测试",
        "claim_en": "a test",
        "unit": "multiple",
        "explanation": "test",
    }
    base.update(kwargs)
    return Claim.model_validate(base)


# --- internal arithmetic ---------------------------------------------------------------------


def test_expression_arithmetic() -> None:
    assert evaluate_expression("1168 + 289") == 1457
    assert evaluate_expression("(78 - 55) / 55") == pytest.approx(0.41818, abs=1e-5)
    assert evaluate_expression("53,600 / 6,300") == pytest.approx(8.5079, abs=1e-4)
    assert evaluate_expression("-2 * 3") == -6


@pytest.mark.parametrize(
    "text", ["__import__('os')", "2 ** 10", "x + 1", "1 / 0", "open('f')", "1 +", "[1]"]
)
def test_expression_rejects_anything_but_arithmetic(text: str) -> None:
    with pytest.raises(ValueError):
        evaluate_expression(text)


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


# --- metrics on tests/data/small.toml --------------------------------------------------------


def test_capex_ratio_by_alignment_and_fx(small: Dataset) -> None:
    m = metric(name="capex_ratio", year=2023)
    # majority: US 100 + 50 USD, CN 140 + cnb FY2024 (to March 2024) 70 -> 150 * 7 / 210
    assert run_metric(m, small, "majority", None).value == pytest.approx(5.0)
    # label: cnb has no FY2023, so CN is cna's 140 alone
    label = run_metric(m, small, "label", None)
    assert label.value == pytest.approx(1050 / 140)
    assert label.missing == ["cnb: no record for 2023"]
    # one rate for every year: 150 * 10 / 210
    assert run_metric(m, small, "majority", 10).value == pytest.approx(1500 / 210)


def test_group_sum_and_ratio(small: Dataset) -> None:
    total = run_metric(
        metric(name="group_sum", group="US", fields=["capex"], years=[2023, 2024]),
        small,
        "majority",
        None,
    )
    assert total.value == 150 * 7 + 300 * 8
    # inputs: usa and usb capex for 2023 and 2024, then the two FX rates
    assert [(r.company, r.fiscal_year, r.value) for r in total.inputs if r.kind == "figure"] == [
        ("usa", 2023, 100),
        ("usb", 2023, 50),
        ("usa", 2024, 200),
        ("usb", 2024, 100),
    ]
    assert [r.value for r in total.inputs if r.kind == "fx"] == [7.0, 8.0]
    cn = run_metric(
        metric(name="group_ratio", group="CN", ratio="capex_to_ocf", years=[2023, 2023]),
        small,
        "majority",
        None,
    )
    assert cn.value == pytest.approx(210 / (1400 - 70))


def test_min_company_growth(small: Dataset) -> None:
    growth = run_metric(
        metric(name="min_company_growth", group="US", from_year=2023, to_year=2024),
        small,
        "majority",
        None,
    )
    # usa 200 / 100, usb 100 / 50: both doubled exactly
    assert growth.value == pytest.approx(2.0)
    assert growth.notes == ["usa x2.00", "usb x2.00"]


def test_company_sum_and_ratio(small: Dataset) -> None:
    fields = ["buybacks", "dividends", "debt_repayment"]
    cny = run_metric(
        metric(name="company_sum", company="cna", fields=fields, year=2024),
        small,
        "majority",
        None,
    )
    assert cny.value == 320 + 80 + 500
    usd = run_metric(
        metric(name="company_sum", company="cna", fields=fields, year=2024, currency="USD"),
        small,
        "majority",
        None,
    )
    assert usd.value == pytest.approx(900 / 8)
    returns = run_metric(
        metric(
            name="company_ratio",
            company="cna",
            numerator=["shareholder_returns"],
            denominator=["capex"],
            year=2024,
        ),
        small,
        "majority",
        None,
    )
    assert returns.value == pytest.approx((320 + 80) / 160)
    # cnb FY2025 (counted in 2024) has no buybacks: the sum is unknown and says why
    gap = run_metric(
        metric(name="company_sum", company="cnb", fields=["buybacks"], year=2024),
        small,
        "majority",
        None,
    )
    assert gap.value is None and gap.missing == ["cnb FY2025 buybacks"]


def with_guidance(small: Dataset) -> Dataset:
    def g(low: float, high: float | None, day: dt.date) -> Guidance:
        return Guidance(
            year=2025, low=low, high=high, date=day, basis="test", status="confirmed", source="t"
        )

    usa = small.companies[0].model_copy(
        update={"guidance": [g(100, 120, dt.date(2025, 1, 10)), g(130, 150, dt.date(2025, 10, 1))]}
    )
    usb = small.companies[1].model_copy(update={"guidance": [g(50, None, dt.date(2025, 2, 1))]})
    fx = [*small.fx, small.fx[0].model_copy(update={"year": 2025, "cny_per_usd": 7.5})]
    return small.model_copy(update={"companies": [usa, usb, *small.companies[2:]], "fx": fx})


def test_guidance_sum_takes_what_was_known_at_a_date(small: Dataset) -> None:
    data = with_guidance(small)
    latest = metric(name="guidance_sum", group="US", year=2025, currency="USD")
    assert run_metric(latest, data, "majority", None).value == 130 + 50
    as_of = metric(
        name="guidance_sum", group="US", year=2025, currency="USD", as_of=dt.date(2025, 6, 30)
    )
    assert run_metric(as_of, data, "majority", None).value == 100 + 50
    mid = metric(name="guidance_sum", group="US", year=2025, currency="CNY", point="mid")
    # usa (130 + 150) / 2 = 140; usb gave no upper end, so 50; at 7.5 CNY per USD
    assert run_metric(mid, data, "majority", None).value == pytest.approx(190 * 7.5)
    assert run_metric(mid, data, "majority", 7.3).value == pytest.approx(190 * 7.3)


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
    # label alignment: 1050 / 140 = 7.5 -> fails against 1:5
    assert table[("label", "annual")] == (pytest.approx(7.5), "fails")


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
    assert assess(internal, small).verdict == "holds"
    cited = claim(kind="cited", stated={"text": "6%", "value": 0.06}, attribution="someone")
    result = assess(cited, small)
    assert (result.verdict, result.recomputed, result.sensitivity) == ("cited", None, [])


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"kind": "recomputed"}, "needs a metric"),
        ({"kind": "internal", "tolerance": {"absolute": 1, "rule": "r"}}, "needs an expression"),
        ({"kind": "internal", "expression": "1+1"}, "needs a tolerance"),
        ({"kind": "cited", "metric": {"name": "capex_ratio", "year": 2024}}, "only a recomputed"),
        ({"kind": "cited", "stated": {"text": "x"}}, "give value, or low and high"),
    ],
)
def test_claim_rules(fields: dict[str, object], message: str) -> None:
    base = {"stated": {"text": "1", "value": 1}, **fields}
    with pytest.raises(ValueError, match=message):
        claim(**base)


def test_metric_needs_its_parameters() -> None:
    with pytest.raises(ValueError, match="needs group, fields, years"):
        metric(name="group_sum")
    with pytest.raises(ValueError, match="unknown field 'capx'"):
        metric(name="company_sum", company="x", fields=["capx"], year=2024)


def test_unknown_claim_id(small: Dataset) -> None:
    claims = ClaimsFile(schema_version=1, article="a", claims=[ratio_claim(5)])
    with pytest.raises(OptionError, match="no claim 'nope'"):
        ledger(claims, small, only="nope")


def test_duplicate_ids_are_reported_with_their_line() -> None:
    claim = """
[[claims]]
id = "x"
section = "01"
quote_zh = "q"
claim_en = "c"
kind = "cited"
stated = { text = "1", value = 1 }
unit = "u"
explanation = "e"
"""
    # The same claim twice: the second one's id is on line 15.
    text = 'schema_version = 1\narticle = "a"\n' + claim + claim
    with pytest.raises(DataValidationError) as caught:
        parse_document(text, "claims.toml", ClaimsFile, check_claims)
    problem = caught.value.problems[0]
    assert (problem.path, problem.line) == ("claims[1].id", 15)
    assert "duplicate id 'x'" in problem.message


# --- the shipped ledger ----------------------------------------------------------------------

REQUIRED = {
    # intro
    "meta-ai-hires-total",
    "meta-2025-total-expenses",
    "us-capex-doubled-4y",
    "us-capex-2024-cny",
    "us-capex-guidance-2025-usd",
    "us-capex-guidance-2025-cny",
    "ai-capex-us-gdp-growth",
    "ai-capex-sp500-share",
    # 01
    "dc-power-2025",
    "dc-power-2035-growth",
    "us-ai-adoption-01",
    "us-ai-adoption-growth",
    # 02
    "us-capex-5y-sum",
    "cn-capex-5y-sum",
    "capex-ratio-2020",
    "capex-ratio-2024",
    "cn-ai-capex-2025-cicc",
    # 03
    "us-capex-to-ocf-past",
    "us-capex-to-ocf-future",
    "cn-capex-to-ocf-past",
    "cn-capex-to-ocf-future",
    "tencent-returns-2024",
    "tencent-returns-vs-capex",
    "alibaba-buybacks-2024-fx",
    "alibaba-returns-sum",
    "alibaba-returns-vs-capex",
    "cn-ai-capex-gdp-03",
    # 04
    "railway-capex-gdp",
    "ai-capex-share-of-growth",
    # 05
    "us-llm-wau",
    "cn-llm-wau",
    "llm-wau-ratio",
    "us-ai-adoption-05",
    "cn-ai-adoption",
}


@pytest.fixture(scope="module")
def shipped() -> tuple[ClaimsFile, Dataset]:
    return load_claims(SHIPPED_CLAIMS), load(REPO / "data" / "companies.toml").dataset


def test_shipped_ledger_covers_the_article(shipped: tuple[ClaimsFile, Dataset]) -> None:
    claims, _ = shipped
    assert {c.id for c in claims.claims} >= REQUIRED
    # quoted in clean Simplified Chinese, not the saved page's broken characters
    broken = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)|[聯網廠資費這數據]")
    for c in claims.claims:
        assert not broken.search(c.quote_zh), (c.id, c.quote_zh)


def test_shipped_ledger_evaluates_every_claim(shipped: tuple[ClaimsFile, Dataset]) -> None:
    claims, dataset = shipped
    result = ledger(claims, dataset)
    assert len(result.claims) == len(claims.claims)
    for c in result.claims:
        assert c.verdict in ("holds", "close", "fails", "cited", "unknown"), c.id
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
