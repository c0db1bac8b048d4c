"""The single gradebook writer: nbgrader's own autograde steps, with execution replayed.

Stock ``nbgrader autograde`` runs, per submission, a sanitize pass (clear outputs, restore
locked and test cells from the gradebook, check metadata), executes the notebook, then an
autograde pass (limit output, save grades and comments to the gradebook, late penalties) and
writes ``autograded/``. This module runs exactly those nbgrader preprocessors in this
process, in order, except that ``Execute`` is replaced by ``ReplayExecute``, which puts in
the outputs recorded by the sandbox. So the gradebook, the autograded notebooks, formgrader,
feedback and exports are nbgrader's own; only where the code ran changed.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
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
from nbgrader.preprocessors import Execute, NbGraderPreprocessor, OverwriteCells
from traitlets import List
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

from aiwork.grading import limits
from aiwork.grading.discovery import Submission
from aiwork.grading.jobs import ExecJob, ExecResult
from aiwork.grading.sourcecells import CachedOverwriteCells

MARKER = ".aiwork-grading-in-progress"

#: The outputs a cell gets when the sandbox never reported it (they decide: an error = 0).
STOPPED = {
    "timeout": ("CellTimeoutError", "Ô mã chạy quá thời gian cho phép nên đã bị dừng."),
    "crashed": ("SandboxCrashed", "Tiến trình chạy bài kết thúc bất thường trước ô này."),
    "protocol": ("SandboxTampered", "Tiến trình chạy bài vi phạm giao thức chấm điểm."),
    "error": ("GradingError", "Không chạy được bài làm."),
}


def source_hash(source: str) -> str:
    return hashlib.sha256(source.encode("utf-8")).hexdigest()[:16]


def load_config(course: str) -> Config:
    cfg = Config()
    path = os.path.join(course, "nbgrader_config.py")
    if os.path.exists(path):
        cfg.merge(PyFileConfigLoader("nbgrader_config.py", path=course).load_config())
    cfg.CourseDirectory.root = os.path.realpath(course)
    # nbconvert validates the notebook after every preprocessor; once, after the last, gives
    # the same verdict (nbconvert's own option) at a twelfth of the cost
    cfg.Exporter.optimistic_validation = True
    return cfg


def cell_timeout(cfg: Config) -> float:
    for section in ("Execute", "ExecutePreprocessor"):
        if section in cfg and "timeout" in cfg[section] and cfg[section].timeout:
            return float(cfg[section].timeout)
    return float(limits.NBGRADER_DEFAULT_CELL_TIMEOUT)


class ReplayExecute(NbGraderPreprocessor):
    """Stands where nbgrader's ``Execute`` stands; outputs come from the sandbox run."""

    def preprocess(self, nb: NotebookNode, resources: ResourcesDict):
        converter = self.parent.parent
        result, hashes = converter.replay[resources["nbgrader"]["notebook"]]
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            cell.outputs, cell.execution_count = [], None
            if not cell.source.strip():
                continue
            record = result.cells.get(index)
            if record is not None and hashes.get(index) == source_hash(cell.source):
                cell.outputs = [nbformat.from_dict(o) for o in record["outputs"]]
                cell.execution_count = record.get("count")
            elif index == result.running or (utils.is_grade(cell) and not utils.is_solution(cell)):
                # a test cell the sandbox never finished must not count as passed
                ename, evalue = STOPPED.get(result.status, STOPPED["error"])
                cell.outputs = [
                    nbformat.v4.new_output(
                        "error",
                        ename=ename,
                        evalue=evalue,
                        traceback=[f"{ename}: {evalue}", result.message],
                    )
                ]
        nb.metadata.setdefault("language_info", {"name": "python"})
        return nb, resources


class GradeConverter(Autograde):
    sanitize_preprocessors = List(
        [
            CachedOverwriteCells if pp is OverwriteCells else pp
            for pp in Autograde.class_traits()["sanitize_preprocessors"].default()
        ]
    ).tag(config=True)
    autograde_preprocessors = List(
        [
            ReplayExecute if pp is Execute else pp
            for pp in Autograde.class_traits()["autograde_preprocessors"].default()
        ]
    ).tag(config=True)


