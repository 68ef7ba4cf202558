"""Tables and footnotes of compare, company, companies, sources and validate."""

from __future__ import annotations

import os
from collections.abc import Sequence

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from ..results import (
    Absent,
    CompaniesResult,
    CompanyResult,
    CompanyYear,
    CompareResult,
    FxUsed,
    GroupFigures,
    Missing,
    SourcesResult,
    ValidateResult,
)
from .catalog import ALIGN_ZH
from .console import Cell, Marked, Row, fill, new_table, tables_with_notes
from .style import DASH, MARK, Style, one_to, percent, signed_percent, year_list


def _shaky(group: GroupFigures, field: str) -> bool:
    return bool(group.not_confirmed_share.get(field))


def compare_view(result: CompareResult, s: Style) -> list[RenderableType]:
    return tables_with_notes(compare_tables(result, s), compare_notes(result, s))


def compare_tables(result: CompareResult, s: Style) -> list[Table]:
    """Two tables, capex and shareholder returns, so each fits an 80-column terminal."""
    unit = s.unit_label(result.currency)
    lines = [(str(r.year), r.us, r.cn, r.us_to_cn_capex_ratio, False) for r in result.years]
    t = result.totals
    lines.append((t.label, t.us, t.cn, t.us_to_cn_capex_ratio, True))
    capex_rows: list[Row] = []
    returns_rows: list[Row] = []
    for label, us, cn, multiple, total in lines:
        capex_rows.append(
            (
                [
                    label,
                    Marked(s.amount(us.capex), _shaky(us, "capex")),
                    Marked(s.amount(cn.capex), _shaky(cn, "capex")),
                    one_to(multiple),
                    percent(us.capex_to_ocf),
                    percent(cn.capex_to_ocf),
                ],
                total,
            )
        )
        returns_rows.append(
            (
                [
                    label,
                    Marked(s.amount(us.shareholder_returns), _shaky(us, "shareholder_returns")),
                    Marked(s.amount(cn.shareholder_returns), _shaky(cn, "shareholder_returns")),
                    percent(us.returns_to_capex),
                    percent(cn.returns_to_capex),
                ],
                total,
            )
        )
    capex = new_table(f"{s.t('Capex: US big four vs China seven')} ({unit})")
    headers = ["US capex", "CN capex", "CN : US", "US\ncapex/OCF", "CN\ncapex/OCF"]
    fill(capex, s.t("Year"), [s.t(h) for h in headers], capex_rows)
    returns = new_table(f"{s.t('Shareholder returns: buybacks + dividends')} ({unit})")
    headers = ["US returns", "CN returns", "US\nreturns/capex", "CN\nreturns/capex"]
    fill(returns, s.t("Year"), [s.t(h) for h in headers], returns_rows)
    return [capex, returns]


def compare_notes(result: CompareResult, s: Style) -> list[str]:
    notes = [
        s.t(
            "CN : US = China's capex to the US group's (the article's 1:6, 1:10); capex/OCF = "
            "capex / operating cash flow."
        ),
        s.t(
            "Years: {align} alignment: {rule}.",
            align=result.align,
            rule=result.align_rule,
            rule_zh=ALIGN_ZH.get(result.align, result.align),
        ),
    ]
    if result.fx:
        if all(f.status == "override" for f in result.fx):
            notes.append(f"FX: {result.fx[0].rate} CNY per USD for every year (--fx).")
        else:
            rates = ", ".join(f"{f.year} {f.rate}" for f in result.fx)
            notes.append(
                s.t(
                    "FX, CNY per USD (annual average): {rates}. Source: {source}.",
                    rates=rates,
                    source=fx_source(result.fx),
                )
            )
            unconfirmed = [str(f.year) for f in result.fx if f.status != "confirmed"]
            if unconfirmed:
                notes.append(
                    s.t("FX rates not yet confirmed: {years}.", years=", ".join(unconfirmed))
                )
    notes.append(
        s.t(
            "Returns = buybacks + dividends. Each ratio uses only the companies that report both "
            "of its parts; totals add what is known."
        )
    )
    groups = (("US", result.totals.us), ("CN", result.totals.cn))
    shaky = [
        f"{region} {describe_statuses(group.status_counts)}"
        for region, group in groups
        if sum(group.status_counts.values()) > group.status_counts.get("confirmed", 0)
    ]
    if shaky:
        notes.append(
            s.t(
                "{mark} rests partly on figures not confirmed in a company's own filing. Share "
                "of the {span} totals: {shares}. By count: {counts}. `capex sources --status "
                "aggregator` lists them.",
                mark=MARK,
                span=result.totals.label.removesuffix(" total"),
                shares="; ".join(
                    f"{region} {describe_shares(group.not_confirmed_share)}"
                    for region, group in groups
                ),
                counts="; ".join(shaky),
            )
        )
    missing = result.totals.us.missing + result.totals.cn.missing
    if missing:
        notes.append(
            s.t(
                "Missing figures (left out of totals): {missing}.",
                missing=describe_missing(missing),
            )
        )
    absent = result.totals.us.absent + result.totals.cn.absent
    if absent:
        notes.append(
            s.t("No record at all (left out of totals): {absent}.", absent=describe_absent(absent))
        )
    return notes + result.notes


