"""``aiwork grade`` and ``aiwork feedback`` (registered in ``aiwork.cli``)."""

from __future__ import annotations

import argparse
import re
import sys


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "grade",
        help="autograde every submission of an assignment, fast and isolated",
        description="Autograde all submissions of ASSIGNMENT in the nbgrader course DIR: each "
        "notebook runs in its own sandbox; grades go to nbgrader's gradebook and "
        "autograded/. Re-running resumes.",
    )
    p.add_argument("assignment", metavar="ASSIGNMENT")
    p.add_argument("--course", metavar="DIR", required=True, help="nbgrader course root")
    p.add_argument(
        "--workers",
        metavar="N",
        type=int,
        default=None,
        help="notebooks run at once (default: number of CPUs)",
    )
    p.add_argument(
        "--timeout",
        metavar="S",
        type=float,
        default=None,
        help="seconds per cell (default: the course's Execute.timeout, else 30)",
    )
    p.add_argument(
        "--memory",
        metavar="MB",
        type=int,
        default=None,
        help="memory a notebook may allocate on top of the preloaded libraries",
    )
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        default=None,
        help="run the notebooks on a Dask cluster (e.g. tcp://scheduler:8786)",
    )
    p.add_argument("--force", action="store_true", help="regrade already graded submissions")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=_grade)

    f = subparsers.add_parser(
        "feedback",
        help="per-learner feedback that never shows hidden test code",
        description="Write feedback/<student>/ASSIGNMENT/<notebook>.html for every autograded "
        "submission: visible tests and outputs, and for hidden tests only whether "
        "they passed and the points.",
    )
    f.add_argument("assignment", metavar="ASSIGNMENT")
    f.add_argument("--course", metavar="DIR", required=True, help="nbgrader course root")
    f.set_defaults(func=_feedback)


ASSIGNMENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$")


def check_course(course: str, assignment: str) -> None:
    """Refuse (``InputError``, nothing created) a course folder that is missing or not a
    folder, an assignment the course does not have, or a gradebook that is missing or damaged:
    nbgrader would create ``gradebook.db`` in a mistyped folder, or silently recreate an empty
    one."""
    from pathlib import Path

    from aiwork.errors import InputError
    from aiwork.integrity import GRADEBOOK_NAME, check_gradebook

    root = Path(course)
    if not root.is_dir():
        what = "là một tệp" if root.exists() else "không tồn tại"
        raise InputError(
            f"Thư mục khóa học {root} {what}; anh/chị kiểm tra lại --course "
            "(thư mục lớp học hoặc thư mục khóa học nbgrader)."
        )
    source = root / "source"
    # an id, not a path: "../release" must not reach a folder of the course by a detour
    if not ASSIGNMENT_ID.match(assignment) or not (source / assignment).is_dir():
        known = sorted(p.name for p in source.glob("*") if p.is_dir() and p.name[0] != ".")
        raise InputError(
            f"Khóa học {root} không có bài tập {assignment} "
            f"(có: {', '.join(known) or 'chưa có bài nào'})."
        )
    check_gradebook(root / GRADEBOOK_NAME)


def _grade(args: argparse.Namespace) -> int:
    from aiwork.grading.engine import grade

    check_course(args.course, args.assignment)
    outcomes = grade(
        args.assignment,
        args.course,
        workers=args.workers,
        timeout=args.timeout,
        memory_mb=args.memory,
        scheduler=args.scheduler,
        force=args.force,
        progress=not args.quiet,
    )
    counts: dict[str, int] = {}
    for o in outcomes.values():
        counts[o.status] = counts.get(o.status, 0) + 1
    summary = ", ".join(f"{k}: {v}" for k, v in sorted(counts.items()))
    print(f"{args.assignment}: {len(outcomes)} submissions ({summary or 'none'})")
    for o in sorted(outcomes.values(), key=lambda o: o.student):
        if o.status == "error" or o.message:
            print(f"  {o.student}: {o.status} — {o.message}", file=sys.stderr)
    # A submission that could not run is a recorded outcome (0 points and its reason in
    # autograded/.aiwork-outcomes/), not a failed run: the exit code stays 0.
    return 0


def _feedback(args: argparse.Namespace) -> int:
    from pathlib import Path

    from aiwork.grading.feedback import generate

    check_course(args.course, args.assignment)
    if not any(Path(args.course).glob(f"autograded/*/{args.assignment}")):
        print(
            f"{args.assignment}: chưa có bài nào đã chấm để viết nhận xét; chạy "
            f"`aiwork grade {args.assignment} --course {args.course}` trước."
        )
        return 0
    written = generate(args.assignment, args.course)
    print(f"{args.assignment}: feedback for {len(written)} notebooks")
    return 0