@dataclass
class Prepared:
    """A submission after the sanitize pass: what to execute, or why not."""

    submission: Submission
    notebooks: list[str] = field(default_factory=list)  # known notebooks, submitted paths
    sanitized: dict[str, tuple[str, dict]] = field(default_factory=dict)  # nb id -> output
    jobs: list[ExecJob] = field(default_factory=list)
    hashes: dict[str, dict[int, str]] = field(default_factory=dict)
    skip: bool = False
    error: str = ""


class Writer:
    def __init__(self, course: str, assignment: str, lim: limits.Limits, force: bool = False):
        from aiwork.grading import speedups

        speedups.apply()
        self.course = os.path.realpath(course)
        self.assignment = assignment
        self.limits = lim
        self.config = load_config(self.course)
        self.coursedir = CourseDirectory(config=self.config)
        self.coursedir.assignment_id = assignment
        self.source_rows: dict = {}  # the assignment's source cells, read once (sourcecells)
        # two converters: the sanitize pass of the next submissions (reads) may run while the
        # writer thread finalises earlier ones; nbgrader's converters keep per-call state
        self.converter = self._converter(force)
        self.finisher = self._converter(force)
        os.chdir(self.course)  # nbgrader's converters work from the course root
        with Gradebook(self.coursedir.db_url, self.coursedir.course_id) as gb:
            try:
                a = gb.find_assignment(assignment)
            except MissingEntry:
                raise SystemExit(
                    f"assignment '{assignment}' is not in the gradebook; run "
                    "`nbgrader generate_assignment` first"
                ) from None
            self.known = [nb.name for nb in a.notebooks]

    def _converter(self, force: bool) -> GradeConverter:
        from nbconvert.writers import FilesWriter

        conv = GradeConverter(coursedir=self.coursedir, config=self.config)
        conv.force = force
        conv.writer = FilesWriter(parent=conv, config=self.config)
        conv.exporter = conv.exporter_class(parent=conv, config=self.config)
        conv.replay = {}
        conv.source_rows = self.source_rows
        return conv

    def submitted_glob(self) -> str:
        return self.coursedir.format_path(self.coursedir.submitted_directory, "*", self.assignment)

    def dest(self, student: str) -> str:
        return self.coursedir.format_path(
            self.coursedir.autograded_directory, student, self.assignment
        )

    # --- stage A: sanitize (reads the gradebook, writes nothing) -------------------------
    def prepare(self, sub: Submission) -> Prepared:
        prep = Prepared(sub)
        conv = self.converter
        prep.notebooks = [
            p for p in sub.notebooks if os.path.splitext(os.path.basename(p))[0] in self.known
        ]
        if not prep.notebooks:
            found = ", ".join(os.path.basename(p) for p in sub.notebooks) or "không có"
            prep.error = (
                f"không tìm thấy sổ tay {', '.join(n + '.ipynb' for n in self.known)} "
                f"trong bài nộp (tìm thấy: {found})"
            )
            return prep
        dest = self.dest(sub.student)
        if os.path.exists(os.path.join(dest, MARKER)):
            shutil.rmtree(dest)  # an interrupted earlier run: grade again
        conv.notebooks = prep.notebooks
        if not conv.init_destination(self.assignment, sub.student):
            prep.skip = True
            return prep
        conv._sanitizing = True
        conv._init_preprocessors()
        files = self._files(sub)
        for path in prep.notebooks:
            nb_id = os.path.splitext(os.path.basename(path))[0]
            try:
                resources = conv.init_single_notebook_resources(path)
                output, resources = conv.exporter.from_filename(path, resources=resources)
                nb = rejoin_lines(nbformat.from_dict(json.loads(output)))  # validated above
            except Exception as exc:  # noqa: BLE001 - corrupt JSON, bad metadata...
                prep.error = f"{os.path.basename(path)}: {type(exc).__name__}: {exc}"
                prep.jobs.clear()
                return prep
            prep.sanitized[nb_id] = (output, resources)
            cells, hashes = [], {}
            for index, cell in enumerate(nb.cells):
                if cell.cell_type != "code" or not cell.source.strip():
                    continue
                test = utils.is_grade(cell) and not utils.is_solution(cell)
                cells.append(
                    {"index": index, "kind": "test" if test else "code", "source": cell.source}
                )
                hashes[index] = source_hash(cell.source)
            prep.hashes[nb_id] = hashes
            prep.jobs.append(
                ExecJob(
                    key=f"{sub.student}/{nb_id}",
                    dirname=self.assignment,
                    cells=cells,
                    files=files,
                    limits=self.limits.to_dict(),
                    learner=sub.student,
                )
            )
        return prep

    def _files(self, sub: Submission) -> dict[str, str]:
        """The submission's other files, then the source's (as nbgrader's autograded/ has)."""
        out: dict[str, str] = {}
        source = self.coursedir.format_path(self.coursedir.source_directory, ".", self.assignment)
        total = 0
        for base in (sub.path, source):
            for path in utils.find_all_files(base, self.coursedir.ignore + ["*.ipynb"]):
                rel = os.path.relpath(path, base)
                size = os.path.getsize(path)
                if len(out) >= limits.MAX_FILES or total + size > limits.MAX_FILES_BYTES:
                    continue
                with open(path, "rb") as fh:
                    out[rel] = base64.b64encode(fh.read()).decode("ascii")
                total += size
        return out

    # --- stage C: nbgrader's autograde pass with the recorded outputs ---------------------
    def finalize(self, prep: Prepared, results: dict[str, ExecResult]) -> None:
        conv, student = self.finisher, prep.submission.student
        dest = self.dest(student)
        conv.notebooks = prep.notebooks
        try:
            conv.run_pre_convert_hook()
            conv.init_assignment(self.assignment, student)
            with open(os.path.join(dest, MARKER), "w") as fh:
                fh.write("grading\n")
            for path in conv.notebooks:
                nb_id = os.path.splitext(os.path.basename(path))[0]
                output, resources = prep.sanitized[nb_id]
                conv.replay[nb_id] = (results[f"{student}/{nb_id}"], prep.hashes[nb_id])
                conv.write_single_notebook(output, resources)
                conv._sanitizing = False
                conv._init_preprocessors()
                try:
                    with utils.setenv(NBGRADER_EXECUTION="autograde"):
                        BaseConverter.convert_single_notebook(
                            conv, os.path.join(dest, os.path.basename(path))
                        )
                finally:
                    conv._sanitizing = True
            os.remove(os.path.join(dest, MARKER))
            conv.set_permissions(self.assignment, student)
            conv.run_post_convert_hook()
        except BaseException:
            if os.path.exists(dest):
                shutil.rmtree(dest)
            raise
        finally:
            conv.replay.clear()

    def record_failure(self, student: str, notebooks: list[str] | None = None) -> None:
        """A submission that cannot run (no notebook, corrupt JSON): 0 on its autograded
        cells, so the gradebook shows it instead of silently lacking it."""
        ts = self.coursedir.get_existing_timestamp(
            self.coursedir.format_path(self.coursedir.submitted_directory, student, self.assignment)
        )
        with Gradebook(self.coursedir.db_url, self.coursedir.course_id) as gb:
            gb.update_or_create_student(student)
            if ts:
                gb.update_or_create_submission(self.assignment, student, timestamp=ts)
            else:
                gb.update_or_create_submission(self.assignment, student)
            for name in notebooks or self.known:
                nb = gb.find_submission_notebook(name, self.assignment, student)
                for grade in nb.grades:
                    if grade.cell.cell_type == "code" or grade.auto_score is not None:
                        grade.auto_score = 0
                        grade.needs_manual_grade = False
            gb.db.commit()

    def score(self, student: str) -> tuple[float, float]:
        with Gradebook(self.coursedir.db_url, self.coursedir.course_id) as gb:
            sub = gb.find_submission(self.assignment, student)
            return float(sub.score), float(sub.max_score)
