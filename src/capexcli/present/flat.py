"""Results as flat tables of raw values, for CSV, TSV and Markdown.

One row per year, company, figure or claim; amounts in the chosen unit with no formatting,
so a spreadsheet or a script reads numbers. No Rich here: a CSV run stays on the fast path.
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from ..errors import OptionError
from ..results import (
    ClaimsResult,
    CompaniesResult,
    CompanyResult,
    CompareResult,
    GroupFigures,
    SourcesResult,
    ValidateResult,
    VerifyResult,
)
from .style import DIVISORS

UNIT_LABELS: dict[str, str] = {"million": "millions", "billion": "billions", "yi": "亿"}


@dataclass(frozen=True)
class Flat:
    headers: list[str]
    rows: list[list[Any]]
    #: Columns holding amounts in millions, scaled to the chosen unit.
    amounts: frozenset[str]


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
    lines = [
        (str(row.year), row.us, row.cn, row.us_to_cn_capex_ratio, row.complete, str(row.year))
        for row in result.years
    ]
    added = " ".join(str(y) for y in t.years_by_measure.get("capex", t.years))
    lines.append((t.label, t.us, t.cn, t.us_to_cn_capex_ratio, t.complete, added))
    return [
        {
            "year": label,
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
        for label, us, cn, us_to_cn, complete, years in lines
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


_AMOUNTS: dict[type, frozenset[str]] = {
    CompareResult: frozenset(
        f"{g}_{f}"
        for g in ("us", "cn")
        for f in ("capex", "operating_cash_flow", "shareholder_returns")
    ),
    CompanyResult: frozenset(
        (
            "capex",
            "operating_cash_flow",
            "buybacks",
            "dividends",
            "debt_repayment",
            "shareholder_returns",
        )
    ),
    SourcesResult: frozenset(("value", "high")),
    VerifyResult: frozenset(("value", "filed_value")),
}
_FLATTEN: dict[type, Callable[[Any], list[dict[str, Any]]]] = {
    CompareResult: _compare,
    CompanyResult: _company,
    CompaniesResult: _companies,
    SourcesResult: _sources,
    ClaimsResult: _claims,
    ValidateResult: _validate,
    VerifyResult: _verify,
}


def flatten(result: BaseModel, units: str = "million") -> Flat:
    """The rows of a result, amounts scaled to ``units``; a ``unit`` column says which."""
    kind = type(result)
    if kind not in _FLATTEN:
        raise OptionError(f"{kind.__name__} has no table form; use --format json")
    records = _FLATTEN[kind](result)
    amounts = _AMOUNTS.get(kind, frozenset())
    headers = list(records[0]) if records else []
    if amounts:
        headers.append("unit")
    rows = []
    for record in records:
        row = [scale(v, units) if k in amounts else v for k, v in record.items()]
        if amounts:
            row.append(UNIT_LABELS[units])
        rows.append(row)
    return Flat(headers, rows, amounts)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if not math.isfinite(value):
            return ""  # a spreadsheet cannot hold infinity either: the value is unknown
        return str(int(value)) if value.is_integer() else repr(round(value, 6))
    return str(value)


#: What makes a spreadsheet read a cell as a formula (OWASP's list of "CSV injection" leads).
_FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")


def _text_cell(value: Any) -> str:
    """A CSV/TSV cell: text from the data that a spreadsheet would run as a formula is
    prefixed with an apostrophe; numbers (a negative cash flow) are left as they are."""
    text = _cell(value)
    if isinstance(value, str) and text.startswith(_FORMULA_LEADS):
        return "'" + text
    return text


def to_delimited(flat: Flat, delimiter: str) -> str:
    """CSV or TSV: one header row, raw numbers, '.' decimals, an empty cell for missing."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    writer.writerow(flat.headers)
    for row in flat.rows:
        writer.writerow([_text_cell(v) for v in row])
    return buffer.getvalue()


def to_markdown(flat: Flat, headers: Sequence[str] | None = None) -> str:
    """A GitHub-style table; amounts get thousands separators, being read by people."""

    def text(header: str, value: Any) -> str:
        number = isinstance(value, int | float) and not isinstance(value, bool)
        if number and header in flat.amounts:
            return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.2f}"
        return _cell(value).replace("|", "\\|").replace("\n", " ")

    shown = list(headers or flat.headers)
    lines = [
        "| " + " | ".join(shown) + " |",
        "|" + "|".join("---:" if h in flat.amounts else "---" for h in flat.headers) + "|",
    ]
    for row in flat.rows:
        lines.append(
            "| " + " | ".join(text(h, v) for h, v in zip(flat.headers, row, strict=True)) + " |"
        )
    return "\n".join(lines) + "\n"
