"""``aiwork grade``: check, discover, sanitize, execute in sandboxes (in parallel), write grades.

Before anything changes, the options, the course folder and the gradebook are checked, and the
course is locked (``aiwork.courselock``); with ``--force`` the gradebook is backed up first.
The main thread prepares submissions (nbgrader's sanitize pass) a little ahead of the
executors, hands each submission's notebooks to the executor (local threads around a
fork-server template, or Dask workers with ``--scheduler``), and one writer thread finalises
each submission as soon as its run is back, behind a progress bar with an ETA.

Crash safety (``status``): before the writer changes anything of a submission it leaves a
marker; the submission's outcome is saved as soon as it is written, then the marker goes. A
run killed at any moment is resumed by running it again: what was finished is skipped, as
nbgrader does, and a submission left half-written is graded again from scratch.
"""

from __future__ import annotations

import gc
import glob
import logging
import math
import os
import queue
import shutil
import sys
import threading
import time
from dataclasses import asdict, dataclass, field

from aiwork.errors import InputError
from aiwork.grading import discovery, messages, settings
from aiwork.grading.jobs import ExecResult
from aiwork.grading.limits import PREPARE_AHEAD_PER_WORKER, PREPARE_AHEAD_WHILE_WARMING

log = logging.getLogger("aiwork.grading")

#: Accepted option values (anything else is refused before any change).
TIMEOUT_RANGE = (1.0, 86_400.0)
MEMORY_RANGE = (128, 1_048_576)
MAX_WORKERS = 256
#: The driver's GIL switch interval while grading: the threads that answer the sandboxes (a
#: test cell's source, the next notebook) get the interpreter back within half a millisecond
#: instead of five while the writer thread runs nbgrader's steps.
SWITCH_INTERVAL_S = 0.0005


@dataclass
class Outcome:
    student: str
    status: str  # graded | skipped | error | empty
    score: float | None = None
    max_score: float | None = None
    message: str = ""
    notebooks: dict[str, str] = field(default_factory=dict)  # nb -> how its run ended
    seconds: float = 0.0


def check_options(
    workers: int | None, timeout: float | None, memory_mb: int | None, language: str = "vi"
) -> None:
    """Refuse a value that would grade wrongly (``--timeout 0`` zeroes a class)."""
    t = messages.text
    if timeout is not None and not (
        isinstance(timeout, (int, float))
        and math.isfinite(timeout)
        and TIMEOUT_RANGE[0] <= timeout <= TIMEOUT_RANGE[1]
    ):
        low, high = TIMEOUT_RANGE
        raise InputError(t(language, "bad_timeout", low=low, high=high, x=timeout))
    if memory_mb is not None and not (
        isinstance(memory_mb, int) and MEMORY_RANGE[0] <= memory_mb <= MEMORY_RANGE[1]
    ):
        low, high = MEMORY_RANGE
        raise InputError(t(language, "bad_memory", low=low, high=high, x=memory_mb))
    if workers is not None and not (isinstance(workers, int) and 1 <= workers <= MAX_WORKERS):
        raise InputError(t(language, "bad_workers", high=MAX_WORKERS, x=workers))


def check_course(course: str) -> str:
    """The course folder, real path; refused (nothing created) when it is not a folder."""
    if not course or not os.path.isdir(course):
        raise InputError(messages.text("vi", "course_missing", path=course))
    return os.path.realpath(course)


def check_gradebook(course: str, cfg, language: str) -> str | None:
    """The gradebook's file (SQLite), refused when missing, empty or damaged; None when the
    course keeps its gradebook in another database (checked by nbgrader itself)."""
    from nbgrader.coursedir import CourseDirectory

    from aiwork import integrity

    url = CourseDirectory(config=cfg).db_url
    if not url.startswith("sqlite:///"):
        return None
    path = url[len("sqlite:///") :]
    if not os.path.exists(path):
        raise InputError(messages.text(language, "gradebook_missing", path=course))
    integrity.check_gradebook(path)
    return path


