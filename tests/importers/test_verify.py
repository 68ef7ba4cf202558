"""`capex verify`: the data's figures against SEC company facts, on Alphabet's real facts and
on a hand-made document with one figure of each outcome."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from capexcli.importers.sec.verify import match_company, name_key, verify
from capexcli.store.loader import load
from tests.conftest import REPO, SEC_FIXTURES, SMALL

Run = Callable[..., Result]

ALPHABET_FACTS = SEC_FIXTURES / "CIK0001652044-alphabet.json"
DATA = REPO / "data" / "companies.toml"

GAAP_TAGS = {
    "capex": "PaymentsToAcquirePropertyPlantAndEquipment",
    "operating_cash_flow": "NetCashProvidedByUsedInOperatingActivities",
    "buybacks": "PaymentsForRepurchaseOfCommonStock",
    "dividends": "PaymentsOfDividends",
}


def fact(
    year: int, millions: float, accession: str, filed: str, form: str = "10-K"
) -> dict[str, Any]:
    """A calendar year's row, as the SEC serves it."""
    return {
        "start": f"{year}-01-01",
        "end": f"{year}-12-31",
        "val": int(millions * 1_000_000),
        "accn": accession,
        "fy": int(filed[:4]),
        "fp": "FY",
        "form": form,
        "filed": filed,
    }


def document(rows: dict[str, list[dict[str, Any]]], name: str = "US ALPHA INC.") -> dict[str, Any]:
    return {
        "cik": 1234567,
        "entityName": name,
        "facts": {
            "us-gaap": {
                GAAP_TAGS[field]: {"label": field, "units": {"USD": listed}}
                for field, listed in rows.items()
            }
        },
    }


K2024 = ("0001234567-24-000001", "2024-02-01")
K2025 = ("0001234567-25-000001", "2025-02-01")
K2026 = ("0001234567-26-000001", "2026-02-01")

#: tests/data/small.toml's US Alpha: 2023 and 2024 are confirmed, except 2024 buybacks
#: (60, aggregator). One outcome per figure:
OUTCOMES = {
    # 100 filed once: match.
    ("capex", 2023): "match",
    # 200 filed, then restated to 210: the data holds the superseded value.
    ("capex", 2024): "restated",
    # 390 filed, then restated to 400, which the data holds.
    ("operating_cash_flow", 2023): "restated",
    ("operating_cash_flow", 2024): "match",
    # 50 in the data, 55 filed: a confirmed figure that differs.
    ("buybacks", 2023): "differs",
    # 60 from an aggregator, and the 10-K says 60: promotable.
    ("buybacks", 2024): "match",
    # Never filed.
    ("dividends", 2023): "not in facts",
    ("dividends", 2024): "not in facts",
}


def hand_made() -> dict[str, Any]:
    return document(
        {
            "capex": [
                fact(2023, 100, *K2024),
                fact(2024, 200, *K2025),
                fact(2024, 210, *K2026),
                # A quarter and a 10-Q: not annual, so not read.
                {**fact(2024, 999, *K2026), "start": "2024-10-01"},
                {**fact(2023, 999, *K2024), "form": "10-Q"},
            ],
            "operating_cash_flow": [
                fact(2023, 390, *K2024),
                fact(2023, 400, *K2025),
                fact(2024, 500, *K2025),
            ],
            "buybacks": [fact(2023, 55, *K2024), fact(2024, 60, *K2025)],
        }
    )


