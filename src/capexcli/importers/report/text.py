"""A PDF's text, page by page: the one module that opens PDFs.

Two libraries, each for what it does well. pdfium (pypdfium2) gives the text of every page
fast (a 190-page report in ~0.2 s): :meth:`PdfText.raw`, good enough to find the pages that
matter. pdfplumber (over pdfminer.six) lays out only those pages into lines, a label beside
its amounts: :meth:`PdfText.lines`; laying out a whole report took 4-7 s.

Both read the same bytes, read once (:func:`~.limits.read_pdf_bytes`). The counted limits of
:mod:`.limits` (pages, characters, page size) are checked here; time and memory by the fence
around the whole reading (:func:`~.limits.start`). Every failure of a hostile or damaged
file becomes a :class:`~capexcli.errors.ReportError` that names the file and what was wrong;
text leaves this module without control characters. Nothing here prints.
"""

from __future__ import annotations

import contextlib
import io
import logging
import math
import re
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from capexcli.errors import ReportError
from capexcli.importers.report.limits import (
    MAX_DOCUMENT_CHARS,
    MAX_PAGE_CHARS,
    MAX_PAGE_POINTS,
    MAX_PAGES,
    Helper,
    helper,
    read_pdf_bytes,
)
from capexcli.model.safe_text import strip_controls

if TYPE_CHECKING:
    import pdfplumber
    import pypdfium2

#: Spaces are placed where glyphs stand apart by more than this share of the font size.
#: pdfplumber's default (3 points) plus the space glyphs of the text layer split words
#: ("N ET CASH", "No tes") in real reports; without the space glyphs and with 0.15 of the font
#: size, the fixture reports read as printed.
X_TOLERANCE_RATIO = 0.15

_UNMAPPED = re.compile(r"\(cid:\d+\)")


def clean(text: str) -> str:
    """PDF text without control characters (model.safe_text); a carriage return, vertical
    tab or form feed, which break lines, becomes a space."""
    return strip_controls(text.translate(_BREAKS))


_BREAKS = str.maketrans("\r\x0b\x0c", "   ")


