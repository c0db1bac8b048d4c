"""Pass rules of the course: the one home of the thresholds the progress report applies.

- A learner **passes a module** (đạt mô-đun) when the autograded score is at least
  ``PASS_PERCENT`` of the module's points. This is the course's own rule (a practical skill is
  shown by most of the checks passing), not a figure from a legal text; change it here.
- A learner **completes the course** (hoàn thành) when they pass every module released to the
  class.
- A class or unit **meets the province's target** when the share of its learners who completed
  is at least the target of "Bình dân học vụ số" for public-sector staff, which lives in
  :data:`aiwork.reporting.data.TRAINING_TARGET_PERCENT` (80%).
"""

from __future__ import annotations

from aiwork.reporting.data import TRAINING_TARGET_PERCENT

PASS_PERCENT = 70.0
TARGET_PERCENT = float(TRAINING_TARGET_PERCENT)


def passes(score: float, max_score: float) -> bool:
    return max_score > 0 and 100.0 * score / max_score >= PASS_PERCENT