def write_json(tmp_path: Path, data: dict[str, Any], name: str = "facts.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_name_key_ignores_case_punctuation_and_legal_suffixes() -> None:
    assert name_key("ALPHABET INC.") == name_key("Alphabet Inc.") == "alphabet"
    assert name_key("AMAZON.COM, INC.") == name_key("Amazon.com") == "amazon.com"
    assert name_key("Meta Platforms, Inc.") == "meta platforms"


def test_facts_match_a_company_by_entity_name_or_cik() -> None:
    dataset = load(DATA).dataset
    alphabet = json.loads(ALPHABET_FACTS.read_text(encoding="utf-8"))
    assert (found := match_company(dataset, alphabet)) is not None and found.id == "alphabet"
    # An entity name the data does not know: Alphabet files its own 10-Ks, so its CIK is the
    # prefix of its documents' accession numbers.
    renamed = {**alphabet, "entityName": "Google LLC Holdings"}
    assert (found := match_company(dataset, renamed)) is not None and found.id == "alphabet"
    stranger = {**alphabet, "entityName": "Nobody", "cik": 1}
    assert match_company(dataset, stranger) is None


def test_each_outcome_on_a_hand_made_document() -> None:
    company = load(SMALL).dataset.companies[0]
    result = verify([(company, hand_made(), "hand-made")])
    got = {(r.field, r.fiscal_year): r for r in result.rows}
    assert {key: row.outcome for key, row in got.items()} == OUTCOMES

    stale = got[("capex", 2024)]
    assert (stale.value, stale.filed_value, stale.accession) == (200, 210, K2026[0])
    assert [(o.value, o.accession) for o in stale.other_filings] == [(200, K2025[0])]
    assert not stale.promotable

    restated = got[("operating_cash_flow", 2023)]
    assert (restated.filed_value, restated.accession) == (400, K2025[0])
    assert [(o.value, o.accession, str(o.filed)) for o in restated.other_filings] == [
        (390, K2024[0], K2024[1])
    ]

    differs = got[("buybacks", 2023)]
    assert (differs.value, differs.filed_value, differs.accession) == (50, 55, K2024[0])

    promotable = got[("buybacks", 2024)]
    assert promotable.status == "aggregator" and promotable.promotable

    assert got[("dividends", 2023)].filed_value is None
    assert result.summary.model_dump() == {
        "match": 3,
        "differs": 1,
        "restated": 2,
        "not_in_facts": 2,
        "promotable": 1,
        "confirmed_differs": 1,
    }


def test_cli_exit_1_on_a_confirmed_difference_and_the_table_names_it(
    run: Run, tmp_path: Path
) -> None:
    facts = write_json(tmp_path, hand_made())
    result = run("verify", "usa", "--facts", str(facts), "--data", str(SMALL))
    assert result.exit_code == 1, result.output
    out = result.stdout
    assert "3 match, 1 differ, 2 restated, 2 not in facts, 1 promotable" in out
    assert f"usa FY2023 buybacks: data 50, filed 55\n      10-K {K2024[0]} filed" in out
    assert f"earlier 390: 10-K {K2024[0]} filed {K2024[1]}" in out
    assert "usa buybacks: 2024*" in out
    # Every line fits 80 columns, but for the facts file's path, which is as long as it is.
    assert all(len(line) <= 80 for line in out.splitlines() if str(facts) not in line)


def test_an_unconfirmed_difference_exits_0(run: Run, tmp_path: Path) -> None:
    only_buybacks = document({"buybacks": [fact(2024, 61, *K2025)]})
    facts = write_json(tmp_path, only_buybacks)
    result = run("verify", "--facts", f"usa={facts}", "--data", str(SMALL), "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["rows"]
    assert [
        (r["fiscal_year"], r["field"], r["status"]) for r in rows if r["outcome"] == "differs"
    ] == [(2024, "buybacks", "aggregator")]


def test_alphabet_confirmed_figures_match_the_filings(run: Run) -> None:
    result = run("verify", "alphabet", "--facts", str(ALPHABET_FACTS), "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["files"] == [
        {
            "company": "alphabet",
            "file": str(ALPHABET_FACTS),
            "entity_name": "ALPHABET INC.",
            "cik": 1652044,
        }
    ]
    rows = [r for r in document["rows"] if 2020 <= r["fiscal_year"] <= 2025]
    assert len(rows) == 24
    for row in rows:
        assert row["status"] == "confirmed"
        assert row["outcome"] == "match", row
        if row["field"] == "dividends" and row["fiscal_year"] < 2022:
            # no dividend line in the 10-Ks of 2020-2021 (other figures of those years are
            # in the facts): the data's nil is what the filings show
            assert row["value"] == 0 and row["filed_value"] is None
            assert row["note"] == "nil: the period's annual filings have no such line"
    capex_2025 = next(r for r in rows if (r["fiscal_year"], r["field"]) == (2025, "capex"))
    assert (capex_2025["value"], capex_2025["accession"]) == (91447, "0001652044-26-000018")


def test_a_changed_alphabet_figure_exits_1_and_is_named(run: Run, tmp_path: Path) -> None:
    text = DATA.read_text(encoding="utf-8")
    assert text.count("value = 52535") == 1  # Alphabet's FY2024 capex
    changed = tmp_path / "companies.toml"
    changed.write_text(text.replace("value = 52535", "value = 52536"), encoding="utf-8")
    result = run("verify", "alphabet", "--facts", str(ALPHABET_FACTS), "--data", str(changed))
    assert result.exit_code == 1, result.output
    assert (
        "alphabet FY2024 capex: data 52,536, filed 52,535\n"
        "      10-K 0001652044-26-000018 filed 2026-02-05" in result.stdout
    )
    as_json = run(
        "verify", "alphabet", "--facts", str(ALPHABET_FACTS), "--data", str(changed), "--json"
    )
    assert as_json.exit_code == 1
    (row,) = [r for r in json.loads(as_json.stdout)["rows"] if r["outcome"] == "differs"]
    assert (row["fiscal_year"], row["field"], row["value"], row["filed_value"]) == (
        2024,
        "capex",
        52536,
        52535,
    )
    assert row["accession"] == "0001652044-26-000018"


def test_csv_has_a_row_per_figure(run: Run) -> None:
    result = run("verify", "--facts", str(ALPHABET_FACTS), "--format", "csv")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("company,fiscal_year,field,value,status,outcome,filed_value")
    assert len(lines) == 1 + 24  # Alphabet: 2020-2025, four figures a year


def test_bad_input_exits_2(run: Run, tmp_path: Path) -> None:
    cases = [
        (["verify", "alphabet"], "--facts FILE"),
        (["verify", "--facts", str(tmp_path / "missing.json")], "no such file"),
        (["verify", "--facts", str(write_json(tmp_path, {"x": 1}, "x.json"))], "company-facts"),
        (
            ["verify", "--facts", str(write_json(tmp_path, document({}, "Nobody"), "n.json"))],
            "--facts ID=FILE",
        ),
        (["verify", "meta", "--facts", str(ALPHABET_FACTS)], "no --facts file for meta"),
    ]
    for args, expected in cases:
        result = run(*args)
        assert result.exit_code == 2, (args, result.output)
        assert expected in result.stderr, (args, result.stderr)


def test_a_folder_of_saved_facts_is_matched_by_entity_name(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from capexcli.cli.commands import app

    folder = tmp_path / "facts"
    folder.mkdir()
    shutil.copy(ALPHABET_FACTS, folder / "a.json")
    shutil.copy(ALPHABET_FACTS.parent / "CIK0000320193-apple.json", folder / "b.json")
    result = CliRunner().invoke(app, ["verify", "--facts", str(folder), "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    # Apple is not in the data: its file is passed over; Alphabet's is used
    assert {row["company"] for row in out["rows"]} == {"alphabet"}


def test_download_fetches_each_sec_filer_with_the_import_rules(
    server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from capexcli.cli.commands import app
    from tests import sec_server

    monkeypatch.setitem(sec_server.SERVED, 1652044, ALPHABET_FACTS)
    env = {"CAPEX_SEC_BASE_URL": server.url, "CAPEX_SEC_USER_AGENT": "Test test@example.com"}
    result = CliRunner().invoke(app, ["verify", "alphabet", "--download", "--json"], env=env)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["summary"]["match"] == 24
    assert [s.path for s in server.seen] == ["/api/xbrl/companyfacts/CIK0001652044.json"]
    # a company that files only in Hong Kong cannot be downloaded
    bad = CliRunner().invoke(app, ["verify", "tencent", "--download"], env=env)
    assert bad.exit_code == 2 and "no SEC ticker" in bad.stderr
    # the SEC asks who is asking
    anonymous = CliRunner().invoke(
        app, ["verify", "alphabet", "--download"], env={"CAPEX_SEC_BASE_URL": server.url}
    )
    assert anonymous.exit_code == 2 and "User-Agent" in anonymous.stderr
