"""Output formats, units, language, files, charts, schemas and completion (issue 5).

Each format is parsed back and compared with the JSON of the same run, so the figures
cannot drift between formats."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from rich.cells import cell_len
from typer.testing import Result

from capexcli.cli.complete import complete_company as _complete_company
from tests.conftest import SEC_FIXTURES, SMALL

Run = Callable[..., Result]
#: An SGR sequence that sets a foreground or background colour.
COLOUR = re.compile(r"\x1b\[(?:\d+;)*(?:3[0-8]|4[0-8]|9[0-7]|10[0-7])(?:;[\d;]*)?m")
DATA = ("--data", str(SMALL))


def _json(run: Run, *args: str) -> Any:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize(("fmt", "delimiter"), [("csv", ","), ("tsv", "\t")])
def test_compare_csv_and_tsv_parse_back_to_the_json_figures(
    run: Run, fmt: str, delimiter: str
) -> None:
    result = run("compare", "--format", fmt, *DATA)
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout), delimiter=delimiter))
    expected = _json(run, "compare", *DATA)
    # the totals row is marked in its own column; its span in first_year/last_year
    assert [(r["year"], r["total"]) for r in rows] == [
        ("2023", "false"),
        ("2024", "false"),
        ("", "true"),
    ]
    assert (rows[2]["first_year"], rows[2]["last_year"]) == ("2023", "2024")
    for row, year in zip(rows, [*expected["years"], expected["totals"]], strict=True):
        assert float(row["us_capex"]) == pytest.approx(year["us"]["capex"])
        assert float(row["cn_capex"]) == pytest.approx(year["cn"]["capex"])
        assert float(row["us_to_cn_capex_ratio"]) == pytest.approx(year["us_to_cn_capex_ratio"])
        assert row["unit"] == "millions"
    # raw numbers: no thousands separators; a missing value is an empty cell
    assert rows[0]["us_capex"] == "1050"
    assert "," not in result.stdout.splitlines()[1].split(delimiter)[5]


def test_missing_values_are_empty_cells(run: Run) -> None:
    result = run("company", "cnb", "-f", "csv", *DATA)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    fy2025 = next(r for r in rows if r["fiscal_year"] == "2025")
    assert (fy2025["buybacks"], fy2025["dividends"], fy2025["capex"]) == ("", "", "240")


@pytest.mark.parametrize(
    ("units", "divisor", "label"), [("billion", 1000, "billions"), ("yi", 100, "亿")]
)
def test_units_scale_csv(run: Run, units: str, divisor: int, label: str) -> None:
    result = run("compare", "-f", "csv", "--units", units, *DATA)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert float(rows[1]["us_capex"]) == pytest.approx(2400 / divisor)
    assert rows[1]["unit"] == label
    # ratios are not amounts: they are never scaled
    assert float(rows[1]["us_to_cn_capex_ratio"]) == pytest.approx(6.0)


def test_units_in_tables(run: Run) -> None:
    out = run("compare", "--units", "yi", *DATA).stdout
    assert out.splitlines()[0] == "Capex: US (2) vs China (2) (CNY 亿)"
    # 2,400 and 400 CNY millions are 24 and 4 亿
    assert "2024          24.0       4.0*  1 : 6.0      37.5%      22.7%" in out.splitlines()
    assert (
        run("company", "usa", "--units", "billion", *DATA)
        .stdout.splitlines()[0]
        .endswith("USD billions")
    )


def test_trillions_show_as_wanyi(run: Run) -> None:
    # 1.2 million CNY millions = 12,000亿 = 1.20万亿
    result = run("compare", "--units", "yi", "--years", "2024", *DATA)
    assert result.exit_code == 0
    assert "亿" in result.stdout.splitlines()[0]


def test_markdown_table(run: Run) -> None:
    result = run("compare", "--format", "markdown", *DATA)
    lines = result.stdout.splitlines()
    # The terminal's title, headings and number formats; then the second table; the notes.
    assert lines[0] == "### Capex: US (2) vs China (2) (CNY millions)"
    assert lines[2].startswith("| Year | US capex | CN capex | CN : US |")
    # small.toml 2024: 2,400 / 400 = 1 : 6.0 (400 rests on an aggregator's figure: *)
    assert lines[5].startswith("| 2024 | 2,400 | 400\\* | 1 : 6.0 |")
    assert lines[6].startswith("| 2023-2024 | 3,450 | 610\\* | 1 : 5.7 |")
    assert "- CN : US = China's capex to the US group's (the article's 1:6, 1:10)" in result.stdout
    sources = run("sources", "-f", "markdown", *DATA).stdout
    table = [line for line in sources.splitlines() if line.startswith("| ")]
    assert len(table) == 1 + 33  # the header, then every number of small.toml


def test_lang_zh(run: Run) -> None:
    out = run("compare", "--lang", "zh", *DATA).stdout
    assert out.splitlines()[0] == "资本开支：美国（2 家） vs 中国（2 家） (百万元人民币)"
    company = run("company", "cna", "--lang", "zh", *DATA).stdout
    assert company.startswith("中甲 (China Alpha)")
    assert "财年" in company


def test_lang_zh_footnotes(run: Run) -> None:
    out = run("compare", "--notes", "--lang", "zh", *DATA).stdout.splitlines()
    assert "· 年份：财年按其月份多数所在的日历年计（6:6 时按结束年份）。" in out
    assert "· 尚未核实的汇率：2024。" in out
    # a Chinese full stop now ends the Chinese note (it was an English "." before)
    assert "· 缺失数据（未计入合计）：cnb 回购 FY2025; cnb 分红 FY2025。" in out
    company = run("company", "cna", "--lang", "zh", *DATA).stdout
    assert "股东回报 = 回购 + 分红；两项都已知时才计算。" in company


def test_piped_tables_have_no_escape_codes_and_are_not_cut(run: Run) -> None:
    result = run("compare", *DATA, env={"COLUMNS": "40"})
    assert "\x1b[" not in result.stdout
    # laid out for the 40 columns COLUMNS says: footnotes wrap, the table splits, no "…"
    assert all(cell_len(line) <= 40 for line in result.stdout.splitlines())
    assert "…" not in result.stdout and "2,400" in result.stdout
    forced = run("compare", *DATA, env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    assert "\x1b[" in forced.stdout
    # NO_COLOR removes colours; bold and italic may stay (no-color.org)
    plain = run("compare", *DATA, env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert not COLOUR.search(plain.stdout)


def test_chart_fits_80_columns_without_colour(run: Run) -> None:
    result = run("chart", *DATA, env={"NO_COLOR": "1"})
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Capex: US (2) vs China (2) (CNY millions)"
    assert all(cell_len(line) <= 80 for line in lines), max(lines, key=cell_len)
    # 2024 has the largest value (US 2,400): its bar is full width; CN 400 is a sixth of it
    us_2024 = next(line for line in lines if line.startswith("2024"))
    assert us_2024.count("█") == 40 and "CN : US 1 : 6.0" in us_2024
    cn_2024 = lines[lines.index(us_2024) + 1]
    assert cn_2024.count("▒") == round(40 * 400 / 2400)
    ocf = run("chart", "--metric", "capex_to_ocf", *DATA).stdout
    assert "30.0%" in ocf and "15.8%" in ocf
    assert run("chart", "--metric", "nope", *DATA).exit_code == 2


def test_output_file_is_written_atomically_and_not_replaced_without_force(
    run: Run, tmp_path: Path
) -> None:
    target = tmp_path / "compare.csv"
    assert run("compare", "-f", "csv", "-o", str(target), *DATA).exit_code == 0
    first = target.read_bytes()
    assert first.startswith(b"year,total,first_year,last_year,currency,us_capex")
    again = run("compare", "-o", str(target), "--units", "billion", *DATA)
    assert again.exit_code == 2 and "--force" in again.stderr
    assert target.read_bytes() == first
    forced = run("compare", "-o", str(target), "--units", "billion", "--force", *DATA)
    assert forced.exit_code == 0
    assert target.read_bytes() != first and b",billions\n" in target.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["compare.csv"]


def test_failed_write_keeps_the_old_file(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.txt"
    target.write_bytes(b"old contents\n")

    def broken_replace(*args: object, **kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("os.replace", broken_replace)
    result = run("compare", "-o", str(target), "--force", *DATA)
    assert result.exit_code == 2
    assert target.read_bytes() == b"old contents\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_svg_and_html_exports(run: Run, tmp_path: Path) -> None:
    svg, html = tmp_path / "c.svg", tmp_path / "c.html"
    result = run("compare", "--svg", str(svg), "--html", str(html), *DATA)
    assert result.exit_code == 0, result.stderr
    assert svg.read_text(encoding="utf-8").lstrip().startswith("<svg")
    assert "Capex: US (2) vs China (2)" in html.read_text(encoding="utf-8")
    # the terminal still gets the table
    assert result.stdout.startswith("Capex: US (2) vs China (2)")
    bad = run("compare", "--json", "--svg", str(tmp_path / "x.svg"), *DATA)
    assert bad.exit_code == 2


@pytest.mark.parametrize(
    ("command", "args"),
    [
        ("compare", ["compare", *DATA]),
        ("company", ["company", "cna", *DATA]),
        ("companies", ["companies", *DATA]),
        ("sources", ["sources", *DATA]),
        ("chart", ["chart", *DATA]),
        ("validate", ["validate", str(SMALL)]),
        ("verify", ["verify", "--facts", str(SEC_FIXTURES / "CIK0001652044-alphabet.json")]),
    ],
)
def test_schema_validates_the_real_output(run: Run, command: str, args: list[str]) -> None:
    schema = json.loads(run("schema", command).stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(_json(run, *args), schema)


def test_claims_schema_validates_the_shipped_ledger(run: Run) -> None:
    schema = json.loads(run("schema", "claims").stdout)
    jsonschema.validate(_json(run, "claims"), schema)
    assert run("schema", "nope").exit_code == 2


def test_json_and_format_disagree(run: Run) -> None:
    result = run("compare", "--json", "--format", "csv", *DATA)
    assert result.exit_code == 2
    assert json.loads(result.stderr)["error"]["code"] == "bad_option"
    assert run("compare", "--format", "xml", *DATA).exit_code == 2
    assert run("compare", "--units", "lakh", *DATA).exit_code == 2


def test_company_completion(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAPEX_DATA", str(SMALL))
    assert _complete_company("c") == ["cna", "cnb"]
    assert _complete_company("中") == ["中甲控股", "中甲", "中乙"]
    monkeypatch.setenv("CAPEX_DATA", "/nonexistent.toml")
    assert _complete_company("c") == []


def test_show_completion(run: Run) -> None:
    result = run("--show-completion", "bash")
    assert result.exit_code == 0
    assert "_CAPEX_COMPLETE" in result.stdout or "complete" in result.stdout
