"""Standard output that cannot take what capex prints: closed (``capex compare >&-``), full
(``> /dev/full``, a full disk), or in an encoding that cannot show it (``PYTHONIOENCODING=ascii``
and a Chinese name). Each is an :class:`~capexcli.errors.OutputError`: one line on stderr and
exit 74, never a traceback, exit 70 or a silent exit 0.

(A reader that leaves early, ``capex compare | head``, is not a failure: app.py exits 141
quietly, as a shell reports SIGPIPE.)
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from typing import Any, TextIO

from capexcli.errors import OutputError

#: Write errors that mean the output went nowhere.
LOST = {errno.ENOSPC, errno.EBADF, errno.EIO, errno.EDQUOT, errno.EFBIG}


class _Closed:
    """Standard output when the process was started without one: the first write fails."""

    encoding = "utf-8"
    errors = "strict"

    def write(self, text: str) -> int:
        if not text:
            return 0
        raise OutputError("standard output is closed; nothing could be printed")

    def flush(self) -> None:
        return None

    def isatty(self) -> bool:
        return False


#: Characters written to each stream since prepare(): a run is replayed later only if it
#: printed nothing but its output (store/replay.py).
WRITTEN = {"stdout": 0, "stderr": 0}


class _Counted:
    """Standard error, counting what is written to it; everything else is the stream's."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)

    def write(self, text: str) -> int:
        WRITTEN["stderr"] += len(text)
        return self._stream.write(text)


class _Guarded:
    """Standard output whose write and flush turn a lost write into an OutputError at the
    place it happens (Rich and capex's own writes alike); everything else is the stream's."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)

    def write(self, text: str) -> int:
        try:
            written = self._stream.write(text)
            WRITTEN["stdout"] += len(text)
            return written
        except UnicodeEncodeError as error:
            raise unencodable(error, self._stream) from None
        except OSError as error:
            if error.errno in LOST:
                raise lost(error) from None
            raise

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as error:
            if error.errno in LOST:
                raise lost(error) from None
            raise


def prepare() -> None:
    """Before a command: stderr can show any message (escaped where its encoding cannot);
    stdout says when what capex prints cannot get out (closed, full, unencodable)."""
    WRITTEN.update(stdout=0, stderr=0)
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w")  # noqa: SIM115 - lives until exit
    with contextlib.suppress(AttributeError, ValueError, OSError):
        sys.stderr.reconfigure(errors="backslashreplace")  # type: ignore[union-attr]
    if not isinstance(sys.stderr, _Counted):
        sys.stderr = _Counted(sys.stderr)  # type: ignore[assignment]
    if sys.stdout is None:
        sys.stdout = _Closed()  # type: ignore[assignment]
    elif not isinstance(sys.stdout, _Guarded | _Closed):
        sys.stdout = _Guarded(sys.stdout)  # type: ignore[assignment]


def restore() -> None:
    """After a command: the stream prepare() found (tests run many commands in one process)."""
    if isinstance(sys.stdout, _Guarded):
        sys.stdout = sys.stdout._stream  # type: ignore[assignment]
    if isinstance(sys.stderr, _Counted):
        sys.stderr = sys.stderr._stream  # type: ignore[assignment]


def unencodable(error: UnicodeEncodeError, stream: TextIO) -> OutputError:
    char = error.object[error.start : error.start + 1]
    shown = f"{char!r} (U+{ord(char):04X})" if char else "the output"
    return OutputError(
        f"standard output's encoding ({stream.encoding}) cannot show {shown}; set "
        "PYTHONIOENCODING=utf-8 or a UTF-8 locale"
    )


def lost(error: OSError) -> OutputError:
    return OutputError(f"cannot write to standard output: {error.strerror or error}")


def discard() -> None:
    """After a failure: what is still buffered for stdout goes nowhere, so that the flush at
    exit neither fails again nor changes the exit status."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.__stdout__.fileno())  # type: ignore[union-attr]
        os.close(null)
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - lives until exit
