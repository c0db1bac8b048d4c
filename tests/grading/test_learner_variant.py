"""Under ``aiwork grade`` a notebook sees whose work it is (AIWORK_LEARNER_ID): module 6 grades
each learner on the case variant they were given, as stock nbgrader does from its folders."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from aiwork import casework, submissions

from .conftest import gradebook_scores

REPO = Path(__file__).resolve().parents[2]
AID = "m06-tinh-huong"
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("grading")]


def _learner_for(case: str) -> str:
    return next(f"hv{i:03d}" for i in range(1000) if casework.case_for(f"hv{i:03d}").ma == case)


def test_engine_grades_each_learner_on_their_own_variant(tmp_path):
    from aiwork.grading.engine import grade

    course = tmp_path / "course"
    (course / "source").mkdir(parents=True)
    shutil.copy(REPO / "assignments" / "nbgrader_config.py", course / "nbgrader_config.py")
    shutil.copytree(REPO / "assignments" / "source" / AID, course / "source" / AID)
    env = dict(os.environ, AIWORK_EXCHANGE=str(tmp_path / "exchange"))
    subprocess.run([sys.executable, "-m", "nbgrader", "generate_assignment", AID, "--force"],
                   cwd=course, env=env, check=True, capture_output=True)
    release = course / "release" / AID
    nb_name = f"{AID}.ipynb"
    source_nb = submissions.read(course / "source" / AID / nb_name)
    reference = submissions.reference_from(source_nb, submissions.read(release / nb_name))
    # Answers written for TH-01 only: the form and the sources of that case.
    th01 = submissions.fixture_from(reference, submissions.Fixture("th01", "", {
        "buoc_3_phieu": ('phieu = {"tom_tat": "Chậm cấp giấy chứng nhận.", "linh_vuc": "Đất đai", '
                         '"muc_do": "Thường", "co_quan_giai_quyet": "Văn phòng đăng ký đất đai"}'),
    }, {}))
    right, wrong = _learner_for("TH-01"), _learner_for("TH-03")
    for learner in (right, wrong):
        target = course / "submitted" / learner / AID
        shutil.copytree(release, target)
        submissions.write(th01, target / nb_name)
        (target / "timestamp.txt").write_text("2026-11-27 10:00:00.000000 UTC")
    cwd = os.getcwd()
    try:
        grade(AID, str(course), workers=2, timeout=60, memory_mb=1024, progress=False)
    finally:
        os.chdir(cwd)
    scores = gradebook_scores(course, AID)
    assert scores[right]["test_buoc_3_phieu"] == 2
    assert scores[wrong]["test_buoc_3_phieu"] == 0
