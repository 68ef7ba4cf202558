"""Issue #29 item 3: `import report` at the speed of its text, reading what it read before.

Two things make it faster without changing a line it reads: a page's characters are laid
out without pdfplumber's per-object dictionaries (checked here against pdfplumber's own
``extract_text`` on every page of the fixtures), and the cover is laid out by a helper process
beside the reading (checked here: used, the same when it fails, within the reading's memory
and killed with it)."""

from __future__ import annotations

import os
import re
import signal
import time
from pathlib import Path
from typing import Any

import pytest

from capexcli.errors import ReportError
from capexcli.importers.report import limits, read_report
from capexcli.importers.report import text as pdf_text
from capexcli.importers.report.text import X_TOLERANCE_RATIO, PdfText, clean

HKEX = Path(__file__).parents[1] / "fixtures" / "hkex"
FIXTURES = sorted(HKEX.glob("*.pdf"))


def _pdfplumber_lines(pdf: PdfText, number: int) -> list[str]:
    """The page as pdfplumber lays it out itself (what text.py did before issue 29)."""
    page = pdf._plumber_page(number)  # the same open document, page tree and offsets

    def not_a_space(obj: dict[str, Any]) -> bool:
        return not (obj.get("object_type") == "char" and str(obj.get("text", "")).isspace())

    text = page.filter(not_a_space).extract_text(x_tolerance_ratio=X_TOLERANCE_RATIO)
    text = re.sub(r"\(cid:\d+\)", "", clean(text))
    return [line.strip() for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem[:24] for p in FIXTURES])
def test_every_page_is_laid_out_as_pdfplumber_lays_it_out(path: Path) -> None:
    with PdfText(path) as pdf:
        pages = [n for n in range(1, pdf.page_count + 1) if pdf.raw(n).strip()]
        assert pages, "a fixture with text"
        for number in pages:
            assert pdf.lines(number) == _pdfplumber_lines(pdf, number), f"p. {number}"


def _record_helper(monkeypatch: pytest.MonkeyPatch, log: Path) -> None:
    """Each helper result the reading child takes, written to ``log`` (the child's memory
    is its own; a file is what the test can see)."""
    taken = limits.Helper.result

    def result(self: limits.Helper[Any]) -> Any:
        value = taken(self)
        with log.open("a") as out:
            out.write(f"{sorted(value) if value else 'failed'}\n")
        return value

    monkeypatch.setattr(limits.Helper, "result", result)


def _read(path: Path) -> tuple[Any, ...]:
    report = read_report(path)
    info = report.document
    figures = [(line.measure, line.row.page, line.row.label, line.values) for line in report.lines]
    return (info, report.years, figures, report.warnings, report.notes)


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="a helper needs /proc")
def test_the_cover_is_laid_out_beside_the_statement_and_reads_the_same_without_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = tmp_path / "helper.log"
    _record_helper(monkeypatch, log)
    path = HKEX / "02324-capital-vc-annual-report-2020-21.pdf"
    helped = _read(path)
    assert log.read_text() == "[1, 2, 3]\n"  # the three cover pages came from the helper
    assert (helped[0].issuer, helped[0].issuer_zh, helped[0].stock_code) == (
        "CAPITAL VC LIMITED",
        "首都創投有限公司",
        "02324",
    )
    # A helper that fails (here: any layout in a process that is neither this one nor a
    # reading child): the reading lays the cover out itself, and reads the same.
    tests = os.getpid()
    lay_out = pdf_text._page_text

    def failing(page: Any) -> str:
        if not limits._in_child and os.getpid() != tests:
            raise MemoryError
        return lay_out(page)

    monkeypatch.setattr(pdf_text, "_page_text", failing)
    alone = _read(path)
    assert log.read_text() == "[1, 2, 3]\nfailed\n"
    assert alone == helped


def _limits_in_child(out: Path) -> None:
    import resource

    before = resource.getrlimit(resource.RLIMIT_AS)[0]
    helper = limits.helper(lambda: time.sleep(0.2) or "done")
    during = resource.getrlimit(resource.RLIMIT_AS)[0]
    value = helper.result()
    after = resource.getrlimit(resource.RLIMIT_AS)[0]
    out.write_text(f"{before} {during} {after} {value}")


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="a helper needs /proc")
def test_the_helper_takes_its_memory_from_the_reading(tmp_path: Path) -> None:
    out = tmp_path / "limits"
    limits.start(tmp_path / "x.pdf", lambda: _limits_in_child(out)).result()
    before, during, after, value = out.read_text().split()
    # While the helper runs the reading may use HELPER_MEMORY less, so that the two
    # together stay within MEMORY_LIMIT; then it has all of it again.
    assert int(before) - int(during) == limits.HELPER_MEMORY
    assert after == before
    assert value == "done"


