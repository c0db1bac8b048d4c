"""Bad input to `aiwork grade` / `aiwork feedback` is refused before anything changes (issue 20):
one line, exit 2, the course's files untouched; the gradebook is never recreated or emptied;
one command at a time per course; `--force` backs the gradebook up first."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest

from . import catalogue, course
from .conftest import copy_course

pytestmark = [pytest.mark.xdist_group("grading"), pytest.mark.slow]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "aiwork.cli", *args], capture_output=True, text=True, timeout=900
    )


def snapshot(root: Path) -> dict[str, str]:
    """Every file of the course and its content hash."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture()
def graded(blank_course, tmp_path) -> Path:
    root = copy_course(blank_course, tmp_path / "course")
    entries = [e for e in catalogue.load() if e.name in ("honest_reference", "honest_wrong_choice")]
    catalogue.build(root, entries)
    done = run("grade", course.ASSIGNMENT, "--course", str(root), "--quiet", "--workers", "1")
    assert done.returncode == 0, done.stderr
    return root


@pytest.mark.parametrize(
    "option",
    [
        ["--timeout", "0"],
        ["--timeout", "-1"],
        ["--timeout", "nan"],
        ["--timeout", "0.5"],
        ["--memory", "1"],
        ["--memory", "0"],
        ["--workers", "0"],
        ["--workers", "-3"],
    ],
)
def test_bad_options_change_nothing(graded, option):
    before = snapshot(graded)
    out = run("grade", course.ASSIGNMENT, "--course", str(graded), "--force", *option)
    assert out.returncode == 2
    lines = [ln for ln in out.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and option[0] in lines[0], out.stderr
    assert "Traceback" not in out.stderr
    assert snapshot(graded) == before


def test_a_missing_course_is_not_created(tmp_path):
    typo = tmp_path / "khoa-hoc-go-nham"
    out = run("grade", course.ASSIGNMENT, "--course", str(typo))
    assert out.returncode == 2 and "Traceback" not in out.stderr
    assert not typo.exists()
    out = run("feedback", course.ASSIGNMENT, "--course", str(typo))
    assert out.returncode == 2 and not typo.exists()


@pytest.mark.parametrize("damage", ["empty", "junk", "no_grade_table"])
def test_a_damaged_gradebook_is_refused_and_kept(graded, damage):
    import sqlite3

    db = graded / "gradebook.db"
    if damage == "empty":
        db.write_bytes(b"")
    elif damage == "junk":
        db.write_bytes(b"this is not a database" * 100)
    else:
        con = sqlite3.connect(db)
        con.execute("DROP TABLE grade")
        con.commit()
        con.close()
    before = snapshot(graded)
    out = run("grade", course.ASSIGNMENT, "--course", str(graded), "--force")
    assert out.returncode == 2, out.stderr
    assert "Traceback" not in out.stderr and "gradebook.db" in out.stderr
    # nothing recreated, and --force deleted no autograded folder
    assert snapshot(graded) == before
    assert (graded / "autograded" / "honest_reference" / course.ASSIGNMENT / "gtest.ipynb").exists()


def test_force_backs_the_gradebook_up_first(graded):
    before = (graded / "gradebook.db").read_bytes()
    out = run("grade", course.ASSIGNMENT, "--course", str(graded), "--force", "--quiet")
    assert out.returncode == 0, out.stderr
    backups = sorted(graded.glob("gradebook.db.bak-*"))
    assert len(backups) == 1
    import sqlite3

    def rows(path: Path) -> list:
        con = sqlite3.connect(path)
        try:
            return sorted(con.execute("SELECT * FROM grade").fetchall(), key=repr)
        finally:
            con.close()

    tmp = graded / "before.db"
    tmp.write_bytes(before)
    assert rows(backups[0]) == rows(tmp)


def test_one_command_at_a_time_per_course(graded):
    from aiwork.courselock import course_lock

    before = snapshot(graded)
    with course_lock(graded, "grade"):
        out = run("grade", course.ASSIGNMENT, "--course", str(graded), "--force")
        assert out.returncode == 2 and "Traceback" not in out.stderr
        out = run("feedback", course.ASSIGNMENT, "--course", str(graded))
        assert out.returncode == 2 and "Traceback" not in out.stderr
    after = snapshot(graded)
    after.pop(".aiwork.lock", None)
    before.pop(".aiwork.lock", None)
    assert after == before
