"""Replay a repeated command line before Typer, pydantic or any model is imported.

The output cache (cache.py) already saves the computation of a repeated run, but a hit is
found only after the command line is parsed: Typer and its pydantic adapters, the options'
types, the command's module. A script that runs `capex compare --json` in a loop pays that
every time. So a run that was replayed or stored by the output cache also files, under the
key of its *invocation*, what the parse gave: the command, its settings and its input files.
The next identical invocation reads that, recomputes the output key from the files' bytes
now (cache.key: the SHA-256 of each file, capex's and the libraries' fingerprint) and
prints the entry, without parsing anything.

The invocation is everything the parse and the choice of files can depend on: the
arguments, the working folder, the environment variables capex or Python read (CAPEX_*,
XDG_*, locale, terminal size, colour, Python's I/O settings), whether stdout is a terminal,
whether the user's data file exists, and for every argument that names a file or folder,
what it is (a folder's listing too: `--facts FOLDER` reads the files in it). Anything
outside that set makes a different invocation and is parsed as usual.

An invocation is filed only when the run wrote exactly the stored output to stdout, nothing
to stderr, and exited 0 (cli/entry.py checks): a replay is then indistinguishable from the
run it replaces.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from capexcli.store import cache

SUFFIX = ".run"
#: Environment variables that change how a command line is parsed or what it reads or prints.
_ENV_NAMES = frozenset(
    {
        "HOME",
        "APPDATA",
        "LANG",
        "LANGUAGE",
        "COLUMNS",
        "LINES",
        "NO_COLOR",
        "FORCE_COLOR",
        "TERM",
        "TZ",
    }
)
_ENV_PREFIXES = ("CAPEX_", "XDG_", "LC_", "PYTHON", "_CAPEX")


def _environment(environ: Mapping[str, str]) -> list[tuple[str, str]]:
    return sorted(
        (name, value)
        for name, value in environ.items()
        if name in _ENV_NAMES or name.startswith(_ENV_PREFIXES)
    )


def _paths_named(argv: Sequence[str]) -> list[list[object]]:
    """What each argument that names a file system entry is (``--facts tencent=FILE`` names
    one after its ``=``): a folder with its listing, or a file."""
    named: list[list[object]] = []
    for arg in argv:
        for candidate in {arg, arg.partition("=")[2]} - {""}:
            try:
                if os.path.isdir(candidate):
                    named.append([candidate, "dir", sorted(os.listdir(candidate))])
                elif os.path.lexists(candidate):
                    named.append([candidate, "file"])
            except (OSError, ValueError):
                return [[candidate, "unreadable"]]
    return named


def invocation_key(argv: Sequence[str]) -> str | None:
    """The key of this command line in this environment, or None when it cannot be known."""
    from capexcli.store.paths import user_data_path

    if "_CAPEX_COMPLETE" in os.environ:
        return None  # shell completion: Typer answers it while parsing
    try:
        stdout = sys.stdout
        invocation = {
            "argv": list(argv),
            "cwd": os.getcwd(),
            "env": _environment(os.environ),
            "tty": bool(stdout is not None and stdout.isatty()),
            "encoding": getattr(stdout, "encoding", None),
            "user_data": user_data_path().is_file(),
            "named": _paths_named(argv),
        }
    except (OSError, ValueError):
        return None
    text = json.dumps(invocation, sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(b"invocation\0" + text.encode()).hexdigest() + SUFFIX


def lookup_entry(entry: str) -> str | None:
    """The output of an earlier run of the invocation with this key (:func:`invocation_key`),
    if its inputs, capex and the libraries are unchanged; else None (the command line is
    then parsed as usual)."""
    filed = cache.get(entry)
    if filed is None:
        return None
    try:
        run = json.loads(filed)
        command, settings, files = run["command"], run["settings"], run["files"]
        if not (isinstance(command, str) and isinstance(settings, dict)):
            return None
        paths = [Path(f) for f in files if isinstance(f, str)]
    except (ValueError, KeyError, TypeError):
        return None
    if len(paths) != len(files):
        return None
    key = cache.key(command, settings, paths)
    output = cache.get_output(key) if key is not None else None
    if output is None or output[1] is not None:
        return None  # a failed check ends with a message on stderr: the run says it
    return output[0]


def remember(
    entry: str, command: str, settings: Mapping[str, object], files: Sequence[Path]
) -> None:
    """File what the parse of an invocation gave (see :func:`lookup`)."""
    run = {
        "command": command,
        "settings": dict(settings),
        "files": [os.path.abspath(f) for f in files],
    }
    try:
        text = json.dumps(run, sort_keys=True, default=str)
        # The output key is computed from the settings as JSON (cache.key_of); filed only if
        # read back they give the very same JSON, and so the same key.
        again = json.loads(text)["settings"]
        same = json.dumps([command, again], sort_keys=True, default=str) == json.dumps(
            [command, dict(settings)], sort_keys=True, default=str
        )
    except (TypeError, ValueError):
        return
    if same:
        cache.put(entry, text)
