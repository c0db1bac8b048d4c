"""No solution ever reaches a learner: what each assignment releases, and what it may contain.

- every tracked file under ``assignments/source/<id>/`` is on that assignment's allow-list;
- ``nbgrader generate_assignment`` of every assignment, run after a trainer executed the source
  notebooks as they are (which writes the reference's documents beside them), releases only
  allow-listed files, and no released file (notebook, document, anything; zip members too)
  holds a solution or hidden-test marker or a distinctive line of the reference answers;
- no build outputs or archives are tracked.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest

from aiwork import submissions

REPO = Path(__file__).resolve().parent.parent
SOURCE = REPO / "assignments" / "source"
ASSIGNMENTS = sorted(p.name for p in SOURCE.iterdir() if p.is_dir())

# What each assignment releases on purpose. A new file in a source folder must be added here
# deliberately, after checking that it holds nothing of the answers.
RELEASED = {aid: {f"{aid}.ipynb"} for aid in ASSIGNMENTS}

MARKERS = ("BEGIN SOLUTION", "END SOLUTION", "BEGIN HIDDEN TESTS", "END HIDDEN TESTS")
# Outputs a trainer's run of the source notebook leaves beside it, holding the reference text.
PLANTED = ("bao-cao.docx", "cong-van.docx", "ket-qua.xlsx", "ban-in.pdf")


def _tracked(path: Path) -> list[str]:
    out = subprocess.run(
        ["git", "ls-files", str(path)], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout
    return [line for line in out.splitlines() if line]


def _solution_lines(source_nb) -> set[str]:
    """Distinctive lines of the reference answers and hidden tests (long enough to be unique)."""
    lines: set[str] = set()
    given: set[str] = set()  # lines the learner is given anyway (outside any marked region)
    for cell in source_nb.cells:
        inside = False
        for line in cell.source.split("\n"):
            text = line.strip()
            if any(m in text for m in MARKERS):
                inside = "BEGIN" in text
                continue
            (lines if inside else given).add(text)
    given_text = "\n".join(given)
    return {line for line in lines if len(line) >= 30 and line not in given_text}


def _texts(path: Path) -> list[tuple[str, str]]:
    """(name, text) of a file, and of each member when it is a zip (.docx, .xlsx)."""
    data = path.read_bytes()
    found = [(path.name, data.decode("utf-8", errors="ignore"))]
    if zipfile.is_zipfile(io.BytesIO(data)):
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            for member in zf.namelist():
                found.append(
                    (f"{path.name}:{member}", zf.read(member).decode("utf-8", errors="ignore"))
                )
    return found


@pytest.mark.parametrize("aid", ASSIGNMENTS)
def test_source_folder_holds_only_released_files(aid: str):
    tracked = {
        Path(p).relative_to(f"assignments/source/{aid}").as_posix() for p in _tracked(SOURCE / aid)
    }
    extra = tracked - RELEASED[aid]
    assert not extra, f"{aid}: files not on the release allow-list: {sorted(extra)}"


@pytest.mark.slow
def test_released_files_hold_no_solution(tmp_path: Path):
    course = tmp_path / "course"
    shutil.copy(REPO / "assignments" / "nbgrader_config.py", course.mkdir() or course)
    env = dict(os.environ, AIWORK_EXCHANGE=str(tmp_path / "exchange"))
    problems: list[str] = []
    for aid in ASSIGNMENTS:
        src = course / "source" / aid
        shutil.copytree(SOURCE / aid, src)
        source_nb = nbformat.read(src / f"{aid}.ipynb", as_version=4)
        solution = _solution_lines(source_nb)
        assert solution, f"{aid}: no reference answer found to look for"
        planted_text = "### BEGIN SOLUTION\n" + "\n".join(sorted(solution))
        for name in PLANTED:  # a zip member and a plain file: both must stay behind
            with zipfile.ZipFile(src / name, "w") as zf:
                zf.writestr("word/document.xml", planted_text)
        proc = subprocess.run(
            [sys.executable, "-m", "nbgrader", "generate_assignment", aid, "--force"],
            cwd=course,
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert proc.returncode == 0, proc.stderr[-2000:]
        release = course / "release" / aid
        released = {p.relative_to(release).as_posix() for p in release.rglob("*") if p.is_file()}
        if released - RELEASED[aid]:
            problems.append(f"{aid}: released {sorted(released - RELEASED[aid])}")
        for path in release.rglob("*"):
            if not path.is_file():
                continue
            for name, text in _texts(path):
                problems += [f"{aid}/{name}: marker {m!r}" for m in MARKERS if m in text]
                problems += [
                    f"{aid}/{name}: reference line {line[:60]!r}"
                    for line in solution
                    if line in text
                ]
    assert not problems, "\n".join(problems)


def test_no_archives_or_build_outputs_tracked():
    bad = [
        p
        for p in _tracked(REPO)
        if p.endswith((".whl", ".zip", ".tar.gz", ".egg")) or p.startswith(("dist/", "build/"))
    ]
    assert not bad, f"build outputs in git: {bad}"
    root_binaries = [
        p for p in _tracked(REPO) if "/" not in p and b"\0" in (REPO / p).read_bytes()[:8192]
    ]
    assert not root_binaries, f"binary files at the repository root: {root_binaries}"


def test_reference_lines_detector_finds_each_assignment():
    # the check above is only as good as its list of reference lines
    for aid in ASSIGNMENTS:
        nb = submissions.read(SOURCE / aid / f"{aid}.ipynb")
        assert len(_solution_lines(nb)) >= 3, aid
