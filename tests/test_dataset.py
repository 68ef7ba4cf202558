"""The shipped dataset: it loads, it covers what the article needs, and sums match the file."""

from __future__ import annotations

import re
import tomllib

import pytest

from capexcli.compute.comparison import compare
from capexcli.model.checks import check_dataset, lint_dataset
from capexcli.model.records import FIGURE_FIELDS, Dataset
from capexcli.store.loader import load
from tests.conftest import REPO

SHIPPED = REPO / "data" / "companies.toml"


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return load(SHIPPED).dataset


@pytest.fixture(scope="module")
def raw() -> dict:
    # Read with the standard library, not the loader, so the expected values come from the file
    # itself rather than from the code under test.
    return tomllib.loads(SHIPPED.read_text(encoding="utf-8"))


def test_the_eleven_companies_of_the_article(dataset: Dataset) -> None:
    regions = {c.id: c.region for c in dataset.companies}
    assert regions == {
        "microsoft": "US",
        "alphabet": "US",
        "meta": "US",
        "amazon": "US",
        "tencent": "CN",
        "alibaba": "CN",
        "baidu": "CN",
        "jd": "CN",
        "kuaishou": "CN",
        "meituan": "CN",
        "netease": "CN",
    }


def test_fiscal_year_ends(dataset: Dataset) -> None:
    ends = {c.id: c.fiscal_year_end for c in dataset.companies}
    assert ends["microsoft"] == "06-30"
    assert ends["alibaba"] == "03-31"
    assert {ends[c] for c in ends if c not in ("microsoft", "alibaba")} == {"12-31"}


def test_currencies_follow_region(dataset: Dataset) -> None:
    for company in dataset.companies:
        assert company.currency == ("USD" if company.region == "US" else "CNY"), company.id


def test_every_company_has_the_articles_five_years(dataset: Dataset) -> None:
    # The article's span is 2020-2024; 2025 is filled in as annual reports are found. A year
    # with no figure at all must say why in its note.
    for company in dataset.companies:
        years = {y.fiscal_year: y for y in company.years}
        assert set(range(2020, 2025)) <= years.keys(), company.id
        for fy, year in years.items():
            if not any(year.figure(f) is not None for f in FIGURE_FIELDS):
                assert year.note, (company.id, fy)


def test_fx_for_every_comparison_year(dataset: Dataset) -> None:
    assert {r.year for r in dataset.fx} >= set(range(2020, 2026))


def test_every_figure_has_status_and_source(raw: dict) -> None:
    fields = ("capex", "operating_cash_flow", "buybacks", "dividends", "debt_repayment")
    for company in raw["companies"]:
        for year in company["years"]:
            for field in fields:
                if field not in year:
                    continue
                figure = year[field]
                where = f"{company['id']} FY{year['fiscal_year']} {field}"
                assert figure.get("status", year.get("status")), where
                own = figure.get("source") or figure.get("document")
                assert own or year.get("source") or year.get("document"), where


def test_us_capex_2024_in_usd_is_the_sum_of_the_four_filings(dataset: Dataset, raw: dict) -> None:
    # Majority alignment: Microsoft's FY2024 (July 2023 - June 2024) counts as 2024; the other
    # three report calendar years.
    def capex(company_id: str, fiscal_year: int) -> int:
        company = next(c for c in raw["companies"] if c["id"] == company_id)
        year = next(y for y in company["years"] if y["fiscal_year"] == fiscal_year)
        return year["capex"]["value"]

    expected = sum(capex(c, 2024) for c in ("microsoft", "alphabet", "meta", "amazon"))
    assert expected == 44_477 + 52_535 + 37_256 + 82_999

    result = compare(dataset, currency="USD", years=(2024, 2024))
    assert result.years[0].us.capex == expected


