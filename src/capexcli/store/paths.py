"""Where the data files are. Kept apart from the loader so that finding a file (for the
output cache, or for shell completion) does not import the pydantic models."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "CAPEX_DATA"
CLAIMS_ENV_VAR = "CAPEX_CLAIMS"
#: The capexcli package folder (this module is in its store/ package).
_PACKAGE = Path(__file__).resolve().parents[1]


def default_data_path(name: str = "companies.toml") -> Path:
    """A data file shipped with capex: inside the wheel, or ``data/`` of a source checkout."""
    packaged = _PACKAGE / "data" / name
    if packaged.is_file():
        return packaged
    # Running from a checkout (editable install or PYTHONPATH=src): the file at the top.
    return _PACKAGE.parents[1] / "data" / name


def resolve_data_path(option: Path | str | None) -> Path:
    """``--data`` wins, then ``$CAPEX_DATA``, then the shipped dataset."""
    return _resolve(option, ENV_VAR, "companies.toml")


def resolve_claims_path(option: Path | str | None) -> Path:
    """``--claims`` wins, then ``$CAPEX_CLAIMS``, then the shipped ledger."""
    return _resolve(option, CLAIMS_ENV_VAR, "claims.toml")


def _resolve(option: Path | str | None, env_var: str, shipped: str) -> Path:
    if option:
        return Path(option)
    env = os.environ.get(env_var)
    if env:
        return Path(env)
    return default_data_path(shipped)
