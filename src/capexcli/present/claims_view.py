"""The claims ledger as a table, and one claim in full."""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from capexcli.present.as_of_note import as_of_note
from capexcli.present.catalog import translate_message
from capexcli.present.claim_values import VERDICT_STYLES, claim_value
from capexcli.present.console import new_table, notes_text, paragraph, table_width, wrap
from capexcli.present.readings_view import (
    bounds_words,
    overtaken_words,
    readings_block,
    readings_words,
    scope_words,
)
from capexcli.present.style import DASH, Style
from capexcli.present.tables import sources_table
from capexcli.results import ClaimResult, ClaimsResult, SourcesResult

_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
#: How the article relates the truth to its number, as a sign before the number.
_RELATION_SIGNS = {"at_least": "≥", "more_than": ">", "at_most": "≤", "less_than": "<"}


def _english_value(value: float, unit: str, text: str) -> str:
    """A stated number as English figures: RMB1.7T, $14.3B, 2x (T, B, M: trillion, billion,
    million, as in the Recomputed column)."""
    if unit in ("CNY millions", "USD millions", "CNY 100 millions (亿)"):
        millions = value * 100 if unit.startswith("CNY 100") else value
        money = "$" if unit.startswith("USD") else "RMB"
        if abs(millions) >= 1_000_000:
            return f"{money}{millions / 1_000_000:,.4g}T"
        if abs(millions) >= 1000:
            return f"{money}{millions / 1000:,.4g}B"
        return f"{money}{millions:,.4g}M"
    if unit == "multiple":
        return f"1:{value:g}" if ":" in text else f"{value:g}x"
    if unit == "share":
        return f"{value * 100:.4g}%"
    if unit == "USD":
        return f"${value:,.4g}"
    if unit == "million users":
        return f"{value / 1000:,.4g}B users" if value >= 1000 else f"{value:,.4g}M users"
    return f"{value:,.4g} {unit}"


def stated_english(claim: ClaimResult) -> str | None:
    """The article's stated number in English (worked out from the claim's value, range and
    relation, so it says exactly what is checked), or None when its words hold no Chinese."""
    stated = claim.stated
    text = str(stated.get("text", ""))
    if not _CJK.search(text):
        return None
    low, high, value = stated.get("low"), stated.get("high"), stated.get("value")
    if low is not None and high is not None:
        shown = f"{_english_value(low, claim.unit, text)}–{_english_value(high, claim.unit, text)}"
    elif value is not None:
        shown = _english_value(value, claim.unit, text)
    else:
        return None
    return _RELATION_SIGNS.get(str(stated.get("relation", "")), "") + shown


def stated_text(claim: ClaimResult, s: Style, alone: bool = False) -> str:
    """The article's words for the number; in English, with their English rendering (or,
    ``alone``, the English rendering instead)."""
    text = str(claim.stated.get("text", ""))
    english = None if s.lang == "zh" else stated_english(claim)
    if english is None:
        return text
    return english if alone else f"{text} ({english})"


def _recomputed(claim: ClaimResult) -> str:
    text = claim.stated.get("text", "")
    if claim.recomputed_range is not None:
        low, high = claim.recomputed_range
        # An en dash, no spaces: narrow, and unambiguous beside a minus sign.
        return f"{claim_value(low, claim.unit, text)}–{claim_value(high, claim.unit, text)}"
    return claim_value(claim.recomputed, claim.unit, text)


def _latest(claim: ClaimResult, s: Style) -> str:
    """The claim on the latest filings, beside a run --as-of a date."""
    latest = claim.latest
    assert latest is not None
    text = claim.stated.get("text", "")
    if latest.recomputed_range is not None:
        low, high = latest.recomputed_range
        value = f"{claim_value(low, claim.unit, text)} - {claim_value(high, claim.unit, text)}"
    else:
        value = claim_value(latest.recomputed, claim.unit, text)
    if not claim.moved:
        return s.t(
            "{value}, {verdict}: the latest filings do not move it",
            value=value,
            verdict=s.t(latest.verdict),
        )
    return s.t(
        "{value}, {verdict} on the latest filings (this date: {then}, {was})",
        value=value,
        verdict=s.t(latest.verdict),
        then=_recomputed(claim),
        was=s.t(claim.verdict),
    )


