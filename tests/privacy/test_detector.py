"""The detector on each kind's written forms, on hard negatives, and on the labelled sets."""

from __future__ import annotations

import unicodedata

import pytest

from aiwork.privacy import dataset
from aiwork.privacy.detector import classify_number, detect


def kinds(text: str) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in detect(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("CCCD số 052187001234 cấp ngày 10/5/2021", ("CCCD", "052187001234")),
        ("căn cước 052 088 002 244.", ("CCCD", "052 088 002 244")),
        ("Số định danh cá nhân: 064190001234", ("CCCD", "064190001234")),
        ("CMND số 230456789 do Công an tỉnh cấp", ("CMND", "230456789")),
        ("gọi 0905 123 456 nhé", ("SDT", "0905 123 456")),
        ("ĐT: 0905.123.456", ("SDT", "0905.123.456")),
        ("điện thoại +84 935 246 810", ("SDT", "+84 935 246 810")),
        ("liên hệ (+84) 912.345.678", ("SDT", "(+84) 912.345.678")),
        ("số bàn 0256 3822 123", ("SDT", "0256 3822 123")),
        ("sđt 0911.22.33.44", ("SDT", "0911.22.33.44")),
        ("mail hoa.nguyen87@gmail.com.", ("EMAIL", "hoa.nguyen87@gmail.com")),
        ("mã số thuế 4100123456-001", ("MST", "4100123456-001")),
        ("Mã số thuế cá nhân: 8123456789", ("MST", "8123456789")),
        ("Mã số BHXH: 5209123456", ("BHXH", "5209123456")),
        ("Thẻ BHYT DN4525209123456.", ("BHXH", "DN4525209123456")),
        ("hộ chiếu số C7654321", ("HO_CHIEU", "C7654321")),
        ("hộ chiếu N12345678", ("HO_CHIEU", "N12345678")),
        ("xe biển số 77A-123.45 đỗ", ("BIEN_SO", "77A-123.45")),
        ("xe máy 77-B1 234.56", ("BIEN_SO", "77-B1 234.56")),
        ("STK 19036688999901 tại Techcombank", ("STK", "19036688999901")),
        ("sinh ngày 12/04/1987,", ("NGAY_SINH", "12/04/1987")),
        ("sinh ngày 15 tháng 6 năm 1998.", ("NGAY_SINH", "15 tháng 6 năm 1998")),
        ("SN 1988, nông dân", ("NGAY_SINH", "1988")),
        ("Ông Trần Văn Bình đề nghị", ("HO_TEN", "Trần Văn Bình")),
        ("Họ và tên: NGUYỄN VĂN AN", ("HO_TEN", "NGUYỄN VĂN AN")),
        ("bà Ksor H'Hen phản ánh", ("HO_TEN", "Ksor H'Hen")),
        (
            "trú tại thôn 3, xã Ia Hrung, tỉnh Gia Lai, có số",
            ("DIA_CHI", "thôn 3, xã Ia Hrung, tỉnh Gia Lai"),
        ),
        ("Địa chỉ: tổ 5, KV 2, TP. Quy Nhơn.", ("DIA_CHI", "tổ 5, KV 2, TP. Quy Nhơn")),
        # issue 22: addresses as people write them
        (
            "hiện ở số 12/3 hẻm 45 Lâm Văn Tương, phường Quy Nhơn Nam.",
            ("DIA_CHI", "số 12/3 hẻm 45 Lâm Văn Tương, phường Quy Nhơn Nam"),
        ),
        (
            "Gia đình tôi ở 25/4 hẻm 12 Ngô Mây, phường Quy Nhơn Bắc.",
            ("DIA_CHI", "25/4 hẻm 12 Ngô Mây, phường Quy Nhơn Bắc"),
        ),
        ("nhà ở Hà Thanh, xã Vân Canh, con trai", ("DIA_CHI", "Hà Thanh, xã Vân Canh")),
        ("Chỗ ở: Kon Mơ Nay Kơ Tu, xã Kbang", ("DIA_CHI", "Kon Mơ Nay Kơ Tu, xã Kbang")),
        (
            "Hộ ông A (tổ 12, KV 3, phường Quy Nhơn Nam) có",
            ("DIA_CHI", "tổ 12, KV 3, phường Quy Nhơn Nam"),
        ),
        ("bà Bùi Thị Lài, thôn 2, xã Vân Canh, 67 tuổi", ("DIA_CHI", "thôn 2, xã Vân Canh")),
        (
            "dia chi so 8 hem 102 Tran Hung Dao, phuong Quy Nhon, so dt 0914 225 367",
            ("DIA_CHI", "so 8 hem 102 Tran Hung Dao, phuong Quy Nhon"),
        ),
        (
            "Ho ten: Dang Van Hoang; dia chi: khoi 2 thi tran Phu Phong",
            ("DIA_CHI", "khoi 2 thi tran Phu Phong"),
        ),
        (
            "chuyển đến tổ dân phố 4, phường Hoài Nhơn.",
            ("DIA_CHI", "tổ dân phố 4, phường Hoài Nhơn"),
        ),
        (
            "(sinh năm 1955, trú thôn Tân Thạnh, xã Tây Sơn)",
            ("DIA_CHI", "thôn Tân Thạnh, xã Tây Sơn"),
        ),
        (
            "SN: 12/12/1988 - Đ/c: 78 Hai Bà Trưng, P. Pleiku",
            ("DIA_CHI", "78 Hai Bà Trưng, P. Pleiku"),
        ),
        (
            "ông A, sinh năm 1970, nhà số 18 Lý Thường Kiệt; ông B",
            ("DIA_CHI", "số 18 Lý Thường Kiệt"),
        ),
        (
            "Hộ bà Thái Thị Lệ, 80 tuổi, số 3 hẻm 17 Lê Lợi, khu phố 4, phường Bình Định, đề nghị",
            ("DIA_CHI", "số 3 hẻm 17 Lê Lợi, khu phố 4, phường Bình Định"),
        ),
        (
            "Ong Kpa Thu, SN 1963, lang Plei Kep, xa Ia Pa, STK Agribank 6222 205 117 845.",
            ("DIA_CHI", "lang Plei Kep, xa Ia Pa"),
        ),
        ("Chủ xe: Mẫn Văn Thông, sinh năm 1997", ("HO_TEN", "Mẫn Văn Thông")),
        (
            "qua tài khoản số 0601 2345 6788, chủ tài khoản CẤN THỊ MAI PHƯƠNG.",
            ("HO_TEN", "CẤN THỊ MAI PHƯƠNG"),
        ),
        ("Tôi tên Ông Thị Kim Yến, sinh ngày 04/6/1984", ("HO_TEN", "Ông Thị Kim Yến")),
        # dates of birth in words, after "sinh năm", "SN", "năm sinh:"
        ("sinh ngày mùng 5 tháng Giêng năm 1962, ở", ("NGAY_SINH", "mùng 5 tháng Giêng năm 1962")),
        (
            "sinh ngày mười hai tháng ba năm một nghìn chín trăm tám mươi lăm",
            ("NGAY_SINH", "mười hai tháng ba năm một nghìn chín trăm tám mươi lăm"),
        ),
        ("Ngày/tháng/năm sinh: 02/9/1949", ("NGAY_SINH", "02/9/1949")),
        ("ngày sinh: năm 1990; dân tộc", ("NGAY_SINH", "1990")),
        ("sinh tháng 5/1988", ("NGAY_SINH", "5/1988")),
        ("Năm sinh:1992", ("NGAY_SINH", "1992")),
        ("(SN: 1983) đi làm xa", ("NGAY_SINH", "1983")),
        # bank accounts next to a bank's name or abbreviation
        ("tài khoản Agribank số 4300 205 671 238 của bà", ("STK", "4300 205 671 238")),
        ("Số tài khoản: 58010000123456 - BIDV chi nhánh Phú Tài.", ("STK", "58010000123456")),
        ("vào số TK 0451000334455 (VCB) của bên cho thuê", ("STK", "0451000334455")),
        ("chuyển 0121000765432 tại Vietcombank", ("STK", "0121000765432")),
        ("Agribank - 6280 205 413 579.", ("STK", "6280 205 413 579")),
        ("STK: 190 3666 8888 01 (Techcombank)", ("STK", "190 3666 8888 01")),
        ("tại Kho bạc Nhà nước khu vực XIV: 9527.1.1043215.", ("STK", "9527.1.1043215")),
        # a person's own landline stays personal data
        ("Chị Ninh Thị Hòa, số máy 0256 3765 432 (máy bàn nhà riêng)", ("SDT", "0256 3765 432")),
        # names: nicknames after kinship titles, family names that look like stop words typed
        # without diacritics
        ("mọi người hay gọi là chú Sáu bán sửa", ("HO_TEN", "Sáu")),
        ("Toi la Vu Thi Thu, nam sinh 1962, o xa Hoai An.", ("HO_TEN", "Vu Thi Thu")),
        ("Cam on co Truong Thi Mai da giup toi lam ho so.", ("HO_TEN", "Truong Thi Mai")),
        ("ho so cua ong Le Van Tam con thieu giay xac nhan", ("HO_TEN", "Le Van Tam")),
        ("Cán bộ tiếp nhận: Lữ Thị Bích Vân.", ("HO_TEN", "Lữ Thị Bích Vân")),
        ("Tôi: Cù Văn Nhân, mã số BHXH 5208123457", ("HO_TEN", "Cù Văn Nhân")),
    ],
)
def test_each_kind_in_its_written_forms(text, expected):
    assert expected in kinds(text)


