"""What a statement's amounts count: the unit its header prints, read right or not at all.

``RMB'000``, ``HK$'000,000``, ``RMB thousands``, ``in millions of Renminbi``, ``US$ billion``,
``人民幣千元``, ``百萬港元``, ``人民币亿元``, ``千元人民幣``; a column header of the currency alone
(``HK$ HK$``) is whole units. A header that names two units, or a unit whose multiplier capex
does not know (``RMB'0000``, ``十元``), is refused with what it says: a figure a thousand times
off is worse than none.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from capexcli.errors import ReportError
from capexcli.importers.report.currency import CURRENCIES, whole_patterns


@dataclass(frozen=True)
class Unit:
    """What a printed amount counts: ``scale`` units of ``currency`` (HK$'000: 1000 HKD)."""

    currency: str
    scale: int
    printed: str


def _is_chinese(token: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in token)


# The currencies and the ways reports print them are currency.py's; here they are split by
# where a multiplier goes (RMB'000 but 千港元) and as units.py folds a line (no spaces).
_CURRENCY_EN = {
    token.replace(" ", ""): code
    for code, (_, tokens) in CURRENCIES.items()
    for token in tokens
    if not _is_chinese(token)
} | {"hongkongdollars": "HKD", "usdollars": "USD"}
_CURRENCY_ZH = {
    token: code
    for code, (_, tokens) in CURRENCIES.items()
    for token in tokens
    if _is_chinese(token)
} | {"元人民幣": "CNY", "元人民币": "CNY"}
_MULTIPLIER_EN = {
    "'000": 1000,
    "000": 1000,
    "thousand": 1000,
    "thousands": 1000,
    "'000,000": 1_000_000,
    "000,000": 1_000_000,
    "m": 1_000_000,
    "million": 1_000_000,
    "millions": 1_000_000,
    "bn": 1_000_000_000,
    "billion": 1_000_000_000,
    "billions": 1_000_000_000,
}
_MULTIPLIER_ZH = {
    "千": 1000,
    "万": 10_000,
    "萬": 10_000,
    "十万": 100_000,
    "十萬": 100_000,
    "百万": 1_000_000,
    "百萬": 1_000_000,
    "千万": 10_000_000,
    "千萬": 10_000_000,
    "亿": 100_000_000,
    "億": 100_000_000,
}
_SYMBOL = {code: symbol for code, (symbol, _) in CURRENCIES.items()}
_THOUSANDS_ZH = {"CNY": "人民幣千元", "HKD": "千港元", "USD": "千美元"}

_EN_CUR = "|".join(re.escape(c) for c in sorted(_CURRENCY_EN, key=len, reverse=True))
_EN_MULT = r"'?000,000|'?000|thousands?|millions?|billions?|bn|m(?![a-z])"
_ZH_CUR = "|".join(sorted(_CURRENCY_ZH, key=len, reverse=True))
_ZH_MULT = "|".join(sorted(_MULTIPLIER_ZH, key=len, reverse=True))
#: On a line folded by :func:`_flat` (no spaces, lower case), longest forms first.
_PATTERNS = (
    # RMB'000, HK$'000,000, RMB thousands, RMB in millions, RMBm, US$ billion
    re.compile(rf"(?P<cur>{_EN_CUR})'?(?:in)?(?P<mult>{_EN_MULT})"),
    # in thousands of Renminbi, millions of HK$
    re.compile(rf"(?:in)?(?P<mult>thousands?|millions?|billions?)of(?P<cur>{_EN_CUR})"),
    # 人民幣千元, 港幣百萬元, 人民币亿元
    re.compile(rf"(?P<cur>{_ZH_CUR})(?P<mult>{_ZH_MULT})元"),
    # 千港元, 百萬美元, 千元人民幣, 百萬人民幣
    re.compile(rf"(?P<mult>{_ZH_MULT})(?P<cur>{_ZH_CUR})"),
)
#: A column header of whole amounts: the currency alone, once per column (currency.py).
_WHOLE = whole_patterns()
#: What looks like a unit with a multiplier, on a line with its spaces (so that "RMB'000
#: 2024" is not read as RMB'0002024): checked against the known multipliers.
_UNIT_LIKE = (
    re.compile(rf"(?P<cur>{_EN_CUR})\s?'\s?(?P<mult>[0-9][0-9,']*)"),
    re.compile(rf"(?P<cur>{_ZH_CUR})?(?P<mult>[十百千万萬亿億兆]+)(?:元|港元|美元)"),
)


def _flat(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    return re.sub(r"\s+", "", text).casefold()


def _spaced(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    return " ".join(text.split()).casefold()


def _unit(currency: str, scale: int, chinese: bool, printed: str) -> Unit:
    if scale == 1000:
        shown = _THOUSANDS_ZH.get(currency, printed) if chinese else f"{_SYMBOL[currency]}'000"
    elif scale in (1_000_000, 1_000_000_000):
        shown = f"{_SYMBOL[currency]} {'million' if scale == 1_000_000 else 'billion'}"
    else:
        shown = printed
    return Unit(currency, scale, shown)


def _read_line(line: str) -> list[Unit]:
    """The units a line names, each once, a longer form before a shorter one inside it."""
    flat = _flat(line)
    found: list[tuple[int, int, Unit]] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(flat):
            if any(start <= match.start() < end for start, end, _ in found):
                continue
            cur, mult = match["cur"], match["mult"]
            chinese = cur in _CURRENCY_ZH
            currency = _CURRENCY_ZH[cur] if chinese else _CURRENCY_EN[cur]
            scale = _MULTIPLIER_ZH[mult] if chinese else _MULTIPLIER_EN[mult]
            found.append((match.start(), match.end(), _unit(currency, scale, chinese, match[0])))
    if not found:
        for pattern, currency, printed in _WHOLE:
            if pattern.search(flat):
                found.append((0, 0, Unit(currency, 1, printed)))
    return [unit for _, _, unit in sorted(found, key=lambda item: item[0])]


def _unknown(line: str) -> str | None:
    """A unit on ``line`` whose multiplier capex does not know, as printed, or None."""
    spaced = _spaced(line)
    for match in _UNIT_LIKE[0].finditer(spaced):
        if "'" + match["mult"].rstrip(",") not in _MULTIPLIER_EN:
            return match[0]
    for match in _UNIT_LIKE[1].finditer(_flat(line)):
        if match["mult"] not in _MULTIPLIER_ZH:
            return match[0]
    return None


def describe(unit: Unit) -> str:
    """``RMB'000 (thousands of CNY)``: the unit as printed and as read."""
    words = {1: "units", 1000: "thousands", 1_000_000: "millions", 1_000_000_000: "billions"}
    read = words.get(unit.scale, f"{unit.scale:,}s")
    return f"{unit.printed} ({read} of {unit.currency})"


def find_unit(lines: list[str]) -> Unit | None:
    """The unit a statement's header names, or None if it names none. Refused
    (:class:`ReportError`, without the file: the caller says where): two different units,
    or a unit whose multiplier capex does not know."""
    found: list[Unit] = []
    for line in lines:
        strange = _unknown(line)
        if strange is not None:
            raise ReportError(
                f"the statement's header names a unit capex does not know: {strange!r} "
                "(capex reads '000, '000,000, thousands, millions, billions, 千, 萬, 百萬, "
                "億 of RMB, HK$, US$, NT$, S$, RM, JPY, € or £); capex does not guess it"
            )
        found += _read_line(line)
    if not found:
        return None
    # The English and the Chinese header say the same thing in two ways; keep the first.
    readings: dict[tuple[str, int], Unit] = {}
    for unit in found:
        readings.setdefault((unit.currency, unit.scale), unit)
    if len(readings) > 1:
        listed = " and ".join(describe(u) for u in readings.values())
        raise ReportError(
            f"the statement's header names two units: {listed}; capex reads a statement in one unit"
        )
    return found[0]
