"""The six parts and the parsed constraints, with and without diacritics."""

from __future__ import annotations

import pytest

from aiwork.prompt_anatomy import PARTS, analyse, delimited_blocks, has_delimited_block
from aiwork.vi import fold_keep_offsets

FULL = (
    "Bạn là chuyên viên Văn phòng UBND phường Quy Nhơn. Hãy soạn giấy mời gửi các tổ trưởng "
    "tổ dân phố về việc triển khai Bình dân học vụ số, họp lúc 8 giờ ngày 15/3/2026 tại hội "
    "trường UBND phường. Trình bày gồm các mục: thời gian, địa điểm, thành phần, nội dung. "
    "Không quá 150 từ, giọng văn trang trọng."
)


def test_fold_keeps_length_and_removes_marks() -> None:
    text = "Đồng ý TÓM TẮT Ủy ban nhân dân"
    assert fold_keep_offsets(text) == "dong y tom tat uy ban nhan dan"
    assert len(fold_keep_offsets(text)) == len(text)


def test_full_prompt_has_all_six_parts_with_evidence() -> None:
    a = analyse(FULL)
    assert a.present == list(PARTS) and a.score == 6 and not a.is_vague
    assert a.role.evidence == "Bạn là chuyên viên Văn phòng UBND phường Quy Nhơn"
    assert a.task.evidence == "soạn"
    assert a.audience.evidence.startswith("gửi các tổ trưởng tổ dân phố")
    assert a.max_words == 150 and a.tone == "trang trọng"
    assert a.fields == ("thời gian", "địa điểm", "thành phần", "nội dung")


def test_without_diacritics_same_parts() -> None:
    a, b = analyse(FULL), analyse(fold_keep_offsets(FULL))
    assert a.present == b.present and a.max_words == b.max_words and b.tone == "trang trọng"
    assert len(b.fields) == 4


@pytest.mark.parametrize(
    "prompt, max_words",
    [
        ("Viết không quá 150 từ.", 150),
        ("tối đa 100 từ", 100),
        ("dưới 200 chữ", 200),
        ("khong vuot qua 80 tu", 80),
        ("Viết ngắn gọn.", None),
    ],
)
def test_max_words(prompt: str, max_words: int | None) -> None:
    assert analyse(prompt).max_words == max_words


@pytest.mark.parametrize(
    "prompt, layout, items",
    [
        ("Tóm tắt thành 3 ý", "bullets", 3),
        ("Liệt kê 5 điểm chính", "bullets", 5),
        ("Trình bày bằng gạch đầu dòng", "bullets", None),
        ("Viết một đoạn văn", "prose", None),
        ("Tóm tắt, không dùng gạch đầu dòng", "prose", None),
        ("nêu ba biện pháp", "bullets", 3),
        ("Soạn công văn", None, None),
    ],
)
def test_layout_and_item_count(prompt: str, layout: str | None, items: int | None) -> None:
    a = analyse(prompt)
    assert (a.layout, a.item_count) == (layout, items)


def test_vague_prompt() -> None:
    a = analyse("Viết công văn.")
    assert a.present == ["task"] and a.is_vague
    assert "role" in a.missing and "audience" in a.missing


@pytest.mark.parametrize(
    "prompt, tone",
    [
        ("Viết lại cho thân thiện, gần gũi", "thân thiện"),
        ("giọng lịch sự", "lịch sự"),
        ("Giải thích dễ hiểu cho người dân", "dễ hiểu"),
        ("Văn phong trang trọng nhưng gần gũi", "trang trọng"),
        ("Triển khai Bình dân học vụ số", None),
    ],
)
def test_tone(prompt: str, tone: str | None) -> None:
    assert analyse(prompt).tone == tone


def test_folding_collisions_are_avoided() -> None:
    # "Việt Nam" is not the verb "viết"; "dịch vụ" is not "dịch"; "bằng" is not "bảng".
    a = analyse("Cổng dịch vụ công Việt Nam bằng điện thoại")
    assert not a.task.present and not a.format.present


