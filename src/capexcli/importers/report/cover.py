"""Who issued a report, as its cover prints it: the English and Chinese names and the HKEX
stock code. One reading, which the stub, the citation and the JSON all use.

A cover's names stand on lines of their own ("CAPITAL VC LIMITED", "首都創投有限公司"); a
sentence that mentions another name ("carrying on business in Hong Kong as CNI VC Limited")
is in brackets or runs on, and is not the issuer. Kept apart from the PDF text layer
(text.py) and the statement (statement.py), so that either can change without this.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

#: An English company name alone on a line: a capital first, a legal suffix last.
_NAME_EN = re.compile(
    r"[A-Z][A-Za-z0-9&.,'’ ()-]{1,90}?\b"
    r"(?:Limited|LIMITED|Ltd\.?|LTD\.?|Inc\.?|INC\.?|Corporation|CORPORATION|plc|PLC|"
    r"Company|COMPANY|Holdings|HOLDINGS|Group|GROUP)\s*\*?"
)
#: A Chinese company name alone on a line (a trailing * marks a translated name).
_NAME_ZH = re.compile(r"[\u4e00-\u9fff（）()]{2,30}(?:有限公司|公司|集團|集团|控股)\s*\*?")
_STOCK_CODE = re.compile(
    r"(?:stock code|股份代號|股份代号|港交所代码|港交所代碼|香港交易所代號)"
    r"(?:\s*(?:股份代號|股份代号|[:：]))*\s*(\d{1,5})(?!\d)",
    re.IGNORECASE,
)
#: How far down the cover the names stand.
_COVER_LINES = 15


@dataclass(frozen=True)
class Issuer:
    name: str | None
    name_zh: str | None
    stock_code: str | None


def _clean(name: str) -> str:
    return " ".join(name.replace("*", " ").split()).strip(" ,")


def cover_issuer(pages: list[list[str]]) -> Issuer:
    """The issuer as the first pages print it: the first line that is an English company
    name and the first that is a Chinese one (a line in brackets is a remark, never the
    name), and the stock code the cover gives."""
    name = name_zh = None
    for lines in pages:
        for line in lines[:_COVER_LINES]:
            text = line.strip()
            if not text or text[0] in "(（":
                continue
            if name is None and _NAME_EN.fullmatch(text):
                name = _clean(text)
            if name_zh is None and _NAME_ZH.fullmatch(text):
                name_zh = _clean(text)
        if name is not None or name_zh is not None:
            break
    code = _STOCK_CODE.search("\n".join(line for lines in pages for line in lines))
    return Issuer(name, name_zh, code[1].zfill(5) if code else None)


def issuer_line(document: object) -> str:
    """What the cover says of the issuer, in one line (the stub's head and the notes)."""
    name = getattr(document, "issuer", None)
    name_zh = getattr(document, "issuer_zh", None)
    code = getattr(document, "stock_code", None)
    names = " / ".join(n for n in (name, name_zh) if n) or "no name found"
    return f"Issuer: {names}; HKEX stock code: {code or 'not found'}"
