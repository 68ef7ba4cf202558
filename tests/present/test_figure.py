"""Issue #26 item 1: `capex chart --svg/--png` draw the chart for a story (matplotlib), --html
embeds the same chart, and nothing else ever imports matplotlib."""

from __future__ import annotations

import json
import os
import re
import struct
import subprocess
import sys
from collections.abc import Callable
from html import unescape
from pathlib import Path

import pytest
from typer.testing import Result

from tests.conftest import REPO, SMALL

Run = Callable[..., Result]
DATA = ("--data", str(SMALL))


def _texts(svg: str) -> list[str]:
    return [unescape(t) for t in re.findall(r">([^<>]+)</text>", svg)]


def _ok(result: Result) -> Result:
    assert result.exit_code == 0, result.stderr
    return result


def test_svg_chart_says_what_which_unit_and_which_source(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "chart.svg"
    table = _ok(run("chart", *DATA, "--svg", str(path))).stdout
    assert table.startswith("Capex: US (2) vs China (2)")  # the terminal chart is unchanged
    svg = path.read_text(encoding="utf-8")
    texts = _texts(svg)
    assert svg.startswith("<?xml") and "<svg" in svg
    assert "Capex: US (2) vs China (2)" in texts  # the title: what is compared
    assert "CNY millions" in texts  # the unit
    # small.toml, 2024: US 2,400 against China 400: 2,400 / 400 = 6.0; 2023: 1,050 / 210 = 5.0
    assert {"2,400", "400", "1,050", "210"} <= set(texts)
    assert "CN : US 1 : 6.0" in texts and "CN : US 1 : 5.0" in texts
    footer = " ".join(t for t in texts if "Source" in t or "alignment" in t)
    assert "Source: the companies' own filings" in footer
    assert "As of the latest filings." in footer
    # A light page, no terminal chrome (Rich's window, its dark background, its buttons).
    assert "#ffffff" in svg and "terminal" not in svg and "#292929" not in svg
    assert "<title>Capex: US (2) vs China (2)</title>" in svg


def test_partial_years_are_hatched_and_labelled(run: Run, tmp_path: Path) -> None:
    """The shipped data: Kuaishou reports no capex before 2024, so 2020-2023 are partial."""
    path = tmp_path / "chart.svg"
    _ok(run("chart", "--years", "2020-2024", "--svg", str(path)))
    years = json.loads(_ok(run("chart", "--years", "2020-2024", "--json")).stdout)["years"]
    svg = path.read_text(encoding="utf-8")
    texts = _texts(svg)
    partial = [y for y in years if not y["complete"]]
    assert partial and any(y["complete"] for y in years)
    for year in years:
        ratio = f"1 : {year['ratio']:.1f}"
        assert (f"CN : US [{ratio}]" if not year["complete"] else f"CN : US {ratio}") in texts
    assert texts.count("partial") == len(partial)
    cover = partial[0]["coverage"]["cn"]
    assert f"{cover['reported']}/{cover['members']}" in texts
    assert "partial: the group misses members that year (reported/members)" in texts
    assert 'id="p' in svg and "url(#p" in svg  # the hatch pattern, used by the partial bars


def test_chart_exports_are_deterministic_and_the_png_is_an_image(run: Run, tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    for folder in (first, second):
        folder.mkdir()
        _ok(run("chart", *DATA, "--svg", str(folder / "c.svg"), "--png", str(folder / "c.png")))
    assert (first / "c.svg").read_bytes() == (second / "c.svg").read_bytes()
    png = (first / "c.png").read_bytes()
    assert png == (second / "c.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png[16:24]) == (1500, 900)
    svg = (first / "c.svg").read_text(encoding="utf-8")
    assert "<dc:date>" not in svg  # no date in the metadata: the same data, the same bytes


def test_percent_metrics_are_drawn_as_percentages(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "ocf.svg"
    _ok(run("chart", *DATA, "--metric", "capex_to_ocf", "--svg", str(path)))
    texts = _texts(path.read_text(encoding="utf-8"))
    rows = json.loads(_ok(run("chart", *DATA, "--metric", "capex_to_ocf", "--json")).stdout)
    for year in rows["years"]:
        assert f"{year['us'] * 100:.1f}%" in texts
    assert "Capex / operating cash flow: US vs China" in texts
    assert "capex as % of operating cash flow" in texts  # the unit of the bars
    assert not any(t.startswith("CN : US") for t in texts)


def test_chinese_chart_speaks_chinese(run: Run, tmp_path: Path) -> None:
    from capexcli.present import catalog

    catalog.MISSES.clear()
    path = tmp_path / "zh.svg"
    _ok(run("chart", "--years", "2020-2024", "--lang", "zh", "--svg", str(path)))
    texts = _texts(path.read_text(encoding="utf-8"))
    assert "资本开支：美国四大 vs 中国七家" in texts and "百万元人民币" in texts
    assert "不完整" in texts
    assert not catalog.MISSES, catalog.MISSES


def test_png_refuses_chinese_without_a_chinese_font(run: Run, tmp_path: Path) -> None:
    from matplotlib import font_manager

    from capexcli.present.figure import CJK_FONTS

    if {f.name for f in font_manager.fontManager.ttflist} & set(CJK_FONTS):
        pytest.skip("this machine has a Chinese font: the PNG is drawn")
    path = tmp_path / "zh.png"
    result = run("chart", *DATA, "--lang", "zh", "--png", str(path))
    assert result.exit_code == 2
    assert "--png" in result.stderr and "fonts-noto-cjk" in result.stderr
    assert not path.exists()


def test_png_is_for_charts_and_images_are_not_json(run: Run, tmp_path: Path) -> None:
    assert "--png" not in _ok(run("compare", "--help")).stdout
    result = run("chart", *DATA, "--json", "--png", str(tmp_path / "c.png"))
    assert result.exit_code == 2 and "drop --format/--json" in result.stderr
    # Other commands keep --svg as the table the terminal shows.
    svg_path = tmp_path / "t.svg"
    _ok(run("compare", *DATA, "--svg", str(svg_path)))
    assert 'class="rich-terminal"' in svg_path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "args",
    [
        ["chart"],
        ["chart", "--json"],
        ["compare"],
        ["compare", "--json"],
        ["compare", "-f", "markdown"],
        ["chart", "--svg", "{tmp}/t.svg"],  # the one that draws
    ],
)
def test_matplotlib_is_imported_only_for_chart_images(args: list[str], tmp_path: Path) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    code = (
        "import sys\n"
        "from capexcli.cli.commands import main\n"
        "try:\n"
        f"    main({args!r})\n"
        "except SystemExit as stop:\n"
        "    assert stop.code == 0, stop.code\n"
        "print('matplotlib' in sys.modules)\n"
    )
    env = {**os.environ, "CAPEX_DATA": str(SMALL), "CAPEX_NO_CACHE": "1"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=REPO, check=False
    )
    assert done.returncode == 0, done.stderr
    drawn = "--svg" in args
    assert done.stdout.strip().splitlines()[-1] == str(drawn)
