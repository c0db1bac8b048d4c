"""``aiwork grade`` and ``aiwork feedback`` (registered in ``aiwork.cli``).

Exit codes, as stock ``nbgrader autograde``: 0 when every submission found was graded (or
was graded already), 1 when one could not be graded or none was found; 2 for bad input
(options, course folder, gradebook: nothing changed) or a course another command holds.
"""

from __future__ import annotations

import argparse
import re
import sys

from aiwork.errors import StepFailed


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "grade",
        help="autograde every submission of an assignment, fast and isolated",
        description="Autograde all submissions of ASSIGNMENT in the nbgrader course DIR: each "
        "submission runs in its own sandbox; grades go to nbgrader's gradebook and "
        "autograded/. Re-running resumes.",
    )
    p.add_argument("assignment", metavar="ASSIGNMENT")
    p.add_argument("--course", metavar="DIR", required=True, help="nbgrader course root")
    p.add_argument(
        "--workers",
        metavar="N",
        type=int,
        default=None,
        help="submissions run at once (default: number of CPUs)",
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
    p.add_argument(
        "--force", action="store_true", help="regrade graded submissions (gradebook backed up)"
    )
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
    from aiwork.grading import engine, messages, settings

    engine.check_options(args.workers, args.timeout, args.memory)  # before anything else
    check_course(args.course, args.assignment)
    notes: list[str] = []
    outcomes = engine.grade(
        args.assignment,
        args.course,
        workers=args.workers,
        timeout=args.timeout,
        memory_mb=args.memory,
        scheduler=args.scheduler,
        force=args.force,
        progress=not args.quiet,
        notes=notes,
    )
    lang = settings.load(args.course).language
    t = messages.text
    for note in notes:
        print(note, file=sys.stderr)
    counts: dict[str, int] = {}
    for o in outcomes.values():
        counts[o.status] = counts.get(o.status, 0) + 1
    summary = ", ".join(f"{t(lang, 'status_' + k)}: {v}" for k, v in sorted(counts.items()))
    print(
        t(
            lang,
            "summary",
            assignment=args.assignment,
            n=len(outcomes),
            counts=summary or t(lang, "none"),
        )
    )
    for o in sorted(outcomes.values(), key=lambda o: o.student):
        if o.status in ("error", "empty"):
            print(f"  {o.student}: {t(lang, 'status_' + o.status)} — {o.message}", file=sys.stderr)
    failed = [o for o in outcomes.values() if o.status == "error"]
    if not any(o.status != "empty" for o in outcomes.values()):
        raise StepFailed(t(lang, "no_submissions", assignment=args.assignment, path=args.course))
    if failed:
        raise StepFailed(t(lang, "some_failed", n=len(failed)))
    return 0


def _feedback(args: argparse.Namespace) -> int:
    from aiwork.grading import (
        messages,
        speedups,  # first: jsonschema without IRI grammars
    )

    speedups.nbgrader_package_only()
    speedups.nbgrader_utils_without_setuptools()
    from aiwork.grading.feedback import generate

    check_course(args.course, args.assignment)
    report = generate(args.assignment, args.course)
    t = messages.text
    if report.nothing_graded:
        print(t(report.language, "feedback_none", assignment=args.assignment))
    else:
        n = len(report.written)
        print(t(report.language, "feedback_summary", assignment=args.assignment, n=n))
    if report.unfinished:
        raise StepFailed(
            t(
                report.language,
                "feedback_unfinished",
                assignment=args.assignment,
                students=", ".join(report.unfinished),
            )
        )
    return 0
