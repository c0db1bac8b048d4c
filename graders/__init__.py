"""Checkers called by autograder test cells and by learners' self-checks.

Each module's graders live in ``graders/mNN_<slug>.py`` and return :class:`graders.core.Result`
objects: structured, with Vietnamese messages, never depending on a model's exact wording.
"""

from graders.core import Check, Result, assert_passed

__all__ = ["Check", "Result", "assert_passed"]
