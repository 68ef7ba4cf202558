"""Annual cash-flow figures from the SEC's XBRL "company facts" JSON, as capex records.

Five parts, no printing: :mod:`.download` fetches a document (:func:`fetch_company_facts`),
:mod:`.document` parses it and checks every value capex reads (:func:`load_document`),
:mod:`.facts` reads the annual figures out of it (:func:`extract`), :mod:`.stub` writes them
as TOML for the user to paste (:func:`render_stub`), and :mod:`.merge` merges them into a data
file's text (:func:`merge`), keeping every comment and line of that file that does not change.

The names below are re-exported so that callers can write ``sec.extract`` and so on without
knowing which module holds what.
"""

from __future__ import annotations

from capexcli.importers.sec.document import FIELD_TAGS, GAAP, load_document, read_document
from capexcli.importers.sec.download import (
    MAX_DOCUMENT_BYTES,
    MAX_REQUESTS_PER_SECOND,
    MAX_RETRY_AFTER_SECONDS,
    MAX_TIMEOUT_SECONDS,
    SEC_HOSTS,
    check_user_agent,
    facts_url,
    fetch_company_facts,
    resolve_cik,
)
from capexcli.importers.sec.facts import (
    ANNUAL_DAYS,
    ANNUAL_FORMS,
    CURRENCIES,
    PERIOD_END_SLACK_DAYS,
    Extracted,
    Extraction,
    Fact,
    annual_facts,
    extract,
    fiscal_year_of,
    infer_fiscal_year_end,
    to_millions,
)
from capexcli.importers.sec.merge import Action, Change, Merged, merge
from capexcli.importers.sec.stub import (
    by_year,
    figure_toml,
    render_stub,
    slug,
    toml_number,
    toml_string,
    year_toml,
)

__all__ = [
    "ANNUAL_DAYS",
    "ANNUAL_FORMS",
    "CURRENCIES",
    "FIELD_TAGS",
    "GAAP",
    "MAX_DOCUMENT_BYTES",
    "MAX_REQUESTS_PER_SECOND",
    "MAX_RETRY_AFTER_SECONDS",
    "MAX_TIMEOUT_SECONDS",
    "PERIOD_END_SLACK_DAYS",
    "SEC_HOSTS",
    "Action",
    "Change",
    "Extracted",
    "Extraction",
    "Fact",
    "Merged",
    "annual_facts",
    "by_year",
    "check_user_agent",
    "extract",
    "facts_url",
    "fetch_company_facts",
    "figure_toml",
    "fiscal_year_of",
    "infer_fiscal_year_end",
    "load_document",
    "merge",
    "read_document",
    "render_stub",
    "resolve_cik",
    "slug",
    "to_millions",
    "toml_number",
    "toml_string",
    "year_toml",
]
