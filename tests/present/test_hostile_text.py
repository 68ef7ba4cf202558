"""Nothing a user types or a data file holds reaches the terminal as control (issue 27,
item 5): every format is free of control characters, an SVG parses as XML, HTML and Markdown
show markup as text."""

from __future__ import annotations

import json
import xml.dom.minidom
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from markdown_it import MarkdownIt
from typer.testing import Result

from capexcli.model.safe_text import CONTROL
from tests.conftest import SMALL, write

Run = Callable[..., Result]
DATA = ("--data", str(SMALL))
#: An escape sequence that clears the screen, a bell, a bidirectional override, a lone
#: surrogate (as Python decodes a non-UTF-8 argument), HTML and a link.
HOSTILE = "US\x1b[2J\x07\u202eevil\udcff<b>bold</b>&amp;[link](http://e.vil)"


def _ok(result: Result) -> str:
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_a_label_prints_without_controls(run: Run, fmt: str) -> None:
    out = _ok(run("chart", "--label", f"us={HOSTILE}", "--format", fmt, *DATA))
    assert "[2J" in out and "evil" in out  # the label is there, its controls are not
    assert not CONTROL.search(out.replace("\n", ""))


@pytest.mark.parametrize("fmt", ["csv", "tsv", "markdown"])
@pytest.mark.parametrize("command", ["chart", "compare"])
def test_no_controls_in_flat_formats(run: Run, fmt: str, command: str) -> None:
    # CSV and TSV name groups by id (us, cn), not by label, and hold names from the data;
    # Markdown is the terminal's view, which names the group by its label.
    out = _ok(run(command, "--label", f"us={HOSTILE}", "--format", fmt, *DATA))
    if fmt == "markdown":
        assert "evil" in out and "\\<b>bold\\</b>" in out  # shown, as text
    else:
        assert "US Alpha" in out or "us" in out
    assert not CONTROL.search(out.replace("\n", "").replace("\t", "").replace("\r", ""))


def test_svg_and_html_stay_well_formed_and_show_markup_as_text(run: Run, tmp_path: Path) -> None:
    svg, page = tmp_path / "c.svg", tmp_path / "c.html"
    _ok(run("chart", "--label", f"us={HOSTILE}", "--svg", str(svg), "--html", str(page), *DATA))
    for path in (svg, page):
        text = path.read_text(encoding="utf-8")
        assert not CONTROL.search(text.replace("\n", "").replace("\t", ""))
        assert "<b>bold" not in text and "&lt;b&gt;bold" in text
    xml.dom.minidom.parse(str(svg))  # raises on anything XML cannot hold


def test_xlsx_cells_have_no_controls(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "c.xlsx"
    _ok(run("chart", "--label", f"us={HOSTILE}", "-o", str(target), *DATA))
    book = openpyxl.load_workbook(target)
    cells = [c for sheet in book for row in sheet.iter_rows(values_only=True) for c in row]
    texts = [c for c in cells if isinstance(c, str)]
    assert texts and not any(CONTROL.search(t.replace("\n", "")) for t in texts)


def test_markdown_shows_html_and_links_from_the_data_as_text(run: Run, tmp_path: Path) -> None:
    # Names in a data file cannot hold controls (refused), but can hold markup.
    text = SMALL.read_text(encoding="utf-8").replace(
        'name = "US Alpha"', 'name = "<img src=x onerror=alert(1)> [x](http://e.vil) _e_"'
    )
    out = _ok(run("companies", "-f", "markdown", "--data", str(write(tmp_path, text))))
    tokens = MarkdownIt("commonmark").enable("table").parse(out)
    inline = [c for t in tokens if t.children for c in t.children]
    assert not [t.type for t in inline if t.type in ("html_inline", "link_open", "em_open")]
    rendered = MarkdownIt("commonmark").enable("table").render(out)
    assert "&lt;img src=x onerror=alert(1)&gt; [x](http://e.vil) _e_" in rendered


def test_an_error_echoing_a_name_shows_its_controls_as_escapes(run: Run) -> None:
    for extra in ((), ("--json",)):
        result = run("company", "\x1b]52;c;cm0gLXJm\x07x", *extra, *DATA)
        assert result.exit_code == 2
        assert "\x1b" not in result.stderr and "\x07" not in result.stderr
        assert "\\x1b]52;c;cm0gLXJm\\x07x" in result.stderr.replace("\\\\", "\\")
    json.loads(result.stderr)


@pytest.mark.parametrize("char", ["\u202e", "\u2066", "\x9b"], ids=["rlo", "isolate", "csi"])
def test_a_data_file_refuses_reordering_controls_in_a_name(
    run: Run, tmp_path: Path, char: str
) -> None:
    text = SMALL.read_text(encoding="utf-8").replace("US Alpha", f"US {char}ahplA")
    result = run("companies", "--data", str(write(tmp_path, text)))
    assert result.exit_code == 2
    assert f"control character U+{ord(char):04X}" in result.stderr
