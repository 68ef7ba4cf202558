"""Merging extracted figures into the text of an existing data file.

This module decides what changes (which figures are added, replaced, confirmed or skipped)
and checks the result; :mod:`.toml_edit` writes the changes into the TOML text.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from capexcli.errors import DataValidationError, WriteError
from capexcli.importers.sec.stub import HasFigures, Importable, by_year

if TYPE_CHECKING:
    from capexcli.model.records import Company, Dataset, Document, Figure, FiscalYear, Version


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
    #: The values earlier filings gave (restatements), oldest first.
    earlier: tuple[int | float, ...] = ()

    def describe(self) -> str:
        old = "(none)" if self.old is None else f"{_num(self.old)} ({self.old_status})"
        text = f"{self.company} FY{self.fiscal_year} {self.field}: {old} -> {_num(self.new)}"
        if self.earlier:
            text += f" (earlier filings: {', '.join(_num(v) for v in self.earlier)})"
        if self.action == "confirmed":
            text += " (confirmed)"
        if self.action == "skipped":
            text = (
                f"skipped {text}: the file's figure is confirmed; --force replaces it "
                "with the filing's"
            )
            if _same(self.old or 0, self.new):
                text += " (the filings also give earlier values, kept as its versions)"
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
    extraction: HasFigures,
    *,
    force: bool = False,
    document: Document | None = None,
) -> Merged:
    """Put the extracted figures into ``company`` of the data file ``text``.

    A figure the file lacks is added; one that differs, or equals one not yet confirmed, is
    rewritten with the filing as its source; one that differs from a confirmed figure is left
    alone unless ``force``. A fiscal year the file lacks gets a new ``[[companies.years]]``
    table, in order among the company's years. Every other line stays as it was. The result
    is parsed and compared with what was meant before it is returned.

    ``document`` is the document the figures cite (by its key): added to the company's
    ``[[companies.documents]]`` unless it has one with that key already.
    """
    from capexcli.model.records import FiscalYear
    from capexcli.store.loader import parse_dataset

    dataset = parse_dataset(text, path)
    index = next(i for i, c in enumerate(dataset.companies) if c.id == company.id)
    company = dataset.companies[index]
    existing = {year.fiscal_year: k for k, year in enumerate(company.years)}

    changes: list[Change] = []
    notes: list[str] = []
    to_write: dict[int, list[Importable]] = {}  # position among the company's years -> figures
    expected_years = list(company.years)
    new_years: dict[int, list[Importable]] = {}

    for fiscal_year, figures in by_year(extraction.figures).items():
        if fiscal_year not in existing:
            new_years[fiscal_year] = figures
            changes += [
                Change(company.id, fiscal_year, f.field, "added", None, None, f.value, _earlier(f))
                for f in figures
            ]
            continue
        k = existing[fiscal_year]
        year = company.years[k]
        period_end = max(f.period_end for f in figures)
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
            elif _same_history(old, figure):
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
                    _earlier(figure),
                )
            )
            if action in ("unchanged", "skipped"):
                continue
            if action == "changed" and old is not None:
                figure, why = _keep_replaced(company, year, old, figure, document)
                if why:
                    notes.append(
                        f"{company.id} FY{fiscal_year} {figure.field}: {_num(old.value)} {why}"
                    )
            updates[figure.field] = _figure_model(figure)
            to_write.setdefault(k, []).append(figure)
        if updates:
            expected_years[k] = dataclasses.replace(year, **updates)

    for fiscal_year, figures in new_years.items():
        expected_years.append(
            FiscalYear(
                fiscal_year=fiscal_year,
                period_end=max(f.period_end for f in figures),
                **{f.field: _figure_model(f) for f in figures},  # type: ignore[arg-type]
            )
        )

    if not to_write and not new_years:
        return Merged(text, changes, notes)
    new_document = document
    if document is not None and any(d.id == document.id for d in company.documents):
        new_document = None
    # Here, not at the top: only a merge that writes needs tomlkit (see toml_edit).
    from capexcli.importers.sec import toml_edit

    new_text = toml_edit.write(
        text,
        path,
        [c.id for c in dataset.companies],
        index,
        [year.fiscal_year for year in company.years],
        to_write,
        new_years,
        new_document=new_document,
    )
    try:
        _check_merge(new_text, path, dataset, index, expected_years, new_document)
    except DataValidationError as exc:
        # Valid figures can still break a rule of the whole file, e.g. a new comparison
        # year that now needs an FX rate.
        problems = "; ".join(f"{p.path}: {p.message}" for p in exc.problems)
        raise WriteError(
            f"{path}: not written: with the imported figures it would break a rule of "
            f"the data file: {problems}"
        ) from None
    return Merged(new_text, changes, notes)


def _figure_model(figure: Importable) -> Figure:
    from capexcli.model.records import Figure

    return Figure(
        value=figure.value,
        status="confirmed",
        document=figure.document,
        source=figure.source,
        line=figure.line,
        page=figure.page,
        note=figure.note,
        date=figure.filed,
        versions=tuple(figure.earlier),
    )


def _earlier(figure: Importable) -> tuple[int | float, ...]:
    return tuple(v.value for v in figure.earlier)


def _same_history(old: Figure, new: Importable) -> bool:
    """The same value, after the same earlier values where the import knows them (a
    re-import changes nothing)."""
    if not new.earlier:
        return _same(old.value, new.value)
    before = [v.value for v in old.versions] + [old.value]
    after = [*_earlier(new), new.value]
    return len(before) == len(after) and all(map(_same, before, after))


@dataclass(frozen=True)
class _Restating:
    """An imported figure that replaces a dated one: the replaced value joins its versions."""

    base: Importable
    earlier: tuple[Version, ...]

    def __getattr__(self, name: str) -> Any:
        return getattr(self.base, name)


def _keep_replaced(
    company: Company,
    year: FiscalYear,
    old: Figure,
    figure: Importable,
    document: Document | None,
) -> tuple[Importable, str | None]:
    """``figure``, with the value it replaces kept as its latest version when both are dated
    and the replaced one was filed first (what a restatement is); else ``figure`` and why not."""
    from capexcli.model.records import Version

    if figure.earlier:
        return figure, None  # the import's own filings say what came before
    field = figure.field
    key = year.document_of(field)
    dates = {d.id: d.date for d in company.documents}
    if document is not None:
        dates.setdefault(document.id, document.date)
    then = old.date or (dates.get(key) if key is not None else None)
    now = figure.filed or (dates.get(figure.document) if figure.document else None)
    if then is None or now is None or not then < now:
        return figure, "not kept as a version: the two filings' dates do not show which came first"
    kept = Version(
        value=old.value,
        document=key,
        date=None if key is not None and dates.get(key) is not None else then,
        status=year.status_of(field),  # type: ignore[arg-type]
        source=year.source_of(field),
        line=old.line,
        page=old.page,
        note=old.note,
    )
    return _Restating(figure, (*old.versions, kept)), None


def _same(old: float, new: int | float) -> bool:
    return round(float(old), 3) == round(float(new), 3)


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _check_merge(
    text: str,
    path: Path | str,
    before: Dataset,
    index: int,
    expected_years: list[FiscalYear],
    document: Document | None = None,
) -> None:
    """The merged text must parse, and differ from the old only in the intended figures."""
    from capexcli.store.loader import parse_dataset

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
        == before.companies[index].model_copy(
            update={
                "years": [],
                "documents": [*before.companies[index].documents, *([document] * bool(document))],
            }
        )
    )
    got = sorted(after.companies[index].years, key=lambda y: y.fiscal_year)
    want = sorted(expected_years, key=lambda y: y.fiscal_year)
    if not same_elsewhere or got != want:
        # A bug in the text editing (toml_edit), not the user's doing: stop before writing.
        raise RuntimeError(f"merging into {path} would change more than the imported figures")
