"""capexcli.importers.sec.merge: which figures a merge adds, replaces, confirms or skips, and the
check
of the result."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from capexcli.errors import WriteError
from capexcli.importers import sec
from capexcli.store.loader import load, parse_dataset
from tests.sec_helpers import (
    DATA,
    SMALL_FILE,
    acme_document,
    fact,
    facts_document,
    figure_table,
    figures_by_key,
    merged,
    msft_case,
    period,
)


@pytest.mark.parametrize("force", [False, True])
def test_merge_changes_exactly_the_expected_figures(force: bool) -> None:
    text, document, expected = msft_case()
    if force:
        expected = {k: "changed" if a == "skipped" else a for k, a in expected.items()}
    result = merged(text, document, "microsoft", force=force)
    assert {(c.fiscal_year, c.field): c.action for c in result.changes} == expected
    before, after = parse_dataset(text), parse_dataset(result.text)
    old, new = figure_table(before), figure_table(after)
    edited = {
        ("microsoft", *k) for k, a in expected.items() if a in ("added", "changed", "confirmed")
    }
    # every figure but the edited ones is as it was, and none appeared or vanished
    assert new.keys() == old.keys() | edited
    assert {k: v for k, v in new.items() if k not in edited} == {
        k: v for k, v in old.items() if k not in edited
    }
    extracted = figures_by_key(sec.extract(document, "doc", company=before.companies[0]))
    for _, fy, field in edited:
        figure, source = new[("microsoft", fy, field)], extracted[(fy, field)]
        assert figure.value == source.value and figure.status == "confirmed"
        assert figure.source == source.source and figure.line == source.fact.label
        assert figure.note is None
        assert source.fact.filed.year == source.fact.end.year + 1  # the later of two filings
    new_year = max(fy for fy, _ in expected)
    assert new[("microsoft", new_year, "capex")].value == 150123.4
    msft = after.companies[0]
    assert [y.fiscal_year for y in msft.years] == sorted(y.fiscal_year for y in msft.years)
    assert msft.years[-1].period_end == date(new_year, 6, 30)
    # everything but the years is the same, for every company and the FX table
    assert after.fx == before.fx
    assert [c.model_copy(update={"years": []}) for c in after.companies] == [
        c.model_copy(update={"years": []}) for c in before.companies
    ]
    assert [c.years for c in after.companies[1:]] == [c.years for c in before.companies[1:]]


def test_merge_of_nothing_new_leaves_the_text_as_it_was() -> None:
    text = DATA.read_text(encoding="utf-8")
    document = facts_document(
        {
            "PaymentsForRepurchaseOfCommonStock": [
                fact("2023-07-01", "2024-06-30", 17_254_000_000, filed="2025-07-30")
            ],
            "PaymentsToAcquirePropertyPlantAndEquipment": [
                fact("2025-07-01", "2026-06-30", 115_948_000_000, filed="2026-07-30")
            ],
        }
    )
    result = merged(text, document, "microsoft")
    assert result.text == text and result.edits == []


def test_merge_confirms_a_figure_of_the_same_value() -> None:
    years = """
[[companies.years]]
fiscal_year = 2024
period_end = 2024-12-31
status = "aggregator"
source = "a third party"
capex = { value = 2024, note = "to check" }
"""
    text = SMALL_FILE.format(years=years)
    result = merged(text, acme_document(2024), "acme")
    assert [(c.field, c.action) for c in result.changes] == [
        ("capex", "confirmed"),
        ("operating_cash_flow", "added"),
    ]
    assert (
        result.changes[0].describe() == "acme FY2024 capex: 2024 (aggregator) -> 2024 (confirmed)"
    )
    year = parse_dataset(result.text).companies[0].years[0]
    assert year.capex is not None and year.capex.status == "confirmed" and year.capex.note is None
    assert year.status == "aggregator" and year.source == "a third party"


def test_merge_that_would_break_a_file_rule_is_refused() -> None:
    # A new comparison year with figures in both currencies needs an FX rate the file lacks.
    china = """
[[companies]]
id = "chinaco"
name = "China Co"
name_zh = "中国公司"
region = "CN"
currency = "CNY"
fiscal_year_end = "12-31"

