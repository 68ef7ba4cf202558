"""Lines of a statement's text -> rows: a label as printed, a note reference, the amounts.

Layouts of real HKEX reports that this reads:

- English only, Chinese only, or both side by side: ``Purchase of property and equipment
  購買物業及設備 (274) (1,074)``; a Chinese label may follow on the line after its numbers;
- labels wrapped over several lines (a line that goes on starts in lower case, or both are in
  capitals, or, in Chinese, has no English beside it);
- a note-number column before the amounts (``Amortisation of land use rights 20 — 3,981``);
- nil as ``—``, ``–``, ``-`` or ``－``; outflows in brackets, ``(1,074)`` or ``( 75,693)``;
- words split by the text layer (``N ET CASH``).

Amounts stay as printed (Decimal, brackets negative); units and signs are for later stages.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

#: A dash that stands for nil.
NIL = frozenset("—–-－―‒")
_AMOUNT = re.compile(r"^([(（]|-(?=\d))?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?([)）])?$")
#: A footnote mark after an amount: "1,234*", "(567)#", "890¹".
_MARK = re.compile(r"(?<=[\d)）])([*#†‡§]+|[¹²³⁰⁴-⁹]+)$")
#: Minus signs other than the hyphen: U+2212, the small and the full-width hyphen-minus.
_MINUS = str.maketrans({"\u2212": "-", "\ufe63": "-", "\uff0d": "-"})
#: A token with digits that is not an amount capex reads ("1,23,456", "1.234.567").
_NUMBERISH = re.compile(r"^[(（-]?\d[\d,.，．]*[)）]?$")
_NOTE = re.compile(r"^\d{1,2}(?:\([a-z]{1,4}\)|[a-z])?$")
#: Characters that begin the Chinese half of a bilingual line.
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff60]")
_CJK_GAP = re.compile(
    r"(?<=[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff01-\uff60])\s+"
    r"(?=[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff01-\uff60])"
)
_SPLIT_CAPITAL = re.compile(r"^([B-HJ-Z]) ([A-Z]{2,}\b)")
#: Lines that head a section: never the start of the label below them.
_HEADING = re.compile(
    r"(activities|adjustments for|活動|活动|調整|调整|現金流量|现金流量)\W*$|[:：]$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Row:
    """A line of a statement with amounts."""

    page: int
    #: The label as printed: the English one, else the Chinese one.
    label: str
    #: The Chinese label of a bilingual or Chinese report ("" when there is none).
    label_zh: str
    #: The note-number column, when there is one.
    note: str | None
    #: As printed, left to right: a Decimal (negative in brackets) or None for nil.
    amounts: tuple[Decimal | None, ...]
    #: The amounts as printed, for messages: "(1,074)", "—".
    printed: tuple[str, ...]

    @property
    def marks(self) -> tuple[str, ...]:
        """The footnote mark of each amount as printed ("" where none)."""
        return tuple(fold_amount(token)[1] for token in self.printed)

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(text for text in (self.label, self.label_zh) if text)


@dataclass
class _Pending:
    english: str
    chinese: str


def normalize(text: str) -> str:
    """Text as compared: full-width forms folded, apostrophes plain, no spaces, lower case."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    return re.sub(r"\s+", "", text).casefold()


def split_amounts(line: str, columns: int) -> tuple[str, str | None, list[str]] | None:
    """``label, note, amounts`` of a line ending in ``columns`` amounts, else None.

    A line with one token more than ``columns`` whose first is a note reference (``20``,
    ``3(a)``) has a note column; one with fewer amounts, or more, is not a row of the
    statement's columns.
    """
    text = re.sub(r"([(（])\s+(?=\d)", r"\1", line)
    text = re.sub(r"(?<=\d)\s+([)）])", r"\1", text)
    # "…利息( 75,693)": a bracket that the text layer glued to the label.
    text = re.sub(r"(?<=[^\s(（])([(（])(?=[\d,]+[)）]\s*(?:\S+\s*)?$)", r" \1", text)
    tokens = _marks_joined(text.split())
    taken: list[str] = []
    while tokens and len(taken) < columns + 1 and _is_amount(tokens[-1]):
        taken.insert(0, tokens.pop())
    if len(taken) == columns + 1:
        if not _NOTE.match(taken[0]):
            return None
        note: str | None = taken.pop(0)
        if tokens and _is_amount(tokens[-1]):
            return None  # more amounts than the statement has columns: another table
    elif len(taken) == columns:
        note = None
    else:
        return None
    return " ".join(tokens), note, taken


def fold_amount(token: str) -> tuple[str, str]:
    """``(amount, mark)``: the token as capex reads it (full-width digits, commas and
    brackets folded, any minus sign a hyphen) and the footnote mark it carried ("" if none)."""
    found = _MARK.search(token)
    mark = found.group() if found else ""
    if mark:
        token = token[: -len(mark)]
    if token in NIL:
        return token, mark
    return unicodedata.normalize("NFKC", token).translate(_MINUS), mark