def _verdict(claim: ClaimResult, s: Style) -> Text:
    marked = claim.complete or claim.kind != "recomputed" or claim.verdict == "insufficient"
    label = claim.verdict if marked else claim.verdict + "?"
    label = s.t(claim.verdict) + label[len(claim.verdict) :]
    return Text(label, style=VERDICT_STYLES.get(claim.verdict, ""))


def claims_view(result: ClaimsResult, s: Style, view: str | None) -> list[RenderableType]:
    """The summary first (so that it is on the first screen), then a line per claim, then
    the notes that name claims."""
    if view == "detail":
        return claim_detail(result, s)
    notes = claims_notes(result, s)
    total = sum(result.summary.values())
    title = s.t("The article's claims, checked") + f" ({total})"
    scope = scope_words(result.groups, result.like_for_like, s)
    if scope:
        title += " · " + scope
    lead: list[RenderableType] = [paragraph(title, s.width, indent=""), Text("")]
    lead += notes_text(notes[:2], s.width)
    if len(result.claims) != total:
        lead += notes_text(
            [s.t("Showing {shown} of {total} claims.", shown=len(result.claims), total=total)],
            s.width,
        )
    if not result.claims:
        return lead
    outside = [c for c in result.claims if c.kind != "internal"]
    internal = [c for c in result.claims if c.kind == "internal"]
    body: list[RenderableType] = []
    if outside:
        body += [Text(""), claims_table(outside, s, compact=view == "compact")]
    if internal:
        # Its own section and verdicts: the article agreeing with itself says nothing of
        # the filings, and a screenshot of it must not read as a confirmation.
        heading = s.t("The article against its own numbers (not a check of the filings)")
        body += [Text(""), paragraph(heading, s.width, indent="")]
        body += [Text(""), claims_table(internal, s, compact=view == "compact")]
    return [*lead, *body, Text(""), *notes_text(notes[2:], s.width)]


def _row_value(claim: ClaimResult) -> str:
    """The recomputed value; where the verdict turns with alignment or FX, the range of the
    values those choices give, so that the row never shows one side alone."""
    values = [c.recomputed for c in claim.sensitivity if c.recomputed is not None]
    if len({c.verdict for c in claim.sensitivity}) < 2 or not values:
        return _recomputed(claim)
    text = claim.stated.get("text", "")
    low, high = (claim_value(v, claim.unit, text) for v in (min(values), max(values)))
    # One unit for both ends ("5.01–5.30万亿"), so that the row keeps to one line.
    unit = re.search(r"[^\d.,]+$", high)
    if unit and low.endswith(unit.group()):
        low = low[: -len(unit.group())]
    return f"{low}–{high}"


def _cells(claim: ClaimResult, s: Style, compact: bool = False) -> dict[str, str | Text]:
    return {
        "ID": claim.id,
        "§": s.t(claim.section),
        # Compact is one line a claim: in English, the English figures alone.
        "Stated": stated_text(claim, s, alone=compact),
        "Recomputed": _row_value(claim) if claim.kind != "cited" else "",
        "Verdict": _verdict(claim, s),
        "Claim": claim.quote_zh if s.lang == "zh" else claim.claim_en,
    }


def claims_table(claims: list[ClaimResult], s: Style, compact: bool = False) -> RenderableType:
    """A row per claim, with the claim's words if the page has room for them (30 columns),
    the section if it has room, the stated value wrapped if it must be (never inside a
    figure); too narrow for a table, a line of words per claim."""
    cells = [_cells(claim, s, compact) for claim in claims]

    def build(headers: list[str], wrapped: str | None = None, room: int = 0) -> Table:
        table = new_table(None)
        for header in headers:
            table.add_column(
                s.t(header),
                justify="right" if header == "Recomputed" else "left",
                no_wrap=True,
            )
        for row in cells:
            shown = []
            for header in headers:
                cell = row[header]
                if header == wrapped:
                    text = cell.plain if isinstance(cell, Text) else cell
                    cell = "\n".join(wrap(text, room, "  " if header == "Claim" else ""))
                shown.append(cell)
            table.add_row(*shown)
        return table

    def with_room(headers: list[str], wrapped: str, least: int) -> Table | None:
        rest = table_width(build([h for h in headers if h != wrapped]))
        room = s.width - rest - 2
        if room < least:
            return None
        table = build(headers, wrapped, room)
        return table if table_width(table) <= s.width else None

    layouts: list[Table | None] = []
    if not compact:
        widest = ["ID", "§", "Stated", "Recomputed", "Verdict", "Claim"]
        layouts.append(with_room(widest, "Claim", 30))
    for headers in (
        ["ID", "§", "Stated", "Recomputed", "Verdict"],
        ["ID", "Stated", "Recomputed", "Verdict"],
    ):
        table = build(headers)
        layouts.append(table if table_width(table) <= s.width else None)
    layouts.append(with_room(["ID", "Stated", "Recomputed", "Verdict"], "Stated", 12))
    for table in layouts:
        if table is not None:
            return table
    lines = [
        s.t(
            "{id}: {stated} -> {recomputed}, {verdict}",
            id=row["ID"],
            stated=row["Stated"],
            recomputed=row["Recomputed"] or DASH,
            verdict=row["Verdict"].plain if isinstance(row["Verdict"], Text) else row["Verdict"],
        )
        for row in cells
    ]
    return Text("\n".join(line for text in lines for line in wrap(text, s.width, "  ")))


