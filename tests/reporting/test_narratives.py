"""Labelled narratives (issue 22): the checker flags exactly the numbers the label says.

Tuning cases (tests/reporting/narratives/tuning.yaml) guided the checker's development; held-out
cases (heldout.yaml) were written afterwards and never tuned on. ``bench/figcheck_bench.py``
prints both beside the target (every narrative right).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from aiwork.reporting.data import load_table
from aiwork.reporting.figcheck import FigureChecker

HERE = Path(__file__).resolve().parent / "narratives"


def load_cases(name: str) -> list[dict]:
    return yaml.safe_load((HERE / f"{name}.yaml").read_text(encoding="utf-8"))["cases"]


def flagged(case: dict, folder: Path) -> set[str]:
    path = folder / f"{case['id']}.csv"
    path.write_text(case["table"], encoding="utf-8")
    report = FigureChecker(load_table(path)).check(case["text"])
    return set(report.unsupported_texts())


@pytest.mark.parametrize("set_name", ["tuning", "heldout"])
def test_labelled_narratives(set_name, tmp_path):
    wrong = []
    cases = load_cases(set_name)
    for case in cases:
        got, want = flagged(case, tmp_path), set(case["unsupported"])
        if got != want:
            wrong.append(f"{case['id']}: flagged {sorted(got)}, labelled {sorted(want)}")
    assert not wrong, f"{len(wrong)} of {len(cases)} {set_name} narratives wrong:\n" + "\n".join(
        wrong
    )
