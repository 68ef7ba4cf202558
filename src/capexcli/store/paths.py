"""Where the data files are. Kept apart from the loader so that finding a file (for the
output cache, or for shell completion) does not import the pydantic models.

Which data file a run reads: ``--data``, else ``$CAPEX_DATA``, else the user's own data file
(:func:`user_data_path`) when it exists, else the data shipped with capex. capex writes the
user's file (``update``, ``import --into`` without a path), never the shipped one: after
``pip install .`` that one sits inside the installed package, where an edit would be lost on
the next install.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Literal

ENV_VAR = "CAPEX_DATA"
CLAIMS_ENV_VAR = "CAPEX_CLAIMS"
#: The capexcli package folder (this module is in its store/ package).
_PACKAGE = Path(__file__).resolve().parents[1]

#: Why a run reads the data file it reads.
Origin = Literal["option", "env", "user", "shipped"]


def default_data_path(name: str = "companies.toml") -> Path:
    """A data file shipped with capex: inside the wheel, or ``data/`` of a source checkout."""
    packaged = _PACKAGE / "data" / name
    if packaged.is_file():
        return packaged
    # Running from a checkout (editable install or PYTHONPATH=src): the file at the top.
    return _PACKAGE.parents[1] / "data" / name


def user_data_dir() -> Path:
    """The platform's folder for a user's application data, with capex's folder in it:
    ``$XDG_DATA_HOME/capex`` (default ``~/.local/share/capex``) on Linux and other Unix,
    ``~/Library/Application Support/capex`` on macOS, ``%APPDATA%\\capex`` on Windows."""
    xdg = os.environ.get("XDG_DATA_HOME")
    if xdg and os.path.isabs(xdg):  # the XDG spec: a relative value is to be ignored
        return Path(xdg) / "capex"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "capex"
    if sys.platform == "win32" and os.environ.get("APPDATA"):
        return Path(os.environ["APPDATA"]) / "capex"
    return Path.home() / ".local" / "share" / "capex"


def user_data_path() -> Path:
    """The user's own data file, whether or not it exists yet."""
    return user_data_dir() / "companies.toml"


def in_package(path: Path) -> bool:
    """Whether ``path`` lies inside the installed capexcli package (never written)."""
    try:
        return path.resolve().is_relative_to(_PACKAGE)
    except OSError:
        return False


def data_origin(option: Path | str | None) -> tuple[Path, Origin]:
    """The data file a run reads and why: ``--data``, ``$CAPEX_DATA``, the user's file when
    it exists, else the shipped dataset."""
    if option:
        return Path(option), "option"
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env), "env"
    user = user_data_path()
    if user.is_file():
        return user, "user"
    return default_data_path("companies.toml"), "shipped"


def resolve_data_path(option: Path | str | None) -> Path:
    """``--data`` wins, then ``$CAPEX_DATA``, then the user's data file, then the shipped."""
    return data_origin(option)[0]


def resolve_claims_path(option: Path | str | None) -> Path:
    """``--claims`` wins, then ``$CAPEX_CLAIMS``, then the shipped ledger."""
    if option:
        return Path(option)
    env = os.environ.get(CLAIMS_ENV_VAR)
    if env:
        return Path(env)
    return default_data_path("claims.toml")
