"""Annual cash-flow figures from the SEC's XBRL "company facts" JSON, as capex records.

Three parts, no printing: download a document (:func:`fetch_company_facts`), read the annual
figures out of it (:func:`extract`), and write them as TOML, either as a stub for the user to
paste (:func:`render_stub`) or merged into a data file's text (:func:`merge`), keeping every
comment and line of that file that does not change.

A company-facts document lists each fact once per filing that reported it: a year's capex
appears in that year's 10-K and again, as a comparative, in the next two. Facts are keyed on
their period (start, end), never on ``fy``/``frame``, which describe the filing.
"""

from __future__ import annotations

import dataclasses
import json
import re
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .edgar import BASE_URL_VAR, DEFAULT_BASE_URL, TICKERS, USER_AGENT_VAR
from .errors import (
    DataFileError,
    DataValidationError,
    NetworkError,
    OptionError,
    SecFactsError,
    WriteError,
)

if TYPE_CHECKING:
    from .records import Company, Dataset, Figure, FiscalYear

GAAP = "us-gaap"

#: Tags read for each field, in order of preference. The first tag with a figure for a
#: period wins for that period; the tag used is recorded in each figure's source.
FIELD_TAGS: dict[str, tuple[str, ...]] = {
    "capex": ("PaymentsToAcquirePropertyPlantAndEquipment", "PaymentsToAcquireProductiveAssets"),
    "operating_cash_flow": ("NetCashProvidedByUsedInOperatingActivities",),
    "buybacks": ("PaymentsForRepurchaseOfCommonStock",),
    "dividends": ("PaymentsOfDividends", "PaymentsOfDividendsCommonStock"),
    "debt_repayment": (
        "RepaymentsOfLongTermDebt",
        "RepaymentsOfDebt",
        "RepaymentsOfSeniorDebt",
        "RepaymentsOfUnsecuredDebt",
        "RepaymentsOfNotesPayable",
        "RepaymentsOfConvertibleDebt",
    ),
}

ANNUAL_FORMS = frozenset({"10-K", "10-K/A", "20-F", "20-F/A"})
#: A fiscal year of 52 or 53 weeks is 364 or 371 days; anything else near a year is a
#: transition period or a mistake, and quarters are far away.
ANNUAL_DAYS = (350, 380)
CURRENCIES = ("USD", "CNY")
#: How far a period end may sit from the nominal fiscal-year end; as in records.py.
PERIOD_END_SLACK_DAYS = 7

#: The SEC's fair-access limit is 10 requests a second per user.
MAX_REQUESTS_PER_SECOND = 10
#: A Retry-After longer than this means "blocked for a while": say so rather than hang.
MAX_RETRY_AFTER_SECONDS = 60.0
#: Microsoft's company facts are ~15 MB; a response far beyond that is not company facts.
MAX_DOCUMENT_BYTES = 256 * 1024 * 1024


# --------------------------------------------------------------------------------------------
# Reading a document
# --------------------------------------------------------------------------------------------


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


@dataclass(frozen=True)
class Extracted:
    """A figure ready for the data file: millions of ``currency``, with its provenance."""

    field: str
    fiscal_year: int
    value: int | float
    currency: str
    fact: Fact

    @property
    def source(self) -> str:
        f = self.fact
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


def load_document(raw: bytes, origin: str) -> dict[str, Any]:
    """Bytes of a company-facts JSON document -> the parsed object, checked for its shape."""
    try:
        document = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise SecFactsError(f"{origin}: not UTF-8 text, so not SEC company facts") from None
    except json.JSONDecodeError as exc:
        raise SecFactsError(
            f"{origin}: not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); expected "
            "an SEC company-facts document"
        ) from None
    facts = document.get("facts") if isinstance(document, dict) else None
    if not isinstance(facts, dict) or not all(isinstance(v, dict) for v in facts.values()):
        raise SecFactsError(
            f"{origin}: JSON, but not an SEC company-facts document (no 'facts' object of "
            "namespaces); expected what data.sec.gov/api/xbrl/companyfacts/ serves"
        )
    return document


