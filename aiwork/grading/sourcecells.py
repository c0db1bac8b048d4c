"""nbgrader's ``OverwriteCells`` with the assignment's source cells read once per run.

The sanitize pass looks up every graded cell of every submission in the gradebook (a joined
query for the source cell, another for its points): about thirty ORM queries per notebook,
always with the same answers, since a grading run writes grades and never the assignment's
cells. Here those answers are read once per run and kept as plain rows with the columns
``OverwriteCells.preprocess_cell`` reads; the preprocessor itself is nbgrader's, unchanged.
"""

from __future__ import annotations

from dataclasses import dataclass

from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import OverwriteCells


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
