"""Run a command's computation and print its result, or replay the output of an identical
earlier run from the output cache (:mod:`capexcli.store.cache`)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from capexcli.present.output import Out, emit


def run(
    command: str,
    options: Mapping[str, object],
    files: Sequence[Path],
    out: Out,
    produce: Callable[[], Any],
) -> Any:
    """Produce and emit a result, or replay it from the output cache (see cache.py).

    Cached: output to stdout in a machine-readable format, or a table going to a pipe or
    file (plain text laid out for the page width, which is part of the key). Not cached: tables
    on a terminal (they depend on its width and colours) and files written with -o, --svg
    or --html. Returns the result, or None when it came from the cache."""
    from capexcli.store import cache

    table = out.format == "table"
    cacheable = (
        cache.enabled()
        and out.output is None
        and out.svg is None
        and out.html is None
        and out.png is None
        and not (table and (sys.stdout.isatty() or os.environ.get("FORCE_COLOR")))
    )
    entry = None
    if cacheable:
        settings = {
            **options,
            "format": out.format,
            "units": out.units,
            "lang": out.lang,
            "view": out.view,
            "bom": out.bom,
        }
        if table:
            from capexcli.present.style import page_width

            # A table going to a pipe is laid out for the page width (COLUMNS, else 80).
            settings["width"] = page_width()
        entry = cache.key(command, settings, files)
    if entry is not None:
        hit = cache.get(entry)
        if hit is not None:
            sys.stdout.write(hit)
            return None
    if entry is not None:
        from capexcli.store import reads

        reads.forget()
    result = produce()
    if entry is None:
        emit(result, out)
        return result
    if table:
        from capexcli.present.output import table_text

        text = table_text(result, out)
    else:
        from capexcli.present.output import render_text

        text = render_text(result, out) or ""
    sys.stdout.write(text)
    # Stored under the key of the bytes the run parsed, not of what the files hold now: a
    # file saved while capex computed, even saved back, must not file one version's numbers
    # under the other's key.
    from capexcli.store import reads

    digests = reads.digests(files)
    parsed = cache.key_of(command, settings, files, digests) if digests is not None else None
    if parsed is not None:
        cache.put(parsed, text)
    return result
