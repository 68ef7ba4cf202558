"""A PDF's text, page by page: the one module that opens PDFs.

pdfplumber (over pdfminer.six) reads them. Two passes, because a 190-page annual report takes
12 s to lay out whole: :meth:`PdfText.raw` is the text of a page as the content stream gives it,
without layout (a third of the time), good enough to find the pages that matter;
:meth:`PdfText.lines` lays out one page into lines of text, a label beside its amounts.

Every failure of a hostile or damaged file becomes a :class:`~capexcli.errors.ReportError`
that says which kind it is (not a PDF, encrypted, damaged); nothing here prints.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any

from capexcli.errors import ReportError

if TYPE_CHECKING:
    import pdfplumber

#: A longer document is not an annual report, and reading it would take minutes.
MAX_PAGES = 2000
#: Spaces are placed where glyphs stand apart by more than this share of the font size.
#: pdfplumber's default (3 points) plus the space glyphs of the text layer split words
#: ("N ET CASH", "No tes") in real reports; without the space glyphs and with 0.15 of the font
#: size, the fixture reports read as printed.
X_TOLERANCE_RATIO = 0.15


class PdfText:
    """An open PDF. Use as a context manager; pages are numbered from 1, as viewers do."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._pdf = _open(path)
        try:
            self.page_count = len(self._pdf.pages)
        except Exception as exc:  # pdfminer raises anything on a damaged page tree
            self.close()
            raise ReportError(
                f"{path}: damaged PDF: its pages cannot be listed ({_why(exc)})"
            ) from None
        self._lines: dict[int, list[str]] = {}
        self._raw: dict[int, str] = {}

    def __enter__(self) -> PdfText:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._pdf.close()

    @property
    def title(self) -> str | None:
        """The document's own title (metadata), if it has a text one."""
        value = self._pdf.metadata.get("Title")
        return value.strip() or None if isinstance(value, str) else None

    def raw(self, number: int) -> str:
        """The page's characters in content-stream order, no layout: for finding pages."""
        if number not in self._raw:
            from pdfminer.converter import TextConverter
            from pdfminer.pdfinterp import PDFPageInterpreter

            page = self._page(number)
            out = io.StringIO()
            device = TextConverter(self._pdf.rsrcmgr, out, laparams=None)
            try:
                PDFPageInterpreter(self._pdf.rsrcmgr, device).process_page(page.page_obj)
            except Exception as exc:
                raise ReportError(
                    f"{self.path}: damaged PDF: page {number} cannot be read ({_why(exc)})"
                ) from None
            finally:
                device.close()
            self._raw[number] = out.getvalue()
        return self._raw[number]

    def lines(self, number: int) -> list[str]:
        """The page laid out as lines of text, top to bottom."""
        if number not in self._lines:
            page = self._page(number)
            try:
                text = page.filter(_not_a_space).extract_text(x_tolerance_ratio=X_TOLERANCE_RATIO)
            except Exception as exc:
                raise ReportError(
                    f"{self.path}: damaged PDF: page {number} cannot be read ({_why(exc)})"
                ) from None
            self._lines[number] = [line.strip() for line in text.splitlines() if line.strip()]
        return self._lines[number]

    def has_images(self, number: int) -> bool:
        try:
            return bool(self._page(number).images)
        except ReportError:
            raise
        except Exception:
            return False

    def _page(self, number: int) -> pdfplumber.page.Page:
        try:
            return self._pdf.pages[number - 1]
        except Exception as exc:
            raise ReportError(
                f"{self.path}: damaged PDF: page {number} cannot be read ({_why(exc)})"
            ) from None


def _not_a_space(obj: dict[str, Any]) -> bool:
    # A space glyph is placed by the text layer, often on another baseline than its words;
    # pdfplumber sorts it into the line and splits a word around it. Gaps make the spaces.
    return not (obj.get("object_type") == "char" and str(obj.get("text", "")).isspace())


def _open(path: Path) -> pdfplumber.PDF:
    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
    except IsADirectoryError:
        raise ReportError(f"{path}: is a folder, not a PDF") from None
    except OSError as exc:
        raise ReportError(f"{path}: cannot read it: {exc.strerror or exc}") from None
    if b"%PDF-" not in head:
        raise ReportError(
            f"{path}: not a PDF (a PDF starts with %PDF-; this file starts with {head[:16]!r})"
        )
    # Quiet pdfminer's and pdfplumber's warnings about fonts and colours: they are about how a
    # page looks, not about its text, and a command's stderr is for its own messages.
    for name in ("pdfminer", "pdfplumber"):
        logging.getLogger(name).setLevel(logging.ERROR)
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(path)
    except Exception as exc:
        cause = exc.__cause__ or (exc.args[0] if exc.args else None)
        if isinstance(exc, PDFPasswordIncorrect) or isinstance(cause, PDFPasswordIncorrect):
            raise ReportError(
                f"{path}: encrypted: it opens only with a password; save an unprotected copy "
                "(the HKEXnews original is not protected)"
            ) from None
        if isinstance(exc, PDFEncryptionError) or isinstance(cause, PDFEncryptionError):
            raise ReportError(
                f"{path}: encrypted with a method capex cannot open ({_why(cause or exc)})"
            ) from None
        raise ReportError(f"{path}: damaged PDF: it cannot be opened ({_why(exc)})") from None
    return pdf


def _why(exc: object) -> str:
    """A one-line reason from a library's exception, however it nests."""
    while isinstance(exc, BaseException) and exc.args and isinstance(exc.args[0], BaseException):
        exc = exc.args[0]
    text = " ".join(str(exc).split())[:200]
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
