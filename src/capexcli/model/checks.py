"""The rules a dataset must satisfy across records, and the warnings it may draw.

:func:`check_dataset` finds what makes a file invalid (unique ids and aliases, period ends
against fiscal-year ends, FX coverage, documents that figures name, one capex basis per
company) and reports each problem with its TOML path. :func:`lint_dataset` finds what a
valid file should still fix: a ``confirmed`` figure that names no document a reader could
find. ``capex validate`` prints the warnings; ``--strict`` makes them errors.
"""

from __future__ import annotations

import difflib
from collections.abc import Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from pydantic import ValidationError

from capexcli.errors import Problem
from capexcli.model.alignment import comparison_year
from capexcli.model.records import (
    FIGURE_FIELDS,
    IDENTIFIER_IN_TEXT,
    PERIOD_END_SLACK_DAYS,
    Company,
    Dataset,
    Figure,
    FiscalYear,
    FxRate,
)
from capexcli.model.versions import check_versions

#: Every figure a fiscal year can carry, the recorded-beside ones included.
CITED_FIELDS: tuple[str, ...] = (*FIGURE_FIELDS, "capex_proceeds", "headline_capex")


@dataclass(frozen=True)
class _Entry:
    """A company that validated, with its years that validated, at their places in the file.

    The cross-record rules run on these rather than on a :class:`Dataset` so that they can
    also run on a file that fails validation: the parts that are valid on their own are
    checked, and the indices in the TOML paths stay those of the file.
    """

    index: int
    company: Company
    years: list[tuple[int, FiscalYear]]


K = TypeVar("K", bound=Hashable)


def repeats(keyed: Iterable[tuple[int, K]]) -> Iterator[tuple[int, K, int]]:
    """``(index, key, index of its first use)`` for each key met again, in order: the one
    rule behind every "defined twice" problem (ids, fiscal years, FX years, documents)."""
    first: dict[K, int] = {}
    for index, key in keyed:
        if key in first:
            yield index, key, first[key]
        else:
            first[key] = index


def check_dataset(dataset: Dataset) -> list[Problem]:
    """Rules that span records. Returns every problem found."""
    entries = [_Entry(i, c, list(enumerate(c.years))) for i, c in enumerate(dataset.companies)]
    problems = _check_entries(entries, list(enumerate(dataset.fx)), fx_complete=True)
    return problems + check_groups(dataset)


def check_groups(dataset: Dataset) -> list[Problem]:
    """Each group once; its members are companies of the file, and in no other group."""
    problems: list[Problem] = []
    ids = {c.id for c in dataset.companies}
    owner: dict[str, str] = {}
    again = set()
    for k, gid, first in repeats(enumerate(g.id for g in dataset.groups)):
        again.add(k)
        problems.append(
            Problem(f"groups[{k}].id", f"group {gid!r} is already defined at groups[{first}]")
        )
    for k, group in enumerate(dataset.groups):
        if k in again:
            continue
        if not group.members:
            problems.append(Problem(f"groups[{k}].members", "a group needs at least one member"))
        for m, member in enumerate(group.members):
            where = f"groups[{k}].members[{m}]"
            if member not in ids:
                close = difflib.get_close_matches(member, sorted(ids), n=3)
                hint = f"; did you mean: {', '.join(close)}?" if close else ""
                problems.append(Problem(where, f"no company with id {member!r}{hint}"))
            elif member in owner:
                problems.append(
                    Problem(where, f"{member!r} is already a member of group {owner[member]!r}")
                )
            else:
                owner[member] = group.id
    return problems


def check_document(document: Any) -> list[Problem]:
    """The rules of :func:`check_dataset` on a raw TOML document that may not validate.

    Every company (without its years), fiscal year and FX rate is validated on its own; the
    cross-record rules then run on those that pass, so one run reports a duplicate id next to
    a negative capex. The per-value errors themselves are reported by the loader from the
    whole-document validation, not here. A rule that would need a part that failed is
    skipped rather than guessed at, so this never adds a false problem.
    """
    if not isinstance(document, dict):
        return []
    raw_fx = document.get("fx", [])
    fx: list[tuple[int, FxRate]] = []
    for k, raw in enumerate(_as_list(raw_fx)):
        rate = _valid_or_none(FxRate, raw)
        if rate is not None:
            fx.append((k, rate))
    # A rate that failed validation may well be the one a year needs: do not also call it
    # missing.
    fx_complete = isinstance(raw_fx, list) and len(fx) == len(raw_fx)
    entries: list[_Entry] = []
    for i, raw in enumerate(_as_list(document.get("companies"))):
        if not isinstance(raw, dict):
            continue
        company = _valid_or_none(Company, {**raw, "years": [], "guidance": []})
        if company is None:
            continue
        years = [
            (k, year)
            for k, raw_year in enumerate(_as_list(raw.get("years")))
            if (year := _valid_or_none(FiscalYear, raw_year)) is not None
        ]
        entries.append(_Entry(i, company, years))
    return _check_entries(entries, fx, fx_complete)


R = TypeVar("R")


