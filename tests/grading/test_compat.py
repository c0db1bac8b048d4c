"""`aiwork grade` is a drop-in for stock `nbgrader autograde` (issue 19): on a course written in
the style of nbgrader's documentation (``compat``) and on nbgrader's own user-guide course, the
two give equal gradebooks (compared by SQL), equal autograded/ file lists and equal exit codes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from . import compat
from .gradebook_sql import differences, dump, files

pytestmark = [pytest.mark.xdist_group("grading"), pytest.mark.slow]


def clone(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst)
    cfg = dst / "nbgrader_config.py"
    cfg.write_text(cfg.read_text(encoding="utf-8").replace(str(src), str(dst)), encoding="utf-8")
    return dst


def aiwork_grade(course: Path, assignment: str, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "aiwork.cli", "grade", assignment, "--course", str(course)]
        + ["--quiet", *extra],
        capture_output=True,
        text=True,
        timeout=1800,
        env=compat.command_env(),
    )


@pytest.fixture(scope="module")
def graded_both_ways(tmp_path_factory):
    base = tmp_path_factory.mktemp("compat") / "base"
    compat.build(base)
    learners = compat.submit_all(base)
    stock = clone(base, base.parent / "stock")
    ours = clone(base, base.parent / "ours")
    stock_run = compat.nbgrader(stock, "autograde", compat.ASSIGNMENT, check=False)
    our_run = aiwork_grade(ours, compat.ASSIGNMENT)
    return learners, stock, ours, stock_run, our_run


def test_gradebooks_are_equal_by_sql(graded_both_ways):
    learners, stock, ours, _, _ = graded_both_ways
    a, b = dump(stock / "gradebook.db"), dump(ours / "gradebook.db")
    assert not differences(a, b)
    # the course exercises what it claims to: graded, failed and invisible submissions
    graded = {row[1] for row in a["submission"]}
    assert {"alice", "bob", "carol", "leo", "oscar"} <= graded
    assert "grace" not in graded  # a folder without notebooks is not a submission
    assert len(graded) == len(learners) - 1


def test_autograded_file_lists_are_equal(graded_both_ways):
    _, stock, ours, _, _ = graded_both_ways
    theirs = files(stock / "autograded")
    assert files(ours / "autograded") == theirs
    # side effects landed, deletions too, and the failed submissions left nothing
    assert "alice/ps1/summary.txt" in theirs
    assert "leo/ps1/out/tables/t.csv" in theirs
    assert "leo/ps1/data/temps.csv" not in theirs
    assert not [f for f in theirs if f.startswith(("dave/", "heidi/", "mike/", "nina/"))]


def test_exit_codes_are_equal(graded_both_ways):
    _, _, _, stock_run, our_run = graded_both_ways
    assert stock_run.returncode == our_run.returncode == 1  # some submissions failed
    assert "Traceback" not in our_run.stderr
    for learner in ("dave", "heidi", "mike", "nina"):
        assert f"  {learner}: failed" in our_run.stderr
    assert "grace: no notebook" in our_run.stderr  # English: the course sets no language


def test_outputs_of_the_autograded_notebooks_are_equal(graded_both_ways):
    """Beyond the grades: each code cell's outputs and execution count, and the metadata."""
    import json

    _, stock, ours, _, _ = graded_both_ways
    for nb in sorted((stock / "autograded").glob("*/ps1/*.ipynb")):
        theirs = json.loads(nb.read_text(encoding="utf-8"))
        mine = json.loads((ours / nb.relative_to(stock)).read_text(encoding="utf-8"))
        assert mine["metadata"] == theirs["metadata"], nb
        for a, b in zip(theirs["cells"], mine["cells"], strict=True):
            assert a["source"] == b["source"]
            if a["cell_type"] != "code":
                continue
            assert b.get("execution_count") == a.get("execution_count"), (nb, a["source"])
            assert _shape(b["outputs"]) == _shape(a["outputs"]), (nb, a["source"])
            assert set(b["metadata"]) == set(a["metadata"]), (nb, a["source"])


def _shape(outputs: list[dict]) -> list[tuple]:
    """What an output says, without the traceback text (its frames differ by design)."""
    out = []
    for o in outputs:
        text = "".join(o["text"]) if isinstance(o.get("text"), list) else o.get("text")
        data = {
            k: "".join(v) if isinstance(v, list) else v for k, v in (o.get("data") or {}).items()
        }
        out.append((o["output_type"], o.get("name"), o.get("ename"), text, data.get("text/plain")))
    return out