def claims_notes(result: ClaimsResult, s: Style) -> list[str]:
    n = result.summary
    fx = (
        s.t("annual averages")
        if result.fx == "annual"
        else s.t("{rate} CNY per USD", rate=result.fx)
    )
    notes = [
        s.t(
            "{total} claims: {checked} checked against the filings ({holds} hold, {close} "
            "close, {fails} fail, {unknown} unknown), {insufficient} undecided on incomplete "
            "groups, {internal} checked against the article's own numbers ({consistent} "
            "consistent, {inconsistent} inconsistent), {cited} cited (outside the records).",
            total=sum(n.values()),
            checked=n["holds"] + n["close"] + n["fails"] + n["unknown"],
            holds=n["holds"],
            close=n["close"],
            fails=n["fails"],
            unknown=n["unknown"],
            insufficient=n.get("insufficient", 0),
            internal=n.get("consistent", 0) + n.get("inconsistent", 0),
            consistent=n.get("consistent", 0),
            inconsistent=n.get("inconsistent", 0),
            cited=n["cited"],
        ),
        s.t(
            "Recomputed with {align} alignment, FX: {fx}; each recomputed claim's verdict under "
            "the other choices: `capex claims ID`.",
            align=s.t(result.align),
            fx=fx,
        ),
        as_of_note(result.as_of, s),
    ]
    if result.as_of.date is not None or result.as_of.first_reported:
        moved = [c for c in result.claims if c.moved and c.latest is not None]
        notes.append(
            s.t(
                "Moved by the latest filings: {claims}.",
                claims="; ".join(
                    f"{c.id} {_recomputed(c)} {s.t(c.verdict)} -> "
                    f"{claim_value(c.latest.recomputed, c.unit, c.stated.get('text', ''))} "
                    f"{s.t(c.latest.verdict)}"
                    for c in moved
                    if c.latest is not None
                )
                or s.t("none"),
            )
        )
    short = [c for c in result.claims if c.verdict == "insufficient"]
    if short:
        notes.append(
            s.t(
                "insufficient = recomputed on part of a group, and some value of the missing "
                "figures within their bounds would turn the verdict: {ids}.",
                ids="; ".join(f"{c.id} ({'; '.join(c.partial)})" for c in short),
            )
        )
    decided = [c.id for c in result.claims if c.bounds is not None and c.bounds.decided]
    if decided:
        notes.append(
            s.t(
                "Decided on part of a group (no value of the missing figures within their "
                "bounds turns the verdict; each claim's detail shows the bounds): {ids}.",
                ids=", ".join(decided),
            )
        )
    overtaken = [c.id for c in result.claims if c.forecast_overtaken]
    if overtaken:
        notes.append(
            s.t(
                "Forecasts the filings have overtaken (the actual went past the number "
                "forecast): {ids}.",
                ids=", ".join(overtaken),
            )
        )
    partial = [
        c.id
        for c in result.claims
        if c.kind == "recomputed" and not c.complete and c.verdict != "insufficient"
    ]
    if partial:
        notes.append(
            s.t(
                "? = recomputed from incomplete records (figures missing): {ids}.",
                ids=", ".join(partial),
            )
        )
    moved = [c.id for c in result.claims if len({choice.verdict for choice in c.sensitivity}) > 1]
    if moved:
        notes.append(
            s.t("Verdict depends on the alignment or FX choice: {ids}.", ids=", ".join(moved))
        )
    return notes


