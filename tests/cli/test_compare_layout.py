"""The default ``capex compare``: it leads with what is comparable and fits a screen."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import Result

from tests.conftest import write

Run = Callable[..., Result]
PAGE = {"COLUMNS": "80", "NO_COLOR": "1"}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_default_view_fits_about_40_lines_at_80_columns(run: Run, lang: str) -> None:
    lines = run("compare", "--lang", lang, env=PAGE).stdout.splitlines()
    assert all(cell_len(line) <= 80 for line in lines)
    assert len(lines) <= 42, len(lines)
    notes = lines[next(i for i, line in enumerate(lines) if line.startswith("· ")) :]
    assert len(notes) <= 10, notes
    everything = run("compare", "--notes", "--lang", lang, env=PAGE).stdout.splitlines()
    assert len(everything) > len(lines) + 10
    # --notes keeps every footnote the default view leaves out
    missing = "Missing figures" if lang == "en" else "缺失数据"
    assert any(missing in line for line in everything)
    assert not any(missing in line for line in lines)


def test_the_main_table_ends_with_the_latest_year_both_groups_filed(run: Run) -> None:
    lines = run("compare", env=PAGE).stdout.splitlines()
    # The capex table: its rows run 2020-2024; 2025 (CN 2/7) is not among them.
    returns = lines.index("Shareholder returns: buybacks + dividends (CNY millions)")
    capex_rows = [line for line in lines[:returns] if line[:4].isdigit()]
    assert [row[:4] for row in capex_rows] == ["2020", "2021", "2022", "2023", "2024"]
    assert capex_rows[-1].startswith("2024           1,563,388     194,877*     1 : 8.0")
    # 2025 stands apart after both tables, under its own heading that names who has not filed.
    later = next(i for i, line in enumerate(lines) if line.startswith("Reported so far"))
    assert later > returns
    assert "no capex yet from baidu,\njd, kuaishou, meituan, netease" in "\n".join(
        lines[later : later + 2]
    )
    [row] = [line for line in lines[later:] if line.startswith("2025")]
    assert row.startswith("2025 (CN 2/7)  2,569,589   [213,482]*  [1 : 12.0]")
    assert not any(line.startswith("2025") for line in lines[:later])


def test_compare_json_keeps_every_year_and_says_which_are_later(
    run_json: Callable[..., object],
) -> None:
    doc = run_json("compare")
    assert isinstance(doc, dict)
    assert [y["year"] for y in doc["years"]] == [2020, 2021, 2022, 2023, 2024, 2025]
    assert doc["latest_complete_year"] == 2024 and doc["later_years"] == [2025]


def test_a_partial_year_before_the_latest_complete_one_stays_in_the_table(
    run: Run, tmp_path: Path
) -> None:
    # small.toml with 2023 made partial (cna's 2023 capex removed): 2024 is still complete,
    # so 2023 stays in the table, bracketed, and nothing stands apart.
    text = (Path(__file__).parents[1] / "data" / "small.toml").read_text(encoding="utf-8")
    text = text.replace("capex = { value = 140 }\n", "", 1)
    data = write(tmp_path, text)
    doc = json.loads(run("compare", "--data", str(data), "--json").stdout)
    assert doc["latest_complete_year"] == 2024 and doc["later_years"] == []
    out = run("compare", "--data", str(data), env=PAGE).stdout
    assert "2023 (CN 1/2)" in out and "Reported so far" not in out
