"""Crash safety (issue 20): `aiwork grade` killed with SIGKILL at several moments of a run, then
run again, leaves the same gradebook (by SQL), outcomes and feedback as a run never killed."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from . import catalogue, course
from .conftest import copy_course
from .gradebook_sql import dump, files

pytestmark = [pytest.mark.xdist_group("grading"), pytest.mark.slow]

LEARNERS = ("honest_reference", "honest_wrong_choice", "honest_unanswered", "honest_sys_exit")
COPIES = 2  # each learner's submission twice: 8 submissions


def _class(blank_course: Path, root: Path) -> Path:
    root = copy_course(blank_course, root)
    entries = [e for e in catalogue.load() if e.name in LEARNERS]
    catalogue.build(root, entries)
    for e in entries:  # a second learner with the same work
        for k in range(1, COPIES):
            src = root / "submitted" / e.name
            shutil.copytree(src, root / "submitted" / f"{e.name}_{k}")
    return root


def _cmd(command: str, root: Path) -> list[str]:
    cmd = [sys.executable, "-m", "aiwork.cli", command, course.ASSIGNMENT, "--course", str(root)]
    return cmd + (["--quiet", "--workers", "2", "--timeout", "20"] if command == "grade" else [])


def _outcomes(root: Path) -> dict:
    """The outcomes saved so far (the JSON file and, during a run, its journal)."""
    from aiwork.grading import status

    if not (root / "autograded").is_dir():
        return {}
    data = status.Progress(root, course.ASSIGNMENT).load()
    for record in data.values():
        record.pop("seconds", None)  # how long it took is not what was decided
    return data


def _state(root: Path) -> tuple:
    subprocess.run(_cmd("feedback", root), capture_output=True, check=True, timeout=600)
    feedback = {
        f: (root / "feedback" / f).read_text(encoding="utf-8") for f in files(root / "feedback")
    }
    return dump(root / "gradebook.db"), _outcomes(root), files(root / "autograded"), feedback


def _kill_after(root: Path, graded: int) -> None:
    """Start `aiwork grade`, SIGKILL it once ``graded`` outcomes are saved (0: as soon as the
    first submission starts being written, i.e. a marker appears)."""
    markers = root / "autograded" / ".aiwork-outcomes" / f"{course.ASSIGNMENT}.unfinished"
    proc = subprocess.Popen(_cmd("grade", root), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 600
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            if graded == 0:
                if markers.is_dir() and any(markers.iterdir()):
                    break
            elif len(_outcomes(root)) >= graded:
                break
            time.sleep(0.005)
        assert proc.poll() is None, "the run ended before it could be killed"
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()


@pytest.fixture(scope="module")
def uninterrupted(blank_course, tmp_path_factory):
    root = _class(blank_course, tmp_path_factory.mktemp("crash") / "whole")
    run = subprocess.run(_cmd("grade", root), capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr
    return _state(root)


@pytest.mark.parametrize("graded", [0, 1, 4, 7])
def test_kill_9_then_rerun_equals_an_uninterrupted_run(
    blank_course, uninterrupted, tmp_path, graded
):
    root = _class(blank_course, tmp_path / "course")
    _kill_after(root, graded)
    run = subprocess.run(_cmd("grade", root), capture_output=True, text=True, timeout=900)
    assert run.returncode == 0, run.stderr
    gradebook, outcomes, autograded, feedback = _state(root)
    want_gradebook, want_outcomes, want_autograded, want_feedback = uninterrupted
    assert gradebook == want_gradebook
    assert outcomes == want_outcomes
    assert autograded == want_autograded
    assert feedback.keys() == want_feedback.keys()
    assert feedback == want_feedback
