"""`capex import sec`: reading a file, downloading from a local server, merging into a copy."""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from capexcli.store.loader import parse_dataset
from tests.sec_helpers import APPLE, DATA, IFRS, SNOWFLAKE, figure_table, msft_case
from tests.sec_server import FACTS_PATH, UA, FactsServer, Reply

Run = Callable[..., Result]


@pytest.fixture
def sec_env(server: FactsServer) -> dict[str, str | None]:
    return {"CAPEX_SEC_BASE_URL": server.url, "CAPEX_SEC_USER_AGENT": UA}


def one_line_error(result: Result) -> str:
    """A user error: exit 2, one line on stderr, no traceback, nothing on stdout."""
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr
    return result.stderr


# --------------------------------------------------------------------------------------------
# From a file
# --------------------------------------------------------------------------------------------


def test_file_to_toml_stub(run: Run) -> None:
    result = run("import", "sec", str(APPLE), "--years", "2023-2025")
    assert result.exit_code == 0, result.stderr
    dataset = parse_dataset("schema_version = 1\n" + result.stdout)
    (apple,) = dataset.companies
    assert (apple.id, apple.name, apple.currency, apple.fiscal_year_end) == (
        "apple-inc",
        "Apple Inc.",
        "USD",
        "09-30",
    )
    assert [y.fiscal_year for y in apple.years] == [2023, 2024, 2025]
    assert apple.years[0].capex is not None and apple.years[0].capex.value == 10959
    assert result.stdout.startswith("# capex import sec: Apple Inc. (CIK 320193)")


def test_file_to_json(run: Run) -> None:
    result = run("import", "sec", str(SNOWFLAKE), "--years", "2025", "--json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["schema_version"] == 1 and document["currency"] == "USD"
    assert document["fiscal_year_end"] == "01-31" and document["unit"] == "millions"
    capex = next(f for f in document["figures"] if f["field"] == "capex")
    assert capex == {
        "fiscal_year": 2025,
        "field": "capex",
        "value": 46.279,
        "currency": "USD",
        "period_start": "2024-02-01",
        "period_end": "2025-01-31",
        "tag": "us-gaap:PaymentsToAcquirePropertyPlantAndEquipment",
        "label": "Payments to Acquire Property, Plant, and Equipment",
        "form": "10-K",
        "filed": "2025-03-21",
        "accession": "0001640147-25-000052",
        "status": "confirmed",
        "source": "SEC XBRL company facts: 10-K filed 2025-03-21, accession "
        "0001640147-25-000052, tag us-gaap:PaymentsToAcquirePropertyPlantAndEquipment",
        "first_filed": "2025-03-21",
        "first_accession": "0001640147-25-000052",
        "versions": [],
    }
    assert {f["fiscal_year"] for f in document["figures"]} == {2025}


def test_ifrs_file_is_a_clear_error(run: Run) -> None:
    message = one_line_error(run("import", "sec", str(IFRS)))
    assert "no US-GAAP capex tag" in message and "ifrs-full (177 tags)" in message
    as_json = run("import", "sec", str(IFRS), "--json")
    assert as_json.exit_code == 2
    assert json.loads(as_json.stderr)["error"]["code"] == "sec_facts"


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], "give a company-facts FILE, or --cik"),
        ([str(APPLE), "--cik", "320193"], "give one of FILE, --cik, --ticker"),
        (["--cik", "abc"], "--cik 'abc': expected the SEC's Central Index Key"),
        (["--ticker", "AAPL"], "--ticker 'AAPL': not one of the dataset's SEC filers"),
        ([str(APPLE), "--years", "2025-2020"], "runs backwards"),
        ([str(APPLE), "--force"], "--force only applies with --into"),
        ([str(APPLE), "--into", "x.toml"], "--into needs --company ID"),
        ([str(APPLE), "--company", "Apple Inc"], "--company 'Apple Inc': an id is lowercase"),
        (["--cik", "320193", "--timeout", "0"], "--timeout 0: must be more than 0"),
        (["--cik", "320193", "--timeout", "inf"], "--timeout inf: must be more than 0"),
        (["--cik", "320193", "--timeout", "nan"], "--timeout nan: must be more than 0"),
        (["--cik", "320193", "--timeout", "3601"], "and at most 3600 (an hour)"),
        (["nope.json"], "nope.json: no such file"),
    ],
)
def test_option_errors(run: Run, args: list[str], expected: str) -> None:
    assert expected in one_line_error(run("import", "sec", *args))


