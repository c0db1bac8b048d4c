"""The toolkit as a wheel, installed outside the repository (issue 23: package data; issue 24:
the deployment installs from the wheel).

- No file in the wheel holds a solution or hidden-test marker (as content: code that names
  the markers to strip them is not), or anything of ``assignments/``: on a hub, learners'
  kernels can read the environment's site-packages.
- From a fresh virtual environment outside the repository, module 4's lesson runs in a
  learner's copy of ``course/04-bao-cao/`` and the module 4 grader grades from the package's
  own data (before, a non-editable install had no ``course/`` and ``load_services()`` failed).

The environment is the one deploy/README.md's steps installed (``deployment``) where the host
allows those steps; elsewhere one is built here (wheel, venv, pip install).
"""

from __future__ import annotations

import ast
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import pytest
from test_release_hygiene import MARKERS

REPO = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def _build_wheel(out: Path) -> Path:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "-q",
            "--wheel-dir",
            str(out),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = out.glob("aiwork-*.whl")
    return wheel


@pytest.fixture(scope="module")
def wheel_env(request):
    """(wheel, python of an environment with it installed), outside the repository."""
    try:
        dep = request.getfixturevalue("deployment")
    except pytest.skip.Exception:
        dep = None
    if dep is not None:
        (wheel,) = dep.path("/srv/aiwork/dist").glob("aiwork-*.whl")
        yield wheel, dep.python
        return
    root = Path(tempfile.mkdtemp(prefix="aiwork-wheel-"))
    try:
        wheel = _build_wheel(root / "dist")
        subprocess.run([sys.executable, "-m", "venv", str(root / "env")], check=True)
        python = root / "env" / "bin" / "python"
        subprocess.run(
            [str(python), "-m", "pip", "install", "-q", str(wheel)], check=True, capture_output=True
        )
        yield wheel, str(python)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def clean_env(python: str, home: Path) -> dict[str, str]:
    """A learner's environment: the installed toolkit only, nothing of this checkout."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("AIWORK_", "PYTHON", "VIRTUAL_ENV", "JUPYTER"))
    }
    env["PATH"] = f"{Path(python).parent}:/usr/local/bin:/usr/bin:/bin"
    env["HOME"] = str(home)
    env["AIWORK_BACKEND"] = "offline"
    env["MPLBACKEND"] = "Agg"
    return env


MARKER_LINE = re.compile(
    r"^\s*(?:#+\s*)?(?:BEGIN|END) (?:SOLUTION|HIDDEN TESTS)\s*$|>\s*(?:#+\s*)?(?:BEGIN|END) "
    r"(?:SOLUTION|HIDDEN TESTS)\s*<",
    re.M,
)
BARE_MARKERS = {f"### {m}" for m in MARKERS} | set(MARKERS)


def _texts(name: str, raw: bytes) -> list[str]:
    """The text a learner could read in one file of the wheel: a module's string constants
    (a constant that is just a marker's name, as code that strips markers holds, is not
    content), every string of a JSON file, the members of a zip (.docx, .xlsx), else the text."""
    if zipfile.is_zipfile(io.BytesIO(raw)):
        with zipfile.ZipFile(io.BytesIO(raw)) as zf:
            return [zf.read(m).decode("utf-8", errors="ignore") for m in zf.namelist()]
    text = raw.decode("utf-8", errors="ignore")
    if name.endswith(".py"):
        return [
            node.value
            for node in ast.walk(ast.parse(text))
            if isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and node.value.strip() not in BARE_MARKERS
        ]
    if name.endswith((".json", ".ipynb")):
        found: list[str] = []

        def walk(value) -> None:
            if isinstance(value, str):
                found.append(value)
            elif isinstance(value, dict):
                for k, v in value.items():
                    walk(k)
                    walk(v)
            elif isinstance(value, list):
                for v in value:
                    walk(v)

        walk(json.loads(text))
        return found
    return [text]


def test_marker_detector_finds_solution_content():
    nb = {"cells": [{"source": ["x = None\n", "### BEGIN SOLUTION\n", "x = 1\n"]}]}
    assert any(MARKER_LINE.search(t) for t in _texts("a.ipynb", json.dumps(nb).encode()))
    code = 'KEEP = ("### BEGIN SOLUTION", "### END SOLUTION")\nREF = "a\\n### BEGIN SOLUTION\\nb"\n'
    assert [t for t in _texts("m.py", code.encode()) if MARKER_LINE.search(t)] == [
        "a\n### BEGIN SOLUTION\nb"
    ]
    assert MARKER_LINE.search("<w:t>### BEGIN HIDDEN TESTS</w:t>")


def test_wheel_holds_no_solution_and_no_course_source(wheel_env):
    wheel, _ = wheel_env
    problems = []
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        assert any(n.startswith("aiwork/data/reporting/") for n in names)
        assert any(n.startswith("aiwork/hub/templates/") for n in names)
        for n in names:
            if n.startswith("assignments/") or "/source/" in n or n.endswith(".ipynb"):
                problems.append(f"{n}: course source in the wheel")
            if any(MARKER_LINE.search(t) for t in _texts(n, zf.read(n))):
                problems.append(f"{n}: a solution or hidden-test marker")
    assert not problems, problems


def test_module_4_lesson_and_grader_run_from_the_wheel(wheel_env, tmp_path):
    _, python = wheel_env
    learner = tmp_path / "hoc-vien"
    shutil.copytree(REPO / "course" / "04-bao-cao", learner / "04-bao-cao")
    (learner / "home").mkdir()
    # The grader checks a prompt's figures against the data it reads from the package: the
    # figures of the learner's copy pass, one of them off by 7 fails.
    script = r"""
import csv, json, nbformat, aiwork
from nbclient import NotebookClient
from graders import m04_bao_cao
from aiwork.reporting import data
from aiwork.vi.numbers import format_number, format_percent

nb = nbformat.read("bai-hoc.ipynb", as_version=4)
NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": "."}}).execute()
errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
with open("data/dich-vu-cong-2026.csv", encoding="utf-8-sig") as fh:
    copy_total = sum(int(row["ho_so_tiep_nhan"]) for row in csv.DictReader(fh))
figures = [k for k in m04_bao_cao.expected()["key_figures"] if "tháng" not in k[0]]

def prompt(delta):
    return "Số liệu:\n" + "\n".join(
        f"- {name}: " + (format_percent(v) if kind == "percent" else format_number(v + delta * (i == 0)))
        for i, (name, v, kind) in enumerate(figures)
    )

print(json.dumps({
    "aiwork": aiwork.__file__,
    "data": str(data.data_dir()),
    "errors": [e["ename"] + ": " + e["evalue"] for e in errors],
    "total": figures[0][1] == copy_total,
    "right": m04_bao_cao.cham_cau_2_so_lieu(prompt(0)).passed,
    "wrong": m04_bao_cao.cham_cau_2_so_lieu(prompt(7)).passed,
}))
"""
    out = subprocess.run(
        [python, "-c", script],
        cwd=learner / "04-bao-cao",
        env=clean_env(python, learner / "home"),
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert out.returncode == 0, out.stderr[-4000:]
    result = json.loads(out.stdout.strip().splitlines()[-1])
    env_prefix = str(Path(python).parent.parent)
    assert result["aiwork"].startswith(env_prefix), result  # the installed copy, not the checkout
    assert result["data"].startswith(env_prefix), result
    assert str(REPO) not in result["aiwork"]
    assert result["errors"] == []
    assert result["total"] is True  # the package's data is the learner's copy
    assert result["right"] is True and result["wrong"] is False
