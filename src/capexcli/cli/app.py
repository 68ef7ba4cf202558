"""The ``capex`` application shell: help that reads well at 80 columns, and one place that
turns every failure into a message and an exit status (text or JSON).

Exit status: 0 success; 1 a check the user asked for failed (``claims --strict``,
``validate --strict``, ``verify``); 2 anything the user can fix (bad data, bad option, unknown
company); 70 a bug in capex (set ``CAPEX_DEBUG=1`` for the traceback).
"""

from __future__ import annotations

import contextlib
import inspect
import os
import sys
from collections.abc import Iterator, Sequence
from contextvars import ContextVar
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup

from capexcli.cli import stdio
from capexcli.cli.output_choice import RUN_LANG, locale_lang
from capexcli.errors import (
    EXIT_BROKEN_PIPE,
    EXIT_INTERNAL_ERROR,
    EXIT_INTERRUPTED,
    CapexError,
    InternalError,
    OptionError,
    OutputError,
)
from capexcli.present.output import LANGS, emit_error
from capexcli.present.run_lang import LANG

DEBUG_VAR = "CAPEX_DEBUG"


def _flag_help_option(option: Any) -> Any:
    # Typer prints a `<bool>` type beside flags; a flag takes no value, so show none.
    if option is not None:
        option.metavar = ""
    return option


def _reflow(help_text: str | None) -> str | None:
    """Join the wrapped lines of each prose paragraph of a docstring.

    Typer keeps single line breaks after the first paragraph, so a docstring wrapped at 100
    columns would print ragged at 80. Indented paragraphs (examples) are left as written.
    """
    if not help_text:
        return help_text
    paragraphs = inspect.cleandoc(help_text).split("\n\n")
    return "\n\n".join(
        p if p.startswith(" ") else " ".join(line.strip() for line in p.splitlines())
        for p in paragraphs
    )


#: The language of this run's messages and help, as main() read it from the arguments and
#: the locale (help is printed while the arguments are parsed, before --lang is known).
_LANG: ContextVar[str] = LANG


@contextlib.contextmanager
def _help_in(command: Any, ctx: Any) -> Iterator[None]:
    """Under a Chinese run, the command's help, its options' and Typer's headings from the
    catalog for as long as the help is printed; the English is put back after."""
    if _LANG.get() != "zh":
        yield
        return
    from typer import rich_utils

    from capexcli.present.catalog import translate_help

    saved_help, saved_epilog = command.help, getattr(command, "epilog", None)
    params = [(p, p.help) for p in command.get_params(ctx) if getattr(p, "help", None)]
    headings = {
        "OPTIONS_PANEL_TITLE": "选项",
        "ARGUMENTS_PANEL_TITLE": "参数",
        "COMMANDS_PANEL_TITLE": "命令",
        "DEFAULT_STRING": "[默认：{}]",
        "REQUIRED_LONG_STRING": "[必填]",
        "ENVVAR_STRING": "[环境变量：{}]",
    }
    saved_headings = {name: getattr(rich_utils, name) for name in headings}
    # A group's help lists its commands with their own help's first line.
    subcommands = [(c, c.help) for c in getattr(command, "commands", {}).values() if c.help]
    try:
        for sub, text in subcommands:
            sub.help = translate_help(text)
        command.help = translate_help(saved_help)
        if saved_epilog:
            command.epilog = translate_help(saved_epilog)
        for param, text in params:
            param.help = translate_help(text)
        for name, text in headings.items():
            setattr(rich_utils, name, text)
        yield
    finally:
        for sub, text in subcommands:
            sub.help = text
        command.help, command.epilog = saved_help, saved_epilog
        for param, text in params:
            param.help = text
        for name, text in saved_headings.items():
            setattr(rich_utils, name, text)


def _usage(text: str) -> str:
    if _LANG.get() != "zh":
        return text
    return (
        text.replace("Usage:", "用法：")
        .replace("[OPTIONS]", "[选项]")
        .replace("COMMAND [ARGS]...", "命令 [参数]...")
    )


class _CapexHelp:
    """capex's help for a command or a group: plain text in the run's language, flags shown
    without a type, the usage line as capex words it."""

    def get_help_option(self, ctx: Any) -> Any:
        return _flag_help_option(super().get_help_option(ctx))  # type: ignore[misc]

    def get_help(self, ctx: Any) -> str:
        from capexcli.cli.help import render

        with _help_in(self, ctx):  # type: ignore[arg-type]
            return render(self, ctx, zh=_LANG.get() == "zh")  # type: ignore[arg-type]

    def get_usage(self, ctx: Any) -> str:
        return _usage(super().get_usage(ctx))  # type: ignore[misc]


