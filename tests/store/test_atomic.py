"""atomic_write: the old file survives every failure byte for byte, and nothing is left over."""

from __future__ import annotations

import errno
import os
import signal
import stat
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from capexcli.errors import WriteError
from capexcli.store import atomic
from capexcli.store.atomic import atomic_write
from tests.conftest import REPO

OLD = b"schema_version = 1\n# the old file, byte for byte\r\n\xe4\xb8\xad\n"


@pytest.fixture(params=["anonymous", "named"])
def mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> str:
    """Run a test both ways: a nameless O_TMPFILE file (Linux) and a named temporary file."""
    if request.param == "named":
        monkeypatch.setattr(atomic, "_open_anonymous", lambda directory: None)
    elif not atomic.anonymous_files_supported(tmp_path):
        pytest.skip("no O_TMPFILE on this system")
    return str(request.param)


def listing(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


def test_writes_a_new_file(tmp_path: Path, mode: str) -> None:
    target = tmp_path / "new.toml"
    atomic_write(target, "中文 text\n")
    assert target.read_bytes() == "中文 text\n".encode()
    assert listing(tmp_path) == ["new.toml"]


def test_an_existing_file_is_not_replaced_without_force(tmp_path: Path, mode: str) -> None:
    target = tmp_path / "data.toml"
    target.write_bytes(OLD)
    with pytest.raises(WriteError, match="already exists; use --force"):
        atomic_write(target, b"new")
    assert target.read_bytes() == OLD
    assert listing(tmp_path) == ["data.toml"]
    atomic_write(target, b"new", force=True)
    assert target.read_bytes() == b"new"
    assert listing(tmp_path) == ["data.toml"]


def test_replacing_keeps_the_permissions_and_a_symlink(tmp_path: Path, mode: str) -> None:
    target = tmp_path / "data.toml"
    target.write_bytes(OLD)
    target.chmod(0o640)
    link = tmp_path / "link.toml"
    link.symlink_to(target.name)
    atomic_write(link, b"new", force=True)
    assert link.is_symlink() and target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert listing(tmp_path) == ["data.toml", "link.toml"]


def test_the_old_file_stays_when_the_rename_fails(
    tmp_path: Path, mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "data.toml"
    target.write_bytes(OLD)

    def broken_replace(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(WriteError) as caught:
        atomic_write(target, b"new contents" * 1000, force=True)
    assert (
        caught.value.message == f"cannot write {target}: Input/output error; the file is unchanged"
    )
    assert target.read_bytes() == OLD
    assert listing(tmp_path) == ["data.toml"]


def test_the_old_file_stays_when_the_disk_fills_midway(
    tmp_path: Path, mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "data.toml"
    target.write_bytes(OLD)
    real_write = os.write
    calls = []

    def filling_write(fd: int, data: bytes) -> int:
        calls.append(len(data))
        if len(calls) > 1:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", filling_write)
    with pytest.raises(WriteError, match="No space left on device; the file is unchanged"):
        atomic_write(target, [b"a" * 1000, b"b" * 1000], force=True)
    assert len(calls) == 2
    assert target.read_bytes() == OLD
    assert listing(tmp_path) == ["data.toml"]


def test_a_failed_new_file_leaves_nothing(
    tmp_path: Path, mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken_fsync(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(WriteError, match="nothing was written"):
        atomic_write(tmp_path / "new.toml", b"x")
    assert listing(tmp_path) == []


def test_an_interrupt_cleans_up_too(tmp_path: Path, mode: str) -> None:
    target = tmp_path / "data.toml"
    target.write_bytes(OLD)

    def chunks() -> Iterator[bytes]:
        yield b"partial"
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, chunks(), force=True)
    assert target.read_bytes() == OLD
    assert listing(tmp_path) == ["data.toml"]


def test_a_file_changed_since_it_was_read_is_not_overwritten(tmp_path: Path) -> None:
    target = tmp_path / "data.toml"
    target.write_bytes(OLD)
    with pytest.raises(WriteError, match="changed on disk since it was read"):
        atomic_write(target, b"new", force=True, expect=b"what I read earlier")
    assert target.read_bytes() == OLD
    atomic_write(target, b"new", force=True, expect=OLD)
    assert target.read_bytes() == b"new"


def test_a_missing_directory_is_a_write_error(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="no such directory"):
        atomic_write(tmp_path / "nope" / "data.toml", b"x")


SLOW_WRITER = textwrap.dedent(
    """
    import sys, time
    from capexcli.store.atomic import atomic_write

    def chunks():
        for i in range(400):
            yield b"x" * 1_000_000
            if i == 2:
                print("writing", flush=True)
            time.sleep(0.01)

    atomic_write(sys.argv[1], chunks(), force=True)
    print("finished", flush=True)
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_writer_killed_midway_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    # Only a nameless temporary file can vanish with a SIGKILLed process; with a named one,
    # the kernel cannot know to delete it.
    if not atomic.anonymous_files_supported(tmp_path):
        pytest.skip("no O_TMPFILE on this system")
    target = tmp_path / "data.toml"
    target.write_bytes(OLD)
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    child = subprocess.Popen(
        [sys.executable, "-c", SLOW_WRITER, str(target)],
        stdout=subprocess.PIPE,
        env=env,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline() == b"writing\n"  # 3 MB in, about 4 seconds to go
        child.kill()
        assert child.wait(timeout=10) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        if child.stdout is not None:
            child.stdout.close()
    assert target.read_bytes() == OLD
    assert listing(tmp_path) == ["data.toml"]


def test_a_sandbox_that_refuses_linking_through_proc_falls_back_to_a_named_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(fd: int, name: Path, dir_fd: int) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(atomic, "_link_fd", refused)
    monkeypatch.setattr(atomic, "_PROBED", {})
    assert not atomic.anonymous_files_supported(tmp_path)
    target = tmp_path / "data.toml"
    target.write_bytes(OLD)
    atomic_write(target, b"new", force=True)
    assert target.read_bytes() == b"new"
    assert listing(tmp_path) == ["data.toml"]


# --------------------------------------------------------------------------------------------
# write_lock: one read-modify-write of a file at a time
# --------------------------------------------------------------------------------------------


def test_write_lock_holds_a_lock_file_beside_the_target_and_removes_it(tmp_path: Path) -> None:
    target = tmp_path / "data.toml"
    target.write_bytes(OLD)
    with atomic.write_lock(target):
        assert listing(tmp_path) == [".data.toml.capex-lock", "data.toml"]
    assert listing(tmp_path) == ["data.toml"]
    # a lock file left behind (a process killed while holding it) is no obstacle
    (tmp_path / ".data.toml.capex-lock").touch()
    with atomic.write_lock(target):
        pass
    assert listing(tmp_path) == ["data.toml"]


def test_write_lock_of_a_symlink_is_the_lock_of_the_file_it_names(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "data.toml"
    target.write_bytes(OLD)
    (tmp_path / "link.toml").symlink_to(target)
    with atomic.write_lock(tmp_path / "link.toml"):
        assert listing(tmp_path / "real") == [".data.toml.capex-lock", "data.toml"]


def test_write_lock_waits_for_the_holder_and_gives_up_after_its_timeout(tmp_path: Path) -> None:
    # flock locks belong to an open file, so two threads of one process exclude each other.
    target = tmp_path / "data.toml"
    target.write_bytes(OLD)
    held, release = threading.Event(), threading.Event()
    order: list[str] = []

    def holder() -> None:
        with atomic.write_lock(target):
            held.set()
            release.wait(5)
            order.append("first")

    thread = threading.Thread(target=holder)
    thread.start()
    held.wait(5)
    with pytest.raises(WriteError, match=r"another capex has held .*\.data\.toml\.capex-lock"):
        atomic.write_lock(target, timeout=0.2).__enter__()
    threading.Timer(0.2, release.set).start()
    started = time.monotonic()
    with atomic.write_lock(target):
        order.append("second")
    thread.join()
    assert order == ["first", "second"] and time.monotonic() - started >= 0.15
    assert listing(tmp_path) == ["data.toml"]


def test_a_lock_file_that_cannot_be_opened_is_a_write_error(tmp_path: Path) -> None:
    target = tmp_path / "data.toml"
    target.write_bytes(OLD)
    (tmp_path / ".data.toml.capex-lock").mkdir()
    with pytest.raises(WriteError, match=r"cannot write .*data\.toml: Is a directory"):
        atomic.write_lock(target).__enter__()
    assert target.read_bytes() == OLD
