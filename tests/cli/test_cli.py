"""The real CLI, driven through Typer's runner on tests/data/small.toml."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from tests.conftest import REPO, SMALL, write

Run = Callable[..., Result]
RunJson = Callable[..., Any]
DATA = ("--data", str(SMALL))


#: A page so wide that no footnote wraps: for tests of what a line says, not of the layout.
WIDE = {"COLUMNS": "1000"}


def test_company_json_is_exactly_the_contract(run_json: RunJson) -> None:
    assert run_json("company", "9999.HK", *DATA) == {
        "schema_version": 1,
        "company": {
            "id": "cna",
            "name": "China Alpha",
            "name_zh": "中甲",
            "region": "CN",
            "currency": "CNY",
            "fiscal_year_end": "12-31",
            "aliases": ["9999.HK", "中甲控股"],
            "capex_definition": None,
            "capex_basis": None,
        },
        "currency": "CNY",
        "unit": "millions",
        "align": "majority",
        "align_rule": (
            "each fiscal year counts in the calendar year that holds most of its months, the "
            "year it ends in on a 6-6 tie (Alibaba FY to March 2025 -> 2024; Microsoft FY to "
            "June 2024 -> 2024)"
        ),
        "years": [
            {
                "fiscal_year": 2023,
                "comparison_year": 2023,
                "period_end": "2023-12-31",
                "capex": 140,
                "operating_cash_flow": 1400,
                "buybacks": 280,
                "dividends": 70,
                "debt_repayment": None,
                "capex_to_ocf": 0.1,
                "shareholder_returns": 350,
                "returns_to_capex": 2.5,
                "capex_growth": None,
                "status": {
                    "capex": "confirmed",
                    "operating_cash_flow": "confirmed",
                    "buybacks": "confirmed",
                    "dividends": "confirmed",
                },
                "capex_proceeds": None,
                "headline_capex": None,
                "restated": {},
                "versions": {},
            },
            {
                "fiscal_year": 2024,
                "comparison_year": 2024,
                "period_end": "2024-12-31",
                "capex": 160,
                "operating_cash_flow": 800,
                "buybacks": 320,
                "dividends": 80,
                "debt_repayment": 500,
                "capex_to_ocf": 0.2,
                "shareholder_returns": 400,
                "returns_to_capex": 2.5,
                "capex_growth": 0.142857,  # 160 / 140 - 1
                "status": {
                    "capex": "confirmed",
                    "operating_cash_flow": "confirmed",
                    "buybacks": "confirmed",
                    "dividends": "confirmed",
                    "debt_repayment": "derived",
                },
                "capex_proceeds": None,
                "headline_capex": None,
                "restated": {},
                "versions": {},
            },
        ],
        "notes": [],
        "as_of": {
            "date": None,
            "first_reported": False,
            "label": None,
            "note": None,
            "not_yet_filed": 0,
            "assumed_dates": 0,
            "guidance_left_out": 0,
            "restated_since": [],
        },
    }


def test_company_table_exact(run: Run) -> None:
    result = run("company", "cna", *DATA)
    assert result.exit_code == 0
    assert result.stdout == (
        "China Alpha (中甲) · CN · fiscal year ends 12-31 · CNY millions\n"
        "\n"
        "             Operating                         Debt  Capex/  Returns/   Capex\n"
        "FY    Capex  cash flow  Buybacks  Dividends  repaid     OCF     capex  growth\n"
        + "─"
        * 77
        + "\n"
        "2023   140      1,400       280         70       —    10.0%    250.0%       —\n"
        "2024   160        800       320         80     500*   20.0%    250.0%  +14.3%\n"
        "\n"
        "· Returns = buybacks + dividends; blank unless both are known.\n"
        "· As of the latest filings: a value that a later filing restated is replaced\n"
        "  (--as-of DATE shows what had been filed by a date).\n"
        "· * not confirmed in the company's own filing: derived: debt repayment FY2024.\n"
    )
    assert "\x1b[" not in result.stdout


def test_compare_json(run_json: RunJson) -> None:
    out = run_json("compare", *DATA)
    assert out["schema_version"] == 1
    assert (out["currency"], out["unit"], out["align"]) == ("CNY", "millions", "majority")
    assert out["fx"] == [
        {"year": 2023, "rate": 7, "source": "test rate", "status": "confirmed"},
        {"year": 2024, "rate": 8, "source": "test rate", "status": "unconfirmed"},
    ]
    assert [
        (y["year"], y["us"]["capex"], y["cn"]["capex"], y["us_to_cn_capex_ratio"])
        for y in out["years"]
    ] == [
        (2023, 1050, 210, 5),
        (2024, 2400, 400, 6),
    ]
    us_2023 = out["years"][0]["us"]
    assert us_2023 == {
        "capex": 1050,
        "operating_cash_flow": 3500,
        "shareholder_returns": 420,  # (50 + 10) * 7 + 0
        "capex_to_ocf": 0.3,
        "returns_to_capex": 0.4,
        "companies": ["usa", "usb"],
        "missing": [],
        "absent": [],
        "status_counts": {"confirmed": 8, "aggregator": 0, "derived": 0, "unconfirmed": 0},
        "not_confirmed_share": {"capex": 0, "operating_cash_flow": 0, "shareholder_returns": 0},
        "coverage": {
            measure: {"reported": 2, "members": 2, "missing": [], "complete": True}
            for measure in (
                "capex",
                "operating_cash_flow",
                "shareholder_returns",
                "capex_to_ocf",
                "returns_to_capex",
            )
        },
    }
    # cnb's FY2025 (2024 here) has no buybacks or dividends: CN 2024 returns are partial
    cn_2024 = out["years"][1]["cn"]["coverage"]
    assert cn_2024["capex"]["complete"] and cn_2024["capex_to_ocf"]["complete"]
    assert cn_2024["shareholder_returns"] == {
        "reported": 1,
        "members": 2,
        "missing": ["cnb"],
        "complete": False,
    }
    assert [y["complete"] for y in out["years"]] == [True, True]
    totals = out["totals"]
    assert (totals["first_year"], totals["last_year"], totals["years"]) == (
        2023,
        2024,
        [2023, 2024],
    )
    assert totals["us"]["capex"] == 3450 and totals["cn"]["capex"] == 610
    assert totals["us_to_cn_capex_ratio"] == round(3450 / 610, 6)
    # returns: only 2023 is complete in both groups, so the returns totals add 2023 alone
    assert totals["years_by_measure"]["shareholder_returns"] == [2023]
    assert totals["left_out"] == {
        "capex": [],
        "operating_cash_flow": [],
        "shareholder_returns": [2024],
        "capex_to_ocf": [],
        "returns_to_capex": [2024],
    }
    assert totals["us"]["shareholder_returns"] == 420 and totals["cn"]["shareholder_returns"] == 385
    assert totals["cn"]["returns_to_capex"] == round(385 / 210, 6)  # (280 + 70 + 35 + 0) / 210
    assert totals["complete"] is True and totals["partial_included"] is False


def test_compare_options(run_json: RunJson) -> None:
    out = run_json("compare", "--currency", "usd", "--years", "2023", *DATA)
    assert out["currency"] == "USD"
    assert [y["year"] for y in out["years"]] == [2023]
    assert out["years"][0]["cn"]["capex"] == 30
    out = run_json("compare", "--fx", "10", "--align", "label", *DATA)
    assert out["align"] == "label"
    assert out["years"][0]["us"]["capex"] == 1500
    assert out["years"][0]["cn"]["capex"] == 140
    assert out["fx"][0] == {"year": 2023, "rate": 10, "source": "--fx option", "status": "override"}
    assert run_json("compare", "--currency", "RMB", *DATA)["currency"] == "CNY"


def test_compare_table(run: Run) -> None:
    result = run("compare", *DATA, env=WIDE)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Capex: US (2) vs China (2) (CNY millions)"
    assert "2023         1,050       210   1 : 5.0      30.0%      15.8%" in lines
    assert "2024         2,400       400*  1 : 6.0      37.5%      22.7%" in lines
    assert "2023-2024    3,450       610*  1 : 5.7      34.8%      19.7%" in lines
    # cnb has no 2024 returns: CN's 2024 returns are marked partial and the totals add 2023
    assert "2024 (CN 1/2)        960*      [400]           40.0%       [250.0%]" in lines
    assert "total 2023           420         385           40.0%         183.3%" in lines
    # The default view's footnotes: the few a reader needs (CN capex: cnb's aggregator 240 of
    # the 2023-2024 total 610 = 39.3%), and where the rest are.
    assert "· * rests partly on figures not confirmed in company filings: CN capex 39.3%." in lines
    assert "· More: --notes; `capex explain YEAR` lists the companies behind a cell." in lines
    assert not any(line.startswith("· Missing figures") for line in lines)
    assert sum(line.startswith("· ") for line in lines) == 5
    lines = run("compare", "--notes", *DATA, env=WIDE).stdout.splitlines()
    assert (
        "· Totals add only the years complete in both groups: capex and CN : US 2023-2024; "
        "operating cash flow 2023-2024; capex/OCF 2023-2024; returns 2023; returns/capex 2023. "
        "--partial adds the others, marked."
    ) in lines
    assert "· FX, CNY per USD (annual average): 2023 7.0, 2024 8.0. Source: test rate." in lines
    assert (
        "· Missing figures (left out of totals): cnb buybacks FY2025; cnb dividends FY2025."
        in lines
    )
    assert any(line.startswith("· Years: majority alignment") for line in lines)
    # Returns: the totals add 2023 only, all confirmed; CN OCF: cnb's 960 of
    # 1,400 + |-70| + 800 + 960 (magnitudes, so cnb's negative OCF does not cancel out).
    assert (
        "· * rests partly on figures not confirmed in a company's own filing. Share of the "
        "totals: US capex 0.0%, OCF 0.0%, returns 0.0%; "
        "CN capex 39.3%, OCF 29.7%, returns 0.0%. By count: US 1 of 16 figures (aggregator 1); "
        "CN 2 of 14 figures (aggregator 2). `capex sources --status aggregator` lists them."
    ) in lines


def test_companies(run: Run, run_json: RunJson) -> None:
    out = run_json("companies", *DATA)
    assert [c["id"] for c in out["companies"]] == ["usa", "usb", "cna", "cnb"]
    assert out["companies"][3] == {
        "id": "cnb",
        "name": "China Beta",
        "name_zh": "中乙",
        "region": "CN",
        "currency": "CNY",
        "fiscal_year_end": "03-31",
        "aliases": [],
        "fiscal_years": [2024, 2025],
        "group": "cn",
    }
    table = run("companies", *DATA, env=WIDE).stdout
    row = "cnb  China Beta   中乙  cn     CN      CNY       03-31   2024-2025"
    assert row in table.splitlines()


def test_validate_ok(run: Run, run_json: RunJson) -> None:
    result = run("validate", str(SMALL), env=WIDE)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == (
        f"{SMALL}: valid: 4 companies, 8 fiscal years, 31 figures (27 confirmed), 2 FX rates"
    )
    # small.toml's confirmed figures cite "US Alpha 10-K 2023" and the like: nothing findable
    assert lines[1] == "27 warnings (--strict makes them errors):"
    assert lines[2] == (
        f"  {SMALL}:32: companies[0].years[0].capex: confirmed, but cites nothing a reader could "
        'find: give it a document (document = "KEY") or an SEC accession number or URL in its '
        "source"
    )
    assert len(lines) == 2 + 27
    out = run_json("validate", str(SMALL))
    assert out["valid"] is True and out["confirmed"] == 27 and len(out["warnings"]) == 27
    assert out["warnings"][0] == {
        "path": "companies[0].years[0].capex",
        "line": 32,
        "message": lines[2].split("companies[0].years[0].capex: ", 1)[1],
    }


def test_validate_strict_fails_on_warnings_and_passes_the_shipped_data(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "1000")  # one line per warning
    result = run("validate", "--strict", str(SMALL))
    # a check the user asked for failed: exit 1, the warnings printed, the reason on stderr
    assert result.exit_code == 1
    assert result.stderr == f"Error: --strict: 27 warning(s) in {SMALL}\n"
    assert f"{SMALL}:32: companies[0].years[0].capex: confirmed, but cites" in result.stdout
    shipped = run("validate", "--strict", str(REPO / "data" / "companies.toml"))
    assert shipped.exit_code == 0, shipped.stderr
    assert "warning" not in shipped.stdout


def test_validate_lists_every_problem_and_exits_2(run: Run, tmp_path: Path) -> None:
    text = SMALL.read_text(encoding="utf-8")
    text = text.replace("capex = { value = 100 }", "capex = { value = -100 }", 1)
    text = text.replace('currency = "USD"', 'currency = "EUR"', 1)
    path = write(tmp_path, text)
    result = run("validate", str(path))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        f"Error: {path}: 2 problems in the data",
        f"{path}:23: companies[0].currency: Input should be 'USD' or 'CNY' (got 'EUR')",
        f"{path}:32: companies[0].years[0].capex: must be ≥ 0 (got -100); cash outflows are "
        "entered as positive",
    ]
    assert "Traceback" not in result.output


def test_validate_json_error(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, SMALL.read_text(encoding="utf-8").replace("capex =", "capx =", 1))
    result = run("validate", str(path), "--json")
    assert result.exit_code == 2
    assert result.stdout == ""
    error = json.loads(result.stderr)["error"]
    assert error["code"] == "invalid_data"
    assert error["problems"] == [
        {
            "path": "companies[0].years[0].capx",
            "line": 32,
            "column": None,
            "message": "unknown key 'capx'; did you mean 'capex'?",
        }
    ]


def test_data_from_environment(run: Run) -> None:
    result = run("companies", "--json", env={"CAPEX_DATA": str(SMALL)})
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)["companies"]) == 4


def test_global_data_option(run: Run) -> None:
    result = run("--data", str(SMALL), "companies", "--json")
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)["companies"]) == 4


def test_unknown_company_exits_2_with_suggestions(run: Run) -> None:
    result = run("company", "China Alfa", *DATA)
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: no company matches 'China Alfa'; did you mean: cna, cnb? (see `capex companies`)\n"
    )
    result = run("company", "nothing-like-it", *DATA, "--json")
    assert result.exit_code == 2
    assert json.loads(result.stderr)["error"]["code"] == "unknown_company"


def test_missing_data_file(run: Run, tmp_path: Path) -> None:
    result = run("compare", "--data", str(tmp_path / "gone.toml"))
    assert result.exit_code == 2
    assert result.stderr == f"Error: {tmp_path / 'gone.toml'}: no such file\n"


def test_syntax_error_in_data(run: Run, tmp_path: Path) -> None:
    path = write(tmp_path, "schema_version = \n")
    result = run("compare", "--data", str(path), "--json")
    assert result.exit_code == 2
    error = json.loads(result.stderr)["error"]
    assert error["code"] == "data_file"
    assert error["message"].startswith(f"{path}:1:")


def test_bad_option_values_exit_2(run: Run) -> None:
    for args, needle in [
        (("--years", "2024-2020"), "runs backwards"),
        (("--currency", "EUR"), "choose CNY"),
        (("--align", "calendar"), "choose majority or label"),
        (("--fx", "0"), "between 0.01 and 1000"),
        (("--years", "2030"), "no figures for 2030;"),
    ]:
        result = run("compare", *args, *DATA)
        assert result.exit_code == 2, args
        assert needle in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.output


def test_usage_error_in_json_mode_is_json(run: Run) -> None:
    result = run("compare", "--fx", "seven", "--json", *DATA)
    assert result.exit_code == 2
    assert json.loads(result.stderr)["error"]["code"] == "bad_option"
    result = run("compare", "--no-such-option", *DATA)
    assert result.exit_code == 2
    assert "No such option" in result.stderr


def test_help_teaches(run: Run) -> None:
    result = run("--help")
    assert result.exit_code == 0
    for command in ("compare", "company", "companies", "validate"):
        assert command in result.stdout
    result = run("compare", "--help")
    assert "--currency" in result.stdout and "jq" in result.stdout


def test_help_shows_no_type_for_flags_and_reflows_prose(run: Run) -> None:
    for args in (["--help"], ["compare", "--help"], ["company", "--help"]):
        out = run(*args, env={"NO_COLOR": "1", "COLUMNS": "80"}).stdout
        assert "<bool>" not in out, args
    out = run("compare", "--help", env={"NO_COLOR": "1", "COLUMNS": "80"}).stdout
    # The docstring is wrapped at 100 columns in the source; help must not keep those breaks.
    assert "article's 1:6, 1:10), capex / operating cash flow" in out


def test_version(run: Run) -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("capex ")


def _python(
    *args: str, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "CAPEX_DATA": str(SMALL), **(env or {})}
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd or REPO,
        check=False,
    )


def test_python_dash_m_works() -> None:
    done = _python("-m", "capexcli", "companies", "--json")
    assert done.returncode == 0, done.stderr
    assert len(json.loads(done.stdout)["companies"]) == 4


@pytest.mark.parametrize("cache", ["off", "hit"])
def test_json_run_imports_no_rich(cache: str, tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from capexcli.cli.commands import main\n"
        "try:\n"
        "    main(['compare', '--json'])\n"
        "except SystemExit as stop:\n"
        "    assert stop.code == 0, stop.code\n"
        "print(sorted(m for m in sys.modules if m == 'rich' or m.startswith('rich.')))\n"
        "print(sorted(m for m in sys.modules if m.startswith('capexcli.')))\n"
    )
    if cache == "off":
        env = {"CAPEX_NO_CACHE": "1"}
    else:
        env = {"CAPEX_NO_CACHE": "0", "CAPEX_CACHE_DIR": str(tmp_path)}
        assert _python("-m", "capexcli", "compare", "--json", env=env).returncode == 0
    done = _python("-c", code, env=env)
    assert done.returncode == 0, done.stderr
    rich_modules, capex_modules = done.stdout.strip().splitlines()[-2:]
    assert rich_modules == "[]"
    # A cache hit replays the output: it must not even load the data.
    assert ("'capexcli.store.loader'" in capex_modules) == (cache == "off")


def test_help_imports_neither_the_data_models_nor_the_loader() -> None:
    # `capex --help` must start as fast as Typer can: no records, loader, metrics or results.
    code = (
        "import sys\n"
        "from capexcli.cli.commands import main\n"
        "try:\n"
        "    main(['--help'])\n"
        "except SystemExit as stop:\n"
        "    assert stop.code == 0, stop.code\n"
        "heavy = ('capexcli.model.records', 'capexcli.store.loader', 'capexcli.compute',\n"
        "         'capexcli.results', 'capexcli.present.tables')\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy)))\n"
    )
    done = _python("-c", code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"


def test_internal_error_is_short_without_debug_and_full_with_it(tmp_path: Path) -> None:
    code = (
        "import capexcli.model.records as m\n"
        "def boom(*a, **k):\n"
        "    raise RuntimeError('kaput')\n"
        "m.find_company = boom\n"
        "import capexcli.cli.commands as c\n"
        "c.find_company = boom\n"
        "c.main(['company', 'cna'])\n"
    )
    done = _python("-c", code)
    assert done.returncode == 70
    assert done.stderr.startswith("capex: internal error: RuntimeError: kaput. This is a bug")
    assert len(done.stderr.splitlines()) == 1
    assert "Traceback" not in done.stderr
    done = _python("-c", code, env={"CAPEX_DEBUG": "1"})
    assert done.returncode == 1
    assert "Traceback" in done.stderr


def test_sources_json_is_a_list_of_rows(run: Run) -> None:
    result = run("sources", "china alpha", "--json", *DATA)
    assert result.exit_code == 0, result.stderr
    rows = json.loads(result.stdout)
    assert isinstance(rows, list) and len(rows) == 9
    assert rows[-1] == {
        "kind": "figure",
        "company": "cna",
        "fiscal_year": 2024,
        "field": "debt_repayment",
        "value": 500,
        "currency": "CNY",
        "status": "derived",
        "source": "China Alpha annual report 2024",
        "line": None,
        "note": "300 + 200",
        "high": None,
        "date": None,
        "basis": None,
        "document": None,
        "earlier": [],
        # No dated filing: taken as filed by the annual report deadline, 2024-12-31 + 4 months.
        "filed": "2025-04-30",
        "filed_assumed": True,
        "versions": [
            {
                "value": 500,
                "date": "2025-04-30",
                "date_assumed": True,
                "status": "derived",
                "document": None,
                "source": "China Alpha annual report 2024",
                "line": None,
                "note": "300 + 200",
                "latest": True,
            }
        ],
        "as_of": "latest",
        # The calendar year compare counts FY2024 (to December) in; no --year was asked.
        "comparison_year": 2024,
        "selected_by": None,
        "unit": "millions",
    }
    fx = json.loads(run("sources", "--kind", "fx", "--json", *DATA).stdout)
    assert {row["unit"] for row in fx} == {"CNY per USD"}


def test_sources_table_with_status_filter(run: Run) -> None:
    result = run("sources", "--status", "unconfirmed,aggregator", *DATA, env=WIDE)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Sources: every number in the data"
    # the summary leads, then the numbers
    assert lines[2].startswith("· 4 numbers: aggregator 3, unconfirmed 1.")
    assert lines[6:10] == [
        "usa      2024  buybacks                60  USD       aggregator   some aggregator",
        "cnb      2025  capex                  240  CNY       aggregator   aggregator page",
        "cnb      2025  operating cash flow    960  CNY       aggregator   aggregator page",
        "FX       2024  cny per usd              8  CNY       unconfirmed  test rate",
    ]
    assert lines[-1].startswith("· As of the latest filings:")


def test_sources_bad_options_exit_2(run: Run) -> None:
    for args in (("--status", "verified"), ("--kind", "figures"), ("nobody",)):
        result = run("sources", *args, *DATA)
        assert result.exit_code == 2, args
        assert result.stderr.startswith("Error: "), args


CLAIMS_FILE = """schema_version = 1
article = "test article"

