"""Help that teaches (issue 17, item 6): no type placeholders, an example for every command,
wrapped to the terminal, nothing cut at 80 columns."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from pathlib import Path

import pytest
import typer
from rich.cells import cell_len
from typer.testing import Result

from capexcli.cli.commands import app
from capexcli.cli.help import wrap
from tests.conftest import SMALL

DATA_ARGS = ("--data", str(SMALL))

Run = Callable[..., Result]


def _commands() -> list[list[str]]:
    """Every command path: [], ["compare"], ..., ["import"], ["import", "sec"]."""
    root = typer.main.get_command(app)
    ctx = typer.Context(root, info_name="capex")
    paths: list[list[str]] = [[]]
    for name in root.list_commands(ctx):  # type: ignore[attr-defined]
        paths.append([name])
        sub = root.get_command(ctx, name)  # type: ignore[attr-defined]
        if hasattr(sub, "list_commands"):
            paths += [[name, s] for s in sub.list_commands(typer.Context(sub, info_name=name))]
    return paths


COMMANDS = _commands()
#: What Typer printed for a parameter's type: <str>, <bool>, <path>, <list[str]> ...
PLACEHOLDER = re.compile(r"<[a-z_]+(\[[a-z_]+\])?>")


def test_every_command_is_covered() -> None:
    names = {" ".join(path) for path in COMMANDS}
    assert {"compare", "company", "claims", "schema", "verify", "import sec"} <= names


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "capex")
def test_help_fits_80_columns_without_cuts_or_placeholders(run: Run, path: list[str]) -> None:
    result = run(*path, "--help", env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    widest = max(out.splitlines(), key=cell_len)
    assert cell_len(widest) <= 80, widest
    assert not PLACEHOLDER.search(out), PLACEHOLDER.search(out)
    assert "…" not in out and "╭" not in out
    assert "[[" not in out.splitlines()[0]  # usage: [PATH], not [[PATH]]
    # every option is listed, whole
    command = typer.main.get_command(app)
    ctx = typer.Context(command, info_name="capex")
    for name in path:
        command = command.get_command(ctx, name)  # type: ignore[attr-defined]
        ctx = typer.Context(command, info_name=name, parent=ctx)
    for param in command.get_params(ctx):
        for option in param.opts:
            if option.startswith("-"):
                assert re.search(rf"(^|[\s,]){re.escape(option)}\b", out), option


@pytest.mark.parametrize("path", [p for p in COMMANDS if p], ids=" ".join)
def test_every_command_shows_an_example(run: Run, path: list[str]) -> None:
    out = run(*path, "--help", env={"COLUMNS": "80"}).stdout
    assert re.search(r"^ Examples?:$", out, re.M), out
    assert re.search(rf"^ {{3,}}capex {' '.join(path)}", out, re.M), out


def test_help_uses_the_terminal_width(run: Run) -> None:
    narrow = run("compare", "--help", env={"COLUMNS": "80"}).stdout
    wide = run("compare", "--help", env={"COLUMNS": "100"}).stdout
    assert max(map(cell_len, wide.splitlines())) > 80
    assert len(wide.splitlines()) < len(narrow.splitlines())
    # a long value in the help is broken over lines, never cut
    text = " ".join(narrow.split())
    assert "us=microsoft,alphabet,meta,amazon,apple" in text


def test_long_example_continues_with_a_backslash(run: Run) -> None:
    out = run("import", "sec", "--help", env={"COLUMNS": "80"}).stdout.splitlines()
    start = next(i for i, line in enumerate(out) if "--user-agent 'Jane Doe" in line)
    assert out[start].endswith(" \\")
    assert out[start + 1].lstrip().startswith("--company microsoft")


def test_wrap_counts_display_cells_and_never_splits_a_word() -> None:
    # 12 Chinese characters are 24 cells: at 12 cells, 6 and 6 characters
    assert wrap("资本开支占经营现金流比例", 12) == ["资本开支占经", "营现金流比例"]
    # A word wider than the line stands alone on it, whole (issue 26: "Tenc" / "ent").
    assert wrap("a " + "x" * 25, 10) == ["a", "x" * 25]
    assert wrap("中国七家（Tencent、Alibaba）", 14) == ["中国七家", "（Tencent、", "Alibaba）"]
    assert wrap("one two three", 7) == ["one two", "three"]


@pytest.mark.parametrize(
    "args",
    [
        ("--help", "--lang", "zh"),
        ("--lang", "zh", "--help"),
        ("--lang=zh", "--help"),
        ("schema", "--help", "--lang", "zh"),
        ("--lang", "zh", "compare", "--help"),
        ("compare", "--help", "--lang", "zh"),
        ("import", "--help", "--lang", "zh"),
        ("--lang", "zh", "import", "sec", "--help"),
        ("import", "report", "--lang", "zh", "--help"),
    ],
)
def test_lang_works_before_or_after_help_and_any_command(
    run: Callable[..., Result], args: tuple[str, ...]
) -> None:
    from capexcli.present import catalog

    catalog.MISSES.clear()
    result = run(*args, env={"COLUMNS": "80"})
    assert result.exit_code == 0, result.stderr
    assert "用法：" in result.stdout
    assert not catalog.MISSES, catalog.MISSES
    # No English word is split over two lines (issue 26: "Tenc" / "ent"): two pieces at a
    # line break never join into a word of capex's own help.
    known = _help_words()
    lines = result.stdout.splitlines()
    for above, below in itertools.pairwise(lines):
        end = re.search(r"[A-Za-z]+$", above)
        start = re.match(r"\s*([A-Za-z]+)", below)
        if end and start:
            assert end.group() + start.group(1) not in known, (above, below)


def _help_words() -> set[str]:
    from capexcli.cli import app as app_module
    from capexcli.present import catalog_help

    text = Path(catalog_help.__file__).read_text("utf-8") + Path(app_module.__file__).read_text(
        "utf-8"
    )
    return set(re.findall(r"[A-Za-z]{4,}", text))


@pytest.mark.parametrize(
    "args",
    [
        ("--lang", "zh", "compare", *DATA_ARGS),
        ("compare", "--lang", "zh", *DATA_ARGS),
        ("compare", *DATA_ARGS, "--lang=zh"),
    ],
)
def test_lang_before_or_after_the_command_gives_the_same_table(
    run: Callable[..., Result], args: tuple[str, ...]
) -> None:
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == run("compare", "--lang", "zh", *DATA_ARGS).stdout
    assert "年份" in result.stdout


def test_a_bad_lang_anywhere_is_refused(run: Callable[..., Result]) -> None:
    result = run("--lang", "fr", "compare", *DATA_ARGS)
    assert result.exit_code == 2
    assert "--lang 'fr': choose en or zh" in result.stderr
