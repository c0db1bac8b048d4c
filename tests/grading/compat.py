"""An nbgrader course written in the style of nbgrader's documentation, for the compatibility
suite: graded by ``aiwork grade`` and by stock ``nbgrader autograde``, the two must agree.

Assignment ``ps1`` (English: the course sets no language), two notebooks:

* ``problem1``: functions tested by asserts (visible and hidden tests, a ``ValueError`` test,
  partial credit), a data file shipped with the assignment, a solution cell that writes a file
  (a side effect that must land in autograded/), a manually graded answer, code and task;
* ``problem2``: a class, a lambda and a generator tested by asserts, and a test that reads the
  file problem1 wrote (a later notebook sees an earlier one's files).

Learners cover what stock nbgrader handles in its own way: a notebooks-only folder (no
timestamp.txt), an infinite loop in a free cell, a loop that ignores the interrupt, a corrupt
notebook, a missing one, an extra one, a renamed one, an empty folder, a learner function that
writes to stderr inside a test, an edited test cell, a deleted data file, ``os._exit``, a late
submission (with ``penalty_method = "zero"``).
"""

from __future__ import annotations

import copy
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell

from aiwork import submissions

from .course import python_notebook

ASSIGNMENT = "ps1"
TIMEOUT = 5  # Execute.timeout of the course: loops cost seconds, not half a minute
DUEDATE = "2026-11-30 17:00:00 UTC"


def _cell(kind: str, gid: str | None, source: str, **flags):
    cell = new_markdown_cell(source) if kind == "md" else new_code_cell(source)
    if gid is not None:
        md = {
            "grade": flags.get("grade", False),
            "grade_id": gid,
            "locked": flags.get("locked", False),
            "schema_version": 3,
            "solution": flags.get("solution", False),
            "task": flags.get("task", False),
        }
        if md["grade"] or md["task"]:
            md["points"] = flags.get("points", 0)
        cell.metadata["nbgrader"] = md
    cell.id = (gid or f"free-{abs(hash(source)) % 10**8}").replace("_", "-")
    return cell


