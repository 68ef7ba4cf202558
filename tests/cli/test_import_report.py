"""`capex import report`: the stub, --json, --into (with the SEC importer's safety), and the
files it refuses."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import tomli
from typer.testing import Result

from capexcli.store.loader import parse_dataset
from tests.conftest import REPO
from tests.importers.test_report import ALCO, EMPEROR, TENCENT_RELEASE, WISDOM
from tests.pdf_helpers import encrypted_pdf, image_pdf, text_pdf, write

Run = Callable[..., Result]
DATA = REPO / "data" / "companies.toml"
AR2024_URL = "https://www1.hkexnews.hk/listedco/listconews/sehk/2025/0408/2025040800667.pdf"
AR2025_URL = "https://www1.hkexnews.hk/listedco/listconews/sehk/2026/0409/2026040901232.pdf"


def tencent_report(
    current: int, figures: dict[str, tuple[str, str]], cover: list[str] | None = None
) -> bytes:
    """A statement of cash flows as Tencent prints it (RMB million), on page 3; with
    ``cover``, that is page 1, and the statement does not name its issuer."""
    lines = [
        *(["Tencent Holdings Limited"] if cover is None else []),
        "CONSOLIDATED STATEMENT OF CASH FLOWS",
        f"For the year ended 31 December {current}",
        f"{current} {current - 1}",
        "Note RMB'Million RMB'Million",
        "Net cash flows generated from operating activities {} {}".format(*figures["ocf"]),
        "Purchase of/prepayments for property, plant and equipment, construction in",
        "progress and investment properties {} {}".format(*figures["capex"]),
        "Payments for repurchase of shares {} {}".format(*figures["buybacks"]),
        "Dividends paid to the Company's shareholders {} {}".format(*figures["dividends"]),
    ]
    return text_pdf([cover or ["Annual Report"], [], lines])


AR2024 = {
    "ocf": ("258,521", "221,962"),
    "capex": ("(62,927)", "(21,008)"),
    "buybacks": ("(102,331)", "(43,767)"),
    "dividends": ("(28,859)", "(20,983)"),
}


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "companies.toml"
    shutil.copyfile(DATA, target)
    return target


def one_line_error(result: Result) -> str:
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, result.stderr
    return result.stderr


def test_stub_reads_back_with_the_printed_values(run: Run) -> None:
    result = run("import", "report", str(WISDOM), "--url", "https://example.com/2022011100001.pdf")
    assert result.exit_code == 0, result.stderr
    assert "# warning: 2 lines could be payments for land use rights" in result.stdout
    company = tomli.loads(result.stdout)["companies"][0]
    assert company["capex_basis"]["lines"] == [
        "Payments for acquisition of property, plant and equipment"
    ]
    (document,) = company["documents"]
    assert document["id"] == "AR2021" and document["form"] == "annual report"
    assert document["url"] == "https://example.com/2022011100001.pdf"
    assert str(document["date"]) == "2022-01-11"  # from the HKEX-style file name in the URL
    years = {y["fiscal_year"]: y for y in company["years"]}
    assert years[2021]["capex"] == {
        "value": 1427.286,
        "status": "confirmed",
        "document": "AR2021",
        "page": 79,
        "line": "Payments for acquisition of property, plant and equipment",
    }
    assert years[2020]["operating_cash_flow"]["value"] == 883.381
    assert years[2020]["dividends"]["value"] == 205.394
    assert str(years[2021]["period_end"]) == "2021-08-31"


def test_json(run: Run) -> None:
    result = run("import", "report", str(EMPEROR), "--json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["currency"] == "HKD" and doc["statement"]["unit_printed"] == "HK$'000"
    assert doc["statement"]["pages"] == [76, 77]
    ppe = next(line for line in doc["lines"] if line["measure"] == "property")
    assert ppe["label_zh"] == "購買物業及設備"
    assert ppe["values"] == [
        {"fiscal_year": 2021, "value": 0.274, "printed": "(274)"},
        {"fiscal_year": 2020, "value": 1.074, "printed": "(1,074)"},
    ]
    assert any("in HKD" in note for note in doc["notes"])


def test_release_headline_stub(run: Run) -> None:
    result = run("import", "report", str(TENCENT_RELEASE), "--company", "tencent")
    assert result.exit_code == 0, result.stderr
    company = tomli.loads(result.stdout)["companies"][0]
    (year,) = company["years"]
    assert year["fiscal_year"] == 2025
    assert year["capex"]["value"] == 79200 and year["capex"]["page"] == 1
    assert "rounded to 100 million" in year["capex"]["note"]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda _: ALCO, "no consolidated statement of cash flows"),
        (lambda d: write(d / "scan.pdf", image_pdf()), "no text layer"),
        (
            lambda d: write(d / "lock.pdf", encrypted_pdf(tencent_report(2024, AR2024), "pw")),
            "encrypted",
        ),
        (lambda d: write(d / "x.pdf", b"PK\x03\x04 a zip file"), "not a PDF"),
        (lambda d: d / "missing.pdf", "cannot read it"),
    ],
    ids=["no-statement", "scanned", "encrypted", "not-a-pdf", "missing"],
)
def test_bad_files_exit_2_and_write_nothing(
    run: Run, tmp_path: Path, data_copy: Path, make: Callable[[Path], Path], message: str
) -> None:
    before = data_copy.read_bytes()
    pdf = make(tmp_path)
    assert message in one_line_error(run("import", "report", str(pdf)))
    args = ["--company", "tencent", "--into", str(data_copy)]
    assert message in one_line_error(run("import", "report", str(pdf), *args))
    assert data_copy.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".toml") == ["companies.toml"]


def test_into_the_same_report_changes_nothing(run: Run, tmp_path: Path, data_copy: Path) -> None:
    pdf = write(tmp_path / "ar2024.pdf", tencent_report(2024, AR2024))
    before = data_copy.read_bytes()
    args = ["--company", "tencent", "--url", AR2024_URL, "--into", str(data_copy)]
    result = run("import", "report", str(pdf), *args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-1] == f"{data_copy}: not changed (8 unchanged)"
    assert data_copy.read_bytes() == before


def test_into_a_new_report_confirms_adds_the_document_and_guards_confirmed(
    run: Run, tmp_path: Path, data_copy: Path
) -> None:
    figures = {
        "ocf": ("303,052", "258,521"),
        "capex": ("(87,482)", "(62,927)"),
        "buybacks": ("(80,000)", "(102,331)"),
        "dividends": ("(37,535)", "(28,000)"),  # 2024 differs from the confirmed 28,859
    }
    pdf = write(tmp_path / "ar2025.pdf", tencent_report(2025, figures))
    args = ["--company", "tencent", "--url", AR2025_URL, "--into", str(data_copy)]
    result = run("import", "report", str(pdf), *args)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "tencent FY2025 capex: 87482 (aggregator) -> 87482 (confirmed)" in lines
    assert "tencent FY2025 buybacks: 73312 (aggregator) -> 80000" in lines
    assert any(
        line.startswith("skipped tencent FY2024 dividends: 28859 (confirmed)") for line in lines
    )
    assert lines[-1].startswith(f"{data_copy}: written (")
    dataset = parse_dataset(data_copy.read_text(encoding="utf-8"), data_copy)
    tencent = next(c for c in dataset.companies if c.id == "tencent")
    document = tencent.document("AR2025")
    assert (document.url, document.stock_code, str(document.date)) == (
        AR2025_URL,
        None,
        "2026-04-09",
    )
    year = next(y for y in tencent.years if y.fiscal_year == 2025)
    assert year.capex is not None and (year.capex.document, year.capex.page) == ("AR2025", 3)
    assert year.status_of("capex") == "confirmed"
    assert next(y for y in tencent.years if y.fiscal_year == 2024).value("dividends") == 28859
    # --force replaces the confirmed figure, citing the new report.
    again = run("import", "report", str(pdf), *args, "--force", "--json")
    assert again.exit_code == 0, again.stderr
    changes = {
        (c["fiscal_year"], c["field"]): c["action"] for c in json.loads(again.stdout)["changes"]
    }
    assert changes[(2024, "dividends")] == "changed"
    dataset = parse_dataset(data_copy.read_text(encoding="utf-8"), data_copy)
    tencent = next(c for c in dataset.companies if c.id == "tencent")
    assert [d.id for d in tencent.documents].count("AR2025") == 1
    dividends = next(y for y in tencent.years if y.fiscal_year == 2024).dividends
    assert dividends is not None and dividends.value == 28000
    # the value it replaces, filed first (the 2024 report, 2025-04-08), is kept as its version
    [kept] = dividends.versions
    assert (kept.value, kept.document, kept.status) == (28859, "AR2024", "confirmed")
    assert tencent.document("AR2024").date is not None
    # and capex --as-of sees each report's value in its time
    before = run("company", "tencent", "--data", str(data_copy), "--as-of", "2026-01-01", "--json")
    assert json.loads(before.stdout)["years"][4]["dividends"] == 28859
    # importing the same report again changes nothing
    same = data_copy.read_bytes()
    assert run("import", "report", str(pdf), *args, "--force").exit_code == 0
    assert data_copy.read_bytes() == same


def test_into_refuses_another_currency(run: Run, data_copy: Path) -> None:
    before = data_copy.read_bytes()
    message = one_line_error(
        run("import", "report", str(EMPEROR), "--company", "tencent", "--into", str(data_copy))
    )
    assert "its figures are in HKD; tencent's data is in CNY" in message
    assert data_copy.read_bytes() == before


def test_headline_is_not_capex_on_a_property_basis(run: Run, data_copy: Path) -> None:
    before = data_copy.read_bytes()
    args = ["--company", "tencent", "--into", str(data_copy)]
    result = run("import", "report", str(TENCENT_RELEASE), *args)
    assert result.exit_code == 0, result.stderr
    assert "capex (on tencent's basis 'purchases-ppe-cip') is not in this document" in result.stdout
    assert result.stdout.splitlines()[-1] == f"{data_copy}: not changed (nothing to import)"
    assert data_copy.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--force"], "--force only applies with --into"),
        (["--into", "x.toml"], "--into needs --company ID"),
        (["--company", "Tencent Holdings"], "an id is lowercase letters"),
        (["--url", "ftp://x"], "not an http(s) address"),
    ],
)
def test_option_errors(run: Run, args: list[str], expected: str) -> None:
    assert expected in one_line_error(run("import", "report", str(WISDOM), *args))


def test_other_commands_do_not_import_the_pdf_libraries() -> None:
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from capexcli.cli.commands import app\n"
        "result = CliRunner().invoke(app, ['compare', '--json'])\n"
        "assert result.exit_code == 0, result.output\n"
        "print(sorted(m for m in ('pypdf', 'pdfplumber', 'pdfminer') if m in sys.modules))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "CAPEX_DATA"} | {"CAPEX_NO_CACHE": "1"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.strip() == "[]"


def test_a_basis_line_the_report_lacks_leaves_capex_alone(
    run: Run, tmp_path: Path, data_copy: Path
) -> None:
    lines = {**AR2024, "capex": ("(70,000)", "(21,008)")}
    pdf = text_pdf(
        [
            [
                "Tencent Holdings Limited",
                "CONSOLIDATED STATEMENT OF CASH FLOWS",
                "For the year ended 31 December 2024",
                "2024 2023",
                "RMB'Million RMB'Million",
                "Net cash flows generated from operating activities {} {}".format(*lines["ocf"]),
                "Purchase of property, plant and equipment {} {}".format(*lines["capex"]),
                "Dividends paid to the Company's shareholders {} {}".format(*lines["dividends"]),
            ]
        ]
    )
    args = ["--company", "tencent", "--url", AR2024_URL, "--into", str(data_copy)]
    result = run("import", "report", str(write(tmp_path / "r.pdf", pdf)), *args)
    assert result.exit_code == 0, result.stderr
    assert (
        "note: capex left out: the statement has no line 'Purchase of/prepayments for property, "
        "plant and equipment, construction in progress and investment properties' of the capex "
        "basis 'purchases-ppe-cip'" in result.stdout
    )
    assert result.stdout.splitlines()[-1] == f"{data_copy}: not changed (4 unchanged)"


# A report lands only in its own company (issue 27, item 3)


@pytest.mark.parametrize(
    ("cover", "message"),
    [
        (
            ["Alibaba Group Holding Limited", "Stock Code: 9988"],
            "this is the report of Alibaba Group Holding Limited (HKEX stock code 09988), and "
            "tencent is Tencent Holdings (HKEX stock code 00700)",
        ),
        (
            ["Emperor Capital Group Limited"],
            "this is the report of Emperor Capital Group Limited, and tencent is",
        ),
        (["Annual Report 2024"], "capex cannot tell whose report this is"),
    ],
    ids=["other-stock-code", "other-name", "unknown"],
)
def test_a_report_of_another_issuer_is_refused(
    run: Run, tmp_path: Path, data_copy: Path, cover: list[str], message: str
) -> None:
    pdf = write(tmp_path / "r.pdf", tencent_report(2024, AR2024, cover))
    before = data_copy.read_bytes()
    args = ["--company", "tencent", "--url", AR2024_URL, "--into", str(data_copy)]
    error = one_line_error(run("import", "report", str(pdf), *args))
    assert message in error and "--force merges it into tencent anyway" in error
    assert data_copy.read_bytes() == before
    # --force merges it (the figures are Tencent's 2024 ones: nothing to change).
    forced = run("import", "report", str(pdf), *args, "--force")
    assert forced.exit_code == 0, forced.stderr
    assert (
        forced.stdout.splitlines()[-1] == f"{data_copy}: not changed (8 unchanged)"
    )  # 2 years x 4


@pytest.mark.parametrize(
    "cover",
    [["Stock Code: 700"], ["TENCENT HOLDINGS LIMITED"], ["Tencent Holdings Limited"]],
    ids=["stock-code", "name-in-capitals", "name"],
)
def test_the_company_s_own_report_is_merged(
    run: Run, tmp_path: Path, data_copy: Path, cover: list[str]
) -> None:
    pdf = write(tmp_path / "r.pdf", tencent_report(2024, AR2024, cover))
    args = ["--company", "tencent", "--url", AR2024_URL, "--into", str(data_copy)]
    result = run("import", "report", str(pdf), *args)
    assert result.exit_code == 0, result.stderr


def test_a_real_report_of_another_company_is_refused(run: Run, data_copy: Path) -> None:
    # Wisdom Education's statement is in RMB'000 like Tencent's data: only whose it is differs.
    error = one_line_error(
        run("import", "report", str(WISDOM), "--company", "tencent", "--into", str(data_copy))
    )
    assert "this is the report of Wisdom Education International Holdings Company Limited" in error


def test_the_stub_says_whose_report_it_is(run: Run) -> None:
    result = run("import", "report", str(TENCENT_RELEASE), "--company", "alibaba")
    assert result.exit_code == 0, result.stderr
    assert "# Whose report: 腾讯控股有限公司 (HKEX stock code 00700)" in result.stdout
