"""Contracts for scripts (issue 17, item 4): every JSON document validates against `capex
schema`, which describes every field and lists closed sets of values; exit codes 0, 1, 2, 70."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
import typing
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import Result

from capexcli import errors
from capexcli.cli.inspect import SCHEMAS
from capexcli.results import base as results_base
from tests.conftest import REPO, SEC_FIXTURES, SMALL, write

Run = Callable[..., Result]
DATA = ("--data", str(SMALL))
ALPHABET = str(SEC_FIXTURES / "CIK0001652044-alphabet.json")
APPLE = str(SEC_FIXTURES / "CIK0000320193-apple.json")
HKEX = Path(__file__).parents[1] / "fixtures" / "hkex"
WISDOM = str(HKEX / "06068-wisdom-education-annual-report-2021.pdf")
TENCENT_RELEASE = str(HKEX / "tencent-2025-annual-results-press-release-zh.pdf")

#: Every --json output: the schema it follows, and a command line that prints it.
OUTPUTS: list[tuple[str, list[str]]] = [
    ("compare", ["compare", *DATA]),
    ("compare", ["compare", "--partial", "--like-for-like", *DATA]),
    ("explain", ["explain", "2024", *DATA]),
    ("explain", ["explain", "2024", "-g", "cn", "-m", "returns", "--like-for-like", *DATA]),
    ("company", ["company", "cna", *DATA]),
    ("company-list", ["company", "cna", "usa", *DATA]),
    ("companies", ["companies", *DATA]),
    ("sources", ["sources", *DATA]),
    ("chart", ["chart", *DATA]),
    ("chart", ["chart", "--metric", "returns_to_capex", *DATA]),
    ("claims", ["claims"]),
    ("claims", ["claims", "--exclude", "kuaishou"]),
    ("check", ["check"]),
    ("check", ["check", "--exclude", "kuaishou", "--like-for-like"]),
    ("claims", ["claims", "capex-ratio-2024"]),
    ("validate", ["validate", str(SMALL)]),
    ("verify", ["verify", "--facts", ALPHABET]),
    ("update", ["update", "alphabet", "kuaishou", "--facts", ALPHABET, "--dry-run"]),
    ("import-sec", ["import", "sec", APPLE, "--years", "2024-2025"]),
    ("import-report", ["import", "report", WISDOM]),
    ("import-report", ["import", "report", TENCENT_RELEASE, "--company", "tencent"]),
]


def _schema(run: Run, name: str) -> dict[str, Any]:
    result = run("schema", *name.split("-"))
    assert result.exit_code == 0, result.stderr
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    return schema


@pytest.mark.parametrize(("name", "args"), OUTPUTS, ids=lambda x: " ".join(x)[:40])
def test_every_json_output_validates_against_capex_schema(
    run: Run, name: str, args: list[str]
) -> None:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    jsonschema.validate(document, _schema(run, name))
    if name == "sources":
        assert isinstance(document, list) and document
    else:
        assert document["schema_version"] == 1


def test_every_schema_is_covered_by_a_test() -> None:
    assert {name for name, _ in OUTPUTS} | {"error"} == set(SCHEMAS)


def _properties(node: Any, where: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every property of every object in a schema, with its path."""
    if isinstance(node, dict):
        for name, spec in (node.get("properties") or {}).items():
            yield f"{where}.{name}", spec
        for key, value in node.items():
            yield from _properties(value, f"{where}.{key}" if key != "properties" else where)
    elif isinstance(node, list):
        for item in node:
            yield from _properties(item, where)


@pytest.mark.parametrize("name", SCHEMAS)
def test_every_field_has_a_description(run: Run, name: str) -> None:
    undescribed = [
        path for path, spec in _properties(_schema(run, name)) if not spec.get("description")
    ]
    assert undescribed == []


def _enum(schema: dict[str, Any], model: str, field: str) -> list[str]:
    spec = schema["$defs"][model]["properties"][field] if model else schema["properties"][field]
    options = spec.get("anyOf", [spec])
    return next(o["enum"] for o in options if "enum" in o)


