"""The examples of the README and of every page in docs/ are real output: each ```console
block is run and compared.

A block is ```console, then `$ capex ARGS` on its first line, then the expected output (stdout,
then stderr, as a terminal shows them). Run ``python -m tests.test_readme --update`` from the
repository root to rewrite every block of every page with the current output.
"""

from __future__ import annotations

import os
import re
import shlex
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from capexcli.cli.commands import app
from capexcli.model.checks import lint_dataset
from capexcli.store.loader import parse_dataset

README = Path(__file__).parent.parent / "README.md"
#: The README and the manual: every page whose examples are run.
PAGES = [README, *sorted((README.parent / "docs").glob("*.md"))]
BLOCK = re.compile(r"```console\n\$ capex (?P<args>[^\n]*)\n(?P<output>.*?)```", re.DOTALL)


def blocks(text: str) -> Iterator[re.Match[str]]:
    return BLOCK.finditer(text)


def run(args: str) -> str:
    """What a user sees, with the shipped data, from the repository root."""
    env = {"NO_COLOR": "1", "CAPEX_DATA": "", "COLUMNS": "80", "LC_ALL": "", "LANG": ""}
    result = CliRunner().invoke(app, shlex.split(args), env=env)
    return result.stdout + result.stderr


@pytest.fixture(autouse=True)
def _at_repo_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(README.parent)


def test_readme_has_console_examples() -> None:
    commands = [m["args"].split()[0] for m in blocks(README.read_text(encoding="utf-8"))]
    assert {"compare", "company"} <= set(commands)


def _examples() -> list[tuple[str, int, str]]:
    return [
        (page.relative_to(README.parent).as_posix(), index, m["args"])
        for page in PAGES
        for index, m in enumerate(blocks(page.read_text(encoding="utf-8")))
    ]


@pytest.mark.parametrize(("page", "index", "example"), _examples())
def test_example_is_current(page: str, index: int, example: str) -> None:
    text = (README.parent / page).read_text(encoding="utf-8")
    match = list(blocks(text))[index]
    assert run(example) == match["output"], (
        f"{page}: example `capex {example}` is out of date: run python -m tests.test_readme "
        "--update"
    )


def test_data_example_is_a_valid_data_file() -> None:
    # The data format's example, wherever the manual keeps it.
    examples = [
        m[1]
        for page in PAGES
        for m in re.finditer(r"```toml\n(.*?)```", page.read_text(encoding="utf-8"), re.DOTALL)
        if "[[companies]]" in m[1]
    ]
    assert examples
    dataset = parse_dataset(examples[0], "README.md")
    assert [c.id for c in dataset.companies] == ["meta"]
    assert lint_dataset(dataset) == []  # the example passes `capex validate --strict`


def update() -> None:
    os.chdir(README.parent)

    def replace(match: re.Match[str]) -> str:
        return f"```console\n$ capex {match['args']}\n{run(match['args'])}```"

    for page in PAGES:
        text = page.read_text(encoding="utf-8")
        page.write_text(BLOCK.sub(replace, text), encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] == ["--update"]:
        update()
    else:
        sys.exit("usage: python -m tests.test_readme --update")
