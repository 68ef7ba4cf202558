"""The companies behind one cell of ``capex compare``: ``capex explain``.

The cell is taken from :func:`~capexcli.compute.comparison.compare` itself, and the rows are
the same observations it adds, in the same order, so their sum is the cell to the last bit
(a test checks it for every cell of the shipped data)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Unpack

from capexcli.compute.comparison import ComparisonOptions, compare
from capexcli.compute.metrics import REGIONS, observe, place
from capexcli.compute.provenance import citation, document_info
from capexcli.errors import RequestError
from capexcli.model.alignment import months_in_end_year
from capexcli.model.groups import REGION_OF
from capexcli.model.records import Company, Dataset, FiscalYear
from capexcli.results import (
    ExplainCell,
    ExplainFigure,
    ExplainResult,
    ExplainRow,
    GroupFigures,
)

#: The figures each measure adds, per company.
MEASURE_FIGURES: dict[str, tuple[str, ...]] = {
    "capex": ("capex",),
    "operating_cash_flow": ("operating_cash_flow",),
    "returns": ("buybacks", "dividends"),
}
#: The measure's name among compare's group figures and coverage.
CELL_FIELD: dict[str, str] = {
    "capex": "capex",
    "operating_cash_flow": "operating_cash_flow",
    "returns": "shareholder_returns",
}


def explain(
    dataset: Dataset,
    year: int,
    *,
    measure: str = "capex",
    groups: Sequence[str] = ("us", "cn"),
    **options: Unpack[ComparisonOptions],
) -> ExplainResult:
    """The rows behind compare's cell of ``year`` and ``measure`` for each of ``groups``,
    ``options`` being compare's.

    ``years`` is compare's span: it matters only with ``like_for_like`` (which keeps the
    companies that report capex in every year of it); without it, the cell of a year is the
    same whatever the span."""
    if measure not in MEASURE_FIGURES:
        raise RequestError(f"unknown measure {measure!r}: choose {', '.join(MEASURE_FIGURES)}")
    comparison = compare(dataset, **options)
    if not any(r.year == year for r in comparison.years):
        if options.get("years") is not None or comparison.like_for_like:
            span = f"{comparison.years[0].year}-{comparison.years[-1].year}"
            raise RequestError(
                f"{year} is not a year of the comparison ({span}); choose a year in it "
                "or give --years"
            )
        # Outside compare's default years: compare that year alone, whose error says why not.
        comparison = compare(dataset, **{**options, "years": (year, year)})
    currency, align = comparison.currency, comparison.align
    row = next(r for r in comparison.years if r.year == year)
    kept = {m for g in comparison.groups for m in g.members}
    companies = [c for c in dataset.companies if c.id in kept]
    placed = place(dataset.model_copy(update={"companies": companies}), align).get(year, [])
    rate = next((f.rate for f in comparison.fx if f.year == year), None)
    cells = []
    for gid in groups:
        region = REGION_OF[gid]
        figures: GroupFigures = row.us if region == "US" else row.cn
        info = next(g for g in comparison.groups if g.id == gid)
        entries = [(c, fy) for c, fy in placed if c.region == region]
        cells.append(
            _cell(
                gid, info.label, info.label_zh, figures, entries, companies, measure, currency, rate
            )
        )
    both = measure == "capex" and len(groups) == len(REGIONS)
    return ExplainResult(
        year=year,
        measure=measure,  # type: ignore[arg-type]
        currency=comparison.currency,
        align=comparison.align,
        align_rule=comparison.align_rule,
        fx=next((f for f in comparison.fx if f.year == year), None),
        cells=cells,
        us_to_cn_capex_ratio=row.us_to_cn_capex_ratio if both else None,
        ratio_complete=row.complete if both else None,
        groups=comparison.groups,
        like_for_like=comparison.like_for_like,
        dropped=comparison.dropped,
    )


def _cell(
    gid: str,
    label: str,
    label_zh: str | None,
    figures: GroupFigures,
    entries: Sequence[tuple[Company, FiscalYear]],
    companies: Sequence[Company],
    measure: str,
    currency: str,
    rate: float | None,
) -> ExplainCell:
    field = CELL_FIELD[measure]
    added: list[ExplainRow] = []
    others: list[ExplainRow] = []
    for company, fy in entries:
        row = _row(company, fy, measure, currency, rate)
        (added if row.converted is not None else others).append(row)
    present = {c.id for c, _ in entries}
    region = REGION_OF[gid]
    for company in companies:
        if company.region == region and company.id not in present:
            others.append(
                ExplainRow(
                    company=company.id,
                    name=company.name,
                    fiscal_year=None,
                    currency=company.currency,
                    value=None,
                    fx_rate=None,
                    converted=None,
                    status=None,
                    figures=[],
                    missing=["record"],
                )
            )
    cover = figures.coverage[field]
    # The same sum() over the same values in the same order as compare's total.
    total = sum([r.converted for r in added if r.converted is not None]) if added else None
    return ExplainCell(
        group=gid,  # type: ignore[arg-type]
        label=label,
        label_zh=label_zh,
        value=getattr(figures, field),
        rows_total=total,
        complete=cover.complete,
        reported=cover.reported,
        members=cover.members,
        missing=cover.missing,
        not_confirmed_share=figures.not_confirmed_share.get(field),
        rows=added + others,
    )


def _row(
    company: Company, fy: FiscalYear, measure: str, currency: str, rate: float | None
) -> ExplainRow:
    needs = MEASURE_FIGURES[measure]
    missing = [f for f in needs if fy.figure(f) is None]
    obs = observe(company, fy, currency, rate if company.currency != currency else None)
    if missing:
        value = converted = None
    elif measure == "returns":
        value = sum([fy.value(f) or 0.0 for f in needs])
        converted = obs.shareholder_returns
    else:
        value = fy.value(needs[0])
        converted = getattr(obs, needs[0])
    figures = [_figure(company, fy, f) for f in needs if fy.figure(f) is not None]
    statuses = [f.status for f in figures]
    shaky = [s for s in statuses if s != "confirmed"]
    last = months_in_end_year(fy.period_end)
    end_year, end_month = (fy.period_end.year, last) if last else (fy.period_end.year - 1, 12)
    start = end_year * 12 + end_month - 1 - 11
    return ExplainRow(
        company=company.id,
        name=company.name,
        fiscal_year=fy.fiscal_year,
        first_month=f"{start // 12}-{start % 12 + 1:02d}",
        last_month=f"{end_year}-{end_month:02d}",
        period_end=fy.period_end,
        currency=company.currency,
        value=value,
        fx_rate=rate if company.currency != currency and value is not None else None,
        converted=converted,
        status=None if missing else (shaky[0] if shaky else "confirmed"),  # type: ignore[arg-type]
        figures=figures,
        missing=missing,
    )


def _figure(company: Company, fy: FiscalYear, field: str) -> ExplainFigure:
    fig = fy.figure(field)
    assert fig is not None  # the caller picks present figures
    key = fy.document_of(field)
    return ExplainFigure(
        field=field,  # type: ignore[arg-type]
        value=fig.value,
        status=fy.status_of(field) or "unconfirmed",  # type: ignore[arg-type]
        source=citation(company, key, fig.page, fy.source_of(field)) or None,
        line=fig.line,
        document=document_info(company, key, fig.page),
    )