def test_closed_sets_of_values_are_enums(run: Run) -> None:
    claims = _schema(run, "claims")
    # consistent / inconsistent: the verdicts of the article checked against its own numbers
    # (issue 25), never holds.
    verdicts = ["holds", "close", "fails", "cited", "unknown", "insufficient"]
    verdicts += ["consistent", "inconsistent"]
    assert _enum(claims, "ClaimResult", "verdict") == verdicts
    assert _enum(_schema(run, "check"), "CheckRow", "verdict") == verdicts
    assert _enum(claims, "ClaimResult", "kind") == ["recomputed", "internal", "cited"]
    assert _enum(claims, "SourceRow", "status") == [
        "confirmed",
        "aggregator",
        "derived",
        "unconfirmed",
        "override",
    ]
    assert _enum(claims, "", "align") == ["majority", "label"]
    assert _enum(_schema(run, "compare"), "", "currency") == ["USD", "CNY"]
    assert _enum(_schema(run, "companies"), "CompanySummary", "region") == ["US", "CN"]
    assert _enum(_schema(run, "chart"), "", "metric") == [
        "capex",
        "capex_to_ocf",
        "returns_to_capex",
    ]
    assert _enum(_schema(run, "verify"), "VerifyRow", "outcome") == [
        "match",
        "differs",
        "restated",
        "not in facts",
    ]


def test_vocabularies_are_the_ones_the_records_and_claims_use() -> None:
    from capexcli.compute import claims, claims_file
    from capexcli.compute.chart import CHART_METRICS
    from capexcli.model import alignment, records

    merge = importlib.import_module("capexcli.importers.sec.merge")

    args = typing.get_args
    assert args(results_base.Status) == args(records.Status)
    assert args(results_base.FxStatus) == (*args(records.Status), "override")
    assert args(results_base.Currency) == args(records.Currency)
    assert args(results_base.Region) == args(records.Region)
    assert args(results_base.Align) == args(alignment.Align)
    assert args(results_base.Verdict) == args(claims.Verdict)
    assert args(results_base.ClaimKind) == args(claims_file.Kind)
    assert args(results_base.ChartMetric) == tuple(CHART_METRICS)
    assert args(results_base.Action) == args(merge.Action)
    assert set(args(results_base.FigureField)) >= set(records.FIGURE_FIELDS)


def test_every_error_code_is_in_the_schema(run: Run) -> None:
    def codes(cls: type[errors.CapexError]) -> set[str]:
        return {cls.code}.union(*(codes(sub) for sub in cls.__subclasses__()))

    assert set(_enum(_schema(run, "error"), "ErrorDetail", "code")) == codes(errors.CapexError)


def test_units_are_stated_truthfully(run: Run) -> None:
    ratio = json.loads(run("chart", "--metric", "capex_to_ocf", "--json", *DATA).stdout)
    assert ratio["unit"] == "ratio"
    # 2024: US capex 2,400 over operating cash flow 6,400
    assert next(y for y in ratio["years"] if y["year"] == 2024)["us"] == pytest.approx(0.375)
    assert json.loads(run("chart", "--json", *DATA).stdout)["unit"] == "millions"
    rows = json.loads(run("sources", "--json", *DATA).stdout)
    assert {r["kind"] for r in rows} == {"figure", "fx"}
    for row in rows:
        assert row["unit"] == ("CNY per USD" if row["kind"] == "fx" else "millions"), row


# --- exit codes -------------------------------------------------------------------------------


def _error(run: Run, schema: dict[str, Any], *args: str) -> tuple[int, dict[str, Any]]:
    result = run(*args, "--json")
    document = json.loads(result.stderr)
    jsonschema.validate(document, schema)
    return result.exit_code, document["error"]


def test_every_failure_under_json_is_the_error_object(run: Run, tmp_path: Path) -> None:
    schema = _schema(run, "error")
    assert _error(run, schema, "company", "tencnt", *DATA)[1]["suggestions"] == []
    code, error = _error(run, schema, "compare", "--years", "2025-2020", *DATA)
    assert (code, error["code"]) == (2, "bad_option")
    code, error = _error(run, schema, "compare", "--no-such-option", *DATA)
    assert (code, error["code"]) == (2, "bad_option")
    broken = write(tmp_path, SMALL.read_text(encoding="utf-8").replace('"USD"', '"EUR"', 1))
    code, error = _error(run, schema, "compare", "--data", str(broken))
    assert (code, error["code"]) == (2, "invalid_data") and error["problems"]
    code, error = _error(run, schema, "compare", "--data", str(tmp_path / "none.toml"))
    assert (code, error["code"]) == (2, "data_file")
    code, error = _error(run, schema, "validate", "--strict", str(SMALL))
    assert (code, error["code"]) == (1, "check_failed")


def test_exit_1_is_a_check_the_user_asked_for(run: Run) -> None:
    strict = run("validate", "--strict", str(SMALL))
    assert strict.exit_code == 1 and "27 warnings" in strict.stdout
    assert run("validate", str(SMALL)).exit_code == 0
    assert run("validate", "--strict", str(REPO / "data" / "companies.toml")).exit_code == 0


