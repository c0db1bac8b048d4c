"""The toolkit's modules import each other without cycles (issue 23, item 6).

The import graph is built from the source with ``ast``: every ``import``/``from ... import`` in
a module, including the lazy ones inside functions (a cycle through a lazy import still ties
two modules together and breaks as soon as someone moves the import to the top). An edge goes
to the module actually named: ``from aiwork.trainer import cycle`` is an edge to
``aiwork.trainer.cycle``; ``from aiwork.decree30 import check_docx`` one to the package
``aiwork.decree30`` (its ``__init__``).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
ROOTS = ("aiwork", "graders")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def discover() -> dict[str, Path]:
    return {module_name(p): p for root in ROOTS for p in sorted((REPO / root).rglob("*.py"))}


def imports_of(name: str, path: Path, modules: set[str]) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in modules:
                    out.add(alias.name)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                if sub in modules:
                    out.add(sub)
                elif target in modules:
                    out.add(target)
    out.discard(name)
    return out


def import_graph() -> dict[str, set[str]]:
    found = discover()
    names = set(found)
    return {name: imports_of(name, path, names) for name, path in found.items()}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle of ``graph`` as a list of modules (first == last), or None."""
    WHITE, GREY, BLACK = 0, 1, 2
    colour = dict.fromkeys(graph, WHITE)
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        colour[node] = GREY
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if colour.get(nxt) == GREY:
                return [*stack[stack.index(nxt) :], nxt]
            if colour.get(nxt) == WHITE:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        colour[node] = BLACK
        return None

    for node in sorted(graph):
        if colour[node] == WHITE:
            cycle = visit(node)
            if cycle:
                return cycle
    return None


def test_the_graph_sees_lazy_and_relative_imports():
    graph = import_graph()
    # lazy, inside a function
    assert "aiwork.trainer.demo" in graph["aiwork.trainer.cli"]
    # relative: decree30/checker.py does `from .docmodel import ...`
    assert "aiwork.decree30.docmodel" in graph["aiwork.decree30.checker"]


def test_the_cycle_finder_finds_a_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


@pytest.mark.parametrize("root", ROOTS)
def test_no_import_cycle(root):
    graph = {k: {v for v in vs if v.split(".")[0] == root} for k, vs in import_graph().items()}
    graph = {k: vs for k, vs in graph.items() if k.split(".")[0] == root}
    cycle = find_cycle(graph)
    assert cycle is None, "import cycle: " + " -> ".join(cycle)


def test_cycle_does_not_walk_the_cli_parser():
    """trainer/cycle.py chooses the grading engine without building aiwork.cli's parser."""
    source = (REPO / "aiwork" / "trainer" / "cycle.py").read_text(encoding="utf-8")
    assert "aiwork.cli" not in import_graph()["aiwork.trainer.cycle"]
    assert "_SubParsersAction" not in source
