"""One test per rule of the data model, each on a copy of tests/data/small.toml with one fault."""

from __future__ import annotations

import math
from typing import Any

import pytest
import tomli

from capexcli.errors import DataValidationError
from capexcli.model.checks import check_dataset, check_document
from capexcli.model.records import Dataset
from capexcli.store.loader import parse_dataset
from tests.conftest import SMALL

BASE = SMALL.read_text(encoding="utf-8")


def problems(old: str, new: str, count: int = 1) -> list[str]:
    assert BASE.count(old) >= count, f"fixture text not found: {old!r}"
    text = BASE.replace(old, new, count)
    with pytest.raises(DataValidationError) as caught:
        parse_dataset(text, "data.toml")
    return [p.render("data.toml") for p in caught.value.problems]


def test_the_fixture_itself_is_valid() -> None:
    dataset = parse_dataset(BASE)
    assert [c.id for c in dataset.companies] == ["usa", "usb", "cna", "cnb"]


def test_rmb_is_normalised_to_cny() -> None:
    assert parse_dataset(BASE).companies[2].currency == "CNY"


def test_negative_operating_cash_flow_is_allowed() -> None:
    assert parse_dataset(BASE).companies[3].years[0].value("operating_cash_flow") == -70


def test_negative_capex_is_rejected_with_its_path() -> None:
    found = problems("capex = { value = 100 }", "capex = { value = -100 }")
    assert len(found) == 1
    assert found[0].startswith("data.toml:32: companies[0].years[0].capex: must be ≥ 0 (got -100)")


@pytest.mark.parametrize("field", ["buybacks = { value = 50 }", "dividends = { value = 10 }"])
def test_negative_returns_are_rejected(field: str) -> None:
    found = problems(field, field.replace("= 50", "= -50").replace("= 10", "= -10"))
    assert "must be ≥ 0" in found[0]


def test_unknown_key_is_caught_with_a_suggestion() -> None:
    found = problems("capex = { value = 100 }", "capx = { value = 100 }")
    assert found == [
        "data.toml:32: companies[0].years[0].capx: unknown key 'capx'; did you mean 'capex'?"
    ]


def test_unknown_top_level_key() -> None:
    found = problems("schema_version = 1", "schema_version = 1\ncompanys = []")
    assert "unknown key 'companys'; did you mean 'companies'?" in found[0]


def test_unknown_currency_and_region() -> None:
    found = problems('currency = "USD"', 'currency = "EUR"')
    assert "companies[0].currency" in found[0]
    found = problems('region = "US"', 'region = "EU"')
    assert "companies[0].region" in found[0]


def test_float_where_a_year_belongs() -> None:
    found = problems("fiscal_year = 2023", "fiscal_year = 2023.0")
    assert "companies[0].years[0].fiscal_year" in found[0]
    assert "2023.0" in found[0]


def test_string_where_an_amount_belongs() -> None:
    found = problems("capex = { value = 100 }", 'capex = { value = "1,00" }')
    assert "companies[0].years[0].capex.value" in found[0]


@pytest.mark.parametrize("bad", ["nan", "inf", "-inf"])
def test_nan_and_inf_are_rejected(bad: str) -> None:
    found = problems("capex = { value = 100 }", f"capex = {{ value = {bad} }}")
    assert "companies[0].years[0].capex.value" in found[0]


def test_huge_amount_is_rejected() -> None:
    found = problems("capex = { value = 100 }", "capex = { value = 10000000000000000 }")
    assert "companies[0].years[0].capex.value" in found[0]


def test_wrong_status_word() -> None:
    found = problems('status = "confirmed"', 'status = "checked"')
    assert "'confirmed'" in found[0] and "unconfirmed" in found[0]


def test_every_problem_is_reported_in_one_run() -> None:
    text = BASE.replace("capex = { value = 100 }", "capex = { value = -100 }", 1).replace(
        'region = "US"', 'region = "EU"', 1
    )
    with pytest.raises(DataValidationError) as caught:
        parse_dataset(text, "data.toml")
    assert len(caught.value.problems) == 2


def test_duplicate_company_id() -> None:
    found = problems('id = "usb"', 'id = "usa"')
    assert "companies[1].id: duplicate id 'usa' (first used by companies[0])" in found[0]


def test_alias_shared_by_two_companies() -> None:
    found = problems('aliases = ["USB1"]', 'aliases = ["alpha"]')
    assert found == [
        "data.toml:51: companies[1].aliases[0]: 'alpha' already names companies[0] (usa); "
        "a name must point to one company"
    ]


def test_alias_listed_twice() -> None:
    found = problems('aliases = ["USB1"]', 'aliases = ["USB1", "usb1"]')
    assert "companies[1].aliases[1]: 'usb1' is listed twice" in found[0]


def test_duplicate_fiscal_year() -> None:
    found = problems(
        'fiscal_year = 2024\nperiod_end = 2024-12-31\nstatus = "confirmed"\nsource = "US Alpha',
        'fiscal_year = 2023\nperiod_end = 2023-12-31\nstatus = "confirmed"\nsource = "US Alpha',
    )
    assert any(
        "companies[0].years[1].fiscal_year: fiscal year 2023 appears twice" in p for p in found
    )


