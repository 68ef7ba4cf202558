"""What the commands compute, as models: the JSON contract with users' scripts.

Field names here are promised in the README; add fields freely, rename none. Bump
``OUTPUT_SCHEMA_VERSION`` when a field is removed, renamed or changes meaning.
Amounts are millions of ``currency``; ratios are plain fractions (0.3 = 30%). Every field
says what it is (``Field(description=...)``) and closed sets of values are ``Literal`` types
(:mod:`capexcli.results.base`): ``capex schema`` publishes both. The models live in
:mod:`capexcli.results.core` (compare, company, companies, validate, sources) and
:mod:`capexcli.results.more` (claims, chart, import sec, verify); import them from here.
"""

from __future__ import annotations

from capexcli.errors import OUTPUT_SCHEMA_VERSION
from capexcli.results.base import Output
from capexcli.results.check import CheckResult, CheckRow, Trend
from capexcli.results.core import (
    MEASURES,
    Absent,
    CapexBasisInfo,
    CompaniesResult,
    CompanyIdentity,
    CompanyInfo,
    CompanyResult,
    CompanySummary,
    CompanyYear,
    CompareResult,
    Coverage,
    DataWarning,
    EarlierValue,
    FxUsed,
    GroupFigures,
    GroupInfo,
    Missing,
    SourceRow,
    SourcesResult,
    Totals,
    ValidateResult,
    YearComparison,
)
from capexcli.results.filed import AsOf, DocumentInfo, Restatement, VersionInfo
from capexcli.results.more import (
    ChartResult,
    ChartYear,
    Choice,
    ClaimResult,
    ClaimsResult,
    ErrorDocument,
    FiledValue,
    ImportedChange,
    ImportedFigure,
    ImportedVersion,
    LatestView,
    SecImportResult,
    VerifyFile,
    VerifyResult,
    VerifyRow,
    VerifySummary,
)
from capexcli.results.readings import Bounds, GroupUsed, Reading, ReadingLine, ReadingSearch

__all__ = [
    "MEASURES",
    "OUTPUT_SCHEMA_VERSION",
    "Absent",
    "AsOf",
    "Bounds",
    "CapexBasisInfo",
    "ChartResult",
    "ChartYear",
    "CheckResult",
    "CheckRow",
    "Choice",
    "ClaimResult",
    "ClaimsResult",
    "CompaniesResult",
    "CompanyIdentity",
    "CompanyInfo",
    "CompanyResult",
    "CompanySummary",
    "CompanyYear",
    "CompareResult",
    "Coverage",
    "DataWarning",
    "DocumentInfo",
    "EarlierValue",
    "ErrorDocument",
    "FiledValue",
    "FxUsed",
    "GroupFigures",
    "GroupInfo",
    "GroupUsed",
    "ImportedChange",
    "ImportedFigure",
    "ImportedVersion",
    "LatestView",
    "Missing",
    "Output",
    "Reading",
    "ReadingLine",
    "ReadingSearch",
    "Restatement",
    "SecImportResult",
    "SourceRow",
    "SourcesResult",
    "Totals",
    "Trend",
    "ValidateResult",
    "VerifyFile",
    "VerifyResult",
    "VerifyRow",
    "VerifySummary",
    "VersionInfo",
    "YearComparison",
]
