"""Exports as analysts open them (issue 17, item 3): CSV/TSV in pandas, Markdown in a GFM
parser, xlsx in openpyxl, the HTML page and the SVG in a browser that must not go online."""

from __future__ import annotations

import html
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from markdown_it import MarkdownIt
from typer.testing import Result

from tests.conftest import REPO, SEC_FIXTURES, SMALL, write

Run = Callable[..., Result]
DATA = ("--data", str(SMALL))
ALPHABET = str(SEC_FIXTURES / "CIK0001652044-alphabet.json")

#: Every command with a flat form, with the columns that must be typed as numbers.
FLAT_COMMANDS: list[tuple[list[str], list[str]]] = [
    (["compare", *DATA], ["year", "us_capex", "cn_capex", "us_to_cn_capex_ratio", "first_year"]),
    (["company", "cna", *DATA], ["fiscal_year", "capex", "operating_cash_flow"]),
    (["companies", *DATA], ["first_fiscal_year", "last_fiscal_year"]),
    (["sources", *DATA], ["fiscal_year", "value"]),
    (["chart", *DATA], ["year", "us", "cn", "us_to_cn_ratio"]),
    (["chart", "--metric", "capex_to_ocf", *DATA], ["year", "us", "cn"]),
    (["claims"], ["recomputed", "stated_value"]),
    (["validate", str(SMALL)], ["companies", "figures", "warnings"]),
    (["verify", "--facts", ALPHABET], ["fiscal_year", "value", "filed_value"]),
]


def _ok(result: Result) -> str:
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize(("args", "numeric"), FLAT_COMMANDS, ids=lambda a: " ".join(a)[:40])
@pytest.mark.parametrize(("fmt", "sep"), [("csv", ","), ("tsv", "\t")])
def test_pandas_types_every_numeric_column(
    run: Run, args: list[str], numeric: list[str], fmt: str, sep: str
) -> None:
    frame = pd.read_csv(io.StringIO(_ok(run(*args, "--format", fmt))), sep=sep)
    for column in numeric:
        assert pd.api.types.is_numeric_dtype(frame[column]), (column, frame[column].dtype)


def test_compare_totals_are_marked_and_do_not_double_a_sum(run: Run) -> None:
    frame = pd.read_csv(io.StringIO(_ok(run("compare", "-f", "csv", *DATA))))
    assert pd.api.types.is_bool_dtype(frame["total"])
    years = frame[~frame["total"]]
    # small.toml: US capex 1,050 in 2023 and 2,400 in 2024 (cna 100 + usa 950, 400 + 2,000)
    assert years["year"].tolist() == [2023, 2024]
    assert years["us_capex"].sum() == pytest.approx(1050 + 2400)
    total = frame[frame["total"]].iloc[0]
    assert pd.isna(total["year"])
    assert (total["first_year"], total["last_year"]) == (2023, 2024)
    assert total["us_capex"] == pytest.approx(3450)


def test_chart_csv_has_the_values_of_the_chart(run: Run) -> None:
    rows = pd.read_csv(io.StringIO(_ok(run("chart", "--format", "csv", *DATA))))
    row = rows[rows["year"] == 2024].iloc[0]
    # 2024: US 2,400 and China 400 CNY millions, 1 : 6.0
    assert (row["us"], row["cn"], row["us_to_cn_ratio"], row["unit"]) == (2400, 400, 6, "millions")
    ratio = pd.read_csv(
        io.StringIO(_ok(run("chart", "-m", "capex_to_ocf", "-f", "csv", "--units", "yi", *DATA)))
    )
    # a ratio is not an amount: never scaled by --units, and its unit says so
    assert set(ratio["unit"]) == {"ratio"}
    # 2024: US capex 2,400 over OCF 6,400
    assert ratio[ratio["year"] == 2024].iloc[0]["us"] == pytest.approx(2400 / 6400)


