"""A real class, built once per session with real nbgrader, that fault cases copy and damage.

``lop-k1``: four learners on the roster; module 1 released through a real exchange; hv001
(reference answer) and hv002 (a wrong fixture) submitted with nbgrader's own submit code,
collected, graded by stock nbgrader, feedback generated and returned. Each case gets its own
copy (:func:`workspace`), so a case can damage it freely.
"""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import pytest

from aiwork import submissions as S
from aiwork.cli import main
from aiwork.trainer import cycle, demo
from aiwork.trainer.cohort import Cohort

AID = "m01-loi-nhac"
ROSTER = (
    "Mã học viên,Họ và tên,Đơn vị,Email\n"
    "hv001,Nguyễn Văn An,UBND phường Quy Nhơn,an@vi-du.example\n"
    "hv002,Trần Thị Bình,UBND phường Quy Nhơn,binh@vi-du.example\n"
    "hv003,Lê Minh Châu,Sở Khoa học và Công nghệ,chau@vi-du.example\n"
    "hv004,Phạm Thu Dung,Sở Khoa học và Công nghệ,dung@vi-du.example\n"
)


@pytest.fixture(scope="session")
def base_class(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("faults-base")
    (base / "in").mkdir()
    roster = base / "in" / "danh-sach.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    root = base / "lop-k1"
    mp = pytest.MonkeyPatch()
    mp.setenv(cycle.GRADER_ENV, "nbgrader")
    try:
        assert (
            main(
                [
                    "cohort",
                    "init",
                    str(root),
                    "--roster",
                    str(roster),
                    "--course-id",
                    "lop-k1",
                    "--exchange",
                    str(base / "exchange"),
                ]
            )
            == 0
        )
        assert main(["release", AID, "--course", str(root)]) == 0
        cohort = Cohort.open(root)
        api = cohort.api()
        wrong = next(f.name for f in S.load_golden(AID).fixtures if f.expected)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for sid, kind in (("hv001", "reference"), ("hv002", wrong)):
                demo.submit(cohort, api, sid, AID, demo.notebooks_for(cohort, AID, kind))
        assert main(["collect", "--course", str(root)]) == 0
        assert cycle.grade(cohort, AID).ok
        assert cycle.feedback(cohort, AID).ok
        assert main(["return", "--course", str(root)]) == 0
    finally:
        mp.undo()
    return base


def copy_class(base: Path, dest: Path) -> Path:
    """A copy of the base workspace at ``dest`` whose class points at its own exchange."""
    shutil.copytree(base, dest, symlinks=True)
    for name in ("cohort.json", "nbgrader_config.py"):
        path = dest / "lop-k1" / name
        path.write_text(
            path.read_text(encoding="utf-8").replace(str(base), str(dest)), encoding="utf-8"
        )
    return dest
