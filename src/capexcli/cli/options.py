"""Options shared by several commands, declared once.

Each option is an ``Annotated`` alias that a command names in its signature; the output
options (``--json``, ``--format``, ``--units``, ``--lang``, ``-o``, ``--force``, ``--svg``,
``--html``) are added to a command by :func:`output_options`, which hands the command one
:class:`~capexcli.present.output.Out`. A new output option is one entry in :data:`OUTPUT_OPTIONS`.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from capexcli.cli.as_of import AsOfOption, FirstReportedOption, as_of_choice, as_of_dataset
from capexcli.cli.complete import (
    choices,
    complete_companies,
    complete_group,
    complete_label,
    complete_years,
)
from capexcli.cli.output_choice import make_out
from capexcli.errors import OptionError, flag
from capexcli.model.alignment import ALIGNS, Align
from capexcli.present.output import FORMATS, LANGS, UNIT_CHOICES, Out

if TYPE_CHECKING:
    from capexcli.model.records import Dataset
    from capexcli.results.filed import AsOf

F = TypeVar("F", bound=Callable[..., Any])


DataOption = Annotated[
    Path | None,
    typer.Option(
        "--data",
        metavar="PATH",
        help="Data file to use instead of the shipped one (also: CAPEX_DATA).",
        show_default=False,
    ),
]
JsonOption = Annotated[
    bool,
    typer.Option(
        "--json", metavar="", help="Print one JSON document (for scripts) instead of a table."
    ),
]
FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="table, json, csv, tsv, markdown or xlsx. csv/tsv: one header row, raw numbers; "
        "markdown: a GitHub table per section, then the notes; xlsx: a workbook (needs -o). "
        "Default: what the -o file's extension says, else table.",
        show_default=False,
        autocompletion=choices(*FORMATS),
    ),
]
UnitsOption = Annotated[
    str,
    typer.Option(
        "--units",
        metavar="million|billion|yi",
        help="Unit of amounts in tables, CSV and Markdown (yi = 亿, 100 million; 万亿 shown for "
        "trillions). JSON stays in millions.",
        autocompletion=choices(*UNIT_CHOICES),
    ),
]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="en|zh",
        help="Language of the tables, notes, verdicts and messages. Default: zh when the "
        "locale is Chinese (LC_ALL, LC_MESSAGES or LANG zh_*), else en.",
        show_default=False,
        autocompletion=choices(*LANGS),
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="PATH",
        help="Write to PATH instead of stdout (atomically; an existing file needs --force). "
        "Its extension chooses the format: .csv .tsv .md .json .xlsx (else a table).",
        show_default=False,
    ),
]
BomOption = Annotated[
    bool,
    typer.Option(
        "--bom",
        metavar="",
        help="CSV/TSV: start with a UTF-8 byte order mark, so Excel shows Chinese names correctly.",
    ),
]
ForceOption = Annotated[
    bool,
    typer.Option("--force", metavar="", help="Replace existing files written by -o/--svg/--html."),
]
SvgOption = Annotated[
    Path | None,
    typer.Option(
        "--svg",
        metavar="PATH",
        help="Also save the table as the terminal shows it, as SVG (for reports; as wide as "
        "the table, nothing loaded from the network).",
        show_default=False,
    ),
]
ChartSvgOption = Annotated[
    Path | None,
    typer.Option(
        "--svg",
        metavar="PATH",
        help="Also save the chart as an SVG image for a story: title, unit, the CN : US ratio, "
        "partial years hatched, source and as-of date (text stays text; nothing loaded from "
        "the network).",
        show_default=False,
    ),
]
PngOption = Annotated[
    Path | None,
    typer.Option(
        "--png",
        metavar="PATH",
        help="Also save the chart as a PNG image (1500 x 900), the same as --svg draws.",
        show_default=False,
    ),
]
HtmlOption = Annotated[
    Path | None,
    typer.Option(
        "--html",
        metavar="PATH",
        help="Also save a standalone HTML page: the tables as HTML tables, the notes, and "
        "the chart as inline SVG (nothing loaded from the network).",
        show_default=False,
    ),
]
CurrencyOption = Annotated[
    str,
    typer.Option(
        "--currency",
        "-c",
        metavar="CNY|USD",
        help="Currency of every amount.",
        autocompletion=choices("CNY", "USD"),
    ),
]
YearsOption = Annotated[
    str | None,
    typer.Option(
        "--years",
        "-y",
        metavar="FIRST-LAST",
        help="Comparison years, e.g. 2020-2024 or 2024. Default: every year in which both "
        "groups have figures.",
        show_default=False,
        autocompletion=complete_years,
    ),
]
YearOption = Annotated[
    str | None,
    typer.Option(
        "--year",
        metavar="YEAR",
        help="Only this fiscal year (the company's own label), or a span: 2024, 2020-2024. "
        "--comparison-year chooses by the year compare counts a figure in.",
        show_default=False,
        autocompletion=complete_years,
    ),
]
ComparisonYearOption = Annotated[
    str | None,
    typer.Option(
        "--comparison-year",
        metavar="YEAR",
        help="Only the figures that `capex compare` counts in this calendar year (or span), "
        "under --align: Alibaba's FY2025 (to March 2025) is comparison year 2024. FX rates by "
        "their year; guidance has none.",
        show_default=False,
        autocompletion=complete_years,
    ),
]
CompactOption = Annotated[
    bool,
    typer.Option(
        "--compact",
        metavar="",
        help="One line per item, without the longer texts (sources, claim wording).",
    ),
]
NotesOption = Annotated[
    bool,
    typer.Option(
        "--notes",
        metavar="",
        help="Every footnote: the FX rates and their source, each partial group-year, what "
        "each total adds, the status counts and every missing figure. Default: the few a "
        "reader needs.",
    ),
]
FxOption = Annotated[
    float | None,
    typer.Option(
        "--fx",
        metavar="RATE",
        help="One CNY-per-USD rate for every year (e.g. 7.3, the article's own), instead of the "
        "annual averages in the data.",
        show_default=False,
    ),
]
PartialOption = Annotated[
    bool,
    typer.Option(
        "--partial",
        metavar="",
        help="Add to the totals the years in which a group misses members (they stay marked "
        "[ ]). Default: totals add only years complete in both groups.",
    ),
]
LikeForLikeOption = Annotated[
    bool,
    typer.Option(
        "--like-for-like",
        metavar="",
        help="Keep in each group only the companies that report capex in every year of the "
        "span, so a trend compares the same companies (the footnotes name those dropped).",
    ),
]
GroupOption = Annotated[
    list[str] | None,
    typer.Option(
        "--group",
        "-g",
        metavar="GROUP=A,B",
        help="Replace a group's members for this run: us=microsoft,alphabet,meta,amazon,apple "
        "(ids, names, aliases, tickers or Chinese names). Repeatable. explain: a bare us or cn "
        "shows that group's cell alone.",
        show_default=False,
        autocompletion=complete_group,
    ),
]
ExcludeOption = Annotated[
    list[str] | None,
    typer.Option(
        "--exclude",
        "-x",
        metavar="NAME",
        help="Drop a company from its group for this run (repeatable, or comma-separated).",
        show_default=False,
        autocompletion=complete_companies,
    ),
]
LabelOption = Annotated[
    list[str] | None,
    typer.Option(
        "--label",
        metavar="GROUP=TEXT",
        help="Name a group in titles and legends: us='US big five'. Repeatable.",
        show_default=False,
        autocompletion=complete_label,
    ),
]
AlignOption = Annotated[
    str,
    typer.Option(
        "--align",
        metavar="majority|label",
        help=(
            "How fiscal years map to calendar years. majority: the calendar year holding most "
            "of the fiscal year's months (Alibaba FY to March 2025 -> 2024). label: the "
            "company's own fiscal-year label (-> 2025)."
        ),
        autocompletion=choices("majority", "label"),
    ),
]


#: (parameter name, declaration, default, whether only table commands take it).
OUTPUT_OPTIONS: tuple[tuple[str, Any, Any, bool], ...] = (
    ("as_json", JsonOption, False, False),
    ("fmt", FormatOption, None, False),
    ("units", UnitsOption, "million", False),
    ("lang", LangOption, None, False),
    ("output", OutputOption, None, False),
    ("force", ForceOption, False, False),
    ("bom", BomOption, False, False),
    ("svg", SvgOption, None, True),
    ("html", HtmlOption, None, True),
)


def output_options(
    *, exports: bool = True, force: bool = True, chart: bool = False
) -> Callable[[F], F]:
    """Give a command the output options; it receives them as one ``out: Out`` argument.

    ``exports``: whether the command also takes --svg and --html (tables worth a report).
    ``force``: whether it takes --force for -o (not when its own --force means more).
    ``chart``: --svg draws the chart (not the terminal), and --png is offered too.
    """
    chosen = [(name, kind, default) for name, kind, default, table in OUTPUT_OPTIONS]
    if not exports:
        chosen = [o for o, spec in zip(chosen, OUTPUT_OPTIONS, strict=True) if not spec[3]]
    if not force:
        chosen = [o for o in chosen if o[0] != "force"]
    if chart:
        chosen = [(n, ChartSvgOption if n == "svg" else k, d) for n, k, d in chosen]
        chosen.append(("png", PngOption, None))
    return bundle("out", chosen, lambda given: make_out(**given))


def bundle(
    param: str, options: list[tuple[str, Any, Any]], make: Callable[[dict[str, Any]], Any]
) -> Callable[[F], F]:
    """A decorator that adds ``options`` to a command and hands it ``make(values)`` as
    ``param``. Typer reads a command's parameters from its signature, so the wrapper publishes
    the command's own parameters (without ``param``) followed by the options."""

    def decorate(command: F) -> F:
        names = [name for name, *_ in options]
        signature = inspect.signature(command, eval_str=True)
        own = [p for p in signature.parameters.values() if p.name != param]
        added = [
            inspect.Parameter(
                name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=kind
            )
            for name, kind, default in options
        ]

        @functools.wraps(command)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            given = {name: kwargs.pop(name) for name in names if name in kwargs}
            return command(*args, **{param: make(given)}, **kwargs)

        wrapper.__signature__ = signature.replace(parameters=[*own, *added])  # type: ignore[attr-defined]
        return wrapper  # type: ignore[return-value]

    return decorate