def test_bom_for_excel(run: Run) -> None:
    plain = run("companies", "-f", "csv", *DATA).stdout_bytes
    marked = run("companies", "-f", "csv", "--bom", *DATA).stdout_bytes
    assert not plain.startswith(b"\xef\xbb\xbf")
    assert marked == b"\xef\xbb\xbf" + plain
    assert "中甲" in marked.decode("utf-8-sig")
    frame = pd.read_csv(io.BytesIO(marked), encoding="utf-8-sig")
    assert frame.columns[0] == "id"
    bad = run("companies", "--json", "--bom", *DATA)
    assert bad.exit_code == 2 and "--bom" in json.loads(bad.stderr)["error"]["message"]


def test_formula_text_is_neutralised_and_numbers_stay_numbers(run: Run, tmp_path: Path) -> None:
    text = SMALL.read_text(encoding="utf-8").replace('name = "China Alpha"', 'name = "@SUM(A1:A9)"')
    data = ("--data", str(write(tmp_path, text)))
    frame = pd.read_csv(io.StringIO(_ok(run("companies", "-f", "tsv", *data))), sep="\t")
    assert "'@SUM(A1:A9)" in frame["name"].tolist()
    company = pd.read_csv(io.StringIO(_ok(run("company", "cnb", "-f", "csv", *DATA))))
    assert company["capex_growth"].dtype.kind == "f"  # -0.x growth: a number, not "'-0.x"
    book = tmp_path / "c.xlsx"
    _ok(run("companies", "-o", str(book), *data))
    sheet = openpyxl.load_workbook(book)["companies"]
    names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
    cell = next(c for c in sheet["B"] if c.value == "@SUM(A1:A9)")
    assert cell.data_type == "s" and cell.quotePrefix
    assert "@SUM(A1:A9)" in names


def _tables(markdown: str) -> list[list[list[str]]]:
    """Every table a GFM parser finds: rows of cell texts, the header first."""
    tables: list[list[list[str]]] = []
    cell = False
    for token in MarkdownIt("commonmark").enable("table").parse(markdown):
        if token.type == "table_open":
            tables.append([])
        elif token.type == "tr_open":
            tables[-1].append([])
        elif token.type in ("th_open", "td_open"):
            cell = True
            tables[-1][-1].append("")
        elif token.type in ("th_close", "td_close"):
            cell = False
        elif token.type == "inline" and cell:
            # The cell as a reader sees it: Markdown's escapes (400\\*) undone.
            tables[-1][-1][-1] = "".join(
                child.content for child in token.children or [] if child.type == "text"
            )
    return tables


def test_markdown_is_a_gfm_table_per_section_with_notes(run: Run) -> None:
    out = _ok(run("claims", "--format", "markdown"))
    tables = _tables(out)
    ledger = json.loads(_ok(run("claims", "--json")))
    # Checks against the filings first, then the article against its own numbers (internal),
    # each a table per article section, in the terminal's order.
    parts = [
        [c for c in ledger["claims"] if c["kind"] != "internal"],
        [c for c in ledger["claims"] if c["kind"] == "internal"],
    ]
    expected = [
        (section, [c["id"] for c in part if c["section"] == section])
        for part in parts
        for section in dict.fromkeys(c["section"] for c in part)
    ]
    assert len(tables) == len(expected) > 1
    assert "### The article against its own numbers (not a check of the filings)" in out
    # The terminal's headings (the section is the table's own heading, not a column).
    header = tables[0][0]
    assert header == ["ID", "Stated", "Recomputed", "Verdict", "Claim"]
    for table, (section, ids) in zip(tables, expected, strict=True):
        assert f"### Section {section}\n" in out
        assert all(len(row) == len(header) for row in table)
        assert [row[0] for row in table[1:]] == ids
    # The terminal's number formats: a ratio as the article writes it, not 0.403179.
    ratio = next(row for table in tables for row in table if row[0] == "capex-ratio-2024")
    assert ratio[1:4] == ["1:10", "1:8.0", "fails"]
    # the notes follow as text, one list item each, none inside a table
    after = MarkdownIt("commonmark").enable("table").render(out).split("</table>")[-1]
    n = ledger["summary"]
    assert "<li>As of the latest filings" in after
    before = MarkdownIt("commonmark").enable("table").render(out).split("<table>")[0]
    assert f"<li>{len(ledger['claims'])} claims: " in before and f"{n['holds']} hold" in before
    # `code` in a note stays code
    assert "<code>capex claims ID</code>" in before
    compare = _ok(run("compare", "-f", "markdown", *DATA))
    capex, returns = _tables(compare)
    # small.toml: 2023 1,050 / 210 = 1 : 5.0; 2024 2,400 / 400 = 1 : 6.0; the two years
    # 3,450 / 610 = 1 : 5.7
    assert capex[0][:4] == ["Year", "US capex", "CN capex", "CN : US"]
    assert [row[:4] for row in capex[1:]] == [
        ["2023", "1,050", "210", "1 : 5.0"],
        ["2024", "2,400", "400*", "1 : 6.0"],
        ["2023-2024", "3,450", "610*", "1 : 5.7"],
    ]
    assert returns[0][0] == "Year" and {len(row) for row in returns} == {len(returns[0])}
    # The notes of the terminal view (its brief ones; --notes gives them all).
    assert "FX: annual average CNY per USD" in MarkdownIt("commonmark").render(compare)


