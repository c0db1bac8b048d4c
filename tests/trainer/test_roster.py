"""Roster import: accepted layouts, and line-level Vietnamese errors that import nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from aiwork.trainer.roster import Learner, RosterError, read_roster

GOOD = (
    "Mã học viên,Họ và tên,Đơn vị,Email\n"
    "hv001,Nguyễn Văn An,UBND phường Quy Nhơn,an@vi-du.example\n"
    'hv002,"Trần Thị Bình",Sở Khoa học và Công nghệ,binh@vi-du.example\n'
)


def write(tmp_path: Path, text: str | bytes, name: str = "ds.csv") -> Path:
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def problems(path: Path) -> list[str]:
    with pytest.raises(RosterError) as info:
        read_roster(path)
    return [str(p) for p in info.value.problems]


def test_vietnamese_headers_and_names(tmp_path):
    learners = read_roster(write(tmp_path, GOOD))
    assert learners[0] == Learner(
        "hv001", "Nguyễn Văn An", "UBND phường Quy Nhơn", "an@vi-du.example"
    )
    assert (learners[0].family_names, learners[0].given_name) == ("Nguyễn Văn", "An")
    assert [x.learner_id for x in learners] == ["hv001", "hv002"]


def test_english_headers_semicolons_bom_and_title_row(tmp_path):
    text = (
        "DANH SÁCH HỌC VIÊN LỚP K1;;;\n"
        "Learner ID;Full name;Department;E-mail\n"
        "hv1;Lê  Thị\u00a0Hoa;Sở Nội vụ;hoa@vi-du.example\n"
        ";;;\n"
    )
    learners = read_roster(write(tmp_path, "\ufeff" + text))
    assert learners == [Learner("hv1", "Lê Thị Hoa", "Sở Nội vụ", "hoa@vi-du.example")]


def test_utf16_with_bom(tmp_path):
    assert len(read_roster(write(tmp_path, GOOD.encode("utf-16")))) == 2


def test_xlsx_with_numeric_ids(tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["Mã học viên", "Họ và tên", "Đơn vị", "Email"])
    ws.append(
        [1001, "Đỗ Minh Quân", "Trung tâm Phục vụ hành chính công tỉnh", "quan@vi-du.example"]
    )
    ws.append([None, None, None, None])
    path = tmp_path / "ds.xlsx"
    wb.save(path)
    assert read_roster(path) == [
        Learner(
            "1001", "Đỗ Minh Quân", "Trung tâm Phục vụ hành chính công tỉnh", "quan@vi-du.example"
        )
    ]


def test_missing_columns_reported_on_header_line(tmp_path):
    got = problems(write(tmp_path, "Mã học viên,Họ và tên\nhv001,Nguyễn Văn An\n"))
    assert len(got) == 1
    assert got[0].startswith("Dòng 1: thiếu cột Đơn vị, Email")


def test_every_bad_row_reported_with_its_line(tmp_path):
    text = GOOD + (
        "hv001,Phạm Văn Cường,Sở Nội vụ,cuong@vi-du.example\n"  # line 4: duplicate id
        "hv004,Võ Thị Dung,Sở Nội vụ,dung@@vi-du\n"  # line 5: bad e-mail
        "hv 5,Hồ Văn Em,,em@vi-du.example\n"  # line 6: bad id and no unit
        "hv006,Nguyá»…n VÄƒn Phong,Sở Nội vụ,phong@vi-du.example\n"  # line 7: mojibake
        "hv007,Ngô Văn Giang,Sở Nội vụ,giang@vi-du.example,Phó phòng\n"  # line 8: extra cell
    )
    got = problems(write(tmp_path, text))
    assert got[0] == 'Dòng 4: Mã học viên "hv001" trùng với dòng 2.'
    assert got[1].startswith('Dòng 5: Email "dung@@vi-du" không đúng định dạng')
    assert got[2].startswith('Dòng 6: Mã học viên "hv 5" không hợp lệ')
    assert got[3] == "Dòng 6: thiếu Đơn vị."
    assert got[4].startswith("Dòng 7: Họ và tên") and "lỗi phông" in got[4]
    assert got[5].startswith("Dòng 8: có nhiều ô hơn dòng tiêu đề")
    assert len(got) == 6


def test_line_numbers_count_multiline_cells(tmp_path):
    text = (
        "Mã học viên,Họ và tên,Đơn vị,Email\n"
        'hv001,Nguyễn Văn An,"Sở Khoa học\nvà Công nghệ",an@vi-du.example\n'
        "hv001,Trần Văn Bảo,Sở Nội vụ,bao@vi-du.example\n"
    )
    assert problems(write(tmp_path, text)) == ['Dòng 4: Mã học viên "hv001" trùng với dòng 2.']


def test_legacy_encoding_refused_at_its_line(tmp_path):
    data = GOOD.encode("utf-8") + "hv003,Lê Văn Hà,Văn pho\u0300ng,ha@vi-du.example\n".encode(
        "cp1258"
    )
    got = problems(write(tmp_path, data))
    assert len(got) == 1 and got[0].startswith("Dòng 4: không đọc được theo bảng mã UTF-8")


@pytest.mark.parametrize(
    "content, expected",
    [
        (b"", "Tệp danh sách trống."),
        (b"\n \n", "Tệp danh sách trống."),
        ("Mã học viên,Họ và tên,Đơn vị,Email\n".encode(), "Dòng 1: chỉ có dòng tiêu đề"),
    ],
)
def test_empty_files(tmp_path, content, expected):
    got = problems(write(tmp_path, content))
    assert len(got) == 1 and got[0].startswith(expected)


def test_corrupt_xlsx(tmp_path):
    got = problems(write(tmp_path, b"PK\x03\x04 not really a workbook", "ds.xlsx"))
    assert len(got) == 1 and got[0].startswith("Không mở được tệp Excel")


def test_error_message_names_file_and_count(tmp_path):
    path = write(tmp_path, "Mã học viên,Họ và tên,Đơn vị,Email\nhv1,An,Sở Nội vụ,x\n")
    with pytest.raises(RosterError) as info:
        read_roster(path)
    text = info.value.describe()
    assert str(path) in text and "2 lỗi" in text and "chưa nhập học viên nào" in text
