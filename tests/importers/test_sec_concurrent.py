"""`capex import sec --into`: imports into one file at once lose nothing (the file's lock)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from capexcli.importers import sec
from capexcli.store.loader import parse_dataset
from tests.sec_helpers import fact, facts_document

DATA = """\
schema_version = 1

# One company and no years: each process below adds one.
[[companies]]
id = "usa"
name = "US Alpha"
name_zh = "美甲"
region = "US"
currency = "USD"
fiscal_year_end = "12-31"
"""

YEARS = range(2001, 2017)  # sixteen processes, one fiscal year each


def test_sixteen_concurrent_imports_into_one_file_all_land(tmp_path: Path) -> None:
    tag = sec.FIELD_TAGS["capex"][0]
    rows = [fact(f"{y}-01-01", f"{y}-12-31", y * 1_000_000) for y in YEARS]
    facts = tmp_path / "facts.json"
    facts.write_text(json.dumps(facts_document({tag: rows})), encoding="utf-8")
    data = tmp_path / "data.toml"
    data.write_text(DATA, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "CAPEX_DATA"} | {"CAPEX_NO_CACHE": "1"}

    into = ["--company", "usa", "--into", str(data)]
    processes = {
        year: subprocess.Popen(
            [sys.executable, "-m", "capexcli", "import", "sec", str(facts), "-y", str(year), *into],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for year in YEARS
    }
    outputs = {year: p.communicate(timeout=120) for year, p in processes.items()}
    outcomes = {year: (processes[year].returncode, *out) for year, out in outputs.items()}

    dataset = parse_dataset(data.read_text(encoding="utf-8"), data)
    (company,) = dataset.companies
    in_file = {y.fiscal_year: y.capex.value for y in company.years if y.capex is not None}
    for year, (status, stdout, stderr) in outcomes.items():
        assert status in (0, 2) and "Traceback" not in stderr, (year, stderr)
        if status == 0:
            assert f"{data}: written (1 added)" in stdout, (year, stdout)
            assert in_file.get(year) == year, (year, in_file)
    # With the lock none has to give up: each merges into what the one before it wrote.
    assert [status for status, _, _ in outcomes.values()] == [0] * len(YEARS), outcomes
    assert [y.fiscal_year for y in company.years] == list(YEARS)
    assert "# One company and no years" in data.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.toml", "facts.json"]
