"""The benchmark tools stay usable: the generator writes valid data, the script runs.

No timing is asserted here (machines are noisy); benchmarks/RESULTS.md holds the figures.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from types import ModuleType

from capexcli.compute.comparison import compare
from capexcli.store.loader import parse_dataset
from tests.conftest import REPO

BENCHMARKS = REPO / "benchmarks"


def _module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_generator_writes_a_valid_varied_dataset() -> None:
    generate = _module("generate").generate
    text = generate(40, 3)
    assert generate(40, 3) == text  # seeded: runs are comparable
    dataset = parse_dataset(text, "generated.toml")
    assert len(dataset.companies) == 40
    assert {c.region for c in dataset.companies} == {"US", "CN"}
    assert {c.currency for c in dataset.companies} == {"USD", "CNY"}
    assert {c.fiscal_year_end for c in dataset.companies} == {"12-31", "06-30", "03-31", "09-30"}
    assert all(len(c.years) == 3 for c in dataset.companies)
    result = compare(dataset)
    assert result.totals.us.capex is not None and result.totals.cn.capex is not None
    # Shaped like the shipped companies: a basis, documents that figures cite, versions.
    assert all(c.capex_basis is not None and c.documents for c in dataset.companies)
    assert any(c.document for c in dataset.companies for c in c.years)
    assert "stock_code" in text and "accession" in text
    longer = generate(20, 6)  # a restatement needs a filing two years later
    assert "versions = [" in longer
    assert any(
        f.versions
        for c in parse_dataset(longer).companies
        for y in c.years
        for f in [y.capex]
        if f is not None
    )


def test_the_benchmark_script_runs_and_prints_every_case() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / "bench.py"), "--runs", "1", "--no-scale"],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    for case in (
        "hello-world Typer app",
        "capex --help",
        "compare --json",
        "company tencent --json",
        "validate --json",
        "verify alphabet --facts FILE --json",
    ):
        assert case in done.stdout
    assert "ratio" in done.stdout and "target" in done.stdout and "cached ms" in done.stdout
