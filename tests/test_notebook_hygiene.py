"""Every committed notebook is valid, stripped of outputs, with unique cell and grade ids."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted(
    p
    for d in ("course", "assignments/source")
    for p in (REPO / d).rglob("*.ipynb")
    if ".ipynb_checkpoints" not in p.parts
)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(REPO)))
def test_notebook_is_clean(path: Path):
    nb = nbformat.read(str(path), as_version=4)
    nbformat.validate(nb)
    ids = [c.get("id") for c in nb.cells]
    assert all(ids) and len(ids) == len(set(ids)), "cell ids missing or repeated"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, "outputs not stripped"
    grade_ids = [
        c.metadata["nbgrader"]["grade_id"]
        for c in nb.cells
        if "nbgrader" in c.metadata and "grade_id" in c.metadata["nbgrader"]
    ]
    assert len(grade_ids) == len(set(grade_ids)), "grade ids repeated"


# Lessons without a graded assignment: module 0 is the ungraded first hour (self-check only).
UNGRADED = {"00-lam-quen"}


def _lessons() -> list[str]:
    return sorted(
        p.name for p in (REPO / "course").iterdir() if p.is_dir() and p.name[:2].isdigit()
    )


def test_every_module_has_lesson_and_assignment():
    lessons = _lessons()
    assert lessons, "no lessons"
    for lesson in lessons:
        assert (REPO / "course" / lesson / "bai-hoc.ipynb").exists(), lesson
        if lesson in UNGRADED:
            assert not (REPO / "assignments" / "source" / f"m{lesson}").exists(), lesson
            continue
        assert (REPO / "assignments" / "source" / f"m{lesson}").exists(), (
            f"no assignment for {lesson}"
        )


def test_course_order_starts_with_module_0():
    """The first hour is module 0 (Làm quen); the README syllabus lists every lesson in order."""
    lessons = _lessons()
    assert lessons[0] == "00-lam-quen"
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    syllabus = readme[readme.index("## Syllabus") :].split("\n## ", 1)[0]
    rows = [line.split("`")[1] for line in syllabus.splitlines() if re.match(r"\| \d+ \|", line)]
    assert rows == lessons, rows
    quick = readme[readme.index("**Dành cho học viên**") :].split("**Dành cho giảng viên**")[0]
    assert "00-lam-quen" in quick and "Nbgrader → Assignment List" in quick


def test_learner_readmes_are_vietnamese():
    """Every paragraph a learner reads in course/**/README.md is Vietnamese (issue 18: the
    module 4 data README ended in English)."""
    vietnamese = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.I)
    for readme in sorted((REPO / "course").rglob("README.md")):
        text = readme.read_text(encoding="utf-8")
        text = re.sub(r"```.*?```", "", text, flags=re.S)
        for para in re.split(r"\n\s*\n", text):
            lines = [ln for ln in para.splitlines() if not ln.lstrip().startswith("|")]
            prose = re.sub(r"`[^`]*`", "", " ".join(lines))
            if len(prose.split()) >= 6:
                assert vietnamese.search(prose), f"{readme.relative_to(REPO)}: {prose[:80]!r}"


def test_lesson_readmes_state_time_and_what_the_learner_does():
    """EXERCISE_STANDARD §6: each lesson's README says how long it takes (a lesson fits in 60
    minutes) and what the learner will do."""
    for lesson in _lessons():
        text = " ".join(
            (REPO / "course" / lesson / "README.md").read_text(encoding="utf-8").split()
        )
        assert re.search(r"Anh/chị sẽ", text), (
            f"{lesson}: README does not say what the learner does"
        )
        m = re.search(r"Thời lượng:\*\*\s*(?:bài học\s*)?khoảng (\d+) phút", text)
        assert m, f"{lesson}: README does not state the lesson's time"
        assert int(m.group(1)) <= 60, f"{lesson}: lesson longer than 60 minutes"


ASSIGNMENT_NOTEBOOKS = sorted((REPO / "assignments" / "source").glob("*/*.ipynb"))


@pytest.mark.parametrize("path", ASSIGNMENT_NOTEBOOKS, ids=lambda p: p.parent.name)
def test_submit_step_names_the_labs_menu(path: Path):
    """The lab has no "Assignments" tab until the learner opens Nbgrader → Assignment List
    (issue 18): an assignment's closing cell says where to submit with the menu's name."""
    nb = nbformat.read(str(path), as_version=4)
    closing = nb.cells[-1].source
    assert "Nbgrader → Assignment List" in closing and "Submit" in closing, closing
    for cell in nb.cells:
        if re.search(r"thẻ \**Assignments", cell.source):
            assert "Nbgrader → Assignment List" in cell.source, cell.source