def backup_gradebook(path: str) -> str:
    """A copy of the gradebook beside it, before ``--force`` rewrites grades."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = f"{path}.bak-{stamp}"
    n = 1
    while os.path.exists(target):
        n += 1
        target = f"{path}.bak-{stamp}-{n}"
    import sqlite3

    src = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)  # a consistent copy even if nbgrader's formgrader has it open
        finally:
            dst.close()
    finally:
        src.close()
    return target


def make_executor(
    workers: int,
    preload: list[str],
    course: str,
    scheduler: str | None,
    conf: settings.Settings,
    log_path: str | None,
    expected: int = 0,
):
    """``expected``: about how many submissions will be graded (huge pages pay off in a large
    class only: ``AiworkGrade.huge_pages_from``)."""
    if scheduler:
        from aiwork.grading.scaleout import DaskExecutor

        return DaskExecutor(scheduler, preload, course, conf)
    from aiwork.grading.pool import LocalExecutor

    huge = 0 < conf.huge_pages_from <= expected
    return LocalExecutor(workers, preload, course, conf, log_path, huge)


def grade(
    assignment: str,
    course: str,
    workers: int | None = None,
    timeout: float | None = None,
    memory_mb: int | None = None,
    scheduler: str | None = None,
    force: bool = False,
    progress: bool = True,
    notes: list[str] | None = None,
) -> dict[str, Outcome]:
    """Grade every submission of ``assignment``; returns each student's outcome.

    Raises ``InputError`` (nothing changed) for bad options, a missing course or a damaged
    gradebook, and ``CourseBusy`` when another command holds the course."""
    check_options(workers, timeout, memory_mb)
    course = check_course(course)
    cfg = settings.read_config(course)
    conf = settings.from_config(cfg)
    check_options(workers, timeout, memory_mb, conf.language)
    workers = workers or max(1, os.cpu_count() or 1)
    # Start the template first: it imports the notebooks' libraries while this process checks
    # the gradebook, imports nbgrader and prepares the submissions (nbgrader's default layout
    # gives the source). Until the checks pass its log is a scratch file: a refused command
    # leaves the course as it was.
    preload = discovery.preload_for(
        sorted(glob.glob(os.path.join(course, "source", assignment, "*.ipynb")))
    )
    scratch = _scratch_log()
    # (a directory listing: the submissions are read and checked later, while it starts)
    expected = len(glob.glob(os.path.join(course, "submitted", "*", assignment)))
    executor = make_executor(workers, preload, course, scheduler, conf, scratch, expected)
    close = _once(executor.close)
    checked = False
    try:
        # nbgrader and jsonschema without their costly parts (see speedups), imported while
        # the template starts: ~0.1 s of imports off the critical path of every command
        from aiwork.grading import speedups

        speedups.nbgrader_package_only()
        speedups.nbgrader_utils_without_setuptools()
        db_path = check_gradebook(course, cfg, conf.language)
        from aiwork.courselock import course_lock

        cwd = os.getcwd()  # nbgrader's converters work from the course root; give the cwd back
        with course_lock(course, "grade"):
            checked = True
            if force and db_path:
                backup = backup_gradebook(db_path)
                if notes is not None:
                    notes.append(messages.text(conf.language, "backup_made", path=backup))
            try:
                return _run(
                    assignment, course, workers, timeout, memory_mb, force, progress, executor, conf
                )
            finally:
                close()  # within the lock, as before: no sandbox outlives the command's turn
                os.chdir(cwd)
    finally:
        if not checked:
            _abandon(executor)  # refused or busy: no need to wait for the template's start-up
        close()
        _keep_log(scratch, course if checked else None)


def _abandon(executor) -> None:
    proc = getattr(getattr(executor, "server", None), "proc", None)
    if proc is not None:
        try:
            proc.kill()
        except OSError:
            pass


def _once(fn):
    done = []

    def call() -> None:
        if not done:
            done.append(True)
            fn()

    return call


def _scratch_log() -> str | None:
    import tempfile

    try:
        fd, path = tempfile.mkstemp(prefix="aiwork-template-", suffix=".log")
    except OSError:
        return None
    os.close(fd)
    return path


def _keep_log(scratch: str | None, course: str | None) -> None:
    """What the template wrote goes beside the outcomes (runtime state) once the command got
    past its checks; the scratch file goes either way."""
    if scratch is None:
        return
    try:
        if course is not None and os.path.getsize(scratch):
            target = _template_log(course)
            if target is not None:
                with open(scratch, "rb") as src, open(target, "ab") as dst:
                    shutil.copyfileobj(src, dst)
    except OSError:
        pass
    finally:
        try:
            os.unlink(scratch)
        except OSError:
            pass


def _run(
    assignment: str,
    course: str,
    workers: int,
    timeout: float | None,
    memory_mb: int | None,
    force: bool,
    progress: bool,
    executor,
    conf: settings.Settings,
) -> dict[str, Outcome]:
    import warnings

    from sqlalchemy.exc import SAWarning

    from aiwork.grading import speedups
    from aiwork.grading.writer import Writer, execution_limits, load_config

    # nbgrader's gradebook API triggers SQLAlchemy autoflush warnings on every new submission
    # (stock nbgrader prints them too); they say nothing about the grades
    warnings.filterwarnings("ignore", category=SAWarning)
    lim = execution_limits(load_config(course), timeout, memory_mb)
    writer = Writer(course, assignment, lim, conf.language, force=force)
    # the writer allocates many short-lived ORM and notebook objects: keep the collector off
    # the long-lived heap of imported modules (the same trick as the template's)
    gc.collect()
    gc.freeze()
    switch = sys.getswitchinterval()
    sys.setswitchinterval(SWITCH_INTERVAL_S)
    try:
        with speedups.connections_kept(writer.coursedir.db_url):
            return _grade_all(writer, workers, progress, executor, conf.language)
    finally:
        sys.setswitchinterval(switch)


def _grade_all(writer, workers: int, progress: bool, executor, lang: str) -> dict[str, Outcome]:
    from tqdm import tqdm

    from aiwork.grading.status import Progress

    assignment = writer.assignment
    subs = discovery.find_submissions(writer.submitted_glob())
    records = Progress(writer.course, assignment)
    unfinished = records.unfinished()
    outcomes: dict[str, Outcome] = {}
    started = {s.student: 0.0 for s in subs}
    bar = tqdm(
        total=len(subs),
        unit=messages.text(lang, "progress_unit"),
        desc=messages.text(lang, "progress", assignment=assignment),
        disable=not progress,
        dynamic_ncols=True,
    )
    done_q: queue.Queue = queue.Queue()
    # The writer thread is the only one that writes the gradebook and autograded/; bounded,
    # so a slow disk holds back preparation instead of piling finished work up in memory.
    write_q: queue.Queue = queue.Queue(maxsize=4 * workers + 4)
    thread = threading.Thread(
        target=_write_loop,
        args=(writer, write_q, outcomes, started, bar, records, lang),
        name="aiwork-grade-writer",
        daemon=True,
    )
    thread.start()
    pending: dict[str, object] = {}  # student -> prepared, waiting for its run
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
                    prep = writer.prepare(sub, unfinished=sub.student in unfinished)
                except Exception as exc:
                    log.exception("preparing %s failed", sub.student)
                    write_q.put(("broken", sub, exc, None))
                    continue
                if prep.decision != "grade":
                    write_q.put(("decided", prep, None, None))
                elif prep.job is None:
                    write_q.put(("write", prep, None, None))  # nbgrader's steps will fail it
                else:
                    pending[sub.student] = prep
                    executor.submit(prep.job, done_q.put)
            if not pending:
                continue
            result: ExecResult = done_q.get()
            prep = pending.pop(result.key)
            write_q.put(("write", prep, result, None))
    finally:
        write_q.put(None)
        thread.join()
        bar.close()
        records.save()
    return outcomes


def _write_loop(writer, write_q, outcomes, started, bar, records, lang: str) -> None:
    """The single writer: finalises submissions in order and records their outcomes."""
    while True:
        item = write_q.get()
        if item is None:
            return
        kind, a, b, _ = item
        student = a.submission.student if kind != "broken" else a.student
        try:
            out = _write_one(writer, kind, a, b, records, lang, started[student])
        except Exception as exc:
            log.exception("recording %s failed", student)
            out = Outcome(student, "error", message=f"{type(exc).__name__}: {exc}")
        outcomes[student] = out
        bar.update(1)


def _write_one(writer, kind: str, a, b, records, lang: str, began: float) -> Outcome:
    t = messages.text
    if kind == "decided":
        prep = a
        student = prep.submission.student
        message = {
            "skip": t(lang, "already_graded"),
            "exclude": t(lang, "excluded"),
            "empty": t(lang, "no_notebooks_found"),
        }[prep.decision]
        status = "empty" if prep.decision == "empty" else "skipped"
        out = Outcome(student, status, message=message, seconds=_since(began))
        records.record(student, asdict(out), final=False)
        return out
    if kind == "broken":  # nbgrader fails it before writing anything (e.g. a bad timestamp)
        out = Outcome(a.student, "error", message=_one_line(b), seconds=_since(began))
        out.score, out.max_score = _score(writer, a.student)
        records.record(a.student, asdict(out), final=False)
        return out
    prep, result = a, b
    student = prep.submission.student
    records.begin(student)
    _drop_feedback(writer, student)
    out = Outcome(student, "graded")
    if result is not None:
        out.notebooks = {name: run.status for name, run in result.notebooks.items()}
    try:
        writer.finalize(prep, result)
    except Exception as exc:
        out.status = "error"
        out.message = _one_line(exc)
        log.info("grading %s failed", student, exc_info=True)
    out.score, out.max_score = _score(writer, student)
    out.seconds = _since(began)
    records.record(student, asdict(out))
    records.finish(student)
    return out


def _since(began: float) -> float:
    return round(time.monotonic() - began, 3)


def _drop_feedback(writer, student: str) -> None:
    """Feedback written from an earlier grading is stale once the submission is regraded."""
    cd = writer.coursedir
    folder = cd.format_path(cd.feedback_directory, student, writer.assignment)
    if os.path.isdir(folder):
        shutil.rmtree(folder)


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    detail = text[-1] if text else ""
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__


def _template_log(course: str) -> str | None:
    """Where the template's stderr goes: beside the outcomes (runtime state)."""
    from aiwork.grading.status import outcomes_dir

    folder = outcomes_dir(course)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return str(folder / "template.log")


def _score(writer, student: str) -> tuple[float | None, float | None]:
    try:
        return writer.score(student)
    except Exception:  # noqa: BLE001 - no submission row (nbgrader failed before creating it)
        return None, None
