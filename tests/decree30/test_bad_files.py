"""Files that are not readable .docx documents exit 2 with a clear Vietnamese message."""

from __future__ import annotations

import zipfile

import pytest

from aiwork.cli import main
from aiwork.decree30 import docmodel


def _write(tmp_path, name: str, data: bytes):
    p = tmp_path / name
    p.write_bytes(data)
    return p


def _cases(tmp_path, sample_paths):
    good = sample_paths["cong_van"].read_bytes()
    nodoc = tmp_path / "khong-phai-word.docx"
    with zipfile.ZipFile(nodoc, "w") as zf:
        zf.writestr("hello.txt", "xin chào")
    return {
        "text": (
            _write(tmp_path, "van-ban.docx", "Đây là tệp văn bản thường.".encode()),
            "không phải tệp .docx",
        ),
        "empty": (_write(tmp_path, "rong.docx", b""), "rỗng"),
        "truncated-zip": (
            _write(tmp_path, "hong.docx", good[: len(good) // 2]),
            "không phải tệp .docx",
        ),
        "corrupt-member": (
            _write(
                tmp_path, "hong2.docx", good.replace(b"word/document.xml", b"word/documenX.xml")
            ),
            "không phải văn bản Word",
        ),
        "zip-without-document": (nodoc, "không phải văn bản Word"),
        "missing": (tmp_path / "khong-co.docx", "Không tìm thấy"),
        "directory": (tmp_path, "không phải là một tệp"),
    }


@pytest.mark.parametrize(
    "case",
    [
        "text",
        "empty",
        "truncated-zip",
        "corrupt-member",
        "zip-without-document",
        "missing",
        "directory",
    ],
)
def test_unreadable_exits_2(tmp_path, sample_paths, capsys, case):
    path, words = _cases(tmp_path, sample_paths)[case]
    assert main(["check-docx", str(path)]) == 2
    err = capsys.readouterr().err
    assert words in err, err


def test_huge_file_exits_2(tmp_path, monkeypatch, capsys):
    # Lower the limit rather than write 20 MB: the check is on the size before any parsing.
    monkeypatch.setattr(docmodel, "MAX_DOCX_BYTES", 1000)
    path = _write(tmp_path, "lon.docx", b"PK" + b"\0" * 5000)
    assert main(["check-docx", str(path), "--json"]) == 2
    assert "quá lớn" in capsys.readouterr().err


def test_zip_bomb_is_refused(tmp_path, monkeypatch, sample_paths, capsys):
    monkeypatch.setattr(docmodel, "MAX_UNCOMPRESSED_BYTES", 10_000)
    assert main(["check-docx", str(sample_paths["cong_van"])]) == 2
    assert "giải nén quá lớn" in capsys.readouterr().err
