"""The arithmetic: group totals, ratios, growth. Pure functions over validated records.

No I/O and no printing here, so every number the CLI shows can be tested alone.
Conventions: amounts stay in millions; a ratio whose denominator is missing, zero or
negative is ``None`` (shown as null / "—"), never a NaN or a ZeroDivisionError.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any, NamedTuple, TypeVar

from capexcli.errors import MissingDataError, RequestError
from capexcli.model.alignment import Align, comparison_year
from capexcli.model.records import STATUSES, Company, Dataset, FiscalYear
from capexcli.results import (
    Absent,
    Coverage,
    GroupFigures,
    Missing,
)

REGIONS = ("US", "CN")
#: The figures the group comparison adds up (debt repayment is per company only).
GROUP_FIELDS = ("capex", "operating_cash_flow", "buybacks", "dividends")
CURRENCIES = ("CNY", "USD")
#: The smallest CNY per USD rate taken: a rate of 5e-324 would turn amounts into infinity.
MIN_FX = 0.01

T = TypeVar("T")


def ratio(numerator: float | None, denominator: float | None) -> float | None:
    """``numerator / denominator``, or None when that is not a meaningful number."""
    if numerator is None or denominator is None or denominator <= 0:
        return None
    try:
        result = numerator / denominator
    except OverflowError:
        return None
    # A denominator that is all but zero (5e-324) overflows to infinity: no meaningful
    # ratio, and JSON has no way to write it.
    return result if math.isfinite(result) else None


def growth(current: float | None, previous: float | None) -> float | None:
    change = ratio(current, previous)
    return None if change is None else change - 1


def shareholder_returns(year: FiscalYear) -> float | None:
    """Buybacks plus dividends; None unless both are known (a half-sum would mislead)."""
    buybacks, dividends = year.value("buybacks"), year.value("dividends")
    if buybacks is None or dividends is None:
        return None
    return buybacks + dividends


def convert(amount: float, source: str, target: str, cny_per_usd: float) -> float:
    if source == target:
        return amount
    if source == "USD" and target == "CNY":
        return amount * cny_per_usd
    if source == "CNY" and target == "USD":
        return amount / cny_per_usd
    raise ValueError(f"cannot convert {source} to {target}")


# Not frozen: one is made per company-year of a comparison, and a frozen dataclass's
# __init__ costs three times as much. Observations never leave this module's functions.
@dataclass(slots=True)
class Observation:
    """One company's fiscal year, placed in a comparison year, in the target currency."""

    company: str
    fiscal_year: int
    capex: float | None
    operating_cash_flow: float | None
    buybacks: float | None
    dividends: float | None
    #: Status of each figure present (confirmed, aggregator, derived, unconfirmed).
    statuses: dict[str, str] = dataclass_field(default_factory=dict)

    @property
    def shareholder_returns(self) -> float | None:
        """buybacks + dividends, or None unless both are known."""
        if self.buybacks is None or self.dividends is None:
            return None
        return self.buybacks + self.dividends


def observe(company: Company, year: FiscalYear, target: str, rate: float | None) -> Observation:
    # Called once per company-year and comparison: written for speed on large datasets.
    factor = 1.0
    if company.currency != target:
        if rate is None:
            raise MissingDataError(f"no FX rate to convert {company.id} FY{year.fiscal_year}")
        factor = convert(1.0, company.currency, target, rate)
    default = year.status or "unconfirmed"
    statuses: dict[str, str] = {}
    values: list[float | None] = []
    for name, figure in (
        ("capex", year.capex),
        ("operating_cash_flow", year.operating_cash_flow),
        ("buybacks", year.buybacks),
        ("dividends", year.dividends),
    ):
        if figure is None:
            values.append(None)
        else:
            values.append(figure.value if factor == 1.0 else figure.value * factor)
            statuses[name] = figure.status or default
    capex, ocf, buybacks, dividends = values
    return Observation(
        company=company.id,
        fiscal_year=year.fiscal_year,
        capex=capex,
        operating_cash_flow=ocf,
        buybacks=buybacks,
        dividends=dividends,
        statuses=statuses,
    )


@dataclass(slots=True)
class Tally:
    """The parts of a group's figures, each list in the order of the observations.

    Kept in parts so that the tallies of single years join into the tally of a span without
    going over the observations again, and so that a total is the same ``sum()`` over the
    same values in the same order whichever way it was put together.
    """

    companies: set[str]
    #: (company, fiscal year, field) of each figure missing; a Missing model only in the
    #: result, since the claim metrics build thousands of tallies and read few of these.
    missing: list[tuple[str, int, str]]
    counts: dict[str, int]
    capex: list[float]
    capex_status: list[str | None]
    ocf: list[float]
    ocf_status: list[str | None]
    returns: list[float]
    #: buybacks and dividends of the company-years in ``returns``, in turn, with statuses.
    returns_parts: list[float]
    returns_parts_status: list[str | None]
    capex_with_ocf: list[float]
    ocf_with_capex: list[float]
    returns_with_capex: list[float]
    capex_with_returns: list[float]


