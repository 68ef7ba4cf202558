"""The metrics of recomputed claims, with values worked out by hand from
tests/data/small.toml."""

from __future__ import annotations

import datetime as dt

import pytest

from capexcli.compute.claim_metrics import run_metric
from capexcli.model.records import Dataset, Guidance
from capexcli.store.loader import load
from tests.compute.test_claims_file import metric
from tests.conftest import SMALL


@pytest.fixture(scope="module")
def small() -> Dataset:
    return load(SMALL).dataset


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
