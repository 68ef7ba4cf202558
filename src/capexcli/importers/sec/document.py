"""Reading a company-facts document, and checking every part of it that capex reads.

A company-facts file can come from anywhere (a download, a mirror, a file someone sent), so
each value capex takes from it is checked for its type and range before use: a wrong one is a
:class:`~capexcli.errors.SecFactsError` naming what is wrong and where (the tag, the unit and
the row's index), never a crash further on.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from capexcli.errors import DataFileError, SecFactsError

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

#: Inside the data file's 1900-2200 (records.py), so that a fiscal year, labelled a year
#: either side of a period end, is one the data file accepts.
FIRST_YEAR, LAST_YEAR = 1901, 2199
#: In units of the currency: a trillion dollars of cash flow in a year is no company's.
MAX_VALUE = 10**12
#: Labels and entity names are a few words; a megabyte of "label" is not one.
MAX_TEXT = 1000
#: Keys every row must have; a row without ``start`` is an instant, not a year's cash flow.
ROW_KEYS = ("accn", "end", "val", "form", "filed")

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class MalformedFacts(SecFactsError):
    """A value of the document that is not what the SEC serves; the message says where but
    not which document, which the caller adds."""


@dataclass(frozen=True)
class Row:
    """One row of a tag's unit, checked: ``start`` is None for an instant."""

    start: date | None
    end: date
    value: Decimal
    form: str
    filed: date
    accession: str


def load_document(raw: bytes, origin: str) -> dict[str, Any]:
    """Bytes of a company-facts JSON document -> the parsed object, checked for its shape and
    for every value capex reads (:func:`check_document`)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SecFactsError(f"{origin}: not UTF-8 text, so not SEC company facts") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SecFactsError(
            f"{origin}: not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}); expected "
            "an SEC company-facts document"
        ) from None
    except RecursionError:
        raise SecFactsError(
            f"{origin}: JSON nested too deeply (arrays or objects inside one another hundreds "
            "of times); not an SEC company-facts document"
        ) from None
    except ValueError:  # Python refuses to read an integer of more than 4,300 digits
        raise SecFactsError(
            f"{origin}: JSON with a number of thousands of digits; not an SEC company-facts "
            "document"
        ) from None
    if not isinstance(document, dict):
        raise SecFactsError(
            f"{origin}: JSON {_shown(document)}, not an object: not an SEC company-facts "
            "document; expected what data.sec.gov/api/xbrl/companyfacts/ serves"
        )
    facts = document.get("facts")
    if not isinstance(facts, dict):
        got = "no 'facts'" if facts is None else f"'facts' is {_shown(facts)}"
        raise SecFactsError(
            f"{origin}: JSON, but not an SEC company-facts document ({got}, where an object "
            "of namespaces belongs); expected what data.sec.gov/api/xbrl/companyfacts/ serves"
        )
    try:
        check_document(document)
    except MalformedFacts as exc:
        raise SecFactsError(f"{origin}: {exc.message}") from None
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
    from capexcli.store.reads import record

    record(path, raw)  # the output cache keys `verify` on the bytes it read
    return load_document(raw, str(path))


def check_document(document: dict[str, Any]) -> None:
    """Every value capex reads, checked once; :class:`MalformedFacts` for the first bad one.

    That is ``cik``, ``entityName``, the namespaces of ``facts``, and each row of every unit
    of the tags in :data:`FIELD_TAGS`. Tags capex does not read are not looked into.
    """
    entity_name(document)
    for namespace, tags in document["facts"].items():
        if not isinstance(tags, dict):
            raise MalformedFacts(
                f"facts.{printable(namespace)} is {_shown(tags)}, not an object of tags"
            )
    for tags in FIELD_TAGS.values():
        for tag in tags:
            entry = tag_entry(document, tag)
            if entry is None:
                continue
            for unit, rows in entry[1].items():
                for index, row in enumerate(rows):
                    parse_row(row, tag, unit, index)


def cik_of(document: dict[str, Any]) -> int | None:
    """The document's CIK: an integer in most documents, a zero-padded string in some."""
    value = document.get("cik")
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        number: int | None = value
    elif isinstance(value, str) and _is_digits(value.strip(), 10):
        number = int(value.strip())
    else:
        number = None
    if number is None or not 0 < number < 10**10:
        raise MalformedFacts(f"'cik' is {_shown(value)}, not an SEC CIK (1 to 10 digits)")
    return number


def entity_name(document: dict[str, Any]) -> str:
    """The company's name as the SEC gives it, else ``CIK n``."""
    value = document.get("entityName")
    name = "" if value is None else text_value(value, "'entityName'").strip()
    return name or f"CIK {cik_of(document)}"


