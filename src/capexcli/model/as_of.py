"""The data as it stood on a date: each figure's version filed by then (``--as-of``), or
each figure's first filed value (``--first-reported``).

Applied by rewriting the dataset, like the groups (:mod:`capexcli.model.groups`): every figure
keeps the version that date sees, a figure not yet filed is dropped, so is guidance given
after the date, and every command runs unchanged on the result. :class:`AsOf` says which
versions a result used; commands carry it into their output.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from datetime import date

from capexcli.errors import RequestError
from capexcli.model.checks import CITED_FIELDS
from capexcli.model.records import Company, Dataset, Figure, FiscalYear, Version
from capexcli.model.versions import Filed, timeline
from capexcli.results.filed import AsOf, Restatement


def parse_date(text: str) -> date:
    """An ISO date (YYYY-MM-DD), as --as-of takes it: that form only, as the message says
    (date.fromisoformat would also take 20250801, 2025-W31-5 and full-width digits)."""
    text = text.strip()
    if not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        raise RequestError("not a date: write YYYY-MM-DD, e.g. 2025-08-01")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise RequestError("not a date: write YYYY-MM-DD, e.g. 2025-08-01") from None


def resolve(dataset: Dataset, as_of: AsOf) -> tuple[Dataset, AsOf]:
    """``dataset`` as ``as_of`` sees it, and ``as_of`` with what it changed counted."""
    if as_of.date is None and not as_of.first_reported:
        return dataset, as_of
    counts = {"not_yet_filed": 0, "assumed_dates": 0}
    restated: list[Restatement] = []
    companies = []
    guidance_dropped = 0
    for company in dataset.companies:
        years = []
        for year in company.years:
            kept = _year(company, year, as_of, counts, restated)
            if kept is not None:
                years.append(kept)
        guidance = company.guidance
        if as_of.date is not None:
            guidance = [g for g in company.guidance if g.date <= as_of.date]
            guidance_dropped += len(company.guidance) - len(guidance)
        companies.append(company.model_copy(update={"years": years, "guidance": guidance}))
    if as_of.date is not None and not any(c.years for c in companies):
        first = min((e.date for c, y, f, e in _entries(dataset)), default=None)
        raise RequestError(
            f"nothing in the data had been filed by {as_of.date.isoformat()}"
            + (f": the first filing in it is of {first.isoformat()}" if first else "")
        )
    info = as_of.model_copy(
        update={**counts, "guidance_left_out": guidance_dropped, "restated_since": restated}
    )
    return dataset.model_copy(update={"companies": companies}), info


def _entries(dataset: Dataset) -> Iterator[tuple[Company, FiscalYear, str, Filed]]:
    for company in dataset.companies:
        for year in company.years:
            for field in CITED_FIELDS:
                for entry in timeline(company, year, field):
                    yield company, year, field, entry


def _year(
    company: Company,
    year: FiscalYear,
    as_of: AsOf,
    counts: dict[str, int],
    restated: list[Restatement],
) -> FiscalYear | None:
    """The fiscal year with each figure's chosen version; None if it has no figure left."""
    changes: dict[str, Figure | None] = {}
    left = 0
    for field in CITED_FIELDS:
        figure = year.figure(field)
        if figure is None:
            continue
        entries = timeline(company, year, field)
        if as_of.first_reported:
            seen = entries
        else:
            assert as_of.date is not None
            seen = [e for e in entries if e.date <= as_of.date]
            counts["assumed_dates"] += entries[-1].assumed
        if not seen:
            counts["not_yet_filed"] += 1
            changes[field] = None
            continue
        left += 1
        chosen = seen[0] if as_of.first_reported else seen[-1]
        if chosen.latest:
            continue
        latest = entries[-1]
        restated.append(
            Restatement(
                company=company.id,
                fiscal_year=year.fiscal_year,
                field=field,
                value=chosen.value,
                latest=latest.value,
                latest_date=latest.date,
                latest_document=latest.document,
            )
        )
        changes[field] = _figure(figure, chosen, figure.versions[: entries.index(chosen)])
    if not left:
        return None
    if year.statement and as_of.date is not None:
        # A statement line is known from its document's date; one without a dated document
        # counts as filed with the year (as a figure with no date of its own does).
        dates = {d.id: d.date for d in company.documents}
        kept = tuple(
            line
            for line in year.statement
            if (when := dates.get(line.document)) is None or when <= as_of.date
        )
        if kept != year.statement:
            changes["statement"] = kept  # type: ignore[assignment]
    return dataclasses.replace(year, **changes) if changes else year


def _figure(figure: Figure, chosen: Filed, earlier: tuple[Version, ...]) -> Figure:
    """An earlier version as the figure, with the versions before it."""
    return Figure(
        value=chosen.value,
        status=chosen.status,  # type: ignore[arg-type]
        document=chosen.document,
        source=chosen.source,
        line=chosen.line,
        page=chosen.page,
        basis=figure.basis,
        note=chosen.note,
        versions=earlier,
    )