def test_markdown_and_html_speak_the_chosen_language(run: Run, tmp_path: Path) -> None:
    from capexcli.present import catalog

    catalog.MISSES.clear()
    out = _ok(run("compare", "-f", "markdown", "--lang", "zh", *DATA))
    capex, _ = _tables(out)
    assert capex[0][:4] == ["年份", "美国资本开支", "中国资本开支", "中 : 美"]
    assert "### 资本开支：" in out
    page_path = tmp_path / "zh.html"
    _ok(run("claims", "--html", str(page_path), "--lang", "zh"))
    page = page_path.read_text(encoding="utf-8")
    assert '<html lang="zh-Hans">' in page and "<h2>文章部分 01</h2>" in page
    assert not catalog.MISSES, catalog.MISSES


def test_csv_keeps_the_raw_columns_for_scripts(run: Run) -> None:
    csv_text = _ok(run("compare", "-f", "csv", *DATA))
    assert csv_text.startswith("year,total,first_year,last_year,currency,us_capex,")
    assert "us_to_cn_capex_ratio" in csv_text.splitlines()[0]


def test_markdown_cells_with_pipes_keep_the_column_count(run: Run, tmp_path: Path) -> None:
    text = SMALL.read_text(encoding="utf-8").replace(
        'name = "China Alpha"', 'name = "China | Alpha"'
    )
    out = _ok(run("companies", "-f", "markdown", "--data", str(write(tmp_path, text))))
    (table,) = _tables(out)
    assert {len(row) for row in table} == {len(table[0])}
    assert ["cna", "China | Alpha"] in [r[:2] for r in table]


