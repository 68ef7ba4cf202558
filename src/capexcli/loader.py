"""Reading a dataset: find the file, parse the TOML, validate it, say where anything is wrong.

Every failure here is a :class:`~capexcli.errors.CapexError` naming the file, and where
possible the line and the TOML path, so the CLI can print it and exit 2.
"""

from __future__ import annotations

import difflib
import os
import re
import typing
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import tomli
from pydantic import BaseModel, ValidationError

from .errors import DataFileError, DataValidationError, Problem
from .records import Dataset, check_dataset

#: A data file larger than this is refused rather than parsed: the shipped one is ~100 KB.
if TYPE_CHECKING:
    from .claims import ClaimsFile

M = TypeVar("M", bound=BaseModel)

MAX_FILE_BYTES = 32 * 1024 * 1024
ENV_VAR = "CAPEX_DATA"


@dataclass(frozen=True)
class Loaded:
    dataset: Dataset
    path: Path


CLAIMS_ENV_VAR = "CAPEX_CLAIMS"


def default_data_path(name: str = "companies.toml") -> Path:
    """A data file shipped with capex: inside the wheel, or ``data/`` of a source checkout."""
    packaged = resources.files("capexcli").joinpath("data", name)
    if packaged.is_file():
        return Path(str(packaged))
    # Running from a checkout (editable install or PYTHONPATH=src): the file at the top.
    return Path(__file__).resolve().parents[2] / "data" / name


def resolve_claims_path(option: Path | str | None) -> Path:
    """``--claims`` wins, then ``$CAPEX_CLAIMS``, then the shipped ledger."""
    if option:
        return Path(option)
    env = os.environ.get(CLAIMS_ENV_VAR)
    if env:
        return Path(env)
    return default_data_path("claims.toml")


def load_claims(path: Path | str) -> ClaimsFile:
    # Imported here so that commands other than `claims` do not pay for the claims models.
    from .claims import ClaimsFile, check_claims

    path = Path(path)
    return parse_document(read_text(path), path, ClaimsFile, check_claims)


def resolve_data_path(option: Path | str | None) -> Path:
    """``--data`` wins, then ``$CAPEX_DATA``, then the shipped dataset."""
    if option:
        return Path(option)
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    return default_data_path()


def load(path: Path | str) -> Loaded:
    path = Path(path)
    text = read_text(path)
    return Loaded(parse_dataset(text, path), path)


def read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise DataFileError(f"{path}: no such file", path) from None
    except OSError as exc:
        raise DataFileError(f"{path}: cannot read: {exc.strerror or exc}", path) from None
    if path.is_dir():
        raise DataFileError(f"{path}: is a directory, not a data file", path)
    if size > MAX_FILE_BYTES:
        raise DataFileError(
            f"{path}: {size:,} bytes is over the {MAX_FILE_BYTES // (1024 * 1024)} MiB limit "
            "for a data file",
            path,
        )
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataFileError(f"{path}: cannot read: {exc.strerror or exc}", path) from None
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


def parse_dataset(text: str, path: Path | str | None = None) -> Dataset:
    """Parse and validate TOML text; raise with every problem found."""
    return parse_document(text, path, Dataset, check_dataset)


def parse_document(
    text: str,
    path: Path | str | None,
    model: type[M],
    check: Callable[[M], list[Problem]] | None = None,
) -> M:
    """TOML text -> a validated ``model``; every problem raised at once with its line."""
    try:
        document = tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        raise _syntax_error(exc, path) from None
    lines = KeyLines(text)
    try:
        result = model.model_validate(document)
    except ValidationError as exc:
        problems = [_problem_from_pydantic(err, lines, model) for err in exc.errors()]
        raise DataValidationError(path, problems) from None
    if check is not None:
        problems = [lines.locate(p) for p in check(result)]
        if problems:
            raise DataValidationError(path, problems)
    return result


def _syntax_error(exc: tomli.TOMLDecodeError, path: Path | str | None) -> DataFileError:
    line = getattr(exc, "lineno", None)
    column = getattr(exc, "colno", None)
    message = getattr(exc, "msg", None) or str(exc)
    if line is None:
        match = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        if match:
            line, column = int(match[1]), int(match[2])
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", message)
    where = f"{path}:{line}:{column}" if line is not None else str(path)
    return DataFileError(f"{where}: TOML syntax error: {message}", path)


