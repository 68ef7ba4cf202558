"""The one place results and errors leave the program.

Commands hand a result model to :func:`emit`; JSON goes out without touching Rich, tables
go through :mod:`capexcli.render` (imported only then).
"""

from __future__ import annotations

import json
import sys
from typing import Any

from pydantic import BaseModel

from .errors import CapexError


def tidy(value: Any) -> Any:
    """Integral floats become ints and others are rounded, so JSON stays stable and readable."""
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 2**53:
            return int(value)
        return round(value, 6)
    if isinstance(value, dict):
        return {k: tidy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [tidy(v) for v in value]
    return value


def to_json(result: BaseModel) -> str:
    return json.dumps(tidy(result.model_dump(mode="json")), ensure_ascii=False, indent=2)


def emit(result: BaseModel, as_json: bool, view: str | None = None) -> None:
    """Print a result: JSON for scripts, or a table (``view`` picks among a result's tables)."""
    if as_json:
        sys.stdout.write(to_json(result) + "\n")
        return
    from . import render

    render.show(result, view=view)


def emit_error(error: CapexError, as_json: bool) -> None:
    if as_json:
        sys.stderr.write(json.dumps({"error": error.to_dict()}, ensure_ascii=False) + "\n")
    else:
        sys.stderr.write(f"Error: {error.message}\n")
