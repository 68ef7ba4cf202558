"""The group comparison (comparison.py): totals, ratios, alignment, FX, coverage."""

from __future__ import annotations

import pytest

from capexcli.compute.comparison import compare
from capexcli.compute.metrics import Observation, group_figures, join, tally
from capexcli.errors import MissingDataError, RequestError
from capexcli.model.records import Dataset
from capexcli.store.loader import load
from tests.conftest import SMALL


@pytest.fixture(scope="module")
def small() -> Dataset:
    return load(SMALL).dataset


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
    # ... and it makes 2023 partial for China: the totals add 2024 alone
    assert not y2023.complete and y2023.cn.coverage["capex"].missing == ["cnb"]
    assert result.totals.years_by_measure["capex"] == [2024]
    assert result.totals.left_out["capex"] == [2023]
    assert result.totals.cn.absent == []  # 2023 is not added, nor its absent company
    assert y2024.cn.absent == []
    assert y2024.cn.capex == 160 + 70
    assert result.totals.cn.capex == 160 + 70
    # US 2024 under label alignment: usa 200 + usb FY2024 100 = 300 USD x 8
    assert result.totals.us_to_cn_capex_ratio == pytest.approx(2400 / 230)
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


# --- coverage: a group-year that misses a member --------------------------------------------


@pytest.fixture(scope="module")
def missing_cnb_2024() -> Dataset:
    """small.toml without cnb's FY2025 capex (2024 under the majority rule): CN 2024 has capex
    from cna alone."""
    from capexcli.store.loader import parse_dataset

    text = SMALL.read_text(encoding="utf-8").replace("capex = { value = 240 }\n", "", 1)
    return parse_dataset(text)


def test_a_group_year_missing_a_member_is_partial_and_left_out_of_totals(
    missing_cnb_2024: Dataset,
) -> None:
    result = compare(missing_cnb_2024)
    y2023, y2024 = result.years
    assert y2023.complete and not y2024.complete
    assert y2024.cn.coverage["capex"].model_dump() == {
        "reported": 1,
        "members": 2,
        "missing": ["cnb"],
        "complete": False,
    }
    assert y2024.cn.capex == 160  # what is known, shown marked
    assert y2024.us_to_cn_capex_ratio == pytest.approx(2400 / 160)
    t = result.totals
    assert t.years_by_measure["capex"] == [2023] and t.left_out["capex"] == [2024]
    # totals add 2023 alone: US (100 + 50) x 7 = 1,050; CN 140 + 70 = 210
    assert (t.us.capex, t.cn.capex) == (1050, 210)
    assert t.us_to_cn_capex_ratio == pytest.approx(5.0)
    assert t.complete and t.cn.coverage["capex"].complete


def test_partial_adds_the_partial_years_and_says_so(missing_cnb_2024: Dataset) -> None:
    t = compare(missing_cnb_2024, partial=True).totals
    assert t.partial_included and t.years_by_measure["capex"] == [2023, 2024]
    # US 1,050 + 2,400; CN 210 + 160
    assert (t.us.capex, t.cn.capex) == (3450, 370)
    assert t.us_to_cn_capex_ratio == pytest.approx(3450 / 370)
    assert not t.complete
    assert t.cn.coverage["capex"].missing == ["cnb"]  # not in every year added


def test_a_measure_with_no_complete_year_has_no_total(missing_cnb_2024: Dataset) -> None:
    result = compare(missing_cnb_2024, years=(2024, 2024))
    assert result.totals.years_by_measure["capex"] == []
    assert result.totals.cn.capex is None and result.totals.us_to_cn_capex_ratio is None
    assert not result.totals.complete


def test_like_for_like_keeps_the_same_companies_in_every_year(missing_cnb_2024: Dataset) -> None:
    result = compare(missing_cnb_2024, like_for_like=True)
    # cnb has no 2024 capex: dropped from China for the whole span, so every year compares cna
    assert result.dropped == {"US": [], "CN": ["cnb"]}
    assert [(y.cn.capex, y.complete) for y in result.years] == [(140, True), (160, True)]
    t = result.totals
    assert t.years_by_measure["capex"] == [2023, 2024]
    # US 1,050 + 2,400 over CN 140 + 160
    assert t.us_to_cn_capex_ratio == pytest.approx(3450 / 300)
    assert any("dropped: US none; CN cnb" in note for note in result.notes)


def test_like_for_like_that_empties_a_group_is_an_error(missing_cnb_2024: Dataset) -> None:
    from capexcli.store.loader import parse_dataset

    text = SMALL.read_text(encoding="utf-8").replace("capex = { value = 160 }\n", "", 1)
    text = text.replace("capex = { value = 240 }\n", "", 1)
    with pytest.raises(RequestError, match="leaves the CN group empty"):
        compare(parse_dataset(text), like_for_like=True)
