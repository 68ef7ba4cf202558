"""capexcli.importers.sec.download: back-off, Retry-After, network errors and the rate limiter,
against a
local server (tests/sec_server.py). The CLI's download options are tested in test_cli_import."""

from __future__ import annotations

import json
import time

import pytest

from capexcli.errors import NetworkError
from capexcli.importers import sec
from capexcli.importers.sec import download
from tests.sec_server import FACTS_PATH, UA, FactsServer, Reply


def test_5xx_retries_with_doubling_back_off_then_gives_up(
    server: FactsServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The rate limiter sleeps through the same function; a limiter delay that rounded to
    # 0.01 once passed for a back-off and failed this test in CI. Here the limiter is idle, so
    # every sleep recorded is a back-off.
    class Idle:
        def wait(self, sleep: object) -> None:
            return None

    monkeypatch.setattr(download, "_LIMITER", Idle())
    path = FACTS_PATH.format(1640147)
    server.script[path] = [Reply(500), Reply(502)]
    sleeps: list[float] = []

    def sleep(seconds: float) -> None:
        sleeps.append(round(seconds, 3))
        time.sleep(seconds)

    body = sec.fetch_company_facts(
        1640147, user_agent=UA, base_url=server.url, retries=2, backoff=0.01, sleep=sleep
    )
    assert json.loads(body)["entityName"] == "SNOWFLAKE INC."
    assert sleeps == [0.01, 0.02]

    server.script[path] = [Reply(503), Reply(503)]
    with pytest.raises(NetworkError, match=r"HTTP 503 Service Unavailable, still after 2 tries"):
        sec.fetch_company_facts(1640147, user_agent=UA, base_url=server.url, retries=1, backoff=0)


def test_a_long_retry_after_is_reported_not_waited_for(server: FactsServer) -> None:
    server.script[FACTS_PATH.format(1640147)] = [Reply(429, {"Retry-After": "600"})]
    with pytest.raises(NetworkError, match="asks to wait 600 s"):
        sec.fetch_company_facts(1640147, user_agent=UA, base_url=server.url)
    assert len(server.seen) == 1


def test_an_unreachable_server_is_a_network_error() -> None:
    with pytest.raises(NetworkError, match=r"cannot download http://127\.0\.0\.1:9/"):
        sec.fetch_company_facts(1, user_agent=UA, base_url="http://127.0.0.1:9", retries=0)


def test_the_rate_limiter_spaces_request_starts() -> None:
    # SEC asks for at most 10 requests a second: back-to-back calls wait 0.1 s, then 0.2 s.
    limiter = download._RateLimiter(10)
    delays: list[float] = []
    for _ in range(3):
        limiter.wait(delays.append)  # records the delay instead of sleeping it
    assert len(delays) == 2
    assert delays[0] == pytest.approx(0.1, abs=0.02)
    assert delays[1] == pytest.approx(0.2, abs=0.02)
