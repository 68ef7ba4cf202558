"""Fuzzing: whatever the file or the options, capex answers with data or one clean error.

Hypothesis generates TOML documents shaped like a dataset, random TOML, and mutations of the
real data/companies.toml (a key dropped, a value of another type, a number negated, a table
duplicated, an unknown key, a line swapped, the text cut short, bytes flipped), and command
lines. Each goes through the loader and the CLI in-process. The outcome must be a valid
dataset (then the arithmetic runs too, without NaN) or a CapexError: exit 2, one message on
stderr naming the file, nothing on stdout, never a traceback or an internal error (exit 1).

Deterministic: the "capex-fuzz" profile derandomizes, so CI runs the same ~2,400 examples
every time. CAPEX_FUZZ_SCALE=10 runs ten times as many (other examples, still reproducible).
"""

from __future__ import annotations

import functools
import json
import math
import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import typer.main
import typer.testing
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.control import currently_in_test_context
from typer.testing import Result

from capexcli.compute.comparison import compare
from capexcli.compute.reports import company_report
from capexcli.errors import CapexError, DataFileError, DataValidationError
from capexcli.model.records import FIGURE_FIELDS, Dataset
from capexcli.store.loader import load
from tests.conftest import REPO, SMALL

settings.register_profile(
    "capex-fuzz",
    deadline=None,
    derandomize=True,
    database=None,
    # The fixtures (tmp_path, run) are used as plain helpers: every example overwrites the
    # same file, so sharing them across examples is what is wanted.
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
)
SCALE = max(1, int(os.environ.get("CAPEX_FUZZ_SCALE", "1")))


def fuzz(examples: int) -> Callable[[Any], Any]:
    return settings(settings.get_profile("capex-fuzz"), max_examples=examples * SCALE)


REAL = REPO / "data" / "companies.toml"
REAL_TEXT = REAL.read_text(encoding="utf-8")
LINES = REAL_TEXT.splitlines(keepends=True)
#: Lines worth mutating: comments and blank lines change nothing.
CONTENT = [i for i, line in enumerate(LINES) if line.strip() and not line.lstrip().startswith("#")]
KEY_LINE = re.compile(r"^(\s*)([A-Za-z0-9_.\"'-]+)(\s*=\s*)(.*?)(\s*)$", re.DOTALL)
KEYS = [i for i in CONTENT if KEY_LINE.match(LINES[i])]
HEADERS = [i for i in CONTENT if LINES[i].lstrip().startswith("[")]
NUMBERS = [i for i in KEYS if re.search(r"=\s*.*?\d", LINES[i])]

Run = Callable[..., Result]

# The click command built once: typer's runner otherwise rebuilds it on every invoke, which
# would be most of the time of a fuzz run.
_command = functools.cache(typer.main.get_command)


