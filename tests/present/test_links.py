"""Issue #26 item 4: a URL or an accession number is never split when text wraps; one longer
than the page stands alone on its line, whole. Checked at 80 columns on the shipped data, in
every command's table output."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest
from typer.testing import Result

from capexcli.present.console import wrap
from tests.conftest import REPO

Run = Callable[..., Result]

_URL = re.compile(r"https?://[^\s\"'<>]+")
_ACCESSION = re.compile(r"\b\d{10}-\d{2}-\d{6}\b")
#: The start of an accession number, however much of it a line holds.
_PARTIAL_ACCESSION = re.compile(r"\b\d{10}-[\d-]*")


def _links() -> set[str]:
    text = "".join(
        (REPO / "data" / name).read_text(encoding="utf-8")
        for name in ("companies.toml", "claims.toml")
    )
    urls = {url.rstrip(").,;:]") for url in _URL.findall(text)}
    return urls | set(_ACCESSION.findall(text))


def _commands(run: Run) -> list[tuple[str, ...]]:
    claims = json.loads(run("claims", "--json").stdout)["claims"]
    companies = json.loads(run("companies", "--json").stdout)["companies"]
    return [
        ("compare",),
        ("compare", "--lang", "zh"),
        ("chart",),
        ("companies",),
        ("sources",),
        ("sources", "--compact"),
        ("sources", "--lang", "zh"),
        ("claims",),
        ("claims", "--compact"),
        ("validate",),
        *(("company", c["id"]) for c in companies),
        *(("claims", c["id"]) for c in claims),
        *(("claims", c["id"], "--lang", "zh") for c in claims),
    ]


def test_no_url_or_accession_is_split_at_80_columns(run: Run) -> None:
    links = _links()
    assert len(links) > 50  # the shipped data cites many filings
    seen: set[str] = set()
    for command in _commands(run):
        result = run(*command, env={"COLUMNS": "80"})
        assert result.exit_code == 0, (command, result.stderr)
        for line in result.stdout.splitlines():
            # A URL cut at the line's end would be a prefix that the data does not hold.
            for url in _URL.findall(line):
                url = url.rstrip(").,;:]")
                assert url in links, (command, url, line)
                seen.add(url)
            for number in _PARTIAL_ACCESSION.findall(line):
                assert _ACCESSION.fullmatch(number), (command, number, line)
                seen.add(number)
            # Only a line holding nothing but one URL may be wider than the page.
            if len(line) > 80:
                assert _URL.fullmatch(line.strip().strip("();,.")), (command, line)
    assert len(seen) > 20  # the check looked at real links, not at none


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        # A URL that fits a line is moved whole to the next; without the indent if only so
        # it fits.
        ("see https://e.com/abc now", 20, ["see", "  https://e.com/abc", "  now"]),
        ("see https://e.com/abc now", 18, ["see", "https://e.com/abc", "  now"]),
        # Longer than a line: alone on its line, whole, with the hanging indent.
        (
            "see https://example.com/a/long/path.htm next",
            16,
            ["see", "  https://example.com/a/long/path.htm", "  next"],
        ),
        ("0001193125-26-323660 filed", 12, ["0001193125-26-323660", "  filed"]),
    ],
)
def test_wrap_keeps_links_whole(text: str, width: int, expected: list[str]) -> None:
    assert wrap(text, width, indent="  ") == expected