class PdfText:
    """An open PDF. Use as a context manager; pages are numbered from 1, as viewers do."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._plumber: pdfplumber.PDF | None = None
        #: Pages to lay out in a helper (:meth:`prefetch`), and the helper once started.
        self._prefetch: list[int] = []
        self._helper: Helper[dict[int, list[str]]] | None = None
        self._data = read_pdf_bytes(path)
        if b"%PDF-" not in self._data[:1024]:
            raise ReportError(
                f"{path}: not a PDF (a PDF starts with %PDF-; this file starts with "
                f"{self._data[:16]!r})"
            )
        self._doc = _open(path, self._data)
        try:
            self.page_count = len(self._doc)
        except Exception as exc:
            self.close()
            raise ReportError(
                f"{path}: damaged PDF: its pages cannot be listed ({why(exc)})"
            ) from None
        if self.page_count == 0:
            self.close()
            raise ReportError(f"{path}: damaged PDF: it has no pages that can be read")
        if self.page_count > MAX_PAGES:
            self.close()
            raise ReportError(
                f"{path}: {self.page_count} pages; capex reads reports of at most {MAX_PAGES}"
            )
        self._lines: dict[int, list[str]] = {}
        self._raw: dict[int, str] = {}
        self._flat: dict[int, str] = {}
        self._chars: dict[int, int] = {}
        self._total_chars = 0

    def __enter__(self) -> PdfText:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        # pdfplumber's close walks the page tree again: a damaged one fails there too, and
        # the error that matters has been raised already.
        with contextlib.suppress(Exception):
            if self._plumber is not None:
                self._plumber.close()
        self._plumber = None
        self._prefetch = []
        if self._helper is not None:
            self._helper.cancel()
            self._helper = None
        with contextlib.suppress(Exception):
            self._doc.close()

    @property
    def title(self) -> str | None:
        """The document's own title (metadata), if it has a text one."""
        try:
            value = self._doc.get_metadata_value("Title")
        except Exception:
            return None
        value = clean(value).strip() if isinstance(value, str) else ""
        return value or None

    def raw(self, number: int) -> str:
        """The page's characters in reading order, no layout: for finding pages."""
        if number not in self._raw:
            self._raw[number] = clean(self._pdfium_text(number))
        return self._raw[number]

    def prefetch(self, numbers: list[int]) -> None:
        """Lay out these pages in a helper process (:func:`~.limits.helper`) beside this one:
        :meth:`lines` takes them from it, or lays them out itself if the helper failed. The
        helper starts when this process first lays out another page, so that it inherits the
        opened document (no second pass over the page tree) and runs while this one lays
        out the statement; a page it holds is laid out exactly as :meth:`lines` would."""
        self._prefetch = list(numbers)

    def _take_prefetched(self, number: int) -> None:
        if self._helper is None:
            self._prefetch = []  # asked for before the helper started: laid out here
            return
        started, self._helper, self._prefetch = self._helper, None, []
        for page, lines in (started.result() or {}).items():
            self._lines.setdefault(page, lines)

    def _start_prefetch(self) -> None:
        pages = [n for n in self._prefetch if n not in self._lines]
        if pages:
            self._helper = helper(lambda: {n: self.lines(n) for n in pages})

    def flat(self, number: int) -> str:
        """The page's characters as compared (:func:`~.lines.normalize`), once a page: both
        the statement's and the headline's search look at every page."""
        if number not in self._flat:
            from capexcli.importers.report.lines import normalize

            self._flat[number] = normalize(self.raw(number))
        return self._flat[number]

    def lines(self, number: int) -> list[str]:
        """The page laid out as lines of text, top to bottom."""
        if number not in self._lines:
            self.raw(number)  # its characters counted and bounded before they are laid out
            if number in self._prefetch:
                self._take_prefetched(number)
                if number in self._lines:
                    return self._lines[number]
            page = self._plumber_page(number)
            if self._prefetch and self._helper is None:
                self._start_prefetch()
            try:
                text = _page_text(page)
            except Exception as exc:
                raise self._damaged(number, why(exc)) from None
            # pdfminer writes a glyph that maps to no character as "(cid:N)"; pdfium drops it.
            text = _UNMAPPED.sub("", clean(text))
            self._lines[number] = [line.strip() for line in text.splitlines() if line.strip()]
        return self._lines[number]

    def has_images(self, number: int) -> bool:
        from pypdfium2 import raw as pdfium_c

        page = self._pdfium_page(number)
        try:
            return any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]))
        except Exception:
            return False
        finally:
            page.close()

    def _pdfium_page(self, number: int) -> pypdfium2.PdfPage:
        try:
            page = self._doc[number - 1]
            width, height = page.get_size()
        except Exception as exc:
            raise self._damaged(number, why(exc)) from None
        if not all(math.isfinite(x) and 0 < x <= MAX_PAGE_POINTS for x in (width, height)):
            page.close()
            raise ReportError(
                f"{self.path}: damaged PDF: page {number} is {width:g} × {height:g} points; "
                f"a page is at most {MAX_PAGE_POINTS:,.0f} points a side"
            )
        return page

    def _pdfium_text(self, number: int) -> str:
        page = self._pdfium_page(number)
        try:
            textpage = page.get_textpage()
            try:
                count = textpage.count_chars()
                if count > MAX_PAGE_CHARS:
                    raise ReportError(
                        f"{self.path}: page {number} has {count:,} characters; capex reads at "
                        f"most {MAX_PAGE_CHARS:,} a page (a report page has a few thousand)"
                    )
                self._total_chars += max(count, 0)
                if self._total_chars > MAX_DOCUMENT_CHARS:
                    raise ReportError(
                        f"{self.path}: more than {MAX_DOCUMENT_CHARS:,} characters by page "
                        f"{number}; capex reads at most that many in a document"
                    )
                self._chars[number] = count
                return str(textpage.get_text_range())
            finally:
                textpage.close()
        except ReportError:
            raise
        except Exception as exc:
            raise self._damaged(number, why(exc)) from None
        finally:
            page.close()

    def _plumber_page(self, number: int) -> pdfplumber.page.Page:
        if self._plumber is None:
            self._plumber = _open_plumber(self.path, self._data)
        try:
            pages = self._plumber.pages
            if len(pages) != self.page_count:
                raise ReportError(
                    f"{self.path}: damaged PDF: its page tree makes no sense (one reading finds "
                    f"{self.page_count} pages, another {len(pages)})"
                )
            return pages[number - 1]
        except ReportError:
            raise
        except Exception as exc:
            raise self._damaged(number, why(exc)) from None

    def _damaged(self, number: int, reason: str) -> ReportError:
        return ReportError(f"{self.path}: damaged PDF: page {number} cannot be read ({reason})")


