"""The blank package built documents start from (aiwork.decree30.blank)."""

from __future__ import annotations

import io
import zipfile

import pytest
from lxml import etree

from aiwork.decree30 import blank
from aiwork.decree30.builder import OfficialDocument, Table, build
from aiwork.decree30.samples import SAMPLES

W = blank.W
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"


def _zip(data: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(data))


def _styles(xml: bytes) -> dict[str, str]:
    root = etree.fromstring(xml)
    return {s.get(f"{{{W}}}styleId"): s.get(f"{{{W}}}type") for s in root.iter(f"{{{W}}}style")}


def _built(doc: OfficialDocument) -> bytes:
    out = io.BytesIO()
    build(doc).save(out)
    return out.getvalue()


def test_only_the_unused_parts_and_table_styles_are_dropped():
    with zipfile.ZipFile(blank.default_template()) as default:
        before = {i.filename for i in default.infolist()}
        styles_before = _styles(default.read("word/styles.xml"))
        latent_before = default.read("word/styles.xml").count(b"<w:lsdException")
    package = _zip(blank.blank_package())
    after = {i.filename for i in package.infolist()}
    assert before - after == set(blank.DROPPED_PARTS)
    styles_after = _styles(package.read("word/styles.xml"))
    dropped = set(styles_before) - set(styles_after)
    assert dropped and all(styles_before[s] == "table" for s in dropped)
    assert set(blank.KEPT_TABLE_STYLES) <= set(styles_after)
    assert package.read("word/styles.xml").count(b"<w:lsdException") == latent_before


def test_no_relationship_or_content_type_points_at_a_missing_part():
    package = _zip(blank.blank_package())
    names = {i.filename for i in package.infolist()}
    for rels in ("_rels/.rels", "word/_rels/document.xml.rels"):
        base = rels.split("_rels/")[0]
        for rel in etree.fromstring(package.read(rels)).iter(f"{{{REL}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target")
            path = target.lstrip("/") if target.startswith("/") else base + target
            parts = []
            for piece in path.split("/"):
                if piece == "..":
                    parts.pop()
                else:
                    parts.append(piece)
            assert "/".join(parts) in names, target
    overrides = etree.fromstring(package.read("[Content_Types].xml")).iter(f"{{{CT}}}Override")
    for override in overrides:
        assert override.get("PartName").lstrip("/") in names


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_style_a_built_document_names_is_defined_in_it(name):
    doc = SAMPLES[name]()
    doc.body = [*doc.body, Table([["Chỉ tiêu", "Kết quả"], ["Hồ sơ", "1.234"]], caption="Bảng 1")]
    package = _zip(_built(doc))
    defined = _styles(package.read("word/styles.xml"))
    document = package.read("word/document.xml")
    used = set()
    for tag in ("pStyle", "rStyle", "tblStyle"):
        for el in etree.fromstring(document).iter(f"{{{W}}}{tag}"):
            used.add(el.get(f"{{{W}}}val"))
    assert "TableGrid" in used
    assert used <= set(defined), used - set(defined)
    assert not {"word/stylesWithEffects.xml", "docProps/thumbnail.jpeg"} & set(package.namelist())
