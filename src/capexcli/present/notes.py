"""The footnotes of a result as the table view words them, for the exports that carry notes
as text (Markdown, xlsx, HTML).

The views import Rich, so this module is imported only by those exports, never by CSV or JSON.
"""

from __future__ import annotations

import dataclasses

from pydantic import BaseModel

from capexcli import results as r
from capexcli.present.flat import Flat
from capexcli.present.style import Style


def view_notes(result: BaseModel, s: Style) -> list[str]:
    if isinstance(result, r.CompareResult):
        from capexcli.present.compare_view import compare_notes

        return compare_notes(result, s)
    if isinstance(result, r.ExplainResult):
        from capexcli.present.explain_view import explain_notes

        return explain_notes(result, s)
    if isinstance(result, r.CompanyResult):
        from capexcli.present.tables import company_notes

        return company_notes(result, s)
    if isinstance(result, r.CompanyListResult):
        from capexcli.present.tables import company_notes

        return [f"{c.company.id}: {n}" for c in result.companies for n in company_notes(c, s)]
    if isinstance(result, r.SourcesResult):
        from capexcli.present.tables import sources_all_notes

        return sources_all_notes(result, s)
    if isinstance(result, r.ClaimsResult):
        from capexcli.present.claims_view import claims_notes

        return claims_notes(result, s)
    if isinstance(result, r.ChartResult):
        from capexcli.present.as_of_note import as_of_note

        note = f"Years: {result.align_rule}"
        if result.metric != "capex":
            note += " Values are ratios: 0.3 is 30%."
        return [note, as_of_note(result.as_of, s)]
    return []


def with_notes(flat: Flat, result: BaseModel, s: Style) -> Flat:
    return dataclasses.replace(flat, notes=tuple(view_notes(result, s)))