def tally(observations: Sequence[Observation]) -> Tally:
    # Runs over every company-year of a comparison, on datasets of thousands of companies:
    # written as comprehensions, since several fast passes beat one slow loop.
    obs = observations
    capex = [(o, c) for o in obs if (c := o.capex) is not None]
    ocf = [(o, v) for o in obs if (v := o.operating_cash_flow) is not None]
    returns = [(o, r) for o in obs if (r := o.shareholder_returns) is not None]
    both_ocf = [(c, v) for o, c in capex if (v := o.operating_cash_flow) is not None]
    both_returns = [(r, c) for o, r in returns if (c := o.capex) is not None]
    counts = dict.fromkeys(STATUSES, 0)
    for o in obs:
        for status in o.statuses.values():
            counts[status] += 1
    return Tally(
        companies={o.company for o in obs},
        missing=[
            (o.company, o.fiscal_year, field)
            for o in obs
            if o.capex is None
            or o.operating_cash_flow is None
            or o.buybacks is None
            or o.dividends is None
            for field in GROUP_FIELDS
            if getattr(o, field) is None
        ],
        counts=counts,
        capex=[c for _, c in capex],
        capex_status=[o.statuses.get("capex") for o, _ in capex],
        ocf=[v for _, v in ocf],
        ocf_status=[o.statuses.get("operating_cash_flow") for o, _ in ocf],
        returns=[r for _, r in returns],
        # Both parts are known wherever the returns are.
        returns_parts=[v for o, _ in returns for v in (o.buybacks or 0.0, o.dividends or 0.0)],
        returns_parts_status=[
            s for o, _ in returns for s in (o.statuses.get("buybacks"), o.statuses.get("dividends"))
        ],
        capex_with_ocf=[c for c, _ in both_ocf],
        ocf_with_capex=[v for _, v in both_ocf],
        returns_with_capex=[r for r, _ in both_returns],
        capex_with_returns=[c for _, c in both_returns],
    )


def join(tallies: Sequence[Tally]) -> Tally:
    """One tally of the observations of several, in their order."""
    joined = tally(())
    for part in tallies:
        joined.companies |= part.companies
        for status, count in part.counts.items():
            joined.counts[status] += count
        for name in Tally.__slots__:
            if name not in ("companies", "counts"):
                getattr(joined, name).extend(getattr(part, name))
    return joined


class Amounts(NamedTuple):
    """A group's totals and ratios, the numbers of :class:`GroupFigures` alone."""

    capex: float | None
    operating_cash_flow: float | None
    shareholder_returns: float | None
    capex_to_ocf: float | None
    returns_to_capex: float | None


def _total(values: list[float]) -> float | None:
    return sum(values) if values else None


def amounts(t: Tally) -> Amounts:
    """The totals and ratios of a tally: the arithmetic of :func:`group_figures`, which the
    claim metrics also run alone (without the rest of the result) thousands of times."""
    return Amounts(
        capex=_total(t.capex),
        operating_cash_flow=_total(t.ocf),
        shareholder_returns=_total(t.returns),
        capex_to_ocf=ratio(_total(t.capex_with_ocf), _total(t.ocf_with_capex)),
        returns_to_capex=ratio(_total(t.returns_with_capex), _total(t.capex_with_returns)),
    )


def group_figures(
    observations: Sequence[Observation] | Tally,
    absent: Sequence[Absent] = (),
    cover: dict[str, Coverage] | None = None,
) -> GroupFigures:
    """Totals and ratios of a group of company-years.

    Totals add what is known and list what is missing. Each ratio uses only the
    company-years that have both of its parts, so a gap in one company's figures
    cannot masquerade as a low or a high ratio.

    ``not_confirmed_share`` says how much of each total comes from figures that are not
    ``confirmed``: a count of figures would hide that one large aggregator figure can carry a
    total; the share of the amount says how much of the number a reader takes on trust.
    Magnitudes are used, so a negative operating cash flow weighs by its size rather than
    cancelling out; returns count only where both parts are known, as in the returns total.
    """
    t = observations if isinstance(observations, Tally) else tally(observations)
    sums = amounts(t)

    def share(values: list[float], statuses: list[str | None]) -> float | None:
        whole = sum([abs(v) for v in values])
        shaky = sum([abs(v) for v, s in zip(values, statuses, strict=True) if s != "confirmed"])
        return shaky / whole if whole > 0 else None

    return GroupFigures(
        capex=sums.capex,
        operating_cash_flow=sums.operating_cash_flow,
        shareholder_returns=sums.shareholder_returns,
        capex_to_ocf=sums.capex_to_ocf,
        returns_to_capex=sums.returns_to_capex,
        companies=sorted(t.companies),
        missing=[Missing(company=c, fiscal_year=y, field=f) for c, y, f in t.missing],
        absent=list(absent),
        status_counts=t.counts,
        not_confirmed_share={
            "capex": share(t.capex, t.capex_status),
            "operating_cash_flow": share(t.ocf, t.ocf_status),
            "shareholder_returns": share(t.returns_parts, t.returns_parts_status),
        },
        coverage=cover or {},
    )


