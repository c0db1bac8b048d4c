"""Every code cell a learner or the grader runs reaches Python exactly as written.

IPython rewrites a cell before running it: its classic-prompt transformer deletes a line that
is ``>>>`` and the ``>>> ``/``... `` prefixes (so a prompt written with ``<<< … >>>`` arrives
with its block unclosed), and other transformers take ``%``, ``!``, ``?`` and leading blank
lines or indentation. This test passes every code cell of every notebook (lessons, assignment
sources with and without their solution markers, the released stub, and the cells of every
fixture and labelled answer)
through IPython's own ``TransformerManager`` and fails on any change beyond a trailing
newline. The delimiters the course teaches (tags ``<van_ban> … </van_ban>``, ``---`` lines)
survive; see ``aiwork/prompt_anatomy.py`` for every style the graders and the assistant read.
"""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from IPython.core.inputtransformer2 import TransformerManager

from aiwork import submissions

REPO = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted(
    p
    for d in ("course", "assignments/source")
    for p in (REPO / d).rglob("*.ipynb")
    if ".ipynb_checkpoints" not in p.parts
)
SOLUTION_REGION = re.compile(r"[ \t]*### BEGIN SOLUTION.*?### END SOLUTION[^\n]*", re.S)


def _changed(source: str) -> str | None:
    """None when IPython leaves ``source`` alone, else the first line it changed or dropped."""
    out = TransformerManager().transform_cell(source)
    if out.rstrip("\n") == source.rstrip("\n"):
        return None
    kept = out.split("\n")
    for i, line in enumerate(source.split("\n")):
        if i >= len(kept) or kept[i] != line:
            return f"line {i + 1}: {line!r} became {kept[i] if i < len(kept) else None!r}"
    return "cell changed"


def _cells() -> list[tuple[str, str]]:
    cells: list[tuple[str, str]] = []
    for path in NOTEBOOKS:
        rel = path.relative_to(REPO)
        for cell in nbformat.read(str(path), as_version=4).cells:
            if cell.cell_type != "code":
                continue
            where = f"{rel}#{cell.get('id')}"
            cells.append((where, cell.source))
            if "BEGIN SOLUTION" in cell.source:
                cells.append((f"{where} (reference)", submissions.strip_markers(cell.source)))
                cells.append((f"{where} (stub)", SOLUTION_REGION.sub("...", cell.source)))
            if "BEGIN HIDDEN TESTS" in cell.source:
                cells.append(
                    (
                        f"{where} (visible)",
                        re.sub(
                            r"### BEGIN HIDDEN TESTS.*?### END HIDDEN TESTS",
                            "",
                            cell.source,
                            flags=re.S,
                        ),
                    )
                )
    for folder in sorted((REPO / "assignments" / "fixtures").iterdir()):
        for fx in submissions.load_golden(folder.name).fixtures:
            for gid, source in fx.cells.items():
                cells.append((f"{folder.name}/golden/{fx.name}/{gid}", source))
        for group in submissions.load_answers(folder.name):
            for answer in group.answers:
                for gid, source in answer.cells.items():
                    cells.append((f"{folder.name}/answers/{answer.id}/{gid}", source))
    return cells


CELLS = _cells()


def test_cells_found():
    assert len(NOTEBOOKS) >= 12 and len(CELLS) > 200


@pytest.mark.parametrize("where, source", CELLS, ids=[w for w, _ in CELLS])
def test_ipython_leaves_cell_unchanged(where: str, source: str):
    problem = _changed(source)
    assert problem is None, f"{where}: IPython rewrites this cell ({problem})"


@pytest.mark.parametrize(
    "source",
    [
        'p = """\nTóm tắt:\n<<<\nNội dung\n>>>\n"""',
        'p = """\nVí dụ:\n>>> x\n... tiếp theo\n"""',
    ],
)
def test_the_check_catches_the_kernel_deleting_lines(source: str):
    assert _changed(source) is not None
