"""``aiwork grade``: discover, sanitize, execute in sandboxes (in parallel), write grades.

The main thread is the only gradebook writer. It prepares submissions (nbgrader's sanitize
pass) a little ahead of the executors, hands their notebooks to the executor (local threads
around a fork-server template, or Dask workers with ``--scheduler``), and finalises each
submission as soon as all its notebooks are back, behind a tqdm progress bar with an ETA.
Every submission ends with an outcome (graded, skipped because already graded, or a clear
error), saved to ``autograded/.aiwork-outcomes/<assignment>.json``; a re-run skips what is
already graded, as nbgrader does, and redoes anything a crash left half-written.
"""

from __future__ import annotations

import gc
import glob
import json
import logging
import os
import queue
import threading
import time
from dataclasses import asdict, dataclass, field

from aiwork.grading import discovery
from aiwork.grading.jobs import ExecResult
from aiwork.grading.limits import PREPARE_AHEAD_PER_WORKER, PREPARE_AHEAD_WHILE_WARMING, Limits

log = logging.getLogger("aiwork.grading")


@dataclass
class Outcome:
    student: str
    status: str  # graded | skipped | error
    score: float | None = None
    max_score: float | None = None
    message: str = ""
    notebooks: dict[str, str] = field(default_factory=dict)  # nb -> execution status
    seconds: float = 0.0


def outcomes_path(writer) -> str:
    root = writer.coursedir.format_path(writer.coursedir.autograded_directory, ".", ".")
    return os.path.join(os.path.normpath(root), ".aiwork-outcomes", f"{writer.assignment}.json")


def _save(path: str, outcomes: dict[str, Outcome]) -> None:
    previous: dict = {}
    if os.path.exists(path):
        try:
            with open(path, encoding="utf-8") as fh:
                previous = json.load(fh)
        except (OSError, ValueError):
            previous = {}
    for student, outcome in outcomes.items():
        if outcome.status == "skipped" and student in previous:
            continue  # keep the record of the run that graded it
        previous[student] = asdict(outcome)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(previous, fh, ensure_ascii=False, indent=1, sort_keys=True)
    os.replace(tmp, path)


def make_executor(
    workers: int, preload: list[str], course: str, scheduler: str | None, log_path: str | None
):
    if scheduler:
        from aiwork.grading.scaleout import DaskExecutor

        return DaskExecutor(scheduler, preload, course)
    from aiwork.grading.pool import LocalExecutor

    return LocalExecutor(workers, preload, course, log_path)


def grade(
    assignment: str,
    course: str,
    workers: int | None = None,
    timeout: float | None = None,
    memory_mb: int | None = None,
    scheduler: str | None = None,
    force: bool = False,
    progress: bool = True,
) -> dict[str, Outcome]:
    """Grade every submission of ``assignment``; returns each student's outcome."""
    cwd = os.getcwd()  # nbgrader's converters work from the course root; give the cwd back
    try:
        return _grade(assignment, course, workers, timeout, memory_mb, scheduler, force, progress)
    finally:
        os.chdir(cwd)


def _grade(
    assignment: str,
    course: str,
    workers: int | None,
    timeout: float | None,
    memory_mb: int | None,
    scheduler: str | None,
    force: bool,
    progress: bool,
) -> dict[str, Outcome]:
    course = os.path.realpath(course)
    workers = workers or max(1, os.cpu_count() or 1)
    # Start the template first: it imports the notebooks' libraries while this process
    # imports nbgrader and reads the gradebook (nbgrader's default layout gives the source).
    preload = discovery.preload_for(
        sorted(glob.glob(os.path.join(course, "source", assignment, "*.ipynb")))
    )
    log_path = _template_log(course)
    executor = make_executor(workers, preload, course, scheduler, log_path)
    try:
        return _run(assignment, course, workers, timeout, memory_mb, force, progress, executor)
    finally:
        executor.close()


def _run(
    assignment: str,
    course: str,
    workers: int,
    timeout: float | None,
    memory_mb: int | None,
    force: bool,
    progress: bool,
    executor,
) -> dict[str, Outcome]:
    import warnings

    from sqlalchemy.exc import SAWarning

    from aiwork.grading import speedups
    from aiwork.grading.writer import Writer, cell_timeout, load_config

    # nbgrader's gradebook API triggers SQLAlchemy autoflush warnings on every new submission
    # (stock nbgrader prints them too); they say nothing about the grades
    warnings.filterwarnings("ignore", category=SAWarning)
    cfg = load_config(course)
    lim = Limits(
        timeout=timeout if timeout is not None else cell_timeout(cfg),
        **({"memory_mb": memory_mb} if memory_mb else {}),
    )
    writer = Writer(course, assignment, lim, force=force)
    # the writer allocates many short-lived ORM and notebook objects: keep the collector off
    # the long-lived heap of imported modules (the same trick as the template's)
    gc.collect()
    gc.freeze()
    with speedups.connections_kept(writer.coursedir.db_url):
        return _grade_all(writer, workers, progress, executor)


