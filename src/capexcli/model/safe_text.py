"""Text that is safe to print: no character that a terminal, a spreadsheet, an XML parser or
a reader's eye would take for something other than text.

Refused in a data file (records.py), dropped from a PDF's text (importers/report/text.py) and,
as a last guard, from every result and message before it is printed (present/output.py):
C0 and C1 controls but tab and newline (an escape sequence can clear a screen or set a
clipboard), the Unicode controls that reorder or hide text (bidirectional overrides and
isolates, which can make a figure read backwards), line and paragraph separators, and what
XML cannot hold (a lone surrogate, as Python decodes a non-UTF-8 argument, U+FFFE, U+FFFF).
"""

from __future__ import annotations

import re

CONTROL = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    r"\ud800-\udfff\ufeff\ufffe\uffff]"
)


def first_control(text: str) -> str | None:
    """The first such character of ``text``, or None."""
    if text.isprintable():
        # None of them is printable (tests/model/test_safe_text.py checks each): a test in C
        # that settles most strings, which a data file of 5,000 companies has 400,000 of.
        return None
    found = CONTROL.search(text)
    return found.group() if found else None


def strip_controls(text: str) -> str:
    """``text`` without them (a lone surrogate becomes U+FFFD: a character was there)."""
    if not CONTROL.search(text):
        return text
    return CONTROL.sub(lambda m: "\ufffd" if "\ud800" <= m.group() <= "\udfff" else "", text)


def show_controls(text: str) -> str:
    """``text`` with them written as escapes (``\\x1b``, ``\\u202e``): for a message that
    echoes what a user gave, so that they see what was wrong with it."""
    if not CONTROL.search(text):
        return text
    return CONTROL.sub(lambda m: repr(m.group())[1:-1] if m.group() != "\\" else m.group(), text)
