"""Which rows of a statement of cash flows are the lines capex reads.

Each measure is a pattern over a row's label (English or Chinese, compared without spaces and
in lower case, so that a word the text layer split still matches) and a pattern that rules a
row out (an amortisation of land use rights mentions land use rights but is no purchase). A
row is the first measure it matches, in the order below. Two rows of one measure are two
candidates: both are reported, with a warning, and neither is chosen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from capexcli.importers.report.lines import Row, normalize

_PAY = (
    r"(?:purchases?|payments?|paid|acquisitions?|acquired|additions?|prepayments?|deposits?"
    r"|capitalexpenditure|購買|购买|購置|购置|添置|支付|已付|收購|收购|預付|预付|按金|訂金|订金"
    r"|增添|購入|购入)"
)
#: Lines that mention an asset without paying for it.
_NOT_A_PURCHASE = (
    r"(?:proceeds|disposal|disposed|sale|depreciation|amortis|amortiz|impairment|gain|loss"
    r"|written|write|refund|received|termination|transfer|出售|處置|处置|折舊|折旧|攤銷|摊销"
    r"|減值|减值|收益|虧損|亏损|所得款項|所得款项|已收|退還|退还)"
)


@dataclass(frozen=True)
class Measure:
    id: str
    #: What the measure is, for messages.
    label: str
    #: Whether the line is a cash outflow (entered as positive in the data).
    outflow: bool
    pattern: re.Pattern[str]
    exclude: re.Pattern[str] | None


def _measure(
    ident: str, label: str, outflow: bool, pattern: str, exclude: str | None = None
) -> Measure:
    return Measure(
        ident, label, outflow, re.compile(pattern), re.compile(exclude) if exclude else None
    )


MEASURES: tuple[Measure, ...] = (
    _measure(
        "operating_cash_flow",
        "net cash from/used in operating activities",
        False,
        r"^net(?:cash|cashflows?)\S*operatingactivities"
        r"|(?:經營活動|经营活动|經營業務|经营业务).*(?:現金|现金).*(?:淨額|净额|淨流|净流)",
        r"before|^cashgenerated|營運資金|营运资金",
    ),
    _measure(
        "property",
        "purchases of property, plant and equipment",
        True,
        rf"{_PAY}.*(?:property,?plant|propertyandequipment|plantandequipment|fixedassets"
        r"|物業、廠房及設備|物业、厂房及设备|物業,廠房及設備|物業及設備|物业及设备|固定資產|固定资产"
        r"|物業、設備及器材|物业、设备及器材)",
        _NOT_A_PURCHASE,
    ),
    _measure(
        "construction_in_progress",
        "payments for construction in progress",
        True,
        rf"{_PAY}.*(?:constructioninprogress|constructioncost|在建工程|建造成本|工程款)",
        _NOT_A_PURCHASE,
    ),
    _measure(
        "investment_properties",
        "purchases of investment properties",
        True,
        rf"{_PAY}.*(?:investmentpropert|投資物業|投资物业)",
        _NOT_A_PURCHASE,
    ),
    _measure(
        "intangible_assets",
        "purchases of intangible assets",
        True,
        rf"{_PAY}.*(?:intangibleasset|無形資產|无形资产)",
        _NOT_A_PURCHASE,
    ),
    _measure(
        "land",
        "payments for land use rights, right-of-use assets or leasehold land",
        True,
        rf"{_PAY}.*(?:landuseright|leaseholdland|right-of-useasset|rightofuseasset"
        r"|prepaidleasepayment|土地使用權|土地使用权|租賃土地|租赁土地|使用權資產|使用权资产"
        r"|預付租賃款項|预付租赁款项)",
        _NOT_A_PURCHASE + r"|leaseliabilit|租賃負債|租赁负债",
    ),
    _measure(
        "buybacks",
        "payments for repurchase of shares",
        True,
        r"(?:repurchase|buy-?back|purchase)(?:s|d)?(?:of|for)?(?:its|the|own|the"
        r"company's)*(?:ordinary)?shares|sharesrepurchased|購回股份|回購股份|回购股份|股份回購|股份回购"
        r"|購回本公司股份|回购本公司股份",
        r"award|incentive|scheme|subsidiar|non-controlling|associate|joint|獎勵|奖励|附屬|附属"
        r"|非控制|非控股",
    ),
    _measure(
        "dividends",
        "dividends paid",
        True,
        r"dividends?paid|paymentsof(?:final|interim)?dividends?|dividendspaymen"
        r"|(?:已付|派付|支付|已派|派發|派发)(?:本公司)?(?:股東|股东)?(?:之|的)?(?:末期|中期)?股息",
        r"non-controlling|minority|received|income|receivable|非控制|非控股|少數股東|少数股东"
        r"|已收|收取|收入",
    ),
)
MEASURE_IDS = tuple(m.id for m in MEASURES)
#: The measures a "purchases of property" capex basis adds by default.
PROPERTY_MEASURES = ("property", "construction_in_progress", "investment_properties")


def measure_of(row: Row) -> Measure | None:
    """The first measure whose pattern matches one of the row's labels and that rules none of
    them out, or None."""
    flats = [normalize(label) for label in row.labels]
    for measure in MEASURES:
        if measure.exclude is not None and any(measure.exclude.search(f) for f in flats):
            continue
        if any(measure.pattern.search(f) for f in flats):
            return measure
    return None


def match(rows: list[Row]) -> dict[str, list[Row]]:
    """The rows of each measure, in statement order (a measure without rows is left out)."""
    found: dict[str, list[Row]] = {}
    for row in rows:
        measure = measure_of(row)
        if measure is not None:
            found.setdefault(measure.id, []).append(row)
    return {m: found[m] for m in MEASURE_IDS if m in found}


def by_id(ident: str) -> Measure:
    return next(m for m in MEASURES if m.id == ident)
