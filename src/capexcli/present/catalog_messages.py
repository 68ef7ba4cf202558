"""The catalog's entries for errors and messages (see catalog.py)."""

from __future__ import annotations

MESSAGES_ZH: dict[str, str] = {}
