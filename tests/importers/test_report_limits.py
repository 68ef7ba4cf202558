"""`capex import report` reads any PDF within its limits (capexcli.importers.report.limits,
README "Limits"): each test builds the hostile file it is about and checks the error that
names the limit, or that the file is read as far as it makes sense.

The fence is a forked child: a limit lowered with monkeypatch here holds there too."""

from __future__ import annotations

import os
import time
from decimal import Decimal
from pathlib import Path

import pytest

from capexcli.errors import ReportError
from capexcli.importers.report import limits, read_report
from capexcli.importers.report import text as pdf_text
from tests.importers.test_report import STATEMENT
from tests.pdf_helpers import (
    FONT,
    deflate_bomb,
    pdf_of,
    shared_pages,
    stream,
    text_content,
    text_pdf,
    write,
)

CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
ONE_PAGE = b"<< /Type /Pages /Kids [4 0 R] /Count 1 >>"
#: Page 4 of a one-page file: font 3, content 5, more resources where %s is.
PAGE = (
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
    b"/Resources << /Font << /F1 3 0 R >> %s >> /Contents 5 0 R >>"
)


def refused(path: Path, message: str) -> None:
    started = time.monotonic()
    with pytest.raises(ReportError, match=message) as caught:
        read_report(path)
    assert str(path) in caught.value.message
    assert time.monotonic() - started < limits.TIME_LIMIT + 5


# Files that are not files


def test_a_fifo_is_refused_before_it_is_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "report.pdf"
    os.mkfifo(fifo)  # nothing writes to it: opening it to read would block for ever
    refused(fifo, "not a regular file")


def test_a_device_is_refused(tmp_path: Path) -> None:
    refused(Path("/dev/zero"), "not a regular file")  # endless zeros


def test_a_file_over_the_size_limit_is_refused_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 1000)
    refused(write(tmp_path / "big.pdf", text_pdf([STATEMENT])), "capex reads PDFs of at most")


# Counted limits: pages, characters, boxes


def test_more_pages_than_the_limit(tmp_path: Path) -> None:
    # 2,001 page objects that all draw one tiny content stream: a small file.
    data = shared_pages(limits.MAX_PAGES + 1, text_content(["x"]))
    refused(write(tmp_path / "pages.pdf", data), "2001 pages; capex reads reports of at most 2000")


def test_a_page_with_too_many_characters(tmp_path: Path) -> None:
    # 21 lines of 10,000 glyphs: 210,000 characters (and the line breaks pdfium adds).
    data = shared_pages(1, text_content(["A" * 10_000] * 21))
    refused(write(tmp_path / "dense.pdf", data), "page 1 has 210,0.. characters; capex reads")


def test_many_pages_sharing_one_dense_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each page is within the page limit; together they pass the document's. The real limit
    # (20 million) takes seconds to reach; lowered, the same check stops at page 10: each
    # page counts 10,000 glyphs and the line breaks pdfium adds, 10 pages 100,000 and more.
    monkeypatch.setattr(pdf_text, "MAX_DOCUMENT_CHARS", 100_000)
    data = shared_pages(12, text_content(["B" * 5_000] * 2))
    refused(write(tmp_path / "shared.pdf", data), "more than 100,000 characters by page 10")


@pytest.mark.parametrize(
    ("box", "message"),
    [
        (b"[0 0 99999999 99999999]", "page 1 is 1e\\+08 × 1e\\+08 points"),
        (b"[0 0 /Wide (tall)]", "damaged PDF: page 1 cannot be read"),
    ],
    ids=["huge", "not-numbers"],
)
def test_boxes_that_make_no_sense(tmp_path: Path, box: bytes, message: str) -> None:
    data = text_pdf([STATEMENT]).replace(b"[0 0 595 842]", box)
    refused(write(tmp_path / "box.pdf", data), message)


# Loops