def test_context_from_delimited_passage() -> None:
    a = analyse('Tóm tắt:\n"""Ngày 1/7/2025 tỉnh Bình Định hợp nhất vào tỉnh Gia Lai."""')
    assert a.context.present and a.context.evidence.startswith("Ngày 1/7/2025")


@pytest.mark.parametrize(
    "prompt, style",
    [
        ("Tóm tắt:\n<van_ban>\nHội nghị cho 120 cán bộ các xã.\n</van_ban>\nNgắn gọn.", "tag"),
        ("Tóm tắt:\n<Văn_bản>\nHội nghị cho 120 cán bộ các xã.\n</văn_bản>", "tag"),
        ("Số liệu:\n---\nTiếp nhận 1.480 hồ sơ.\n---\nNgười đọc: lãnh đạo.", "fence"),
        ("Số liệu:\n=====\nTiếp nhận 1.480 hồ sơ.\n=====", "fence"),
        ("[DỮ LIỆU]\nTiếp nhận 1.480 hồ sơ.\n[/DỮ LIỆU]", "bracket"),
        ("[BẮT ĐẦU]\nTiếp nhận 1.480 hồ sơ.\n[KẾT THÚC]", "bracket"),
        ("Tóm tắt: '''Tiếp nhận 1.480 hồ sơ.'''", "quotes"),
        ("Tóm tắt:\n```\nTiếp nhận 1.480 hồ sơ.\n```", "backticks"),
        # legacy, only in text that never went through IPython (chat box, file)
        ("Tóm tắt:\n<<<\nTiếp nhận 1.480 hồ sơ.\n>>>", "angle"),
    ],
)
def test_every_surviving_delimiter_style_is_read(prompt: str, style: str) -> None:
    blocks = delimited_blocks(prompt)
    assert [b.style for b in blocks] == [style]
    assert blocks[0].text.strip().startswith(("Hội nghị", "Tiếp nhận"))
    assert has_delimited_block(prompt) and analyse(prompt).context.present


def test_naming_the_tag_in_the_instruction_is_not_material() -> None:
    prompt = (
        "Tóm tắt văn bản trong thẻ <van_ban> thành 2 ý, không quá 50 từ.\n"
        "<van_ban>\nHội nghị cho 120 cán bộ các xã.\n</van_ban>"
    )
    assert [b.text for b in delimited_blocks(prompt)] == ["Hội nghị cho 120 cán bộ các xã."]
    assert not has_delimited_block("Đặt số liệu giữa <so_lieu> và </so_lieu>.")


def test_two_tagged_blocks_in_order() -> None:
    prompt = "<don>\nTôi đề nghị cấp giấy chứng nhận.\n</don>\n<tra_loi>\nThời hạn là 20 ngày.\n</tra_loi>"
    assert [b.text for b in delimited_blocks(prompt)] == [
        "Tôi đề nghị cấp giấy chứng nhận.",
        "Thời hạn là 20 ngày.",
    ]


def test_unclosed_block_is_not_a_block() -> None:
    # what "<<< … >>>" becomes after IPython deleted the ">>>" line
    assert not has_delimited_block("Tóm tắt:\n<<<\nTiếp nhận 1.480 hồ sơ trực tuyến.\n")
    # nbgrader's solution markers are not fences
    assert not has_delimited_block("### BEGIN SOLUTION\nBạn là chuyên viên.\n### END SOLUTION")


