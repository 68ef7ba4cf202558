"""Checking a company's figures against the SEC's XBRL company facts, figure by figure.

Pure: a data set's company and a parsed company-facts document in, a
:class:`~capexcli.results.VerifyResult` out; no printing, no files, no network.

Unlike :func:`capexcli.importers.sec.annual_facts`, which keeps the latest filing of each period,
this
keeps every filing's value, so that a figure a later 10-K restated shows as ``restated`` with
the filings that gave the other value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from capexcli.errors import SecFactsError
from capexcli.importers.sec.document import (
    FIELD_TAGS,
    MalformedFacts,
    cik_of,
    entity_name,
    parse_row,
    tag_entry,
)
from capexcli.importers.sec.facts import (
    ANNUAL_DAYS,
    ANNUAL_FORMS,
    PERIOD_END_SLACK_DAYS,
    to_millions,
)
from capexcli.model.records import Company, Dataset, FiscalYear
from capexcli.results import FiledValue, VerifyFile, VerifyResult, VerifyRow, VerifySummary

#: The figures checked. Debt repayment is left out: its six candidate tags (FIELD_TAGS) mean
#: different things at different filers, so a difference there says little.
VERIFIED_FIELDS: tuple[str, ...] = ("capex", "operating_cash_flow", "buybacks", "dividends")

MATCH, DIFFERS, RESTATED, NOT_IN_FACTS = "match", "differs", "restated", "not in facts"

#: Amounts in the data carry at most three decimals of a million; to_millions rounds to three.
_TOLERANCE = 0.0005

#: Words of a legal name that say nothing about which company it is.
_SUFFIXES = frozenset({"inc", "incorporated", "corp", "corporation", "co", "company", "ltd"})
_WORD = re.compile(r"[a-z0-9]+(?:\.[a-z0-9]+)*")


@dataclass(frozen=True)
class Filing:
    """One filing's value for one annual period of one tag."""

    tag: str
    start: date
    end: date
    value: float
    form: str
    filed: date
    accession: str


def name_key(name: str) -> str:
    """A company name reduced for matching: lower case, punctuation and legal suffixes gone,
    so that the SEC's "ALPHABET INC." and the data's "Alphabet Inc." are the same key."""
    words = _WORD.findall(name.lower())
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words.pop()
    return " ".join(words)


def match_company(dataset: Dataset, document: dict[str, Any]) -> Company | None:
    """The company a facts document is about: its ``entityName`` against each company's
    name and aliases, else its CIK against the accession prefix of the company's documents
    (which names the filer only when the company files its own documents)."""
    key = name_key(entity_name(document))
    for company in dataset.companies:
        if key in {name_key(n) for n in company.names()}:
            return company
    cik = cik_of(document)
    if cik is None:
        return None
    for company in dataset.companies:
        if any(d.accession is not None and int(d.accession[:10]) == cik for d in company.documents):
            return company
    return None


def filings(document: dict[str, Any], tag: str, unit: str) -> list[Filing]:
    """Every annual row of ``us-gaap:tag`` in ``unit``, one per (period, accession, value),
    oldest filing first. Annual as in :func:`capexcli.importers.sec.annual_facts`."""
    entry = tag_entry(document, tag)
    if entry is None:
        return []
    seen: dict[tuple[date, date, str, float], Filing] = {}
    for index, raw in enumerate(entry[1].get(unit) or []):
        row = parse_row(raw, tag, unit, index)
        if row.start is None or row.form not in ANNUAL_FORMS:
            continue
        if not ANNUAL_DAYS[0] <= (row.end - row.start).days <= ANNUAL_DAYS[1]:
            continue
        value = float(to_millions(row.value))
        key = (row.start, row.end, row.accession, value)
        # A filing states a comparative more than once (statement and note): keep one.
        if key not in seen:
            seen[key] = Filing(tag, row.start, row.end, value, row.form, row.filed, row.accession)
    # The amendment flag breaks a tie of filing dates, as in annual_facts.
    return sorted(seen.values(), key=lambda f: (f.filed, f.form.endswith("/A"), f.accession))


