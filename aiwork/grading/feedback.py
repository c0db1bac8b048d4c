"""``aiwork feedback``: nbgrader's feedback, minus the hidden tests (nbgrader #917).

Stock ``nbgrader generate_feedback`` renders the autograded notebook, whose test cells hold
the hidden tests restored from the gradebook, and their tracebacks quote the failing hidden
line. Here the same converter runs with one more preprocessor: in every autograded test cell
the hidden block is replaced by one line saying whether the hidden checks passed and the
cell's points; tracebacks are reduced to the error's name and message; any output line that
repeats a hidden line is masked. Visible tests and learners' own cells are shown as they are.

Submissions whose grading did not finish (``status.unfinished``: a killed ``aiwork grade``
left them half-written) get no feedback until they are graded again; they are listed.
Messages follow the course's language (``AiworkGrade.language``).
"""

from __future__ import annotations

import glob
import os
import shutil
from dataclasses import dataclass, field

from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
from nbgrader import utils
from nbgrader.converters import GenerateFeedback
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import GetGrades, NbGraderPreprocessor
from traitlets import Enum, List, Unicode

from aiwork.grading import messages


class RedactHiddenTests(NbGraderPreprocessor):
    begin = Unicode("### BEGIN HIDDEN TESTS", help="Line that opens hidden tests").tag(config=True)
    end = Unicode("### END HIDDEN TESTS", help="Line that closes hidden tests").tag(config=True)
    language = Enum(["en", "vi"], default_value="en", help="Language of the verdict line").tag(
        config=True
    )

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type != "code" or not utils.is_grade(cell) or utils.is_solution(cell):
            return cell, resources
        kept, hidden, inside = [], [], False
        for line in cell.source.splitlines():
            if self.begin in line:
                inside = True
                continue
            if self.end in line:
                inside = False
                continue
            (hidden if inside else kept).append(line)
        failed = any(o.output_type == "error" for o in cell.outputs)
        t, lang = messages.text, self.language
        if hidden:
            score, points = (
                cell.metadata.get("nbgrader", {}).get("score"),
                cell.metadata.nbgrader.get("points"),
            )
            line = t(lang, "hidden_line", verdict=t(lang, "failed" if failed else "passed"))
            if score is not None and points:
                line += t(
                    lang, "hidden_points", score=_number(score, lang), points=_number(points, lang)
                )
            kept.append(line)
        cell.source = "\n".join(kept)
        secrets = {ln.strip() for ln in hidden if len(ln.strip()) >= 6}
        mask = t(lang, "masked")
        for output in cell.outputs:
            if output.output_type == "error":
                output.traceback = [f"{output.ename}: {_mask(output.evalue, secrets, mask)}"]
                output.evalue = _mask(output.evalue, secrets, mask)
            elif output.output_type == "stream":
                output.text = _mask(output.text, secrets, mask)
            elif "data" in output:
                for mime, value in list(output.data.items()):
                    if isinstance(value, str):
                        output.data[mime] = _mask(value, secrets, mask)
        return cell, resources


def _number(value: float, language: str) -> str:
    """A score as the course writes numbers (Vietnamese: a decimal comma)."""
    if language == "vi":
        from aiwork.vi import format_number

        return format_number(value, None)
    return f"{value:g}"


def _mask(text: str, secrets: set[str], mask: str) -> str:
    for secret in secrets:
        text = text.replace(secret, mask)
    return text


class SafeFeedback(GenerateFeedback):
    preprocessors = List([GetGrades, RedactHiddenTests, CSSHTMLHeaderPreprocessor]).tag(config=True)


@dataclass
class Report:
    written: list[str] = field(default_factory=list)  # feedback files
    unfinished: list[str] = field(default_factory=list)  # students held back
    language: str = "en"
    nothing_graded: bool = False  # no finished grading to write feedback for


def generate(assignment: str, course: str, student: str = "*") -> Report:
    """Write feedback HTML for every autograded submission whose grading finished."""
    from aiwork.courselock import course_lock
    from aiwork.grading import settings
    from aiwork.grading.engine import check_course
    from aiwork.grading.writer import load_config

    course = check_course(course)
    cfg = load_config(course)
    lang = settings.from_config(cfg).language
    cfg.RedactHiddenTests.language = lang
    ready, held = _graded(course, cfg, assignment, student)
    if not ready:  # nothing to write: nothing touched
        return Report([], held, lang, nothing_graded=True)
    with course_lock(course, "feedback"):
        ready, held = _graded(course, cfg, assignment, student)
        coursedir = CourseDirectory(config=cfg)
        for sid in held:  # feedback of a grading being redone is stale: never returned
            stale = coursedir.format_path(coursedir.feedback_directory, sid, assignment)
            if os.path.isdir(stale):
                shutil.rmtree(stale)
        if not ready:
            return Report([], held, lang, nothing_graded=True)
        coursedir.assignment_id = assignment
        coursedir.student_id = student
        excluded = [x for x in coursedir.student_id_exclude.split(",") if x]
        coursedir.student_id_exclude = ",".join([*excluded, *held])
        converter = SafeFeedback(coursedir=coursedir, config=cfg)
        converter.force = True
        cwd = os.getcwd()
        try:
            converter.start()
        finally:
            os.chdir(cwd)
        written = []
        for sid in ready:
            folder = coursedir.format_path(coursedir.feedback_directory, sid, assignment)
            written += sorted(glob.glob(os.path.join(folder, "*.html")))
        return Report(written, held, lang)


def _graded(course: str, cfg, assignment: str, student: str) -> tuple[list[str], list[str]]:
    """(students with a finished grading, students whose grading did not finish)."""
    from aiwork.grading import status

    coursedir = CourseDirectory(config=cfg)
    held = [s for s in status.unfinished(course, assignment) if student in ("*", s)]
    folders = glob.glob(coursedir.format_path(coursedir.autograded_directory, student, assignment))
    students = sorted({os.path.basename(os.path.dirname(f)) for f in folders})
    return [s for s in students if s not in held], held
