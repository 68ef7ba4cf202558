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
    "scripts, --lang zh (before or after the command) for Chinese.": "从 `capex check` 开始："
    "文章主要论断的答案；`capex compare` 逐年显示两组，`capex company tencent` 显示一家公司；"
    "脚本使用时加 --json，中文输出加 --lang zh（放在命令前后均可）。",
    "Exit status: 0 success; 1 a check you asked for failed (claims --strict, validate "
    "--strict, verify); 2 bad input or usage (data file, option, name); 74 the output "
    "could not be written (stdout closed, full or unable to encode it); 70 an internal "
    "error, a bug in capex (CAPEX_DEBUG=1 shows the traceback). With --json, every error "
    "is a JSON object on stderr (capex schema error).": "退出状态：0 成功；1 你要求的检查未通过"
    "（claims --strict、validate --strict、verify）；2 输入或用法有误（数据文件、选项、名称）；"
    "74 无法写出输出（标准输出已关闭、已满或无法编码）；70 内部错误，即 capex 自身的缺陷"
    "（CAPEX_DEBUG=1 显示回溯）。使用 --json 时，每个错误都以 JSON 对象输出到 stderr"
    "（capex schema error）。",
    "Environment: CAPEX_DATA (data file), CAPEX_NO_CACHE=1 (compute every run), CAPEX_CACHE_DIR "
    "(where outputs and datasets are cached), NO_COLOR, CAPEX_DEBUG=1 (tracebacks).": (
        "环境变量：CAPEX_DATA（数据文件），CAPEX_NO_CACHE=1（每次都重新计算），CAPEX_CACHE_DIR"
        "（输出和数据集的缓存位置），NO_COLOR，CAPEX_DEBUG=1（显示回溯）。"
    ),
    "Data file to use instead of the shipped one (also: CAPEX_DATA).": (
        "使用这个数据文件代替自带的数据（也可用 CAPEX_DATA）。"
    ),
    "Also say, on stderr, which data file is read and why.": "同时在 stderr 上说明读取哪个数据文件及原因。",
    # update
    "Bring every company up to date from its filings: new, restated, confirms, differs.": (
        "用申报文件把每家公司更新到最新：新增、重述、证实、不符。"
    ),
    "For each company with an SEC filer among its aliases, its company facts (--facts files, "
    "or --download) against the data, from its first fiscal year in the data on: new (a year "
    "or measure the data lacks), restated (a later filing changed the data's value: written, "
    "the old value kept as a version), confirms (a figure not marked confirmed that the filing "
    "matches: promoted, citing the filing), differs (no filing gave the data's value: shown, "
    "left alone unless --force), unchanged (counted). Each written figure cites its filing's "
    "accession number and date. For a company listed in Hong Kong only: the fiscal years whose "
    "results are due and missing, and HKEXnews's search page (then: capex import report).": (
        "对别名中有 SEC 申报主体的每家公司，用其公司事实（--facts 文件，或 --download）与数据对照，"
        "从数据中该公司的第一个财年起：新增（数据缺少的年份或项目）、重述（后来的申报改动了数据中的值："
        "写入，旧值保留为版本）、证实（未标为已确认、与申报一致的数字：升为已确认并引用申报）、"
        "不符（没有任何申报给出数据中的值：列出，除非 --force 否则不改）、未变（计数）。每个写入的数字"
        "引用其申报的编号和日期。对仅在香港上市的公司：列出已到期而缺少的财年，以及披露易的搜索页"
        "（之后用 capex import report）。"
    ),
    "The data file read and the one written are named; without --into that is your own data "
    "file, created from the shipped data on the first write.": (
        "会注明读取和写入的数据文件；不加 --into 时写入你自己的数据文件，首次写入时由自带数据创建。"
    ),
    "Companies to update (id, name, alias or ticker). Default: all.": (
        "要更新的公司（编号、名称、别名或股票代码）。默认：全部。"
    ),
    "Saved SEC company facts: a file (ID=FILE says whose), or a folder of them, matched to "
    "companies by name or CIK. Repeat for several.": (
        "已保存的 SEC 公司事实：一个文件（ID=FILE 指明是哪家公司），或装有这类文件的文件夹，"
        "按名称或 CIK 对应到公司。可重复使用。"
    ),
    "Fetch the company facts of each SEC filer from data.sec.gov, with the rules of `capex "
    "import sec` (User-Agent from --user-agent or CAPEX_SEC_USER_AGENT).": (
        "从 data.sec.gov 下载每个 SEC 申报主体的公司事实，规则同 `capex import sec`"
        "（User-Agent 取自 --user-agent 或 CAPEX_SEC_USER_AGENT）。"
    ),
    "Read and write this data file. Default: the data file in use (--data, CAPEX_DATA or your "
    "own, created from the shipped data on the first write).": (
        "读取并写入这个数据文件。默认：当前使用的数据文件（--data、CAPEX_DATA 或你自己的，"
        "首次写入时由自带数据创建）。"
    ),
    "Show what would change; write nothing.": "显示将会改动什么；不写入任何内容。",
    "For the Hong Kong companies with years missing or not confirmed: find the latest annual "
    "report on HKEXnews (its undocumented title search) and show its address for `capex import "
    "report`.": (
        "对缺少年份或数字未经确认的香港公司：在披露易（其未公开说明的标题搜索）上查找最新年报，"
        "并显示其地址，供 `capex import report` 使用。"
    ),
    "Also overwrite figures the filings contradict (the old value is kept as a version where "
    "the dates allow).": "也覆盖与申报不符的数字（日期允许时旧值保留为版本）。",
    # data
    "Your own data file: `capex data path` prints the file capex reads, `capex data reset` "
    "removes your file so that capex reads the shipped data again.": (
        "你自己的数据文件：`capex data path` 显示 capex 读取的文件，`capex data reset` "
        "删除你的文件，使 capex 重新读取自带数据。"
    ),
    "Print the data file capex reads, and on stderr why that one.": (
        "显示 capex 读取的数据文件，并在 stderr 上说明为什么是它。"
    ),
    "--data wins, then CAPEX_DATA, then your own data file (under $XDG_DATA_HOME/capex, "
    "~/.local/share/capex by default) when it exists, else the data shipped with capex.": (
        "优先 --data，其次 CAPEX_DATA，再次是你自己的数据文件（在 $XDG_DATA_HOME/capex 下，"
        "默认 ~/.local/share/capex），如果存在；否则是 capex 自带的数据。"
    ),
    "Remove your own data file, after asking, so that capex reads the shipped data again.": (
        "确认后删除你自己的数据文件，使 capex 重新读取自带数据。"
    ),
    "Your figures in it are lost: copy the file first to keep them (capex data path). Without "
    "a terminal to ask on, --yes is required.": (
        "其中你的数字会丢失：要保留请先复制该文件（capex data path）。没有终端可以询问时须加 --yes。"
    ),
    "Do not ask (needed without a terminal).": "不询问（没有终端时必须）。",
    # import
    "Merge into this data file (needs --company) instead of printing TOML. --into without a "
    "PATH (or --into -): the data file in use, your own (created from the shipped data on the "
    "first write).": (
        "合并进这个数据文件（需要 --company），而不是打印 TOML。--into 不带路径（或 --into -）："
        "当前使用的数据文件，即你自己的（首次写入时由自带数据创建）。"
    ),
    "An annual report or results announcement, as published on HKEXnews: a saved PDF, or its "
    "https address on www1.hkexnews.hk (downloaded, then read the same way; the address becomes "
    "the document's URL unless --url).": (
        "在披露易（HKEXnews）发布的年报或业绩公告：已保存的 PDF，或它在 www1.hkexnews.hk 上的 "
        "https 地址（下载后同样读取；除非给出 --url，该地址即文件的 URL）。"
    ),
    "With a URL: give up on the download after (the whole of it).": (
        "给出 URL 时：下载（整体）超过这个时间即放弃。"
    ),
    "Given an address instead of a file: downloaded from HKEXnews only (https on "
    "www1.hkexnews.hk or www.hkexnews.hk, redirects only there, at most 200 MiB, --timeout), "
    "then read as a saved file.": (
        "给出地址而不是文件时：只从披露易下载（www1.hkexnews.hk 或 www.hkexnews.hk 上的 https，"
        "只跟随到那里的重定向，最多 200 MiB，--timeout），然后按已保存的文件读取。"
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
    "returns / capex; then the totals over the span. The table runs to the latest year both "
    "groups have filed; a later year only some members have reported stands apart. The "
    "footnotes say what is partial and what is not confirmed; --notes adds the FX rates, the "
    "fiscal-year rule in full and every missing figure.": (
        "每个比较年份：两组以同一币种计的资本开支、比例（即文章的 1:6、1:10）、资本开支 / 经营"
        "现金流、股东回报（回购 + 分红）和回报 / 资本开支；然后是整个期间的合计。表格截至两组都"
        "已申报的最近一年；只有部分成员申报的更晚年份单独列出。脚注说明哪些不完整、哪些未核实；"
        "--notes 另列汇率、完整的财年规则和每个缺失的数字。"
    ),
    "Every footnote: the FX rates and their source, each partial group-year, what each total "
    "adds, the status counts and every missing figure. Default: the few a reader needs.": (
        "列出全部脚注：汇率及其来源、每个不完整的组-年、每项合计加总了什么、各状态的数量和每个"
        "缺失的数字。默认：只列读者需要的几条。"
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
    "names, aliases, tickers or Chinese names). Repeatable. explain: a bare us or cn shows that "
    "group's cell alone.": "本次运行替换一个组的成员："
    "us=microsoft,alphabet,meta,amazon,apple（编号、名称、别名、股票代码或中文名）。可重复。"
    "explain：只写 us 或 cn 则只显示该组的单元格。",
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
    "Id, name, Chinese name, alias or ticker: tencent, 腾讯, 0700.HK, TCEHY, MSFT. Several "
    "names show each company in turn.": (
        "编号、名称、中文名、别名或股票代码：tencent、腾讯、0700.HK、TCEHY、MSFT。"
        "给出多个名称时逐一显示每家公司。"
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
    "Only this field: capex, operating_cash_flow, buybacks, dividends, debt_repayment, "
    "capex_proceeds, headline_capex, capex_guidance, total_expenses_guidance, cny_per_usd. "
    "Repeat for several.": (
        "只看这个项目：capex、operating_cash_flow、buybacks、dividends、debt_repayment、"
        "capex_proceeds、headline_capex、capex_guidance、total_expenses_guidance、cny_per_usd。"
        "可重复。"
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
    "Data file to check. Default: --data, CAPEX_DATA, your data file, or the shipped dataset "
    "(named on stderr).": "要检查的数据文件。默认：--data、CAPEX_DATA、你自己的数据文件或自带数据集（在 stderr 上注明）。",
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
    "Bring figures in from filings: `capex import sec` reads SEC XBRL company facts, `capex "
    "import report` a Hong Kong annual report or results announcement (PDF).": (
        "从公司文件导入数字：`capex import sec` 读取 SEC XBRL 公司事实数据，`capex import report` "
        "读取香港上市公司的年报或业绩公告（PDF）。"
    ),
    "Read annual cash-flow figures from SEC XBRL company facts into capex records.": (
        "从 SEC XBRL 公司事实数据中读取年度现金流数字，转为 capex 的记录。"
    ),
    # --as-of, --first-reported and versions
    "Amounts are in the company's reporting currency. A value that a later filing restated is "
    "marked, with the earlier value and the filings; --as-of DATE shows the figures as they had "
    "been filed by DATE. Several names: one table each (--json: a list, see `capex schema "
    "company-list`).": "金额以公司的报告币种计。被后来的申报重述的数值会标出，并附旧值和相关申报；"
    "--as-of 日期 显示截至该日已申报的数字。多个名称：每家公司一张表（--json：一个列表，见 "
    "`capex schema company-list`）。",
    "Check the claims against the figures as filed on or before DATE (YYYY-MM-DD), or by the "
    "article's date (`article`); each claim then shows where today's filings move it. Default: "
    "the latest filings.": "按该日期（YYYY-MM-DD）或之前申报的数字核查论断，或按文章发表日"
    "（`article`）；每条论断同时显示最新申报会如何改变它。默认：最新申报。",
    "Each figure of each fiscal year, each guidance range and each FX rate, with the document it "
    "was read from and how far it is confirmed. `--status unconfirmed` (or aggregator) lists "
    "what still needs checking against a company's own filing. A figure that a later filing "
    "restated lists every filed version (--json: `versions`). `--year` picks fiscal years, "
    "`--comparison-year` the calendar years compare counts them in; the notes say which.": "每个财年的每个数字、每条指引和每个"
    "汇率，附其出处文件和核实程度。`--status unconfirmed`（或 aggregator）列出仍需对照公司自身"
    "文件核查的数字。被后来的申报重述的数字列出每一次申报的数值（--json：`versions`）。"
    "`--year` 按财年选取，`--comparison-year` 按 compare 计入的日历年选取；脚注说明用的是哪一种。",
    "Each figure's first filed value, before any restatement.": "每个数字首次申报的数值（任何重述之前）。",
    "Figures as filed on or before DATE (YYYY-MM-DD, or `article`: the article's date): each "
    "figure's last version by then; a figure first filed later is left out. Default: the latest "
    "filings.": "按该日期（YYYY-MM-DD，或 `article`：文章发表日）或之前申报的数字：每个数字取届时"
    "最后一次申报的数值；之后才首次申报的数字不计入。默认：最新申报。",
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
    # capex schema and capex import (issue 26: every help in Chinese)
    "A PDF with no statement of cash flows (and no headline capex), a scanned PDF without text, an encrypted or damaged file: exit 2, nothing written.": "没有现金流量表（也没有标题资本开支）的 PDF、没有文字层的扫描 PDF、加密或损坏的文件：以 2 退出，不写入任何内容。",
    "A company-facts JSON file. Or download with --cik / --ticker.": "一个 company-facts JSON 文件。或用 --cik / --ticker 下载。",
    "An annual report or results announcement, as published on HKEXnews.": "在披露易（HKEXnews）上发布的年报或业绩公告。",
    "Download by ticker: only the dataset's eight SEC filers are known: MSFT (789019), GOOGL (1652044), META (1326801), AMZN (1018724), BABA (1577552), BIDU (1329099), JD (1549802), NTES (1110646). Others: --cik.": "按股票代码下载：只认识数据集中的八家 SEC 申报公司：MSFT (789019)、GOOGL (1652044)、META (1326801)、AMZN (1018724)、BABA (1577552)、BIDU (1329099)、JD (1549802)、NTES (1110646)。其他公司：用 --cik。",
    "Download the company facts of this SEC Central Index Key, e.g. 789019.": "下载这个 SEC 中央索引码（CIK）的公司事实数据，例如 789019。",
    "Downloads follow the SEC's rules: a User-Agent with your name and email (--user-agent or CAPEX_SEC_USER_AGENT), at most 10 requests a second, retries on 429 and 5xx. CAPEX_SEC_BASE_URL replaces https://data.sec.gov (e.g. a mirror). Redirects are followed only to the SEC over HTTPS, and an answer over 256 MiB once decompressed is refused.": "下载遵守 SEC 的规则：User-Agent 含你的姓名和电子邮箱（--user-agent 或 CAPEX_SEC_USER_AGENT），每秒最多 10 次请求，遇到 429 和 5xx 时重试。CAPEX_SEC_BASE_URL 可替换 https://data.sec.gov（例如镜像）。只跟随经 HTTPS 指向 SEC 的重定向，解压后超过 256 MiB 的响应会被拒绝。",
    "Every field has a description, and fields with a closed set of values (verdict, status, currency, region, kind, outcome ...) list them as an enum. `capex schema error` is the object every failure prints on stderr under --json.": "每个字段都有说明，取值固定的字段（verdict、status、currency、region、kind、outcome ……）以枚举列出其取值。`capex schema error` 是 --json 下每次失败输出到 stderr 的对象。",
    "Finds the consolidated statement of cash flows and reads, for its current and prior year: net cash from/used in operating activities; purchases of property, plant and equipment (construction in progress, investment properties); purchases of intangible assets; payments for land use rights, right-of-use assets or leasehold land; payments for repurchase of shares; dividends paid. Each with its line as printed (English, Chinese or both), its page, and the statement's unit (RMB'000, HK$'000, HK$, RMB million, 千港元 ...), converted to millions of its currency, outflows positive as in the data. A results release's headline capex (资本开支为人民币792亿元) is read as printed, marked as rounded. Two lines that could be the same measure are both listed with a warning; capex never picks one.": "找到综合现金流量表，读取本年和上年的：经营活动所得/所用现金净额；购买物业、厂房及设备（在建工程、投资物业）；购买无形资产；土地使用权、使用权资产或租赁土地的付款；回购股份的付款；已付股息。每项附其印出的行项目（英文、中文或两者）、页码和报表单位（RMB'000、HK$'000、HK$、人民币百万元、千港元 ……），换算为该币种的百万元，流出记为正数，与数据一致。业绩公告的标题资本开支（资本开支为人民币792亿元）按印出的数字读取，标为约数。可能是同一指标的两行会一并列出并给出警告；capex 从不替你挑选。",
    "From FILE (the JSON that data.sec.gov/api/xbrl/companyfacts/CIK##########.json serves) or downloaded with --cik or --ticker. Read per fiscal year, keyed on the period end, from 10-K, 10-K/A, 20-F and 20-F/A filings (the latest filing of a period wins): capex (us-gaap:PaymentsToAcquirePropertyPlantAndEquipment, else PaymentsToAcquireProductiveAssets), operating cash flow, buybacks, dividends and debt repayment, in millions of USD or CNY as filed. Each figure is status confirmed, with the form, filing date, accession number and tag as its source.": "来自 FILE（data.sec.gov/api/xbrl/companyfacts/CIK##########.json 提供的 JSON）或用 --cik、--ticker 下载。按财年读取（以期末日为键），来自 10-K、10-K/A、20-F 和 20-F/A 申报（同一期间以最新申报为准）：资本开支（us-gaap:PaymentsToAcquirePropertyPlantAndEquipment，否则 PaymentsToAcquireProductiveAssets）、经营现金流、回购、分红和偿还债务，按申报的美元或人民币百万元计。每个数字的状态为 confirmed，以表格类型、申报日期、登记号和标签为出处。",
    "Give up on a download that takes longer, however the server stalls (each try as a whole, not each read).": "下载超过这个时间就放弃，无论服务器如何拖延（按每次尝试整体计，而非每次读取）。",
    "Merge into this data file (needs --company) instead of printing TOML.": "合并进这个数据文件（需要 --company），而不是输出 TOML。",
    "Only these fiscal years, e.g. 2023-2025 or 2025. Default: all.": "只取这些财年，例如 2023-2025 或 2025。默认：全部。",
    "Only this fiscal year (the statement's current or prior one); also the year of a headline figure whose heading names none.": "只取这个财年（报表的本年或上年）；标题未写年份的标题数字也记在这一年。",
    "Print one JSON document (for scripts) instead of TOML.": "输出一个 JSON 文档（供脚本使用），而不是 TOML。",
    "Read cash-flow figures from a Hong Kong annual report or results announcement (PDF).": "从香港上市公司的年报或业绩公告（PDF）读取现金流数字。",
    "The company of the data file the figures belong to (id, name or alias): its capex basis says which lines capex adds, its fiscal-year end dates the columns. Without --into: the id of the printed stub.": "这些数字所属的数据文件中的公司（编号、名称或别名）：其资本开支口径决定 capex 加总哪些行，其财年截止日确定各列的日期。不带 --into 时：输出的草稿记录所用的编号。",
    "Where readers find the document (its HKEXnews address, which also gives its date of publication); written into the document's citation.": "读者在哪里找到这份文件（其披露易地址，也给出发布日期）；写入文件的引用中。",
    "With --into: also replace figures the file marks confirmed.": "与 --into 同用：也替换文件中标为 confirmed 的数字。",
    "With --into: the company of the data file the figures belong to (id, name or alias). Without: the id of the printed stub.": "与 --into 同用：这些数字所属的数据文件中的公司（编号、名称或别名）。不带时：输出的草稿记录所用的编号。",
    "Without --into the records are printed as TOML to paste into a data file; with --company ID --into PATH they are merged into that data file (written atomically) and every figure added or changed is listed. A figure that differs from one the file marks confirmed is left alone and listed as skipped, unless --force.": "不带 --into 时，记录以 TOML 输出，可粘贴进数据文件；带 --company ID --into PATH 时，合并进该数据文件（原子写入），并列出每个新增或改动的数字。与文件中标为 confirmed 的数字不同的数字保持不动并列为跳过，除非加 --force。",
    "Without --into: TOML to paste (a company stub with the capex basis, the document and the years). With --company ID --into PATH: merged into that data file, atomically, every figure added or changed listed, a figure that differs from a confirmed one left alone unless --force. Capex is what the company's capex basis adds, found by its lines' labels. A report whose HKEX stock code or issuer name is not the company's (its documents, aliases, names) is refused unless --force.": "不带 --into：输出可粘贴的 TOML（含资本开支口径、文件和各年份的公司草稿记录）。带 --company ID --into PATH：原子地合并进该数据文件，列出每个新增或改动的数字；与已确认数字不同的数字保持不动，除非加 --force。资本开支是该公司口径所加总的行，按行项目名称找到。港交所股份代号或发行人名称与该公司（其文件、别名、名称）不符的报告会被拒绝，除非加 --force。",
    "compare (the default), company, company-list (company with several names), companies, claims, sources, chart, validate, verify, import-sec (or: import sec), import-report, or error (the error object of every command under --json).": "compare（默认）、company、company-list（company 带多个名称时）、companies、claims、sources、chart、validate、verify、import-sec（或：import sec）、import-report，或 error（--json 下每个命令的错误对象）。",
}
