"""The cycle of a class: release → collect → grade → feedback → return.

Every step goes through nbgrader's API and exchange, so it works beside the formgrader on a
hub, and every step is idempotent: what is done is detected and skipped, so after an
interruption the trainer runs the same command again and nothing is lost or done twice.

- release: ``generate_assignment`` then ``release_assignment``; an assignment already in the
  exchange is left as learners fetched it (``--force`` re-releases it).
- collect: nbgrader's collect with ``update``: only newer submissions replace older ones.
- grade / feedback: the grading engine (``aiwork grade`` / ``aiwork feedback``, issue 9) when
  it is installed; otherwise stock nbgrader one learner at a time. The choice is made in
  :func:`engine_command`, one place.
- return: ``release_feedback`` puts each learner's feedback in the exchange.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from tqdm import tqdm

from aiwork.trainer.cohort import Cohort, working_directory

GRADER_ENV = "AIWORK_TRAINER_GRADER"


@dataclass
class StepResult:
    """What one step did to one assignment; ``failed`` maps learner (or "*") -> reason."""

    step: str
    assignment: str
    done: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        parts = [f"{self.step} {self.assignment}: {len(self.done)} xong"]
        if self.skipped:
            parts.append(f"{len(self.skipped)} đã có từ trước")
        if self.failed:
            parts.append(f"{len(self.failed)} lỗi")
        lines = [", ".join(parts) + "."]
        lines += [f"  - {n}" for n in self.notes]
        lines += [f"  - lỗi {who}: {why}" for who, why in sorted(self.failed.items())]
        return "\n".join(lines)


def _first_error_line(result: dict) -> str:
    text = (result.get("error") or result.get("log") or "lỗi không rõ").strip()
    lines = [ln for ln in text.splitlines() if ln.strip()]
    return lines[-1][:300] if lines else "lỗi không rõ"


def _quiet(call: Callable[[], dict]) -> dict:
    """nbgrader's gradebook emits SQLAlchemy warnings on every autograde; they are noise."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return call()


def _bar(items: list[str], desc: str) -> tqdm:
    # disable=None: a bar on a terminal, silence in logs and CI.
    return tqdm(items, desc=desc, unit="bài", disable=None, leave=False)


# --- release ------------------------------------------------------------------------------------


def release(cohort: Cohort, assignments: Iterable[str], *, force: bool = False) -> list[StepResult]:
    api = cohort.api()
    released = api.get_released_assignments()
    results = []
    with working_directory(cohort.root):
        for aid in _bar(list(assignments), "Phát bài"):
            res = StepResult("Phát bài", aid)
            results.append(res)
            if aid in released and not force:
                res.skipped.append(aid)
                continue
            gen = _quiet(lambda aid=aid: api.generate_assignment(aid, force=True, create=True))
            if not gen["success"]:
                res.failed["*"] = "tạo bản phát cho học viên: " + _first_error_line(gen)
                continue
            if aid in released:
                _quiet(lambda aid=aid: api.unrelease(aid))
            rel = _quiet(lambda aid=aid: api.release_assignment(aid))
            if rel["success"]:
                res.done.append(aid)
            else:
                res.failed["*"] = "đưa bài lên kho trao đổi: " + _first_error_line(rel)
    return results


# --- collect ------------------------------------------------------------------------------------


def submitted_learners(cohort: Cohort, aid: str) -> list[str]:
    base = cohort.root / "submitted"
    if not base.is_dir():
        return []
    return sorted(p.name for p in base.iterdir() if (p / aid).is_dir())


def collect(cohort: Cohort, assignments: Iterable[str]) -> list[StepResult]:
    api = cohort.api()
    roster = {x.learner_id for x in cohort.learners()}
    results = []
    with working_directory(cohort.root):
        for aid in _bar(list(assignments), "Thu bài"):
            res = StepResult("Thu bài", aid)
            results.append(res)
            before = {s: _timestamp(cohort, s, aid) for s in submitted_learners(cohort, aid)}
            out = _quiet(lambda aid=aid: api.collect(aid, update=True))
            if not out["success"]:
                res.failed["*"] = _first_error_line(out)
                continue
            for sid in submitted_learners(cohort, aid):
                new = _timestamp(cohort, sid, aid)
                (res.skipped if before.get(sid) == new else res.done).append(sid)
            strangers = sorted(set(res.done + res.skipped) - roster)
            if strangers:
                res.notes.append(
                    "bài nộp của mã không có trong danh sách lớp (không chấm): "
                    + ", ".join(strangers)
                )
    return results


def _timestamp(cohort: Cohort, sid: str, aid: str) -> str | None:
    path = cohort.root / "submitted" / sid / aid / "timestamp.txt"
    return path.read_text(encoding="utf-8").strip() if path.is_file() else None


# --- grade and feedback -------------------------------------------------------------------------


def engine_command(command: str) -> list[str] | None:
    """argv prefix of the grading engine's ``command`` ("grade", "feedback"), or None.

    The engine (issue 9) registers ``aiwork grade`` / ``aiwork feedback``; until it does, the
    cycle falls back to stock nbgrader. This is the one switch between the two;
    ``AIWORK_TRAINER_GRADER=nbgrader`` forces stock nbgrader (e.g. to compare the two).
    """
    import argparse

    from aiwork.cli import build_parser

    if os.environ.get(GRADER_ENV, "").strip().lower() == "nbgrader":
        return None
    for action in build_parser()._actions:
        if isinstance(action, argparse._SubParsersAction) and command in action.choices:
            return [sys.executable, "-m", "aiwork.cli", command]
    return None