def fx_source(fx: Sequence[FxUsed]) -> str:
    sources = sorted({f.source for f in fx})
    if len(sources) == 1:
        return sources[0]
    # One series quoted from several yearly releases: name the series once, not six times.
    common = os.path.commonprefix(sources)  # noqa: RUF071 - text, not paths
    cut = common.rfind(", ")
    if cut > 0:
        return f"{common[:cut]} (each year's release: `capex compare --json`, fx[].source)"
    return "; ".join(sources)


def describe_shares(shares: dict[str, float | None]) -> str:
    labels = {"capex": "capex", "operating_cash_flow": "OCF", "shareholder_returns": "returns"}
    return ", ".join(f"{labels.get(k, k)} {percent(v)}" for k, v in shares.items())


def describe_statuses(counts: dict[str, int]) -> str:
    total = sum(counts.values())
    others = {k: v for k, v in counts.items() if k != "confirmed" and v}
    detail = ", ".join(f"{k} {v}" for k, v in others.items())
    return f"{sum(others.values())} of {total} figures ({detail})"


def describe_missing(missing: Sequence[Missing]) -> str:
    by_company: dict[tuple[str, str], list[int]] = {}
    for item in missing:
        by_company.setdefault((item.company, item.field), []).append(item.fiscal_year)
    return "; ".join(
        f"{company} {field.replace('_', ' ')} FY{year_list(years)}"
        for (company, field), years in by_company.items()
    )


def describe_absent(absent: Sequence[Absent]) -> str:
    by_company: dict[str, list[int]] = {}
    for item in absent:
        by_company.setdefault(item.company, []).append(item.year)
    return "; ".join(f"{company} {year_list(years)}" for company, years in by_company.items())


def company_view(result: CompanyResult, s: Style) -> list[RenderableType]:
    return tables_with_notes([company_table(result, s)], company_notes(result, s))


def company_table(result: CompanyResult, s: Style) -> Table:
    info = result.company
    names = f"{info.name_zh} ({info.name})" if s.lang == "zh" else f"{info.name} ({info.name_zh})"
    table = new_table(
        f"{names} · {info.region} · {s.t('fiscal year ends')} {info.fiscal_year_end}"
        f" · {s.unit_label(result.currency)}"
    )
    rows: list[Row] = []
    for row in result.years:

        def cell(field: str, row: CompanyYear = row) -> Marked:
            shaky = row.status.get(field, "confirmed") != "confirmed"
            return Marked(s.amount(getattr(row, field)), shaky)

        cells: list[Cell] = [
            str(row.fiscal_year),
            cell("capex"),
            cell("operating_cash_flow"),
            cell("buybacks"),
            cell("dividends"),
            cell("debt_repayment"),
            percent(row.capex_to_ocf),
            percent(row.returns_to_capex),
            signed_percent(row.capex_growth),
        ]
        rows.append((cells, False))
    headers = [
        "Capex",
        "Operating\ncash flow",
        "Buybacks",
        "Dividends",
        "Debt\nrepaid",
        "Capex/\nOCF",
        "Returns/\ncapex",
        "Capex\ngrowth",
    ]
    fill(table, s.t("FY"), [s.t(h) for h in headers], rows)
    return table


