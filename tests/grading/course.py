"""A small nbgrader course for the grading engine's tests (and its benchmark's smoke run).

Assignment ``gtest``: a locked set-up cell, four answer cells (three values, one function),
six autograded test cells (four with hidden tests, one with partial credit, one reading a data
file shipped with the assignment, one calling the learner's function) and one manually graded
written answer. Worth 12 autograded points.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from aiwork import submissions

ASSIGNMENT = "gtest"
REPO = Path(__file__).resolve().parents[2]


def _meta(grade_id: str, *, grade=False, solution=False, locked=False, points=0) -> dict:
    md = {
        "grade": grade,
        "grade_id": grade_id,
        "locked": locked,
        "schema_version": 3,
        "solution": solution,
        "task": False,
    }
    if grade:
        md["points"] = points
    return {"nbgrader": md}


CELLS = [
    (
        "md",
        "gioi_thieu",
        "# Bài kiểm tra thử\nBài tập nhỏ để kiểm thử bộ chấm (tình huống giả định).",
        {},
    ),
    (
        "code",
        "chuan_bi",
        "from graders.core import Result, assert_passed\nimport os",
        {"locked": True},
    ),
    ("code", "cau_1", '### BEGIN SOLUTION\ndap_an_1 = "B"\n### END SOLUTION', {"solution": True}),
    (
        "code",
        "test_cau_1",
        'assert isinstance(dap_an_1, str), "Chưa trả lời"\n### BEGIN HIDDEN TESTS\n'
        'assert dap_an_1.strip().upper() == "B"\n### END HIDDEN TESTS',
        {"grade": True, "locked": True, "points": 2},
    ),
    (
        "code",
        "cau_2",
        "### BEGIN SOLUTION\nso_lieu = [3, 5, 8]\n### END SOLUTION",
        {"solution": True},
    ),
    (
        "code",
        "test_cau_2",
        'r = Result()\nr.add("tong", sum(so_lieu) == 16, "Tổng đúng.", "Tổng chưa đúng.")\n'
        "assert_passed(r)\n### BEGIN HIDDEN TESTS\nassert len(so_lieu) == 3\n### END HIDDEN TESTS",
        {"grade": True, "locked": True, "points": 3},
    ),
    (
        "code",
        "cau_3",
        '### BEGIN SOLUTION\nloi_nhac = "Hãy soạn công văn mời họp về chuyển đổi số."\n'
        "### END SOLUTION",
        {"solution": True},
    ),
    (
        "code",
        "test_cau_3",
        "assert isinstance(loi_nhac, str) and len(loi_nhac) > 20\n### BEGIN HIDDEN TESTS\n"
        'assert "công văn" in loi_nhac.lower()\n### END HIDDEN TESTS',
        {"grade": True, "locked": True, "points": 2},
    ),
    (
        "code",
        "test_diem_mot_phan",
        '1.0 if dap_an_1 == "B" else 0.5',
        {"grade": True, "locked": True, "points": 1},
    ),
    (
        "code",
        "doc_du_lieu",
        'print(open("data/so_lieu.csv", encoding="utf-8").read())',
        {"locked": True},
    ),
    (
        "code",
        "test_du_lieu",
        'assert open("data/so_lieu.csv", encoding="utf-8").read().startswith("nam,")',
        {"grade": True, "locked": True, "points": 2},
    ),
    (
        "code",
        "cau_4",
        "### BEGIN SOLUTION\ndef tong(so):\n    return sum(so)\n### END SOLUTION",
        {"solution": True},
    ),
    (
        "code",
        "test_cau_4",
        'r = Result()\nr.add("tong", tong([1, 2]) == 3, "Cộng đúng.", "Cộng chưa đúng.")\n'
        "assert_passed(r)\n### BEGIN HIDDEN TESTS\nmong_doi = 16\n"
        "assert tong(so_lieu) == mong_doi\n### END HIDDEN TESTS",
        {"grade": True, "locked": True, "points": 2},
    ),
    (
        "md",
        "giai_thich",
        "Giải thích ngắn lựa chọn của anh/chị.\n\n### BEGIN SOLUTION\nVì B đúng.\n### END SOLUTION",
        {"grade": True, "solution": True, "points": 1},
    ),
]

#: Max points of each autograded test cell (the reference must get all of them).
TEST_POINTS = {
    "test_cau_1": 2,
    "test_cau_2": 3,
    "test_cau_3": 2,
    "test_diem_mot_phan": 1,
    "test_du_lieu": 2,
    "test_cau_4": 2,
}


def source_notebook():
    cells = []
    for kind, gid, src, flags in CELLS:
        cell = new_markdown_cell(src) if kind == "md" else new_code_cell(src)
        cell.metadata.update(_meta(gid, **flags))
        cell.id = gid.replace("_", "-")
        cells.append(cell)
    return python_notebook(cells)


def python_notebook(cells) -> nbformat.NotebookNode:
    """A notebook of ``cells`` with the Python 3 kernelspec nbgrader's examples carry."""
    nb = new_notebook(cells=cells)
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    return nb


