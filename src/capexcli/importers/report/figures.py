"""A read report -> records of the data file: the document the figures cite, and capex,
operating cash flow, buybacks and dividends per fiscal year, each ``confirmed`` with its page
and its line as printed.

Capex is what the company's capex basis adds: the lines it names, found in the statement by
their printed labels. Without a company (a stub to paste), the basis proposed is the
property lines: purchases of property, plant and equipment, construction in progress and
investment properties; intangible assets and land are listed beside it, not added. A headline
capex is capex only for a company whose basis is the headline figure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from capexcli.importers.report.extract import Line, Report
from capexcli.importers.report.lines import normalize
from capexcli.importers.report.measures import PROPERTY_MEASURES, by_id

if TYPE_CHECKING:
    from capexcli.model.records import CapexBasis, Company, Document, Version

#: Measures that are a data field as they are.
_FIELDS = {
    "operating_cash_flow": "operating_cash_flow",
    "buybacks": "buybacks",
    "dividends": "dividends",
}
_FORM_TITLES = {
    "annual report": "Annual Report",
    "interim report": "Interim Report",
    "results announcement": "annual results announcement",
    "results press release": "results press release",
}
#: A capex basis whose lines name these is the headline figure of a results release.
_HEADLINE_WORDS = ("资本开支", "資本開支", "capitalexpenditure")


@dataclass(frozen=True)
class ReportFigure:
    """A figure for the data file (see capexcli.importers.sec.stub.Importable)."""

    field: str
    fiscal_year: int
    value: int | float
    currency: str
    period_end: date
    line: str
    document: str
    page: int
    note: str | None = None
    source: None = None
    #: The lines it adds, as printed (one, or the basis lines of a capex).
    lines: tuple[str, ...] = ()
    rounded_to: float | None = None
    #: Dated by its document (see stub.Importable): no date or earlier filings of its own.
    filed: None = None
    earlier: tuple[Version, ...] = ()


@dataclass
class DataFigures:
    figures: list[ReportFigure]
    document: Document
    #: The capex basis the figures are on: the company's, or the one proposed for a stub.
    basis: CapexBasis | None
    notes: list[str] = field(default_factory=list)


def number(value: Decimal) -> int | float:
    """Millions as the data writes them: an integer when whole, else the printed digits."""
    if value == value.to_integral_value():
        return int(value)
    return float(value.normalize())


def document_record(report: Report, company: Company | None) -> Document:
    """The document the figures cite: the company's own entry for it when it has one (same
    URL, or same stock code and date), else a new one with a free key."""
    from capexcli.model.records import Document

    info = report.document
    if company is not None:
        for known in company.documents:
            same_url = info.url is not None and known.url == info.url
            same_filing = (
                info.stock_code is not None
                and info.date is not None
                and (known.stock_code, known.date) == (info.stock_code, info.date)
                and known.form == info.form
            )
            if same_url or same_filing:
                return known
    year = report.years[0] if report.years else None
    if year is None and report.headlines:
        year = report.headlines[0].fiscal_year
    issuer = info.issuer or (company.name if company is not None else None) or report.path.name
    kind = _FORM_TITLES.get(info.form, info.form)
    if info.form == "results press release" and info.heading:
        title = f"{info.heading}, {kind}"
    else:
        title = " ".join(part for part in (issuer, kind, str(year) if year else None) if part)
    statement = report.statement
    if statement is not None:
        pages = statement.pages
        where = f"p. {pages[0]}" if len(pages) == 1 else f"pp. {pages[0]}-{pages[-1]}"
        title += f", consolidated statement of cash flows ({where})"
    base = {
        "annual report": f"AR{year}",
        "interim report": f"IR{year}",
        "results announcement": f"{year} results",
        "results press release": f"{year} results release",
    }.get(info.form, f"report {year}")
    taken = {d.id for d in company.documents} if company is not None else set()
    key, n = base, 2
    while key in taken:
        key, n = f"{base} ({n})", n + 1
    return Document(
        id=key,
        title=title[:2000],
        form=info.form,
        date=info.date,
        stock_code=info.stock_code,
        url=info.url,
    )


def missing_identity(document: Document) -> str:
    """What a reader lacks to find the document: it names no URL, and no stock code and date
    of publication together (the stock code alone finds every report of the issuer)."""
    lacking = [
        what
        for what, value in (("a stock code", document.stock_code), ("a date", document.date))
        if value is None
    ]
    has = f" (it has stock code {document.stock_code})" if document.stock_code else ""
    return (
        f"the document {document.id!r} names no URL, nor {' or '.join(lacking)}{has}: give "
        "--url (its HKEXnews address, which also dates it) so that a reader can find it"
    )


def data_figures(report: Report, company: Company | None) -> DataFigures:
    document = document_record(report, company)
    out = DataFigures([], document, None)
    currency = report.currency or "CNY"
    for measure, data_field in _FIELDS.items():
        lines = report.rows_of(measure)
        if len(lines) != 1:
            continue  # none, or candidates the warnings list
        for fiscal_year, value in lines[0].values.items():
            if value is None or fiscal_year not in report.period_ends:
                continue
            out.figures.append(
                _figure(report, data_field, fiscal_year, value, [lines[0]], document)
            )
    _capex(report, company, out)
    out.figures.sort(key=lambda f: (f.fiscal_year, f.field))
    if document.identifier() is None:
        out.notes.append(missing_identity(document))
    missing = [y for y in report.years if y not in report.period_ends]
    if missing:
        out.notes.append(
            "the statement does not say when its year ends: give --company ID (its fiscal-year "
            f"end dates the columns); FY{', FY'.join(map(str, missing))} left out"
        )
    if report.currency is not None and currency not in ("CNY", "USD"):
        out.notes.append(
            f"the figures are in {currency}: capex's data holds CNY or USD, and does not convert"
        )
    return out


def _figure(
    report: Report,
    data_field: str,
    fiscal_year: int,
    value: Decimal,
    lines: list[Line],
    document: Document,
    note: str | None = None,
) -> ReportFigure:
    labels = tuple(line.row.label for line in lines)
    restated = (
        report.statement is not None
        and report.statement.restated
        and fiscal_year == report.statement.years[1]
    )
    notes = [note] if note else []
    if restated:
        notes.append("restated in this report")
    return ReportFigure(
        field=data_field,
        fiscal_year=fiscal_year,
        value=number(value),
        currency=report.currency or "CNY",
        period_end=report.period_ends[fiscal_year],
        line=" + ".join(labels),
        document=document.id,
        page=lines[0].row.page,
        note="; ".join(notes) or None,
        lines=labels,
    )


def _capex(report: Report, company: Company | None, out: DataFigures) -> None:
    from capexcli.model.records import CapexBasis

    basis = company.capex_basis if company is not None else None
    if basis is not None and any(
        word in normalize(line) for line in basis.lines for word in _HEADLINE_WORDS
    ):
        out.basis = basis
        _headline_capex(report, out)
        return
    if basis is None:
        if report.statement is None:
            if company is None:
                out.basis = CapexBasis(
                    id="headline",
                    label="headline capital expenditure",
                    lines=["资本开支"],
                    note="The results release's headline figure, rounded as printed.",
                )
                _headline_capex(report, out)
            return
        lines = [line for m in PROPERTY_MEASURES for line in report.rows_of(m)]
        ambiguous = [m for m in PROPERTY_MEASURES if len(report.rows_of(m)) > 1]
        if ambiguous or not lines:
            if not lines:
                out.notes.append("no line of purchases of property in the statement: no capex")
            else:
                out.notes.append("capex left out: its lines are ambiguous (see the warnings)")
            return
        left = [line.row.label for m in ("intangible_assets", "land") for line in report.rows_of(m)]
        out.basis = CapexBasis(
            id="purchases-property",
            label=lines[0].row.label if len(lines) == 1 else "purchases of property",
            lines=[line.row.label for line in lines],
            note=("Excludes " + "; ".join(f'"{label}"' for label in left) + ".") if left else None,
        )
        if company is not None:
            out.notes.append(
                f"{company.id} has no capex_basis: capex here adds the property lines "
                f"({'; '.join(out.basis.lines)}); add a [companies.capex_basis] with them"
            )
    else:
        out.basis = basis
        rows = {normalize(label): line for line in report.lines for label in line.row.labels}
        if report.statement is None:
            out.notes.append(
                f"no statement of cash flows: capex (on {company.id if company else ''}'s basis "
                f"{basis.id!r}) is not in this document"
            )
            return
        found = [rows.get(normalize(label)) for label in basis.lines]
        if any(line is None for line in found):
            lost = [label for label, line in zip(basis.lines, found, strict=True) if line is None]
            out.notes.append(
                f"capex left out: the statement has no line {'; '.join(map(repr, lost))} of "
                f"the capex basis {basis.id!r}"
            )
            return
        lines = [line for line in found if line is not None]
    for fiscal_year in report.years:
        values = [line.values.get(fiscal_year) for line in lines]
        if fiscal_year not in report.period_ends or any(v is None for v in values):
            continue
        total = sum((v for v in values if v is not None), Decimal(0))
        note = None
        if len(lines) > 1:
            note = " + ".join(f"{number(v)}" for v in values if v is not None)
            note += f" = {number(total)}"
        out.figures.append(_figure(report, "capex", fiscal_year, total, lines, out.document, note))


def _headline_capex(report: Report, out: DataFigures) -> None:
    per_year: dict[int, list[object]] = {}
    for headline in report.headlines:
        per_year.setdefault(headline.fiscal_year or 0, []).append(headline)
    for headline in report.headlines:
        fiscal_year = headline.fiscal_year
        if fiscal_year is None or len(per_year[fiscal_year]) > 1:
            continue
        if report.currency is not None and headline.currency != report.currency:
            continue
        end = report.period_ends.get(fiscal_year)
        if end is None:
            out.notes.append(
                f"FY{fiscal_year} headline capex: the document does not say when its year "
                "ends; give --company ID"
            )
            continue
        out.figures.append(
            ReportFigure(
                field="capex",
                fiscal_year=fiscal_year,
                value=number(headline.value),
                currency=headline.currency,
                period_end=end,
                line=headline.label,
                document=out.document.id,
                page=headline.page,
                note=f"headline figure, {headline.text!r}: rounded to "
                f"{number(headline.rounded_to)} million as printed",
                lines=(headline.text,),
                rounded_to=float(headline.rounded_to),
            )
        )


def measure_label(measure: str) -> str:
    return by_id(measure).label
