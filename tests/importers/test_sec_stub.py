"""capexcli.importers.sec.stub: extracted figures as TOML to paste."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
import tomli
from typer.testing import Result

from capexcli.importers import sec
from capexcli.importers.sec import stub
from capexcli.importers.sec.document import printable
from capexcli.store.loader import parse_dataset
from tests.sec_helpers import SNOWFLAKE, fact, facts_document, read_fixture


def test_toml_strings_round_trip() -> None:
    text = 'quote " backslash \\ tab \t newline \n del \x7f bell \x07 中文'
    assert tomli.loads(f"k = {sec.toml_string(text)}")["k"] == text


def test_the_printed_stub_is_a_valid_data_file() -> None:
    extraction = sec.extract(read_fixture(SNOWFLAKE), "snowflake", years=(2024, 2025))
    stub = sec.render_stub(extraction)
    dataset = parse_dataset("schema_version = 1\n" + stub)
    (company,) = dataset.companies
    assert company.id == "snowflake-inc" and company.fiscal_year_end == "01-31"
    assert [(y.fiscal_year, y.period_end) for y in company.years] == [
        (2024, date(2024, 1, 31)),
        (2025, date(2025, 1, 31)),
    ]
    capex = company.years[1].capex
    assert capex is not None and capex.value == 46.279 and capex.status == "confirmed"
    assert capex.line == "Payments to Acquire Property, Plant, and Equipment"
    assert sec.render_stub(extraction, "snowflake").count('id = "snowflake"') == 1


INJECTION = '\n[[fx]]\nyear = 2020\ncny_per_usd = 1.0\nstatus = "confirmed"'


@pytest.mark.parametrize(
    "text",
    [
        "Evil Corp" + INJECTION,
        'Q"]]\r\n[[companies]]\nid = "x" # \\',
        "'''\n\"\"\"\nkey = 1\x1b[2J\x00\u2028\x7f",
    ],
    ids=["fx table", "quotes and brackets", "control characters"],
)
def test_text_from_the_sec_file_adds_no_table_or_key_to_the_stub(
    run: Callable[..., Result], tmp_path: Path, text: str
) -> None:
    tag = sec.FIELD_TAGS["capex"][0]
    document = facts_document(
        {tag: [fact("2023-01-01", "2023-12-31", 5e6, accn=text, form="10-K")]}, name=text
    )
    document["facts"]["us-gaap"][tag]["label"] = text
    facts = tmp_path / "facts.json"
    facts.write_text(json.dumps(document), encoding="utf-8")
    result = run("import", "sec", str(facts))
    assert result.exit_code == 0, result.stderr
    stub = tomllib.loads(result.stdout)
    assert list(stub) == ["companies"]
    (company,) = stub["companies"]
    assert set(company) == {
        "id",
        "name",
        "name_zh",
        "region",
        "currency",
        "fiscal_year_end",
        "years",
    }
    assert company["name"] == company["name_zh"] == text
    (year,) = company["years"]
    assert set(year) == {"fiscal_year", "period_end", "capex"}
    assert year["capex"]["line"] == text and f"accession {text}," in year["capex"]["source"]
    comments = [line for line in result.stdout.splitlines() if line.startswith("#")]
    # the name in the first comment is escaped, not cut into lines
    assert len(comments) == 3 and "\\n" in comments[0] and printable(text) in comments[0]


def test_a_stub_that_would_not_read_back_is_not_printed(monkeypatch: pytest.MonkeyPatch) -> None:
    # The check behind the escaping: were it ever wrong, the stub is a bug, not output.
    extraction = sec.extract(read_fixture(SNOWFLAKE), "snowflake", years=(2025, 2025))
    monkeypatch.setattr(stub, "toml_string", lambda text: f'"{text}"')
    extraction.entity_name = 'Snow", id = "other'
    with pytest.raises(RuntimeError, match="would not be TOML"):
        sec.render_stub(extraction)
    extraction.entity_name = "Snow\\u0022"
    with pytest.raises(RuntimeError, match="would not read back as the company extracted"):
        sec.render_stub(extraction)
