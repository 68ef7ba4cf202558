"""Downloading company facts from the SEC, by its fair-access rules, from a server that may
not play by them.

A User-Agent naming the user, at most ten requests a second, and back-off on 429 and 5xx.
Against a hostile or broken server: a deadline for each try as a whole (a server that sends a
byte a second is cut off as surely as a silent one), a cap on the size of the answer after
decompression (a gzip bomb), and redirects followed only to the SEC's own hosts over HTTPS.
Standard library only; the HTTP modules are imported when a download is made.
"""

from __future__ import annotations

import contextlib
import socket
import threading
import time
import zlib
from collections.abc import Callable
from datetime import UTC, datetime
from types import TracebackType
from typing import TYPE_CHECKING, Any, NoReturn

from capexcli.errors import NetworkError, OptionError
from capexcli.importers.edgar import BASE_URL_VAR, DEFAULT_BASE_URL, TICKERS, USER_AGENT_VAR
from capexcli.importers.sec.document import printable

if TYPE_CHECKING:
    import urllib.request

#: The SEC's fair-access limit is 10 requests a second per user.
MAX_REQUESTS_PER_SECOND = 10
#: A Retry-After longer than this means "blocked for a while": say so rather than hang.
MAX_RETRY_AFTER_SECONDS = 60.0
#: Microsoft's company facts are ~15 MB; a response far beyond that is not company facts.
MAX_DOCUMENT_BYTES = 256 * 1024 * 1024
#: The longest --timeout: the deadline timer and socket timeouts take finite, modest values.
MAX_TIMEOUT_SECONDS = 3600.0
#: A redirect is followed only to these hosts, and only over HTTPS. CAPEX_SEC_BASE_URL (a
#: mirror, the tests' local server) names where to start; it is not checked against these.
SEC_HOSTS = frozenset({"data.sec.gov", "www.sec.gov"})
_READ_SIZE = 64 * 1024


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
    max_bytes: int | None = None,
) -> bytes:
    """Download the company-facts JSON of ``cik`` (its bytes, decompressed).

    Follows the SEC's fair-access rules: a User-Agent naming the user, at most ten requests
    a second, and on 429 or 5xx a pause (Retry-After, else ``backoff`` doubling) and another
    try, ``retries`` times. ``timeout`` bounds each try as a whole, from connecting to the
    last byte, as well as each read; a timeout is not retried: a slow server is not helped by
    more. An answer over ``max_bytes`` (:data:`MAX_DOCUMENT_BYTES`) once decompressed is
    refused, and so is a redirect anywhere but :data:`SEC_HOSTS` over HTTPS.
    """
    import http.client
    import urllib.error
    import urllib.parse
    import urllib.request

    cap = MAX_DOCUMENT_BYTES if max_bytes is None else max_bytes
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
        deadline = _Deadline(timeout)
        opener = _opener(deadline)
        try:
            with deadline, opener.open(request, timeout=timeout) as response:
                deadline.answered = True
                body = _read_body(response, url, cap)
            if deadline.expired:  # an answer without a length, cut short by the deadline
                raise _too_slow(deadline, host, url)
            return body
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
            if deadline.expired:
                raise _too_slow(deadline, host, url) from None
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
            text = getattr(reason, "strerror", None) or str(reason).strip()
            # The text of a bad status line is the server's: one line, no escape codes.
            shown = printable(text) if text else type(reason).__name__
            raise NetworkError(f"cannot download {url}: {shown}") from None
    raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises


