"""Reading a dataset: find the file, parse the TOML, validate it, say where anything is wrong.

Every failure here is a :class:`~capexcli.errors.CapexError` naming the file, and where
possible the line and the TOML path, so the CLI can print it and exit 2.
"""

from __future__ import annotations

import datetime as dt
import difflib
import errno
import json
import os
import re
import stat
import typing
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import tomli
from pydantic import BaseModel, ValidationError

from capexcli.errors import DataFileError, DataValidationError, Problem
from capexcli.model.checks import check_dataset, check_document
from capexcli.model.records import FIGURE_FIELDS, Dataset
from capexcli.store import reads
from capexcli.store.locate import KeyLines, format_path, parse_path  # noqa: F401 - re-exported
from capexcli.store.paths import (  # noqa: F401 - re-exported: where data files are
    CLAIMS_ENV_VAR,
    ENV_VAR,
    default_data_path,
    resolve_claims_path,
    resolve_data_path,
)

M = TypeVar("M", bound=BaseModel)

#: A data file larger than this is refused rather than parsed: the shipped one is ~150 KB,
#: a generated dataset of 20,000 companies x 10 years (benchmarks/) about 60 MB.
MAX_FILE_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class Loaded:
    dataset: Dataset
    path: Path


def load(path: Path | str) -> Loaded:
    """Read, validate and check a data file, or take it from the dataset cache (cache.py)."""
    from capexcli.store import cache

    path = Path(path)
    raw, digest = read_with_digest(path)
    entry = cache.dataset_key(digest) if cache.enabled() else None
    if entry is not None:
        stored = cache.get_bytes(entry)
        if stored is not None:
            try:
                return Loaded(Dataset.model_validate_json(stored), path)
            except ValidationError:
                pass  # not what this capex writes: read the file, and the store repairs it
    text = decode(raw, path)
    del raw  # 14 MB for 5,000 companies: not kept through parsing
    dataset = parse_dataset(text, path)
    del text
    if entry is not None:
        stored = Dataset.__pydantic_serializer__.to_json(dataset, exclude_defaults=True)
        cache.put_bytes(entry, stored)
    return Loaded(dataset, path)


def read_text(path: Path) -> str:
    """The text of a data file, or a :class:`DataFileError` saying what the file is instead."""
    return decode(read_bytes(path), path)


def read_bytes(path: Path) -> bytes:
    return read_with_digest(path)[0]


def read_with_digest(path: Path) -> tuple[bytes, bytes]:
    """A file's bytes, read once, and their SHA-256, recorded (:mod:`.reads`) so that an
    output is cached under the bytes it was computed from."""
    raw = _read_bytes(path)
    return raw, reads.record(path, raw)


def _read_bytes(path: Path) -> bytes:
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise DataFileError(
                f"{path}: a symbolic link to {os.readlink(path)}, which does not exist", path
            ) from None
        raise DataFileError(f"{path}: no such file", path) from None
    except ValueError:  # a NUL byte in the name: no file can have it
        raise DataFileError(f"{str(path)!r}: not a valid file name", path) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise DataFileError(
                f"{path}: a symbolic link loop (the link leads back to itself)", path
            ) from None
        raise DataFileError(f"{path}: cannot read: {exc.strerror or exc}", path) from None
    if stat.S_ISDIR(info.st_mode):
        raise DataFileError(f"{path}: is a directory, not a data file", path)
    if info.st_size > MAX_FILE_BYTES:
        raise DataFileError(
            f"{path}: {info.st_size:,} bytes is over the {_limit()} limit for a data file", path
        )
    try:
        with path.open("rb") as stream:
            # Bounded even when stat says small: a pipe or /dev/zero has no size up front.
            raw = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise DataFileError(f"{path}: cannot read: {exc.strerror or exc}", path) from None
    if len(raw) > MAX_FILE_BYTES:
        raise DataFileError(f"{path}: more than the {_limit()} limit for a data file", path)
    return raw


def _limit() -> str:
    mib, rest = divmod(MAX_FILE_BYTES, 1024 * 1024)
    return f"{mib} MiB" if mib and not rest else f"{MAX_FILE_BYTES:,}-byte"


#: Leading bytes of files people mistake for a data file, and what to say about them.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x00\x00\xfe\xff", "UTF-32 text; save it as UTF-8"),
    (b"\xff\xfe\x00\x00", "UTF-32 text; save it as UTF-8"),
    (b"\xfe\xff", "UTF-16 text; save it as UTF-8"),
    (b"\xff\xfe", "UTF-16 text; save it as UTF-8"),
    (b"PK\x03\x04", "a ZIP archive (a spreadsheet such as .xlsx?), not TOML text"),
    (b"\x1f\x8b", "gzip-compressed; decompress it first"),
    (b"%PDF-", "a PDF document, not TOML text"),
)


