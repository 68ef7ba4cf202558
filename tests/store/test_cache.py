"""The output and dataset caches: a hit gives exactly what a miss would, any change of input
misses, damage is repaired."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from capexcli.errors import DataValidationError
from capexcli.store import cache, loader
from tests.conftest import SMALL

Run = Callable[..., Result]


@pytest.fixture
def cached(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CAPEX_NO_CACHE", "")
    monkeypatch.setenv("CAPEX_CACHE_DIR", str(folder))
    return folder


def entries(folder: Path) -> list[Path]:
    """The output entries (the dataset entries end in .dataset)."""
    return sorted(p for p in folder.iterdir() if "." not in p.name) if folder.exists() else []


def datasets(folder: Path) -> list[Path]:
    return sorted(folder.glob("*" + cache.DATASET_SUFFIX)) if folder.exists() else []


def test_a_hit_replays_the_same_output_without_computing(
    run: Run, cached: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data.toml"
    shutil.copy(SMALL, data)
    first = run("compare", "--json", "--data", str(data))
    assert first.exit_code == 0 and len(entries(cached)) == 1

    def no_compute(*args: object, **kwargs: object) -> None:
        raise AssertionError("a cache hit must not compute")

    monkeypatch.setattr("capexcli.compute.comparison.compare", no_compute)
    second = run("compare", "--json", "--data", str(data))
    assert second.exit_code == 0
    assert second.stdout == first.stdout


def test_changed_data_options_or_format_miss(run: Run, cached: Path, tmp_path: Path) -> None:
    data = tmp_path / "data.toml"
    shutil.copy(SMALL, data)
    before = json.loads(run("compare", "--json", "--data", str(data)).stdout)
    data.write_text(
        SMALL.read_text(encoding="utf-8").replace(
            "capex = { value = 100 }", "capex = { value = 300 }"
        ),
        encoding="utf-8",
    )
    after = json.loads(run("compare", "--json", "--data", str(data)).stdout)
    # usa's 2023 capex 100 -> 300: US 2023 capex (300 + 50) * 7
    assert before["years"][0]["us"]["capex"] == 1050
    assert after["years"][0]["us"]["capex"] == 2450
    usd = json.loads(run("compare", "--json", "-c", "USD", "--data", str(data)).stdout)
    assert usd["years"][0]["us"]["capex"] == 350
    csv_out = run("compare", "-f", "csv", "--data", str(data)).stdout
    assert csv_out.startswith("year,total,first_year,last_year,currency")
    assert len(entries(cached)) == 4


def test_piped_tables_are_cached_but_files_and_coloured_output_are_not(
    run: Run, cached: Path, tmp_path: Path
) -> None:
    # The runner's stdout is not a terminal: the table is plain text, the same every time.
    first = run("compare", "--data", str(SMALL))
    assert first.exit_code == 0 and len(entries(cached)) == 1
    assert run("compare", "--data", str(SMALL)).stdout == first.stdout
    written = run("compare", "--json", "-o", str(tmp_path / "o.json"), "--data", str(SMALL))
    assert written.exit_code == 0
    coloured = run("compare", "--data", str(SMALL), env={"FORCE_COLOR": "1"})
    assert "\x1b[" in coloured.stdout
    assert len(entries(cached)) == 1


def test_errors_are_not_cached(run: Run, cached: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("schema_version = 1\ncompanies = 3\n", encoding="utf-8")
    assert run("compare", "--json", "--data", str(bad)).exit_code == 2
    assert entries(cached) == []


def test_a_damaged_entry_is_ignored_and_repaired(run: Run, cached: Path) -> None:
    good = run("companies", "--json", "--data", str(SMALL)).stdout
    (entry,) = entries(cached)
    entry.write_bytes(entry.read_bytes().replace(b'"cna"', b'"XXX"'))
    again = run("companies", "--json", "--data", str(SMALL))
    assert again.stdout == good
    assert cache.get_output(entry.name) == (good, None)


def test_an_unwritable_cache_directory_is_no_cache(
    run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv("CAPEX_NO_CACHE", "")
    monkeypatch.setenv("CAPEX_CACHE_DIR", str(blocker / "cache"))
    result = run("compare", "--json", "--data", str(SMALL))
    assert result.exit_code == 0 and json.loads(result.stdout)["schema_version"] == 1


def test_pruning_keeps_the_newest(cached: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
    for n in range(5):
        cache.put(f"{n:064x}", f"entry {n}")
    assert [p.name[-1] for p in entries(cached)] == ["2", "3", "4"]
    # Command lines (store/replay.py) are pruned apart, as many again.
    for n in range(5):
        cache.put(f"{n:064x}.run", f"line {n}")
    assert sorted(p.name[63] for p in cached.glob("*.run")) == ["2", "3", "4"]
    assert len(entries(cached)) == 3


def test_another_command_on_the_same_data_skips_the_toml(
    run: Run, cached: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data.toml"
    shutil.copy(SMALL, data)
    cold = run("company", "usa", "--json", "--data", str(data)).stdout
    assert len(datasets(cached)) == 1
    (entry,) = entries(cached)
    entry.unlink()  # so the next run cannot replay the output

    def no_toml(*args: object, **kwargs: object) -> None:
        raise AssertionError("a dataset cache hit must not parse the TOML")

    monkeypatch.setattr("capexcli.store.loader.parse_dataset", no_toml)
    assert run("company", "usa", "--json", "--data", str(data)).stdout == cold
    assert json.loads(run("companies", "--json", "--data", str(data)).stdout)["companies"]


def test_the_cached_dataset_equals_the_parsed_one(cached: Path) -> None:
    parsed = loader.load(SMALL).dataset  # a miss: parsed, then stored
    (entry,) = datasets(cached)
    again = loader.load(SMALL).dataset  # a hit
    assert again == parsed
    assert cache.get_bytes(entry.name) is not None


def test_a_damaged_or_tampered_dataset_entry_falls_back_to_the_file(cached: Path) -> None:
    good = loader.load(SMALL).dataset
    (entry,) = datasets(cached)
    payload = cache.get_bytes(entry.name)
    assert payload is not None
    # Torn: the checksum no longer matches.
    entry.write_bytes(entry.read_bytes()[:-10])
    assert loader.load(SMALL).dataset == good
    # Tampered with a matching checksum: a negative capex fails validation on the way in.
    assert b'"capex":{"value":100.0' in payload
    cache.put_bytes(
        entry.name, payload.replace(b'"capex":{"value":100.0', b'"capex":{"value":-1.0')
    )
    assert loader.load(SMALL).dataset == good
    assert cache.get_bytes(entry.name) == payload  # repaired


def test_changed_or_invalid_data_gets_no_stale_dataset(
    cached: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data.toml"
    shutil.copy(SMALL, data)
    before = loader.load(data).dataset
    text = SMALL.read_text(encoding="utf-8")
    data.write_text(text.replace("capex = { value = 100 }", "capex = { value = 300 }"), "utf-8")
    after = loader.load(data).dataset
    assert before.companies[0].years[0].value("capex") == 100
    assert after.companies[0].years[0].value("capex") == 300
    assert len(datasets(cached)) == 2
    data.write_text(text.replace('id = "cnb"', 'id = "usa"'), encoding="utf-8")  # duplicate id
    with pytest.raises(DataValidationError):
        loader.load(data)
    assert len(datasets(cached)) == 2  # a dataset that fails a check is never stored
    monkeypatch.setattr(cache, "MAX_DATASETS", 1)
    data.write_text(text.replace("capex = { value = 100 }", "capex = { value = 200 }"), "utf-8")
    loader.load(data)  # a third dataset is stored; the two older ones are pruned
    assert len(datasets(cached)) == 1


def test_no_cache_means_no_dataset_entry(cached: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAPEX_NO_CACHE", "1")
    loader.load(SMALL)
    assert datasets(cached) == []


def test_unreadable_capex_sources_mean_no_cache(
    cached: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Without the fingerprint of its own code, an entry could outlive the capex that wrote it.
    def unreadable(*args: object) -> None:
        raise PermissionError("denied")

    monkeypatch.setattr(cache.os, "scandir", unreadable)
    assert cache.key("compare", {}, [SMALL]) is None
    assert cache.dataset_key(hashlib.sha256(SMALL.read_bytes()).digest()) is None
    assert loader.load(SMALL).dataset.companies
    assert datasets(cached) == []


def test_the_default_location_is_xdg_cache_home_then_home(
    run: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CAPEX_NO_CACHE", "")
    monkeypatch.delenv("CAPEX_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    first = run("compare", "--json", "--data", str(SMALL)).stdout
    assert entries(tmp_path / "xdg" / "capex")
    assert run("compare", "--json", "--data", str(SMALL)).stdout == first
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    run("compare", "--json", "--data", str(SMALL))
    assert entries(tmp_path / "home" / ".cache" / "capex")


def test_the_key_changes_with_a_library_that_shapes_the_output(
    cached: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = cache.key("compare", {}, [SMALL])
    assert before is not None
    spec = __import__("importlib.util").util.find_spec("rich")
    real_stat = cache.os.stat

    def upgraded(path: object, *args: object, **kwargs: object) -> object:
        result = real_stat(path, *args, **kwargs)
        if str(path) == spec.origin:  # rich's package file, as after an upgrade
            return cache.os.stat_result((*result[:6], result[6] + 1, *result[7:]))
        return result

    monkeypatch.setattr(cache.os, "stat", upgraded)
    assert cache.key("compare", {}, [SMALL]) != before


def test_a_pipe_as_input_is_never_cached(cached: Path, tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "data.fifo"
    os.mkfifo(fifo)
    # Hashing a pipe would consume the data the run then reads: no key, so no cache.
    assert cache.key("compare", {}, [fifo]) is None


def test_links_pipes_and_foreign_files_in_the_cache_folder_are_left_alone(
    cached: Path, tmp_path: Path
) -> None:
    import os

    cached.mkdir()
    (cached / cache.TAG_NAME).write_bytes(cache.TAG)  # capex's folder, foreign files put in later
    victim = tmp_path / "victim.txt"
    victim.write_text("user data")
    name = "ab" * 32
    (cached / name).symlink_to(victim)
    fifo = "cd" * 32
    os.mkfifo(cached / fifo)
    foreign = cached / ("ef" * 32)
    foreign.write_text("a user's file whose name looks like an entry")
    # a read neither follows the link nor waits on the pipe
    assert cache.get(name) is None
    assert cache.get(fifo) is None
    # a write does not replace them, nor write through the link
    cache.put(name, "cached text")
    cache.put(fifo, "cached text")
    assert victim.read_text() == "user data"
    assert (cached / name).is_symlink()
    # pruning removes only capex's own entries
    for n in range(cache.MAX_ENTRIES + 3):
        cache.put(f"{n:064x}", "x")
    assert foreign.exists()
    assert len(entries(cached)) == cache.MAX_ENTRIES + 3  # kept + link + pipe + foreign


def test_a_folder_that_is_not_capex_s_is_not_written_to(
    run: Run, cached: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # CAPEX_CACHE_DIR pointing at a folder of the user's: capex caches nothing there
    cached.mkdir()
    (cached / "notes.txt").write_text("mine")
    assert run("compare", "--json", "--data", str(SMALL)).exit_code == 0
    assert sorted(p.name for p in cached.iterdir()) == ["notes.txt"]
    # a new (or empty) folder is capex's: it gets the standard cache-directory tag
    fresh = tmp_path / "fresh"
    monkeypatch.setenv("CAPEX_CACHE_DIR", str(fresh))
    cache.put("ab" * 32, "text")
    assert (fresh / cache.TAG_NAME).read_bytes().startswith(b"Signature: 8a477f597d28d172")
    assert cache.get("ab" * 32) == "text"


def test_an_input_changed_during_the_run_is_filed_under_the_bytes_read(
    run: Run, cached: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data.toml"
    shutil.copy(SMALL, data)
    real_load = loader.load
    edited = SMALL.read_text(encoding="utf-8").replace(
        "capex = { value = 100 }", "capex = { value = 900 }", 1
    )

    def load_then_edit(path: Path | str) -> loader.Loaded:
        loaded = real_load(path)
        # an editor saves the file while capex computes
        data.write_text(edited, encoding="utf-8")
        return loaded

    monkeypatch.setattr(loader, "load", load_then_edit)
    first = run("compare", "--json", "--data", str(data))
    monkeypatch.setattr(loader, "load", real_load)
    # Filed under the key of the bytes it was computed from (the original), so the edited
    # file is a miss and computes its own numbers.
    assert len(entries(cached)) == 1
    second = run("compare", "--json", "--data", str(data))
    assert second.stdout != first.stdout
    shutil.copy(SMALL, data)
    assert run("compare", "--json", "--data", str(data)).stdout == first.stdout


def test_validate_replays_a_valid_file_and_strict_its_failed_check(
    run: Run, cached: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data.toml"
    shutil.copy(SMALL, data)
    first = run("validate", str(data), "--json")
    assert first.exit_code == 0 and len(entries(cached)) == 1

    def no_lint(*args: object, **kwargs: object) -> None:
        raise AssertionError("a cache hit must not check the file again")

    monkeypatch.setattr("capexcli.model.checks.lint_dataset", no_lint)
    second = run("validate", str(data), "--json")
    assert second.exit_code == 0 and second.stdout == first.stdout
    # --strict is another key; its entry carries the failed check (small.toml's confirmed
    # figures cite no document a reader could find: warnings), so a replay exits 1 too.
    monkeypatch.undo()
    monkeypatch.setenv("CAPEX_NO_CACHE", "")
    monkeypatch.setenv("CAPEX_CACHE_DIR", str(cached))
    strict = run("validate", str(data), "--strict", "--json")
    assert strict.exit_code == 1 and "--strict:" in strict.stderr
    assert len(entries(cached)) == 2
    monkeypatch.setattr("capexcli.model.checks.lint_dataset", no_lint)
    again = run("validate", str(data), "--strict", "--json")
    assert (again.exit_code, again.stdout, again.stderr) == (1, strict.stdout, strict.stderr)


def test_verify_replays_its_output_and_its_failed_check(
    run: Run, cached: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.importers.test_verify import hand_made, write_json

    facts = write_json(tmp_path, hand_made())
    data = tmp_path / "data.toml"
    shutil.copy(SMALL, data)
    first = run("verify", "usa", "--facts", str(facts), "--data", str(data), "--json")
    assert first.exit_code == 1 and "differ from the SEC" in first.stderr
    assert len(entries(cached)) == 1

    def no_verify(*args: object, **kwargs: object) -> None:
        raise AssertionError("a cache hit must not verify again")

    monkeypatch.setattr("capexcli.importers.sec.verify.verify", no_verify)
    second = run("verify", "usa", "--facts", str(facts), "--data", str(data), "--json")
    assert (second.exit_code, second.stdout, second.stderr) == (1, first.stdout, first.stderr)
    # Another facts file is another key: computed (and here the stub says so).
    facts.write_text(facts.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    third = run("verify", "usa", "--facts", str(facts), "--data", str(data), "--json")
    assert third.exit_code == 70 and "must not verify again" in third.stderr