def parse_years(spec: str) -> tuple[int, int]:
    """``2020-2024`` or ``2024`` -> (first, last)."""
    text = spec.strip().replace("–", "-").replace("..", "-")
    parts = [p.strip() for p in text.split("-")]
    # ASCII digits only: int() would also take "2_024", "+2024" and full-width digits.
    if not 1 <= len(parts) <= 2 or not all(re.fullmatch(r"[0-9]{1,9}", p) for p in parts):
        raise RequestError(f"not a year or a range of years: {spec!r}; e.g. 2024 or 2020-2024")
    first, last = int(parts[0]), int(parts[-1])
    if not (1900 <= first <= 2200 and 1900 <= last <= 2200):
        raise RequestError(f"years {spec!r}: a year must be between 1900 and 2200")
    if first > last:
        raise RequestError(f"year range {spec!r} runs backwards; try {last}-{first}")
    return first, last


def check_fx_rate(fx: float | None) -> None:
    """A CNY per USD rate given for every year must look like one (None: the annual rates)."""
    if fx is not None and not (MIN_FX <= fx < 1000):
        raise RequestError(
            f"FX rate {fx:g}: a CNY per USD rate must be between {MIN_FX} and 1000, e.g. 7.19"
        )


class Memo:
    """Parts of comparisons kept for a caller that runs many of them over variants of one
    dataset (the readings of a claim, the bounds of its verdict), in which most companies and
    years are the very objects of the run before.

    Keyed by the identity of those objects: the memo holds each object it is keyed by, so
    that no id is taken by another object while the memo lives. What it keeps grows with the
    runs and the size of the dataset (a placement of every company per variant): past
    ``limit`` objects held, it forgets all and starts again, so that a large dataset costs
    time, not memory. The shipped data's whole ledger holds about a quarter of the default."""

    def __init__(self, limit: int = 100_000) -> None:
        self.limit = limit
        self._held = 0
        self._found: dict[tuple[object, ...], tuple[tuple[object, ...], Any]] = {}

    def get(
        self, kind: str, objects: tuple[object, ...], extra: object, make: Callable[[], T]
    ) -> T:
        """What ``make()`` gives for ``objects`` (by identity) and ``extra`` (by value),
        made once (while remembered)."""
        key = (kind, tuple(map(id, objects)), extra)
        found = self._found.get(key)
        if found is None:
            value = make()
            if self._held + len(objects) > self.limit:
                self._found.clear()
                self._held = 0
            self._found[key] = (objects, value)
            self._held += len(objects)
            return value
        kept: T = found[1]
        return kept


def placements(
    company: Company, align: Align, memo: Memo | None = None
) -> list[tuple[int, FiscalYear]]:
    """A company's years, each with the comparison year it counts in."""
    if memo is None:
        return [(comparison_year(y.fiscal_year, y.period_end, align), y) for y in company.years]
    # Keyed by the list of years, which copies of a company with another region share.
    return memo.get("place", (company.years,), align, lambda: placements(company, align))


def place(
    dataset: Dataset, align: Align, memo: Memo | None = None
) -> dict[int, list[tuple[Company, FiscalYear]]]:
    """Every company-year, by the comparison year it counts in; with a ``memo``, the same
    dict for the same companies (callers read it, never change it)."""
    if memo is not None:
        companies = tuple(dataset.companies)
        return memo.get("placed", companies, align, lambda: _place(companies, align, memo))
    return _place(dataset.companies, align, None)


def _place(
    companies: Sequence[Company], align: Align, memo: Memo | None
) -> dict[int, list[tuple[Company, FiscalYear]]]:
    placed: dict[int, list[tuple[Company, FiscalYear]]] = {}
    for company in companies:
        for cy, year in placements(company, align, memo):
            placed.setdefault(cy, []).append((company, year))
    return placed
