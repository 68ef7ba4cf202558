"""Shell completion that knows the data (issue 17, item 5), through click's completion machinery:
the environment a shell's completion script sets, the candidates capex prints."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from capexcli.cli.complete import shell_safe
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


#: Aliases a hostile data file could hold: each would run, expand, split or quote-break if a
#: completion script put it on the command line as it is (bash inserts COMPREPLY unquoted).
HOSTILE_ALIASES = [
    "us$(touch pwned)",
    "us;reboot",
    "us`id`",
    "us|sh",
    "us&&id",
    "us*",
    "us'q",
    'us"q',
    "us>out",
    "us{a,b}",
    "us~root",
    "us!!",
    "us\\x",
    "us#c",
    "us?",
]


def test_completion_never_offers_what_a_shell_would_run(run: Run, tmp_path: Path) -> None:
    aliases = ", ".join(json.dumps(a) for a in [*HOSTILE_ALIASES, "us-plain", "US.HK"])
    text = SMALL.read_text(encoding="utf-8").replace(
        'aliases = ["USA1", "Alpha"]', f'aliases = ["USA1", "Alpha", {aliases}]'
    )
    data = tmp_path / "data.toml"
    data.write_text(text, encoding="utf-8")
    assert run("companies", "--data", str(data)).exit_code == 0  # the file is valid
    offered = complete(run, f"capex company --data {data} us")
    # ids first, then aliases company by company (usa: USA1 ... us-plain, US.HK; usb: USB1)
    assert offered == ["usa", "usb", "usa1", "us-plain", "us.hk", "usb1"]
    for line in (f"capex compare --data {data} --exclude usa,us", f"capex --data {data} sources u"):
        assert not any(set(c) & set("$;`|&*'\"<>{}~!\\#? ()") for c in complete(run, line))


@pytest.mark.parametrize("name", [*HOSTILE_ALIASES, "", "-rf", "=x", "a b", "a\tb", "a\nb"])
def test_shell_safe_refuses_syntax(name: str) -> None:
    assert not shell_safe(name)


@pytest.mark.parametrize(
    "name", ["tencent", "9988.HK", "腾讯控股", "us=", "2020-2024", "meta,amazon"]
)
def test_shell_safe_keeps_names(name: str) -> None:
    assert shell_safe(name)