def test_xlsx_opens_with_typed_numbers_and_notes_and_sources_sheets(
    run: Run, tmp_path: Path
) -> None:
    book_path = tmp_path / "compare.xlsx"
    _ok(run("compare", "-o", str(book_path), *DATA))
    book = openpyxl.load_workbook(book_path)
    assert book.sheetnames == ["compare", "Sources", "Notes"]
    sheet = book["compare"]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    by_name = [dict(zip(header, row, strict=True)) for row in rows[1:]]
    assert [r["year"] for r in by_name] == [2023, 2024, None]
    assert [r["total"] for r in by_name] == [False, False, True]
    assert by_name[1]["us_capex"] == 2400 and isinstance(by_name[1]["us_capex"], int | float)
    # small.toml 2024: US 2,400 / China 400 = 6.0, shown as the article writes it
    assert by_name[1]["us_to_cn_capex_ratio"] == pytest.approx(6.0)
    formats = {h: sheet.cell(row=3, column=i + 1).number_format for i, h in enumerate(header)}
    assert formats["us_capex"] == "#,##0"  # thousands separators
    assert formats["us_capex_to_ocf"] == "0.0%"  # 2,400 / 6,400 = 37.5%
    assert formats["us_to_cn_capex_ratio"] == '"1 : "0.0'
    assert formats["year"] == "General"  # a year is no amount: 2,024 would be wrong
    assert sheet.freeze_panes == "A2"
    widths = {h: sheet.column_dimensions[chr(65 + i)].width for i, h in enumerate(header[:26])}
    assert all(8 <= w <= 60 for w in widths.values()) and widths["currency"] >= len("currency")
    notes = [row[0] for row in book["Notes"].iter_rows(min_row=2, values_only=True)]
    assert any(n.startswith("FX, CNY per USD") for n in notes)
    # Sources: every figure of every member in the years compared, and the FX rates used.
    sources = list(book["Sources"].iter_rows(values_only=True))
    assert sources[0][:7] == (
        "company",
        "fiscal_year",
        "measure",
        "value",
        "unit",
        "currency",
        "status",
    )
    assert {"document", "page", "url"} <= set(sources[0])
    listed = {(r[0], r[1], r[2]) for r in sources[1:]}
    every = json.loads(_ok(run("sources", "--json", *DATA)))
    # The fiscal years that count in 2023-2024 (cnb's FY2025 ends in March 2025: 2024).
    counted = {
        (c["company"]["id"], y["fiscal_year"])
        for name in ("usa", "usb", "cna", "cnb")
        for c in [json.loads(_ok(run("company", name, "--json", *DATA)))]
        for y in c["years"]
        if y["comparison_year"] in (2023, 2024)
    }
    assert ("cnb", 2025) in counted
    expected = {
        (r["company"] or "FX", r["fiscal_year"], r["field"])
        for r in every
        if (r["kind"] == "figure" and (r["company"], r["fiscal_year"]) in counted)
        or (r["kind"] == "fx" and r["fiscal_year"] in (2023, 2024))
    }
    assert listed == expected
    fx = next(r for r in sources if r[0] == "FX" and r[1] == 2024)
    assert (fx[3], fx[4], fx[6]) == (8, "CNY per USD", "unconfirmed")
    # one sheet per section of the claims, then Sources (the figures used), the claims'
    # inputs and Notes
    claims = tmp_path / "claims.xlsx"
    _ok(run("claims", "--format", "xlsx", "-o", str(claims)))
    ledger = json.loads(_ok(run("claims", "--json")))
    sections = list(dict.fromkeys(c["section"] for c in ledger["claims"]))
    names = openpyxl.load_workbook(claims).sheetnames
    assert names == [f"section {s}" for s in sections] + ["Sources", "Claim inputs", "Notes"]


def test_xlsx_sources_of_a_company_name_each_document(run: Run, tmp_path: Path) -> None:
    book_path = tmp_path / "alibaba.xlsx"
    _ok(run("company", "alibaba", "-o", str(book_path)))
    book = openpyxl.load_workbook(book_path)
    rows = list(book["Sources"].iter_rows(values_only=True))
    header = rows[0]
    records = [dict(zip(header, row, strict=True)) for row in rows[1:]]
    every = json.loads(_ok(run("sources", "alibaba", "--json")))
    figures = [r for r in every if r["kind"] == "figure"]
    assert len(records) == len(figures)
    for record, row in zip(records, figures, strict=True):
        assert (record["fiscal_year"], record["measure"]) == (row["fiscal_year"], row["field"])
        assert record["value"] == pytest.approx(row["value"])
        document = row["document"] or {}
        assert record["url"] == document.get("url") and record["page"] == document.get("page")
    assert any(r["url"] and r["status"] == "confirmed" for r in records)


def test_xlsx_needs_a_file(run: Run) -> None:
    result = run("compare", "--format", "xlsx", *DATA)
    assert result.exit_code == 2 and "-o FILE.xlsx" in result.stderr


@pytest.mark.parametrize(
    ("name", "starts"),
    [
        ("out.csv", b"year,total,"),
        ("out.tsv", b"year\ttotal\t"),
        ("out.md", b"### Capex: US (2) vs China (2)"),
        ("out.json", b"{"),
        ("out.txt", b"Capex: US (2) vs China (2)"),
        ("out", b"Capex: US (2) vs China (2)"),
        ("out.xlsx", b"PK"),
    ],
)
def test_output_extension_chooses_the_format(
    run: Run, tmp_path: Path, name: str, starts: bytes
) -> None:
    target = tmp_path / name
    _ok(run("compare", "-o", str(target), *DATA))
    assert target.read_bytes().startswith(starts)