def tag_entry(document: dict[str, Any], tag: str) -> tuple[str, dict[str, list[Any]]] | None:
    """The label and the rows by unit of ``us-gaap:tag``; None when the document lacks it."""
    gaap = document["facts"].get(GAAP)
    if gaap is None:
        return None
    if not isinstance(gaap, dict):
        raise MalformedFacts(f"facts.{GAAP} is {_shown(gaap)}, not an object of tags")
    entry = gaap.get(tag)
    if entry is None:
        return None
    where = f"{GAAP}:{tag}"
    if not isinstance(entry, dict):
        raise MalformedFacts(f"{where} is {_shown(entry)}, not an object")
    label = entry.get("label")
    label = tag if label is None else text_value(label, f"{where} 'label'").strip() or tag
    units = entry.get("units")
    if units is None:
        return label, {}
    if not isinstance(units, dict):
        raise MalformedFacts(f"{where}: 'units' is {_shown(units)}, not an object of units")
    for unit, rows in units.items():
        if not isinstance(rows, list):
            raise MalformedFacts(
                f"{where} units.{printable(unit)} is {_shown(rows)}, not a list of facts"
            )
    return label, units


def parse_row(row: Any, tag: str, unit: str, index: int) -> Row:
    """One row of ``us-gaap:tag`` in ``unit``, checked."""
    where = f"{GAAP}:{tag} units.{printable(unit)}[{index}]"
    if not isinstance(row, dict):
        raise MalformedFacts(f"{where} is {_shown(row)}, not an object")
    missing = [key for key in ROW_KEYS if row.get(key) is None]
    if missing:
        raise MalformedFacts(f"{where}: no {' or '.join(repr(k) for k in missing)}")
    start = row.get("start")
    return Row(
        start=None if start is None else _date(start, f"{where}: 'start'"),
        end=_date(row["end"], f"{where}: 'end'"),
        value=_number(row["val"], f"{where}: 'val'"),
        form=text_value(row["form"], f"{where}: 'form'"),
        filed=_date(row["filed"], f"{where}: 'filed'"),
        accession=text_value(row["accn"], f"{where}: 'accn'"),
    )


def text_value(value: Any, where: str) -> str:
    """A string from the document that can be printed and written as UTF-8."""
    if not isinstance(value, str):
        raise MalformedFacts(f"{where} is {_shown(value)}, not text")
    if len(value) > MAX_TEXT:
        raise MalformedFacts(f"{where} is {len(value):,} characters long (at most {MAX_TEXT})")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        # JSON's \ud800 escapes give Python strings that no file or terminal can take.
        raise MalformedFacts(f"{where} is {_shown(value)}: not valid Unicode text") from None
    return value


def printable(text: str, limit: int = 200) -> str:
    """``text`` for a message or a comment line: control characters (a newline, an escape
    code) written as escapes, and cut at ``limit`` characters."""
    if len(text) > limit:
        text = text[:limit] + "..."
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


def _date(value: Any, where: str) -> date:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise MalformedFacts(f"{where} is {_shown(value)}, not a date (YYYY-MM-DD)")
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise MalformedFacts(f"{where} is {_shown(value)}, not a date") from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise MalformedFacts(
            f"{where} is {_shown(value)}, outside the years {FIRST_YEAR}-{LAST_YEAR} capex takes"
        )
    return day


def _number(value: Any, where: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise MalformedFacts(f"{where} is {_shown(value)}, not a number")
    number = Decimal(value) if isinstance(value, int) else Decimal(repr(value))
    if not number.is_finite():
        raise MalformedFacts(f"{where} is {_shown(value)}, not a finite number")
    if abs(number) > MAX_VALUE:
        raise MalformedFacts(
            f"{where} is {_shown(value)}, beyond the 10^12 (a trillion) capex takes; no "
            "company's yearly cash flow is that large"
        )
    return number


def _is_digits(text: str, most: int) -> bool:
    return 0 < len(text) <= most and text.isascii() and text.isdigit()


def _shown(value: Any) -> str:
    """A value of the document in a message: short, one line, its JSON type plain."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        if abs(value) >= 10**30:  # str() of a long enough int raises, and says nothing
            return f"{'-' if value < 0 else ''}an integer of {value.bit_length()} bits"
        return str(value)
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, str):
        cut = value[:60] + ("..." if len(value) > 60 else "")
        return printable(json.dumps(cut, ensure_ascii=False))
    return type(value).__name__
