# ruff: noqa: E501 - Chinese text is two columns a character; breaking it mid-phrase reads worse
"""The catalog's entries for messages the core words in English: errors, the method of a
claim, what a metric noted (see catalog.py, :func:`~.catalog.translate_message`)."""

from __future__ import annotations

MESSAGES_ZH: dict[str, str] = {
    # capex update, capex data (update_view.py, cli/data.py)
    "new": "新增",
    "restated": "重述",
    "confirms": "证实",
    "differs": "不符",
    "unchanged": "未变",
    "measure": "项目",
    "what": "结果",
    "data": "数据",
    "filed": "申报",
    "filing (accession, date)": "申报文件（编号、日期）",
    "debt": "偿债",
    "{new} new, {restated} restated, {confirms} confirms, {differs} differs, {unchanged} unchanged": (
        "新增 {new}，重述 {restated}，证实 {confirms}，不符 {differs}，未变 {unchanged}"
    ),
    "Listed in Hong Kong only: read these in the company's reports": (
        "仅在香港上市：请在公司的报告中读取以下各年"
    ),
    "Summary: {counts}": "合计：{counts}",
    "capex or OCF not confirmed: {years}": "资本开支或经营现金流未经确认：{years}",
    "missing {years}": "缺少 {years}",
    "up to date": "已是最新",
    "search HKEXnews by stock code, then: capex import report PDF": (
        "在披露易（HKEXnews）按股份代号搜索，然后运行：capex import report PDF"
    ),
    "dry run, nothing written": "试运行，未写入任何内容",
    "written": "已写入",
    "not changed": "未改动",
    "into: {path} ({state})": "写入：{path}（{state}）",
    "read: {path}": "读取：{path}",
    "note: {note}": "注：{note}",
    "× not written: --force overwrites a figure the filings contradict": (
        "× 未写入：--force 才会覆盖与申报文件不符的数字"
    ),
    "data file: {path} (--data)": "数据文件：{path}（--data）",
    "data file: {path} (CAPEX_DATA)": "数据文件：{path}（CAPEX_DATA）",
    "data file: {path} (your data file; `capex data reset` goes back to the shipped data)": (
        "数据文件：{path}（你自己的数据文件；`capex data reset` 恢复使用自带数据）"
    ),
    "data file: {path} (shipped with capex; `capex update` writes your own copy)": (
        "数据文件：{path}（capex 自带；`capex update` 会写入你自己的副本）"
    ),
    "no company facts for {names}: give --facts FILE or FOLDER, or --download": (
        "{names} 没有公司事实数据：请用 --facts 文件或文件夹，或 --download"
    ),
    "{path}: is the data shipped inside capex's installed package, which capex never writes (a reinstall would lose the edit); write your own data file instead, {user} (`--into` without a path)": (
        "{path}：是 capex 安装包内自带的数据，capex 从不写入（重新安装会丢失修改）；请改为写入你自己的数据文件 {user}（`--into` 不带路径）"
    ),
    "{path}: no data file of yours; capex reads the shipped data": (
        "{path}：没有你自己的数据文件；capex 读取自带数据"
    ),
    "Remove {path}? Your figures in it are lost": "删除 {path}？其中你的数字会丢失",
    "{path}: kept": "{path}：已保留",
    "{path}: removed; capex reads the shipped data again": "{path}：已删除；capex 重新读取自带数据",
    "created your data file {user} from the shipped data {shipped}; capex reads it from now on (`capex data reset` removes it)": (
        "已由自带数据 {shipped} 创建你的数据文件 {user}；此后 capex 读取它（`capex data reset` 可删除）"
    ),
    "{user} does not exist yet: without --dry-run it is created from {path}": (
        "{user} 尚不存在：不加 --dry-run 时将由 {path} 创建"
    ),
    "nothing written for {company}: {reason}": "{company} 未写入任何内容：{reason}",
    "{local} here is not the file capex reads; to use it: --data {local2} (or CAPEX_DATA={local3})": (
        "这里的 {local} 不是 capex 读取的文件；要使用它：--data {local2}（或 CAPEX_DATA={local3}）"
    ),
    "latest annual report: {title}, published {date}": "最新年报：{title}，发布于 {date}",
    "HKEXnews lists no annual report of {code} since {date}": "披露易自 {date} 起没有 {code} 的年报",
    "not checked, no company facts given: {names} (--download fetches them)": (
        "未核对，没有给出公司事实数据：{names}（--download 可下载）"
    ),
    "not removing {path} without asking: add --yes (no terminal to ask on)": (
        "未经确认不删除 {path}：请加 --yes（没有终端可以询问）"
    ),
    # Errors
    "no company matches {name}; did you mean: {suggestions}? (see `capex companies`)": (
        "没有与 {name} 匹配的公司；你是不是要找：{suggestions}？（见 `capex companies`）"
    ),
    "no company matches {name} (see `capex companies`)": (
        "没有与 {name} 匹配的公司（见 `capex companies`）"
    ),
    "no claim {id}; did you mean: {ids}? (see `capex claims`)": (
        "没有编号为 {id} 的论断；你是不是要找：{ids}？（见 `capex claims`）"
    ),
    "no claim {id} (see `capex claims`)": "没有编号为 {id} 的论断（见 `capex claims`）",
    "choose from {choices}": "可选：{choices}",
    "choose {choices}": "可选：{choices}",
    "choose en or zh": "可选：en 或 zh",
    "choose majority or label": "可选：majority 或 label",
    "choose CNY (or RMB) or USD": "可选：CNY（或 RMB）或 USD",
    "unknown field {field}: choose from {choices}": "未知项目 {field}：可选 {choices}",
    "unknown status {status}: choose from {choices}": "未知状态 {status}：可选 {choices}",
    "unknown currency {currency}: choose CNY or USD": "未知币种 {currency}：可选 CNY 或 USD",
    "not a year or a range of years: {spec}; e.g. 2024 or 2020-2024": (
        "不是年份或年份范围：{spec}；例如 2024 或 2020-2024"
    ),
    "year range {spec} runs backwards; try {fix}": "年份范围 {spec} 前后颠倒；请用 {fix}",
    "years {spec}: a year must be between 1900 and 2200": "年份 {spec}：须在 1900 到 2200 之间",
    "not a date: write YYYY-MM-DD, e.g. 2025-08-01": "不是日期：请写成 YYYY-MM-DD，例如 2025-08-01",
    "{group} given twice ({first} and {second}); give each group once": (
        "{group} 给了两次（{first} 和 {second}）；每个组只给一次"
    ),
    "{option} given twice ({first} and {second}); capex would use only the last: give it once": (
        "{option} 给了两次（{first} 和 {second}）；capex 只会用后一个：请只给一次"
    ),
    "standard output is closed; nothing could be printed": "标准输出已关闭；什么也没有输出",
    "cannot write to standard output: {why}": "无法写入标准输出：{why}",
    "standard output's encoding ({encoding}) cannot show {char}; set PYTHONIOENCODING=utf-8 or a UTF-8 locale": (
        "标准输出的编码（{encoding}）无法显示 {char}；请设置 PYTHONIOENCODING=utf-8 或 UTF-8 区域设置"
    ),
    "FX rate {fx}: a CNY per USD rate must be between {low} and 1000, e.g. 7.19": (
        "汇率 {fx}：人民币/美元汇率须在 {low} 到 1000 之间，例如 7.19"
    ),
    "--json and --format {format} disagree: choose one": "--json 与 --format {format} 冲突：只选一个",
    "{path}: no such file": "{path}：文件不存在",
    "{path}: is a directory, not a data file": "{path}：是文件夹，不是数据文件",
    "{path}: cannot read: {reason}": "{path}：无法读取：{reason}",
    "{file}: 1 problem in the data": "{file}：数据中有 1 个问题",
    "{file}: {count} problems in the data": "{file}：数据中有 {count} 个问题",
    "No such option: {name}": "没有这个选项：{name}",
    "No such option: {name} Did you mean {other}?": "没有这个选项：{name}。你是不是要找 {other}？",
    "No such command {name}.": "没有这个命令：{name}。",
    "Missing argument {name}.": "缺少参数 {name}。",
    "Option {name} requires an argument.": "选项 {name} 需要一个值。",
    "Got unexpected extra argument ({arg})": "多余的参数（{arg}）",
    "Got unexpected extra arguments ({args})": "多余的参数（{args}）",
    "Invalid value for {name}: {detail}": "{name} 的值无效：{detail}",
    # What a claim's check did (claims.describe)
    "Cited by the article ({attribution}); the records cannot check it.": (
        "文章引用（{attribution}）；公司数据无法核查。"
    ),
    "Cited by the article; the records cannot check it.": "文章引用；公司数据无法核查。",
    "The article's own numbers: low {low}, high {high}.": "文章自身的数字：下限 {low}，上限 {high}。",
    "The article's own numbers: {expression}.": "文章自身的数字：{expression}。",
    "US group capex / China group capex in {span}, in {currency}.": (
        "{span} 年美国组资本开支 / 中国组资本开支，以 {currency} 计。"
    ),
    "{group} group {fields}, {span}, {currency} millions.": (
        "{group} 组{fields}，{span}，百万 {currency}。"
    ),
    "{group} group {ratio}, {span} (sum over sum).": "{group} 组{ratio}，{span}（合计之比）。",
    "The smallest {to}/{start} capex multiple among the {group} group.": (
        "{group} 组中 {to}/{start} 年资本开支倍数的最小值。"
    ),
    "{company} {fields} in {span}, {currency} millions.": "{company} {span} 年{fields}，百万 {currency}。",
    "{company} ({numerator}) / ({denominator}) in {span}.": (
        "{company} {span} 年（{numerator}）/（{denominator}）。"
    ),
    "Sum of the {group} group's {which} {metric} guidance for {span} ({point} end), {currency} "
    "millions.": "{group} 组各公司{which}的 {span} 年{metric}指引之和（取{point}），百万 {currency}。",
    "{company}'s {which} {metric} guidance for {span}.": "{company} {which}的 {span} 年{metric}指引。",
    "{amount} {source} millions in {currency} at the {span} rate.": (
        "{amount} 百万 {source} 按 {span} 年汇率折合 {currency}。"
    ),
    # What a metric noted, and what it found missing
    "each company-year counts only where it reports both parts of the ratio": (
        "每家公司每年只在比率两部分都有数据时计入"
    ),
    "{company} x{multiple}": "{company} ×{multiple}",
    "{company} gave no upper end; its figure counts at every point": (
        "{company} 未给出上限；各取值点均按其数字计"
    ),
    "{company} FY{year} {field}": "{company} FY{year} {field}",
    "{company}: no {metric} guidance for {year}": "{company}：没有 {year} 年的{metric}指引",
    "{company}: no {metric} guidance": "{company}：没有{metric}指引",
    "no CNY per USD rate for {year} in the data": "数据中没有 {year} 年的人民币/美元汇率",
    "no FX rate to convert {company} FY{year}": "没有可用于换算 {company} FY{year} 的汇率",
}