def decode(raw: bytes, path: Path | str) -> str:
    """UTF-8 bytes -> text; anything else is named (UTF-16, binary, ...) rather than parsed."""
    for magic, what in _MAGIC:
        if raw.startswith(magic):
            raise DataFileError(f"{path}: this file is {what}", path)
    nul = raw.find(b"\x00")
    if nul >= 0:
        if _looks_like_utf16(raw[:512]):
            raise DataFileError(f"{path}: this file is UTF-16 text; save it as UTF-8", path)
        line = raw[:nul].count(b"\n") + 1
        raise DataFileError(
            f"{path}:{line}: a NUL byte at offset {nul}: this is a binary file, not TOML text",
            path,
        )
    try:
        # utf-8-sig: a byte-order mark left by a Windows editor is harmless, so accept it.
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataFileError(
            f"{path}:{line}: not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
            "save the file as UTF-8",
            path,
        ) from None


def _looks_like_utf16(head: bytes) -> bool:
    """UTF-16 without a byte-order mark: ASCII text has a NUL in every other byte, all at even
    offsets (big-endian) or all at odd ones (little-endian); a binary file's NULs are not so
    one-sided."""
    even, odd = head[0::2].count(0), head[1::2].count(0)
    return max(even, odd) * 4 >= len(head) // 2 and min(even, odd) * 10 <= max(even, odd)


def locate(problems: list[Problem], path: Path) -> list[Problem]:
    """``problems`` found on a loaded dataset, with the lines of ``path`` they are on."""
    if not problems:
        return []
    lines = KeyLines(decode(read_bytes(path), path))
    return _in_file_order([lines.locate(p) for p in problems])


def parse_dataset(text: str, path: Path | str | None = None) -> Dataset:
    """Parse and validate TOML text; raise with every problem found."""
    from capexcli.store.parts import parse_in_parts

    dataset = parse_in_parts(text)
    if dataset is not None and not check_dataset(dataset):
        return dataset
    return parse_document(text, path, Dataset, check_dataset, check_document)


def parse_document(
    text: str,
    path: Path | str | None,
    model: type[M],
    check: Callable[[M], list[Problem]] | None = None,
    salvage: Callable[[Any], list[Problem]] | None = None,
) -> M:
    """TOML text -> a validated ``model``; every problem raised at once with its line.

    ``check`` holds the rules that span records, run on a valid model. When the model does not
    validate, ``salvage`` (if given) runs those rules on the parts of the raw document that
    are valid on their own, so that both kinds of problem come out of one run.
    """
    try:
        document = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        raise _syntax_error(exc, path, text) from None
    except RecursionError:
        # tomli recurses once per nested array or inline table; ~500 levels exhaust the stack.
        raise DataFileError(
            f"{_name(path)}: TOML nested too deeply (arrays or inline tables inside one another "
            "hundreds of times); no capex data file looks like this",
            path,
        ) from None
    try:
        result = model.model_validate(document)
    except ValidationError as exc:
        # Line numbers only when there is something to report: scanning the text again costs
        # a third of the time of loading a valid file.
        lines = KeyLines(text)
        problems = [
            _problem_from_pydantic(err, lines, model, empty=not document) for err in exc.errors()
        ]
        if salvage is not None:
            problems += [lines.locate(p) for p in salvage(document)]
        raise DataValidationError(path, _in_file_order(problems)) from None
    if check is not None:
        found = check(result)
        if found:
            lines = KeyLines(text)
            raise DataValidationError(path, _in_file_order([lines.locate(p) for p in found]))
    return result


def _name(path: Path | str | None) -> str:
    # As Problem.render names text that came from no file.
    return str(path) if path is not None else "<data>"


def _in_file_order(problems: list[Problem]) -> list[Problem]:
    # Stable: problems on one line keep the order the rules found them in; those with no
    # line (rare: a key the scanner could not place) go last.
    return sorted(problems, key=lambda p: p.line if p.line is not None else float("inf"))


def _syntax_error(exc: tomli.TOMLDecodeError, path: Path | str | None, text: str) -> DataFileError:
    line = getattr(exc, "lineno", None)
    column = getattr(exc, "colno", None)
    message = getattr(exc, "msg", None) or str(exc)
    if line is None:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        if match:
            line, column = int(match[1]), int(match[2])
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", message)
    where = f"{_name(path)}:{line}:{column}" if line is not None else _name(path)
    return DataFileError(f"{where}: TOML syntax error: {message}{_hint(text, line)}", path)


_THOUSANDS = re.compile(r"\d,\d{3}(?!\d)")
_QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'")


