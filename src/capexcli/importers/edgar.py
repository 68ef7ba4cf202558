"""Names of the SEC's EDGAR service that capex uses: where company facts are served, the
environment variables that configure it, and the tickers of the dataset's SEC filers.

Apart from :mod:`capexcli.importers.sec` so that `capex --help` can describe `capex import sec`
without loading the importer itself.
"""

from __future__ import annotations

from collections.abc import Iterable

DEFAULT_BASE_URL = "https://data.sec.gov"
BASE_URL_VAR = "CAPEX_SEC_BASE_URL"
USER_AGENT_VAR = "CAPEX_SEC_USER_AGENT"

#: The eight companies of the dataset that file with the SEC (the others list in Hong Kong
#: only). Any other filer is reached with --cik.
TICKERS: dict[str, int] = {
    "MSFT": 789019,
    "GOOGL": 1652044,
    "META": 1326801,
    "AMZN": 1018724,
    "BABA": 1577552,
    "BIDU": 1329099,
    "JD": 1549802,
    "NTES": 1110646,
}


def ticker_of(names: Iterable[str]) -> str | None:
    """The SEC ticker among a company's id and aliases (``meta``, ``BABA``), if it has one."""
    return next((n.upper() for n in names if n.upper() in TICKERS), None)
