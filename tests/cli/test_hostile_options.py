"""Every input size and output failure is an exit status, not a crash (issue 27, item 7):
integers beyond any year, dates in other ISO forms, options given twice, and standard
output closed, full or unable to encode."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable

import pytest
from typer.testing import Result

from capexcli.errors import EXIT_OUTPUT_ERROR
from tests.conftest import SMALL

Run = Callable[..., Result]
DATA = ("--data", str(SMALL))


def _refused(result: Result, message: str) -> None:
    assert result.exit_code == 2, result.stdout
    assert message in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "years", ["9" * 30 + "-2025", "2020-" + "9" * 5000, "2_020-2024", "２０２４", "+2024", "-2024"]
)
def test_years_beyond_any_year_or_not_in_ascii_digits(run: Run, years: str) -> None:
    result = run("compare", "--years", years, *DATA)
    assert result.exit_code == 2
    assert "a year must be between" in result.stderr or "not a year" in result.stderr


def test_a_huge_fiscal_year_for_import_report(run: Run) -> None:
    _refused(run("import", "report", str(SMALL), "--year", "9" * 40), "not a fiscal year")


@pytest.mark.parametrize(
    "day", ["20240105", "2024-W01-1", "2024-005", "２０２４-01-05", "2024-1-5"]
)
def test_other_iso_forms_are_refused_as_the_message_says(run: Run, day: str) -> None:
    # date.fromisoformat takes the first three; the message promises YYYY-MM-DD only.
    _refused(run("compare", "--as-of", day, *DATA), "not a date: write YYYY-MM-DD")


def test_a_day_that_does_not_exist(run: Run) -> None:
    _refused(run("compare", "--as-of", "2024-02-30", *DATA), "not a date: write YYYY-MM-DD")
    assert run("compare", "--as-of", "2025-02-28", *DATA).exit_code == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--years", "2020-2024", "--years", "2023"],
            "--years given twice ('2020-2024' and '2023')",
        ),
        (["-f", "csv", "--format", "json"], "--format given twice ('csv' and 'json')"),
        (["-fcsv", "-f", "tsv"], "-f given twice ('csv' and 'tsv')"),
        (["--label", "us=A", "--label", "us=B"], "us given twice ('A' and 'B')"),
        (["--group", "us=usa", "--group", "us=usb"], "us given twice ('usa' and 'usb')"),
    ],
    ids=["years", "format", "short", "label", "group"],
)
def test_an_option_given_twice_with_two_values_is_refused(
    run: Run, args: list[str], message: str
) -> None:
    _refused(run("compare", *args, *DATA), message)


def test_the_same_value_twice_and_repeatable_options_are_fine(run: Run) -> None:
    assert (
        run("compare", "--years", "2023", "--years=2023", "--json", "--json", *DATA).exit_code == 0
    )
    assert run("compare", "--label", "us=A", "--label", "cn=B", *DATA).exit_code == 0


# Standard output that cannot take the output: a real process, with real file descriptors.


def _capex(*args: str, stdout: object, env: dict[str, str] | None = None) -> tuple[int, str]:
    process = subprocess.run(
        [sys.executable, "-m", "capexcli", *args],
        stdout=stdout,  # type: ignore[arg-type]
        stderr=subprocess.PIPE,
        env={**os.environ, "CAPEX_NO_CACHE": "1", **(env or {})},
        check=False,
        text=True,
    )
    return process.returncode, process.stderr


def _one_line(stderr: str, message: str) -> None:
    assert stderr.count("\n") == 1 and message in stderr, stderr
    assert "Traceback" not in stderr and "Exception ignored" not in stderr


def test_stdout_closed() -> None:
    code, stderr = _closed("companies", *DATA)
    assert code == EXIT_OUTPUT_ERROR
    _one_line(stderr, "standard output is closed")


def _closed(*args: str) -> tuple[int, str]:
    """capex started with no standard output at all (`capex ... >&-`)."""
    process = subprocess.run(
        [sys.executable, "-m", "capexcli", *args],
        stdin=subprocess.DEVNULL,
        stdout=None,
        pass_fds=(),
        preexec_fn=lambda: os.close(1),
        stderr=subprocess.PIPE,
        env={**os.environ, "CAPEX_NO_CACHE": "1"},
        check=False,
        text=True,
    )
    return process.returncode, process.stderr


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
@pytest.mark.parametrize("json_errors", [False, True])
def test_stdout_full(json_errors: bool) -> None:
    with open("/dev/full", "w") as full:
        extra = ("--json",) if json_errors else ()
        code, stderr = _capex("compare", *extra, *DATA, stdout=full)
    assert code == EXIT_OUTPUT_ERROR
    _one_line(stderr, "cannot write to standard output: No space left on device")
    if json_errors:
        assert json.loads(stderr)["error"]["code"] == "output"


def test_stdout_that_cannot_encode_the_output() -> None:
    code, stderr = _capex(
        "company",
        "cna",
        "--lang",
        "zh",
        *DATA,
        stdout=subprocess.PIPE,
        env={"PYTHONIOENCODING": "ascii"},
    )
    assert code == EXIT_OUTPUT_ERROR
    _one_line(stderr, "PYTHONIOENCODING=utf-8")
