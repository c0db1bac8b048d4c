"""Every committed notebook is valid, stripped of outputs, with unique cell and grade ids."""

from __future__ import annotations

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


def test_every_module_has_lesson_and_assignment():
    lessons = sorted(
        p.name for p in (REPO / "course").iterdir() if p.is_dir() and p.name[:2].isdigit()
    )
    assert lessons, "no lessons"
    for lesson in lessons:
        assert (REPO / "course" / lesson / "bai-hoc.ipynb").exists(), lesson
        assert (REPO / "assignments" / "source" / f"m{lesson}").exists(), (
            f"no assignment for {lesson}"
        )