def _valid_or_none(model: type[R], raw: Any) -> R | None:
    """``raw`` as a ``model`` (a model or a pydantic dataclass), or None. Unknown keys are
    dropped first: a misspelt key is reported anyway, and should not hide a duplicate id or a
    period end in the same table."""
    if isinstance(raw, dict):
        fields = model.__pydantic_fields__  # type: ignore[attr-defined]
        raw = {key: value for key, value in raw.items() if key in fields}
    try:
        return model.__pydantic_validator__.validate_python(raw)  # type: ignore[attr-defined,no-any-return]
    except ValidationError:
        return None


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _check_entries(
    entries: list[_Entry], fx: list[tuple[int, FxRate]], fx_complete: bool
) -> list[Problem]:
    problems: list[Problem] = []
    problems += _check_unique_names(entries)
    for entry in entries:
        problems += _check_documents(entry.company, f"companies[{entry.index}]")
        problems += _check_company_years(entry.company, f"companies[{entry.index}]", entry.years)
    problems += _check_fx(entries, fx, fx_complete)
    return problems


def _check_unique_names(entries: list[_Entry]) -> list[Problem]:
    problems: list[Problem] = []
    ids: dict[str, int] = {}
    owner: dict[str, int] = {}  # case-folded name -> index of the company that has it
    by_index = {entry.index: entry.company for entry in entries}
    for entry in entries:
        i, company = entry.index, entry.company
        if company.id in ids:
            problems.append(
                Problem(
                    f"companies[{i}].id",
                    f"duplicate id {company.id!r} (first used by companies[{ids[company.id]}])",
                )
            )
        else:
            ids[company.id] = i
        seen_here: set[str] = set()
        named = [("id", company.id), ("name", company.name), ("name_zh", company.name_zh)]
        named += [(f"aliases[{k}]", alias) for k, alias in enumerate(company.aliases)]
        for where, text in named:
            key = text.casefold()
            if key in seen_here:
                if where.startswith("aliases"):
                    problems.append(Problem(f"companies[{i}].{where}", f"{text!r} is listed twice"))
                continue
            seen_here.add(key)
            other = owner.setdefault(key, i)
            if other != i and where != "id":  # duplicate ids are reported above
                problems.append(
                    Problem(
                        f"companies[{i}].{where}",
                        f"{text!r} already names companies[{other}] "
                        f"({by_index[other].id}); a name must point to one company",
                    )
                )
    return problems


def _check_company_years(
    company: Company, where: str, years: Sequence[tuple[int, FiscalYear]]
) -> list[Problem]:
    problems: list[Problem] = [
        Problem(
            f"{where}.years[{k}].fiscal_year",
            f"fiscal year {fy} appears twice for {company.id} (first at years[{first}])",
        )
        for k, fy, first in repeats((k, year.fiscal_year) for k, year in years)
    ]
    month, day = company.fy_end_month_day
    known = {d.id for d in company.documents}
    for k, year in years:
        path = f"{where}.years[{k}]"
        nominal = _nearest_nominal_end(year.period_end, month, day)
        if abs((year.period_end - nominal).days) > PERIOD_END_SLACK_DAYS:
            problems.append(
                Problem(
                    f"{path}.period_end",
                    f"{year.period_end.isoformat()} does not match fiscal_year_end "
                    f"{company.fiscal_year_end} of {company.id} (allowed: within "
                    f"{PERIOD_END_SLACK_DAYS} days, for 52/53-week years)",
                )
            )
        else:
            expected = nominal.year if company.fiscal_year_label == "end" else nominal.year - 1
            if year.fiscal_year != expected:
                problems.append(
                    Problem(
                        f"{path}.fiscal_year",
                        f"fiscal year {year.fiscal_year} cannot end on "
                        f"{year.period_end.isoformat()}: {company.id} labels its fiscal years "
                        f"by the year they {company.fiscal_year_label} in, so expected "
                        f"{expected}",
                    )
                )
        if year.document is not None and year.document not in known:
            problems.append(_unknown_document(company, f"{path}.document", year.document))
        problems += [
            _unknown_document(company, f"{path}.statement[{j}].document", line.document)
            for j, line in enumerate(year.statement)
            if line.document not in known
        ]
        for field in CITED_FIELDS:
            figure = getattr(year, field)
            if figure is None:
                continue
            if figure.status is None and year.status is None:
                problems.append(
                    Problem(
                        f"{path}.{field}",
                        "no status: give the figure a status (confirmed, aggregator, "
                        "derived, unconfirmed) or the year a default status",
                    )
                )
            cites = figure.document is not None or figure.source is not None
            if not cites and year.source is None and year.document is None:
                problems.append(
                    Problem(
                        f"{path}.{field}",
                        "no source: give the figure a document or source, or the year a "
                        "default one",
                    )
                )
            # Most figures name none of these: the details are checked only when they do.
            if figure.document is not None or figure.versions or figure.basis is not None:
                problems += _check_citations(company, known, f"{path}.{field}", field, figure)
            if figure.versions or figure.date is not None:
                problems += check_versions(company, year, field, figure, f"{path}.{field}")
    return problems


