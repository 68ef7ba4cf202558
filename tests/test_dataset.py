"""The shipped dataset: it loads, it covers what the article needs, and sums match the file."""

from __future__ import annotations

import tomllib

import pytest

from capexcli.loader import load
from capexcli.metrics import compare
from capexcli.records import Dataset

from .conftest import REPO

SHIPPED = REPO / "data" / "companies.toml"


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load(SHIPPED).dataset


@pytest.fixture(scope="module")
def raw() -> dict:
    # Read with the standard library, not the loader, so the expected values come from the file
    # itself rather than from the code under test.
    return tomllib.loads(SHIPPED.read_text(encoding="utf-8"))


def test_the_eleven_companies_of_the_article(dataset: Dataset) -> None:
    regions = {c.id: c.region for c in dataset.companies}
    assert regions == {
        "microsoft": "US",
        "alphabet": "US",
        "meta": "US",
        "amazon": "US",
        "tencent": "CN",
        "alibaba": "CN",
        "baidu": "CN",
        "jd": "CN",
        "kuaishou": "CN",
        "meituan": "CN",
        "netease": "CN",
    }


def test_fiscal_year_ends(dataset: Dataset) -> None:
    ends = {c.id: c.fiscal_year_end for c in dataset.companies}
    assert ends["microsoft"] == "06-30"
    assert ends["alibaba"] == "03-31"
    assert {ends[c] for c in ends if c not in ("microsoft", "alibaba")} == {"12-31"}


def test_currencies_follow_region(dataset: Dataset) -> None:
    for company in dataset.companies:
        assert company.currency == ("USD" if company.region == "US" else "CNY"), company.id


# Fiscal years the research found nothing for; a year is taken off this list when its figures
# are found, and the test fails if a gap appears that is not listed here.
KNOWN_GAPS = {"kuaishou": {2020, 2021, 2022}}


def test_every_company_has_the_articles_five_years(dataset: Dataset) -> None:
    # The article's span is 2020-2024; 2025 is filled in as annual reports are found.
    for company in dataset.companies:
        years = {y.fiscal_year for y in company.years}
        gaps = set(range(2020, 2025)) - years
        assert gaps == KNOWN_GAPS.get(company.id, set()), company.id


def test_fx_for_every_comparison_year(dataset: Dataset) -> None:
    assert {r.year for r in dataset.fx} >= set(range(2020, 2026))


def test_every_figure_has_status_and_source(raw: dict) -> None:
    fields = ("capex", "operating_cash_flow", "buybacks", "dividends", "debt_repayment")
    for company in raw["companies"]:
        for year in company["years"]:
            for field in fields:
                if field not in year:
                    continue
                figure = year[field]
                where = f"{company['id']} FY{year['fiscal_year']} {field}"
                assert figure.get("status", year.get("status")), where
                assert figure.get("source", year.get("source")), where


def test_us_capex_2024_in_usd_is_the_sum_of_the_four_filings(dataset: Dataset, raw: dict) -> None:
    # Majority alignment: Microsoft's FY2024 (July 2023 - June 2024) counts as 2024; the other
    # three report calendar years.
    def capex(company_id: str, fiscal_year: int) -> int:
        company = next(c for c in raw["companies"] if c["id"] == company_id)
        year = next(y for y in company["years"] if y["fiscal_year"] == fiscal_year)
        return year["capex"]["value"]

    expected = sum(capex(c, 2024) for c in ("microsoft", "alphabet", "meta", "amazon"))
    assert expected == 44_477 + 52_535 + 37_256 + 82_999

    result = compare(dataset, currency="USD", years=(2024, 2024))
    assert result.years[0].us.capex == expected


def test_alibaba_fy2025_counts_in_2024(dataset: Dataset, raw: dict) -> None:
    alibaba = next(c for c in raw["companies"] if c["id"] == "alibaba")
    fy2025 = next(y for y in alibaba["years"] if y["fiscal_year"] == 2025)
    fy2024 = next(y for y in alibaba["years"] if y["fiscal_year"] == 2024)

    majority = compare(dataset, currency="CNY", years=(2024, 2024), align="majority")
    label = compare(dataset, currency="CNY", years=(2024, 2024), align="label")
    difference = majority.years[0].cn.capex - label.years[0].cn.capex
    assert difference == fy2025["capex"]["value"] - fy2024["capex"]["value"]
