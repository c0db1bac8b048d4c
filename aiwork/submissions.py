"""Build submissions of an assignment from its source: the reference, the stub, and fixtures.

Used by the round-trip tests, the grading benchmark and the demo class. A fixture is the
reference submission with some answer cells rewritten, as declared in
``assignments/fixtures/<id>/golden.yaml`` (whole-submission personas) or assembled from the
labelled answers in ``assignments/fixtures/<id>/answers.yaml`` (EXERCISE_STANDARD §3: for every
graded cell, correct and wrong answers with the exact points each must get; see
docs/conventions.md).
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


# --- labelled answers (answers.yaml) ------------------------------------------------------------

KINDS = ("correct", "wrong")


@dataclass
class LabelledAnswer:
    """One answer to a group of answer cells, labelled correct or wrong, with its points."""

    id: str
    kind: str
    note: str
    cells: dict[str, str]  # answer cell grade_id -> the source the learner wrote
    expected: dict[str, float]  # test cell grade_id -> points (tests not listed: full marks)


@dataclass
class AnswerGroup:
    """Answer cells graded together, the test cells that read only them, and their answers."""

    name: str
    cells: list[str]
    tests: list[str]
    answers: list[LabelledAnswer] = field(default_factory=list)

    def of_kind(self, kind: str) -> list[LabelledAnswer]:
        return [a for a in self.answers if a.kind == kind]


def _answers_data(assignment: str, root: Path | None = None) -> dict:
    path = fixtures_dir(assignment, root) / "answers.yaml"
    if not path.exists():
        return {}
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def load_answers(assignment: str, root: Path | None = None) -> list[AnswerGroup]:
    """The labelled answers of an assignment (empty when it has no answers.yaml); for an
    assignment with case variants, those of its main case (see :func:`load_variants`)."""
    return _groups(_answers_data(assignment, root))


@dataclass
class Variant:
    """Answers for one case variant of an assignment whose case follows the learner
    (module 6): graded with ``AIWORK_CASE`` set to ``case``."""

    case: str
    reference: dict[str, str]  # answer cell grade_id -> this case's reference answer
    groups: list[AnswerGroup]


def load_variants(assignment: str, root: Path | None = None) -> tuple[str | None, list[Variant]]:
    """``(main case, other variants)`` declared in answers.yaml (``case:`` and ``variants:``);
    ``(None, [])`` for an assignment without variants. The source notebook's reference and the
    top-level groups are written for the main case."""
    data = _answers_data(assignment, root)
    variants = [
        Variant(
            str(case),
            {str(k): str(v) for k, v in (spec.get("reference") or {}).items()},
            _groups(spec),
        )
        for case, spec in (data.get("variants") or {}).items()
    ]
    return (str(data["case"]) if data.get("case") else None), variants


def _groups(data: dict) -> list[AnswerGroup]:
    groups = []
    for name, spec in (data.get("groups") or {}).items():
        cells = [str(c) for c in spec.get("cells") or [name]]
        group = AnswerGroup(str(name), cells, [str(t) for t in spec.get("tests") or []])
        for item in spec.get("answers") or []:
            if "source" in item:  # one-cell shorthand
                item_cells = {cells[0]: str(item["source"])}
            else:
                item_cells = {str(k): str(v) for k, v in (item.get("cells") or {}).items()}
            group.answers.append(
                LabelledAnswer(
                    id=str(item["id"]),
                    kind=str(item.get("kind", "")),
                    note=str(item.get("note", "")),
                    cells=item_cells,
                    expected={str(k): float(v) for k, v in (item.get("expected") or {}).items()},
                )
            )
        groups.append(group)
    return groups


def answer_rows(groups: list[AnswerGroup]) -> list[Fixture]:
    """Whole submissions that carry the labelled answers: row k holds the k-th answer of every
    group (groups with fewer answers keep the reference). Groups are independent by
    declaration (their tests read only their cells), so one nbgrader run grades them all.
    """
    rows = []
    for k in range(max((len(g.answers) for g in groups), default=0)):
        cells: dict[str, str] = {}
        expected: dict[str, float] = {}
        labels = []
        for g in groups:
            if k < len(g.answers):
                a = g.answers[k]
                cells.update(a.cells)
                expected.update(a.expected)
                labels.append(f"{g.name}:{a.id}")
        rows.append(Fixture(f"nhan-{k + 1:02d}", "; ".join(labels), cells, expected))
    return rows


def grade_id(cell) -> str | None:
    return cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")


def strip_markers(source: str, markers: tuple[str, str] = SOLUTION_MARKERS) -> str:
    """Remove nbgrader delimiter lines, keeping what is between them."""
    return "\n".join(line for line in source.split("\n") if not any(m in line for m in markers))


def reference_from(source_nb, release_nb, *, keep_markers: bool = False):
    """The release notebook with every solution cell replaced by the source's solution.

    ``keep_markers`` keeps nbgrader's solution markers in place, as when a trainer runs the
    source notebook as it is; graders must read that answer the same way.
    """
    solutions = {
        grade_id(c): c.source if keep_markers else strip_markers(c.source)
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
