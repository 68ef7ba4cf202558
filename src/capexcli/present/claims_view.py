"""The claims ledger as a table, and one claim in full."""

from __future__ import annotations

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from ..results import ClaimResult, ClaimsResult, SourcesResult
from .as_of_note import as_of_note
from .console import new_table, tables_with_notes
from .style import DASH, Style
from .tables import sources_table

VERDICT_STYLES = {
    "holds": "green",
    "close": "yellow",
    "fails": "bold red",
    "cited": "cyan",
    "unknown": "magenta",
    "insufficient": "magenta",
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


def _recomputed(claim: ClaimResult) -> str:
    text = claim.stated.get("text", "")
    if claim.recomputed_range is not None:
        low, high = claim.recomputed_range
        return f"{claim_value(low, claim.unit, text)} - {claim_value(high, claim.unit, text)}"
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
    if view == "detail":
        return claim_detail(result, s)
    return tables_with_notes([claims_table(result, s)], claims_notes(result, s))


def claims_table(result: ClaimsResult, s: Style) -> Table:
    title = s.t("The article's claims, checked")
    table = new_table(f"{title} ({len(result.claims)})")
    for header in ("ID", "§", "Claim", "Stated", "Recomputed", "Verdict"):
        table.add_column(
            s.t(header),
            justify="right" if header == "Recomputed" else "left",
            no_wrap=header in ("ID", "§", "Verdict", "Recomputed"),
            ratio=1 if header == "Claim" else None,
        )
    for claim in result.claims:
        table.add_row(
            claim.id,
            claim.section,
            claim.quote_zh if s.lang == "zh" else claim.claim_en,
            claim.stated.get("text", ""),
            _recomputed(claim) if claim.kind != "cited" else "",
            _verdict(claim, s),
        )
    return table


def claims_notes(result: ClaimsResult, s: Style) -> list[str]:
    n = result.summary
    fx = (
        s.t("annual averages")
        if result.fx == "annual"
        else s.t("{rate} CNY per USD", rate=result.fx)
    )
    notes = [
        s.t(
            "{total} claims: {checked} checked ({holds} hold, {close} close, {fails} fail, "
            "{unknown} unknown), {insufficient} on incomplete groups (no verdict), {cited} cited "
            "(outside the records).",
            total=len(result.claims),
            checked=n["holds"] + n["close"] + n["fails"] + n["unknown"],
            holds=n["holds"],
            close=n["close"],
            fails=n["fails"],
            unknown=n["unknown"],
            insufficient=n.get("insufficient", 0),
            cited=n["cited"],
        ),
        s.t(
            "Recomputed with {align} alignment, FX: {fx}; each recomputed claim's verdict under "
            "the other choices: `capex claims ID`.",
            align=result.align,
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
                "insufficient = recomputed on part of a group (a member has no figure), so "
                "neither held nor failed: {ids}.",
                ids="; ".join(f"{c.id} ({'; '.join(c.partial)})" for c in short),
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


def claim_detail(result: ClaimsResult, s: Style) -> list[RenderableType]:
    renderables: list[RenderableType] = []
    for claim in result.claims:
        head = Text(f"{claim.id} · section {claim.section} · {claim.kind} · ")
        head.append(_verdict(claim, s))
        lines: list[RenderableType] = [
            head,
            Text(f"  {claim.quote_zh}"),
            Text(f"  {claim.claim_en}"),
            Text(f"Stated:     {claim.stated.get('text', '')}"),
        ]
        if claim.kind != "cited":
            lines.append(Text(f"Recomputed: {_recomputed(claim)}"))
        if claim.latest is not None and claim.kind != "cited":
            lines.append(Text(s.t("Latest:     ") + _latest(claim, s)))
        if claim.tolerance:
            lines.append(Text(f"Tolerance:  {claim.tolerance}"))
        lines.append(Text(f"Method:     {claim.method}"))
        if claim.attribution:
            lines.append(Text(f"Attributed: {claim.attribution}"))
        lines.append(Text(f"Why:        {claim.explanation}"))
        if claim.partial:
            lines.append(
                Text(
                    "Partial:    "
                    + "; ".join(claim.partial)
                    + " (a group misses these members: no verdict until they are in the data)"
                )
            )
        if claim.missing:
            lines.append(
                Text(
                    "Missing:    "
                    + "; ".join(claim.missing)
                    + " (add them to the data to complete it)"
                )
            )
        renderables += lines
        if claim.inputs:
            renderables.append(Text(""))
            renderables.append(sources_table(SourcesResult(claim.inputs), s, "Figures used"))
        if claim.sensitivity:
            renderables.append(Text(""))
            renderables.append(Text("Sensitivity: the two choices the article does not state"))
            table = new_table(None)
            for header in ("Alignment", "FX (CNY per USD)", "Recomputed", "Verdict"):
                table.add_column(header, justify="right" if header == "Recomputed" else "left")
            text = claim.stated.get("text", "")
            for choice in claim.sensitivity:
                table.add_row(
                    choice.align,
                    "annual averages" if choice.fx == "annual" else choice.fx,
                    claim_value(choice.recomputed, claim.unit, text),
                    Text(s.t(choice.verdict), style=VERDICT_STYLES.get(choice.verdict, "")),
                )
            renderables.append(table)
        renderables.append(Text(""))
    return renderables
