"""Where every number comes from: the rows of ``capex sources`` and the citations of
figures, guidance and FX rates that ``claims`` shows beside its inputs.

A figure cites a company document (see :class:`~capexcli.model.records.Document`) or a free-text
source; a row carries both the document, as fields, and one citation line a reader can quote.
"""

from __future__ import annotations

from collections.abc import Sequence

from capexcli.errors import RequestError
from capexcli.model.alignment import Align, comparison_year
from capexcli.model.checks import CITED_FIELDS
from capexcli.model.records import STATUSES, Company, Dataset, Figure, FiscalYear, FxRate, Guidance
from capexcli.model.versions import timeline
from capexcli.results import AsOf, DocumentInfo, EarlierValue, SourceRow, SourcesResult, VersionInfo

SOURCE_KINDS: tuple[str, ...] = ("figure", "guidance", "fx")


def guidance_row(company: Company, g: Guidance) -> SourceRow:
    """A guidance statement with its provenance; ``value`` is the low end."""
    return SourceRow(
        kind="guidance",
        company=company.id,
        fiscal_year=g.year,
        field=f"{g.metric}_guidance",
        value=g.low,
        currency=company.currency,
        status=g.status,
        source=g.source,
        note=g.note,
        high=g.high,
        date=g.date,
        basis=g.basis,
    )


def fx_row(rate: FxRate) -> SourceRow:
    """An FX rate (CNY per USD) with its provenance."""
    return SourceRow(
        kind="fx",
        company=None,
        fiscal_year=rate.year,
        field="cny_per_usd",
        value=rate.cny_per_usd,
        currency="CNY",
        status=rate.status,
        source=rate.source,
        note=rate.note,
    )


def document_info(company: Company, key: str | None, page: int | None) -> DocumentInfo | None:
    """The company document named ``key``, as output; None for no key."""
    if key is None:
        return None
    fields = company.document(key).model_dump(exclude={"note"})
    return DocumentInfo(**fields, page=page)


def citation(company: Company, key: str | None, page: int | None, source: str | None) -> str:
    """What a figure was read in, as one line a reader can cite: the document, then any
    free-text source beside it."""
    parts = []
    if key is not None:
        parts.append(company.document(key).cite(page))
    if source:
        parts.append(source)
    return " | ".join(parts)


def earlier_values(company: Company, fig: Figure) -> list[EarlierValue]:
    return [
        EarlierValue(
            value=v.value,
            document=document_info(company, v.document, v.page),
            source=v.source,
            line=v.line,
            note=v.note,
        )
        for v in fig.versions
    ]


def versions_of(company: Company, year: FiscalYear, field: str) -> list[VersionInfo]:
    """Every filed version of a figure, oldest first, its own value last."""
    return [
        VersionInfo(
            value=e.value,
            date=e.date,
            date_assumed=e.assumed,
            status=e.status or "unconfirmed",
            document=document_info(company, e.document, e.page),
            source=e.source,
            line=e.line,
            note=e.note,
            latest=e.latest,
        )
        for e in timeline(company, year, field)
    ]


def as_of_label(as_of: AsOf) -> str:
    """Which versions a row is, in one word: latest, first-reported or the date."""
    if as_of.first_reported:
        return "first-reported"
    return "latest" if as_of.date is None else as_of.date.isoformat()


def figure_row(
    company: Company,
    year: FiscalYear,
    field: str,
    as_of: str = "latest",
    align: Align | None = None,
) -> SourceRow | None:
    """One figure with its provenance, or None if the year does not have it; with ``align``,
    the comparison year it counts in."""
    fig = year.figure(field)
    if fig is None:
        return None
    versions = versions_of(company, year, field)
    key = year.document_of(field)
    basis = company.capex_basis.label if field == "capex" and company.capex_basis else None
    return SourceRow(
        kind="figure",
        company=company.id,
        fiscal_year=year.fiscal_year,
        field=field,
        value=fig.value,
        currency=company.currency,
        status=year.status_of(field) or "unconfirmed",
        source=citation(company, key, fig.page, year.source_of(field)) or None,
        line=fig.line,
        note=fig.note,
        basis=basis,
        document=document_info(company, key, fig.page),
        earlier=earlier_values(company, fig),
        filed=versions[-1].date,
        filed_assumed=versions[-1].date_assumed,
        versions=versions,
        as_of=as_of,
        comparison_year=None
        if align is None
        else comparison_year(year.fiscal_year, year.period_end, align),
    )