def company_notes(result: CompanyResult, s: Style) -> list[str]:
    notes = []
    basis = result.company.capex_basis
    if basis is not None:
        text = f"Capex basis, every year: {basis.label} (" + " + ".join(basis.lines) + ")."
        notes.append(f"{text} {basis.note}" if basis.note else text)
    elif result.company.capex_definition:
        notes.append(f"Capex: {result.company.capex_definition}")
    net = [
        f"FY{r.fiscal_year} {s.amount(r.capex - r.capex_proceeds)}"
        for r in result.years
        if r.capex is not None and r.capex_proceeds is not None
    ]
    if net:
        notes.append(
            "Capex net of proceeds from property and equipment sales and incentives "
            f"(recorded beside the gross line): {', '.join(net)}."
        )
    for row in result.years:
        for field, versions in row.restated.items():
            current = s.amount(getattr(row, field))
            for v in versions:
                filed = v.document.title if v.document is not None else (v.source or "?")
                notes.append(
                    f"Restated: {field.replace('_', ' ')} FY{row.fiscal_year} is {current} "
                    f"in the latest filing; {filed} gave {s.amount(v.value)}"
                    + (f" ({v.note})." if v.note else ".")
                )
    moved = [
        f"FY{r.fiscal_year} -> {r.comparison_year}"
        for r in result.years
        if r.comparison_year != r.fiscal_year
    ]
    if moved:
        notes.append(
            f"Compared as: {', '.join(moved)} ({result.align} alignment: {result.align_rule})."
        )
    notes.append(s.t("Returns = buybacks + dividends; blank unless both are known."))
    shaky: dict[str, dict[str, list[int]]] = {}
    for row in result.years:
        for field, status in row.status.items():
            if status != "confirmed":
                shaky.setdefault(status, {}).setdefault(field, []).append(row.fiscal_year)
    if shaky:
        parts = [
            f"{status}: "
            + ", ".join(
                f"{field.replace('_', ' ')} FY{year_list(years)}" for field, years in fields.items()
            )
            for status, fields in shaky.items()
        ]
        notes.append(f"{MARK} not confirmed in the company's own filing: " + "; ".join(parts) + ".")
    return notes + result.notes


def companies_view(result: CompaniesResult, s: Style) -> list[RenderableType]:
    table = new_table(
        s.t("Companies in the dataset"), "Fiscal years: those with a record in the data."
    )
    for header in ("ID", "Name", "中文", "Region", "Currency", "FY end", "Fiscal years", "Aliases"):
        table.add_column(s.t(header), no_wrap=header not in ("Aliases", "Name"))
    for c in result.companies:
        years = f"{min(c.fiscal_years)}-{max(c.fiscal_years)}" if c.fiscal_years else DASH
        table.add_row(
            c.id,
            c.name,
            c.name_zh,
            c.region,
            c.currency,
            c.fiscal_year_end,
            years,
            ", ".join(c.aliases),
        )
    return [table]


def sources_view(result: SourcesResult, s: Style) -> list[RenderableType]:
    return tables_with_notes([sources_table(result, s)], sources_notes(result))


def sources_table(
    result: SourcesResult, s: Style, title: str = "Sources: every number in the data"
) -> Table:
    table = new_table(s.t(title))
    for header in ("Company", "FY", "Field", "Value", "Currency", "Status", "Source"):
        table.add_column(
            s.t(header),
            justify="right" if header in ("FY", "Value") else "left",
            no_wrap=header != "Source",
        )
    for row in result.root:
        value = f"{row.value:g}" if row.kind == "fx" else s.amount(row.value)
        if row.kind == "guidance":
            high = "+" if row.high is None else f"-{s.amount(row.high)}"
            value = s.amount(row.value) if row.high == row.value else f"{value}{high}"
        field = row.field.replace("_", " ")
        if row.kind == "guidance" and row.date is not None:
            field += f" ({row.date.isoformat()})"
        table.add_row(
            row.company or "FX",
            str(row.fiscal_year),
            field,
            value,
            row.currency,
            row.status,
            row.source or DASH,
        )
    return table


def sources_notes(result: SourcesResult) -> list[str]:
    rows = result.root
    if not rows:
        return ["No numbers match."]
    counts: dict[str, int] = {}
    for row in rows:
        counts[row.status] = counts.get(row.status, 0) + 1
    summary = ", ".join(f"{status} {n}" for status, n in counts.items())
    return [
        f"{len(rows)} numbers: {summary}. Values in millions of the currency shown; FX in CNY "
        "per USD.",
        "confirmed = read in the company's own document, which the source names; derived = "
        "arithmetic on such figures (see the note in --json); aggregator = a third-party data "
        "site or report; unconfirmed = no source could back it (the note says why).",
    ]


def validate_view(result: ValidateResult, s: Style) -> list[RenderableType]:
    lines: list[RenderableType] = [
        Text(
            f"{result.file}: valid: {result.companies} companies, {result.fiscal_years} fiscal "
            f"years, {result.figures} figures ({result.confirmed} confirmed), "
            f"{result.fx_rates} FX rates"
        )
    ]
    if result.warnings:
        count = len(result.warnings)
        lines.append(
            Text(f"{count} warning{'s' if count != 1 else ''} (--strict makes them errors):")
        )
        for w in result.warnings:
            where = f"{result.file}:{w.line}" if w.line is not None else result.file
            lines.append(Text(f"  {where}: {w.path}: {w.message}"))
    return lines
