from __future__ import annotations

import os
from pathlib import Path

import pytest

from capexcli.errors import DataFileError, DataValidationError
from capexcli.loader import (
    KeyLines,
    default_data_path,
    format_path,
    load,
    parse_path,
    resolve_data_path,
)

from .conftest import SMALL, write


def test_loads_the_small_dataset() -> None:
    loaded = load(SMALL)
    assert loaded.path == SMALL
    assert len(loaded.dataset.companies) == 4


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="no such file"):
        load(tmp_path / "nope.toml")


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="is a directory"):
        load(tmp_path)


def test_toml_syntax_error_has_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "schema_version = 1\ncompanies = [\n[[fx]]\n")
    with pytest.raises(DataFileError) as caught:
        load(path)
    assert caught.value.message.startswith(f"{path}:3:")
    assert "TOML syntax error" in caught.value.message


def test_duplicate_key_is_a_syntax_error(tmp_path: Path) -> None:
    path = write(tmp_path, "schema_version = 1\nschema_version = 1\n")
    with pytest.raises(DataFileError, match=r":2:\d+: TOML syntax error"):
        load(path)


def test_invalid_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_bytes(b"schema_version = 1\n# \xff\n")
    with pytest.raises(DataFileError, match=r"bad.toml:2: not UTF-8 text \(byte 0xff"):
        load(path)


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + SMALL.read_bytes())
    assert len(load(path).dataset.companies) == 4


def test_json_file_is_not_toml(tmp_path: Path) -> None:
    path = write(tmp_path, '{"schema_version": 1}', "data.json")
    with pytest.raises(DataFileError, match="TOML syntax error"):
        load(path)


def test_empty_file_says_what_is_missing(tmp_path: Path) -> None:
    path = write(tmp_path, "")
    with pytest.raises(DataValidationError) as caught:
        load(path)
    assert {p.path for p in caught.value.problems} == {"schema_version", "companies"}


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path, "x = 1")
    path.chmod(0)
    with pytest.raises(DataFileError, match="cannot read"):
        load(path)


def test_key_lines_follow_arrays_of_tables() -> None:
    text = SMALL.read_text(encoding="utf-8")
    lines = KeyLines(text)
    source = text.splitlines()
    assert (
        source[lines.line_of(("companies", 1, "years", 0, "period_end")) - 1]
        == "period_end = 2023-06-30"
    )
    assert source[lines.line_of(("companies", 3, "id")) - 1] == 'id = "cnb"'
    # A key inside an inline table is found on the line of the table.
    assert lines.line_of(("companies", 0, "years", 0, "capex", "value")) == lines.line_of(
        ("companies", 0, "years", 0, "capex")
    )
    assert lines.line_of(("nothing",)) is None


def test_key_lines_skip_multiline_strings() -> None:
    text = 'a = """\nb = 1\n"""\nc = 2\n'
    lines = KeyLines(text)
    assert lines.line_of(("b",)) is None
    assert lines.line_of(("c",)) == 4


def test_paths_round_trip() -> None:
    loc = ("companies", 3, "years", 2, "capex", "value")
    assert format_path(loc) == "companies[3].years[2].capex.value"
    assert parse_path(format_path(loc)) == loc


def test_data_path_precedence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CAPEX_DATA", str(tmp_path / "env.toml"))
    assert resolve_data_path(tmp_path / "opt.toml") == tmp_path / "opt.toml"
    assert resolve_data_path(None) == tmp_path / "env.toml"
    monkeypatch.delenv("CAPEX_DATA")
    assert resolve_data_path(None) == default_data_path()


def test_shipped_dataset_is_found() -> None:
    assert default_data_path().is_file()
