"""Company-facts JSON -> the annual figures of one company, one per fiscal year and field.

A company-facts document lists each fact once per filing that reported it: a year's capex
appears in that year's 10-K and again, as a comparative, in the next two. Facts are keyed on
their period (start, end), never on ``fy``/``frame``, which describe the filing.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from capexcli.errors import SecFactsError
from capexcli.importers.sec.document import (
    FIELD_TAGS,
    GAAP,
    MalformedFacts,
    cik_of,
    entity_name,
    parse_row,
    printable,
    tag_entry,
)

if TYPE_CHECKING:
    from capexcli.model.records import Company, Version

ANNUAL_FORMS = frozenset({"10-K", "10-K/A", "20-F", "20-F/A"})
#: A fiscal year of 52 or 53 weeks is 364 or 371 days; anything else near a year is a
#: transition period or a mistake, and quarters are far away.
ANNUAL_DAYS = (350, 380)
CURRENCIES = ("USD", "CNY")
#: How far a period end may sit from the nominal fiscal-year end; as in records.py.
PERIOD_END_SLACK_DAYS = 7


@dataclass(frozen=True)
class Fact:
    """One annual figure of one tag, after deduplication across filings."""

    tag: str
    label: str
    unit: str
    start: date
    end: date
    value: Decimal
    form: str
    filed: date
    accession: str
    #: Every annual filing of the period, oldest first, this one included (annual_facts).
    history: tuple[Fact, ...] = field(default=(), compare=False, repr=False)

    def runs(self) -> list[Fact]:
        """The first filing of each value the period had, oldest first: where a filing
        changed the value, a new run starts. The last is this fact's value."""
        firsts: list[Fact] = []
        for fact in self.history or (self,):
            if not firsts or fact.value != firsts[-1].value:
                firsts.append(fact)
        return firsts


@dataclass(frozen=True)
class Extracted:
    """A figure ready for the data file: millions of ``currency``, with its provenance."""

    field: str
    fiscal_year: int
    value: int | float
    currency: str
    #: The latest filing of the period.
    fact: Fact

    # What every imported figure tells the data file (see stub.Importable): an SEC figure
    # cites its filing in ``source`` and names no document key or page.
    document: None = None
    page: None = None
    note: None = None

    @property
    def period_end(self) -> date:
        return self.fact.end

    @property
    def line(self) -> str:
        return self.fact.label

    @property
    def first(self) -> Fact:
        """The first filing that gave the latest value: what the figure cites and dates."""
        return self.fact.runs()[-1]

    @property
    def versions(self) -> list[Fact]:
        """The first filing of each earlier value, oldest first (restatements)."""
        return self.fact.runs()[:-1]

    @property
    def source(self) -> str:
        return fact_source(self.first)

    @property
    def filed(self) -> date:
        return self.first.filed

    @property
    def earlier(self) -> tuple[Version, ...]:
        from capexcli.model.records import Version

        return tuple(
            Version(value=to_millions(v.value), date=v.filed, source=fact_source(v))
            for v in self.versions
        )


def fact_source(f: Fact) -> str:
    """A filing of a fact, as the source a figure or version cites."""
    return (
        f"SEC XBRL company facts: {f.form} filed {f.filed.isoformat()}, "
        f"accession {f.accession}, tag {GAAP}:{f.tag}"
    )


@dataclass
class Extraction:
    cik: int | None
    entity_name: str
    currency: str
    fiscal_year_end: str
    fiscal_year_label: Literal["end", "start"]
    figures: list[Extracted]
    notes: list[str] = field(default_factory=list)

    def years(self) -> list[int]:
        return sorted({f.fiscal_year for f in self.figures})


def annual_facts(document: dict[str, Any], tag: str, unit: str) -> list[Fact]:
    """The annual figures of ``us-gaap:tag`` in ``unit``, one per period, latest filing first.

    Annual: from a 10-K, 20-F or their amendments, over 350-380 days. When several filings
    give the same (start, end), the latest filed wins, so a restatement or an amendment
    replaces the original figure.
    """
    # A bad value raises MalformedFacts, which extract() prefixes with the document's name.
    entry = tag_entry(document, tag)
    if entry is None:
        return []
    label, units = entry
    rows = [parse_row(row, tag, unit, i) for i, row in enumerate(units.get(unit) or [])]
    best: dict[tuple[date, date], tuple[tuple[date, bool, str], Fact]] = {}
    every: dict[tuple[date, date], list[tuple[tuple[date, bool, str], Fact]]] = {}
    for row in rows:
        if row.start is None or row.form not in ANNUAL_FORMS:
            continue  # an instant, or a quarter's filing: not a year's cash flow
        if not ANNUAL_DAYS[0] <= (row.end - row.start).days <= ANNUAL_DAYS[1]:
            continue
        fact = Fact(
            tag, label, unit, row.start, row.end, row.value, row.form, row.filed, row.accession
        )
        # The amendment flag breaks a tie of filing dates: a 10-K/A filed with its 10-K.
        rank = (fact.filed, fact.form.endswith("/A"), fact.accession)
        key = (fact.start, fact.end)
        every.setdefault(key, []).append((rank, fact))
        if key not in best or rank > best[key][0]:
            best[key] = (rank, fact)
    return sorted(
        (
            dataclasses.replace(fact, history=tuple(f for _, f in sorted(every[key], key=_rank)))
            for key, (_, fact) in best.items()
        ),
        key=lambda f: f.end,
    )


