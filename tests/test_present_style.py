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
