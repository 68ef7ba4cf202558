"""``capex schema`` and ``capex validate``: the JSON contract, and the check of a data file."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from .cli_app import CapexCommand, app
from .cli_options import dataset_path, output_options
from .errors import CheckFailed, OptionError
from .output import Out, emit

SCHEMAS = (
    "compare",
    "company",
    "companies",
    "claims",
    "sources",
    "chart",
    "validate",
    "verify",
)


@app.command(cls=CapexCommand)
def schema(
    name: Annotated[
        str,
        typer.Argument(
            metavar="[COMMAND]",
            help="compare, company, companies, claims, sources, chart, validate or verify.",
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
        "verify": results.VerifyResult,
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
    from .checks import lint_dataset
    from .loader import load, locate
    from .reports import validate_result

    loaded = load(path or dataset_path(ctx, None))
    warnings = locate(lint_dataset(loaded.dataset), loaded.path)
    emit(validate_result(loaded.path, loaded.dataset, warnings), out)
    if strict and warnings:
        raise CheckFailed(f"--strict: {len(warnings)} warning(s) in {loaded.path}")