def claim_text(claim: ClaimResult, s: Style, field: str) -> str | None:
    """A text of the claims file in this style's language: its ``_zh`` twin under ``--lang
    zh`` where the file gives one (the English otherwise)."""
    english = getattr(claim, field)
    if s.lang != "zh":
        return english
    chinese = getattr(claim, f"{field}_zh", None)
    return chinese if chinese is not None else english


def _explanation(claim: ClaimResult, s: Style) -> str:
    if s.lang != "zh" or claim.explanation_zh is None:
        return claim.explanation
    if not claim.notes:
        return claim.explanation_zh
    return claim.explanation_zh + "（" + "；".join(translate_message(n) for n in claim.notes) + "）"


def claim_detail(result: ClaimsResult, s: Style) -> list[RenderableType]:
    renderables: list[RenderableType] = []
    zh = s.lang == "zh"
    for claim in result.claims:
        head = Text(
            s.t(
                "{id} · section {section} · {kind} · ",
                id=claim.id,
                section=claim.section,
                kind=s.t(claim.kind),
            )
        )
        head.append(_verdict(claim, s))
        lines: list[RenderableType] = [
            head,
            paragraph(claim.quote_zh, s.width, first="  ", indent="  "),
        ]
        if not zh:
            lines.append(paragraph(claim.claim_en, s.width, first="  ", indent="  "))
        fields: list[tuple[str, str]] = [("Stated:", stated_text(claim, s))]
        if claim.kind != "cited":
            fields.append(("Recomputed:", _recomputed(claim)))
        if claim.latest is not None and claim.kind != "cited":
            fields.append(("Latest:", _latest(claim, s)))
        tolerance = claim_text(claim, s, "tolerance")
        if tolerance:
            fields.append(("Tolerance:", tolerance))
        fields.append(("Method:", translate_message(claim.method) if zh else claim.method))
        attribution = claim_text(claim, s, "attribution")
        if attribution:
            fields.append(("Attributed:", attribution))
        fields.append(("Why:", _explanation(claim, s)))
        if claim.partial:
            fields.append(
                (
                    "Partial:",
                    s.t(
                        "{groups} (a group misses these members: Bounds says whether they "
                        "could turn the verdict)",
                        groups="; ".join(claim.partial),
                    ),
                )
            )
        if claim.bounds is not None:
            fields.append(("Bounds:", bounds_words(claim, s)))
        if claim.forecast_overtaken:
            fields.append(("Forecast:", overtaken_words(claim, s)))
        if claim.reading_search is not None:
            fields.append(("Readings:", readings_words(claim, s)))
        scope = scope_words(result.groups, result.like_for_like, s)
        if scope:
            fields.append(("Groups:", scope))
        if claim.missing:
            missing = [translate_message(m) if zh else m for m in claim.missing]
            fields.append(
                (
                    "Missing:",
                    s.t(
                        "{missing} (add them to the data to complete it)",
                        missing="; ".join(missing),
                    ),
                )
            )
        labels = [s.t(label) for label, _ in fields]
        pad = max(cell_len(label) for label in labels) + 1
        for label, (_, value) in zip(labels, fields, strict=True):
            first = label + " " * (pad - cell_len(label))
            lines.append(paragraph(value, s.width, first=first, indent=" " * pad))
        renderables += lines
        if claim.inputs:
            renderables.append(Text(""))
            renderables += sources_table(SourcesResult(claim.inputs), s, "Figures used")
        if claim.sensitivity:
            renderables.append(Text(""))
            renderables.append(
                paragraph(
                    s.t("Sensitivity: the two choices the article does not state"),
                    s.width,
                    indent="",
                )
            )
            renderables.append(Text(""))
            table = new_table(None)
            for header in ("Alignment", "FX (CNY per USD)", "Recomputed", "Verdict"):
                table.add_column(s.t(header), justify="right" if header == "Recomputed" else "left")
            text = claim.stated.get("text", "")
            for choice in claim.sensitivity:
                table.add_row(
                    s.t(choice.align),
                    s.t("annual averages") if choice.fx == "annual" else choice.fx,
                    claim_value(choice.recomputed, claim.unit, text),
                    Text(s.t(choice.verdict), style=VERDICT_STYLES.get(choice.verdict, "")),
                )
            renderables.append(table)
        renderables += readings_block(claim, s)
        renderables.append(Text(""))
    return renderables