@pytest.fixture(autouse=True)
def _build_the_cli_once(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # raising=False: should typer rename its private import, the tests only get slower.
    monkeypatch.setattr(typer.testing, "_get_command", _command, raising=False)
    yield


# --- TOML values: what the format allows, valid for capex or not --------------------------


def _toml_float(value: float) -> str:
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return repr(value)


def _toml_string(text: str) -> str:
    # JSON string syntax is TOML basic-string syntax, but for DEL, which TOML wants escaped.
    # (st.text never makes lone surrogates, which neither could hold.)
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


_bare_keys = st.from_regex(r"[A-Za-z_][A-Za-z0-9_-]{0,12}", fullmatch=True)
toml_scalars = st.one_of(
    st.integers(-(10**20), 10**20).map(str),
    st.sampled_from(["0", "-0", "+0", "1_000", "0x1F", "0o17", "0b101", "1" + "0" * 400]),
    st.floats().map(_toml_float),
    st.sampled_from(["nan", "+nan", "-nan", "inf", "+inf", "-inf", "-0.0", "1e400", "5e-324"]),
    st.text(max_size=20).map(_toml_string),
    st.booleans().map(lambda b: "true" if b else "false"),
    st.dates().map(lambda d: d.isoformat()),
    st.datetimes().map(lambda d: d.isoformat()),
    st.times().map(lambda t: t.isoformat()),
    # Dates in the forms people type: quoted, slashes, day first, no separators. (Unquoted
    # ones like 2024/06/30 are syntax errors, which the mutations and byte flips cover.)
    st.sampled_from(['"2024-06-30"', '"2024/06/30"', "20240630", "'30.06.2024'"]),
    # The edges, which random draws would seldom hit: the first and last dates TOML can
    # write, a local date-time at midnight, nesting deep enough to exhaust a recursive parser.
    st.sampled_from(["0001-01-01", "9999-12-31", "2024-12-31T00:00:00", "[" * 600 + "]" * 600]),
)
toml_values = st.recursive(
    toml_scalars,
    lambda inner: st.one_of(
        # Arrays of mixed types are valid TOML (1.0) and must be refused cleanly by capex.
        st.lists(inner, max_size=3).map(lambda xs: "[" + ", ".join(xs) + "]"),
        st.dictionaries(_bare_keys, inner, max_size=3).map(
            lambda d: "{ " + ", ".join(f"{k} = {v}" for k, v in d.items()) + " }"
        ),
    ),
    max_leaves=6,
)

# --- documents shaped like a dataset --------------------------------------------------------
#
# Coherent by default (period ends that fit the fiscal year end, an FX rate for every year),
# then damaged at a rate drawn per document: none (a valid dataset, so that the arithmetic
# and the CLI output run too), rare, or frequent. Damage is a value of any TOML type, a key
# dropped, added or written twice, an id or period end that clashes, a missing rate. A fixed
# rate per value would damage nearly every document, since a document has ~150 values.
# Composites with plain draws: building strategies per example (flatmap) would cost more
# than the checks themselves.

STATUSES = ["confirmed", "aggregator", "derived", "unconfirmed"]
#: One in N chances of damage, per value or table, by level; level 0 is never.
_ODDS = {1: st.integers(0, 199), 2: st.integers(0, 49), 3: st.integers(0, 11)}
_level = st.sampled_from([0, 0, 1, 2, 3])


def _damage(draw: st.DrawFn, level: int) -> bool:
    return level > 0 and draw(_ODDS[level]) == 0


_status = st.sampled_from(STATUSES)
_fy_end = st.sampled_from(["12-31", "06-30", "03-31", "09-30"])
_region = st.sampled_from(["US", "CN"])
_fiscal_years = st.sets(st.integers(2019, 2025), max_size=3)
_outflow = st.one_of(st.integers(0, 10**6), st.floats(0, 1e6, allow_nan=False)).map(str)
_cash_flow = st.integers(-(10**5), 10**6).map(str)
_rate = st.floats(5, 9).map(repr)
_guidance_now = st.integers(0, 7).map(lambda n: n == 0)


def _finish(draw: st.DrawFn, level: int, header: str, values: dict[str, str]) -> str:
    """A table from plausible ``values``, perhaps damaged: a key dropped, a value of any
    TOML type, an unknown key, or a key written twice."""
    if values and _damage(draw, level):
        del values[draw(st.sampled_from(sorted(values)))]
    lines = [header]
    for key, value in values.items():
        lines.append(f"{key} = {draw(toml_values) if _damage(draw, level) else value}")
    if _damage(draw, level):
        lines.append(f"{draw(_bare_keys)} = {draw(toml_values)}")
    if len(lines) > 1 and _damage(draw, level):
        lines.append(lines[-1])  # a duplicate key: a TOML syntax error
    return "\n".join(lines) + "\n"


def _q(text: str) -> str:
    return _toml_string(text)


@st.composite
def _company_table(draw: st.DrawFn, index: int, level: int) -> str:
    fy_end = draw(_fy_end)
    region = draw(_region)
    # Now and then an id, alias or name that another company has already: the unique-name rule.
    cid = "c0" if _damage(draw, level) else f"c{index}"
    values = {
        "id": _q(cid),
        "name": _q(f"Company {index}"),
        "name_zh": _q(f"公司{index}"),
        "region": _q(region),
        # The other currency now and then: a CN company reporting in USD is allowed.
        "currency": _q("USD" if (region == "US") != _damage(draw, level) else "CNY"),
        "fiscal_year_end": _q(fy_end),
    }
    if draw(st.booleans()):
        # An alias another company has too, now and then: the unique-name rule.
        values["aliases"] = "[" + _q(f"T{index}") + (', "X"]' if _damage(draw, level) else "]")
    tables = [_finish(draw, level, "[[companies]]", values)]
    for fy in sorted(draw(_fiscal_years)):
        year = {
            "fiscal_year": str(fy),
            # A period end that does not fit the fiscal year end, now and then.
            "period_end": f"{fy}-{draw(_fy_end) if _damage(draw, level) else fy_end}",
            "status": _q(draw(_status)),
            "source": _q("a 10-K"),
        }
        for field in FIGURE_FIELDS:
            if draw(st.integers(0, 3)):  # three in four: present; else missing
                amount = draw(_cash_flow if field == "operating_cash_flow" else _outflow)
                year[field] = f"{{ value = {amount} }}"
        tables.append(_finish(draw, level, "[[companies.years]]", year))
    if draw(_guidance_now):
        low = draw(_outflow)
        guidance = {
            "year": "2025",
            "low": low,
            "high": draw(_outflow),
            "date": "2025-01-03",
            "basis": _q("capex"),
            "status": _q("confirmed"),
            "source": _q("an earnings call"),
        }
        tables.append(_finish(draw, level, "[[companies.guidance]]", guidance))
    return "\n".join(tables)


@st.composite
def dataset_documents(draw: st.DrawFn) -> str:
    level = draw(_level)
    parts = ["schema_version = 2\n" if _damage(draw, level) else "schema_version = 1\n"]
    for year in range(2018, 2026):
        if not _damage(draw, level):  # a missing rate, now and then
            rate = {"year": str(year), "cny_per_usd": draw(_rate), "status": _q("confirmed")}
            rate["source"] = _q("Federal Reserve G.5A")
            parts.append(_finish(draw, level, "[[fx]]", rate))
    for index in range(draw(st.integers(0, 4))):
        parts.append(draw(_company_table(index, level)))
    return "\n".join(parts)


random_documents = st.dictionaries(_bare_keys, toml_values, max_size=5).map(
    lambda d: "".join(f"{k} = {v}\n" for k, v in d.items())
)

# --- mutations of the real data file ---------------------------------------------------------


def _drop_line(lines: list[str], i: int) -> None:
    del lines[i]


def _negate(lines: list[str], i: int) -> None:
    key = KEY_LINE.match(lines[i])
    if key is None:
        return
    value = key[4]
    if value.startswith("-"):
        flipped = value[1:]
    else:  # the first number on the line, also inside an inline table: { value = -44477 }
        flipped = re.sub(r"(?<![\w.])(\d)", r"-\1", value, count=1)
    lines[i] = f"{key[1]}{key[2]}{key[3]}{flipped}{key[5]}"


def _duplicate_table(lines: list[str], i: int) -> None:
    start = max((h for h in HEADERS if h <= i), default=0)
    end = min((h for h in HEADERS if h > start), default=len(lines))
    lines[end:end] = lines[start:end]


MUTATIONS = ("drop", "retype", "negate", "duplicate", "unknown", "rename", "swap", "junk")


@st.composite
def _mutation(draw: st.DrawFn) -> tuple[str, int, str]:
    kind = draw(st.sampled_from(MUTATIONS))
    pool = {"retype": KEYS, "negate": NUMBERS, "rename": KEYS, "unknown": HEADERS}.get(
        kind, CONTENT
    )
    line = draw(st.sampled_from(pool))
    if kind == "retype":
        extra = draw(toml_values)
    elif kind == "unknown":
        extra = f"{draw(_bare_keys)} = {draw(toml_values)}\n"
    elif kind == "rename":
        extra = draw(st.one_of(_bare_keys, st.sampled_from(["capx", "dividend", "fiscalyear"])))
    elif kind == "swap":
        extra = str(draw(st.sampled_from(CONTENT)))
    elif kind == "junk":
        extra = draw(st.text(max_size=20)) + "\n"
    else:
        extra = ""
    return kind, line, extra


def mutate(mutations: list[tuple[str, int, str]]) -> str:
    """The real file with the mutations applied, in order (line numbers of the original)."""
    lines = list(LINES)
    # From the bottom up, so that each line number still means the original line.
    for kind, i, extra in sorted(mutations, key=lambda m: -m[1]):
        if i >= len(lines):
            continue
        if kind == "drop":
            _drop_line(lines, i)
        elif kind == "negate":
            _negate(lines, i)
        elif kind == "duplicate":
            _duplicate_table(lines, i)
        elif kind == "unknown":
            lines.insert(i + 1, extra)
        elif kind == "retype" and (key := KEY_LINE.match(lines[i])):
            lines[i] = f"{key[1]}{key[2]}{key[3]}{extra}\n"
        elif kind == "rename" and (key := KEY_LINE.match(lines[i])):
            lines[i] = f"{key[1]}{extra}{key[3]}{key[4]}{key[5]}"
        elif kind == "swap":
            j = int(extra)
            if j < len(lines):
                lines[i], lines[j] = lines[j], lines[i]
        elif kind == "junk":
            lines.insert(i, extra)
    return "".join(lines)


mutated_texts = st.lists(_mutation(), min_size=1, max_size=3).map(mutate)


#: Encodings an editor might save the file in: the Chinese names and the Windows defaults.
ENCODINGS = ["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "utf-16-be", "utf-32", "gb18030"]
ENCODINGS += ["big5", "cp1252", "latin-1", "shift_jis"]


@st.composite
def damaged_bytes(draw: st.DrawFn) -> bytes:
    """The real file in some encoding, cut short, with bytes flipped, as a half-download or
    a careless "Save as" would leave it."""
    encoding = draw(st.sampled_from(ENCODINGS))
    raw = bytearray(REAL_TEXT.encode(encoding, errors="replace"))
    if draw(st.booleans()):
        del raw[draw(st.integers(0, len(raw))) :]
    for _ in range(draw(st.integers(0 if raw else 1, 3))):
        if not raw:
            break
        position = draw(st.integers(0, len(raw) - 1))
        raw[position] ^= draw(st.integers(1, 255))
    return bytes(raw)


# --- the checks -------------------------------------------------------------------------------


def _count(outcome: str) -> None:
    # Shown by --hypothesis-show-statistics: how often each kind of outcome came up, to see
    # that the generators reach valid data as well as each kind of error.
    if currently_in_test_context():
        event(outcome)


def load_cleanly(raw: bytes, path: Path) -> Dataset | None:
    """The dataset in ``raw``, or None after checking that the error is a clean one."""
    path.write_bytes(raw)
    try:
        dataset = load(path).dataset
    except (DataFileError, DataValidationError) as error:
        _count(f"outcome: {type(error).__name__}")
        assert error.exit_code == 2
        assert error.message.startswith(str(path)), "every message names the file"
        assert "Traceback" not in error.message
        if isinstance(error, DataValidationError):
            assert error.problems
            assert all(p.message for p in error.problems)
        return None
    _count("outcome: valid")
    # Valid: then the arithmetic must run on it too, without NaN or an exception.
    try:
        result = compare(dataset)
    except CapexError:
        pass  # e.g. no year in which both groups report: a clean MissingDataError
    else:
        assert "NaN" not in result.model_dump_json()
    for company in dataset.companies:
        assert "NaN" not in company_report(company).model_dump_json()
    return dataset


def assert_clean(result: Result) -> None:
    """Exit 0, or exit 2 with one error and nothing on stdout; never a traceback."""
    assert result.exit_code in (0, 2), result.output
    assert isinstance(result.exception, SystemExit | None), repr(result.exception)
    assert "Traceback" not in result.output
    assert "internal error" not in result.stderr
    if result.exit_code == 2:
        assert result.stdout == ""
        assert result.stderr.strip()


def assert_json_clean(result: Result) -> Any:
    assert_clean(result)
    if result.exit_code == 0:
        return json.loads(result.stdout, parse_constant=lambda c: pytest.fail(f"{c} in JSON"))
    error = json.loads(result.stderr)["error"]
    assert error["code"] in {"data_file", "invalid_data", "missing_data", "unknown_company"}
    return None


def run_cli(run: Run, path: Path, dataset: Dataset | None) -> None:
    validated = assert_json_clean(run("validate", str(path), "--json"))
    # The CLI and the loader agree on whether the file is valid.
    assert (validated is not None) == (dataset is not None)
    assert_json_clean(run("compare", "--data", str(path), "--json"))
    if dataset is not None and dataset.companies:
        assert_clean(run("company", dataset.companies[0].id, "--data", str(path)))


# --- the tests --------------------------------------------------------------------------------


def test_the_real_file_is_valid(tmp_path: Path) -> None:
    # The mutations below start from a valid file, so each problem found is a mutation's.
    assert load_cleanly(REAL_TEXT.encode("utf-8"), tmp_path / "real.toml") is not None


@fuzz(700)
@given(mutated_texts)
def test_mutations_of_the_real_file_load_or_fail_cleanly(tmp_path: Path, text: str) -> None:
    load_cleanly(text.encode("utf-8"), tmp_path / "data.toml")


@fuzz(200)
@given(mutated_texts)
def test_mutations_of_the_real_file_through_the_cli(tmp_path: Path, run: Run, text: str) -> None:
    path = tmp_path / "data.toml"
    run_cli(run, path, load_cleanly(text.encode("utf-8"), path))


@fuzz(400)
@given(damaged_bytes())
def test_truncated_or_corrupted_bytes_load_or_fail_cleanly(tmp_path: Path, raw: bytes) -> None:
    load_cleanly(raw, tmp_path / "data.toml")


@fuzz(600)
@given(dataset_documents())
def test_generated_datasets(tmp_path: Path, run: Run, text: str) -> None:
    path = tmp_path / "data.toml"
    dataset = load_cleanly(text.encode("utf-8"), path)
    # The CLI on a fraction only: most of these documents are small, but the CLI costs more
    # than the loader, and its error handling is the same for every file.
    if dataset is not None or len(text) % 4 == 0:
        run_cli(run, path, dataset)


@fuzz(300)
@given(random_documents)
def test_random_toml_documents(tmp_path: Path, text: str) -> None:
    load_cleanly(text.encode("utf-8"), tmp_path / "data.toml")


# --- command lines ---------------------------------------------------------------------------

#: Options that only read. Those that write files (-o, --svg, --html, import) belong to the
#: atomic-write tests; --strict exits 1 by design when a claim fails.
_COMMANDS = ["compare", "company", "companies", "sources", "validate", "claims"]
_OPTION_VALUES: dict[str, list[str]] = {
    "--years": ["2024", "2020-2024", "2024-2020", "1800", "2020..2024", "20x4", "2024-", ""],
    "-y": ["2023", "2021-2023"],
    "--fx": ["7.2", "0", "-1", "nan", "inf", "1e400", "abc", "999.99"],
    "--currency": ["CNY", "usd", "RMB", "EUR", ""],
    "-c": ["USD"],
    "--align": ["majority", "label", "LABEL", "calendar"],
    "--format": ["table", "json", "csv", "tsv", "markdown", "xml"],
    "-f": ["json", "csv"],
    "--units": ["million", "billion", "yi", "thousand"],
    "--lang": ["en", "zh", "fr"],
    "--status": ["confirmed", "aggregator", "derived,unconfirmed", "bogus"],
    "--kind": ["figure", "guidance", "fx", "figure,fx", "bogus"],
    "--data": [str(SMALL), str(REAL), "/nonexistent.toml", str(REPO)],
}
_FLAGS = ["--json", "--help", "-h", "--version"]
_free_text = st.text(max_size=12).filter(lambda s: not s.startswith("-") and s != "import")
_option = st.sampled_from(sorted(_OPTION_VALUES)).flatmap(
    lambda name: st.tuples(
        st.just(name), st.one_of(st.sampled_from(_OPTION_VALUES[name]), _free_text)
    )
)
command_lines = st.tuples(
    st.sampled_from(_COMMANDS),
    st.lists(st.one_of(_option, st.sampled_from(_FLAGS).map(lambda f: (f,))), max_size=4),
    st.lists(
        st.one_of(st.sampled_from(["tencent", "usa", "腾讯", "MSFT", ""]), _free_text), max_size=2
    ),
).map(lambda t: [t[0], *(x for option in t[1] for x in option), *t[2]])


@fuzz(200)
@given(command_lines)
def test_command_lines(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)  # whatever an option does, it does it here
    if "--data" not in argv:
        argv = [*argv, "--data", str(SMALL)]
    result = run(*argv)
    _count(f"exit {result.exit_code}")
    assert_clean(result)
    if "--json" in argv and result.exit_code == 2 and "Usage:" not in result.stderr:
        assert "error" in json.loads(result.stderr)
