"""What this run read: the SHA-256 of the bytes parsed from each input file.

The output cache keys an output on these digests, not on what the files hold after the run:
a file changed and changed back while capex ran (an editor's save, a branch switch) would
fool a second look, never the record of what was read.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable
from pathlib import Path

#: Every digest read from each path (should a file be read twice and differ).
_READ: dict[str, set[bytes]] = {}


def record(path: Path, raw: bytes) -> bytes:
    """Note that ``raw`` was read from ``path``; its SHA-256 digest."""
    digest = hashlib.sha256(raw).digest()
    _READ.setdefault(os.path.abspath(path), set()).add(digest)
    return digest


def forget() -> None:
    """Start a new record (a run; tests run many in one process)."""
    _READ.clear()


def digests(paths: Iterable[Path]) -> list[bytes] | None:
    """The digest of the bytes this run read from each path, or None if a path was not read,
    or was read twice and differed."""
    found = []
    for path in paths:
        seen = _READ.get(os.path.abspath(path), set())
        if len(seen) != 1:
            return None
        found.append(next(iter(seen)))
    return found