def period_filings(by_tag: Sequence[list[Filing]], period_end: date) -> list[Filing]:
    """The filings of the period ending nearest ``period_end`` (within a week) of the first
    tag, in order of preference, that has one: the tag ``capex import sec`` would read."""
    for tagged in by_tag:
        near = [f for f in tagged if abs((f.end - period_end).days) <= PERIOD_END_SLACK_DAYS]
        if near:
            end = min({f.end for f in near}, key=lambda e: abs((e - period_end).days))
            return [f for f in near if f.end == end]
    return []


def _same(a: float, b: float) -> bool:
    return abs(a - b) < _TOLERANCE


def verify_figure(
    company: Company,
    year: FiscalYear,
    field: str,
    found: list[Filing],
    period_filed: bool = False,
) -> VerifyRow | None:
    """One figure against the filings of its period. ``period_filed``: the facts hold an annual
    filing of the period (for another figure), so a line missing from it was not filed."""
    figure = year.figure(field)
    if figure is None:
        return None
    status = year.status_of(field) or "unconfirmed"
    base: dict[str, Any] = {
        "company": company.id,
        "fiscal_year": year.fiscal_year,
        "field": field,
        "value": figure.value,
        "currency": company.currency,
        "status": status,
    }
    if not found:
        if period_filed and figure.value == 0:
            # A cash-flow statement has no line for what did not happen (Alphabet paid no
            # dividend before 2024): the data's nil is what the filing shows.
            return VerifyRow(
                **base,
                outcome=MATCH,
                promotable=status != "confirmed",
                note="nil: the period's annual filings have no such line",
            )
        return VerifyRow(**base, outcome=NOT_IN_FACTS)
    latest = found[-1]
    others = [
        FiledValue(value=f.value, accession=f.accession, form=f.form, filed=f.filed)
        for f in found[:-1]
        if not _same(f.value, latest.value)
    ]
    current = _same(figure.value, latest.value)
    if current:
        outcome = RESTATED if others else MATCH
    elif any(_same(figure.value, o.value) for o in others):
        outcome = RESTATED  # the data holds a value that a later filing replaced
    else:
        outcome = DIFFERS
    return VerifyRow(
        **base,
        outcome=outcome,
        filed_value=latest.value,
        accession=latest.accession,
        form=latest.form,
        filed=latest.filed,
        tag=latest.tag,
        other_filings=others,
        promotable=current and status != "confirmed",
    )


def verify_company(company: Company, document: dict[str, Any], origin: str) -> list[VerifyRow]:
    """One row per figure of ``company`` in :data:`VERIFIED_FIELDS`, oldest year first."""
    try:
        by_field = {
            field: [filings(document, tag, company.currency) for tag in FIELD_TAGS[field]]
            for field in VERIFIED_FIELDS
        }
    except MalformedFacts as exc:  # load_document checks these rows; a hand-built one may not
        raise SecFactsError(f"{origin}: {exc.message}") from None
    rows: list[VerifyRow] = []
    for year in sorted(company.years, key=lambda y: y.fiscal_year):
        found = {f: period_filings(by_field[f], year.period_end) for f in VERIFIED_FIELDS}
        period_filed = any(found.values())
        for field in VERIFIED_FIELDS:
            row = verify_figure(company, year, field, found[field], period_filed)
            if row is not None:
                rows.append(row)
    return rows


def summarize(rows: Iterable[VerifyRow]) -> VerifySummary:
    rows = list(rows)
    return VerifySummary(
        match=sum(r.outcome == MATCH for r in rows),
        differs=sum(r.outcome == DIFFERS for r in rows),
        restated=sum(r.outcome == RESTATED for r in rows),
        not_in_facts=sum(r.outcome == NOT_IN_FACTS for r in rows),
        promotable=sum(r.promotable for r in rows),
        confirmed_differs=sum(r.outcome == DIFFERS and r.status == "confirmed" for r in rows),
    )


def verify(pairs: Sequence[tuple[Company, dict[str, Any], str]]) -> VerifyResult:
    """Each (company, company-facts document, where it came from) checked, in that order."""
    rows: list[VerifyRow] = []
    files: list[VerifyFile] = []
    for company, document, origin in pairs:
        files.append(
            VerifyFile(
                company=company.id,
                file=origin,
                entity_name=entity_name(document),
                cik=cik_of(document),
            )
        )
        rows += verify_company(company, document, origin)
    return VerifyResult(files=files, summary=summarize(rows), rows=rows)
