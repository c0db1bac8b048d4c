"""A graded class of the test assignment, shared by the grading tests (built once)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from . import catalogue, course

#: Small limits keep the hostile run short: 12 s per cell (honest cells stay far below it even
#: on a loaded shared machine; loops pay it), 256 MB of
#: memory on top of the template (a memory bomb fills it, so time grows with it).
TIMEOUT, MEMORY = 12.0, 256


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
    outcomes = grade(
        course.ASSIGNMENT, str(root), workers=2, timeout=TIMEOUT, memory_mb=MEMORY, progress=False
    )
    return root, entries, outcomes, gradebook_scores(root)


def grade_real_assignment(tmp_path: Path, aid: str, answers: dict[str, dict[str, str]]) -> dict:
    """Generate one of the course's assignments with nbgrader, submit, for each learner id in
    ``answers``, the reference solution with those answer cells replaced (grade_id -> source),
    grade them with ``aiwork grade`` in this process and return the gradebook's scores."""
    import os
    import subprocess
    import sys

    from aiwork import submissions
    from aiwork.grading.engine import grade

    root = tmp_path / "course"
    (root / "source").mkdir(parents=True)
    shutil.copy(course.REPO / "assignments" / "nbgrader_config.py", root / "nbgrader_config.py")
    shutil.copytree(course.REPO / "assignments" / "source" / aid, root / "source" / aid)
    env = dict(os.environ, AIWORK_EXCHANGE=str(tmp_path / "exchange"))
    subprocess.run(
        [sys.executable, "-m", "nbgrader", "generate_assignment", aid, "--force"],
        cwd=root,
        env=env,
        check=True,
        capture_output=True,
    )
    release = root / "release" / aid
    nb_name = f"{aid}.ipynb"
    reference = submissions.reference_from(
        submissions.read(root / "source" / aid / nb_name), submissions.read(release / nb_name)
    )
    for learner, cells in answers.items():
        target = root / "submitted" / learner / aid
        shutil.copytree(release, target)
        nb = submissions.fixture_from(reference, submissions.Fixture(learner, "", cells, {}))
        submissions.write(nb, target / nb_name)
        (target / "timestamp.txt").write_text("2026-11-29 10:00:00.000000 UTC")
    cwd = os.getcwd()
    try:
        grade(aid, str(root), workers=2, timeout=60, memory_mb=1024, progress=False)
    finally:
        os.chdir(cwd)
    return gradebook_scores(root, aid)
