"""capexcli.importers.sec.document: a malformed company-facts document is a clear error (exit 2)
that
names what is wrong and where, never an internal error; and a fuzz test of the real CLI over
mutations of a small valid document, with and without --into."""

from __future__ import annotations

import copy
import json
import math
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import tomli
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from typer.testing import Result

from capexcli.errors import SecFactsError
from capexcli.importers import sec
from capexcli.store.loader import parse_dataset
from tests.conftest import SMALL
from tests.sec_helpers import fact, facts_document

Run = Callable[..., Result]

CAPEX = "PaymentsToAcquirePropertyPlantAndEquipment"
OCF = "NetCashProvidedByUsedInOperatingActivities"
BUYBACKS = "PaymentsForRepurchaseOfCommonStock"


def small_document() -> dict[str, Any]:
    """Facts of tests/data/small.toml's "usa" (USD, years ending 31 December): one figure
    equal to the file's, one that differs, a new year, a quarter and a negative outflow."""
    return facts_document(
        {
            CAPEX: [
                fact("2023-01-01", "2023-12-31", 100e6),
                fact("2024-01-01", "2024-12-31", 210e6),
                fact("2025-01-01", "2025-12-31", 300.5e6),
                fact("2025-01-01", "2025-03-31", 50e6, form="10-Q"),
            ],
            OCF: [fact("2024-01-01", "2024-12-31", 500e6)],
            BUYBACKS: [fact("2023-01-01", "2023-12-31", -5e6)],
        },
        cik=1234,
        name="US Alpha",
    )


def one_line_error(result: Result) -> str:
    assert result.exit_code == 2, (result.exit_code, result.stdout, result.stderr)
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    return result.stderr


def row(document: dict[str, Any], tag: str = CAPEX, index: int = 1) -> dict[str, Any]:
    found: dict[str, Any] = document["facts"]["us-gaap"][tag]["units"]["USD"][index]
    return found


def _set(key: str, value: Any) -> Callable[[dict[str, Any]], None]:
    return lambda d: row(d).__setitem__(key, value)


def _drop(key: str) -> Callable[[dict[str, Any]], None]:
    return lambda d: row(d).pop(key)


WHERE = f"us-gaap:{CAPEX} units.USD[1]"

MUTATIONS: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    ("facts a list", lambda d: d.__setitem__("facts", []), "'facts' is a list"),
    ("namespace a list", lambda d: d["facts"].__setitem__("dei", [1]), "facts.dei is a list"),
    ("tag a list", lambda d: d["facts"]["us-gaap"].__setitem__(CAPEX, []), f"{CAPEX} is a list"),
    (
        "units a list",
        lambda d: d["facts"]["us-gaap"][CAPEX].__setitem__("units", [{"USD": []}]),
        f"us-gaap:{CAPEX}: 'units' is a list, not an object of units",
    ),
    (
        "rows an object",
        lambda d: d["facts"]["us-gaap"][OCF]["units"].__setitem__("USD", {"a": 1}),
        f"us-gaap:{OCF} units.USD is an object, not a list of facts",
    ),
    ("row a number", lambda d: d["facts"]["us-gaap"][CAPEX]["units"]["USD"].append(7), "[4] is 7"),
    ("no accn", _drop("accn"), f"{WHERE}: no 'accn'"),
    ("no end", _drop("end"), f"{WHERE}: no 'end'"),
    ("no val", _drop("val"), f"{WHERE}: no 'val'"),
    ("no form", _drop("form"), f"{WHERE}: no 'form'"),
    ("val text", _set("val", "210000000"), f"{WHERE}: 'val' is \"210000000\", not a number"),
    ("val true", _set("val", True), f"{WHERE}: 'val' is true, not a number"),
    ("val NaN", _set("val", math.nan), f"{WHERE}: 'val' is nan, not a finite number"),
    ("val Infinity", _set("val", -math.inf), f"{WHERE}: 'val' is -inf, not a finite number"),
    ("val huge", _set("val", 10**12 + 1), f"{WHERE}: 'val' is 1000000000001, beyond the 10^12"),
    ("val 1e300", _set("val", 1e300), f"{WHERE}: 'val' is 1e+300, beyond the 10^12"),
    ("year 9999", _set("end", "9999-12-31"), f"{WHERE}: 'end' is \"9999-12-31\", outside"),
    ("year 0001", _set("start", "0001-01-01"), f"{WHERE}: 'start' is \"0001-01-01\", outside"),
    ("no such day", _set("filed", "2025-02-29"), f"{WHERE}: 'filed' is \"2025-02-29\", not a"),
    ("not a date", _set("end", "31/12/2024"), f"{WHERE}: 'end' is \"31/12/2024\", not a date"),
    ("date a number", _set("end", 20241231), f"{WHERE}: 'end' is 20241231, not a date"),
    ("form a list", _set("form", ["10-K"]), f"{WHERE}: 'form' is a list, not text"),
    ("name a number", lambda d: d.__setitem__("entityName", 5), "'entityName' is 5, not text"),
    ("cik text", lambda d: d.__setitem__("cik", "CIK-1"), "'cik' is \"CIK-1\", not an SEC CIK"),
    (
        "label a surrogate",
        lambda d: d["facts"]["us-gaap"][CAPEX].__setitem__("label", "\ud800"),
        f"us-gaap:{CAPEX} 'label' is \"\\ud800\": not valid Unicode text",
    ),
]


