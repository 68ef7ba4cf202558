"""The data model of ``data/companies.toml``.

The pydantic models check each value on its own (types, ranges, allowed words, unknown
keys); :mod:`capexcli.model.checks` holds the rules that need the whole file. No I/O here:
:mod:`capexcli.store.loader` reads files.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    field_validator,
    model_validator,
)
from pydantic.dataclasses import dataclass as pydantic_dataclass

from capexcli.errors import UnknownCompanyError
from capexcli.model.safe_text import first_control
from capexcli.model.statement import LineRole, LineSection, check_line

SCHEMA_VERSION = 1

Status = Literal["confirmed", "aggregator", "derived", "unconfirmed"]
STATUSES: tuple[str, ...] = ("confirmed", "aggregator", "derived", "unconfirmed")
Region = Literal["US", "CN"]
Currency = Literal["USD", "CNY"]

#: Amounts are millions of the reporting currency; a trillion millions would be a typo.
MAX_AMOUNT = 1e12
#: How far a period end may sit from the nominal fiscal-year end (52/53-week years).
PERIOD_END_SLACK_DAYS = 7

FIGURE_FIELDS: tuple[str, ...] = (
    "capex",
    "operating_cash_flow",
    "buybacks",
    "dividends",
    "debt_repayment",
)
#: Figures that are cash outflows and so cannot be negative.
NON_NEGATIVE_FIELDS = frozenset(FIGURE_FIELDS) - {"operating_cash_flow"}

#: Dates outside these years are typos (0024-06-30), and the date arithmetic of the checks
#: (a year either side of a period end) must stay inside what ``datetime.date`` can hold.
FIRST_YEAR = 1900
LAST_YEAR = 2200


def _no_negative_zero(value: float) -> float:
    # -0 is accepted and stored as 0: it is the same amount (a spreadsheet export or a stray
    # minus sign on a zero), and rejecting it would only annoy; normalising it means no table
    # ever prints "-0" and every sign check can trust ``value < 0``. ``-0.0 + 0.0`` is ``0.0``.
    return value + 0.0


def _plausible_date(value: date) -> date:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(
            f"must be a date between {FIRST_YEAR} and {LAST_YEAR} (got {value.isoformat()})"
        )
    return value


# Strict on each type, not only in the models' config, because the bulk records (figures and
# fiscal years) are dataclasses whose config must stay lax: a strict dataclass accepts only an
# instance, never the table TOML gives.
def _no_control_characters(value: str) -> str:
    # A name or source is printed to terminals, spreadsheets and web pages: an escape sequence
    # in it could clear a screen or set a clipboard, a bidirectional override make a figure
    # read backwards. Tabs and newlines are the only controls a text needs.
    found = first_control(value)
    if found:
        raise ValueError(
            f"contains the control character U+{ord(found):04X}; "
            "remove it (only tabs and line breaks are allowed in text)"
        )
    return value


Text = Annotated[
    str,
    Strict(),
    Field(min_length=1, max_length=2000),
    AfterValidator(_no_control_characters),
]
Year = Annotated[int, Strict(), Field(ge=FIRST_YEAR, le=LAST_YEAR)]
Amount = Annotated[
    float,
    Strict(),
    Field(allow_inf_nan=False, ge=-MAX_AMOUNT, le=MAX_AMOUNT),
    AfterValidator(_no_negative_zero),
]
Date = Annotated[date, Strict(), AfterValidator(_plausible_date)]


class Record(BaseModel):
    """Base for every table in the file: strict types, unknown keys rejected."""

    # strict: "44,477" or 2024.0 where a number or a year belongs is an error, not a guess.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


#: Config of the bulk records. A dataset holds a fiscal year per company and year and up to
#: five figures per fiscal year, so these two are pydantic dataclasses with slots rather than
#: models: measured on 5,000 companies x 10 years, they validate in 0.23 s instead of 0.38 s
#: and take 33 MB instead of 135 MB (a model carries a __dict__ and a fields-set per object).
_BULK = ConfigDict(extra="forbid")


#: A key that names a document or a capex basis within one company.
Key = Annotated[str, Strict(), Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9 ._/()-]{0,62}$")]
#: A page of a PDF or printed report.
Page = Annotated[int, Strict(), Field(ge=1, le=100_000)]


@pydantic_dataclass(config=_BULK, frozen=True, slots=True)
class Version:
    """A value that an earlier filing gave for a figure, before a later filing changed it.

    Its date is the filing's: its document's ``date``, or ``date`` for a version read
    somewhere that is not one of the company's documents. ``status`` defaults to the figure's.
    """

    value: Amount
    document: Key | None = None
    date: Date | None = None
    status: Status | None = None
    source: Text | None = None
    line: Text | None = None
    page: Page | None = None
    note: Text | None = None


@pydantic_dataclass(config=_BULK, frozen=True, slots=True)
class Figure:
    """One amount with where it came from.

    ``document`` names one of the company's ``documents`` (where the figure was read: the
    filing that identifies it); ``source`` is free text for anything else, such as an
    aggregator. The document is the first filing that gave this value (later filings that
    repeat it add nothing), so its date is when the value became public: what ``--as-of``
    goes by. ``versions`` keeps the values that earlier filings gave before a restatement,
    oldest first.
    """

    value: Amount
    status: Status | None = None
    document: Key | None = None
    source: Text | None = None
    line: Text | None = None
    page: Page | None = None
    #: For capex: the company's capex basis this figure is on (default: the company's).
    basis: Key | None = None
    note: Text | None = None
    #: When the filing that first gave this value came out, for a figure that cites no dated
    #: document (what ``capex import sec`` writes: the source text names the filing).
    date: Date | None = None
    versions: tuple[Version, ...] = ()


@pydantic_dataclass(config=_BULK, frozen=True, slots=True)
class StatementLine:
    """One line of a company's cash-flow statement as printed, for the claims' readings.

    ``value`` keeps the printed sign: an outflow in brackets is negative. ``document`` names
    one of the company's documents (required: a line is only as good as its citation).
    """

    label: Text
    value: Amount
    section: LineSection
    document: Key
    page: Page | None = None
    role: LineRole | None = None
    note: Text | None = None

    def __post_init__(self) -> None:
        check_line(self.role, self.section, self.value, _num(self.value))


@pydantic_dataclass(config=_BULK, frozen=True, slots=True)
class FiscalYear:
    """One fiscal year of one company. Amounts in millions of the company's currency."""

    fiscal_year: Year
    period_end: Date
    # Defaults for the figures of this year that give no status or document/source of their own.
    status: Status | None = None
    document: Key | None = None
    source: Text | None = None
    note: Text | None = None
    capex: Figure | None = None
    operating_cash_flow: Figure | None = None
    buybacks: Figure | None = None
    dividends: Figure | None = None
    debt_repayment: Figure | None = None
    #: Cash received back on capex (Amazon's "Proceeds from property and equipment sales and
    #: incentives"): recorded beside a gross capex so that the net can be shown; not a figure
    #: any ratio uses.
    capex_proceeds: Figure | None = None
    #: The company's own headline capex where it publishes one beside its cash-flow lines
    #: (Tencent's 资本开支: property, intangibles excluding media content, land use rights):
    #: shown beside the capex basis, never added in place of ``capex``.
    headline_capex: Figure | None = None
    #: Lines of the year's cash-flow statement (and headline figures) as printed, each citing
    #: its document: what the claims' readings add up (not a figure any table shows).
    statement: tuple[StatementLine, ...] = ()

    @field_validator(
        "capex", "buybacks", "dividends", "debt_repayment", "capex_proceeds", "headline_capex"
    )
    @classmethod
    def _outflow_not_negative(cls, figure: Figure | None) -> Figure | None:
        if figure is not None and figure.value < 0:
            raise ValueError(
                f"must be ≥ 0 (got {_num(figure.value)}); cash outflows are entered as positive"
            )
        return figure

    def figure(self, field: str) -> Figure | None:
        return getattr(self, field)

    def value(self, field: str) -> float | None:
        fig: Figure | None = getattr(self, field)
        return None if fig is None else fig.value

    def status_of(self, field: str) -> str | None:
        fig: Figure | None = getattr(self, field)
        if fig is None:
            return None
        return fig.status or self.status

    def source_of(self, field: str) -> str | None:
        """The free-text source of a figure: its own, or else (if it names no document of its
        own) its year's. A figure cites either itself or its year, never a mix of both."""
        fig: Figure | None = getattr(self, field)
        if fig is None:
            return None
        if fig.document is not None or fig.source is not None:
            return fig.source
        return self.source

    def document_of(self, field: str) -> str | None:
        """The key of the document a figure was read in, by the same rule as ``source_of``."""
        fig: Figure | None = getattr(self, field)
        if fig is None:
            return None
        if fig.document is not None or fig.source is not None:
            return fig.document
        return self.document


