"""Properties of the arithmetic on generated datasets, and its edge cases through the CLI.

The hypothesis part builds datasets with capexcli.model.records models and checks
capexcli.compute.metrics
directly: the currency of a comparison does not change its ratios, scaling a group scales its
totals, swapping the groups inverts the ratio, and no ratio is ever NaN or infinite. The CLI
part runs `capex compare` and `capex company` on a hand-made file with every awkward case
(zero and negative operating cash flow, zero capex, a group with no company in a year, a year
missing for one company).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st
from typer.testing import Result

from capexcli.compute.comparison import compare
from capexcli.compute.metrics import REGIONS, ratio
from capexcli.compute.reports import company_report
from capexcli.errors import MissingDataError
from capexcli.model.checks import check_dataset
from capexcli.model.records import Dataset
from capexcli.present.output import to_json
from capexcli.results import CompareResult, GroupFigures
from tests.conftest import write

#: Deterministic (derandomize): CI runs the same examples every time, so a failure is
#: reproducible and no run is flaky. Generating a dataset costs ~5 ms of hypothesis draws, so
#: 100 examples a property keep the file near 5 seconds.
PROPERTIES = settings(
    max_examples=100,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

FY_ENDS: dict[str, tuple[int, int]] = {
    "12-31": (12, 31),
    "06-30": (6, 30),
    "03-31": (3, 31),
    "09-30": (9, 30),
}
#: Powers of two: converting and scaling by them is exact in binary floating point, so the
#: properties can demand equality rather than closeness (the code path is the same as for 7.1957).
EXACT_FACTORS = (0.25, 0.5, 2.0, 4.0, 8.0, 16.0)
YEARS = range(2020, 2025)

outflows = st.one_of(st.just(0), st.integers(0, 10**6))
# Operating cash flow may be zero or negative: the denominators that must not blow up.
cash_flows = st.one_of(st.just(0), st.integers(-(10**6), 10**6))
positive_cash_flows = st.integers(1, 10**6)


def _figure(values: st.SearchStrategy[int]) -> st.SearchStrategy[dict[str, int] | None]:
    # None: the figure is left out (missing), which the metrics must tell apart from zero.
    return st.one_of(st.none(), values.map(lambda v: {"value": v}))


# Strategies are built once, here: building them inside the composite on every draw costs
# hypothesis more than the metrics themselves.
_FY_END = st.sampled_from(sorted(FY_ENDS))
_YEAR_SET = st.sets(st.sampled_from(YEARS), min_size=1)
_STATUS = st.sampled_from(["confirmed", "aggregator", "unconfirmed"])
# Any currency in any group: a Chinese company may report in USD.
_CURRENCY = st.sampled_from(["USD", "CNY"])
_COUNT = st.integers(1, 3)
_OUTFLOW = _figure(outflows)
_CASH_FLOW = _figure(cash_flows)
_POSITIVE_CASH_FLOW = _figure(positive_cash_flows)
_EXACT_RATE = st.sampled_from(EXACT_FACTORS)


@st.composite
def _company(
    draw: st.DrawFn, cid: str, region: str, ocf: st.SearchStrategy[dict[str, int] | None]
) -> dict[str, Any]:
    fy_end = draw(_FY_END)
    month, day = FY_ENDS[fy_end]
    years = []
    for fy in sorted(draw(_YEAR_SET)):
        year: dict[str, Any] = {
            "fiscal_year": fy,
            "period_end": date(fy, month, day),
            "status": draw(_STATUS),
            "source": "generated",
        }
        for field, figures in (
            ("capex", _OUTFLOW),
            ("operating_cash_flow", ocf),
            ("buybacks", _OUTFLOW),
            ("dividends", _OUTFLOW),
        ):
            figure = draw(figures)
            if figure is not None:
                year[field] = figure
        years.append(year)
    return {
        "id": cid,
        "name": f"Company {cid}",
        "name_zh": f"公司{cid}",
        "region": region,
        "currency": draw(_CURRENCY),
        "fiscal_year_end": fy_end,
        "years": years,
    }


@st.composite
def datasets(
    draw: st.DrawFn,
    rates: st.SearchStrategy[float] = _EXACT_RATE,
    ocf: st.SearchStrategy[dict[str, int] | None] = _CASH_FLOW,
) -> Dataset:
    companies = []
    for region in REGIONS:
        for k in range(draw(_COUNT)):
            companies.append(draw(_company(f"{region.lower()}{k}", region, ocf)))
    fx = [
        {"year": y, "cny_per_usd": draw(rates), "status": "confirmed", "source": "generated"}
        for y in range(min(YEARS) - 1, max(YEARS) + 1)
    ]
    dataset = Dataset.model_validate({"schema_version": 1, "fx": fx, "companies": companies})
    assert check_dataset(dataset) == [], "the generator must make valid datasets"
    return dataset


def _compare(dataset: Dataset, **options: Any) -> CompareResult:
    try:
        return compare(dataset, **options)
    except MissingDataError:
        reject()  # no year in which both groups report: nothing to compare
        raise  # unreachable: reject() raises


def _scaled(dataset: Dataset, region: str, k: float) -> Dataset:
    raw = dataset.model_dump()
    for company in raw["companies"]:
        if company["region"] != region:
            continue
        for year in company["years"]:
            for field in ("capex", "operating_cash_flow", "buybacks", "dividends"):
                if year[field] is not None:
                    year[field]["value"] *= k
    return Dataset.model_validate(raw)


def _swapped(dataset: Dataset) -> Dataset:
    raw = dataset.model_dump()
    for company in raw["companies"]:
        company["region"] = "CN" if company["region"] == "US" else "US"
    return Dataset.model_validate(raw)


def _rows(result: CompareResult) -> Iterator[tuple[GroupFigures, GroupFigures, float | None]]:
    for row in result.years:
        yield row.us, row.cn, row.us_to_cn_capex_ratio
    yield result.totals.us, result.totals.cn, result.totals.us_to_cn_capex_ratio


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


RATIOS = ("capex_to_ocf", "returns_to_capex")
AMOUNTS = ("capex", "operating_cash_flow", "shareholder_returns")


@PROPERTIES
@given(datasets())
def test_comparing_in_usd_or_cny_gives_the_same_ratios(dataset: Dataset) -> None:
    in_cny = _compare(dataset, currency="CNY")
    in_usd = _compare(dataset, currency="USD")
    assert [r.year for r in in_cny.years] == [r.year for r in in_usd.years]
    rates = dataset.fx_table()
    for cny, usd in zip(in_cny.years, in_usd.years, strict=True):
        # Exact: the rates are powers of two, so no rounding can hide a wrong conversion.
        assert usd.us_to_cn_capex_ratio == cny.us_to_cn_capex_ratio
        rate = rates[cny.year].cny_per_usd
        for group_cny, group_usd in ((cny.us, usd.us), (cny.cn, usd.cn)):
            for field in RATIOS:
                assert getattr(group_usd, field) == getattr(group_cny, field), field
            for field in AMOUNTS:
                value = getattr(group_usd, field)
                expected = getattr(group_cny, field)
                assert (value * rate if value is not None else None) == expected, field


@PROPERTIES
@given(datasets(rates=st.floats(5.0, 9.0), ocf=_POSITIVE_CASH_FLOW))
def test_the_ratio_is_the_same_in_usd_and_cny_with_real_rates(dataset: Dataset) -> None:
    # Any rate, not just powers of two; positive cash flows so that no sum can cancel to a
    # rounding error around zero (where None against a huge ratio would be a float artefact).
    in_cny = _compare(dataset, currency="CNY")
    in_usd = _compare(dataset, currency="USD")
    for cny, usd in zip(in_cny.years, in_usd.years, strict=True):
        assert _close(usd.us_to_cn_capex_ratio, cny.us_to_cn_capex_ratio)
        for field in RATIOS:
            assert _close(getattr(usd.us, field), getattr(cny.us, field))
            assert _close(getattr(usd.cn, field), getattr(cny.cn, field))


@PROPERTIES
@given(datasets(), st.floats(5.0, 9.0))
def test_with_one_rate_the_span_totals_do_not_depend_on_the_currency(
    dataset: Dataset, rate: float
) -> None:
    # Over several years each year has its own rate, so the span ratio is a weighted mean that
    # does depend on the currency; with one --fx rate for every year it must not.
    in_cny = _compare(dataset, currency="CNY", fx=rate)
    in_usd = _compare(dataset, currency="USD", fx=rate)
    assert _close(in_usd.totals.us_to_cn_capex_ratio, in_cny.totals.us_to_cn_capex_ratio)


@PROPERTIES
@given(datasets(), st.sampled_from(REGIONS), st.sampled_from(EXACT_FACTORS))
def test_scaling_a_group_scales_its_totals(dataset: Dataset, region: str, k: float) -> None:
    before = _compare(dataset)
    after = _compare(_scaled(dataset, region, k))
    for (us0, cn0, ratio0), (us1, cn1, ratio1) in zip(_rows(before), _rows(after), strict=True):
        scaled, fixed = ((us0, us1), (cn0, cn1)) if region == "US" else ((cn0, cn1), (us0, us1))
        for field in AMOUNTS:
            old, new = getattr(scaled[0], field), getattr(scaled[1], field)
            assert new == (old * k if old is not None else None), field
            assert getattr(fixed[1], field) == getattr(fixed[0], field), field
        for field in RATIOS:  # a ratio within one group does not move
            assert getattr(scaled[1], field) == getattr(scaled[0], field), field
        expected = None if ratio0 is None else (ratio0 * k if region == "US" else ratio0 / k)
        assert ratio1 == expected


@PROPERTIES
@given(datasets(), st.floats(0.001, 1000.0))
def test_scaling_by_any_factor_scales_capex(dataset: Dataset, k: float) -> None:
    # Capex is never negative, so its totals cannot cancel: closeness holds for any factor.
    before = _compare(dataset)
    after = _compare(_scaled(dataset, "CN", k))
    for (_, cn0, _), (_, cn1, _) in zip(_rows(before), _rows(after), strict=True):
        assert _close(cn1.capex, None if cn0.capex is None else cn0.capex * k)


@PROPERTIES
@given(datasets())
def test_swapping_the_groups_inverts_the_ratio(dataset: Dataset) -> None:
    forward = _compare(dataset)
    backward = _compare(_swapped(dataset))
    for (us0, cn0, ratio0), (us1, cn1, ratio1) in zip(_rows(forward), _rows(backward), strict=True):
        assert (us1, cn1) == (cn0, us0)  # the groups trade places, figure for figure
        if ratio0 is not None and ratio0 > 0:
            assert ratio1 is not None
            assert math.isclose(ratio1, 1 / ratio0, rel_tol=1e-12)
        elif ratio0 == 0:  # A's capex is zero: B:A would divide by it, so it has no value
            assert ratio1 is None
        else:  # A:B has no value (B's capex zero or unknown): B:A is zero or has none
            assert ratio1 is None or ratio1 == 0


def _floats(value: Any) -> Iterator[float]:
    if isinstance(value, float):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _floats(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _floats(item)


@PROPERTIES
@given(
    datasets(rates=st.floats(0.01, 999.0)),
    st.sampled_from(["CNY", "USD"]),
    st.sampled_from(["majority", "label"]),
)
def test_no_number_is_ever_nan_or_infinite(dataset: Dataset, currency: str, align: Any) -> None:
    result = _compare(dataset, currency=currency, align=align)
    assert all(math.isfinite(x) for x in _floats(result.model_dump()))
    text = to_json(result)
    assert "NaN" not in text and "Infinity" not in text
    for company in dataset.companies:
        report = company_report(company, align)
        assert all(math.isfinite(x) for x in _floats(report.model_dump()))


@PROPERTIES
@given(
    st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False), st.integers()),
    st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False), st.integers()),
)
def test_ratio_is_none_or_a_number(numerator: float | None, denominator: float | None) -> None:
    value = ratio(numerator, denominator)
    if denominator is None or numerator is None or denominator <= 0:
        assert value is None
    elif value is not None:
        # None only where the quotient overflows (a huge numerator over a tiny denominator:
        # bounded amounts still reach it with a denominator such as 5e-324).
        assert math.isfinite(value)
    else:
        try:
            quotient = numerator / denominator
        except OverflowError:  # int / int too large for a float
            return
        assert not math.isfinite(quotient)


# --- the edge cases through the CLI --------------------------------------------------------

# usa: FY2022 fine; FY2023 zero capex and zero OCF; FY2024 negative OCF.
# cna: FY2023 zero capex; no FY2024 at all (a missing year). cnb: FY2024 only, negative OCF.
# 2022: no Chinese company has a record (a group with no companies in a year).
EDGE = """
schema_version = 1

