"""Results as flat tables of raw values, for CSV, TSV and xlsx (Markdown and HTML, for
people, carry the terminal view instead: see :mod:`capexcli.present.document`).

One row per year, company, figure or claim; amounts in the chosen unit with no formatting,
so a spreadsheet or a script reads numbers. A totals row is marked in its own ``total``
column, never in ``year``, so ``year`` stays a number column. Rows may fall into sections (a
claims section): xlsx shows one sheet per section, with the result's notes on a sheet of their
own. No Rich here: a CSV run stays on the fast path.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from capexcli.errors import OptionError
from capexcli.present.style import DIVISORS
from capexcli.results import (
    ChartResult,
    CheckResult,
    ClaimsResult,
    CompaniesResult,
    CompanyListResult,
    CompanyResult,
    CompareResult,
    ExplainResult,
    GroupFigures,
    SourcesResult,
    UpdateResult,
    ValidateResult,
    VerifyResult,
)

UNIT_LABELS: dict[str, str] = {"million": "millions", "billion": "billions", "yi": "亿"}


@dataclass(frozen=True)
class Flat:
    headers: list[str]
    rows: list[list[Any]]
    #: Columns holding amounts in millions, scaled to the chosen unit.
    amounts: frozenset[str]
    #: What the table is, for a page or workbook title ("capex compare").
    title: str = "capex"
    #: The tables a reader sees: (title, indexes of ``rows``); one section holds every row.
    sections: tuple[tuple[str, tuple[int, ...]], ...] = ()
    #: The result's footnotes, as text (:mod:`capexcli.present.notes` adds them).
    notes: tuple[str, ...] = ()
    #: Where the numbers come from, as a table of its own (FX sources, a claim's inputs).
    sources: tuple[list[str], list[list[Any]]] | None = None

    def section_rows(self) -> list[tuple[str, list[list[Any]]]]:
        if not self.sections:
            return [(self.title, self.rows)]
        return [(name, [self.rows[i] for i in indexes]) for name, indexes in self.sections]


def scale(value: float | None, units: str) -> float | None:
    if value is None:
        return None
    scaled = value / DIVISORS[units]
    return round(scaled, 6)


def _group(prefix: str, g: GroupFigures) -> dict[str, Any]:
    return {
        f"{prefix}_capex": g.capex,
        f"{prefix}_operating_cash_flow": g.operating_cash_flow,
        f"{prefix}_shareholder_returns": g.shareholder_returns,
        f"{prefix}_capex_to_ocf": g.capex_to_ocf,
        f"{prefix}_returns_to_capex": g.returns_to_capex,
        f"{prefix}_capex_not_confirmed_share": g.not_confirmed_share.get("capex"),
        f"{prefix}_companies": len(g.companies),
        f"{prefix}_members": cover.members if (cover := g.coverage.get("capex")) else None,
        f"{prefix}_capex_reported": cover.reported if cover else None,
        f"{prefix}_capex_complete": cover.complete if cover else None,
        f"{prefix}_capex_to_ocf_complete": _complete(g, "capex_to_ocf"),
        f"{prefix}_returns_to_capex_complete": _complete(g, "returns_to_capex"),
    }


def _complete(g: GroupFigures, measure: str) -> bool | None:
    cover = g.coverage.get(measure)
    return None if cover is None else cover.complete


def _compare(result: CompareResult) -> list[dict[str, Any]]:
    t = result.totals
    lines: list[tuple[int | None, int, int, Any, Any, float | None, bool, str]] = [
        (
            row.year,
            row.year,
            row.year,
            row.us,
            row.cn,
            row.us_to_cn_capex_ratio,
            row.complete,
            str(row.year),
        )
        for row in result.years
    ]
    added = " ".join(str(y) for y in t.years_by_measure.get("capex", t.years))
    lines.append(
        (None, t.first_year, t.last_year, t.us, t.cn, t.us_to_cn_capex_ratio, t.complete, added)
    )
    return [
        {
            # The totals row has no year (so a spreadsheet types `year` as a number): `total`
            # marks it, and first_year/last_year give its span.
            "year": year,
            "total": year is None,
            "first_year": first,
            "last_year": last,
            "currency": result.currency,
            **_group("us", us),
            **_group("cn", cn),
            "us_to_cn_capex_ratio": us_to_cn,
            # Both groups whole for capex: a ratio a reader may compare with other years.
            "complete": complete,
            # The years the capex figures of the row add (the totals row: complete years only,
            # unless --partial).
            "capex_years": years,
        }
        for year, first, last, us, cn, us_to_cn, complete, years in lines
    ]


def _company(result: CompanyResult) -> list[dict[str, Any]]:
    return [
        {
            "company": result.company.id,
            "fiscal_year": y.fiscal_year,
            "comparison_year": y.comparison_year,
            "period_end": y.period_end.isoformat(),
            "currency": result.currency,
            "capex": y.capex,
            "operating_cash_flow": y.operating_cash_flow,
            "buybacks": y.buybacks,
            "dividends": y.dividends,
            "debt_repayment": y.debt_repayment,
            "shareholder_returns": y.shareholder_returns,
            "capex_to_ocf": y.capex_to_ocf,
            "returns_to_capex": y.returns_to_capex,
            "capex_growth": y.capex_growth,
            "not_confirmed": " ".join(f for f, s in y.status.items() if s != "confirmed"),
        }
        for y in result.years
    ]


def _company_list(result: CompanyListResult) -> list[dict[str, Any]]:
    return [row for one in result.companies for row in _company(one)]


def _companies(result: CompaniesResult) -> list[dict[str, Any]]:
    return [
        {
            "id": c.id,
            "name": c.name,
            "name_zh": c.name_zh,
            "region": c.region,
            "currency": c.currency,
            "fiscal_year_end": c.fiscal_year_end,
            "first_fiscal_year": min(c.fiscal_years) if c.fiscal_years else None,
            "last_fiscal_year": max(c.fiscal_years) if c.fiscal_years else None,
            "aliases": " ".join(c.aliases),
        }
        for c in result.companies
    ]


def _sources(result: SourcesResult) -> list[dict[str, Any]]:
    return [
        {
            "kind": r.kind,
            "company": r.company,
            "fiscal_year": r.fiscal_year,
            "field": r.field,
            # FX rates are CNY per USD, not an amount: they are never scaled.
            "value": r.value if r.kind != "fx" else None,
            "rate": r.value if r.kind == "fx" else None,
            "high": r.high,
            "currency": r.currency,
            "status": r.status,
            "source": r.source,
            "line": r.line,
            "date": r.date.isoformat() if r.date else None,
            "note": r.note,
        }
        for r in result.root
    ]


def _claims(result: ClaimsResult) -> list[dict[str, Any]]:
    return [
        {
            "id": c.id,
            "section": c.section,
            "kind": c.kind,
            "claim_en": c.claim_en,
            "quote_zh": c.quote_zh,
            "stated": c.stated.get("text"),
            "stated_value": c.stated.get("value"),
            "stated_low": c.stated.get("low"),
            "stated_high": c.stated.get("high"),
            "recomputed": c.recomputed,
            "unit": c.unit,
            "verdict": c.verdict,
            "complete": c.complete,
            "tolerance": c.tolerance,
        }
        for c in result.claims
    ]


def _check(result: CheckResult) -> list[dict[str, Any]]:
    fields = ("id", "claim", "stated", "value", "low", "high", "unit", "verdict", "why")
    return [
        {**{name: getattr(row, name) for name in fields}, "not_confirmed": row.not_confirmed_share}
        for row in result.rows
    ]


def _chart(result: ChartResult) -> list[dict[str, Any]]:
    return [
        {
            "year": row.year,
            "metric": result.metric,
            "currency": result.currency,
            "us": row.us,
            "cn": row.cn,
            # capex: US over China (6.2 is the article's "1:6"); a ratio metric: US's over China's.
            "us_to_cn_ratio": row.ratio,
            "complete": row.complete,
            "us_reported": cover.reported if (cover := row.coverage.get("us")) else None,
            "us_members": cover.members if cover else None,
            "cn_reported": cover.reported if (cover := row.coverage.get("cn")) else None,
            "cn_members": cover.members if cover else None,
        }
        for row in result.years
    ]


def _validate(result: ValidateResult) -> list[dict[str, Any]]:
    row = result.model_dump(exclude={"schema_version", "warnings"})
    return [{**row, "warnings": len(result.warnings)}]


def _verify(result: VerifyResult) -> list[dict[str, Any]]:
    return [
        {
            **r.model_dump(mode="json", exclude={"other_filings", "currency"}),
            "currency": r.currency,
            "other_filings": " ".join(f"{o.accession}={o.value:g}" for o in r.other_filings),
        }
        for r in result.rows
    ]


def _update(result: UpdateResult) -> list[dict[str, Any]]:
    return [
        {
            "company": c.company,
            "currency": c.currency,
            # Not the earlier values: a list of amounts has no column to scale by --units.
            **r.model_dump(mode="json", exclude={"earlier"}),
        }
        for c in result.companies
        for r in c.rows
    ]


def _explain(result: ExplainResult) -> list[dict[str, Any]]:
    """One row per member of each cell: what it adds (value in its currency, converted in the
    cell's), or why nothing (missing)."""
    return [
        {
            "year": result.year,
            "measure": result.measure,
            "group": cell.group,
            "cell": cell.value,
            "cell_complete": cell.complete,
            "company": row.company,
            "fiscal_year": row.fiscal_year,
            "first_month": row.first_month,
            "last_month": row.last_month,
            "value": row.value,
            "value_currency": row.currency,
            "fx_rate": row.fx_rate,
            "converted": row.converted,
            "currency": result.currency,
            "status": row.status,
            "missing": ",".join(row.missing),
        }
        for cell in result.cells
        for row in cell.rows
    ]


_COMPANY_AMOUNTS = frozenset(
    (
        "capex",
        "operating_cash_flow",
        "buybacks",
        "dividends",
        "debt_repayment",
        "shareholder_returns",
    )
)
_AMOUNTS: dict[type, frozenset[str]] = {
    ExplainResult: frozenset(("cell", "value", "converted")),
    CompareResult: frozenset(
        f"{g}_{f}"
        for g in ("us", "cn")
        for f in ("capex", "operating_cash_flow", "shareholder_returns")
    ),
    CompanyResult: _COMPANY_AMOUNTS,
    SourcesResult: frozenset(("value", "high")),
    CompanyListResult: _COMPANY_AMOUNTS,
    VerifyResult: frozenset(("value", "filed_value")),
    UpdateResult: frozenset(("value", "filed_value")),
    # A chart of capex holds amounts; of a ratio, fractions (see _amounts).
    ChartResult: frozenset(("us", "cn")),
}
_FLATTEN: dict[type, Callable[[Any], list[dict[str, Any]]]] = {
    CompareResult: _compare,
    CompanyResult: _company,
    CompanyListResult: _company_list,
    CompaniesResult: _companies,
    SourcesResult: _sources,
    ClaimsResult: _claims,
    CheckResult: _check,
    ValidateResult: _validate,
    VerifyResult: _verify,
    UpdateResult: _update,
    ChartResult: _chart,
    ExplainResult: _explain,
}


def _amounts(result: BaseModel) -> frozenset[str]:
    if isinstance(result, ChartResult) and result.metric != "capex":
        return frozenset()
    return _AMOUNTS.get(type(result), frozenset())


def _unit_column(result: BaseModel, units: str) -> str | None:
    """The ``unit`` column's value, or None for a table with no amounts."""
    if isinstance(result, ChartResult) and result.metric != "capex":
        return "ratio"
    return UNIT_LABELS[units] if type(result) in _AMOUNTS else None


def _title(result: BaseModel) -> str:
    names = {
        CompareResult: "compare",
        CompanyResult: "company",
        CompanyListResult: "company",
        CompaniesResult: "companies",
        SourcesResult: "sources",
        ClaimsResult: "claims",
        CheckResult: "check",
        ValidateResult: "validate",
        VerifyResult: "verify",
        UpdateResult: "update",
        ChartResult: "chart",
        ExplainResult: "explain",
    }
    title = f"capex {names[type(result)]}"
    if isinstance(result, CompanyResult):
        title += f" {result.company.id}"
    if isinstance(result, CompanyListResult):
        title += " " + " ".join(c.company.id for c in result.companies)
    if isinstance(result, ChartResult):
        title += f" {result.metric}"
    return title


def _sections(
    result: BaseModel, records: list[dict[str, Any]]
) -> list[tuple[str, tuple[int, ...]]]:
    """Claims fall into the article's sections, several companies into one table each; other
    results are one table."""
    if isinstance(result, ClaimsResult):
        key, prefix = "section", "section "
    elif isinstance(result, CompanyListResult):
        key, prefix = "company", ""
    else:
        return []
    order: dict[str, list[int]] = {}
    for index, record in enumerate(records):
        order.setdefault(str(record[key]), []).append(index)
    return [(f"{prefix}{name}", tuple(indexes)) for name, indexes in order.items()]


def _source_table(result: BaseModel) -> tuple[list[str], list[list[Any]]] | None:
    """The sources behind a result, as a table of their own (the xlsx 'sources' sheet)."""
    if isinstance(result, CompareResult):
        headers = ["year", "cny_per_usd", "status", "source"]
        return headers, [[f.year, f.rate, f.status, f.source] for f in result.fx]
    if isinstance(result, ClaimsResult):
        headers = [
            "claim",
            "kind",
            "company",
            "fiscal_year",
            "field",
            "value",
            "currency",
            "status",
            "source",
            "line",
        ]
        rows = [
            [
                c.id,
                i.kind,
                i.company,
                i.fiscal_year,
                i.field,
                i.value,
                i.currency,
                i.status,
                i.source,
                i.line,
            ]
            for c in result.claims
            for i in c.inputs
        ]
        return headers, rows
    return None


def flatten(result: BaseModel, units: str = "million") -> Flat:
    """The rows of a result, amounts scaled to ``units``; a ``unit`` column says which."""
    kind = type(result)
    if kind not in _FLATTEN:
        raise OptionError("this command's output has no table form; use --format json")
    records = _FLATTEN[kind](result)
    amounts = _amounts(result)
    unit = _unit_column(result, units)
    headers = list(records[0]) if records else []
    if unit is not None:
        headers.append("unit")
    rows = []
    for record in records:
        row = [scale(v, units) if k in amounts else v for k, v in record.items()]
        if unit is not None:
            row.append(unit)
        rows.append(row)
    return Flat(
        headers,
        rows,
        amounts,
        title=_title(result),
        sections=tuple(_sections(result, records)),
        sources=_source_table(result),
    )
