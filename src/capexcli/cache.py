"""Two caches, keyed by everything their contents depend on.

**Output.** Scripts run the same `capex compare --json` many times a minute on a data file
that changes once a year. So the finished text of a machine-readable run (JSON, CSV, TSV,
Markdown to stdout, or a table going to a pipe) is kept under a key made of:

- the SHA-256 of every input file's bytes (the data file, the claims file),
- the command and its options, as parsed,
- capex's version and the size and modification time of its own source files (so an
  upgraded or edited capex never serves an old answer).

**Dataset.** Other commands on the same large data file (`capex company X` after `capex
compare`) cannot replay an output, but they can skip the TOML parser, which is half the cost
of loading a large file (benchmarks/RESULTS.md). The validated dataset is kept as JSON under
the file's hash and capex's fingerprint, and validated again by pydantic when it is read
(pydantic reads JSON several times faster than tomli reads TOML), so even a cache entry
that was tampered with cannot yield records that break a rule of the models. Only datasets
that passed every check are stored, and the cross-record checks are not repeated on a hit:
the same bytes and the same capex give the same verdict.

An entry is written atomically and carries a checksum of its payload; an entry that fails the
check (a torn or tampered file) is ignored and rewritten. `CAPEX_NO_CACHE=1` turns both
caches off; `CAPEX_CACHE_DIR` moves them (default: `$XDG_CACHE_HOME/capex` or
`~/.cache/capex`). Any error of the cache itself (a read-only home, a full disk) silently
means "no cache".
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path

from . import __version__

NO_CACHE_VAR = "CAPEX_NO_CACHE"
DIR_VAR = "CAPEX_CACHE_DIR"
#: Output entries kept; the oldest go first. Each is one command's output, usually a few kB.
MAX_ENTRIES = 256
#: Dataset entries kept. One is about the size of its data file (13 MB for 5,000 companies).
MAX_DATASETS = 4
DATASET_SUFFIX = ".dataset"
_MAGIC = b"capex-cache 1 "


def enabled() -> bool:
    return os.environ.get(NO_CACHE_VAR, "") in ("", "0")


def directory() -> Path:
    if os.environ.get(DIR_VAR):
        return Path(os.environ[DIR_VAR])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "capex"


def _code_fingerprint() -> str | None:
    """capex's version and the size and mtime of its sources; None if they cannot be read
    (then nothing is cached: an entry could outlive the code that wrote it)."""
    package = Path(__file__).resolve().parent
    parts = [__version__]
    try:
        for entry in sorted(os.scandir(package), key=lambda e: e.name):
            if entry.name.endswith(".py") or entry.name.endswith(".toml"):
                stat = entry.stat()
                parts.append(f"{entry.name}:{stat.st_size}:{stat.st_mtime_ns}")
    except OSError:
        return None
    return "|".join(parts)


def file_digest(path: Path | str) -> bytes:
    """SHA-256 of a file, read in blocks (a 60 MB data file need not sit in memory)."""
    with open(path, "rb") as file:
        return hashlib.file_digest(file, "sha256").digest()


def key(command: str, options: dict[str, object], files: Iterable[Path]) -> str | None:
    """The cache key of a run, or None when an input cannot be read (the run will say why)."""
    fingerprint = _code_fingerprint()
    if fingerprint is None:
        return None
    digest = hashlib.sha256()
    digest.update(fingerprint.encode())
    digest.update(json.dumps([command, options], sort_keys=True, default=str).encode())
    for path in files:
        try:
            digest.update(file_digest(path))
        except OSError:
            return None
    return digest.hexdigest()


def dataset_key(data: bytes) -> str | None:
    """The entry of the validated dataset read from a data file with these bytes."""
    fingerprint = _code_fingerprint()
    if fingerprint is None:
        return None
    digest = hashlib.sha256(b"dataset\0")
    digest.update(fingerprint.encode())
    digest.update(hashlib.sha256(data).digest())
    return digest.hexdigest() + DATASET_SUFFIX


def get(entry: str) -> str | None:
    payload = get_bytes(entry)
    if payload is None:
        return None
    try:
        return payload.decode("utf-8")
    except UnicodeDecodeError:
        return None


def get_bytes(entry: str) -> bytes | None:
    try:
        raw = (directory() / entry).read_bytes()
    except OSError:
        return None
    if not raw.startswith(_MAGIC):
        return None
    header, _, payload = raw.partition(b"\n")
    if header[len(_MAGIC) :].decode("ascii", "replace") != hashlib.sha256(payload).hexdigest():
        return None  # torn or tampered: recompute, and the store below repairs it
    return payload


def put(entry: str, text: str) -> None:
    put_bytes(entry, text.encode("utf-8"))


def put_bytes(entry: str, payload: bytes) -> None:
    header = _MAGIC + hashlib.sha256(payload).hexdigest().encode("ascii") + b"\n"
    try:
        from .atomic import atomic_write

        folder = directory()
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write(folder / entry, (header, payload), force=True)
        if entry.endswith(DATASET_SUFFIX):
            _prune(folder, DATASET_SUFFIX, MAX_DATASETS)
        else:
            _prune(folder, "", MAX_ENTRIES)
    except Exception:
        return


def _prune(folder: Path, suffix: str, keep: int) -> None:
    entries = [
        e
        for e in os.scandir(folder)
        if e.is_file() and len(e.name) == 64 + len(suffix) and e.name.endswith(suffix)
    ]
    if len(entries) <= keep:
        return
    entries.sort(key=lambda e: e.stat().st_mtime_ns)
    for stale in entries[: len(entries) - keep]:
        with contextlib.suppress(OSError):
            os.unlink(stale.path)
