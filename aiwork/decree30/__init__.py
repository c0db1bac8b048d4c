"""Decree 30/2020/NĐ-CP administrative documents: rules, builder, checker, preview.

- :mod:`.rules`    the one rule set (sizes, margins, texts, abbreviations, rule ids + clauses)
- :mod:`.builder`  ``OfficialDocument`` -> compliant .docx (python-docx); tables and images too
- :mod:`.checker`  ``check_docx(path)`` -> list of ``Violation(rule, message, location, clause)``
- :mod:`.preview`  HTML rendering for notebooks; a page image when LibreOffice is installed
- ``aiwork check-docx FILE [--json]`` on the command line (:mod:`.cli`)

Learners use the three Vietnamese helpers below.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from aiwork.verdict import Verdict

from .builder import Heading, Image, OfficialDocument, Paragraph, Table, build, save
from .checker import UnreadableDocument, Violation, check_docx, summary_vi
from .fields_vi import VI_KEYS, from_dict

__all__ = [
    "Heading",
    "Image",
    "OfficialDocument",
    "Paragraph",
    "Table",
    "build",
    "save",
    "UnreadableDocument",
    "Violation",
    "check_docx",
    "summary_vi",
    "VI_KEYS",
    "from_dict",
    "tao_van_ban",
    "kiem_tra_van_ban",
    "xem_truoc",
]


def tao_van_ban(thong_tin: dict[str, Any], tep: str | Path = "van-ban.docx") -> Path:
    """Build the .docx described by ``thong_tin`` (Vietnamese keys) and return its path."""
    from .checked import build_checked

    path = Path(tep)
    path.write_bytes(build_checked(thong_tin).docx)  # built (and checked) once per answer
    return path


def kiem_tra_van_ban(tep: str | Path) -> Verdict:
    """Print the Decree 30 check of ``tep`` in Vietnamese; truthy when compliant (a Verdict:
    displays nothing, so a cell ending with this call shows no stray ``True``)."""
    from .checked import check_file

    try:
        violations = check_file(tep)
    except UnreadableDocument as exc:
        print(f"⚠️ {exc}")
        return Verdict(False)
    print(summary_vi(violations))
    return Verdict(not violations)


def xem_truoc(tep: str | Path, anh_trang: bool = True):
    """Show the document in the notebook (HTML; plus a page image when LibreOffice exists)."""
    from .preview import show

    return show(tep, with_image=anh_trang)


def soan_va_kiem_tra(
    thong_tin: dict[str, Any], tep: str | Path, xem: bool = True, anh_trang: bool = False
):
    """Build, check and (optionally) preview in one step, explaining problems instead of raising.

    Returns the path of the built document, or None when ``thong_tin`` cannot be built yet.
    """
    from .checked import build_checked

    try:
        built = build_checked(thong_tin)  # shared with the self-check of the same answer
    except (ValueError, TypeError) as exc:
        print(f"⚠️ Chưa tạo được văn bản: {exc}")
        return None
    except UnreadableDocument as exc:
        print(f"⚠️ {exc}")
        return None
    path = Path(tep)
    path.write_bytes(built.docx)
    print(f"📄 Đã tạo tệp {path}")
    print(summary_vi(built.violations))
    if xem:
        from IPython.display import display

        display(xem_truoc(path, anh_trang=anh_trang))
    return path
