"""Where in a data file: a problem's TOML path (``companies[3].years[2].capex``) and the line
it is on. tomli gives values without positions, so :class:`KeyLines` walks the text again,
only when there is a problem to place."""

from __future__ import annotations

import re
from typing import Any

from capexcli.errors import Problem


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
                if not names:  # not a header this scanner understands: lines only, go on
                    continue
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
