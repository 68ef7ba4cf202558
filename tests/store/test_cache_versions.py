"""The output cache keys an output on the bytes it was computed from (issue 27, item 8): a data
or claims file that changes and changes back while capex runs cannot leave one version's
numbers under the other version's key."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from capexcli.store import loader
from tests.conftest import REPO, SMALL

Run = Callable[..., Result]
CLAIMS = REPO / "data" / "claims.toml"


@pytest.fixture
def cached(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    monkeypatch.setenv("CAPEX_NO_CACHE", "")
    monkeypatch.setenv("CAPEX_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def versions(tmp_path: Path) -> tuple[bytes, bytes]:
    a = SMALL.read_bytes()
    b = a.replace(b"capex = { value = 100 }", b"capex = { value = 900 }", 1)
    assert a != b
    return a, b


def computed(run: Run, monkeypatch: pytest.MonkeyPatch, data: Path, *args: str) -> str:
    with monkeypatch.context() as patch:
        patch.setenv("CAPEX_NO_CACHE", "1")
        result = run(*args, "--data", str(data))
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_a_file_swapped_and_swapped_back_during_the_read(
    run: Run, cached: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The lookup hashes version A; the run reads B; A is back before the run ends. The old
    # check (hash again after the run) saw A and filed B's output under A's key.
    a, b = versions(tmp_path)
    data = tmp_path / "data.toml"
    data.write_bytes(a)
    real = loader._read_bytes

    def swapped(path: Path) -> bytes:
        if Path(path) == data:
            data.write_bytes(b)
            try:
                return real(path)
            finally:
                data.write_bytes(a)
        return real(path)

    with monkeypatch.context() as patch:
        patch.setattr(loader, "_read_bytes", swapped)
        first = run("compare", "--json", "--data", str(data))
    assert first.exit_code == 0
    assert first.stdout == computed(
        run, monkeypatch, _copy(tmp_path, b, "b.toml"), "compare", "--json"
    )
    # A now: served A's numbers, never the B output of the swapped run.
    again = run("compare", "--json", "--data", str(data))
    assert again.stdout == computed(run, monkeypatch, data, "compare", "--json")
    assert again.stdout != first.stdout
    # And B's output was filed under B's key, where it belongs.
    data.write_bytes(b)
    assert run("compare", "--json", "--data", str(data)).stdout == first.stdout


def _copy(tmp_path: Path, content: bytes, name: str) -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


@pytest.mark.parametrize("which", ["data", "claims"])
def test_a_writer_swapping_two_versions_back_and_forth(
    run: Run, cached: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, which: str
) -> None:
    """A thread replaces the file with version A, then B, as fast as it can, while capex runs
    40 times; afterwards each version, run from the cache, prints what it computes."""
    source = SMALL if which == "data" else REPO / "data" / "companies.toml"
    data = _copy(tmp_path, source.read_bytes(), "data.toml")
    claims = _copy(tmp_path, CLAIMS.read_bytes(), "claims.toml")
    if which == "data":
        target = data
        a, b = versions(tmp_path)
        args = ["compare", "--json"]
    else:
        target = claims
        a = CLAIMS.read_bytes()
        b = a.replace(b'id = "', b'id = "x', 1)  # another id: another output
        assert a != b
        args = ["claims", "--json", "--claims", str(claims)]
    stop = threading.Event()

    def writer() -> None:
        scratch = target.with_suffix(".tmp")
        while not stop.is_set():
            for content in (a, b):
                scratch.write_bytes(content)
                os.replace(scratch, target)  # whole versions only, as an editor saves

    thread = threading.Thread(target=writer, daemon=True)
    thread.start()
    try:
        for _ in range(40):
            run(*args, "--data", str(data))
    finally:
        stop.set()
        thread.join()
    for content in (a, b):
        target.write_bytes(content)
        served = run(*args, "--data", str(data))
        assert served.stdout == computed(run, monkeypatch, data, *args)
    shutil.rmtree(cached, ignore_errors=True)
