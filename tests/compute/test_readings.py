"""The readings of a claim and the bounds of a partial one, worked out by hand on
tests/data/readings.toml (issue 25, items 2 and 3)."""

from __future__ import annotations

import pytest

from capexcli.compute.bounds import decide
from capexcli.compute.claims import judge, ledger
from capexcli.compute.claims_file import ClaimsFile, load_claims
from capexcli.model.records import Dataset
from capexcli.results import ClaimResult
from capexcli.store.loader import load
from tests.conftest import TESTS

DATA = TESTS / "data" / "readings.toml"
CLAIMS = TESTS / "data" / "readings-claims.toml"


@pytest.fixture(scope="module")
def files() -> tuple[ClaimsFile, Dataset]:
    return load_claims(CLAIMS), load(DATA).dataset


def _one(files: tuple[ClaimsFile, Dataset], claim_id: str) -> ClaimResult:
    claims, dataset = files
    return ledger(claims, dataset, only=claim_id, readings=True).claims[0]


def test_a_reading_of_the_financing_section_reproduces_the_stated_number(
    files: tuple[ClaimsFile, Dataset],
) -> None:
    result = _one(files, "returns-530")
    # The standard reading (the claim's fields): buybacks 400 + dividends 100 + repayments
    # 150 = 650, 22.6% above 530: fails.
    assert result.verdict == "fails" and result.recomputed == 650
    standard, *matches = result.readings
    assert (standard.value, standard.choices, standard.reproduces) == (650, [], False)
    # Net cash used in financing activities 600, without the 70 paid for non-controlling
    # interests: 600 - 70 = 530, exactly. Two departures: the section's total, less a line.
    # Every other reading misses by more than 2%: without lease payments 550 (+3.8%), without
    # interest 570 (+7.5%), buybacks + repayments 550, buybacks + dividends 500 (-5.7%) ...
    assert len(matches) == 1
    (match,) = matches
    assert match.value == 530 and match.departures == 2 and match.reproduces
    assert match.choices == [
        "the financing section's net outflow without 'Acquisition of non-controlling interests'"
    ]
    assert [(line.label, line.value) for line in match.lines] == [
        ("Net cash used in financing activities", 600),
        ("Acquisition of non-controlling interests", -70),
    ]
    assert all("China Alpha Annual Report 2024" in (line.document or "") for line in match.lines)
    assert result.reading_search is not None and result.reading_search.reproducing == 1


def test_no_reading_reproduces_a_number_the_statement_cannot_give(
    files: tuple[ClaimsFile, Dataset],
) -> None:
    result = _one(files, "returns-1000")
    search = result.reading_search
    assert search is not None
    # Distinct readings, by hand: the standard one (650); nine sums of parts: buybacks 400,
    # dividends 100, repayments 150, B+D 500, B+R 550, D+R 250, and net of the 200 borrowed
    # B+R 350, D+R 50, B+D+R 450 (R alone net is negative: no reading); the section's total
    # 600; the total without one line: 800 (borrowing), 200 (buybacks), 570 (interest), 530
    # (non-controlling interests), while without repayments (450), dividends (500) and lease
    # (550) repeat readings already counted. Alignment and FX change nothing for one
    # December-year company in its own currency; 2023 and 2025 have no such figures.
    assert search.tried == 1 + 9 + 1 + 4 == 15
    assert search.families == ["definition"] and search.reproducing == 0
    assert search.summary == "no reading of the 15 tried reproduces it (definition)"
    assert [r.choices for r in result.readings] == [[]]  # the standard reading only


def test_bounds_decide_a_partial_claim_when_no_value_could_save_it(
    files: tuple[ClaimsFile, Dataset],
) -> None:
    result = _one(files, "ratio-2023-low")
    # 2023: US 100 USD x 7.0 = 700 CNY; China Alpha 140 and China Beta missing, bounded
    # 0 to 2 x 100 (its only capex): the ratio runs from 700 / 340 = 2.06 to 700 / 140 = 5.0,
    # never within twice the 0.5 tolerance of 1: fails whatever China Beta spent.
    bounds = result.bounds
    assert bounds is not None and result.verdict == "fails"
    assert (bounds.decided, bounds.total) == ("fails", 200)
    assert bounds.low == pytest.approx(700 / 340) and bounds.high == pytest.approx(5.0)
    assert bounds.summary == "fails whatever cnb's 2023 capex"


def test_bounds_that_straddle_leave_the_claim_insufficient_and_say_where_it_turns(
    files: tuple[ClaimsFile, Dataset],
) -> None:
    result = _one(files, "ratio-2023")
    bounds = result.bounds
    assert bounds is not None and result.verdict == "insufficient"
    # 1:5 holds while 700 / (140 + x) >= 4.5, i.e. x <= 700 / 4.5 - 140 = 15.56.
    assert bounds.decided is None
    assert bounds.holds_from == pytest.approx(0, abs=1e-6)
    assert bounds.holds_to == pytest.approx(700 / 4.5 - 140, abs=1e-3)
    assert bounds.summary == "depends on cnb's 2023 capex: holds below 16 in all (bounded 0 to 200)"


def test_bounds_need_a_missing_figure(files: tuple[ClaimsFile, Dataset]) -> None:
    claims, dataset = files
    ratio = next(c for c in claims.claims if c.id == "ratio-2024")
    assert ratio.metric is not None and ratio.tolerance is not None
    # 2024 has every member's capex: nothing to bound.
    verdict = lambda v: judge(ratio.stated, ratio.tolerance, v)  # noqa: E731
    assert decide(ratio.metric, dataset, "majority", None, verdict) is None


def test_the_article_against_itself_is_consistent_never_holds(
    files: tuple[ClaimsFile, Dataset],
) -> None:
    claims, dataset = files
    result = ledger(claims, dataset, only="sum-internal")
    assert result.claims[0].verdict == "consistent"
    assert result.summary["holds"] == 0 and result.summary["consistent"] == 1


def test_a_statement_line_must_cite_a_document_of_its_company(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from capexcli.errors import CapexError

    text = DATA.read_text(encoding="utf-8").replace(
        'value = -70, document = "AR2024"', 'value = -70, document = "AR2099"'
    )
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CapexError) as caught:
        load(path)
    assert "statement[9].document" in str(caught.value)
    assert "AR2099" in str(caught.value)


def test_an_outflow_line_printed_positive_is_refused(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from capexcli.errors import CapexError

    text = DATA.read_text(encoding="utf-8").replace("value = -400, role", "value = 400, role")
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CapexError) as caught:
        load(path)
    assert "a buybacks line is an outflow: give it as printed, negative (got 400)" in str(
        caught.value
    )