def _grade_all(writer, workers: int, progress: bool, executor) -> dict[str, Outcome]:
    from tqdm import tqdm

    assignment = writer.assignment
    subs = discovery.find_submissions(writer.submitted_glob())
    outcomes: dict[str, Outcome] = {}
    started = {s.student: 0.0 for s in subs}
    bar = tqdm(
        total=len(subs),
        unit="bài",
        desc=f"Chấm {assignment}",
        disable=not progress,
        dynamic_ncols=True,
    )
    done_q: queue.Queue = queue.Queue()
    # The writer thread is the only one that writes the gradebook and autograded/; bounded,
    # so a slow disk holds back preparation instead of piling finished work up in memory.
    write_q: queue.Queue = queue.Queue(maxsize=4 * workers + 4)
    thread = threading.Thread(
        target=_write_loop,
        args=(writer, write_q, outcomes, started, bar),
        name="aiwork-grade-writer",
        daemon=True,
    )
    thread.start()
    pending: dict[str, tuple] = {}  # student -> (prepared, {job key: result})
    todo = list(subs)
    try:
        while todo or pending:
            # prepare ahead, but not so far that memory grows with the class size
            while todo and (
                len(pending) < PREPARE_AHEAD_PER_WORKER * workers + 2
                or (len(pending) < PREPARE_AHEAD_WHILE_WARMING and executor.warming())
            ):
                sub = todo.pop(0)
                started[sub.student] = time.monotonic()
                try:
                    prep = writer.prepare(sub)
                except Exception as exc:
                    log.exception("preparing %s failed", sub.student)
                    write_q.put(("error", sub.student, f"{type(exc).__name__}: {exc}", None))
                    continue
                if prep.skip:
                    outcomes[sub.student] = Outcome(
                        sub.student, "skipped", message="đã chấm trước đó"
                    )
                    bar.update(1)
                elif prep.error:
                    write_q.put(("error", sub.student, prep.error, _failed_notebooks(prep)))
                else:
                    pending[sub.student] = (prep, {})
                    for job in prep.jobs:
                        executor.submit(job, done_q.put)
            if not pending:
                continue
            result: ExecResult = done_q.get()
            student = result.key.split("/", 1)[0]
            prep, results = pending[student]
            results[result.key] = result
            if len(results) == len(prep.jobs):
                del pending[student]
                write_q.put(("graded", student, prep, results))
    finally:
        write_q.put(None)
        thread.join()
        bar.close()
        _save(outcomes_path(writer), outcomes)
    return outcomes


def _write_loop(writer, write_q: queue.Queue, outcomes: dict, started: dict, bar) -> None:
    """The single writer: finalises graded submissions and records failures, in order."""
    while True:
        item = write_q.get()
        if item is None:
            return
        kind, student, a, b = item
        if kind == "error":
            out = Outcome(student, "error", message=a)
            try:
                writer.record_failure(student, b)
            except Exception:
                log.exception("recording the failure of %s failed", student)
        else:
            prep, results = a, b
            out = Outcome(
                student,
                "graded",
                notebooks={k.split("/", 1)[1]: r.status for k, r in results.items()},
            )
            bad = [r for r in results.values() if r.status != "ok"]
            if bad:
                out.message = "; ".join(f"{r.key}: {r.status} ({r.message})" for r in bad)
            try:
                writer.finalize(prep, results)
            except Exception as exc:
                out.status, out.message = "error", f"{type(exc).__name__}: {exc}"
                log.exception("finalising %s failed", student)
        outcomes[student] = _scored(writer, out)
        outcomes[student].seconds = round(time.monotonic() - started[student], 3)
        bar.update(1)


def _template_log(course: str) -> str | None:
    """Where the template's stderr goes: beside the outcomes (git-ignored runtime state)."""
    folder = os.path.join(course, "autograded", ".aiwork-outcomes")
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError:
        return None
    return os.path.join(folder, "template.log")


def _failed_notebooks(prep) -> list[str] | None:
    """Which notebooks to zero: the corrupt one(s) if some are fine, else all."""
    return (
        None
        if not prep.notebooks
        else [os.path.splitext(os.path.basename(p))[0] for p in prep.notebooks]
    )


def _scored(writer, out: Outcome) -> Outcome:
    try:
        out.score, out.max_score = writer.score(out.student)
    except Exception:  # noqa: BLE001 - no submission row (e.g. finalize failed early)
        pass
    return out