# --------------------------------------------------------------------------------------------
# Downloading
# --------------------------------------------------------------------------------------------


def test_download_matches_the_file(
    run: Run, server: FactsServer, sec_env: dict[str, str | None]
) -> None:
    downloaded = run("import", "sec", "--cik", "320193", "--years", "2024-2025", env=sec_env)
    assert downloaded.exit_code == 0, downloaded.stderr
    from_file = run("import", "sec", str(APPLE), "--years", "2024-2025")
    assert downloaded.stdout.replace("(CIK 320193)", "") == from_file.stdout.replace(
        "(CIK 320193)", ""
    )
    (request,) = server.seen
    assert request.path == "/api/xbrl/companyfacts/CIK0000320193.json"
    assert request.headers["User-Agent"] == UA
    assert "gzip" in request.headers["Accept-Encoding"]  # and the answer was gzipped


def test_ticker_names_the_cik_and_an_unknown_cik_is_a_clear_error(
    run: Run, server: FactsServer, sec_env: dict[str, str | None]
) -> None:
    message = one_line_error(run("import", "sec", "--ticker", "msft", env=sec_env))
    assert "the SEC has no company facts for CIK 789019" in message and "HTTP 404" in message
    assert [s.path for s in server.seen] == ["/api/xbrl/companyfacts/CIK0000789019.json"]
    message = one_line_error(run("import", "sec", "--cik", "1", env=sec_env))
    assert "no company facts for CIK 1 " in message


def test_429_then_200_retries_and_keeps_to_ten_requests_a_second(
    run: Run, server: FactsServer, sec_env: dict[str, str | None]
) -> None:
    path = FACTS_PATH.format(1640147)
    server.script[path] = [Reply(429, {"Retry-After": "0"}), Reply(503, {"Retry-After": "0"})]
    result = run("import", "sec", "--cik", "1640147", "--years", "2025", env=sec_env)
    assert result.exit_code == 0, result.stderr
    assert "fiscal_year = 2025" in result.stdout
    assert len(server.seen) == 3
    gaps = [b.at - a.at for a, b in zip(server.seen, server.seen[1:], strict=False)]
    assert all(gap >= 0.09 for gap in gaps), gaps


def test_timeout_is_a_clear_error(
    run: Run, server: FactsServer, sec_env: dict[str, str | None]
) -> None:
    server.script[FACTS_PATH.format(320193)] = [Reply(200, body=b"{}", delay=5)]
    started = time.monotonic()
    result = run("import", "sec", "--cik", "320193", "--timeout", "0.5", env=sec_env)
    elapsed = time.monotonic() - started
    message = one_line_error(result)
    assert f"no answer from {server.url[7:]} within 0.5 s (--timeout)" in message
    assert elapsed < 3 and len(server.seen) == 1  # a timeout is not retried


@pytest.mark.parametrize(
    ("env_agent", "option", "expected"),
    [
        (None, [], "needs a User-Agent with your name and email"),
        ("  ", [], "needs a User-Agent with your name and email"),
        (None, ["--user-agent", "just a name"], "requires a name and an email address"),
        (None, ["--user-agent", "张三 z@example.com"], "printable ASCII only"),
    ],
)
def test_a_download_needs_a_user_agent(
    run: Run,
    server: FactsServer,
    sec_env: dict[str, str | None],
    env_agent: str | None,
    option: list[str],
    expected: str,
) -> None:
    env = {**sec_env, "CAPEX_SEC_USER_AGENT": env_agent}
    message = one_line_error(run("import", "sec", "--cik", "320193", *option, env=env))
    assert expected in message
    assert server.seen == []


