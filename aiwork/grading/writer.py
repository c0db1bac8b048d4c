"""The single gradebook writer: nbgrader's own autograde steps, with execution replayed.

Stock ``nbgrader autograde`` runs, per submission (``BaseConverter.convert_notebooks``):
decide whether to grade it (``init_destination``), ``init_assignment`` (student, submission,
copies of the submission's and the assignment's files, zeros for missing notebooks), then per
notebook a sanitize pass (clear outputs, restore locked and test cells from the gradebook,
check metadata), execution, and an autograde pass (limit output, save grades and comments,
late penalties); any exception fails the submission and removes its autograded folder.

This module runs exactly those nbgrader steps, in that order, in this process, except that
``Execute`` is replaced by ``ReplayExecute``, which puts in the outputs recorded in the
sandbox, and the sanitize pass is done ahead (``prepare``: it only reads the gradebook). A
sanitize error, or a notebook whose run failed (its process died, or a cell ignored the
interrupt), fails the submission at the very notebook where stock nbgrader's would. So the
gradebook, the autograded notebooks, formgrader, feedback and exports are nbgrader's own.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import json
import os
import platform
import shutil
from dataclasses import dataclass, field

import nbformat
from nbconvert.exporters.exporter import ResourcesDict
from nbformat.notebooknode import NotebookNode
from nbformat.v4.rwbase import rejoin_lines
from nbgrader import utils
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.converters import Autograde
from nbgrader.converters.base import BaseConverter
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import (
    Execute,
    NbGraderPreprocessor,
    OverwriteCells,
    OverwriteKernelspec,
    SaveAutoGrades,
)
from traitlets import List
from traitlets.config import Config

from aiwork.grading import limits, messages
from aiwork.grading.discovery import Submission
from aiwork.grading.jobs import ExecJob, ExecResult
from aiwork.grading.settings import read_config
from aiwork.grading.sourcecells import (
    CachedOverwriteCells,
    CachedOverwriteKernelspec,
    CachedSaveAutoGrades,
)

#: What ipykernel reports as the notebook's language (nbclient writes it into the metadata).
LANGUAGE_INFO = {
    "codemirror_mode": {"name": "ipython", "version": 3},
    "file_extension": ".py",
    "mimetype": "text/x-python",
    "name": "python",
    "nbconvert_exporter": "python",
    "pygments_lexer": "ipython3",
    "version": platform.python_version(),
}
#: Names in the working directory a notebook's run may not overwrite in autograded/.
KEPT = ("timestamp.txt",)


class NotebookRunFailed(Exception):
    """A notebook's run did not complete (its process died, or a cell ignored the interrupt):
    the submission fails here, as a dead or unresponsive kernel fails stock nbgrader's."""


def source_hash(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]


def load_config(course: str) -> Config:
    cfg = read_config(course)
    # nbconvert validates the notebook after every preprocessor; once, after the last, gives
    # the same verdict (nbconvert's own option) at a twelfth of the cost
    cfg.Exporter.optimistic_validation = True
    return cfg


def _execute_option(cfg: Config, name: str, default):
    for section in ("Execute", "ExecutePreprocessor"):
        if section in cfg and name in cfg[section]:
            return cfg[section][name]
    return default


def cell_timeout(cfg: Config) -> float:
    """``Execute.timeout``; 0 or less means no limit in nbclient: then a day."""
    value = _execute_option(cfg, "timeout", limits.NBGRADER_DEFAULT_CELL_TIMEOUT)
    return float(value) if value and value > 0 else 86_400.0


def execution_limits(cfg: Config, timeout: float | None, memory_mb: int | None) -> limits.Limits:
    """The limits of this course's grading: nbgrader's Execute settings, and the options."""
    grace = _execute_option(cfg, "iopub_timeout", limits.KILL_GRACE_S)
    on_timeout = _execute_option(cfg, "error_on_timeout", limits.ON_TIMEOUT) or limits.ON_TIMEOUT
    extra = {"memory_mb": memory_mb} if memory_mb else {}
    return limits.Limits(
        timeout=timeout if timeout is not None else cell_timeout(cfg),
        grace=float(grace),
        on_timeout=dict(on_timeout),
        **extra,
    )


