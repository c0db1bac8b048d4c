"""Finding the submissions of an assignment and what their notebooks need preloaded."""

from __future__ import annotations

import ast
import glob
import json
import os
import re
from dataclasses import dataclass, field

#: Imported in the template only when the notebooks' own modules brought matplotlib in (the
#: inline backend a kernel uses costs 0.3 s to import; notebooks that draw nothing do not need it).
PRELOAD_IF_MATPLOTLIB = ("matplotlib_inline.backend_inline",)


@dataclass
class Submission:
    student: str
    path: str  # submitted/<student>/<assignment>
    notebooks: list[str] = field(default_factory=list)  # absolute paths of *.ipynb

    @property
    def key(self) -> str:
        return self.student


def find_submissions(submitted_glob: str) -> list[Submission]:
    """Every submission directory, in nbgrader's order (with or without notebooks: a folder
    without any still gets an outcome). ``submitted_glob`` is nbgrader's formatted path with
    ``*`` as the student."""
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
    """What the template imports first for an assignment's notebooks: what they import
    (then ``lazy_imports`` and the course's ``AiworkGrade.preload`` hints, in the template)."""
    return notebook_imports(notebooks)


_IMPORT_LINE = re.compile(
    r"^[ \t]*(?:from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+\(?([\w, \t]*)|import[ \t]+([\w., \t]+))",
    re.MULTILINE,
)


def lazy_imports(seeds: list[str], prefixes: tuple[str, ...], limit: int = 400) -> list[str]:
    """Modules that ``seeds`` (loaded modules of the course's protected packages) import
    anywhere in their source — inside functions too — followed through the protected packages:
    what a notebook's first call would import in every sandbox, imported once in the template
    instead. Only modules not loaded yet. Import lines are read with a pattern, not parsed (a
    tenth of the time; an import it misses is only imported later, in the sandbox)."""
    import sys

    def protected(name: str) -> bool:
        return any(name == p or name.startswith(p + ".") for p in prefixes)

    found: list[str] = []
    seen: set[str] = set()
    stack = [s for s in seeds if protected(s)]
    while stack and len(seen) < limit:
        name = stack.pop()
        if name in seen:
            continue
        seen.add(name)
        path = getattr(sys.modules.get(name), "__file__", None)
        if not path or not path.endswith(".py"):
            continue
        try:
            with open(path, encoding="utf-8") as fh:
                text = fh.read()
        except (OSError, ValueError):
            continue
        package = name if path.endswith("__init__.py") else name.rpartition(".")[0]
        for base, names, plain in _IMPORT_LINE.findall(text):
            if plain:
                targets = [t.split(" as ")[0].strip() for t in plain.split(",")]
            else:
                level = len(base) - len(base.lstrip("."))
                base = base.lstrip(".")
                if level:
                    parts = package.split(".")
                    parts = parts[: len(parts) - level + 1]
                    base = ".".join([*parts, base] if base else parts)
                members = [n.split(" as ")[0].strip() for n in names.split(",")]
                targets = [base] + [f"{base}.{m}" for m in members if m and m != "*"]
            for target in targets:
                if not target or not all(p.isidentifier() for p in target.split(".")):
                    continue
                if target not in sys.modules and target not in found:
                    found.append(target)
                if protected(target):
                    stack.append(target)
    return found
