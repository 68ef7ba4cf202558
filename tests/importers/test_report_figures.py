"""Every fixture report reads as it did before pdfium found the pages and pdfplumber laid out
only those: tests/fixtures/hkex/figures/ holds the JSON printed at commit f89125d, the whole of
it, figures, pages, units and citation, with what the cover gives since added (the issuer, its
Chinese name and stock code, and the note that no longer asks for a stock code it has)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

HKEX = Path(__file__).parents[1] / "fixtures" / "hkex"
BEFORE = sorted((HKEX / "figures").glob("*.json"))


def test_every_fixture_has_its_figures() -> None:
    assert {p.stem for p in BEFORE} == {p.stem for p in HKEX.glob("*.pdf")}


@pytest.mark.parametrize("before", BEFORE, ids=[p.stem for p in BEFORE])
def test_figures_unchanged(run: Callable[..., Result], before: Path) -> None:
    expected = json.loads(before.read_text(encoding="utf-8"))
    result = run("import", "report", str(HKEX / f"{before.stem}.pdf"), "--json")
    if "error" in expected:
        assert result.exit_code == 2
        got = json.loads(result.stdout or result.stderr)
        got["error"]["message"] = got["error"]["message"].split(".pdf: ", 1)[1]
    else:
        assert result.exit_code == 0, result.stderr
        got = json.loads(result.stdout)
        got.pop("file")
    assert got == expected