def _text_layout(page: pdfplumber.page.Page) -> Any:
    """The page's layout as pdfplumber makes it (its ``layout`` property), without the
    paths and images: lines of text need only the characters, and a cover drawn in
    thousands of curves took 0.6 s to lay out with them, 0.1 s without."""
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfplumber.page import PDFPageAggregatorWithMarkedContent

    class TextOnly(PDFPageAggregatorWithMarkedContent):
        def paint_path(self, *args: Any, **kwargs: Any) -> None:
            return None

        def render_image(self, *args: Any, **kwargs: Any) -> None:
            return None

    device = TextOnly(page.pdf.rsrcmgr, pageno=page.page_number, laparams=page.pdf.laparams)
    PDFPageInterpreter(page.pdf.rsrcmgr, device).process_page(page.page_obj)
    return device.get_result()


def _page_text(page: pdfplumber.page.Page) -> str:
    """The page's text as ``page.filter(not a space).extract_text(x_tolerance_ratio=...)``
    gives it, from the characters alone. pdfplumber turns every object of the layout into a
    dictionary of all its attributes (colours, graphic state, marked content), which took
    half the time of a layout; lines of text need a character's text, box and size, computed
    here as pdfplumber computes them (page.py, ``process_object``), in the same order."""
    from pdfminer.layout import LTChar, LTContainer
    from pdfplumber.utils.text import chars_to_textmap

    height = page.height
    mb_x0, mb_top = page.mediabox[:2]
    doctop = page.initial_doctop
    chars: list[dict[str, Any]] = []
    stack = [iter(_text_layout(page)._objs)]
    while stack:
        obj = next(stack[-1], None)
        if obj is None:
            stack.pop()
        elif isinstance(obj, LTContainer):
            stack.append(iter(obj._objs))
        elif isinstance(obj, LTChar):
            text = obj.get_text()
            # A space glyph is placed by the text layer, often on another baseline than its
            # words; pdfplumber sorts it into the line and splits a word around it. Gaps
            # make the spaces.
            if text.isspace():
                continue
            top = (height - obj.y1) + mb_top
            chars.append(
                {
                    "text": text,
                    "x0": obj.x0 + mb_x0 if mb_x0 != 0 else obj.x0,
                    "x1": obj.x1 + mb_x0 if mb_x0 != 0 else obj.x1,
                    "top": top,
                    "bottom": (height - obj.y0) + mb_top,
                    "doctop": doctop + top,
                    "upright": obj.upright,
                    "size": obj.size,
                }
            )
    textmap = chars_to_textmap(
        chars,
        layout_bbox=page.bbox,
        layout_width=page.width,
        layout_height=page.height,
        x_tolerance_ratio=X_TOLERANCE_RATIO,
    )
    return str(textmap.as_string)


def _open(path: Path, data: bytes) -> pypdfium2.PdfDocument:
    import pypdfium2

    try:
        return pypdfium2.PdfDocument(data)
    except Exception as exc:
        text = str(exc)
        if "password" in text.casefold():
            raise ReportError(
                f"{path}: encrypted: it opens only with a password; save an unprotected copy "
                "(the HKEXnews original is not protected)"
            ) from None
        if "security" in text.casefold():
            raise ReportError(
                f"{path}: encrypted with a method capex cannot open ({why(exc)})"
            ) from None
        raise ReportError(f"{path}: damaged PDF: it cannot be opened ({why(exc)})") from None


def _open_plumber(path: Path, data: bytes) -> pdfplumber.PDF:
    # Quiet pdfminer's and pdfplumber's warnings about fonts and colours: they are about how a
    # page looks, not about its text, and a command's stderr is for its own messages.
    for name in ("pdfminer", "pdfplumber"):
        logging.getLogger(name).setLevel(logging.ERROR)
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        return pdfplumber.open(io.BytesIO(data))
    except Exception as exc:
        cause = exc.__cause__ or (exc.args[0] if exc.args else None)
        if isinstance(exc, PDFPasswordIncorrect) or isinstance(cause, PDFPasswordIncorrect):
            raise ReportError(f"{path}: encrypted: it opens only with a password") from None
        if isinstance(exc, PDFEncryptionError) or isinstance(cause, PDFEncryptionError):
            raise ReportError(
                f"{path}: encrypted with a method capex cannot open ({why(cause or exc)})"
            ) from None
        raise ReportError(f"{path}: damaged PDF: it cannot be opened ({why(exc)})") from None


def why(exc: object) -> str:
    """A one-line reason from a library's exception, however it nests, without controls."""
    while isinstance(exc, BaseException) and exc.args and isinstance(exc.args[0], BaseException):
        exc = exc.args[0]
    if isinstance(exc, RecursionError):
        return "its objects refer to each other in a loop"
    text = " ".join(clean(str(exc)).split())[:200]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
