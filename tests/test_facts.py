"""Brief facts with contradiction checks (graders.facts, shared by the graders of modules 1–6)."""

from __future__ import annotations

import datetime as dt

import pytest

from graders.core import Result
from graders.facts import (
    AmountFact,
    CountFact,
    DateFact,
    FigureFact,
    GroupFact,
    PhraseFact,
    PlaceFact,
    References,
    TimeFact,
    Years,
    check,
    match_lines,
)

NOTICE = (
    DateFact("ngày tập huấn", dt.date(2026, 12, 15)),
    TimeFact("giờ bắt đầu", dt.time(8, 0)),
    PlaceFact(
        "địa điểm",
        (r"hoi truong",),
        numbers=(("tang", 2),),
        wrong=(r"\btinh\b", r"\bxa\b"),
    ),
    PhraseFact("mang theo máy tính xách tay", (r"may tinh|laptop",)),
    GroupFact("đối tượng", (r"can bo|cong chuc|cbcc",)),
    Years((2026,)),
    References(allowed=("Nghị định 30/2020/NĐ-CP",)),
)
LETTER = (
    DateFact("ngày tập huấn", dt.date(2026, 3, 24), cues=(r"tap huan|to chuc|khai giang|hoc",)),
    DateFact("hạn gửi danh sách", dt.date(2026, 3, 20), cues=(r"truoc|han|cham nhat|gui",)),
    CountFact("số công chức mỗi đơn vị cử", 2, r"cong chuc|can bo|nguoi"),
    References(),
)


@pytest.mark.parametrize(
    "text",
    [
        "Là chuyên viên Văn phòng UBND phường, hãy soạn thông báo tới toàn thể cán bộ về buổi tập "
        "huấn lúc 8 giờ 00 ngày 15/12/2026 tại Hội trường UBND phường (tầng 2). Mang laptop.",
        "Gửi CBCC phường: tập huấn 08:00, ngày 15 tháng 12 năm 2026, hội trường UBND phường, "
        "mang theo máy tính xách tay. Trình bày theo thể thức Nghị định số 30/2020/NĐ-CP.",
        "thong bao gui can bo cong chuc: 8h ngày 15/12, hoi truong tang 2, mang may tinh",
    ],
)
def test_the_brief_said_in_other_words_passes(text):
    c = check(text, NOTICE)
    assert c.ok, c.messages()


@pytest.mark.parametrize(
    ("text", "wrong"),
    [
        ("ngày 15/12/2025", "ngày tập huấn"),
        ("ngày 15/12/2026 (hoặc 16/12/2026)", None),
        ("lúc 8 giờ 30", "giờ bắt đầu"),
        ("tại Hội trường UBND tỉnh", "địa điểm"),
        ("tại Hội trường UBND phường, tầng 3", "địa điểm"),
        ("tại Nhà văn hóa khu phố 3", "địa điểm"),
        ("gửi toàn thể người dân phường", "đối tượng"),
        ("kế hoạch năm 2025", "năm"),
        ("Thực hiện Kế hoạch số 35/KH-UBND ngày 10/3/2026", "căn cứ pháp lý"),
    ],
)
def test_a_contradiction_loses_even_with_the_right_facts(text, wrong):
    right = (
        "Soạn thông báo gửi cán bộ, công chức: 8 giờ 00 ngày 15/12/2026, Hội trường UBND phường, "
        "mang máy tính. "
    )
    c = check(right + text, NOTICE)
    assert not c.ok
    if wrong:
        assert wrong in {label for label, _ in c.contradicted}
    else:
        assert c.strays or c.contradicted


def test_swapped_dates_are_caught_by_their_cues():
    good = "Lớp tập huấn tổ chức ngày 24/3/2026; đề nghị gửi danh sách 02 công chức trước ngày 20/3/2026."
    assert check(good, LETTER).ok
    reordered = "Hạn gửi danh sách: 20/3/2026. Ngày khai giảng lớp học: 24/3/2026. Mỗi đơn vị cử hai cán bộ."
    assert check(reordered, LETTER).ok
    swapped = "Lớp tập huấn tổ chức ngày 20/3/2026; đề nghị gửi danh sách 02 công chức trước ngày 24/3/2026."
    c = check(swapped, LETTER)
    assert {label for label, _ in c.contradicted} == {"ngày tập huấn", "hạn gửi danh sách"}


