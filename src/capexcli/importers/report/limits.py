"""The bounds within which capex reads a PDF, and the fence that enforces them.

A PDF is a program for drawing pages: a hostile one can refer to itself in a loop, hold a
compressed stream that expands without end, or put millions of glyphs on a page. The PDF
libraries (pdfium in C++, pdfminer in Python) have no budget of their own, and pdfium aborts
the whole process when it runs out of memory. So :func:`start` runs the reading in a forked
child with a memory and CPU limit, under a wall-clock deadline, and turns every way the child
can end (a result, a :class:`~capexcli.errors.ReportError`, a limit hit, a crash) into a
result or a ReportError in the parent. The counted limits (pages, characters, file size) are
checked by :mod:`.text` as it reads, so that the common excess gets a precise message.

docs/limits.md states these numbers; change both together.
"""

from __future__ import annotations

import contextlib
import faulthandler
import os
import pickle
import select
import signal
import stat
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

from capexcli.errors import ReportError

#: A longer document is not an annual report (the longest HKEX ones run to ~600 pages).
MAX_PAGES = 2000
#: A dense statement page holds ~6,000 characters, the densest fixture page ~9,000.
MAX_PAGE_CHARS = 200_000
#: Characters of the whole document: ~430,000 in a 190-page annual report.
MAX_DOCUMENT_CHARS = 20_000_000
#: HKEX reports are 1-30 MB; the file is read into memory once.
MAX_FILE_BYTES = 256 * 1024 * 1024
#: A page larger than 200 inches a side (the PDF specification's own bound) makes no sense.
MAX_PAGE_POINTS = 14_400.0
#: Wall-clock seconds for reading one PDF; a 190-page report takes under 1 s.
TIME_LIMIT = 15.0
#: Memory the reading may add to capex (address space), a decompressed stream included.
MEMORY_LIMIT = 768 * 1024 * 1024
#: Of that, what a helper (:func:`helper`) may take while it runs: the reading child has
#: that much less meanwhile, so that both together stay within MEMORY_LIMIT. Laying out a
#: report's cover takes ~20 MB.
HELPER_MEMORY = 128 * 1024 * 1024

T = TypeVar("T")
#: True in a reading child (:func:`start`), where a :func:`helper` may be forked.
_in_child = False
#: In a reading child, its end of the pipe to capex: a helper closes its copy, so that capex
#: sees the end of the child's answer when the child ends, whatever the helper does.
_answer_fd = -1


