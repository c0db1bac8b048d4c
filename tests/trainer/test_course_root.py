"""A class made from a course root given as an argument (`--assignments`), as on a hub where
the installed toolkit carries no course sources (issue 23): the class records the root, so its
commands work whatever AIWORK_ROOT says later."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from aiwork.cli import main
from aiwork.trainer.cohort import Cohort

REPO = Path(__file__).resolve().parents[2]
AID = "m01-loi-nhac"
ROSTER = "Mã học viên,Họ và tên,Đơn vị,Email\nhv001,Nguyễn Văn An,Sở Nội vụ,an@vi-du.example\n"


def test_class_from_a_course_root_outside_the_checkout(tmp_path, monkeypatch, capsys):
    course = tmp_path / "khoa-hoc"
    (course / "source").mkdir(parents=True)
    shutil.copy(REPO / "assignments" / "nbgrader_config.py", course / "nbgrader_config.py")
    shutil.copytree(REPO / "assignments" / "source" / AID, course / "source" / AID)
    roster = tmp_path / "ds.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    cls, ex = tmp_path / "lop", tmp_path / "ex"
    init = ["cohort", "init", str(cls), "--roster", str(roster)]
    assert main([*init, "--exchange", str(ex), "--assignments", str(course)]) == 0
    assert Cohort.open(cls).assignments() == [AID]  # only what that course holds

    # the default course root now points nowhere: the class keeps working from its record
    monkeypatch.setenv("AIWORK_ROOT", str(tmp_path / "khong-co"))
    assert main(["release", "--course", str(cls)]) == 0, capsys.readouterr()
    assert (ex / "lop" / "outbound" / AID / f"{AID}.ipynb").is_file()
    assert str(course / "nbgrader_config.py") in (cls / "nbgrader_config.py").read_text()

    # re-running init without --assignments keeps the recorded root
    assert main(init) == 0
    assert json.loads((cls / "cohort.json").read_text())["assignments"] == str(course)


def test_a_folder_that_is_no_course_root_is_refused(tmp_path, capsys):
    roster = tmp_path / "ds.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    (tmp_path / "rong").mkdir()
    code = main(
        [
            "cohort",
            "init",
            str(tmp_path / "lop"),
            "--roster",
            str(roster),
            "--assignments",
            str(tmp_path / "rong"),
        ]
    )
    assert code == 2
    assert "--assignments" in capsys.readouterr().err
    assert not (tmp_path / "lop").exists()
