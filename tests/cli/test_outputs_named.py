"""Issue #26 item 9: an output file capex cannot write is refused, and `capex company` takes
several names (one name keeps the single JSON shape)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from tests.conftest import SMALL

Run = Callable[..., Result]
DATA = ("--data", str(SMALL))


@pytest.mark.parametrize("name", ["x.pdf", "x.png", "x.docx", "x.CSVX"])
def test_an_output_file_of_a_kind_capex_does_not_write_is_refused(
    run: Run, tmp_path: Path, name: str
) -> None:
    target = tmp_path / name
    result = run("compare", *DATA, "-o", str(target))
    assert result.exit_code == 2
    assert f"capex does not write {target.suffix.lower()} files" in result.stderr
    assert not target.exists()


@pytest.mark.parametrize("name", ["x.txt", "x", "x.md"])
def test_text_extensions_still_take_a_table(run: Run, tmp_path: Path, name: str) -> None:
    result = run("compare", *DATA, "-o", str(tmp_path / name))
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / name).read_text(encoding="utf-8").strip()


def test_company_with_several_names_shows_each_in_order(run: Run) -> None:
    table = run("company", "usb", "usa", *DATA)
    assert table.exit_code == 0, table.stderr
    assert table.stdout.index("US Beta (") < table.stdout.index("US Alpha (")
    one = json.loads(run("company", "usa", "--json", *DATA).stdout)
    several = json.loads(run("company", "usa", "usb", "usa", "--json", *DATA).stdout)
    # One name: the single shape, unchanged. Several: a list, each as the single shape; a
    # company named twice is shown once.
    assert "company" in one and "companies" not in one
    assert [c["company"]["id"] for c in several["companies"]] == ["usa", "usb"]
    assert several["companies"][0] == one
    csv = run("company", "usa", "usb", "-f", "csv", *DATA).stdout.splitlines()
    assert {line.split(",")[0] for line in csv[1:]} == {"usa", "usb"}


def test_the_company_list_shape_is_published_and_holds(run: Run) -> None:
    import jsonschema

    schema = json.loads(run("schema", "company-list").stdout)
    document = json.loads(run("company", "usa", "cna", "--json", *DATA).stdout)
    jsonschema.validate(document, schema)
    assert "several companies" in schema["description"]
