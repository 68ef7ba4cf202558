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
