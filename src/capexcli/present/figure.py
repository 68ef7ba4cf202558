"""``capex chart --svg/--png`` and the chart of ``--html``: the comparison drawn for a story
with matplotlib, which is imported here only (a terminal chart or --json never loads it).

A light page with no terminal chrome: a title that says what is compared, the unit, each
group's bars by year with the CN : US ratio under each year, partial years hatched and named
as such, and a footer with the source and the as-of date. The output is deterministic (the
Agg and SVG back ends, no dates in the metadata, a fixed SVG id salt), so the same data gives
the same bytes, and nothing is loaded from the network.
"""

from __future__ import annotations

import io
import re
import textwrap
import warnings
from typing import TYPE_CHECKING, Any

from capexcli.errors import OptionError
from capexcli.present.as_of_note import as_of_short
from capexcli.present.chart import chart_title
from capexcli.present.compare_view import group_labels
from capexcli.present.style import DIVISORS, Style, one_to, percent
from capexcli.results import ChartResult, ChartYear

if TYPE_CHECKING:
    from matplotlib.axes import Axes

#: The groups' colours (the legend names them too); a partial year is the same colour, hatched.
COLOURS = {"us": "#2b5fad", "cn": "#c0392b"}
INK, GREY, PAGE = "#1a1a1a", "#5c5c5c", "#ffffff"
#: Fonts with Chinese characters, tried in turn after DejaVu Sans (which matplotlib ships).
CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "PingFang SC",
    "Microsoft YaHei",
    "SimHei",
    "Droid Sans Fallback",
)
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
#: Inches and dots per inch: 1,500 x 900 pixels for the PNG.
SIZE, DPI = (10.0, 6.0), 150
#: Where the plot, title and footer start: room on the left for the axis's amounts.
LEFT = 0.1


def _settings() -> dict[str, Any]:
    return {
        "svg.hashsalt": "capex",
        # Text stays text in the SVG: searchable, and drawn in the reader's own fonts
        # (Chinese too) rather than as paths.
        "svg.fonttype": "none",
        "font.family": "sans-serif",
        "font.sans-serif": ["DejaVu Sans", *CJK_FONTS],
        "font.size": 10,
        "axes.edgecolor": GREY,
        "axes.labelcolor": INK,
        "xtick.color": INK,
        "ytick.color": GREY,
        "figure.facecolor": PAGE,
        "axes.facecolor": PAGE,
        "savefig.facecolor": PAGE,
        "hatch.linewidth": 1.0,
    }


def _scaled(value: float | None, result: ChartResult, s: Style) -> float | None:
    if value is None or result.metric != "capex":
        return value
    return value / DIVISORS[s.units]


def _value_label(value: float | None, result: ChartResult, s: Style) -> str:
    return percent(value) if result.metric != "capex" else s.amount(value)


def _complete(row: ChartYear, group: str) -> bool:
    cover = row.coverage.get(group)
    return cover is None or cover.complete


def _tick(row: ChartYear, result: ChartResult, s: Style) -> str:
    """The year, and under it the CN : US ratio (capex), marked when a group is partial."""
    if result.metric != "capex" or row.ratio is None:
        return str(row.year) if row.complete else f"{row.year}\n{s.t('partial')}"
    ratio = one_to(row.ratio)
    if row.complete:
        return f"{row.year}\n{s.t('CN : US')} {ratio}"
    return f"{row.year}\n{s.t('CN : US')} [{ratio}]\n{s.t('partial')}"


def _bars(ax: Axes, result: ChartResult, s: Style) -> bool:
    """Draw the bars and their value labels; whether any year is partial."""
    partial = False
    width = 0.38
    values = [
        v for row in result.years for v in (_scaled(row.us, result, s), _scaled(row.cn, result, s))
    ]
    top = max((abs(v) for v in values if v is not None), default=1) or 1
    for index, row in enumerate(result.years):
        for offset, group in ((-width / 2, "us"), (width / 2, "cn")):
            value = _scaled(getattr(row, group), result, s)
            x = index + offset
            if value is None:
                ax.text(x, 0, s.t("no data"), ha="center", va="bottom", fontsize=8, color=GREY)
                continue
            whole = _complete(row, group)
            partial = partial or not whole
            ax.bar(
                x,
                value,
                width,
                color=COLOURS[group] if whole else PAGE,
                edgecolor=COLOURS[group],
                hatch=None if whole else "///",
                linewidth=1.0,
            )
            label = _value_label(getattr(row, group), result, s)
            if not whole:
                cover = row.coverage[group]
                label = f"[{label}]\n{cover.reported}/{cover.members}"
            ax.text(
                x,
                value + top * 0.01,
                label,
                ha="center",
                va="bottom",
                fontsize=7.5,
                color=INK,
            )
    return partial


