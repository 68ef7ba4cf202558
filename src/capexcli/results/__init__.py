"""What the commands compute, as models: the JSON contract with users' scripts.

Field names here are promised in the README; add fields freely, rename none. Bump
``OUTPUT_SCHEMA_VERSION`` when a field is removed, renamed or changes meaning.
Amounts are millions of ``currency``; ratios are plain fractions (0.3 = 30%). Every field
says what it is (``Field(description=...)``) and closed sets of values are ``Literal`` types
(:mod:`capexcli.results.base`): ``capex schema`` publishes both. The models live in
:mod:`capexcli.results.core` (compare), :mod:`capexcli.results.data` (company, companies,
validate, sources),
:mod:`capexcli.results.explain` (explain), :mod:`capexcli.results.chart` (chart),
:mod:`capexcli.results.sec` (import sec, verify) and :mod:`capexcli.results.more` (claims, the
error object); import them from here.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from capexcli.errors import OUTPUT_SCHEMA_VERSION

if TYPE_CHECKING:
    from capexcli.results.base import Output
    from capexcli.results.chart import ChartResult, ChartYear
    from capexcli.results.check import CheckResult, CheckRow, Trend
    from capexcli.results.core import (
        MEASURES,
        Absent,
        CompareResult,
        Coverage,
        FxUsed,
        GroupFigures,
        GroupInfo,
        Missing,
        Totals,
        YearComparison,
    )
    from capexcli.results.data import (
        CapexBasisInfo,
        CompaniesResult,
        CompanyIdentity,
        CompanyInfo,
        CompanyListResult,
        CompanyResult,
        CompanySummary,
        CompanyYear,
        DataWarning,
        EarlierValue,
        SourceRow,
        SourcesResult,
        ValidateResult,
    )
    from capexcli.results.explain import (
        ExplainCell,
        ExplainFigure,
        ExplainMeasure,
        ExplainResult,
        ExplainRow,
    )
    from capexcli.results.filed import AsOf, DocumentInfo, Restatement, VersionInfo
    from capexcli.results.more import (
        Choice,
        ClaimResult,
        ClaimsResult,
        ErrorDocument,
        LatestView,
    )
    from capexcli.results.readings import (
        Bounds,
        GroupUsed,
        Reading,
        ReadingLine,
        ReadingSearch,
    )
    from capexcli.results.sec import (
        FiledValue,
        ImportedChange,
        ImportedFigure,
        ImportedVersion,
        SecImportResult,
        VerifyFile,
        VerifyResult,
        VerifyRow,
        VerifySummary,
    )
    from capexcli.results.update import (
        HkReport,
        UpdateCompany,
        UpdateCounts,
        UpdateHongKong,
        UpdateResult,
        UpdateRow,
    )

_NAMES: dict[str, tuple[str, ...]] = {
    "base": ("Output",),
    "chart": (
        "ChartResult",
        "ChartYear",
    ),
    "check": (
        "CheckResult",
        "CheckRow",
        "Trend",
    ),
    "core": (
        "MEASURES",
        "Absent",
        "CompareResult",
        "Coverage",
        "FxUsed",
        "GroupFigures",
        "GroupInfo",
        "Missing",
        "Totals",
        "YearComparison",
    ),
    "data": (
        "CapexBasisInfo",
        "CompaniesResult",
        "CompanyIdentity",
        "CompanyInfo",
        "CompanyListResult",
        "CompanyResult",
        "CompanySummary",
        "CompanyYear",
        "DataWarning",
        "EarlierValue",
        "SourceRow",
        "SourcesResult",
        "ValidateResult",
    ),
    "explain": (
        "ExplainCell",
        "ExplainFigure",
        "ExplainMeasure",
        "ExplainResult",
        "ExplainRow",
    ),
    "filed": (
        "AsOf",
        "DocumentInfo",
        "Restatement",
        "VersionInfo",
    ),
    "more": (
        "Choice",
        "ClaimResult",
        "ClaimsResult",
        "ErrorDocument",
        "LatestView",
    ),
    "readings": (
        "Bounds",
        "GroupUsed",
        "Reading",
        "ReadingLine",
        "ReadingSearch",
    ),
    "sec": (
        "FiledValue",
        "ImportedChange",
        "ImportedFigure",
        "ImportedVersion",
        "SecImportResult",
        "VerifyFile",
        "VerifyResult",
        "VerifyRow",
        "VerifySummary",
    ),
    "update": (
        "HkReport",
        "UpdateCompany",
        "UpdateCounts",
        "UpdateHongKong",
        "UpdateResult",
        "UpdateRow",
    ),
}
#: The module each name lives in: a lookup imports that module and what it imports, no other.
_HOME_OF = {name: home for home, names in _NAMES.items() for name in names}


def __getattr__(name: str) -> Any:
    # Loaded on first use (PEP 562): `import capexcli.results.filed` alone must not build the
    # described models of every command (some 15 ms a run, paid by cache hits too).
    if name not in _HOME_OF:
        raise AttributeError(f"module 'capexcli.results' has no attribute {name!r}")
    module = importlib.import_module(f"capexcli.results.{_HOME_OF[name]}")
    value = getattr(module, name)
    globals()[name] = value
    return value


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
    "CompanyListResult",
    "CompanyResult",
    "CompanySummary",
    "CompanyYear",
    "CompareResult",
    "Coverage",
    "DataWarning",
    "DocumentInfo",
    "EarlierValue",
    "ErrorDocument",
    "ExplainCell",
    "ExplainFigure",
    "ExplainMeasure",
    "ExplainResult",
    "ExplainRow",
    "FiledValue",
    "FxUsed",
    "GroupFigures",
    "GroupInfo",
    "GroupUsed",
    "HkReport",
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
    "UpdateCompany",
    "UpdateCounts",
    "UpdateHongKong",
    "UpdateResult",
    "UpdateRow",
    "ValidateResult",
    "VerifyFile",
    "VerifyResult",
    "VerifyRow",
    "VerifySummary",
    "VersionInfo",
    "YearComparison",
]
