"""Under ``aiwork grade`` a notebook sees whose work it is, as under stock nbgrader, from the
folder it runs in (``autograded/<student>/<assignment>``): module 6 grades each learner on the
case variant they were given."""

from __future__ import annotations

import pytest

from aiwork import casework

from .conftest import grade_real_assignment

AID = "m06-tinh-huong"
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("grading")]


def _learner_for(case: str) -> str:
    return next(f"hv{i:03d}" for i in range(1000) if casework.case_for(f"hv{i:03d}").ma == case)


def test_engine_grades_each_learner_on_their_own_variant(tmp_path):
    # Answers written for TH-01 only: the form and the sources of that case.
    th01 = {
        "buoc_3_phieu": (
            'phieu = """\nTóm tắt: Chậm cấp giấy chứng nhận.\nLĩnh vực: Đất đai\nMức độ: Thường\n'
            'Cơ quan giải quyết: Văn phòng đăng ký đất đai\n"""'
        )
    }
    right, wrong = _learner_for("TH-01"), _learner_for("TH-03")
    scores = grade_real_assignment(tmp_path, AID, {right: th01, wrong: th01})
    assert scores[right]["test_buoc_3_phieu"] == 2
    assert scores[wrong]["test_buoc_3_phieu"] == 0