@dataclasses.dataclass(frozen=True)
class Scope:
    """What a comparison compares: currency, years, FX, alignment, partial years, like for
    like, and the groups as --group/--exclude/--label change them."""

    currency: str = "CNY"
    years: str | None = None
    fx: float | None = None
    align: str = "majority"
    partial: bool = False
    like_for_like: bool = False
    group: list[str] | None = None
    exclude: list[str] | None = None
    label: list[str] | None = None
    as_of: str | None = None
    first_reported: bool = False

    def options(self) -> dict[str, object]:
        """As parsed, for the output cache's key."""
        return dataclasses.asdict(self)

    def dataset(self, dataset: Dataset) -> tuple[Dataset, AsOf]:
        """The dataset as of the date asked, with the groups asked, and which versions it
        holds."""
        dated, as_of = as_of_dataset(dataset, as_of_choice(self.as_of, self.first_reported))
        return regrouped(dated, self.group, self.exclude, self.label), as_of

    def with_evidence(self, out: Out, path: Path) -> Out:
        """``out`` that can list every figure a result rests on (the workbook's Sources
        sheet), read again from the data as this scope sees it, only if a workbook asks."""

        def evidence(result: Any) -> list[Any]:
            from capexcli.compute.provenance import figures_used
            from capexcli.store.loader import load

            dataset, as_of = self.dataset(load(path).dataset)
            return figures_used(dataset, result, as_of, self.fx)

        return dataclasses.replace(out, evidence=evidence)

    def arguments(self) -> dict[str, Any]:
        """Checked, as the keyword arguments of compare()."""
        return {
            **comparison(self.currency, self.years, self.fx, self.align),
            "partial": self.partial,
            "like_for_like": self.like_for_like,
        }


