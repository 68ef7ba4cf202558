"""The key of an invocation: what a repeated command line may be replayed on (replay.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from capexcli.store import replay


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_the_same_invocation_has_the_same_key(here: Path) -> None:
    assert replay.invocation_key(["compare", "--json"]) == replay.invocation_key(
        ["compare", "--json"]
    )


def test_arguments_folder_and_environment_make_another_invocation(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = replay.invocation_key(["compare", "--json"])
    assert replay.invocation_key(["compare", "--json", "--lang", "zh"]) != base
    for name, value in [
        ("COLUMNS", "120"),
        ("LANG", "zh_CN.UTF-8"),
        ("CAPEX_DATA", "other.toml"),
        ("XDG_DATA_HOME", "/elsewhere"),
        ("PYTHONIOENCODING", "ascii"),
        ("NO_COLOR", "1"),
    ]:
        with monkeypatch.context() as env:
            env.setenv(name, value)
            assert replay.invocation_key(["compare", "--json"]) != base, name
    # A variable capex and Python do not read is not part of it.
    with monkeypatch.context() as env:
        env.setenv("SOME_OTHER_TOOL", "1")
        assert replay.invocation_key(["compare", "--json"]) == base
    (here / "sub").mkdir()
    monkeypatch.chdir(here / "sub")
    assert replay.invocation_key(["compare", "--json"]) != base


def test_a_named_folder_s_listing_and_the_user_data_file_are_part_of_it(
    here: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    facts = here / "facts"
    facts.mkdir()
    argv = ["verify", "--facts", "facts", "--json"]
    empty = replay.invocation_key(argv)
    (facts / "a.json").write_text("{}", encoding="utf-8")
    one = replay.invocation_key(argv)
    assert one != empty
    # NAME=FILE names the file after its '='.
    mapped = ["verify", "--facts", "alphabet=facts/a.json"]
    before = replay.invocation_key(mapped)
    (facts / "a.json").unlink()
    assert replay.invocation_key(mapped) != before
    monkeypatch.setenv("XDG_DATA_HOME", str(here / "xdg"))
    without = replay.invocation_key(argv)
    user = here / "xdg" / "capex" / "companies.toml"
    user.parent.mkdir(parents=True)
    user.write_text("", encoding="utf-8")
    assert replay.invocation_key(argv) != without


def test_shell_completion_is_never_replayed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_CAPEX_COMPLETE", "complete_bash")
    assert replay.invocation_key(["compare"]) is None


def test_what_is_filed_reads_back_to_the_same_output_key(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    from capexcli.store import cache

    monkeypatch.setenv("CAPEX_NO_CACHE", "")
    monkeypatch.setenv("CAPEX_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "data.toml").write_text("", encoding="utf-8")
    settings = {"years": (2020, 2024), "data": Path("data.toml"), "format": "json"}
    entry = replay.invocation_key(["compare"])
    assert entry is not None
    replay.remember(entry, "compare", settings, [Path("data.toml")])
    filed = json.loads(cache.get(entry) or "")
    # A tuple reads back as a list and a path as its text: the same JSON, so the same key.
    assert filed["files"] == [str(tmp_path / "data.toml")]
    assert cache.key(filed["command"], filed["settings"], map(Path, filed["files"])) == (
        cache.key("compare", settings, [tmp_path / "data.toml"])
    )
    # Keys that JSON cannot order (1 and "1") make no key at all: nothing is filed.
    other = replay.invocation_key(["companies"])
    assert other is not None
    replay.remember(other, "compare", {1: "a", "1": "b"}, [])
    assert cache.get(other) is None
