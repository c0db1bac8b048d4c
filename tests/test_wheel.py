"""The toolkit as a wheel, installed outside the repository (issue 23: package data; issue 24:
the deployment installs from the wheel).

- No file in the wheel holds a solution or hidden-test marker, a reference answer's
  distinctive line, or anything of ``assignments/``: on a hub, learners' kernels can read the
  environment's site-packages.
- From a fresh virtual environment outside the repository, module 4's lesson runs in a
  learner's copy of ``course/04-bao-cao/`` and the module 4 grader grades from the package's
  own data (before, a non-editable install had no ``course/`` and ``load_services()`` failed).

The environment is the one deploy/README.md's steps installed (``deployment``) where the host
allows those steps; elsewhere one is built here (wheel, venv, pip install).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import nbformat
import pytest
from test_release_hygiene import ASSIGNMENTS, MARKERS, SOURCE, _solution_lines

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


def test_wheel_holds_no_solution_and_no_course_source(wheel_env):
    wheel, _ = wheel_env
    reference: set[str] = set()
    for aid in ASSIGNMENTS:
        reference |= _solution_lines(nbformat.read(SOURCE / aid / f"{aid}.ipynb", as_version=4))
    problems = []
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        assert any(n.startswith("aiwork/data/reporting/") for n in names)
        assert any(n.startswith("aiwork/hub/templates/") for n in names)
        for n in names:
            if n.startswith("assignments/") or "/source/" in n or n.endswith(".ipynb"):
                problems.append(f"{n}: course source in the wheel")
            text = zf.read(n).decode("utf-8", errors="ignore")
            problems += [f"{n}: marker {m!r}" for m in MARKERS if m in text]
            problems += [f"{n}: reference line {line[:50]!r}" for line in reference if line in text]
    assert not problems, problems[:20]


def test_module_4_lesson_and_grader_run_from_the_wheel(wheel_env, tmp_path):
    _, python = wheel_env
    learner = tmp_path / "hoc-vien"
    shutil.copytree(REPO / "course" / "04-bao-cao", learner / "04-bao-cao")
    (learner / "home").mkdir()
    script = r"""
import json, sys, nbformat, aiwork
from nbclient import NotebookClient
from graders import m04_bao_cao
from aiwork.reporting import data

nb = nbformat.read("bai-hoc.ipynb", as_version=4)
NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": "."}}).execute()
errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
total = int(data.load_services()["ho_so_tiep_nhan"].sum())
print(json.dumps({
    "aiwork": aiwork.__file__,
    "data": str(data.data_dir()),
    "errors": [e["ename"] + ": " + e["evalue"] for e in errors],
    "right": m04_bao_cao.cham_cau_1a(total).passed,
    "wrong": m04_bao_cao.cham_cau_1a(total + 7).passed,
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
    assert result["right"] is True and result["wrong"] is False