def _legend(ax: Axes, result: ChartResult, s: Style, partial: bool) -> None:
    from matplotlib.patches import Patch

    labels = group_labels(result.groups, s)
    handles = [Patch(facecolor=COLOURS[g], edgecolor=COLOURS[g], label=labels[g]) for g in COLOURS]
    if partial:
        handles.append(
            Patch(
                facecolor=PAGE,
                edgecolor=GREY,
                hatch="///",
                label=s.t("partial: the group misses members that year (reported/members)"),
            )
        )
    # Above the plot, under the unit: never over a bar, whatever the data.
    ax.legend(
        handles=handles,
        loc="lower left",
        bbox_to_anchor=(0, 1.01),
        ncol=len(handles),
        frameon=False,
        fontsize=8.5,
        borderaxespad=0,
        handlelength=1.6,
    )


def _footer(result: ChartResult, s: Style) -> str:
    source = s.t(
        "Source: the companies' own filings (10-K, 20-F, annual reports) and, where marked, "
        "data sites, as recorded in capex; `capex sources` lists every figure with its "
        "document and status."
    )
    years = s.t("Years: {align} alignment.", align=s.t(result.align))
    when = as_of_short(result.as_of, s)
    text = f"{source} {years} {when[:1].upper()}{when[1:]}{s.t('.')}"
    if result.metric == "capex" and result.currency == "CNY":
        text += " " + s.t("USD amounts converted at the FX rates `capex compare` names.")
    if result.metric == "capex" and result.currency == "USD":
        text += " " + s.t("CNY amounts converted at the FX rates `capex compare` names.")
    if any(result.dropped.values()):
        dropped = "; ".join(f"{g} {', '.join(ids)}" for g, ids in result.dropped.items() if ids)
        text += " " + s.t(
            "like for like: the same companies every year; dropped: {dropped}", dropped=dropped
        )
    width = 70 if s.lang == "zh" else 150
    if s.lang == "zh":
        return "\n".join(text[i : i + width] for i in range(0, len(text), width))
    return "\n".join(textwrap.wrap(text, width))


def _check_fonts(texts: list[str], kind: str) -> None:
    """A PNG draws its own glyphs: Chinese needs a font that has them, or it shows boxes."""
    if kind != "png" or not any(_CJK.search(t) for t in texts):
        return
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    if not installed.intersection(CJK_FONTS):
        raise OptionError(
            "--png with Chinese text needs a font with Chinese characters (e.g. Noto Sans CJK "
            "SC: apt install fonts-noto-cjk), or use --svg, which the viewer draws in its own "
            "fonts"
        )


def draw_chart(result: ChartResult, s: Style, kind: str) -> bytes:
    """The chart as ``svg`` or ``png`` bytes."""
    import matplotlib

    matplotlib.use("Agg")  # never a window, whatever the environment says
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter, PercentFormatter

    title = chart_title(result, s)
    unit = {
        "capex": s.unit_label(result.currency),
        "capex_to_ocf": s.t("capex as % of operating cash flow"),
        "returns_to_capex": s.t("buybacks + dividends as % of capex"),
    }[result.metric]
    footer = _footer(result, s)
    ticks = [_tick(row, result, s) for row in result.years]
    _check_fonts([title, unit, footer, *ticks], kind)
    with matplotlib.rc_context(_settings()), warnings.catch_warnings():
        figure = Figure(figsize=SIZE, dpi=DPI)
        ax = figure.add_axes((LEFT, 0.22, 0.97 - LEFT, 0.58))
        partial = _bars(ax, result, s)
        ax.set_xticks(range(len(result.years)), ticks, fontsize=8.5)
        ax.tick_params(axis="x", length=0, pad=6)
        ax.set_ylabel(unit)
        if result.metric == "capex":
            ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: f"{v:,.0f}"))
        else:
            ax.yaxis.set_major_formatter(PercentFormatter(1.0))
        ax.spines[["top", "right"]].set_visible(False)
        ax.grid(axis="y", color="#e3e3e3", linewidth=0.8)
        ax.set_axisbelow(True)
        ax.margins(y=0.15)
        _legend(ax, result, s, partial)
        figure.text(LEFT, 0.955, title, fontsize=15, fontweight="bold", color=INK, va="top")
        figure.text(LEFT, 0.9, unit, fontsize=10, color=GREY, va="top")
        figure.text(LEFT, 0.03, footer, fontsize=7.5, color=GREY, va="bottom")
        buffer = io.BytesIO()
        # A glyph DejaVu Sans lacks (Chinese) is the viewer's to draw in an SVG, and a PNG
        # was checked for a Chinese font above: matplotlib's warning says nothing new.
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        if kind == "svg":
            figure.savefig(buffer, format="svg", metadata={"Date": None, "Title": title})
        else:
            figure.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


def inline_svg(result: ChartResult, s: Style) -> str:
    """The SVG chart as an element for an HTML page (no XML declaration or doctype)."""
    svg = draw_chart(result, s, "svg").decode("utf-8")
    return svg[svg.index("<svg") :].strip()
