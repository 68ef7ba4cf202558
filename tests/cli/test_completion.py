"""Shell completion that knows the data (issue 17, item 5), through click's completion machinery:
the environment a shell's completion script sets, the candidates capex prints."""

from __future__ import annotations

import tomllib
from collections.abc import Callable

import pytest
from typer.testing import Result

from tests.conftest import REPO, SMALL

Run = Callable[..., Result]


def complete(run: Run, line: str) -> list[str]:
    """What `capex` offers for the last word of ``line``, as bash asks for it."""
    words = line.split(" ")
    result = run(
        env={
            "_CAPEX_COMPLETE": "complete_bash",
            "COMP_WORDS": line,
            "COMP_CWORD": str(len(words) - 1),
        }
    )
    assert result.exit_code == 0, result.stderr
    return result.stdout.split()


def test_companies_complete_by_id_alias_ticker_and_chinese_name_in_any_case(run: Run) -> None:
    assert complete(run, "capex company msft") == ["msft"]
    assert complete(run, "capex company ms") == ["msft"]
    assert complete(run, "capex company MS") == ["MSFT"]
    assert complete(run, "capex company ten") == ["tencent"]
    assert complete(run, "capex company 腾") == ["腾讯", "腾讯控股"]
    assert complete(run, "capex sources baid") == ["baidu"]
    assert complete(run, "capex verify alph") == ["alphabet"]
    assert complete(run, "capex company zzz") == []


def test_completion_reads_the_data_the_command_line_names(run: Run) -> None:
    # small.toml: companies usa, usb, cna, cnb; aliases USA1, USB1 (ids first, then aliases)
    assert complete(run, f"capex --data {SMALL} company c") == ["cna", "cnb"]
    assert complete(run, f"capex company --data {SMALL} us") == ["usa", "usb", "usa1", "usb1"]
    assert complete(run, "capex --data /nonexistent.toml company c") == []


def test_years_present_in_the_data(run: Run) -> None:
    # small.toml: fiscal years 2023-2025, FX rates 2023-2024
    assert complete(run, f"capex compare --data {SMALL} --years 20") == ["2023", "2024", "2025"]
    assert complete(run, f"capex chart --data {SMALL} -y 2023-") == ["2023-2024", "2023-2025"]


def test_claim_ids(run: Run) -> None:
    ledger = tomllib.loads((REPO / "data" / "claims.toml").read_text(encoding="utf-8"))
    ids = [c["id"] for c in ledger["claims"] if c["id"].startswith("capex-ratio")]
    assert len(ids) >= 2
    assert complete(run, "capex claims capex-ratio") == ids


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("capex compare --format ", ["table", "json", "csv", "tsv", "markdown", "xlsx"]),
        ("capex compare -f m", ["markdown"]),
        ("capex company tencent --units ", ["million", "billion", "yi"]),
        ("capex claims --lang ", ["en", "zh"]),
        ("capex compare --currency u", ["usd"]),
        ("capex compare --align ", ["majority", "label"]),
        ("capex chart --metric capex_", ["capex_to_ocf"]),
        ("capex chart -m ", ["capex", "capex_to_ocf", "returns_to_capex"]),
        ("capex sources --status a", ["aggregator"]),
        ("capex sources --status confirmed,u", ["confirmed,unconfirmed"]),
        ("capex sources --kind ", ["figure", "guidance", "fx"]),
        ("capex compare --label ", ["us=", "cn="]),
        ("capex compare --group cn=ten", ["cn=tencent"]),
        ("capex compare --exclude meta,amaz", ["meta,amazon", "meta,amazon.com"]),
        ("capex schema im", ["import-sec", "import-report"]),
        ("capex schema e", ["explain", "error"]),
    ],
)
def test_choice_options_complete_their_values(run: Run, line: str, expected: list[str]) -> None:
    assert complete(run, line) == expected
