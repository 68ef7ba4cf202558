# ruff: noqa: E501 - Chinese text is two columns a character; breaking it mid-phrase reads worse
"""The catalog's entries for the listings, one claim in full, the chart, validate and verify
(see catalog.py)."""

from __future__ import annotations

DETAIL_ZH: dict[str, str] = {
    "(continued)": "（续）",
    # Fields, statuses, kinds and choices, as the tables name them
    "capex": "资本开支",
    "operating cash flow": "经营现金流",
    "buybacks": "回购",
    "dividends": "分红",
    "debt repayment": "偿还债务",
    "capex proceeds": "资产处置收回",
    "capex guidance": "资本开支指引",
    "total expenses guidance": "总支出指引",
    "cny per usd": "人民币/美元汇率",
    "shareholder returns": "股东回报",
    "total expenses": "总支出",
    "capex to ocf": "资本开支/经营现金流",
    "returns to capex": "股东回报/资本开支",
    "confirmed": "已核实",
    "derived": "推算",
    "aggregator": "数据网站",
    "unconfirmed": "未核实",
    "override": "指定",
    "recomputed": "重新计算",
    "internal": "内部核对",
    "majority": "多数月份",
    "label": "财年标签",
    "latest": "最新",
    "earliest": "最早",
    "low": "下限",
    "mid": "中值",
    "high": "上限",
    # company
    "Capex basis, every year: {label} ({lines}).": "资本开支口径（各年相同）：{label}（{lines}）。",
    "Capex: {definition}": "资本开支：{definition}",
    "Capex net of proceeds from property and equipment sales and incentives (recorded beside "
    "the gross line): {net}.": "扣除物业和设备出售及激励收回款后的资本开支（与总额并列记录）："
    "{net}。",
    "Restated: {field} FY{year} is {current} in the latest filing; {filed} gave {value}.": (
        "重述：{field} FY{year} 在最新文件中为 {current}；{filed} 曾报 {value}。"
    ),
    "Compared as: {moved} ({align} alignment: {rule}).": "比较时计入：{moved}（{rule_zh}）。",
    "{mark} not confirmed in the company's own filing: {parts}.": (
        "{mark} 未在公司自身文件中核实：{parts}。"
    ),
    # companies
    "Fiscal years: those with a record in the data.": "财年：数据中有记录的年份。",
    # sources
    "Sources: every number in the data": "来源：数据中的每个数字",
    "No numbers match.": "没有符合条件的数字。",
    "{count} numbers: {summary}. Values in millions of the currency shown; FX in CNY per USD.": (
        "共 {count} 个数字：{summary}。金额单位为所示币种的百万；汇率为每美元兑人民币。"
    ),
    "confirmed = read in the company's own document, which the source names; derived = "
    "arithmetic on such figures (see the note in --json); aggregator = a third-party data site "
    "or report; unconfirmed = no source could back it (the note says why).": (
        "已核实 = 取自公司自身文件（来源中注明）；推算 = 对这类数字的算术（见 --json 中的说明）；"
        "数据网站 = 第三方数据网站或报道；未核实 = 找不到来源支持（说明中写明原因）。"
    ),
    "{company} {year} {field}: {value} {currency}, {status}": (
        "{company} {year} {field}：{value} {currency}，{status}"
    ),
    # claims listing and one claim
    "Showing {shown} of {total} claims.": "显示 {total} 条中的 {shown} 条。",
    "{id}: {stated} -> {recomputed}, {verdict}": "{id}：{stated} -> {recomputed}，{verdict}",
    "{id} · section {section} · {kind} · ": "{id} · 第 {section} 节 · {kind} · ",
    "Stated:": "文中数字：",
    "Recomputed:": "重新计算：",
    "Latest:": "最新申报：",
    "Tolerance:": "容差：",
    "Method:": "方法：",
    "Attributed:": "出处：",
    "Why:": "说明：",
    "Partial:": "不完整：",
    "Missing:": "缺失：",
    "{groups} (a group misses these members: Bounds says whether they could turn the "
    "verdict)": "{groups}（组内缺少这些成员：见“范围”，说明它们能否改变结论）",
    "{missing} (add them to the data to complete it)": "{missing}（补入数据即可完整计算）",
    "Sensitivity: the two choices the article does not state": "敏感性：文章未说明的两项口径",
    "Alignment": "财年对齐",
    "FX (CNY per USD)": "汇率（人民币/美元）",
    # chart
    "Capex / operating cash flow: US vs China": "资本开支 / 经营现金流：美国 vs 中国",
    "Shareholder returns / capex: US vs China": "股东回报 / 资本开支：美国 vs 中国",
    "{us_bar} US ({us})   {cn_bar} China ({cn})": "{us_bar} 美国（{us} 家）   {cn_bar} 中国（{cn} 家）",
    "{legend} · years: {align} alignment (see capex compare)": (
        "{legend} · 年份：按{align}对齐（见 capex compare）"
    ),
    "like for like: the same companies every year; dropped: {dropped}": (
        "同口径：每年相同的公司；剔除：{dropped}"
    ),
    "[ ] = partial: the group misses members that year (reported/members), so the bars and the "
    "ratio are not comparable": "[ ] = 不完整：该组当年缺少成员（有数据/成员数），柱形和比例不可比较",
    # validate
    "{file}: valid: {companies} companies, {years} fiscal years, {figures} figures "
    "({confirmed} confirmed), {fx} FX rates": (
        "{file}：有效：{companies} 家公司，{years} 个财年，{figures} 个数字（已核实 {confirmed} 个），"
        "{fx} 个汇率"
    ),
    "{count} warning (--strict makes them errors):": "{count} 条警告（--strict 视为错误）：",
    "{count} warnings (--strict makes them errors):": "{count} 条警告（--strict 视为错误）：",
    # compare, inside the footnotes
    "{year} {region} {reported}/{members} (no capex: {missing})": (
        "{year} {region} {reported}/{members}（无资本开支：{missing}）"
    ),
    "capex and CN : US": "资本开支和中 : 美",
    "capex/OCF": "开支/现金流",
    "returns": "股东回报",
    "returns/capex": "回报/开支",
    "OCF": "经营现金流",
    "none": "无",
    "total {years}": "合计 {years}",
    "total: none": "合计：无",
    "FX: {rate} CNY per USD for every year (--fx).": "汇率：每年均按 {rate} 人民币/美元（--fx）。",
    "{series} (each year's release: `capex compare --json`, fx[].source)": (
        "{series}（各年发布：`capex compare --json`，fx[].source）"
    ),
    "{count} of {total} figures ({detail})": "{total} 个数字中 {count} 个（{detail}）",
    # verify
    "SEC company facts:": "SEC 公司事实数据：",
    "{form} {accession} filed {date}": "{form} {accession}，{date} 提交",
    "{figure}{flag}: data {value}, filed {filed}": "{figure}{flag}：数据 {value}，文件 {filed}",
    "earlier {value}: {filing}": "此前 {value}：{filing}",
    "{match} match, {differs} differ, {restated} restated, {absent} not in facts, {promotable} "
    "promotable": "一致 {match}，不同 {differs}，重述 {restated}，不在事实数据中 {absent}，"
    "可升级 {promotable}",
    "Differ:": "不同：",
    "Restated:": "重述：",
    "Match:": "一致：",
    "Match (* not confirmed in the data: promotable):": "一致（* 数据中未核实：可升级）：",
    "of which nil, the period's annual filings having no such line:": (
        "其中为零的：该期间年报中没有这一项："
    ),
    "Not in facts:": "不在事实数据中：",
    "{count} confirmed figure(s) differ from the filings: exit 1": (
        "{count} 个已核实的数字与文件不同：以 1 退出"
    ),
}
