"""Rich tables for people. Imported only when a table is printed, so JSON runs skip Rich."""

from __future__ import annotations

import io
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TextIO

from rich import box
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .output import Out
from .results import (
    Absent,
    ChartResult,
    ClaimResult,
    ClaimsResult,
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


@dataclass
class Presentation:
    """Units and language of the table being printed; set by :func:`show` for one call."""

    units: str = "million"
    lang: str = "en"


_now = Presentation()

ZH: dict[str, str] = {
    "Capex: US big four vs China seven": "资本开支：美国四大 vs 中国七家",
    "Shareholder returns: buybacks + dividends": "股东回报：回购 + 分红",
    "Year": "年份",
    "US capex": "美国资本开支",
    "CN capex": "中国资本开支",
    "CN : US": "中 : 美",
    "US\ncapex/OCF": "美国\n开支/经营现金流",
    "CN\ncapex/OCF": "中国\n开支/经营现金流",
    "US returns": "美国股东回报",
    "CN returns": "中国股东回报",
    "US\nreturns/capex": "美国\n回报/开支",
    "CN\nreturns/capex": "中国\n回报/开支",
    "FY": "财年",
    "Capex": "资本开支",
    "Operating\ncash flow": "经营\n现金流",
    "Buybacks": "回购",
    "Dividends": "分红",
    "Debt\nrepaid": "偿债",
    "Capex/\nOCF": "开支/\n现金流",
    "Returns/\ncapex": "回报/\n开支",
    "Capex\ngrowth": "开支\n增长",
    "fiscal year ends": "财年截至",
    "Companies in the dataset": "数据中的公司",
    "Sources: every number in the data": "来源：数据中的每个数字",
    "Figures used": "所用数据",
    "The article's claims, checked": "文章论断核查",
    "ID": "编号",
    "Claim": "论断",
    "Stated": "文中数字",
    "Recomputed": "重新计算",
    "Verdict": "结论",
    "Company": "公司",
    "Field": "项目",
    "Value": "数值",
    "Currency": "币种",
    "Status": "状态",
    "Source": "来源",
    "Name": "名称",
    "中文": "中文",
    "Region": "地区",
    "FY end": "财年截止",
    "Fiscal years": "财年",
    "Aliases": "别名",
    "holds": "成立",
    "close": "接近",
    "fails": "不成立",
    "cited": "引用",
    "unknown": "未知",
    "millions": "百万",
    "billions": "十亿",
}


def say(english: str, chinese: str) -> str:
    """A footnote in the current language."""
    return chinese if _now.lang == "zh" else english


def tr(text: str) -> str:
    """``text`` in the current language (English is the key)."""
    return ZH.get(text, text) if _now.lang == "zh" else text


def unit_label(currency: str) -> str:
    """``CNY millions``, ``USD billions``, ``CNY 亿`` (or the Chinese)."""
    if _now.units == "yi":
        return (
            f"{currency} 亿" if _now.lang == "en" else f"亿{_CURRENCY_ZH.get(currency, currency)}"
        )
    label = {"million": "millions", "billion": "billions"}[_now.units]
    if _now.lang == "zh":
        return f"{tr(label)}{_CURRENCY_ZH.get(currency, currency)}"
    return f"{currency} {label}"


_CURRENCY_ZH = {"CNY": "元人民币", "USD": "美元"}

DASH = "—"
#: Marks a figure whose status is not "confirmed".
MARK = "*"


_DIVISORS = {"million": 1, "billion": 1_000, "yi": 100}


def amount(value: float | None) -> str:
    """An amount given in millions, in the current unit: 亿 above 10,000亿 read as 万亿."""
    if value is None:
        return DASH
    scaled = value / _DIVISORS[_now.units]
    if _now.units == "yi" and abs(scaled) >= 10_000:
        return f"{scaled / 10_000:,.2f}万亿"
    if _now.units == "billion" or (_now.units == "yi" and abs(scaled) < 100):
        return f"{scaled:,.1f}"
    return f"{scaled:,.0f}"


def percent(value: float | None) -> str:
    return DASH if value is None else f"{value * 100:.1f}%"


def signed_percent(value: float | None) -> str:
    return DASH if value is None else f"{value * 100:+.1f}%"


def one_to(value: float | None) -> str:
    """A US/China multiple in the article's notation: 6.2 -> ``1 : 6.2``."""
    return DASH if value is None else f"1 : {value:.1f}"


@dataclass(frozen=True)
class Marked:
    """A value that may carry the not-confirmed marker."""

    text: str
    shaky: bool


Cell = str | Marked
Row = tuple[list[Cell], bool]


def _shaky(group: GroupFigures, field: str) -> bool:
    return bool(group.not_confirmed_share.get(field))


_recording: Console | None = None


def console(file: TextIO | None = None) -> Console:
    # No highlighting: numbers must not change colour by guesswork. Rich itself honours
    # NO_COLOR / FORCE_COLOR and drops styling when the output is not a terminal; there,
    # a wide page keeps tables and notes from being cut or wrapped at 80 columns.
    if _recording is not None:
        return _recording
    out = Console(file=file, highlight=False, soft_wrap=False)
    if not out.is_terminal:
        out = Console(file=file, highlight=False, soft_wrap=False, width=10_000)
    return out


def _table(title: str | None, caption: str | None = None) -> Table:
    return Table(
        title=title,
        caption=caption,
        caption_justify="left",
        title_justify="left",
        box=box.SIMPLE_HEAD,
        collapse_padding=True,
        pad_edge=False,
    )


def _fill(table: Table, first: str, headers: Sequence[str], rows: Sequence[Row]) -> None:
    """Add the columns and rows; a ``bool`` True in a row starts a bold totals section.

    Columns holding :class:`Marked` cells are right-aligned here rather than by Rich, because
    Rich strips trailing spaces before right-justifying, which would push a marked value one
    place left of its unmarked neighbours.
    """
    table.add_column(first, justify="left", no_wrap=True)
    for header in headers:
        table.add_column(header, justify="right", no_wrap=True)
    columns: list[list[Cell]] = [list(c) for c in zip(*(cells for cells, _ in rows), strict=True)]
    shown: list[list[Cell] | list[Text]] = []
    for index, column in enumerate(columns):
        if not any(isinstance(cell, Marked) for cell in column):
            shown.append(column)
            continue
        header_width = max(cell_len(line) for line in ([first, *headers][index]).split("\n"))
        width = max([header_width - 1] + [cell_len(_text(cell)) for cell in column])
        shown.append(
            [
                Text(
                    " " * (width - cell_len(_text(cell)))
                    + _text(cell)
                    + (MARK if isinstance(cell, Marked) and cell.shaky else " "),
                    justify="left",
                )
                for cell in column
            ]
        )
    for (_, total), *cells in zip(rows, *shown, strict=True):
        if total:
            table.add_section()
        table.add_row(*cells, style="bold" if total else None)


def _text(cell: Cell) -> str:
    return cell.text if isinstance(cell, Marked) else cell


def compare_tables(result: CompareResult) -> list[Table]:
    """Two tables, capex and shareholder returns, so each fits an 80-column terminal."""
    unit = unit_label(result.currency)
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
                    Marked(amount(us.capex), _shaky(us, "capex")),
                    Marked(amount(cn.capex), _shaky(cn, "capex")),
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
                    Marked(amount(us.shareholder_returns), _shaky(us, "shareholder_returns")),
                    Marked(amount(cn.shareholder_returns), _shaky(cn, "shareholder_returns")),
                    percent(us.returns_to_capex),
                    percent(cn.returns_to_capex),
                ],
                total,
            )
        )
    capex = _table(f"{tr('Capex: US big four vs China seven')} ({unit})")
    headers = ["US capex", "CN capex", "CN : US", "US\ncapex/OCF", "CN\ncapex/OCF"]
    _fill(capex, tr("Year"), [tr(h) for h in headers], capex_rows)
    returns = _table(f"{tr('Shareholder returns: buybacks + dividends')} ({unit})")
    headers = ["US returns", "CN returns", "US\nreturns/capex", "CN\nreturns/capex"]
    _fill(returns, tr("Year"), [tr(h) for h in headers], returns_rows)
    return [capex, returns]


