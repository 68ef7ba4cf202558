"""The two groups (groups.py): from the data or from the regions, changed for one run with
--group, --exclude and --label, and the rules a data file's groups must follow."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from capexcli.compute.comparison import compare
from capexcli.errors import DataValidationError, RequestError, UnknownCompanyError
from capexcli.model.checks import check_groups
from capexcli.model.groups import groups_of, regroup
from capexcli.store.loader import load, parse_dataset
from tests.conftest import SMALL, write

Run = Callable[..., Result]
GROUPS = """
[[groups]]
id = "us"
label = "US pair"
label_zh = "美国两家"
members = ["usa", "usb"]

[[groups]]
id = "cn"
label = "China pair"
members = ["cna", "cnb"]
"""


def with_groups(groups: str = GROUPS) -> str:
    return SMALL.read_text(encoding="utf-8").replace(
        "schema_version = 1\n", "schema_version = 1\n" + groups, 1
    )


def test_without_groups_each_region_is_a_group() -> None:
    groups = groups_of(load(SMALL).dataset)
    assert [(g.id, g.label, g.members) for g in groups] == [
        ("us", "US (2)", ["usa", "usb"]),
        ("cn", "China (2)", ["cna", "cnb"]),
    ]


def test_the_data_names_its_groups(run: Run, tmp_path: Path) -> None:
    data = ("--data", str(write(tmp_path, with_groups())))
    assert run("compare", *data).stdout.splitlines()[0] == (
        "Capex: US pair vs China pair (CNY millions)"
    )
    out = json.loads(run("compare", "--json", *data).stdout)
    assert out["groups"] == [
        {"id": "us", "label": "US pair", "label_zh": "美国两家", "members": ["usa", "usb"]},
        {"id": "cn", "label": "China pair", "label_zh": None, "members": ["cna", "cnb"]},
    ]


def test_group_and_exclude_change_the_members_for_one_run() -> None:
    dataset = load(SMALL).dataset
    # US = usa alone (by alias); China loses cnb: 2023 = 100 x 7 / 140, 2024 = 200 x 8 / 160
    changed = regroup(dataset, {"us": "Alpha"}, ["China Beta"])
    assert [(g.id, g.label, g.members) for g in changed.groups] == [
        ("us", "US (1)", ["usa"]),
        ("cn", "China (1)", ["cna"]),
    ]
    result = compare(changed)
    assert [row.us_to_cn_capex_ratio for row in result.years] == [
        pytest.approx(700 / 140),
        pytest.approx(1600 / 160),
    ]
    assert regroup(dataset, labels={"us": "Mine"}).groups[0].label == "Mine"


@pytest.mark.parametrize(
    ("members", "exclude", "error", "message"),
    [
        ({"us": "usa,cna"}, [], RequestError, "cna cannot be in both groups"),
        ({}, ["usa", "usb"], RequestError, "group 'us' has no members left"),
        ({"us": "nobody"}, [], UnknownCompanyError, "no company matches 'nobody'"),
    ],
)
def test_bad_groups_say_what_to_change(
    members: dict[str, str], exclude: list[str], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        regroup(load(SMALL).dataset, members, exclude)


def test_cli_group_options_and_their_errors(run: Run) -> None:
    data = ("--data", str(SMALL))
    table = run("compare", "--group", "us=usa", "--label", "cn=China A+B", *data).stdout
    assert table.splitlines()[0] == "Capex: US (1) vs China A+B (CNY millions)"
    bad = run("compare", "--group", "eu=usa", *data)
    assert bad.exit_code == 2
    assert bad.stderr == "Error: --group 'eu=usa': no group 'eu'; the groups are us and cn\n"
    assert "did you mean: usa" in run("chart", "--exclude", "usaa", *data).stderr
    # On the shipped data, without Kuaishou (no 2020-2023 capex) China is complete in 2020:
    # the 1:6 of 2020 gets a verdict again
    out = json.loads(run("claims", "capex-ratio-2020", "--exclude", "kuaishou", "--json").stdout)
    assert out["claims"][0]["verdict"] != "insufficient" and out["claims"][0]["partial"] == []
    companies = json.loads(run("companies", "--json", *data).stdout)
    assert {c["id"]: c["group"] for c in companies["companies"]}["cna"] == "cn"


def test_a_data_file_s_groups_are_checked() -> None:
    bad = with_groups(GROUPS.replace('members = ["cna", "cnb"]', 'members = ["cna", "usa", "cnz"]'))
    with pytest.raises(DataValidationError) as caught:
        parse_dataset(bad, "g.toml")
    assert [p.message for p in caught.value.problems] == [
        "'usa' is already a member of group 'us'",
        "no company with id 'cnz'; did you mean: cnb, cna?",
    ]
    assert check_groups(load(SMALL).dataset) == []
