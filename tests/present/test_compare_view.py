"""The footnote builders of the compare tables (present/compare_view.py)."""

from capexcli.present.compare_view import (
    describe_absent,
    describe_missing,
    describe_statuses,
    fx_source,
)
from capexcli.results import Absent, FxUsed, Missing


def test_missing_figures_are_grouped_by_company_and_field() -> None:
    missing = [
        Missing(company="kuaishou", fiscal_year=y, field="buybacks")
        for y in (2020, 2021, 2022, 2024)
    ] + [Missing(company="netease", fiscal_year=2024, field="dividends")]
    assert (
        describe_missing(missing) == "kuaishou buybacks FY2020-2022,2024; netease dividends FY2024"
    )


def test_absent_companies_are_grouped_with_year_runs() -> None:
    absent = [Absent(company="kuaishou", year=y) for y in (2020, 2021, 2022)]
    absent.append(Absent(company="baidu", year=2025))
    assert describe_absent(absent) == "kuaishou 2020-2022; baidu 2025"


def test_status_summary() -> None:
    counts = {"confirmed": 5, "aggregator": 2, "derived": 0, "unconfirmed": 1}
    assert describe_statuses(counts) == "3 of 8 figures (aggregator 2, unconfirmed 1)"


def fx(year: int, source: str) -> FxUsed:
    return FxUsed(year=year, rate=7.0, source=source, status="confirmed")


def test_fx_source_names_one_series_once() -> None:
    rates = [fx(2020, "Fed G.5A, release of January 2021"), fx(2021, "Fed G.5A, release of 2022")]
    assert fx_source(rates).startswith("Fed G.5A (each year's release:")
    assert fx_source([fx(2020, "PBOC"), fx(2021, "PBOC")]) == "PBOC"
    assert fx_source([fx(2020, "PBOC"), fx(2021, "Fed")]) == "Fed; PBOC"
