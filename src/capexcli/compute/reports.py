"""The results of the commands other than the group comparison: one company year by year,
the chart series, the list of companies and the summary of a validated file.

Built from :mod:`capexcli.compute.metrics` (the arithmetic) and the records; no I/O, no
presentation.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from capexcli.compute import provenance
from capexcli.compute.metrics import growth, ratio, shareholder_returns
from capexcli.errors import Problem
from capexcli.model.alignment import RULES, Align, comparison_year
from capexcli.model.groups import groups_of
from capexcli.model.records import FIGURE_FIELDS, Company, Dataset
from capexcli.results import (
    AsOf,
    CapexBasisInfo,
    CompaniesResult,
    CompanyInfo,
    CompanyResult,
    CompanySummary,
    CompanyYear,
    DataWarning,
    ValidateResult,
)


def company_report(
    company: Company, align: Align = "majority", as_of: AsOf | None = None
) -> CompanyResult:
    """One company year by year, in its own reporting currency; ``as_of`` says which filed
    versions ``company`` holds (see :mod:`capexcli.model.as_of`)."""
    by_year = {y.fiscal_year: y for y in company.years}
    rows = []
    for fy in sorted(by_year):
        year = by_year[fy]
        previous = by_year.get(fy - 1)
        returns = shareholder_returns(year)
        capex = year.value("capex")
        rows.append(
            CompanyYear(
                fiscal_year=fy,
                comparison_year=comparison_year(fy, year.period_end, align),
                period_end=year.period_end,
                capex=capex,
                operating_cash_flow=year.value("operating_cash_flow"),
                buybacks=year.value("buybacks"),
                dividends=year.value("dividends"),
                debt_repayment=year.value("debt_repayment"),
                capex_to_ocf=ratio(capex, year.value("operating_cash_flow")),
                shareholder_returns=returns,
                returns_to_capex=ratio(returns, capex),
                capex_growth=growth(capex, previous.value("capex") if previous else None),
                status={
                    field: year.status_of(field) or "unconfirmed"
                    for field in (*FIGURE_FIELDS, "headline_capex")
                    if year.figure(field) is not None
                },
                capex_proceeds=year.value("capex_proceeds"),
                headline_capex=year.value("headline_capex"),
                restated={
                    field: provenance.earlier_values(company, fig)
                    for field in FIGURE_FIELDS
                    if (fig := year.figure(field)) is not None and fig.versions
                },
                versions={
                    field: provenance.versions_of(company, year, field)
                    for field in FIGURE_FIELDS
                    if (fig := year.figure(field)) is not None and fig.versions
                },
            )
        )
    notes = []
    if any(r.operating_cash_flow is not None and r.operating_cash_flow <= 0 for r in rows):
        notes.append("capex / OCF is left blank where operating cash flow is zero or negative")
    if any(r.capex is not None and r.capex <= 0 for r in rows):
        notes.append(
            "returns / capex and capex growth are left blank where capex (of the year, or of "
            "the year before) is zero"
        )
    return CompanyResult(
        company=CompanyInfo(
            **_identity(company),
            capex_definition=company.capex_definition or _basis_text(company),
            capex_basis=None
            if company.capex_basis is None
            else CapexBasisInfo(
                id=company.capex_basis.id,
                label=company.capex_basis.label,
                lines=list(company.capex_basis.lines),
                note=company.capex_basis.note,
                label_zh=company.capex_basis.label_zh,
                note_zh=company.capex_basis.note_zh,
            ),
        ),
        currency=company.currency,
        align=align,
        align_rule=RULES[align],
        years=rows,
        notes=notes,
        as_of=as_of or AsOf(),
    )


def _basis_text(company: Company) -> str | None:
    """The capex basis in one sentence, for readers of ``capex_definition``."""
    basis = company.capex_basis
    if basis is None:
        return None
    text = f"{basis.label}: " + " + ".join(basis.lines) + "."
    return f"{text} {basis.note}" if basis.note else text


def _identity(company: Company) -> dict[str, Any]:
    """The fields of :class:`~capexcli.results.CompanyIdentity`, from the record."""
    return {
        "id": company.id,
        "name": company.name,
        "name_zh": company.name_zh,
        "region": company.region,
        "currency": company.currency,
        "fiscal_year_end": company.fiscal_year_end,
        "aliases": list(company.aliases),
    }


def companies_result(dataset: Dataset) -> CompaniesResult:
    """Every company with the fiscal years it has a record for."""
    member_of = {m: g.id for g in groups_of(dataset) for m in g.members}
    return CompaniesResult(
        companies=[
            CompanySummary(
                **_identity(c),
                fiscal_years=sorted(y.fiscal_year for y in c.years),
                group=member_of.get(c.id),
            )
            for c in dataset.companies
        ]
    )


def validate_result(path: Path, dataset: Dataset, warnings: Sequence[Problem]) -> ValidateResult:
    """What a valid file holds, and what it should still fix (the warnings, located)."""
    years = [y for c in dataset.companies for y in c.years]
    present = [(y, f) for y in years for f in FIGURE_FIELDS if y.figure(f) is not None]
    return ValidateResult(
        file=str(path),
        valid=True,
        companies=len(dataset.companies),
        fiscal_years=len(years),
        figures=len(present),
        fx_rates=len(dataset.fx),
        confirmed=sum(1 for y, f in present if y.status_of(f) == "confirmed"),
        warnings=[DataWarning(path=w.path, line=w.line, message=w.message) for w in warnings],
    )
