"""The ``capex`` console script: replay a repeated command line, else run it.

A script that runs `capex compare --json` every minute on a file that changes once a year
should not pay for Typer, pydantic and the models each time: an invocation seen before, on
the same inputs and the same capex, is answered from the cache before any of them is imported
(store/replay.py says what "the same" covers). Everything else goes to
:func:`capexcli.cli.commands.main`.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> None:
    """Console-script entry point."""
    args = list(sys.argv[1:] if argv is None else argv)
    early = _read_early(args)
    try:
        _main(args)
    finally:
        if early:
            from capexcli.importers.report.reading import cancel_early

            cancel_early()


def _main(args: list[str]) -> None:
    from capexcli.store import cache

    entry = None
    if cache.enabled() and sys.stdout is not None:
        from capexcli.store import replay

        entry = replay.invocation_key(args)
        text = replay.lookup_entry(entry) if entry is not None else None
        if text is not None:
            sys.exit(_write(text, args))

    from capexcli.cli.commands import main as run_main

    try:
        run_main(args)
        code: object = 0
    except SystemExit as stop:
        code = stop.code
    if entry is not None and code in (0, None):
        _remember(entry)
    sys.exit(code)


#: `import report` options that take a value, and flags: what the early start below knows.
_REPORT_VALUED = frozenset({"--company", "--year", "--url", "--timeout", "--lang"})
_REPORT_FLAGS = frozenset({"--force", "--json"})


def _read_early(args: list[str]) -> bool:
    """`capex import report FILE.pdf`: start reading the PDF now, in its forked child, while
    this process imports Typer, pydantic and the models (~70 ms). The command adopts the
    reading if its parsed options ask for this one (reading.py compares them); a command
    line this does not fully understand (--into, whose data file dates the columns, --help,
    a URL, an unknown option) starts nothing here and is read as before."""
    if args[:2] != ["import", "report"]:
        return False
    source: str | None = None
    url: str | None = None
    year: int | None = None
    rest = args[2:]
    index = 0
    while index < len(rest):
        arg = rest[index]
        name, equals, value = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        if name in _REPORT_VALUED:
            if not equals:
                if index + 1 >= len(rest):
                    return False
                index += 1
                value = rest[index]
            if name == "--url":
                url = value
            elif name == "--year":
                if not value.isdigit():
                    return False
                year = int(value)
        elif name not in _REPORT_FLAGS:
            if arg.startswith("-") or source is not None:
                return False
            source = arg
        index += 1
    if source is None or source.startswith(("https://", "http://")):
        return False
    import stat

    try:
        if not stat.S_ISREG(os.stat(source).st_mode):
            return False
    except (OSError, ValueError):
        return False
    from pathlib import Path

    from capexcli.importers.report.reading import start_early

    start_early(Path(source), url, year)
    return True


def _remember(entry: str) -> None:
    """File the invocation if the run printed its cached output and nothing else."""
    from capexcli.cli import runner, stdio
    from capexcli.store import replay

    done = runner.replayable
    printed = (stdio.WRITTEN["stdout"], stdio.WRITTEN["stderr"])
    if done is not None and printed == (len(done.text), 0):
        replay.remember(entry, done.command, done.settings, done.files)


def _write(text: str, args: list[str]) -> int:
    """Print a replayed output; a closed, full or unencodable stdout fails as a run would."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        from capexcli.errors import EXIT_BROKEN_PIPE

        # `capex compare | head`: the reader left; say nothing more to it (as app.py does).
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives until exit
        return EXIT_BROKEN_PIPE
    except (OSError, UnicodeEncodeError) as error:
        from capexcli.cli.app import output_failed

        return output_failed(error, args)
    return 0