def compare_notes(result: CompareResult) -> list[str]:
    align_zh = {
        "majority": "财年按其月份多数所在的日历年计（6:6 时按结束年份）",
        "label": "财年按公司自己的财年标签计",
    }
    notes = [
        say(
            "CN : US = China's capex to the US group's (the article's 1:6, 1:10); "
            "capex/OCF = capex / operating cash flow.",
            "中 : 美 = 中国七家与美国四大资本开支之比（即文章的 1:6、1:10）；"
            "开支/经营现金流 = 资本开支 / 经营活动现金流。",
        ),
        say(
            f"Years: {result.align} alignment: {result.align_rule}.",
            f"年份：{align_zh.get(result.align, result.align)}。",
        ),
    ]
    if result.fx:
        if all(f.status == "override" for f in result.fx):
            notes.append(f"FX: {result.fx[0].rate} CNY per USD for every year (--fx).")
        else:
            rates = ", ".join(f"{f.year} {f.rate}" for f in result.fx)
            notes.append(
                say(
                    f"FX, CNY per USD (annual average): {rates}. Source: {fx_source(result.fx)}.",
                    f"汇率（人民币/美元，年平均）：{rates}。来源：{fx_source(result.fx)}。",
                )
            )
            unconfirmed = [str(f.year) for f in result.fx if f.status != "confirmed"]
            if unconfirmed:
                years = ", ".join(unconfirmed)
                notes.append(
                    say(f"FX rates not yet confirmed: {years}.", f"尚未核实的汇率：{years}。")
                )
    notes.append(
        say(
            "Returns = buybacks + dividends. Each ratio uses only the companies that report both "
            "of its parts; totals add what is known.",
            "股东回报 = 回购 + 分红。每个比率只计入两项数据齐全的公司；合计只加总已知数据。",
        )
    )
    shaky = [
        f"{region} {describe_statuses(group.status_counts)}"
        for region, group in (("US", result.totals.us), ("CN", result.totals.cn))
        if sum(group.status_counts.values()) > group.status_counts.get("confirmed", 0)
    ]
    if shaky:
        span = result.totals.label.removesuffix(" total")
        notes.append(
            say(
                f"{MARK} rests partly on figures not confirmed in a company's own filing. "
                f"Share of the {span} totals: ",
                f"{MARK} 部分基于未在公司自身文件中核实的数据。占 {span} 合计的比例：",
            )
            + "; ".join(
                f"{region} {describe_shares(group.not_confirmed_share)}"
                for region, group in (("US", result.totals.us), ("CN", result.totals.cn))
            )
            + say(". By count: ", "。按个数：")
            + "; ".join(shaky)
            + say(
                ". `capex sources --status aggregator` lists them.",
                "。`capex sources --status aggregator` 列出这些数据。",
            )
        )
    missing = result.totals.us.missing + result.totals.cn.missing
    if missing:
        notes.append(
            say("Missing figures (left out of totals): ", "缺失数据（未计入合计）：")
            + describe_missing(missing)
            + "."
        )
    absent = result.totals.us.absent + result.totals.cn.absent
    if absent:
        notes.append(
            say("No record at all (left out of totals): ", "全年无记录（未计入合计）：")
            + describe_absent(absent)
            + "."
        )
    notes += result.notes
    return notes


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
    parts = []
    for (company, field), years in by_company.items():
        parts.append(f"{company} {field.replace('_', ' ')} FY{_year_list(years)}")
    return "; ".join(parts)