def test_a_page_tree_that_contains_itself(tmp_path: Path) -> None:
    pages = b"<< /Type /Pages /Kids [4 0 R 2 0 R] /Count 2 >>"
    data = pdf_of([CATALOG, pages, FONT, PAGE % b"", stream(text_content(STATEMENT))])
    refused(write(tmp_path / "tree.pdf", data), "its page tree makes no sense")


def test_a_stream_whose_length_is_itself(tmp_path: Path) -> None:
    content = text_content(STATEMENT)
    own_length = b"<< /Length 5 0 R >>\nstream\n" + content + b"\nendstream"
    data = pdf_of([CATALOG, ONE_PAGE, FONT, PAGE % b"", own_length])
    refused(write(tmp_path / "length.pdf", data), "refer to each other in a loop")


def test_a_form_that_draws_itself_is_read_once(tmp_path: Path) -> None:
    # Both libraries stop the recursion; the statement beside it reads as printed.
    form = stream(
        b"/X1 Do",
        b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] "
        b"/Resources << /XObject << /X1 6 0 R >> >> ",
    )
    page = PAGE % b"/XObject << /X1 6 0 R >>"
    content = stream(text_content(STATEMENT) + b"\n/X1 Do")
    data = pdf_of([CATALOG, ONE_PAGE, FONT, page, content, form])
    report = read_report(write(tmp_path / "form.pdf", data))
    (ocf,) = report.rows_of("operating_cash_flow")
    assert ocf.values == {2024: Decimal("258.521"), 2023: Decimal("221.962")}


def _nested_forms(depth: int) -> bytes:
    """Form i draws form i-1 four times: 4**depth glyphs from a few hundred bytes."""
    names = b" ".join(b"/X%d %d 0 R" % (i, 6 + i) for i in range(depth))
    objects = [CATALOG, ONE_PAGE, FONT, PAGE % (b"/XObject << " + names + b" >>")]
    objects.append(stream(text_content(STATEMENT) + b"\n/X%d Do" % (depth - 1)))
    for i in range(depth):
        body = b"BT /F1 1 Tf (a) Tj ET" if i == 0 else b"/X%d Do " % (i - 1) * 4
        objects.append(
            stream(
                body,
                b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources << "
                b"/Font << /F1 3 0 R >> /XObject << " + names + b" >> >> ",
            )
        )
    return pdf_of(objects)


def test_content_that_repeats_without_end_hits_the_time_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(limits, "TIME_LIMIT", 1.0)
    # Its layout grows by ~750 MB a second: with the usual memory limit the two limits race
    # (the memory one won about one run in five). The time limit is what this file tests.
    monkeypatch.setattr(limits, "MEMORY_LIMIT", 3 * limits.MEMORY_LIMIT)
    refused(write(tmp_path / "laughs.pdf", _nested_forms(24)), "took longer than 1 s")


# Streams


def test_a_stream_that_expands_without_end_hits_the_memory_limit(tmp_path: Path) -> None:
    # 2 MB on disk, 2 GiB of spaces once inflated: pdfium aborts past the limit, in the child.
    bomb = deflate_bomb(2048)
    content = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(bomb) + bomb
    data = pdf_of([CATALOG, ONE_PAGE, FONT, PAGE % b"", content + b"\nendstream"])
    refused(write(tmp_path / "bomb.pdf", data), "needs more than 768 MB, capex's limit")


# Text


def test_control_characters_never_leave_the_pdf(tmp_path: Path) -> None:
    hostile = [
        line.replace("land use rights", "land use rights\x1b[2J\x07\x08\x00") for line in STATEMENT
    ]
    report = read_report(write(tmp_path / "ansi.pdf", text_pdf([["Annual Report"], hostile])))
    (land,) = report.rows_of("land")
    assert land.row.label == "Payments for land use rights[2J"
    assert land.values == {2024: Decimal("6.727"), 2023: Decimal("0.357")}


def test_clean_keeps_text_and_drops_controls() -> None:
    assert pdf_text.clean("a\tb\nc\rd\x1b]52;c;AAAA\x07e\u202eF\u2066G\x85") == (
        "a\tb\nc d]52;c;AAAAeFG"
    )
