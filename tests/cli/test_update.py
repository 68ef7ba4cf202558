"""`capex update`: Alphabet's trimmed company facts (to its FY2025 10-K) against copies of the
shipped data with a year removed, a value changed or a status lowered; the user's data file;
downloads from a local server."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from capexcli.importers.hkex import SEARCH_URL, missing_periods
from capexcli.model.records import find_company
from capexcli.store.loader import load
from capexcli.store.paths import user_data_path
from tests.conftest import REPO, SEC_FIXTURES
from tests.sec_server import FACTS_PATH, UA, FactsServer, Reply

Run = Callable[..., Result]
ALPHABET = SEC_FIXTURES / "CIK0001652044-alphabet.json"
SHIPPED = REPO / "data" / "companies.toml"
#: Alphabet's FY2025 10-K, as the fixture's facts give it.
FY2025_10K = "0001652044-26-000018"
FY2025 = (
    '[[companies.years]]\nfiscal_year = 2025\nperiod_end = 2025-12-31\nstatus = "confirmed"\n'
    'document = "10-K FY2025"\ncapex = { value = 91447'
)


def without_fy2025(tmp_path: Path, edit: Callable[[str], str] = lambda t: t) -> Path:
    """A copy of the shipped data without Alphabet's FY2025 year table."""
    text = SHIPPED.read_text(encoding="utf-8")
    start = text.index(FY2025)
    end = text.index("[[companies.guidance]]", start)
    path = tmp_path / "copy.toml"
    path.write_text(edit(text[:start] + text[end:]), encoding="utf-8")
    return path