def describe_absent(absent: Sequence[Absent]) -> str:
    by_company: dict[str, list[int]] = {}
    for item in absent:
        by_company.setdefault(item.company, []).append(item.year)
    return "; ".join(f"{company} {_year_list(years)}" for company, years in by_company.items())


def _year_list(years: list[int]) -> str:
    years = sorted(set(years))
    runs: list[str] = []
    start = prev = years[0]
    for year in [*years[1:], None]:
        if year is not None and year == prev + 1:
            prev = year
            continue
        runs.append(str(start) if start == prev else f"{start}-{prev}")
        if year is not None:
            start = prev = year
    return ",".join(runs)


def company_table(result: CompanyResult) -> Table:
    info = result.company
    names = (
        f"{info.name_zh} ({info.name})" if _now.lang == "zh" else f"{info.name} ({info.name_zh})"
    )
    table = _table(
        f"{names} · {info.region} · {tr('fiscal year ends')} {info.fiscal_year_end}"
        f" · {unit_label(result.currency)}"
    )
    rows: list[Row] = []
    for row in result.years:

        def cell(field: str, row: CompanyYear = row) -> Marked:
            shaky = row.status.get(field, "confirmed") != "confirmed"
            return Marked(amount(getattr(row, field)), shaky)

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
    _fill(table, tr("FY"), [tr(h) for h in headers], rows)
    return table


