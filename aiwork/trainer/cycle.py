"""The cycle of a class: release → collect → grade → feedback → return.

Every step goes through nbgrader's API and exchange, so it works beside the formgrader on a
hub, and every step is idempotent: what is done is detected and skipped, so after an
interruption the trainer runs the same command again and nothing is lost or done twice.

- release: ``generate_assignment`` then ``release_assignment``; an assignment already in the
  exchange is left as learners fetched it (``--force`` re-releases it).
- collect: nbgrader's collect with ``update``: only newer submissions replace older ones. An
  inbound record nbgrader cannot read (a bad timestamp, an id that is not a learner id) is
  listed and skipped; it never blocks the other learners' submissions.
- grade / feedback: the grading engine (``aiwork grade`` / ``aiwork feedback``), run as a
  child process; ``AIWORK_TRAINER_GRADER=nbgrader`` takes stock nbgrader one learner at a time
  instead. The choice is made in :func:`engine_command`, one place.
- return: ``release_feedback`` puts each learner's feedback in the exchange; a submission whose
  grading did not finish is skipped and listed (its feedback would be stale or partial).

``release``, ``collect`` and ``return`` hold the course's lock (:mod:`aiwork.courselock`)
while they work, as ``aiwork grade`` and ``aiwork feedback`` do.
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

from aiwork.courselock import course_lock
from aiwork.trainer.cohort import Cohort, working_directory
from aiwork.trainer.roster import ID_RE

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
    with course_lock(cohort.root, "release"):
        return _release(cohort, list(assignments), force)


def _release(cohort: Cohort, assignments: list[str], force: bool) -> list[StepResult]:
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
    with course_lock(cohort.root, "collect"):
        return _collect(cohort, list(assignments))


def _collect(cohort: Cohort, assignments: list[str]) -> list[StepResult]:
    api = cohort.api()
    roster = {x.learner_id for x in cohort.learners()}
    results = []
    with working_directory(cohort.root):
        for aid in _bar(assignments, "Thu bài"):
            res = StepResult("Thu bài", aid)
            results.append(res)
            before = {s: _timestamp(cohort, s, aid) for s in submitted_learners(cohort, aid)}
            app = _tolerant_collect(api, aid)
            out = _quiet(lambda app=app, aid=aid: _run_app(api, app, aid))
            res.failed.update(app.rejected)
            if not out["success"]:
                res.failed["*"] = _first_error_line(out)
                continue
            for sid in submitted_learners(cohort, aid):
                new = _timestamp(cohort, sid, aid)
                if sid in res.failed:
                    continue
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
    try:
        return path.read_bytes().decode("utf-8", errors="replace").strip() or None
    except OSError:
        return None


def _run_app(api, app, aid: str) -> dict:
    from nbgrader.utils import capture_log, temp_attrs

    with temp_attrs(api.coursedir, assignment_id=aid):
        return capture_log(app)


def _timestamp_readable(path: str) -> bool:
    """A ``timestamp.txt`` that is absent, empty or parses (what nbgrader can compare)."""
    from nbgrader.utils import parse_utc

    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            text = fh.read().strip()
    except OSError:
        return True
    try:
        return not text or parse_utc(text) is not None
    except (ValueError, OverflowError):
        return False


def _tolerant_collect(api, aid: str):
    """nbgrader's own collect, but a record it cannot read is set aside with its reason in
    ``app.rejected`` (inbound folder or learner id -> Vietnamese reason) instead of failing the
    whole assignment: a timestamp that does not parse (in the folder name or in an already
    collected ``timestamp.txt``), or an id that is not a learner id ("..", "a/b")."""
    from nbgrader.exchange.abc.exchange import ExchangeError
    from nbgrader.exchange.default.collect import ExchangeCollect

    set_aside = "\x00set-aside"

    class TolerantCollect(ExchangeCollect):
        rejected: dict[str, str]

        def _path_to_record(self, path: str) -> dict:
            name = os.path.basename(path)
            username = name.rsplit("+", 3)[0]
            if not ID_RE.match(username):
                self.rejected[name] = "tên thư mục bài nộp không chứa mã học viên hợp lệ, bỏ qua"
                return {"username": set_aside, "filename": name, "timestamp": datetime.min}
            try:
                return super()._path_to_record(path)
            except (ValueError, OverflowError, ExchangeError):
                self.rejected[name] = "dấu thời gian của bài nộp bị hỏng, bỏ qua bản nộp này"
                return {"username": set_aside, "filename": name, "timestamp": datetime.min}

        def copy_files(self) -> None:
            records = [r for r in self.src_records if r["username"] != set_aside]
            for rec in records:  # one learner at a time: one bad record never stops the rest
                sid = rec["username"]
                dest = self.coursedir.format_path(
                    self.coursedir.submitted_directory, sid, self.coursedir.assignment_id
                )
                # nbgrader would parse the collected copy's timestamp.txt and, when it is
                # corrupt, fail the whole run (0.9.6 even with an AttributeError)
                if not _timestamp_readable(os.path.join(dest, "timestamp.txt")):
                    self.rejected[sid] = (
                        f"không thu được bài: bản đã thu trước đó ({dest}) có dấu thời gian hỏng; "
                        "xóa thư mục đó rồi chạy lại `aiwork collect`"
                    )
                    continue
                self.src_records = [rec]
                try:
                    super().copy_files()
                except (ValueError, OverflowError, ExchangeError) as exc:
                    self.rejected[sid] = f"không thu được bài: {exc}"
            self.src_records = records

    app = TolerantCollect(coursedir=api.coursedir, authenticator=api.authenticator, parent=api)
    app.update = True
    app.rejected = {}
    return app


# --- grade and feedback -------------------------------------------------------------------------


ENGINE_COMMANDS = ("grade", "feedback")  # registered by aiwork.grading.cli


def engine_command(command: str) -> list[str] | None:
    """argv prefix that runs the grading engine's ``command`` ("grade", "feedback") in a child
    process, or None for stock nbgrader.

    This is the one switch between the two: the engine by default,
    ``AIWORK_TRAINER_GRADER=nbgrader`` for stock nbgrader (e.g. to compare the two).
    """
    if command not in ENGINE_COMMANDS:
        raise ValueError(f"not a grading engine command: {command}")
    if os.environ.get(GRADER_ENV, "").strip().lower() == "nbgrader":
        return None
    return [sys.executable, "-m", "aiwork.cli", command]


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

    An interrupted autograde leaves the submission without auto scores, so it is graded again;
    so is a submission whose timestamp does not parse.
    """
    from nbgrader.api import MissingEntry

    try:
        sub = gb.find_submission(aid, sid)
    except MissingEntry:
        return False
    try:
        if timestamp and (sub.timestamp is None or _utc(sub.timestamp) != _utc(timestamp)):
            return False
    except (ValueError, OverflowError):
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
    with course_lock(cohort.root, "grade"), working_directory(cohort.root):
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
    with course_lock(cohort.root, "feedback"), working_directory(cohort.root):
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