def build(root: Path) -> Path:
    """An nbgrader course at ``root`` with ``gtest`` generated (gradebook filled)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "nbgrader_config.py").write_text(
        "c = get_config()  # noqa: F821\n"
        "c.CourseDirectory.course_id = 'gtest-course'\n"
        f"c.CourseDirectory.root = {str(root)!r}\n"
        "c.Exchange.root = " + repr(str(root / "exchange")) + "\n"
        # as this course's own config: Vietnamese, its graders protected, the checkout hidden
        "c.AiworkGrade.language = 'vi'\n"
        "c.AiworkGrade.protected_modules = ['graders', 'aiwork']\n"
        f"c.AiworkGrade.hidden_paths = {[str(REPO / 'tests'), str(REPO / '.git')]!r}\n",
        encoding="utf-8",
    )
    src = root / "source" / ASSIGNMENT
    (src / "data").mkdir(parents=True, exist_ok=True)
    (src / "data" / "so_lieu.csv").write_text("nam,so_ho_so\n2026,1480\n", encoding="utf-8")
    nbformat.write(source_notebook(), str(src / f"{ASSIGNMENT}.ipynb"))
    from nbgrader.apps import NbGraderAPI
    from traitlets.config import Config

    cfg = Config()
    cfg.CourseDirectory.root = str(root)
    cfg.CourseDirectory.course_id = "gtest-course"
    # nbgrader runs `alembic` from PATH when it creates the gradebook
    bindir = os.path.dirname(sys.executable)
    if bindir not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = bindir + os.pathsep + os.environ.get("PATH", "")
    cwd = os.getcwd()
    os.chdir(root)
    try:
        result = NbGraderAPI(config=cfg).generate_assignment(ASSIGNMENT, force=True)
    finally:
        os.chdir(cwd)
    if not result["success"]:
        raise RuntimeError(result["log"] + result.get("error", ""))
    return root


def reference(root: Path):
    release = submissions.read(root / "release" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
    source = submissions.read(root / "source" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb")
    return submissions.reference_from(source, release)


def submit(
    root: Path,
    student: str,
    nb,
    *,
    name: str | None = None,
    raw: str | None = None,
    timestamp: str = "2026-11-20 08:00:00 UTC",
) -> Path:
    """Place a submission like ``nbgrader collect`` does (release files + the notebook)."""
    target = root / "submitted" / student / ASSIGNMENT
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(root / "release" / ASSIGNMENT, target)
    (target / f"{ASSIGNMENT}.ipynb").unlink()
    path = target / (name or f"{ASSIGNMENT}.ipynb")
    if raw is not None:
        path.write_text(raw, encoding="utf-8")
    elif nb is not None:
        submissions.write(nb, path)
    (target / "timestamp.txt").write_text(timestamp + "\n", encoding="utf-8")
    return target


def with_cells(nb, cells: dict[str, str]):
    return submissions.fixture_from(nb, submissions.Fixture("x", "", cells, {}))
