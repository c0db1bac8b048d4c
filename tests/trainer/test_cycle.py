"""A small class taken through the whole cycle with the CLI, as a trainer would.

cohort init → release → (learners submit through nbgrader's exchange) → collect → grade →
feedback → return → report, each step re-run to prove it is idempotent, plus an interrupted
grading resumed and bad rosters that leave nothing behind.
"""

from __future__ import annotations

import csv
import warnings
from pathlib import Path

import pytest
from openpyxl import load_workbook

from aiwork import submissions as S
from aiwork.cli import main
from aiwork.decree30 import check_docx
from aiwork.trainer import cycle, demo, policy
from aiwork.trainer.cohort import Cohort

AID = "m01-loi-nhac"
ROSTER = (
    "Mã học viên,Họ và tên,Đơn vị,Email\n"
    "hv001,Nguyễn Văn An,UBND phường Quy Nhơn,an@vi-du.example\n"
    "hv002,Trần Thị Bình,UBND phường Quy Nhơn,binh@vi-du.example\n"
    "hv003,Lê Minh Châu,Sở Khoa học và Công nghệ,chau@vi-du.example\n"
    "hv004,Phạm Thu Dung,Sở Khoa học và Công nghệ,dung@vi-du.example\n"
)
# what each learner hands in ("wrong" = the first golden fixture that loses points)
PLAN = {"hv001": "reference", "hv002": "stub", "hv003": "wrong", "hv999": "reference"}


def wrong_fixture() -> str:
    return next(f.name for f in S.load_golden(AID).fixtures if f.expected)


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    """The class after one full cycle; each step's exit code and output are kept."""
    base = tmp_path_factory.mktemp("cycle")
    roster = base / "danh-sach.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    root = base / "lop-k1"
    out: dict[str, object] = {"root": root, "base": base}
    # This test takes the stock-nbgrader path of grade/feedback; test_demo takes the default
    # one (the grading engine when installed).
    env = pytest.MonkeyPatch()
    env.setenv(cycle.GRADER_ENV, "nbgrader")

    def cli(*argv: str) -> int:
        return main(list(argv))

    out["init"] = cli(
        "cohort",
        "init",
        str(root),
        "--roster",
        str(roster),
        "--course-id",
        "lop-k1",
        "--exchange",
        str(base / "exchange"),
    )
    out["release"] = cli("release", AID, "--course", str(root))
    out["release_again"] = cli("release", AID, "--course", str(root))
    cohort = Cohort.open(root)
    api = cohort.api()
    for sid, kind in PLAN.items():
        kind = wrong_fixture() if kind == "wrong" else kind
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            demo.submit(cohort, api, sid, AID, demo.notebooks_for(cohort, AID, kind))
    out["collect"] = cli("collect", "--course", str(root))
    out["grade"] = cycle.grade(cohort, AID)
    out["feedback"] = cycle.feedback(cohort, AID)
    out["return"] = cli("return", AID, "--course", str(root))
    out["report"] = cli(
        "report",
        "--course",
        str(root),
        "--out",
        str(base / "bc" / "tien-do.docx"),
        "--signer",
        "Đinh Văn Giang",
    )
    env.undo()
    return out


def test_cohort_init_creates_an_nbgrader_course(run):
    assert run["init"] == 0
    root: Path = run["root"]
    cohort = Cohort.open(root)
    assert cohort.course_id == "lop-k1"
    assert AID in cohort.assignments()
    cfg = cohort.config()
    assert cfg.CourseDirectory.course_id == "lop-k1"
    assert cfg.CourseDirectory.root == str(root)
    assert cfg.Exchange.root == str(run["base"] / "exchange")
    # settings that live in the course's config are inherited, not copied
    assert cfg.ClearSolutions.code_stub == {"python": "..."}
    with cohort.gradebook() as gb:
        students = {s.id: s for s in gb.students}
    assert set(students) >= {"hv001", "hv002", "hv003", "hv004"}
    assert (students["hv001"].last_name, students["hv001"].first_name) == ("Nguyễn Văn", "An")


def test_release_is_idempotent(run, capsys):
    assert run["release"] == 0 and run["release_again"] == 0
    outbound = run["base"] / "exchange" / "lop-k1" / "outbound" / AID
    assert (outbound / f"{AID}.ipynb").is_file()
    assert main(["release", AID, "--course", str(run["root"])]) == 0
    assert "đã có từ trước" in capsys.readouterr().out


def test_collect_takes_every_submission_once(run, capsys):
    assert run["collect"] == 0
    cohort = Cohort.open(run["root"])
    assert cycle.submitted_learners(cohort, AID) == ["hv001", "hv002", "hv003", "hv999"]
    assert main(["collect", AID, "--course", str(run["root"])]) == 0
    text = capsys.readouterr().out
    assert "0 xong, 4 đã có từ trước" in text
    assert "hv999" in text  # a submission from outside the roster is pointed out