def read_document(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataFileError(f"{path}: no such file", path) from None
    except IsADirectoryError:
        raise DataFileError(f"{path}: is a directory, not a company-facts file", path) from None
    except OSError as exc:
        raise DataFileError(f"{path}: cannot read: {exc.strerror or exc}", path) from None
    return load_document(raw, str(path))


def annual_facts(document: dict[str, Any], tag: str, unit: str) -> list[Fact]:
    """The annual figures of ``us-gaap:tag`` in ``unit``, one per period, latest filing first.

    Annual: from a 10-K, 20-F or their amendments, over 350-380 days. When several filings
    give the same (start, end), the latest filed wins, so a restatement or an amendment
    replaces the original figure.
    """
    entry = document["facts"].get(GAAP, {}).get(tag)
    if not isinstance(entry, dict):
        return []
    label = str(entry.get("label") or tag)
    rows = (entry.get("units") or {}).get(unit) or []
    best: dict[tuple[date, date], tuple[tuple[date, bool, str], Fact]] = {}
    for row in rows:
        fact = _annual_fact(row, tag, label, unit)
        if fact is None:
            continue
        # The amendment flag breaks a tie of filing dates: a 10-K/A filed with its 10-K.
        rank = (fact.filed, fact.form.endswith("/A"), fact.accession)
        key = (fact.start, fact.end)
        if key not in best or rank > best[key][0]:
            best[key] = (rank, fact)
    return sorted((fact for _, fact in best.values()), key=lambda f: f.end)


def _annual_fact(row: Any, tag: str, label: str, unit: str) -> Fact | None:
    if not isinstance(row, dict) or row.get("form") not in ANNUAL_FORMS:
        return None
    try:
        start = date.fromisoformat(row["start"])
        end = date.fromisoformat(row["end"])
        filed = date.fromisoformat(row["filed"])
        value = Decimal(str(row["val"]))
    except (KeyError, TypeError, ValueError, InvalidOperation):
        return None  # an instant (no start) or a malformed row: not a year's cash flow
    if not value.is_finite() or not ANNUAL_DAYS[0] <= (end - start).days <= ANNUAL_DAYS[1]:
        return None
    return Fact(tag, label, unit, start, end, value, str(row["form"]), filed, str(row["accn"]))


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
    from .records import FIGURE_FIELDS, NON_NEGATIVE_FIELDS

    cik = _cik_of(document)
    name = str(document.get("entityName") or "").strip() or f"CIK {cik}"
    who = f"{origin} ({name})"
    gaap = document["facts"].get(GAAP, {})
    if not any(tag in gaap for tag in FIELD_TAGS["capex"]):
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
    belongs to the year of the 31 December before it, as :mod:`capexcli.records` checks);
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


