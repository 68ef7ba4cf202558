"""Rules across records: documents that figures cite, one capex basis per company, restated
values, and the warnings `capex validate` prints (a confirmed figure a reader could not find)."""

from __future__ import annotations

import datetime as dt

import pytest

from capexcli.compute.provenance import sources
from capexcli.compute.reports import company_report
from capexcli.errors import DataValidationError
from capexcli.model.checks import check_dataset, check_document, lint_dataset
from capexcli.store.loader import parse_dataset

# One company with every new part: a capex basis, two documents, a restated figure, proceeds.
BASE = """
schema_version = 1

[[companies]]
id = "acme"
name = "Acme"
name_zh = "阿克米"
region = "US"
currency = "USD"
fiscal_year_end = "12-31"

[companies.capex_basis]
id = "ppe"
label = "Purchases of property and equipment"
lines = ["Purchases of property and equipment"]

[[companies.documents]]
id = "10-K 2024"
title = "Acme Form 10-K 2024"
form = "10-K"
date = 2025-02-01
accession = "0000000001-25-000001"

[[companies.documents]]
id = "10-K 2023"
title = "Acme Form 10-K 2023"
form = "10-K"
date = 2024-02-01
accession = "0000000001-24-000001"

[[companies.documents]]
id = "AR 2024"
title = "Acme Annual Report 2024"
form = "annual report"

[[companies.years]]
fiscal_year = 2023
period_end = 2023-12-31
status = "confirmed"
document = "10-K 2024"
operating_cash_flow = { value = 400, line = "Net cash provided by operating activities" }
capex_proceeds = { value = 10, line = "Proceeds from sales" }

[companies.years.capex]
value = 100
line = "Purchases of property and equipment"
versions = [{ value = 110, document = "10-K 2023", note = "gross" }]
"""


def load(text: str):
    return parse_dataset(text, "acme.toml")


def problems(text: str) -> list[str]:
    with pytest.raises(DataValidationError) as caught:
        load(text)
    return [p.render("acme.toml") for p in caught.value.problems]


def test_the_base_case_is_valid_and_has_no_warnings() -> None:
    dataset = load(BASE)
    assert check_dataset(dataset) == []
    assert lint_dataset(dataset) == []


def test_a_company_whose_years_mix_capex_bases_is_rejected() -> None:
    text = (
        BASE
        + """
[[companies.years]]
fiscal_year = 2024
period_end = 2024-12-31
status = "aggregator"
source = "a data site"
capex = { value = 200, basis = "headline" }
"""
    )
    assert problems(text) == [
        "acme.toml:54: companies[0].years[1].capex.basis: 'headline' mixes capex bases: every "
        "year of acme must be on its capex_basis 'ppe' (Purchases of property and equipment)"
    ]


def test_a_basis_needs_a_company_basis_and_belongs_to_capex_only() -> None:
    text = BASE.replace(
        '[companies.capex_basis]\nid = "ppe"', '[companies.capex_basisX]\nid = "ppe"'
    )
    assert "capex_basisX" in problems(text)[0]  # unknown key: reported by validation
    text = BASE.replace(
        "operating_cash_flow = { value = 400,",
        'operating_cash_flow = { value = 400, basis = "ppe",',
    )
    assert problems(text) == [
        "acme.toml:41: companies[0].years[0].operating_cash_flow.basis: only a capex figure has "
        "a basis"
    ]


def test_a_cited_document_must_exist_and_ids_are_unique() -> None:
    text = BASE.replace('document = "10-K 2024"\noperating', 'document = "10-K 2025"\noperating')
    found = problems(text)
    assert found == [
        "acme.toml:40: companies[0].years[0].document: names document '10-K 2025', which is not "
        "in acme's documents (listed: 10-K 2023, 10-K 2024, AR 2024)"
    ]
    text = BASE.replace('id = "AR 2024"', 'id = "10-K 2023"')
    assert problems(text) == [
        "acme.toml:32: companies[0].documents[2].id: duplicate document id '10-K 2023' (first at "
        "documents[1])"
    ]


def test_an_earlier_version_must_differ_and_cite_a_known_document() -> None:
    text = BASE.replace("{ value = 110, document", "{ value = 100, document")
    assert problems(text)[0].endswith(
        "companies[0].years[0].capex.versions[0].value: equals the figure's value: a version "
        "records a value that a later filing changed (the figure cites the first filing that "
        "gave its value)"
    )
    text = BASE.replace('document = "10-K 2023", note', 'document = "nope", note')
    assert "versions[0].document: names document 'nope'" in problems(text)[0]


