"""The one exception hierarchy of capexcli.

Every failure a user can cause (a bad file, a bad option, an unknown company) is a
``CapexError``; the CLI turns it into a message and exit status 2. Anything else that
escapes is a bug and exits 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

#: Exit status for anything the user can fix: bad data, bad option, unknown name.
EXIT_USER_ERROR = 2
#: Exit status for a bug in capex itself.
EXIT_INTERNAL_ERROR = 1
#: `capex claims --strict`: a recomputed claim fails (the issue fixes it at 1, like a failed
#: check in a linter; an internal error also prints "internal error" on stderr).
EXIT_CLAIM_FAILS = 1


class CapexError(Exception):
    """Root of every expected capexcli failure."""

    #: Stable identifier for scripts (``{"error": {"code": ...}}``).
    code = "error"
    exit_code = EXIT_USER_ERROR

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def to_dict(self) -> dict[str, object]:
        return {"code": self.code, "message": self.message}


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a data file, with where it is."""

    path: str  # TOML path, e.g. ``companies[3].years[2].capex.value``
    message: str
    line: int | None = None
    column: int | None = None

    def render(self, file: Path | str | None) -> str:
        where = str(file) if file is not None else "<data>"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"

    def to_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }


class DataFileError(CapexError):
    """The data file cannot be read or parsed: missing, unreadable, not TOML."""

    code = "data_file"

    def __init__(self, message: str, file: Path | str | None = None) -> None:
        super().__init__(message)
        self.file = file


class DataValidationError(CapexError):
    """The data file is TOML but breaks the data model; carries every problem found."""

    code = "invalid_data"

    def __init__(self, file: Path | str | None, problems: list[Problem]) -> None:
        self.file = file
        self.problems = problems
        count = len(problems)
        head = f"{file}: {count} problem{'s' if count != 1 else ''} in the data"
        super().__init__("\n".join([head, *(p.render(file) for p in problems)]))

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "message": f"{len(self.problems)} problem(s) in {self.file}",
            "file": str(self.file) if self.file is not None else None,
            "problems": [p.to_dict() for p in self.problems],
        }


class UnknownCompanyError(CapexError):
    """A company name, alias or ticker matched nothing in the dataset."""

    code = "unknown_company"

    def __init__(self, name: str, suggestions: list[str]) -> None:
        self.name = name
        self.suggestions = suggestions
        message = f"no company matches {name!r}"
        if suggestions:
            message += "; did you mean: " + ", ".join(suggestions) + "?"
        message += " (see `capex companies`)"
        super().__init__(message)

    def to_dict(self) -> dict[str, object]:
        return {**super().to_dict(), "suggestions": self.suggestions}


class RequestError(CapexError):
    """A request capex cannot answer as asked: an unknown metric or status, a year range that
    runs backwards, an FX rate that is not a rate, a claim id that is not in the file.

    The core modules raise it in terms of the request, not of the command line: they do not
    know which option (if any) the value came from.
    """

    # The code scripts already match on; every such request reaches capex through an option.
    code = "bad_option"


class OptionError(RequestError):
    """An option value the shell accepted but capex cannot use (``--years 2025-2020``)."""


class MissingDataError(CapexError):
    """The request needs a figure or FX rate the dataset does not have."""

    code = "missing_data"


class NetworkError(CapexError):
    """A download failed: no answer, refused, rate-limited or an HTTP error (``capex import``)."""

    code = "network"


class WriteError(CapexError):
    """A file could not be written; the file that was there is left as it was."""

    code = "write"


class SecFactsError(CapexError):
    """An SEC company-facts document capex cannot use: not one, no US-GAAP capex, no years."""

    code = "sec_facts"


class ReportError(CapexError):
    """A PDF report capex cannot read figures from: not a PDF, damaged, encrypted, scanned
    (no text layer), or without a consolidated statement of cash flows."""

    code = "report"
