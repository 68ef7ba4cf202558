"""capexcli.importers.sec.download against a hostile server on 127.0.0.1: one that drips its answer
a byte
at a time, one that redirects elsewhere, one that sends a gzip bomb."""

from __future__ import annotations

import contextlib
import gzip
import threading
import time
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from typer.testing import Result

from capexcli.errors import NetworkError
from capexcli.importers import sec
from capexcli.importers.sec import download
from tests.sec_helpers import SNOWFLAKE
from tests.sec_server import FACTS_PATH, UA, FactsServer, Reply

Respond = Callable[[BaseHTTPRequestHandler, threading.Event], None]
Start = Callable[[Respond], str]


@pytest.fixture
def hostile() -> Iterator[Start]:
    """Start a server on 127.0.0.1 that answers every GET with ``respond``; returns its URL.

    ``respond`` writes raw bytes to the handler's socket and must stop once the event is set:
    the servers are shut down, and the event set, after the test.
    """
    servers: list[tuple[ThreadingHTTPServer, threading.Event]] = []

    def start(respond: Respond) -> str:
        stop = threading.Event()

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                with contextlib.suppress(OSError):  # the client hung up, as it should
                    respond(self, stop)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        httpd.daemon_threads = True
        threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}).start()
        servers.append((httpd, stop))
        return f"http://127.0.0.1:{httpd.server_address[1]}"

    yield start
    for httpd, stop in servers:
        stop.set()
        httpd.shutdown()
        httpd.server_close()


def drip(head: bytes, body: bytes, every: float = 0.1, most: float = 4.0) -> Respond:
    """Send ``head`` (status line and headers; empty: drip those too) at once, then ``body``
    one byte every ``every`` seconds, for at most ``most`` seconds."""

    def respond(handler: BaseHTTPRequestHandler, stop: threading.Event) -> None:
        handler.wfile.write(head)
        give_up = time.monotonic() + most
        for byte in body:
            if stop.is_set() or time.monotonic() > give_up:
                return
            handler.wfile.write(bytes([byte]))
            stop.wait(every)

    return respond


def send(headers: dict[str, str], chunks: Callable[[], Iterator[bytes]]) -> Respond:
    def respond(handler: BaseHTTPRequestHandler, stop: threading.Event) -> None:
        handler.send_response(200)
        for name, value in headers.items():
            handler.send_header(name, value)
        handler.end_headers()
        for chunk in chunks():
            if stop.is_set():
                return
            handler.wfile.write(chunk)

    return respond


def fetch(url: str, **kw: Any) -> bytes:
    return sec.fetch_company_facts(1640147, user_agent=UA, base_url=url, **kw)


ANSWER = b'{"cik": 1640147, "facts": {}}'


# --------------------------------------------------------------------------------------------
# A deadline for the whole answer
# --------------------------------------------------------------------------------------------


def test_a_body_dripped_a_byte_at_a_time_ends_at_the_deadline(hostile: Start) -> None:
    head = b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % len(ANSWER)
    url = hostile(drip(head, ANSWER))  # all of it would take 3 s; no read waits over 0.1 s
    started = time.monotonic()
    with pytest.raises(NetworkError, match=r"still coming in after 1 s \(--timeout\)"):
        fetch(url, timeout=1, retries=2)
    assert 0.9 < time.monotonic() - started < 2.5  # and not retried


def test_headers_dripped_a_byte_at_a_time_end_at_the_deadline(hostile: Start) -> None:
    status = b"HTTP/1.1 200 OK\r\nX-Padding: " + b"x" * 60 + b"\r\n\r\n"
    url = hostile(drip(b"", status))
    started = time.monotonic()
    with pytest.raises(NetworkError, match=r"no answer from 127\.0\.0\.1:\d+ within 1 s"):
        fetch(url, timeout=1)
    assert time.monotonic() - started < 2.5


def test_a_dripping_server_is_a_clear_cli_error(hostile: Start, run: Callable[..., Result]) -> None:
    head = b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n" % len(ANSWER)
    env = {"CAPEX_SEC_BASE_URL": hostile(drip(head, ANSWER)), "CAPEX_SEC_USER_AGENT": UA}
    result = run("import", "sec", "--cik", "1640147", "--timeout", "0.5", env=env)
    assert result.exit_code == 2, result.stderr
    assert result.stderr.startswith("Error: http://127.0.0.1:")
    assert "still coming in after 0.5 s (--timeout)" in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_a_fast_answer_is_not_cut_by_the_deadline(server: FactsServer) -> None:
    body = fetch(server.url, timeout=5)
    assert body == SNOWFLAKE.read_bytes()


