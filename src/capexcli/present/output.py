"""The one place results and errors leave the program.

Commands hand a result model and an :class:`Out` (format, unit, language, destination) to
:func:`emit`. JSON, CSV, TSV and Markdown go out without touching Rich; tables and SVG go
through :mod:`capexcli.present.show`, imported only then; xlsx (openpyxl) and the HTML page
are imported only when asked for. Language and unit travel as a
:class:`~capexcli.present.style.Style`, never as module state.
"""

from __future__ import annotations

import io
import json
import math
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from capexcli.errors import OUTPUT_SCHEMA_VERSION, CapexError, OptionError, WriteError
from capexcli.present.style import Style

if TYPE_CHECKING:
    from pydantic import BaseModel

FORMATS: tuple[str, ...] = ("table", "json", "csv", "tsv", "markdown", "xlsx")
#: The format an output file's extension asks for; `-o` with another --format is refused.
EXTENSIONS: dict[str, str] = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".md": "markdown",
    ".markdown": "markdown",
    ".json": "json",
    ".xlsx": "xlsx",
}
#: Extensions that any text format may have (a table by default).
TEXT_EXTENSIONS = frozenset({".txt", ".text", ".log", ".out", ""})
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
    #: ``capex chart``: the chart as a PNG image (its --svg is the chart too, not the table).
    png: Path | None = None
    #: A result's alternative table (``detail`` for one claim).
    view: str | None = None
    #: CSV/TSV: start with a UTF-8 byte order mark, so that Excel reads the text as UTF-8.
    bom: bool = False
    #: xlsx: every figure a result rests on (its Sources sheet), from the command's dataset;
    #: None where the result lists them itself (claims, sources).
    evidence: Callable[[Any], list[Any]] | None = None

    def __post_init__(self) -> None:
        if self.format not in FORMATS:
            raise OptionError(f"--format {self.format!r}: choose {', '.join(FORMATS)}")
        if self.units not in UNIT_CHOICES:
            raise OptionError(f"--units {self.units!r}: choose {', '.join(UNIT_CHOICES)}")
        if self.lang not in LANGS:
            raise OptionError(f"--lang {self.lang!r}: choose en or zh")
        if (self.svg or self.html or self.png) and self.format != "table":
            raise OptionError("--svg, --png and --html export the table: drop --format/--json")
        if self.bom and self.format not in ("csv", "tsv"):
            raise OptionError("--bom is for CSV and TSV (Excel): add --format csv or -o FILE.csv")
        if self.format == "xlsx" and self.output is None:
            raise OptionError("--format xlsx writes a workbook: give the file, -o FILE.xlsx")

    @property
    def style(self) -> Style:
        return Style(units=self.units, lang=self.lang)


def choose_format(given: str | None, output: Path | None) -> str:
    """The format of a run: ``given`` (--format/--json), else the one the output file's
    extension names, else a table. A file whose extension names another format is refused,
    so that ``-o out.csv`` never holds a table."""
    if output is None:
        return given or "table"
    suffix = output.suffix.lower()
    if suffix in (".html", ".htm", ".svg"):
        option = "--svg" if suffix == ".svg" else "--html"
        raise OptionError(f"-o {output}: write an {suffix[1:].upper()} export with {option} PATH")
    named = EXTENSIONS.get(suffix)
    if named is None and suffix not in TEXT_EXTENSIONS:
        # A text table in x.pdf or x.png would look like a file of that kind and is not one.
        written = " ".join(sorted(EXTENSIONS)) + " (or .txt for a table)"
        raise OptionError(f"-o {output}: capex does not write {suffix} files; use {written}")
    if given is None:
        return named or "table"
    text_ok = suffix in TEXT_EXTENSIONS and given != "xlsx"
    if named != given and not text_ok:
        wanted = named or "a text format"
        raise OptionError(
            f"-o {output}: the file name says {wanted} but the format is {given}; "
            "make them agree (or drop --format to follow the name)"
        )
    return given


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
    from capexcli.present.safe import safe

    return _render_text(safe(result), out)


