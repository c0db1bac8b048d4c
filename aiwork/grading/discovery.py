"""Finding the submissions of an assignment and what their notebooks need preloaded."""

from __future__ import annotations

import ast
import glob
import json
import os
from dataclasses import dataclass, field

#: Modules the course's notebooks load lazily (on the first call to the assistant, or when a
#: grader builds a document): importing them once in the template spares every sandbox the
#: cost. Used when a notebook imports the toolkit or the SDK; missing ones are skipped.
PRELOAD_HINTS = (
    "IPython.display",
    "openai",
    "openai.resources.chat",
    "httpx",
    "aiwork.assistant",
    "aiwork.assistant.offline",
    "aiwork.mock.server",
    "aiwork.mock.router",
    "aiwork.mock.chat",
    "aiwork.decree30",
    "graders.core",
    "docx",
    "http.server",
    "socketserver",
)
#: Imported in the template only when the notebooks' own modules brought matplotlib in (the
#: inline backend costs 0.3 s to import; notebooks that draw nothing do not need it).
PRELOAD_IF_MATPLOTLIB = ("matplotlib_inline.backend_inline",)


#: Zero-argument functions that fill a per-process cache the notebooks use (``module:function``):
#: called in the template when their module is loaded, so each sandbox inherits the result
#: instead of building it (the lookup module's BM25 index: about 0.3 s per notebook; module
#: 4's charts and figure pools, and its expected figures: about 0.8 s). Caches that graders
#: consult are ``aiwork.memo.Memo`` objects, frozen after these calls and reset by the
#: harness before every test cell.
WARM_CALLS = (
    "aiwork.lookup.retriever:default_retriever",
    "aiwork.lookup.corpus:load_corpus",
    "aiwork.casework:cases",
    "aiwork.reporting.report:warm_up",
    "graders.m04_bao_cao:warm_up",
)


@dataclass
class Submission:
    student: str
    path: str  # submitted/<student>/<assignment>
    notebooks: list[str] = field(default_factory=list)  # absolute paths of *.ipynb

    @property
    def key(self) -> str:
        return self.student


def find_submissions(submitted_glob: str) -> list[Submission]:
    """Every submission directory (with or without notebooks: a missing or renamed notebook
    must still end with a recorded outcome). ``submitted_glob`` is nbgrader's formatted path
    with ``*`` as the student."""
    out = []
    parts = submitted_glob.split(os.sep)
    star = parts.index("*")
    for path in sorted(glob.glob(submitted_glob)):
        if not os.path.isdir(path):
            continue
        student = path.split(os.sep)[star]
        notebooks = sorted(glob.glob(os.path.join(path, "*.ipynb")))
        out.append(Submission(student, path, notebooks))
    return out


def notebook_imports(paths: list[str]) -> list[str]:
    """Modules imported by the code cells of ``paths`` (to pre-import in the template)."""
    names: set[str] = set()
    for path in paths:
        try:
            with open(path, encoding="utf-8") as fh:
                nb = json.load(fh)
        except (OSError, ValueError):
            continue
        for cell in nb.get("cells", []):
            if cell.get("cell_type") != "code":
                continue
            src = cell.get("source", "")
            src = "".join(src) if isinstance(src, list) else str(src)
            lines = [ln for ln in src.splitlines() if not ln.lstrip().startswith(("%", "!"))]
            try:
                tree = ast.parse("\n".join(lines))
            except SyntaxError:
                continue
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    names.update(alias.name for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    names.add(node.module)
    return sorted(names)


def preload_for(notebooks: list[str]) -> list[str]:
    """What the template should import for an assignment's notebooks."""
    names = set(notebook_imports(notebooks))
    if any(n.split(".")[0] in ("aiwork", "openai") for n in names):
        names.update(PRELOAD_HINTS)
    return sorted(names)