@pytest.mark.parametrize(
    "text",
    [
        "Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư;",
        "Số: 123/UBND-VP ngày 05/3/2026; Số: 05/QĐ-UBND.",
        "Quy Nhơn, ngày 05 tháng 3 năm 2026",
        "Kinh phí 1.250.000.000 đồng; 125000000 đồng; 45,6 triệu đồng; 98,5%.",
        "theo điểm a khoản 4 Điều 7; Điều 12 khoản 3; Mục 3.2; phiên bản 2.3.1",
        "Mã hồ sơ: 000.00.24.H21-250305-0012; mã QHNS 1123456; số biên nhận 2601150031.",
        "Tổng đài 1900 1234, đường dây nóng 1022, tổng đài 1800 1091.",
        "Ông Chủ tịch UBND tỉnh chủ trì; Bà Trưởng phòng Văn hóa - Xã hội báo cáo.",
        "Bà Rịa - Vũng Tàu và Thành phố Hồ Chí Minh; tư tưởng Hồ Chí Minh; đường Phạm Văn Đồng.",
        "Kế hoạch tuyển sinh năm 2026; chi phí phát sinh năm 2025.",
        "Giai đoạn 2026 - 2030, 1.245 hồ sơ, 12 lớp, 45 học viên, 24/7.",
        "cán bộ không chuyên trách ở thôn, tổ dân phố",
        "Công dân Việt Nam từ đủ 14 tuổi; cơ quan, tổ chức, cá nhân Việt Nam.",
        "Đăng ký khai sinh ngày 05/3/2026; chi phí phát sinh ngày 06/3/2026.",
        "Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15; Công văn 557/BKHCN-CĐSQG.",
        # issue 22: an office's published numbers are not personal data
        "Mọi thắc mắc xin gọi đường dây nóng của phường: 0256 3846 120.",
        "Số điện thoại của Văn phòng HĐND và UBND xã: 0269 3878 556.",
        "Điện thoại: 0256 3835 217; Fax: 0256 3835 218.",
        "Mọi vướng mắc xin liên hệ Bộ phận Một cửa xã Phù Mỹ, ĐT: 0256 3855 101.",
        "số hotline của Trung tâm Phục vụ hành chính công 0256 3822 968",
        "Một cán bộ Sở Xây dựng gọi từ số 0256 3822 449 (điện thoại cơ quan).",
        "Tổng đài hỗ trợ: 0256 3820 111 (giờ hành chính); tổng đài 1900 9095.",
        "Liên hệ: Phòng Kinh tế, ĐT 0256.3837.888.",
        "Mọi thông tin xin liên hệ Công an phường Pleiku, số điện thoại cơ quan: 0269 3824 061.",
        # document numbers, amounts, counts, positions, public figures
        "hóa đơn số 000012345; giấy phép số 123456789; biên lai số 0004567",
        "Các xã Ia Hrung, Ia Grai, Chư Păh; phường Pleiku, Hội Phú, Thống Nhất; thôn 5 có 123 hộ.",
        "Kế hoạch số 35/KH-UBND triển khai tại thôn Phú Mỹ 1, xã Phù Mỹ; 1.250 lượt người.",
        "Ông Chủ tịch UBND phường Quy Nhơn Đông ký; làm theo lời Bác Hồ dạy.",
        "Ong Pho Chu tich xa da ky. Ong Chu tich phuong chu tri. Anh Truong phong tiep dan.",
        "Tệp tối đa 10 MB; 245 hồ sơ; tỷ lệ 98,5%; kinh phí 1.245.600.000 đồng.",
        "cống thoát nước trước nhà số 27 bị tắc; vỉa hè trước nhà số 102 Nguyễn Huệ, phường Quy Nhơn",
        "số điện thoại của nhà văn hóa khu phố 0256 3832 400",
    ],
)
def test_hard_negatives_raise_no_alarm(text):
    assert kinds(text) == []


