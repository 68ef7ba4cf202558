"""capexcli.importers.sec.toml_edit: where a merge writes figures and years in the file, and what
it keeps."""

from __future__ import annotations

import difflib

import pytest

from capexcli.errors import DataFileError
from capexcli.importers import sec
from capexcli.store.loader import parse_dataset
from tests.sec_helpers import SMALL_FILE, acme_document, merged, msft_case


def test_merge_keeps_every_other_line_and_comment() -> None:
    text, document, expected = msft_case()
    result = merged(text, document, "microsoft", force=True)
    old_lines, new_lines = text.splitlines(), result.text.splitlines()
    diff = list(difflib.ndiff(old_lines, new_lines))
    removed = [d[2:] for d in diff if d.startswith("- ")]
    added = [d[2:] for d in diff if d.startswith("+ ")]
    rewritten = sorted(
        field for (_, field), a in expected.items() if a in ("changed", "skipped", "confirmed")
    )
    # only the rewritten figures' lines go; everything else is kept, comments included
    assert sorted(line.split(" = ")[0] for line in removed) == rewritten
    comments = [line for line in old_lines if line.lstrip().startswith("#")]
    assert comments == [line for line in new_lines if line.lstrip().startswith("#")]
    assert "[[companies.years]]" in added
    # the new year sits after the last year's last line, before the guidance and its comment
    new_year = max(fy for fy, _ in expected)
    at = new_lines.index(f"fiscal_year = {new_year}")
    assert new_lines[at - 2 : at] == ["", "[[companies.years]]"]
    assert new_lines[at + 1] == f"period_end = {new_year}-06-30"
    assert new_lines[at + 2].startswith(
        'capex = { value = 150123.4, date = 2027-07-30, status = "confirmed"'
    )
    assert new_lines[at + 3].startswith("operating_cash_flow = { value = 200000, ")
    assert new_lines[at + 4] == ""
    assert new_lines[at - 3].split(" = ")[0] in sec.FIELD_TAGS  # the last year's last figure
    tail = new_lines[at + 4 :]
    assert tail[1].startswith("#") and old_lines[-len(tail) :] == tail


def test_merge_into_a_company_without_years_puts_them_before_its_guidance() -> None:
    text = SMALL_FILE.format(years="")
    result = merged(text, acme_document(2024, 2023), "acme")
    dataset = parse_dataset(result.text)
    assert [y.fiscal_year for y in dataset.companies[0].years] == [2023, 2024]
    assert len(dataset.companies[0].guidance) == 1
    assert 'id = "acme"   # the test company' in result.text
    assert result.text.index("fiscal_year = 2024") < result.text.index("[[companies.guidance]]")


def test_merge_inserts_an_earlier_year_first_and_fills_in_a_missing_figure() -> None:
    years = """
# the year we had
[[companies.years]]
fiscal_year = 2024
period_end = 2024-12-31
status = "aggregator"
source = "somewhere"
operating_cash_flow = { value = 1 }  # will be replaced
"""
    text = SMALL_FILE.format(years=years)
    result = merged(text, acme_document(2023, 2024), "acme")
    lines = result.text.splitlines()
    # FY2023 goes above the comment that describes FY2024's table
    assert lines.index("fiscal_year = 2023") < lines.index("# the year we had")
    # capex of FY2024 goes before operating cash flow, in the usual order
    start = lines.index("fiscal_year = 2024")
    assert lines[start + 4].startswith("capex = { value = 2024, ")
    assert lines[start + 5].startswith("operating_cash_flow = { value = 10120, ")
    assert lines[start + 5].endswith("}  # will be replaced")
    years_ = parse_dataset(result.text).companies[0].years
    assert [y.fiscal_year for y in years_] == [2023, 2024]


def test_merge_keeps_crlf_and_a_missing_final_newline() -> None:
    # The year is the file's last table and its last line has no newline.
    text = SMALL_FILE.format(years="").replace("\n", "\r\n") + (
        "\r\n[[companies.years]]\r\nfiscal_year = 2024\r\nperiod_end = 2024-12-31"
    )
    result = merged(text, acme_document(2024, 2025), "acme")
    assert "\n" not in result.text.replace("\r\n", "")
    assert result.text.startswith(text + "\r\ncapex = { value = 2024")
    dataset = parse_dataset(result.text)
    assert [y.fiscal_year for y in dataset.companies[0].years] == [2024, 2025]


def test_merge_refuses_a_figure_it_cannot_edit_in_place() -> None:
    years = """
[[companies.years]]
fiscal_year = 2024
period_end = 2024-12-31
status = "aggregator"
source = "s"
capex.value = 3
"""
    text = SMALL_FILE.format(years=years)
    with pytest.raises(DataFileError, match="not written as an inline table"):
        merged(text, acme_document(2024), "acme")