@pytest.mark.parametrize(
    ("mutate", "expected"), [m[1:] for m in MUTATIONS], ids=[m[0] for m in MUTATIONS]
)
@pytest.mark.parametrize("into", [False, True], ids=["stub", "into"])
def test_a_malformed_document_is_a_clear_error(
    run: Run,
    tmp_path: Path,
    mutate: Callable[[dict[str, Any]], None],
    expected: str,
    into: bool,
) -> None:
    document = small_document()
    mutate(document)
    facts = tmp_path / "facts.json"
    facts.write_text(json.dumps(document), encoding="utf-8")
    data = tmp_path / "data.toml"
    shutil.copyfile(SMALL, data)
    extra = ["--company", "usa", "--into", str(data)] if into else []
    message = one_line_error(run("import", "sec", str(facts), "--years", "2020-2026", *extra))
    assert message.startswith(f"Error: {facts}: ") and expected in message, message
    assert data.read_bytes() == SMALL.read_bytes()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[" * 100_000 + "]" * 100_000, "JSON nested too deeply"),
        ('{"facts": ' * 50_000 + "{}" + "}" * 50_000, "JSON nested too deeply"),
        ("9" * 5000, "a number of thousands of digits"),
        ("[1, 2]", "JSON a list, not an object: not an SEC company-facts document"),
        ('"facts"', 'JSON "facts", not an object'),
        ("null", "JSON null, not an object"),
        ('{"facts": {}, "cik": 1e999}', "'cik' is inf, not an SEC CIK"),
    ],
    ids=["nested lists", "nested objects", "long number", "a list", "a string", "null", "cik"],
)
def test_json_that_is_not_a_facts_object_is_a_clear_error(text: str, expected: str) -> None:
    with pytest.raises(SecFactsError) as caught:
        sec.load_document(text.encode(), "doc.json")
    assert caught.value.message.startswith("doc.json: ") and expected in caught.value.message
    assert "\n" not in caught.value.message


def test_extract_checks_a_document_that_did_not_come_through_load_document() -> None:
    document = small_document()
    row(document)["val"] = "lots"
    with pytest.raises(SecFactsError) as caught:
        sec.extract(document, "mem")
    assert caught.value.message == f"mem: {WHERE}: 'val' is \"lots\", not a number"


def test_text_from_the_document_is_one_line_in_an_error() -> None:
    document = small_document()
    document["entityName"] = "Evil\n\x1b[2J Corp"
    document["facts"]["us-gaap"] = {"Other\nTag": {"units": {}}}
    with pytest.raises(SecFactsError) as caught:
        sec.extract(document, "doc")
    message = caught.value.message
    assert "\n" not in message and "\x1b" not in message
    assert message.startswith("doc (Evil\\n\\x1b[2J Corp): no US-GAAP capex tag")


