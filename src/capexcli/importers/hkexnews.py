"""Finding a company's latest annual report on HKEXnews, for ``capex update --hk``.

HKEXnews has no documented API. Its title-search page asks two services, which public
scrapers and tests of them describe the same way (requests and answers as below); capex uses
them read-only, checks every field it reads, and says so plainly when an answer is not of
that form, so that the user falls back on the search page:

- ``/search/prefix.do?callback=callback&lang=EN&type=A&name=700&market=SEHK`` answers JSONP,
  ``callback({"more":"1","stockInfo":[{"stockId":7609,"code":"00700","name":"TENCENT"}]});``:
  the exchange's internal id of a stock code;
- ``/search/titleSearchServlet.do?...&stockId=7609&t1code=40000&t2Gcode=-2&t2code=40100...``
  (category "Financial Statements/ESG Information", "Annual Report") answers
  ``{"result": "<a JSON array, as a string>", "hasNextRow": false, "recordCnt": 1, ...}``,
  each record with ``TITLE``, ``DATE_TIME`` ("29/04/2025 17:00") and ``FILE_LINK``
  ("/listedco/listconews/sehk/2025/0429/2025042901727.pdf"); ``result`` is null when
  nothing is found.
"""

from __future__ import annotations

import json
import os
import re
import urllib.parse
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from capexcli.errors import NetworkError
from capexcli.importers.report.download import BASE_URL_VAR, fetch
from capexcli.importers.sec.document import printable

BASE_URL = "https://www1.hkexnews.hk"
#: A search answer is a few kB a record; far more is not one.
MAX_ANSWER_BYTES = 5 * 1024 * 1024
#: The title search's category of annual reports (Financial Statements/ESG Information).
ANNUAL_REPORT = {"t1code": "40000", "t2Gcode": "-2", "t2code": "40100"}
_JSONP = re.compile(r"^\s*callback\((?P<body>.*)\)\s*;?\s*$", re.DOTALL)
_LINK = re.compile(r"^/[A-Za-z0-9/_.-]{1,300}\.pdf$")


@dataclass(frozen=True)
class Found:
    title: str
    published: date
    url: str


def base_url() -> str:
    return (os.environ.get(BASE_URL_VAR) or BASE_URL).rstrip("/")


def _get_json(url: str, timeout: float) -> str:
    body = fetch(
        url,
        accept="application/json",
        what="a search answer",
        timeout=timeout,
        cap=MAX_ANSWER_BYTES,
    )
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise _odd(url, "not UTF-8 text") from None


def _odd(url: str, why: str) -> NetworkError:
    return NetworkError(
        f"{url}: HKEXnews answered in a form capex does not read ({why}); search by hand at "
        f"{BASE_URL}/search/titlesearch.xhtml?lang=en"
    )


def stock_id(code: str, *, timeout: float = 30.0) -> int:
    """HKEXnews's internal id of a five-digit stock code."""
    query = urllib.parse.urlencode(
        {
            "callback": "callback",
            "lang": "EN",
            "type": "A",
            "name": str(int(code)),
            "market": "SEHK",
        }
    )
    url = f"{base_url()}/search/prefix.do?{query}"
    text = _get_json(url, timeout)
    match = _JSONP.match(text)
    try:
        answer = json.loads(match["body"] if match else text)
    except ValueError:
        raise _odd(url, "not JSON") from None
    stocks = answer.get("stockInfo") if isinstance(answer, dict) else None
    if not isinstance(stocks, list):
        raise _odd(url, "no stockInfo list")
    for stock in stocks:
        if isinstance(stock, dict) and stock.get("code") == code:
            found = stock.get("stockId")
            if isinstance(found, int) or (isinstance(found, str) and found.isdigit()):
                return int(found)
            raise _odd(url, f"stockId {printable(str(found), 40)!r}")
    raise NetworkError(f"HKEXnews lists no stock code {code} on the Main Board ({url})")


def latest_annual_report(
    code: str, since: date, until: date, *, timeout: float = 30.0
) -> Found | None:
    """The latest annual report of stock ``code`` published from ``since`` to ``until``."""
    query = urllib.parse.urlencode(
        {
            "sortDir": "0",
            "sortByOptions": "DateTime",
            "category": "0",
            "market": "SEHK",
            "stockId": str(stock_id(code, timeout=timeout)),
            "documentType": "-1",
            "fromDate": since.strftime("%Y%m%d"),
            "toDate": until.strftime("%Y%m%d"),
            "title": "",
            "searchType": "0",
            **ANNUAL_REPORT,
            "rowRange": "100",
            "lang": "EN",
        }
    )
    url = f"{base_url()}/search/titleSearchServlet.do?{query}"
    records = parse_search(_get_json(url, timeout), url)
    return max(records, key=lambda f: f.published, default=None)


def parse_search(text: str, url: str) -> list[Found]:
    """The PDF records of a title-search answer (see the module's docstring)."""
    try:
        answer = json.loads(text)
        result = answer["result"] if isinstance(answer, dict) else None
        if result in (None, "", "null"):
            return []
        records: Any = json.loads(result) if isinstance(result, str) else None
    except (KeyError, ValueError):
        raise _odd(url, "not the title search's JSON") from None
    if not isinstance(records, list):
        raise _odd(url, "its result is not a list")
    found = []
    for record in records:
        if not isinstance(record, dict):
            raise _odd(url, "a record is not an object")
        link, title, when = record.get("FILE_LINK"), record.get("TITLE"), record.get("DATE_TIME")
        if not (isinstance(link, str) and isinstance(title, str) and isinstance(when, str)):
            raise _odd(url, "a record without FILE_LINK, TITLE and DATE_TIME")
        if not _LINK.match(link):
            continue  # not a PDF (an HTML notice, a zip): nothing capex can read
        try:
            published = datetime.strptime(when.strip(), "%d/%m/%Y %H:%M").date()
        except ValueError:
            raise _odd(url, f"DATE_TIME {printable(when, 40)!r}") from None
        found.append(Found(printable(title, 300), published, base_url() + link))
    return found