def _rank(pair: tuple[tuple[date, bool, str], Fact]) -> tuple[date, bool, str]:
    return pair[0]


def to_millions(value: Decimal) -> int | float:
    """Units -> millions: an integer when exact, else rounded to three decimals."""
    millions = value / Decimal(1_000_000)
    if millions == millions.to_integral_value():
        return int(millions)
    return float(round(millions, 3))


def extract(
    document: dict[str, Any],
    origin: str,
    *,
    company: Company | None = None,
    years: tuple[int, int] | None = None,
) -> Extraction:
    """The annual figures of a company-facts document, one per fiscal year and field.

    With ``company`` (from a data file), its currency and fiscal-year end decide which unit
    is read and how years are labelled; without, the unit with the most annual figures is
    read and the fiscal-year end is inferred from the period ends.
    """
    try:
        return _extract(document, origin, company, years)
    except MalformedFacts as exc:
        raise SecFactsError(f"{origin}: {exc.message}") from None


def _extract(
    document: dict[str, Any],
    origin: str,
    company: Company | None,
    years: tuple[int, int] | None,
) -> Extraction:
    from capexcli.model.records import FIGURE_FIELDS, NON_NEGATIVE_FIELDS

    cik = cik_of(document)
    name = entity_name(document)
    who = f"{origin} ({printable(name)})"
    if all(tag_entry(document, tag) is None for tag in FIELD_TAGS["capex"]):
        raise SecFactsError(f"{who}: {_no_capex_message(document)}")
    currency = company.currency if company is not None else _dominant_unit(document, who)
    by_field = {
        field_name: [(tag, annual_facts(document, tag, currency)) for tag in tags]
        for field_name, tags in FIELD_TAGS.items()
    }
    all_facts = [f for tagged in by_field.values() for _, facts in tagged for f in facts]
    if not all_facts:
        units = _units(document)
        raise SecFactsError(
            f"{who}: no annual figures in {currency} (10-K, 10-K/A, 20-F or 20-F/A over about "
            f"a year) for the cash-flow tags capex reads"
            + (f"; the tags are filed in {', '.join(units)}" if units else "")
        )
    if company is not None:
        fy_end, label = company.fiscal_year_end, company.fiscal_year_label
    else:
        fy_end, label = infer_fiscal_year_end([f.end for f in all_facts]), "end"
    month, day = (int(part) for part in fy_end.split("-"))
    notes: list[str] = []
    off_calendar: set[date] = set()
    figures: list[Extracted] = []
    for field_name in FIGURE_FIELDS:
        chosen: dict[int, Fact] = {}
        for _, facts in by_field[field_name]:
            per_year: dict[int, Fact] = {}
            for fact in facts:
                fy = fiscal_year_of(fact.end, month, day, label)
                if fy is None:
                    off_calendar.add(fact.end)
                    continue
                held = per_year.get(fy)
                if held is None or (fact.filed, fact.end) > (held.filed, held.end):
                    per_year[fy] = fact
            for fy, fact in per_year.items():
                chosen.setdefault(fy, fact)  # an earlier (preferred) tag keeps its year
        for fy, fact in sorted(chosen.items()):
            if years is not None and not years[0] <= fy <= years[1]:
                continue
            if fact.value < 0 and field_name in NON_NEGATIVE_FIELDS:
                notes.append(
                    f"FY{fy} {field_name}: {GAAP}:{fact.tag} is negative ({fact.value}); "
                    "left out, since cash outflows are entered as positive"
                )
                continue
            figures.append(Extracted(field_name, fy, to_millions(fact.value), currency, fact))
    all_off = bool(off_calendar) and off_calendar == {f.end for f in all_facts}
    if all_off:
        whose = f" of {company.id}" if company is not None else ""
        ends = ", ".join(sorted(d.isoformat() for d in off_calendar)[-3:])
        raise SecFactsError(
            f"{who}: no annual period ends within {PERIOD_END_SLACK_DAYS} days of the "
            f"fiscal-year end {fy_end}{whose} (the filings' years end on {ends}); "
            "is it the right company?"
        )
    if years is not None:  # a change of fiscal year long ago is not news for --years 2025
        off_calendar = {d for d in off_calendar if years[0] <= d.year <= years[1] + 1}
    if off_calendar:
        listed = sorted(d.isoformat() for d in off_calendar)
        ends = ", ".join(listed[-5:]) + (f" and {len(listed) - 5} more" if len(listed) > 5 else "")
        notes.append(
            f"periods ending {ends} left out: more than {PERIOD_END_SLACK_DAYS} days from the "
            f"fiscal-year end {fy_end} (a change of fiscal year?)"
        )
    if not figures:
        found = sorted({fiscal_year_of(f.end, month, day, label) or 0 for f in all_facts} - {0})
        span = f"{found[0]}-{found[-1]}" if found else "none"
        wanted = f"{years[0]}-{years[1]}" if years else "any year"
        raise SecFactsError(f"{who}: no figures for {wanted}; fiscal years in the file: {span}")
    return Extraction(cik, name, currency, fy_end, label, figures, notes)


