"""Whose report it is, and whether it is the company's of the data file it is merged into.

A report names its issuer by its HKEX stock code and its name on the first pages
(:mod:`.document`); the data holds, for a company, the stock codes of its documents, its
aliases (``0700.HK``), its names in English and Chinese. The stock code decides when both
sides have one; else the names must agree. A report that says neither cannot be placed:
refused too (``--force`` merges it anyway), so that nothing lands in the wrong company.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from capexcli.importers.report.document import DocumentInfo
    from capexcli.model.records import Company

_HK_TICKER = re.compile(r"^(\d{1,5})\.HK$", re.IGNORECASE)
#: Words of a company's legal name that say nothing of which company it is.
_LEGAL = re.compile(
    r"holdings?|limited|ltd|company|co|inc|incorporated|corporation|corp|group|plc"
    r"|有限公司|股份|控股|集團|集团|公司",
)


def whose(document: DocumentInfo) -> str:
    """ "Wisdom Education ... Limited (HKEX stock code 06068)", for messages and the stub."""
    parts = [document.issuer] if document.issuer else []
    if document.stock_code:
        parts.append(f"(HKEX stock code {document.stock_code})")
    return " ".join(parts) if parts else "an issuer capex cannot read on its first pages"


def stock_codes(company: Company) -> set[str]:
    """The HKEX stock codes the data gives the company: its documents' and its tickers'."""
    codes = {d.stock_code for d in company.documents if d.stock_code}
    for alias in company.aliases:
        found = _HK_TICKER.match(alias)
        if found:
            codes.add(found[1].zfill(5))
    return codes


def _core(name: str) -> str:
    text = unicodedata.normalize("NFKC", name).casefold()
    words = re.findall(r"[\w$&]+", text)
    return "".join(w for w in words if not _LEGAL.fullmatch(w)) or "".join(words)


def _names_agree(issuer: str, company: Company) -> bool:
    mine = _core(issuer)
    if not mine:
        return False
    for name in (company.name, company.name_zh, *company.aliases):
        theirs = _core(name)
        if theirs == mine or (
            min(len(theirs), len(mine)) >= 4 and (theirs in mine or mine in theirs)
        ):
            return True
    return False


def mismatch(document: DocumentInfo, company: Company) -> str | None:
    """Why the report is not ``company``'s, or None when it is."""
    codes = stock_codes(company)
    known = f"{company.id} is {company.name}" + (
        f" (HKEX stock code {', '.join(sorted(codes))})" if codes else ""
    )
    if document.stock_code and codes:
        if document.stock_code in codes:
            return None
        return f"this is the report of {whose(document)}, and {known}"
    if document.issuer:
        if _names_agree(document.issuer, company):
            return None
        return f"this is the report of {whose(document)}, and {known}"
    return (
        f"capex cannot tell whose report this is (no HKEX stock code or issuer name on its "
        f"first pages) to check that it is {company.id}'s"
    )