_ACCESSION = r"^\d{10}-\d{2}-\d{6}$"
#: An SEC accession number or a URL in free text: what a reader can find a document by.
IDENTIFIER_IN_TEXT = re.compile(r"\b\d{10}-\d{2}-\d{6}\b|https?://\S+")
_STOCK_CODE = r"^\d{4,5}$"


class Document(Record):
    """A company document that figures are read in: a filing, a report, a results release.

    What identifies it to a reader is its SEC accession number, its URL, or (for a Hong Kong
    filing) its stock code and date; ``identifier`` says which of these it has.
    """

    id: Key
    title: Text
    #: 10-K, 20-F, 6-K, 8-K, annual report, results announcement, press release ...
    form: Text
    #: The date it was filed or published.
    date: Date | None = None
    accession: Annotated[str, Field(pattern=_ACCESSION)] | None = None
    stock_code: Annotated[str, Field(pattern=_STOCK_CODE)] | None = None
    url: (
        Annotated[
            str,
            Field(pattern=r"^https?://\S+$", max_length=500),
            AfterValidator(_no_control_characters),
        ]
        | None
    ) = None
    note: Text | None = None

    def identifier(self) -> str | None:
        """What lets a reader find this document, or None if it names nothing checkable."""
        parts = []
        if self.accession:
            parts.append(f"SEC accession {self.accession}")
        if self.stock_code and self.date:
            parts.append(f"HKEX stock code {self.stock_code}, {self.date.isoformat()}")
        if self.url:
            parts.append(self.url)
        return "; ".join(parts) or None

    def cite(self, page: int | None = None) -> str:
        """The document as a reader would cite it."""
        text = self.title
        if self.date and not (self.stock_code and not self.accession):
            text += f" ({'filed' if self.accession else 'published'} {self.date.isoformat()})"
        if page is not None:
            text += f", p. {page}"
        found = self.identifier()
        return f"{text}; {found}" if found else text


