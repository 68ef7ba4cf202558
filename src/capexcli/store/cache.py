"""Two caches, keyed by everything their contents depend on.

**Output.** Scripts run the same `capex compare --json` many times a minute on a data file
that changes once a year. So the finished text of a machine-readable run (JSON, CSV, TSV,
Markdown to stdout, or a table going to a pipe) is kept under a key made of:

- the SHA-256 of every input file's bytes (the data file, the claims file); an input that is
  not a regular file (a pipe, `/dev/stdin`) is never cached, since hashing would consume it;
- the command and its options, as parsed;
- capex's version, the size and modification time of its own source files, of the files of
  the libraries that shape the output (pydantic, pydantic-core, rich, typer, tomli), and the
  Python version, so an upgraded or edited capex or library never serves an old answer.

The runner stores an output under the key of the bytes it was computed from: each input is
read once, and the loader records the SHA-256 of the very bytes it parsed
(``store/reads.py``). A file changed while capex ran, even changed and changed back (an
editor's save, a branch switch), cannot put one version's numbers under another's key; a file
read twice with different bytes is not stored at all.

**Dataset.** Other commands on the same large data file (`capex company X` after `capex
compare`) cannot replay an output, but they can skip the TOML parser, which is half the cost
of loading a large file (benchmarks/RESULTS.md). The validated dataset is kept as JSON under
the hash of the bytes it was parsed from and the same fingerprint, and validated again by the
pydantic models when it is read. Only datasets that passed every check are stored; the
cross-record checks are not repeated on a hit (the same bytes and the same capex give the same
verdict).

What this guards against: changed inputs, code or libraries; torn or damaged entries (each
carries a SHA-256 of its payload and is ignored and rewritten when it does not match); links,
pipes and devices in place of entries (never followed, read or replaced); files in the cache
folder that are not capex entries (capex writes only in a folder tagged with its
CACHEDIR.TAG, or one it creates, and pruning removes only files that carry the entry header).
What it does not: someone who can write to the cache folder can write a well-formed entry;
the output cache would replay it as it is. Such a person can also edit the data file itself.

`CAPEX_NO_CACHE=1` turns both caches off; `CAPEX_CACHE_DIR` moves them (default:
`$XDG_CACHE_HOME/capex` or `~/.cache/capex`). Any error of the cache itself (a read-only
home, a full disk) silently means "no cache".
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import os
import stat
import sys
from collections.abc import Iterable
from pathlib import Path

from capexcli import __version__

NO_CACHE_VAR = "CAPEX_NO_CACHE"
DIR_VAR = "CAPEX_CACHE_DIR"
#: Output entries kept; the oldest go first. Each is one command's output, usually a few kB.
MAX_ENTRIES = 256
#: Dataset entries kept. One is about the size of its data file (13 MB for 5,000 companies).
MAX_DATASETS = 4
DATASET_SUFFIX = ".dataset"
#: An entry larger than this is not read: twice the largest data file capex loads.
MAX_ENTRY_BYTES = 512 * 1024 * 1024
_MAGIC = b"capex-cache 1 "


def enabled() -> bool:
    return os.environ.get(NO_CACHE_VAR, "") in ("", "0")


def directory() -> Path:
    if os.environ.get(DIR_VAR):
        return Path(os.environ[DIR_VAR])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "capex"


#: Libraries whose code shapes what capex prints or what it reads a file as.
LIBRARIES = ("pydantic", "pydantic_core", "rich", "typer", "tomli")


def _reraise(error: OSError) -> None:
    raise error


def _code_fingerprint() -> str | None:
    """capex's version, the size and mtime of its sources and of the libraries' package files,
    and the Python version; None if they cannot be read (then nothing is cached: an entry
    could outlive the code that wrote it)."""
    package = Path(__file__).resolve().parents[1]
    parts = [__version__, sys.version]
    try:
        # onerror re-raises: a folder that cannot be listed means no fingerprint, not a partial one.
        for folder, dirs, files in os.walk(package, onerror=_reraise):
            dirs.sort()
            relative = os.path.relpath(folder, package)
            for name in sorted(files):
                if name.endswith((".py", ".toml")):
                    stat = os.stat(os.path.join(folder, name))
                    parts.append(f"{relative}/{name}:{stat.st_size}:{stat.st_mtime_ns}")
        for name in LIBRARIES:
            # find_spec locates a top-level package without importing it: the JSON path
            # must not pay for importing rich to know whether rich changed.
            spec = importlib.util.find_spec(name)
            if spec is None or spec.origin is None:
                return None
            stat = os.stat(spec.origin)
            parts.append(f"{name}:{spec.origin}:{stat.st_size}:{stat.st_mtime_ns}")
    except (OSError, ImportError, ValueError):
        return None
    return "|".join(parts)


def file_digest(path: Path | str) -> bytes:
    """SHA-256 of a file, read in blocks (a 60 MB data file need not sit in memory)."""
    with open(path, "rb") as file:
        return hashlib.file_digest(file, "sha256").digest()


def key(command: str, options: dict[str, object], files: Iterable[Path]) -> str | None:
    """The cache key of a run on the files as they are now, or None when an input cannot be
    read (the run will say why): for looking an output up."""
    files = list(files)
    digests = []
    for path in files:
        try:
            if not stat.S_ISREG(os.stat(path).st_mode):
                return None  # a pipe or device: hashing it would consume what the run reads
            digests.append(file_digest(path))
        except OSError:
            return None
    return key_of(command, options, files, digests)


def key_of(
    command: str,
    options: dict[str, object],
    files: Iterable[Path],
    digests: Iterable[bytes],
) -> str | None:
    """The cache key of a run on inputs with these SHA-256 digests: for storing an output,
    with the digests of the very bytes the run parsed (store/reads.py)."""
    fingerprint = _code_fingerprint()
    if fingerprint is None:
        return None
    digest = hashlib.sha256()
    digest.update(fingerprint.encode())
    digest.update(json.dumps([command, options], sort_keys=True, default=str).encode())
    for path, item in zip(files, digests, strict=True):
        # The path too: an output may name its data file (--verbose, validate), and the
        # user's data file and the shipped one can hold the same bytes.
        digest.update(os.fsencode(os.path.abspath(path)) + b"\0")
        digest.update(item)
    return digest.hexdigest()


def dataset_key(data_digest: bytes) -> str | None:
    """The entry of the validated dataset parsed from bytes with this SHA-256 digest."""
    fingerprint = _code_fingerprint()
    if fingerprint is None:
        return None
    digest = hashlib.sha256(b"dataset\0")
    digest.update(fingerprint.encode())
    digest.update(data_digest)
    return digest.hexdigest() + DATASET_SUFFIX


def get(entry: str) -> str | None:
    payload = get_bytes(entry)
    if payload is None:
        return None
    try:
        return payload.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _read_entry(path: Path, limit: int, *, head: bool = False) -> bytes | None:
    """The bytes of a regular file (its first ``limit`` with ``head``), or None for anything
    else: a link is not followed, a pipe not waited on (O_NONBLOCK), a file over ``limit``
    not read."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or (info.st_size > limit and not head):
            return None
        with os.fdopen(fd, "rb", closefd=False) as file:
            return file.read(limit if head else limit + 1)
    except OSError:
        return None
    finally:
        os.close(fd)


