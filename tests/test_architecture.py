"""The package import graph follows the stage map in docs/ARCHITECTURE.md.

Each top-level module or package of ``storyline`` is a stage; a stage may import only the
stages listed for it below, and the map itself may not have a cycle. Within ``extract/``,
a family package may import ``extract/common`` and the registry, never another family.
"""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "storyline"

BASE = {"errors", "models", "config", "lexicons"}
# stage -> the stages it may import. Keep in step with docs/ARCHITECTURE.md.
STAGE_MAP: dict[str, set[str]] = {
    "errors": set(),
    "models": {"errors"},
    "config": {"errors"},
    "lexicons": {"errors"},
    "matching": {"errors", "models", "lexicons"},
    "nlp": {"errors", "config", "lexicons"},
    "ingest": BASE,
    "extract": BASE | {"matching"},
    "store": {"errors", "models", "config"},
    "resolve": BASE | {"matching", "store"},
    "views": BASE | {"matching", "resolve", "store"},
    "export": BASE | {"matching", "resolve", "store", "views"},
    "pipeline": BASE | {"nlp", "ingest", "extract", "resolve", "store"},
    "manage": BASE | {"ingest", "pipeline", "resolve", "store"},
    "engines": BASE | {"nlp", "ingest", "extract", "resolve", "store", "pipeline", "export"},
    "evaluate": BASE | {"ingest", "pipeline", "store", "export", "views", "resolve"},
    "bench": BASE | {"nlp", "ingest", "extract", "pipeline", "store", "engines"},
    "api": BASE | {"matching", "store", "resolve", "views", "export"},
    "web": BASE | {"matching", "store", "resolve", "views", "export", "api"},
}
# The outermost layer: may import any stage, and nothing imports it.
ENTRY_POINTS = {"cli", "__init__", "__main__"}
EXTRACT_SHARED = {"common", "registry", "__init__"}


def _imports(path: Path) -> list[list[str]]:
    """Absolute ``storyline``-relative module paths that ``path`` imports."""
    rel = path.relative_to(SRC).with_suffix("")
    package = list(rel.parts[:-1])
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - (node.level - 1)]
                target = base + (node.module.split(".") if node.module else [])
                if not node.module:  # "from . import a, b" imports submodules a and b
                    found.extend([*target, alias.name] for alias in node.names)
                    continue
            elif node.module and node.module.split(".")[0] == "storyline":
                target = node.module.split(".")[1:]
            else:
                continue
            found.append(target)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "storyline":
                    found.append(alias.name.split(".")[1:])
    return found


def _stage(parts: tuple[str, ...] | list[str]) -> str:
    return parts[0].removesuffix(".py") if parts else "__init__"


def _graph() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for path in SRC.rglob("*.py"):
        here = _stage(path.relative_to(SRC).parts)
        for target in _imports(path):
            there = _stage(target)
            if there != here:
                edges.setdefault(here, set()).add(there)
    return edges


def test_every_stage_is_on_the_map() -> None:
    stages = {_stage(p.relative_to(SRC).parts) for p in SRC.glob("*") if p.suffix == ".py"}
    stages |= {p.name for p in SRC.iterdir() if (p / "__init__.py").exists()}
    unknown = stages - set(STAGE_MAP) - ENTRY_POINTS
    assert not unknown, f"add these to STAGE_MAP and docs/ARCHITECTURE.md: {sorted(unknown)}"


@pytest.mark.parametrize("stage", sorted(STAGE_MAP))
def test_stage_imports_only_what_the_map_allows(stage: str) -> None:
    used = _graph().get(stage, set())
    assert not used & ENTRY_POINTS, f"{stage} imports an entry point"
    assert used <= STAGE_MAP[stage], f"{stage} may not import {sorted(used - STAGE_MAP[stage])}"


def test_the_map_has_no_cycle() -> None:
    try:
        list(TopologicalSorter(STAGE_MAP).static_order())
    except CycleError as e:  # pragma: no cover - only on a bad edit of the map
        pytest.fail(f"stage map has a cycle: {e.args[1]}")


def test_no_module_level_import_cycle() -> None:
    """No two modules import each other, directly or through others."""
    modules: dict[str, set[str]] = {}
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC).with_suffix("").parts
        name = ".".join(rel[:-1] if rel[-1] == "__init__" else rel)
        modules[name] = set()
        for target in _imports(path):
            modules[name].add(".".join(target))
    graph = {m: {t for t in ts if t in modules and t != m} for m, ts in modules.items()}
    # A package's __init__ re-exporting its own modules is not a cycle of concern.
    for m in graph:
        graph[m] = {t for t in graph[m] if not (m and t.startswith(m + "."))}
    try:
        list(TopologicalSorter(graph).static_order())
    except CycleError as e:
        pytest.fail(f"import cycle: {' -> '.join(e.args[1])}")


def test_extractor_families_do_not_import_each_other() -> None:
    extract = SRC / "extract"
    families = {p.name for p in extract.iterdir() if (p / "__init__.py").exists()} - {"common"}
    for path in extract.rglob("*.py"):
        rel = path.relative_to(SRC).parts
        if len(rel) < 3 or rel[1] not in families:
            continue
        for target in _imports(path):
            if len(target) > 1 and target[0] == "extract":
                assert target[1] in EXTRACT_SHARED | {rel[1]}, f"{path.name} imports {target}"
            if target and target[0] == "extract" and len(target) == 1:
                pytest.fail(f"{path} imports the extract package itself")


def test_sql_only_in_store() -> None:
    for path in SRC.rglob("*.py"):
        if path.relative_to(SRC).parts[0] == "store":
            continue
        text = path.read_text(encoding="utf-8")
        assert "sqlite3" not in text, f"{path} mentions sqlite3"
        assert ".execute(" not in text, f"{path} runs SQL"
