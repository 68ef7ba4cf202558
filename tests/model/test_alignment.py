from datetime import date

import pytest

from capexcli.model.alignment import comparison_year, months_in_end_year


@pytest.mark.parametrize(
    ("fiscal_year", "period_end", "expected"),
    [
        (2024, date(2024, 12, 31), 2024),  # calendar year
        (2025, date(2025, 3, 31), 2024),  # Alibaba: 3 months in 2025, 9 in 2024
        (2024, date(2024, 6, 30), 2024),  # Microsoft: 6-6 tie goes to the end year
        (2024, date(2024, 9, 28), 2024),  # Apple-style 52/53-week year
        (2025, date(2025, 1, 3), 2024),  # ends 3 January: counted as ending in December
        (2025, date(2025, 5, 31), 2024),  # 5 months in 2025
        (2025, date(2025, 7, 31), 2025),  # 7 months in 2025
    ],
)
def test_majority_rule(fiscal_year: int, period_end: date, expected: int) -> None:
    assert comparison_year(fiscal_year, period_end, "majority") == expected


def test_label_rule_uses_the_company_label() -> None:
    assert comparison_year(2025, date(2025, 3, 31), "label") == 2025
    assert comparison_year(2024, date(2025, 2, 1), "label") == 2024


def test_months_in_end_year_rounds_early_month_ends_down() -> None:
    assert months_in_end_year(date(2024, 6, 30)) == 6
    assert months_in_end_year(date(2024, 7, 2)) == 6