@pytest.mark.parametrize(
    "text", ["cử 03 công chức", "cử từ 02 đến 03 công chức", "cử ba người", "cử 2-3 cán bộ"]
)
def test_a_wrong_count_or_a_range_contradicts(text):
    c = check(f"Tập huấn ngày 24/3/2026, gửi danh sách trước ngày 20/3/2026, {text}.", LETTER)
    assert "số công chức mỗi đơn vị cử" in {label for label, _ in c.contradicted}


def test_figures_and_amounts():
    brief = (
        FigureFact("hồ sơ tiếp nhận", 1480, noun="ho so"),
        FigureFact("tỷ lệ trực tuyến", 84.5, unit="percent"),
        AmountFact("mức hỗ trợ", 500_000),
    )
    assert check("Tiếp nhận 1.480 hồ sơ, trực tuyến 84,5%; hỗ trợ 500.000 đồng.", brief).ok
    assert check("Tiếp nhận 1480 hồ sơ, 84.5% trực tuyến, hỗ trợ 0,5 triệu đồng.", brief).ok
    c = check("Tiếp nhận 1.480 hồ sơ (1.520 hồ sơ), 85,4% trực tuyến; hỗ trợ 600.000 đồng.", brief)
    assert not c.ok and "1.520" in c.strays and "85,4%" in c.strays
    assert c.finding("mức hỗ trợ").conflicts == ["600.000 đồng"]


def test_missing_facts_and_messages_point_to_the_lesson():
    c = check("Soạn thông báo tập huấn.", NOTICE)
    assert set(c.missing) == {
        "ngày tập huấn",
        "giờ bắt đầu",
        "địa điểm",
        "mang theo máy tính xách tay",
        "đối tượng",
    }
    r = Result()
    assert not c.add_to(r, where="Lời nhắc", lesson="Bài 1, mục 4")
    assert "Bài 1, mục 4" in r.failures[0].message and "Lời nhắc còn thiếu" in r.failures[0].message
    assert not check(None, NOTICE).ok


def test_match_lines_reads_each_form_of_the_recipients():
    expected = {
        "UBND các xã, phường": (r"(?:ubnd|uy ban nhan dan) (?:cac )?(?:xa,? phuong|phuong,? xa)",),
        "Trung tâm Phục vụ hành chính công": (r"trung tam phuc vu hanh chinh cong",),
    }
    for lines in (
        ["Ủy ban nhân dân các xã, phường", "Trung tâm Phục vụ hành chính công tỉnh"],
        ["UBND các phường, xã", "Trung tâm Phục vụ hành chính công tỉnh Gia Lai"],
        ["UBND xã, phường trên địa bàn tỉnh; Trung tâm Phục vụ hành chính công"],
    ):
        assert match_lines(lines, expected) == ([], []), lines
    missing, extra = match_lines(["UBND các xã, phường", "Các sở, ban, ngành"], expected)
    assert missing == ["Trung tâm Phục vụ hành chính công"] and extra == ["Các sở, ban, ngành"]


# --- competent authorities and counts with roles (issue 17) -------------------------------------


def test_competent_authority_stated_and_not_contradicted():
    from graders.facts import AgencyFact

    brief = (
        AgencyFact("cơ quan giải quyết", ("vp_dang_ky_dat_dai",), ("bo_phan_mot_cua", "ubnd_xa")),
    )
    assert check("VP Đăng ký đất đai (tiếp nhận tại Bộ phận Một cửa UBND phường)", brief).ok
    wrong = check("Không phải Văn phòng đăng ký đất đai mà là Công an phường", brief)
    assert not wrong.ok and wrong.contradicted == [("cơ quan giải quyết", "Công an phường")]
    assert not check("UBND phường Quy Nhơn", brief).ok  # the right one is not named


def test_counts_with_roles_catch_a_swap():
    brief = (
        FigureFact("vụ việc tiếp nhận", 12, cues=(r"tiep nhan",), required=False),
        FigureFact("vụ việc đã trả lời", 9, cues=(r"tra loi",), required=False),
    )
    assert check("Tiếp nhận 12 vụ việc, đã trả lời 9 vụ việc; đất đai có 5 vụ việc.", brief).ok
    assert check("12 vụ việc được tiếp nhận, 9 vụ việc đã được trả lời.", brief).ok
    swapped = check("Trong tuần tiếp nhận 9 vụ việc, đã trả lời 12 vụ việc.", brief)
    assert [label for label, _ in swapped.contradicted] == [
        "vụ việc tiếp nhận",
        "vụ việc đã trả lời",
    ]