class CapexCommand(_CapexHelp, TyperCommand):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help = _reflow(self.help)

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        repeated = _repeated_option(self.params, args)
        if repeated is not None:
            raise OptionError(repeated)
        return super().parse_args(ctx, args)  # type: ignore[no-any-return]


def _repeated_option(params: Sequence[Any], args: Sequence[str]) -> str | None:
    """Click keeps the last of an option given twice and drops the first without a word
    (`--years 2020-2025 --years 2021-2022`); capex says so instead. Repeatable options
    (--group, --label) and the same value given twice are fine."""
    single: dict[str, Any] = {}
    for param in params:
        if getattr(param, "multiple", True) or getattr(param, "count", False):
            continue
        for name in (*getattr(param, "opts", ()), *getattr(param, "secondary_opts", ())):
            single[name] = param
    seen: dict[str, tuple[str, str | None]] = {}
    index = 0
    while index < len(args):
        arg = args[index]
        index += 1
        if arg == "--":
            break
        name, equals, value = arg.partition("=") if arg.startswith("--") else (arg, "", "")
        if name not in single and arg[:2] in single and not arg.startswith("--"):
            name, equals, value = arg[:2], "=", arg[2:]  # -fjson
        param = single.get(name)
        if param is None:
            continue
        if getattr(param, "is_flag", False):
            given: str | None = name  # --json and --no-json differ; --json twice does not
        elif equals:
            given = value
        else:
            given = args[index] if index < len(args) else None
            index += 1
        before = seen.get(param.name)
        if before is not None and before[1] != given:
            first, second = before[1], given
            return (
                f"{name} given twice ({first!r} and {second!r}); capex would use only the "
                "last: give it once"
            )
        seen[param.name] = (name, given)
    return None


def _wants_json(argv: Sequence[str]) -> bool:
    """Whether errors should be JSON: --json, --format json, -f json or --format=json."""
    for index, arg in enumerate(argv):
        if arg in ("--json", "--format=json", "-fjson"):
            return True
        if arg in ("--format", "-f") and argv[index + 1 : index + 2] == ["json"]:
            return True
    return False


def _take_lang(argv: list[str]) -> tuple[list[str], str | None]:
    """``argv`` without its --lang options (wherever they stand: before the command, after
    it, beside --help), and the last language they give, checked later by main()."""
    kept: list[str] = []
    lang: str | None = None
    index = 0
    while index < len(argv):
        arg = argv[index]
        if arg == "--":
            kept += argv[index:]
            break
        if arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
        elif arg == "--lang" and index + 1 < len(argv):
            lang = argv[index + 1]
            index += 1
        else:
            kept.append(arg)
        index += 1
    return kept, None if lang is None else lang.strip().lower()


def report_internal_error(error: BaseException, as_json: bool) -> None:
    """One line on what broke and one on how to report it; in --json mode the JSON error
    object (code ``internal``), so a script always gets JSON."""
    what = type(error).__name__
    if str(error):
        what += f": {str(error).splitlines()[0]}"
    message = (
        f"internal error: {what}. This is a bug in capex, not in your data: please report it "
        f"with the command you ran and `capex --version`; {DEBUG_VAR}=1 shows the traceback."
    )
    if as_json:
        emit_error(InternalError(message), True)
    else:
        sys.stderr.write(f"capex: {message}\n")


def output_failed(error: OSError | UnicodeEncodeError, argv: Sequence[str]) -> int:
    """A replayed output (cli/entry.py) that stdout could not take: the message and exit
    status a run gives when its own write fails."""
    if isinstance(error, UnicodeEncodeError):
        failure = stdio.unencodable(error, sys.stdout)
    elif error.errno in stdio.LOST:
        failure = stdio.lost(error)
    else:
        report_internal_error(error, _wants_json(argv))
        return EXIT_INTERNAL_ERROR
    argv, asked = _take_lang(list(argv))
    stdio.discard()
    emit_error(failure, _wants_json(argv), asked if asked in LANGS else locale_lang())
    return failure.exit_code


