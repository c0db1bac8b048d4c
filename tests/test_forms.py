"""Reading what learners type: labelled-line forms, text answers, letter choices."""

from __future__ import annotations

import pytest

from graders.forms import Field, answer_text, label_key, parse_choices, parse_form

FIELDS = (
    Field("co_quan", "Cơ quan ban hành"),
    Field("so", "Số, ký hiệu", aliases=("Số ký hiệu", "Số")),
    Field("ngay", "Ngày"),
    Field("kinh_gui", "Kính gửi"),
    Field("noi_dung", "Nội dung", multiline=True),
    Field("ghi_chu", "Ghi chú", required=False),
)


def test_labels_in_any_order_case_and_diacritics():
    form = parse_form(
        """
        kinh gui:   UBND các xã, phường
        - SỐ/KÝ HIỆU: “35/SKHCN-CĐS”
        Ngày : 10/3/2026
        1. co quan ban hanh: Sở Khoa học và Công nghệ
        Nội dung: Đề nghị các đơn vị cử cán bộ tham dự.
        Thời gian: 8 giờ 00, ngày 15/12/2026.
        """,
        FIELDS,
    )
    assert form.values["so"] == "35/SKHCN-CĐS"
    assert form.values["kinh_gui"] == "UBND các xã, phường"
    assert form.values["co_quan"] == "Sở Khoa học và Công nghệ"
    assert form.values["ngay"] == "10/3/2026"
    # a line whose label is not a field continues the current value
    assert form.values["noi_dung"].splitlines() == [
        "Đề nghị các đơn vị cử cán bộ tham dự.",
        "Thời gian: 8 giờ 00, ngày 15/12/2026.",
    ]
    assert not form.missing and not form.problems()


def test_missing_and_repeated_labels_named_in_vietnamese():
    form = parse_form("Số: 1/UBND-VP\nSố: 2/UBND-VP\nNgày: 1/1/2026", FIELDS)
    assert [f.key for f in form.missing] == ["co_quan", "kinh_gui", "noi_dung"]
    text = " ".join(form.problems())
    assert "«Cơ quan ban hành»" in text and "«Kính gửi»" in text and "hai lần" in text
    assert "ghi_chu" not in [f.key for f in form.missing]  # optional


def test_value_may_start_on_the_next_line():
    form = parse_form("Kính gửi:\n  UBND các phường, xã\nSố: 5/UBND", FIELDS)
    assert form.values["kinh_gui"] == "UBND các phường, xã"


def test_nbgrader_markers_inside_the_text_are_ignored():
    as_is = "\n### BEGIN SOLUTION\nSố: 05/TB-UBND\n### END SOLUTION\n"
    assert parse_form(as_is, FIELDS).values["so"] == "05/TB-UBND"
    assert answer_text(as_is) == "Số: 05/TB-UBND"


@pytest.mark.parametrize("blank", [None, "", "...", "\n...\n", Ellipsis, 3])
def test_blank_answers(blank):
    assert answer_text(blank) is None
    assert len(parse_form(blank, FIELDS).missing) == 5


def test_nfd_input_is_read_like_nfc():
    import unicodedata

    text = unicodedata.normalize("NFD", "Kính gửi: UBND phường Quy Nhơn")
    assert parse_form(text, FIELDS).values["kinh_gui"] == "UBND phường Quy Nhơn"


def test_label_key():
    assert label_key("Số, ký hiệu") == label_key("so ky hieu") == label_key("SỐ/KÝ HIỆU")


@pytest.mark.parametrize(
    ("answer", "letters"),
    [
        ("B", {"B"}),
        (" b. ", {"B"}),
        ("A, C", {"A", "C"}),
        ("A và C", {"A", "C"}),
        ("(A) (C)", {"A", "C"}),
        ("Đáp án: D", {"D"}),
        ("c;a", {"A", "C"}),
        ("E", None),
        ("Tôi chọn phương án đúng", None),
        ("...", None),
        ("", None),
    ],
)
def test_choices(answer, letters):
    assert parse_choices(answer) == letters


# --- records, number lists, graded choices (issue 16) -------------------------------------------

from graders.forms import choice_result, parse_number_list, parse_records  # noqa: E402

EXAMPLE_FIELDS = (
    Field("text", "Phản ánh", aliases=("Nội dung",)),
    Field("label", "Nhãn", aliases=("Lĩnh vực",)),
)


def test_records_split_where_a_label_repeats_and_on_one_line():
    records = parse_records(
        """
        Ví dụ 1
        Phản ánh: Nhà bên cạnh lấn chiếm lối đi chung.
        Nhãn: Đất đai

        Phản ánh: Bãi rác tự phát bốc mùi, đề nghị thu gom. | Nhãn: Môi trường
        noi dung: Đèn tín hiệu ở ngã tư hỏng – lĩnh vực: Giao thông
        """,
        EXAMPLE_FIELDS,
    )
    assert [r.values["label"] for r in records] == ["Đất đai", "Môi trường", "Giao thông"]
    assert records[1].values["text"].startswith("Bãi rác tự phát")
    assert all(not r.missing for r in records)
    assert parse_records("...", EXAMPLE_FIELDS) == []
    assert [
        f.key for f in parse_records("Phản ánh: chỉ có nội dung", EXAMPLE_FIELDS)[0].missing
    ] == ["label"]


