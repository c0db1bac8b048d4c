"""Differential check of the figure checker: the same output as another revision, byte for byte.

    python bench/figcheck_same.py [--base main]

Speed work on ``aiwork check-figures`` must change no result (issue 20 item 11). This runs the
checker of the working tree and of ``--base`` (its ``aiwork`` package taken with ``git archive``)
in two child processes over the same narratives, and compares their JSON outputs:
- every string with a digit in the course's module 4 and 6 lessons and READMEs, the m04/m06
  assignment notebooks and labelled answers, tests/reporting, graders, module 4's sample
  drafts (aiwork/reporting/samples.py) and the README, checked against both module 4 tables
  (CSV, and the services table as XLSX too);
- 4,500 generated sentences (bench/figcheck_bench.py's kinds) in paragraphs of 1 to 8, as
  written and with 30% of their digits changed, against the services table;
- the labelled narratives (tests/reporting/narratives) against their own tables;
each with the default, ``bound=True`` and ``lenient`` checkers (about 20,000
outputs; 1-3 minutes).
Exit 0 when identical; 1 with the first differing output otherwise.
"""

from __future__ import annotations

import argparse
import ast
import glob
import hashlib
import json
import os
import random
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _strings_of(path: str) -> list[str]:
    import yaml

    out: list[str] = []

    def constants(source: str) -> list[str]:
        try:
            tree = ast.parse(source)
        except SyntaxError:
            return []
        return [
            n.value
            for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str)
        ]

    if path.endswith(".ipynb"):
        for cell in json.loads(Path(path).read_text(encoding="utf-8"))["cells"]:
            source = "".join(cell["source"])
            out.append(source)
            if cell["cell_type"] == "code":
                out += constants(source)
    elif path.endswith(".py"):
        out += constants(Path(path).read_text(encoding="utf-8"))
    elif path.endswith(".yaml"):

        def walk(x: object) -> None:
            if isinstance(x, str):
                out.append(x)
            elif isinstance(x, dict):
                for v in x.values():
                    walk(v)
            elif isinstance(x, list):
                for v in x:
                    walk(v)

        walk(yaml.safe_load(Path(path).read_text(encoding="utf-8")))
    else:
        out.append(Path(path).read_text(encoding="utf-8"))
    return [s for s in out if re.search(r"\d", s) and len(s) > 15]


def _paragraphs(sentences: list[str], rng: random.Random) -> list[str]:
    out, i = [], 0
    while i < len(sentences):
        k = rng.randint(1, 8)
        out.append(" ".join(sentences[i : i + k]))
        i += k
    return out


def outputs(out: Path) -> None:
    """Write one JSON line per check (run in a child process: ``aiwork`` as it imports)."""
    sys.path.insert(0, str(REPO / "bench"))
    sys.path.insert(0, str(REPO / "tests"))
    import figcheck_bench
    from reporting.test_narratives import load_cases

    from aiwork.reporting import data
    from aiwork.reporting.figcheck import FigureChecker

    patterns = [
        "course/0[46]-*/*.ipynb",
        "course/0[46]-*/*.md",
        "course/04-bao-cao/data/*.md",
        "assignments/source/m0[46]-*/*.ipynb",
        "assignments/fixtures/m0[46]-*/*.yaml",
        "tests/reporting/*.py",
        "graders/*.py",
        "aiwork/reporting/samples.py",
        "README.md",
    ]
    files = sorted({f for p in patterns for f in glob.glob(str(REPO / p))})
    texts = list(dict.fromkeys(s for f in files for s in _strings_of(f)))
    generated = [c[1] for seed in (1, 2, 3) for c in figcheck_bench.cases(1500, seed)]
    rng = random.Random(7)
    written = _paragraphs(generated, rng)

    def vary(s: str) -> str:
        return re.sub(r"\d", lambda d: str(rng.randrange(10)) if rng.random() < 0.3 else d[0], s)

    varied = _paragraphs([vary(s) for s in generated], rng)
    tables = {
        "services": data.load_services(),
        "training": data.load_training(),
        "services-xlsx": data.load_services("xlsx"),
    }
    with out.open("w", encoding="utf-8") as f:

        def emit(tag: str, report, notes=()) -> None:
            line = {"tag": tag, "out": json.loads(report.to_json(list(notes)))}
            f.write(json.dumps(line, ensure_ascii=False) + "\n")

        for name, df in tables.items():
            for lenient in (False, True):
                checker = FigureChecker(df, lenient=lenient)
                for bound in (False, True):
                    every = [("text", texts)]
                    if name != "training":
                        share = 1 if name == "services" else 4
                        every += [("gen", written), ("var", varied[: len(varied) // share])]
                    for what, items in every:
                        for i, text in enumerate(items):
                            emit(f"{name}/{lenient}/{bound}/{what}{i}", checker.check(text, bound))
                emit(f"{name}/{lenient}/whole", checker.check("\n\n".join(written[:300])))
        with tempfile.TemporaryDirectory() as tmp:
            for set_name in ("tuning", "heldout"):
                for case in load_cases(set_name):
                    path = Path(tmp) / f"{case['id']}.csv"
                    path.write_text(case["table"], encoding="utf-8")
                    df = data.load_table(path)
                    for bound in (False, True):
                        report = FigureChecker(df).check(case["text"], bound=bound)
                        emit(case["id"], report, df.attrs.get("notes", []))


def _run(tree: Path | None, out: Path) -> None:
    """``outputs(out)`` in a child process importing ``aiwork`` from ``tree`` (None: this one)."""
    code = [
        "import sys",
        # An editable install's import hook would win over sys.path: left out for the base.
        "sys.meta_path[:] = [f for f in sys.meta_path if 'editable' not in type(f).__module__]"
        if tree
        else "",
        f"sys.path.insert(0, {str(tree or REPO)!r})",
        f"sys.path.insert(0, {str(REPO / 'bench')!r})",
        "import aiwork, figcheck_same",
        f"assert aiwork.__file__.startswith({str(tree or REPO)!r}), aiwork.__file__",
        f"figcheck_same.outputs(__import__('pathlib').Path({str(out)!r}))",
    ]
    subprocess.run([sys.executable, "-c", "\n".join(code)], check=True, cwd=REPO)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="main", help="git revision to compare with")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        base_tree = Path(tmp) / "base"
        base_tree.mkdir()
        archive = subprocess.run(
            ["git", "-C", str(REPO), "archive", args.base, "aiwork"],
            check=True,
            capture_output=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(base_tree)], input=archive, check=True)
        mine, theirs = Path(tmp) / "working-tree.jsonl", Path(tmp) / "base.jsonl"
        _run(None, mine)
        _run(base_tree, theirs)
        a = mine.read_text(encoding="utf-8").splitlines()
        b = theirs.read_text(encoding="utf-8").splitlines()
        digest = hashlib.sha256(mine.read_bytes()).hexdigest()[:16]
        if a == b:
            print(f"identical: {len(a)} outputs (sha256 {digest}…) against {args.base}")
            return 0
        for i, (x, y) in enumerate(zip(a, b, strict=False)):
            if x != y:
                print(f"output {i} differs from {args.base}:\n  here: {x[:800]}\n  base: {y[:800]}")
                return 1
        print(f"{len(a)} outputs here, {len(b)} in {args.base}")
        return 1


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    raise SystemExit(main())
