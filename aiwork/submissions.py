"""Build submissions of an assignment from its source: the reference, the stub, and fixtures.

Used by the round-trip tests, the grading benchmark and the demo class. A fixture is the
reference submission with some answer cells rewritten, as declared in
``assignments/fixtures/<id>/golden.yaml`` (see docs/conventions.md).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import yaml

from aiwork import paths

SOLUTION_MARKERS = ("### BEGIN SOLUTION", "### END SOLUTION")
HIDDEN_MARKERS = ("### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS")


@dataclass
class Fixture:
    name: str
    description: str
    cells: dict[str, str]
    expected: dict[str, float]


@dataclass
class Golden:
    assignment: str
    fixtures: list[Fixture] = field(default_factory=list)


def fixtures_dir(assignment: str, root: Path | None = None) -> Path:
    return (root or paths.assignments_dir()) / "fixtures" / assignment


def load_golden(assignment: str, root: Path | None = None) -> Golden:
    path = fixtures_dir(assignment, root) / "golden.yaml"
    if not path.exists():
        return Golden(assignment)
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    fixtures = []
    for name, spec in (data.get("submissions") or {}).items():
        fixtures.append(
            Fixture(
                name=str(name),
                description=str(spec.get("description", "")),
                cells={str(k): str(v) for k, v in (spec.get("cells") or {}).items()},
                expected={str(k): float(v) for k, v in (spec.get("expected") or {}).items()},
            )
        )
    return Golden(assignment, fixtures)


def grade_id(cell) -> str | None:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def strip_markers(source: str, markers: tuple[str, str] = SOLUTION_MARKERS) -> str:
    """Remove nbgrader delimiter lines, keeping what is between them."""
    return "\n".join(line for line in source.split("\n") if not any(m in line for m in markers))


def reference_from(source_nb, release_nb):
    """The release notebook with every solution cell replaced by the source's solution."""
    solutions = {
        grade_id(c): strip_markers(c.source)
        for c in source_nb.cells
        if c.get("metadata", {}).get("nbgrader", {}).get("solution")
    }
    nb = copy.deepcopy(release_nb)
    for cell in nb.cells:
        gid = grade_id(cell)
        if gid in solutions:
            cell.source = solutions[gid]
    return nb


def fixture_from(base_nb, fixture: Fixture):
    """``base_nb`` (normally the reference) with the fixture's answer cells written in."""
    nb = copy.deepcopy(base_nb)
    known = {grade_id(c) for c in nb.cells}
    unknown = set(fixture.cells) - known
    if unknown:
        raise KeyError(f"fixture {fixture.name!r} names unknown cells: {sorted(unknown)}")
    for cell in nb.cells:
        gid = grade_id(cell)
        if gid in fixture.cells:
            cell.source = fixture.cells[gid]
    return nb


def read(path: Path):
    return nbformat.read(str(path), as_version=4)


def write(nb, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
