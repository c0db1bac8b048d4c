"""The shipped corpus obeys its schema and provenance rules; the loader rejects bad data."""

from __future__ import annotations

import json
import unicodedata

import pytest

from aiwork.lookup.corpus import ID_PATTERN, CorpusError, load_corpus, load_passages

PROCEDURE_FIELDS = ("name", "field", "agency", "documents", "deadline", "fee", "legal_basis")


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


def test_every_source_is_present_with_stable_unique_ids(corpus):
    ids = [p.id for p in corpus]
    assert len(ids) == len(set(ids))
    assert all(ID_PATTERN.match(i) for i in ids)
    assert {p.doc for p in corpus} >= {"nd30", "luat91", "cv557", "kh01", "bdhvs-tinh", "tthc"}
    # ids start with their source key, so a citation tells where it comes from
    for p in corpus:
        assert p.id.startswith(p.doc.split("-")[0]), p.id


def test_at_least_30_procedures_with_all_fields(corpus):
    procs = [p for p in corpus if p.doc == "tthc"]
    assert len(procs) >= 30
    for p in procs:
        assert p.procedure is not None
        for f in PROCEDURE_FIELDS:
            assert p.procedure[f], (p.id, f)
        assert "(mẫu học tập)" in p.note and not p.verbatim
        # text is rendered from the fields: what is cited is what the fields say
        assert p.procedure["deadline"] in p.text and p.procedure["fee"] in p.text


def test_current_for_2026_two_level_government(corpus):
    procs = " ".join(p.text for p in corpus if p.doc == "tthc")
    assert "Gia Lai" in procs
    # no district level in new samples (two-level local government since 1/7/2025)
    assert "cấp huyện" not in procs and "UBND huyện" not in procs and "quận" not in procs.lower()


def test_paraphrases_are_marked_and_verbatim_texts_name_their_origin(corpus):
    for p in corpus:
        if p.verbatim:
            assert "(diễn giải)" not in p.note and "nguyên văn" in p.note.lower(), p.id
        else:
            assert "(diễn giải)" in p.note or "(mẫu học tập)" in p.note, p.id
    assert any(p.verbatim for p in corpus if p.doc == "nd30")


def test_text_is_nfc(corpus):
    for p in corpus:
        assert unicodedata.normalize("NFC", p.text) == p.text


def _write(tmp_path, rows, name="x.json"):
    path = tmp_path / name
    path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    return path


GOOD = {
    "id": "abc-d1",
    "doc": "abc",
    "source": "Nguồn",
    "text": "Nội dung.",
    "verbatim": True,
    "note": "Nguyên văn.",
}


@pytest.mark.parametrize(
    "change, message",
    [
        ({"id": "ABC d1"}, "not lower-case"),
        ({"text": ""}, "missing text"),
        ({"verbatim": False, "note": "tóm tắt"}, "(diễn giải)"),
        ({"text": unicodedata.normalize("NFD", "Điều 8 thể thức")}, "NFC"),
        ({"colour": "red"}, "unknown fields"),
    ],
)
def test_loader_rejects_bad_passages(tmp_path, change, message):
    with pytest.raises(CorpusError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_passages([_write(tmp_path, [GOOD | change])])


def test_loader_rejects_duplicate_ids_across_files(tmp_path):
    a = _write(tmp_path, [GOOD], "a.json")
    b = _write(tmp_path, [GOOD], "b.json")
    with pytest.raises(CorpusError, match="duplicate id abc-d1"):
        load_passages([a, b])