def test_period_end_must_match_fiscal_year_end() -> None:
    found = problems("period_end = 2023-06-30", "period_end = 2023-09-30")
    assert found[0].startswith(
        "data.toml:58: companies[1].years[0].period_end: 2023-09-30 does not"
    )


def test_period_end_may_move_a_few_days_for_52_53_week_years() -> None:
    text = BASE.replace("period_end = 2023-06-30", "period_end = 2023-07-02")
    assert parse_dataset(text).companies[1].years[0].period_end.day == 2


def test_fiscal_year_label_must_fit_the_period_end() -> None:
    found = problems(
        "fiscal_year = 2024\nperiod_end = 2024-03-31", "fiscal_year = 2023\nperiod_end = 2024-03-31"
    )
    assert (
        "companies[3].years[0].fiscal_year: fiscal year 2023 cannot end on 2024-03-31" in found[0]
    )


def test_start_labelled_fiscal_years() -> None:
    text = BASE.replace(
        'fiscal_year_end = "03-31"', 'fiscal_year_end = "03-31"\nfiscal_year_label = "start"'
    )
    text = text.replace(
        "fiscal_year = 2024\nperiod_end = 2024-03-31", "fiscal_year = 2023\nperiod_end = 2024-03-31"
    )
    text = text.replace(
        "fiscal_year = 2025\nperiod_end = 2025-03-31", "fiscal_year = 2024\nperiod_end = 2025-03-31"
    )
    assert [y.fiscal_year for y in parse_dataset(text).companies[3].years] == [2023, 2024]


@pytest.mark.parametrize("value", ["12/31", "13-01", "02-30", "02-29", "1231"])
def test_bad_fiscal_year_end(value: str) -> None:
    found = problems('fiscal_year_end = "12-31"', f'fiscal_year_end = "{value}"')
    assert "companies[0].fiscal_year_end" in found[0]


def test_figure_needs_a_status_and_a_source() -> None:
    text = BASE.replace('status = "confirmed"\nsource = "US Alpha 10-K 2023"\n', "", 1)
    with pytest.raises(DataValidationError) as caught:
        parse_dataset(text, "data.toml")
    messages = [p.render("data.toml") for p in caught.value.problems]
    assert len(messages) == 8  # four figures, each without status and without source
    assert "companies[0].years[0].capex: no status" in messages[0]
    assert "companies[0].years[0].capex: no source" in messages[1]


def test_missing_fx_rate_for_a_mixed_year() -> None:
    found = problems("[[fx]]\nyear = 2023", "[[fx]]\nyear = 2022")
    assert found == [
        "data.toml:5: fx: no CNY per USD rate for 2023: USD and CNY companies both have figures "
        "for that comparison year, so comparing them needs one (add an [[fx]] table)"
    ]


def test_duplicate_fx_year() -> None:
    found = problems("[[fx]]\nyear = 2024", "[[fx]]\nyear = 2023")
    assert "fx[1].year: a rate for 2023 is already given at fx[0]" in " ".join(found)


def test_fx_rate_must_be_positive() -> None:
    found = problems("cny_per_usd = 7.0", "cny_per_usd = 0.0")
    assert "fx[0].cny_per_usd" in found[0]


def test_required_key_missing() -> None:
    found = problems('name_zh = "美乙"\n', "")
    # reported at the table that lacks it
    assert found[0].startswith("data.toml:47: companies[1].name_zh: required key is missing")


def test_unknown_schema_version() -> None:
    found = problems("schema_version = 1", "schema_version = 2")
    assert "reads schema_version 1; the file says 2" in found[0]


GUIDANCE = """
[[companies.guidance]]
year = 2025
low = {low}
high = {high}
date = 2025-01-24
basis = "includes finance leases"
status = "confirmed"
source = "Q4 2024 earnings call"
"""


def test_guidance_is_read() -> None:
    text = BASE.replace(
        '[[companies]]\nid = "usb"',
        GUIDANCE.format(low=60000, high=65000) + '\n[[companies]]\nid = "usb"',
    )
    guidance = parse_dataset(text).companies[0].guidance
    assert (guidance[0].low, guidance[0].high, guidance[0].metric) == (60000, 65000, "capex")


def test_guidance_high_below_low() -> None:
    found = problems(
        '[[companies]]\nid = "usb"',
        GUIDANCE.format(low=65000, high=60000) + '\n[[companies]]\nid = "usb"',
    )
    assert "companies[0].guidance[0]: high (60000) is below low (65000)" in found[0]


# --- issue 7: TOML-allowed values the data must not take, and problems in one run --------


