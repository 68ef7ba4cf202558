"""Downloading a report from HKEXnews, the exchange's own site, and from nowhere else.

``capex import report URL`` takes an https address on :data:`HKEX_HOSTS` only; redirects are
followed only there, the answer is capped in size (:data:`MAX_REPORT_BYTES`) and in time (each
try as a whole, as for SEC downloads), and must be a PDF. The machinery (deadline, redirect
check, capped reading) is the SEC download's. ``CAPEX_HKEX_BASE_URL`` is for the tests only:
an address starting with it (a local server) is allowed too.
"""

from __future__ import annotations

import os
import urllib.parse
from typing import Any, NoReturn

from capexcli.errors import NetworkError, OptionError
from capexcli.importers.sec.document import printable
from capexcli.importers.sec.download import (
    _Deadline,
    _opener,
    _read_body,
    _too_slow,
    redirect_allowed,
)

HKEX_HOSTS = frozenset({"www1.hkexnews.hk", "www.hkexnews.hk"})
#: For the tests: a base address (http://127.0.0.1:PORT) allowed besides HKEXnews.
BASE_URL_VAR = "CAPEX_HKEX_BASE_URL"
#: Annual reports run to a few tens of MB; far beyond that is not one.
MAX_REPORT_BYTES = 200 * 1024 * 1024


def allowed(url: str) -> bool:
    """HTTPS to HKEXnews on the standard port with no user name, or the tests' base."""
    base = os.environ.get(BASE_URL_VAR)
    if base and url.startswith(base.rstrip("/") + "/"):
        return True
    return redirect_allowed(url, HKEX_HOSTS)


def _hosts() -> str:
    return " or ".join(f"https://{h}" for h in sorted(HKEX_HOSTS))


def _refuse(req: Any, fp: Any, code: int, location: str) -> NoReturn:
    fp.close()
    raise NetworkError(
        f"{req.full_url}: HTTP {code} redirects to {printable(location)}; refused: capex "
        f"downloads reports only from HKEXnews ({_hosts()})"
    )


def file_name(url: str) -> str:
    """The PDF's name in the address (2025040800667.pdf): the report reader dates a
    document by it, as for a saved file."""
    name = os.path.basename(urllib.parse.urlsplit(url).path)
    return name if name.lower().endswith(".pdf") and len(name) <= 200 else "report.pdf"


def fetch_report(url: str, *, timeout: float = 60.0, max_bytes: int = MAX_REPORT_BYTES) -> bytes:
    """The PDF at ``url`` on HKEXnews, or a NetworkError (OptionError for an address
    elsewhere) that says why."""
    body = fetch(url, accept="application/pdf", what="a report", timeout=timeout, cap=max_bytes)
    if not body.startswith(b"%PDF-"):
        raise NetworkError(f"{url}: the answer is not a PDF")
    return body


def fetch(url: str, *, accept: str, what: str, timeout: float, cap: int) -> bytes:
    """One GET of an HKEXnews address: its body, at most ``cap`` bytes, within ``timeout``
    seconds as a whole, redirects only to HKEXnews."""
    import http.client
    import urllib.error
    import urllib.request

    if not allowed(url):
        raise OptionError(
            f"{printable(url)}: capex downloads reports only from HKEXnews over https "
            f"({_hosts()}); save the PDF and give its file instead"
        )
    request = urllib.request.Request(
        url, headers={"User-Agent": "capex (report import)", "Accept": accept}
    )
    host = urllib.parse.urlsplit(url).netloc
    deadline = _Deadline(timeout)
    opener = _opener(deadline, allowed, _refuse)
    try:
        with deadline, opener.open(request, timeout=timeout) as response:
            deadline.answered = True
            body = _read_body(response, url, cap, what)
        if deadline.expired:
            raise _too_slow(deadline, host, url)
    except urllib.error.HTTPError as error:
        error.close()
        raise NetworkError(f"{url}: HTTP {error.code}") from None
    except (TimeoutError, urllib.error.URLError, http.client.HTTPException, OSError) as exc:
        if deadline.expired:
            raise _too_slow(deadline, host, url) from None
        reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
        if isinstance(reason, TimeoutError):
            raise NetworkError(f"no answer from {host} within {timeout:g} s (--timeout)") from None
        text = getattr(reason, "strerror", None) or str(reason).strip()
        shown = printable(text) if text else type(reason).__name__
        raise NetworkError(f"cannot download {url}: {shown}") from None
    return body
