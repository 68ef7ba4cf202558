"""A claim's value in the article's own style, and the colour of each verdict (shared by the
claims views and `capex check`)."""

from __future__ import annotations

from capexcli.present.style import DASH

VERDICT_STYLES = {
    "holds": "green",
    "close": "yellow",
    "fails": "bold red",
    "cited": "cyan",
    "unknown": "magenta",
    "insufficient": "magenta",
    "consistent": "blue",
    "inconsistent": "yellow",
}


def claim_value(value: float | None, unit: str, stated_text: str = "") -> str:
    """A recomputed value in the article's own style, so it reads beside the stated one."""
    if value is None:
        return DASH
    if unit == "CNY millions":
        return (
            f"{value / 1_000_000:.2f}万亿" if abs(value) >= 1_000_000 else f"{value / 100:,.0f}亿"
        )
    if unit == "USD millions":
        return f"${value / 1000:,.1f}B"
    if unit == "multiple":
        return f"1:{value:.1f}" if ":" in stated_text else f"×{value:.2f}"
    if unit == "share":
        return f"{value * 100:.1f}%"
    return f"{value:,.4g}"
