"""Number formats and the message catalog (present/style.py, present/catalog.py)."""

from __future__ import annotations

from capexcli.present.catalog import ZH
from capexcli.present.style import Style, one_to, percent, signed_percent, year_list


def test_number_formats() -> None:
    s = Style()
    assert s.amount(1234567.4) == "1,234,567"
    assert s.amount(None) == "—"
    assert percent(0.3016) == "30.2%"
    assert signed_percent(2.21) == "+221.0%"
    assert signed_percent(-0.05) == "-5.0%"
    assert one_to(6.24) == "1 : 6.2"
    assert one_to(None) == "—"


def test_units_scale_amounts_and_trillions_read_as_wanyi() -> None:
    # 1.2 million CNY millions = 12,000亿 = 1.20万亿; 630,000 millions = 6,300亿
    assert Style(units="yi").amount(1_200_000) == "1.20万亿"
    assert Style(units="yi").amount(630_000) == "6,300"
    assert Style(units="yi").amount(5_000) == "50.0"
    assert Style(units="billion").amount(1_234) == "1.2"
    assert Style(units="billion", lang="zh").unit_label("CNY") == "十亿元人民币"
    assert Style(units="yi").unit_label("USD") == "USD 亿"


def test_two_styles_in_one_process_do_not_leak() -> None:
    # Language and unit are arguments, not module state: a Chinese table next to an English
    # one stays English.
    zh, en = Style(lang="zh"), Style()
    assert zh.t("Capex") == "资本开支"
    assert en.t("Capex") == "Capex"
    assert zh.t("FX rates not yet confirmed: {years}.", years="2024") == "尚未核实的汇率：2024。"
    assert en.t("FX rates not yet confirmed: {years}.", years="2024") == (
        "FX rates not yet confirmed: 2024."
    )


def test_every_chinese_template_uses_only_fields_its_english_key_can_supply() -> None:
    import string

    extra = {"Years: {align} alignment: {rule}.": {"rule_zh"}}
    for english, chinese in ZH.items():
        fields_en = {f for _, f, _, _ in string.Formatter().parse(english) if f}
        fields_zh = {f for _, f, _, _ in string.Formatter().parse(chinese) if f}
        assert fields_zh <= fields_en | extra.get(english, set()), english


def test_year_runs() -> None:
    assert year_list([2024, 2020, 2021, 2022]) == "2020-2022,2024"
    assert year_list([2025]) == "2025"


def test_text_from_data_is_printed_as_written_never_as_markup(tmp_path) -> None:
    # Regression: a company name like "[link=javascript:alert(1)]x[/link]" or "[blink]" was
    # read as Rich markup in tables and exports.
    from typer.testing import CliRunner

    from capexcli.cli.commands import app
    from tests.conftest import SMALL

    text = SMALL.read_text(encoding="utf-8").replace(
        'name = "China Alpha"', 'name = "[link=javascript:alert(1)]China[/link] [bold]Alpha"'
    )
    data = tmp_path / "hostile.toml"
    data.write_text(text, encoding="utf-8")
    html = tmp_path / "out.html"
    result = CliRunner().invoke(
        app, ["company", "cna", "--data", str(data), "--html", str(html)], env={"NO_COLOR": "1"}
    )
    assert result.exit_code == 0, result.output
    assert "[link=javascript:alert(1)]China[/link] [bold]Alpha" in result.stdout
    exported = html.read_text(encoding="utf-8")
    assert "javascript:" not in exported.replace("[link=javascript:alert(1)]", "")
    assert 'href="javascript' not in exported


def test_control_characters_in_data_are_rejected(tmp_path) -> None:
    import pytest

    from capexcli.errors import DataValidationError
    from capexcli.store.loader import parse_dataset
    from tests.conftest import SMALL

    text = SMALL.read_text(encoding="utf-8").replace(
        'name = "China Alpha"', 'name = "China \\u001b]52;c;aGk=\\u0007Alpha"'
    )
    with pytest.raises(DataValidationError) as caught:
        parse_dataset(text, "x.toml")
    assert "control character U+001B" in caught.value.problems[0].message
    # aliases and document URLs too
    text = SMALL.read_text(encoding="utf-8").replace(
        'aliases = ["USB1"]', 'aliases = ["U\\u009b2J"]'
    )
    with pytest.raises(DataValidationError) as caught:
        parse_dataset(text, "x.toml")
    assert "control character U+009B" in caught.value.problems[0].message