def read_pdf_bytes(path: Path) -> bytes:
    """The file's bytes, read once: refused before opening unless it is a regular file
    (a FIFO or a device would block or never end) no larger than :data:`MAX_FILE_BYTES`."""
    try:
        info = os.stat(path)
    except OSError as exc:
        raise ReportError(f"{path}: cannot read it: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise ReportError(f"{path}: is a folder, not a PDF")
    if not stat.S_ISREG(info.st_mode):
        raise ReportError(
            f"{path}: not a regular file (a pipe, socket or device); capex reads a PDF file"
        )
    if info.st_size > MAX_FILE_BYTES:
        raise ReportError(
            f"{path}: {info.st_size:,} bytes; capex reads PDFs of at most "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MB"
        )
    try:
        # O_NONBLOCK: if the path was swapped for a FIFO after the check, open does not hang.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise ReportError(f"{path}: cannot read it: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            raise ReportError(f"{path}: not a regular file; capex reads a PDF file")
        try:
            data = handle.read(MAX_FILE_BYTES + 1)
        except OSError as exc:
            raise ReportError(f"{path}: cannot read it: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE_BYTES:
        raise ReportError(f"{path}: grew past {MAX_FILE_BYTES // (1024 * 1024)} MB while read")
    return data


class Pending(Generic[T]):
    """A reading under way in a forked child (:func:`start`): :meth:`result` waits for it,
    :meth:`cancel` stops it. The caller may work meanwhile (capex imports what it prints
    with while the child reads: two cores, one wait)."""

    def __init__(self, path: Path, work: Callable[[], T]) -> None:
        self.path = path
        self._work: Callable[[], T] | None = None
        self._pid = 0
        self._read_end = -1
        if not hasattr(os, "fork"):
            self._work = work
            return
        sys.stdout.flush()
        sys.stderr.flush()
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child; its outcome is tested through the parent
            os.close(read_end)
            _child(work, write_end)
        os.close(write_end)
        # Its own process group (set on both sides, whichever runs first): stopping the
        # reading stops the helper it may have forked (:func:`helper`) too.
        with contextlib.suppress(OSError):
            os.setpgid(pid, pid)
        self._pid, self._read_end = pid, read_end
        # The time limit runs from the start of the reading, not from when it is awaited.
        self._deadline = time.monotonic() + TIME_LIMIT

    def result(self) -> T:
        """What ``work()`` returned, or the :class:`~capexcli.errors.ReportError` it raised
        or that names the limit it ran into."""
        if self._work is not None:
            work, self._work = self._work, None
            return _with_collector(work)
        if self._pid == 0:
            raise RuntimeError("a reading's result is taken once")
        pid, self._pid = self._pid, 0
        return _parent(self.path, pid, self._read_end, self._deadline)

    def cancel(self) -> None:
        """Stop the reading if it is still under way (a later error made it useless)."""
        self._work = None
        if self._pid:
            pid, self._pid = self._pid, 0
            _kill(pid)
            with contextlib.suppress(OSError):
                os.close(self._read_end)
            _wait(pid)


def start(path: Path, work: Callable[[], T]) -> Pending[T]:
    """Start ``work()`` (which reads ``path``) within :data:`TIME_LIMIT` and
    :data:`MEMORY_LIMIT`; :meth:`Pending.result` waits for its result.

    Forked where the platform can (POSIX); elsewhere run in this process, when the result is
    asked for, with the collector on and only the counted limits. The child turns the cyclic
    collector on: pdfminer's layout builds cyclic garbage that capex's own gc.disable() would
    keep until exit.
    """
    return Pending(path, work)


class Helper(Generic[T]):
    """Work forked off by the reading child (:func:`helper`), to use the second core."""

    def __init__(self, work: Callable[[], T]) -> None:
        global _in_child
        self._pid = 0
        self._read_end = -1
        self._limit: tuple[int, int] | None = None
        if not _in_child:
            return  # only under the fence of a reading child, never beside the parent
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        space = _address_space()
        if soft == resource.RLIM_INFINITY or not space or soft - space <= 2 * HELPER_MEMORY:
            return  # no budget to share: the reading does the work itself
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the helper; its outcome is tested through the reading
            _in_child = False  # a helper forks no helper of its own
            with contextlib.suppress(OSError):
                os.close(_answer_fd)
            os.close(read_end)
            code = 0
            try:
                resource.setrlimit(resource.RLIMIT_AS, (space + HELPER_MEMORY, hard))
                _write_all(write_end, pickle.dumps(work()))
            except BaseException:
                code = 3
            finally:
                os._exit(code)
        os.close(write_end)
        self._pid, self._read_end = pid, read_end
        # The helper's share of the budget, taken from the reading until the helper is done.
        self._limit = (soft, hard)
        resource.setrlimit(resource.RLIMIT_AS, (soft - HELPER_MEMORY, hard))

    def _done(self) -> None:
        if self._limit is not None:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, self._limit)
            self._limit = None

    def result(self) -> T | None:
        """What the work returned, or None if it failed in any way."""
        if not self._pid:
            return None
        pid, self._pid = self._pid, 0
        chunks = []
        try:
            while chunk := os.read(self._read_end, 1 << 16):
                chunks.append(chunk)
        finally:
            os.close(self._read_end)
            status = _wait(pid)
            self._done()
        if not (chunks and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0):
            return None
        try:
            return pickle.loads(b"".join(chunks))  # type: ignore[no-any-return]
        except Exception:
            return None

    def cancel(self) -> None:
        if self._pid:
            pid, self._pid = self._pid, 0
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            os.close(self._read_end)
            _wait(pid)
            self._done()


def helper(work: Callable[[], T]) -> Helper[T]:
    """Start ``work()`` in a process forked from the reading child, to run beside it, within
    the child's limits: :data:`HELPER_MEMORY` of the child's memory while it runs, the same
    processor time, and the child's process group, which is killed with the child. Only an
    accelerator: :meth:`Helper.result` is None on any failure, and the caller does the work
    itself (meeting the same error, if any, as it would have alone)."""
    return Helper(work)


def _with_collector(work: Callable[[], T]) -> T:
    import gc

    was = gc.isenabled()
    gc.enable()
    try:
        return work()
    except MemoryError:
        raise ReportError("reading it needs more memory than there is") from None
    finally:
        if not was:
            gc.disable()


def _child(work: Callable[[], object], out: int) -> None:  # pragma: no cover - in the child
    import gc
    import resource

    global _in_child, _answer_fd
    _in_child, _answer_fd = True, out
    code = 0
    try:
        with contextlib.suppress(OSError):
            os.setpgid(0, 0)
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        # Nothing the child says reaches the user but through the parent: pdfium's abort
        # message and Python's fault handler would be noise on capex's stderr.
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, 2)
        os.dup2(null, 1)
        # A fault handler a host enabled (pytest does) writes to a copy of the old stderr.
        faulthandler.disable()
        gc.enable()
        space = _address_space()
        if space:
            hard = resource.getrlimit(resource.RLIMIT_AS)[1]
            soft = space + MEMORY_LIMIT
            if hard != resource.RLIM_INFINITY:
                soft = min(soft, hard)
            resource.setrlimit(resource.RLIMIT_AS, (soft, hard))
        cpu = int(TIME_LIMIT) + 2
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
        try:
            payload = pickle.dumps(("ok", work()))
        except ReportError as exc:
            payload = pickle.dumps(("report", exc.message))
        except MemoryError:
            payload = pickle.dumps(("memory", ""))
        except BaseException as exc:  # a bug of capex: the parent raises it as one
            import traceback

            text = "".join(traceback.format_exception(exc))
            payload = pickle.dumps(("bug", f"{type(exc).__name__}: {exc}\n{text}"))
        _write_all(out, payload)
    except BaseException:
        code = 3
    finally:
        os._exit(code)


