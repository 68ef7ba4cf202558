"""Which currency a statement's amounts are in, whatever the currency: the ways reports print
each one (RMB, HK$, US$, S$, RM, NT$, JPY, €, £, and their Chinese names) and the ISO code capex
writes (CNY, HKD, USD, SGD, MYR, TWD, JPY, EUR, GBP).

Apart from the statement's layout (statement.py) so that reading a new currency touches only
this table: :func:`unit_patterns` and :func:`whole_patterns` are what statement.py matches a
header against, for every currency at once.
"""

from __future__ import annotations

import re

#: ISO code -> (the symbol a report prints, the ways it prints the currency), as text is
#: compared (:func:`~capexcli.importers.report.lines.normalize`: NFKC, no spaces, lower case),
#: longest first where one contains another (nt$ before s$ and $; rmb before rm).
CURRENCIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "CNY": ("RMB", ("renminbi", "人民幣", "人民币", "rmb", "cny")),
    "HKD": ("HK$", ("hk$", "hkd", "港幣", "港币", "港元")),
    "USD": ("US$", ("us$", "usd", "美元")),
    "TWD": ("NT$", ("nt$", "twd", "新台幣", "新台币")),
    "SGD": ("S$", ("s$", "sgd", "新加坡元", "新加坡幣", "新加坡币", "新元")),
    "MYR": ("RM", ("myr", "rm", "令吉", "馬幣", "马币")),
    # Not a bare ¥: Chinese issuers print it for renminbi too, and a unit read as the wrong
    # currency is worse than none (a header of ¥ alone is refused as no unit found).
    "JPY": ("JPY", ("jpy", "yen", "日圓", "日元", "円")),
    "EUR": ("€", ("eur", "€", "歐元", "欧元")),
    "GBP": ("£", ("gbp", "£", "英鎊", "英镑")),
}
#: How many units of the currency a printed 1 counts, and how a header says it.
_THOUSANDS = r"(?:'?000|'?thousands?|'?k(?![a-z]))"
_MILLIONS = r"(?:'?(?:in)?millions?|'?mn(?![a-z])|m(?![a-z]))"
#: The tokens that may stand for a currency, longest first ("rmb" before "rm").
_TOKENS = sorted(
    ((token, code) for code, (_, tokens) in CURRENCIES.items() for token in tokens),
    key=lambda pair: -len(pair[0]),
)


def iso(token: str) -> str | None:
    """The ISO code of a currency as printed (``HK$``, ``人民幣``, ``S$``), or None."""
    flat = token.strip().casefold()
    return next((code for t, code in _TOKENS if t == flat), None)


def _alternatives(code: str) -> str:
    return "|".join(re.escape(t) for t in CURRENCIES[code][1])


def unit_patterns() -> tuple[tuple[re.Pattern[str], str, int, str], ...]:
    """(pattern, ISO code, scale, as printed) for every currency in thousands and millions,
    in English (HK$'000, RMB million, S$000) and Chinese (千港元, 人民幣千元, 百萬美元)."""
    found: list[tuple[re.Pattern[str], str, int, str]] = []
    for scale, english, chinese, word in (
        (1000, _THOUSANDS, "千", "'000"),
        (1_000_000, _MILLIONS, "百萬|百万", " million"),
    ):
        for code, (symbol, _) in CURRENCIES.items():
            names = _alternatives(code)
            # No spaces to go by (normalize drops them): the order of CURRENCIES keeps "us$"
            # ahead of "s$" and "rmb" ahead of "rm", and a line takes the first that matches.
            pattern = re.compile(
                rf"(?:{names}){english}"
                rf"|(?:{chinese})(?:{names})"
                rf"|(?:{names})(?:{chinese})元?"
                rf"|(?:{'thousands' if scale == 1000 else 'millions'})of(?:{names})"
            )
            found.append((pattern, code, scale, f"{symbol}{word}"))
    return tuple(found)


def whole_patterns() -> tuple[tuple[re.Pattern[str], str, str], ...]:
    """(pattern, ISO code, as printed) for a column header of whole amounts: the currency
    alone, once per column (``HK$ HK$``, ``港元 港元``)."""
    return tuple(
        (
            re.compile(rf"^(?:(?:{_alternatives(code)})元?){{2,}}$"),
            code,
            CURRENCIES[code][0],
        )
        for code in CURRENCIES
    )
