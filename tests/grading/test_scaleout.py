"""``--scheduler``: the same grading on a local Dask cluster of worker processes."""

from __future__ import annotations

import pytest

from . import catalogue, course
from .conftest import MEMORY, TIMEOUT, copy_course, gradebook_scores

# one xdist worker for the grading tests: they share the graded class built once
pytestmark = [pytest.mark.xdist_group("grading"), pytest.mark.slow]

SUBSET = (
    "honest_reference",
    "honest_wrong_choice",
    "always_true_eq",
    "os_exit",
    "read_hidden_files",
    "corrupt_json",
)


def test_grades_on_a_dask_cluster_match_the_catalogue(blank_course, tmp_path):
    distributed = pytest.importorskip("distributed")
    from aiwork.grading.engine import grade

    root = copy_course(blank_course, tmp_path / "course")
    entries = [e for e in catalogue.load() if e.name in SUBSET]
    catalogue.build(root, entries)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
    ) as cluster:
        outcomes = grade(
            course.ASSIGNMENT,
            str(root),
            timeout=TIMEOUT,
            memory_mb=MEMORY,
            scheduler=cluster.scheduler_address,
            progress=False,
        )
    scores = gradebook_scores(root)
    for e in entries:
        assert outcomes[e.name].status == e.status, outcomes[e.name]
        want = {gid: e.points(gid) for gid in course.TEST_POINTS}
        assert {gid: scores[e.name].get(gid) for gid in want} == want, e.name