# --------------------------------------------------------------------------------------------
# Fuzzing the CLI
# --------------------------------------------------------------------------------------------

HOSTILE: list[Any] = [
    None,
    True,
    0,
    -1,
    2.5,
    10**12,
    10**12 + 1,
    -(10**13),
    10**40,
    1e308,
    math.nan,
    math.inf,
    -math.inf,
    "",
    "abc",
    "10-K",
    "9999-12-31",
    "0001-01-01",
    "2023-02-29",
    "2023-13-01",
    "2023-12-31T00:00:00",
    "20231231",
    "\u0968\u0966\u0968\u0969-12-31",  # Devanagari digits, which str.isdigit accepts
    "\ud800",
    'x\n[[fx]]\nyear = 2020\ncny_per_usd = 1.0\nstatus = "confirmed"',
    "\x1b[31mred",
    "]]\n[[companies]]",
    "a" * 1500,
    [],
    {},
    [1],
    {"USD": 1},
    [[{"val": 1}]],
]

values = st.one_of(
    st.sampled_from(HOSTILE),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
)
mutation = st.tuples(st.sampled_from(["drop", "replace", "wrap"]), st.integers(0, 10**6), values)


def paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a JSON document, the root first."""
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += paths(value, (*prefix, i))
    return found


def mutate(document: Any, how: str, pick: int, value: Any) -> Any:
    places = paths(document)
    place = places[pick % len(places)]
    if not place:
        return value if how != "wrap" else [document]
    parent = document
    for step in place[:-1]:
        parent = parent[step]
    if how == "drop":
        del parent[place[-1]]
    elif how == "replace":
        parent[place[-1]] = value
    else:
        parent[place[-1]] = [parent[place[-1]]]
    return document


@settings(
    max_examples=200,
    derandomize=True,
    database=None,
    deadline=None,
    # tmp_path and run are plain helpers here: every example writes the same two files.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(mutation, min_size=1, max_size=3), st.integers(0, 40))
def test_fuzz_malformed_documents_exit_0_or_2(
    run: Run, tmp_path: Path, mutations: list[tuple[str, int, Any]], cut: int
) -> None:
    document: Any = copy.deepcopy(SMALL_DOCUMENT)
    for how, pick, value in mutations:
        document = mutate(document, how, pick, value)
    text = json.dumps(document)
    if cut == 0:  # now and then, a document cut short
        text = text[: len(text) // 2]
    facts = tmp_path / "facts.json"
    facts.write_text(text, encoding="utf-8")
    data = tmp_path / "data.toml"
    shutil.copyfile(SMALL, data)

    printed = run("import", "sec", str(facts), "--years", "2020-2026")
    event(f"printed: exit {printed.exit_code}")
    if printed.exit_code == 0:
        stub = tomli.loads(printed.stdout)
        assert list(stub) == ["companies"] and len(stub["companies"]) == 1, printed.stdout
    else:
        one_line_error(printed)

    merged = run(
        "import", "sec", str(facts), "--years", "2020-2026", "--company", "usa", "--into", str(data)
    )
    event(f"--into: exit {merged.exit_code}")
    if merged.exit_code == 0:
        parse_dataset(data.read_text(encoding="utf-8"), data)
    else:
        one_line_error(merged)
        assert data.read_bytes() == SMALL.read_bytes()


SMALL_DOCUMENT = small_document()


def test_the_fuzzed_document_imports_cleanly(run: Run, tmp_path: Path) -> None:
    # The starting point of the fuzz test: valid, and a merge that writes.
    facts = tmp_path / "facts.json"
    facts.write_text(json.dumps(SMALL_DOCUMENT), encoding="utf-8")
    data = tmp_path / "data.toml"
    shutil.copyfile(SMALL, data)
    result = run("import", "sec", str(facts), "--company", "usa", "--into", str(data))
    assert result.exit_code == 0, result.stderr
    assert "usa FY2025 capex: (none) -> 300.5" in result.stdout
    assert "written (1 added, 1 skipped, 2 unchanged)" in result.stdout