def _write_all(fd: int, payload: bytes) -> None:
    view = memoryview(payload)
    while view:
        view = view[os.write(fd, view) :]


def _parent(path: Path, pid: int, read_end: int, deadline: float) -> T:  # type: ignore[type-var]
    chunks: list[bytes] = []
    timed_out = False
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                timed_out = True
                break
            ready, _, _ = select.select([read_end], [], [], left)
            if not ready:
                continue
            chunk = os.read(read_end, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
    finally:
        os.close(read_end)
        if timed_out:
            _kill(pid)
        # A helper the reading left behind, if any: killed while the reading, not yet
        # reaped, still holds its number (no other process group can have it).
        with contextlib.suppress(OSError):
            os.killpg(pid, signal.SIGKILL)
        status = _wait(pid)
    if timed_out:
        raise ReportError(
            f"{path}: reading it took longer than {TIME_LIMIT:.0f} s, capex's limit for a PDF "
            "(its pages or objects loop or repeat without end); nothing read"
        )
    kind, value = "", ""
    if chunks and os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0:
        kind, value = pickle.loads(b"".join(chunks))
        if kind == "ok":
            return value  # type: ignore[no-any-return]
        if kind == "report":
            raise ReportError(value)
        if kind == "bug":
            raise RuntimeError(f"reading {path} failed: {value}")
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) == getattr(signal, "SIGXCPU", -1):
        raise ReportError(
            f"{path}: reading it took more than {TIME_LIMIT:.0f} s of processor time, capex's "
            "limit for a PDF; nothing read"
        )
    if kind == "memory" or (os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGABRT):
        # A MemoryError in Python, or pdfium's abort when an allocation fails under the limit.
        raise ReportError(
            f"{path}: reading it needs more than {MEMORY_LIMIT // (1024 * 1024)} MB, capex's "
            "limit for a PDF (a compressed stream that expands without end, or too much "
            "content); nothing read"
        )
    why = (
        f"signal {os.WTERMSIG(status)}"
        if os.WIFSIGNALED(status)
        else f"exit {os.WEXITSTATUS(status)}"
    )
    raise ReportError(f"{path}: damaged PDF: the PDF library failed reading it ({why})")


def _kill(pid: int) -> None:
    """Kill the reading and, with its process group, any helper it forked."""
    with contextlib.suppress(OSError):
        os.killpg(pid, signal.SIGKILL)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)


def _wait(pid: int) -> int:
    while True:
        try:
            return os.waitpid(pid, 0)[1]
        except InterruptedError:
            continue
        except KeyboardInterrupt:
            _kill(pid)
            raise


def _address_space() -> int:
    """This process's virtual size now, from /proc; 0 where there is no /proc."""
    try:
        with open("/proc/self/statm", "rb") as handle:
            pages = int(handle.read().split()[0])
        return pages * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0
