"""The one exception hierarchy of capexcli.

Every failure a user can cause (a bad file, a bad option, an unknown company) is a
``CapexError``; the CLI turns it into a message and exit status 2. A check the user asked for
that fails (``--strict``, ``verify``) exits 1. Anything else that escapes is a bug and exits 70
(EX_SOFTWARE of sysexits.h), so a script can tell a crash from a failed check.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

#: The version of every JSON document capex prints, results and errors alike (see README,
#: "JSON output"): it changes only when a field is removed, renamed or changes meaning.
OUTPUT_SCHEMA_VERSION = 1

#: Exit status for a check the user asked for that failed: ``claims --strict`` (a recomputed
#: claim fails), ``validate --strict`` (a warning), ``verify`` (a confirmed figure differs).
EXIT_CHECK_FAILED = 1
#: Exit status for anything the user can fix: bad data, bad option, unknown name.
EXIT_USER_ERROR = 2
#: Exit status for a bug in capex itself (EX_SOFTWARE).
EXIT_INTERNAL_ERROR = 70
#: Exit status when the output cannot be written: standard output closed, full, or unable to
#: encode what capex prints (EX_IOERR of sysexits.h).
EXIT_OUTPUT_ERROR = 74
#: The reader of a pipe left early (`capex compare | head`): what a shell reports for SIGPIPE.
EXIT_BROKEN_PIPE = 141
#: Interrupted (Ctrl-C): what a shell reports for SIGINT.
EXIT_INTERRUPTED = 130


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


class CheckFailed(CapexError):
    """A check the user asked for failed (``--strict``, ``verify``): the result was printed,
    and this says why the exit status is 1."""

    code = "check_failed"
    exit_code = EXIT_CHECK_FAILED


class OutputError(CapexError):
    """What capex prints cannot be written to standard output (closed, full, or in an
    encoding that cannot show it): exit 74, the result is lost, not the data."""

    code = "output"
    exit_code = EXIT_OUTPUT_ERROR


class InternalError(CapexError):
    """A bug in capex: not raised, but how an unexpected exception is reported (text or JSON)."""

    code = "internal"
    exit_code = EXIT_INTERNAL_ERROR


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


@contextlib.contextmanager
def flag(name: str, value: object) -> Iterator[None]:
    """Name the option a bad value came from: the core words its errors as the request."""
    try:
        yield
    except OptionError:
        raise
    except RequestError as error:
        raise OptionError(f"{name} {value!r}: {error.message}") from None
