"""Every broken data file in tests/corpus, through the real CLI: one clear message, exit 2.

tests/corpus/expected.toml says what each file must produce. Files that cannot live in the
repository (a directory, a symlink loop, a file over the size limit, an unreadable file) are
made here in tmp_path.
"""

from __future__ import annotations

import functools
import json
import os
import tomllib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
import typer.main
import typer.testing
from typer.testing import Result

from capexcli.store import loader

CORPUS = Path(__file__).parents[1] / "corpus"
EXPECTED: dict[str, dict[str, Any]] = tomllib.loads(
    (CORPUS / "expected.toml").read_text(encoding="utf-8")
)
# Dotfiles (.gitattributes keeps git from "fixing" the files) are not part of the corpus.
FILES = sorted(
    p.name for p in CORPUS.iterdir() if p.name != "expected.toml" and not p.name.startswith(".")
)

Run = Callable[..., Result]

#: The click command built from ``app`` once for this module's runs.
_command = functools.cache(typer.main.get_command)


@pytest.fixture(autouse=True)
def _build_the_cli_once(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Typer's runner rebuilds the click command from ``app`` on every invoke (~20 ms, most of
    a run); the command is the same each time, so build it once. raising=False: should typer
    rename its private import, this only makes the tests slower."""
    monkeypatch.setattr(typer.testing, "_get_command", _command, raising=False)
    yield


def assert_clean_failure(
    result: Result, fragments: Sequence[str], absent: Sequence[str] = ()
) -> None:
    """Exit 2, nothing on stdout, no traceback, and every fragment in the one message."""
    assert result.exit_code == 2, result.output
    # A SystemExit is how the CLI ends on purpose; any other exception escaped it.
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert result.stdout == ""
    assert "Traceback" not in result.output
    assert "internal error" not in result.stderr
    assert result.stderr.startswith("Error: ") or result.stderr.startswith("Usage: ")
    for fragment in fragments:
        assert fragment in result.stderr, f"{fragment!r} not in:\n{result.stderr}"
    for fragment in absent:
        assert fragment not in result.stderr, f"{fragment!r} should not be in:\n{result.stderr}"


def test_the_corpus_is_big_and_every_file_has_expectations() -> None:
    assert len(FILES) >= 40
    assert set(FILES) == set(EXPECTED), "a corpus file without expectations, or the reverse"


@pytest.mark.parametrize("name", FILES)
def test_broken_file(name: str, run: Run) -> None:
    path = CORPUS / name
    expected = EXPECTED[name]
    fragments: list[str] = expected["messages"]
    absent: list[str] = expected.get("absent", [])
    texts: list[str] = []
    for args in (("validate", str(path)), ("compare", "--data", str(path))):
        result = run(*args)
        assert_clean_failure(result, fragments, absent)
        texts.append(result.stderr)
    assert texts[0] == texts[1], "validate and compare describe the same file differently"
    count = expected.get("problems")
    lines = texts[0].rstrip("\n").split("\n")
    if count is None:
        assert len(lines) == 1, "a file error is one line"
    else:
        # The heading, then one line per problem.
        assert lines[0] == f"Error: {path}: {count} problem{'s' if count != 1 else ''} in the data"
        assert len(lines) == count + 1


@pytest.mark.parametrize("name", FILES)
def test_broken_file_as_json(name: str, run: Run) -> None:
    expected = EXPECTED[name]
    result = run("validate", str(CORPUS / name), "--json")
    assert result.exit_code == 2
    assert result.stdout == ""
    error = json.loads(result.stderr)["error"]
    assert error["code"] == expected["code"]
    if "problems" in expected:
        assert len(error["problems"]) == expected["problems"]
        for problem in error["problems"]:
            assert problem["path"] and problem["message"]


# Files made at test time: each returns the path to give capex and what it must say.


def _directory(tmp_path: Path) -> tuple[Path, str]:
    (tmp_path / "data.toml").mkdir()
    return tmp_path / "data.toml", "data.toml: is a directory, not a data file"


def _missing(tmp_path: Path) -> tuple[Path, str]:
    return tmp_path / "nope.toml", "nope.toml: no such file"


def _symlink_loop(tmp_path: Path) -> tuple[Path, str]:
    (tmp_path / "a.toml").symlink_to(tmp_path / "b.toml")
    (tmp_path / "b.toml").symlink_to(tmp_path / "a.toml")
    return tmp_path / "a.toml", "a.toml: a symbolic link loop (the link leads back to itself)"


def _dangling_symlink(tmp_path: Path) -> tuple[Path, str]:
    (tmp_path / "link.toml").symlink_to(tmp_path / "gone.toml")
    return tmp_path / "link.toml", f"link.toml: a symbolic link to {tmp_path / 'gone.toml'}, which"


def _over_the_limit(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "huge.toml"
    with path.open("wb") as stream:
        stream.truncate(loader.MAX_FILE_BYTES + 1)  # sparse: costs no disk and no time
    size = loader.MAX_FILE_BYTES + 1
    limit = loader.MAX_FILE_BYTES // 2**20
    return path, f"huge.toml: {size:,} bytes is over the {limit} MiB limit for a data file"


def _under_a_file(tmp_path: Path) -> tuple[Path, str]:
    (tmp_path / "plain.toml").write_text("schema_version = 1\n", encoding="utf-8")
    return tmp_path / "plain.toml" / "data.toml", "data.toml: cannot read: Not a directory"


def _unreadable(tmp_path: Path) -> tuple[Path, str]:
    if os.geteuid() == 0:
        pytest.skip("root can read any file")
    path = tmp_path / "locked.toml"
    path.write_text("schema_version = 1\n", encoding="utf-8")
    path.chmod(0)
    return path, "locked.toml: cannot read: Permission denied"


MADE = {
    "directory": _directory,
    "missing-path": _missing,
    "symlink-loop": _symlink_loop,
    "dangling-symlink": _dangling_symlink,
    "over-the-size-limit": _over_the_limit,
    "path-under-a-file": _under_a_file,
    "unreadable": _unreadable,
}


@pytest.mark.parametrize("kind", sorted(MADE))
def test_made_file(kind: str, tmp_path: Path, run: Run) -> None:
    path, fragment = MADE[kind](tmp_path)
    for args in (("validate", str(path)), ("compare", "--data", str(path))):
        result = run(*args)
        assert_clean_failure(result, [fragment])
        assert result.stderr.count("\n") == 1, "a file error is one line"
    result = run("validate", str(path), "--json")
    assert json.loads(result.stderr)["error"]["code"] == "data_file"


def test_stream_without_a_size_is_read_only_up_to_the_limit(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    # /dev/zero says its size is 0 and never ends: the read must stop at the limit.
    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 4096)
    result = run("validate", "/dev/zero")
    assert_clean_failure(result, ["/dev/zero: more than the 4,096-byte limit for a data file"])


def test_nul_byte_in_the_path(run: Run) -> None:
    for args in (("validate", "a\0b.toml"), ("compare", "--data", "a\0b.toml")):
        assert_clean_failure(run(*args), ["null byte"])


def test_data_from_the_environment_gets_the_same_messages(run: Run) -> None:
    path = CORPUS / "negative-capex.toml"
    result = run("compare", env={"CAPEX_DATA": str(path)})
    assert_clean_failure(result, EXPECTED["negative-capex.toml"]["messages"])
