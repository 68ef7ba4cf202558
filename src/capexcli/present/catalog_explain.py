# ruff: noqa: E501 - Chinese text is two columns a character; breaking it mid-phrase reads worse
"""The catalog's entries for ``capex explain`` and the selection by comparison year of
``capex sources`` (see catalog.py)."""

from __future__ import annotations

EXPLAIN_ZH: dict[str, str] = {
    # The table
    "{measure} {year}, {group} ({unit}): {value}": "{measure} {year}，{group}（{unit}）：{value}",
    "Operating cash flow": "经营现金流",
    "Shareholder returns (buybacks + dividends)": "股东回报（回购 + 分红）",
    "(partial: {reported} of {members} members; not comparable)": "（不完整：{members} 家中 {reported} 家有数据；不可比较）",
    "Months": "月份",
    "total": "合计",
    "missing": "缺失",
    "no record": "无记录",
    "CN : US {year}: {ratio}": "中 : 美 {year}：{ratio}",
    # Notes
    "The rows add up to the cell of `capex compare`; a member with no figure is left out of it (never counted as zero) and the cell is then [partial].": (
        "各行相加即 `capex compare` 的该单元格；缺少数据的成员不计入（从不按零计），该单元格随之标为 [不完整]。"
    ),
    "FX {year}: {rate} CNY per USD (annual average, {status}). Source: {source}.": (
        "汇率 {year}：{rate} 人民币/美元（年平均，{status}）。来源：{source}。"
    ),
    "{mark} not confirmed in a company's own filing; share of the cell: {shares}.": (
        "{mark} 未在公司自身文件中核实；占该单元格的比例：{shares}。"
    ),
    "Like for like: dropped {dropped}.": "同口径：剔除 {dropped}。",
    "Missing (left out of the cell, never counted as zero): {missing}.": "缺失（未计入该单元格，从不按零计）：{missing}。",
    ', line "{line}"': "，行项目“{line}”",
    # compare: the later years and the default view's footnotes
    "Reported so far, not comparable ({unit}): {waiting}": "目前已申报部分，不可比较（{unit}）：{waiting}",
    "{year}, no capex yet from {missing}": "{year} 年尚无资本开支数据：{missing}",
    "US\ncapex": "美国\n资本开支",
    "CN\ncapex": "中国\n资本开支",
    "US\nreturns": "美国\n股东回报",
    "CN\nreturns": "中国\n股东回报",
    "FX {rate} CNY per USD (--fx).": "汇率 {rate} 人民币/美元（--fx）。",
    "FX: annual average CNY per USD": "汇率：人民币/美元年平均",
    " ({years} not yet confirmed)": "（{years} 尚未核实）",
    ".": "。",
    "Years: {align} alignment ({short}).": "年份：{align}规则（{short}）。",
    "the calendar year with most of a fiscal year's months": "财年计入其月份多数所在的日历年",
    "the year of the fiscal year's own label": "财年按公司自己的财年标签计",
    "[ ] = partial: a member has no figure, so not comparable": "[ ] = 不完整：有成员缺少数据，不可比较",
    " (no capex: {gaps})": "（无资本开支：{gaps}）",
    "; totals add only years complete in both groups.": "；合计只加总两组都完整的年份。",
    "{region} capex {share}": "{region} 资本开支 {share}",
    "{mark} rests partly on figures not confirmed in company filings: {shares}.": (
        "{mark} 部分基于未在公司自身文件中核实的数据：{shares}。"
    ),
    "More: --notes; `capex explain YEAR` lists the companies behind a cell.": (
        "更多：--notes；`capex explain 年份` 列出某个单元格背后的公司。"
    ),
    # company: the headline capex
    "Headline capex = the company's own capex measure as it reports it, wider than the cash-flow basis (Capex); not used in any ratio: {values}. `capex sources {id} --field headline_capex` names the document.": (
        "公司公布的资本开支 = 公司自己公布的资本开支口径，比现金流量表口径（资本开支列）宽；"
        "不用于任何比率：{values}。`capex sources {id} --field headline_capex` 列出所据文件。"
    ),
    "Headline\ncapex": "公司公布的\n资本开支",
    "headline capex": "公司公布的资本开支",
    # sources
    "Chosen by fiscal year (--year): FY is the company's own fiscal year. --comparison-year chooses by the calendar year `capex compare` counts a figure in.": (
        "按财年选取（--year）：财年即公司自己的财年。--comparison-year 按 `capex compare` 计入的日历年选取。"
    ),
    "Chosen by comparison year {years} (--comparison-year): the figures `capex compare` counts in it; FY is each company's own fiscal year.": (
        "按比较年份 {years} 选取（--comparison-year）：`capex compare` 计入该年的数据；财年为各公司自己的财年。"
    ),
    "Only the figures that `capex compare` counts in this calendar year (or span), under --align: Alibaba's FY2025 (to March 2025) is comparison year 2024. FX rates by their year; guidance has none.": (
        "只列 `capex compare` 计入这个日历年（或期间）的数据，按 --align 规则：阿里巴巴 FY2025（截至 2025 年 3 月）的比较年份是 2024。汇率按其年份；指引没有比较年份。"
    ),
    "Only this fiscal year (the company's own label), or a span: 2024, 2020-2024. --comparison-year chooses by the year compare counts a figure in.": (
        "只列这个财年（公司自己的财年标签），或一个期间：2024、2020-2024。--comparison-year 按 compare 计入的年份选取。"
    ),
    # Errors
    "{year} is not a year of the comparison ({span}); choose a year in it or give --years": (
        "{year} 不在比较的年份内（{span}）；请选其中一年或给出 --years"
    ),
    "unknown measure {measure}: choose {choices}": "未知指标 {measure}：可选 {choices}",
    "choose us or cn (or GROUP=A,B to change its members)": "可选 us 或 cn（或用 GROUP=A,B 更换成员）",
    # Help
    "The companies behind one cell of `capex compare`, adding up to it.": (
        "`capex compare` 某个单元格背后的公司，逐行相加即该单元格。"
    ),
    "For each member of the group: the fiscal year counted in YEAR and its months, the value in its own currency, the FX rate, the converted value, its status and the document it was read in. The rows add up to compare's cell; a member with no figure is listed as missing (never as zero) and the cell is then marked partial. A bare `--group us` or `--group cn` shows that group's cell alone; the other options are compare's.": (
        "组内每个成员：计入 YEAR 的财年及其月份、以其自身币种计的数值、汇率、换算后的数值、状态和"
        "读取数据的文件。各行相加即 compare 的单元格；没有数据的成员列为缺失（从不按零计），该单元格"
        "随之标为不完整。只写 `--group us` 或 `--group cn` 则只显示该组的单元格；其他选项与 compare 相同。"
    ),
    "The comparison year of the cell (a row of `capex compare`).": "单元格的比较年份（`capex compare` 的一行）。",
    "Which cell of the year: capex, operating cash flow, or shareholder returns (buybacks + dividends).": (
        "该年的哪个单元格：资本开支、经营现金流，或股东回报（回购 + 分红）。"
    ),
}
