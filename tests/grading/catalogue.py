"""Builds the submissions of ``hostile.yaml`` into a course (used by the tests)."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from aiwork import submissions

from . import course

CATALOGUE = Path(__file__).with_name("hostile.yaml")


@dataclass
class Entry:
    name: str
    description: str
    expected: dict[str, float]
    status: str = "graded"
    honest: bool = False
    spec: dict = field(default_factory=dict)

    def points(self, grade_id: str) -> float:
        """The score the gradebook must hold: full marks unless listed; a failed submission's
        grades stay unset, as stock nbgrader leaves them (a score of 0)."""
        if grade_id in self.expected:
            return float(self.expected[grade_id])
        return 0.0 if self.status == "error" else float(course.TEST_POINTS[grade_id])


def load() -> list[Entry]:
    data = yaml.safe_load(CATALOGUE.read_text(encoding="utf-8"))
    return [
        Entry(
            name,
            spec.get("description", ""),
            spec.get("expected") or {},
            spec.get("status", "graded"),
            bool(spec.get("honest")),
            spec,
        )
        for name, spec in data["submissions"].items()
    ]


def _find(nb, gid: str) -> int:
    for i, cell in enumerate(nb.cells):
        if submissions.grade_id(cell) == gid:
            return i
    raise KeyError(gid)


REPO = Path(__file__).resolve().parents[2]


def build(root: Path, entries: list[Entry]) -> None:
    ref = course.reference(root)
    release = submissions.read(root / "release" / course.ASSIGNMENT / f"{course.ASSIGNMENT}.ipynb")
    for e in entries:
        spec = e.spec
        if spec.get("no_notebook"):
            course.submit(root, e.name, None)
            continue
        if "raw" in spec:
            course.submit(root, e.name, None, raw=spec["raw"])
            continue
        nb = copy.deepcopy(release if spec.get("base") == "release" else ref)
        # {course}: this run's course folder; {repo}: the checkout whose tests are running
        cells = {
            k: v.replace("{course}", str(root)).replace("{repo}", str(REPO))
            for k, v in (spec.get("cells") or {}).items()
        }
        for cell in nb.cells:
            if submissions.grade_id(cell) in cells:
                cell.source = cells[submissions.grade_id(cell)]
        for gid in spec.get("delete") or []:
            del nb.cells[_find(nb, gid)]
        if spec.get("move"):
            cell = nb.cells.pop(_find(nb, spec["move"]["cell"]))
            nb.cells.insert(_find(nb, spec["move"]["before"]), cell)
        course.submit(root, e.name, nb, name=spec.get("name"))
