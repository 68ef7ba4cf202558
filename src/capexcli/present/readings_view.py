"""A claim's readings, bounds and groups in words: the parts of the claims views that say
what a verdict rests on (used by the one-claim view and by `capex check`)."""

from __future__ import annotations

from rich.console import RenderableType
from rich.text import Text

from capexcli.present.catalog import translate, translate_message
from capexcli.present.claim_values import claim_value
from capexcli.present.console import paragraph
from capexcli.present.style import Style
from capexcli.results import ClaimResult, GroupUsed

#: Readings whose lines are listed in full; a group reading adds a dozen figures (--json).
LISTED_LINES = 6


def _value(claim: ClaimResult, value: float | None) -> str:
    return claim_value(value, claim.unit, claim.stated.get("text", ""))


def choice_words(text: str, s: Style) -> str:
    """One choice of a reading in this style's language."""
    if s.lang != "zh":
        return text
    if " + " in text and ", " not in text and ":" not in text:
        return " + ".join(translate(part) for part in text.split(" + "))
    return translate_message(text)


def _family_words(families: list[str], s: Style) -> str:
    return s.t(", ").join(s.t(f) for f in families) if s.lang == "zh" else ", ".join(families)


def readings_words(claim: ClaimResult, s: Style, short: bool = False) -> str:
    """ "reproduced by …" or "no reading of the N tried reproduces it (…)"."""
    search = claim.reading_search
    assert search is not None
    if claim.verdict == "holds":
        return s.t("the standard reading reproduces it ({n} readings tried)", n=search.tried)
    matching = [r for r in claim.readings if r.choices and r.reproduces]
    if matching and short:
        return s.t(
            "reproduced by {choices} ({value})",
            choices=s.t("; ").join(choice_words(c, s) for c in matching[0].choices),
            value=_value(claim, matching[0].value),
        )
    if matching:
        best = matching[0]
        return s.t(
            "reproduced by {choices} ({value}); {count} of the {n} readings tried reproduce it",
            choices=s.t("; ").join(choice_words(c, s) for c in best.choices),
            value=_value(claim, best.value),
            count=search.reproducing,
            n=search.tried,
        )
    if short:
        return s.t("no reading of the {n} tried reproduces it", n=search.tried)
    text = s.t(
        "no reading of the {n} tried reproduces it ({families})",
        n=search.tried,
        families=_family_words(search.families, s),
    )
    risky = [r for r in claim.readings if r.coincidence_risk]
    if risky:
        text += s.t(
            "; {n} match only with more than two departures (coincidence risk)", n=len(risky)
        )
    return text


def _who(missing: list[str], s: Style, short: bool = False) -> str:
    """ "kuaishou 2020-2023 capex" from "kuaishou 2020 capex", … company by company;
    ``short``: "kuaishou 2020-23 capex, OCF"."""
    found: dict[tuple[str, str], list[int]] = {}
    for item in missing:
        company, year, field = item.split(" ", 2)
        found.setdefault((company, field), []).append(int(year))
    by_company: dict[str, list[str]] = {}
    for (company, field), years in found.items():
        last = f"{max(years) % 100:02d}" if short else str(max(years))
        span = str(years[0]) if len(years) == 1 else f"{min(years)}-{last}"
        name = s.t("OCF" if short and field == "operating_cash_flow" else field.replace("_", " "))
        by_company.setdefault(company, []).append(f"{span} {name}")
    return "; ".join(f"{c} {', '.join(parts)}" for c, parts in by_company.items())


