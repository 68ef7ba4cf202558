"""The base of every result, and the models that say where and when a number was filed:
the document, each filed version of a figure, and the as-of date an output used.

Part of the JSON contract (see :mod:`capexcli.results`): add fields freely, rename none.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict

OUTPUT_SCHEMA_VERSION = 1


class Output(BaseModel):
    """Base of every result. Schemas are built on first use, not at import: a run uses one or
    two of these models, and building all of them would cost every run start-up time."""

    model_config = ConfigDict(defer_build=True)


class DocumentInfo(Output):
    """The company document a figure was read in, and what identifies it to a reader."""

    id: str
    title: str
    #: 10-K, 20-F, annual report, results announcement ...
    form: str
    #: Filed or published.
    date: dt.date | None = None
    #: SEC accession number (SEC filings).
    accession: str | None = None
    #: HKEX stock code (Hong Kong filings).
    stock_code: str | None = None
    url: str | None = None
    #: The page the figure stands on, where recorded.
    page: int | None = None


class VersionInfo(Output):
    """One filed version of a figure: the value a filing gave, and when."""

    value: float
    #: When the filing came out; if ``date_assumed``, the latest it could have (the deadline
    #: for the annual report: period end + 4 months), because the figure names no dated filing.
    date: dt.date
    date_assumed: bool = False
    status: str
    document: DocumentInfo | None = None
    source: str | None = None
    line: str | None = None
    note: str | None = None
    #: The latest version: the figure's value without --as-of.
    latest: bool = False


class Restatement(Output):
    """A figure whose value as of the date is one that a later filing changed."""

    company: str
    fiscal_year: int
    field: str
    #: The value as of the date.
    value: float
    #: The latest value, and the filing that gave it.
    latest: float
    latest_date: dt.date
    latest_document: str | None = None


class AsOf(Output):
    """Which filed version of each figure an output uses."""

    #: Figures as last filed on or before this date; null: each figure's latest value.
    date: dt.date | None = None
    #: Each figure's first filed value instead (--first-reported).
    first_reported: bool = False
    #: What the date stands for when it was not typed: "article" (its publication date).
    label: str | None = None
    #: Why that date, when it stands for something (the claims file says).
    note: str | None = None
    #: Figures left out: no filing in the data gave them by the date.
    not_yet_filed: int = 0
    #: Figures that name no dated filing, taken as filed by the deadline for their annual
    #: report (period end + 4 months); counted when a date is given.
    assumed_dates: int = 0
    #: Guidance statements left out: given after the date.
    guidance_left_out: int = 0
    #: Figures whose value as of the date (or as first reported) a later filing changed.
    restated_since: list[Restatement] = []
