from __future__ import annotations

import os
from pathlib import Path

import pytest

from capexcli.errors import DataFileError, DataValidationError
from capexcli.store import loader
from capexcli.store.loader import (
    KeyLines,
    default_data_path,
    format_path,
    load,
    parse_dataset,
    parse_path,
    resolve_data_path,
)
from tests.conftest import SMALL, write


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


# --- files that are not what they claim (issue 7) ----------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_named_with_or_without_a_byte_order_mark(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "wide.toml"
    path.write_bytes(SMALL.read_text(encoding="utf-8").encode(encoding))
    with pytest.raises(
        DataFileError, match=r"wide\.toml: this file is UTF-16 text; save it as UTF-8"
    ):
        load(path)


def test_a_nul_byte_makes_it_binary_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bin.toml"
    path.write_bytes(b"schema_version = 1\n\n\x00\x01\x02 and then text, not UTF-16\n")
    with pytest.raises(DataFileError, match=r"bin.toml:3: a NUL byte at offset 20: .*binary"):
        load(path)


def test_symlink_loop_and_dangling_link(tmp_path: Path) -> None:
    (tmp_path / "loop.toml").symlink_to(tmp_path / "loop.toml")
    with pytest.raises(DataFileError, match="symbolic link loop"):
        load(tmp_path / "loop.toml")
    (tmp_path / "link.toml").symlink_to(tmp_path / "gone.toml")
    with pytest.raises(
        DataFileError, match=r"a symbolic link to .*gone.toml, which does not exist"
    ):
        load(tmp_path / "link.toml")


def test_a_stream_is_read_no_further_than_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(loader, "MAX_FILE_BYTES", 1000)
    with pytest.raises(DataFileError, match="more than the 1,000-byte limit"):
        load(Path("/dev/zero"))


def test_json_gets_a_hint_and_keeps_the_syntax_error(tmp_path: Path) -> None:
    path = write(tmp_path, '[{"id": "usa"}]')
    with pytest.raises(DataFileError) as caught:
        load(path)
    assert "TOML syntax error" in caught.value.message
    assert caught.value.message.endswith(
        "this looks like JSON, not TOML: capex reads TOML data files (docs/data.md)"
    )


def test_a_toml_table_header_is_not_taken_for_json(tmp_path: Path) -> None:
    # "[fx]" starts a TOML table as well as a JSON array: no JSON hint unless it is JSON.
    path = write(tmp_path, "[fx]\nyear = \n")
    with pytest.raises(DataFileError) as caught:
        load(path)
    assert "JSON" not in caught.value.message


def test_thousands_separator_hint_ignores_commas_inside_strings(tmp_path: Path) -> None:
    path = write(tmp_path, "a = { value = 1,200 }\n")
    with pytest.raises(DataFileError, match="no thousands separator"):
        load(path)
    path = write(tmp_path, 'a = "1,200 pages" b\n')
    with pytest.raises(DataFileError) as caught:
        load(path)
    assert "no thousands separator" not in caught.value.message


def test_a_file_cut_short_is_said_to_be(tmp_path: Path) -> None:
    path = write(tmp_path, "schema_version = 1\ncompanies = [")
    with pytest.raises(DataFileError, match="ends in the middle of a line"):
        load(path)


def test_deep_nesting_is_an_error_not_a_recursion_crash(tmp_path: Path) -> None:
    path = write(tmp_path, "x = " + "[" * 5000 + "]" * 5000 + "\n")
    with pytest.raises(DataFileError, match="TOML nested too deeply"):
        load(path)


def test_a_long_bad_value_is_shortened_in_the_message() -> None:
    with pytest.raises(DataValidationError) as caught:
        parse_dataset(f'schema_version = "{"x" * 5000}"\ncompanies = []\n', "d.toml")
    (problem,) = caught.value.problems
    assert problem.message.endswith("… (5,000 characters))")
    assert len(problem.message) < 200


def test_a_date_time_is_shown_as_toml_writes_it() -> None:
    text = SMALL.read_text(encoding="utf-8").replace(
        "period_end = 2023-12-31", "period_end = 2023-12-31T00:00:00", 1
    )
    with pytest.raises(DataValidationError) as caught:
        parse_dataset(text, "d.toml")
    assert caught.value.problems[0].message == (
        "must be a TOML date such as 2024-06-30 (no quotes, no time of day) "
        "(got 2023-12-31T00:00:00)"
    )


def test_problems_come_in_file_order_with_both_kinds_in_one_run() -> None:
    text = SMALL.read_text(encoding="utf-8")
    text = text.replace('id = "cnb"', 'id = "usa"')  # cross-record, line 109
    text = text.replace("capex = { value = 240 }", "capex = { value = -240 }")  # model, ~129
    text = text.replace('aliases = ["USB1"]\nregion = "US"', 'aliases = ["USB1"]\nregion = "EU"')
    with pytest.raises(DataValidationError) as caught:
        parse_dataset(text, "d.toml")
    found = [(p.line, p.path) for p in caught.value.problems]
    assert [path for _, path in found] == [
        "companies[1].region",
        "companies[3].id",
        "companies[3].years[1].capex",
    ]
    assert [line for line, _ in found] == sorted(line for line, _ in found)


def test_key_lines_survive_odd_but_valid_headers() -> None:
    text = '[[""]]\na = 1\n[[ "x.y" . z ]]\nb = 2\n[ c ]\nd = 3\n'
    lines = KeyLines(text)
    assert lines.line_of(("x.y", "z", 0, "b")) == 4
    assert lines.line_of(("c", "d")) == 6


def test_zero_padding_is_binary_not_utf16(tmp_path: Path) -> None:
    # NULs on both even and odd offsets: not the one-sided pattern of UTF-16 text.
    path = tmp_path / "zeros.toml"
    path.write_bytes(bytes(4096))
    with pytest.raises(DataFileError, match=r"zeros\.toml:1: a NUL byte at offset 0: .*binary"):
        load(path)


def test_text_without_a_file_is_named_data() -> None:
    with pytest.raises(DataFileError, match=r"^<data>:1:6: TOML syntax error"):
        parse_dataset("a = [")


def test_a_table_written_as_something_else_gets_a_plain_message() -> None:
    # Regression: figures and fiscal years became pydantic dataclasses, whose error reads
    # "Input should be a dictionary or an instance of Figure"; and the { value = N } hint was
    # given for any bare number, even where a fiscal year (not a figure) belongs.
    text = SMALL.read_text(encoding="utf-8")
    text = text.replace("capex = { value = 240 }", "capex = [240]", 1)
    text += '\n[[companies]]\nid = "x"\nname = "X"\nname_zh = "X"\nregion = "US"\n'
    text += 'currency = "USD"\nfiscal_year_end = "12-31"\nyears = [7]\n'
    with pytest.raises(DataValidationError) as caught:
        parse_dataset(text, "d.toml")
    messages = {p.path.rsplit(".", 1)[-1]: p.message for p in caught.value.problems}
    assert messages["capex"] == "must be a table, not an array"
    assert messages["years[0]"] == "must be a table (got 7)"
