import json

from capexcli.errors import UnknownCompanyError
from capexcli.present.output import emit_error, tidy


def test_tidy_keeps_json_stable() -> None:
    assert tidy({"a": [1.0, 0.1 + 0.2, None], "b": 2.5}) == {"a": [1, 0.3, None], "b": 2.5}
    assert json.dumps(tidy(76760.0)) == "76760"


def test_error_as_json_goes_to_stderr(capsys) -> None:  # type: ignore[no-untyped-def]
    emit_error(UnknownCompanyError("tencnt", ["tencent"]), as_json=True)
    captured = capsys.readouterr()
    assert captured.out == ""
    assert json.loads(captured.err) == {
        "schema_version": 1,
        "error": {
            "code": "unknown_company",
            "message": (
                "no company matches 'tencnt'; did you mean: tencent? (see `capex companies`)"
            ),
            "suggestions": ["tencent"],
        },
    }


def test_csv_cells_that_would_be_formulas_are_neutralised(tmp_path) -> None:
    from typer.testing import CliRunner

    from capexcli.cli.commands import app
    from tests.conftest import SMALL

    text = SMALL.read_text(encoding="utf-8").replace(
        'name = "China Alpha"', 'name = "=HYPERLINK(\\"http://x\\")"'
    )
    data = tmp_path / "d.toml"
    data.write_text(text, encoding="utf-8")
    out = CliRunner().invoke(app, ["companies", "--format", "csv", "--data", str(data)]).stdout
    assert "'=HYPERLINK" in out and "\n=HYPERLINK" not in out
    # negative numbers stay numbers
    company = CliRunner().invoke(app, ["company", "cnb", "-f", "csv", "--data", str(SMALL)]).stdout
    assert ",-70," in company


def test_json_never_holds_infinity() -> None:
    import math

    assert tidy({"a": math.inf, "b": [math.nan, 1.0]}) == {"a": None, "b": [None, 1]}


def test_o_refuses_to_replace_a_pipe(tmp_path) -> None:
    import os

    from typer.testing import CliRunner

    from capexcli.cli.commands import app
    from tests.conftest import SMALL

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = CliRunner().invoke(
        app, ["compare", "--json", "-o", str(fifo), "--force", "--data", str(SMALL)]
    )
    assert result.exit_code == 2
    assert "not a regular file" in result.stderr
    assert fifo.is_fifo()