def company_notes(result: CompanyResult) -> list[str]:
    notes = []
    basis = result.company.capex_basis
    if basis is not None:
        text = f"Capex basis, every year: {basis.label} (" + " + ".join(basis.lines) + ")."
        notes.append(f"{text} {basis.note}" if basis.note else text)
    elif result.company.capex_definition:
        notes.append(f"Capex: {result.company.capex_definition}")
    net = [
        f"FY{r.fiscal_year} {amount(r.capex - r.capex_proceeds)}"
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
            current = amount(getattr(row, field))
            for v in versions:
                filed = v.document.title if v.document is not None else (v.source or "?")
                notes.append(
                    f"Restated: {field.replace('_', ' ')} FY{row.fiscal_year} is {current} "
                    f"in the latest filing; {filed} gave {amount(v.value)}"
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
    notes.append(
        say(
            "Returns = buybacks + dividends; blank unless both are known.",
            "股东回报 = 回购 + 分红；两项都已知时才计算。",
        )
    )
    shaky: dict[str, dict[str, list[int]]] = {}
    for row in result.years:
        for field, status in row.status.items():
            if status != "confirmed":
                shaky.setdefault(status, {}).setdefault(field, []).append(row.fiscal_year)
    if shaky:
        parts = [
            f"{status}: "
            + ", ".join(
                f"{field.replace('_', ' ')} FY{_year_list(years)}"
                for field, years in fields.items()
            )
            for status, fields in shaky.items()
        ]
        notes.append(f"{MARK} not confirmed in the company's own filing: " + "; ".join(parts) + ".")
    return notes + result.notes


def companies_table(result: CompaniesResult) -> Table:
    table = _table(tr("Companies in the dataset"), "Fiscal years: those with a record in the data.")
    for header in ("ID", "Name", "中文", "Region", "Currency", "FY end", "Fiscal years", "Aliases"):
        table.add_column(tr(header), no_wrap=header not in ("Aliases", "Name"))
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
    return table


def sources_table(result: SourcesResult, title: str = "Sources: every number in the data") -> Table:
    table = _table(tr(title))
    for header in ("Company", "FY", "Field", "Value", "Currency", "Status", "Source"):
        table.add_column(
            tr(header),
            justify="right" if header in ("FY", "Value") else "left",
            no_wrap=header != "Source",
        )
    for row in result.root:
        value = f"{row.value:g}" if row.kind == "fx" else amount(row.value)
        if row.kind == "guidance":
            high = "+" if row.high is None else f"-{amount(row.high)}"
            value = amount(row.value) if row.high == row.value else f"{value}{high}"
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


def print_table(table: Table, notes: Sequence[str], file: TextIO | None = None) -> None:
    print_tables([table], notes, file)


def print_tables(tables: Sequence[Table], notes: Sequence[str], file: TextIO | None = None) -> None:
    out = console(file)
    if out.is_terminal:
        _print_all(out, tables, notes)
        return
    # Piped: plain text with no padding at line ends, so diffs and greps stay clean.
    with out.capture() as captured:
        _print_all(out, tables, notes)
    lines = captured.get().splitlines()
    out.file.write("".join(line.rstrip() + "\n" for line in lines))


def _print_all(out: Console, tables: Sequence[Table], notes: Sequence[str]) -> None:
    for table in tables:
        out.print(table)
    for note in notes:
        out.print(Text("· " + note))


def print_validate(result: ValidateResult, file: TextIO | None = None) -> None:
    out = console(file)
    out.print(
        Text(
            f"{result.file}: valid: {result.companies} companies, {result.fiscal_years} fiscal "
            f"years, {result.figures} figures ({result.confirmed} confirmed), "
            f"{result.fx_rates} FX rates"
        )
    )
    if result.warnings:
        count = len(result.warnings)
        out.print(Text(f"{count} warning{'s' if count != 1 else ''} (--strict makes them errors):"))
        for w in result.warnings:
            where = f"{result.file}:{w.line}" if w.line is not None else result.file
            out.print(Text(f"  {where}: {w.path}: {w.message}"))


VERDICT_STYLES = {
    "holds": "green",
    "close": "yellow",
    "fails": "bold red",
    "cited": "cyan",
    "unknown": "magenta",
}


def claim_value(value: float | None, unit: str, stated_text: str = "") -> str:
    """A recomputed value in the article's own style, so it reads beside the stated one."""
    if value is None:
        return DASH
    if unit == "CNY millions":
        return (
            f"{value / 1_000_000:.2f}万亿" if abs(value) >= 1_000_000 else f"{value / 100:,.0f}亿"
        )
    if unit == "USD millions":
        return f"${value / 1000:,.1f}B"
    if unit == "multiple":
        return f"1:{value:.1f}" if ":" in stated_text else f"×{value:.2f}"
    if unit == "share":
        return f"{value * 100:.1f}%"
    return f"{value:,.4g}"


def _recomputed(claim: ClaimResult) -> str:
    text = claim.stated.get("text", "")
    if claim.recomputed_range is not None:
        low, high = claim.recomputed_range
        return f"{claim_value(low, claim.unit, text)} - {claim_value(high, claim.unit, text)}"
    return claim_value(claim.recomputed, claim.unit, text)


def _verdict(claim: ClaimResult) -> Text:
    label = claim.verdict if claim.complete or claim.kind != "recomputed" else claim.verdict + "?"
    label = tr(claim.verdict) + label[len(claim.verdict) :]
    return Text(label, style=VERDICT_STYLES.get(claim.verdict, ""))


def claims_table(result: ClaimsResult) -> Table:
    title = tr("The article's claims, checked")
    table = _table(f"{title} ({len(result.claims)})")
    for header in ("ID", "§", "Claim", "Stated", "Recomputed", "Verdict"):
        table.add_column(
            tr(header),
            justify="right" if header == "Recomputed" else "left",
            no_wrap=header in ("ID", "§", "Verdict", "Recomputed"),
            ratio=1 if header == "Claim" else None,
        )
    for claim in result.claims:
        table.add_row(
            claim.id,
            claim.section,
            claim.quote_zh if _now.lang == "zh" else claim.claim_en,
            claim.stated.get("text", ""),
            _recomputed(claim) if claim.kind != "cited" else "",
            _verdict(claim),
        )
    return table


def claims_notes(result: ClaimsResult) -> list[str]:
    s = result.summary
    checked = s["holds"] + s["close"] + s["fails"] + s["unknown"]
    notes = [
        say(
            f"{len(result.claims)} claims: {checked} checked ({s['holds']} hold, "
            f"{s['close']} close, {s['fails']} fail, {s['unknown']} unknown), "
            f"{s['cited']} cited (outside the records).",
            f"共 {len(result.claims)} 条论断：核查 {checked} 条（成立 {s['holds']}，接近 "
            f"{s['close']}，不成立 {s['fails']}，未知 {s['unknown']}），引用 {s['cited']} 条"
            "（数据无法核查）。",
        ),
        say(
            f"Recomputed with {result.align} alignment, FX: "
            + ("annual averages" if result.fx == "annual" else f"{result.fx} CNY per USD")
            + "; each recomputed claim's verdict under the other choices: `capex claims ID`.",
            f"重新计算采用 {result.align} 对齐，汇率："
            + ("年平均" if result.fx == "annual" else f"{result.fx} 人民币/美元")
            + "；其他口径下的结论见 `capex claims ID`。",
        ),
    ]
    partial = [c.id for c in result.claims if c.kind == "recomputed" and not c.complete]
    if partial:
        notes.append(
            say(
                "? = recomputed from incomplete records (figures missing): ",
                "? = 数据不全时的重新计算（有缺失数据）：",
            )
            + ", ".join(partial)
            + "."
        )
    moved = [c.id for c in result.claims if len({choice.verdict for choice in c.sensitivity}) > 1]
    if moved:
        notes.append(
            say("Verdict depends on the alignment or FX choice: ", "结论取决于财年对齐或汇率口径：")
            + ", ".join(moved)
            + "."
        )
    return notes


def claim_detail(result: ClaimsResult, file: TextIO | None = None) -> None:
    out = console(file)
    renderables: list[object] = []
    for claim in result.claims:
        head = Text(f"{claim.id} · section {claim.section} · {claim.kind} · ")
        head.append(_verdict(claim))
        lines = [
            head,
            Text(f"  {claim.quote_zh}"),
            Text(f"  {claim.claim_en}"),
            Text(f"Stated:     {claim.stated.get('text', '')}"),
        ]
        if claim.kind != "cited":
            lines.append(Text(f"Recomputed: {_recomputed(claim)}"))
        if claim.tolerance:
            lines.append(Text(f"Tolerance:  {claim.tolerance}"))
        lines.append(Text(f"Method:     {claim.method}"))
        if claim.attribution:
            lines.append(Text(f"Attributed: {claim.attribution}"))
        lines.append(Text(f"Why:        {claim.explanation}"))
        if claim.missing:
            lines.append(
                Text(
                    "Missing:    "
                    + "; ".join(claim.missing)
                    + " (add them to the data to complete it)"
                )
            )
        renderables += lines
        if claim.inputs:
            renderables.append(Text(""))
            renderables.append(sources_table(SourcesResult(claim.inputs), "Figures used"))
        if claim.sensitivity:
            renderables.append(Text(""))
            renderables.append(Text("Sensitivity: the two choices the article does not state"))
            table = _table(None)
            for header in ("Alignment", "FX (CNY per USD)", "Recomputed", "Verdict"):
                table.add_column(header, justify="right" if header == "Recomputed" else "left")
            text = claim.stated.get("text", "")
            for choice in claim.sensitivity:
                table.add_row(
                    choice.align,
                    "annual averages" if choice.fx == "annual" else choice.fx,
                    claim_value(choice.recomputed, claim.unit, text),
                    Text(tr(choice.verdict), style=VERDICT_STYLES.get(choice.verdict, "")),
                )
            renderables.append(table)
        renderables.append(Text(""))
    _print_plain(out, renderables)


def _print_plain(out: Console, renderables: Sequence[object]) -> None:
    if out.is_terminal:
        for item in renderables:
            out.print(item)
        return
    with out.capture() as captured:
        for item in renderables:
            out.print(item)
    lines = captured.get().splitlines()
    while lines and not lines[-1].strip():
        lines.pop()
    out.file.write("".join(line.rstrip() + "\n" for line in lines))


def show(result: object, out: Out | None = None, file: TextIO | None = None) -> None:
    """Print any command's result as a table with its footnotes."""
    global _now
    out = out or Out()
    saved = _now
    _now = Presentation(units=out.units, lang=out.lang)
    try:
        _show(result, out.view, file)
    finally:
        _now = saved


def export(result: object, out: Out, kind: str) -> str:
    """The table as SVG or HTML, as a colour terminal 100 columns wide would show it."""
    global _recording
    recorder = Console(
        file=io.StringIO(), record=True, width=100, force_terminal=True, highlight=False
    )
    _recording = recorder
    try:
        show(result, out)
    finally:
        _recording = None
    if kind == "svg":
        return recorder.export_svg(title="capex")
    return recorder.export_html(inline_styles=True)


CHART_WIDTH = 40
BARS = {"us": "█", "cn": "▒"}
BAR_STYLES = {"us": "blue", "cn": "red"}


def print_chart(result: ChartResult, file: TextIO | None = None) -> None:
    """Horizontal bars, two per year, scaled to the largest value: fits 80 columns, and the
    two groups differ by their characters as well as their colours, so a plain terminal
    reads it too."""
    out = console(file)
    percent_metric = result.metric != "capex"
    values = [v for row in result.years for v in (row.us, row.cn) if v is not None]
    top = max(values, default=0) or 1
    unit = "share" if percent_metric else unit_label(result.currency)
    title = {
        "capex": tr("Capex: US big four vs China seven"),
        "capex_to_ocf": "Capex / operating cash flow: US vs China",
        "returns_to_capex": "Shareholder returns / capex: US vs China",
    }[result.metric]
    lines: list[Text] = [Text(f"{title} ({unit})" if not percent_metric else title), Text("")]
    for row in result.years:
        for group in ("us", "cn"):
            value = getattr(row, group)
            label = str(row.year) if group == "us" else ""
            line = Text(f"{label:<5}{group.upper()} ")
            if value is None:
                line.append(DASH)
            else:
                length = max(0, round(CHART_WIDTH * max(value, 0) / top))
                line.append(BARS[group] * length, style=BAR_STYLES[group])
                shown = percent(value) if percent_metric else amount(value)
                line.append(" " + shown)
                if group == "us" and row.ratio is not None and not percent_metric:
                    line.append(f"   CN : US {one_to(row.ratio)}")
            lines.append(line)
    lines.append(Text(""))
    legend = f"{BARS['us']} US big four   {BARS['cn']} China seven"
    lines.append(Text(f"{legend} · years: {result.align} alignment (see capex compare)"))
    _print_plain(out, lines)


def _show(result: object, view: str | None, file: TextIO | None) -> None:
    if isinstance(result, ClaimsResult):
        if view == "detail":
            claim_detail(result, file)
        else:
            print_table(claims_table(result), claims_notes(result), file)
    elif isinstance(result, CompareResult):
        print_tables(compare_tables(result), compare_notes(result), file)
    elif isinstance(result, CompanyResult):
        print_table(company_table(result), company_notes(result), file)
    elif isinstance(result, CompaniesResult):
        print_table(companies_table(result), [], file)
    elif isinstance(result, SourcesResult):
        print_table(sources_table(result), sources_notes(result), file)
    elif isinstance(result, ValidateResult):
        print_validate(result, file)
    elif isinstance(result, ChartResult):
        print_chart(result, file)
    else:
        raise TypeError(f"no table for {type(result).__name__}")