def _run_engine(argv: list[str], cohort: Cohort, aid: str) -> int:
    """Run ``aiwork grade|feedback AID --course DIR``; its own progress bar shows through."""
    return subprocess.run([*argv, aid, "--course", str(cohort.root)]).returncode


def _split_graded(cohort: Cohort, aid: str, learners: list[str]) -> tuple[list[str], list[str]]:
    """(graded already, still to grade) among ``learners``."""
    with cohort.gradebook() as gb, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        graded = [s for s in learners if _graded(gb, aid, s, _timestamp(cohort, s, aid))]
    return graded, [s for s in learners if s not in graded]


def _graded(gb, aid: str, sid: str, timestamp: str | None) -> bool:
    """Graded already: the gradebook holds this very submission with every auto score set.

    An interrupted autograde leaves the submission without auto scores, so it is graded again.
    """
    from nbgrader.api import MissingEntry

    try:
        sub = gb.find_submission(aid, sid)
    except MissingEntry:
        return False
    if timestamp and (sub.timestamp is None or _utc(sub.timestamp) != _utc(timestamp)):
        return False
    grades = [g for nb in sub.notebooks for g in nb.grades if g.cell.cell_type == "code"]
    return bool(grades) and all(g.auto_score is not None for g in grades)


def _utc(value: str | datetime) -> datetime:
    """A naive UTC datetime (the gradebook stores naive UTC, timestamp.txt says "... UTC")."""
    from nbgrader.utils import parse_utc

    ts = parse_utc(value) if isinstance(value, str) else value
    return ts.astimezone(UTC).replace(tzinfo=None) if ts.tzinfo else ts


def grade(cohort: Cohort, aid: str) -> StepResult:
    """Grade the collected submissions of roster learners that are not graded yet."""
    res = StepResult("Chấm bài", aid)
    roster = {x.learner_id for x in cohort.learners()}
    learners = [s for s in submitted_learners(cohort, aid) if s in roster]
    res.skipped, todo = _split_graded(cohort, aid, learners)
    if not todo:
        return res
    argv = engine_command("grade")
    if argv:
        code = _run_engine(argv, cohort, aid)
        res.notes.append(f"chấm bằng `aiwork grade` (mã thoát {code})")
        _, left = _split_graded(cohort, aid, todo)
        res.done = [s for s in todo if s not in left]
        res.failed = {
            s: "chưa có điểm sau khi chấm (xem thông báo của `aiwork grade`)" for s in left
        }
        return res
    api = cohort.api()
    with working_directory(cohort.root):
        for sid in _bar(todo, f"Chấm {aid}"):
            out = _quiet(lambda sid=sid: api.autograde(aid, sid, force=True, create=False))
            if out["success"]:
                res.done.append(sid)
                # Feedback from an earlier grading is stale now; nbgrader would keep it (same
                # submission timestamp), so drop it and let `feedback` write it again.
                shutil.rmtree(cohort.root / "feedback" / sid / aid, ignore_errors=True)
            else:
                res.failed[sid] = _first_error_line(out)
    return res


def feedback(cohort: Cohort, aid: str) -> StepResult:
    argv = engine_command("feedback")
    if argv:
        res = StepResult("Nhận xét", aid)
        code = _run_engine(argv, cohort, aid)
        if code:
            res.failed["*"] = f"`aiwork feedback` kết thúc với mã {code}"
        res.done = sorted(p.parent.name for p in (cohort.root / "feedback").glob(f"*/{aid}"))
        res.notes.append("viết bằng `aiwork feedback`")
        return res
    # Stock nbgrader shows hidden tests' source in feedback (nbgrader #917); the engine's
    # `aiwork feedback` does not, and replaces this path as soon as it is installed.
    res = StepResult("Nhận xét", aid)
    base = cohort.root / "autograded"
    learners = sorted(p.name for p in base.iterdir() if (p / aid).is_dir()) if base.is_dir() else []
    api = cohort.api()
    with working_directory(cohort.root):
        for sid in _bar(learners, f"Nhận xét {aid}"):
            before = _mtime(cohort.root / "feedback" / sid / aid)
            out = _quiet(lambda sid=sid: api.generate_feedback(aid, sid, force=False))
            if not out["success"]:
                res.failed[sid] = _first_error_line(out)
            elif before is not None and _mtime(cohort.root / "feedback" / sid / aid) == before:
                res.skipped.append(sid)  # nbgrader kept feedback newer than the grading
            else:
                res.done.append(sid)
    return res


def _mtime(folder: Path) -> float | None:
    """When the feedback in ``folder`` was written (None: there is none)."""
    files = list(folder.glob("*.html")) if folder.is_dir() else []
    return max((f.stat().st_mtime_ns for f in files), default=None)


# --- return -------------------------------------------------------------------------------------


def return_feedback(cohort: Cohort, assignments: Iterable[str]) -> list[StepResult]:
    api = cohort.api()
    results = []
    with working_directory(cohort.root):
        for aid in _bar(list(assignments), "Trả nhận xét"):
            res = StepResult("Trả nhận xét", aid)
            results.append(res)
            ready = sorted(p.parent.name for p in (cohort.root / "feedback").glob(f"*/{aid}"))
            if not ready:
                res.notes.append("chưa có nhận xét nào để trả (chạy `aiwork feedback` trước)")
                continue
            out = _quiet(lambda aid=aid: api.release_feedback(aid))
            if out["success"]:
                res.done.extend(ready)
            else:
                res.failed["*"] = _first_error_line(out)
    return results


def print_results(results: list[StepResult], out=None) -> int:
    out = out or sys.stdout
    for r in results:
        print(r.summary(), file=out)
    return 0 if all(r.ok for r in results) else 1
