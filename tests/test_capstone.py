"""Capstone (m06): the reference solution gets full marks on every case variant.

The round-trip test grades one variant per learner id; here the reference notebook (solutions
in, markers out) is executed once per variant, forced with AIWORK_CASE, and every test cell —
hidden tests included — must pass.
"""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from aiwork import casework, submissions

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "assignments" / "source" / "m06-tinh-huong" / "m06-tinh-huong.ipynb"


def test_at_least_three_variants():
    assert len(casework.cases()) >= 3


def test_variants_spread_over_learners():
    seen = {casework.case_for(f"hv{i:03d}").ma for i in range(30)}
    assert seen == set(casework.cases())


def test_learner_id_is_the_nbgrader_student_under_runtime_folders(tmp_path):
    work = tmp_path / "autograded" / "hv042" / "m06-tinh-huong"
    work.mkdir(parents=True)
    assert casework.learner_id(work) == "hv042"


@pytest.mark.parametrize("case", sorted(casework.cases()))
def test_reference_full_marks_on_every_variant(case, tmp_path, monkeypatch):
    nb = nbformat.read(str(SOURCE), as_version=4)
    for cell in nb.cells:
        cell.source = submissions.strip_markers(cell.source)
        cell.source = submissions.strip_markers(cell.source, submissions.HIDDEN_MARKERS)
    monkeypatch.setenv("AIWORK_CASE", case)
    client = NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    )
    client.execute(env=dict(os.environ))
    failed = [
        (c.metadata["nbgrader"]["grade_id"], o.get("evalue", ""))
        for c in nb.cells
        if c.metadata.get("nbgrader", {}).get("grade")
        for o in c.outputs
        if o.output_type == "error"
    ]
    intake = next(
        c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "nhan_don"
    )
    assert f"Mã tình huống: {case}" in "".join(o.get("text", "") for o in intake.outputs)
    graded = [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")]
    assert len(graded) == 10
    assert not failed, failed
    assert (tmp_path / "tra-loi-cong-dan.docx").exists()
