"""Tiny PDFs written by hand for the tests of `capex import report`: pages of text lines in
Helvetica (a standard font, nothing embedded), a page that is only an image, an encrypted
file."""

from __future__ import annotations

import io
from pathlib import Path


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF of numbered ``objects`` (1 is the catalog), with its cross-reference table."""
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def _stream(content: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s>>\nstream\n" % (len(content), extra) + content + b"\nendstream"


def text_pdf(pages: list[list[str]]) -> bytes:
    """A PDF whose pages hold these lines of (Latin-1) text, top to bottom."""
    count = len(pages)
    # 1 catalog, 2 pages, 3 font, then per page: page object, content stream.
    kids = b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    for i, lines in enumerate(pages):
        content = b"BT /F1 10 Tf 40 800 Td 14 TL\n"
        for line in lines:
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            content += b"(" + escaped.encode("cp1252") + b") Tj T*\n"
        content += b"ET"
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % (5 + 2 * i)
        )
        objects.append(_stream(content))
    return _pdf(objects)


def image_pdf() -> bytes:
    """A 'scanned' page: one grey image over the page, no text."""
    pixels = bytes([128]) * 16
    return _pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            b"/Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>",
            _stream(
                pixels,
                b"/Type /XObject /Subtype /Image /Width 4 /Height 4 /ColorSpace /DeviceGray "
                b"/BitsPerComponent 8 ",
            ),
            _stream(b"q 595 0 0 842 0 0 cm /Im1 Do Q"),
        ]
    )


def encrypted_pdf(source: bytes, user_password: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(source)))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# Hostile PDFs: each builds what one limit of capexcli.importers.report.limits is for.

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"


def pdf_of(objects: list[bytes]) -> bytes:
    """A PDF of these objects, numbered from 1 (1 is the catalog)."""
    return _pdf(objects)


def stream(content: bytes, extra: bytes = b"") -> bytes:
    return _stream(content, extra)


def text_content(lines: list[str]) -> bytes:
    """A content stream that shows these lines in font /F1, top to bottom."""
    content = b"BT /F1 10 Tf 40 800 Td 14 TL\n"
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        content += b"(" + escaped.encode("latin-1") + b") Tj T*\n"
    return content + b"ET"


def shared_pages(count: int, content: bytes, box: bytes = b"[0 0 595 842]") -> bytes:
    """``count`` pages that all draw the one content stream (object 4)."""
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
        FONT,
        _stream(content),
    ]
    objects += [
        b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Resources << /Font << /F1 3 0 R >> >> "
        b"/Contents 4 0 R >>" % box
    ] * count
    return _pdf(objects)


def deflate_bomb(size_mb: int) -> bytes:
    """A zlib stream of ``size_mb`` MiB of spaces in a ~1/1000 of that: one compressed MiB,
    flushed to a block boundary, repeated (each copy decodes on its own)."""
    import struct
    import zlib

    block = b" " * (1 << 20)
    compressor = zlib.compressobj(9)
    part = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    header, part = part[:2], part[2:]
    checksum = 1
    for _ in range(size_mb):
        checksum = zlib.adler32(block, checksum)
    # b"\x03\x00": an empty final block of fixed codes; then the Adler-32 of all of it.
    return header + part * size_mb + b"\x03\x00" + struct.pack(">I", checksum)