# --------------------------------------------------------------------------------------------
# Redirects: only to the SEC, over HTTPS
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "location",
    [
        "http://127.0.0.1:9/elsewhere",
        "/api/xbrl/companyfacts/CIK0000320193.json",  # the same server: not the SEC either
        "https://evil.example/facts.json",
        "http://data.sec.gov/api/xbrl/companyfacts/CIK0001640147.json",
        "https://data.sec.gov.evil.example/",
        "https://data.sec.gov@evil.example/",
        "ftp://www.sec.gov/facts.json",
        "https://evil.example[/",  # urllib itself cannot parse it
    ],
)
def test_a_redirect_off_the_sec_is_refused(server: FactsServer, location: str) -> None:
    path = FACTS_PATH.format(1640147)
    server.script[path] = [Reply(302, {"Location": location})]
    with pytest.raises(NetworkError, match=r"HTTP 302 redirects to .*; refused") as caught:
        fetch(server.url)
    assert "follows redirects only to the SEC" in caught.value.message
    assert [seen.path for seen in server.seen] == [path]


@pytest.mark.parametrize("status", [301, 303, 307, 308])
def test_every_kind_of_redirect_is_checked(server: FactsServer, status: int) -> None:
    server.script[FACTS_PATH.format(1640147)] = [Reply(status, {"Location": "/elsewhere"})]
    with pytest.raises(NetworkError, match=rf"HTTP {status} redirects to /elsewhere; refused"):
        fetch(server.url)
    assert len(server.seen) == 1


def test_a_redirect_location_is_shown_on_one_line(server: FactsServer) -> None:
    server.script[FACTS_PATH.format(1640147)] = [Reply(301, {"Location": "https://x\x1b[2J/"})]
    with pytest.raises(NetworkError) as caught:
        fetch(server.url)
    assert "\x1b" not in caught.value.message and "https://x\\x1b[2J/" in caught.value.message


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://data.sec.gov/api/xbrl/companyfacts/CIK0000320193.json", True),
        ("https://www.sec.gov/files/company_tickers.json", True),
        ("https://DATA.SEC.GOV:443/x", True),
        ("https://data.sec.gov:8443/x", False),
        ("https://data.sec.gov:bad/x", False),
        ("https://user:pw@data.sec.gov/x", False),
        ("https://sec.gov/x", False),
        ("http://www.sec.gov/x", False),
    ],
)
def test_redirect_allowed(url: str, allowed: bool) -> None:
    assert download.redirect_allowed(url) is allowed


# --------------------------------------------------------------------------------------------
# The size cap, after decompression
# --------------------------------------------------------------------------------------------

MIB = 2**20


def bomb(megabytes: int) -> Iterator[bytes]:
    """A gzip stream of ``megabytes`` MiB of zeros, made a MiB at a time (~1 KiB each)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    zeros = bytes(MIB)
    for _ in range(megabytes):
        yield packer.compress(zeros)
    yield packer.flush()


def test_a_gzip_bomb_is_refused_without_being_decompressed(hostile: Start) -> None:
    compressed = b"".join(bomb(64))
    assert len(compressed) < 100_000
    url = hostile(send({"Content-Encoding": "gzip"}, lambda: iter([compressed])))
    tracemalloc.start()
    try:
        with pytest.raises(NetworkError, match=r"answer larger than 1 MiB; not company facts"):
            fetch(url, max_bytes=MIB)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * MIB  # 64 MiB decompressed would have been far more


def test_the_default_cap_applies_to_the_cli(
    hostile: Start, run: Callable[..., Result], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(download, "MAX_DOCUMENT_BYTES", MIB)
    url = hostile(send({"Content-Encoding": "gzip"}, lambda: bomb(8)))
    env = {"CAPEX_SEC_BASE_URL": url, "CAPEX_SEC_USER_AGENT": UA}
    result = run("import", "sec", "--cik", "1640147", env=env)
    assert result.exit_code == 2 and "answer larger than 1 MiB" in result.stderr, result.stderr


def test_an_uncompressed_answer_over_the_cap_is_refused(hostile: Start) -> None:
    url = hostile(send({}, lambda: iter([b" " * 65536] * 40)))  # no length: read to the end
    with pytest.raises(NetworkError, match=r"answer larger than 1 MiB"):
        fetch(url, max_bytes=MIB)


def test_an_answer_at_the_cap_is_taken(hostile: Start) -> None:
    body = ANSWER + b" " * (MIB - len(ANSWER))
    compressed = gzip.compress(body)
    url = hostile(send({"Content-Encoding": "gzip"}, lambda: iter([compressed])))
    assert fetch(url, max_bytes=MIB) == body


def test_a_gzip_answer_cut_short_is_an_error(hostile: Start) -> None:
    compressed = gzip.compress(ANSWER * 100)
    url = hostile(send({"Content-Encoding": "gzip"}, lambda: iter([compressed[:-20]])))
    with pytest.raises(NetworkError, match=r"cannot download .*IncompleteRead"):
        fetch(url, retries=0)


def test_a_garbled_status_line_is_one_clean_line(hostile: Start) -> None:
    def respond(handler: BaseHTTPRequestHandler, stop: threading.Event) -> None:
        handler.wfile.write(b"HTTP/1.1 099 \x1b[31mWeird\r\n\r\n")

    with pytest.raises(NetworkError) as caught:
        fetch(hostile(respond), retries=0)
    message = caught.value.message
    assert message.endswith(": HTTP/1.1 099 \\x1b[31mWeird") and "\n" not in message