def get_bytes(entry: str) -> bytes | None:
    raw = _read_entry(directory() / entry, MAX_ENTRY_BYTES)
    if raw is None or len(raw) > MAX_ENTRY_BYTES:
        return None
    if not raw.startswith(_MAGIC):
        return None
    header, _, payload = raw.partition(b"\n")
    if header[len(_MAGIC) :].decode("ascii", "replace") != hashlib.sha256(payload).hexdigest():
        return None  # torn or tampered: recompute, and the store below repairs it
    return payload


def put(entry: str, text: str) -> None:
    put_bytes(entry, text.encode("utf-8"))


def put_output(entry: str, text: str, failed: str | None = None) -> None:
    """A command's output, and the message of the check it failed (exit 1), if it did: a
    replay must end as the run did (``verify``, ``validate --strict``)."""
    put(entry, json.dumps(failed) + "\n" + text)


def get_output(entry: str) -> tuple[str, str | None] | None:
    """The output and the failed check's message (or None) stored by :func:`put_output`."""
    payload = get(entry)
    if payload is None:
        return None
    head, newline, text = payload.partition("\n")
    try:
        failed = json.loads(head)
    except ValueError:
        return None
    if not newline or not (failed is None or isinstance(failed, str)):
        return None
    return text, failed


#: The standard cache-directory tag (https://bford.info/cachedir/): backup tools skip the
#: folder, and capex writes only in a folder that carries it.
TAG_NAME = "CACHEDIR.TAG"
TAG = (
    b"Signature: 8a477f597d28d172789f06886806bc55\n"
    b"# This file is a cache directory tag created by capex.\n"
    b"# For information about cache directory tags, see https://bford.info/cachedir/\n"
)


def _owned(folder: Path) -> bool:
    """Whether capex may write in ``folder``: it carries capex's tag, or is new or empty (and
    then gets the tag). A folder already holding other files is not taken over: with
    CAPEX_CACHE_DIR pointing at a shared folder, capex caches nothing rather than mix in."""
    tag = folder / TAG_NAME
    if tag.is_file() and not tag.is_symlink():
        return _read_entry(tag, len(TAG), head=True) == TAG[: len(TAG)]
    folder.mkdir(parents=True, exist_ok=True)
    if any(os.scandir(folder)):
        return False
    tag.write_bytes(TAG)
    return True


def put_bytes(entry: str, payload: bytes) -> None:
    header = _MAGIC + hashlib.sha256(payload).hexdigest().encode("ascii") + b"\n"
    try:
        from capexcli.store.atomic import atomic_write

        folder = directory()
        if not _owned(folder):
            return
        target = folder / entry
        if target.is_symlink() or (target.exists() and not target.is_file()):
            return  # not ours to replace, and atomic_write would write through a link
        atomic_write(target, (header, payload), force=True)
        # An entry's name is a SHA-256 in hex and its kind's suffix ("" for an output,
        # ".dataset", ".run" for a command line: store/replay.py); each kind is kept apart.
        suffix = entry[64:]
        _prune(folder, suffix, MAX_DATASETS if suffix == DATASET_SUFFIX else MAX_ENTRIES)
    except Exception:
        return


def _is_entry(path: str) -> bool:
    start = _read_entry(Path(path), len(_MAGIC), head=True)
    return start is not None and start.startswith(_MAGIC)


def _prune(folder: Path, suffix: str, keep: int) -> None:
    # Only files that carry the entry header go: CAPEX_CACHE_DIR may point at a folder that
    # also holds the user's own files, some with names like ours.
    entries = [
        e
        for e in os.scandir(folder)
        if len(e.name) == 64 + len(suffix)
        and e.name.endswith(suffix)
        and e.is_file(follow_symlinks=False)
        and _is_entry(e.path)
    ]
    if len(entries) <= keep:
        return
    entries.sort(key=lambda e: e.stat().st_mtime_ns)
    for stale in entries[: len(entries) - keep]:
        with contextlib.suppress(OSError):
            os.unlink(stale.path)