#: --group, --exclude and --label: the groups a run compares (regrouped() applies them).
GROUPING_OPTIONS: tuple[tuple[str, Any, Any], ...] = (
    ("group", GroupOption, None),
    ("exclude", ExcludeOption, None),
    ("label", LabelOption, None),
)


def comparison_options() -> Callable[[F], F]:
    """Give a command the options of a group comparison as one ``scope: Scope`` argument."""
    options = [
        ("currency", CurrencyOption, "CNY"),
        ("years", YearsOption, None),
        ("fx", FxOption, None),
        ("align", AlignOption, "majority"),
        ("partial", PartialOption, False),
        ("like_for_like", LikeForLikeOption, False),
        *GROUPING_OPTIONS,
        ("as_of", AsOfOption, None),
        ("first_reported", FirstReportedOption, False),
    ]
    return bundle("scope", options, lambda given: Scope(**given))


def align_choice(value: str) -> Align:
    value = value.strip().lower()
    if value not in ALIGNS:
        raise OptionError(f"--align {value!r}: choose majority or label")
    return value  # type: ignore[return-value]


def currency_choice(value: str) -> str:
    code = value.strip().upper()
    code = "CNY" if code == "RMB" else code
    if code not in ("CNY", "USD"):
        raise OptionError(f"--currency {value!r}: choose CNY (or RMB) or USD")
    return code


def comparison(currency: str, years: str | None, fx: float | None, align: str) -> dict[str, Any]:
    """The options compare and chart share, checked, as keyword arguments of both."""
    from capexcli.compute.metrics import check_fx_rate, parse_years

    with flag("--years", years):
        span = parse_years(years) if years is not None else None
    with flag("--fx", fx):
        check_fx_rate(fx)
    return {
        "currency": currency_choice(currency),
        "years": span,
        "fx": fx,
        "align": align_choice(align),
    }


def regrouped(
    dataset: Dataset, group: list[str] | None, exclude: list[str] | None, label: list[str] | None
) -> Dataset:
    """The dataset with the groups as --group, --exclude and --label set them."""
    from capexcli.model.groups import parse_assignments, regroup

    with flag("--group", ", ".join(group or [])):
        members = parse_assignments(group or [])
    with flag("--label", ", ".join(label or [])):
        labels = parse_assignments(label or [])
    with flag("--group/--exclude", ", ".join([*(group or []), *(exclude or [])])):
        return regroup(dataset, members, exclude or [], labels)


def dataset_path(ctx: typer.Context, data: Path | None) -> Path:
    """The data file of a command: its --data, the root's --data, CAPEX_DATA, the user's
    data file, or the shipped. With the root's --verbose, says which on stderr."""
    from capexcli.store.paths import data_origin

    root = ctx.find_root().obj or {}
    path, origin = data_origin(data or root.get("data"))
    if root.get("verbose"):
        from capexcli.cli.data import tell_origin

        tell_origin(path, origin)
    return path