PROBLEM1 = [
    (
        "md",
        "intro",
        "# Problem 1: summary statistics\n\nAnswer every part below.",
        {"locked": True},
    ),
    ("code", "setup", "import csv\nimport math", {"locked": True}),
    (
        "md",
        None,
        "## Part A (3 points)\nWrite `mean(values)`; raise `ValueError` for an empty list.",
        {},
    ),
    (
        "code",
        "mean",
        'def mean(values):\n    """The arithmetic mean of a non-empty list of numbers."""\n'
        "    ### BEGIN SOLUTION\n    if len(values) == 0:\n"
        '        raise ValueError("values must not be empty")\n'
        "    return sum(values) / len(values)\n    ### END SOLUTION",
        {"solution": True},
    ),
    ("code", None, "mean([1, 2, 3, 4])", {}),
    (
        "code",
        "correct_mean",
        '"""Check that mean returns the correct value"""\n'
        "assert mean([1, 2, 3]) == 2\nassert mean([1, 2]) == 1.5\n"
        "assert math.isclose(mean([0.1, 0.2]), 0.15)\n"
        "### BEGIN HIDDEN TESTS\nassert mean([10]) == 10\nassert mean(list(range(101))) == 50\n"
        "### END HIDDEN TESTS",
        {"grade": True, "points": 2},
    ),
    (
        "code",
        "mean_invalid",
        '"""Check that mean refuses an empty list"""\ntry:\n    mean([])\nexcept ValueError:\n'
        '    pass\nelse:\n    raise AssertionError("did not raise")',
        {"grade": True, "points": 1},
    ),
    ("md", None, "## Part B (2 points)\nWrite `squares(n)`: the squares of 1..n.", {}),
    (
        "code",
        "squares",
        "def squares(n):\n    ### BEGIN SOLUTION\n    if n < 1:\n"
        '        raise ValueError("n must be at least 1")\n'
        "    return [i ** 2 for i in range(1, n + 1)]\n    ### END SOLUTION",
        {"solution": True},
    ),
    (
        "code",
        "correct_squares",
        "assert squares(1) == [1]\nassert squares(3) == [1, 4, 9]\n"
        "### BEGIN HIDDEN TESTS\nassert squares(10)[-1] == 100\n### END HIDDEN TESTS",
        {"grade": True, "points": 1},
    ),
    (
        "code",
        "partial_credit",
        '"""Half a point for each function that gets its easy case right"""\n'
        "score = 0\nif squares(2) == [1, 4]:\n    score += 0.5\nif mean([2, 4]) == 3:\n"
        "    score += 0.5\nscore",
        {"grade": True, "points": 1},
    ),
    ("md", None, "## Part C (2 points)\nRead the temperatures in `data/temps.csv`.", {}),
    (
        "code",
        "read_temperatures",
        "def read_temperatures(path):\n    ### BEGIN SOLUTION\n"
        '    with open(path, newline="") as fh:\n'
        '        return [float(row["celsius"]) for row in csv.DictReader(fh)]\n'
        "    ### END SOLUTION",
        {"solution": True},
    ),
    (
        "code",
        "correct_temperatures",
        'temps = read_temperatures("data/temps.csv")\nassert len(temps) == 4\n'
        "assert mean(temps) == 21.5",
        {"grade": True, "points": 1},
    ),
    ("md", None, "Write the mean temperature to `summary.txt` as `mean=<value>`.", {}),
    (
        "code",
        "write_summary",
        '### BEGIN SOLUTION\nwith open("summary.txt", "w") as fh:\n'
        "    fh.write(f\"mean={mean(read_temperatures('data/temps.csv'))}\\n\")\n### END SOLUTION",
        {"solution": True},
    ),
    (
        "code",
        "summary_written",
        'with open("summary.txt") as fh:\n    assert fh.read().startswith("mean=")',
        {"grade": True, "points": 1},
    ),
    ("md", None, "## Part D (4 points, graded by hand)", {}),
    (
        "md",
        "explain_mean",
        "Explain when the mean misleads.\n\n### BEGIN SOLUTION\nWith outliers.\n### END SOLUTION",
        {"grade": True, "solution": True, "points": 2},
    ),
    (
        "code",
        "describe",
        'def describe(values):\n    ### BEGIN SOLUTION\n    return f"n={len(values)}"\n'
        "    ### END SOLUTION",
        {"grade": True, "solution": True, "points": 1},
    ),
    (
        "md",
        "task_plot",
        "Sketch the temperatures by hand and describe the shape.",
        {"task": True, "points": 1, "locked": True},
    ),
]

PROBLEM2 = [
    ("md", "intro2", "# Problem 2: objects", {"locked": True}),
    ("code", "setup2", "import os", {"locked": True}),
    (
        "code",
        "stack",
        "class Stack:\n    ### BEGIN SOLUTION\n    def __init__(self):\n        self.items = []\n\n"
        "    def push(self, item):\n        self.items.append(item)\n\n"
        "    def pop(self):\n        return self.items.pop()\n\n"
        "    def __len__(self):\n        return len(self.items)\n    ### END SOLUTION",
        {"solution": True},
    ),
    (
        "code",
        "stack_works",
        "s = Stack()\ns.push(1)\ns.push(2)\nassert len(s) == 2\nassert s.pop() == 2\n"
        "### BEGIN HIDDEN TESTS\nassert len(s) == 1\nassert s.pop() == 1\n### END HIDDEN TESTS",
        {"grade": True, "points": 2},
    ),
    (
        "code",
        "count_words",
        "### BEGIN SOLUTION\ncount_words = lambda text: len(text.split())\n### END SOLUTION",
        {"solution": True},
    ),
    (
        "code",
        "correct_count_words",
        'assert count_words("one two three") == 3\nassert count_words("") == 0',
        {"grade": True, "points": 1},
    ),
    (
        "code",
        "evens",
        "def evens(limit):\n    ### BEGIN SOLUTION\n    yield from range(0, limit, 2)\n"
        "    ### END SOLUTION",
        {"solution": True},
    ),
    (
        "code",
        "correct_evens",
        "assert list(evens(7)) == [0, 2, 4, 6]\nassert sum(x for x in evens(5)) == 6",
        {"grade": True, "points": 1},
    ),
    (
        "code",
        "summary_seen",
        '"""problem1 wrote summary.txt in the same folder"""\nassert os.path.exists("summary.txt")\n'
        'assert open("summary.txt").read().strip() == "mean=21.5"',
        {"grade": True, "points": 1},
    ),
    (
        "md",
        "explain_stack",
        "When would you use a stack?\n\n### BEGIN SOLUTION\nUndo.\n### END SOLUTION",
        {"grade": True, "solution": True, "points": 1},
    ),
]

