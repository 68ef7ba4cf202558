"""``capex compare``: the two group tables, the coverage of each group-year, and the footnotes
that say what every total adds and rests on."""

from __future__ import annotations

import os
from collections.abc import Sequence

from rich.console import RenderableType

from capexcli.present.as_of_note import as_of_note
from capexcli.present.catalog import ALIGN_ZH
from capexcli.present.console import Marked, Row, fitted, tables_with_notes
from capexcli.present.style import DASH, MARK, Style, one_to, percent, year_list
from capexcli.results import (
    Absent,
    CompareResult,
    FxUsed,
    GroupFigures,
    GroupInfo,
    Missing,
    Totals,
    YearComparison,
)

#: The default wording of the describe_* helpers.
ENGLISH = Style()


def _shaky(group: GroupFigures, field: str) -> bool:
    return bool(group.not_confirmed_share.get(field))


def compare_view(result: CompareResult, s: Style, view: str | None = None) -> list[RenderableType]:
    """The tables, then the footnotes: the few a reader needs (``view`` ``notes``: every one)."""
    if view == "notes":
        notes = compare_notes(result, s)
        notes = notes[:2] + coverage_notes(result, s) + notes[2:]
    else:
        notes = brief_notes(result, s)
    return tables_with_notes(compare_tables(result, s), notes, s.width)


def _partial(text: str, complete: bool) -> str:
    """A value of a partial group-year, in brackets: readable without colour."""
    return text if complete or text == DASH else f"[{text}]"


def _year_label(row: YearComparison, measure: str) -> str:
    """``2025``, or ``2025 (CN 2/7)`` when a group misses members for the measure."""
    gaps = [
        f"{region} {c.reported}/{c.members}"
        for region, group in (("US", row.us), ("CN", row.cn))
        if (c := group.coverage.get(measure)) is not None and not c.complete
    ]
    return f"{row.year} ({', '.join(gaps)})" if gaps else str(row.year)


def _total_label(totals: Totals, measure: str, s: Style) -> str:
    """The totals row: the span, or the years it adds when partial years were left out."""
    if not totals.left_out.get(measure):
        return totals.label
    added = totals.years_by_measure.get(measure, [])
    return s.t("total {years}", years=year_list(added)) if added else s.t("total: none")


def _complete(group: GroupFigures, measure: str) -> bool:
    cover = group.coverage.get(measure)
    return cover is None or cover.complete


def amount_cell(group: GroupFigures, measure: str, s: Style) -> Marked:
    """A group's amount for a measure: [bracketed] if partial, marked if not all confirmed."""
    return Marked(
        _partial(s.amount(getattr(group, measure)), _complete(group, measure)),
        _shaky(group, measure),
    )


def compare_tables(result: CompareResult, s: Style) -> list[RenderableType]:
    """Two tables, capex and shareholder returns, so each fits an 80-column terminal; on a
    narrower page (or with wider Chinese headers) a table splits into fewer columns.

    A value that rests on part of a group (a member has no figure) is in [brackets] and its
    year says how many members report; the totals row says which years it adds."""
    unit = s.unit_label(result.currency)
    t = result.totals
    capex_rows: list[Row] = []
    returns_rows: list[Row] = []
    # A later year that only some members have reported stands apart (later_table), so the
    # table ends with the latest year both groups have filed, not with the least complete one.
    lines: list[tuple[YearComparison | Totals, bool]] = [
        (r, False) for r in result.years if r.year not in result.later_years
    ]
    lines.append((t, True))
    for line, total in lines:
        us, cn = line.us, line.cn
        label = _total_label(t, "capex", s) if total else _year_label(line, "capex")  # type: ignore[arg-type]
        whole = line.complete if not t.partial_included or not total else t.complete
        capex_rows.append(
            (
                [
                    label,
                    amount_cell(us, "capex", s),
                    amount_cell(cn, "capex", s),
                    _partial(one_to(line.us_to_cn_capex_ratio), whole),
                    _partial(percent(us.capex_to_ocf), _complete(us, "capex_to_ocf")),
                    _partial(percent(cn.capex_to_ocf), _complete(cn, "capex_to_ocf")),
                ],
                total,
            )
        )
        label = (
            _total_label(t, "shareholder_returns", s)
            if total
            else _year_label(line, "shareholder_returns")  # type: ignore[arg-type]
        )
        returns_rows.append(
            (
                [
                    label,
                    amount_cell(us, "shareholder_returns", s),
                    amount_cell(cn, "shareholder_returns", s),
                    _partial(percent(us.returns_to_capex), _complete(us, "returns_to_capex")),
                    _partial(percent(cn.returns_to_capex), _complete(cn, "returns_to_capex")),
                ],
                total,
            )
        )
    more = s.t("(continued)")
    headers = ["US capex", "CN capex", "CN : US", "US\ncapex/OCF", "CN\ncapex/OCF"]
    capex = fitted(
        s.width,
        f"{capex_title(result, s)} ({unit})",
        s.t("Year"),
        [s.t(h) for h in headers],
        capex_rows,
        more,
    )
    headers = ["US returns", "CN returns", "US\nreturns/capex", "CN\nreturns/capex"]
    returns = fitted(
        s.width,
        f"{s.t('Shareholder returns: buybacks + dividends')} ({unit})",
        s.t("Year"),
        [s.t(h) for h in headers],
        returns_rows,
        more,
    )
    return [*capex, *returns, *later_table(result, s)]