@pytest.mark.parametrize("zero", ["-0", "-0.0"])
def test_negative_zero_is_accepted_and_stored_as_zero(zero: str) -> None:
    # Decided: -0 is the same amount as 0 (a stray sign on a zero), so it is accepted, not
    # rejected; stored as +0.0 so that no table prints "-0".
    text = BASE.replace("capex = { value = 100 }", f"capex = {{ value = {zero} }}", 1)
    value = parse_dataset(text).companies[0].years[0].value("capex")
    assert value == 0
    assert math.copysign(1.0, value) == 1.0


def test_negative_zero_in_guidance_is_zero_too() -> None:
    text = BASE.replace(
        '[[companies]]\nid = "usb"',
        GUIDANCE.format(low="-0.0", high=1) + '\n[[companies]]\nid = "usb"',
    )
    low = parse_dataset(text).companies[0].guidance[0].low
    assert math.copysign(1.0, low) == 1.0


@pytest.mark.parametrize("when", ["0001-12-31", "1899-12-31", "2201-12-31", "9999-12-31"])
def test_period_end_must_be_a_plausible_date(when: str) -> None:
    found = problems("period_end = 2023-12-31", f"period_end = {when}")
    assert found == [
        f"data.toml:29: companies[0].years[0].period_end: must be a date between 1900 and 2200 "
        f"(got {when})"
    ]


def test_guidance_date_must_be_a_plausible_date() -> None:
    found = problems(
        '[[companies]]\nid = "usb"',
        GUIDANCE.format(low=1, high=2).replace("2025-01-24", "0001-01-24")
        + '\n[[companies]]\nid = "usb"',
    )
    assert "companies[0].guidance[0].date: must be a date between 1900 and 2200" in found[0]


def test_a_quoted_date_says_how_to_write_one() -> None:
    found = problems("period_end = 2023-12-31", 'period_end = "2023-12-31"')
    assert "must be a TOML date such as 2024-06-30 (no quotes, no time of day)" in found[0]


def test_a_bare_number_where_a_figure_belongs() -> None:
    found = problems("capex = { value = 100 }", "capex = 100")
    assert found == [
        "data.toml:32: companies[0].years[0].capex: must be a table such as { value = 100 }, "
        "not a bare number"
    ]


def test_an_integer_too_big_for_a_float_is_named_by_its_size() -> None:
    found = problems("capex = { value = 100 }", f"capex = {{ value = {10**400} }}")
    assert found[0].endswith("capex.value: number too large (got a 401-digit integer)")


def test_a_bad_id_is_explained_without_a_regex() -> None:
    found = problems('id = "usa"', 'id = "US A"')
    assert "must be a lowercase id of letters a-z, digits and '-'" in found[0]
    assert "^[a-z0-9]" not in found[0]


def test_cross_record_problems_come_with_model_problems() -> None:
    # A negative capex (model) and a duplicate id and a period end off the fiscal year end
    # (cross-record): all three in one run, not the first kind only.
    text = BASE.replace("capex = { value = 100 }", "capex = { value = -100 }", 1)
    text = text.replace('id = "usb"', 'id = "usa"').replace(
        "period_end = 2024-06-30", "period_end = 2024-09-30"
    )
    with pytest.raises(DataValidationError) as caught:
        parse_dataset(text, "data.toml")
    assert [p.path for p in caught.value.problems] == [
        "companies[0].years[0].capex",
        "companies[1].id",
        "companies[1].years[1].period_end",
    ]


def test_an_unknown_key_does_not_hide_a_duplicate_id() -> None:
    text = BASE.replace('id = "usb"', 'id = "usa"\nnmae = "x"')
    with pytest.raises(DataValidationError) as caught:
        parse_dataset(text, "data.toml")
    assert [p.path for p in caught.value.problems] == ["companies[1].id", "companies[1].nmae"]


def test_an_invalid_rate_is_not_also_reported_missing() -> None:
    text = BASE.replace("cny_per_usd = 7.0", "cny_per_usd = nan")
    with pytest.raises(DataValidationError) as caught:
        parse_dataset(text, "data.toml")
    assert [p.path for p in caught.value.problems] == ["fx[0].cny_per_usd"]


def test_check_document_agrees_with_check_dataset_on_a_valid_file() -> None:
    document = tomli.loads(BASE.replace('id = "usb"', 'id = "usa"'))
    dataset = Dataset.model_validate(document)
    assert check_document(document) == check_dataset(dataset) != []


@pytest.mark.parametrize(
    "document",
    [None, [], "text", {"companies": "x"}, {"companies": [1, "a", None]}, {"fx": {"a": 1}}],
)
def test_check_document_takes_any_shape(document: Any) -> None:
    assert check_document(document) == []


def test_check_document_skips_what_failed_rather_than_guess() -> None:
    # companies[0] has no valid region, so it cannot be checked against companies[1]: no
    # duplicate-id problem is invented from half a company, and its years are not checked.
    document = tomli.loads(BASE.replace('id = "usb"', 'id = "usa"'))
    document["companies"][0]["region"] = "EU"
    document["companies"][1]["years"][0]["capex"] = {"value": -1}
    found = [p.path for p in check_document(document)]
    assert "companies[1].id" not in found
    assert not any(path.startswith("companies[0]") for path in found)
