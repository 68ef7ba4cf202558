"""Unsafe text: the characters refused in data and dropped before printing."""

from __future__ import annotations

import sys

from capexcli.model.safe_text import CONTROL, first_control


def test_no_unsafe_character_is_printable() -> None:
    # first_control() answers "none" for any printable string without its regular
    # expression: sound only if every character the expression finds is not printable.
    unsafe = [chr(c) for c in range(sys.maxunicode + 1) if CONTROL.fullmatch(chr(c))]
    assert len(unsafe) > 2000  # C0, C1, bidi controls, surrogates, U+FFFE/FFFF ...
    assert not [c for c in unsafe if c.isprintable()]


def test_the_first_unsafe_character_is_found_printable_or_not() -> None:
    assert first_control("Tencent 腾讯 0700.HK") is None
    assert first_control("a\tb\nc") is None  # not printable, but allowed
    assert first_control("a\u00a0b\u202eX\x1b") == "\u202e"  # NBSP is not printable either
    assert first_control("\ud800") == "\ud800"
