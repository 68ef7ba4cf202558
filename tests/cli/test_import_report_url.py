"""`capex import report URL`: a PDF downloaded from HKEXnews only (https, its hosts, no
redirect elsewhere, size and time limits), read as the saved file is; against a local server
(CAPEX_HKEX_BASE_URL, for the tests only)."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from typer.testing import Result

from capexcli.errors import NetworkError
from capexcli.importers.report.download import fetch_report
from tests.conftest import TESTS
from tests.sec_server import FactsServer, Reply

Run = Callable[..., Result]
WISDOM = TESTS / "fixtures" / "hkex" / "06068-wisdom-education-annual-report-2021.pdf"
PATH = "/listedco/listconews/sehk/2022/0420/2022042000512.pdf"


def pdf_reply(body: bytes) -> Reply:
    return Reply(200, {"Content-Type": "application/pdf"}, body)


@pytest.mark.parametrize(
    "address",
    [
        "https://example.com/report.pdf",
        "http://www1.hkexnews.hk/listedco/report.pdf",  # not https
        "https://www1.hkexnews.hk.evil.example/report.pdf",
        "https://www1.hkexnews.hk@evil.example/report.pdf",
        "https://www1.hkexnews.hk:8443/report.pdf",
    ],
)
def test_an_address_off_hkexnews_is_refused_before_any_request(run: Run, address: str) -> None:
    result = run("import", "report", address)
    assert result.exit_code == 2
    assert "only from HKEXnews over https" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_downloaded_report_reads_as_the_saved_file(
    run: Run, server: FactsServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CAPEX_HKEX_BASE_URL", server.url)
    server.script[PATH] = [pdf_reply(WISDOM.read_bytes())]
    address = server.url + PATH
    downloaded = run("import", "report", address, "--json")
    assert downloaded.exit_code == 0, downloaded.stderr
    saved = run("import", "report", str(WISDOM), "--url", address, "--json")
    got, want = json.loads(downloaded.stdout), json.loads(saved.stdout)
    assert got["file"] == "2022042000512.pdf"
    assert got["document"]["url"] == address
    for key in ("figures", "lines", "currency", "warnings"):
        assert got.get(key) == want.get(key), key
    assert [s.path for s in server.seen] == [PATH]


def test_a_redirect_off_hkexnews_is_refused(
    run: Run, server: FactsServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CAPEX_HKEX_BASE_URL", server.url)
    server.script[PATH] = [Reply(302, {"Location": "https://evil.example/report.pdf"})]
    result = run("import", "report", server.url + PATH)
    assert result.exit_code == 2
    assert "redirects to https://evil.example/report.pdf; refused" in result.stderr


def test_an_answer_that_is_not_a_pdf_is_refused(
    run: Run, server: FactsServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CAPEX_HKEX_BASE_URL", server.url)
    server.script[PATH] = [Reply(200, {"Content-Type": "text/html"}, b"<html>busy</html>")]
    result = run("import", "report", server.url + PATH)
    assert result.exit_code == 2 and "not a PDF" in result.stderr


def test_size_and_time_limits(server: FactsServer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAPEX_HKEX_BASE_URL", server.url)
    server.script[PATH] = [pdf_reply(b"%PDF-1.4\n" + b"0" * 5000)]
    with pytest.raises(NetworkError, match=r"larger than 4,096 bytes; not a report"):
        fetch_report(server.url + PATH, max_bytes=4096)
    server.script[PATH] = [Reply(200, {}, b"%PDF-1.4\n", delay=2.0)]
    with pytest.raises(NetworkError, match=r"within 0\.3 s"):
        fetch_report(server.url + PATH, timeout=0.3)


def test_the_stub_names_the_downloaded_file(
    run: Run, server: FactsServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CAPEX_HKEX_BASE_URL", server.url)
    server.script[PATH] = [pdf_reply(WISDOM.read_bytes())]
    result = run("import", "report", server.url + PATH)
    assert result.exit_code == 0, result.stderr
    assert "# capex import report: 2022042000512.pdf:" in result.stdout