def test_alibaba_fy2025_counts_in_2024(dataset: Dataset, raw: dict) -> None:
    alibaba = next(c for c in raw["companies"] if c["id"] == "alibaba")
    fy2025 = next(y for y in alibaba["years"] if y["fiscal_year"] == 2025)
    fy2024 = next(y for y in alibaba["years"] if y["fiscal_year"] == 2024)

    majority = compare(dataset, currency="CNY", years=(2024, 2024), align="majority")
    label = compare(dataset, currency="CNY", years=(2024, 2024), align="label")
    difference = majority.years[0].cn.capex - label.years[0].cn.capex
    assert difference == fy2025["capex"]["value"] - fy2024["capex"]["value"]


# --- Data quality: what can be checked without opening the sources --------------------------


def _figures(raw: dict):
    fields = ("capex", "operating_cash_flow", "buybacks", "dividends", "debt_repayment")
    for company in raw["companies"]:
        for year in company["years"]:
            for field in fields:
                if field in year:
                    figure = year[field]
                    status = figure.get("status", year.get("status"))
                    yield company, year, field, figure, status


def test_period_ends_match_the_fiscal_year_end(raw: dict) -> None:
    for company in raw["companies"]:
        month, day = map(int, company["fiscal_year_end"].split("-"))
        for year in company["years"]:
            end = year["period_end"]
            assert (end.year, end.month, end.day) == (year["fiscal_year"], month, day), (
                company["id"],
                year["fiscal_year"],
            )


def test_fiscal_years_have_no_gaps(raw: dict) -> None:
    for company in raw["companies"]:
        years = sorted(y["fiscal_year"] for y in company["years"])
        assert years == list(range(years[0], years[-1] + 1)), company["id"]


# Figures this test flags that nobody has been able to check yet; each is shipped as
# unconfirmed with a note, and leaves this list when its filing is read.
IMPLAUSIBLE = {
    # capex 15,820 (stoxray, definition unknown) is nearly twice OCF 8,475
    ("meituan", 2020),
}


def test_capex_and_ocf_are_plausible(raw: dict) -> None:
    """Bounds wide enough for every real year of these companies, narrow enough to catch a
    figure typed in thousands or billions instead of millions, or a misplaced digit."""
    for company in raw["companies"]:
        low, high = (1_000, 400_000) if company["currency"] == "USD" else (500, 400_000)
        previous = None
        for year in sorted(company["years"], key=lambda y: y["fiscal_year"]):
            where = (company["id"], year["fiscal_year"])
            capex = year.get("capex", {}).get("value")
            ocf = year.get("operating_cash_flow", {}).get("value")
            if capex is not None:
                assert low <= capex <= high, where
                if previous:
                    # Tencent 2024 (x3.2) and Alibaba FY2025 (x2.7) are the largest real jumps.
                    assert 0.25 <= capex / previous <= 4, where
            if ocf is not None:
                assert -high <= ocf <= 2 * high, where
            if capex is not None and ocf is not None and ocf > 0:
                if where in IMPLAUSIBLE:
                    # Shipped only because nothing better was found: it must say so.
                    assert year["capex"].get("status") == "unconfirmed", where
                    continue
                # Amazon spent more than its operating cash flow in 2021-2022 (x1.3); Alibaba's
                # FY2026 free cash flow was an outflow of about RMB 46B (x1.65).
                assert 0.02 <= capex / ocf <= (1.7 if where == ("alibaba", 2026) else 1.5), where
            previous = capex


def test_each_status_carries_what_it_promises(raw: dict) -> None:
    for company, year, field, figure, status in _figures(raw):
        where = (company["id"], year["fiscal_year"], field)
        source = figure.get("source", year.get("source", ""))
        note = figure.get("note", "") + " " + year.get("note", "")
        if status == "derived":
            assert "=" in note, f"{where}: a derived figure shows its arithmetic"
        if status == "unconfirmed":
            assert note.strip(), f"{where}: an unconfirmed figure says why"
        if status == "aggregator":
            assert source, f"{where}: an aggregator figure names the aggregator"
        if status == "confirmed":
            assert figure.get("document", year.get("document")), f"{where}: names its document"


