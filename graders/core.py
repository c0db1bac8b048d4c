"""Shared grading primitives: checks, results, assertions for test cells, the self-check.

A grader is a plain function ``(answer, ...) -> Result``. A test cell asserts on it::

    assert_passed(m01.cham_cau_1(loi_nhac_1))

which raises ``AssertionError`` with the Vietnamese explanation when a check fails, so nbgrader
awards the cell's points only when every check passed. Self-checks (``kiem_tra``) run the
*visible* graders of a question and print the same explanations without raising.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field

from aiwork.verdict import Verdict


@dataclass(frozen=True)
class Check:
    """One property of an answer: what was checked, whether it holds, and why (Vietnamese)."""

    name: str
    passed: bool
    message: str


@dataclass
class Result:
    """The outcome of grading one answer: a list of checks."""

    checks: list[Check] = field(default_factory=list)

    def add(self, name: str, passed: bool, ok: str, fail: str) -> bool:
        self.checks.append(Check(name, bool(passed), ok if passed else fail))
        return bool(passed)

    @property
    def passed(self) -> bool:
        return bool(self.checks) and all(c.passed for c in self.checks)

    @property
    def failures(self) -> list[Check]:
        return [c for c in self.checks if not c.passed]

    def __bool__(self) -> bool:
        return self.passed

    def report(self) -> str:
        lines = []
        for c in self.checks:
            if not c.message.strip():
                continue  # a check with nothing to say when it holds ("answered")
            mark = "✅" if c.passed else "❌"
            lines.append(f"{mark} {c.message}")
        return "\n".join(lines) if lines else "❌ Chưa có gì để kiểm tra."


def assert_passed(result: Result) -> None:
    """Raise AssertionError (Vietnamese) unless every check of ``result`` passed."""
    if not isinstance(result, Result):
        raise AssertionError("Bộ chấm nội bộ trả về kết quả không hợp lệ.")
    if not result.passed:
        raise AssertionError(
            "Chưa đạt:\n"
            + "\n".join(
                f"- {c.message}"
                for c in result.failures or [Check("empty", False, "Chưa có câu trả lời.")]
            )
        )


def warm_up() -> None:
    """The first failed check of a notebook formats a traceback through ``assert_passed``, and
    IPython's formatter then reads and tokenises this file (``stack_data``, ``executing``,
    ``asttokens``: ~14 ms in every failing notebook). ``aiwork grade`` calls this in its grading
    template (``AiworkGrade.warm_up``), where its shell exists: one such traceback is formatted
    there and shown nowhere (the template drops what its warm-up output). Without a shell,
    nothing happens."""
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None:
        return
    try:
        assert_passed(Result([Check("warm_up", False, "")]))
    except AssertionError:
        shell.showtraceback()


# --- shared answer helpers ------------------------------------------------------------------

MC_CHOICES = ("A", "B", "C", "D")


def merge(*results: Result) -> Result:
    """One result holding the checks of several (self-checks of multi-part questions).

    A message several graders give ("chưa điền ...") is reported once.
    """
    out = Result()
    seen: set[str] = set()
    for r in results:
        for c in r.checks:
            if c.message not in seen:
                out.checks.append(c)
                seen.add(c.message)
    return out


def cham_trac_nghiem(answer: object) -> Result:
    """Format of a multiple-choice answer: one letter A-D (the key itself is a hidden test)."""
    r = Result()
    value = answer.strip().upper() if isinstance(answer, str) else None
    r.add(
        "choice",
        value in MC_CHOICES,
        f"Đã chọn phương án {value}.",
        'Hãy trả lời bằng một chữ cái A, B, C hoặc D (đặt trong dấu nháy, ví dụ "B").',
    )
    return r


# --- self-check -------------------------------------------------------------------------------

UNANSWERED_MARKERS = ("raise NotImplementedError", "...")


def is_blank(value: object) -> bool:
    """True for the released stub's placeholder values (None, '', '...', Ellipsis)."""
    if value is None or value is Ellipsis:
        return True
    if isinstance(value, str):
        return value.strip() in ("", "...", "…")
    if isinstance(value, (list, dict, tuple, set)):
        return len(value) == 0
    return False


@dataclass(frozen=True)
class Question:
    """A self-checkable question: the learner variables it reads and its visible grader."""

    key: str
    title: str
    variables: tuple[str, ...]
    grader: Callable[..., Result]


class SelfCheck:
    """Registry of one assignment's questions; ``kiem_tra('cau_1')`` prints a verdict."""

    def __init__(self, questions: list[Question]):
        self.questions = {q.key: q for q in questions}

    def __call__(self, key: str, namespace: dict | None = None) -> Verdict:
        ns = namespace if namespace is not None else _caller_globals()
        return Verdict(self._check(key, ns))

    def _check(self, key: str, ns: dict) -> bool:
        if key not in self.questions:
            known = ", ".join(sorted(self.questions))
            print(f"❓ Không có câu hỏi '{key}'. Các câu có thể kiểm tra: {known}.")
            return False
        q = self.questions[key]
        missing = [v for v in q.variables if v not in ns]
        if missing:
            print(
                f"⚠️ {q.title}: chưa thấy biến {', '.join(missing)}. "
                "Anh/chị hãy chạy ô trả lời (Shift+Enter) trước khi tự kiểm tra."
            )
            return False
        values = [ns[v] for v in q.variables]
        if all(is_blank(v) for v in values):
            print(f"⚠️ {q.title}: anh/chị chưa trả lời câu này.")
            return False
        try:
            result = q.grader(*values)
        except Exception as exc:  # a learner's odd value must never crash the self-check  # noqa: BLE001
            print(f"⚠️ {q.title}: chưa kiểm tra được câu trả lời ({exc}).")
            return False
        print(f"{q.title}")
        print(result.report())
        if result.passed:
            print(
                "👍 Đạt các tiêu chí kiểm tra nhanh. Bài còn được chấm thêm bằng các kiểm tra ẩn khi nộp."
            )
        else:
            print("✍️ Anh/chị hãy sửa theo gợi ý trên rồi chạy lại ô tự kiểm tra.")
        return result.passed


def _caller_globals() -> dict:
    """The learner's namespace: IPython's user namespace, else the caller's globals."""
    try:
        from IPython import get_ipython

        shell = get_ipython()
        if shell is not None:
            return shell.user_ns
    except ImportError:
        pass
    frame = inspect.currentframe()
    assert frame is not None and frame.f_back is not None and frame.f_back.f_back is not None
    return frame.f_back.f_back.f_globals
