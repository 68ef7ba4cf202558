from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from typer.testing import CliRunner, Result

from capexcli.cli.commands import app

if TYPE_CHECKING:
    from tests.sec_server import FactsServer

TESTS = Path(__file__).parent
SMALL = TESTS / "data" / "small.toml"
REPO = TESTS.parent
#: Real SEC company-facts files, trimmed (see its README.md).
SEC_FIXTURES = TESTS / "fixtures" / "sec"


@pytest.fixture(autouse=True)
def _no_output_cache(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Tests see computed output, never a cached one; tests/store/test_cache.py turns it back on."""
    monkeypatch.setenv("CAPEX_NO_CACHE", "1")
    # The user's own data file (store/paths.py) is looked for, and written, under
    # XDG_DATA_HOME: a folder of the test's own, so that no test reads or writes the real
    # user's data, and a test that wants one writes it there.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg-data")))
    # Tables are laid out for COLUMNS (else 80) and speak the locale's language: the tests
    # choose both, whatever the shell that runs them says.
    for name in ("COLUMNS", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run the real CLI in-process; CAPEX_DATA cleared so tests choose their data."""
    monkeypatch.delenv("CAPEX_DATA", raising=False)
    runner = CliRunner()

    def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
        return runner.invoke(app, list(args), env=env)

    return invoke


@pytest.fixture
def run_json(run: Callable[..., Result]) -> Callable[..., Any]:
    def invoke(*args: str) -> Any:
        result = run(*args, "--json")
        assert result.exit_code == 0, result.stderr
        return json.loads(result.stdout)

    return invoke


def write(tmp_path: Path, text: str, name: str = "data.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def server() -> Iterator[FactsServer]:
    """A local stand-in for data.sec.gov (tests/sec_server.py), shut down after the test."""
    from tests.sec_server import FactsServer

    facts = FactsServer()
    try:
        yield facts
    finally:
        facts.close()
