"""Recognise questions that quote a graded exercise, so the tutor gives a hint, not the answer.

The statements of graded questions (the markdown before each answer cell of the assignments'
source notebooks — text learners see anyway in their released copies) are stored in the
knowledge base at build time; solutions never are. A learner's question matches one when they
share enough word 4-grams, or when it asks outright for an exercise's answer key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

from aiwork.vi import NUMBER_WORD_PATTERN, fold_keep_offsets

SHINGLE = 4
# A question quoting an exercise shares at least this many 4-grams with it, making up at
# least this share of the question's own 4-grams (a phrase such as "Bình dân học vụ số" alone
# is not a quote).
MIN_SHARED = 5
MIN_SHARE = 0.25
# How a learner asks for the key itself (folded).
_KEY_WORDS = r"dap an|loi giai|bai giai|giai giup|lam ho|lam giup"
_ASKS_FOR_KEY = re.compile(
    rf"\b({_KEY_WORDS}|dap so)\b.*\b(cau|bai tap|bai kiem tra|m0\d)\b"
    r"|\b(cau|bai tap)\b.*\b(dap an|loi giai|chon (?:a|b|c|d) hay)\b"
)
# A question naming one graded question - the exercise ("m04", "bài tập m04", "bài tập mô-đun
# 4") and the item ("câu 1a", "bước 6") - asks about that graded item, whatever it asks for
# ("xã nào thấp nhất", "chọn phương án nào", "viết sẵn giúp"): it gets a hint. "Mô-đun 4" alone
# names a lesson, not an exercise, so it does not count.
_NAMES_EXERCISE = re.compile(
    r"\b(?:m0(?P<code>[1-9])|bai tap (?:mo[ -]?dun |module )?(?P<num>[1-9]))\b"
)
# The item's number in digits or, as learners also write it, in words ("câu một phần c").
_NAMES_ITEM = re.compile(rf"\b(?:cau|buoc|y) ?(?:\d{{1,2}}[a-e]?|{NUMBER_WORD_PATTERN}\b)")
# Beside an exercise's code, a request for a model or finished answer ("bài m03 cho em xin câu
# trả lời mẫu để nộp", "m05 làm sẵn giúp") asks for the key, in whichever order it is written;
# without the code these words are the lessons' own ("lời nhắc mẫu", "ví dụ mẫu").
_ASKS_FOR_MODEL = re.compile(
    rf"\b(?:{_KEY_WORDS}|(?:lam|viet|ghi|dien) (?:san|giup)|viet mau|ban mau|bai mau|tra loi mau"
    r"|de nop|ban hoan chinh|bai hoan chinh)\b"
)
# The names an answer cell assigns ("doan_chon_2a = ..."), read outside its solution block:
# learners see them in their released copy and name the item by them ("doan_chon_2a bài m03
# điền mã nào"). A name holding an item number names that item on its own; one without
# ("cong_van", "don_da_che") is also a lesson's variable, so it counts only beside the
# exercise's code.
_SOLUTION = re.compile(r"### BEGIN SOLUTION.*?### END SOLUTION", re.S)
_ASSIGNED = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\s*=", re.M)
_IDENTIFIER = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)+")


@dataclass(frozen=True)
class GradedQuestion:
    assignment: str  # e.g. "m01-loi-nhac"
    cell: str  # grade_id of the answer cell the statement belongs to
    text: str  # the statement, as learners see it
    names: tuple[str, ...] = ()  # what the answer cell assigns, e.g. ("doan_chon_2a",)


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", fold_keep_offsets(text))


def shingles(text: str, n: int = SHINGLE) -> set[tuple[str, ...]]:
    w = _words(text)
    return {tuple(w[i : i + n]) for i in range(len(w) - n + 1)}


def graded_questions(source_dir: Path) -> list[GradedQuestion]:
    """Statements of every answer cell in ``assignments/source/*/*.ipynb``. Answer cells that
    follow one another ("cau_2a" then "cau_2b" under one question) share its statement."""
    out: list[GradedQuestion] = []
    for path in sorted(source_dir.glob("*/*.ipynb")):
        nb = nbformat.read(str(path), as_version=4)
        statement: list[str] = []
        text = ""
        for cell in nb.cells:
            meta = cell.get("metadata", {}).get("nbgrader", {})
            if cell.cell_type == "markdown":
                statement.append(cell.source)
            elif meta.get("solution"):
                text = "\n\n".join(statement).strip() or text
                names = tuple(dict.fromkeys(_ASSIGNED.findall(_SOLUTION.sub("", cell.source))))
                if text:
                    out.append(
                        GradedQuestion(path.parent.name, meta.get("grade_id", ""), text, names)
                    )
                statement = []
            elif meta.get("grade"):
                statement = []
    return out


class ExerciseGuard:
    def __init__(self, questions: list[GradedQuestion]):
        self.questions = questions
        self._shingles = [shingles(q.text) for q in questions]

    def match(self, question: str) -> GradedQuestion | None:
        """The graded question ``question`` quotes or asks the answer of, if any."""
        mine = shingles(question)
        best, best_shared = None, 0
        for q, theirs in zip(self.questions, self._shingles, strict=True):
            shared = len(mine & theirs)
            if shared > best_shared:
                best, best_shared = q, shared
        if best is not None and best_shared >= MIN_SHARED and best_shared / len(mine) >= MIN_SHARE:
            return best
        folded = fold_keep_offsets(question)
        exercise = _NAMES_EXERCISE.search(folded)
        code = f"m0{exercise['code'] or exercise['num']}" if exercise else None
        identifiers = set(_IDENTIFIER.findall(folded))
        for q in self.questions:
            for name in identifiers.intersection(q.names):
                if any(c.isdigit() for c in name) or (code and q.assignment.startswith(code)):
                    return q
        if code and (_NAMES_ITEM.search(folded) or _ASKS_FOR_MODEL.search(folded)):
            named = [q for q in self.questions if q.assignment.startswith(code)]
            return named[0] if named else GradedQuestion("", "", "")
        if _ASKS_FOR_KEY.search(folded):
            return best or GradedQuestion("", "", "")
        return None