def sources(
    dataset: Dataset,
    company: Company | None = None,
    statuses: Sequence[str] = (),
    kinds: Sequence[str] = SOURCE_KINDS,
    as_of: AsOf | None = None,
    align: Align = "majority",
) -> SourcesResult:
    """Every number in the data with its status and source, in file order.

    A figure that gives no status or source of its own takes its year's, as everywhere else.
    FX rates belong to no company, so they are listed only when no company is chosen. Each
    figure carries the comparison year it counts in under ``align``; an FX rate's is its year.
    """
    for status in statuses:
        if status not in STATUSES:
            raise RequestError(f"unknown status {status!r}: choose from {', '.join(STATUSES)}")
    rows: list[SourceRow] = []
    label = as_of_label(as_of or AsOf())
    for c in dataset.companies:
        if company is not None and c.id != company.id:
            continue
        if "figure" in kinds:
            for year in c.years:
                for field in CITED_FIELDS:
                    row = figure_row(c, year, field, label, align)
                    if row is not None:
                        rows.append(row)
        if "guidance" in kinds:
            rows += [guidance_row(c, g) for g in c.guidance]
    if company is None and "fx" in kinds:
        rows += [
            fx_row(rate).model_copy(update={"comparison_year": rate.year}) for rate in dataset.fx
        ]
    if statuses:
        rows = [r for r in rows if r.status in statuses]
    return SourcesResult(rows)


#: The fields `capex sources --field` picks from, as the rows name them.
SOURCE_FIELDS: tuple[str, ...] = (
    *CITED_FIELDS,
    "capex_guidance",
    "total_expenses_guidance",
    "cny_per_usd",
)


def narrow(
    result: SourcesResult,
    companies: Sequence[str] = (),
    years: tuple[int, int] | None = None,
    fields: Sequence[str] = (),
    comparison_years: tuple[int, int] | None = None,
) -> SourcesResult:
    """Only the rows of these companies (ids), fiscal years (first, last), comparison years
    (first, last: the calendar years compare counts a figure in) and fields; an empty choice
    keeps every row. A field may be written with spaces or hyphens. Each row kept says which
    kind of year chose it (``selected_by``)."""
    wanted = [f.strip().lower().replace(" ", "_").replace("-", "_") for f in fields]
    for field in wanted:
        if field not in SOURCE_FIELDS:
            raise RequestError(f"unknown field {field!r}: choose from {', '.join(SOURCE_FIELDS)}")

    def in_span(year: int | None, span: tuple[int, int] | None) -> bool:
        return span is None or (year is not None and span[0] <= year <= span[1])

    rows = [
        r
        for r in result.root
        if (not companies or r.company in companies)
        and in_span(r.fiscal_year, years)
        and in_span(r.comparison_year, comparison_years)
        and (not wanted or r.field in wanted)
    ]
    chosen = [
        kind
        for kind, span in (("fiscal_year", years), ("comparison_year", comparison_years))
        if span is not None
    ]
    if chosen:
        update = {"selected_by": "+".join(chosen)}
        rows = [r.model_copy(update=update) for r in rows]
    return SourcesResult(rows)


def figures_used(
    dataset: Dataset | None, result: object, as_of: AsOf | None = None, fx: float | None = None
) -> list[SourceRow]:
    """Every figure a result rests on, with its document, page and URL: the workbook's Sources
    sheet. A comparison or chart: each member's figures in the years shown, and the FX rates
    of those years (or the one --fx rate); a company: all its figures; claims and sources: the
    rows they already list."""
    from capexcli.model.alignment import comparison_year
    from capexcli.results import (
        ChartResult,
        ClaimsResult,
        CompanyListResult,
        CompanyResult,
        CompareResult,
    )

    label = as_of_label(as_of or AsOf())
    if isinstance(result, SourcesResult):
        return list(result.root)
    if isinstance(result, ClaimsResult):
        seen: dict[tuple[object, ...], SourceRow] = {}
        for claim in result.claims:
            for row in claim.inputs:
                seen.setdefault((row.kind, row.company, row.fiscal_year, row.field), row)
        return list(seen.values())
    if dataset is None:
        return []
    if isinstance(result, CompanyResult | CompanyListResult):
        reports = result.companies if isinstance(result, CompanyListResult) else [result]
        wanted = {(c.company.id, y.fiscal_year) for c in reports for y in c.years}
        return [
            row
            for c in dataset.companies
            for year in c.years
            if (c.id, year.fiscal_year) in wanted
            for field in CITED_FIELDS
            if (row := figure_row(c, year, field, label)) is not None
        ]
    if dataset is None or not isinstance(result, CompareResult | ChartResult):
        return []
    years = {y.year for y in result.years}
    members = {m for g in result.groups for m in g.members}
    rows = [
        row
        for c in dataset.companies
        if c.id in members
        for year in c.years
        if comparison_year(year.fiscal_year, year.period_end, result.align) in years
        for field in CITED_FIELDS
        if (row := figure_row(c, year, field, label)) is not None
    ]
    if fx is None:
        return rows + [fx_row(rate) for rate in dataset.fx if rate.year in years]
    given = "--fx: one rate for every year, given on the command line"
    return rows + [
        SourceRow(
            kind="fx",
            company=None,
            fiscal_year=year,
            field="cny_per_usd",
            value=fx,
            currency="CNY",
            status="override",
            source=given,
        )
        for year in sorted(years)
    ]