def update_json(run: Run, *args: str) -> dict[str, Any]:
    result = run("update", "alphabet", "--facts", str(ALPHABET), *args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def rows(doc: dict[str, Any], category: str) -> list[dict[str, Any]]:
    return [r for c in doc["companies"] for r in c["rows"] if r["category"] == category]


def test_a_removed_year_comes_back_confirmed_with_its_filing(run: Run, tmp_path: Path) -> None:
    copy = without_fy2025(tmp_path)
    doc = update_json(run, "--into", str(copy))
    new = rows(doc, "new")
    # The four figures of the removed year, as the FY2025 10-K gives them.
    assert {(r["fiscal_year"], r["field"], r["filed_value"]) for r in new} == {
        (2025, "capex", 91447),
        (2025, "operating_cash_flow", 164713),
        (2025, "buybacks", 45709),
        (2025, "dividends", 10049),
    }
    assert {(r["accession"], r["filed"], r["written"]) for r in new} == {
        (FY2025_10K, "2026-02-05", True)
    }
    assert doc["written"] and doc["read"] == doc["into"] == str(copy)
    assert doc["summary"]["new"] == 4 and doc["summary"]["differs"] == 0
    # 2020-2024 as the data has them: capex, OCF and buybacks each year, dividends in the
    # facts from FY2022 on (3 + 3 + 4 + 4 + 4 = 18); debt repayment is not in the trimmed facts.
    assert doc["summary"]["unchanged"] == 18
    year = next(
        y for y in find_company(load(copy).dataset, "alphabet").years if y.fiscal_year == 2025
    )
    assert year.capex is not None and year.capex.value == 91447
    assert year.status_of("capex") == "confirmed"
    assert year.capex.date == date(2026, 2, 5)
    assert FY2025_10K in (year.source_of("capex") or "")
    # Again: nothing left to do, nothing written.
    again = update_json(run, "--into", str(copy))
    assert not again["written"] and again["summary"]["new"] == 0
    assert again["summary"]["unchanged"] == 22


def test_dry_run_shows_the_same_and_writes_nothing(run: Run, tmp_path: Path) -> None:
    copy = without_fy2025(tmp_path)
    before = copy.read_bytes()
    doc = update_json(run, "--into", str(copy), "--dry-run")
    assert doc["dry_run"] and not doc["written"]
    assert len(rows(doc, "new")) == 4
    assert copy.read_bytes() == before
    table = run("update", "alphabet", "--facts", str(ALPHABET), "--into", str(copy), "--dry-run")
    assert table.exit_code == 0, table.stderr
    assert f"  2025 capex     new              -    91,447  {FY2025_10K} 2026-02-05" in table.stdout
    assert "(dry run, nothing written)" in " ".join(table.stdout.split())
    assert max(len(line) for line in table.stdout.splitlines() if FY2025_10K in line) <= 80
    assert copy.read_bytes() == before
    assert not user_data_path().exists()


def changed_ocf(text: str) -> str:
    # Alphabet's FY2024 operating cash flow, confirmed in the data: 125,299 in the 10-K.
    old = "operating_cash_flow = { value = 125299,"
    assert text.count(old) == 1
    return text.replace(old, "operating_cash_flow = { value = 125300,")


def test_a_contradicted_confirmed_figure_is_a_difference_left_alone(
    run: Run, tmp_path: Path
) -> None:
    copy = without_fy2025(tmp_path, changed_ocf)
    doc = update_json(run, "--into", str(copy))
    (differs,) = rows(doc, "differs")
    assert (differs["fiscal_year"], differs["field"]) == (2024, "operating_cash_flow")
    assert (differs["value"], differs["filed_value"], differs["written"]) == (125300, 125299, False)
    assert "operating_cash_flow = { value = 125300," in copy.read_text(encoding="utf-8")
    table = run("update", "alphabet", "--facts", str(ALPHABET), "--into", str(copy), "--dry-run")
    assert "2024 OCF       differs    125,300   125,299" in table.stdout
    assert "--force overwrites" in " ".join(table.stdout.split())


def test_force_overwrites_a_difference(run: Run, tmp_path: Path) -> None:
    copy = without_fy2025(tmp_path, changed_ocf)
    doc = update_json(run, "--into", str(copy), "--force")
    (differs,) = rows(doc, "differs")
    assert differs["written"] and doc["force"]
    year = next(
        y for y in find_company(load(copy).dataset, "alphabet").years if y.fiscal_year == 2024
    )
    assert year.operating_cash_flow is not None and year.operating_cash_flow.value == 125299
    assert year.status_of("operating_cash_flow") == "confirmed"


def test_an_aggregator_figure_the_filing_matches_is_confirmed(run: Run, tmp_path: Path) -> None:
    def lowered(text: str) -> str:
        # The FY2023 year table of Alphabet: its figures become a data site's.
        start = text.index('[[companies]]\nid = "alphabet"')
        at = text.index("fiscal_year = 2023", start)
        status = text.index('status = "confirmed"', at)
        return (
            text[:status] + 'status = "aggregator"' + text[status + len('status = "confirmed"') :]
        )

    copy = without_fy2025(tmp_path, lowered)
    doc = update_json(run, "--into", str(copy))
    confirms = rows(doc, "confirms")
    assert {(r["fiscal_year"], r["status"], r["written"]) for r in confirms} == {
        (2023, "aggregator", True)
    }
    assert len(confirms) == 4
    year = next(
        y for y in find_company(load(copy).dataset, "alphabet").years if y.fiscal_year == 2023
    )
    assert year.status_of("capex") == "confirmed"
    assert "0001652044-24-000022" in (year.source_of("capex") or "")


def restated_facts(tmp_path: Path) -> Path:
    """Alphabet's facts with its FY2023 capex (32,251 in the FY2023 10-K) given as 32,300 by
    the FY2025 10-K: a restatement the data, holding 32,251, has not seen."""
    document = json.loads(ALPHABET.read_text(encoding="utf-8"))
    for row in document["facts"]["us-gaap"]["PaymentsToAcquirePropertyPlantAndEquipment"]["units"][
        "USD"
    ]:
        if row["end"] == "2023-12-31" and row["accn"] == FY2025_10K:
            row["val"] = 32_300_000_000
    path = tmp_path / "restated.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_a_restatement_is_written_with_the_old_value_as_a_version(run: Run, tmp_path: Path) -> None:
    copy = tmp_path / "copy.toml"
    copy.write_bytes(SHIPPED.read_bytes())
    result = run(
        "update",
        "alphabet",
        "--facts",
        str(restated_facts(tmp_path)),
        "--into",
        str(copy),
        "--json",
    )
    assert result.exit_code == 0, result.stderr
    (restated,) = rows(json.loads(result.stdout), "restated")
    assert (restated["fiscal_year"], restated["value"], restated["filed_value"]) == (
        2023,
        32251,
        32300,
    )
    assert restated["earlier"] == [32251] and restated["written"]
    capex = next(
        y for y in find_company(load(copy).dataset, "alphabet").years if y.fiscal_year == 2023
    ).capex
    assert capex is not None and capex.value == 32300
    assert [v.value for v in capex.versions] == [32251]


def test_without_into_the_users_data_file_is_created_and_then_read(
    run: Run, tmp_path: Path
) -> None:
    user = user_data_path()
    assert not user.exists()
    result = run("update", "alphabet", "--facts", str(restated_facts(tmp_path)))
    assert result.exit_code == 0, result.stderr
    said = " ".join(result.stdout.split())  # notes wrap at 80 columns
    assert f"created your data file {user} from the shipped data" in said
    assert f"read: {SHIPPED}" in said
    assert user.is_file()
    # The shipped data is as it was; capex now reads the user's file.
    assert "value = 32251" in SHIPPED.read_text(encoding="utf-8")
    path = run("data", "path")
    assert path.stdout == f"{user}\n" and "your data file" in path.stderr
    company = run("company", "alphabet", "--json")
    capex = [y["capex"] for y in json.loads(company.stdout)["years"] if y["fiscal_year"] == 2023]
    assert capex == [32300]
    validate = run("validate")
    assert validate.exit_code == 0 and f"data file: {user} (your data file" in validate.stderr
    # reset: refused without a terminal and without --yes, then done with --yes.
    refused = run("data", "reset")
    assert refused.exit_code == 2 and user.is_file()
    done = run("data", "reset", "--yes")
    assert done.exit_code == 0 and not user.exists()
    assert run("data", "path").stdout == f"{SHIPPED}\n"


def test_nothing_to_write_creates_no_file(run: Run) -> None:
    result = run("update", "alphabet", "--facts", str(ALPHABET))
    assert result.exit_code == 0, result.stderr
    assert "(not changed)" in " ".join(result.stdout.split())
    assert not user_data_path().exists()


def test_capex_never_writes_into_its_package(run: Run, tmp_path: Path) -> None:
    import capexcli

    inside = Path(capexcli.__file__).parent / "data" / "companies.toml"
    result = run("update", "alphabet", "--facts", str(ALPHABET), "--into", str(inside))
    assert result.exit_code == 2
    assert "never writes" in result.stderr and not inside.exists()


def test_verbose_names_the_data_file(run: Run) -> None:
    result = run("--verbose", "companies", "--json")
    assert result.exit_code == 0
    assert (
        result.stderr
        == f"note: data file: {SHIPPED} (shipped with capex; `capex update` writes your own copy)\n"
    )


def test_hong_kong_companies_list_what_is_missing(run: Run) -> None:
    result = run("update", "kuaishou", "--json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["companies"] == []
    (hk,) = doc["hong_kong"]
    assert (hk["company"], hk["stock_code"], hk["search_url"]) == ("kuaishou", "01024", SEARCH_URL)
    # Kuaishou's figures are a data site's (status aggregator), FY2025 has none.
    assert 2025 in hk["unconfirmed"] and 2020 in hk["unconfirmed"]


def test_missing_periods_are_those_whose_results_are_due() -> None:
    company = find_company(load(SHIPPED).dataset, "meituan").model_copy()
    company = company.model_copy(
        update={"years": [y for y in company.years if y.fiscal_year < 2025]}
    )
    # FY2025 ends 2025-12-31: results due within three months (92 days: 2026-04-02).
    assert missing_periods(company, date(2026, 4, 1)).missing == []  # type: ignore[union-attr]
    assert missing_periods(company, date(2026, 4, 2)).missing == [2025]  # type: ignore[union-attr]
    assert missing_periods(company, date(2027, 4, 2)).missing == [2025, 2026]  # type: ignore[union-attr]


def test_an_sec_filer_needs_facts(run: Run) -> None:
    result = run("update", "alphabet")
    assert result.exit_code == 2
    assert "--facts FILE or FOLDER, or --download" in result.stderr


def test_update_downloads_from_the_sec(run: Run, tmp_path: Path, server: FactsServer) -> None:
    path = FACTS_PATH.format(1652044)
    server.script[path] = [Reply(200, {"Content-Type": "application/json"}, ALPHABET.read_bytes())]
    copy = without_fy2025(tmp_path)
    env = {"CAPEX_SEC_BASE_URL": server.url, "CAPEX_SEC_USER_AGENT": UA}
    result = run("update", "alphabet", "--download", "--into", str(copy), "--json", env=env)
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["companies"][0]["source"] == f"{server.url}{path}"
    assert doc["summary"]["new"] == 4 and doc["written"]
    assert [s.path for s in server.seen] == [path]
    assert server.seen[0].headers["User-Agent"] == UA


def test_update_in_chinese_has_every_string(run: Run, tmp_path: Path) -> None:
    from capexcli.present.catalog import MISSES

    MISSES.clear()
    copy = without_fy2025(tmp_path, changed_ocf)
    result = run(
        "update",
        "alphabet",
        "kuaishou",
        "--facts",
        str(ALPHABET),
        "--into",
        str(copy),
        "--dry-run",
        "--lang",
        "zh",
    )
    assert result.exit_code == 0, result.stderr
    assert not MISSES, MISSES
    assert "新增" in result.stdout


def test_schema_lists_update(run: Run) -> None:
    result = run("schema", "update")
    assert result.exit_code == 0
    assert "UpdateRow" in result.stdout


@pytest.mark.parametrize("option", ["--facts", "--into"])
def test_update_help_documents(run: Run, option: str) -> None:
    assert option in run("update", "--help").stdout


@pytest.mark.parametrize("path", [["update"], ["data"], ["data", "path"], ["data", "reset"]])
def test_chinese_help_of_update_and_data_is_complete(run: Run, path: list[str]) -> None:
    from capexcli.present.catalog import MISSES

    MISSES.clear()
    result = run(*path, "--help", env={"LANG": "zh_CN.UTF-8"})
    assert result.exit_code == 0
    assert not MISSES, MISSES


def test_data_messages_in_chinese(run: Run) -> None:
    from capexcli.present.catalog import MISSES

    MISSES.clear()
    zh = {"LANG": "zh_CN.UTF-8"}
    result = run("data", "reset", env=zh)
    assert result.stdout.endswith("：没有你自己的数据文件；capex 读取自带数据\n")
    path = run("data", "path", env=zh)
    assert path.stderr.startswith("数据文件：") and not MISSES


def test_import_into_without_a_path_writes_the_users_data_file(run: Run, tmp_path: Path) -> None:
    user = user_data_path()
    unchanged = run("import", "sec", str(ALPHABET), "--company", "alphabet", "--into")
    assert unchanged.exit_code == 0, unchanged.stderr
    assert not user.exists()  # nothing to write: nothing created
    facts = str(restated_facts(tmp_path))
    result = run("import", "sec", facts, "--company", "alphabet", "--into", "--force")
    assert result.exit_code == 0, result.stderr
    assert f"note: created your data file {user} from the shipped data" in result.stdout
    assert "value = 32300" in user.read_text(encoding="utf-8")
    assert "value = 32251" in SHIPPED.read_text(encoding="utf-8")
    # `--into -` is the same; now the file exists and is merged into in place.
    again = run("import", "sec", facts, "--company", "alphabet", "--into", "-", "--force")
    assert again.exit_code == 0 and f"{user}: not changed" in again.stdout


def test_a_checkout_data_file_that_is_not_read_is_named(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # As after `pip install .`, run from a checkout: ./data/companies.toml is not the file read.
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "companies.toml").write_bytes(SHIPPED.read_bytes())
    monkeypatch.chdir(tmp_path)
    result = run("validate")
    assert result.exit_code == 0
    assert (
        "note: data/companies.toml here is not the file capex reads; to use it: "
        "--data data/companies.toml (or CAPEX_DATA=data/companies.toml)\n"
    ) in result.stderr
    zh = run("validate", "--lang", "zh")
    assert "这里的 data/companies.toml 不是 capex 读取的文件" in zh.stderr
    # Named with --data: read, and no such note.
    given = run("--data", "data/companies.toml", "validate")
    assert given.stderr == "note: data file: data/companies.toml (--data)\n"


def test_adding_a_year_as_the_readme_says(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """README "Adding a year or a filing", in a fresh clone's data: the year table added by
    hand to data/companies.toml, then step 6 with --data as the README says."""
    removed = without_fy2025(tmp_path)
    (tmp_path / "data").mkdir()
    text = removed.read_text(encoding="utf-8")
    # Steps 2-3: the document is there already (10-K FY2025); the year table goes back.
    table = SHIPPED.read_text(encoding="utf-8")
    start = table.index(FY2025)
    year = table[start : table.index("[[companies.guidance]]", start)]
    at = text.index("[[companies.guidance]]", text.index('id = "alphabet"'))
    (tmp_path / "data" / "companies.toml").write_text(text[:at] + year + text[at:], "utf-8")
    monkeypatch.chdir(tmp_path)
    assert run("--data", "data/companies.toml", "validate", "--strict").exit_code == 0
    shown = run("--data", "data/companies.toml", "company", "alphabet", "--json")
    capex = [y["capex"] for y in json.loads(shown.stdout)["years"] if y["fiscal_year"] == 2025]
    assert capex == [91447]


def test_update_json_imports_no_rich_nor_tomlkit(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from capexcli.cli.commands import main\n"
        "try:\n"
        f"    main(['update', 'alphabet', '--facts', {str(ALPHABET)!r}, '--dry-run', '--json'])\n"
        "except SystemExit as stop:\n"
        "    assert stop.code == 0, stop.code\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('rich', 'tomlkit')))\n"
    )
    env = {"PATH": "", "CAPEX_NO_CACHE": "1", "XDG_DATA_HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip().splitlines()[-1] == "[]"
