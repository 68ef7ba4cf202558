"""A cache of command output, keyed by everything the output depends on.

Scripts run the same `capex compare --json` many times a minute on a data file that changes
once a year. Measured (benchmarks/RESULTS.md): most of such a run is building the pydantic
models and validating, and a cache of the *validated dataset* cannot help, because rebuilding
the models from any stored form costs more than validating the TOML again. So what is cached
is the finished text of a machine-readable run (JSON, CSV, TSV, Markdown to stdout), under a
key made of:

- the SHA-256 of every input file's bytes (the data file, the claims file),
- the command and its options, as parsed,
- capex's version and the size and modification time of its own source files (so an
  upgraded or edited capex never serves an old answer).

An entry is written atomically and carries a checksum of its payload; an entry that fails the
check (a torn or tampered file) is ignored and rewritten. `CAPEX_NO_CACHE=1` turns the cache
off; `CAPEX_CACHE_DIR` moves it (default: `$XDG_CACHE_HOME/capex` or `~/.cache/capex`).
Any error of the cache itself (a read-only home, a full disk) silently means "no cache".
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
#: Entries kept; the oldest go first. Each is one command's output, usually a few kB.
MAX_ENTRIES = 256
_MAGIC = b"capex-cache 1 "


def enabled() -> bool:
    return os.environ.get(NO_CACHE_VAR, "") in ("", "0")


def directory() -> Path:
    if os.environ.get(DIR_VAR):
        return Path(os.environ[DIR_VAR])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "capex"


def _code_fingerprint() -> str:
    package = Path(__file__).resolve().parent
    parts = [__version__]
    for entry in sorted(os.scandir(package), key=lambda e: e.name):
        if entry.name.endswith(".py") or entry.name.endswith(".toml"):
            stat = entry.stat()
            parts.append(f"{entry.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return "|".join(parts)


def key(command: str, options: dict[str, object], files: Iterable[Path]) -> str | None:
    """The cache key of a run, or None when an input cannot be read (the run will say why)."""
    digest = hashlib.sha256()
    digest.update(_code_fingerprint().encode())
    digest.update(json.dumps([command, options], sort_keys=True, default=str).encode())
    for path in files:
        try:
            with open(path, "rb") as file:
                # In blocks, so a 60 MB data file does not sit in memory just to be hashed.
                digest.update(hashlib.file_digest(file, "sha256").digest())
        except OSError:
            return None
    return digest.hexdigest()


def get(entry: str) -> str | None:
    try:
        raw = (directory() / entry).read_bytes()
    except OSError:
        return None
    if not raw.startswith(_MAGIC):
        return None
    header, _, payload = raw.partition(b"\n")
    if header[len(_MAGIC) :].decode("ascii", "replace") != hashlib.sha256(payload).hexdigest():
        return None  # torn or tampered: recompute, and the store below repairs it
    try:
        return payload.decode("utf-8")
    except UnicodeDecodeError:
        return None


def put(entry: str, text: str) -> None:
    payload = text.encode("utf-8")
    blob = _MAGIC + hashlib.sha256(payload).hexdigest().encode("ascii") + b"\n" + payload
    try:
        from .atomic import atomic_write

        folder = directory()
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write(folder / entry, blob, force=True)
        _prune(folder)
    except Exception:
        return


def _prune(folder: Path) -> None:
    entries = [e for e in os.scandir(folder) if e.is_file() and len(e.name) == 64]
    if len(entries) <= MAX_ENTRIES:
        return
    entries.sort(key=lambda e: e.stat().st_mtime_ns)
    for stale in entries[: len(entries) - MAX_ENTRIES]:
        with contextlib.suppress(OSError):
            os.unlink(stale.path)