class CapexBasis(Record):
    """What a company's capex figure adds up: one basis for every year of the company."""

    id: Key
    #: A short name, e.g. "headline capital expenditure" or "purchases of property and equipment".
    label: Text
    #: The cash-flow lines (as printed) that the figure is, or adds up.
    lines: Annotated[list[Text], Field(min_length=1)]
    note: Text | None = None
    #: The label and note in Chinese, shown under --lang zh (the lines stay as printed).
    label_zh: Text | None = None
    note_zh: Text | None = None


class Guidance(Record):
    """A forward-looking range a company gave (capex, or e.g. total expenses)."""

    year: Year
    metric: Literal["capex", "total_expenses"] = "capex"
    low: Annotated[Amount, Field(ge=0)]
    high: Annotated[Amount, Field(ge=0)] | None = None
    date: Date
    basis: Text
    status: Status
    source: Text
    note: Text | None = None

    @model_validator(mode="after")
    def _range_in_order(self) -> Guidance:
        if self.high is not None and self.high < self.low:
            raise ValueError(f"high ({_num(self.high)}) is below low ({_num(self.low)})")
        return self


_MONTH_DAY = re.compile(r"^(\d{2})-(\d{2})$")
#: An id: lowercase letters, digits and hyphens (companies, claims).
SLUG = r"^[a-z0-9][a-z0-9-]{0,62}$"