def test_grade_feedback_and_return(run):
    assert run["grade"].ok, run["grade"].summary()
    assert run["feedback"].ok, run["feedback"].summary()
    assert run["return"] == 0
    released = list((run["base"] / "exchange" / "lop-k1" / "feedback").glob("*.html"))
    assert len(released) == 3  # hv001, hv002, hv003; hv999 is not in the roster
    html = (run["root"] / "feedback" / "hv002" / AID / f"{AID}.html").read_text(encoding="utf-8")
    assert "hv002" in html or AID in html


def test_report_figures_and_files(run):
    assert run["report"] == 0
    docx = run["base"] / "bc" / "tien-do.docx"
    assert check_docx(docx) == []
    assert main(["check-docx", str(docx)]) == 0

    with open(docx.with_suffix(".csv"), encoding="utf-8-sig", newline="") as fh:
        rows = {r["Mã học viên"]: r for r in csv.DictReader(fh)}
    assert set(rows) == {"hv001", "hv002", "hv003", "hv004"}  # the roster, not strangers
    assert rows["hv001"]["Mô-đun 1: kết quả"] == "Đạt"
    assert rows["hv001"]["Hoàn thành"] == "Có"
    assert rows["hv002"]["Mô-đun 1: kết quả"] == "Chưa đạt"
    assert float(rows["hv002"]["Mô-đun 1: điểm (/18)"]) == 0
    assert rows["hv004"]["Mô-đun 1: kết quả"] == "Chưa nộp"
    assert rows["hv004"]["Số bài đã nộp"] == "0"

    wb = load_workbook(docx.with_suffix(".xlsx"), read_only=True)
    assert wb.sheetnames == ["Tổng hợp", "Học viên", "Đơn vị", "Mô-đun", "Chi tiết"]
    units = {r[0]: r for r in wb["Đơn vị"].iter_rows(min_row=2, values_only=True)}
    # UBND phường Quy Nhơn: hv001 completed, hv002 did not -> 50%, below the target
    assert units["UBND phường Quy Nhơn"][1:5] == (2, 2, 1, 50.0)
    assert units["UBND phường Quy Nhơn"][5] == "Không"
    summary = dict(wb["Tổng hợp"].iter_rows(min_row=2, values_only=True))
    assert summary["Số học viên"] == "4"
    assert summary["Mục tiêu của tỉnh"] == f"{int(policy.TARGET_PERCENT)}%"
    wb.close()

    from docx import Document

    text = "".join(Document(str(docx)).element.body.itertext())  # tables included
    assert "BÁO CÁO" in text and "Đinh Văn Giang" in text
    assert "chưa đạt mục tiêu 80% của tỉnh" in text
    assert len(Document(str(docx)).inline_shapes) == 2  # the two charts


def test_interrupted_grading_resumes(run, monkeypatch):
    """A submission whose autograde was cut short (no auto scores yet) is graded again; the
    others are left alone. This is the stock-nbgrader path of the cycle."""
    monkeypatch.setenv(cycle.GRADER_ENV, "nbgrader")
    cohort = Cohort.open(run["root"])
    with cohort.gradebook() as gb, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for sid in ("hv001", "hv002", "hv003"):
            assert cycle._graded(gb, AID, sid, cycle._timestamp(cohort, sid, AID))
        sub = gb.find_submission(AID, "hv003")
        for nb in sub.notebooks:
            for g in nb.grades:
                g.auto_score = None
        gb.db.commit()
    res = cycle.grade(cohort, AID)
    assert res.ok, res.summary()
    assert res.done == ["hv003"]
    assert set(res.skipped) == {"hv001", "hv002"}
    fb = cycle.feedback(cohort, AID)  # only the regraded learner's feedback is rewritten
    assert fb.ok and fb.done == ["hv003"] and set(fb.skipped) == {"hv001", "hv002"}


def test_bad_roster_imports_nothing(run, tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text(ROSTER + "hv001,Vũ Văn Em,Sở Nội vụ,em@vi-du.example\n", encoding="utf-8")
    fresh = tmp_path / "lop-moi"
    assert main(["cohort", "init", str(fresh), "--roster", str(bad)]) == 2
    err = capsys.readouterr().err
    assert 'Dòng 6: Mã học viên "hv001" trùng với dòng 2.' in err
    assert not fresh.exists()

    # an existing class keeps its roster and gradebook untouched
    root: Path = run["root"]
    before = (root / "roster.csv").read_bytes()
    assert main(["cohort", "init", str(root), "--roster", str(bad)]) == 2
    assert (root / "roster.csv").read_bytes() == before
    with Cohort.open(root).gradebook() as gb:
        assert "Vũ Văn Em" not in {f"{s.last_name} {s.first_name}" for s in gb.students}


def test_unknown_class_or_assignment(tmp_path, capsys):
    assert main(["release", "--course", str(tmp_path)]) == 2
    assert "chưa phải là thư mục lớp học" in capsys.readouterr().err
