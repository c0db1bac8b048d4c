"""The rules under the agency name, the Tiêu ngữ and the trích yếu, drawn every way offices do.

Compliant documents get no finding at all (no false alarm); a missing rule is still flagged by
its rule id. Tuning and held-out cases: see tests/decree30/line_variants.py.
"""

from __future__ import annotations

import pytest

from aiwork.decree30 import check_docx

from .line_variants import HELD_OUT, TUNING, Case, make


def _check(case: Case, tmp_path) -> tuple[set[str], list]:
    found = check_docx(make(case, tmp_path))
    return {v.rule for v in found}, found


@pytest.mark.parametrize("case", TUNING, ids=lambda c: c.name)
def test_tuning_case(case: Case, tmp_path):
    rules, found = _check(case, tmp_path)
    if case.expected:
        assert case.expected <= rules, f"missing rule not flagged: {found}"
    else:
        assert not found, f"false alarm on a compliant document: {found}"


def test_held_out_cases_all_right(tmp_path):
    wrong = []
    for case in HELD_OUT:
        rules, found = _check(case, tmp_path)
        ok = case.expected <= rules if case.expected else not found
        if not ok:
            wrong.append(f"{case.name}: {[(v.rule, v.location) for v in found]}")
    assert not wrong, f"{len(wrong)} of {len(HELD_OUT)} held-out documents wrong:\n" + "\n".join(
        wrong
    )
