"""The output a run asked for: its options made into one :class:`~capexcli.present.output.Out`,
and the language of the run (``--lang`` wherever it stands, else the locale's)."""

from __future__ import annotations

from contextvars import ContextVar
from pathlib import Path

from capexcli.errors import OptionError
from capexcli.present.output import Out, choose_format

#: The language of this run, as main() read it from the arguments (--lang before or after the
#: command or --help) and the locale; None outside main() (a command called directly).
RUN_LANG: ContextVar[str | None] = ContextVar("capex_run_lang", default=None)


def make_out(
    as_json: bool = False,
    fmt: str | None = None,
    units: str = "million",
    lang: str | None = None,
    output: Path | None = None,
    force: bool = False,
    svg: Path | None = None,
    html: Path | None = None,
    view: str | None = None,
    bom: bool = False,
    png: Path | None = None,
) -> Out:
    given = fmt.strip().lower() if fmt is not None else None
    if as_json and given is not None and given != "json":
        raise OptionError(f"--json and --format {given} disagree: choose one")
    return Out(
        format=choose_format("json" if as_json else given, output),
        units=units.strip().lower(),
        lang=lang.strip().lower() if lang is not None else (RUN_LANG.get() or locale_lang()),
        output=output,
        force=force,
        svg=svg,
        html=html,
        view=view,
        bom=bom,
        png=png,
    )


def locale_lang() -> str:
    """``zh`` when the locale asks for Chinese messages, as POSIX reads it: the first of
    LC_ALL, LC_MESSAGES and LANG that is set and not empty; else ``en``."""
    import os

    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"
