"""``capex explain``: the companies behind a cell of compare add up to it."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from typer.testing import Result

from capexcli.compute.comparison import compare
from capexcli.compute.explain import CELL_FIELD, explain
from capexcli.store.loader import load
from capexcli.store.paths import resolve_data_path
from tests.conftest import SMALL

Run = Callable[..., Result]
DATA = ["--data", str(SMALL)]


@pytest.mark.parametrize("path", [resolve_data_path(None), SMALL], ids=["shipped", "small"])
@pytest.mark.parametrize("currency", ["CNY", "USD"])
def test_every_cell_is_the_sum_of_its_rows(path: Any, currency: str) -> None:
    dataset = load(path).dataset
    comparison = compare(dataset, currency=currency)
    checked = 0
    for row in comparison.years:
        for measure, field in CELL_FIELD.items():
            result = explain(dataset, row.year, measure=measure, currency=currency)
            for cell, group in zip(result.cells, (row.us, row.cn), strict=True):
                # Exactly compare's cell, and exactly the sum of the rows, to the last bit.
                assert cell.value == getattr(group, field)
                assert cell.rows_total == cell.value
                added = [r.converted for r in cell.rows if r.converted is not None]
                assert cell.value == (sum(added) if added else None)
                # Every member is listed once; the missing ones carry no value (never 0).
                assert len(cell.rows) == cell.members
                for r in cell.rows:
                    if r.company in cell.missing:
                        assert r.value is None and r.converted is None and r.missing
                assert cell.complete == (not cell.missing)
                checked += 1
    assert checked == len(comparison.years) * 3 * 2


def test_small_2024_worked_by_hand(run_json: Callable[..., Any]) -> None:
    doc = run_json("explain", "2024", *DATA)
    us, cn = doc["cells"]
    # US: usa FY2024 (Dec 2024) 200 USD x 8.0 = 1,600; usb FY2024 ends 2024-06-30, six months
    # in 2024, so majority puts it in 2024: 100 x 8.0 = 800. 1,600 + 800 = 2,400.
    assert [(r["company"], r["value"], r["fx_rate"], r["converted"]) for r in us["rows"]] == [
        ("usa", 200, 8, 1600),
        ("usb", 100, 8, 800),
    ]
    assert us["value"] == us["rows_total"] == 2400
    assert us["rows"][1]["first_month"] == "2023-07" and us["rows"][1]["last_month"] == "2024-06"
    # CN: cna FY2024 160; cnb FY2025 ends 2025-03-31, three months in 2025: counted in 2024,
    # 240 (aggregator). 160 + 240 = 400, and 240 / 400 = 60% not confirmed.
    assert [(r["company"], r["fiscal_year"], r["converted"], r["status"]) for r in cn["rows"]] == [
        ("cna", 2024, 160, "confirmed"),
        ("cnb", 2025, 240, "aggregator"),
    ]
    assert cn["value"] == 400 and cn["not_confirmed_share"] == 0.6
    assert cn["rows"][1]["fx_rate"] is None  # CNY to CNY: no rate used
    # 2,400 / 400 = 6.0: compare's "1 : 6.0"
    assert doc["us_to_cn_capex_ratio"] == 6 and doc["ratio_complete"] is True
    assert doc["cells"][0]["rows"][0]["figures"][0]["source"] == "US Alpha 10-K 2024"


def test_a_missing_member_is_listed_as_missing_and_the_cell_is_partial(run: Run) -> None:
    doc = json.loads(run("explain", "2024", "-g", "cn", "-m", "returns", *DATA, "--json").stdout)
    [cn] = doc["cells"]
    # cna 320 + 80 = 400; cnb FY2025 has neither buybacks nor dividends: out, not zero.
    assert cn["value"] == cn["rows_total"] == 400
    assert not cn["complete"] and cn["missing"] == ["cnb"]
    cnb = cn["rows"][-1]
    assert cnb["value"] is None and cnb["missing"] == ["buybacks", "dividends"]
    assert doc["us_to_cn_capex_ratio"] is None
    text = run("explain", "2024", "-g", "cn", "-m", "returns", *DATA).stdout
    assert "[400]\n(partial: 1 of 2 members; not comparable)" in text
    assert "never counted as zero): cnb FY2025 buybacks,\n  dividends." in text
    assert "\ncnb      2025  2024-04..2025-03        —   —    —   missing\n" in text


def test_group_options_are_compares(run: Run, run_json: Callable[..., Any]) -> None:
    doc = run_json("explain", "2024", "--exclude", "usb", "-g", "us", *DATA)
    assert [r["company"] for r in doc["cells"][0]["rows"]] == ["usa"]
    assert doc["cells"][0]["value"] == 1600
    doc = run_json("explain", "2024", "--group", "us=usb", "--group", "us", *DATA)
    assert [r["company"] for r in doc["cells"][0]["rows"]] == ["usb"]
    doc = run_json("explain", "2024", "--align", "label", "-g", "cn", *DATA)
    # label alignment: cnb FY2024 (to March 2024) counts in 2024: 160 + 70 = 230
    assert doc["cells"][0]["value"] == 230
    doc = run_json("explain", "2023", "--fx", "7.5", "-g", "us", *DATA)
    assert doc["cells"][0]["rows"][0]["converted"] == 750
    assert run("explain", "2024", "-g", "xx", *DATA).exit_code == 2
    assert run("explain", "2024", "-m", "debt", *DATA).exit_code == 2
    bad = run("explain", "2030", "--years", "2023-2024", *DATA)
    assert bad.exit_code == 2 and "2030 is not a year of the comparison" in bad.stderr


def test_explain_is_in_the_schema(run: Run) -> None:
    schema = json.loads(run("schema", "explain").stdout)
    row = schema["$defs"]["ExplainRow"]["properties"]
    assert {"fiscal_year", "first_month", "value", "fx_rate", "converted", "status"} <= set(row)
    assert all("description" in p for p in row.values())


def test_sources_chooses_by_comparison_year_or_fiscal_year_and_says_which(
    run: Run, run_json: Callable[..., Any]
) -> None:
    def picked(*args: str) -> list[tuple[Any, ...]]:
        rows = run_json("sources", "--field", "capex", *args, *DATA)
        return [
            (r["company"], r["fiscal_year"], r["comparison_year"], r["selected_by"]) for r in rows
        ]

    # cnb's FY2025 ends 2025-03-31 (three months in 2025): compare counts it in 2024.
    assert picked("--comparison-year", "2024") == [
        ("usa", 2024, 2024, "comparison_year"),
        ("usb", 2024, 2024, "comparison_year"),
        ("cna", 2024, 2024, "comparison_year"),
        ("cnb", 2025, 2024, "comparison_year"),
    ]
    # --year is the fiscal year: cnb's FY2024 (to March 2024, comparison year 2023).
    assert ("cnb", 2024, 2023, "fiscal_year") in picked("--year", "2024")
    assert ("cnb", 2025, 2024, "fiscal_year") not in picked("--year", "2024")
    # Under label alignment, comparison year = fiscal year.
    assert ("cnb", 2024, 2024, "comparison_year") in picked(
        "--comparison-year", "2024", "--align", "label"
    )
    # The rows match the companies explain lists for the same cell.
    cells = run_json("explain", "2024", *DATA)["cells"]
    listed = [(r["company"], r["fiscal_year"]) for c in cells for r in c["rows"]]
    assert [(c, fy) for c, fy, _, _ in picked("--comparison-year", "2024")] == listed
    fx = run_json("sources", "--kind", "fx", "--comparison-year", "2024", *DATA)
    assert [(r["fiscal_year"], r["comparison_year"]) for r in fx] == [(2024, 2024)]
    assert (
        "Chosen by comparison year 2024 (--comparison-year)"
        in run("sources", "--comparison-year", "2024", *DATA).stdout
    )
    assert "Chosen by fiscal year (--year)" in run("sources", "--year", "2024", *DATA).stdout
    assert "Chosen by" not in run("sources", *DATA).stdout
    assert run("sources", "--comparison-year", "20x", *DATA).exit_code == 2


def test_explain_as_csv_has_a_row_per_member(run: Run) -> None:
    out = run("explain", "2024", "-g", "cn", "-m", "returns", "--format", "csv", *DATA).stdout
    lines = out.splitlines()
    assert lines[0].startswith("year,measure,group,cell,cell_complete,company,fiscal_year")
    # cna 320 + 80 = 400 in the cell; cnb adds nothing and says what it misses
    assert lines[1].startswith("2024,returns,cn,400,false,cna,2024,2024-01,2024-12,400,CNY,,400,")
    assert lines[2].endswith(',,"buybacks,dividends",millions')