class CapexGroup(_CapexHelp, TyperGroup):
    """Maps every failure to a message and an exit status, in text or JSON."""

    def get_params(self, ctx: Any) -> list[Any]:
        params = super().get_params(ctx)
        for param in params:
            if param.name in ("install_completion", "show_completion"):
                _flag_help_option(param)
        return params

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        argv, asked = _take_lang(_bare_into(list(sys.argv[1:] if args is None else args)))
        as_json = _wants_json(argv[: argv.index("--")] if "--" in argv else argv)
        lang = asked if asked in LANGS else locale_lang()
        # Messages and help read the one (present/run_lang.py); the output options the other.
        _LANG.set(lang)
        RUN_LANG.set(lang)
        stdio.prepare()
        try:
            if asked is not None and asked not in LANGS:
                raise OptionError(f"--lang {asked!r}: choose en or zh")
            status = super().main(
                argv, prog_name or "capex", complete_var, standalone_mode=False, **extra
            )
            code = status if isinstance(status, int) else 0
            # A full or closed stdout fails here, with a message, not in the flush at exit.
            sys.stdout.flush()
        except OutputError as error:
            stdio.discard()
            emit_error(error, as_json, lang)
            code = error.exit_code
        except CapexError as error:
            emit_error(error, as_json, lang)
            code = error.exit_code
        except typer.TyperException as error:  # bad option, unknown command (click's UsageError)
            if as_json or lang == "zh":
                emit_error(OptionError(error.format_message()), as_json, lang)
            elif hasattr(error, "show"):
                error.show()
            else:
                sys.stderr.write(f"Error: {error.format_message()}\n")
            code = error.exit_code
        except typer.Exit as stop:
            code = stop.exit_code
        except (typer.Abort, KeyboardInterrupt):
            sys.stderr.write("Aborted.\n")
            code = EXIT_INTERRUPTED
        except BrokenPipeError:
            # `capex compare | head`: the reader left; say nothing more to it.
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
            code = EXIT_BROKEN_PIPE
        except Exception as error:
            if os.environ.get(DEBUG_VAR):
                raise
            report_internal_error(error, as_json)
            code = EXIT_INTERNAL_ERROR
        finally:
            stdio.restore()
        if standalone_mode:
            sys.exit(code)
        return code


def _bare_into(argv: list[str]) -> list[str]:
    """``capex import … --into`` with no path (last, or before another option) means the data
    file in use: Typer has no option with an optional value, so it gets ``-`` (imports.py's
    INTO_IN_USE)."""
    end = argv.index("--") if "--" in argv else len(argv)
    if "import" not in argv[:end]:
        return argv
    out: list[str] = []
    for k, token in enumerate(argv):
        out.append(token)
        if k < end and token == "--into":
            following = argv[k + 1] if k + 1 < end else None
            if following is None or (following.startswith("-") and following != "-"):
                out.append("-")
    return out


app = typer.Typer(
    cls=CapexGroup,
    name="capex",
    help=(
        "Check big-tech AI capex claims with sourced figures: the four US giants "
        "(Microsoft, Alphabet, Meta, Amazon) against seven Chinese ones (Tencent, Alibaba, "
        "Baidu, JD.com, Kuaishou, Meituan, NetEase).\n\n"
        "Start with `capex check`: the article's headline claims, answered; `capex compare` "
        "shows the two groups year by year, `capex company tencent` one company; add --json "
        "for scripts, --lang zh (before or after the command) for Chinese."
    ),
    epilog=(
        "Exit status: 0 success; 1 a check you asked for failed (claims --strict, validate "
        "--strict, verify); 2 bad input or usage (data file, option, name); 74 the output "
        "could not be written (stdout closed, full or unable to encode it); 70 an internal "
        "error, a bug in capex (CAPEX_DEBUG=1 shows the traceback). With --json, every error "
        "is a JSON object on stderr (capex schema error).\n\n"
        "Environment: CAPEX_DATA (data file), CAPEX_NO_CACHE=1 (compute every run), "
        "CAPEX_CACHE_DIR (where outputs and datasets are cached), NO_COLOR, "
        "CAPEX_DEBUG=1 (tracebacks)."
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


#: Options of the root callback that take a value (the token after them is not a command).
_ROOT_VALUED = ("--data",)


def _command_named(argv: Sequence[str]) -> str | None:
    """The command a command line runs (``compare`` in ``capex --data x.toml compare``), or
    None when it names none (help, completion, a typo: those need every command)."""
    index = 0
    while index < len(argv):
        arg = argv[index]
        if arg in _ROOT_VALUED:
            index += 2
            continue
        if arg == "--":
            return None
        if not arg.startswith("-"):
            return arg
        index += 1
    return None


@contextlib.contextmanager
def only_command(typer_app: typer.Typer, name: str | None) -> Iterator[None]:
    """While Typer builds the click command tree, only the command that will run: building
    every command's parameters costs ~15 ms, as much as a run of ``compare`` on the cache.
    Help, completion and an unknown name build them all (they list them)."""
    commands, groups = typer_app.registered_commands, typer_app.registered_groups
    chosen = [c for c in commands if _name_of(c) == name]
    chosen_groups = [g for g in groups if g.name == name]
    if name is None or not (chosen or chosen_groups):
        yield
        return
    typer_app.registered_commands, typer_app.registered_groups = chosen, chosen_groups
    try:
        yield
    finally:
        typer_app.registered_commands, typer_app.registered_groups = commands, groups


def _name_of(info: Any) -> str | None:
    if info.name:
        return str(info.name)
    callback = info.callback
    return callback.__name__.lower().replace("_", "-") if callback else None
