"""The console script: a repeated command line is replayed before Typer is imported, byte for
byte, and only when the run it replaces printed its output and nothing else."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SEC_FIXTURES, SMALL

ALPHABET = SEC_FIXTURES / "CIK0001652044-alphabet.json"


@pytest.fixture
def capex(tmp_path: Path) -> object:
    env = {
        **os.environ,
        "CAPEX_NO_CACHE": "",
        "CAPEX_CACHE_DIR": str(tmp_path / "cache"),
        "XDG_DATA_HOME": str(tmp_path / "xdg"),
    }
    for name in ("CAPEX_DATA", "COLUMNS", "LC_ALL", "LC_MESSAGES", "LANG"):
        env.pop(name, None)

    def run(
        *args: str, imports: bool = False, stdout: object = subprocess.PIPE
    ) -> subprocess.CompletedProcess:
        flags = ["-X", "importtime"] if imports else []
        return subprocess.run(
            [sys.executable, *flags, "-m", "capexcli", *args],
            stdout=stdout,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=tmp_path,
            check=False,
        )

    return run


def imported(stderr: str) -> set[str]:
    """Module names from ``-X importtime``'s report."""
    return {line.rsplit("|", 1)[1].strip() for line in stderr.splitlines() if "|" in line}


@pytest.mark.parametrize(
    "args",
    [
        ("compare", "--json"),
        ("company", "tencent", "--lang", "zh"),  # a table, piped, in Chinese
        ("validate", "--json"),
        ("verify", "alphabet", "--facts", str(ALPHABET), "--json"),
    ],
)
def test_a_repeated_command_line_is_replayed_without_typer(
    capex: object, args: tuple[str, ...]
) -> None:
    first = capex(*args)  # type: ignore[operator]
    assert first.returncode == 0, first.stderr
    again = capex(*args, imports=True)  # type: ignore[operator]
    assert again.returncode == 0
    assert again.stdout == first.stdout
    modules = imported(again.stderr)
    assert "capexcli.store.replay" in modules
    assert not {"typer", "pydantic", "rich", "capexcli.cli.commands"} & modules


def test_a_changed_input_is_computed_again(capex: object, tmp_path: Path) -> None:
    data = tmp_path / "data.toml"
    shutil.copy(SMALL, data)
    first = capex("compare", "--json", "--data", "data.toml")  # type: ignore[operator]
    data.write_text(
        SMALL.read_text(encoding="utf-8").replace(
            "capex = { value = 100 }", "capex = { value = 300 }"
        ),
        encoding="utf-8",
    )
    second = capex("compare", "--json", "--data", "data.toml", imports=True)  # type: ignore[operator]
    assert second.returncode == 0 and "typer" in imported(second.stderr)
    # usa's 2023 capex 100 -> 300: US 2023 capex (300 + 50) * 7 = 2450, from 1050
    assert '"capex": 1050' in first.stdout and '"capex": 2450' in second.stdout


def test_a_run_that_also_wrote_to_stderr_is_never_replayed(capex: object) -> None:
    # -v says on stderr which data file is read; a replay would leave that out.
    first = capex("-v", "compare", "--json")  # type: ignore[operator]
    second = capex("-v", "compare", "--json")  # type: ignore[operator]
    assert first.stderr and second.stderr == first.stderr
    assert second.stdout == first.stdout


def test_a_failed_check_is_not_replayed_before_typer(capex: object, tmp_path: Path) -> None:
    # small.toml's confirmed figures name no findable document: --strict fails (exit 1) with
    # a message on stderr; the run, from the output cache, says it every time.
    args = ("validate", str(SMALL), "--strict")
    first = capex(*args)  # type: ignore[operator]
    second = capex(*args)  # type: ignore[operator]
    assert first.returncode == second.returncode == 1
    assert (second.stdout, second.stderr) == (first.stdout, first.stderr)


def test_a_replay_into_a_full_stdout_exits_74(capex: object) -> None:
    capex("compare", "--json")  # type: ignore[operator]
    with open("/dev/full", "w") as full:
        done = capex("compare", "--json", imports=True, stdout=full)  # type: ignore[operator]
    assert done.returncode == 74
    assert "cannot write to standard output" in done.stderr
    # The replay failed, not a run: nothing was computed (the message needs the app's words).
    assert "capexcli.compute.comparison" not in imported(done.stderr)