def test_no_helper_outside_a_reading_child() -> None:
    # Beside the parent (capex itself, or pytest) nothing is forked: no limits hold there.
    assert limits.helper(lambda: "done").result() is None


def _state(pid: int) -> str:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return "gone"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_a_helper_dies_with_its_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "TIME_LIMIT", 1.0)
    pid_file = tmp_path / "pid"

    def endless() -> None:
        helper = limits.helper(lambda: time.sleep(60))
        pid_file.write_text(str(helper._pid))
        time.sleep(60)

    with pytest.raises(ReportError, match="took longer than 1 s"):
        limits.start(tmp_path / "x.pdf", endless).result()
    pid = int(pid_file.read_text())
    assert pid > 0 and pid != os.getpid()
    deadline = time.monotonic() + 5
    while _state(pid) not in ("gone", "Z") and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _state(pid) in ("gone", "Z")  # killed with the reading's process group


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_a_reading_that_dies_is_told_at_once_and_its_helper_killed(tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"

    def dies() -> None:
        helper = limits.helper(lambda: time.sleep(60))
        pid_file.write_text(str(helper._pid))
        os.kill(os.getpid(), signal.SIGKILL)  # as pdfium's abort would end it

    started = time.monotonic()
    with pytest.raises(ReportError, match=r"the PDF library failed reading it \(signal 9\)"):
        limits.start(tmp_path / "x.pdf", dies).result()
    # Not held up by the helper's copy of the pipe to capex (it closes it), nor left behind.
    assert time.monotonic() - started < limits.TIME_LIMIT / 3
    pid = int(pid_file.read_text())
    deadline = time.monotonic() + 5
    while _state(pid) not in ("gone", "Z") and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _state(pid) in ("gone", "Z")


def test_a_reading_started_from_the_bare_command_line_is_adopted_when_the_options_agree(
    tmp_path: Path,
) -> None:
    from capexcli.cli.entry import _read_early
    from capexcli.importers.report import reading

    pdf = FIXTURES[0]
    args = ["import", "report", str(pdf), "--json", "--year", "2025", "--lang", "zh"]
    assert _read_early(args)
    assert reading._early is not None
    early = reading._early[1]
    adopted = reading.start_report(pdf, url=None, year=2025)
    assert adopted is early and reading._early is None
    adopted.cancel()
    # Other options than the early start guessed: it is stopped and a reading started anew.
    assert _read_early(["import", "report", str(pdf)])
    assert reading._early is not None
    guessed = reading._early[1]
    other = reading.start_report(pdf, url=None, year=2024)
    assert other is not guessed and reading._early is None
    assert guessed._pid == 0  # cancelled: killed and reaped
    other.cancel()
    reading.cancel_early()  # nothing left: a no-op


@pytest.mark.parametrize(
    "tail",
    [
        ["--into", "data.toml", "--company", "tencent"],  # the data file dates the columns
        ["--help"],
        ["--year=abc"],
        ["--unknown"],
        ["--year"],
        ["second.pdf"],
    ],
)
def test_a_command_line_the_early_start_does_not_understand_starts_nothing(
    tail: list[str],
) -> None:
    from capexcli.cli.entry import _read_early
    from capexcli.importers.report import reading

    assert not _read_early(["import", "report", str(FIXTURES[0]), *tail])
    assert not _read_early(["import", "report", "https://www1.hkexnews.hk/x.pdf"])
    assert not _read_early(["import", "report", str(HKEX)])  # a folder: the parse says so
    assert not _read_early(["import", "sec", str(FIXTURES[0])])
    assert reading._early is None


def test_the_console_script_reads_as_the_parsed_command_does(tmp_path: Path) -> None:
    import subprocess
    import sys

    from typer.testing import CliRunner

    from capexcli.cli.commands import app

    pdf = str(FIXTURES[0])
    parsed = CliRunner().invoke(app, ["import", "report", pdf, "--json"])
    script = subprocess.run(
        [sys.executable, "-m", "capexcli", "import", "report", pdf, "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (script.returncode, script.stdout) == (parsed.exit_code, parsed.stdout)
    # Options refused after the early start: the refusal, and the reading stopped with it.
    refused = subprocess.run(
        [sys.executable, "-m", "capexcli", "import", "report", pdf, "--company", "Not An Id"],
        capture_output=True,
        text=True,
        check=False,
        timeout=20,
    )
    assert refused.returncode == 2 and "--company 'Not An Id'" in refused.stderr
