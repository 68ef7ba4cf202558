"""The Hong Kong side of ``capex update``: for a company listed in Hong Kong only, which fiscal
years' annual results should be out by now and are not in the data, and where to look.

Pure: a company and today's date in, a :class:`~capexcli.results.UpdateHongKong` out. capex
does not search HKEXnews itself: its search service is undocumented, so the user runs the
search and gives the PDF to ``capex import report``.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from capexcli.model.records import Company
from capexcli.results import UpdateHongKong

#: HKEXnews's title search (English); the stock code is typed into it.
SEARCH_URL = "https://www1.hkexnews.hk/search/titlesearch.xhtml?lang=en"
#: A Main Board issuer publishes its annual results within three months of its year end.
RESULTS_DUE = timedelta(days=92)
#: The figures a year needs confirmed to count as read.
CHECKED = ("capex", "operating_cash_flow")
_HK_ALIAS = re.compile(r"^(\d{1,5})\.HK$", re.IGNORECASE)


def stock_code(company: Company) -> str | None:
    """The company's HKEX stock code: of its documents, else of an alias such as 0700.HK."""
    for document in company.documents:
        if document.stock_code:
            return document.stock_code
    for alias in company.aliases:
        match = _HK_ALIAS.match(alias)
        if match:
            return match[1].zfill(5)
    return None


def period_end(company: Company, fiscal_year: int) -> date:
    month, day = (int(part) for part in company.fiscal_year_end.split("-"))
    calendar_year = fiscal_year if company.fiscal_year_label == "end" else fiscal_year + 1
    return date(calendar_year, month, day)


def missing_periods(company: Company, today: date) -> UpdateHongKong | None:
    """Fiscal years after the data's latest whose results are due by ``today``; None for a
    company without a stock code."""
    code = stock_code(company)
    if code is None:
        return None
    latest = max((y.fiscal_year for y in company.years), default=None)
    year = (latest + 1) if latest is not None else today.year - 1
    missing = []
    while period_end(company, year) + RESULTS_DUE <= today:
        missing.append(year)
        year += 1
    due = {
        y.fiscal_year: y
        for y in company.years
        if period_end(company, y.fiscal_year) + RESULTS_DUE <= today
    }
    unconfirmed = [
        fy
        for fy, y in sorted(due.items())
        if any(y.figure(f) is None or y.status_of(f) != "confirmed" for f in CHECKED)
    ]
    return UpdateHongKong(
        company=company.id,
        stock_code=code,
        latest_year=latest,
        missing=missing,
        unconfirmed=unconfirmed,
        search_url=SEARCH_URL,
    )
