"""A company's own headline capex, recorded beside the cash-flow basis (Tencent's 资本开支)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from typer.testing import Result

from tests.conftest import SMALL, write

Run = Callable[..., Result]


def test_tencent_shows_its_headline_capex_beside_the_cash_flow_basis(
    run: Run, run_json: Callable[..., Any]
) -> None:
    doc = run_json("company", "tencent")
    by_year = {y["fiscal_year"]: y for y in doc["years"]}
    # 2024: the cash-flow line 62,927 and the headline 76,760 side by side; neither replaces
    # the other, and capex/OCF stays on the cash-flow line: 62,927 / 258,521 = 24.3%.
    assert by_year[2024]["capex"] == 62927 and by_year[2024]["headline_capex"] == 76760
    assert round(by_year[2024]["capex_to_ocf"], 3) == 0.243
    assert by_year[2024]["status"]["headline_capex"] == "confirmed"
    assert by_year[2023]["headline_capex"] is None
    table = run("company", "tencent", env={"COLUMNS": "80"}).stdout
    assert "2024  62,927    76,760    258,521" in table
    [row] = run_json("sources", "tencent", "--field", "headline_capex", "--year", "2024")
    assert row["document"]["id"] == "2025 results" and row["document"]["page"] == 7
    assert row["line"] == "资本开支" and row["status"] == "confirmed"
    # A company without one keeps its table as it was.
    assert "Headline" not in run("company", "meta").stdout


def _small_with(tmp_path: Path, figure: str) -> Path:
    text = SMALL.read_text(encoding="utf-8").replace(
        'debt_repayment = { value = 500, status = "derived", note = "300 + 200" }\n',
        'debt_repayment = { value = 500, status = "derived", note = "300 + 200" }\n'
        f"headline_capex = {figure}\n",
        1,
    )
    return write(tmp_path, text)


def test_a_bad_headline_capex_is_a_clear_error(run: Run, tmp_path: Path) -> None:
    data = _small_with(tmp_path, "{ value = -5 }")
    result = run("company", "cna", "--data", str(data))
    assert result.exit_code == 2
    assert "headline_capex" in result.stderr and "must be ≥ 0" in result.stderr
    data = _small_with(tmp_path, '{ value = 180, document = "nope" }')
    result = run("validate", str(data))
    assert result.exit_code == 2 and "nope" in result.stderr
    data = _small_with(tmp_path, "{ value = 180 }")
    doc = json.loads(run("company", "cna", "--data", str(data), "--json").stdout)
    assert doc["years"][-1]["headline_capex"] == 180