def _is_amount(token: str) -> bool:
    folded, _ = fold_amount(token)
    return folded in NIL or (bool(_AMOUNT.match(folded)) and _balanced(folded))


def _balanced(token: str) -> bool:
    return token.startswith("(") == token.endswith(")")


def parse_amount(token: str) -> Decimal | None:
    folded, _ = fold_amount(token)
    if folded in NIL:
        return None
    match = _AMOUNT.match(folded)
    assert match is not None
    value = Decimal(match[2].replace(",", "") + (match[3] or ""))
    return -value if match[1] else value


def _marks_joined(tokens: list[str]) -> list[str]:
    """ "1,234 *": a footnote mark standing apart from its amount goes with it."""
    out: list[str] = []
    for token in tokens:
        if out and _LONE_MARK.fullmatch(token) and re.search(r"[\d)）]$", out[-1]):
            out[-1] += token
        else:
            out.append(token)
    return out


_LONE_MARK = re.compile(r"[*#†‡§]+|[¹²³⁰⁴-⁹]+")


def unreadable(line: str) -> bool:
    """Whether ``line`` ends in something like an amount that capex cannot read ("1,23,456",
    "1.234.567"), after any amounts it can: a row that must not pass for a label unsaid."""
    tokens = _marks_joined(line.split())
    while tokens and _is_amount(tokens[-1]):
        tokens.pop()
    return bool(tokens) and bool(_NUMBERISH.match(fold_amount(tokens[-1])[0]))


def split_languages(text: str) -> tuple[str, str]:
    """``(english, chinese)`` halves of a label: the Chinese half starts at its first
    Chinese character or full-width sign."""
    found = _CJK.search(text)
    if found is None:
        return _repair(text.strip()), ""
    # Some reports space out their Chinese characters ("綜 合 現 金"): printed, they read as
    # one word.
    chinese = _CJK_GAP.sub("", text[found.start() :].strip())
    return _repair(text[: found.start()].strip()), chinese


def _repair(english: str) -> str:
    # "N ET CASH" -> "NET CASH": a lone capital that no English word is (not A or I).
    return _SPLIT_CAPITAL.sub(r"\1\2", english)


def parse_rows(
    page: int, lines: list[str], columns: int, unread: list[tuple[int, str]] | None = None
) -> list[Row]:
    """The rows of one page of a statement with ``columns`` amount columns; ``unread``
    collects (page, line) of the lines that end in amounts capex cannot read."""
    rows: list[Row] = []
    pending: list[_Pending] = []
    bilingual = any(split_languages(line)[0] and split_languages(line)[1] for line in lines)
    for line in lines:
        parsed = split_amounts(line, columns)
        if parsed is None and unread is not None and unreadable(line):
            unread.append((page, line))
        if parsed is None:
            english, chinese = split_languages(line)
            last = rows[-1] if rows else None
            if (
                bilingual
                and chinese
                and not english
                and not pending
                and last is not None
                and last.label
                and last.label != last.label_zh
                and not last.label_zh
            ):
                # The Chinese label printed on the line after its English one and its amounts.
                rows[-1] = _with_chinese(last, chinese)
                continue
            pending.append(_Pending(english, chinese))
            continue
        label_text, note, tokens = parsed
        english, chinese = split_languages(label_text)
        before = _continued(pending, english, chinese)
        pending = []
        english = " ".join([*(p.english for p in before if p.english), english]).strip()
        chinese = "".join([*(p.chinese for p in before if p.chinese), chinese]).strip()
        if not english and not chinese:
            continue  # a total without a label
        rows.append(
            Row(
                page=page,
                label=english or chinese,
                label_zh=chinese,
                note=note,
                amounts=tuple(parse_amount(t) for t in tokens),
                printed=tuple(tokens),
            )
        )
    return rows


def _with_chinese(row: Row, chinese: str) -> Row:
    return Row(row.page, row.label, chinese, row.note, row.amounts, row.printed)


def _continued(pending: list[_Pending], english: str, chinese: str) -> list[_Pending]:
    """The label-only lines above a row that its label goes on from, in order."""
    taken: list[_Pending] = []
    current = _Pending(english, chinese)
    for line in reversed(pending):
        if not _goes_on(line, current):
            break
        taken.insert(0, line)
        current = line
    return taken


def _goes_on(before: _Pending, line: _Pending) -> bool:
    """Whether ``line`` continues the label of ``before`` (a line without amounts)."""
    whole = f"{before.english} {before.chinese}".strip()
    if _HEADING.search(before.english) or (not before.english and _HEADING.search(whole)):
        return False
    if line.english:
        first = line.english.lstrip("(")[:1]
        if first.islower() or line.english[0] in NIL:
            return bool(before.english)
        letters = [c for c in line.english if c.isalpha()]
        before_letters = [c for c in before.english if c.isalpha()]
        return (
            bool(letters)
            and bool(before_letters)
            and all(c.isupper() for c in letters)
            and all(c.isupper() for c in before_letters)
        )
    # A line in Chinese only goes on from a line with Chinese (a bilingual label's second
    # line, or a wrapped Chinese one).
    return bool(line.chinese) and bool(before.chinese)
