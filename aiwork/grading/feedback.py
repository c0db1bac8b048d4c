"""``aiwork feedback``: nbgrader's feedback, minus the hidden tests (nbgrader #917).

Stock ``nbgrader generate_feedback`` renders the autograded notebook, whose test cells hold
the hidden tests restored from the gradebook, and their tracebacks quote the failing hidden
line. Here the same converter runs with one more preprocessor: in every autograded test cell
the hidden block is replaced by one line saying whether the hidden checks passed and the
cell's points; tracebacks are reduced to the error's name and message; any output line that
repeats a hidden line is masked. Visible tests and learners' own cells are shown as they are.
"""

from __future__ import annotations

import os

from nbconvert.preprocessors import CSSHTMLHeaderPreprocessor
from nbgrader import utils
from nbgrader.converters import GenerateFeedback
from nbgrader.coursedir import CourseDirectory
from nbgrader.preprocessors import GetGrades, NbGraderPreprocessor
from traitlets import List, Unicode

from aiwork.vi import format_number

MASK = "[đã ẩn]"


class RedactHiddenTests(NbGraderPreprocessor):
    begin = Unicode("### BEGIN HIDDEN TESTS").tag(config=True)
    end = Unicode("### END HIDDEN TESTS").tag(config=True)

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
        if hidden:
            score, points = (
                cell.metadata.get("nbgrader", {}).get("score"),
                cell.metadata.nbgrader.get("points"),
            )
            verdict = "KHÔNG ĐẠT" if failed else "ĐẠT"
            kept.append(
                f"# Kiểm tra ẩn (không hiển thị mã): {verdict}"
                + (
                    f" — {format_number(score, None)}/{format_number(points, None)} điểm"
                    if score is not None and points
                    else ""
                )
            )
        cell.source = "\n".join(kept)
        secrets = {ln.strip() for ln in hidden if len(ln.strip()) >= 6}
        for output in cell.outputs:
            if output.output_type == "error":
                output.traceback = [f"{output.ename}: {_mask(output.evalue, secrets)}"]
                output.evalue = _mask(output.evalue, secrets)
            elif output.output_type == "stream":
                output.text = _mask(output.text, secrets)
            elif "data" in output:
                for mime, value in list(output.data.items()):
                    if isinstance(value, str):
                        output.data[mime] = _mask(value, secrets)
        return cell, resources


def _mask(text: str, secrets: set[str]) -> str:
    for secret in secrets:
        text = text.replace(secret, MASK)
    return text


class SafeFeedback(GenerateFeedback):
    preprocessors = List([GetGrades, RedactHiddenTests, CSSHTMLHeaderPreprocessor]).tag(config=True)


def generate(assignment: str, course: str, student: str = "*") -> list[str]:
    """Write feedback HTML for every autograded submission; returns the files written."""
    from aiwork.grading.writer import load_config

    course = os.path.realpath(course)
    cfg = load_config(course)
    coursedir = CourseDirectory(config=cfg)
    coursedir.assignment_id = assignment
    coursedir.student_id = student
    converter = SafeFeedback(coursedir=coursedir, config=cfg)
    converter.force = True
    converter.start()
    out = []
    for dirpath, _, files in os.walk(
        coursedir.format_path(coursedir.feedback_directory, student if student != "*" else ".", ".")
    ):
        out += [
            os.path.join(dirpath, f)
            for f in files
            if f.endswith(".html") and os.sep + assignment + os.sep in os.path.join(dirpath, f)
        ]
    return sorted(out)
