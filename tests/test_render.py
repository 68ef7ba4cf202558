from capexcli.render import (
    amount,
    describe_missing,
    describe_statuses,
    one_to,
    percent,
    signed_percent,
)
from capexcli.results import Missing


def test_number_formats() -> None:
    assert amount(1234567.4) == "1,234,567"
    assert amount(None) == "—"
    assert percent(0.3016) == "30.2%"
    assert signed_percent(2.21) == "+221.0%"
    assert signed_percent(-0.05) == "-5.0%"
    assert one_to(6.24) == "1 : 6.2"
    assert one_to(None) == "—"


def test_missing_figures_are_grouped_by_company_and_field() -> None:
    missing = [
        Missing(company="kuaishou", fiscal_year=y, field="buybacks")
        for y in (2020, 2021, 2022, 2024)
    ] + [Missing(company="netease", fiscal_year=2024, field="dividends")]
    assert (
        describe_missing(missing) == "kuaishou buybacks FY2020-2022,2024; netease dividends FY2024"
    )


def test_status_summary() -> None:
    counts = {"confirmed": 5, "aggregator": 2, "derived": 0, "unconfirmed": 1}
    assert describe_statuses(counts) == "3 of 8 figures (aggregator 2, unconfirmed 1)"
