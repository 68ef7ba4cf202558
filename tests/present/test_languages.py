"""Issue #26 item 5: one language at a time. In English the article's Chinese words for a
number come with their English rendering; in Chinese, what capex itself says is Chinese."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from typer.testing import Result

Run = Callable[..., Result]


@pytest.mark.parametrize(
    ("claim", "english"),
    [
        # 1.7万亿 = 1,700,000 CNY millions = RMB 1.7 trillion
        ("us-capex-2024-cny", "1.7万亿人民币 (RMB1.7T)"),
        # 超过3440亿美元: more than 344,000 USD millions = $344 billion
        ("us-capex-guidance-2025-usd", "超过3440亿美元 (>$344B)"),
        # 2倍还要多: more than twice
        ("tencent-returns-vs-capex", "2倍还要多 (>2x)"),
        # 合计1457亿元: 1,457 x 100 CNY millions = RMB 145.7 billion
        ("alibaba-returns-sum", "合计1457亿元 (RMB145.7B)"),
        # 10亿至60亿美元: 1,000 to 6,000 USD millions
        ("meta-ai-hires-total", "10亿至60亿美元 ($1B–$6B)"),
    ],
)
def test_english_shows_the_stated_chinese_with_its_english(
    run: Run, claim: str, english: str
) -> None:
    detail = run("claims", claim, env={"COLUMNS": "100"})
    assert detail.exit_code == 0, detail.stderr
    assert f"Stated:     {english}" in detail.stdout
    chinese = run("claims", claim, "--lang", "zh", env={"COLUMNS": "100"}).stdout
    assert english not in chinese and english.split(" (")[0] in chinese


def test_stated_text_without_chinese_is_shown_as_written(run: Run) -> None:
    detail = run("claims", "capex-ratio-2024").stdout
    assert "Stated:     1:10\n" in detail


def test_in_chinese_the_capex_basis_is_chinese_and_its_lines_as_printed(run: Run) -> None:
    import json

    companies = json.loads(run("companies", "--json").stdout)["companies"]
    for listed in companies:
        report = json.loads(run("company", listed["id"], "--json").stdout)
        basis = report["company"]["capex_basis"]
        assert basis["label_zh"] and (basis["note"] is None or basis["note_zh"]), listed["id"]
        shown = run("company", listed["id"], "--lang", "zh", env={"COLUMNS": "1000"}).stdout
        note = next(line for line in shown.splitlines() if line.startswith("· 资本开支口径"))
        assert basis["label_zh"] in note and basis["note_zh"] in note
        assert basis["label"] not in note.split("（", 1)[0]  # the label is not left in English
        for line in basis["lines"]:
            assert line in note  # a filing's own words stay as printed
        english = run("company", listed["id"], env={"COLUMNS": "1000"}).stdout
        assert basis["label_zh"] not in english