def _hint(text: str, line: int | None) -> str:
    """What a syntax error probably means, when the file or the line gives it away.

    tomli reports where parsing stopped, which for a file that is not TOML at all (JSON, a
    web page, a CSV export) or a number written 1,200 is a puzzling message on its own.
    """
    start = text.lstrip()
    content = [s for s in (raw.strip() for raw in text.splitlines()) if s and s[0] != "#"]
    # A TOML document cannot start with "{"; "[" starts a table, so only call it JSON if it
    # parses as JSON.
    if start.startswith("{") or (start.startswith("[") and _is_json(text)):
        return "; this looks like JSON, not TOML: capex reads TOML data files (docs/data.md)"
    if start.startswith("<"):
        return "; this looks like HTML or XML (a web page saved instead of the file?), not TOML"
    if content and "," in content[0] and "=" not in content[0] and content[0][0] != "[":
        return "; this looks like CSV (a spreadsheet export?), not TOML"
    lines = text.splitlines()
    if line is None or not 1 <= line <= len(lines):
        return ""
    if _THOUSANDS.search(_QUOTED.sub("", lines[line - 1])):  # "1,200 pages" in a string is fine
        return "; a TOML number has no thousands separator: write 1200 or 1_200, not 1,200"
    if line == len(lines) and not text.endswith("\n"):
        return "; the file ends in the middle of a line (cut off while downloading or copying?)"
    return ""


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except (ValueError, RecursionError):
        return False
    return True


def _problem_from_pydantic(
    err: Any, lines: KeyLines, root: type[BaseModel], empty: bool = False
) -> Problem:
    loc = tuple(err["loc"])
    path = format_path(loc)
    kind = err["type"]
    given = err.get("input")
    # A dataclass record (figure, fiscal year) words two of these differently from a model.
    kind = {"unexpected_keyword_argument": "extra_forbidden", "dataclass_type": "model_type"}.get(
        kind, kind
    )
    if kind == "extra_forbidden":
        key = str(loc[-1])
        message = f"unknown key {key!r}"
        allowed = _fields_at(root, loc[:-1])
        close = difflib.get_close_matches(key, allowed, n=1)
        if close:
            message += f"; did you mean {close[0]!r}?"
        elif allowed:
            message += "; expected one of: " + ", ".join(allowed)
    elif kind == "missing":
        message = "required key is missing"
        if empty:
            message += " (the file has no data: it is empty, or only whitespace and comments)"
    elif kind == "float_type" and isinstance(given, int) and not isinstance(given, bool):
        # Only an integer too big for a float gets here (smaller ones are range-checked).
        message = f"number too large (got {_shown(given)})"
    elif kind == "model_type":
        # A bare number where a figure belongs (capex = 100) is the likeliest slip of all.
        if _is_number(given) and loc and loc[-1] in FIGURE_FIELDS:
            message = f"must be a table such as {{ value = {_shown(given)} }}, not a bare number"
        elif isinstance(given, list):
            message = "must be a table, not an array"
        elif _is_scalar(given):
            message = f"must be a table (got {_shown(given)})"
        else:
            message = "must be a table"
    elif kind == "string_pattern_mismatch" and loc[-1] == "id":
        # The pattern itself (^[a-z0-9][a-z0-9-]{0,62}$) means nothing to most readers.
        message = (
            "must be a lowercase id of letters a-z, digits and '-', such as 'tencent' or "
            f"'jd' (got {_shown(given)})"
        )
    elif kind == "date_type":
        # TOML has dates of its own; a quoted "2024-06-30" or a date-time is a common slip.
        message = "must be a TOML date such as 2024-06-30 (no quotes, no time of day)"
        if _is_scalar(given):
            message += f" (got {_shown(given)})"
    else:
        message = err["msg"]
        if message.startswith("Value error, "):
            message = message[len("Value error, ") :]
        elif _is_scalar(given):
            message += f" (got {_shown(given)})"
    return lines.locate(Problem(path, message))


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _is_scalar(value: Any) -> bool:
    return isinstance(value, str | int | float | bool) or hasattr(value, "isoformat")


#: How much of a bad value an error message quotes: enough to find it, not a whole page.
SHOWN_CHARS = 60


def _shown(value: Any) -> str:
    """A bad value as the message quotes it: short, and in TOML's spelling for dates."""
    if isinstance(value, bool):
        return "true" if value else "false"  # as written in TOML
    if isinstance(value, dt.date | dt.time):
        # datetime is a date; TOML writes 2024-06-30T00:00:00, not datetime.datetime(...).
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**SHOWN_CHARS:
        return f"a {len(str(abs(value)))}-digit integer"
    text = repr(value)
    if len(text) > SHOWN_CHARS:
        length = len(value) if isinstance(value, str) else len(text)
        return f"{text[:SHOWN_CHARS]}… ({length:,} characters)"
    return text


def _fields_at(root: type[Any], loc: tuple[Any, ...]) -> list[str]:
    """The keys the record allows at ``loc`` (for did-you-mean on an unknown key)."""
    record: Any = root
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(record, "__pydantic_fields__", None)
        if not fields or part not in fields:
            return []
        record = _record_in(fields[part].annotation)
        if record is None:
            return []
    return list(getattr(record, "__pydantic_fields__", ()))


def _record_in(annotation: Any) -> type[Any] | None:
    """The model or pydantic dataclass inside an annotation such as ``list[Company]``."""
    if isinstance(annotation, type) and hasattr(annotation, "__pydantic_fields__"):
        return annotation
    for arg in typing.get_args(annotation):
        found = _record_in(arg)
        if found is not None:
            return found
    return None
