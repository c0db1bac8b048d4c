"""nbgrader's ``OverwriteCells`` and ``SaveAutoGrades`` with fewer gradebook queries.

``CachedOverwriteCells``: the assignment's source cells read once per run.
``CachedSaveAutoGrades``: a submitted notebook's grade and comment rows read once per notebook.
``CachedOverwriteKernelspec``: each source notebook's kernelspec read once per run.

The sanitize pass looks up every graded cell of every submission in the gradebook (a joined
query for the source cell, another for its points): about thirty ORM queries per notebook,
always with the same answers, since a grading run writes grades and never the assignment's
cells. Here those answers are read once per run and kept as plain rows with the columns
``OverwriteCells.preprocess_cell`` reads; the preprocessor itself is nbgrader's, unchanged.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import OverwriteCells, OverwriteKernelspec, SaveAutoGrades


@dataclass(frozen=True)
class CellRow:
    """The columns of a source cell (and, for a graded cell, its points) nbgrader compares."""

    name: str
    cell_type: str
    locked: bool
    checksum: str | None
    source: str
    max_score: float | None = None


class SourceCellLookups:
    """Stands in for the ``Gradebook`` inside ``OverwriteCells``: the two lookups it makes are
    answered from ``rows`` (filled from the gradebook on first use, missing entries too)."""

    def __init__(self, gradebook: Gradebook, rows: dict) -> None:
        self._gradebook, self._rows = gradebook, rows

    def _row(self, kind: str, name: str, notebook: str, assignment: str) -> CellRow:
        key = (kind, name, notebook, assignment)
        if key not in self._rows:
            try:
                if kind == "graded":
                    cell = self._gradebook.find_graded_cell(name, notebook, assignment)
                    row = CellRow(cell.name, cell.cell_type, True, None, "", float(cell.max_score))
                else:
                    cell = self._gradebook.find_source_cell(name, notebook, assignment)
                    row = CellRow(
                        cell.name, cell.cell_type, bool(cell.locked), cell.checksum, cell.source
                    )
                self._rows[key] = row
            except MissingEntry as exc:
                self._rows[key] = exc
        found = self._rows[key]
        if isinstance(found, MissingEntry):
            raise MissingEntry(*found.args)
        return found

    def find_source_cell(self, name: str, notebook: str, assignment: str) -> CellRow:
        return self._row("source", name, notebook, assignment)

    def find_graded_cell(self, name: str, notebook: str, assignment: str) -> CellRow:
        return self._row("graded", name, notebook, assignment)

    def __getattr__(self, name: str):  # anything else (missing-cell repair) asks the gradebook
        return getattr(self._gradebook, name)


class CachedOverwriteCells(OverwriteCells):
    """``OverwriteCells`` whose source-cell lookups come from the converter's ``source_rows``
    (one dict per grading run); the body of ``preprocess`` is nbgrader 0.9's."""

    def preprocess(self, nb, resources):
        self.notebook_id = resources["nbgrader"]["notebook"]
        self.assignment_id = resources["nbgrader"]["assignment"]
        self.db_url = resources["nbgrader"]["db_url"]
        rows = self.parent.parent.source_rows  # exporter -> converter (see writer.Writer)
        with Gradebook(self.db_url) as gradebook:
            self.gradebook = SourceCellLookups(gradebook, rows)
            nb, resources = super(OverwriteCells, self).preprocess(nb, resources)
            if self.add_missing_cells:
                nb, resources = self.add_missing_grade_cells(nb, resources)
                nb, resources = self.add_missing_task_cells(nb, resources)
        return nb, resources


class SubmissionLookups:
    """Stands in for the ``Gradebook`` inside ``SaveAutoGrades``: its ``find_grade`` and
    ``find_comment`` (a six-table join each, per cell) are answered from the submitted
    notebook's grade and comment rows, read in one query each. They are the same ORM objects
    of the same session, so what nbgrader sets on them is written as before."""

    def __init__(self, gradebook: Gradebook, notebook: str, assignment: str, student: str) -> None:
        from nbgrader.api import BaseCell, Comment, Grade

        self._gradebook = gradebook
        self.db = gradebook.db
        submitted = gradebook.find_submission_notebook(notebook, assignment, student)
        self._key = (notebook, assignment, student)
        self._grades = dict(
            (name, grade)
            for grade, name in self.db.query(Grade, BaseCell.name)
            .join(BaseCell, BaseCell.id == Grade.cell_id)
            .filter(Grade.notebook_id == submitted.id)
        )
        self._comments = dict(
            (name, comment)
            for comment, name in self.db.query(Comment, BaseCell.name)
            .join(BaseCell, BaseCell.id == Comment.cell_id)
            .filter(Comment.notebook_id == submitted.id)
        )

    def _find(self, rows: dict, kind: str, cell: str, notebook: str, assignment: str, student: str):
        if (notebook, assignment, student) != self._key:  # not this notebook: ask nbgrader
            return getattr(self._gradebook, f"find_{kind}")(cell, notebook, assignment, student)
        if cell not in rows:
            raise MissingEntry(f"No such {kind}: {assignment}/{notebook}/{cell} for {student}")
        return rows[cell]

    def find_grade(self, cell: str, notebook: str, assignment: str, student: str):
        return self._find(self._grades, "grade", cell, notebook, assignment, student)

    def find_comment(self, cell: str, notebook: str, assignment: str, student: str):
        return self._find(self._comments, "comment", cell, notebook, assignment, student)

    def __getattr__(self, name: str):
        return getattr(self._gradebook, name)


class CachedSaveAutoGrades(SaveAutoGrades):
    """nbgrader's ``SaveAutoGrades`` with the submitted notebook's rows read at once
    (``SubmissionLookups``); ``_add_score``, ``_add_comment`` and the cell loop are nbgrader's."""

    def preprocess(self, nb, resources):
        self.notebook_id = resources["nbgrader"]["notebook"]
        self.assignment_id = resources["nbgrader"]["assignment"]
        self.student_id = resources["nbgrader"]["student"]
        self.db_url = resources["nbgrader"]["db_url"]
        with Gradebook(self.db_url) as gradebook:
            self.gradebook = SubmissionLookups(
                gradebook, self.notebook_id, self.assignment_id, self.student_id
            )
            nb, resources = super(SaveAutoGrades, self).preprocess(nb, resources)
        return nb, resources


class CachedOverwriteKernelspec(OverwriteKernelspec):
    """nbgrader's ``OverwriteKernelspec`` with each source notebook's kernelspec read once per
    run (it is the assignment's, which a grading run never changes)."""

    def preprocess(self, nb, resources):
        key = ("kernelspec", resources["nbgrader"]["notebook"], resources["nbgrader"]["assignment"])
        rows = self.parent.parent.source_rows  # exporter -> converter (see writer.Writer)
        if key not in rows:
            with Gradebook(resources["nbgrader"]["db_url"]) as gb:
                raw = gb.find_notebook(key[1], key[2]).kernelspec
            rows[key] = json.loads(raw) if raw is not None else None
        if rows[key]:
            nb.metadata["kernelspec"] = copy.deepcopy(rows[key])
        return nb, resources
