"""Every user-visible string of the interface, in English and Chinese: the one catalog.

English is the key: a string missing here prints in English under ``--lang zh`` and is
recorded in :data:`MISSES` (the tests run every command in Chinese and fail on a miss), so a
new message is one entry. Templates use ``str.format`` fields, the same names in both
languages. The entries live in several modules by what they word (tables here, the claims
detail, errors, help); :func:`translate` and :func:`translate_message` look in all of them.
"""

from __future__ import annotations

import re
from functools import cache

ZH: dict[str, str] = {
    # Table titles and headers
    "Capex: US big four vs China seven": "资本开支：美国四大 vs 中国七家",
    "Capex: {us} vs {cn}": "资本开支：{us} vs {cn}",
    "US big four": "美国四大",
    "China seven": "中国七家",
    "Capex: US ({us}) vs China ({cn}), like for like": (
        "资本开支：美国（{us} 家）vs 中国（{cn} 家），同口径"
    ),
    "Shareholder returns: buybacks + dividends": "股东回报：回购 + 分红",
    "Year": "年份",
    "US capex": "美国资本开支",
    "CN capex": "中国资本开支",
    "CN : US": "中 : 美",
    "US\ncapex/OCF": "美国\n开支/现金流",
    "CN\ncapex/OCF": "中国\n开支/现金流",
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
    "Group": "组",
    "FY end": "财年截止",
    "Fiscal years": "财年",
    "Aliases": "别名",
    # Verdicts and units
    "holds": "成立",
    "close": "接近",
    "fails": "不成立",
    "cited": "引用",
    "unknown": "未知",
    "insufficient": "数据不足",
    "millions": "百万",
    "billions": "十亿",
    # compare footnotes
    "CN : US = China's capex to the US group's (the article's 1:6, 1:10); capex/OCF = capex / "
    "operating cash flow.": "中 : 美 = 中国七家与美国四大资本开支之比（即文章的 1:6、1:10）；"
    "开支/现金流 = 资本开支 / 经营活动现金流。",
    "Years: {align} alignment: {rule}.": "年份：{rule_zh}。",
    "FX, CNY per USD (annual average): {rates}. Source: {source}.": "汇率（人民币/美元，年平均）："
    "{rates}。来源：{source}。",
    "FX rates not yet confirmed: {years}.": "尚未核实的汇率：{years}。",
    "Returns = buybacks + dividends. Each ratio adds only the companies that report all of its "
    "parts.": "股东回报 = 回购 + 分红。每个比率只计入数据齐全的公司。",
    "[ ] = partial: the group misses members for that figure or ratio, so it is not comparable. "
    "Capex: {gaps}.": "[ ] = 不完整：该组有成员缺少这项数据，不可比较。资本开支：{gaps}。",
    "Totals add only the years complete in both groups: {spans}. --partial adds the others, "
    "marked.": "合计只加总两组数据都完整的年份：{spans}。--partial 加入其他年份（仍有标记）。",
    "Totals include partial years (--partial), in [brackets]: {spans}.": "合计包含不完整年份"
    "（--partial），以 [ ] 标出：{spans}。",
    "{mark} rests partly on figures not confirmed in a company's own filing. Share of the "
    "totals: {shares}. By count: {counts}. `capex sources --status aggregator` lists them.": (
        "{mark}"
    )
    + " 部分基于未在公司自身文件中核实的数据。占合计的比例：{shares}。按个数：{counts}。"
    + "`capex sources --status aggregator` 列出这些数据。",
    "Missing figures (left out of totals): {missing}.": "缺失数据（未计入合计）：{missing}。",
    "No record at all (left out of totals): {absent}.": "全年无记录（未计入合计）：{absent}。",
    # company footnotes
    "Returns = buybacks + dividends; blank unless both are known.": "股东回报 = 回购 + 分红；"
    "两项都已知时才计算。",
    # claims footnotes
    "{total} claims: {checked} checked against the filings ({holds} hold, {close} close, "
    "{fails} fail, {unknown} unknown), {insufficient} undecided on incomplete groups, "
    "{internal} checked against the article's own numbers ({consistent} consistent, "
    "{inconsistent} inconsistent), {cited} cited (outside the records).": "共 {total} 条论断："
    "对照公司文件核查 {checked} 条（成立 {holds}，接近 {close}，不成立 {fails}，未知 {unknown}），"
    "{insufficient} 条因组内数据不全无法判断，{internal} 条对照文章自身数字核查（一致 "
    "{consistent}，不一致 {inconsistent}），引用 {cited} 条（数据无法核查）。",
    "insufficient = recomputed on part of a group, and some value of the missing figures "
    "within their bounds would turn the verdict: {ids}.": "数据不足 = 只按组内部分公司重新计算，"
    "且缺失数字在其范围内的某些取值会改变结论：{ids}。",
    "Recomputed with {align} alignment, FX: {fx}; each recomputed claim's verdict under the other "
    "choices: `capex claims ID`.": "重新计算按{align}对齐，汇率：{fx}；其他口径下的结论见 "
    "`capex claims ID`。",
    "annual averages": "年平均",
    "{rate} CNY per USD": "{rate} 人民币/美元",
    "? = recomputed from incomplete records (figures missing): {ids}.": "? = 数据不全时的重新计算"
    "（有缺失数据）：{ids}。",
    "Verdict depends on the alignment or FX choice: {ids}.": (
        "结论取决于财年对齐或汇率口径：{ids}。"
    ),
    # as-of footnotes (--as-of, --first-reported)
    "As first reported: each figure's first filed value ({n} differ from the latest filings).": (
        "按首次披露：每个数字取其首次申报的数值（{n} 个与最新申报不同）。"
    ),
    "As of the latest filings: a value that a later filing restated is replaced (--as-of DATE "
    "shows what had been filed by a date).": "按最新申报：被后来的申报重述的数值以新值为准"
    "（--as-of 日期 可查看截至某日已申报的数据）。",
    "{date}, the article's date": "{date}（文章发表日）",
    "As of {when}: each figure as last filed on or before that date": (
        "截至 {when}：每个数字取该日或之前最后一次申报的数值"
    ),
    "{n} figures filed later left out": "{n} 个之后才申报的数字未计入",
    "{n} figure filed later left out": "{n} 个之后才申报的数字未计入",
    "{n} value that a later filing restated": "{n} 个数值后来被重述",
    "{n} guidance statement given later left out": "{n} 条之后发布的指引未计入",
    "{n} figure that names no dated filing taken as filed 4 months after its period ended (the "
    "annual report deadline)": (
        "{n} 个数字没有注明申报日期，按期末后 4 个月（年报截止期限）视为已申报"
    ),
    "{n} values that a later filing restated": "{n} 个数值后来被重述",
    "{n} guidance statements given later left out": "{n} 条之后发布的指引未计入",
    "{n} figures that name no dated filing taken as filed 4 months after their period ended (the "
    "annual report deadline)": (
        "{n} 个数字没有注明申报日期，按期末后 4 个月（年报截止期限）视为已申报"
    ),
    "; ": "；",
    ".": "。",
    "{where} (no filing date; taken as {date})": "{where}（无申报日期，按 {date} 计）",
    "{where}, filed {date}": "{where}，{date} 申报",
    "{mark} {field} FY{fy}: {new} ({new_filing}) restates {old} ({old_filing}): {change}": (
        "{mark} {field} {fy} 财年：{new}（{new_filing}）重述了 {old}（{old_filing}）：{change}"
    ),
    "{mark} {field} FY{fy}: {old} as of this date; {filing}, filed {date}, restates it to {new} "
    "({change}).": "{mark} {field} {fy} 财年：截至该日为 {old}；{date} 申报的 {filing} 将其重述为 "
    "{new}（{change}）。",
    "capex": "资本开支",
    "operating cash flow": "经营现金流",
    "buybacks": "回购",
    "dividends": "分红",
    "debt repaid": "偿债",
    "capex proceeds": "资产处置收入",
    "{mark} {company} {field} FY{fy}, every filed version, latest first: {listed}.": (
        "{mark} {company} {field} {fy} 财年，历次申报数值（新的在前）：{listed}。"
    ),
    "as of the latest filings": "按最新申报",
    "as first reported": "按首次披露",
    "as of {date}": "截至 {date}",
    "{value}, {verdict}: the latest filings do not move it": (
        "{value}，{verdict}：最新申报不改变结论"
    ),
    "{value}, {verdict} on the latest filings (this date: {then}, {was})": (
        "按最新申报为 {value}，{verdict}（该日期：{then}，{was}）"
    ),
    "Moved by the latest filings: {claims}.": "最新申报改变的论断：{claims}。",
    "none": "无",
}