def test_user_agent_option_beats_the_environment(
    run: Run, server: FactsServer, sec_env: dict[str, str | None]
) -> None:
    agent = "Jane Doe jane@example.com"
    result = run("import", "sec", "--cik", "1640147", "--user-agent", agent, env=sec_env)
    assert result.exit_code == 0, result.stderr
    assert server.seen[0].headers["User-Agent"] == agent


def test_a_bad_base_url_is_an_option_error(run: Run, sec_env: dict[str, str | None]) -> None:
    env = {**sec_env, "CAPEX_SEC_BASE_URL": "ftp://example.com"}
    assert "expected an http(s) URL" in one_line_error(run("import", "sec", "--cik", "1", env=env))


def test_a_download_that_is_not_company_facts(
    run: Run, server: FactsServer, sec_env: dict[str, str | None]
) -> None:
    server.script[FACTS_PATH.format(42)] = [Reply(200, body=b"<html>maintenance</html>")]
    message = one_line_error(run("import", "sec", "--cik", "42", env=sec_env))
    assert message.startswith("Error: CIK 42: not JSON")


# --------------------------------------------------------------------------------------------
# Merging into a data file
# --------------------------------------------------------------------------------------------


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "companies.toml"
    shutil.copyfile(DATA, target)
    return target


def test_into_merges_prints_every_change_and_writes_once(
    run: Run, tmp_path: Path, data_copy: Path
) -> None:
    _, document, expected = msft_case()
    facts = tmp_path / "msft.json"
    facts.write_text(json.dumps(document), encoding="utf-8")
    before = data_copy.read_bytes()
    args = ["import", "sec", str(facts), "--company", "MSFT", "--into", str(data_copy)]
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    for (fy, name), action in expected.items():
        prefix = f"microsoft FY{fy} {name}: "
        if action == "skipped":
            assert any(line.startswith(f"skipped {prefix}") for line in lines), (fy, name)
        elif action != "unchanged":
            assert any(line.startswith(prefix) for line in lines), (fy, name)
    new_year = max(fy for fy, _ in expected)
    assert f"microsoft FY{new_year} capex: (none) -> 150123.4" in lines
    assert lines[-1].startswith(f"{data_copy}: written (")
    after = parse_dataset(data_copy.read_text(encoding="utf-8"))
    old = figure_table(parse_dataset(before.decode("utf-8")))
    edited = {("microsoft", *k) for k, a in expected.items() if a not in ("unchanged", "skipped")}
    assert figure_table(after).keys() == old.keys() | edited
    assert sorted(p.name for p in tmp_path.iterdir()) == ["companies.toml", "msft.json"]
    # a second run finds nothing new and leaves the file alone
    written = data_copy.read_bytes()
    again = run(*args)
    assert again.exit_code == 0, again.stderr
    assert again.stdout.splitlines()[-1].startswith(f"{data_copy}: not changed (")
    assert data_copy.read_bytes() == written


def test_into_with_json_reports_the_changes(run: Run, tmp_path: Path, data_copy: Path) -> None:
    _, document, expected = msft_case()
    facts = tmp_path / "msft.json"
    facts.write_text(json.dumps(document), encoding="utf-8")
    args = ["--company", "microsoft", "--into", str(data_copy), "--force", "--json"]
    result = run("import", "sec", str(facts), *args)
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["into"] == str(data_copy) and report["written"] is True
    assert report["company"] == "microsoft"
    forced = {k: "changed" if a == "skipped" else a for k, a in expected.items()}
    assert {(c["fiscal_year"], c["field"]): c["action"] for c in report["changes"]} == forced


