"""The package's shape: floors that import only downwards, no import cycle between capex's
modules, and no module too long to read. Imports inside functions count as much as those at the
top."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "capexcli"
MAX_LINES = 500


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """The capexcli modules a file imports, resolved to module names."""
    here = module_name(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if not target.startswith("capexcli"):
                continue
            for alias in node.names:
                candidate = f"{target}.{alias.name}"
                found.add(candidate if candidate in MODULES else target)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("capexcli")}
    return {m for m in found if m in MODULES and m != here}


FILES = sorted(PACKAGE.rglob("*.py"))
MODULES = {module_name(p) for p in FILES}


def test_no_import_cycle() -> None:
    graph = {module_name(p): imports(p) for p in FILES}
    # A package's __init__ importing its own modules is how re-exports work, not a cycle.
    for name, targets in graph.items():
        graph[name] = {t for t in targets if not t.startswith(name + ".")}
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                cycle = [*path[path.index(target) :], target]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if target not in state:
                visit(target)
        path.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)


def test_no_module_is_too_long_to_read() -> None:
    long = {
        module_name(p): n
        for p in FILES
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}


#: The floors, lowest first: a module may import from its own package and from lower floors.
#: ``compute`` and ``importers`` share a floor and import neither each other.
FLOORS: dict[str, int] = {
    "capexcli": 0,  # the package itself (its version) and capexcli.errors
    "errors": 0,
    "__main__": 7,
    "results": 1,
    "model": 2,
    "store": 3,
    "compute": 4,
    "importers": 4,
    "present": 5,
    "cli": 6,
}
#: What may stand at the top of src/capexcli/ besides the packages.
TOP_MODULES = {"capexcli", "capexcli.__main__", "capexcli.errors"}


def package_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def floor_violations(graph: dict[str, set[str]]) -> list[str]:
    found = []
    for source, targets in sorted(graph.items()):
        here = package_of(source)
        for target in sorted(targets):
            there = package_of(target)
            if there == here:
                continue
            if FLOORS[there] > FLOORS[here] or (
                FLOORS[there] == FLOORS[here]
                and here != "errors"
                and there not in ("capexcli", "errors")
            ):
                found.append(f"{source} ({here}) imports {target} ({there})")
    return found


def test_every_module_is_on_a_floor() -> None:
    assert {package_of(m) for m in MODULES} <= set(FLOORS)
    # At the top only the package's own files; everything else lives in a package by layer.
    top = {module_name(p) for p in PACKAGE.glob("*.py")}
    assert top == TOP_MODULES


def test_packages_import_only_downwards() -> None:
    graph = {module_name(p): imports(p) for p in FILES}
    assert floor_violations(graph) == []


def test_the_floor_rule_sees_an_upward_import() -> None:
    # The rule itself can fail: a model module that reached into compute, or a compute module
    # into an importer, would be named.
    graph = {
        "capexcli.model.groups": {"capexcli.compute.metrics"},
        "capexcli.compute.verify": {"capexcli.importers.sec.facts"},
        "capexcli.present.show": {"capexcli.results.core"},
    }
    assert floor_violations(graph) == [
        "capexcli.compute.verify (compute) imports capexcli.importers.sec.facts (importers)",
        "capexcli.model.groups (model) imports capexcli.compute.metrics (compute)",
    ]
