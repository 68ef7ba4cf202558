"""The language of this run's messages, as cli/app.py's main() read it from the arguments and
the locale; here, below the CLI, so that any part of the CLI can word a message in it
without importing the app."""

from __future__ import annotations

from contextvars import ContextVar

LANG: ContextVar[str] = ContextVar("capex_lang", default="en")


def translated(message: str) -> str:
    """A message of the CLI (an English catalog template, filled) in the run's language."""
    if LANG.get() != "zh":
        return message
    from capexcli.present.catalog import translate_message

    return translate_message(message)
