"""Honest submissions: `aiwork grade` writes exactly the grades stock `nbgrader autograde` does.
Also: feedback hides hidden tests, and an interrupted run is redone on resume."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from . import catalogue, course
from .conftest import copy_course, gradebook_scores

# one xdist worker for the grading tests: they share the graded class built once
pytestmark = [pytest.mark.xdist_group("grading"), pytest.mark.slow]


def test_honest_scores_equal_stock_nbgrader(blank_course, hostile_run, tmp_path):
    _, entries, _, ours = hostile_run
    honest = [e for e in entries if e.honest]
    assert len(honest) >= 5
    root = copy_course(blank_course, tmp_path / "stock")
    catalogue.build(root, honest)
    env = dict(os.environ, PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"])
    proc = subprocess.run(
        [sys.executable, "-m", "nbgrader", "autograde", course.ASSIGNMENT],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    stock = gradebook_scores(root)
    for e in honest:
        assert ours[e.name] == stock[e.name], e.name


def test_feedback_shows_verdicts_never_hidden_code(hostile_run):
    from aiwork.grading.feedback import generate

    root, _, _, _ = hostile_run
    written = generate(course.ASSIGNMENT, str(root), student="honest_wrong_choice").written
    assert written
    html = open(written[0], encoding="utf-8").read()
    assert "BEGIN HIDDEN TESTS" not in html
    assert "upper() ==" not in html and "công văn&quot; in" not in html  # hidden lines
    assert "isinstance" in html  # visible tests stay
    assert "Kiểm tra ẩn (không hiển thị mã): KHÔNG ĐẠT — 0/2 điểm" in html
    assert "Kiểm tra ẩn (không hiển thị mã): ĐẠT — 3/3 điểm" in html


def test_interrupted_submission_is_regraded_and_held_from_feedback(blank_course, tmp_path):
    from aiwork.grading import status
    from aiwork.grading.engine import grade
    from aiwork.grading.feedback import generate

    root = copy_course(blank_course, tmp_path / "course")
    entries = [e for e in catalogue.load() if e.name in ("honest_reference", "honest_wrong_choice")]
    catalogue.build(root, entries)
    first = grade(course.ASSIGNMENT, str(root), workers=1, timeout=10, progress=False)
    assert {o.status for o in first.values()} == {"graded"}
    generate(course.ASSIGNMENT, str(root))
    stale = root / "feedback" / "honest_wrong_choice" / course.ASSIGNMENT / "gtest.html"
    assert stale.exists()
    # a run killed half-way through writing one submission leaves its marker behind
    status.Progress(root, course.ASSIGNMENT).begin("honest_wrong_choice")
    assert status.unfinished(root, course.ASSIGNMENT) == ["honest_wrong_choice"]
    report = generate(course.ASSIGNMENT, str(root))
    assert report.unfinished == ["honest_wrong_choice"]
    assert not any("honest_wrong_choice" in p for p in report.written)
    # the marker is the engine's own record: never copied into anybody's feedback
    assert not [p for p in (root / "feedback").rglob("*") if "unfinished" in p.name]
    again = grade(course.ASSIGNMENT, str(root), workers=1, timeout=10, progress=False)
    assert again["honest_reference"].status == "skipped"
    assert again["honest_wrong_choice"].status == "graded"
    assert not stale.exists()  # regrading invalidated the feedback of the old grading
    assert status.unfinished(root, course.ASSIGNMENT) == []
    assert gradebook_scores(root)["honest_wrong_choice"]["test_cau_1"] == 0


def test_cli_grade_then_feedback(blank_course, tmp_path, capsys):
    from aiwork.cli import main

    root = copy_course(blank_course, tmp_path / "course")
    entries = [e for e in catalogue.load() if e.name in ("honest_reference", "corrupt_json")]
    catalogue.build(root, entries)
    code = main(
        [
            "grade",
            course.ASSIGNMENT,
            "--course",
            str(root),
            "--workers",
            "1",
            "--timeout",
            "10",
            "--memory",
            "512",
            "--quiet",
        ]
    )
    out = capsys.readouterr()
    assert code == 1  # as stock nbgrader: a submission could not be graded
    assert "gtest: 2 bài nộp (lỗi: 1, đã chấm: 1)" in out.out
    assert "corrupt_json: lỗi" in out.err
    assert "Traceback" not in out.err
    assert main(["feedback", course.ASSIGNMENT, "--course", str(root)]) == 0
    assert (root / "feedback" / "honest_reference" / course.ASSIGNMENT / "gtest.html").exists()