def test_offsets_refer_to_nfc_text_even_for_nfd_input():
    nfc = "Bà Nguyễn Thị Hoa, điện thoại 0905 123 456."
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfd != nfc
    found = detect(nfd)
    assert [(f.kind, f.text) for f in found] == [
        ("HO_TEN", "Nguyễn Thị Hoa"),
        ("SDT", "0905 123 456"),
    ]
    for f in found:
        assert nfc[f.start : f.end] == f.text


def test_context_decides_between_ten_digit_kinds():
    assert classify_number("0123456789", "STK") == "STK"
    assert classify_number("5209123456", "BHXH") == "BHXH"
    assert classify_number("5209123456", None) is None  # no keyword, no phone shape
    assert classify_number("0905123456", None) == "SDT"
    assert classify_number("052187001234", "NEG") is None


def test_address_stops_before_the_next_identifier():
    text = "trú tại số 12 đường Lê Lợi, phường Quy Nhơn, điện thoại 0905123456"
    assert kinds(text) == [
        ("DIA_CHI", "số 12 đường Lê Lợi, phường Quy Nhơn"),
        ("SDT", "0905123456"),
    ]


def test_an_address_split_over_two_lines_is_found_on_both():
    assert kinds("Địa chỉ thường trú: Thôn 4,\nXã Ia Grai, Tỉnh Gia Lai") == [
        ("DIA_CHI", "Thôn 4"),
        ("DIA_CHI", "Xã Ia Grai, Tỉnh Gia Lai"),
    ]
    assert kinds("trú tại thôn Thắng Kiên\nxã Tây Sơn, tỉnh Gia Lai.") == [
        ("DIA_CHI", "thôn Thắng Kiên"),
        ("DIA_CHI", "xã Tây Sơn, tỉnh Gia Lai"),
    ]
    # a form's next field is not a continuation
    assert kinds("Địa chỉ: thôn 3, xã Ia Hrung\nPhường/xã cấp: không") == [
        ("DIA_CHI", "thôn 3, xã Ia Hrung")
    ]