#: The fiscal-year rules of ``--align``, as the Chinese footnote states them.
ALIGN_ZH: dict[str, str] = {
    "majority": "财年按其月份多数所在的日历年计（6:6 时按结束年份）",
    "label": "财年按公司自己的财年标签计",
}

CURRENCY_ZH: dict[str, str] = {"CNY": "元人民币", "USD": "美元"}


#: English strings a Chinese output asked for and the catalog did not have (for the tests).
MISSES: set[str] = set()


def _catalog() -> dict[str, str]:
    from capexcli.present.catalog_check import CHECK_ZH
    from capexcli.present.catalog_detail import DETAIL_ZH
    from capexcli.present.catalog_explain import EXPLAIN_ZH
    from capexcli.present.catalog_help import HELP_ZH
    from capexcli.present.catalog_messages import MESSAGES_ZH
    from capexcli.present.catalog_publish import PUBLISH_ZH

    return {
        **ZH,
        **DETAIL_ZH,
        **MESSAGES_ZH,
        **HELP_ZH,
        **EXPLAIN_ZH,
        **PUBLISH_ZH,
        **CHECK_ZH,
    }


@cache
def _entries() -> dict[str, str]:
    return _catalog()


def translate(text: str) -> str:
    """The Chinese of an English template; the English itself, recorded as a miss, if none."""
    found = _entries().get(text)
    if found is not None:
        return found
    if re.search(r"[A-Za-z]{2}", text):
        MISSES.add(text)
    return text