[[claims]]
id = "ratio-2023"
section = "02"
quote_zh = "比例是1:5"
claim_en = "The ratio was 1:5 in 2023."
kind = "recomputed"
stated = { text = "1:5", value = 5 }
unit = "multiple"
tolerance = { absolute = 0.5, rule = "rounds to 5" }
metric = { name = "capex_ratio", year = 2023 }
explanation = "test"

[[claims]]
id = "sum"
section = "03"
quote_zh = "合计"
claim_en = "A sum."
kind = "internal"
stated = { text = "3", value = 3 }
unit = "units"
expression = "1 + 2"
tolerance = { absolute = 0.5, rule = "exact" }
explanation = "test"
"""


def _claims(tmp_path: Path, text: str = CLAIMS_FILE) -> tuple[str, ...]:
    return ("--claims", str(write(tmp_path, text, "claims.toml")), *DATA)


def test_claims_table_and_summary(run: Run, tmp_path: Path) -> None:
    result = run("claims", *_claims(tmp_path), env=WIDE)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "The article's claims, checked (2)"
    assert any(
        line.startswith("ratio-2023  02  1:5") and line.endswith("The ratio was 1:5 in 2023.")
        for line in lines
    )
    # the internal claim is checked against the article's own numbers: consistent, apart
    assert (
        "· 2 claims: 1 checked against the filings (1 hold, 0 close, 0 fail, 0 unknown), 0 "
        "undecided on incomplete groups, 1 checked against the article's own numbers (1 "
        "consistent, 0 inconsistent), 0 cited"
    ) in " ".join(line.removeprefix("  ") for line in result.stdout.splitlines())
    # label alignment moves cnb's FY2024 out of 2023: 1050 / 140 = 7.5
    assert "· Verdict depends on the alignment or FX choice: ratio-2023." in lines


def test_claims_json(run: Run, tmp_path: Path) -> None:
    result = run("claims", "--json", *_claims(tmp_path))
    out = json.loads(result.stdout)
    assert out["schema_version"] == 1 and out["summary"]["holds"] == 1
    assert out["summary"]["consistent"] == 1
    first = out["claims"][0]
    assert {
        "id",
        "section",
        "quote_zh",
        "claim_en",
        "kind",
        "stated",
        "recomputed",
        "unit",
        "verdict",
        "tolerance",
        "explanation",
        "sensitivity",
    } <= set(first)
    assert (first["recomputed"], first["verdict"], first["kind"]) == (5, "holds", "recomputed")
    assert first["stated"] == {"text": "1:5", "value": 5, "relation": "approx"}
    assert [(s["align"], s["fx"], s["verdict"]) for s in first["sensitivity"]] == [
        ("majority", "annual", "holds"),
        ("majority", "7.3", "holds"),
        ("label", "annual", "insufficient"),  # cnb has no fiscal year labelled 2023
        ("label", "7.3", "insufficient"),
    ]
    # every figure that went into it, with its source: 4 capex figures and the 2023 rate
    assert [(i["company"], i["field"]) for i in first["inputs"]] == [
        ("usa", "capex"),
        ("usb", "capex"),
        ("cna", "capex"),
        ("cnb", "capex"),
        (None, "cny_per_usd"),
    ]


def test_claim_detail(run: Run, tmp_path: Path) -> None:
    result = run("claims", "ratio-2023", *_claims(tmp_path))
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "ratio-2023 · section 02 · recomputed · holds"
    assert "Recomputed: 1:5.0" in lines
    assert "label      annual averages        1:7.5  insufficient" in lines
    assert any("China Alpha annual report 2023" in line for line in lines)


def test_claims_strict_and_errors(run: Run, tmp_path: Path) -> None:
    assert run("claims", "--strict", *_claims(tmp_path)).exit_code == 0
    failing = CLAIMS_FILE.replace("value = 5 }", "value = 9 }")
    result = run("claims", "--strict", *_claims(tmp_path, failing))
    assert result.exit_code == 1 and "fails" in result.stdout
    assert run("claims", *_claims(tmp_path, failing)).exit_code == 0
    unknown = run("claims", "ratio", *_claims(tmp_path))
    assert unknown.exit_code == 2
    assert "no claim 'ratio'; did you mean: ratio-2023?" in unknown.stderr
    broken = CLAIMS_FILE.replace('kind = "internal"', 'kind = "intrenal"')
    bad = run("claims", *_claims(tmp_path, broken))
    assert bad.exit_code == 2
    assert "claims.toml:21: claims[1].kind: Input should be 'recomputed'" in bad.stderr


def test_shipped_claims_run(run: Run) -> None:
    result = run("claims", "--json")
    assert result.exit_code == 0, result.stderr
    out = json.loads(result.stdout)
    assert len(out["claims"]) >= 40


@pytest.mark.parametrize(
    ("args", "flag"),
    [
        (("compare", "--years", "2024-2020"), "--years '2024-2020': "),
        (("compare", "--fx", "-1"), "--fx -1.0: "),
        (("chart", "--metric", "foo"), "--metric 'foo': "),
        (("sources", "--status", "verified"), "--status 'verified': "),
    ],
)
def test_a_bad_option_value_names_its_option(run: Run, args: tuple[str, ...], flag: str) -> None:
    # The core words the error as the request; the CLI adds which option it came from.
    result = run(*args, *DATA)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {flag}")


def test_partial_years_are_marked_in_every_format(run: Run, tmp_path: Path) -> None:
    text = SMALL.read_text(encoding="utf-8").replace("capex = { value = 240 }\n", "", 1)
    data = ("--data", str(write(tmp_path, text)))
    table = run("compare", *data).stdout.splitlines()
    # CN 2024 = cna's 160 alone: the value and the ratio (2,400 / 160 = 15) in brackets
    assert any(line.startswith("2024 (CN 1/2)") and "[160]" in line for line in table)
    assert any("[1 : 15.0]" in line for line in table)
    assert any(line.startswith("total 2023") and "1 : 5.0" in line for line in table)
    partial = run("compare", "--partial", *data).stdout.splitlines()
    assert any(line.startswith("2023-2024") and "[1 : 9.3]" in line for line in partial)
    rows = run("compare", "--format", "csv", *data).stdout.splitlines()
    header = rows[0].split(",")
    by_year = {r.split(",")[0]: dict(zip(header, r.split(","), strict=True)) for r in rows[1:]}
    assert by_year["2024"]["complete"] == "false"
    assert by_year["2024"]["cn_capex_reported"] == "1" and by_year["2024"]["cn_members"] == "2"
    # the totals row: no year, marked total
    assert by_year[""]["total"] == "true" and by_year[""]["capex_years"] == "2023"
    chart = run("chart", *data).stdout
    assert "[160] 1/2" in chart and "CN : US [1 : 15.0]" in chart
    assert "[ ] = partial" in chart


def test_like_for_like_names_the_groups_and_the_dropped(run: Run, tmp_path: Path) -> None:
    text = SMALL.read_text(encoding="utf-8").replace("capex = { value = 240 }\n", "", 1)
    data = ("--data", str(write(tmp_path, text)))
    table = run("compare", "--like-for-like", *data, env=WIDE).stdout.splitlines()
    assert table[0] == "Capex: US (2) vs China (1), like for like (CNY millions)"
    assert (
        "· Like for like: each group keeps the companies that report capex in every year of the "
        "span; dropped: US none; CN cnb." in table
    )
    out = json.loads(run("compare", "--like-for-like", "--json", *data).stdout)
    assert out["like_for_like"] is True and out["dropped"] == {"US": [], "CN": ["cnb"]}
    assert run("chart", "--like-for-like", *data).exit_code == 0
