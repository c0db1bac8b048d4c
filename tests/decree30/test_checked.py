"""An answer is built and checked once while the learner works (``aiwork.decree30.checked``);
what the helpers write and print is what a fresh build and check give."""

from __future__ import annotations

import pytest

import aiwork.decree30.checked as checked
from aiwork.decree30 import check_docx, kiem_tra_van_ban, soan_va_kiem_tra, summary_vi, tao_van_ban

INFO = {  # a fictional letter (tình huống giả định)
    "loai": "Công văn",
    "co_quan_chu_quan": "UBND TỈNH GIA LAI",
    "co_quan": "Sở Khoa học và Công nghệ",
    "ky_hieu": "SKHCN-VP",
    "so": 9,
    "dia_danh": "Gia Lai",
    "ngay": "03/03/2026",
    "trich_yeu": "đăng ký lớp bồi dưỡng kỹ năng số",
    "kinh_gui": "Sở Nội vụ",
    "noi_dung": "Đoạn một.\nĐoạn hai.",
    "ky": "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC",
    "nguoi_ky": "Nguyễn Văn A",
    "noi_nhan": ["Như trên"],
}


@pytest.fixture()
def counted(monkeypatch):
    """Counts real builds and real checks."""
    calls = {"save": 0, "check": 0}
    save, check, check_loaded = checked.save, checked.check_docx, checked.check_document

    def counting_save(*args, **kwargs):
        calls["save"] += 1
        return save(*args, **kwargs)

    def counting_check(*args, **kwargs):
        calls["check"] += 1
        return check(*args, **kwargs)

    monkeypatch.setattr(checked, "save", counting_save)

    def counting_check_loaded(*args, **kwargs):
        calls["check"] += 1
        return check_loaded(*args, **kwargs)

    monkeypatch.setattr(checked, "check_docx", counting_check)
    monkeypatch.setattr(checked, "check_document", counting_check_loaded)
    for memo in (checked._CHECKED, checked._FILE_CHECKS, checked.LOADED):
        memo.reset(memo.state())
    return calls


def test_one_build_and_one_check_per_answer(tmp_path, counted, capsys):
    path = soan_va_kiem_tra(dict(INFO), tmp_path / "a.docx", xem=False)
    again = tao_van_ban(dict(reversed(list(INFO.items()))), tmp_path / "b.docx")  # same content
    assert kiem_tra_van_ban(again) == True  # noqa: E712 (a Verdict)
    assert counted == {"save": 1, "check": 1}
    assert path.read_bytes() == again.read_bytes()
    assert check_docx(path) == [] and summary_vi([]) in capsys.readouterr().out


def test_another_answer_or_an_edited_file_is_built_and_checked_again(tmp_path, counted):
    first = tao_van_ban(INFO, tmp_path / "a.docx")
    tao_van_ban({**INFO, "so": 10}, tmp_path / "b.docx")
    assert counted["save"] == 2
    first.write_bytes(first.read_bytes()[:-10])  # a damaged file is not the built one
    assert kiem_tra_van_ban(first) == False  # noqa: E712 (a Verdict)
    assert counted["check"] == 3


def test_a_field_that_cannot_be_built_is_not_kept(tmp_path, counted, capsys):
    assert soan_va_kiem_tra({**INFO, "loai": "thư tay"}, tmp_path / "x.docx", xem=False) is None
    assert "Chưa tạo được văn bản" in capsys.readouterr().out
    assert not (tmp_path / "x.docx").exists()
    with pytest.raises(ValueError):
        checked.build_checked({**INFO, "loai": "thư tay"})


def test_the_preview_of_a_document_just_built_reads_it_once(tmp_path, counted, monkeypatch):
    from aiwork.decree30 import preview

    path = soan_va_kiem_tra(dict(INFO), tmp_path / "a.docx", xem=False)
    reads = []
    load = preview.load
    monkeypatch.setattr(preview, "load", lambda p: reads.append(p) or load(p))
    shown = preview.to_html(path)
    assert reads == []  # the document read back for the check
    checked.LOADED.reset(checked.LOADED.state())
    assert preview.to_html(path) == shown  # as a fresh read gives it
    assert len(reads) == 1
    path.write_bytes(path.read_bytes() + b"\0")  # other bytes (zip readers skip the tail)
    assert preview.to_html(path) == shown
    assert len(reads) == 2  # read again
