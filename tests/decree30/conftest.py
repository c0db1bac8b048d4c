"""Fixtures: sample documents built once per session, and helpers to break one rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

from aiwork.decree30 import build
from aiwork.decree30.samples import SAMPLES


@pytest.fixture(scope="session")
def sample_paths(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("decree30-samples")
    paths = {}
    for key, make in SAMPLES.items():
        paths[key] = out / f"{key}.docx"
        build(make()).save(str(paths[key]))
    return paths


def all_paragraphs(doc: DocxDocument) -> list[Paragraph]:
    """Top-level and table-cell paragraphs, in reading order."""
    out: list[Paragraph] = []
    body = doc.element.body
    for child in body:
        if child.tag == qn("w:p"):
            out.append(Paragraph(child, doc._body))
        elif child.tag == qn("w:tbl"):
            for p in child.iter(qn("w:p")):
                out.append(Paragraph(p, doc._body))
    return out


def para(doc: DocxDocument, startswith: str, nth: int = 0) -> Paragraph:
    hits = [p for p in all_paragraphs(doc) if p.text.strip().startswith(startswith)]
    assert len(hits) > nth, f"no paragraph starting with {startswith!r}"
    return hits[nth]


def after(doc: DocxDocument, p: Paragraph) -> Paragraph:
    ps = all_paragraphs(doc)
    idx = [q._p for q in ps].index(p._p)
    return ps[idx + 1]


def drop_border(p: Paragraph) -> None:
    ppr = p._p.pPr
    bdr = ppr.find(qn("w:pBdr")) if ppr is not None else None
    assert bdr is not None, "expected a rule paragraph"
    ppr.remove(bdr)