@pytest.mark.parametrize(
    ("answer", "numbers"),
    [
        ("2, 4, 6", [2, 4, 6]),
        ("câu 2, câu 4 và câu 6", [2, 4, 6]),
        ("(6) (2)", [2, 6]),
        (3, [3]),
        ("không có", []),
        ("2, 9", None),
        ("hai và bốn", None),
        ("...", None),
    ],
)
def test_number_lists(answer, numbers):
    assert parse_number_list(answer, 1, 6) == numbers


def test_choice_result_checks_form_without_key_and_never_shows_the_key():
    assert choice_result(" c ").passed
    assert not choice_result("A, C").passed  # one letter expected
    assert choice_result("A, C", allowed="ABCDE", multiple=True).passed
    wrong = choice_result("B", "D", lesson="Bài 1, mục 2")
    assert not wrong.passed and "Bài 1, mục 2" in wrong.report() and "D" not in wrong.report()
    assert choice_result("a và d", "A, D", multiple=True).passed
    assert not choice_result("A", "A, D", multiple=True).passed


@pytest.mark.parametrize(
    ("answer", "letter"),
    [
        ("A", "A"),
        (" b. ", "B"),
        ("nhóm D (văn bản mật)", "D"),
        ("Nhóm C - nội bộ", "C"),
        ("(c) nội bộ", "C"),
        ("Đáp án: B", "B"),
        ("A hoặc B", None),
        ("A, B", None),
        ("tùy trường hợp", None),
        ("E", None),
        ("...", None),
    ],
)
def test_leading_choice(answer, letter):
    from graders.forms import leading_choice

    assert leading_choice(answer) == letter


# --- a document's fields as labelled lines -------------------------------------------------------

REPORT = """
Cơ quan chủ quản: UBND TỈNH GIA LAI
Cơ quan ban hành: SỞ KHOA HỌC VÀ CÔNG NGHỆ
Số, ký hiệu: 15/BC-SKHCN
Ngày: Gia Lai, ngày 05 tháng 11 năm 2026
Trích yếu: Kết quả bồi dưỡng kỹ năng số 10 tháng đầu năm 2026
Kính gửi: Ủy ban nhân dân tỉnh Gia Lai
Quyền hạn, chức vụ người ký: KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC
Người ký: Nguyễn Văn An
Nơi nhận:
- Như trên;
- Giám đốc Sở;
- Lưu: VT, VP.
"""


def test_document_fields_from_labelled_lines():
    from graders.forms import parse_document

    form = parse_document(REPORT, "Báo cáo")
    assert form.ok, form.problems
    assert form.info == {
        "loai": "Báo cáo",
        "co_quan_chu_quan": "UBND TỈNH GIA LAI",
        "co_quan": "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
        "so": 15,
        "ky_hieu": "BC-SKHCN",
        "dia_danh": "Gia Lai",
        "ngay": "05/11/2026",
        "trich_yeu": "Kết quả bồi dưỡng kỹ năng số 10 tháng đầu năm 2026",
        "kinh_gui": ["Ủy ban nhân dân tỉnh Gia Lai"],
        "ky": ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
        "nguoi_ky": "Nguyễn Văn An",
        "noi_nhan": ["Như trên", "Giám đốc Sở"],
        "luu": "VT, VP",
    }


def test_document_fields_other_forms_and_problems():
    from graders.forms import parse_document

    other = """
    co quan ban hanh: UBND PHƯỜNG QUY NHƠN
    Số: 412
    Ký hiệu: UBND-VP
    Địa danh: Quy Nhơn
    Ngày ban hành: 27/11/2026
    V/v: trả lời đơn của công dân
    Chức vụ người ký:
    TM. ỦY BAN NHÂN DÂN
    KT. CHỦ TỊCH
    PHÓ CHỦ TỊCH
    Người ký: Lê Văn Hùng
    Nơi nhận: Như trên; Lưu: VT, VP
    """
    form = parse_document(other, "Công văn")
    assert form.ok, form.problems
    assert form.info["so"] == 412 and form.info["ky_hieu"] == "UBND-VP"
    assert form.info["ky"] == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    assert form.info["noi_nhan"] == ["Như trên"] and form.info["luu"] == "VT, VP"
    bad = parse_document(
        "Cơ quan ban hành: Sở KH&CN\nSố, ký hiệu: mười lăm\nNgày: tháng 11", "Báo cáo"
    )
    text = " ".join(bad.problems)
    assert "«Trích yếu»" in text and "«Người ký»" in text and "«Số, ký hiệu»" in text
    assert "«Ngày»" in text
