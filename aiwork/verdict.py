"""What a learner-facing check returns after printing its Vietnamese verdict.

``kiem_tra("cau_1")``, ``kiem_tra_van_ban(tep)`` and ``kiem_tra_bao_cao(tep)`` print what they
found and return a :class:`Verdict`: truthy when everything passed, equal to ``True``/``False``,
and displaying nothing, so a cell whose last line is the check does not echo a stray ``True``
under the verdict.
"""

from __future__ import annotations


class Verdict:
    __slots__ = ("passed",)

    def __init__(self, passed: bool):
        self.passed = bool(passed)

    def __bool__(self) -> bool:
        return self.passed

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (bool, Verdict)):
            return self.passed == bool(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.passed)

    def __repr__(self) -> str:
        return f"Verdict({self.passed})"

    def _ipython_display_(self) -> None:
        return None
