"""The hostile catalogue (hostile.yaml): one run grades all of it beside honest submissions."""

from __future__ import annotations

import json

import pytest

from . import catalogue, course

# one xdist worker for the grading tests: they share the graded class built once
pytestmark = [pytest.mark.xdist_group("grading"), pytest.mark.slow]

ENTRIES = catalogue.load()


def test_catalogue_is_large_enough():
    assert len([e for e in ENTRIES if not e.honest]) >= 20


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.name for e in ENTRIES])
def test_submission_gets_its_expected_score(hostile_run, entry):
    root, _, outcomes, scores = hostile_run
    outcome = outcomes[entry.name]
    assert outcome.status == entry.status, outcome
    if entry.status == "empty":  # stock nbgrader never sees a folder without notebooks
        assert entry.name not in scores
        return
    got = scores[entry.name]
    want = {gid: entry.points(gid) for gid in course.TEST_POINTS}
    assert {gid: got.get(gid) for gid in want} == want, outcome.message
    # a failed submission has no autograded folder (nbgrader removes it), a graded one has;
    # its grades were never set (nor zeroed: they stay in the manual queue, as in stock)
    folder = root / "autograded" / entry.name / course.ASSIGNMENT
    assert folder.is_dir() == (entry.status == "graded")
    if entry.status == "error":
        from .gradebook_sql import dump

        rows = [r for r in dump(root / "gradebook.db")["grade"] if r[1] == entry.name]
        assert rows and all(r[4] is None for r in rows), rows


def test_every_submission_has_a_recorded_outcome(hostile_run):
    root, entries, outcomes, _ = hostile_run
    assert set(outcomes) == {e.name for e in entries}
    saved = json.loads((root / "autograded" / ".aiwork-outcomes" / "gtest.json").read_text())
    assert set(saved) == {e.name for e in entries}
    for name, record in saved.items():
        assert record["status"] in ("graded", "error", "empty")
        assert (record["score"] is None) == (record["status"] == "empty"), name
        if record["status"] != "graded":
            assert record["message"], name


def test_killed_and_crashed_runs_say_why(hostile_run):
    _, _, outcomes, _ = hostile_run
    assert "timeout" in outcomes["loop_ignoring_alarm"].notebooks["gtest"]
    assert outcomes["os_exit"].notebooks["gtest"] == "crashed"
    assert outcomes["forge_protocol"].notebooks["gtest"] == "protocol"
    assert outcomes["honest_reference"].notebooks["gtest"] == "ok"


def test_autograded_notebooks_written_like_nbgrader(hostile_run):
    root, _, _, _ = hostile_run
    nb = json.loads(
        (root / "autograded" / "honest_wrong_choice" / "gtest" / "gtest.ipynb").read_text(
            encoding="utf-8"
        )
    )
    by_id = {c["metadata"].get("nbgrader", {}).get("grade_id"): c for c in nb["cells"]}
    assert [o["output_type"] for o in by_id["test_cau_1"]["outputs"]] == ["error"]
    assert "".join(by_id["test_diem_mot_phan"]["outputs"][0]["data"]["text/plain"]) == "0.5"
    assert "nam,so_ho_so" in "".join(by_id["doc_du_lieu"]["outputs"][0]["text"])
    counts = [c["execution_count"] for c in nb["cells"] if c["cell_type"] == "code"]
    assert counts == list(range(1, len(counts) + 1))
    assert (root / "autograded" / "honest_wrong_choice" / "gtest" / "data" / "so_lieu.csv").exists()


def test_rerun_resumes_without_regrading(hostile_run):
    from aiwork.grading.engine import grade

    from .conftest import gradebook_scores

    root, entries, _, scores = hostile_run
    again = grade(course.ASSIGNMENT, str(root), workers=1, timeout=5, progress=False)
    graded = {e.name for e in entries if e.status == "graded"}
    assert {n for n, o in again.items() if o.status == "skipped"} == graded
    assert gradebook_scores(root) == scores


def test_no_file_outside_the_sandbox_changed_owner(hostile_run):
    """The paths a notebook needs (Python itself, often under the grader's HOME, which the
    sandbox replaces with a private one) are the real files: nothing in a sandbox may write to
    them or change their owner (a sandbox once chowned the whole Python installation)."""
    import os
    import sys

    from aiwork.grading import sandbox

    changed = []
    for top in {sys.base_prefix, sys.prefix}:
        for dirpath, _dirnames, filenames in os.walk(top):
            for name in [dirpath, *(os.path.join(dirpath, f) for f in filenames)]:
                try:
                    if os.lstat(name).st_uid >= sandbox.UID_BASE:
                        changed.append(name)
                except OSError:
                    continue
            if len(changed) > 5:
                break
    assert not changed, changed[:5]