# Issue 16: constraints and parts as officials write them in plain words.
@pytest.mark.parametrize(
    "prompt, max_words, approx, sentences, lines",
    [
        ("Thông báo khoảng 100 từ, văn phong trang trọng.", 120, 100, None, None),
        ("viết chừng 150 chữ", 180, 150, None, None),
        ("Viết tối đa nửa trang.", 250, None, None, None),
        ("gói gọn trong một trang", 500, None, None, None),
        ("khoảng 80-100 từ", 100, None, None, None),
        ("Trả lời ngắn gọn trong 3 câu.", None, None, 3, None),
        ("tối đa hai câu", None, None, 2, None),
        ("không quá 5 dòng", None, None, None, 5),
        ("Trả lời 3 câu hỏi sau", None, None, None, None),
        ("mức hỗ trợ tối đa 500.000 đồng", None, None, None, None),
    ],
)
def test_length_constraints_in_plain_words(prompt, max_words, approx, sentences, lines) -> None:
    a = analyse(prompt)
    assert (a.max_words, a.approx_words, a.max_sentences, a.max_lines) == (
        max_words,
        approx,
        sentences,
        lines,
    )
    if max_words or sentences or lines:
        assert a.constraints.present


@pytest.mark.parametrize(
    "prompt, layout",
    [
        ("Trình bày mỗi ý một dòng, đánh số thứ tự.", "bullets"),
        ("Viết liền mạch thành một đoạn.", "prose"),
        ("Không liệt kê, viết thành đoạn.", "prose"),
        ("Ngắn gọn trong 3 câu.", None),  # sentences are not bullet points
    ],
)
def test_layout_in_plain_words(prompt, layout) -> None:
    assert analyse(prompt).layout == layout


def test_natural_role_and_audience() -> None:
    a = analyse(
        "Là chuyên viên Văn phòng UBND phường Quy Nhơn, hãy soạn thông báo tới toàn thể cán bộ "
        "của phường về buổi tập huấn; mọi người mang laptop; khoảng 100 từ."
    )
    assert a.role.evidence.startswith("Là chuyên viên")
    assert a.audience.evidence.startswith("tới toàn thể cán bộ")
    assert analyse("Với tư cách là cán bộ một cửa, hãy trả lời.").role.present
    assert analyse("Là cán bộ tiếp nhận. Hãy tóm tắt đơn.").role.present
    assert not analyse("Đây là tài liệu tập huấn.").role.present
    # a labelled line (issue 17): "Vai trò: chuyên viên ..."
    assert analyse("Vai trò: chuyên viên Phòng Tổng hợp.\nNhiệm vụ: viết đoạn văn.").role.present
    assert not analyse("Hãy nêu vai trò: của cán bộ trong buổi họp.").role.present


@pytest.mark.parametrize(
    "prompt",
    [
        "Soạn thông báo gửi anh chị em cán bộ, công chức phường.",
        "Viết thông báo mời cán bộ công chức phường dự tập huấn.",
        "Soạn đoạn tóm tắt để báo cáo lãnh đạo UBND phường.",
        "Soạn đoạn tóm tắt gửi Chủ tịch UBND phường.",
    ],
)
def test_audience_in_plain_words(prompt) -> None:
    assert analyse(prompt).audience.present


def test_the_office_is_not_a_writing_style_constraint() -> None:
    """Folded, "Văn phòng UBND" (the office) reads as the cue "văn phong" (writing style):
    the office named in a role is not a constraint; the style still is."""
    office = (
        "Là chuyên viên Văn phòng UBND phường Quy Nhơn, hãy soạn thông báo tới toàn thể cán bộ."
    )
    assert not analyse(office).constraints.present
    assert not analyse("CHÁNH VĂN PHÒNG Sở Nội vụ cần một bản tóm tắt.").constraints.present
    # a constraint later in the same clause as the office is still found
    a = analyse("Bạn là chuyên viên Văn phòng UBND phường, hãy soạn thông báo, không thêm số liệu.")
    assert a.constraints.present and a.constraints.evidence == "không thêm số liệu"
    # the writing style is a constraint (one that is not a tone, so only the cue can find it)
    style = analyse("Soạn thông báo cho cán bộ, văn phong mạch lạc.")
    assert style.constraints.present and style.constraints.evidence == "văn phong mạch lạc"