def fiscal_year_of(end: date, month: int, day: int, label: str = "end") -> int | None:
    """The fiscal-year label of a period ending on ``end``, keyed on the end date.

    The nominal end nearest ``end`` names the year (a 52/53-week year ending on 2 January
    belongs to the year of the 31 December before it, as :mod:`capexcli.model.records` checks);
    None when ``end`` is more than a week from any nominal end.
    """
    nominal = min(
        (date(y, month, day) for y in (end.year - 1, end.year, end.year + 1)),
        key=lambda d: abs(d - end),
    )
    if abs((end - nominal).days) > PERIOD_END_SLACK_DAYS:
        return None
    return nominal.year if label == "end" else nominal.year - 1


def infer_fiscal_year_end(ends: Iterable[date]) -> str:
    """The ``MM-DD`` fiscal-year end that the most period ends fit within a week of.

    Month ends are preferred on a tie: a 52/53-week year ending on the last Saturday of
    September (24-30 September) fits 09-30, the way filers state it.
    """
    ends = sorted(set(ends))
    candidates: list[tuple[int, int]] = []
    for end in ends:
        month = end.month if end.day >= 15 else (end.month - 2) % 12 + 1
        candidates.append((month, _last_day(month)))
    candidates += [(end.month, min(end.day, 28) if end.month == 2 else end.day) for end in ends]
    best = max(
        dict.fromkeys(candidates),  # month ends first, order kept, duplicates dropped
        key=lambda md: sum(fiscal_year_of(end, *md) is not None for end in ends),
    )
    return f"{best[0]:02d}-{best[1]:02d}"


def _last_day(month: int) -> int:
    # 28 for February: a fiscal year cannot end on the 29th (records.py rejects it).
    return (date(2001, month % 12 + 1, 1) - date(2001, month, 1)).days if month < 12 else 31


def _units(document: dict[str, Any]) -> list[str]:
    found = set()
    for tags in FIELD_TAGS.values():
        for tag in tags:
            entry = tag_entry(document, tag)
            found |= set(entry[1]) if entry is not None else set()
    return sorted(printable(unit, 40) for unit in found)


def _dominant_unit(document: dict[str, Any], who: str) -> str:
    # A 20-F filer reports in CNY and adds a USD "convenience translation" of the latest year
    # only, so the reporting currency is the unit with the most annual figures.
    counts: Counter[str] = Counter()
    for tags in FIELD_TAGS.values():
        for tag in tags:
            for unit in CURRENCIES:
                counts[unit] += len(annual_facts(document, tag, unit))
    if not counts or max(counts.values()) == 0:
        others = [u for u in _units(document) if u not in CURRENCIES]
        if others:
            raise SecFactsError(
                f"{who}: figures are filed in {', '.join(others)}; capex handles USD and CNY"
            )
        raise SecFactsError(
            f"{who}: no annual figures (10-K, 10-K/A, 20-F or 20-F/A over about a year) for "
            "the cash-flow tags capex reads"
        )
    return max(CURRENCIES, key=lambda unit: counts[unit])


def _no_capex_message(document: dict[str, Any]) -> str:
    facts: dict[str, dict[str, Any]] = document["facts"]
    listed = sorted(facts.items())
    spaces = ", ".join(
        f"{printable(ns, 40)} ({len(tags)} tag{'' if len(tags) == 1 else 's'})"
        for ns, tags in listed[:10]
    ) + (f" and {len(listed) - 10} more namespaces" if len(listed) > 10 else "")
    hints = [
        f"{printable(ns, 40)}:{printable(tag, 120)}"
        for ns, tags in listed
        for tag in sorted(tags)
        if "PropertyPlantAndEquipment" in tag and tag.startswith(("Purchase", "Payments"))
    ][:3]
    message = (
        f"no US-GAAP capex tag ({GAAP}:{FIELD_TAGS['capex'][0]} or "
        f"{GAAP}:{FIELD_TAGS['capex'][1]}); the file has {spaces or 'no facts'}"
    )
    if hints:
        message += f", e.g. {', '.join(hints)}"
    if GAAP not in facts:
        message += "; capex import sec reads US-GAAP filers only (an IFRS filer is typed by hand)"
    return message
