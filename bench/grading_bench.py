"""Benchmark (issue 9): stock `nbgrader autograde` vs `aiwork grade` on the same submissions.

For each real assignment (assignments/source/<id>/): generate it with nbgrader in a scratch
course, build N submissions (cycling through the reference solution, the unanswered stub and
the golden fixtures of assignments/fixtures/<id>/golden.yaml), copy the course twice, and
grade one copy with `nbgrader autograde` and the other with `aiwork grade` — each as a fresh
command, start-up included. Prints both wall times, the ratio (target >= 10x) and whether
every grade of every submission matched.

    python bench/grading_bench.py [--n 100] [--assignments m01-loi-nhac ...] [--workers N]

The default, 100 submissions, is one class (the province trains officials hundreds a class);
the whole run then takes about 20 minutes on 2 cores, nearly all of it stock nbgrader. Both
commands pay their start-up once (stock nbgrader about 2.2 s, ``aiwork grade`` about 1 s, see
issue 9), so the ratio grows with N: ``--n 20`` gives a quick, lower figure.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from aiwork import submissions  # noqa: E402

TARGET = 10.0


def run(cmd: list[str], cwd: Path, env: dict) -> float:
    started = time.monotonic()
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.monotonic() - started
    if proc.returncode not in (0, 1):  # aiwork grade exits 1 when a submission had an error
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return elapsed


def build_course(aid: str, root: Path, n: int, env: dict) -> Path:
    course = root / "base"
    (course / "source").mkdir(parents=True)
    shutil.copy(REPO / "assignments" / "nbgrader_config.py", course / "nbgrader_config.py")
    shutil.copytree(REPO / "assignments" / "source" / aid, course / "source" / aid)
    run([sys.executable, "-m", "nbgrader", "generate_assignment", aid, "--force"], course, env)
    release = course / "release" / aid
    golden = submissions.load_golden(aid)
    variants: list[dict] = []
    for nb_path in sorted(release.glob("*.ipynb")):
        rel = submissions.read(nb_path)
        ref = submissions.reference_from(
            submissions.read(course / "source" / aid / nb_path.name), rel
        )
        kinds = {"reference": ref, "stub": rel}
        for fx in golden.fixtures:
            ids = {submissions.grade_id(c) for c in rel.cells}
            mine = {k: v for k, v in fx.cells.items() if k in ids}
            kinds[fx.name] = submissions.fixture_from(
                ref, submissions.Fixture(fx.name, fx.description, mine, fx.expected)
            )
        for i, (_, nb) in enumerate(sorted(kinds.items())):
            if len(variants) <= i:
                variants.append({})
            variants[i][nb_path.name] = nb
    for k in range(n):
        target = course / "submitted" / f"hv{k:04d}" / aid
        shutil.copytree(release, target)
        for name, nb in variants[k % len(variants)].items():
            submissions.write(nb, target / name)
        (target / "timestamp.txt").write_text("2026-12-01 08:00:00 UTC\n")
    return course


def clone(course: Path, dst: Path) -> Path:
    shutil.copytree(course, dst, symlinks=True)
    return dst


def scores(course: Path, aid: str) -> dict[tuple[str, str], float | None]:
    from nbgrader.api import Gradebook

    out = {}
    with Gradebook(f"sqlite:///{course / 'gradebook.db'}") as gb:
        for sub in gb.assignment_submissions(aid):
            for nb in sub.notebooks:
                for g in nb.grades:
                    out[(sub.student.id, g.name)] = g.score
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=100, help="submissions per assignment (a class)")
    ap.add_argument("--assignments", nargs="*", default=None)
    ap.add_argument("--workers", type=int, default=None)
    args = ap.parse_args()
    source = REPO / "assignments" / "source"
    aids = args.assignments or sorted(p.name for p in source.iterdir() if p.is_dir())
    env = dict(os.environ, PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"])
    env.setdefault("AIWORK_BACKEND", "offline")
    rows, ok = [], True
    print(f"grading benchmark: {args.n} submissions per assignment, {os.cpu_count()} CPUs")
    for aid in aids:
        with tempfile.TemporaryDirectory(prefix=f"bench-{aid}-") as tmp:
            root = Path(tmp)
            env["AIWORK_EXCHANGE"] = str(root / "exchange")
            base = build_course(aid, root, args.n, env)
            stock, fast = clone(base, root / "stock"), clone(base, root / "fast")
            t_stock = run(
                [sys.executable, "-m", "nbgrader", "autograde", aid, "--force"], stock, env
            )
            cmd = [
                sys.executable,
                "-m",
                "aiwork.cli",
                "grade",
                aid,
                "--course",
                str(fast),
                "--quiet",
            ]
            if args.workers:
                cmd += ["--workers", str(args.workers)]
            t_fast = run(cmd, REPO, env)
            a, b = scores(stock, aid), scores(fast, aid)
            diff = sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k))
            ok &= not diff and len(a) > 0
            rows.append((aid, args.n, t_stock, t_fast, t_stock / t_fast, not diff))
            print(
                f"{aid:18s} n={args.n:<4d} nbgrader {t_stock:7.1f} s   aiwork grade "
                f"{t_fast:6.1f} s   ratio {t_stock / t_fast:5.1f}x (target >= {TARGET:g}x)"
                f"   scores match: {'yes' if not diff else 'NO'}",
                flush=True,
            )
            for key in diff[:10]:
                print(f"    mismatch {key}: nbgrader {a.get(key)} aiwork {b.get(key)}")
    if rows:
        total_s = sum(r[2] for r in rows)
        total_f = sum(r[3] for r in rows)
        print(
            f"{'all':18s} nbgrader {total_s:7.1f} s   aiwork grade {total_f:6.1f} s   "
            f"ratio {total_s / total_f:5.1f}x   every score matched: {'yes' if ok else 'NO'}"
        )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