def later_table(result: CompareResult, s: Style) -> list[RenderableType]:
    """The years after the latest complete one, under their own heading: capex and returns
    of each group as reported so far, every partial value in [brackets]."""
    later = [r for r in result.years if r.year in result.later_years]
    if not later:
        return []
    rows: list[Row] = []
    waiting: list[str] = []
    for row in later:
        us, cn = row.us, row.cn
        rows.append(
            (
                [
                    _year_label(row, "capex"),
                    amount_cell(us, "capex", s),
                    amount_cell(cn, "capex", s),
                    _partial(one_to(row.us_to_cn_capex_ratio), row.complete),
                    amount_cell(us, "shareholder_returns", s),
                    amount_cell(cn, "shareholder_returns", s),
                ],
                False,
            )
        )
        missing = row.us.coverage["capex"].missing + row.cn.coverage["capex"].missing
        waiting.append(
            s.t("{year}, no capex yet from {missing}", year=row.year, missing=", ".join(missing))
        )
    title = s.t(
        "Reported so far, not comparable ({unit}): {waiting}",
        unit=s.unit_label(result.currency),
        waiting="; ".join(waiting),
    )
    headers = ["US\ncapex", "CN\ncapex", "CN : US", "US\nreturns", "CN\nreturns"]
    return fitted(
        s.width,
        title,
        s.t("Year"),
        [s.t(h) for h in headers],
        rows,
        s.t("(continued)"),
    )


def brief_notes(result: CompareResult, s: Style) -> list[str]:
    """The footnotes of the default view, about ten lines: what the columns mean, the rules,
    what is partial and what is not confirmed; --notes gives every one."""
    notes = [
        s.t(
            "CN : US = China's capex to the US group's (the article's 1:6, 1:10); capex/OCF = "
            "capex / operating cash flow."
        )
    ]
    fx = ""
    if result.fx and all(f.status == "override" for f in result.fx):
        fx = s.t("FX {rate} CNY per USD (--fx).", rate=result.fx[0].rate)
    elif result.fx:
        shaky = [f.year for f in result.fx if f.status != "confirmed"]
        fx = s.t("FX: annual average CNY per USD")
        if shaky:
            fx += s.t(" ({years} not yet confirmed)", years=year_list(shaky))
        fx += s.t(".")
    years = s.t(
        "Years: {align} alignment ({short}).",
        align=s.t(result.align),
        short=s.t(SHORT_RULES[result.align]),
    )
    # Chinese sentences follow each other without a space.
    notes.append(years + ("" if not fx else fx if s.lang == "zh" else " " + fx))
    gaps: dict[str, list[int]] = {}
    for row in result.years:
        if row.year in result.later_years:
            continue
        for group in (row.us, row.cn):
            for company in group.coverage["capex"].missing:
                gaps.setdefault(company, []).append(row.year)
    partial = s.t("[ ] = partial: a member has no figure, so not comparable")
    if gaps:
        partial += s.t(
            " (no capex: {gaps})",
            gaps="; ".join(f"{c} {year_list(ys)}" for c, ys in gaps.items()),
        )
    notes.append(partial + s.t("; totals add only years complete in both groups."))
    groups = (("US", result.totals.us), ("CN", result.totals.cn))
    shares = [
        s.t("{region} capex {share}", region=region, share=percent(share))
        for region, group in groups
        if (share := group.not_confirmed_share.get("capex"))
    ]
    notes += shares_note(
        shares, "{mark} rests partly on figures not confirmed in company filings: {shares}.", s
    )
    if result.as_of.date is not None or result.as_of.first_reported:
        notes.append(as_of_note(result.as_of, s))
    notes += result.notes
    notes.append(s.t("More: --notes; `capex explain YEAR` lists the companies behind a cell."))
    return notes


