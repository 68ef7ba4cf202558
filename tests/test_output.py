import json

from capexcli.errors import UnknownCompanyError
from capexcli.output import emit_error, tidy


def test_tidy_keeps_json_stable() -> None:
    assert tidy({"a": [1.0, 0.1 + 0.2, None], "b": 2.5}) == {"a": [1, 0.3, None], "b": 2.5}
    assert json.dumps(tidy(76760.0)) == "76760"


def test_error_as_json_goes_to_stderr(capsys) -> None:  # type: ignore[no-untyped-def]
    emit_error(UnknownCompanyError("tencnt", ["tencent"]), as_json=True)
    captured = capsys.readouterr()
    assert captured.out == ""
    assert json.loads(captured.err) == {
        "error": {
            "code": "unknown_company",
            "message": (
                "no company matches 'tencnt'; did you mean: tencent? (see `capex companies`)"
            ),
            "suggestions": ["tencent"],
        }
    }