def unfinished_grading(cohort: Cohort, aid: str, learners: list[str]) -> dict[str, str]:
    """Learners among ``learners`` whose grading of ``aid`` did not finish -> why.

    Two sources: the engine's own record of submissions a run left half-done
    (``aiwork.grading.status.unfinished``), and the gradebook itself (the collected submission
    is not in it with every auto score set: never graded, interrupted, or resubmitted since).
    """
    from aiwork.grading.status import unfinished  # cheap: does not load the engine

    why: dict[str, str] = {
        sid: "lần chấm trước bị dừng giữa chừng"
        for sid in unfinished(cohort.root, aid)
        if sid in learners
    }
    _, left = _split_graded(cohort, aid, [s for s in learners if s not in why])
    for sid in left:
        why[sid] = "bài nộp chưa được chấm xong (hoặc đã nộp lại sau khi chấm)"
    return why


def return_feedback(cohort: Cohort, assignments: Iterable[str]) -> list[StepResult]:
    with course_lock(cohort.root, "return"):
        return _return_feedback(cohort, list(assignments))


def _return_feedback(cohort: Cohort, assignments: list[str]) -> list[StepResult]:
    api = cohort.api()
    results = []
    with working_directory(cohort.root):
        for aid in _bar(assignments, "Trả nhận xét"):
            res = StepResult("Trả nhận xét", aid)
            results.append(res)
            ready = sorted(p.parent.name for p in (cohort.root / "feedback").glob(f"*/{aid}"))
            if not ready:
                res.notes.append("chưa có nhận xét nào để trả (chạy `aiwork feedback` trước)")
                continue
            held = unfinished_grading(cohort, aid, ready)
            for sid, why in held.items():
                res.failed[sid] = (
                    f"chưa trả nhận xét: {why}; chạy `aiwork grade {aid} --course "
                    f"{cohort.root}` rồi `aiwork feedback` trước"
                )
            ready = [s for s in ready if s not in held]
            if not held:
                out = _quiet(lambda aid=aid: api.release_feedback(aid))
                _record(res, "*", out, ready)
            else:  # one learner at a time, so the held ones stay unreleased
                for sid in ready:
                    out = _quiet(lambda aid=aid, sid=sid: api.release_feedback(aid, sid))
                    _record(res, sid, out, [sid])
    return results


def _record(res: StepResult, who: str, out: dict, learners: list[str]) -> None:
    if out["success"]:
        res.done.extend(learners)
    else:
        res.failed[who] = _first_error_line(out)


def print_results(results: list[StepResult], out=None) -> int:
    out = out or sys.stdout
    for r in results:
        print(r.summary(), file=out)
    return 0 if all(r.ok for r in results) else 1