[[companies.years]]
fiscal_year = 2025
period_end = 2025-12-31
capex = { value = 1, status = "confirmed", source = "s" }
"""
    text = SMALL_FILE.format(years="") + china
    with pytest.raises(WriteError, match=r"not written: .* no CNY per USD rate for 2025"):
        merged(text, acme_document(2025), "acme")


def shipped_figures_document(company_id: str) -> tuple[dict[str, Any], set[int]]:
    """Facts that differ from every figure the shipped file has for the company, and fill in
    every figure it lacks; for a US company also a year before its first and after its last
    (the Chinese companies' new years would need FX rates that the file does not have)."""
    company = next(
        c for c in parse_dataset(DATA.read_text(encoding="utf-8")).companies if c.id == company_id
    )
    rows: dict[str, list[dict[str, Any]]] = {}
    month, day = company.fy_end_month_day
    ends = {y.fiscal_year: y.period_end for y in company.years}
    new_years: set[int] = set()
    if company.region == "US":
        first, last = min(ends) - 1, max(ends) + 1
        new_years = {first, last}
        ends |= {fy: date(fy, month, day) for fy in new_years}
    for fiscal_year, end in ends.items():
        year = next((y for y in company.years if y.fiscal_year == fiscal_year), None)
        for number, field in enumerate(sec.FIELD_TAGS):
            old = year.value(field) if year is not None else None
            millions = (old if old is not None else 1000 * number) + 7
            start, stop = period(end)
            row = fact(start, stop, millions * 1_000_000, filed=f"{end.year + 1}-01-15")
            rows.setdefault(sec.FIELD_TAGS[field][0], []).append(row)
    return facts_document(rows, unit=company.currency), new_years


@pytest.mark.parametrize(
    "company_id", [c.id for c in parse_dataset(DATA.read_text(encoding="utf-8")).companies]
)
def test_merge_into_a_copy_of_the_shipped_data_file(tmp_path: Path, company_id: str) -> None:
    # Every figure of the company rewritten (inline tables and [companies.years.FIELD]
    # sub-tables with documents, bases and earlier values), the missing ones added.
    # An FX rate for 2019 lets a US company gain that year (a year both groups have needs one).
    text = DATA.read_text(encoding="utf-8").replace(
        "[[fx]]\n",
        '[[fx]]\nyear = 2019\ncny_per_usd = 6.9\nstatus = "unconfirmed"\nsource = "t"\n\n[[fx]]\n',
        1,
    )
    document, new_years = shipped_figures_document(company_id)
    result = merged(text, document, company_id, force=True)
    assert {c.action for c in result.changes} <= {"changed", "added"}
    copy = tmp_path / "companies.toml"
    copy.write_text(result.text, encoding="utf-8")
    after = load(copy).dataset
    before = parse_dataset(text)
    company = next(c for c in after.companies if c.id == company_id)
    assert [y.fiscal_year for y in company.years] == sorted(y.fiscal_year for y in company.years)
    assert {y.fiscal_year for y in company.years} == {
        y.fiscal_year for c in before.companies if c.id == company_id for y in c.years
    } | new_years
    for change in result.changes:
        year = next(y for y in company.years if y.fiscal_year == change.fiscal_year)
        assert year.value(change.field) == change.new and year.status_of(change.field) == (
            "confirmed"
        )
    # every comment kept, in order; sub-tables stay sub-tables
    comments = [line for line in text.splitlines() if line.lstrip().startswith("#")]
    assert [line for line in result.text.splitlines() if line.lstrip().startswith("#")] == comments
    assert result.text.count("[companies.years.") == text.count("[companies.years.")
    assert [c for c in after.companies if c.id != company_id] == [
        c for c in before.companies if c.id != company_id
    ]


def test_read_commands_do_not_import_tomlkit() -> None:
    # tomlkit is for writing: the merge imports it when it runs, nothing else does.
    code = (
        "import sys\n"
        "from typer.testing import CliRunner\n"
        "from capexcli.cli.commands import app\n"
        "import capexcli.importers.sec\n"
        "result = CliRunner().invoke(app, ['compare'])\n"
        "assert result.exit_code == 0, result.output\n"
        "print('tomlkit' in sys.modules)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "CAPEX_DATA"} | {"CAPEX_NO_CACHE": "1"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    assert done.stdout.strip() == "False"
