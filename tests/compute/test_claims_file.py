"""The claims file: the rules of one claim, the rules across claims, reading
data/claims.toml, and the arithmetic of internal claims."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from capexcli.compute.claims_file import (
    Claim,
    ClaimsFile,
    Metric,
    check_claims,
    evaluate_expression,
    load_claims,
)
from capexcli.errors import DataFileError, DataValidationError
from capexcli.store.loader import parse_document
from tests.conftest import REPO, write

SHIPPED_CLAIMS = REPO / "data" / "claims.toml"


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


def test_load_claims_names_the_file_and_the_line(tmp_path: Path) -> None:
    path = write(tmp_path, 'schema_version = 2\narticle = "a"\nclaims = []\n', "claims.toml")
    with pytest.raises(DataValidationError) as caught:
        load_claims(path)
    assert caught.value.file == path
    problem = caught.value.problems[0]
    assert (problem.path, problem.line) == ("schema_version", 1)
    assert "reads claims schema_version 1, not 2" in problem.message
    with pytest.raises(DataFileError, match="no such file"):
        load_claims(tmp_path / "gone.toml")


# --- the shipped claims file -----------------------------------------------------------------

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


def test_shipped_ledger_covers_the_article() -> None:
    claims = load_claims(SHIPPED_CLAIMS)
    assert {c.id for c in claims.claims} >= REQUIRED
    # quoted in clean Simplified Chinese, not the saved page's broken characters
    broken = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\)|[聯網廠資費這數據]")
    for c in claims.claims:
        assert not broken.search(c.quote_zh), (c.id, c.quote_zh)
