"""The results of company, chart, companies and validate (reports.py)."""

from __future__ import annotations

import pytest

from capexcli.compute.chart import chart
from capexcli.compute.comparison import compare
from capexcli.compute.reports import company_report
from capexcli.errors import RequestError
from capexcli.model.records import Dataset, find_company
from capexcli.store.loader import load
from tests.conftest import SMALL


@pytest.fixture(scope="module")
def small() -> Dataset:
    return load(SMALL).dataset


def test_bad_options(small: Dataset) -> None:
    # Worded as the request, not as the command line: no option is named.
    with pytest.raises(RequestError, match=r"^unknown currency 'EUR': choose CNY or USD$"):
        compare(small, currency="EUR")
    with pytest.raises(RequestError, match=r"^FX rate -1: a CNY per USD rate must be between"):
        compare(small, fx=-1)
    with pytest.raises(RequestError, match=r"^unknown chart metric 'capx': choose capex, "):
        chart(compare(small), "capx")


def test_company_report(small: Dataset) -> None:
    report = company_report(find_company(small, "cnb"))
    fy2024, fy2025 = report.years
    assert fy2024.comparison_year == 2023
    assert fy2024.capex_to_ocf is None  # OCF is negative
    assert fy2024.shareholder_returns == 35
    assert fy2024.returns_to_capex == pytest.approx(0.5)
    assert fy2025.capex_growth == pytest.approx(240 / 70 - 1)
    assert fy2025.shareholder_returns is None
    assert report.notes
