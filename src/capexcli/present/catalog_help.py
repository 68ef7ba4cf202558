# ruff: noqa: E501 - Chinese text is two columns a character; breaking it mid-phrase reads worse
"""The catalog's entries for ``--help``, a paragraph each (see catalog.translate_help);
examples are commands and stay as written."""

from __future__ import annotations

HELP_ZH: dict[str, str] = {
    "Check big-tech AI capex claims with sourced figures: the four US giants (Microsoft, "
    "Alphabet, Meta, Amazon) against seven Chinese ones (Tencent, Alibaba, Baidu, JD.com, "
    "Kuaishou, Meituan, NetEase).": "用有出处的数字核查关于科技巨头 AI 资本开支的论断：美国四大"
    "（Microsoft、Alphabet、Meta、Amazon）对比中国七家（Tencent、Alibaba、Baidu、JD.com、"
    "Kuaishou、Meituan、NetEase）。",
    "Start with `capex check`: the article's headline claims, answered; `capex compare` shows "
    "the two groups year by year, `capex company tencent` one company; add --json for "
    "scripts.": "从 `capex check` 开始：文章主要论断的答案；`capex compare` 逐年显示两组，"
    "`capex company tencent` 显示一家公司；脚本使用时加 --json。",
    "Exit status: 0 ok, 2 bad data/option/name, 1 a bug in capex.": (
        "退出状态：0 成功，2 数据、选项或名称有误，1 capex 自身的错误。"
    ),
    "Environment: CAPEX_DATA (data file), CAPEX_NO_CACHE=1 (compute every run), CAPEX_CACHE_DIR "
    "(where outputs and datasets are cached), NO_COLOR, CAPEX_DEBUG=1 (tracebacks).": (
        "环境变量：CAPEX_DATA（数据文件），CAPEX_NO_CACHE=1（每次都重新计算），CAPEX_CACHE_DIR"
        "（输出和数据集的缓存位置），NO_COLOR，CAPEX_DEBUG=1（显示回溯）。"
    ),
    "Data file to use instead of the shipped one (also: CAPEX_DATA).": (
        "使用这个数据文件代替自带的数据（也可用 CAPEX_DATA）。"
    ),
    "Show the version.": "显示版本。",
    "Install completion for the current shell.": "为当前 shell 安装补全。",
    "Show completion for the current shell, to copy it or customize the installation.": (
        "显示当前 shell 的补全脚本，以便复制或自定义安装。"
    ),
    "Show this message and exit.": "显示本帮助并退出。",
    # compare
    "US vs China group by year: capex, CN : US ratio, capex/OCF, buybacks + dividends.": (
        "美国组与中国组逐年对比：资本开支、中 : 美比例、开支/经营现金流、回购 + 分红。"
    ),
    "For each comparison year: both groups' capex in one currency, the ratio (the article's "
    "1:6, 1:10), capex / operating cash flow, shareholder returns (buybacks + dividends) and "
    "returns / capex; then the totals over the span. Footnotes name the FX rates, the "
    "fiscal-year rule, and every figure that is missing or not confirmed.": (
        "每个比较年份：两组以同一币种计的资本开支、比例（即文章的 1:6、1:10）、资本开支 / 经营"
        "现金流、股东回报（回购 + 分红）和回报 / 资本开支；然后是整个期间的合计。脚注写明汇率、"
        "财年规则，以及每个缺失或未核实的数字。"
    ),
    "Currency of every amount.": "所有金额的币种。",
    "Comparison years, e.g. 2020-2024 or 2024. Default: every year in which both groups have "
    "figures.": "比较年份，例如 2020-2024 或 2024。默认：两组都有数据的每一年。",
    "One CNY-per-USD rate for every year (e.g. 7.3, the article's own), instead of the annual "
    "averages in the data.": "每年都用同一个人民币/美元汇率（例如文章自己用的 7.3），代替数据中的"
    "年平均汇率。",
    "How fiscal years map to calendar years. majority: the calendar year holding most of the "
    "fiscal year's months (Alibaba FY to March 2025 -> 2024). label: the company's own "
    "fiscal-year label (-> 2025).": "财年如何对应日历年。majority：财年大部分月份所在的日历年"
    "（Alibaba 截至 2025 年 3 月的财年 -> 2024）。label：公司自己的财年标签（-> 2025）。",
    "Add to the totals the years in which a group misses members (they stay marked [ ]). "
    "Default: totals add only years complete in both groups.": "把组内缺少成员的年份也加入合计"
    "（仍以 [ ] 标出）。默认：合计只加总两组数据都完整的年份。",
    "Keep in each group only the companies that report capex in every year of the span, so a "
    "trend compares the same companies (the footnotes name those dropped).": (
        "每组只保留期间内每年都有资本开支数据的公司，使趋势比较的是同一批公司（脚注写明剔除了谁）。"
    ),
    "Replace a group's members for this run: us=microsoft,alphabet,meta,amazon,apple (ids, "
    "names, aliases, tickers or Chinese names). Repeatable.": "本次运行替换一个组的成员："
    "us=microsoft,alphabet,meta,amazon,apple（编号、名称、别名、股票代码或中文名）。可重复。",
    "Drop a company from its group for this run (repeatable, or comma-separated).": (
        "本次运行把一家公司从其组中剔除（可重复，或用逗号分隔）。"
    ),
    "Name a group in titles and legends: us='US big five'. Repeatable.": (
        "在标题和图例中给组命名：us='美国五大'。可重复。"
    ),
    "Print one JSON document (for scripts) instead of a table.": (
        "输出一个 JSON 文档（供脚本使用）而不是表格。"
    ),
    "Output format. csv/tsv: raw numbers, one header row; markdown: a GitHub table. Default: "
    "table.": "输出格式。csv/tsv：原始数字，一行表头；markdown：GitHub 表格。默认：table。",
    "Unit of amounts in tables, CSV and Markdown (yi = 亿, 100 million; 万亿 shown for "
    "trillions). JSON stays in millions.": "表格、CSV 和 Markdown 中金额的单位（yi = 亿，即一亿；"
    "万亿以上显示为万亿）。JSON 始终以百万计。",
    "Language of the tables, notes, verdicts and messages. Default: zh when the locale is "
    "Chinese (LC_ALL, LC_MESSAGES or LANG zh_*), else en.": "表格、脚注、结论和提示的语言。"
    "默认：区域设置为中文（LC_ALL、LC_MESSAGES 或 LANG 为 zh_*）时为 zh，否则为 en。",
    "Write to PATH instead of stdout (atomically; an existing file needs --force).": (
        "写入 PATH 而不是标准输出（原子写入；已有文件需要 --force）。"
    ),
    "Replace existing files written by -o/--svg/--html.": "替换 -o/--svg/--html 要写入的已有文件。",
    "Also save the table as SVG (for reports).": "同时把表格保存为 SVG（用于报告）。",
    "Also save the table as HTML.": "同时把表格保存为 HTML。",
    # company, companies
    "One company year by year: every figure, capex / OCF, returns / capex, capex growth.": (
        "一家公司逐年的数据：每个数字、资本开支 / 经营现金流、回报 / 资本开支、资本开支增长。"
    ),
    "Amounts are in the company's reporting currency.": "金额以公司的报告币种计。",
    "Id, name, Chinese name, alias or ticker: tencent, 腾讯, 0700.HK, TCEHY, MSFT.": (
        "编号、名称、中文名、别名或股票代码：tencent、腾讯、0700.HK、TCEHY、MSFT。"
    ),
    "List the companies: region, currency, fiscal-year end and the years covered.": (
        "列出公司：地区、币种、财年截止日和覆盖的年份。"
    ),
    # sources
    "Every number in the data with its source and status: what rests on what.": (
        "数据中每个数字及其来源和状态：什么依据什么。"
    ),
    "Each figure of each fiscal year, each guidance range and each FX rate, with the document "
    "it was read from and how far it is confirmed. `--status unconfirmed` (or aggregator) lists "
    "what still needs checking against a company's own filing.": (
        "每个财年的每个数字、每个指引范围和每个汇率，连同其出处文件和核实程度。"
        "`--status unconfirmed`（或 aggregator）列出仍需对照公司自身文件核实的数字。"
    ),
    "Only this company (id, name, 中文名, alias or ticker). Default: all, with FX.": (
        "只看这家公司（编号、名称、中文名、别名或股票代码）。默认：全部，含汇率。"
    ),
    "Only figures with this status: confirmed, aggregator, derived or unconfirmed. Repeat for "
    "several.": "只看这个状态的数字：confirmed、aggregator、derived 或 unconfirmed。可重复。",
    "Only these kinds of number. Repeat for several. Default: all.": (
        "只看这几类数字。可重复。默认：全部。"
    ),
    "Only these companies (as COMPANY). Repeat, or separate with commas.": (
        "只看这些公司（同 COMPANY）。可重复，或用逗号分隔。"
    ),
    "Only this fiscal year, or a span: 2024, 2020-2024.": "只看这个财年或年份范围：2024、2020-2024。",
    "Only this field: capex, operating_cash_flow, buybacks, dividends, debt_repayment, "
    "capex_proceeds, capex_guidance, total_expenses_guidance, cny_per_usd. Repeat for several.": (
        "只看这个项目：capex、operating_cash_flow、buybacks、dividends、debt_repayment、"
        "capex_proceeds、capex_guidance、total_expenses_guidance、cny_per_usd。可重复。"
    ),
    "One line per item, without the longer texts (sources, claim wording).": (
        "每项一行，不显示较长的文字（来源、论断原文）。"
    ),
    # claims
    "The article's claims, one by one: stated, recomputed from the filings, verdict.": (
        "逐条核查文章的论断：文中数字、根据公司文件重新计算的数字、结论。"
    ),
    "Every quantitative claim of the article is in data/claims.toml. A claim is recomputed from "
    "the company records, checked against the article's own numbers (internal), or listed as "
    "cited when the records cannot check it. Verdicts: holds, close (within twice the "
    "tolerance), fails, cited. Each recomputed claim also shows how its verdict moves with the "
    "two choices the article never states: fiscal-year alignment and the FX rate.": (
        "文章的每条数量论断都在 data/claims.toml 中。论断或根据公司数据重新计算，或与文章自身的"
        "数字核对（内部核对），公司数据无法核查时列为引用。结论：成立、接近（在两倍容差以内）、"
        "不成立、引用。每条重新计算的论断还显示其结论如何随文章未说明的两项口径变化：财年对齐和汇率。"
    ),
    "One claim in full: quote, method, every figure used, sensitivity.": (
        "一条论断的全部内容：原文、方法、所用的每个数字、敏感性。"
    ),
    "Exit 1 if any recomputed claim fails (for scripts).": (
        "任何重新计算的论断不成立时以 1 退出（供脚本使用）。"
    ),
    "Only claims with this verdict: holds, close, fails, cited, unknown or insufficient. "
    "Repeat, or separate with commas.": "只看这个结论的论断：holds、close、fails、cited、unknown "
    "或 insufficient。可重复，或用逗号分隔。",
    "Only claims of this section of the article: intro, 01 ... 05 (1 is 01). Repeat, or "
    "separate with commas.": "只看文章这一节的论断：intro、01 ... 05（1 即 01）。可重复，或用逗号分隔。",
    "Only claims checked this way: recomputed, internal or cited. Repeat, or separate with "
    "commas.": "只看这种核查方式的论断：recomputed、internal 或 cited。可重复，或用逗号分隔。",
    "Claims file to use instead of the shipped one (also: CAPEX_CLAIMS).": (
        "使用这个论断文件代替自带的文件（也可用 CAPEX_CLAIMS）。"
    ),
    # chart, schema, validate, verify, import
    "A bar chart of US vs China per comparison year, for the terminal.": (
        "终端里的柱状图：每个比较年份的美国与中国。"
    ),
    "Two bars per year, scaled to the largest value, with the CN : US ratio for capex. Readable "
    "at 80 columns and without colour (the groups differ by their bar characters).": (
        "每年两根柱，按最大值缩放，资本开支附中 : 美比例。80 列宽、无颜色也能读（两组用不同字符画柱）。"
    ),
    "What to draw: capex in one currency (with the CN : US ratio), capex / operating cash flow, "
    "or shareholder returns / capex.": "画什么：以同一币种计的资本开支（附中 : 美比例）、资本开支 / "
    "经营现金流，或股东回报 / 资本开支。",
    "The JSON Schema of a command's --json output, from the models that produce it.": (
        "一个命令 --json 输出的 JSON Schema，由生成它的模型得出。"
    ),
    "compare, company, companies, claims, sources, chart, validate or verify.": (
        "compare、company、companies、claims、sources、chart、validate 或 verify。"
    ),
    "Check a data file and list every problem with its line and TOML path (exit 2 if any).": (
        "检查数据文件，列出每个问题及其行号和 TOML 路径（有问题时以 2 退出）。"
    ),
    "Warnings (a confirmed figure without an SEC accession number, URL, or HKEX stock code and "
    "date) are listed after the summary; with --strict they are errors.": (
        "警告（已核实的数字没有 SEC 登记号、URL 或港交所股票代码和日期）列在摘要之后；"
        "加 --strict 时视为错误。"
    ),
    "Data file to check. Default: --data, CAPEX_DATA, or the shipped dataset.": (
        "要检查的数据文件。默认：--data、CAPEX_DATA 或自带的数据。"
    ),
    "Treat warnings as errors: exit 2 if a confirmed figure names no document a reader could "
    "find.": "把警告视为错误：已核实的数字没有注明读者能找到的文件时以 2 退出。",
    "Check each figure against the SEC's company facts: match, differs, restated.": (
        "把每个数字与 SEC 的公司事实数据核对：一致、不同、重述。"
    ),
    "For each capex, operating cash flow, buybacks and dividends figure, the SEC's latest "
    "annual (10-K, 20-F) value for the same period and concept, in millions: match, differs "
    "(with the filing's value and accession), restated (another filing of the period gave "
    "another value: listed) or not in facts (e.g. a figure read in an HKEX report). A figure "
    "not marked confirmed that matches is listed as promotable. Exit 1 if a confirmed figure "
    "differs, 2 for bad input.": (
        "对每个资本开支、经营现金流、回购和分红数字，取 SEC 同一期间、同一概念的最新年报"
        "（10-K、20-F）数值，以百万计：一致、不同（附文件的数值和登记号）、重述（该期间另一份文件"
        "给出另一个数值：一并列出）或不在事实数据中（例如取自港交所报告的数字）。未标为已核实但"
        "一致的数字列为可升级。已核实的数字不同时以 1 退出，输入有误时以 2 退出。"
    ),
    "Companies to check (id, name, alias or ticker). Default: every company a --facts file is "
    "given for.": "要核对的公司（编号、名称、别名或股票代码）。默认：给出 --facts 文件的每家公司。",
    "An SEC company-facts JSON file (data.sec.gov/api/xbrl/companyfacts/). ID=FILE says whose; "
    "a bare FILE is matched by its entityName against the companies' names and aliases, else "
    "by its CIK. Repeat for several companies.": (
        "SEC 公司事实 JSON 文件（data.sec.gov/api/xbrl/companyfacts/）。ID=FILE 指明属于谁；"
        "只给 FILE 时按其 entityName 与公司名称和别名匹配，否则按其 CIK。多家公司可重复。"
    ),
    "Fetch the company facts of each company (by its ticker among the dataset's SEC filers) "
    "from data.sec.gov, with the rules of `capex import sec`: a User-Agent (--user-agent or "
    "CAPEX_SEC_USER_AGENT), at most 10 requests a second, --timeout.": (
        "从 data.sec.gov 下载每家公司的事实数据（按数据集中 SEC 申报公司的股票代码），规则同 "
        "`capex import sec`：需要 User-Agent（--user-agent 或 CAPEX_SEC_USER_AGENT），每秒最多 "
        "10 次请求，--timeout。"
    ),
    "Who is asking, as the SEC requires (also: CAPEX_SEC_USER_AGENT).": (
        "按 SEC 要求说明请求者身份（也可用 CAPEX_SEC_USER_AGENT）。"
    ),
    "Give up on one download after.": "单次下载超过这个时间即放弃。",
    "Bring figures in from filings: `capex import sec` reads SEC XBRL company facts.": (
        "从公司文件导入数字：`capex import sec` 读取 SEC XBRL 公司事实数据。"
    ),
    "Read annual cash-flow figures from SEC XBRL company facts into capex records.": (
        "从 SEC XBRL 公司事实数据中读取年度现金流数字，转为 capex 的记录。"
    ),
    # --as-of, --first-reported and versions
    "Amounts are in the company's reporting currency. A value that a later filing restated is "
    "marked, with the earlier value and the filings; --as-of DATE shows the figures as they had "
    "been filed by DATE.": "金额以公司的报告币种计。被后来的申报重述的数值会标出，并附旧值和相关申报；"
    "--as-of 日期 显示截至该日已申报的数字。",
    "Check the claims against the figures as filed on or before DATE (YYYY-MM-DD), or by the "
    "article's date (`article`); each claim then shows where today's filings move it. Default: "
    "the latest filings.": "按该日期（YYYY-MM-DD）或之前申报的数字核查论断，或按文章发表日"
    "（`article`）；每条论断同时显示最新申报会如何改变它。默认：最新申报。",
    "Each figure of each fiscal year, each guidance range and each FX rate, with the document it "
    "was read from and how far it is confirmed. `--status unconfirmed` (or aggregator) lists "
    "what still needs checking against a company's own filing. A figure that a later filing "
    "restated lists every filed version (--json: `versions`).": "每个财年的每个数字、每条指引和每个"
    "汇率，附其出处文件和核实程度。`--status unconfirmed`（或 aggregator）列出仍需对照公司自身"
    "文件核查的数字。被后来的申报重述的数字列出每一次申报的数值（--json：`versions`）。",
    "Each figure's first filed value, before any restatement.": "每个数字首次申报的数值（任何重述之前）。",
    "Figures as filed on or before DATE (YYYY-MM-DD): each figure's last version by then; a "
    "figure first filed later is left out. Default: the latest filings.": "按该日期（YYYY-MM-DD）"
    "或之前申报的数字：每个数字取届时最后一次申报的数值；之后才首次申报的数字不计入。默认：最新申报。",
    # exports and checks (#17)
    "Also save a standalone HTML page: the tables as HTML tables, the notes, and the chart as "
    "inline SVG (nothing loaded from the network).": "另存为独立的 HTML 页面：表格为 HTML 表格，"
    "附说明，图表为内嵌 SVG（不从网络加载任何内容）。",
    "Also save the table as the terminal shows it, as SVG (for reports; as wide as the table, "
    "nothing loaded from the network).": "另存为终端所示表格的 SVG（用于报告；宽度与表格相同，"
    "不从网络加载任何内容）。",
    "CSV/TSV: start with a UTF-8 byte order mark, so Excel shows Chinese names correctly.": (
        "CSV/TSV：以 UTF-8 字节顺序标记开头，使 Excel 正确显示中文名称。"
    ),
    "Treat warnings as errors: exit 1 if a confirmed figure names no document a reader could "
    "find.": "把警告当作错误：若已核实的数字没有注明读者能找到的文件，退出状态为 1。",
    "Warnings (a confirmed figure without an SEC accession number, URL, or HKEX stock code and "
    "date) are listed after the summary; with --strict any warning makes the check fail (exit 1), "
    "like `claims --strict`.": "警告（已核实的数字没有 SEC 登记号、网址或港交所股票代码和日期）"
    "列在摘要之后；加 --strict 时任何警告都使检查失败（退出状态 1），与 `claims --strict` 相同。",
    "Write to PATH instead of stdout (atomically; an existing file needs --force). Its extension "
    "chooses the format: .csv .tsv .md .json .xlsx (else a table).": "写入 PATH 而非标准输出"
    "（原子写入；已存在的文件需要 --force）。扩展名决定格式：.csv .tsv .md .json .xlsx（其他为表格）。",
    "table, json, csv, tsv, markdown or xlsx. csv/tsv: one header row, raw numbers; markdown: a "
    "GitHub table per section, then the notes; xlsx: a workbook (needs -o). Default: what the -o "
    "file's extension says, else table.": "table、json、csv、tsv、markdown 或 xlsx。csv/tsv：一行"
    "表头，原始数字；markdown：每节一个 GitHub 表格，之后是说明；xlsx：工作簿（需要 -o）。"
    "默认：按 -o 文件的扩展名，否则为表格。",
}
