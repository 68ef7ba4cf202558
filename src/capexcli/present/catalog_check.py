"""The Chinese of `capex check` and of the claims' readings, bounds and groups (part of the
one catalog: see :mod:`capexcli.present.catalog`)."""

from __future__ import annotations

CHECK_ZH: dict[str, str] = {
    # capex check
    "China's capex was 1:{first:.1f} of the US group's in {y0} and 1:{last:.1f} in {y1} (the "
    "same {us} US and {cn} Chinese companies in every year)": "中国的资本开支在 {y0} 年是美国组的 "
    "1:{first:.1f}，{y1} 年是 1:{last:.1f}（每年都是同样的 {us} 家美国公司和 {cn} 家中国公司）",
    "The data cannot compare {y0} with {y1}": "数据无法比较 {y0} 年与 {y1} 年",
    "; ": "；",
    "of the article's {total} headline claims, {holds} hold, {close} are close, {fails} fail "
    "and {open} cannot be decided on the data.": "文章 {total} 条主要论断中，成立 {holds} 条，"
    "接近 {close} 条，不成立 {fails} 条，{open} 条按现有数据无法判断。",
    "Article → filings": "文章 → 公司文件",
    " · {share:.0%} unconfirmed": " · {share:.0%} 未经公司文件确认",
    "a forecast the filings have overtaken: {actual}": "预测已被公司文件超过：{actual}",
    "see `capex claims {id}`": "见 `capex claims {id}`",
    "{align} alignment, FX {fx}; `capex claims ID`: a claim in full, every reading.": (
        "{align}对齐，汇率 {fx}；`capex claims ID`：论断全文及每种读法。"
    ),
    "Groups: {scope}.": "分组：{scope}。",
    "annual": "年平均",
    # The claims ledger and detail
    "The article against its own numbers (not a check of the filings)": (
        "文章与其自身数字的核对（不是对公司文件的核查）"
    ),
    "consistent": "一致",
    "inconsistent": "不一致",
    "Bounds:": "范围：",
    "Forecast:": "预测：",
    "Readings:": "读法：",
    "Groups:": "分组：",
    "Decided on part of a group (no value of the missing figures within their bounds turns "
    "the verdict; each claim's detail shows the bounds): {ids}.": "按组内部分公司已可判断（缺失"
    "数字在其范围内的任何取值都不改变结论；各论断的详情列出范围）：{ids}。",
    "intro": "引言",
    "Forecasts the filings have overtaken (the actual went past the number forecast): {ids}.": (
        "已被公司文件超过的预测（实际数字超过了预测的数字）：{ids}。"
    ),
    "a forecast the filings have overtaken: {actual} against the {stated} forecast": (
        "预测已被公司文件超过：实际 {actual}，预测 {stated}"
    ),
    "{label}: without {ids}": "{label}：不含 {ids}",
    "{id} group: {label}": "{id} 组：{label}",
    "like for like": "同口径",
    # Bounds
    "each missing figure from zero to {multiple:g} times the largest its company (or, lacking "
    "any, its group) reports": "每个缺失数字取零到其公司（若无，则其组当年）所报最大值的 "
    "{multiple:g} 倍",
    "{verdict} whatever {who}": "无论{who}为多少，均{verdict}",
    "{verdict} whatever {who}: {low} to {high} ({rule})": (
        "无论{who}为多少，均{verdict}：{low} 至 {high}（{rule}）"
    ),
    "depends on {who}: {low} to {high}, across the verdict ({rule})": (
        "取决于{who}：{low} 至 {high}，跨越结论界线（{rule}）"
    ),
    "depends on {who}: {where}": "取决于{who}：{where}",
    "depends on {who}: {where}, of 0 to {total} ({rule})": (
        "取决于{who}：{where}，范围 0 至 {total}（{rule}）"
    ),
    "holds below {x}": "低于 {x} 时成立",
    "holds above {x}": "高于 {x} 时成立",
    "holds at {a}-{b}": "在 {a}-{b} 之间成立",
    "holds if they total below {x}": "合计低于 {x} 时成立",
    "holds if they total above {x}": "合计高于 {x} 时成立",
    "holds if they total {a} to {b}": "合计在 {a} 至 {b} 之间时成立",
    # Readings
    "the standard reading reproduces it ({n} readings tried)": (
        "标准读法即可得出（尝试了 {n} 种读法）"
    ),
    "reproduced by {choices} ({value})": "可由以下读法得出：{choices}（{value}）",
    "reproduced by {choices} ({value}); {count} of the {n} readings tried reproduce it": (
        "可由以下读法得出：{choices}（{value}）；尝试的 {n} 种读法中有 {count} 种能得出"
    ),
    "no reading of the {n} tried reproduces it": "尝试的 {n} 种读法都得不出",
    "no reading of the {n} tried reproduces it ({families})": (
        "尝试的 {n} 种读法都得不出（{families}）"
    ),
    "; {n} match only with more than two departures (coincidence risk)": (
        "；{n} 种只有偏离两处以上才吻合（可能是巧合）"
    ),
    "Readings that match {stated} ({n} tried, fewest departures first)": (
        "与 {stated} 吻合的读法（共尝试 {n} 种，偏离最少的在前）"
    ),
    "{k}. {value}, {departures} departure(s), {mark}: {choices}": (
        "{k}. {value}，偏离 {departures} 处，{mark}：{choices}"
    ),
    "reproduces": "可得出",
    "coincidence risk": "可能是巧合",
    "{n} figures (listed in --json)": "{n} 个数字（见 --json）",
    "all from: {document}": "均来自：{document}",
    ", ": "、",
    "alignment": "对齐",
    "fx": "汇率",
    "span": "年份范围",
    "scope": "范围内公司",
    "definition": "定义",
    "label alignment": "财年标签对齐",
    "majority alignment": "多数月份对齐",
    "majority alignment, ties to the start year": "多数月份对齐，6:6 时计入开始年份",
    "each fiscal year in the year it starts": "各财年计入其开始年份",
    "each fiscal year in the year it ends": "各财年计入其结束年份",
    "FX {rate}": "汇率 {rate}",
    "FX: annual averages": "汇率：年平均",
    "span {first}-{last}": "年份 {first}-{last}",
    "year {year}": "{year} 年",
    "{first} to {last}": "{first} 至 {last}",
    "without {company}": "不含 {company}",
    "{company} capex net of proceeds": "{company} 资本开支，扣除出售所得",
    "{company} {words} ({years})": "{company} {words}（{years}）",
    "capex: property line": "资本开支：物业项目",
    "capex with intangibles": "资本开支含无形资产",
    "capex with land use rights": "资本开支含土地使用权",
    "capex with intangibles and land use rights": "资本开支含无形资产和土地使用权",
    "headline capex": "标题资本开支",
    "debt repayments": "偿还债务",
    "dividends to non-controlling interests": "向非控制性权益派付的股息",
    "{parts}, net of new borrowing": "{parts}，扣除新增借款",
    "the financing section's net outflow": "融资活动现金净流出",
    "the financing section's net outflow without '{line}'": "融资活动现金净流出，不含“{line}”",
    # capex check --help
    "Is the article right? Its headline claims on one screen: the answer first.": (
        "文章说得对吗？一屏看完其主要论断：先给答案。"
    ),
    "Opens with the China:US capex ratio at both ends of the article's span, like for like "
    "(the same companies in every year), then a row per headline claim: what the article "
    "says, what the filings give (a range, with the readings named, where alignment or FX "
    "turns the verdict), the verdict, and one line of why: the reading that reproduces the "
    "article's number, or how many were tried; for a group missing members, whether their "
    "figures could turn the verdict. `capex claims ID` shows any claim in full.": (
        "先给出文章所涉期间首尾两年的中美资本开支比（同口径：每年都是同样的公司），然后每条主要"
        "论断一行：文章怎么说、公司文件给出什么（若对齐或汇率会改变结论，则给出范围并注明读法）、"
        "结论，以及一行原因：能得出文章数字的读法，或尝试了多少种读法；组内缺少成员时，说明其"
        "数字能否改变结论。`capex claims ID` 显示任一论断的全文。"
    ),
    "Answer on the figures as filed on or before DATE (YYYY-MM-DD), or by the article's date "
    "(`article`). Default: the latest filings.": (
        "按 DATE（YYYY-MM-DD）当天或之前提交的数字作答，或按文章的日期（`article`）。默认：最新的"
        "公司文件。"
    ),
}
