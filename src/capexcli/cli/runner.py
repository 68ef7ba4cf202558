"""Run a command's computation and print its result, or replay the output of an identical
earlier run from the output cache (:mod:`capexcli.store.cache`)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from capexcli.errors import CheckFailed
from capexcli.present.output import Out, emit


class Replayable(NamedTuple):
    """A run whose output the cache holds: what cli/entry.py files for its invocation."""

    command: str
    settings: dict[str, object]
    files: list[Path]
    text: str


#: The last run() of this process whose output the cache holds, else None.
replayable: Replayable | None = None


def run(
    command: str,
    options: Mapping[str, object],
    files: Sequence[Path],
    out: Out,
    produce: Callable[[], Any],
    failure: Callable[[Any], str | None] | None = None,
    *,
    cacheable: bool = True,
) -> Any:
    """Produce and emit a result, or replay it from the output cache (see cache.py).

    Cached: output to stdout in a machine-readable format, or a table going to a pipe or
    file (plain text laid out for the page width, which is part of the key). Not cached: tables
    on a terminal (they depend on its width and colours) and files written with -o, --svg
    or --html. ``failure`` says, from the result, why the run must exit 1 (a check the user
    asked for failed: CheckFailed after the output), or None. ``cacheable=False``: a run
    whose inputs are not files (what a server sends) is always computed. Returns the result,
    or None when it came from the cache."""
    global replayable
    from capexcli.store import cache

    replayable = None
    table = out.format == "table"
    cacheable = (
        cacheable
        and cache.enabled()
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
        hit = cache.get_output(entry)
        if hit is not None:
            text, failed = hit
            sys.stdout.write(text)
            if failed is not None:
                raise CheckFailed(failed)
            replayable = Replayable(command, settings, list(files), text)
            return None
    if entry is not None:
        from capexcli.store import reads

        reads.forget()
    result = produce()
    failed = failure(result) if failure is not None else None
    if entry is None:
        emit(result, out)
        if failed is not None:
            raise CheckFailed(failed)
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
        cache.put_output(parsed, text, failed)
        if failed is None:
            replayable = Replayable(command, settings, list(files), text)
    if failed is not None:
        raise CheckFailed(failed)
    return result
