"""A document built from a learner's fields and checked, once per content.

Module 2's notebooks build the same answer several times: the learner's self-check, the
"build, check and preview" helper, then the test cells. ``build_checked`` keeps the result per
process in an ``aiwork.memo.Memo`` (keyed by the fields' content), so a notebook pays for one
build and one check while the learner works; under ``aiwork grade`` the harness empties the
memo before every test cell, so grading always builds and checks afresh.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiwork.memo import Memo, file_key

from .builder import OfficialDocument, save
from .checker import Violation, check_document, check_docx
from .docmodel import load
from .fields_vi import from_dict
from .preview import LOADED, to_html

_CHECKED = Memo("decree30.checked", size=16)  # documents by the fields' content
_FILE_CHECKS = Memo("decree30.file_checks", size=16)  # violations by the .docx's bytes


@dataclass
class CheckedDocument:
    fields: OfficialDocument
    docx: bytes  # the .docx as built (what was checked)
    violations: list[Violation]


def content_key(thong_tin: dict[str, Any]) -> str:
    """Equal for dicts with equal contents, whatever their key order."""
    return repr(sorted(thong_tin.items(), key=lambda kv: str(kv[0])))


def build_checked(thong_tin: dict[str, Any]) -> CheckedDocument:
    """Build ``thong_tin`` (Vietnamese keys) and check the .docx read back. Raises what
    ``from_dict`` and ``save`` raise (ValueError, TypeError, OSError); nothing is kept then."""
    return _CHECKED.get(content_key(thong_tin), lambda: _build(thong_tin))


def check_file(path: str | Path) -> list[Violation]:
    """``check_docx(path)``, once per file content (a document just built by
    ``build_checked`` is not checked again)."""
    return _FILE_CHECKS.get_for_file(path, lambda: check_docx(path))


def _build(thong_tin: dict[str, Any]) -> CheckedDocument:
    fields = from_dict(thong_tin)
    with tempfile.TemporaryDirectory() as tmp:
        path = save(fields, Path(tmp) / "van-ban.docx")
        raw = path.read_bytes()
        document = load(path)
    violations = check_document(document)  # what check_docx(path) does
    key = file_key(raw)
    _FILE_CHECKS.put(key, violations)
    LOADED.put(key, document)  # what a preview of the same file reads
    return CheckedDocument(fields, raw, violations)


def warm_up() -> None:
    """Pay the first-use costs of building, checking and previewing a document (python-docx's
    and lxml's lazy set-up, the checker's patterns) once in this process: ``aiwork grade``
    calls it in its grading template (``AiworkGrade.warm_up``), so every notebook process
    forked from it starts warm. Builds shipped samples only (the kinds the course's exercises
    build: công văn, giấy mời, báo cáo); no memo entry is made."""
    from .samples import SAMPLES

    with tempfile.TemporaryDirectory() as tmp:
        for name in ("cong_van", "giay_moi", "bao_cao"):
            path = save(SAMPLES[name](), Path(tmp) / f"{name}.docx")
            check_docx(path)
            to_html(path)
