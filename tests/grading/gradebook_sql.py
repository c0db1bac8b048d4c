"""A gradebook's content by SQL, keyed by names (not by nbgrader's random row ids), and the
files of an autograded/ folder: what "equal to stock nbgrader" and "equal to an uninterrupted
run" are checked against."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

QUERIES = {
    "student": "SELECT id, first_name, last_name, email, lms_user_id FROM student",
    "submission": """
        SELECT a.name, sa.student_id, sa.timestamp, sa.extension
        FROM submitted_assignment sa JOIN assignment a ON a.id = sa.assignment_id""",
    "notebook": """
        SELECT a.name, sa.student_id, n.name, sn.flagged, sn.late_submission_penalty
        FROM submitted_notebook sn
        JOIN submitted_assignment sa ON sa.id = sn.assignment_id
        JOIN assignment a ON a.id = sa.assignment_id
        JOIN notebook n ON n.id = sn.notebook_id""",
    "grade": """
        SELECT a.name, sa.student_id, n.name, c.name, g.auto_score, g.manual_score,
               g.extra_credit, g.needs_manual_grade
        FROM grade g
        JOIN submitted_notebook sn ON sn.id = g.notebook_id
        JOIN submitted_assignment sa ON sa.id = sn.assignment_id
        JOIN assignment a ON a.id = sa.assignment_id
        JOIN notebook n ON n.id = sn.notebook_id
        JOIN base_cell c ON c.id = g.cell_id""",
    "comment": """
        SELECT a.name, sa.student_id, n.name, c.name, m.auto_comment, m.manual_comment
        FROM comment m
        JOIN submitted_notebook sn ON sn.id = m.notebook_id
        JOIN submitted_assignment sa ON sa.id = sn.assignment_id
        JOIN assignment a ON a.id = sa.assignment_id
        JOIN notebook n ON n.id = sn.notebook_id
        JOIN base_cell c ON c.id = m.cell_id""",
}


def dump(db: Path | str) -> dict[str, list[tuple]]:
    """Every row that grading writes, sorted, per table."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return {name: sorted(con.execute(q).fetchall(), key=repr) for name, q in QUERIES.items()}
    finally:
        con.close()


def differences(a: dict, b: dict) -> dict[str, tuple[list, list]]:
    """Per table: (rows only in a, rows only in b); empty when the gradebooks agree."""
    out = {}
    for table in QUERIES:
        only_a = [r for r in a[table] if r not in b[table]]
        only_b = [r for r in b[table] if r not in a[table]]
        if only_a or only_b:
            out[table] = (only_a, only_b)
    return out


def files(folder: Path | str) -> list[str]:
    """Relative paths of the files under ``folder`` (the engine's own records left out)."""
    folder = Path(folder)
    out = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = [d for d in dirnames if d != ".aiwork-outcomes"]
        out += [str(Path(dirpath, f).relative_to(folder)) for f in filenames]
    return sorted(out)
