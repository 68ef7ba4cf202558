"""What a report is, for its citation: its kind, its title, the issuer's HKEX stock code, the
date it was published. Read from its first pages, its URL and its file name; what cannot be
read is left empty, never made up."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from capexcli.importers.report.cover import cover_issuer
from capexcli.importers.report.statement import chinese_number, make_date, year_token
from capexcli.importers.report.text import PdfText

_KINDS = (
    (
        re.compile(
            r"即时发布|即時發佈|即時發布|for immediate release|press release|新闻稿|新聞稿", re.I
        ),
        "results press release",
    ),
    (re.compile(r"interim report|中期報告|中期报告", re.I), "interim report"),
    (re.compile(r"annual report|年報|年报", re.I), "annual report"),
    (
        re.compile(
            r"annual results|final results|全年業績|全年业绩|年度業績|年度业绩|業績公告|业绩公告",
            re.I,
        ),
        "results announcement",
    ),
)
#: HKEXnews addresses and file names carry the day of publication:
#: .../listconews/sehk/2025/0408/2025040800667.pdf
_HKEX_URL = re.compile(r"/((?:19|20)\d{2})/(\d{2})(\d{2})/")
_HKEX_FILE = re.compile(r"^((?:19|20)\d{2})(\d{2})(\d{2})\d{5}(?:_c)?$")
_NAME_EN = re.compile(
    r"([A-Z][A-Za-z0-9&.,'’ -]{2,80}?(?:Limited|Ltd\.?|Inc\.|Corporation|plc))", re.UNICODE
)
_NAME_CAPS = re.compile(r"([A-Z][A-Z0-9&.,' -]{2,80}?(?:LIMITED|LTD\.?|INC\.|CORPORATION))")
_NAME_ZH = re.compile(r"([\u4e00-\u9fff]{2,20}(?:有限公司))")


#: The first pages, which describe reads for the issuer, the kind of document and its date.
COVER_PAGES = 3


def cover_pages(pdf: PdfText) -> list[int]:
    return list(range(1, min(pdf.page_count, COVER_PAGES) + 1))


@dataclass(frozen=True)
class DocumentInfo:
    form: str
    issuer: str | None
    stock_code: str | None
    date: date | None
    url: str | None
    #: The document's own name where it gives one (a press release's headline).
    heading: str | None
    #: The issuer's Chinese name, as the cover prints it.
    issuer_zh: str | None = None


def describe(pdf: PdfText, url: str | None, statement_pages: list[int]) -> DocumentInfo:
    """From the first three pages (the cover, the contents), and the running heads of the
    statement's pages ("Annual Report 2021 77")."""
    numbers = [*cover_pages(pdf), *statement_pages]
    pages = [pdf.lines(n) for n in dict.fromkeys(numbers)]
    text = "\n".join(line for lines in pages for line in lines)
    form = next((kind for pattern, kind in _KINDS if pattern.search(text)), "report")
    # The cover first (its names stand alone on their lines), then any name in the text.
    cover = cover_issuer(pages)
    return DocumentInfo(
        form=form,
        issuer=cover.name or _issuer(text),
        issuer_zh=cover.name_zh,
        stock_code=cover.stock_code,
        date=_published(url, pdf.path.stem, text),
        url=url,
        heading=_heading(pages[0] if pages else [], pdf.title),
    )


def _issuer(text: str) -> str | None:
    for pattern in (_NAME_EN, _NAME_CAPS, _NAME_ZH):
        found = pattern.search(text)
        if found:
            return " ".join(found[1].split()).strip(" ,")
    return None


def _heading(first_page: list[str], title: str | None) -> str | None:
    """A press release's headline: its first line that says results, else the PDF's title."""
    for line in first_page[:8]:
        if re.search(r"業績|业绩|results", line, re.IGNORECASE) and len(line) <= 80:
            return line
    return title


def _published(url: str | None, stem: str, text: str) -> date | None:
    if url:
        found = _HKEX_URL.search(url)
        if found:
            return make_date(int(found[1]), int(found[2]), int(found[3]))
    names = [stem]
    if url:
        names.insert(0, url.rstrip("/").rsplit("/", 1)[-1].removesuffix(".pdf"))
    found = next((m for name in names if (m := _HKEX_FILE.match(name))), None)
    if found:
        return make_date(int(found[1]), int(found[2]), int(found[3]))
    # A press release's dateline: "香港，二零二六年三月十八日", "Hong Kong, 18 March 2026".
    squeezed = re.sub(r"\s+", "", text)
    digits = "〇零一二三四五六七八九十"
    found = re.search(
        rf"香港[，,]([{digits}]{{4}})年([{digits}]{{1,3}})月([{digits}]{{1,3}})日", squeezed
    )
    if found:
        year = year_token(found[1])
        if year is not None:
            return make_date(year, chinese_number(found[2]), chinese_number(found[3]))
    found = re.search(r"香港[，,](\d{4})年(\d{1,2})月(\d{1,2})日", squeezed)
    if found:
        return make_date(int(found[1]), int(found[2]), int(found[3]))
    return None
