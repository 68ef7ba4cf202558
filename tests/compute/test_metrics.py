"""Every expected value here is worked out by hand from tests/data/small.toml."""

from __future__ import annotations

import pytest

from capexcli.compute.metrics import (
    Observation,
    convert,
    group_figures,
    growth,
    parse_years,
    ratio,
)
from capexcli.compute.provenance import sources
from capexcli.errors import RequestError, UnknownCompanyError
from capexcli.model.records import Dataset, find_company
from capexcli.store.loader import load
from tests.conftest import SMALL


@pytest.fixture(scope="module")
def small() -> Dataset:
    return load(SMALL).dataset


def test_ratio_is_none_for_missing_zero_or_negative_denominator() -> None:
    assert ratio(3, 4) == 0.75
    assert ratio(None, 4) is None
    assert ratio(3, None) is None
    assert ratio(3, 0) is None
    assert ratio(3, -1) is None


def test_growth() -> None:
    assert growth(150, 100) == pytest.approx(0.5)
    assert growth(150, 0) is None


def test_convert_both_ways() -> None:
    assert convert(100, "USD", "CNY", 7.0) == 700
    assert convert(700, "CNY", "USD", 7.0) == 100
    assert convert(5, "CNY", "CNY", 7.0) == 5


def test_group_ratios_use_only_companies_with_both_parts() -> None:
    group = group_figures(
        [
            Observation("a", 2024, capex=100, operating_cash_flow=400, buybacks=10, dividends=10),
            Observation("b", 2024, capex=50, operating_cash_flow=None, buybacks=None, dividends=5),
        ]
    )
    assert group.capex == 150
    assert group.operating_cash_flow == 400
    assert group.capex_to_ocf == 100 / 400  # b has no OCF, so it is left out of the ratio
    assert group.shareholder_returns == 20
    assert group.returns_to_capex == 20 / 100
    assert [(m.company, m.field) for m in group.missing] == [
        ("b", "operating_cash_flow"),
        ("b", "buybacks"),
    ]


@pytest.mark.parametrize(
    ("spec", "expected"),
    [("2020-2024", (2020, 2024)), ("2024", (2024, 2024)), (" 2020–2021 ", (2020, 2021))],
)
def test_parse_years(spec: str, expected: tuple[int, int]) -> None:
    assert parse_years(spec) == expected


@pytest.mark.parametrize("spec", ["2024-2020", "twenty", "2020-2021-2022", "1800"])
def test_parse_years_rejects(spec: str) -> None:
    with pytest.raises(RequestError) as caught:
        parse_years(spec)
    assert spec in caught.value.message and "--" not in caught.value.message


@pytest.mark.parametrize("name", ["cna", "CNA", "China Alpha", "中甲", "9999.hk", "中甲控股"])
def test_find_company_by_any_name(small: Dataset, name: str) -> None:
    assert find_company(small, name).id == "cna"


def test_unknown_company_suggests(small: Dataset) -> None:
    with pytest.raises(UnknownCompanyError) as caught:
        find_company(small, "China Alfa")
    assert "cna" in caught.value.suggestions


def test_sources_lists_every_figure_and_rate(small: Dataset) -> None:
    rows = sources(small).root
    # 31 figures (as `capex validate` counts them) and 2 FX rates; no guidance in small.toml
    assert len(rows) == 33
    assert [r.kind for r in rows].count("fx") == 2
    first = rows[0]
    assert (first.company, first.fiscal_year, first.field, first.value) == (
        "usa",
        2023,
        "capex",
        100,
    )
    # status and source come from the year when the figure has none of its own
    assert (first.status, first.source, first.currency) == (
        "confirmed",
        "US Alpha 10-K 2023",
        "USD",
    )


def test_sources_filters_by_status_and_company(small: Dataset) -> None:
    shaky = sources(small, statuses=["aggregator"]).root
    assert [(r.company, r.fiscal_year, r.field) for r in shaky] == [
        ("usa", 2024, "buybacks"),
        ("cnb", 2025, "capex"),
        ("cnb", 2025, "operating_cash_flow"),
    ]
    assert shaky[0].source == "some aggregator"
    unconfirmed = sources(small, statuses=["unconfirmed"]).root
    assert [(r.kind, r.fiscal_year, r.value) for r in unconfirmed] == [("fx", 2024, 8.0)]
    cna = find_company(small, "cna")
    rows = sources(small, company=cna).root
    assert len(rows) == 9 and {r.company for r in rows} == {"cna"}
    derived = [r for r in rows if r.status == "derived"]
    assert [(r.field, r.value, r.note) for r in derived] == [("debt_repayment", 500, "300 + 200")]


def test_sources_rejects_an_unknown_status(small: Dataset) -> None:
    with pytest.raises(RequestError, match=r"^unknown status 'verified': choose from confirmed"):
        sources(small, statuses=["verified"])


def test_ratio_over_a_vanishing_denominator_is_none_not_infinity() -> None:
    # Regression: a generated dataset with capex of 5e-324 made compare print Infinity in JSON.
    assert ratio(1, 5e-324) is None
    assert ratio(1e308, 1e-10) is None
    assert ratio(3, 4) == 0.75
