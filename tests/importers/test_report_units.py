"""Units are read right or not at all (issue 27, item 4): every multiplier as printed, two
units or an unknown multiplier refused with what they say, amounts with a Unicode minus,
full-width digits or a footnote mark read (and said), a line capex cannot read said, and the
company's own statement kept apart from the group's."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from capexcli.errors import ReportError
from capexcli.importers.report import read_report
from capexcli.importers.report.lines import parse_rows
from capexcli.importers.report.units import find_unit
from tests.importers.test_report import STATEMENT
from tests.pdf_helpers import text_pdf, write


@pytest.mark.parametrize(
    ("header", "currency", "scale"),
    [
        ("RMB'000 RMB'000", "CNY", 1000),
        ("HK$’000 HK$’000", "HKD", 1000),
        ("RMB'000,000 RMB'000,000", "CNY", 1_000_000),
        ("HK$ '000,000", "HKD", 1_000_000),
        ("RMB thousands", "CNY", 1000),
        ("(in thousands of Renminbi)", "CNY", 1000),
        ("HK$ in thousands", "HKD", 1000),
        ("RMB millions", "CNY", 1_000_000),
        ("In millions of US$", "USD", 1_000_000),
        ("RMBm RMBm", "CNY", 1_000_000),
        ("Note RMB'Million RMB'Million", "CNY", 1_000_000),
        ("US$ billion", "USD", 1_000_000_000),
        ("千港元 千港元", "HKD", 1000),
        ("人民幣千元", "CNY", 1000),
        ("千元人民幣", "CNY", 1000),
        ("人民币百万元", "CNY", 1_000_000),
        ("百萬港元", "HKD", 1_000_000),
        ("人民幣億元", "CNY", 100_000_000),
        ("人民币亿元", "CNY", 100_000_000),
        ("人民币万元", "CNY", 10_000),
        ("ＲＭＢ＇０００", "CNY", 1000),  # full-width, as some Chinese layouts print it
        ("HK$ HK$", "HKD", 1),
        ("2024 RMB'000 2023 RMB'000", "CNY", 1000),
    ],
)
def test_every_multiplier_reads_as_what_it_says(header: str, currency: str, scale: int) -> None:
    unit = find_unit([header])
    assert unit is not None and (unit.currency, unit.scale) == (currency, scale)


def test_english_and_chinese_headers_of_one_unit_agree() -> None:
    unit = find_unit(["HK$'000 HK$'000", "千港元 千港元"])
    assert unit is not None and (unit.printed, unit.scale) == ("HK$'000", 1000)


@pytest.mark.parametrize(
    ("lines", "readings"),
    [
        (["RMB'000", "HK$'000"], "RMB'000 (thousands of CNY) and HK$'000 (thousands of HKD)"),
        (["RMB'000 RMB million"], "RMB'000 (thousands of CNY) and RMB million (millions of CNY)"),
        (["人民幣千元", "人民幣百萬元"], "人民幣千元 (thousands of CNY) and RMB million"),
    ],
)
def test_two_units_are_refused_with_both_readings(lines: list[str], readings: str) -> None:
    with pytest.raises(ReportError, match="names two units") as caught:
        find_unit(lines)
    assert readings in caught.value.message


@pytest.mark.parametrize("header", ["RMB'0000", "HK$ '00 HK$ '00", "RMB'000'000", "人民幣十元"])
def test_a_multiplier_capex_does_not_know_is_refused(header: str) -> None:
    with pytest.raises(ReportError, match="a unit capex does not know"):
        find_unit([header])


def test_amounts_with_other_minus_signs_full_width_digits_and_marks() -> None:
    lines = [
        "Purchase of property, plant and equipment −1,234 −567",  # U+2212
        "Payments for land use rights （１，２３４） （５６７）",  # full-width
        "Dividends paid (28,859)* (20,983)",
        "Purchase of intangible assets 1,234¹ 567 ²",
    ]
    rows = parse_rows(1, lines, 2)
    assert [r.amounts for r in rows] == [
        (Decimal(-1234), Decimal(-567)),
        (Decimal(-1234), Decimal(-567)),
        (Decimal(-28859), Decimal(-20983)),
        (Decimal(1234), Decimal(567)),
    ]
    assert rows[0].printed == ("−1,234", "−567")  # as printed, for messages
    assert [r.marks for r in rows[2:]] == [("*", ""), ("¹", "²")]


def _statement(*replace: tuple[str, str]) -> list[str]:
    lines = list(STATEMENT)
    for old, new in replace:
        lines = [line.replace(old, new) for line in lines]
    return lines


def test_a_footnote_mark_is_read_and_said(tmp_path: Path) -> None:
    pages = [["Annual Report"], _statement(("(28,859) (20,983)", "(28,859)* (20,983)"))]
    report = read_report(write(tmp_path / "ar.pdf", text_pdf(pages)))
    assert report.rows_of("dividends")[0].values == {
        2024: Decimal("28.859"),
        2023: Decimal("20.983"),
    }
    assert any("(28,859)* (20,983), with a footnote mark" in w for w in report.warnings)


def test_a_line_whose_amounts_cannot_be_read_is_said(tmp_path: Path) -> None:
    pages = [["Annual Report"], _statement(("(6,727) (357)", "(6,72,7) (357)"))]
    report = read_report(write(tmp_path / "ar.pdf", text_pdf(pages)))
    assert report.rows_of("land") == []
    assert any(
        "'Payments for land use rights (6,72,7) (357)': its amounts are not written" in w
        for w in report.warnings
    )


def test_millions_written_with_six_zeros(tmp_path: Path) -> None:
    pages = [
        ["Annual Report"],
        _statement(("Notes RMB'000 RMB'000", "Notes RMB'000,000 RMB'000,000")),
    ]
    report = read_report(write(tmp_path / "ar.pdf", text_pdf(pages)))
    assert report.statement is not None and report.statement.unit.scale == 1_000_000
    # Printed 62,927 in millions: 62,927 millions, outflow positive.
    assert report.rows_of("property")[0].values[2024] == Decimal(62927)


def test_the_company_s_own_statement_is_not_merged_into_the_group_s(tmp_path: Path) -> None:
    company = _statement(
        ("Consolidated Statement of Cash Flows", "Statement of Cash Flows of the Company"),
        ("(62,927) (21,008)", "(1) (2)"),
    )
    report = read_report(
        write(tmp_path / "ar.pdf", text_pdf([["Annual Report"], STATEMENT, company]))
    )
    assert report.statement is not None and report.statement.pages == [2]
    assert [line.values for line in report.rows_of("property")] == [
        {2024: Decimal("62.927"), 2023: Decimal("21.008")}
    ]
    assert "another statement of cash flows on p. 3 was not read" in report.notes


def test_a_unit_error_says_where(tmp_path: Path) -> None:
    pages = [["Annual Report"], _statement(("Notes RMB'000 RMB'000", "Notes RMB'0000 RMB'0000"))]
    with pytest.raises(ReportError, match=r"ar.pdf: the statement of cash flows \(p. 2\): the"):
        read_report(write(tmp_path / "ar.pdf", text_pdf(pages)))