[[fx]]
year = 2022
cny_per_usd = 7.0
status = "confirmed"
source = "test rate"

[[fx]]
year = 2023
cny_per_usd = 7.0
status = "confirmed"
source = "test rate"

[[fx]]
year = 2024
cny_per_usd = 7.0
status = "confirmed"
source = "test rate"

[[companies]]
id = "usa"
name = "US Alpha"
name_zh = "美甲"
region = "US"
currency = "USD"
fiscal_year_end = "12-31"

[[companies.years]]
fiscal_year = 2022
period_end = 2022-12-31
status = "confirmed"
source = "t"
capex = { value = 10 }
operating_cash_flow = { value = 20 }

[[companies.years]]
fiscal_year = 2023
period_end = 2023-12-31
status = "confirmed"
source = "t"
capex = { value = 0 }
operating_cash_flow = { value = 0 }
buybacks = { value = 10 }
dividends = { value = 0 }

[[companies.years]]
fiscal_year = 2024
period_end = 2024-12-31
status = "confirmed"
source = "t"
capex = { value = 100 }
operating_cash_flow = { value = -50 }
buybacks = { value = 5 }
dividends = { value = 5 }

[[companies]]
id = "cna"
name = "China Alpha"
name_zh = "中甲"
region = "CN"
currency = "CNY"
fiscal_year_end = "12-31"

