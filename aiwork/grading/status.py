"""Where a grading run records its progress, so that a crash loses nothing (issue 20).

Per assignment, in ``autograded/.aiwork-outcomes/`` (runtime state beside nbgrader's; the dot
keeps it out of nbgrader's ``autograded/*/<assignment>`` globs, so it is never copied into
feedback):

* ``<assignment>.unfinished/<student>``: written before ``aiwork grade`` changes anything of
  that submission (gradebook, autograded/, stale feedback) and removed once its outcome is
  saved. A marker left behind means a run was killed half-way: the next run grades that
  submission again, ``aiwork feedback`` writes no feedback for it and ``aiwork return`` holds
  it back (``unfinished``).
* ``<assignment>.json``: each submission's outcome (graded, skipped, error...). A run appends
  each written submission's outcome to ``<assignment>.journal`` (one JSON line) as soon as it
  is done, and folds the journal into the JSON file at its end; a killed run's journal is read
  back (and folded in) by the next.

Both survive a killed process (kill -9: the files are written before the next step); they are
not synced to disk one by one (a power cut is SQLite's journal's business, not theirs).

Cheap to import: the trainer's commands call ``unfinished`` without loading the engine.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

OUTCOMES_DIR = ".aiwork-outcomes"


def _autograded_root(course: str | Path) -> Path:
    """``<course>/autograded`` (or the course's ``CourseDirectory.autograded_directory``)."""
    from aiwork.grading.settings import read_config

    name = "autograded"
    try:
        cfg = read_config(str(course))
        name = str(cfg.CourseDirectory.get("autograded_directory", name)) or name
    except Exception:  # noqa: BLE001 - an unreadable config: nbgrader's default layout
        pass
    return Path(course) / name


def outcomes_dir(course: str | Path) -> Path:
    return _autograded_root(course) / OUTCOMES_DIR


def outcomes_file(course: str | Path, assignment: str) -> Path:
    return outcomes_dir(course) / f"{assignment}.json"


def _markers(course: str | Path, assignment: str) -> Path:
    return outcomes_dir(course) / f"{assignment}.unfinished"


def unfinished(course: str | Path, assignment: str) -> list[str]:
    """Students whose grading of ``assignment`` began and did not finish (a run was killed
    while writing their submission): regrade them before giving them feedback."""
    folder = _markers(course, assignment)
    try:
        return sorted(p.name for p in folder.iterdir() if p.is_file())
    except OSError:
        return []


class Progress:
    """The records of one grading run of one assignment (used by the single writer)."""

    def __init__(self, course: str | Path, assignment: str) -> None:
        self.markers = _markers(course, assignment)
        self.file = outcomes_file(course, assignment)
        self.journal = self.file.with_suffix(".journal")
        self.markers.mkdir(parents=True, exist_ok=True)
        self.records = self.load()
        self._journal = None

    def load(self) -> dict[str, dict]:
        """The saved outcomes, with what a killed run journaled after its last save."""
        records: dict[str, dict] = {}
        try:
            with open(self.file, encoding="utf-8") as fh:
                data = json.load(fh)
            records = data if isinstance(data, dict) else {}
        except (OSError, ValueError):
            pass
        try:
            with open(self.journal, encoding="utf-8") as fh:
                for line in fh:
                    try:
                        student, outcome = json.loads(line)
                    except (ValueError, TypeError):
                        continue  # a line cut short by the kill
                    records[str(student)] = outcome
        except OSError:
            pass
        return records

    def unfinished(self) -> set[str]:
        return {p.name for p in self.markers.iterdir() if p.is_file()}

    def begin(self, student: str) -> None:
        """Before the first change to ``student``'s submission."""
        marker = self.markers / student
        with open(marker, "w", encoding="utf-8") as fh:
            fh.write("grading\n")

    def record(self, student: str, outcome: dict, *, final: bool = True) -> None:
        """Keep ``outcome``; saved at once when the submission was written (``final``), else
        with the next save. A skipped submission keeps the record of the run that graded it."""
        if outcome.get("status") == "skipped" and student in self.records:
            return
        self.records[student] = outcome
        if final:  # one line appended (saving the whole file each time is quadratic)
            if self._journal is None:
                self._journal = open(self.journal, "a", encoding="utf-8")
            self._journal.write(json.dumps([student, outcome], ensure_ascii=False) + "\n")
            self._journal.flush()

    def finish(self, student: str) -> None:
        """After the outcome of ``student``'s submission is saved."""
        try:
            os.remove(self.markers / student)
        except FileNotFoundError:
            pass

    def save(self) -> None:
        """Every outcome into the JSON file (atomically), then the journal is done with."""
        tmp = self.file.with_name(self.file.name + ".tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(self.records, fh, ensure_ascii=False, indent=1, sort_keys=True)
        os.replace(tmp, self.file)
        if self._journal is not None:
            self._journal.close()
            self._journal = None
        try:
            os.remove(self.journal)
        except FileNotFoundError:
            pass
