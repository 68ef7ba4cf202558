"""The two groups a comparison sets side by side, as the data defines them or as a user
changes them for one run (``--group``, ``--exclude``, ``--label``).

A comparison only knows two slots, ``us`` and ``cn`` (their JSON fields keep their meaning),
and reads a company's slot from its ``region``. So the groups are applied by rewriting the
dataset: only members stay, each with the region of its group, and every command that
compares groups (compare, chart, claims) works on that dataset unchanged.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from capexcli.errors import RequestError
from capexcli.model.records import GROUP_IDS, Company, Dataset, Group, find_company

if TYPE_CHECKING:
    from capexcli.results import GroupUsed

#: The region of each group's members, as the comparison reads it.
REGION_OF: dict[str, str] = {"us": "US", "cn": "CN"}
#: Labels of groups the data does not define (each is then every company of its region).
DEFAULT_LABELS: dict[str, tuple[str, str]] = {"us": ("US", "美国"), "cn": ("China", "中国")}


def groups_of(dataset: Dataset) -> list[Group]:
    """The data's groups, or one per region when it defines none."""
    defined = {g.id: g for g in dataset.groups}
    result = []
    for gid in GROUP_IDS:
        if gid in defined:
            result.append(defined[gid])
            continue
        members = [c.id for c in dataset.companies if c.region == REGION_OF[gid]]
        label, label_zh = DEFAULT_LABELS[gid]
        result.append(
            Group(
                id=gid,  # type: ignore[arg-type]
                label=f"{label} ({len(members)})",
                label_zh=f"{label_zh}（{len(members)} 家）",
                members=members,
            )
        )
    return result


def parse_assignments(values: Sequence[str], what: str = "GROUP") -> dict[str, str]:
    """``["us=microsoft,apple"]`` -> ``{"us": "microsoft,apple"}``; a group id is checked."""
    found: dict[str, str] = {}
    for value in values:
        gid, sep, rest = value.partition("=")
        gid = gid.strip().lower()
        if not sep or not rest.strip():
            raise RequestError(f"write {what}=..., e.g. us=microsoft,apple")
        if gid not in GROUP_IDS:
            raise RequestError(f"no group {gid!r}; the groups are us and cn")
        if gid in found:
            # The last would silently win: say so rather than drop what was asked first.
            raise RequestError(
                f"{gid} given twice ({found[gid]!r} and {rest.strip()!r}); give each group once"
            )
        found[gid] = rest.strip()
    return found


def regroup(
    dataset: Dataset,
    members: Mapping[str, str] | None = None,
    exclude: Sequence[str] = (),
    labels: Mapping[str, str] | None = None,
) -> Dataset:
    """The dataset as the comparison should see it: only group members, each with the region
    of its group, and the groups (with the labels of changed ones saying so) in ``groups``.

    ``members`` maps a group id to company names (ids, names, aliases, tickers, Chinese names)
    separated by commas; ``exclude`` drops companies from whichever group has them."""
    members = members or {}
    labels = labels or {}
    groups = {g.id: g for g in groups_of(dataset)}
    changed: set[str] = set()
    for gid, names in members.items():
        ids = _resolve(dataset, [n for n in names.split(",") if n.strip()])
        groups[gid] = groups[gid].model_copy(update={"members": ids})
        changed.add(gid)
    dropped = set(_resolve(dataset, [n for item in exclude for n in item.split(",") if n.strip()]))
    for gid, group in groups.items():
        if dropped & set(group.members):
            groups[gid] = group.model_copy(
                update={"members": [m for m in group.members if m not in dropped]}
            )
            changed.add(gid)
    both = set(groups["us"].members) & set(groups["cn"].members)
    if both:
        raise RequestError(
            f"{', '.join(sorted(both))} cannot be in both groups: take it out of one "
            "(--group or --exclude)"
        )
    for gid, group in groups.items():
        if not group.members and gid in changed:
            # A group the data leaves empty is the comparison's to report (no year has both
            # groups); one the user emptied is a request to correct.
            raise RequestError(f"group {gid!r} has no members left: give it at least one")
        update: dict[str, object] = {}
        if gid in labels:
            update = {"label": labels[gid], "label_zh": labels[gid]}
        elif gid in changed:
            base, base_zh = DEFAULT_LABELS[gid]
            n = len(group.members)
            update = {"label": f"{base} ({n})", "label_zh": f"{base_zh}（{n} 家）"}
        groups[gid] = group.model_copy(update=update)
    by_id = {c.id: c for c in dataset.companies}
    companies: list[Company] = [
        by_id[m].model_copy(update={"region": REGION_OF[gid]})
        for gid in GROUP_IDS
        for m in groups[gid].members
    ]
    return dataset.model_copy(
        update={"companies": companies, "groups": [groups[g] for g in GROUP_IDS]}
    )


def groups_used(original: Dataset, changed: Dataset) -> list[GroupUsed]:
    """The groups a run compares, each with the members of the data's group it left out."""
    # Imported here: a plain compare (no --group) builds none of the readings' models.
    from capexcli.results import GroupUsed

    before = {g.id: g for g in groups_of(original)}
    return [
        GroupUsed(
            id=g.id,
            label=g.label,
            label_zh=g.label_zh,
            members=list(g.members),
            left_out=[m for m in before[g.id].members if m not in g.members],
            changed=g != before[g.id],
        )
        for g in groups_of(changed)
    ]


def _resolve(dataset: Dataset, names: Sequence[str]) -> list[str]:
    ids: list[str] = []
    for name in names:
        company = find_company(dataset, name)  # did-you-mean on an unknown name
        if company.id not in ids:
            ids.append(company.id)
    return ids