def _check_documents(company: Company, where: str) -> list[Problem]:
    return [
        Problem(
            f"{where}.documents[{k}].id",
            f"duplicate document id {key!r} (first at documents[{first}])",
        )
        for k, key, first in repeats(enumerate(d.id for d in company.documents))
    ]


def _unknown_document(company: Company, where: str, key: str) -> Problem:
    listed = ", ".join(sorted(d.id for d in company.documents)) or "none"
    return Problem(
        where,
        f"names document {key!r}, which is not in {company.id}'s documents (listed: {listed})",
    )


def _check_citations(
    company: Company, known: set[str], where: str, field: str, figure: Figure
) -> list[Problem]:
    """The documents a figure and its versions name are the company's, and a capex figure
    is on the company's one capex basis."""
    problems: list[Problem] = []
    if figure.document is not None and figure.document not in known:
        problems.append(_unknown_document(company, f"{where}.document", figure.document))
    for k, version in enumerate(figure.versions):
        if version.document is not None and version.document not in known:
            problems.append(
                _unknown_document(company, f"{where}.versions[{k}].document", version.document)
            )
    if figure.basis is None:
        return problems
    basis = company.capex_basis
    if field != "capex":
        problems.append(Problem(f"{where}.basis", "only a capex figure has a basis"))
    elif basis is None:
        problems.append(
            Problem(
                f"{where}.basis",
                f"names basis {figure.basis!r} but {company.id} has no capex_basis",
            )
        )
    elif figure.basis != basis.id:
        problems.append(
            Problem(
                f"{where}.basis",
                f"{figure.basis!r} mixes capex bases: every year of {company.id} must be "
                f"on its capex_basis {basis.id!r} ({basis.label})",
            )
        )
    return problems


def _nearest_nominal_end(period_end: date, month: int, day: int) -> date:
    same_year = date(period_end.year, month, day)
    # The usual case, and a shortcut worth having on large datasets: the other candidates
    # are a year away, so a nominal end within the slack is the nearest one.
    if abs((period_end - same_year).days) <= PERIOD_END_SLACK_DAYS:
        return same_year
    candidates = [
        date(y, month, day) for y in (period_end.year - 1, period_end.year, period_end.year + 1)
    ]
    return min(candidates, key=lambda d: abs(d - period_end))


def _check_fx(
    entries: list[_Entry], fx: list[tuple[int, FxRate]], fx_complete: bool
) -> list[Problem]:
    problems = [
        Problem(f"fx[{k}].year", f"a rate for {year} is already given at fx[{first}]")
        for k, year, first in repeats((k, rate.year) for k, rate in fx)
    ]
    seen = {rate.year for _, rate in fx}
    if not fx_complete:
        return problems
    needed = _fx_years_needed((e.company, (y for _, y in e.years)) for e in entries)
    for year in sorted(needed - seen):
        problems.append(
            Problem(
                "fx",
                f"no CNY per USD rate for {year}: USD and CNY companies both have figures for "
                f"that comparison year, so comparing them needs one (add an [[fx]] table)",
            )
        )
    return problems


def fx_years_needed(dataset: Dataset) -> set[int]:
    """Comparison years (default alignment) in which companies of both currencies report."""
    return _fx_years_needed((c, c.years) for c in dataset.companies)


def _fx_years_needed(companies: Iterable[tuple[Company, Iterable[FiscalYear]]]) -> set[int]:
    currencies: dict[int, set[str]] = {}
    for company, years in companies:
        for year in years:
            cy = comparison_year(year.fiscal_year, year.period_end, "majority")
            currencies.setdefault(cy, set()).add(company.currency)
    return {year for year, found in currencies.items() if len(found) > 1}


def lint_dataset(dataset: Dataset) -> list[Problem]:
    """Warnings on a valid dataset: what a reader could not check.

    A ``confirmed`` figure must name the document it was read in, and that document must
    carry something a reader can find it by: an SEC accession number, a URL, or a Hong Kong
    stock code with a date.
    """
    problems: list[Problem] = []
    for i, company in enumerate(dataset.companies):
        documents = {d.id: d for d in company.documents}
        for k, year in enumerate(company.years):
            for field in CITED_FIELDS:
                if year.figure(field) is None or year.status_of(field) != "confirmed":
                    continue
                key = year.document_of(field)
                where = f"companies[{i}].years[{k}].{field}"
                if key is None:
                    if IDENTIFIER_IN_TEXT.search(year.source_of(field) or ""):
                        continue  # e.g. what `capex import sec` writes: the accession in text
                    problems.append(
                        Problem(
                            where,
                            "confirmed, but cites nothing a reader could find: give it a "
                            'document (document = "KEY") or an SEC accession number or URL in '
                            "its source",
                        )
                    )
                elif key in documents and documents[key].identifier() is None:
                    problems.append(
                        Problem(
                            where,
                            f"confirmed in document {key!r}, which has no SEC accession "
                            "number, URL, or HKEX stock code and date",
                        )
                    )
    return problems