def _sum_shown(note: str) -> tuple[float, float] | None:
    """``"9,889 (short-term) + 34,116 (long-term) = 44,005"`` -> (44005, 44005)."""
    if "=" not in note:
        return None
    left, right = note.split("=", 1)
    left = re.sub(r"\([^)]*\)", "", left)
    if not re.fullmatch(r"[\d,.\s+-]+", left):
        return None  # not a plain sum: products and quotients are read by people
    terms = re.findall(r"([+-]?)\s*(\d[\d,]*(?:\.\d+)?)", left)
    total = sum(float(n.replace(",", "")) * (-1 if sign == "-" else 1) for sign, n in terms)
    stated = re.match(r"\s*(\d[\d,]*(?:\.\d+)?)", right)
    assert stated, note
    return total, float(stated[1].replace(",", ""))


def test_derived_sums_add_up(raw: dict) -> None:
    checked = 0
    for company, year, field, figure, status in _figures(raw):
        if status != "derived":
            continue
        shown = _sum_shown(figure.get("note", ""))
        if shown is None:
            continue
        total, stated = shown
        assert total == stated == figure["value"], (company["id"], year["fiscal_year"], field)
        checked += 1
    # Tencent's debt repayment 2023 and 2024 at least (the article's "1681亿").
    assert checked >= 2


# --- What a reader can check -----------------------------------------------------------------


def test_every_confirmed_figure_names_a_document_with_an_identifier(dataset: Dataset) -> None:
    # lint_dataset is what `capex validate --strict` fails on; the shipped file must pass it.
    assert lint_dataset(dataset) == []
    documents = {(c.id, d.id): d for c in dataset.companies for d in c.documents}
    confirmed = 0
    for company in dataset.companies:
        for year in company.years:
            for field in FIGURE_FIELDS:
                if year.status_of(field) != "confirmed":
                    continue
                document = documents[(company.id, year.document_of(field))]
                assert document.identifier(), (company.id, year.fiscal_year, field)
                confirmed += 1
    assert confirmed >= 140


def test_every_company_states_one_capex_basis_for_all_its_years(dataset: Dataset) -> None:
    assert check_dataset(dataset) == []
    for company in dataset.companies:
        assert company.capex_basis is not None, company.id
        for year in company.years:
            if year.capex is not None:
                assert year.capex.basis in (None, company.capex_basis.id), company.id


def test_shares_confirmed_meet_the_goal(dataset: Dataset) -> None:
    # The goal of the data work: nearly every US figure, and two thirds of all, from the
    # companies' own filings.
    def share(companies: list) -> float:
        statuses = [
            y.status_of(f)
            for c in companies
            for y in c.years
            for f in FIGURE_FIELDS
            if y.figure(f) is not None
        ]
        return statuses.count("confirmed") / len(statuses)

    us = [c for c in dataset.companies if c.region == "US"]
    assert share(us) >= 0.95
    assert share(dataset.companies) >= 0.65


# Words that point to material a reader does not have: working notes, recollections, tracker
# issues. Public documents only.
PRIVATE = re.compile(
    r"research[ -]?notes?|\brecall|research-[a-z0-9-]+\.md|(?<!README)\.md\b|\bissue\s*#?\d|\[P\d\]"
    r"|search index id|helper",
    re.IGNORECASE,
)


def test_no_source_note_or_comment_points_to_private_material() -> None:
    for number, line in enumerate(SHIPPED.read_text(encoding="utf-8").splitlines(), start=1):
        assert not PRIVATE.search(line), f"companies.toml:{number}: {line[:120]}"


def test_a_figure_with_a_long_note_is_a_sub_table() -> None:
    # Inline tables must fit on one line (TOML forbids breaking them), so a figure with a long
    # source or note is written as [companies.years.FIELD], where it stays readable.
    figure = re.compile(r"^(capex|operating_cash_flow|buybacks|dividends|debt_repayment)\w* = \{")
    for number, line in enumerate(SHIPPED.read_text(encoding="utf-8").splitlines(), start=1):
        if figure.match(line):
            assert len(line) <= 200, f"companies.toml:{number}: {len(line)} characters"
