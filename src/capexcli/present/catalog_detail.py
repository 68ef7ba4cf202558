"""The catalog's entries for one claim in full and for the other listings (see catalog.py)."""

from __future__ import annotations

DETAIL_ZH: dict[str, str] = {}