def test_an_office_after_its_name_is_not_a_person_with_an_address():
    text = "Văn phòng Đăng ký đất đai chi nhánh An Nhơn, số 05 Trần Phú, phường An Nhơn; điện thoại: 0256 3835 400."
    assert kinds(text) == []
    assert kinds("bà Bùi Thị Lài, thôn 2, xã Vân Canh") == [
        ("HO_TEN", "Bùi Thị Lài"),
        ("DIA_CHI", "thôn 2, xã Vân Canh"),
    ]


def test_table_columns_give_the_kind():
    text = "STT | Họ tên | Năm sinh | Số tài khoản\n1 | Y Moan | 1962 | 1903 6688 9999 01\n"
    assert kinds(text) == [
        ("HO_TEN", "Y Moan"),
        ("NGAY_SINH", "1962"),
        ("STK", "1903 6688 9999 01"),
    ]


def test_labelled_sets_meet_the_issue_targets():
    docs = dataset.load_all()
    result = dataset.score([(d.id, d.spans, detect(d.text)) for d in docs])
    overall = result.overall
    assert overall.gold >= 150
    assert {s for s in result.per_kind} >= {
        "CCCD",
        "CMND",
        "SDT",
        "EMAIL",
        "MST",
        "BHXH",
        "HO_CHIEU",
        "BIEN_SO",
        "STK",
        "NGAY_SINH",
        "HO_TEN",
        "DIA_CHI",
    }
    assert overall.recall >= 0.98, result.misses
    assert overall.precision >= 0.98, result.false_alarms


def test_marked_text_parser_round_trips_offsets():
    text, spans = dataset.parse_marked("Ông {{HO_TEN|Lê Văn A}}, ĐT {{SDT|0905123456}}.")
    assert text == "Ông Lê Văn A, ĐT 0905123456."
    assert [(s.kind, text[s.start : s.end]) for s in spans] == [
        ("HO_TEN", "Lê Văn A"),
        ("SDT", "0905123456"),
    ]
    with pytest.raises(ValueError):
        dataset.parse_marked("{{NOPE|x}}")


def test_windows_line_ends_stay_outside_spans():
    text = (
        "Họ và tên: Nguyễn Văn An\r\nĐịa chỉ: thôn 3, xã Ia Hrung\r\nĐiện thoại: 0905 123 456\r\n"
    )
    assert kinds(text) == [
        ("HO_TEN", "Nguyễn Văn An"),
        ("DIA_CHI", "thôn 3, xã Ia Hrung"),
        ("SDT", "0905 123 456"),
    ]


def test_an_empty_form_field_does_not_take_the_next_line():
    assert kinds("Địa chỉ:\nĐiện thoại nhà riêng: 0256 3822 145") == [("SDT", "0256 3822 145")]


def test_text_typed_without_diacritics_even_inside_an_accented_prompt():
    pasted = "Toi ten la Tran Van Hung, o thon 4, xa Phu My, sdt 0905 111 333, sinh nam 1980."
    expected = [
        ("HO_TEN", "Tran Van Hung"),
        ("DIA_CHI", "thon 4, xa Phu My"),
        ("SDT", "0905 111 333"),
        ("NGAY_SINH", "1980"),
    ]
    assert kinds(pasted) == expected
    assert kinds("Hãy tóm tắt thư sau của người dân, giọng văn lịch sự:\n" + pasted) == expected


def test_unaccented_patterns_stay_off_accented_lines():
    # "Chi" (branch) and "Ba" (three) are honorifics only in text typed without diacritics
    assert kinds("Chi Đoàn Thanh niên phường tổ chức Ba Lớp học kỹ năng số cho đoàn viên.") == []
