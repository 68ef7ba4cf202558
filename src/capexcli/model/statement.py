"""What a line of a cash-flow statement may be (see ``StatementLine`` in records.py): its
section, its role for the claims' readings, and the rules a role sets on where it sits and
its sign as printed."""

from __future__ import annotations

from typing import Literal

#: Where a statement line sits: a section of the cash-flow statement, or "headline" for a
#: figure the company publishes outside it (Tencent's 资本开支 in its results release).
LineSection = Literal["operating", "investing", "financing", "headline"]
LINE_SECTIONS: tuple[str, ...] = ("operating", "investing", "financing", "headline")
#: What a line is, for the readings that compute/reading_choices.py builds from it.
LineRole = Literal[
    "capex_property",
    "capex_intangibles",
    "capex_land",
    "headline_capex",
    "buybacks",
    "dividends",
    "dividends_minority",
    "borrowing",
    "repayment",
    "section_total",
]
#: Roles that are cash outflows: printed negative (in brackets) in the statement.
OUTFLOW_ROLES = frozenset(
    {"capex_property", "capex_intangibles", "capex_land", "buybacks", "dividends"}
    | {"dividends_minority", "repayment"}
)
#: Where each role may sit.
ROLE_SECTIONS: dict[str, tuple[str, ...]] = {
    "capex_property": ("investing",),
    "capex_intangibles": ("investing",),
    "capex_land": ("investing",),
    "headline_capex": ("headline",),
    "buybacks": ("financing",),
    "dividends": ("financing",),
    "dividends_minority": ("financing",),
    "borrowing": ("financing",),
    "repayment": ("financing",),
    "section_total": ("operating", "investing", "financing"),
}


def check_line(role: str | None, section: str, value: float, shown: str) -> None:
    """Raise ValueError where a line's role does not fit its section or its printed sign
    (``shown`` is the value as the error prints it)."""
    if role is None:
        return
    if section not in ROLE_SECTIONS[role]:
        raise ValueError(
            f"a {role} line belongs in the {' or '.join(ROLE_SECTIONS[role])} section, "
            f"not {section}"
        )
    if role in OUTFLOW_ROLES and value > 0:
        raise ValueError(f"a {role} line is an outflow: give it as printed, negative (got {shown})")
    if role in ("borrowing", "headline_capex") and value < 0:
        raise ValueError(f"a {role} line is positive (got {shown})")
