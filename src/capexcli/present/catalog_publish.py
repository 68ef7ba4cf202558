"""The Chinese of the strings of the exports for publishing (issue 26): the chart drawn for a
story, the tables for people, the workbook, and their options and messages."""

from __future__ import annotations

PUBLISH_ZH: dict[str, str] = {
    # capex chart --svg/--png/--html
    "A bar chart of US vs China per comparison year, in the terminal or as an image.": (
        "美国与中国每个比较年份的柱状图，在终端中显示或存为图片。"
    ),
    "--svg and --png draw it for a story (title, unit, ratio, partial years hatched, source and "
    "as-of date); --html puts the same chart on a page with its table.": (
        "--svg 和 --png 把它画成可发表的图（标题、单位、比例、不完整年份加斜线、来源和截至日期）；"
        "--html 把同一张图连同表格放在一个网页上。"
    ),
    "Also save the chart as an SVG image for a story: title, unit, the CN : US ratio, partial "
    "years hatched, source and as-of date (text stays text; nothing loaded from the network).": (
        "另存为可发表的 SVG 图：标题、单位、中 : 美比例、不完整年份加斜线、来源和截至日期"
        "（文字仍是文字；不从网络加载任何内容）。"
    ),
    "Also save the chart as a PNG image (1500 x 900), the same as --svg draws.": (
        "另存为 PNG 图片（1500 x 900），与 --svg 所画相同。"
    ),
    "partial": "不完整",
    "no data": "无数据",
    "capex as % of operating cash flow": "资本开支占经营现金流的百分比",
    "buybacks + dividends as % of capex": "回购 + 分红占资本开支的百分比",
    "partial: the group misses members that year (reported/members)": (
        "不完整：该组当年缺少成员（有数据/成员数）"
    ),
    "Source: the companies' own filings (10-K, 20-F, annual reports) and, where marked, data "
    "sites, as recorded in capex; `capex sources` lists every figure with its document and "
    "status.": (
        "来源：各公司自己的申报文件（10-K、20-F、年报），标明处为数据网站，均记录在 capex 中；"
        "`capex sources` 列出每个数字及其文件和状态。"
    ),
    "Years: {align} alignment.": "年份：按{align}对齐。",
    "USD amounts converted at the FX rates `capex compare` names.": (
        "美元金额按 `capex compare` 列出的汇率换算。"
    ),
    "CNY amounts converted at the FX rates `capex compare` names.": (
        "人民币金额按 `capex compare` 列出的汇率换算。"
    ),
    # --html and Markdown
    "Section {section}": "文章部分 {section}",
    # messages
    "--svg, --png and --html export the table: drop --format/--json": (
        "--svg、--png 和 --html 导出的是表格或图表：去掉 --format/--json"
    ),
    "--png draws a chart: use it with capex chart": "--png 画的是图表：请与 capex chart 一起使用",
    "--png with Chinese text needs a font with Chinese characters (e.g. Noto Sans CJK SC: apt "
    "install fonts-noto-cjk), or use --svg, which the viewer draws in its own fonts": (
        "含中文的 --png 需要带中文字形的字体（例如 Noto Sans CJK SC：apt install "
        "fonts-noto-cjk），或改用 --svg，由查看器用自己的字体显示"
    ),
    "-o {output}: capex does not write {suffix} files; use {written}": (
        "-o {output}：capex 不写 {suffix} 文件；请用 {written}"
    ),
    "--as-of article: the claims file gives no `published` date; give a date, e.g. --as-of "
    "2025-08-01": (
        "--as-of article：论断文件没有 `published` 日期；请给出日期，例如 --as-of 2025-08-01"
    ),
}
