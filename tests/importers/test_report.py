"""capexcli.importers.report on the real HKEX pages of tests/fixtures/hkex (trimmed; page numbers
are
the published ones) and on text and PDFs written here for the layouts they lack.

Every expected value is the printed one of tests/fixtures/hkex/README.md, divided by 1,000
(RMB'000, HK$'000) or 1,000,000 (whole HK$) into millions, with outflows made positive."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from capexcli.errors import ReportError
from capexcli.importers.report import data_figures, read_report
from capexcli.importers.report.headline import Headline
from capexcli.importers.report.lines import parse_rows, split_amounts
from capexcli.importers.report.measures import measure_of
from capexcli.importers.report.statement import find_unit, header_years, period_end
from tests.pdf_helpers import encrypted_pdf, image_pdf, text_pdf, write

HKEX = Path(__file__).parents[1] / "fixtures" / "hkex"
WISDOM = HKEX / "06068-wisdom-education-annual-report-2021.pdf"
EMPEROR = HKEX / "00717-emperor-capital-annual-report-2020-21.pdf"
CREATIVE = HKEX / "01678-china-creative-global-annual-report-2019.pdf"
CAPITAL_VC = HKEX / "02324-capital-vc-annual-report-2020-21.pdf"
ALCO = HKEX / "00328-alco-annual-results-2025-no-cash-flow-statement.pdf"
TENCENT_RELEASE = HKEX / "tencent-2025-annual-results-press-release-zh.pdf"


def values(report: object, measure: str) -> list[dict[int, Decimal | None]]:
    return [line.values for line in report.rows_of(measure)]  # type: ignore[attr-defined]


# --------------------------------------------------------------------------------------------
# The fixture reports
# --------------------------------------------------------------------------------------------


def test_wisdom_english_report_rmb_thousands() -> None:
    report = read_report(WISDOM)
    st = report.statement
    assert st is not None
    assert (st.pages, st.unit.printed, st.unit.currency, st.years) == (
        [78, 79],
        "RMB'000",
        "CNY",
        (2021, 2020),
    )
    assert report.period_ends == {2021: date(2021, 8, 31), 2020: date(2020, 8, 31)}
    # "N ET CASH FROM OPERATING ACTIVITIES 1,003,518 883,381" in the text layer.
    (ocf,) = report.rows_of("operating_cash_flow")
    assert ocf.row.label == "NET CASH FROM OPERATING ACTIVITIES" and ocf.row.page == 78
    assert ocf.values == {2021: Decimal("1003.518"), 2020: Decimal("883.381")}
    assert values(report, "property") == [{2021: Decimal("1427.286"), 2020: Decimal("941.593")}]
    assert values(report, "dividends") == [{2021: Decimal("262.336"), 2020: Decimal("205.394")}]
    # Land twice: "right-of-use assets" and "leasehold lands": both listed, a warning, no pick.
    assert [line.row.label for line in report.rows_of("land")] == [
        "Payments for right-of-use assets",
        "Deposits paid for acquisition of leasehold lands",
    ]
    assert values(report, "land") == [
        {2021: Decimal("21.373"), 2020: Decimal("86.484")},
        {2021: Decimal("87.515"), 2020: Decimal("55.860")},
    ]
    assert len(report.warnings) == 1 and "2 lines could be payments for land" in report.warnings[0]
    assert report.rows_of("buybacks") == []  # no such line: missing, never zero
    # The depreciation and amortisation lines are not purchases.
    assert report.rows_of("intangible_assets") == []


def test_emperor_bilingual_hkd_thousands() -> None:
    report = read_report(EMPEROR)
    st = report.statement
    assert st is not None and (st.unit.printed, st.unit.currency) == ("HK$'000", "HKD")
    (ocf,) = report.rows_of("operating_cash_flow")
    assert ocf.values == {2021: Decimal("3160.214"), 2020: Decimal("-1602.022")}
    # The Chinese label was printed on the line after the amounts.
    assert ocf.row.label_zh == "來自（用於）經營活動之現金淨額"
    (ppe,) = report.rows_of("property")
    assert (ppe.row.label, ppe.row.label_zh, ppe.row.page) == (
        "Purchase of property and equipment",
        "購買物業及設備",
        77,
    )
    assert ppe.values == {2021: Decimal("0.274"), 2020: Decimal("1.074")}
    assert report.document.issuer == "Emperor Capital Group Limited"
    assert report.document.form == "annual report"


def test_creative_note_column_nil_dash_and_amortisation() -> None:
    report = read_report(CREATIVE)
    assert report.statement is not None and report.statement.years == (2019, 2018)
    assert values(report, "operating_cash_flow") == [
        {2019: Decimal("-282.022"), 2018: Decimal("-78.755")}
    ]
    assert values(report, "property") == [{2019: Decimal("0.210"), 2018: Decimal("0.268")}]
    # "Prepayments for construction cost — (7,352)": nil is 0.
    assert values(report, "construction_in_progress") == [{2019: 0, 2018: Decimal("7.352")}]
    # "Amortisation of land use rights 20 — 3,981" mentions land use rights: not a purchase.
    assert report.rows_of("land") == []
    data = data_figures(report, None)
    capex = {f.fiscal_year: f.value for f in data.figures if f.field == "capex"}
    assert capex == {2019: 0.21, 2018: 7.62}  # 0.268 + 7.352
    assert data.basis is not None and data.basis.lines == [
        "Purchases of property, plant and equipment",
        "Prepayments for construction cost",
    ]


def test_capital_vc_whole_dollars() -> None:
    report = read_report(CAPITAL_VC)
    st = report.statement
    assert st is not None and (st.unit.printed, st.unit.scale, st.pages) == ("HK$", 1, [55, 56])
    (ocf,) = report.rows_of("operating_cash_flow")
    assert ocf.row.label_zh == "經營活動所用現金淨額"
    assert ocf.values == {2021: Decimal("-19.994217"), 2020: Decimal("-22.001643")}
    assert [line.measure for line in report.lines] == ["operating_cash_flow"]


def test_tencent_release_headline_capex() -> None:
    report = read_report(TENCENT_RELEASE)
    assert report.statement is None
    (headline,) = report.headlines
    assert isinstance(headline, Headline)
    assert (headline.fiscal_year, headline.value, headline.rounded_to, headline.currency) == (
        2025,
        Decimal(79200),
        Decimal(100),
        "CNY",
    )
    assert (headline.page, headline.text) == (1, "资本开支为人民币792亿元")
    # The fourth quarter's 196亿 (p. 3) is a quarter's figure.
    assert any("196亿" in note for note in report.notes)
    assert report.period_ends == {2025: date(2025, 12, 31)}
    assert (report.document.stock_code, report.document.date) == ("00700", date(2026, 3, 18))


def test_alco_has_no_cash_flow_statement() -> None:
    with pytest.raises(ReportError, match="no consolidated statement of cash flows"):
        read_report(ALCO)


def test_year_keeps_one_column_and_must_be_one_of_them() -> None:
    report = read_report(WISDOM, year=2020)
    assert values(report, "dividends") == [{2020: Decimal("205.394")}]
    with pytest.raises(ReportError, match="has the years 2021 and 2020"):
        read_report(WISDOM, year=2019)


# --------------------------------------------------------------------------------------------
# Layouts on text
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Purchase of property and equipment (274) (1,074)",
            ("Purchase of property and equipment", None, ["(274)", "(1,074)"]),
        ),
        (
            "Amortisation of land use rights 20 — 3,981",
            ("Amortisation of land use rights", "20", ["—", "3,981"]),
        ),
        ("Bank and cash balances 58 889,760", ("Bank and cash balances", None, ["58", "889,760"])),
        ("利息( 75,693) (150,361)", ("利息", None, ["(75,693)", "(150,361)"])),
        ("Depreciation – 26,100", ("Depreciation", None, ["–", "26,100"])),
        ("资本开支 (d) 19,632 36,578 12,983 79,198 76,760", None),
        ("For the year ended 31 August 2021", None),
    ],
)
def test_split_amounts(line: str, expected: tuple[str, str | None, list[str]] | None) -> None:
    assert split_amounts(line, 2) == expected


def test_wrapped_and_bilingual_labels() -> None:
    lines = [
        "INVESTING ACTIVITIES",
        "Dividend income from investments 來自投資上市證券之",
        "in listed securities 股息收入 (172,281) (180,107)",
        "N ET CASH FROM (USED IN) INVESTING 投資活動所得（所用）現金淨額",
        "ACTIVITIES 11,625,687 (699,985)",
        "NET CASH (USED IN) FROM FINANCING ACTIVITIES (2,987,910) 549,620",
        "（用於）來自融資活動之現金淨額",
    ]
    rows = parse_rows(9, lines, 2)
    assert [(r.label, r.label_zh) for r in rows] == [
        ("Dividend income from investments in listed securities", "來自投資上市證券之股息收入"),
        ("NET CASH FROM (USED IN) INVESTING ACTIVITIES", "投資活動所得（所用）現金淨額"),
        ("NET CASH (USED IN) FROM FINANCING ACTIVITIES", "（用於）來自融資活動之現金淨額"),
    ]
    assert rows[0].amounts == (Decimal(-172281), Decimal(-180107))


def test_chinese_only_statement() -> None:
    lines = [
        "綜合現金流量表",
        "截至二零二四年十二月三十一日止年度",
        "二零二四年 二零二三年",
        "人民幣千元 人民幣千元",
        "經營活動之現金流量",
        "經營活動所得現金淨額 258,521 221,962",
        "投資活動之現金流量",
        "購買物業、廠房及設備 (62,927) (21,008)",
        "土地使用權攤銷 120 110",
        "支付土地使用權 (6,727) (357)",
        "已付本公司股東股息 (28,859) (20,983)",
        "已付非控制性權益股息 (1,000) -",
        "購回股份 (102,331) (43,767)",
    ]
    assert header_years(lines) == (2024, 2023)
    assert period_end(" ".join(lines)) == date(2024, 12, 31)
    unit = find_unit(lines)
    assert unit is not None and (unit.currency, unit.scale) == ("CNY", 1000)
    rows = parse_rows(1, lines, 2)
    measures = {r.label: (m.id if (m := measure_of(r)) else None) for r in rows}
    assert measures == {
        "經營活動所得現金淨額": "operating_cash_flow",
        "購買物業、廠房及設備": "property",
        "土地使用權攤銷": None,
        "支付土地使用權": "land",
        "已付本公司股東股息": "dividends",
        "已付非控制性權益股息": None,
        "購回股份": "buybacks",
    }


def test_units_as_printed() -> None:
    def unit(text: str) -> tuple[str, int] | None:
        found = find_unit([text])
        return None if found is None else (found.currency, found.scale)

    assert unit("RMB’000 RMB’000") == ("CNY", 1000)
    assert unit("HK$’000 HK$’000") == ("HKD", 1000)
    assert unit("HK$ HK$") == ("HKD", 1)
    assert unit("人民币百万元（特别说明除外）") == ("CNY", 1_000_000)
    assert unit("千港元 千港元") == ("HKD", 1000)
    assert unit("2021 2020") is None
    with pytest.raises(ReportError, match="names two units"):
        find_unit(["RMB'000", "HK$'000"])


# --------------------------------------------------------------------------------------------
# Written PDFs: an English statement with what the fixtures lack, and the bad files
# --------------------------------------------------------------------------------------------

STATEMENT = [
    "Example Holdings Limited",
    "Consolidated Statement of Cash Flows",
    "For the year ended 31 December 2024",
    "2024 2023",
    "Notes RMB'000 RMB'000",
    "(Restated)",
    "OPERATING ACTIVITIES",
    "N ET CASH GENERATED FROM OPERATING ACTIVITIES 258,521 221,962",
    "INVESTING ACTIVITIES",
    "Purchase of/prepayments for property, plant and equipment,",
    "construction in progress and investment properties 15 (62,927) (21,008)",
    "Payments for land use rights (6,727) (357)",
    "Purchase of/prepayments for intangible assets (26,394) (26,042)",
    "FINANCING ACTIVITIES",
    "Payments for repurchase of shares (102,331) (43,767)",
    "Repurchase of shares 1,000 -",
    "Dividends paid to the Company's shareholders (28,859) (20,983)",
    "Dividends paid to non-controlling interests (1,000) -",
]


def test_written_english_statement(tmp_path: Path) -> None:
    report = read_report(write(tmp_path / "ar.pdf", text_pdf([["Annual Report 2024"], STATEMENT])))
    assert report.statement is not None and report.statement.restated
    assert report.statement.pages == [2]
    (ocf,) = report.rows_of("operating_cash_flow")
    assert ocf.row.label == "NET CASH GENERATED FROM OPERATING ACTIVITIES"
    assert ocf.values == {2024: Decimal("258.521"), 2023: Decimal("221.962")}
    (ppe,) = report.rows_of("property")
    assert ppe.row.note == "15"
    assert ppe.row.label.endswith("construction in progress and investment properties")
    # Two buyback lines: both kept, a warning; the second printed as an inflow is left out.
    assert values(report, "buybacks") == [
        {2024: Decimal("102.331"), 2023: Decimal("43.767")},
        {2024: None, 2023: 0},
    ]
    assert any("2 lines could be payments for repurchase" in w for w in report.warnings)
    assert any("an inflow on a line of payments" in w for w in report.warnings)
    data = data_figures(report, None)
    fields = {(f.fiscal_year, f.field): (f.value, f.note) for f in data.figures}
    assert fields[(2024, "capex")] == (62.927, None)
    assert fields[(2023, "capex")] == (21.008, "restated in this report")
    assert fields[(2024, "dividends")] == (28.859, None)
    assert (2024, "buybacks") not in fields  # ambiguous: never a silent guess
    assert data.basis is not None and data.basis.note is not None
    assert "Payments for land use rights" in data.basis.note


def test_english_headline(tmp_path: Path) -> None:
    pdf = text_pdf(
        [["Full Year 2025 Financial Highlights", "Capital expenditure was RMB79.2 billion."]]
    )
    report = read_report(write(tmp_path / "release.pdf", pdf))
    (headline,) = report.headlines
    assert (headline.fiscal_year, headline.value, headline.rounded_to) == (
        2025,
        Decimal("79200.0"),
        Decimal(100),
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (image_pdf(), "no text layer (a scanned document"),
        (
            encrypted_pdf(text_pdf([STATEMENT]), "secret"),
            "encrypted: it opens only with a password",
        ),
        (b"<html>not a pdf</html>", "not a PDF"),
        (text_pdf([STATEMENT])[:300], "damaged PDF"),
        (text_pdf([["Chairman's statement", "We did well."]]), "no consolidated statement"),
    ],
    ids=["scanned", "encrypted", "not-a-pdf", "truncated", "no-statement"],
)
def test_bad_files_are_clear_errors(tmp_path: Path, data: bytes, message: str) -> None:
    with pytest.raises(ReportError, match=message.replace("(", r"\(")):
        read_report(write(tmp_path / "bad.pdf", data))


def test_encrypted_without_a_user_password_opens(tmp_path: Path) -> None:
    report = read_report(write(tmp_path / "p.pdf", encrypted_pdf(text_pdf([STATEMENT]), "")))
    assert values(report, "dividends") == [{2024: Decimal("28.859"), 2023: Decimal("20.983")}]
