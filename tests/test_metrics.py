"""Every expected value here is worked out by hand from tests/data/small.toml."""

from __future__ import annotations

import pytest

from capexcli.errors import MissingDataError, RequestError, UnknownCompanyError
from capexcli.loader import load
from capexcli.metrics import (
    Observation,
    compare,
    convert,
    find_company,
    group_figures,
    growth,
    join,
    parse_years,
    ratio,
    tally,
)
from capexcli.provenance import sources
from capexcli.records import Dataset

from .conftest import SMALL


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


def test_a_span_joined_from_yearly_tallies_equals_one_tally_of_it_all() -> None:
    # compare() totals a span by joining the tallies of its years; the result must be what
    # one pass over all the company-years gives, to the last bit of every float.
    first = [
        Observation("a", 2023, 0.1, 0.7, 0.2, None, {"capex": "confirmed", "buybacks": "derived"}),
        Observation("b", 2023, 0.2, -0.3, 0.1, 0.05, {"capex": "aggregator"}),
    ]
    second = [
        Observation("a", 2024, 0.3, 1.1, None, 0.4, {"operating_cash_flow": "unconfirmed"}),
        Observation("c", 2024, None, 2.0, 0.3, 0.3, {"dividends": "confirmed"}),
    ]
    joined = group_figures(join([tally(first), tally(second)]))
    whole = group_figures(first + second)
    assert joined == whole
    assert joined.capex == 0.1 + 0.2 + 0.3  # 0.6000000000000001: the order is kept
    assert joined.companies == ["a", "b", "c"]
    assert joined.status_counts == {
        "confirmed": 2,
        "aggregator": 1,
        "derived": 1,
        "unconfirmed": 1,
    }


def test_compare_majority_cny(small: Dataset) -> None:
    result = compare(small)
    assert [row.year for row in result.years] == [2023, 2024]
    y2023, y2024 = result.years
    # US 2023: usa 100 USD + usb FY to June 2023 50 USD, at 7.0
    assert y2023.us.capex == 1050
    # CN 2023: cna 140 + cnb FY2024 (to March 2024, so 2023) 70
    assert y2023.cn.capex == 210
    assert y2023.us_to_cn_capex_ratio == pytest.approx(5.0)
    assert y2023.us.capex_to_ocf == pytest.approx(1050 / 3500)
    # cnb's OCF is -70: it still counts in the sum, 1400 - 70
    assert y2023.cn.capex_to_ocf == pytest.approx(210 / 1330)
    assert y2023.cn.returns_to_capex == pytest.approx((280 + 70 + 35) / 210)
    # 2024: US (200 + 100) * 8; CN cna 160 + cnb FY2025 240
    assert y2024.us.capex == 2400
    assert y2024.cn.capex == 400
    assert y2024.us_to_cn_capex_ratio == pytest.approx(6.0)
    # cnb FY2025 has no buybacks or dividends: out of returns/capex, listed as missing
    assert y2024.cn.returns_to_capex == pytest.approx((320 + 80) / 160)
    assert {(m.company, m.fiscal_year, m.field) for m in y2024.cn.missing} == {
        ("cnb", 2025, "buybacks"),
        ("cnb", 2025, "dividends"),
    }
    # usa's 2024 buybacks come from an aggregator; cnb's FY2025 figures too (year default)
    assert y2024.us.status_counts == {
        "confirmed": 7,
        "aggregator": 1,
        "derived": 0,
        "unconfirmed": 0,
    }
    assert y2024.cn.status_counts == {
        "confirmed": 4,
        "aggregator": 2,
        "derived": 0,
        "unconfirmed": 0,
    }
    assert result.totals.us.capex == 3450
    # How much of each total rests on figures that are not confirmed, by amount:
    # US 2024 returns: usa buybacks 60 (aggregator) of (60 + 20) + (40 + 0) = 120
    assert y2024.us.not_confirmed_share == {
        "capex": 0.0,
        "operating_cash_flow": 0.0,
        "shareholder_returns": pytest.approx(60 / 120),
    }
    # CN 2024: cnb FY2025 capex 240 and OCF 960 from an aggregator; its returns are unknown,
    # so the returns total (cna's 400) is all confirmed
    assert y2024.cn.not_confirmed_share == {
        "capex": pytest.approx(240 / 400),
        "operating_cash_flow": pytest.approx(960 / (800 + 960)),
        "shareholder_returns": 0.0,
    }
    assert y2023.cn.not_confirmed_share["capex"] == 0.0
    assert result.totals.cn.not_confirmed_share["capex"] == pytest.approx(240 / 610)
    assert result.totals.us.absent == result.totals.cn.absent == []
    assert result.totals.cn.capex == 610
    assert result.totals.us_to_cn_capex_ratio == pytest.approx(3450 / 610)
    assert [f.rate for f in result.fx] == [7.0, 8.0]


def test_compare_in_usd(small: Dataset) -> None:
    y2023 = compare(small, currency="USD").years[0]
    assert y2023.us.capex == 150
    assert y2023.cn.capex == pytest.approx(210 / 7)
    assert y2023.us_to_cn_capex_ratio == pytest.approx(5.0)


def test_compare_label_alignment_moves_march_years(small: Dataset) -> None:
    result = compare(small, align="label")
    # 2025 has only cnb FY2025 (China) and so is not a comparison year
    assert [row.year for row in result.years] == [2023, 2024]
    y2023, y2024 = result.years
    assert y2023.cn.capex == 140
    assert y2023.us_to_cn_capex_ratio == pytest.approx(1050 / 140)
    # cnb has no fiscal year labelled 2023: absent, which is not the same as a missing figure
    assert [(a.company, a.year) for a in y2023.cn.absent] == [("cnb", 2023)]
    assert y2023.cn.missing == []
    assert [(a.company, a.year) for a in result.totals.cn.absent] == [("cnb", 2023)]
    assert y2024.cn.absent == []
    assert y2024.cn.capex == 160 + 70
    assert "label" in result.align_rule


def test_fx_override_applies_to_every_year(small: Dataset) -> None:
    result = compare(small, fx=10)
    assert result.years[0].us.capex == 1500
    assert result.years[1].us.capex == 3000
    assert {f.source for f in result.fx} == {"--fx option"}


def test_requested_year_without_fx_is_an_error(small: Dataset) -> None:
    with pytest.raises(MissingDataError, match="no CNY per USD rate for 2025"):
        # label alignment puts cnb's FY2025 in 2025; in USD it needs a 2025 rate
        compare(small, years=(2024, 2025), currency="USD", align="label")


def test_requested_years_without_data(small: Dataset) -> None:
    with pytest.raises(MissingDataError, match="covers 2023-2024"):
        compare(small, years=(2010, 2012))


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