class ReplayExecute(NbGraderPreprocessor):
    """Stands where nbgrader's ``Execute`` stands; outputs come from the sandbox run."""

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict):
        converter = self.parent.parent
        run, hashes = converter.replay[resources["nbgrader"]["notebook"]]
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            cell.outputs, cell.execution_count = [], None
            record = run.cells.get(index)
            if record is not None and hashes.get(index) == source_hash(cell.source):
                cell.outputs = [nbformat.from_dict(o) for o in record["outputs"]]
                cell.execution_count = record.get("count")
                if record.get("times"):
                    cell.metadata["execution"] = _timing(*record["times"])
        nb.metadata["language_info"] = dict(LANGUAGE_INFO)
        return nb, resources


def _timing(began: float, ended: float) -> dict:
    """nbclient's ``record_timing`` metadata, from when the cell ran in the sandbox."""

    def stamp(t: float) -> str:
        return datetime.datetime.fromtimestamp(t, datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")

    return {
        "iopub.execute_input": stamp(began),
        "iopub.status.busy": stamp(began),
        "iopub.status.idle": stamp(ended),
        "shell.execute_reply": stamp(ended),
    }


class GradeConverter(Autograde):
    sanitize_preprocessors = List(
        [
            {
                OverwriteCells: CachedOverwriteCells,
                OverwriteKernelspec: CachedOverwriteKernelspec,
            }.get(pp, pp)
            for pp in Autograde.class_traits()["sanitize_preprocessors"].default()
        ]
    ).tag(config=True)
    autograde_preprocessors = List(
        [
            {Execute: ReplayExecute, SaveAutoGrades: CachedSaveAutoGrades}.get(pp, pp)
            for pp in Autograde.class_traits()["autograde_preprocessors"].default()
        ]
    ).tag(config=True)


@dataclass
class Prepared:
    """A submission after the sanitize pass: what to execute and how, or why not.

    ``decision``: "grade", "skip" (graded already), "exclude" (``student_id_exclude``) or
    "empty" (no notebook in the folder: stock nbgrader does not see it at all)."""

    submission: Submission
    decision: str = "grade"
    sanitized: dict[str, tuple[str, dict]] = field(default_factory=dict)  # nb id -> output
    failed: tuple[str, BaseException] | None = None  # the notebook whose sanitize pass failed
    job: ExecJob | None = None
    hashes: dict[str, dict[int, str]] = field(default_factory=dict)


class Writer:
    def __init__(
        self,
        course: str,
        assignment: str,
        lim: limits.Limits,
        language: str = "en",
        force: bool = False,
    ):
        from aiwork.grading import speedups

        speedups.apply()
        self.course = os.path.realpath(course)
        self.assignment = assignment
        self.limits = lim
        self.language = language
        self.force = force
        self.config = load_config(self.course)
        self.coursedir = CourseDirectory(config=self.config)
        self.coursedir.assignment_id = assignment
        self.source_rows: dict = {}  # the assignment's source cells, read once (sourcecells)
        # two converters: the sanitize pass of the next submissions (reads) may run while the
        # writer thread finalises earlier ones; nbgrader's converters keep per-call state
        self.converter = self._converter()
        self.finisher = self._converter()
        os.chdir(self.course)  # nbgrader's converters work from the course root
        with Gradebook(self.coursedir.db_url, self.coursedir.course_id) as gb:
            try:
                a = gb.find_assignment(assignment)
            except MissingEntry:
                from aiwork.errors import InputError

                raise InputError(
                    messages.text(language, "assignment_missing", assignment=assignment)
                ) from None
            self.known = [nb.name for nb in a.notebooks]

    def _converter(self) -> GradeConverter:
        from nbconvert.writers import FilesWriter

        conv = GradeConverter(coursedir=self.coursedir, config=self.config)
        conv.force = self.force
        conv.writer = FilesWriter(parent=conv, config=self.config)
        conv.exporter = conv.exporter_class(parent=conv, config=self.config)
        conv.replay = {}
        conv.source_rows = self.source_rows
        return conv

    def submitted_glob(self) -> str:
        return self.coursedir.format_path(self.coursedir.submitted_directory, "*", self.assignment)

    def dest(self, student: str) -> str:
        return os.path.normpath(
            self.coursedir.format_path(
                self.coursedir.autograded_directory, student, self.assignment
            )
        )

    # --- stage A: decide and sanitize (reads the gradebook, writes nothing) -----------------
    def prepare(self, sub: Submission, unfinished: bool = False) -> Prepared:
        """``unfinished``: an earlier run began writing this submission and did not finish."""
        prep = Prepared(sub)
        if not sub.notebooks:
            prep.decision = "empty"
            return prep
        prep.decision = self._decide(sub, unfinished)
        if prep.decision != "grade":
            return prep
        conv = self.converter
        conv.notebooks = sub.notebooks
        conv._sanitizing = True
        conv._init_preprocessors()
        notebooks, files = [], self._files(sub)
        for path in sub.notebooks:
            nb_id = os.path.splitext(os.path.basename(path))[0]
            if nb_id not in self.known:
                continue  # nbgrader skips unknown notebooks (and fails if none is left)
            try:
                resources = conv.init_single_notebook_resources(path)
                output, resources = conv.exporter.from_filename(path, resources=resources)
                nb = rejoin_lines(nbformat.from_dict(json.loads(output)))  # validated above
            except Exception as exc:  # noqa: BLE001 - corrupt JSON, bad metadata...
                prep.failed = (nb_id, exc)
                break  # stock nbgrader stops the submission at this notebook
            prep.sanitized[nb_id] = (output, resources)
            cells, hashes = [], {}
            for index, cell in enumerate(nb.cells):
                if cell.cell_type != "code" or not cell.source.strip():
                    continue
                test = utils.is_grade(cell) and not utils.is_solution(cell)
                cells.append(
                    {
                        "index": index,
                        "kind": "test" if test else "code",
                        "locked": utils.is_locked(cell),
                        "source": cell.source,
                    }
                )
                hashes[index] = source_hash(cell.source)
            prep.hashes[nb_id] = hashes
            with open(path, "rb") as fh:
                raw = base64.b64encode(fh.read()).decode("ascii")
            notebooks.append({"name": nb_id, "file": raw, "cells": cells})
        if notebooks:
            prep.job = ExecJob(
                key=sub.student,
                workdir=self.dest(sub.student),
                notebooks=notebooks,
                files=files,
                limits=self.limits.to_dict(),
            )
        return prep

    def _decide(self, sub: Submission, unfinished: bool) -> str:
        """nbgrader's ``init_destination`` (notebook_id "*"), without removing anything yet."""
        cd = self.coursedir
        if cd.student_id_exclude and sub.student in cd.student_id_exclude.split(","):
            return "exclude"
        dest = self.dest(sub.student)
        if unfinished or not os.path.exists(dest) or self.force:
            return "grade"
        new, old = cd.get_existing_timestamp(sub.path), cd.get_existing_timestamp(dest)
        if new is not None and old is not None and new > old:
            return "grade"
        return "skip"

    def _files(self, sub: Submission) -> dict[str, str]:
        """The working directory's files before the run, as nbgrader's ``init_assignment``
        copies them: the submission's other files, then the assignment's (these overwrite)."""
        cd = self.coursedir
        out: dict[str, str] = {}
        source = cd.format_path(cd.source_directory, ".", self.assignment)
        exclude = {
            os.path.join(source, x)
            for x in self.finisher.exclude_overwriting.get(self.assignment, [])
        }
        total = 0
        for base in (sub.path, source):
            for path in utils.find_all_files(base, cd.ignore + ["*.ipynb"]):
                if base == source and path in exclude:
                    continue
                rel = os.path.relpath(path, base)
                size = os.path.getsize(path)
                if len(out) >= limits.MAX_FILES or total + size > limits.MAX_FILES_BYTES:
                    continue
                with open(path, "rb") as fh:
                    out[rel] = base64.b64encode(fh.read()).decode("ascii")
                total += size
        return out

    # --- stage C: nbgrader's steps, with the recorded run -----------------------------------
    def finalize(self, prep: Prepared, result: ExecResult | None) -> None:
        """Write the submission as stock nbgrader would; raises (after removing the
        submission's autograded folder, as nbgrader does) when stock nbgrader's would fail."""
        conv, student = self.finisher, prep.submission.student
        dest = self.dest(student)
        conv.notebooks = prep.submission.notebooks
        try:
            if os.path.exists(dest):
                shutil.rmtree(dest)  # what init_destination removes before grading again
            conv.run_pre_convert_hook()
            conv.init_assignment(self.assignment, student)  # filters conv.notebooks
            for path in conv.notebooks:
                nb_id = os.path.splitext(os.path.basename(path))[0]
                if prep.failed is not None and prep.failed[0] == nb_id:
                    raise prep.failed[1]
                output, resources = prep.sanitized[nb_id]
                conv.write_single_notebook(output, resources)
                run = result.notebooks.get(nb_id) if result is not None else None
                if run is None or run.status != "ok":
                    raise NotebookRunFailed(self._why(nb_id, run, result))
                conv.replay[nb_id] = (run, prep.hashes[nb_id])
                conv._sanitizing = False
                conv._init_preprocessors()
                try:
                    with utils.setenv(NBGRADER_EXECUTION="autograde"):
                        BaseConverter.convert_single_notebook(
                            conv, os.path.join(dest, os.path.basename(path))
                        )
                finally:
                    conv._sanitizing = True
            if result is not None:
                self._apply_files(dest, result, conv.notebooks)
            conv.set_permissions(self.assignment, student)
            conv.run_post_convert_hook()
        except BaseException:
            if os.path.exists(dest):
                shutil.rmtree(dest)
            raise
        finally:
            conv.replay.clear()

    def _why(self, nb_id: str, run, result: ExecResult | None) -> str:
        lang = self.language
        if run is None:
            detail = result.message if result is not None else ""
            reason = messages.text(lang, "run_error", x=detail or "?")
        elif run.status in ("timeout", "crashed", "protocol"):
            reason = messages.text(lang, f"run_{run.status}")
            if run.message:
                reason += f" ({run.message.strip().splitlines()[-1]})"
        else:
            last = (run.message.strip().splitlines() or ["?"])[-1]
            reason = messages.text(lang, "run_error", x=last)
        return messages.text(lang, "notebook_failed", notebook=f"{nb_id}.ipynb", reason=reason)

    def _apply_files(self, dest: str, result: ExecResult, notebooks: list[str]) -> None:
        """What the notebooks' runs left in the working directory, as stock nbgrader's runs
        leave it in autograded/ (new and changed files; given files they deleted are gone).
        The notebooks themselves and ``timestamp.txt`` are nbgrader's to write."""
        kept = {os.path.basename(p) for p in notebooks} | set(KEPT)
        for rel in result.removed:
            target = self._inside(dest, rel)
            if target and rel not in kept and os.path.isfile(target):
                os.remove(target)
        for rel, b64 in result.files.items():
            target = self._inside(dest, rel)
            if not target or rel in kept:
                continue
            os.makedirs(os.path.dirname(target), exist_ok=True)
            if os.path.lexists(target):
                os.remove(target)
            with open(target, "wb") as fh:
                fh.write(base64.b64decode(b64))

    @staticmethod
    def _inside(dest: str, rel: str) -> str | None:
        target = os.path.normpath(os.path.join(dest, rel))
        if not target.startswith(dest + os.sep):
            return None
        parent = os.path.dirname(target)
        while parent != dest:
            if os.path.islink(parent):
                return None
            parent = os.path.dirname(parent)
        return target

    def score(self, student: str) -> tuple[float, float]:
        with Gradebook(self.coursedir.db_url, self.coursedir.course_id) as gb:
            sub = gb.find_submission(self.assignment, student)
            return float(sub.score), float(sub.max_score)
