"""``capex schema`` and ``capex validate``: the JSON contract, and the check of a data file."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from capexcli.cli.app import CapexCommand, app
from capexcli.cli.options import output_options
from capexcli.cli.runner import run
from capexcli.errors import OptionError
from capexcli.present.output import Out

#: Every JSON document capex prints: each command's --json output, and the error object that
#: any failure prints on stderr under --json.
SCHEMAS = (
    "check",
    "compare",
    "explain",
    "company",
    "company-list",
    "companies",
    "claims",
    "sources",
    "chart",
    "validate",
    "verify",
    "import-sec",
    "import-report",
    "update",
    "error",
)


def schema_document(key: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one of :data:`SCHEMAS`."""
    from capexcli import results
    from capexcli.importers.report.result import ReportImportResult

    models: dict[str, type[Any]] = {
        "check": results.CheckResult,
        "compare": results.CompareResult,
        "explain": results.ExplainResult,
        "company": results.CompanyResult,
        "company-list": results.CompanyListResult,
        "companies": results.CompaniesResult,
        "claims": results.ClaimsResult,
        "sources": results.SourcesResult,
        "chart": results.ChartResult,
        "validate": results.ValidateResult,
        "verify": results.VerifyResult,
        "import-sec": results.SecImportResult,
        "import-report": ReportImportResult,
        "update": results.UpdateResult,
        "error": results.ErrorDocument,
    }
    document = models[key].model_json_schema(mode="serialization")
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    document["$id"] = f"capex:{key}:v{results.OUTPUT_SCHEMA_VERSION}"
    return document


def complete_schema(incomplete: str) -> list[str]:
    return [name for name in SCHEMAS if name.startswith(incomplete.casefold())]


@app.command(cls=CapexCommand)
def schema(
    name: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[COMMAND]",
            help="compare (the default), company, company-list (company with several names), "
            "companies, claims, sources, chart, validate, "
            "verify, import-sec (or: import sec), import-report, or error (the error object of "
            "every command under --json).",
            show_default=False,
            autocompletion=complete_schema,
        ),
    ] = None,
) -> None:
    """The JSON Schema of a command's --json output, from the models that produce it.

    Every field has a description, and fields with a closed set of values (verdict, status,
    currency, region, kind, outcome ...) list them as an enum. `capex schema error` is the
    object every failure prints on stderr under --json.

    Examples:

      capex schema claims > claims.schema.json

      capex schema error | jq '.["$defs"].ErrorDetail.properties.code.enum'
    """
    key = "-".join(part.strip().lower() for part in name or ["compare"])
    if key not in SCHEMAS:
        raise OptionError(f"no schema for {' '.join(name or [])!r}: choose {', '.join(SCHEMAS)}")
    sys.stdout.write(json.dumps(schema_document(key), ensure_ascii=False, indent=2) + "\n")


@app.command(cls=CapexCommand)
@output_options(exports=False)
def validate(
    ctx: typer.Context,
    path: Annotated[
        Path | None,
        typer.Argument(
            metavar="[PATH]",
            help="Data file to check. Default: --data, CAPEX_DATA, your data file, or the "
            "shipped dataset (named on stderr).",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            metavar="",
            help="Treat warnings as errors: exit 1 if a confirmed figure names no document "
            "a reader could find.",
        ),
    ] = False,
    *,
    out: Out,
) -> None:
    """Check a data file and list every problem with its line and TOML path (exit 2 if any).

    Warnings (a confirmed figure without an SEC accession number, URL, or HKEX stock code and
    date) are listed after the summary; with --strict any warning makes the check fail (exit
    1), like `claims --strict`.

    Example:

      capex validate my-companies.toml
      capex validate --strict
    """
    if path is None:
        from capexcli.cli.data import tell_origin
        from capexcli.store.paths import data_origin

        root = ctx.find_root().obj or {}
        path, origin = data_origin(root.get("data"))
        # Which file, and why that one: after `pip install .` it is not the checkout's. On
        # stderr, and not with --json, whose stderr carries only errors as JSON.
        if out.format != "json":
            tell_origin(path, origin)

    # Cached like the views, --strict too: the stored output carries the failed check, so a
    # replay ends with the same message and exit status as the run.
    def produce() -> Any:
        from capexcli.compute.reports import validate_result
        from capexcli.model.checks import lint_dataset
        from capexcli.store.loader import load, locate

        loaded = load(path)
        warnings = locate(lint_dataset(loaded.dataset), loaded.path)
        return validate_result(loaded.path, loaded.dataset, warnings)

    def failure(result: Any) -> str | None:
        if strict and result.warnings:
            return f"--strict: {len(result.warnings)} warning(s) in {result.file}"
        return None

    run("validate", {"strict": strict}, [path], out, produce, failure)