#: The alignment rules in a few words, for the default view's footnotes.
SHORT_RULES: dict[str, str] = {
    "majority": "the calendar year with most of a fiscal year's months",
    "label": "the year of the fiscal year's own label",
}


def coverage_notes(result: CompareResult, s: Style) -> list[str]:
    """Which group-years are partial, and which years the totals add."""
    gaps: list[str] = []
    for row in result.years:
        for region, group in (("US", row.us), ("CN", row.cn)):
            cover = group.coverage.get("capex")
            if cover is not None and not cover.complete:
                gaps.append(
                    s.t(
                        "{year} {region} {reported}/{members} (no capex: {missing})",
                        year=row.year,
                        region=region,
                        reported=cover.reported,
                        members=cover.members,
                        missing=", ".join(cover.missing),
                    )
                )
    notes: list[str] = []
    if gaps:
        notes.append(
            s.t(
                "[ ] = partial: the group misses members for that figure or ratio, so it is "
                "not comparable. Capex: {gaps}.",
                gaps="; ".join(gaps),
            )
        )
    t = result.totals
    labels = {
        "capex": "capex and CN : US",
        "operating_cash_flow": "operating cash flow",
        "capex_to_ocf": "capex/OCF",
        "shareholder_returns": "returns",
        "returns_to_capex": "returns/capex",
    }
    if any(t.left_out.values()):
        spans = "; ".join(
            f"{s.t(labels[m])} "
            + (year_list(t.years_by_measure[m]) if t.years_by_measure[m] else s.t("none"))
            for m in labels
        )
        if t.partial_included:
            notes.append(
                s.t(
                    "Totals include partial years (--partial), in [brackets]: {spans}.", spans=spans
                )
            )
        else:
            notes.append(
                s.t(
                    "Totals add only the years complete in both groups: {spans}. --partial adds "
                    "the others, marked.",
                    spans=spans,
                )
            )
    return notes


def group_labels(groups: Sequence[GroupInfo], s: Style) -> dict[str, str]:
    """``us`` and ``cn`` -> the groups' labels in this style's language."""
    labels = {"us": "US big four", "cn": "China seven"}
    for g in groups:
        labels[g.id] = (g.label_zh or g.label) if s.lang == "zh" else g.label
    return labels


def capex_title(result: CompareResult, s: Style) -> str:
    """The groups as the table compares them: their labels, or the counts of members kept when
    --like-for-like dropped some."""
    if any(result.dropped.values()) and result.years:
        row = result.years[0]
        return s.t(
            "Capex: US ({us}) vs China ({cn}), like for like",
            us=row.us.coverage["capex"].members,
            cn=row.cn.coverage["capex"].members,
        )
    labels = group_labels(result.groups, s)
    return s.t("Capex: {us} vs {cn}", us=labels["us"], cn=labels["cn"])


def years_note(align: str, rule: str, s: Style) -> str:
    """The fiscal-year rule in full."""
    return s.t(
        "Years: {align} alignment: {rule}.",
        align=align,
        rule=rule,
        rule_zh=ALIGN_ZH.get(align, align),
    )


def shares_note(shares: Sequence[str], template: str, s: Style) -> list[str]:
    """The note on the share of a total not confirmed in company filings, if any is."""
    return [s.t(template, mark=MARK, shares=", ".join(shares))] if shares else []


