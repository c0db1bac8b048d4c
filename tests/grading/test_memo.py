"""Caches graders consult (``aiwork.memo``): frozen in the template, reset before test cells.

A learner who alters a cached object (module 4's expected figures) or plants an entry must
not change a grade; the template's frozen entries are the work shared by every sandbox.
"""

from __future__ import annotations

import os
import pickle
import shutil
import signal
import subprocess
import sys
import types
from pathlib import Path

import pytest

import graders
from aiwork import memo as memo_module
from aiwork import submissions
from aiwork.grading.harness import Snapshot
from aiwork.memo import Memo

from .conftest import gradebook_scores

REPO = Path(__file__).resolve().parents[2]


def test_memo_computes_once_and_keeps_a_bounded_number_of_entries():
    calls: list[int] = []
    m = Memo("test.bounded", size=2)
    assert m.get("a", lambda: calls.append(1) or {"v": 1}) == {"v": 1}
    assert m.get("a", lambda: calls.append(1) or {"v": 2}) == {"v": 1}
    m.get("b", lambda: 2)
    m.get("c", lambda: 3)  # "a" is dropped: the oldest
    assert m.get("a", lambda: "again") == "again"
    assert calls == [1]


def test_a_none_result_is_not_kept():
    m = Memo("test.none")
    assert m.get("k", lambda: None) is None
    assert m.get("k", lambda: 5) == 5


def test_frozen_entries_are_copies_and_reset_drops_everything_else():
    m = Memo("test.frozen")
    m.get("expected", lambda: {"total": 198722})
    m.freeze()
    frozen = m.state()
    assert isinstance(frozen["expected"], bytes)
    first = m.get("expected", lambda: pytest.fail("recomputed a frozen entry"))
    first["total"] = 1  # what a learner cell could do to the object it was given
    m.get("planted", lambda: "learner")
    m.reset(frozen)
    assert m.get("expected", lambda: None) == {"total": 198722}
    assert m.get("planted", lambda: "computed again") == "computed again"


@pytest.fixture()
def frozen_memo():
    m = Memo("test.harness")
    m.get("figures", lambda: {"ho_so_tiep_nhan": 198722})
    m.freeze()
    roots = [sys.prefix, sys.base_prefix, *graders.__path__,
             os.path.dirname(os.path.dirname(os.path.abspath(types.__file__)))]
    snap = Snapshot.capture(roots, signal.getsignal(signal.SIGALRM))
    yield m, snap
    memo_module._ALL.remove(m)


def test_harness_restores_memos_whatever_learner_code_did(frozen_memo):
    m, snap = frozen_memo
    m.get("figures", lambda: None)["ho_so_tiep_nhan"] = 12345  # alter the live copy
    m.get("planted", lambda: "fake")  # plant an entry
    object.__setattr__(m, "_frozen", {"figures": pickle.dumps({"ho_so_tiep_nhan": 12345})})
    m.reset = lambda frozen: None  # and disable the memo's own reset
    snap.restore(types.SimpleNamespace(user_ns={}))
    assert m.get("figures", lambda: None) == {"ho_so_tiep_nhan": 198722}
    assert m.get("planted", lambda: "recomputed") == "recomputed"


@pytest.mark.slow
@pytest.mark.xdist_group("grading")
def test_a_poisoned_grader_cache_changes_no_grade_under_aiwork_grade(tmp_path):
    """Module 4's expected figures are frozen in the template; a learner cell that edits them
    to match a wrong total still scores 0 on that test cell, and the honest one full marks."""
    from aiwork.grading.engine import grade

    aid = "m04-bao-cao"
    course = tmp_path / "course"
    (course / "source").mkdir(parents=True)
    shutil.copy(REPO / "assignments" / "nbgrader_config.py", course / "nbgrader_config.py")
    shutil.copytree(REPO / "assignments" / "source" / aid, course / "source" / aid)
    env = dict(os.environ, AIWORK_EXCHANGE=str(tmp_path / "exchange"))
    subprocess.run([sys.executable, "-m", "nbgrader", "generate_assignment", aid, "--force"],
                   cwd=course, env=env, check=True, capture_output=True)
    release = course / "release" / aid
    nb_name = f"{aid}.ipynb"
    reference = submissions.reference_from(
        submissions.read(course / "source" / aid / nb_name), submissions.read(release / nb_name))
    poisoned = submissions.fixture_from(reference, submissions.Fixture("poison", "", {"cau_1": (
        "import graders.m04_bao_cao as g\n"
        'g.expected()["services"]["ho_so_tiep_nhan"] = 12345\n'
        "tong_ho_so = 12345\n"
        'ty_le_truc_tuyen = round(100 * dv["ho_so_truc_tuyen"].sum() / dv["ho_so_tiep_nhan"].sum(), 1)\n'
        'so_don_vi_dat = (100 * dt["da_hoan_thanh"] / dt["tong_so_cbccvc"] >= 80).sum()\n'
    )}, {}))
    for learner, nb in (("honest", reference), ("poison", poisoned)):
        target = course / "submitted" / learner / aid
        shutil.copytree(release, target)
        submissions.write(nb, target / nb_name)
        (target / "timestamp.txt").write_text("2026-11-29 10:00:00.000000 UTC")
    cwd = os.getcwd()
    try:
        grade(aid, str(course), workers=2, timeout=60, memory_mb=1024, progress=False)
    finally:
        os.chdir(cwd)
    scores = gradebook_scores(course, aid)
    assert scores["poison"]["test_cau_1a"] == 0
    assert scores["poison"]["test_cau_1b"] == 1  # later cells use the true figures again
    assert scores["honest"]["test_cau_1a"] == 1
    assert sum(scores["honest"].values()) == 15
