"""`capex update --hk`: HKEXnews's title search as public scrapers describe it (see
importers/hkexnews.py), answered by a local server (CAPEX_HKEX_BASE_URL, tests only). The
stock id, titles and links below are the tests' own, not HKEXnews's."""

from __future__ import annotations

import json
from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

import pytest
from typer.testing import Result

from capexcli.errors import NetworkError
from capexcli.importers.hkexnews import parse_search
from tests.sec_server import FactsServer, Reply

Run = Callable[..., Result]
PREFIX = "/search/prefix.do"
SEARCH = "/search/titleSearchServlet.do"
LINK = "/listedco/listconews/sehk/2026/0401/test-ar-2025.pdf"


def jsonp(stocks: list[dict[str, object]]) -> Reply:
    body = "callback(" + json.dumps({"more": "1", "stockInfo": stocks}) + ");\n"
    return Reply(200, {"Content-Type": "text/javascript"}, body.encode())


def search(records: list[dict[str, str]] | None) -> Reply:
    answer = {
        "result": json.dumps(records) if records is not None else None,
        "hasNextRow": False,
        "rowRange": 100,
        "loadedRecord": len(records or []),
        "recordCnt": len(records or []),
    }
    return Reply(200, {"Content-Type": "application/json"}, json.dumps(answer).encode())


def record(title: str, when: str, link: str) -> dict[str, str]:
    return {"TITLE": title, "DATE_TIME": when, "FILE_LINK": link, "STOCK_CODE": "01024"}


@pytest.fixture
def hkex(server: FactsServer, monkeypatch: pytest.MonkeyPatch) -> FactsServer:
    monkeypatch.setenv("CAPEX_HKEX_BASE_URL", server.url)
    return server


def test_hk_finds_the_latest_annual_report(run: Run, hkex: FactsServer) -> None:
    hkex.script[PREFIX] = [jsonp([{"stockId": 424242, "code": "01024", "name": "TEST"}])] * 2
    hkex.script[SEARCH] = 2 * [
        search(
            [
                record("TEST ANNUAL REPORT 2024", "20/04/2025 16:30", LINK.replace("2025", "2024")),
                record("TEST ANNUAL REPORT 2025", "01/04/2026 17:00", LINK),
                record("TEST NOTICE", "02/04/2026 09:00", "/listedco/notice.htm"),
            ]
        )
    ]
    result = run("update", "kuaishou", "--hk", "--json")
    assert result.exit_code == 0, result.stderr
    (entry,) = json.loads(result.stdout)["hong_kong"]
    assert entry["latest_report"] == {
        "title": "TEST ANNUAL REPORT 2025",
        "published": "2026-04-01",
        "url": hkex.url + LINK,
    }
    prefix, query = (urlsplit(s.path) for s in hkex.seen[:2])
    assert parse_qs(prefix.query)["name"] == ["1024"]
    asked = parse_qs(query.query)
    # The stock's internal id, the annual-report category, from the first year not confirmed.
    assert (asked["stockId"], asked["t1code"], asked["t2code"]) == (
        ["424242"],
        ["40000"],
        ["40100"],
    )
    assert asked["fromDate"] == ["20200101"]
    table = run("update", "kuaishou", "--hk")
    assert f"\n  {hkex.url}{LINK}\n" in table.stdout
    assert "capex import report URL --company kuaishou --into" in table.stdout


def test_hk_with_nothing_found_or_an_odd_answer_says_so(run: Run, hkex: FactsServer) -> None:
    hkex.script[PREFIX] = [jsonp([{"stockId": 1, "code": "01024"}])] * 2
    hkex.script[SEARCH] = [search(None), Reply(200, {}, b"<html>maintenance</html>")]
    nothing = json.loads(run("update", "kuaishou", "--hk", "--json").stdout)["hong_kong"][0]
    assert nothing["latest_report"] is None
    assert nothing["search_note"] == "HKEXnews lists no annual report of 01024 since 2020-01-01"
    odd = run("update", "kuaishou", "--hk", "--json")
    assert odd.exit_code == 0
    note = json.loads(odd.stdout)["hong_kong"][0]["search_note"]
    assert "HKEXnews answered in a form capex does not read (not the title search's JSON)" in note


def test_hk_searches_hkexnews_only(run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CAPEX_HKEX_BASE_URL", raising=False)
    # No network in the tests: without the base, the address is HKEXnews's own, and the
    # fetch refuses nothing else; here it only must not be called (no company needs it).
    result = run(
        "update",
        "alphabet",
        "--facts",
        "tests/fixtures/sec/CIK0001652044-alphabet.json",
        "--hk",
        "--json",
    )
    assert result.exit_code == 0 and json.loads(result.stdout)["hong_kong"] == []


def test_parse_search_refuses_what_it_does_not_know() -> None:
    url = "https://www1.hkexnews.hk/search/titleSearchServlet.do"
    with pytest.raises(NetworkError, match="DATE_TIME"):
        parse_search(json.dumps({"result": json.dumps([record("x", "2026-04-01", LINK)])}), url)
    with pytest.raises(NetworkError, match="without FILE_LINK"):
        parse_search(json.dumps({"result": json.dumps([{"TITLE": "x"}])}), url)
    assert parse_search(json.dumps({"result": "null"}), url) == []
