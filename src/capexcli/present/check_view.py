"""`capex check` for people: the answer, then a row per headline claim and its why, on one
screen (80 x 30)."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import RenderableType
from rich.text import Text

from capexcli.present.as_of_note import as_of_note
from capexcli.present.claim_values import VERDICT_STYLES, claim_value
from capexcli.present.console import notes_text, paragraph, wrap
from capexcli.present.readings_view import bounds_words, readings_words, scope_words
from capexcli.present.style import Style
from capexcli.results import CheckResult, CheckRow, ClaimResult

#: The share of a value not confirmed in a filing that its why line names (the JSON has all).
UNCONFIRMED_SHOWN = 0.05


def _answer(result: CheckResult, s: Style) -> str:
    t = result.trend
    n = result.summary
    if t.first_ratio is not None and t.last_ratio is not None:
        trend = s.t(
            "China's capex was 1:{first:.1f} of the US group's in {y0} and 1:{last:.1f} in "
            "{y1} (the same {us} US and {cn} Chinese companies in every year)",
            first=t.first_ratio,
            last=t.last_ratio,
            y0=t.first_year,
            y1=t.last_year,
            us=len(t.us_members),
            cn=len(t.cn_members),
        )
    else:
        trend = s.t("The data cannot compare {y0} with {y1}", y0=t.first_year, y1=t.last_year)
    counts = s.t(
        "of the article's {total} headline claims, {holds} hold, {close} are close, {fails} "
        "fail and {open} cannot be decided on the data.",
        total=len(result.rows),
        holds=n.get("holds", 0),
        close=n.get("close", 0),
        fails=n.get("fails", 0),
        open=n.get("insufficient", 0) + n.get("unknown", 0),
    )
    return trend + s.t("; ") + counts


def _filings(row: CheckRow, s: Style) -> str:
    if row.low is None or row.high is None:
        return claim_value(row.value, row.unit, row.stated)
    return (
        f"{claim_value(row.low, row.unit, row.stated)} ({s.t(row.low_reading or '')})–"
        f"{claim_value(row.high, row.unit, row.stated)} ({s.t(row.high_reading or '')})"
    )


def _why(claim: ClaimResult, row: CheckRow, s: Style) -> str:
    if claim.bounds is not None:
        text = bounds_words(claim, s, short=True)
    elif claim.forecast_overtaken:
        text = s.t(
            "a forecast the filings have overtaken: {actual}",
            actual=claim_value(claim.recomputed, claim.unit, row.stated),
        )
    elif claim.reading_search is not None:
        text = readings_words(claim, s, short=True)
    else:
        text = s.t("see `capex claims {id}`", id=claim.id)
    if row.not_confirmed_share and row.not_confirmed_share >= UNCONFIRMED_SHOWN:
        text += s.t(" · {share:.0%} unconfirmed", share=row.not_confirmed_share)
    return text


def check_view(result: CheckResult, s: Style) -> list[RenderableType]:
    out: list[RenderableType] = [paragraph(_answer(result, s), s.width, indent=""), Text("")]
    claims = {c.id: c for c in result.claims}
    heads = [s.t("Claim"), s.t("Article → filings"), s.t("Verdict")]
    cells = [
        (
            (row.claim_zh or row.claim) if s.lang == "zh" else row.claim,
            f"{row.stated} → {_filings(row, s)}",
            s.t(row.verdict),
        )
        for row in result.rows
    ]
    widths = [max(cell_len(x) for x in col) for col in zip(heads, *cells, strict=False)]

    def line(parts: tuple[str, ...] | list[str]) -> str:
        padded = [p + " " * (w - cell_len(p)) for p, w in zip(parts, widths[:2], strict=True)]
        return "  ".join(padded) + "  "

    out.append(Text(line(heads[:2]) + heads[2], style="bold"))
    out.append(Text("─" * min(s.width, sum(widths) + 4)))
    for row, parts in zip(result.rows, cells, strict=True):
        text = Text(line(parts[:2]))
        text.append(parts[2], style=VERDICT_STYLES.get(row.verdict, ""))
        out.append(text)
        why = _why(claims[row.id], row, s)
        out.append(Text("\n".join(wrap(why, s.width, "    ", "    ")), style="dim"))
    notes = [
        s.t(
            "{align} alignment, FX {fx}; `capex claims ID`: a claim in full, every reading.",
            align=s.t(result.align),
            fx=s.t("annual averages") if result.fx == "annual" else result.fx,
        )
    ]
    scope = scope_words(result.groups, result.like_for_like, s)
    if scope:
        notes.append(s.t("Groups: {scope}.", scope=scope))
    dated = as_of_note(result.as_of, s)
    if result.as_of.date is not None or result.as_of.first_reported:
        notes.append(dated)
    return [*out, Text(""), *notes_text(notes, s.width)]