def test_into_errors_leave_the_file_alone(
    run: Run, server: FactsServer, sec_env: dict[str, str | None], data_copy: Path
) -> None:
    before = data_copy.read_bytes()
    into = ["--into", str(data_copy)]
    message = one_line_error(run("import", "sec", str(APPLE), "--company", "micrsoft", *into))
    assert "no company matches 'micrsoft'; did you mean: microsoft?" in message
    message = one_line_error(run("import", "sec", str(SNOWFLAKE), "--company", "alibaba", *into))
    assert "no annual figures in CNY" in message and "filed in USD" in message
    message = one_line_error(run("import", "sec", str(APPLE), "--company", "microsoft", *into))
    assert "no annual period ends within 7 days of the fiscal-year end 06-30" in message
    assert data_copy.read_bytes() == before
    # a broken data file stops the command before anything is downloaded
    data_copy.write_text("schema_version = 1\ncompanies = 3\n", encoding="utf-8")
    result = run("import", "sec", "--cik", "320193", "--company", "x", *into, env=sec_env)
    assert result.exit_code == 2 and server.seen == []


# --------------------------------------------------------------------------------------------
# Every filing's value: restatements become versions
# --------------------------------------------------------------------------------------------

APPLE_STUB = """schema_version = 1

[[fx]]
year = 2017
cny_per_usd = 6.75
status = "confirmed"
source = "test rate"

[[companies]]
id = "apple"
name = "Apple Inc."
name_zh = "苹果"
region = "US"
currency = "USD"
fiscal_year_end = "09-30"
"""


def test_a_restated_year_keeps_every_filings_value_as_versions(run: Run, tmp_path: Path) -> None:
    # Apple's FY2017 operating cash flow: 63,598 in the FY2017 10-K (2017-11-03), 64,225 in
    # the FY2018 10-K (2018-11-05) and again in the FY2019 10-K: the figure is 64,225, dated
    # by the first filing that gave it, and 63,598 is its version.
    into = tmp_path / "apple.toml"
    into.write_text(APPLE_STUB, encoding="utf-8")
    args = ["import", "sec", str(APPLE), "--company", "apple", "--into", str(into)]
    args += ["--years", "2017-2017"]
    first = run(*args)
    assert first.exit_code == 0, first.stderr
    ocf = parse_dataset(into.read_text(encoding="utf-8")).companies[0].years[0].operating_cash_flow
    assert ocf is not None and ocf.value == 64225
    assert ocf.date is not None and ocf.date.isoformat() == "2018-11-05"
    assert "accession 0000320193-18-000145" in (ocf.source or "")
    [version] = ocf.versions
    assert (version.value, version.date.isoformat() if version.date else None) == (
        63598,
        "2017-11-03",
    )
    assert "accession 0000320193-17-000070" in (version.source or "")
    # what capex sees as of a date between the two filings
    company = run("company", "apple", "--data", str(into), "--as-of", "2018-01-01", "--json")
    assert json.loads(company.stdout)["years"][0]["operating_cash_flow"] == 63598
    # importing the same file again changes nothing
    before = into.read_bytes()
    again = run(*args)
    assert again.exit_code == 0, again.stderr
    assert into.read_bytes() == before
    assert "not changed (5 unchanged)" in again.stdout + again.stderr
    assert "operating_cash_flow: (none) -> 64225 (earlier filings: 63598)" in first.stdout
    out = run("import", "sec", str(APPLE), "--years", "2017-2017", "--json")
    ocf = next(f for f in json.loads(out.stdout)["figures"] if f["field"] == "operating_cash_flow")
    assert (ocf["first_filed"], ocf["filed"]) == ("2018-11-05", "2019-10-31")
    assert ocf["versions"] == [
        {"value": 63598, "form": "10-K", "filed": "2017-11-03", "accession": "0000320193-17-000070"}
    ]