def test_merge_rewrites_a_figure_written_as_a_sub_table() -> None:
    years = """
[[companies.years]]
fiscal_year = 2024
period_end = 2024-12-31
status = "aggregator"
source = "a third party"

[companies.years.capex]
# what the third party calls capex
value = 2000
note = "a long note that did not fit on one line"
versions = [{ value = 1999, date = 2024-03-01, source = "the same third party" }]

# guidance from the results release
"""
    text = SMALL_FILE.format(years=years)
    result = merged(text, acme_document(2024), "acme", force=True)
    assert [(c.field, c.action) for c in result.changes] == [
        ("capex", "changed"),
        ("operating_cash_flow", "added"),
    ]
    lines = result.text.splitlines()
    # still a sub-table, its keys now the filing's, its comment and the one after it kept
    at = lines.index("[companies.years.capex]")
    assert lines[at + 1 : at + 5] == [
        "# what the third party calls capex",
        "value = 2024",
        "date = 2025-12-28",
        'status = "confirmed"',
    ]
    assert lines[at + 5].startswith('source = "SEC XBRL company facts: 10-K filed ')
    assert lines[at + 6] == 'line = "Label of PaymentsToAcquirePropertyPlantAndEquipment"'
    assert lines[at + 7 : at + 10] == ["", "# guidance from the results release", ""]
    # the added figure goes among the year's own keys, above the sub-table's header
    assert lines[at - 2].startswith("operating_cash_flow = { value = 10120, ")
    year = parse_dataset(result.text).companies[0].years[0]
    assert year.capex is not None and year.capex.value == 2024 and year.capex.versions == ()
    assert year.capex.note is None and year.source == "a third party"


def test_merge_adds_a_year_after_one_that_ends_in_a_sub_table() -> None:
    years = """
[[companies.years]]
fiscal_year = 2023
period_end = 2023-12-31
capex = { value = 1, status = "aggregator", source = "s" }

[companies.years.dividends]
value = 0
status = "confirmed"
source = "s"
note = "no dividend line"

# the guidance of 2025"""
    text = SMALL_FILE.format(years=years)
    result = merged(text, acme_document(2024), "acme")
    dataset = parse_dataset(result.text)
    first, second = dataset.companies[0].years
    assert (first.fiscal_year, second.fiscal_year) == (2023, 2024)
    assert first.dividends is not None and second.dividends is None  # it stays with 2023
    lines = result.text.splitlines()
    at = lines.index("fiscal_year = 2024")
    assert lines[at - 3 : at] == ['note = "no dividend line"', "", "[[companies.years]]"]
    # the comment stays above the guidance it describes, below the new year
    assert lines[at + 4 : at + 7] == ["", "# the guidance of 2025", "[[companies.guidance]]"]


def test_merge_keeps_the_comments_of_a_nested_table_it_replaces() -> None:
    years = """
[[companies.years]]
fiscal_year = 2024
period_end = 2024-12-31

[companies.years.capex]
value = 2000
status = "aggregator"
source = "s"

[[companies.years.capex.versions]]
value = 1990
date = 2024-03-01
source = "s"
note = "first reported"

# about the guidance"""
    text = SMALL_FILE.format(years=years)
    result = merged(text, acme_document(2024), "acme", force=True)
    assert "[[companies.years.capex.versions]]" not in result.text
    assert "\n\n# about the guidance\n[[companies.guidance]]\n" in result.text
    capex = parse_dataset(result.text).companies[0].years[0].capex
    assert capex is not None and capex.value == 2024 and capex.versions == ()


def test_merge_puts_a_first_year_after_the_company_tables_it_has() -> None:
    # The company has a capex basis and documents (tables of their own) and no guidance.
    text = SMALL_FILE.format(years="").split("[[companies.guidance]]")[0] + (
        '[companies.capex_basis]\nid = "ppe"\nlabel = "PP&E"\nlines = ["Purchases of PP&E"]\n\n'
        '[[companies.documents]]\nid = "10-K FY2024"\ntitle = "Form 10-K"\nform = "10-K"\n\n'
        "# a comment at the end of the file\n"
    )
    result = merged(text, acme_document(2024), "acme")
    company = parse_dataset(result.text).companies[0]
    assert [y.fiscal_year for y in company.years] == [2024]
    assert company.capex_basis is not None and [d.id for d in company.documents] == ["10-K FY2024"]
    assert result.text.startswith(text.split("\n# a comment")[0] + "\n[[companies.years]]\n")
    assert result.text.endswith('" }\n\n# a comment at the end of the file\n')
