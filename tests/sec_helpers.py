"""Shared by the tests of capexcli.importers.sec: the fixture files, and builders of company-facts
documents and data files."""

from __future__ import annotations

import functools
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from capexcli.importers import sec
from capexcli.model.records import Dataset
from capexcli.store.loader import parse_dataset
from tests.conftest import REPO, SEC_FIXTURES

APPLE = SEC_FIXTURES / "CIK0000320193-apple.json"
SNOWFLAKE = SEC_FIXTURES / "CIK0001640147-snowflake.json"
IFRS = SEC_FIXTURES / "lpa-ifrs.json"
DATA = REPO / "data" / "companies.toml"


@functools.cache
def read_fixture(path: Path) -> dict[str, Any]:
    return sec.read_document(path)


def figures_by_key(extraction: sec.Extraction) -> dict[tuple[int, str], sec.Extracted]:
    out: dict[tuple[int, str], sec.Extracted] = {}
    for figure in extraction.figures:
        key = (figure.fiscal_year, figure.field)
        assert key not in out, f"{key} extracted twice"
        out[key] = figure
    return out


def fact(
    start: str,
    end: str,
    val: float,
    *,
    form: str = "10-K",
    filed: str | None = None,
    accn: str = "0000000000-00-000001",
) -> dict[str, Any]:
    """One company-facts row as the SEC serves it (``fy``/``fp`` describe the filing)."""
    filed = filed or f"{int(end[:4]) + (1 if end[5:7] > '10' else 0)}-{end[5:7]}-28"
    return {
        "start": start,
        "end": end,
        "val": val,
        "accn": accn,
        "fy": int(filed[:4]),
        "fp": "FY",
        "form": form,
        "filed": filed,
    }


def facts_document(
    tags: dict[str, list[dict[str, Any]]],
    *,
    unit: str = "USD",
    cik: int = 789019,
    name: str = "MICROSOFT CORPORATION",
) -> dict[str, Any]:
    return {
        "cik": cik,
        "entityName": name,
        "facts": {
            "us-gaap": {
                tag: {"label": f"Label of {tag}", "description": "", "units": {unit: rows}}
                for tag, rows in tags.items()
            }
        },
    }


def period(end: date) -> tuple[str, str]:
    """The (start, end) of the year ending on ``end``, as the SEC writes them."""
    start = date(end.year - 1, end.month, end.day) + timedelta(days=1)
    return start.isoformat(), end.isoformat()


def msft_case() -> tuple[str, dict[str, Any], dict[tuple[int, str], str]]:
    """Microsoft-shaped facts against the shipped data file's Microsoft years.

    Built from the file as it is (other people edit its figures): one figure equal to the
    file's, one that differs from it, one the file lacks in an existing year, and a new
    fiscal year. Each period appears in two filings. Returns the data file's text, the
    document and the action expected for each (fiscal year, field) by the merge rules.
    """
    text = DATA.read_text(encoding="utf-8")
    msft = next(c for c in parse_dataset(text).companies if c.id == "microsoft")
    years = {y.fiscal_year: y for y in msft.years}
    rows: dict[str, list[dict[str, Any]]] = {}
    expected: dict[tuple[int, str], str] = {}

    def add(fy: int, field: str, millions: float, end: date) -> None:
        tag = sec.FIELD_TAGS[field][0]
        start, stop = period(end)
        for filed in (f"{end.year}-07-30", f"{end.year + 1}-07-30"):
            row = fact(start, stop, millions * 1_000_000, filed=filed, accn=f"k{filed[:4]}")
            rows.setdefault(tag, []).append(row)

    same = years[2024]
    assert same.capex is not None
    add(2024, "capex", same.capex.value, same.period_end)
    confirmed = same.status_of("capex") == "confirmed"
    expected[(2024, "capex")] = "unchanged" if confirmed else "confirmed"

    differ = years[2025]
    assert differ.operating_cash_flow is not None
    add(2025, "operating_cash_flow", differ.operating_cash_flow.value + 1000, differ.period_end)
    confirmed = differ.status_of("operating_cash_flow") == "confirmed"
    expected[(2025, "operating_cash_flow")] = "skipped" if confirmed else "changed"

    lacking = [
        (y.fiscal_year, f) for y in msft.years for f in sec.FIELD_TAGS if y.figure(f) is None
    ]
    assert lacking, "Microsoft has every figure of every year; pick another case"
    fy, field = lacking[-1]
    add(fy, field, 29070, years[fy].period_end)
    expected[(fy, field)] = "added"

    new_year = max(years) + 1
    end = date(new_year, 6, 30)
    add(new_year, "capex", 150123.4, end)
    add(new_year, "operating_cash_flow", 200000, end)
    expected[(new_year, "capex")] = expected[(new_year, "operating_cash_flow")] = "added"
    return text, facts_document(rows), expected


def merged(text: str, document: dict[str, Any], company_id: str, **kw: Any) -> sec.Merged:
    dataset = parse_dataset(text)
    company = next(c for c in dataset.companies if c.id == company_id)
    extraction = sec.extract(document, "doc", company=company)
    return sec.merge(text, "data.toml", company, extraction, **kw)


def figure_table(dataset: Dataset) -> dict[tuple[str, int, str], Any]:
    """Every figure of the dataset by (company, fiscal year, field)."""
    return {
        (c.id, y.fiscal_year, field): y.figure(field)
        for c in dataset.companies
        for y in c.years
        for field in sec.FIELD_TAGS
        if y.figure(field) is not None
    }


SMALL_FILE = """\
schema_version = 1

[[companies]]
id = "acme"   # the test company
name = "Acme"
name_zh = "阿克米"
region = "US"
currency = "USD"
fiscal_year_end = "12-31"
{years}
[[companies.guidance]]
year = 2025
low = 10
date = 2025-01-01
basis = "b"
status = "unconfirmed"
source = "s"
"""


def acme_document(*years: int) -> dict[str, Any]:
    return facts_document(
        {
            "PaymentsToAcquirePropertyPlantAndEquipment": [
                fact(f"{y}-01-01", f"{y}-12-31", y * 1_000_000) for y in years
            ],
            "NetCashProvidedByUsedInOperatingActivities": [
                fact(f"{y}-01-01", f"{y}-12-31", 5 * y * 1_000_000) for y in years
            ],
        },
        name="ACME",
    )
