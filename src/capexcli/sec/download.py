"""Downloading company facts from the SEC, by its fair-access rules.

A User-Agent naming the user, at most ten requests a second, a timeout, and back-off on 429
and 5xx. Standard library only; the HTTP modules are imported when a download is made.
"""

from __future__ import annotations

import threading
import time
import zlib
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from ..edgar import BASE_URL_VAR, DEFAULT_BASE_URL, TICKERS, USER_AGENT_VAR
from ..errors import NetworkError, OptionError

#: The SEC's fair-access limit is 10 requests a second per user.
MAX_REQUESTS_PER_SECOND = 10
#: A Retry-After longer than this means "blocked for a while": say so rather than hang.
MAX_RETRY_AFTER_SECONDS = 60.0
#: Microsoft's company facts are ~15 MB; a response far beyond that is not company facts.
MAX_DOCUMENT_BYTES = 256 * 1024 * 1024


class _RateLimiter:
    """At most ``per_second`` request starts per second, across threads."""

    def __init__(self, per_second: int) -> None:
        self.interval = 1.0 / per_second
        self._next = 0.0
        self._lock = threading.Lock()

    def wait(self, sleep: Callable[[float], None]) -> None:
        with self._lock:
            now = time.monotonic()
            delay = self._next - now
            self._next = max(now, self._next) + self.interval
        if delay > 0:
            sleep(delay)


_LIMITER = _RateLimiter(MAX_REQUESTS_PER_SECOND)


def resolve_cik(cik: str | None, ticker: str | None) -> int:
    if ticker is not None:
        found = TICKERS.get(ticker.strip().upper())
        if found is None:
            raise OptionError(
                f"--ticker {ticker!r}: not one of the dataset's SEC filers "
                f"({', '.join(TICKERS)}); give any other company's number with --cik"
            )
        return found
    text = (cik or "").strip()
    digits = text[3:] if text.upper().startswith("CIK") else text
    if not digits.isdigit() or len(digits) > 10 or int(digits) == 0:
        raise OptionError(
            f"--cik {cik!r}: expected the SEC's Central Index Key, up to 10 digits "
            "(e.g. 789019 or 0000789019)"
        )
    return int(digits)


def check_user_agent(value: str | None) -> str:
    text = (value or "").strip()
    if not text:
        raise OptionError(
            f"downloading from the SEC needs a User-Agent with your name and email "
            f"(the SEC refuses anonymous requests): --user-agent 'Jane Doe jane@example.com' "
            f"or {USER_AGENT_VAR}"
        )
    if "@" not in text:
        raise OptionError(
            f"--user-agent {text!r}: the SEC requires a name and an email address, "
            "e.g. 'Jane Doe jane@example.com'"
        )
    if not text.isascii() or not text.isprintable():
        raise OptionError(
            f"--user-agent {text!r}: HTTP headers take printable ASCII only; "
            "write the name in Latin letters"
        )
    return text


def facts_url(cik: int, base_url: str) -> str:
    import urllib.parse

    parsed = urllib.parse.urlparse(base_url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise OptionError(f"{BASE_URL_VAR}={base_url!r}: expected an http(s) URL")
    return f"{base_url.rstrip('/')}/api/xbrl/companyfacts/CIK{cik:010d}.json"


def fetch_company_facts(
    cik: int,
    *,
    user_agent: str,
    base_url: str = DEFAULT_BASE_URL,
    timeout: float = 30.0,
    retries: int = 3,
    backoff: float = 1.0,
    sleep: Callable[[float], None] = time.sleep,
) -> bytes:
    """Download the company-facts JSON of ``cik`` (its bytes, decompressed).

    Follows the SEC's fair-access rules: a User-Agent naming the user, at most ten requests
    a second, and on 429 or 5xx a pause (Retry-After, else ``backoff`` doubling) and another
    try, ``retries`` times. A timeout is not retried: a slow server is not helped by more.
    """
    import http.client
    import urllib.error
    import urllib.parse
    import urllib.request

    url = facts_url(cik, base_url)
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": user_agent,
            "Accept": "application/json",
            "Accept-Encoding": "gzip, deflate",
        },
    )
    host = urllib.parse.urlparse(url).netloc
    for attempt in range(retries + 1):
        _LIMITER.wait(sleep)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                body = _read_limited(response, url)
                return _decode(body, response.headers.get("Content-Encoding"), url)
        except urllib.error.HTTPError as error:
            status = error.code
            error.close()
            if status == 429 or 500 <= status < 600:
                wait = _retry_after(error.headers.get("Retry-After"))
                if wait is not None and wait > MAX_RETRY_AFTER_SECONDS:
                    raise NetworkError(
                        f"{host} answered HTTP {status} and asks to wait {wait:.0f} s "
                        "(rate limit); try again later"
                    ) from None
                if attempt < retries:
                    sleep(wait if wait is not None else backoff * 2**attempt)
                    continue
                raise NetworkError(
                    f"{url}: HTTP {status} {_reason(status)}, still after {retries + 1} "
                    "tries; try again later"
                ) from None
            raise _http_error(status, cik, url) from None
        except (TimeoutError, urllib.error.URLError, http.client.HTTPException, OSError) as exc:
            reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
            if isinstance(reason, TimeoutError):
                raise NetworkError(
                    f"no answer from {host} within {timeout:g} s (--timeout); try again or "
                    "raise --timeout"
                ) from None
            transient = isinstance(reason, http.client.HTTPException | ConnectionResetError)
            if transient and attempt < retries:
                sleep(backoff * 2**attempt)
                continue
            text = getattr(reason, "strerror", None) or str(reason) or type(reason).__name__
            raise NetworkError(f"cannot download {url}: {text}") from None
    raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises


def _read_limited(response: Any, url: str) -> bytes:
    body = response.read(MAX_DOCUMENT_BYTES + 1)
    if len(body) > MAX_DOCUMENT_BYTES:
        raise NetworkError(f"{url}: answer larger than {MAX_DOCUMENT_BYTES // 2**20} MiB")
    return body


def _decode(body: bytes, encoding: str | None, url: str) -> bytes:
    encoding = (encoding or "identity").strip().lower()
    if encoding in ("identity", ""):
        return body
    if encoding not in ("gzip", "deflate"):
        raise NetworkError(f"{url}: unexpected Content-Encoding {encoding!r}")
    # wbits 47 reads both gzip and zlib headers; the size cap guards against a zip bomb.
    inflater = zlib.decompressobj(47)
    try:
        out = inflater.decompress(body, MAX_DOCUMENT_BYTES + 1)
    except zlib.error as exc:
        raise NetworkError(f"{url}: corrupt {encoding} answer ({exc})") from None
    if len(out) > MAX_DOCUMENT_BYTES:
        raise NetworkError(f"{url}: answer larger than {MAX_DOCUMENT_BYTES // 2**20} MiB")
    return out


def _retry_after(value: str | None) -> float | None:
    import email.utils

    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _reason(status: int) -> str:
    import http.client

    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return ""


def _http_error(status: int, cik: int, url: str) -> NetworkError:
    if status == 404:
        return NetworkError(
            f"the SEC has no company facts for CIK {cik} ({url}: HTTP 404); check the CIK, "
            "or the company may not file XBRL financial statements"
        )
    if status == 403:
        return NetworkError(
            f"{url}: HTTP 403 Forbidden; the SEC refuses requests whose User-Agent does not "
            "name a person or company with an email, and blocks clients that go over 10 "
            "requests a second"
        )
    return NetworkError(f"{url}: HTTP {status} {_reason(status)}".rstrip())
