"""``capex data``: which data file capex reads, and going back to the shipped data; and the
rule every writer follows for where it writes (:func:`write_target`).

Which file is read is store/paths.py's rule: ``--data``, ``CAPEX_DATA``, the user's own file
when it exists, the shipped data. Writers (``update``, ``import --into`` without a path)
write the user's file and create it from the shipped data the first time: capex never
writes into its installed package, where an edit would be lost on the next install.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from capexcli.errors import OptionError
from capexcli.present.run_lang import translated

data_app = typer.Typer(
    name="data",
    help="Your own data file: `capex data path` prints the file capex reads, "
    "`capex data reset` removes your file so that capex reads the shipped data again.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def origin_note(path: Path, origin: str) -> str:
    """One line: the data file a run reads and why (for validate, --verbose, update)."""
    if origin == "option":
        return f"data file: {path} (--data)"
    if origin == "env":
        return f"data file: {path} (CAPEX_DATA)"
    if origin == "user":
        return (
            f"data file: {path} (your data file; `capex data reset` goes back to the shipped data)"
        )
    return f"data file: {path} (shipped with capex; `capex update` writes your own copy)"


def tell_origin(path: Path, origin: str) -> None:
    """``note: data file: PATH (why)`` on stderr, in the chosen language."""
    import sys

    sys.stderr.write(f"note: {translated(origin_note(path, origin))}\n")
    here = checkout_data_not_read(path, origin)
    if here is not None:
        sys.stderr.write(f"note: {translated(here)}\n")


def checkout_data_not_read(path: Path, origin: str) -> str | None:
    """After a non-editable install, run from a checkout: its data/companies.toml is not the
    file read, which an edit there would silently not change. Says so, or None."""
    if origin not in ("user", "shipped"):
        return None
    local = Path("data") / "companies.toml"
    try:
        if not local.is_file() or local.resolve() == path.resolve():
            return None
    except OSError:
        return None
    return (
        f"{local} here is not the file capex reads; to use it: --data {local} (or "
        f"CAPEX_DATA={local})"
    )


def refuse_package(path: Path) -> None:
    from capexcli.store.paths import in_package, user_data_path

    if in_package(path):
        raise OptionError(
            f"{path}: is the data shipped inside capex's installed package, which capex never "
            f"writes (a reinstall would lose the edit); write your own data file instead, "
            f"{user_data_path()} (`--into` without a path)"
        )


def write_target(into: Path | None, data: Path | None) -> tuple[Path, Path, bool]:
    """Where a writer reads and writes: (file read, file written, whether the file written
    is the user's data file still to be created from the file read, the shipped data).

    ``--into`` wins; else ``--data`` or ``CAPEX_DATA`` (written in place); else the user's
    data file, created by :func:`create_user_file` when there is something to write.
    """
    from capexcli.store.paths import data_origin, user_data_path

    if into is not None:
        refuse_package(into)
        return into, into, False
    path, origin = data_origin(data)
    if origin != "shipped":
        refuse_package(path)
        return path, path, False
    return path, user_data_path(), True


def create_user_file(user: Path, shipped: Path, text: str) -> str:
    """Write the user's data file for the first time; the note that says so."""
    from capexcli.errors import WriteError
    from capexcli.store.atomic import atomic_write

    try:
        user.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteError(f"{user.parent}: cannot create the folder: {exc.strerror}") from None
    # Not forced: a file another capex created meanwhile is not overwritten.
    atomic_write(user, text.encode("utf-8"))
    return (
        f"created your data file {user} from the shipped data {shipped}; capex reads it "
        "from now on (`capex data reset` removes it)"
    )


@data_app.command("path")
def path_command(ctx: typer.Context) -> None:
    """Print the data file capex reads, and on stderr why that one.

    --data wins, then CAPEX_DATA, then your own data file (under $XDG_DATA_HOME/capex,
    ~/.local/share/capex by default) when it exists, else the data shipped with capex.

    Examples:

      capex data path

      $EDITOR "$(capex data path)"
    """
    from capexcli.store.paths import data_origin

    root = ctx.find_root().obj or {}
    path, origin = data_origin(root.get("data"))
    sys.stdout.write(f"{path}\n")
    sys.stderr.write(translated(origin_note(path, origin)) + "\n")


@data_app.command("reset")
def reset_command(
    yes: Annotated[
        bool,
        typer.Option("--yes", "-y", metavar="", help="Do not ask (needed without a terminal)."),
    ] = False,
) -> None:
    """Remove your own data file, after asking, so that capex reads the shipped data again.

    Your figures in it are lost: copy the file first to keep them (capex data path). Without
    a terminal to ask on, --yes is required.

    Examples:

      capex data reset

      capex data reset --yes
    """
    import os

    from capexcli.store.paths import user_data_path

    user = user_data_path()
    if not user.is_file():
        sys.stdout.write(
            translated(f"{user}: no data file of yours; capex reads the shipped data") + "\n"
        )
        return
    if not yes:
        if not sys.stdin.isatty():
            raise OptionError(
                f"not removing {user} without asking: add --yes (no terminal to ask on)"
            )
        if not typer.confirm(
            translated(f"Remove {user}? Your figures in it are lost"), default=False
        ):
            sys.stdout.write(translated(f"{user}: kept") + "\n")
            return
    try:
        os.unlink(user)
    except OSError as exc:
        from capexcli.errors import WriteError

        raise WriteError(f"{user}: cannot remove: {exc.strerror}") from None
    sys.stdout.write(translated(f"{user}: removed; capex reads the shipped data again") + "\n")
