"""A graded class of the test assignment, shared by the grading tests (built once)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from . import catalogue, course

#: Small limits keep the hostile run short: 8 s per cell (honest cells stay far below it even
#: on a loaded shared machine; loops pay it), 256 MB of
#: memory on top of the template (a memory bomb fills it, so time grows with it).
TIMEOUT, MEMORY = 8.0, 256


def gradebook_scores(root: Path, assignment: str = course.ASSIGNMENT) -> dict[str, dict]:
    from nbgrader.api import Gradebook

    out: dict[str, dict] = {}
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gb:
        for sub in gb.assignment_submissions(assignment):
            out[sub.student.id] = {g.name: g.score for nb in sub.notebooks for g in nb.grades}
    return out


@pytest.fixture(scope="session")
def blank_course(tmp_path_factory) -> Path:
    """The course with ``gtest`` generated and no submissions (copy it, do not modify)."""
    return course.build(tmp_path_factory.mktemp("grading") / "course")


def copy_course(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst)
    cfg = dst / "nbgrader_config.py"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace(str(src), str(dst)), encoding="utf-8")
    return dst


@pytest.fixture(scope="session")
def hostile_run(blank_course, tmp_path_factory):
    """Every catalogue submission graded in one ``aiwork grade`` run."""
    from aiwork.grading.engine import grade

    root = copy_course(blank_course, tmp_path_factory.mktemp("hostile") / "course")
    entries = catalogue.load()
    catalogue.build(root, entries)
    outcomes = grade(course.ASSIGNMENT, str(root), workers=2, timeout=TIMEOUT,
                     memory_mb=MEMORY, progress=False)
    return root, entries, outcomes, gradebook_scores(root)
