"""``--help`` as plain text wrapped to the terminal: usage, the command's text, its arguments,
options and commands, then the epilog.

Typer's boxed help left a 25-column description column at 80 columns, cut long words with "…"
and showed type placeholders (``<str>``); this layout gives the text the whole width, wraps by
display cells (Chinese counts two) and never cuts or splits a word: one wider than the line
stands alone on it. Examples (indented paragraphs) are kept as written, and one too long for
the terminal continues on the next line after a `` \\`` so it still pastes into a shell.
"""

from __future__ import annotations

import inspect
import os
import re
import shutil
import textwrap
from collections.abc import Sequence
from typing import Any

#: Lines never grow wider than this, however wide the terminal (long lines read badly).
MAX_WIDTH = 100
#: The option column's widest; a longer option puts its help on the next line.
NAME_COLUMN = 28
INDENT = "  "
#: A type placeholder that click appends to an argument's name: ``NAME <str>``.
_PLACEHOLDER = re.compile(r"\s+<[^>]*>$")
#: Words of a shell command line, quoted strings kept whole.
_SHELL_WORD = re.compile(r"""'[^']*'|"[^"]*"|\S+""")


def terminal_width() -> int:
    columns = os.environ.get("COLUMNS", "")
    width = int(columns) if columns.isdigit() else shutil.get_terminal_size((80, 24)).columns
    return max(40, min(width, MAX_WIDTH))


def _cells(text: str) -> int:
    from rich.cells import cell_len

    return cell_len(text)


def wrap(text: str, width: int) -> list[str]:
    """``text`` on lines of at most ``width`` cells, as the tables' notes wrap: between words
    or Chinese characters, never inside a word, figure or URL (one longer than the line stands
    alone on it, whole); nothing is dropped."""
    from capexcli.present.console import wrap as wrap_prose

    return wrap_prose(" ".join(text.split()), width) or [""]


def _example(line: str, width: int) -> list[str]:
    """A command line that fits, or continued over lines with `` \\`` (quotes kept whole)."""
    if _cells(line) <= width:
        return [line]
    indent = line[: len(line) - len(line.lstrip())]
    out: list[str] = []
    current = indent
    for word in _SHELL_WORD.findall(line):
        candidate = f"{current} {word}" if current.strip() else current + word
        if _cells(candidate) + 2 > width and current.strip():
            out.append(current + " \\")
            current = indent + "    " + word
        else:
            current = candidate
    out.append(current)
    return out


def paragraphs(text: str, width: int, indent: str = " ") -> list[str]:
    """Prose paragraphs rewrapped; indented paragraphs (examples) kept line by line."""
    out: list[str] = []
    # dedent, not cleandoc: an epilog's example line must keep its indent after "Example:".
    for paragraph in textwrap.dedent(text).strip("\n").split("\n\n"):
        paragraph = paragraph.replace("\b\n", "")
        if out:
            out.append("")
        if paragraph.startswith(" "):
            for line in paragraph.splitlines():
                out.extend(_example(indent + line, width))
        else:
            out.extend(indent + line for line in wrap(paragraph, width - len(indent)))
    return out


def definitions(rows: Sequence[tuple[str, str]], width: int) -> list[str]:
    """Two columns, names and help, the help wrapped beside or under a long name."""
    widest = max((_cells(name) for name, _ in rows), default=0)
    column = min(widest, NAME_COLUMN)
    help_width = width - len(INDENT) - column - 2
    out: list[str] = []
    for name, text in rows:
        lines = wrap(text, help_width) if text else []
        if _cells(name) > column:
            out.append(INDENT + name)
            out.extend(INDENT + " " * (column + 2) + line for line in lines)
            continue
        pad = " " * (column - _cells(name) + 2)
        out.append(INDENT + name + (pad + lines[0] if lines else ""))
        out.extend(INDENT + " " * (column + 2) + line for line in lines[1:])
    return out


#: The headings of the help, in Chinese (the texts come translated: cli_app._help_in).
_HEADINGS_ZH = {
    "Usage:": "用法：",
    "Arguments:": "参数：",
    "Options:": "选项：",
    "Commands:": "命令：",
    "[OPTIONS]": "[选项]",
    "COMMAND [ARGS]...": "命令 [参数]...",
}


def render(command: Any, ctx: Any, zh: bool = False) -> str:
    """The whole help of ``command`` (a click command or group) in ``ctx``; ``zh``: with
    Chinese headings."""

    def h(text: str) -> str:
        return _HEADINGS_ZH.get(text, text) if zh else text

    width = terminal_width()
    usage = " ".join(command.collect_usage_pieces(ctx)).replace("[[", "[").replace("]]", "]")
    if zh:
        usage = usage.replace("[OPTIONS]", h("[OPTIONS]")).replace(
            "COMMAND [ARGS]...", h("COMMAND [ARGS]...")
        )
    out = wrap(f"{h('Usage:')} {ctx.command_path} {usage}", width)
    if command.help:
        out += ["", *paragraphs(command.help, width)]
    arguments: list[tuple[str, str]] = []
    options: list[tuple[str, str]] = []
    for param in command.get_params(ctx):
        record = param.get_help_record(ctx)
        if record is None:
            continue
        name, text = record
        if param.param_type_name == "argument":
            arguments.append((_PLACEHOLDER.sub("", name), text))
        else:
            options.append((name, text))
    if arguments:
        out += ["", h("Arguments:"), *definitions(arguments, width)]
    if options:
        out += ["", h("Options:"), *definitions(options, width)]
    commands = getattr(command, "list_commands", None)
    if commands is not None:
        rows = []
        for name in commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is None or sub.hidden:
                continue
            first = inspect.cleandoc(sub.short_help or sub.help or "").split("\n\n")[0]
            rows.append((name, " ".join(first.split())))
        if rows:
            out += ["", h("Commands:"), *definitions(rows, width)]
    if command.epilog:
        out += ["", *paragraphs(command.epilog, width)]
    return "\n".join(line.rstrip() for line in out) + "\n"
