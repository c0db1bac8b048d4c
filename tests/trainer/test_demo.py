"""`aiwork demo` in CI: a small simulated class end to end, its report passing Decree 30.

The full demo (40 learners, every module) is timed by hand and reported in the issue; here a
few learners on module 1 keep the suite fast. Grading takes the default path of the cycle (the
grading engine's `aiwork grade` when installed).
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from aiwork.cli import main
from aiwork.decree30 import check_docx
from aiwork.trainer import demo
from aiwork.trainer.cohort import Cohort


def test_synthetic_roster_is_fictional_and_varied():
    rows = demo.synthetic_roster(40, seed=7)
    assert len({r[0] for r in rows}) == 40 and len({r[1] for r in rows}) == 40
    assert {r[2] for r in rows} == {u.name for u in demo.UNITS}
    assert all(r[3].endswith(".example") for r in rows)  # no real mailbox
    assert rows == demo.synthetic_roster(40, seed=7)  # deterministic
    assert demo.synthetic_roster(5, seed=7) == rows[:5]  # a bigger class keeps the first ones


def test_demo_class_end_to_end(tmp_path, capsys):
    folder = tmp_path / "lop-mo-phong"
    code = main(["demo", str(folder), "--learners", "4", "--modules", "m01-loi-nhac"])
    out = capsys.readouterr().out
    assert code == 0, out
    report = Path(re.search(r"Mở báo cáo: (.+\.docx)", out).group(1))
    assert report.is_file() and report.parent.parent == folder.resolve()
    assert check_docx(report) == []
    assert main(["check-docx", str(report)]) == 0

    with open(folder / demo.ROSTER_FILE, encoding="utf-8-sig", newline="") as fh:
        roster = list(csv.DictReader(fh))
    assert {r["Ghi chú"] for r in roster} == {demo.FICTION_NOTE}
    with open(report.with_suffix(".csv"), encoding="utf-8-sig", newline="") as fh:
        learners = list(csv.DictReader(fh))
    assert len(learners) == 4
    submitted = sum(r["Mô-đun 1: kết quả"] != "Chưa nộp" for r in learners)
    graded = sum(r["Mô-đun 1: kết quả"] in {"Đạt", "Chưa đạt"} for r in learners)
    assert submitted == graded >= 1  # every submission was collected and graded
    assert (folder / "feedback").is_dir()

    # Re-running resumes: a learner who already submitted is not submitted again (release,
    # collect and grading resume too: see test_cycle.py).
    cohort = Cohort.open(folder)
    assert demo.simulate_submissions(cohort, ["m01-loi-nhac"], seed=2025) == {}