def test_a_rerun_resumes_like_stock(graded_both_ways, tmp_path):
    """A second run grades again only what failed; the gradebook is unchanged."""
    _, _, ours, _, _ = graded_both_ways
    again = clone(ours, tmp_path / "again")
    before = dump(again / "gradebook.db")
    run = aiwork_grade(again, compat.ASSIGNMENT)
    assert run.returncode == 1
    assert "already graded" not in run.stderr  # skipped ones are not listed as problems
    assert not differences(before, dump(again / "gradebook.db"))


# --- nbgrader's own user-guide course (ps1: problem1/problem2, bitdiddle and hacker) -------------


def user_guide() -> Path | None:
    """nbgrader's documentation course: the installed package's copy, else the mirror's."""
    import nbgrader

    installed = Path(nbgrader.__file__).parent / "docs" / "source" / "user_guide"
    if (installed / "source" / "ps1" / "problem1.ipynb").exists():
        return installed
    mirror = Path("/work/.mirror/jupyter+nbgrader/repo")
    if mirror.exists():
        target = Path(os.environ.get("TMPDIR", "/tmp")) / "nbgrader-user-guide"
        if not (target / "source").exists():
            target.mkdir(parents=True, exist_ok=True)
            paths = [
                "nbgrader/docs/source/user_guide/source",
                "nbgrader/docs/source/user_guide/submitted",
            ]
            archive = subprocess.run(
                ["git", "-C", str(mirror), "archive", "HEAD", *paths],
                capture_output=True,
                check=True,
            ).stdout
            subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
        found = target / "nbgrader" / "docs" / "source" / "user_guide"
        return found if (found / "source" / "ps1").exists() else None
    return None


def _user_guide_course(root: Path, guide: Path) -> list[str]:
    """The user guide's course, its two learners, and variants of them."""
    import json

    root.mkdir(parents=True)
    (root / "nbgrader_config.py").write_text(
        "c = get_config()  # noqa: F821\n"
        "c.CourseDirectory.course_id = 'example_course'\n"
        f"c.CourseDirectory.root = {str(root)!r}\n"
        f"c.Exchange.root = {str(root / 'exchange')!r}\n",
        encoding="utf-8",
    )
    shutil.copytree(guide / "source" / "ps1", root / "source" / "ps1")
    if not (root / "source" / "ps1" / "jupyter.png").exists():
        (root / "source" / "ps1" / "jupyter.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    compat.nbgrader(root, "db", "assignment", "add", "ps1", "--duedate", "2015-02-02 17:00:00 UTC")
    compat.nbgrader(root, "generate_assignment", "ps1", "--force")
    learners = []
    for learner in ("bitdiddle", "hacker"):
        shutil.copytree(guide / "submitted" / learner / "ps1", root / "submitted" / learner / "ps1")
        learners.append(learner)
    release = root / "release" / "ps1"
    # the released stub, nothing answered; and hacker's work without its timestamp (notebooks only)
    shutil.copytree(release, root / "submitted" / "stub" / "ps1")
    (root / "submitted" / "stub" / "ps1" / "timestamp.txt").write_text("2015-02-01 10:00:00 UTC")
    only = root / "submitted" / "notebooks_only" / "ps1"
    only.mkdir(parents=True)
    for nb in ("problem1.ipynb", "problem2.ipynb"):
        shutil.copy(guide / "submitted" / "hacker" / "ps1" / nb, only / nb)
    # bitdiddle's problem1 with squares broken (off by one) and sum_of_squares reimplemented
    broken = root / "submitted" / "broken" / "ps1"
    shutil.copytree(guide / "submitted" / "bitdiddle" / "ps1", broken)
    nb = json.loads((broken / "problem1.ipynb").read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if gid == "squares":
            cell["source"] = "def squares(n):\n    return [i ** 2 for i in range(n)]"
        elif gid == "sum_of_squares":
            cell["source"] = "def sum_of_squares(n):\n    return sum(i * i for i in range(n + 1))"
    (broken / "problem1.ipynb").write_text(json.dumps(nb), encoding="utf-8")
    return [*learners, "stub", "notebooks_only", "broken"]


def test_nbgraders_user_guide_course_grades_as_stock(tmp_path):
    guide = user_guide()
    if guide is None:
        pytest.skip("nbgrader's user guide is neither installed nor mirrored")
    base = tmp_path / "base"
    learners = _user_guide_course(base, guide)
    stock, ours = clone(base, tmp_path / "stock"), clone(base, tmp_path / "ours")
    stock_run = compat.nbgrader(stock, "autograde", "ps1", check=False)
    our_run = aiwork_grade(ours, "ps1")
    assert our_run.returncode == stock_run.returncode, our_run.stderr
    a, b = dump(stock / "gradebook.db"), dump(ours / "gradebook.db")
    assert not differences(a, b)
    assert {row[1] for row in a["submission"]} == set(learners)
    assert files(ours / "autograded") == files(stock / "autograded")