@pytest.mark.parametrize(
    "args",
    [
        ["--format", "csv", "-o", "x.json"],
        ["--json", "-o", "x.csv"],
        ["--format", "table", "-o", "x.md"],
        ["--format", "xlsx", "-o", "x.txt"],
        ["-o", "x.html"],
    ],
)
def test_output_extension_and_format_must_agree(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("compare", *args, *DATA)
    assert result.exit_code == 2, result.stdout
    assert list(tmp_path.iterdir()) == []
    # a format the extension allows is written as asked
    assert run("compare", "--format", "csv", "-o", "x.txt", *DATA).exit_code == 0


#: What would make a page or an image fetch something when opened.
#: Loads from elsewhere; an SVG's references inside itself (url(#p1), href="#m1") are not.
NETWORK = re.compile(r"url\((?!#)|@import|<link|<script|\bsrc=|\bhref=(?![\"']#)|@font-face", re.I)


def test_html_is_a_standalone_page_of_tables_and_an_inline_chart(run: Run, tmp_path: Path) -> None:
    page_path = tmp_path / "c.html"
    result = run("compare", "--html", str(page_path), *DATA)
    assert result.exit_code == 0, result.stderr
    page = page_path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<pre" not in page
    assert not NETWORK.search(page)
    assert page.count("<table>") == 2  # the comparison, the FX sources
    assert "<h1>Capex: US (2) vs China (2) (CNY millions)</h1>" in page
    # The chart `capex chart --svg` draws (tests/present/test_figure.py), inline.
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert page.count("<svg") == 1 and "<?xml" not in page
    # 2024: US 2,400 against China 400, CN : US 1 : 6.0; 2023: 1,050 / 210 = 5.0
    assert ">2,400</text>" in svg and ">400</text>" in svg
    assert ">CN : US 1 : 6.0</text>" in svg and ">CN : US 1 : 5.0</text>" in svg
    assert "FX: annual average CNY per USD" in page  # the terminal view's brief notes


def test_svg_and_html_never_cut_a_value_and_load_nothing(run: Run, tmp_path: Path) -> None:
    svg_path, page_path = tmp_path / "claims.svg", tmp_path / "claims.html"
    result = run("claims", "--svg", str(svg_path), "--html", str(page_path))
    assert result.exit_code == 0, result.stderr
    svg = svg_path.read_text(encoding="utf-8")
    page = page_path.read_text(encoding="utf-8")
    assert not NETWORK.search(svg) and not NETWORK.search(page)
    # an ellipsis only where the article has one (a quote's ……), never one of Rich's cuts
    in_data = _ok(run("claims", "--json")).count("…")
    assert svg.count("…") <= in_data and page.count("…") <= in_data
    ledger = json.loads(_ok(run("claims", "--json")))
    cells = html.unescape(page)
    for claim in ledger["claims"]:
        assert f"<td>{claim['stated']['text']}" in cells, claim["id"]
    # the SVG is as wide as the table: more than the 100 columns it used to be cut at
    width = float(re.search(r'viewBox="0 0 ([\d.]+) ', svg)[1])  # type: ignore[index]
    assert width > 100 * 12


def test_compare_json_imports_neither_openpyxl_nor_the_page() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from capexcli.cli.commands import main\n"
        "try:\n"
        "    main(['compare', '--json'])\n"
        "except SystemExit as stop:\n"
        "    assert stop.code == 0, stop.code\n"
        "heavy = ('openpyxl', 'capexcli.present.html', 'capexcli.present.xlsx', 'rich')\n"
        "print(sorted(m for m in sys.modules if m.startswith(heavy)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={"CAPEX_NO_CACHE": "1", "PATH": "", "CAPEX_DATA": str(SMALL)},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