[[companies.years]]
fiscal_year = 2023
period_end = 2023-12-31
status = "confirmed"
source = "t"
capex = { value = 0 }
operating_cash_flow = { value = 100 }
buybacks = { value = 0 }
dividends = { value = 0 }

[[companies]]
id = "cnb"
name = "China Beta"
name_zh = "中乙"
region = "CN"
currency = "CNY"
fiscal_year_end = "12-31"

[[companies.years]]
fiscal_year = 2024
period_end = 2024-12-31
status = "confirmed"
source = "t"
capex = { value = 70 }
operating_cash_flow = { value = -10 }
"""

Run = Callable[..., Result]


@pytest.fixture
def edge(tmp_path: Path) -> Path:
    return write(tmp_path, EDGE)


def _ok(result: Result) -> str:
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    text = result.stdout
    for bad in ("NaN", "nan%", "Infinity", "inf%"):
        assert bad not in text
    return text


def _json(result: Result) -> Any:
    # parse_constant rejects NaN and Infinity, which json.loads would otherwise accept.
    return json.loads(_ok(result), parse_constant=lambda name: pytest.fail(f"{name} in JSON"))


def _row(table: str, label: str) -> str:
    return next(line for line in table.splitlines() if line.strip().startswith(label))


def _footnotes(table: str) -> list[str]:
    """The footnotes, each on one line again (they wrap to the page, under a hanging indent)."""
    notes: list[str] = []
    for line in table.splitlines():
        if line.startswith("·"):
            notes.append(line)
        elif notes and line.startswith("  ") and notes[-1] is not None:
            notes[-1] += " " + line.strip()
    return notes


@pytest.mark.parametrize("currency", ["CNY", "USD"])
def test_compare_json_has_null_for_ratios_that_cannot_be_computed(
    run: Run, edge: Path, currency: str
) -> None:
    out = _json(run("compare", "--data", str(edge), "-y", "2022-2024", "-c", currency, "--json"))
    by_year = {row["year"]: row for row in out["years"]}
    # 2022: no Chinese company: the CN side and the ratio are null, not 0 and not an error.
    assert by_year[2022]["cn"]["capex"] is None
    assert by_year[2022]["cn"]["companies"] == []
    assert by_year[2022]["us_to_cn_capex_ratio"] is None
    # 2023: US OCF zero, both groups' capex zero.
    assert by_year[2023]["us"]["capex_to_ocf"] is None
    assert by_year[2023]["us"]["returns_to_capex"] is None
    assert by_year[2023]["us_to_cn_capex_ratio"] is None
    assert by_year[2023]["cn"]["capex_to_ocf"] == 0
    # 2024: both groups' OCF negative; cna has no FY2024 (absent, not zero).
    assert by_year[2024]["us"]["capex_to_ocf"] is None
    assert by_year[2024]["cn"]["capex_to_ocf"] is None
    assert {"company": "cna", "year": 2024} in by_year[2024]["cn"]["absent"]
    assert by_year[2024]["us_to_cn_capex_ratio"] is not None


def test_compare_table_shows_a_dash_for_ratios_that_cannot_be_computed(
    run: Run, edge: Path
) -> None:
    table = _ok(run("compare", "--data", str(edge), "-y", "2022-2024"))
    # Capex table row 2023: US capex 0, CN capex 0, CN : US —, US capex/OCF —, CN 0.0%; only
    # one of the two Chinese companies reports, so CN's values are marked partial.
    assert _row(table, "2023").split() == ["2023", "(CN", "1/2)", "0", "[0]", "—", "—", "[0.0%]"]
    assert _row(table, "2022").split()[4:] == ["—", "—", "50.0%", "—"]
    assert any("2022: no CN company has figures" in note for note in _footnotes(table))


def test_company_with_zero_and_negative_figures(run: Run, edge: Path) -> None:
    out = _json(run("company", "usa", "--data", str(edge), "--json"))
    by_year = {row["fiscal_year"]: row for row in out["years"]}
    assert by_year[2023]["capex_to_ocf"] is None  # OCF zero
    assert by_year[2023]["returns_to_capex"] is None  # capex zero
    assert by_year[2023]["capex_growth"] == -1  # 10 -> 0 is a fall of 100%
    assert by_year[2024]["capex_growth"] is None  # growth from zero has no value
    assert by_year[2024]["capex_to_ocf"] is None  # OCF negative
    table = _ok(run("company", "usa", "--data", str(edge)))
    assert _row(table, "2024").split()[-3:] == ["—", "10.0%", "—"]
    assert any("zero or negative" in note for note in _footnotes(table))


# A blank ratio always has a footnote saying why.


def test_compare_footnote_says_why_capex_to_ocf_is_blank(run: Run, edge: Path) -> None:
    table = _ok(run("compare", "--data", str(edge), "-y", "2022-2024"))
    assert any(
        "capex/OCF" in note.replace(" / ", "/") and "zero or negative" in note
        for note in _footnotes(table)
    )


def test_compare_footnote_says_why_a_ratio_over_zero_capex_is_blank(run: Run, edge: Path) -> None:
    table = _ok(run("compare", "--data", str(edge), "-y", "2023"))
    notes = _footnotes(table)
    assert any("CN : US" in note and "zero" in note for note in notes[1:])
    assert any("returns/capex" in note.replace(" / ", "/") and "zero" in note for note in notes)


def test_company_footnote_says_why_ratios_over_zero_capex_are_blank(run: Run, edge: Path) -> None:
    table = _ok(run("company", "usa", "--data", str(edge)))
    notes = _footnotes(table)
    assert any("returns" in note.lower() and "zero" in note and "capex" in note for note in notes)
    assert any("growth" in note and "zero" in note for note in notes)
