"""aiwork.fileio: the encodings read, the ones refused by name, and writes that are atomic."""

from __future__ import annotations

import pytest

from aiwork.errors import InputError
from aiwork.fileio import (
    atomic_output,
    atomic_write_text,
    check_output_path,
    decode,
    neutralise_cell,
    read_text,
)

from .catalogue import cp1258

TEXT = "Họ và tên: Nguyễn Thị Ánh Tuyết\nĐơn vị: Sở Nội vụ\n"


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # BOM + little endian
        b"\xfe\xff" + TEXT.encode("utf-16-be"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16-le-bom", "utf-16-be-bom"],
)
def test_accepted_encodings(data):
    assert decode(data, "t.txt") == TEXT


@pytest.mark.parametrize(
    "data, named",
    [
        (b"x\n" + cp1258(TEXT), "Windows-1258"),
        (TEXT.encode("utf-16-le"), "UTF-16 không có dấu BOM"),
        (bytes(range(256)), "nhị phân"),
        (b"\xff\xfe\x00\xd8", "UTF-16 có dấu BOM nhưng nội dung bị hỏng"),
    ],
    ids=["cp1258", "utf-16-no-bom", "binary", "utf-16-broken"],
)
def test_refused_encodings_are_named(data, named):
    with pytest.raises(InputError) as exc:
        decode(data, "du-lieu.txt")
    assert named in exc.value.message and "du-lieu.txt" in exc.value.message
    assert exc.value.exit_code == 2


def test_refusal_gives_the_line_of_the_first_bad_byte():
    with pytest.raises(InputError, match="dòng 3"):
        decode(b"a\nb\n" + cp1258("Nguyễn"), "x.csv")


def test_read_text_refuses_directories_missing_and_huge(tmp_path):
    with pytest.raises(InputError, match="thư mục"):
        read_text(tmp_path)
    with pytest.raises(InputError, match="không tồn tại"):
        read_text(tmp_path / "none.txt")
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(3 * 2**20)
    with pytest.raises(InputError, match="quá lớn"):
        read_text(big, max_bytes=2**20)


def test_atomic_output_leaves_the_old_file_when_the_writer_fails(tmp_path):
    target = tmp_path / "bao-cao.xlsx"
    target.write_text("bản cũ", encoding="utf-8")
    with pytest.raises(RuntimeError), atomic_output(target) as tmp:
        assert tmp.suffix == ".xlsx" and tmp.parent == tmp_path  # same folder, same suffix
        tmp.write_text("nửa chừng", encoding="utf-8")
        raise RuntimeError("writer died")
    assert target.read_text(encoding="utf-8") == "bản cũ"
    assert [p.name for p in tmp_path.iterdir()] == ["bao-cao.xlsx"]  # no temporary left


def test_atomic_write_replaces_and_keeps_or_sets_the_mode(tmp_path):
    target = tmp_path / "map.json"
    atomic_write_text(target, "{}", mode=0o600)
    assert target.read_text() == "{}" and target.stat().st_mode & 0o777 == 0o600
    atomic_write_text(target, '{"CCCD_1": "079203001234"}')
    assert "CCCD_1" in target.read_text() and target.stat().st_mode & 0o777 == 0o600


def test_check_output_path(tmp_path):
    (tmp_path / "f").write_text("x")
    with pytest.raises(InputError, match="thư mục"):
        check_output_path(tmp_path)
    with pytest.raises(InputError, match="là một tệp"):
        check_output_path(tmp_path / "f" / "out.docx")
    assert check_output_path(tmp_path / "new" / "out.docx") == tmp_path / "new" / "out.docx"
    assert not (tmp_path / "new").exists()  # checking creates nothing


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@A1", "\t=1", "\uff1dSUM(A1)"])
def test_neutralise_cell(text):
    assert neutralise_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Nguyễn Văn An", "", 5, -3.5, None, "a=b"])
def test_neutralise_cell_leaves_plain_values(value):
    assert neutralise_cell(value) == value