def _cik_of(document: dict[str, Any]) -> int | None:
    # An integer in most documents, a zero-padded string in some.
    try:
        return int(document.get("cik"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None


def _units(document: dict[str, Any]) -> list[str]:
    gaap = document["facts"].get(GAAP, {})
    found = {
        unit
        for tags in FIELD_TAGS.values()
        for tag in tags
        for unit in (gaap.get(tag, {}).get("units") or {})
    }
    return sorted(found)


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
    spaces = ", ".join(
        f"{ns} ({len(tags)} tag{'' if len(tags) == 1 else 's'})"
        for ns, tags in sorted(facts.items())
    )
    hints = [
        f"{ns}:{tag}"
        for ns, tags in sorted(facts.items())
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


# --------------------------------------------------------------------------------------------
# TOML out
# --------------------------------------------------------------------------------------------


def toml_string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    out = ['"']
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch in "\b\t\n\f\r":
            out.append({"\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def toml_number(value: int | float) -> str:
    return str(value) if isinstance(value, int) else repr(float(value))


def figure_toml(figure: Extracted) -> str:
    return (
        f'{figure.field} = {{ value = {toml_number(figure.value)}, status = "confirmed", '
        f"source = {toml_string(figure.source)}, line = {toml_string(figure.fact.label)} }}"
    )


def year_toml(fiscal_year: int, figures: list[Extracted]) -> list[str]:
    """A ``[[companies.years]]`` table, one line per element, without newlines."""
    from .records import FIGURE_FIELDS

    period_end = max(f.fact.end for f in figures)
    lines = ["[[companies.years]]", f"fiscal_year = {fiscal_year}", f"period_end = {period_end}"]
    order = {name: i for i, name in enumerate(FIGURE_FIELDS)}
    lines += [figure_toml(f) for f in sorted(figures, key=lambda f: order[f.field])]
    return lines


def by_year(figures: Iterable[Extracted]) -> dict[int, list[Extracted]]:
    grouped: dict[int, list[Extracted]] = {}
    for figure in figures:
        grouped.setdefault(figure.fiscal_year, []).append(figure)
    return dict(sorted(grouped.items()))


def slug(text: str) -> str:
    """An id for the data file from an entity name: ``Apple Inc.`` -> ``apple-inc``."""
    out = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")[:63].strip("-")
    return out or "company"


def render_stub(extraction: Extraction, company_id: str | None = None) -> str:
    """The figures as TOML to paste: a ``[[companies]]`` stub and its years."""
    ident = company_id or slug(extraction.entity_name)
    region = "CN" if extraction.currency == "CNY" else "US"
    cik = f"CIK {extraction.cik}" if extraction.cik is not None else "no CIK"
    lines = [
        f"# capex import sec: {extraction.entity_name} ({cik}), SEC XBRL company facts.",
        "# Paste into a data file: the [[companies.years]] tables go under the company's",
        "# [[companies]] table (or use --company ID --into PATH to merge them).",
        *(f"# note: {note}" for note in extraction.notes),
        "",
        "[[companies]]",
        f"id = {toml_string(ident)}",
        f"name = {toml_string(extraction.entity_name)}",
        f"name_zh = {toml_string(extraction.entity_name)}  # fill in the Chinese name",
        f'region = "{region}"  # US or CN: which group it joins (guessed from the currency)',
        f'currency = "{extraction.currency}"',
        f'fiscal_year_end = "{extraction.fiscal_year_end}"',
    ]
    for fiscal_year, figures in by_year(extraction.figures).items():
        lines += ["", *year_toml(fiscal_year, figures)]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------------------------
# Merging into a data file
# --------------------------------------------------------------------------------------------

Action = Literal["added", "changed", "confirmed", "skipped", "unchanged"]


@dataclass(frozen=True)
class Change:
    company: str
    fiscal_year: int
    field: str
    action: Action
    old: float | None
    old_status: str | None
    new: int | float

    def describe(self) -> str:
        old = "(none)" if self.old is None else f"{_num(self.old)} ({self.old_status})"
        text = f"{self.company} FY{self.fiscal_year} {self.field}: {old} -> {_num(self.new)}"
        if self.action == "confirmed":
            text += " (confirmed)"
        if self.action == "skipped":
            text = (
                f"skipped {text}: the file's figure is confirmed; --force replaces it "
                "with the filing's"
            )
        return text


@dataclass
class Merged:
    text: str
    changes: list[Change]
    notes: list[str]

    @property
    def edits(self) -> list[Change]:
        return [c for c in self.changes if c.action in ("added", "changed", "confirmed")]


def merge(
    text: str,
    path: Path | str,
    company: Company,
    extraction: Extraction,
    *,
    force: bool = False,
) -> Merged:
    """Put the extracted figures into ``company`` of the data file ``text``.

    A figure the file lacks is added; one that differs, or equals one not yet confirmed, is
    rewritten with the filing as its source; one that differs from a confirmed figure is left
    alone unless ``force``. A fiscal year the file lacks gets a new ``[[companies.years]]``
    table, in order among the company's years. Every other line stays as it was. The result
    is parsed and compared with what was meant before it is returned.
    """
    from .loader import parse_dataset
    from .records import FiscalYear

    dataset = parse_dataset(text, path)
    index = next(i for i, c in enumerate(dataset.companies) if c.id == company.id)
    company = dataset.companies[index]
    layout = _Layout(text, path)
    year_tables = layout.company_years(index, dataset)
    existing = {year.fiscal_year: k for k, year in enumerate(company.years)}

    changes: list[Change] = []
    notes: list[str] = []
    replace: dict[int, str] = {}  # line index -> new text of that (single) line
    after: dict[int, list[str]] = {}  # line index -> lines to insert after it
    before: dict[int, list[str]] = {}  # line index -> lines to insert before it
    expected_years = list(company.years)
    new_years: dict[int, list[Extracted]] = {}

    for fiscal_year, figures in by_year(extraction.figures).items():
        if fiscal_year not in existing:
            new_years[fiscal_year] = figures
            changes += [
                Change(company.id, fiscal_year, f.field, "added", None, None, f.value)
                for f in figures
            ]
            continue
        k = existing[fiscal_year]
        year = company.years[k]
        table = year_tables[k]
        period_end = max(f.fact.end for f in figures)
        if period_end != year.period_end:
            notes.append(
                f"{company.id} FY{fiscal_year}: the file's period_end is {year.period_end}, "
                f"the filing's {period_end}; period_end left as it is"
            )
        # Any: the keys are figure fields, which mypy cannot tell from a str.
        updates: dict[str, Any] = {}
        for figure in figures:
            old = year.figure(figure.field)
            status = year.status_of(figure.field)
            action: Action
            if old is None:
                action = "added"
            elif _same(old.value, figure.value):
                action = "unchanged" if status == "confirmed" else "confirmed"
            elif status == "confirmed" and not force:
                action = "skipped"
            else:
                action = "changed"
            changes.append(
                Change(
                    company.id,
                    fiscal_year,
                    figure.field,
                    action,
                    None if old is None else old.value,
                    status,
                    figure.value,
                )
            )
            if action in ("unchanged", "skipped"):
                continue
            updates[figure.field] = _figure_model(figure)
            line = table.indent + figure_toml(figure)
            if old is not None:
                first, _, comment = table.key_span(figure.field, layout, path)
                replace[first] = line + (f"  {comment}" if comment else "")
            else:
                where, side = table.insertion_point(figure.field, layout)
                (after if side == "after" else before).setdefault(where, []).append(line)
        if updates:
            expected_years[k] = dataclasses.replace(year, **updates)

    if new_years:
        _place_new_years(layout, company, year_tables, index, new_years, after, before)
        for fiscal_year, figures in new_years.items():
            expected_years.append(
                FiscalYear(
                    fiscal_year=fiscal_year,
                    period_end=max(f.fact.end for f in figures),
                    **{f.field: _figure_model(f) for f in figures},  # type: ignore[arg-type]
                )
            )

    new_text = layout.render(replace, after, before)
    if new_text != text:
        try:
            _check_merge(new_text, path, dataset, index, expected_years)
        except DataValidationError as exc:
            # Valid figures can still break a rule of the whole file, e.g. a new comparison
            # year that now needs an FX rate.
            problems = "; ".join(f"{p.path}: {p.message}" for p in exc.problems)
            raise WriteError(
                f"{path}: not written: with the imported figures it would break a rule of "
                f"the data file: {problems}"
            ) from None
    return Merged(new_text, changes, notes)


def _place_new_years(
    layout: _Layout,
    company: Company,
    year_tables: list[_Table],
    index: int,
    new_years: dict[int, list[Extracted]],
    after: dict[int, list[str]],
    before: dict[int, list[str]],
) -> None:
    # Each new year goes after the company's latest earlier year, or before its first year,
    # or (a company with no years yet) after the company's own keys: years stay in order.
    labelled = [(year.fiscal_year, t) for year, t in zip(company.years, year_tables, strict=True)]
    for fiscal_year, figures in sorted(new_years.items()):
        block = year_toml(fiscal_year, figures)
        earlier = [(fy, table) for fy, table in labelled if fy < fiscal_year]
        if earlier:
            anchor = max(earlier, key=lambda pair: pair[0])[1]
            after.setdefault(anchor.last, []).extend(["", *block])
        elif labelled:
            first = min((t for _, t in labelled), key=lambda t: t.header)
            before.setdefault(layout.comment_block_start(first.header), []).extend([*block, ""])
        else:
            own = layout.company_table(index)
            after.setdefault(own.last, []).extend(["", *block])


def _figure_model(figure: Extracted) -> Figure:
    from .records import Figure

    return Figure(
        value=figure.value, status="confirmed", source=figure.source, line=figure.fact.label
    )


def _same(old: float, new: int | float) -> bool:
    return round(float(old), 3) == round(float(new), 3)


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _check_merge(
    text: str, path: Path | str, before: Dataset, index: int, expected_years: list[FiscalYear]
) -> None:
    """The merged text must parse, and differ from the old only in the intended figures."""
    from .loader import parse_dataset

    after = parse_dataset(text, path)
    same_elsewhere = (
        after.schema_version == before.schema_version
        and after.fx == before.fx
        and len(after.companies) == len(before.companies)
        and all(
            a == b
            for i, (a, b) in enumerate(zip(after.companies, before.companies, strict=True))
            if i != index
        )
        and after.companies[index].model_copy(update={"years": []})
        == before.companies[index].model_copy(update={"years": []})
    )
    got = sorted(after.companies[index].years, key=lambda y: y.fiscal_year)
    want = sorted(expected_years, key=lambda y: y.fiscal_year)
    if not same_elsewhere or got != want:
        # A bug in the text editing below, not the user's doing: stop before writing.
        raise RuntimeError(f"merging into {path} would change more than the imported figures")


_HEADER = re.compile(r"^\s*(\[\[?)([^\[\]]*)\]\]?\s*(?:#.*)?$")
_KEY = re.compile(
    r"""^(\s*)((?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*')"""
    r"""(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"(?:[^"\\]|\\.)*"|'[^']*'))*)\s*=\s*"""
)


@dataclass
class _Key:
    name: str
    dotted: bool
    first: int
    last: int
    value_column: int
    comment: str | None


@dataclass
class _Table:
    name: tuple[str, ...]
    array: bool
    header: int  # line index; -1 for the root table
    last: int  # last line of its last key/value (the header when it has none)
    indent: str = ""
    keys: dict[str, _Key] = field(default_factory=dict)

    def key_span(self, key: str, layout: _Layout, path: Path | str) -> tuple[int, int, str | None]:
        found = self.keys.get(key)
        if (
            found is None
            or found.dotted
            or found.first != found.last
            or not layout.lines[found.first][found.value_column :].lstrip().startswith("{")
        ):
            raise DataFileError(
                f"{path}:{self.header + 1}: cannot merge: {key} of this year is not written as "
                f"an inline table on one line ({key} = {{ value = ... }})",
                path,
            )
        return found.first, found.last, found.comment

    def insertion_point(self, key: str, layout: _Layout) -> tuple[int, str]:
        from .records import FIGURE_FIELDS

        order = FIGURE_FIELDS.index(key)
        earlier = [k for name, k in self.keys.items() if name in FIGURE_FIELDS[:order]]
        later = [k for name, k in self.keys.items() if name in FIGURE_FIELDS[order + 1 :]]
        if earlier:
            return max(k.last for k in earlier), "after"
        if later:
            return layout.comment_block_start(min(k.first for k in later)), "before"
        return self.last, "after"


class _Layout:
    """Where the tables and keys of a TOML text are, line by line, for editing in place."""

    def __init__(self, text: str, path: Path | str) -> None:
        self.path = path
        self.lines = text.splitlines(keepends=True)
        self.newline = "\r\n" if self.lines and self.lines[0].endswith("\r\n") else "\n"
        self.tables: list[_Table] = [_Table((), False, -1, -1)]
        i = 0
        while i < len(self.lines):
            stripped = self.lines[i].strip()
            if not stripped or stripped.startswith("#"):
                i += 1
                continue
            header = _HEADER.match(self.lines[i]) if stripped.startswith("[") else None
            if header:
                self.tables.append(_Table(_split_name(header[2]), header[1] == "[[", i, i))
                i += 1
                continue
            key = _KEY.match(self.lines[i])
            if key is None:  # cannot happen in text that parsed; keep going regardless
                i += 1
                continue
            last, comment = _value_end(self.lines, i, key.end())
            names = _split_name(key[2])
            table = self.tables[-1]
            if not table.keys:
                table.indent = key[1]
            table.keys.setdefault(
                names[0], _Key(names[0], len(names) > 1, i, last, key.end(), comment)
            )
            table.last = last
            i = last + 1

    def _arrays(self, name: tuple[str, ...]) -> list[_Table]:
        return [t for t in self.tables if t.array and t.name == name]

    def company_table(self, index: int) -> _Table:
        return self._arrays(("companies",))[index]

    def company_years(self, index: int, dataset: Dataset) -> list[_Table]:
        """The ``[[companies.years]]`` tables of company ``index``, in file order."""
        companies = self._arrays(("companies",))
        ok = len(companies) == len(dataset.companies)
        owned: list[_Table] = []
        if ok:
            start = companies[index].header
            end = companies[index + 1].header if index + 1 < len(companies) else len(self.lines)
            owned = [t for t in self._arrays(("companies", "years")) if start < t.header < end]
            ok = len(owned) == len(dataset.companies[index].years)
        if not ok:
            raise DataFileError(
                f"{self.path}: cannot merge: companies and their years must be written as "
                "[[companies]] and [[companies.years]] tables, as in the shipped data file",
                self.path,
            )
        return owned

    def comment_block_start(self, line: int) -> int:
        # Comment lines right above a key or table describe it: insert above them.
        while line > 0 and self.lines[line - 1].strip().startswith("#"):
            line -= 1
        return line

    def render(
        self, replace: dict[int, str], after: dict[int, list[str]], before: dict[int, list[str]]
    ) -> str:
        nl = self.newline
        out: list[str] = []
        for i, line in enumerate(self.lines):
            out += [text + nl for text in before.get(i, [])]
            if i in replace:
                ending = line[len(line.rstrip("\r\n")) :] or nl
                line = replace[i] + ending
            if i in after and not line.endswith(("\n", "\r")):
                line += nl  # the last line of a file without a final newline
            out.append(line)
            out += [text + nl for text in after.get(i, [])]
        out += [text + nl for text in before.get(len(self.lines), [])]
        return "".join(out)


def _split_name(name: str) -> tuple[str, ...]:
    parts = re.findall(r"""\s*("(?:[^"\\]|\\.)*"|'[^']*'|[^.\s]+)\s*(?:\.|$)""", name.strip())
    return tuple(p[1:-1] if p[:1] in "\"'" else p for p in parts)


def _value_end(lines: list[str], i: int, column: int) -> tuple[int, str | None]:
    """The line on which the value starting at ``lines[i][column]`` ends, and its comment.

    A small TOML lexer: strings (basic, literal, multi-line), brackets of arrays and inline
    tables, and comments, so a value spread over several lines is kept whole.
    """
    depth = 0
    quote: str | None = None
    j, k = i, column
    while j < len(lines):
        line = lines[j]
        comment: str | None = None
        while k < len(line):
            ch = line[k]
            if quote is None:
                if line.startswith(('"""', "'''"), k):
                    quote = line[k : k + 3]
                    k += 3
                    continue
                if ch in "\"'":
                    quote = ch
                elif ch in "[{":
                    depth += 1
                elif ch in "]}":
                    depth -= 1
                elif ch == "#":
                    comment = line[k:].rstrip("\r\n").rstrip()
                    break
            elif ch == "\\" and quote in ('"', '"""'):
                k += 2
                continue
            elif len(quote) == 3 and line.startswith(quote, k):
                k += 3
                while k < len(line) and line[k] == quote[0]:  # """a"""" ends after the 4th
                    k += 1
                quote = None
                continue
            elif len(quote) == 1 and ch == quote:
                quote = None
            k += 1
        if quote is not None and len(quote) == 1:
            quote = None  # a one-line string cannot run on; the text parsed, so never here
        if depth <= 0 and quote is None:
            return j, comment
        j, k = j + 1, 0
    return len(lines) - 1, None


# --------------------------------------------------------------------------------------------
# Downloading
# --------------------------------------------------------------------------------------------


class _RateLimiter:
    """At most ``per_second`` request starts per second, across threads."""

    def __init__(self, per_second: int) -> None:
        self.interval = 1.0 / per_second
        self._next = 0.0
        self._lock = threading.Lock()

    def wait(self, sleep: Callable[[float], None]) -> None:
        with self._lock:
            now = time.monotonic()
            delay = self._next - now
            self._next = max(now, self._next) + self.interval
        if delay > 0:
            sleep(delay)


_LIMITER = _RateLimiter(MAX_REQUESTS_PER_SECOND)


def resolve_cik(cik: str | None, ticker: str | None) -> int:
    if ticker is not None:
        found = TICKERS.get(ticker.strip().upper())
        if found is None:
            raise OptionError(
                f"--ticker {ticker!r}: not one of the dataset's SEC filers "
                f"({', '.join(TICKERS)}); give any other company's number with --cik"
            )
        return found
    text = (cik or "").strip()
    digits = text[3:] if text.upper().startswith("CIK") else text
    if not digits.isdigit() or len(digits) > 10 or int(digits) == 0:
        raise OptionError(
            f"--cik {cik!r}: expected the SEC's Central Index Key, up to 10 digits "
            "(e.g. 789019 or 0000789019)"
        )
    return int(digits)


def check_user_agent(value: str | None) -> str:
    text = (value or "").strip()
    if not text:
        raise OptionError(
            f"downloading from the SEC needs a User-Agent with your name and email "
            f"(the SEC refuses anonymous requests): --user-agent 'Jane Doe jane@example.com' "
            f"or {USER_AGENT_VAR}"
        )
    if "@" not in text:
        raise OptionError(
            f"--user-agent {text!r}: the SEC requires a name and an email address, "
            "e.g. 'Jane Doe jane@example.com'"
        )
    if not text.isascii() or not text.isprintable():
        raise OptionError(
            f"--user-agent {text!r}: HTTP headers take printable ASCII only; "
            "write the name in Latin letters"
        )
    return text


def facts_url(cik: int, base_url: str) -> str:
    import urllib.error
    import urllib.parse
    import urllib.request

    parsed = urllib.parse.urlparse(base_url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise OptionError(f"{BASE_URL_VAR}={base_url!r}: expected an http(s) URL")
    return f"{base_url.rstrip('/')}/api/xbrl/companyfacts/CIK{cik:010d}.json"


def fetch_company_facts(
    cik: int,
    *,
    user_agent: str,
    base_url: str = DEFAULT_BASE_URL,
    timeout: float = 30.0,
    retries: int = 3,
    backoff: float = 1.0,
    sleep: Callable[[float], None] = time.sleep,
) -> bytes:
    """Download the company-facts JSON of ``cik`` (its bytes, decompressed).

    Follows the SEC's fair-access rules: a User-Agent naming the user, at most ten requests
    a second, and on 429 or 5xx a pause (Retry-After, else ``backoff`` doubling) and another
    try, ``retries`` times. A timeout is not retried: a slow server is not helped by more.
    """
    import http.client
    import urllib.error
    import urllib.parse
    import urllib.request

    url = facts_url(cik, base_url)
    request = urllib.request.Request(
        url,
        headers={
            "User-Agent": user_agent,
            "Accept": "application/json",
            "Accept-Encoding": "gzip, deflate",
        },
    )
    host = urllib.parse.urlparse(url).netloc
    for attempt in range(retries + 1):
        _LIMITER.wait(sleep)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                body = _read_limited(response, url)
                return _decode(body, response.headers.get("Content-Encoding"), url)
        except urllib.error.HTTPError as error:
            status = error.code
            error.close()
            if status == 429 or 500 <= status < 600:
                wait = _retry_after(error.headers.get("Retry-After"))
                if wait is not None and wait > MAX_RETRY_AFTER_SECONDS:
                    raise NetworkError(
                        f"{host} answered HTTP {status} and asks to wait {wait:.0f} s "
                        "(rate limit); try again later"
                    ) from None
                if attempt < retries:
                    sleep(wait if wait is not None else backoff * 2**attempt)
                    continue
                raise NetworkError(
                    f"{url}: HTTP {status} {_reason(status)}, still after {retries + 1} "
                    "tries; try again later"
                ) from None
            raise _http_error(status, cik, url) from None
        except (TimeoutError, urllib.error.URLError, http.client.HTTPException, OSError) as exc:
            reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
            if isinstance(reason, TimeoutError):
                raise NetworkError(
                    f"no answer from {host} within {timeout:g} s (--timeout); try again or "
                    "raise --timeout"
                ) from None
            transient = isinstance(reason, http.client.HTTPException | ConnectionResetError)
            if transient and attempt < retries:
                sleep(backoff * 2**attempt)
                continue
            text = getattr(reason, "strerror", None) or str(reason) or type(reason).__name__
            raise NetworkError(f"cannot download {url}: {text}") from None
    raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises


def _read_limited(response: Any, url: str) -> bytes:
    body = response.read(MAX_DOCUMENT_BYTES + 1)
    if len(body) > MAX_DOCUMENT_BYTES:
        raise NetworkError(f"{url}: answer larger than {MAX_DOCUMENT_BYTES // 2**20} MiB")
    return body


def _decode(body: bytes, encoding: str | None, url: str) -> bytes:
    encoding = (encoding or "identity").strip().lower()
    if encoding in ("identity", ""):
        return body
    if encoding not in ("gzip", "deflate"):
        raise NetworkError(f"{url}: unexpected Content-Encoding {encoding!r}")
    # wbits 47 reads both gzip and zlib headers; the size cap guards against a zip bomb.
    inflater = zlib.decompressobj(47)
    try:
        out = inflater.decompress(body, MAX_DOCUMENT_BYTES + 1)
    except zlib.error as exc:
        raise NetworkError(f"{url}: corrupt {encoding} answer ({exc})") from None
    if len(out) > MAX_DOCUMENT_BYTES:
        raise NetworkError(f"{url}: answer larger than {MAX_DOCUMENT_BYTES // 2**20} MiB")
    return out


def _retry_after(value: str | None) -> float | None:
    import email.utils

    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _reason(status: int) -> str:
    import http.client

    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return ""


def _http_error(status: int, cik: int, url: str) -> NetworkError:
    if status == 404:
        return NetworkError(
            f"the SEC has no company facts for CIK {cik} ({url}: HTTP 404); check the CIK, "
            "or the company may not file XBRL financial statements"
        )
    if status == 403:
        return NetworkError(
            f"{url}: HTTP 403 Forbidden; the SEC refuses requests whose User-Agent does not "
            "name a person or company with an email, and blocks clients that go over 10 "
            "requests a second"
        )
    return NetworkError(f"{url}: HTTP {status} {_reason(status)}".rstrip())
