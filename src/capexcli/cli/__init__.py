"""The command line: the Typer app, the shared options, completion, help, and one module per
command family. Parses options, calls the core, hands the result to
:mod:`capexcli.present.output`. Nothing imports this package; the entry point is
:func:`capexcli.cli.entry.main`, which replays a repeated run or hands it to
:func:`capexcli.cli.commands.main`."""
