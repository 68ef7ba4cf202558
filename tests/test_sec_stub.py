"""capexcli.sec.stub: extracted figures as TOML to paste."""

from __future__ import annotations

from datetime import date

import tomli

from capexcli import sec
from capexcli.loader import parse_dataset

from .sec_helpers import SNOWFLAKE, read_fixture


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
