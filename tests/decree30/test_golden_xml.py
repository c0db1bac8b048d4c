"""Golden files: the WordprocessingML the builder writes for every sample document.

The builder's run and paragraph helpers write XML directly (python-docx's property setters
cost half of a build); these files hold what python-docx's setters wrote, so any difference in
the XML of a built document shows here. Regenerate only for an intended layout change:

    AIWORK_REGEN_GOLDEN=1 python -m pytest tests/decree30/test_golden_xml.py
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest

from aiwork.decree30.builder import Image, Paragraph, build
from aiwork.decree30.samples import SAMPLES

GOLDEN = Path(__file__).parent / "golden"
PARTS = ("word/document.xml", "word/header1.xml", "word/header2.xml", "word/styles.xml")
# A 1x1 PNG, so that an image paragraph and its caption are covered too.
PIXEL = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cfc0000003010100c9fe92ef0000000049454e44ae426082"
)


def _document(name: str):
    doc = SAMPLES[name]()
    if name == "bao_cao":
        doc.body = [
            *doc.body,
            Image(PIXEL, width_cm=4, caption="Biểu đồ 1. Ví dụ"),
            Paragraph("Đoạn in đậm.", bold=True),
        ]
    return doc


def _parts(name: str) -> dict[str, bytes]:
    out = io.BytesIO()
    build(_document(name)).save(out)
    with zipfile.ZipFile(out) as package:
        return {part: package.read(part) for part in PARTS if part in package.namelist()}


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_the_built_xml_is_the_golden_one(name):
    parts = _parts(name)
    assert "word/document.xml" in parts
    for part, data in parts.items():
        # every sample shares one styles part (the blank package's, Normal set by the builder)
        stem = "all" if part == "word/styles.xml" else name
        path = GOLDEN / f"{stem}.{part.replace('/', '.')}"
        if os.environ.get("AIWORK_REGEN_GOLDEN"):
            path.write_bytes(data)
        assert path.read_bytes() == data, f"{name}: {part} differs from {path.name}"
