"""The fallback without namespaces (no root, or AIWORK_GRADING_ISOLATION=degraded): weaker (files
outside the known hidden paths stay readable, e.g. other courses under /tmp, and fork bombs
are bounded only by the trainer's own limits), but the run completes and the Python-level
guards hold for these cases."""

from __future__ import annotations

import pytest

from . import catalogue, course
from .conftest import MEMORY, TIMEOUT, copy_course, gradebook_scores

# one xdist worker for the grading tests: they share the graded class built once
pytestmark = [pytest.mark.xdist_group("grading"), pytest.mark.slow]

SUBSET = (
    "honest_reference",
    "honest_wrong_choice",
    "network_exfiltration",
    "os_exit",
    "always_true_eq",
    "infinite_loop",
    "patch_graders",
)


def test_degraded_isolation_still_grades_the_catalogue(blank_course, tmp_path, monkeypatch):
    from aiwork.grading import sandbox
    from aiwork.grading.engine import grade

    monkeypatch.setenv(sandbox.ISOLATION_ENV, "degraded")
    root = copy_course(blank_course, tmp_path / "course")
    entries = [e for e in catalogue.load() if e.name in SUBSET]
    catalogue.build(root, entries)
    outcomes = grade(
        course.ASSIGNMENT, str(root), workers=2, timeout=TIMEOUT, memory_mb=MEMORY, progress=False
    )
    scores = gradebook_scores(root)
    for e in entries:
        assert outcomes[e.name].status == e.status, outcomes[e.name]
        want = {gid: e.points(gid) for gid in course.TEST_POINTS}
        assert {gid: scores[e.name].get(gid) for gid in want} == want, e.name