DATA = "city,celsius\nHanoi,24\nHue,25\nSapa,12\nDanang,25\n"


def config_text(root: Path) -> str:
    return (
        "c = get_config()  # noqa: F821\n"
        "c.CourseDirectory.course_id = 'compat'\n"
        f"c.CourseDirectory.root = {str(root)!r}\n"
        f"c.Exchange.root = {str(root / 'exchange')!r}\n"
        f"c.Execute.timeout = {TIMEOUT}\n"
        "c.LateSubmissionPlugin.penalty_method = 'zero'\n"
    )


def build(root: Path) -> Path:
    """The course at ``root`` with ps1 generated by nbgrader (no submissions)."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "nbgrader_config.py").write_text(config_text(root), encoding="utf-8")
    src = root / "source" / ASSIGNMENT
    (src / "data").mkdir(parents=True, exist_ok=True)
    (src / "data" / "temps.csv").write_text(DATA, encoding="utf-8")
    for name, cells in (("problem1", PROBLEM1), ("problem2", PROBLEM2)):
        nb = python_notebook([_cell(kind, gid, text, **flags) for kind, gid, text, flags in cells])
        nbformat.write(nb, str(src / f"{name}.ipynb"))
    nbgrader(root, "db", "assignment", "add", ASSIGNMENT, "--duedate", DUEDATE)
    nbgrader(root, "generate_assignment", ASSIGNMENT, "--force")
    return root


def command_env() -> dict[str, str]:
    """The environment both graders run in (a notebook of the suite prints its names)."""
    return dict(os.environ, PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"])


def nbgrader(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """Stock nbgrader, run from the course root as a trainer would."""
    env = command_env()
    proc = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    if check and proc.returncode != 0:
        raise RuntimeError(f"nbgrader {' '.join(args)} failed:\n{proc.stderr[-3000:]}")
    return proc


def references(root: Path) -> dict[str, nbformat.NotebookNode]:
    out = {}
    for name in ("problem1", "problem2"):
        source = submissions.read(root / "source" / ASSIGNMENT / f"{name}.ipynb")
        release = submissions.read(root / "release" / ASSIGNMENT / f"{name}.ipynb")
        out[name] = submissions.reference_from(source, release)
    return out


def _edit(nb, cells: dict[str, str]):
    nb = copy.deepcopy(nb)
    for cell in nb.cells:
        if submissions.grade_id(cell) in cells:
            cell.source = cells[submissions.grade_id(cell)]
    return nb


def _insert_after(nb, gid: str, source: str):
    nb = copy.deepcopy(nb)
    k = next(i for i, c in enumerate(nb.cells) if submissions.grade_id(c) == gid)
    cell = new_code_cell(source)
    cell.id = f"added-{k}"
    nb.cells.insert(k + 1, cell)
    return nb


SUBMITTED_AT = "2026-11-29 10:00:00.000000 UTC"
LATE_AT = "2026-12-02 09:30:00.000000 UTC"


def submit_all(root: Path) -> list[str]:
    """Every learner's submission folder; returns the learners."""
    ref = references(root)
    p1, p2 = ref["problem1"], ref["problem2"]
    loop = "while True:\n    pass"
    deaf = (
        "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n"
        "signal.signal(signal.SIGALRM, signal.SIG_IGN)\nwhile True:\n    pass"
    )
    # what a notebook sees of its kernel: environment names, HOME, user, argv, working dir
    probe = (
        "import getpass, json, os, sys\n"
        "print(json.dumps({'env': sorted(os.environ), 'home': os.environ.get('HOME'),\n"
        "    'user': getpass.getuser(), 'argv0': sys.argv[0], 'exe': sys.executable,\n"
        "    'cwd': os.getcwd().split(os.sep)[-3:], 'files': sorted(os.listdir('.'))}))"
    )
    learners: dict[str, dict] = {
        "alice": {"problem1": _insert_after(p1, "setup", probe), "problem2": p2},
        "bob": {  # notebooks only: no timestamp.txt, no other file
            "problem1": _edit(
                p1,
                {
                    "mean": "def mean(values):\n    return sum(values) // len(values)",
                    "squares": "def squares(n):\n    return [i ** 2 for i in range(n)]",
                },
            ),
            "problem2": _edit(p2, {"count_words": "count_words = lambda text: len(text)"}),
            "_bare": True,
        },
        "carol": {"problem1": _insert_after(p1, "mean", loop), "problem2": p2},
        "dave": {"problem1": p1, "problem2": '{"cells": [ not json'},
        "erin": {"problem1": p1},
        "frank": {"problem1": p1, "problem2": p2, "problem1 (copy)": p1},
        "grace": {},
        "heidi": {"Problem1": p1},
        "ivan": {
            "problem1": _edit(
                p1,
                {
                    "mean": "import sys\n\ndef mean(values):\n"
                    '    print("computing a mean", file=sys.stderr)\n'
                    "    return sum(values) / len(values)"
                },
            ),
            "problem2": p2,
        },
        "judy": {
            "problem1": _edit(
                p1, {"correct_mean": "pass", "mean": "def mean(values):\n    return 0"}
            ),
            "problem2": p2,
        },
        "leo": {
            "problem1": _edit(
                p1,
                {
                    "write_summary": 'import os\nwith open("summary.txt", "w") as fh:\n'
                    "    fh.write(f\"mean={mean(read_temperatures('data/temps.csv'))}\\n\")\n"
                    'os.makedirs("out/tables", exist_ok=True)\n'
                    'open("out/tables/t.csv", "w").write("a,b\\n")\n'
                    'os.remove("data/temps.csv")'
                },
            ),
            "problem2": p2,
        },
        "mike": {"problem1": p1, "problem2": _insert_after(p2, "stack", "import os\nos._exit(0)")},
        "nina": {"problem1": _insert_after(p1, "squares", deaf), "problem2": p2},
        "oscar": {
            "problem1": _insert_after(p1, "mean", "import sys\nsys.exit(3)"),
            "problem2": p2,
            "_at": LATE_AT,
        },
    }
    for student, nbs in learners.items():
        target = root / "submitted" / student / ASSIGNMENT
        if target.exists():
            shutil.rmtree(target)
        target.mkdir(parents=True)
        bare = nbs.get("_bare", False)
        if not bare:
            (target / "timestamp.txt").write_text(nbs.get("_at", SUBMITTED_AT), encoding="utf-8")
            (target / "notes.txt").write_text("my own notes\n", encoding="utf-8")
        for name, nb in nbs.items():
            if name.startswith("_"):
                continue
            path = target / f"{name}.ipynb"
            if isinstance(nb, str):
                path.write_text(nb, encoding="utf-8")
            else:
                submissions.write(nb, path)
    return sorted(learners)