def _render_text(result: BaseModel, out: Out) -> str | None:
    """:func:`render_text` of a result already cleaned by ``safe`` (walking a large result
    again costs: 8 ms for the claims' 800 kB of JSON)."""
    if out.format == "json":
        return to_json(result) + "\n"
    if out.format == "markdown":
        # For people: the terminal view's tables, headings and notes (see document.py).
        from capexcli.present.document import blocks, to_markdown
        from capexcli.present.flat import flatten

        flatten(result, out.units)  # a result with no table form is refused the same way
        return to_markdown(blocks(result, out.style))
    if out.format in ("csv", "tsv"):
        from capexcli.present import writers
        from capexcli.present.flat import flatten

        table = flatten(result, out.units)
        return writers.to_delimited(table, "," if out.format == "csv" else "\t", bom=out.bom)
    if out.output is None:
        return None
    return _table_text(result, out)


def table_text(result: BaseModel, out: Out) -> str:
    """The table as it prints to a pipe or a file: plain text, never cut."""
    from capexcli.present.safe import safe

    return _table_text(safe(result), out)


def _table_text(result: BaseModel, out: Out) -> str:
    from capexcli.present.show import show

    buffer = io.StringIO()
    show(result, out.style, out.view, file=buffer)
    return buffer.getvalue()


def emit(result: BaseModel, out: Out | None = None) -> None:
    """The one output function: any result, in ``out``'s format, to stdout or ``out.output``,
    plus the SVG/HTML exports it asks for."""
    out = out or Out()
    from capexcli.present.safe import safe

    result = safe(result)
    if out.format == "xlsx":
        from capexcli.compute.provenance import figures_used
        from capexcli.present.flat import flatten
        from capexcli.present.notes import with_notes
        from capexcli.present.xlsx import to_xlsx

        assert out.output is not None  # Out requires it
        table = with_notes(flatten(result, out.units), result, out.style)
        used = out.evidence(result) if out.evidence else figures_used(None, result)
        write_file(out.output, to_xlsx(table, used, out.units), force=out.force)
        return
    text = _render_text(result, out)
    if out.output is not None:
        assert text is not None
        write_file(out.output, text, force=out.force)
    elif text is not None:
        sys.stdout.write(text)
    else:
        from capexcli.present.show import show

        show(result, out.style, out.view)
    export_images(result, out)
    if out.html is not None:
        from capexcli.present.html import page

        write_file(out.html, page(result, out.style), force=out.force)


def export_images(result: BaseModel, out: Out) -> None:
    """--svg and --png: a chart is drawn for a story (matplotlib); any other table is saved
    as the terminal shows it."""
    if out.svg is None and out.png is None:
        return  # a run that draws nothing need not build the chart's result model
    from capexcli.results import ChartResult

    chart = isinstance(result, ChartResult)
    if out.svg is not None and chart:
        from capexcli.present.figure import draw_chart

        write_file(out.svg, draw_chart(result, out.style, "svg"), force=out.force)
    elif out.svg is not None:
        from capexcli.present.svg import export_svg

        write_file(out.svg, export_svg(result, out.style, out.view), force=out.force)
    if out.png is not None:
        if not chart:
            raise OptionError("--png draws a chart: use it with capex chart")
        from capexcli.present.figure import draw_chart

        write_file(out.png, draw_chart(result, out.style, "png"), force=out.force)


def write_file(path: Path, text: str | bytes, *, force: bool) -> None:
    import stat

    from capexcli.store.atomic import atomic_write

    try:
        mode = path.stat().st_mode
    except OSError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        # Replacing a pipe or a device with a regular file would break what used it.
        raise WriteError(f"{path}: not a regular file (a pipe, device or folder); choose a file")

    data = text.encode("utf-8") if isinstance(text, str) else text
    atomic_write(path, data, force=force)


def error_document(error: CapexError) -> dict[str, Any]:
    """The JSON error object (``capex schema error`` describes it)."""
    return {"schema_version": OUTPUT_SCHEMA_VERSION, "error": error.to_dict()}


def emit_error(error: CapexError, as_json: bool, lang: str = "en") -> None:
    """The error on stderr: as JSON (in English: a contract for scripts), or as a line for
    people, in Chinese under ``--lang zh``."""
    from capexcli.model.safe_text import show_controls

    # A message may echo what the user gave (a name, a path): its controls are shown as
    # escapes, so that they see what was wrong and the terminal is not driven by it.
    if as_json:
        document = json.dumps(error_document(error), ensure_ascii=False)
        sys.stderr.write(show_controls(document) + "\n")
    elif lang == "zh":
        from capexcli.present.catalog import translate_error

        sys.stderr.write(f"错误：{show_controls(translate_error(error.message))}\n")
    else:
        sys.stderr.write(f"Error: {show_controls(error.message)}\n")
