"""Write a file so that readers see either the old bytes or the new ones, never a mix.

The new content goes to a file in the same directory (a rename across file systems would be a
copy), is flushed to disk, and only then takes the target's name with ``os.replace``. On Linux
the file is first created without a name (``O_TMPFILE``): a process killed while writing, even
by SIGKILL, leaves nothing behind because the kernel frees a nameless file. Elsewhere a hidden
temporary name is used and removed on any failure that Python sees.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from capexcli.errors import WriteError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: write_lock locks nothing there
    fcntl = None  # type: ignore[assignment]

_CHUNK = 1024 * 1024


def atomic_write(
    path: Path | str,
    data: bytes | str | Iterable[bytes],
    *,
    force: bool = False,
    expect: bytes | None = None,
    encoding: str = "utf-8",
) -> None:
    """Put ``data`` at ``path`` in one step.

    An existing file is replaced only with ``force``. ``expect``, if given, is the content the
    caller read earlier: the write is refused if the file no longer holds it (someone else
    edited it meanwhile). On any failure the file at ``path`` keeps its old bytes, no temporary
    file is left, and :class:`~capexcli.errors.WriteError` says why.
    """
    shown = str(path)
    # Write through a symlink to the file it names, so the link itself stays a link.
    target = Path(os.path.realpath(path))
    chunks = _chunks(data, encoding)
    try:
        old = target.stat()
    except FileNotFoundError:
        old = None
    except OSError as exc:
        raise _error(shown, exc) from None
    if old is not None and not force:
        raise WriteError(f"{shown}: already exists; use --force to replace it")
    if expect is not None:
        try:
            current = target.read_bytes()
        except OSError as exc:
            raise _error(shown, exc) from None
        if current != expect:
            raise WriteError(
                f"{shown}: changed on disk since it was read; not overwriting it (run again)"
            )
    mode = (old.st_mode & 0o7777) if old is not None else _default_mode()
    directory = target.parent
    dir_fd = _open_directory(directory)
    temp: Path | None = None
    fd: int | None = None
    try:
        fd = _open_anonymous(directory) if dir_fd is not None else None
        if fd is None:
            temp = _temp_name(directory, target.name)
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        for chunk in chunks:
            _write_all(fd, chunk)
        os.fchmod(fd, mode)
        os.fsync(fd)
        if temp is None:
            # Give the nameless file a name only now that every byte is on disk. Without force
            # it takes the target's own name: link() fails if a file appeared there meanwhile.
            name = target if not force else _temp_name(directory, target.name)
            assert dir_fd is not None  # a nameless file is only made with a directory fd
            _link_fd(fd, name, dir_fd)
            if name != target:
                temp = name
        elif not force:
            os.link(temp, target)
            os.unlink(temp)
            temp = None
        os.close(fd)
        fd = None
        if temp is not None:
            os.replace(temp, target)
            temp = None
        if dir_fd is not None:
            _fsync_directory(dir_fd)
    except OSError as exc:
        if exc.errno == errno.EEXIST and not force:
            raise WriteError(f"{shown}: already exists; use --force to replace it") from None
        raise _error(shown, exc, old is not None) from None
    finally:
        if fd is not None:
            os.close(fd)
        if temp is not None:
            with contextlib.suppress(OSError):
                os.unlink(temp)
        if dir_fd is not None:
            os.close(dir_fd)


@contextlib.contextmanager
def write_lock(path: Path | str, *, timeout: float = 60.0) -> Iterator[None]:
    """Hold the lock of ``path`` against other capex processes that take it too.

    For a read-modify-write of a file (``capex import sec --into``): take the lock, read the
    file, write it, let go; a second process waits and then reads what the first wrote. The
    lock is ``flock`` on a hidden file beside the target (``.NAME.capex-lock``), created when
    missing and removed on the way out. Where ``flock`` is missing (Windows) nothing is locked;
    :func:`atomic_write`'s ``expect`` still refuses to overwrite a change made meanwhile.
    """
    if fcntl is None:  # pragma: no cover - Windows
        yield
        return
    shown = str(path)
    target = Path(os.path.realpath(path))
    lock = target.parent / f".{target.name}.capex-lock"
    give_up = time.monotonic() + timeout
    while True:
        try:
            # Read-only is enough for flock, and works on a lock file another user created.
            fd = os.open(lock, os.O_RDONLY | os.O_CREAT | os.O_CLOEXEC, 0o666)
        except OSError as exc:
            raise _error(shown, exc) from None
        try:
            _flock(fd, give_up, f"{shown}: another capex has held {lock} for {timeout:g} s")
            # The holder before us removes the file as it lets go, and a third process may
            # have made a new one since: only a lock on the file still at that name counts.
            held = os.fstat(fd)
            current = os.stat(lock)
            if (held.st_dev, held.st_ino) == (current.st_dev, current.st_ino):
                break
        except FileNotFoundError:
            pass
        except OSError as exc:  # a file system without locks, say
            os.close(fd)
            raise _error(shown, exc) from None
        except BaseException:
            os.close(fd)
            raise
        os.close(fd)
    try:
        yield
    finally:
        # Removed while still held: whoever waits on this file sees it gone and starts over.
        with contextlib.suppress(OSError):
            os.unlink(lock)
        os.close(fd)


def _flock(fd: int, give_up: float, held_too_long: str) -> None:
    # Polled rather than blocking, so that a capex stopped while holding the lock (Ctrl-Z)
    # makes the others give up with a message instead of hanging.
    delay = 0.001
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            pass
        if time.monotonic() >= give_up:
            raise WriteError(f"{held_too_long}; the file is unchanged, try again")
        time.sleep(delay)
        delay = min(delay * 2, 0.05)


def anonymous_files_supported(directory: Path | str) -> bool:
    """Whether nameless files work in ``directory``: Linux ``O_TMPFILE``, then linked by name."""
    fd = _open_anonymous(Path(directory))
    if fd is None:
        return False
    os.close(fd)
    return True


def _chunks(data: bytes | str | Iterable[bytes], encoding: str) -> Iterable[bytes]:
    if isinstance(data, str):
        return [data.encode(encoding)]
    if isinstance(data, bytes | bytearray | memoryview):
        return [bytes(data)]
    return data


def _write_all(fd: int, chunk: bytes) -> None:
    view = memoryview(chunk)
    while view:
        written = os.write(fd, view[:_CHUNK])
        view = view[written:]


def _open_anonymous(directory: Path) -> int | None:
    """A nameless file in ``directory``, or None where that cannot work."""
    if not _anonymous_works(directory):
        return None
    try:
        return os.open(directory, os.O_TMPFILE | os.O_WRONLY, 0o600)
    except OSError:
        return None


_PROBED: dict[int, bool] = {}


def _anonymous_works(directory: Path) -> bool:
    # Some file systems refuse O_TMPFILE, and some sandboxes refuse to link a file through
    # /proc; try both once per file system, so a write never fails for want of them.
    if not hasattr(os, "O_TMPFILE"):
        return False
    try:
        device = directory.stat().st_dev
    except OSError:
        return False
    if device not in _PROBED:
        _PROBED[device] = _probe(directory)
    return _PROBED[device]


def _probe(directory: Path) -> bool:
    try:
        fd = os.open(directory, os.O_TMPFILE | os.O_WRONLY, 0o600)
    except OSError:
        return False
    name = _temp_name(directory, "probe")
    dir_fd = _open_directory(directory)
    try:
        if dir_fd is None:
            return False
        _link_fd(fd, name, dir_fd)
    except OSError:
        return False
    finally:
        os.close(fd)
        if dir_fd is not None:
            os.close(dir_fd)
    with contextlib.suppress(OSError):
        os.unlink(name)
    return True


def _link_fd(fd: int, name: Path, dir_fd: int) -> None:
    # Plain link() would link the /proc symlink itself; passing a directory fd makes CPython
    # call linkat() with AT_SYMLINK_FOLLOW, which links the open file instead.
    os.link(f"/proc/self/fd/{fd}", name.name, dst_dir_fd=dir_fd, follow_symlinks=True)


def _temp_name(directory: Path, name: str) -> Path:
    return directory / f".{name}.{secrets.token_hex(4)}.tmp"


def _open_directory(directory: Path) -> int | None:
    flag = getattr(os, "O_DIRECTORY", None)
    if flag is None:
        return None
    try:
        return os.open(directory, os.O_RDONLY | flag)
    except FileNotFoundError:
        raise WriteError(f"{directory}: no such directory") from None
    except OSError:
        return None


def _fsync_directory(dir_fd: int) -> None:
    # Makes the rename itself durable; some file systems refuse fsync on a directory.
    with contextlib.suppress(OSError):
        os.fsync(dir_fd)


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _error(shown: str, exc: OSError, existed: bool = True) -> WriteError:
    reason = exc.strerror or str(exc)
    outcome = "the file is unchanged" if existed else "nothing was written"
    return WriteError(f"cannot write {shown}: {reason}; {outcome}")
