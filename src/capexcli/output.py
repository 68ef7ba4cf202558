"""The one place results and errors leave the program.

Commands hand a result model and an :class:`Out` (format, unit, language, destination) to
:func:`emit`. JSON, CSV, TSV and Markdown go out without touching Rich; tables, SVG and HTML
go through :mod:`capexcli.present.show`, imported only then. Language and unit travel as a
:class:`~capexcli.present.style.Style`, never as module state.
"""

from __future__ import annotations

import io
import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import OUTPUT_SCHEMA_VERSION, CapexError, OptionError, WriteError
from .present.style import Style

if TYPE_CHECKING:
    from pydantic import BaseModel

FORMATS: tuple[str, ...] = ("table", "json", "csv", "tsv", "markdown")
UNIT_CHOICES: tuple[str, ...] = ("million", "billion", "yi")
LANGS: tuple[str, ...] = ("en", "zh")


@dataclass(frozen=True)
class Out:
    """How a result is shown and where it goes."""

    format: str = "table"
    units: str = "million"
    lang: str = "en"
    #: Write here (atomically) instead of stdout.
    output: Path | None = None
    force: bool = False
    #: Also export the table as it shows in a terminal.
    svg: Path | None = None
    html: Path | None = None
    #: A result's alternative table (``detail`` for one claim).
    view: str | None = None

    def __post_init__(self) -> None:
        if self.format not in FORMATS:
            raise OptionError(f"--format {self.format!r}: choose {', '.join(FORMATS)}")
        if self.units not in UNIT_CHOICES:
            raise OptionError(f"--units {self.units!r}: choose {', '.join(UNIT_CHOICES)}")
        if self.lang not in LANGS:
            raise OptionError(f"--lang {self.lang!r}: choose en or zh")
        if (self.svg or self.html) and self.format != "table":
            raise OptionError("--svg and --html export the table: drop --format/--json")

    @property
    def style(self) -> Style:
        return Style(units=self.units, lang=self.lang)


def tidy(value: Any) -> Any:
    """Integral floats become ints and others are rounded, so JSON stays stable and readable;
    a non-finite float (which JSON cannot hold) becomes null."""
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        if value.is_integer() and abs(value) < 2**53:
            return int(value)
        return round(value, 6)
    if isinstance(value, dict):
        return {k: tidy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [tidy(v) for v in value]
    return value


def to_json(result: BaseModel) -> str:
    # allow_nan=False: should a non-finite value slip past tidy(), fail rather than print
    # "Infinity", which is not JSON.
    return json.dumps(
        tidy(result.model_dump(mode="json")), ensure_ascii=False, indent=2, allow_nan=False
    )


def render_text(result: BaseModel, out: Out) -> str | None:
    """The output as text, or None for a table going straight to the terminal."""
    if out.format == "json":
        return to_json(result) + "\n"
    if out.format in ("csv", "tsv", "markdown"):
        from .present import flat

        table = flat.flatten(result, out.units)
        if out.format == "markdown":
            return flat.to_markdown(table)
        return flat.to_delimited(table, "," if out.format == "csv" else "\t")
    if out.output is None:
        return None
    return table_text(result, out)


def table_text(result: BaseModel, out: Out) -> str:
    """The table as it prints to a pipe or a file: plain text, never cut."""
    from .present.show import show

    buffer = io.StringIO()
    show(result, out.style, out.view, file=buffer)
    return buffer.getvalue()


def emit(result: BaseModel, out: Out | None = None) -> None:
    """The one output function: any result, in ``out``'s format, to stdout or ``out.output``,
    plus the SVG/HTML exports it asks for."""
    out = out or Out()
    text = render_text(result, out)
    if out.output is not None:
        assert text is not None
        write_file(out.output, text, force=out.force)
    elif text is not None:
        sys.stdout.write(text)
    else:
        from .present.show import show

        show(result, out.style, out.view)
    if out.svg is not None or out.html is not None:
        from .present.show import export

        for path, kind in ((out.svg, "svg"), (out.html, "html")):
            if path is not None:
                write_file(path, export(result, out.style, out.view, kind), force=out.force)


def write_file(path: Path, text: str, *, force: bool) -> None:
    import stat

    from .atomic import atomic_write

    try:
        mode = path.stat().st_mode
    except OSError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        # Replacing a pipe or a device with a regular file would break what used it.
        raise WriteError(f"{path}: not a regular file (a pipe, device or folder); choose a file")

    atomic_write(path, text.encode("utf-8"), force=force)


def error_document(error: CapexError) -> dict[str, Any]:
    """The JSON error object (``capex schema error`` describes it)."""
    return {"schema_version": OUTPUT_SCHEMA_VERSION, "error": error.to_dict()}


def emit_error(error: CapexError, as_json: bool) -> None:
    if as_json:
        sys.stderr.write(json.dumps(error_document(error), ensure_ascii=False) + "\n")
    else:
        sys.stderr.write(f"Error: {error.message}\n")
