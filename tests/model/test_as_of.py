"""Figures as filed by a date (--as-of), as first reported, and the checks on versions.

Every expected value is worked out by hand from tests/data/restated.toml, whose filings
disagree: usr capex FY2022 is 100 (10-K 2022, filed 2023-02-01), 90 (10-K 2023, 2024-02-01)
and 80 (10-K 2024, 2025-02-01); FX is 7.0 every year.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from capexcli.errors import DataValidationError, RequestError
from capexcli.model.as_of import parse_date, resolve
from capexcli.results import AsOf
from capexcli.store.loader import load, parse_dataset

Run = Callable[..., Result]

DATA_FILE = Path(__file__).parents[1] / "data" / "restated.toml"
CLAIMS_FILE = Path(__file__).parents[1] / "data" / "restated-claims.toml"
DATA = ("--data", str(DATA_FILE))


@pytest.fixture(autouse=True)
def _wide(monkeypatch: pytest.MonkeyPatch) -> None:
    # One line per footnote, so that a test can look one up whole.
    monkeypatch.setenv("COLUMNS", "1000")


def figures(date: str | None = None, first: bool = False) -> tuple[dict, AsOf]:
    """{(company, fiscal year, field): value} as of ``date``, and what resolve counted."""
    dataset = load(DATA_FILE).dataset
    as_of = AsOf(date=dt.date.fromisoformat(date) if date else None, first_reported=first)
    resolved, info = resolve(dataset, as_of)
    values = {
        (c.id, y.fiscal_year, f): y.value(f)
        for c in resolved.companies
        for y in c.years
        for f in ("capex", "operating_cash_flow")
        if y.figure(f) is not None
    }
    return values, info


def test_the_latest_filings_by_default() -> None:
    values, info = figures()
    assert values[("usr", 2022, "capex")] == 80
    assert info == AsOf()


def test_as_of_a_date_each_figure_is_its_last_version_filed_by_then() -> None:
    values, info = figures("2024-06-30")
    # 10-K 2023 (2024-02-01) restated FY2022 to 90; FY2024 was not filed yet.
    assert values == {
        ("usr", 2022, "capex"): 90,
        ("usr", 2022, "operating_cash_flow"): 300,
        ("usr", 2023, "capex"): 120,
        ("usr", 2023, "operating_cash_flow"): 400,
        ("cnr", 2022, "capex"): 70,
        ("cnr", 2022, "operating_cash_flow"): 350,
        ("cnr", 2023, "capex"): 84,
        ("cnr", 2023, "operating_cash_flow"): 420,
    }
    assert info.not_yet_filed == 4  # FY2024 capex and OCF of both companies
    assert info.guidance_left_out == 1  # the guidance of 2024-10-30 came later
    assert info.assumed_dates == 1  # usr OCF FY2022: a data site, no dated filing
    [moved] = info.restated_since
    assert (moved.company, moved.fiscal_year, moved.field, moved.value, moved.latest) == (
        "usr",
        2022,
        "capex",
        90,
        80,
    )
    assert (moved.latest_date, moved.latest_document) == (dt.date(2025, 2, 1), "10-K 2024")


def test_the_day_a_filing_comes_out_sees_it() -> None:
    values, _ = figures("2023-02-01")
    assert values == {("usr", 2022, "capex"): 100}


def test_an_undated_figure_counts_as_filed_four_months_after_its_period() -> None:
    # usr OCF FY2022 (period end 2022-12-31) names no dated filing: filed by 2023-04-30.
    assert ("usr", 2022, "operating_cash_flow") not in figures("2023-04-29")[0]
    assert figures("2023-04-30")[0][("usr", 2022, "operating_cash_flow")] == 300


def test_guidance_given_after_the_date_is_left_out() -> None:
    dataset = load(DATA_FILE).dataset
    before, info = resolve(dataset, AsOf(date=dt.date(2024, 10, 29)))
    assert before.companies[0].guidance == [] and info.guidance_left_out == 1
    after, info = resolve(dataset, AsOf(date=dt.date(2024, 10, 30)))
    assert len(after.companies[0].guidance) == 1 and info.guidance_left_out == 0


def test_first_reported_takes_each_figures_first_version() -> None:
    values, info = figures(first=True)
    assert values[("usr", 2022, "capex")] == 100
    assert values[("usr", 2024, "capex")] == 140  # never restated
    assert [(m.value, m.latest) for m in info.restated_since] == [(100, 80)]


def test_a_date_before_any_filing_is_an_error_that_names_the_first() -> None:
    with pytest.raises(RequestError, match="nothing in the data had been filed by 2022-01-01"):
        figures("2022-01-01")


def test_parse_date_says_how_to_write_one() -> None:
    assert parse_date(" 2025-08-01 ") == dt.date(2025, 8, 1)
    for text in ("2025-13-01", "01/08/2025", "article", ""):
        with pytest.raises(RequestError, match="YYYY-MM-DD"):
            parse_date(text)


# ------------------------------------------------------------------ checks on versions

VERSIONS = DATA_FILE.read_text(encoding="utf-8")
OLD = """versions = [
    { value = 100, document = "10-K 2022" },
    { value = 90, document = "10-K 2023", note = "net of proceeds" },
]"""


def problems_with(versions: str) -> list[str]:
    assert OLD in VERSIONS
    with pytest.raises(DataValidationError) as caught:
        parse_dataset(VERSIONS.replace(OLD, versions), "r.toml")
    return [p.render("r.toml") for p in caught.value.problems]


def test_versions_with_the_same_date_and_different_values_are_an_error() -> None:
    found = problems_with(
        'versions = [{ value = 100, document = "10-K 2022" }, '
        '{ value = 90, document = "10-K 2022" }]'
    )
    assert found == [
        "r.toml:66: companies[0].years[0].capex.versions[1].date: 2023-02-01 is also the date of "
        "the version before, with a different value (100): versions of a figure have distinct "
        "dates"
    ]


def test_versions_must_be_oldest_first_and_each_a_change() -> None:
    found = problems_with(
        'versions = [{ value = 90, document = "10-K 2023" }, '
        '{ value = 100, document = "10-K 2022" }]'
    )
    assert found[0].endswith(
        "versions[1].date: 2023-02-01 is before the version above it (2024-02-01): list "
        "versions oldest first"
    )
    found = problems_with(
        'versions = [{ value = 100, document = "10-K 2022" }, '
        '{ value = 100, date = 2023-06-01, source = "x", status = "aggregator" }]'
    )
    assert found[0].endswith(
        "versions[1].value: 100 repeats the version before it: a version records a value that "
        "a filing changed (cite the first filing that gave it)"
    )


def test_a_version_needs_a_date_and_a_confirmed_one_a_document() -> None:
    found = problems_with('versions = [{ value = 100, source = "somewhere" }]')
    assert found[0].endswith(
        "versions[0]: has no date: name a document that has a date, or give the version a date "
        "(when the filing that gave this value came out)"
    )
    found = problems_with('versions = [{ value = 100, date = 2023-02-01, source = "a site" }]')
    assert found[0].endswith(
        'versions[0].document: confirmed, but names no document: give it document = "KEY" '
        "(the filing it was read in), an accession number or URL in its source, or a status "
        "that says how sure it is"
    )
    # an aggregator's earlier value needs no document, only a date and a source
    problems_ok = VERSIONS.replace(
        OLD,
        'versions = [{ value = 100, date = 2023-02-01, status = "aggregator", source = "a site" }]',
    )
    parse_dataset(problems_ok, "r.toml")


def test_the_figures_own_filing_must_come_after_its_versions() -> None:
    found = problems_with(
        'versions = [{ value = 100, date = 2025-06-01, source = "x", status = "aggregator" }]'
    )
    assert found[0].endswith(
        "capex.document: filed 2025-02-01, not after its last version (2025-06-01): the "
        "figure's own value is its latest version"
    )


# ------------------------------------------------------------------ the commands


def test_company_as_of_marks_the_value_a_later_filing_restated(run: Run) -> None:
    result = run("company", "usr", "--as-of", "2024-06-30", *DATA)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert next(line for line in lines if line.startswith("2022")).split()[:2] == ["2022", "90†"]
    assert (
        "· † capex FY2022: 90 as of this date; 10-K 2024, filed 2025-02-01, restates it to 80 "
        "(-10, -11.1%)." in lines
    )
    assert (
        "· As of 2024-06-30: each figure as last filed on or before that date; 2 figures filed "
        "later left out; 1 value that a later filing restated; 1 guidance statement given later "
        "left out; 1 figure that names no dated filing taken as filed 4 months after its period "
        "ended (the annual report deadline)." in lines
    )


def test_company_by_default_lists_every_restatement_with_its_filings(run: Run) -> None:
    result = run("company", "usr", *DATA)
    lines = result.stdout.splitlines()
    assert next(line for line in lines if line.startswith("2022")).split()[:2] == ["2022", "80†"]
    assert (
        "· † capex FY2022: 80 (10-K 2024, filed 2025-02-01) restates 100 (10-K 2022, filed "
        "2023-02-01): -20, -20.0%." in lines
    )
    assert (
        "· † capex FY2022: 80 (10-K 2024, filed 2025-02-01) restates 90 (10-K 2023, filed "
        "2024-02-01): -10, -11.1%; net of proceeds." in lines
    )


def test_company_json_says_which_as_of_it_used(run: Run) -> None:
    out = json.loads(run("company", "usr", "--json", "--as-of", "2024-06-30", *DATA).stdout)
    assert out["as_of"]["date"] == "2024-06-30"
    assert out["years"][0]["capex"] == 90
    assert [v["value"] for v in out["years"][0]["versions"]["capex"]] == [100, 90]
    out = json.loads(run("company", "usr", "--json", *DATA).stdout)
    assert out["as_of"]["date"] is None and out["years"][0]["capex"] == 80
    out = json.loads(run("company", "usr", "--json", "--first-reported", *DATA).stdout)
    assert out["as_of"]["first_reported"] is True and out["years"][0]["capex"] == 100


def test_compare_as_of_recomputes_the_ratio_on_the_filings_of_then(run: Run) -> None:
    out = json.loads(run("compare", "--json", "--as-of", "2024-06-30", *DATA).stdout)
    assert [y["year"] for y in out["years"]] == [2022, 2023]
    # 2022: US 90 x 7.0 = 630 CNY against CN 70: 9.0; latest: 80 x 7 / 70 = 8.0
    assert out["years"][0]["us_to_cn_capex_ratio"] == 9.0
    latest = json.loads(run("compare", "--json", *DATA).stdout)
    assert latest["years"][0]["us_to_cn_capex_ratio"] == 8.0
    assert latest["as_of"]["date"] is None


def test_sources_lists_every_version_and_the_as_of(run: Run) -> None:
    rows = json.loads(run("sources", "usr", "--json", *DATA).stdout)
    capex = next(r for r in rows if r["fiscal_year"] == 2022 and r["field"] == "capex")
    assert [(v["value"], v["date"], v["latest"]) for v in capex["versions"]] == [
        (100, "2023-02-01", False),
        (90, "2024-02-01", False),
        (80, "2025-02-01", True),
    ]
    assert capex["as_of"] == "latest"
    rows = json.loads(run("sources", "usr", "--json", "--as-of", "2024-06-30", *DATA).stdout)
    capex = next(r for r in rows if r["fiscal_year"] == 2022 and r["field"] == "capex")
    assert (capex["value"], capex["as_of"], capex["filed"]) == (90, "2024-06-30", "2024-02-01")
    table = run("sources", "usr", *DATA).stdout
    assert (
        "· † usr capex FY2022, every filed version, latest first: 80 (10-K 2024, filed "
        "2025-02-01); 90 (10-K 2023, filed 2024-02-01); 100 (10-K 2022, filed 2023-02-01)."
    ) in table


def test_claims_as_of_article_uses_the_claims_files_date_and_lists_what_moved(run: Run) -> None:
    args = ("claims", "--claims", str(CLAIMS_FILE), *DATA)
    out = json.loads(run(*args, "--json", "--as-of", "article").stdout)
    assert out["as_of"]["date"] == "2023-06-30" and out["as_of"]["label"] == "article"
    [claim] = out["claims"]
    # as of 2023-06-30: 100 x 7 / 70 = 10.0 holds; latest 80 x 7 / 70 = 8.0 fails
    assert (claim["recomputed"], claim["verdict"]) == (10.0, "holds")
    assert claim["latest"] == {"recomputed": 8.0, "recomputed_range": None, "verdict": "fails"}
    assert claim["moved"] is True and out["moved"] == ["ratio-2022"]
    table = run(*args, "--as-of", "article").stdout
    assert "· Moved by the latest filings: ratio-2022 1:10.0 holds -> 1:8.0 fails." in table
    assert "As of 2023-06-30, the article's date:" in table
    detail = run(*args, "ratio-2022", "--as-of", "2024-06-30").stdout
    assert "Latest:     1:8.0, fails on the latest filings (this date: 1:9.0, close)" in detail
    plain = json.loads(run(*args, "--json").stdout)
    assert plain["claims"][0]["latest"] is None and plain["moved"] == []


@pytest.mark.parametrize("command", [("compare",), ("chart",), ("company", "usr"), ("sources",)])
def test_as_of_article_works_in_every_command_as_in_claims(
    run: Run, command: tuple[str, ...]
) -> None:
    """The claims file's `published` (2023-06-30 in restated-claims.toml) is what `article`
    stands for, whichever command is asked."""
    env = {"CAPEX_CLAIMS": str(CLAIMS_FILE)}
    article = run(*command, "--json", "--as-of", "article", *DATA, env=env)
    assert article.exit_code == 0, article.stderr
    dated = json.loads(run(*command, "--json", "--as-of", "2023-06-30", *DATA).stdout)
    shown = json.loads(article.stdout)
    first = shown[0] if isinstance(shown, list) else shown
    if isinstance(shown, dict):
        assert first["as_of"]["date"] == "2023-06-30" and first["as_of"]["label"] == "article"
        shown = {**shown, "as_of": None}
        dated = {**dated, "as_of": None}
    assert shown == dated


def test_as_of_article_without_a_published_date_is_a_clear_error(run: Run, tmp_path: Path) -> None:
    claims = tmp_path / "claims.toml"
    claims.write_text(CLAIMS_FILE.read_text(encoding="utf-8").replace("published", "#"), "utf-8")
    result = run("compare", "--as-of", "article", *DATA, env={"CAPEX_CLAIMS": str(claims)})
    assert result.exit_code == 2, result.stderr
    assert "the claims file gives no `published` date" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("company", "usr", "--as-of", "2025-13-01"), "--as-of '2025-13-01': not a date"),
        (("company", "usr", "--as-of", "2020-01-01"), "nothing in the data had been filed by"),
        (
            ("compare", "--as-of", "2024-01-01", "--first-reported"),
            "--as-of and --first-reported disagree",
        ),
        (("sources", "--as-of", "yesterday"), "--as-of 'yesterday': not a date"),
        (("chart", "--as-of", "2019-12-31"), "nothing in the data had been filed by 2019-12-31"),
    ],
)
def test_bad_as_of_exits_2_with_a_clear_message(
    run: Run, args: tuple[str, ...], message: str
) -> None:
    result = run(*args, *DATA)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
