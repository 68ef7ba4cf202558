"""A large data file read a company at a time gives the dataset, or the errors, of the whole
file read at once."""

from __future__ import annotations

import importlib.util

import pytest

from capexcli.errors import DataValidationError
from capexcli.model.records import Dataset
from capexcli.store import loader
from capexcli.store.parts import MIN_COMPANIES, parse_in_parts
from tests.conftest import REPO


def _generate(companies: int, years: int) -> str:
    spec = importlib.util.spec_from_file_location("generate", REPO / "benchmarks" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text: str = module.generate(companies, years)
    return text


@pytest.fixture(scope="module")
def big() -> str:
    return _generate(MIN_COMPANIES + 6, 6)


def _whole(text: str) -> Dataset:
    return loader.parse_document(text, "big.toml", Dataset)


def test_in_parts_gives_the_dataset_of_the_whole_file(big: str) -> None:
    parts = parse_in_parts(big)
    assert parts is not None
    assert parts == _whole(big)
    assert len(parts.companies) == MIN_COMPANIES + 6


def test_a_small_file_is_read_whole() -> None:
    assert parse_in_parts(_generate(MIN_COMPANIES - 1, 2)) is None


def test_a_multi_line_string_sends_the_file_back_to_the_whole_path(big: str) -> None:
    # A line "[[companies]]" inside a multi-line string is text, not a header.
    text = big.replace('name = "Company 3 Holdings"', 'name = """Company 3\n[[companies]]\n"""', 1)
    assert parse_in_parts(text) is None
    assert loader.parse_dataset(text).companies[3].name == "Company 3\n[[companies]]\n"


def test_a_table_after_the_companies_keeps_its_place(big: str) -> None:
    text = big + '\n[[fx]]\nyear = 2030\ncny_per_usd = 7.0\nstatus = "confirmed"\nsource = "x"\n'
    assert parse_in_parts(text) is None
    assert loader.parse_dataset(text).fx[-1].year == 2030


def test_a_quoted_header_is_not_cut_and_gives_the_same_dataset(big: str) -> None:
    text = big.replace('[[companies]]\nid = "co-5"', '[["companies"]]\nid = "co-5"', 1)
    assert '[["companies"]]' in text
    assert parse_in_parts(text) is None
    assert loader.parse_dataset(text) == _whole(big)


def _error(text: str) -> str:
    with pytest.raises(DataValidationError) as caught:
        loader.parse_dataset(text, "big.toml")
    return str(caught.value)


def _error_of_whole(text: str) -> str:
    with pytest.raises(Exception) as caught:
        loader.parse_document(text, "big.toml", Dataset, loader.check_dataset)
    return str(caught.value)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('id = "co-67"', 'id = "co-67"\nregion_x = "US"'),  # an unknown key
        ('id = "co-68"', 'id = "co-1"'),  # a duplicate id: a rule across companies
    ],
)
def test_an_error_deep_in_the_file_reads_as_from_the_whole_file(
    big: str, old: str, new: str
) -> None:
    text = big.replace(old, new, 1)
    message = _error(text)
    assert message == _error_of_whole(text)
    assert message.startswith("big.toml")


def test_a_syntax_error_in_a_later_company_names_its_line_in_the_file(big: str) -> None:
    text = big.replace('id = "co-66"', 'id = "co-66"\nbroken = 1,2', 1)
    line = text[: text.index("broken = 1,2")].count("\n") + 1
    with pytest.raises(Exception) as caught:
        loader.parse_dataset(text, "big.toml")
    assert f"big.toml:{line}:" in str(caught.value)
