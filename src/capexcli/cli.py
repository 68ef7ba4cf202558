"""The ``capex`` command line: parse options, call the core, hand the result to output.

Exit status: 0 success; 2 anything the user can fix (bad data, bad option, unknown
company); 1 a bug in capex (set ``CAPEX_DEBUG=1`` for the traceback).
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import inspect
import json
import os
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from . import __version__
from .alignment import ALIGNS, Align
from .cli_import import import_app
from .cli_options import (
    AlignOption,
    CurrencyOption,
    DataOption,
    FxOption,
    YearsOption,
    output_options,
)
from .errors import (
    EXIT_CLAIM_FAILS,
    EXIT_INTERNAL_ERROR,
    CapexError,
    OptionError,
    RequestError,
)
from .output import Out, emit, emit_error

DEBUG_VAR = "CAPEX_DEBUG"


def _flag_help_option(option: Any) -> Any:
    # Typer prints a `<bool>` type beside flags; a flag takes no value, so show none.
    if option is not None:
        option.metavar = ""
    return option


def _reflow(help_text: str | None) -> str | None:
    """Join the wrapped lines of each prose paragraph of a docstring.

    Typer keeps single line breaks after the first paragraph, so a docstring wrapped at 100
    columns would print ragged at 80. Indented paragraphs (examples) are left as written.
    """
    if not help_text:
        return help_text
    paragraphs = inspect.cleandoc(help_text).split("\n\n")
    return "\n\n".join(
        p if p.startswith(" ") else " ".join(line.strip() for line in p.splitlines())
        for p in paragraphs
    )


class CapexCommand(TyperCommand):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help = _reflow(self.help)

    def get_help_option(self, ctx: Any) -> Any:
        return _flag_help_option(super().get_help_option(ctx))


def _wants_json(argv: Sequence[str]) -> bool:
    """Whether errors should be JSON: --json, --format json, -f json or --format=json."""
    for index, arg in enumerate(argv):
        if arg in ("--json", "--format=json", "-fjson"):
            return True
        if arg in ("--format", "-f") and argv[index + 1 : index + 2] == ["json"]:
            return True
    return False


class CapexGroup(TyperGroup):
    """Maps every failure to a message and an exit status, in text or JSON."""

    def get_help_option(self, ctx: Any) -> Any:
        return _flag_help_option(super().get_help_option(ctx))

    def get_params(self, ctx: Any) -> list[Any]:
        params = super().get_params(ctx)
        for param in params:
            if param.name in ("install_completion", "show_completion"):
                _flag_help_option(param)
        return params

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        as_json = _wants_json(argv[: argv.index("--")] if "--" in argv else argv)
        try:
            status = super().main(
                argv, prog_name or "capex", complete_var, standalone_mode=False, **extra
            )
            code = status if isinstance(status, int) else 0
        except CapexError as error:
            emit_error(error, as_json)
            code = error.exit_code
        except typer.TyperException as error:  # bad option, unknown command (click's UsageError)
            if as_json:
                emit_error(OptionError(error.format_message()), True)
            elif hasattr(error, "show"):
                error.show()
            else:
                sys.stderr.write(f"Error: {error.format_message()}\n")
            code = error.exit_code
        except typer.Exit as stop:
            code = stop.exit_code
        except typer.Abort:
            sys.stderr.write("Aborted.\n")
            code = EXIT_INTERNAL_ERROR
        except BrokenPipeError:
            # `capex compare | head`: the reader left; say nothing more to it.
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
            code = EXIT_INTERNAL_ERROR
        except Exception as error:
            if os.environ.get(DEBUG_VAR):
                raise
            sys.stderr.write(
                f"capex: internal error: {type(error).__name__}: {error}\n"
                "This is a bug in capex, not in your data. Please report it with the command "
                f"you ran (see README, 'Reporting problems'). Run with {DEBUG_VAR}=1 to see "
                "the traceback.\n"
            )
            code = EXIT_INTERNAL_ERROR
        if standalone_mode:
            sys.exit(code)
        return code


app = typer.Typer(
    cls=CapexGroup,
    name="capex",
    help=(
        "Check big-tech AI capex claims with sourced figures: the four US giants "
        "(Microsoft, Alphabet, Meta, Amazon) against seven Chinese ones (Tencent, Alibaba, "
        "Baidu, JD.com, Kuaishou, Meituan, NetEase).\n\n"
        "Start with `capex compare`; `capex company tencent` shows one company; add --json "
        "for scripts."
    ),
    epilog=(
        "Exit status: 0 ok, 2 bad data/option/name, 1 a bug in capex.\n\n"
        "Environment: CAPEX_DATA (data file), CAPEX_NO_CACHE=1 (compute every run), "
        "CAPEX_CACHE_DIR (where outputs and datasets are cached), NO_COLOR, "
        "CAPEX_DEBUG=1 (tracebacks)."
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"capex {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    data: DataOption = None,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, metavar="", help="Show the version."
        ),
    ] = False,
) -> None:
    ctx.obj = {"data": data}


def _dataset_path(ctx: typer.Context, data: Path | None) -> Path:
    from .paths import resolve_data_path

    root = ctx.find_root().obj or {}
    return resolve_data_path(data or root.get("data"))


def _run(
    command: str,
    options: Mapping[str, object],
    files: Sequence[Path],
    out: Out,
    produce: Callable[[], Any],
) -> Any:
    """Produce and emit a result, or replay it from the output cache (see cache.py).

    Cached: output to stdout in a machine-readable format, or a table going to a pipe or
    file (plain text, never cut: the same bytes whatever the terminal). Not cached: tables
    on a terminal (they depend on its width and colours) and files written with -o, --svg
    or --html. Returns the result, or None when it came from the cache."""
    from . import cache

    table = out.format == "table"
    cacheable = (
        cache.enabled()
        and out.output is None
        and out.svg is None
        and out.html is None
        and not (table and (sys.stdout.isatty() or os.environ.get("FORCE_COLOR")))
    )
    entry = None
    if cacheable:
        settings = {
            **options,
            "format": out.format,
            "units": out.units,
            "lang": out.lang,
            "view": out.view,
        }
        entry = cache.key(command, settings, files)
    if entry is not None:
        hit = cache.get(entry)
        if hit is not None:
            sys.stdout.write(hit)
            return None
    result = produce()
    if entry is None:
        emit(result, out)
        return result
    if table:
        from .output import table_text

        text = table_text(result, out)
    else:
        from .output import render_text

        text = render_text(result, out) or ""
    sys.stdout.write(text)
    cache.put(entry, text)
    return result


def _complete_company(incomplete: str) -> list[str]:
    """Shell completion for company names: ids first, then aliases; silent on any error."""
    from .loader import load
    from .paths import resolve_data_path

    try:
        dataset = load(resolve_data_path(None)).dataset
    except CapexError:
        return []
    wanted = incomplete.casefold()
    ids = [c.id for c in dataset.companies if c.id.startswith(wanted)]
    others = [
        name
        for c in dataset.companies
        for name in (*c.aliases, c.name_zh)
        if name.casefold().startswith(wanted) and name not in ids
    ]
    return ids + others


def _align(value: str) -> Align:
    value = value.strip().lower()
    if value not in ALIGNS:
        raise OptionError(f"--align {value!r}: choose majority or label")
    return value  # type: ignore[return-value]


def _currency(value: str) -> str:
    code = value.strip().upper()
    code = "CNY" if code == "RMB" else code
    if code not in ("CNY", "USD"):
        raise OptionError(f"--currency {value!r}: choose CNY (or RMB) or USD")
    return code


@contextlib.contextmanager
def _flag(name: str, value: object) -> Iterator[None]:
    """Name the option a bad value came from: the core words its errors as the request."""
    try:
        yield
    except OptionError:
        raise
    except RequestError as error:
        raise OptionError(f"{name} {value!r}: {error.message}") from None


def _comparison(currency: str, years: str | None, fx: float | None, align: str) -> dict[str, Any]:
    """The options compare and chart share, checked, as keyword arguments of both."""
    from .metrics import check_fx_rate, parse_years

    with _flag("--years", years):
        span = parse_years(years) if years is not None else None
    with _flag("--fx", fx):
        check_fx_rate(fx)
    return {"currency": _currency(currency), "years": span, "fx": fx, "align": _align(align)}


@app.command(cls=CapexCommand)
@output_options()
def compare(
    ctx: typer.Context,
    currency: CurrencyOption = "CNY",
    years: YearsOption = None,
    fx: FxOption = None,
    align: AlignOption = "majority",
    data: DataOption = None,
    *,
    out: Out,
) -> None:
    """US vs China group by year: capex, CN : US ratio, capex/OCF, buybacks + dividends.

    For each comparison year: both groups' capex in one currency, the ratio (the article's
    1:6, 1:10), capex / operating cash flow, shareholder returns (buybacks + dividends) and
    returns / capex; then the totals over the span. Footnotes name the FX rates, the
    fiscal-year rule, and every figure that is missing or not confirmed.

    Examples:

      capex compare

      capex compare --currency USD --years 2020-2024

      capex compare --json | jq '.years[] | {year, ratio: .us_to_cn_capex_ratio}'
    """
    path = _dataset_path(ctx, data)
    options = {"currency": currency, "years": years, "fx": fx, "align": align}

    def produce() -> Any:
        from .loader import load
        from .metrics import compare as compare_groups

        return compare_groups(load(path).dataset, **_comparison(currency, years, fx, align))

    _run("compare", options, [path], out, produce)


@app.command(cls=CapexCommand)
@output_options()
def company(
    ctx: typer.Context,
    name: Annotated[
        str,
        typer.Argument(
            metavar="NAME",
            help="Id, name, Chinese name, alias or ticker: tencent, 腾讯, 0700.HK, TCEHY, MSFT.",
            autocompletion=_complete_company,
        ),
    ],
    align: AlignOption = "majority",
    data: DataOption = None,
    *,
    out: Out,
) -> None:
    """One company year by year: every figure, capex / OCF, returns / capex, capex growth.

    Amounts are in the company's reporting currency.

    Examples:

      capex company tencent

      capex company 阿里巴巴 --json
    """
    path = _dataset_path(ctx, data)

    def produce() -> Any:
        from .loader import load
        from .metrics import company_report, find_company

        return company_report(find_company(load(path).dataset, name), _align(align))

    _run("company", {"name": name, "align": align}, [path], out, produce)


@app.command(cls=CapexCommand)
@output_options(exports=False)
def companies(
    ctx: typer.Context,
    data: DataOption = None,
    *,
    out: Out,
) -> None:
    """List the companies: region, currency, fiscal-year end and the years covered."""
    path = _dataset_path(ctx, data)

    def produce() -> Any:
        from .loader import load
        from .results import CompaniesResult, CompanySummary

        dataset = load(path).dataset
        result = CompaniesResult(
            companies=[
                CompanySummary(
                    id=c.id,
                    name=c.name,
                    name_zh=c.name_zh,
                    region=c.region,
                    currency=c.currency,
                    fiscal_year_end=c.fiscal_year_end,
                    aliases=list(c.aliases),
                    fiscal_years=sorted(y.fiscal_year for y in c.years),
                )
                for c in dataset.companies
            ]
        )
        return result

    _run("companies", {}, [path], out, produce)


@app.command(cls=CapexCommand)
@output_options(exports=False)
def sources(
    ctx: typer.Context,
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="[COMPANY]",
            help="Only this company (id, name, 中文名, alias or ticker). Default: all, with FX.",
            show_default=False,
        ),
    ] = None,
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status",
            "-s",
            metavar="STATUS",
            help="Only figures with this status: confirmed, aggregator, derived or "
            "unconfirmed. Repeat for several.",
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        list[str] | None,
        typer.Option(
            "--kind",
            metavar="figure|guidance|fx",
            help="Only these kinds of number. Repeat for several. Default: all.",
            show_default=False,
        ),
    ] = None,
    data: DataOption = None,
    *,
    out: Out,
) -> None:
    """Every number in the data with its source and status: what rests on what.

    Each figure of each fiscal year, each guidance range and each FX rate, with the document
    it was read from and how far it is confirmed. `--status unconfirmed` (or aggregator)
    lists what still needs checking against a company's own filing.

    Examples:

      capex sources tencent

      capex sources --status unconfirmed --status aggregator

      capex sources --json | jq '.[] | select(.status != "confirmed")'
    """
    statuses = [s.strip().lower() for item in status or [] for s in item.split(",") if s.strip()]
    kinds = [k.strip().lower() for item in kind or [] for k in item.split(",") if k.strip()]
    path = _dataset_path(ctx, data)

    def produce() -> Any:
        from .loader import load
        from .metrics import find_company
        from .provenance import SOURCE_KINDS
        from .provenance import sources as sources_of

        for k in kinds:
            if k not in SOURCE_KINDS:
                raise OptionError(f"--kind {k!r}: choose from {', '.join(SOURCE_KINDS)}")
        dataset = load(path).dataset
        company = find_company(dataset, name) if name is not None else None
        with _flag("--status", ",".join(statuses)):
            return sources_of(dataset, company, statuses, kinds or SOURCE_KINDS)

    options = {"name": name, "status": statuses, "kind": kinds}
    _run("sources", options, [path], out, produce)


@app.command(cls=CapexCommand)
@output_options()
def claims(
    ctx: typer.Context,
    claim_id: Annotated[
        str | None,
        typer.Argument(
            metavar="[ID]",
            help="One claim in full: quote, method, every figure used, sensitivity.",
            show_default=False,
        ),
    ] = None,
    align: AlignOption = "majority",
    fx: FxOption = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict", metavar="", help="Exit 1 if any recomputed claim fails (for scripts)."
        ),
    ] = False,
    claims_file: Annotated[
        Path | None,
        typer.Option(
            "--claims",
            metavar="PATH",
            help="Claims file to use instead of the shipped one (also: CAPEX_CLAIMS).",
            show_default=False,
        ),
    ] = None,
    data: DataOption = None,
    *,
    out: Out,
) -> None:
    """The article's claims, one by one: stated, recomputed from the filings, verdict.

    Every quantitative claim of the article is in data/claims.toml. A claim is recomputed
    from the company records, checked against the article's own numbers (internal), or
    listed as cited when the records cannot check it. Verdicts: holds, close (within twice
    the tolerance), fails, cited. Each recomputed claim also shows how its verdict moves
    with the two choices the article never states: fiscal-year alignment and the FX rate.

    Examples:

      capex claims

      capex claims capex-ratio-2024

      capex claims --json | jq '.claims[] | select(.verdict == "fails") | .id'
    """
    from .paths import resolve_claims_path

    view = "detail" if claim_id else None
    out = dataclasses.replace(out, view=view)
    path = _dataset_path(ctx, data)
    claims_path = resolve_claims_path(claims_file)

    def produce() -> Any:
        from .claims import ledger
        from .claims_file import load_claims
        from .loader import load

        ledger_file = load_claims(claims_path)
        return ledger(ledger_file, load(path).dataset, align=_align(align), fx=fx, only=claim_id)

    if strict:
        # --strict needs the verdicts themselves, so it always computes them.
        result = produce()
        emit(result, out)
        if any(c.kind == "recomputed" and c.verdict == "fails" for c in result.claims):
            raise typer.Exit(EXIT_CLAIM_FAILS)
        return
    options = {"id": claim_id, "align": align, "fx": fx}
    _run("claims", options, [path, claims_path], out, produce)


@app.command(cls=CapexCommand)
@output_options()
def chart(
    ctx: typer.Context,
    metric: Annotated[
        str,
        typer.Option(
            "--metric",
            "-m",
            metavar="capex|capex_to_ocf|returns_to_capex",
            help="What to draw: capex in one currency (with the CN : US ratio), capex / "
            "operating cash flow, or shareholder returns / capex.",
        ),
    ] = "capex",
    currency: CurrencyOption = "CNY",
    years: YearsOption = None,
    fx: FxOption = None,
    align: AlignOption = "majority",
    data: DataOption = None,
    *,
    out: Out,
) -> None:
    """A bar chart of US vs China per comparison year, for the terminal.

    Two bars per year, scaled to the largest value, with the CN : US ratio for capex.
    Readable at 80 columns and without colour (the groups differ by their bar characters).

    Examples:

      capex chart

      capex chart --metric capex_to_ocf --years 2020-2024
    """
    path = _dataset_path(ctx, data)
    options = {"metric": metric, "currency": currency, "years": years, "fx": fx, "align": align}

    def produce() -> Any:
        from .loader import load
        from .metrics import chart as chart_of

        comparison = _comparison(currency, years, fx, align)
        with _flag("--metric", metric):
            return chart_of(load(path).dataset, metric.strip().lower(), **comparison)

    _run("chart", options, [path], out, produce)


SCHEMAS = ("compare", "company", "companies", "claims", "sources", "chart", "validate")


@app.command(cls=CapexCommand)
def schema(
    name: Annotated[
        str,
        typer.Argument(
            metavar="[COMMAND]",
            help="compare, company, companies, claims, sources, chart or validate.",
        ),
    ] = "compare",
) -> None:
    """The JSON Schema of a command's --json output, from the models that produce it.

    Example:

      capex schema claims > claims.schema.json
    """
    from . import results

    models: dict[str, type[Any]] = {
        "compare": results.CompareResult,
        "company": results.CompanyResult,
        "companies": results.CompaniesResult,
        "claims": results.ClaimsResult,
        "sources": results.SourcesResult,
        "chart": results.ChartResult,
        "validate": results.ValidateResult,
    }
    key = name.strip().lower()
    if key not in models:
        raise OptionError(f"no schema for {name!r}: choose {', '.join(SCHEMAS)}")
    document = models[key].model_json_schema(mode="serialization")
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    document["$id"] = f"capex:{key}:v{results.OUTPUT_SCHEMA_VERSION}"
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")


@app.command(cls=CapexCommand)
@output_options(exports=False)
def validate(
    ctx: typer.Context,
    path: Annotated[
        Path | None,
        typer.Argument(
            metavar="[PATH]",
            help="Data file to check. Default: --data, CAPEX_DATA, or the shipped dataset.",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Treat warnings as errors: exit 2 if a confirmed figure names no document "
            "a reader could find.",
        ),
    ] = False,
    *,
    out: Out,
) -> None:
    """Check a data file and list every problem with its line and TOML path (exit 2 if any).

    Warnings (a confirmed figure without an SEC accession number, URL, or HKEX stock code and
    date) are listed after the summary; with --strict they are errors.

    Example:

      capex validate my-companies.toml
      capex validate --strict
    """
    from .checks import lint_dataset
    from .errors import DataValidationError
    from .loader import load, locate
    from .records import FIGURE_FIELDS
    from .results import DataWarning, ValidateResult

    target = path or _dataset_path(ctx, None)
    loaded = load(target)
    dataset = loaded.dataset
    warnings = locate(lint_dataset(dataset), loaded.path)
    if strict and warnings:
        raise DataValidationError(loaded.path, warnings)
    years = [y for c in dataset.companies for y in c.years]
    emit(
        ValidateResult(
            file=str(loaded.path),
            valid=True,
            companies=len(dataset.companies),
            fiscal_years=len(years),
            figures=sum(1 for y in years for f in FIGURE_FIELDS if y.figure(f) is not None),
            fx_rates=len(dataset.fx),
            confirmed=sum(1 for y in years for f in FIGURE_FIELDS if y.status_of(f) == "confirmed"),
            warnings=[DataWarning(path=w.path, line=w.line, message=w.message) for w in warnings],
        ),
        out,
    )


# `capex import sec` lives in its own module (it has no dependency on this one).
app.add_typer(import_app, name="import")


def main(argv: Sequence[str] | None = None) -> None:
    """Console-script entry point."""
    # A run is short and builds hundreds of thousands of acyclic objects (the TOML document,
    # the validated records, the results) that live until it ends. The cyclic collector only
    # re-scans them: measured on 5,000 companies it tripled validation time and made load
    # time grow faster than the file (benchmarks/RESULTS.md). Reference counting still frees
    # everything that is not part of a cycle.
    gc.disable()
    command = typer.main.get_command(app)
    command.main(args=argv, prog_name="capex")


if __name__ == "__main__":  # pragma: no cover
    main()
