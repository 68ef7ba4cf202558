"""What the SEC filings say of a company's figures, for ``capex update``: each extracted figure
sorted into new, restated, confirms, differs or unchanged, and the ones to write.

Pure: a company of a data set and an :class:`~.facts.Extraction` in, findings out. The
writing is :func:`.merge.merge`'s, given only the figures to write (so that ``force`` there
replaces exactly what this module decided: restatements always, differences only when asked).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from capexcli.importers.sec.facts import Extracted, Extraction

if TYPE_CHECKING:
    from capexcli.model.records import Company

Category = Literal["new", "restated", "confirms", "differs", "unchanged"]
CATEGORIES: tuple[Category, ...] = ("new", "restated", "confirms", "differs", "unchanged")


@dataclass(frozen=True)
class Finding:
    figure: Extracted
    category: Category
    #: The data's value and status, None for a new figure.
    old: float | None
    old_status: str | None

    def writes(self, force: bool) -> bool:
        if self.category == "differs":
            return force
        return self.category != "unchanged"


@dataclass(frozen=True)
class Selection:
    """The figures of an extraction to write: what merge() reads (stub.HasFigures)."""

    figures: Sequence[Extracted]


def _same(a: float, b: float) -> bool:
    # As merge._same: the data carries at most three decimals of a million.
    return round(float(a), 3) == round(float(b), 3)


def classify(company: Company, extraction: Extraction) -> list[Finding]:
    """Every figure of ``extraction`` from the company's first fiscal year in the data on
    (older years are history the data chose not to hold), oldest year first."""
    years = {year.fiscal_year: year for year in company.years}
    first = min(years, default=None)
    findings: list[Finding] = []
    for figure in sorted(extraction.figures, key=lambda f: f.fiscal_year):
        if first is not None and figure.fiscal_year < first:
            continue
        year = years.get(figure.fiscal_year)
        old = year.figure(figure.field) if year is not None else None
        if year is None or old is None:
            findings.append(Finding(figure, "new", None, None))
            continue
        status = year.status_of(figure.field) or "unconfirmed"
        category: Category
        if _same(old.value, figure.value):
            category = "unchanged" if status == "confirmed" else "confirms"
        elif any(_same(old.value, v.value) for v in figure.earlier):
            category = "restated"
        else:
            category = "differs"
        findings.append(Finding(figure, category, old.value, status))
    return findings


def to_write(findings: Sequence[Finding], force: bool) -> Selection:
    return Selection([f.figure for f in findings if f.writes(force)])


def counts(findings: Sequence[Finding]) -> dict[Category, int]:
    return {c: sum(f.category == c for f in findings) for c in CATEGORIES}