def test_exit_2_is_bad_input_or_usage(run: Run) -> None:
    assert run("compare", "--currency", "EUR", *DATA).exit_code == 2
    assert run("compare", "--no-such-option", *DATA).exit_code == 2
    assert run("no-such-command").exit_code == 2
    assert run("company", "nobody", *DATA).exit_code == 2


def test_internal_error_exits_70_in_one_line_and_as_json(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("kaput\nsecond line")

    monkeypatch.setattr("capexcli.model.records.find_company", boom)
    monkeypatch.delenv("CAPEX_DEBUG", raising=False)
    text = run("company", "cna", *DATA)
    assert text.exit_code == 70
    assert len(text.stderr.splitlines()) == 1
    assert text.stderr.startswith("capex: internal error: RuntimeError: kaput. This is a bug")
    assert "CAPEX_DEBUG=1" in text.stderr and "Traceback" not in text.stderr
    as_json = run("company", "cna", "--json", *DATA)
    assert as_json.exit_code == 70
    document = json.loads(as_json.stderr)
    jsonschema.validate(document, _schema(run, "error"))
    assert document["error"]["code"] == "internal"
    assert "RuntimeError: kaput" in document["error"]["message"]


def test_exit_codes_are_documented_in_help_and_the_manual(run: Run) -> None:
    epilog = " ".join(run("--help", env={"COLUMNS": "200"}).stdout.split())
    for words in ("0 success", "1 a check you asked for failed", "2 bad input", "70 an internal"):
        assert words in epilog, words
    readme = (REPO / "docs" / "output.md").read_text(encoding="utf-8")
    for row in ("| `70` an internal error |", "| `1` a check you asked for failed |"):
        assert row in readme


def test_broken_pipe_is_not_an_internal_error() -> None:
    # `capex ... | head -1`: the reader leaves; capex exits as a shell reports SIGPIPE.
    done = subprocess.run(
        f"{sys.executable} -m capexcli sources --data {SMALL} | head -1",
        shell=True,
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
        env={"CAPEX_NO_CACHE": "1", "PATH": "/usr/bin:/bin"},
    )
    assert "internal error" not in done.stderr


def test_every_results_name_has_one_home_that_type_checkers_see_too() -> None:
    """``capexcli.results`` loads a model from the module named for it, and only that one;
    the TYPE_CHECKING imports (what type checkers read) must name the same homes."""
    import ast
    import importlib

    import capexcli.results as results

    source = Path(results.__file__).read_text(encoding="utf-8")
    seen: dict[str, tuple[str, ...]] = {}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.If):
            for statement in node.body:
                if isinstance(statement, ast.ImportFrom) and statement.module:
                    home = statement.module.rsplit(".", 1)[1]
                    seen[home] = tuple(alias.name for alias in statement.names)
    assert seen == results._NAMES
    assert sorted(results.__all__) == sorted(["OUTPUT_SCHEMA_VERSION", *results._HOME_OF])
    for name, home in results._HOME_OF.items():
        module = importlib.import_module(f"capexcli.results.{home}")
        assert name in vars(module), (name, home)


SHOWS_DATA = ["base", "core", "data", "filed"]


@pytest.mark.parametrize(
    ("args", "homes"),
    [
        (["compare", "--json"], ["base", "core", "filed"]),
        (["company", "tencent", "--json"], SHOWS_DATA),
        (["companies", "--json"], SHOWS_DATA),
        (["sources", "--json"], SHOWS_DATA),
        (["validate", "--json"], SHOWS_DATA),
        (["chart", "--json"], ["base", "chart", "core", "filed"]),
        (
            ["verify", "alphabet", "--facts", ALPHABET, "--json"],
            ["base", "sec"],
        ),
    ],
)
def test_a_command_builds_no_result_model_of_another_command(
    args: list[str], homes: list[str]
) -> None:
    # Regression: looking up GroupUsed walked the modules in turn and built explain's models,
    # --svg's check built the chart's on every run, and compute/reports.py imported the
    # chart's models for company and validate (results/more.py: 18 models, ~10 ms cold); a
    # compare built the models of company, sources and validate (results/data.py), and chart
    # and verify those of claims (results/more.py).
    code = (
        "import sys, io, contextlib\n"
        "from capexcli.cli.commands import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    try: main({args!r})\n"
        "    except SystemExit: pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('capexcli.results.')))\n"
    )
    env = {**os.environ, "CAPEX_NO_CACHE": "1"}  # a cache hit would build nothing
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    loaded = eval(done.stdout)  # a list of module names printed by the child
    assert loaded == [f"capexcli.results.{home}" for home in homes]