def _problem_from_pydantic(err: Any, lines: KeyLines, root: type[BaseModel]) -> Problem:
    loc = tuple(err["loc"])
    path = format_path(loc)
    kind = err["type"]
    given = err.get("input")
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
    else:
        message = err["msg"]
        if message.startswith("Value error, "):
            message = message[len("Value error, ") :]
        elif _is_scalar(given):
            message += f" (got {given!r})"
    return lines.locate(Problem(path, message))


def _is_scalar(value: Any) -> bool:
    return isinstance(value, str | int | float | bool) or hasattr(value, "isoformat")


def format_path(loc: tuple[Any, ...]) -> str:
    """``('companies', 3, 'years', 2, 'capex')`` -> ``companies[3].years[2].capex``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def parse_path(path: str) -> tuple[Any, ...]:
    parts: list[Any] = []
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", path):
        parts.append(int(index) if index else name)
    return tuple(parts)


def _fields_at(root: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The keys the model allows at ``loc`` (for did-you-mean on an unknown key)."""
    model: Any = root
    for part in loc:
        if isinstance(part, int):
            continue
        fields = getattr(model, "model_fields", None)
        if not fields or part not in fields:
            return []
        model = _model_in(fields[part].annotation)
        if model is None:
            return []
    return list(model.model_fields) if hasattr(model, "model_fields") else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


_KEY = re.compile(
    r"""^((?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"]*"|'[^']*'))*)\s*="""
)


class KeyLines:
    """Line numbers of the keys and tables of a TOML text, by concrete path.

    tomli gives values without positions, so this light scanner walks the text again,
    following ``[table]`` and ``[[array.of.tables]]`` headers the way TOML does, to say
    on which line ``companies[3].years[2].capex`` was written.
    """

    def __init__(self, text: str) -> None:
        self._lines: dict[tuple[Any, ...], int] = {}
        self._counts: dict[tuple[Any, ...], int] = {}
        current: tuple[Any, ...] = ()
        in_multiline = False
        for number, raw in enumerate(text.splitlines(), start=1):
            stripped = raw.strip()
            if in_multiline:
                if stripped.count('"""') % 2 == 1 or stripped.count("'''") % 2 == 1:
                    in_multiline = False
                continue
            if not stripped or stripped.startswith("#"):
                continue
            if stripped.startswith("[["):
                names = _split_key(stripped[2 : stripped.find("]]")])
                parent = self._resolve(names[:-1])
                array = (*parent, names[-1])
                index = self._counts.get(array, -1) + 1
                self._counts[array] = index
                current = (*array, index)
                self._lines.setdefault(array, number)
                self._lines[current] = number
                continue
            if stripped.startswith("["):
                current = self._resolve(_split_key(stripped[1 : stripped.find("]")]))
                self._lines.setdefault(current, number)
                continue
            match = _KEY.match(stripped)
            if match:
                self._lines.setdefault((*current, *_split_key(match[1])), number)
                rest = stripped[match.end() :]
                if rest.count('"""') == 1 or rest.count("'''") == 1:
                    in_multiline = True

    def _resolve(self, names: list[str]) -> tuple[Any, ...]:
        path: tuple[Any, ...] = ()
        for name in names:
            path = (*path, name)
            if path in self._counts:
                path = (*path, self._counts[path])
        return path

    def line_of(self, loc: tuple[Any, ...]) -> int | None:
        """The line of ``loc``, or of its nearest enclosing key or table."""
        for end in range(len(loc), 0, -1):
            found = self._lines.get(tuple(loc[:end]))
            if found is not None:
                return found
        return None

    def locate(self, problem: Problem) -> Problem:
        if problem.line is not None:
            return problem
        line = self.line_of(parse_path(problem.path))
        return Problem(problem.path, problem.message, line, problem.column)


def _split_key(key: str) -> list[str]:
    parts = re.findall(r"""\s*("[^"]*"|'[^']*'|[^.]+?)\s*(?:\.|$)""", key.strip())
    return [p[1:-1] if p[:1] in "\"'" else p.strip() for p in parts if p.strip()]
