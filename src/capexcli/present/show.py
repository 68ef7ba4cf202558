"""Any result as a table for people: which view draws it, and where it is printed."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TextIO

from rich.console import Console, RenderableType
from rich.text import Text

from capexcli import results as r
from capexcli.present.chart import chart_view
from capexcli.present.check_view import check_view
from capexcli.present.claims_view import claims_view
from capexcli.present.compare_view import compare_view
from capexcli.present.console import console, print_plain
from capexcli.present.explain_view import explain_view
from capexcli.present.style import Style
from capexcli.present.tables import companies_view, company_view, sources_view, validate_view
from capexcli.present.update_view import update_view
from capexcli.present.verify_view import verify_view

View = Callable[[Any, Style], list[RenderableType]]


def company_list_view(result: r.CompanyListResult, s: Style) -> list[RenderableType]:
    """Each company's table and notes in turn, a blank line between."""
    drawn: list[RenderableType] = []
    for index, one in enumerate(result.companies):
        if index:
            drawn.append(Text(""))
        drawn += company_view(one, s)
    return drawn


#: The view of each result type; a new command's result adds one line here.
VIEWS: dict[type, View] = {
    r.CompareResult: compare_view,
    r.CompanyResult: company_view,
    r.CompanyListResult: company_list_view,
    r.CompaniesResult: companies_view,
    r.SourcesResult: sources_view,
    r.ValidateResult: validate_view,
    r.ChartResult: chart_view,
    r.VerifyResult: verify_view,
    r.ExplainResult: explain_view,
    r.UpdateResult: update_view,
    r.CheckResult: check_view,
}

#: Views printed to the last line as drawn: the others lose trailing blank lines when piped.
_KEEP_END = (
    r.CompareResult,
    r.CompanyResult,
    r.CompanyListResult,
    r.CompaniesResult,
    r.SourcesResult,
)


def draw(result: object, s: Style, view: str | None = None) -> list[RenderableType]:
    if isinstance(result, r.ClaimsResult):
        return claims_view(result, s, view)
    if isinstance(result, r.SourcesResult):
        return sources_view(result, s, view)
    if isinstance(result, r.CompareResult):
        return compare_view(result, s, view)
    return VIEWS[type(result)](result, s)


def _print(out: Console, result: object, s: Style, view: str | None) -> None:
    # The views lay their tables out for the page they are printed on.
    s = dataclasses.replace(s, width=out.width)
    keep_end = isinstance(result, _KEEP_END) or (
        isinstance(result, r.ClaimsResult) and view != "detail"
    )
    print_plain(out, draw(result, s, view), trim_end=not keep_end)


def show(result: object, s: Style, view: str | None = None, file: TextIO | None = None) -> None:
    """Print a result's table and footnotes to ``file`` (default stdout)."""
    _print(console(file), result, s, view)