class Company(Record):
    id: Annotated[str, Field(pattern=SLUG)]
    name: Text
    name_zh: Text
    aliases: list[
        Annotated[str, Field(min_length=1, max_length=100), AfterValidator(_no_control_characters)]
    ] = []
    region: Region
    currency: Currency
    fiscal_year_end: str
    #: Whether a company names its fiscal years by the calendar year they end in (the
    #: usual case, and all eleven companies of the article) or the one they start in.
    fiscal_year_label: Literal["end", "start"] = "end"
    capex_definition: Text | None = None
    capex_basis: CapexBasis | None = None
    note: Text | None = None
    documents: list[Document] = []
    years: list[FiscalYear] = []
    guidance: list[Guidance] = []

    @field_validator("region", "currency", mode="before")
    @classmethod
    def _upper(cls, value: Any) -> Any:
        return value.strip().upper() if isinstance(value, str) else value

    @field_validator("currency", mode="before")
    @classmethod
    def _rmb_is_cny(cls, value: Any) -> Any:
        # Chinese filings say RMB; ISO 4217 says CNY. Both mean the same money.
        return "CNY" if value == "RMB" else value

    @field_validator("fiscal_year_end")
    @classmethod
    def _month_day(cls, value: str) -> str:
        match = _MONTH_DAY.match(value)
        if not match:
            raise ValueError(f"must be MM-DD, e.g. '12-31' or '06-30' (got {value!r})")
        month, day = int(match[1]), int(match[2])
        try:
            date(2001, month, day)  # a non-leap year: a fiscal year cannot end on 29 February
        except ValueError:
            raise ValueError(f"{value!r} is not a day of the year") from None
        return value

    @property
    def fy_end_month_day(self) -> tuple[int, int]:
        month, day = self.fiscal_year_end.split("-")
        return int(month), int(day)

    def document(self, key: str) -> Document:
        """The document a figure cites as ``key`` (checks.py makes sure it exists)."""
        return next(d for d in self.documents if d.id == key)

    def names(self) -> Iterator[str]:
        """Every string a user may type to mean this company."""
        yield self.id
        yield self.name
        yield self.name_zh
        yield from self.aliases


class FxRate(Record):
    """Annual average CNY per USD for one calendar year."""

    year: Year
    # At least 0.01: a rate of 5e-324 would turn converted amounts into infinity.
    cny_per_usd: Annotated[float, Field(ge=0.01, lt=1000, allow_inf_nan=False)]
    status: Status
    source: Text
    note: Text | None = None


#: The two groups every comparison sets side by side, and the region their members default to.
GROUP_IDS: tuple[str, ...] = ("us", "cn")


class Group(Record):
    """One side of the comparison: its label and its members (company ids)."""

    id: Literal["us", "cn"]
    label: Text
    label_zh: Text | None = None
    members: list[Annotated[str, Field(pattern=SLUG)]]


class Dataset(Record):
    schema_version: int
    fx: list[FxRate] = []
    #: The two groups; without them, each group is every company of its region.
    groups: list[Group] = []
    companies: list[Company]

    @field_validator("schema_version")
    @classmethod
    def _known_version(cls, value: int) -> int:
        if value != SCHEMA_VERSION:
            raise ValueError(
                f"this capex reads schema_version {SCHEMA_VERSION}; the file says {value}"
            )
        return value

    def fx_table(self) -> dict[int, FxRate]:
        return {rate.year: rate for rate in self.fx}


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


def find_company(dataset: Dataset, name: str) -> Company:
    """Match id, English or Chinese name, alias or ticker, ignoring case."""
    wanted = name.strip().casefold()
    names: dict[str, Company] = {}
    for company in dataset.companies:
        for candidate in company.names():
            names.setdefault(candidate.casefold(), company)
    if wanted in names:
        return names[wanted]
    close = difflib.get_close_matches(wanted, list(names), n=5, cutoff=0.5)
    # Substring hits catch "alibaba group" -> alibaba and "腾讯控股有限公司" style inputs.
    close += [k for k in names if wanted and (wanted in k or k in wanted) and k not in close]
    suggestions: list[str] = []
    for key in close:
        company_id = names[key].id
        if company_id not in suggestions:
            suggestions.append(company_id)
    raise UnknownCompanyError(name, suggestions[:5])
