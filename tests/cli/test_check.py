"""`capex check`, the answer screen, and the group options named everywhere (issue 25,
items 1 and 4)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from rich.cells import cell_len
from typer.testing import Result

from tests.conftest import TESTS

Run = Callable[..., Result]
DATA = ("--data", str(TESTS / "data" / "readings.toml"))
CLAIMS = ("--claims", str(TESTS / "data" / "readings-claims.toml"))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_answer_fits_80_by_30_in_both_languages(run: Run, lang: str) -> None:
    result = run("check", "--lang", lang, env={"COLUMNS": "80", "NO_COLOR": "1"})
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.rstrip("\n").split("\n")
    assert len(lines) <= 30, result.stdout
    assert max(cell_len(line) for line in lines) <= 80, result.stdout


def test_the_answer_opens_with_the_trend_computed_like_for_like(run_json: Any) -> None:
    document = run_json("check", *DATA, *CLAIMS)
    # The span of the headline ratio claims, 2023-2024; like for like keeps the companies
    # with capex in both years: usa and cna (cnb reports 2024 only). 2023: 100 USD x 7.0 =
    # 700 over 140 = 5.0; 2024: 200 x 8.0 = 1,600 over 300 = 5.33.
    trend = document["trend"]
    assert (trend["first_year"], trend["last_year"]) == (2023, 2024)
    assert trend["first_ratio"] == pytest.approx(5.0)
    assert trend["last_ratio"] == pytest.approx(1600 / 300)
    assert (trend["us_members"], trend["cn_members"], trend["left_out"]) == (
        ["usa"],
        ["cna"],
        ["cnb"],
    )
    assert document["answer"].startswith(
        "China's capex was 1:5.0 of the US group's in 2023 and 1:5.3 in 2024 (the same 1 US "
        "and 1 Chinese companies in every year)"
    )
    # Only the claims with a headline: ratio-2023 (insufficient: cnb's 2023 capex could turn
    # it) and ratio-2024 (1,600 / 400 = 4.0 against 1:5: close).
    assert [(r["id"], r["verdict"]) for r in document["rows"]] == [
        ("ratio-2023", "insufficient"),
        ("ratio-2024", "close"),
    ]
    assert document["rows"][0]["why"].startswith("depends on cnb's 2023 capex: holds below 16")


def test_the_table_shows_the_range_where_a_choice_turns_the_verdict(run: Run) -> None:
    out = run("check", *DATA, *CLAIMS, env={"COLUMNS": "80", "NO_COLOR": "1"}).stdout
    # 2024 at 7.3 CNY per USD: 1,460 / 400 = 3.65 (fails), against 4.0 (close) at the
    # annual rate: the row names both.
    assert "1:5 → 1:3.6 (7.3)–1:4.0 (annual)" in out
    assert "Ratio 2024" in out and "close" in out


def test_help_starts_with_check(run: Run) -> None:
    text = run("--help", env={"COLUMNS": "100"}).stdout
    assert "Start with `capex check`" in text
    commands = text.split("Commands:")[1].split()
    assert commands[0] == "check"


def test_an_excluded_member_is_named_in_title_detail_and_json(run: Run, run_json: Any) -> None:
    env = {"COLUMNS": "80", "NO_COLOR": "1"}
    ledger = run("claims", "--exclude", "kuaishou", env=env).stdout
    assert ledger.splitlines()[0].endswith("· China (6): without kuaishou")
    detail = run("claims", "capex-ratio-2020", "--exclude", "kuaishou", env=env).stdout
    assert "Groups:     China (6): without kuaishou" in detail
    document = run_json("claims", "--exclude", "kuaishou")
    cn = next(g for g in document["groups"] if g["id"] == "cn")
    assert cn["left_out"] == ["kuaishou"] and "kuaishou" not in cn["members"]
    check = run("check", "--exclude", "kuaishou", env=env).stdout
    assert "Groups: China (6): without kuaishou." in check
    assert run_json("check", "--like-for-like")["like_for_like"] is True


def test_no_internal_check_reads_holds(run_json: Any) -> None:
    document = run_json("claims")
    internal = [c for c in document["claims"] if c["kind"] == "internal"]
    assert internal and {c["verdict"] for c in internal} <= {"consistent", "inconsistent"}
    assert document["summary"]["consistent"] + document["summary"]["inconsistent"] == len(internal)


def test_tencent_returns_reproduced_with_named_lines(run_json: Any) -> None:
    claim = run_json("claims", "tencent-returns-2024")["claims"][0]
    best = claim["readings"][1]
    # Net cash used in financing activities 176,494 less 8,381 paid for non-controlling
    # interests = 168,113, within 2% of 1681亿 (168,100).
    assert best["value"] == 176_494 - 8_381 == 168_113
    assert best["reproduces"] and best["departures"] == 2
    assert [line["value"] for line in best["lines"]] == [176_494, -8_381]
    assert "Annual Report 2024" in best["lines"][0]["document"]
    assert claim["verdict"] == "fails"  # the standard reading stays
