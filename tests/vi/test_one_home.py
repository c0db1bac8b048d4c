"""Vietnamese text helpers live in aiwork/vi only (issue 23 item 5; docs/conventions.md).

Fails when a fold/nfc/number/date helper, a Unicode normalisation or a date/time regex appears
outside ``aiwork/vi/`` again, and when a Vietnamese message formats a number with a Python
format spec ("điểm 14.68") instead of ``aiwork.vi.format_number``.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import aiwork.vi

REPO = Path(__file__).resolve().parents[2]
SCANNED = ("aiwork", "graders", "bench", "deploy")

# Names that only aiwork/vi may define: its public API and the historical copies' names.
RESERVED = set(aiwork.vi.__all__) | {
    "fold",
    "_fold",
    "nfc",
    "_nfc",
    "_folded_text",
    "strip_accents",
    "remove_diacritics",
    "vi_number",
    "_vn_number",
}

# A regex literal that reads a date or a clock time: d/m(/y), "ngày … tháng …", "8 giờ/8h".
DATE_REGEX = re.compile(
    r"\\d\{1,2\}\)?\s*(?:\\s[?*]?\s*)?(?:\[[^\]]*/[^\]]*\]|/)"  # \d{1,2}/ , \d{1,2}\s*[/.-]
    r"|th[aá]ng\\s[*+?]?\s*(?:\(\?P<\w+>|\()?(?:\\d|\d)"  # tháng\s*(\d…), thang\s*12
    r"|tháng \(|ngày\\s\+\(|\(\?:ngày"  # ngày … tháng …
    r"|\(\?:giờ\|h\)|gio\|h"  # 8 giờ / 8h
)

# Literals that look like date regexes but are not a reading of dates, each with its reason.
# Keep this list short; everything else uses aiwork.vi.find_dates / find_times.
ALLOWED_DATE_LITERALS: dict[str, str] = {
    # Personal-data detector: dates of birth (years 19xx/20xx only) inside one pattern that is
    # also compiled diacritic-free for unaccented text; spans must match the detector's.
    "aiwork/privacy/patterns.py": "date-of-birth pattern of the personal-data detector",
    # Prompt analysis on folded text: a date/time shape is a cue that the prompt gives context.
    "aiwork/prompt_anatomy.py": "context cue on folded text, not a date reading",
    "aiwork/mock/replies/draft.py": "context cue on folded text, not a date reading",
    # Which sentence answers a question: "khi nào", "ngày nào" are question words, not dates.
    "aiwork/lookup/answering.py": "question words on folded text (when-questions), not a date",
    # Decree 30 layout: the "place, ngày … tháng … năm …" line with blank day/month allowed.
    "aiwork/decree30/rules.py": "Decree 30 header layout (blank day and month allowed)",
    "aiwork/decree30/check_header.py": "Decree 30 header layout (blank day and month allowed)",
}


def _python_files():
    for top in SCANNED:
        for path in sorted((REPO / top).rglob("*.py")):
            rel = path.relative_to(REPO).as_posix()
            if not rel.startswith("aiwork/vi/"):
                yield rel, ast.parse(path.read_text(encoding="utf-8"), filename=rel)


def test_no_text_helper_defined_outside_aiwork_vi():
    found = [
        f"{rel}:{node.lineno} def {node.name}"
        for rel, tree in _python_files()
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name in RESERVED
    ]
    assert not found, "Vietnamese text helpers belong in aiwork/vi (import them):\n" + "\n".join(
        found
    )


def test_text_helpers_are_imported_from_aiwork_vi():
    """``from aiwork.prompt_anatomy import fold`` breaks at run time once the copy is gone."""
    found = [
        f"{rel}:{node.lineno} from {node.module} import {alias.name}"
        for rel, tree in _python_files()
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        and node.module
        and node.module.startswith(("aiwork", "graders"))
        and node.module != "aiwork.vi"
        and not node.module.startswith("aiwork.vi.")
        for alias in node.names
        if alias.name in RESERVED and alias.name[0].islower()  # functions, not classes
    ]
    assert not found, "import Vietnamese text helpers from aiwork.vi:\n" + "\n".join(found)


def _is_unicodedata_normalising(node: ast.AST) -> bool:
    """``unicodedata.normalize(...)``, ``unicodedata.combining(...)`` or a category == "Mn"."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        base = node.func.value
        if isinstance(base, ast.Name) and base.id == "unicodedata":
            return node.func.attr in ("normalize", "combining")
    if isinstance(node, ast.Compare):
        consts = [c.value for c in node.comparators if isinstance(c, ast.Constant)]
        return "Mn" in consts
    return False


def test_no_unicode_normalisation_outside_aiwork_vi():
    found = [
        f"{rel}:{node.lineno}"
        for rel, tree in _python_files()
        for node in ast.walk(tree)
        if _is_unicodedata_normalising(node)
    ]
    assert not found, "use aiwork.vi.nfc / the fold variants instead of:\n" + "\n".join(found)


def _date_literals():
    for rel, tree in _python_files():
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and DATE_REGEX.search(node.value)
            ):
                yield rel, node


def test_no_date_regex_outside_aiwork_vi():
    found = [
        f"{rel}:{node.lineno} {node.value[:70]!r}"
        for rel, node in _date_literals()
        if rel not in ALLOWED_DATE_LITERALS
    ]
    assert not found, "read dates and times with aiwork.vi.find_dates/find_times:\n" + "\n".join(
        found
    )


def test_allow_list_is_current():
    used = {rel for rel, _ in _date_literals()}
    stale = sorted(set(ALLOWED_DATE_LITERALS) - used)
    assert not stale, f"remove from ALLOWED_DATE_LITERALS (no date regex left): {stale}"


def test_the_date_regex_detector_catches_the_old_copies():
    # Literals from the three removed sets (reporting/numbers, lookup/facts, mock/textutil).
    old = [
        r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4})\b",
        r"\bngày (\d{1,2}) tháng (\d{1,2})(?: năm (\d{4}))?",
        r"\b(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\b",
        r"\b(\d{1,2})\s*(?:giờ|h)(?:\s*(\d{2})(?:\s*phút)?)?(?!\w)",
        r"\b\d{1,2}\s?(?:giờ|h)(?:\s?\d{2}(?:\s?phút)?)?\b",
        r"(?i)\btháng\s+(\d{1,2})\s*(?:/|năm\s+)(\d{4})\b",
    ]
    assert all(DATE_REGEX.search(rx) for rx in old)
    assert not DATE_REGEX.search(r"\d+(?:[.,]\d+)*") and not DATE_REGEX.search("Ngày ký")


_VI_LETTER = re.compile(r"[À-ỹđĐ]")
_NUMBER_SPEC = re.compile(r"[,_]|\.[1-9]\d*[f%]|g$|%$")


def test_vietnamese_messages_format_numbers_with_aiwork_vi():
    """f"điểm {x:.2f}" prints 14.68; Vietnamese writes 14,68 (format_number)."""
    found = []
    for rel, tree in _python_files():
        for node in ast.walk(tree):
            if not isinstance(node, ast.JoinedStr):
                continue
            text = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
            if not _VI_LETTER.search(text):
                continue
            for v in node.values:
                if isinstance(v, ast.FormattedValue) and v.format_spec is not None:
                    spec = "".join(
                        x.value for x in v.format_spec.values if isinstance(x, ast.Constant)
                    )
                    if _NUMBER_SPEC.search(spec):
                        found.append(f"{rel}:{node.lineno} {{…:{spec}}} in {text[:50]!r}")
    assert not found, "format numbers with aiwork.vi.format_number:\n" + "\n".join(found)
