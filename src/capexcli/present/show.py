"""Any result as a table for people: which view draws it, and where it is printed."""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING, TextIO

from rich.console import Console, RenderableType
from rich.text import Text

from capexcli.present.console import console, print_plain
from capexcli.present.style import Style

if TYPE_CHECKING:
    from capexcli.results import CompanyListResult

View = Callable[..., list[RenderableType]]


def company_list_view(result: CompanyListResult, s: Style) -> list[RenderableType]:
    """Each company's table and notes in turn, a blank line between."""
    from capexcli.present.tables import company_view

    drawn: list[RenderableType] = []
    for index, one in enumerate(result.companies):
        if index:
            drawn.append(Text(""))
        drawn += company_view(one, s)
    return drawn


#: The view of each result, by the result model's name: its module in present/ and function.
#: A new command's result adds one line here. Looked up by name and imported on use, so that
#: a table of `compare` builds neither the other commands' result models nor their views.
VIEWS: dict[str, tuple[str, str]] = {
    "CompareResult": ("compare_view", "compare_view"),
    "CompanyResult": ("tables", "company_view"),
    "CompanyListResult": ("show", "company_list_view"),
    "CompaniesResult": ("tables", "companies_view"),
    "SourcesResult": ("tables", "sources_view"),
    "ValidateResult": ("tables", "validate_view"),
    "ChartResult": ("chart", "chart_view"),
    "VerifyResult": ("verify_view", "verify_view"),
    "ExplainResult": ("explain_view", "explain_view"),
    "UpdateResult": ("update_view", "update_view"),
    "CheckResult": ("check_view", "check_view"),
    "ClaimsResult": ("claims_view", "claims_view"),
}
#: Views that take the run's --view (notes, detail) as a third argument.
_WITH_VIEW = frozenset({"ClaimsResult", "SourcesResult", "CompareResult"})

#: Views printed to the last line as drawn: the others lose trailing blank lines when piped.
_KEEP_END = frozenset(
    {"CompareResult", "CompanyResult", "CompanyListResult", "CompaniesResult", "SourcesResult"}
)


def draw(result: object, s: Style, view: str | None = None) -> list[RenderableType]:
    name = type(result).__name__
    module, function = VIEWS[name]
    drawn: View = getattr(importlib.import_module(f"capexcli.present.{module}"), function)
    return drawn(result, s, view) if name in _WITH_VIEW else drawn(result, s)


def _print(out: Console, result: object, s: Style, view: str | None) -> None:
    # The views lay their tables out for the page they are printed on.
    s = dataclasses.replace(s, width=out.width)
    name = type(result).__name__
    keep_end = name in _KEEP_END or (name == "ClaimsResult" and view != "detail")
    print_plain(out, draw(result, s, view), trim_end=not keep_end)


def show(result: object, s: Style, view: str | None = None, file: TextIO | None = None) -> None:
    """Print a result's table and footnotes to ``file`` (default stdout)."""
    _print(console(file), result, s, view)
