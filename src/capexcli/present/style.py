"""How one output is worded and scaled: its language and unit, passed to every view.

No Rich here and no module state: a :class:`Style` is made for one call and handed down, so
two outputs in one process (a table and its SVG export, a test and the next) cannot leak
their settings into each other.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from capexcli.present.catalog import CURRENCY_ZH, translate

DASH = "—"
#: Marks a figure whose status is not "confirmed".
MARK = "*"

#: Divisors from millions; 亿 is a hundred million.
DIVISORS: dict[str, int] = {"million": 1, "billion": 1_000, "yi": 100}


#: The narrowest page the layouts are made for: below it a line may be wider than the page.
MIN_WIDTH = 40
#: A page that is not a terminal and names no width: the terminal most people have.
DEFAULT_WIDTH = 80


def page_width(terminal: int | None = None) -> int:
    """The width a table is laid out for: ``COLUMNS`` when set (as in a terminal, so that
    ``COLUMNS=80 capex ... | less`` reads as it would on screen), else the terminal's width,
    else 80 columns: a pipe or a file reads at 80 columns too."""
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    width = columns if columns > 0 else (terminal or DEFAULT_WIDTH)
    return max(width, MIN_WIDTH)


@dataclass(frozen=True)
class Style:
    units: str = "million"
    lang: str = "en"
    #: The page width the views lay their tables out for (see :func:`page_width`).
    width: int = DEFAULT_WIDTH

    def t(self, text: str, **values: Any) -> str:
        """``text`` (an English template, the catalog's key) in this style's language."""
        template = translate(text) if self.lang == "zh" else text
        return template.format(**values) if values else template

    def unit_label(self, currency: str) -> str:
        """``CNY millions``, ``USD billions``, ``CNY 亿`` (or the Chinese)."""
        if self.units == "yi":
            if self.lang == "en":
                return f"{currency} 亿"
            return f"亿{CURRENCY_ZH.get(currency, currency)}"
        label = {"million": "millions", "billion": "billions"}[self.units]
        if self.lang == "zh":
            return f"{self.t(label)}{CURRENCY_ZH.get(currency, currency)}"
        return f"{currency} {label}"

    def amount(self, value: float | None) -> str:
        """An amount given in millions, in this unit: 亿 above 10,000亿 read as 万亿."""
        if value is None:
            return DASH
        scaled = value / DIVISORS[self.units]
        if self.units == "yi" and abs(scaled) >= 10_000:
            return f"{scaled / 10_000:,.2f}万亿"
        if self.units == "billion" or (self.units == "yi" and abs(scaled) < 100):
            return f"{scaled:,.1f}"
        return f"{scaled:,.0f}"


def percent(value: float | None) -> str:
    return DASH if value is None else f"{value * 100:.1f}%"


def signed_percent(value: float | None) -> str:
    return DASH if value is None else f"{value * 100:+.1f}%"


def one_to(value: float | None) -> str:
    """A US/China multiple in the article's notation: 6.2 -> ``1 : 6.2``."""
    return DASH if value is None else f"1 : {value:.1f}"


def year_list(years: list[int]) -> str:
    """``[2020, 2021, 2022, 2024]`` -> ``2020-2022,2024``."""
    years = sorted(set(years))
    runs: list[str] = []
    start = prev = years[0]
    for year in [*years[1:], None]:
        if year is not None and year == prev + 1:
            prev = year
            continue
        runs.append(str(start) if start == prev else f"{start}-{prev}")
        if year is not None:
            start = prev = year
    return ",".join(runs)
