"""Issue #26 item 8: `import report` reads the issuer's names and stock code from the cover,
the same in the stub, the citation and the JSON; and a statement's unit in whatever currency
it prints, written as its ISO code."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from capexcli.importers.report.cover import cover_issuer
from capexcli.importers.report.currency import iso
from capexcli.importers.report.statement import find_unit
from tests.importers.test_report import STATEMENT
from tests.pdf_helpers import text_pdf, write

HKEX = Path(__file__).parents[1] / "fixtures" / "hkex"
CAPITAL_VC = HKEX / "02324-capital-vc-annual-report-2020-21.pdf"
WISDOM = HKEX / "06068-wisdom-education-annual-report-2021.pdf"
Run = Callable[..., Result]


def test_the_cover_names_the_issuer_not_a_sentence_about_another_name() -> None:
    # The cover of 02324 as printed (p. 1): the bracketed sentence names "CNI VC Limited".
    cover = [
        "CAPITAL VC LIMITED",
        "首都創投有限公司",
        "(Incorporated in the Cayman Islands with limited liability",
        "and carrying on business in Hong Kong as CNI VC Limited)",
        "(於開曼群島註冊成立之有限公司",
        "並以 CNI VC Limited 名稱在香港經營業務)",
        "Stock Code 股份代號 : 02324",
        "Annual Report",
    ]
    found = cover_issuer([cover])
    assert (found.name, found.name_zh, found.stock_code) == (
        "CAPITAL VC LIMITED",
        "首都創投有限公司",
        "02324",
    )
    assert cover_issuer([["Annual Report 2021"]]).name is None


@pytest.mark.parametrize(
    ("pdf", "name", "name_zh", "code"),
    [
        (CAPITAL_VC, "CAPITAL VC LIMITED", "首都創投有限公司", "02324"),
        (
            WISDOM,
            "Wisdom Education International Holdings Company Limited",
            "光正教育國際控股有限公司",
            "06068",
        ),
    ],
)
def test_stub_and_json_name_the_issuer_as_the_cover_does(
    run: Run, pdf: Path, name: str, name_zh: str, code: str
) -> None:
    stub = run("import", "report", str(pdf))
    assert stub.exit_code == 0, stub.stderr
    assert f'name = "{name}"\nname_zh = "{name_zh}"\n' in stub.stdout
    assert f'stock_code = "{code}"' in stub.stdout
    assert f"# Issuer: {name} / {name_zh}; HKEX stock code: {code}\n" in stub.stdout
    document = json.loads(run("import", "report", str(pdf), "--json").stdout)["document"]
    assert (document["issuer"], document["issuer_zh"], document["stock_code"]) == (
        name,
        name_zh,
        code,
    )
    assert document["title"].startswith(f"{name} Annual Report 2021")
    # What it lacks is said as it is: a stock code was found, a date was not.
    assert "names no URL, nor a date (it has stock code" in stub.stdout
    assert "nor a stock code" not in stub.stdout


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("RMB'000 RMB'000", ("CNY", 1000)),
        ("HK$'000 HK$'000", ("HKD", 1000)),
        ("US$'000", ("USD", 1000)),
        ("S$'000 S$'000", ("SGD", 1000)),
        ("RM'000 RM'000", ("MYR", 1000)),
        ("NT$'000", ("TWD", 1000)),
        ("NT$ million", ("TWD", 1_000_000)),
        ("JPY million JPY million", ("JPY", 1_000_000)),
        ("百萬日圓", ("JPY", 1_000_000)),
        ("€'000 €'000", ("EUR", 1000)),
        ("£'000", ("GBP", 1000)),
        ("In thousands of SGD", ("SGD", 1000)),
        ("千新台幣 千新台幣", ("TWD", 1000)),
        ("人民幣百萬元", ("CNY", 1_000_000)),
        ("千令吉", ("MYR", 1000)),
        ("S$ S$", ("SGD", 1)),
        ("RM RM", ("MYR", 1)),
        ("Note RMB'Million RMB'Million", ("CNY", 1_000_000)),
    ],
)
def test_a_unit_in_any_currency_reads_as_its_iso_code(
    printed: str, expected: tuple[str, int]
) -> None:
    found = find_unit([printed])
    assert found is not None and (found.currency, found.scale) == expected


def test_iso_codes_of_printed_currencies() -> None:
    # A bare ¥ is not read: Chinese issuers print it for renminbi, Japanese ones for yen.
    assert [iso(t) for t in ("HK$", "人民幣", "S$", "RM", "NT$", "€", "£", "円", "¥", "XX")] == [
        "HKD",
        "CNY",
        "SGD",
        "MYR",
        "TWD",
        "EUR",
        "GBP",
        "JPY",
        None,
        None,
    ]


def test_a_bare_yen_sign_is_no_unit_capex_guesses() -> None:
    assert find_unit(["¥'000 ¥'000"]) is None


def test_a_singapore_dollar_statement_reads_in_sgd(run: Run, tmp_path: Path) -> None:
    """A written statement in S$'000: the figures come out in SGD millions, ISO-coded."""
    cover = ["EXAMPLE HOLDINGS LIMITED", "(incorporated in Bermuda)", "Stock Code: 1234"]
    # The written statement of test_report.py, in Singapore dollars.
    statement = [line.replace("RMB'000", "S$'000") for line in STATEMENT]
    pdf = write(tmp_path / "sgd.pdf", text_pdf([cover, statement]))
    result = json.loads(run("import", "report", str(pdf), "--json").stdout)
    assert result["currency"] == "SGD" and result["statement"]["currency"] == "SGD"
    assert result["statement"]["scale"] == 1000
    capex = {f["fiscal_year"]: f["value"] for f in result["figures"] if f["field"] == "capex"}
    # S$62,927 thousand = S$62.927 million, an outflow made positive
    assert capex == {2024: 62.927, 2023: 21.008}
    assert result["document"]["issuer"] == "EXAMPLE HOLDINGS LIMITED"
    assert result["document"]["stock_code"] == "01234"