def compare_notes(result: CompareResult, s: Style) -> list[str]:
    notes = [
        s.t(
            "CN : US = China's capex to the US group's (the article's 1:6, 1:10); capex/OCF = "
            "capex / operating cash flow."
        ),
        years_note(result.align, result.align_rule, s),
        as_of_note(result.as_of, s),
    ]
    if result.fx:
        if all(f.status == "override" for f in result.fx):
            notes.append(
                s.t("FX: {rate} CNY per USD for every year (--fx).", rate=result.fx[0].rate)
            )
        else:
            rates = ", ".join(f"{f.year} {f.rate}" for f in result.fx)
            notes.append(
                s.t(
                    "FX, CNY per USD (annual average): {rates}. Source: {source}.",
                    rates=rates,
                    source=fx_source(result.fx, s),
                )
            )
            unconfirmed = [str(f.year) for f in result.fx if f.status != "confirmed"]
            if unconfirmed:
                notes.append(
                    s.t("FX rates not yet confirmed: {years}.", years=", ".join(unconfirmed))
                )
    notes.append(
        s.t(
            "Returns = buybacks + dividends. Each ratio adds only the companies that report all of "
            "its parts."
        )
    )
    groups = (("US", result.totals.us), ("CN", result.totals.cn))
    shaky = [
        f"{region} {describe_statuses(group.status_counts, s)}"
        for region, group in groups
        if sum(group.status_counts.values()) > group.status_counts.get("confirmed", 0)
    ]
    if shaky:
        notes.append(
            s.t(
                "{mark} rests partly on figures not confirmed in a company's own filing. Share "
                "of the totals: {shares}. By count: {counts}. `capex sources --status "
                "aggregator` lists them.",
                mark=MARK,
                shares="; ".join(
                    f"{region} {describe_shares(group.not_confirmed_share, s)}"
                    for region, group in groups
                ),
                counts="; ".join(shaky),
            )
        )
    missing = result.totals.us.missing + result.totals.cn.missing
    if missing:
        notes.append(
            s.t(
                "Missing figures (left out of totals): {missing}.",
                missing=describe_missing(missing, s),
            )
        )
    absent = result.totals.us.absent + result.totals.cn.absent
    if absent:
        notes.append(
            s.t("No record at all (left out of totals): {absent}.", absent=describe_absent(absent))
        )
    return notes + result.notes


def fx_source(fx: Sequence[FxUsed], s: Style = ENGLISH) -> str:
    sources = sorted({f.source for f in fx})
    if len(sources) == 1:
        return sources[0]
    # One series quoted from several yearly releases: name the series once, not six times.
    common = os.path.commonprefix(sources)  # noqa: RUF071 - text, not paths
    cut = common.rfind(", ")
    if cut > 0:
        return s.t(
            "{series} (each year's release: `capex compare --json`, fx[].source)",
            series=common[:cut],
        )
    return "; ".join(sources)


def describe_shares(shares: dict[str, float | None], s: Style = ENGLISH) -> str:
    labels = {"capex": "capex", "operating_cash_flow": "OCF", "shareholder_returns": "returns"}
    return ", ".join(f"{s.t(labels.get(k, k))} {percent(v)}" for k, v in shares.items())


def describe_statuses(counts: dict[str, int], s: Style = ENGLISH) -> str:
    total = sum(counts.values())
    others = {k: v for k, v in counts.items() if k != "confirmed" and v}
    detail = ", ".join(f"{s.t(k)} {v}" for k, v in others.items())
    return s.t(
        "{count} of {total} figures ({detail})",
        count=sum(others.values()),
        total=total,
        detail=detail,
    )


def describe_missing(missing: Sequence[Missing], s: Style = ENGLISH) -> str:
    by_company: dict[tuple[str, str], list[int]] = {}
    for item in missing:
        by_company.setdefault((item.company, item.field), []).append(item.fiscal_year)
    return "; ".join(
        f"{company} {s.t(field.replace('_', ' '))} FY{year_list(years)}"
        for (company, field), years in by_company.items()
    )


def describe_absent(absent: Sequence[Absent]) -> str:
    by_company: dict[str, list[int]] = {}
    for item in absent:
        by_company.setdefault(item.company, []).append(item.year)
    return "; ".join(f"{company} {year_list(years)}" for company, years in by_company.items())