def test_the_salvage_path_reports_the_same_rule() -> None:
    # check_document runs the cross-record rules on a file that also fails validation.
    import tomllib

    text = BASE.replace('document = "10-K 2024"\noperating', 'document = "x"\noperating')
    raw = tomllib.loads(text)
    assert [p.path for p in check_document(raw)] == ["companies[0].years[0].document"]


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        # cites a document with no accession, URL or stock code + date
        (
            'status = "confirmed"\ndocument = "AR 2024"\ncapex = { value = 5 }',
            "confirmed in document 'AR 2024', which has no SEC accession number, URL, or HKEX "
            "stock code and date",
        ),
        # cites only free text with nothing findable in it
        (
            'status = "confirmed"\nsource = "the annual report"\ncapex = { value = 5 }',
            "confirmed, but cites nothing a reader could find",
        ),
    ],
)
def test_a_confirmed_figure_without_an_identifier_draws_a_warning(year: str, expected: str) -> None:
    text = BASE + f"\n[[companies.years]]\nfiscal_year = 2024\nperiod_end = 2024-12-31\n{year}\n"
    warnings = lint_dataset(load(text))
    assert [w.path for w in warnings] == ["companies[0].years[1].capex"]
    assert warnings[0].message.startswith(expected)


@pytest.mark.parametrize(
    "source",
    [
        "Acme 20-F, SEC accession 0000000001-25-000002",
        "Acme annual report, https://example.com/ar.pdf",
    ],
)
def test_an_accession_or_url_in_free_text_is_enough(source: str) -> None:
    text = BASE + (
        "\n[[companies.years]]\nfiscal_year = 2024\nperiod_end = 2024-12-31\n"
        f'status = "confirmed"\nsource = "{source}"\ncapex = {{ value = 5 }}\n'
    )
    assert lint_dataset(load(text)) == []


def test_unconfirmed_figures_draw_no_warning() -> None:
    text = BASE + (
        "\n[[companies.years]]\nfiscal_year = 2024\nperiod_end = 2024-12-31\n"
        'status = "aggregator"\nsource = "a data site"\ncapex = { value = 5 }\n'
    )
    assert lint_dataset(load(text)) == []


def test_hkex_stock_code_and_date_identify_a_document() -> None:
    text = BASE.replace(
        'title = "Acme Annual Report 2024"\nform = "annual report"',
        'title = "Acme Annual Report 2024"\nform = "annual report"\nstock_code = "00700"\n'
        "date = 2025-04-08",
    )
    document = load(text).companies[0].documents[2]
    assert document.identifier() == "HKEX stock code 00700, 2025-04-08"
    assert (
        document.cite(133) == "Acme Annual Report 2024, p. 133; HKEX stock code 00700, 2025-04-08"
    )


def test_sources_carry_the_document_the_basis_and_the_earlier_values() -> None:
    # (and every filed version with its date, the figure's own value last)
    rows = {r.field: r for r in sources(load(BASE)).root}
    capex = rows["capex"]
    assert capex.status == "confirmed"
    assert (
        capex.source == "Acme Form 10-K 2024 (filed 2025-02-01); SEC accession 0000000001-25-000001"
    )
    assert capex.document is not None and capex.document.accession == "0000000001-25-000001"
    assert capex.basis == "Purchases of property and equipment"
    assert [(e.value, e.document.id if e.document else None) for e in capex.earlier] == [
        (110, "10-K 2023")
    ]
    assert [(v.value, v.date.isoformat(), v.latest) for v in capex.versions] == [
        (110, "2024-02-01", False),
        (100, "2025-02-01", True),
    ]
    assert (capex.filed, capex.filed_assumed, capex.as_of) == (dt.date(2025, 2, 1), False, "latest")
    assert rows["capex_proceeds"].value == 10
    assert rows["operating_cash_flow"].basis is None


def test_company_report_shows_basis_proceeds_and_restatements() -> None:
    report = company_report(load(BASE).companies[0])
    assert report.company.capex_basis is not None
    assert report.company.capex_basis.lines == ["Purchases of property and equipment"]
    # no capex_definition in the data: the basis stands in for it
    assert report.company.capex_definition == (
        "Purchases of property and equipment: Purchases of property and equipment."
    )
    year = report.years[0]
    assert (year.capex, year.capex_proceeds) == (100, 10)
    assert [v.value for v in year.restated["capex"]] == [110]