def bounds_words(claim: ClaimResult, s: Style, short: bool = False) -> str:
    """The verdict over the bounds of the missing figures; ``short`` leaves out the values and
    the bounding rule (for `capex check`'s one line of why)."""
    bounds = claim.bounds
    assert bounds is not None
    who = _who(bounds.missing, s, short)
    if short and bounds.decided is not None:
        return s.t("{verdict} whatever {who}", verdict=s.t(bounds.decided), who=who)
    rule = s.t(
        "each missing figure from zero to {multiple:g} times the largest its company (or, "
        "lacking any, its group) reports",
        multiple=bounds.multiple,
    )
    if bounds.decided is not None:
        return s.t(
            "{verdict} whatever {who}: {low} to {high} ({rule})",
            verdict=s.t(bounds.decided),
            who=who,
            low=_value(claim, bounds.low),
            high=_value(claim, bounds.high),
            rule=rule,
        )
    if bounds.holds_from is None or bounds.holds_to is None:
        return s.t(
            "depends on {who}: {low} to {high}, across the verdict ({rule})",
            who=who,
            low=_value(claim, bounds.low),
            high=_value(claim, bounds.high),
            rule=rule,
        )
    low, high, total = bounds.holds_from, bounds.holds_to, bounds.total
    if short:
        where = (
            s.t("holds below {x}", x=f"{high:,.0f}")
            if low <= 0.5
            else s.t("holds above {x}", x=f"{low:,.0f}")
            if high >= total - 0.5
            else s.t("holds at {a}-{b}", a=f"{low:,.0f}", b=f"{high:,.0f}")
        )
        return s.t("depends on {who}: {where}", who=who, where=where)
    if low <= 0.5:
        where = s.t("holds if they total below {x}", x=f"{high:,.0f}")
    elif high >= total - 0.5:
        where = s.t("holds if they total above {x}", x=f"{low:,.0f}")
    else:
        where = s.t("holds if they total {a} to {b}", a=f"{low:,.0f}", b=f"{high:,.0f}")
    return s.t(
        "depends on {who}: {where}, of 0 to {total} ({rule})",
        who=who,
        where=where,
        total=f"{total:,.0f}",
        rule=rule,
    )


def overtaken_words(claim: ClaimResult, s: Style) -> str:
    return s.t(
        "a forecast the filings have overtaken: {actual} against the {stated} forecast",
        actual=_value(claim, claim.recomputed),
        stated=claim.stated.get("text", ""),
    )


def _group_words(group: GroupUsed, s: Style) -> str | None:
    if not group.left_out:
        return None
    return s.t("{label}: without {ids}", label=_label(group, s), ids=", ".join(group.left_out))


def _label(group: GroupUsed, s: Style) -> str:
    return group.label_zh if s.lang == "zh" and group.label_zh else group.label


def scope_words(groups: list[GroupUsed], like_for_like: bool, s: Style) -> str | None:
    """What --exclude, --group, --label and --like-for-like changed, for titles and views."""
    parts = [w for g in groups if (w := _group_words(g, s)) is not None]
    for group in groups:
        if group.changed and not group.left_out:
            parts.append(s.t("{id} group: {label}", id=group.id, label=_label(group, s)))
    if like_for_like:
        parts.append(s.t("like for like"))
    return "; ".join(parts) or None


def readings_block(claim: ClaimResult, s: Style) -> list[RenderableType]:
    """The readings that reproduce the stated number, best first, each with its lines."""
    found = [r for r in claim.readings if r.choices]
    if not found or claim.reading_search is None:
        return []
    out: list[RenderableType] = [
        Text(""),
        paragraph(
            s.t(
                "Readings that match {stated} ({n} tried, fewest departures first)",
                stated=claim.stated.get("text", ""),
                n=claim.reading_search.tried,
            ),
            s.width,
            indent="",
        ),
    ]
    for k, reading in enumerate(found, 1):
        mark = s.t("reproduces") if reading.reproduces else s.t("coincidence risk")
        head = s.t(
            "{k}. {value}, {departures} departure(s), {mark}: {choices}",
            k=k,
            value=_value(claim, reading.value),
            departures=reading.departures,
            mark=mark,
            choices=s.t("; ").join(choice_words(c, s) for c in reading.choices),
        )
        out.append(paragraph(head, s.width, first="", indent="   "))
        if len(reading.lines) > LISTED_LINES:
            out.append(
                paragraph(
                    s.t("{n} figures (listed in --json)", n=len(reading.lines)),
                    s.width,
                    first="   ",
                    indent="   ",
                )
            )
            continue
        documents = {line.document for line in reading.lines}
        for line in reading.lines:
            text = f"{line.value:,.0f}  {line.label}"
            if len(documents) > 1 and line.document:
                text += f" ({line.document})"
            out.append(paragraph(text, s.width, first="   ", indent="     "))
        if len(documents) == 1 and None not in documents:
            out.append(
                paragraph(
                    s.t("all from: {document}", document=next(iter(documents))),
                    s.width,
                    first="   ",
                    indent="     ",
                )
            )
    return out