class _Deadline:
    """Cuts every connection of one try once ``seconds`` have passed, whatever it is doing.

    A socket timeout bounds each read only, so a server sending a byte a second (in the
    headers or the body) would never time out. A timer thread shuts the connections down
    instead: a blocked read then returns at once, and :attr:`expired` says why.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self.answered = False  # the status line and headers are in
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self._timer.cancel()
        with self._lock:
            for sock in self._sockets:
                sock.close()
            self._sockets.clear()

    def watch(self, sock: socket.socket) -> None:
        # A duplicate of the TCP socket, taken before TLS wraps it: shutting it down ends the
        # connection under the TLS layer too, without touching the SSL object in use.
        copy = sock.dup()
        with self._lock:
            self._sockets.append(copy)
            if self.expired:
                _shut(copy)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


def _too_slow(deadline: _Deadline, host: str, url: str) -> NetworkError:
    seconds = f"{deadline.seconds:g} s (--timeout)"
    if not deadline.answered:
        return NetworkError(f"no answer from {host} within {seconds}; try again or raise --timeout")
    return NetworkError(
        f"{url}: the answer was still coming in after {seconds}, far too slowly; try again "
        "later or raise --timeout"
    )


def _opener(
    deadline: _Deadline,
    allowed: Callable[[str], bool] | None = None,
    refuse: Callable[[Any, Any, int, str], NoReturn] | None = None,
) -> urllib.request.OpenerDirector:
    """urllib's opener, with every connection watched by ``deadline`` and redirects checked:
    followed only where ``allowed`` (default: the SEC over HTTPS), else ``refuse`` raises."""
    allowed = allowed or redirect_allowed
    refuse = refuse or _refuse
    import http.client
    import urllib.parse
    import urllib.request

    def watched(base: type[http.client.HTTPConnection]) -> type[http.client.HTTPConnection]:
        class Watched(base):  # type: ignore[valid-type, misc]
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, **kwargs)
                create = self._create_connection

                def connect(*args: Any, **kwargs: Any) -> socket.socket:
                    sock: socket.socket = create(*args, **kwargs)
                    deadline.watch(sock)
                    return sock

                self._create_connection = connect

        return Watched

    class Watching(urllib.request.AbstractHTTPHandler):
        def do_open(self, http_class: Any, req: Any, **kwargs: Any) -> Any:
            return super().do_open(watched(http_class), req, **kwargs)

    class HTTP(Watching, urllib.request.HTTPHandler):
        pass

    class HTTPS(Watching, urllib.request.HTTPSHandler):
        pass

    class Redirects(urllib.request.HTTPRedirectHandler):
        def http_error_302(self, req: Any, fp: Any, code: int, msg: str, headers: Any) -> Any:
            # Checked before urllib reads the Location itself: a Location it cannot parse
            # ("https://x[") would be a ValueError from inside urllib.
            location = headers.get("location") or headers.get("uri")
            if location is not None:
                try:
                    target = urllib.parse.urljoin(req.full_url, location)
                except ValueError:
                    target = ""
                if not allowed(target):
                    refuse(req, fp, code, location)
            return super().http_error_302(req, fp, code, msg, headers)

        http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302

        def redirect_request(
            self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str
        ) -> Any:
            if not allowed(newurl):  # the URL as urllib will request it
                refuse(req, fp, code, newurl)
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    return urllib.request.build_opener(HTTP(), HTTPS(), Redirects())


def _refuse(req: Any, fp: Any, code: int, location: str) -> NoReturn:
    fp.close()
    hosts = " or ".join(f"https://{h}" for h in sorted(SEC_HOSTS))
    raise NetworkError(
        f"{req.full_url}: HTTP {code} redirects to {printable(location)}; refused: capex "
        f"follows redirects only to the SEC ({hosts})"
    )


def redirect_allowed(url: str, hosts: frozenset[str] = SEC_HOSTS) -> bool:
    """Whether a redirect to ``url`` is followed: HTTPS to one of ``hosts`` (the SEC's), on
    the standard port, with no user name (``https://data.sec.gov@evil.example/`` is
    evil.example)."""
    import urllib.parse

    target = urllib.parse.urlsplit(url)
    try:
        port = target.port
    except ValueError:
        return False
    return (
        target.scheme == "https"
        and target.hostname in hosts
        and port in (None, 443)
        and target.username is None
        and target.password is None
    )


def _read_body(response: Any, url: str, cap: int, what: str = "company facts") -> bytes:
    """The body, decompressed as it comes, refused as soon as it passes ``cap`` bytes."""
    import http.client

    encoding = (response.headers.get("Content-Encoding") or "identity").strip().lower()
    if encoding not in ("identity", "", "gzip", "deflate"):
        raise NetworkError(f"{url}: unexpected Content-Encoding {printable(encoding, 40)!r}")
    # wbits 47 reads both gzip and zlib headers.
    inflater = zlib.decompressobj(47) if encoding in ("gzip", "deflate") else None
    body = bytearray()
    received = 0
    while chunk := response.read1(_READ_SIZE):
        received += len(chunk)
        if inflater is None:
            body += chunk
        else:
            try:
                # At most one byte over the cap: a gzip bomb never gets decompressed whole.
                body += inflater.decompress(chunk, cap + 1 - len(body))
            except zlib.error as exc:
                raise NetworkError(f"{url}: corrupt {encoding} answer ({exc})") from None
        if len(body) > cap or received > cap:
            raise NetworkError(f"{url}: answer larger than {_size(cap)}; not {what}")
    # The connection closed before the last byte (or the deadline closed it): the caller
    # retries, or says the deadline passed.
    if getattr(response, "length", None):
        raise http.client.IncompleteRead(bytes(body), response.length)
    if inflater is not None and not inflater.eof:
        raise http.client.IncompleteRead(bytes(body))
    return bytes(body)


def _size(count: int) -> str:
    return f"{count // 2**20} MiB" if count >= 2**20 else f"{count:,} bytes"


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