@cache
def _patterns() -> list[tuple[re.Pattern[str], str]]:
    """Every template with fields, as a regular expression that reads them back out of a
    message already formatted (an error, a method), longest first."""
    patterns = []
    for english, chinese in _entries().items():
        if "{" not in english:
            continue
        parts = re.split(r"\{(\w+)\}", english)
        regex = "".join(
            re.escape(part) if index % 2 == 0 else f"(?P<{part}>.+?)"
            for index, part in enumerate(parts)
        )
        try:
            patterns.append((re.compile(regex + r"\Z", re.DOTALL), chinese))
        except re.error:  # a field named twice: such a template is only used by key
            continue
    return sorted(patterns, key=lambda p: -len(p[0].pattern))


def _value(value: str) -> str:
    """A value read out of a message, in Chinese where it is a word the catalog has: a field
    (``debt_repayment``), a choice (``latest``); fields joined by `` + `` each."""
    parts = []
    for part in value.split(" + "):
        key = part.replace("_", " ")
        parts.append(_entries().get(part) or _entries().get(key) or part)
    return " + ".join(parts)


def translate_message(message: str, fields: dict[str, str] | None = None) -> str:
    """A message formatted in English (by the core, which words its errors in English), in
    Chinese: the catalog template it was made from, with the same values put back. ``fields``
    translates a field's value (a field name, say) where the catalog has it."""
    exact = _entries().get(message)
    if exact is not None:
        return exact
    for pattern, chinese in _patterns():
        match = pattern.match(message)
        if match is not None:
            values = {
                name: _value(value) if fields is None else fields.get(value, value)
                for name, value in match.groupdict().items()
            }
            return chinese.format(**values)
    if re.search(r"[A-Za-z]{2}", message):
        MISSES.add(message)
    return message


#: ``--years '20x': ...``: the option and value the CLI puts before the core's message.
_FLAGGED = re.compile(r"(?P<flag>--[\w/-]+(?: \S+)?): (?P<rest>.*)", re.DOTALL)


def translate_error(message: str) -> str:
    """An error message in Chinese, line by line: the catalog's template for each, or for
    what follows the option that the CLI names first. A data problem's own detail (a TOML
    path, pydantic's wording) stays as written when the catalog has no template for it."""
    lines = []
    for line in message.split("\n"):
        # "--as-of '2024-02-30': <message>": the message's own template first, before a
        # looser one of the whole line takes the option for a company and a year.
        flagged = _FLAGGED.match(line)
        if flagged is not None and flagged["rest"] in _entries():
            lines.append(f"{flagged['flag']}：{_entries()[flagged['rest']]}")
            continue
        MISSES.discard(line)
        missed = len(MISSES)
        shown = translate_message(line)
        if len(MISSES) > missed or shown == line:
            flagged = _FLAGGED.match(line)
            if flagged is not None:
                MISSES.discard(line)
                shown = f"{flagged['flag']}：{translate_message(flagged['rest'])}"
        lines.append(shown)
    return "\n".join(lines)


def translate_help(text: str) -> str:
    """A command's or an option's help in Chinese, paragraph by paragraph: prose from the
    catalog; examples (indented) as written, since they are commands to type."""
    paragraphs = []
    for paragraph in text.split("\n\n"):
        if paragraph.startswith(" ") or not re.search(r"[A-Za-z]{2}", paragraph):
            paragraphs.append(paragraph)
        elif paragraph.strip() in ("Examples:", "Example:"):
            paragraphs.append("示例：")
        else:
            paragraphs.append(translate(paragraph))
    return "\n\n".join(paragraphs)
