"""Replies that teach: Vietnamese, deterministic, responsive to prompt quality (in-process)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import openai
import pytest

from aiwork.mock import reqlog, transport
from aiwork.mock.textutil import word_count

GOOD = (
    "Bạn là chuyên viên Văn phòng UBND phường Quy Nhơn. Hãy soạn thông báo gửi các hộ gia "
    "đình trên địa bàn về việc tổ chức tập huấn kỹ năng số, lúc 8 giờ ngày 20/4/2026 tại nhà "
    "văn hóa tổ dân phố 3. Trình bày gồm các mục: thời gian, địa điểm, nội dung. Không quá "
    "120 từ, giọng văn trang trọng."
)
VAGUE = "Viết thông báo."
SOURCE = (
    '"""Năm 2025, Trung tâm Phục vụ hành chính công tiếp nhận 12.500 hồ sơ. Tỷ lệ hồ sơ '
    "trực tuyến đạt 68%. Thời gian chờ trung bình giảm còn 15 phút. Người dân đánh giá hài "
    "lòng ở mức cao. Một số thủ tục đất đai còn chậm do thiếu hồ sơ địa chính. Trung tâm đề "
    'xuất bổ sung hai quầy tiếp nhận vào giờ cao điểm."""'
)


@pytest.fixture
def client() -> openai.OpenAI:
    reqlog.clear()
    return transport.client(_strict_response_validation=True)


def ask(client: openai.OpenAI, prompt: str, system: str | None = None, **kw) -> str:
    messages = ([{"role": "system", "content": system}] if system else []) + [
        {"role": "user", "content": prompt}
    ]
    return (
        client.chat.completions.create(model="mock-gpt", messages=messages, **kw)
        .choices[0]
        .message.content
    )


def test_good_prompt_gets_specific_draft_honouring_constraints(client) -> None:
    reply = ask(client, GOOD)
    assert "THÔNG BÁO" in reply
    for fact in ("8 giờ", "20/4/2026", "nhà văn hóa tổ dân phố 3", "tập huấn kỹ năng số"):
        assert fact in reply
    for field in ("Thời gian:", "Địa điểm:", "Nội dung:"):
        assert field in reply
    assert word_count(reply) <= 120
    assert "[" not in reply.split("Số:")[1].split("\n", 1)[1].replace("[Họ và tên người ký]", "")
    assert GOOD not in reply and "Bạn là chuyên viên" not in reply  # never an echo


def test_vague_prompt_gets_generic_placeholders(client) -> None:
    reply = ask(client, VAGUE)
    assert "[thời gian]" in reply and "[địa điểm]" in reply
    good = ask(client, GOOD)
    assert "[thời gian]" not in good


def test_generic_reply_names_what_is_missing(client) -> None:
    reply = ask(client, "Giúp tôi việc họp.")
    assert "gợi ý chung" in reply and "đối tượng đọc" in reply


@pytest.mark.parametrize(
    "prompt, layout, items, limit",
    [
        ("Tóm tắt văn bản sau thành 3 ý, gạch đầu dòng:\n" + SOURCE, "bullets", 3, None),
        ("Tóm tắt văn bản sau thành một đoạn văn, không quá 30 từ:\n" + SOURCE, "prose", None, 30),
        ("Tóm tắt văn bản sau thành 2 ý:\n" + SOURCE, "bullets", 2, None),
    ],
)
def test_summary_follows_layout_count_and_length(client, prompt, layout, items, limit) -> None:
    reply = ask(client, prompt)
    bullets = [ln for ln in reply.splitlines() if ln.startswith("- ")]
    if layout == "bullets":
        assert len(bullets) == items
    else:
        assert not bullets and len(reply.splitlines()) == 1
    if limit:
        assert word_count(reply) <= limit
    # Extractive: every point is a sentence of the source.
    for b in bullets:
        assert b[2:].rstrip(".") in SOURCE


def test_summary_without_text_asks_for_it(client) -> None:
    assert "dán nội dung" in ask(client, "Tóm tắt giúp tôi báo cáo.")


def test_answer_from_passages_cites_only_given_ids(client) -> None:
    prompt = (
        "Chỉ dựa vào các đoạn sau, trả lời: Quốc hiệu được trình bày cỡ chữ bao nhiêu?\n"
        "[nd30-qh] Quốc hiệu trình bày bằng chữ in hoa, cỡ chữ từ 12 đến 13, kiểu chữ đứng, đậm.\n"
        "[nd30-ty] Tiêu ngữ trình bày bằng chữ in thường, cỡ chữ từ 13 đến 14.\n"
        "[khac] Giấy mời dùng để mời họp."
    )
    reply = ask(client, prompt)
    cited = set(re.findall(r"\[([\w-]+)\]", reply))
    assert "nd30-qh" in cited and cited <= {"nd30-qh", "nd30-ty", "khac"}
    assert reqlog.last()["hallucinated"] is False


def test_a_document_named_by_its_number_is_answered_from_its_passage(client) -> None:
    # both passages say when a law takes effect; the question names law 91, not law 41
    prompt = (
        "Chỉ dựa vào các đoạn sau, trả lời.\n"
        "[luat41-hl] Luật Bảo hiểm xã hội số 41/2024/QH15 có hiệu lực thi hành từ ngày 01/7/2025.\n"
        "[luat91-hl] Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 có hiệu lực thi hành từ ngày "
        "01/01/2026.\n"
        "### Câu hỏi\nluat 91 co hieu luc tu khi nao?"
    )
    reply = ask(client, prompt)
    assert "[luat91-hl]" in reply and "[luat41-hl]" not in reply


def test_a_grounded_question_is_answered_whatever_its_words_and_its_passages_say(client) -> None:
    # a passage quoting a constraint ("không quá 20 từ") does not shorten the answer, and a
    # question about summarising is a question, not a request to summarise the prompt
    prompt = (
        "Chỉ trả lời dựa trên các đoạn tài liệu dưới đây.\n\n### Tài liệu\n"
        "[bai-tom-tat] Khi nhờ tóm tắt, lời nhắc ghi rõ: không quá 20 từ, 3 gạch đầu dòng. Bản "
        "tóm tắt của trợ lý giữ nguyên các con số và không chép lại tên thẻ bọc tài liệu vào bài.\n\n"
        "### Câu hỏi\ntom tat xong tro ly co chep ten the boc tai lieu vao ban tom tat ko?"
    )
    reply = ask(client, prompt)
    assert "không chép lại tên thẻ bọc tài liệu vào bài [bai-tom-tat]" in reply
    prompt = (
        "Chỉ trả lời dựa trên các đoạn tài liệu dưới đây.\n\n### Tài liệu\n"
        "[bai-thong-bao] Mẫu lời nhắc: viết thông báo không quá 10 từ. Thông báo lịch tiếp công "
        "dân được niêm yết tại trụ sở ủy ban và đăng trên cổng thông tin điện tử của phường.\n\n"
        "### Câu hỏi\nthong bao lich tiep cong dan niem yet o dau?"
    )
    assert "cổng thông tin điện tử của phường [bai-thong-bao]" in ask(client, prompt)


def test_passages_that_do_not_cover_the_question(client) -> None:
    reply = ask(
        client,
        "Dựa vào đoạn sau, lệ phí cấp hộ chiếu là bao nhiêu?\n"
        "[P1] Giấy mời dùng để mời họp, hội nghị.",
    )
    assert "không đề cập" in reply and "[P1]" not in reply


def test_question_without_context_is_a_flagged_hallucination(client) -> None:
    raw = client.chat.completions.with_raw_response.create(
        model="mock-gpt",
        messages=[
            {
                "role": "user",
                "content": "Thời hạn giải quyết thủ tục cấp giấy phép xây dựng là bao lâu?",
            }
        ],
    )
    text = raw.parse().choices[0].message.content
    assert raw.headers["x-mock-hallucinated"] == "true"
    assert re.search(r"\d+ ngày", text) and "[" not in text  # invented specifics, no citation
    assert reqlog.last()["hallucinated"] is True
    # The same question with context is answered from it, not invented.
    raw = client.chat.completions.with_raw_response.create(
        model="mock-gpt",
        messages=[
            {
                "role": "user",
                "content": "Dựa vào đoạn sau, thời hạn cấp giấy phép xây dựng là bao lâu?\n"
                "[qd-xd] Thời hạn cấp giấy phép xây dựng là 20 ngày kể từ ngày nhận đủ hồ sơ hợp lệ.",
            }
        ],
    )
    assert "x-mock-hallucinated" not in raw.headers
    assert "20 ngày" in raw.parse().choices[0].message.content


def test_extract_json_without_schema_uses_requested_fields(client) -> None:
    reply = ask(
        client,
        "Trích xuất thông tin, trả về JSON gồm các trường: ngày, địa điểm. "
        "Văn bản: họp lúc 14 giờ ngày 5/6/2026 tại phòng họp số 2.",
        response_format={"type": "json_object"},
    )
    data = json.loads(reply)
    assert data == {"ngay": "5/6/2026", "dia_diem": "phòng họp số 2"}


def test_rewrite_translate_proofread_classify(client) -> None:
    formal = ask(
        client, 'Viết lại đoạn sau cho trang trọng: """mn ơi mai họp gấp nhé, ko được đến muộn"""'
    )
    assert "không" in formal and "ko " not in formal and "nhé" not in formal
    en = ask(
        client,
        'Dịch sang tiếng Anh: """Trung tâm Phục vụ hành chính công tiếp nhận hồ sơ trực tuyến."""',
    )
    assert "Public Administration Service Centre" in en and "online" in en
    fixed = ask(
        client, 'Soát lỗi chính tả: """Chương trình giành cho cán bộ, sảy ra lỗi khi xử dụng."""'
    )
    assert "dành cho" in fixed and "xảy ra" in fixed and "sử dụng" in fixed
    label = ask(
        client,
        "Phân loại đơn sau vào một trong các nhóm: Đất đai, Hộ tịch, Y tế.\n"
        '"""Đề nghị cấp lại giấy chứng nhận quyền sử dụng đất cho thửa đất của gia đình."""',
    )
    assert label.startswith("Phân loại: Đất đai")


def test_system_prompt_constraints_apply(client) -> None:
    reply = ask(
        client,
        "Tóm tắt văn bản sau:\n" + SOURCE,
        system="Bạn là chuyên viên tổng hợp. Luôn trả lời bằng một đoạn văn, không quá 25 từ.",
    )
    assert word_count(reply) <= 25 and not reply.startswith("- ")


def test_n_choices_and_seed(client) -> None:
    r = client.chat.completions.create(
        model="mock-gpt", n=2, messages=[{"role": "user", "content": VAGUE}]
    )
    assert [c.index for c in r.choices] == [0, 1]


_SCRIPT = """
import json
from aiwork.mock import transport
c = transport.client()
out = []
for p in {prompts!r}:
    out.append(c.chat.completions.create(model="mock-gpt", messages=[{{"role": "user", "content": p}}]).model_dump())
    out.append(c.embeddings.create(model="mock-embedding", input=p, encoding_format="float").data[0].embedding[:8])
print(json.dumps(out, ensure_ascii=False))
"""


def test_deterministic_across_processes() -> None:
    prompts = [GOOD, VAGUE, "Lệ phí cấp căn cước là bao nhiêu?", "Tóm tắt văn bản sau:\n" + SOURCE]
    code = _SCRIPT.format(prompts=prompts)
    runs = [
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={
                "PYTHONHASHSEED": seed,
                "PATH": "/usr/bin:/bin",
                "PYTHONPATH": os.pathsep.join(p for p in sys.path if p),
            },
        ).stdout
        for seed in ("1", "2")
    ]
    assert runs[0] == runs[1]
    assert len(json.loads(runs[0])) == 2 * len(prompts)


SYSTEM_LABELS = (
    "Bạn là cán bộ tiếp nhận phản ánh của UBND phường. Phân loại mỗi phản ánh vào một "
    "trong các nhãn: Đất đai, Môi trường, Giao thông, Hộ tịch, Khác. Chỉ trả lời đúng "
    "một nhãn, không giải thích."
)
EXAMPLES = [
    ("Nhà bên cạnh lấn chiếm đất của gia đình tôi khi xây tường rào.", "Đất đai"),
    ("Bãi rác tự phát ở cuối hẻm bốc mùi hôi thối.", "Môi trường"),
]
NEW = "Đoạn đường gần chợ bị sụt lún, ổ gà lớn, xe máy đi qua rất nguy hiểm."


def test_few_shot_classification_answers_a_bare_label(client) -> None:
    messages = [{"role": "system", "content": SYSTEM_LABELS}]
    for text, label in EXAMPLES:
        messages += [{"role": "user", "content": text}, {"role": "assistant", "content": label}]
    messages.append({"role": "user", "content": NEW})
    r = client.chat.completions.create(model="mock-gpt", messages=messages)
    assert r.choices[0].message.content == "Giao thông"
    # Zero-shot with the same system prompt: still the bare label.
    assert ask(client, NEW, system=SYSTEM_LABELS) == "Giao thông"
    # Without "label only", the reply explains itself.
    assert ask(
        client, "Phân loại phản ánh sau vào các nhóm: Đất đai, Giao thông, Khác.\n" + NEW
    ).startswith("Phân loại: Giao thông. Lý do:")


def test_format_rewrite_keeps_numbers(client) -> None:
    reply = ask(
        client,
        'Chuyển đoạn sau thành gạch đầu dòng: """Năm 2025 trung tâm tiếp nhận '
        '12.500 hồ sơ. Tỷ lệ trực tuyến đạt 68%. thời gian chờ giảm còn 15 phút."""',
    )
    assert reply.splitlines() == [
        "- Năm 2025 trung tâm tiếp nhận 12.500 hồ sơ.",
        "- Tỷ lệ trực tuyến đạt 68%.",
        "- Thời gian chờ giảm còn 15 phút.",
    ]


def test_prose_request_gives_one_paragraph_draft(client) -> None:
    reply = ask(
        client,
        "Hãy viết một thông báo ngắn gửi toàn thể cán bộ về buổi tập huấn kỹ năng "
        "số lúc 8h00 ngày 15/12/2026 tại hội trường UBND phường. Trình bày thành một "
        "đoạn văn, không quá 80 từ.",
    )
    assert len(reply.splitlines()) == 1 and word_count(reply) <= 80
    assert "15/12/2026" in reply and not reply.startswith("-")


def test_extract_numbers_the_vietnamese_way_and_null_when_absent(client) -> None:
    schema = {
        "type": "object",
        "additionalProperties": False,
        "required": ["so_ho_so", "ty_le", "nam", "so_quay"],
        "properties": {
            "so_ho_so": {"type": "integer"},
            "ty_le": {"type": "number"},
            "nam": {"type": "integer"},
            "so_quay": {"type": ["integer", "null"]},
        },
    }
    r = client.chat.completions.create(
        model="mock-gpt",
        messages=[
            {
                "role": "user",
                "content": "Trích xuất: Năm 2025 tiếp nhận 12.500 hồ sơ, tỷ lệ trực tuyến 84,5%.",
            }
        ],
        response_format={
            "type": "json_schema",
            "json_schema": {"name": "x", "schema": schema, "strict": True},
        },
    )
    assert json.loads(r.choices[0].message.content) == {
        "so_ho_so": 12500,
        "ty_le": 84.5,
        "nam": 2025,
        "so_quay": None,
    }


def test_ideas_change_with_temperature_but_not_between_runs(client) -> None:
    prompt = "Gợi ý 3 khẩu hiệu ngắn tuyên truyền phong trào Bình dân học vụ số."
    cold = ask(client, prompt, temperature=0)
    warm = ask(client, prompt, temperature=1)
    assert cold != warm and warm == ask(client, prompt, temperature=1)
    for reply in (cold, warm):
        assert len([ln for ln in reply.splitlines() if ln.startswith("- ")]) == 3


PETITION = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nĐƠN PHẢN ÁNH\n"
    "Kính gửi: Ủy ban nhân dân phường Quy Nhơn\nTôi tên là [HO_TEN_1], CCCD số [CCCD_1],\n"
    "trú tại [DIA_CHI_1].\nNgày 05/9/2026, tôi nộp hồ sơ cấp Giấy chứng nhận quyền sử dụng "
    "đất lần đầu cho thửa\nđất của gia đình. Đến nay đã quá 20 ngày làm việc nhưng tôi vẫn "
    "chưa nhận được kết quả.\nTôi xin chân thành cảm ơn."
)


def test_reply_to_a_petition_uses_petition_and_cited_answer(client) -> None:
    answer = "Thời hạn giải quyết là không quá 20 ngày làm việc [tthc-gcn-lan-dau]."
    reply = ask(
        client,
        "Bạn là chuyên viên Văn phòng UBND phường. Soạn phần nội dung công văn trả "
        f"lời đơn sau, 3 đoạn văn.\n<<<\n{PETITION}\n>>>\n<<<\n{answer}\n>>>",
    )
    paragraphs = reply.split("\n\n")
    assert len(paragraphs) == 3
    assert "[HO_TEN_1]" in paragraphs[0] and "05/9/2026" in paragraphs[0]
    assert "CCCD" not in reply and "Tôi xin" not in reply  # petition boilerplate left out
    assert "[tthc-gcn-lan-dau]" in paragraphs[1]


def test_extract_enum_and_summary_from_a_petition(client) -> None:
    schema = {
        "type": "object",
        "additionalProperties": False,
        "required": ["tom_tat", "linh_vuc"],
        "properties": {
            "tom_tat": {"type": "string"},
            "linh_vuc": {
                "type": "string",
                "enum": ["Hộ tịch", "Bảo trợ xã hội", "Đất đai", "Khác"],
            },
        },
    }
    r = client.chat.completions.create(
        model="mock-gpt",
        messages=[{"role": "user", "content": f"Phân tích đơn sau:\n<<<\n{PETITION}\n>>>"}],
        response_format={
            "type": "json_schema",
            "json_schema": {"name": "don", "schema": schema, "strict": True},
        },
    )
    data = json.loads(r.choices[0].message.content)
    assert data["linh_vuc"] == "Đất đai"
    assert "05/9/2026" in data["tom_tat"] and "CỘNG HÒA" not in data["tom_tat"]


def test_a_list_of_figures_is_written_as_a_paragraph_that_names_each_figure():
    """Issue 17: asked for a paragraph from "name: figure" lines, a real model states every
    figure with its name (a wrong figure in the prompt is repeated, not corrected)."""
    from aiwork.assistant import hoi

    prompt = (
        "Bạn là chuyên viên tổng hợp. Nhiệm vụ: tóm tắt kết quả thành một đoạn văn.\n"
        "<so_lieu>\n- Tổng số hồ sơ tiếp nhận: 198.722\n- Tỷ lệ hồ sơ trực tuyến: 62,4%\n"
        "- Tỷ lệ giải quyết đúng hạn: 97,4%\n- Số đơn vị đạt mục tiêu 80%: 7/12\n</so_lieu>\n"
        "Chỉ dùng số liệu đã cho."
    )
    reply = hoi(prompt)
    assert "\n" not in reply.strip()
    for part in (
        "tổng số hồ sơ tiếp nhận là 198.722",
        "tỷ lệ hồ sơ trực tuyến đạt 62,4%",
        "tỷ lệ giải quyết đúng hạn đạt 97,4%",
        "số đơn vị đạt mục tiêu 80% là 7/12",
    ):
        assert part in reply.lower(), reply
    bullets = hoi(prompt.replace("một đoạn văn", "các gạch đầu dòng"))
    assert bullets.count("\n- ") + bullets.startswith("- ") >= 4, bullets


def test_a_passage_on_the_procedure_asked_in_shorthand_or_everyday_words_is_answered(
    client,
) -> None:
    # "attp" is written out, "sang tên sổ hồng" is the course's "đăng ký biến động": the
    # passage on that very procedure shares the question's topic, so it is answered from
    prompt = (
        "Chỉ dựa vào các đoạn sau, trả lời.\n"
        "[tp-bep] Thủ tục: Cấp giấy chứng nhận bếp ăn tập thể đủ điều kiện an toàn thực phẩm. "
        "Cơ quan thực hiện: Ban quản lý an toàn thực phẩm của tỉnh.\n"
        "### Câu hỏi\nbep an cong ty xin giay attp thi ai cap?"
    )
    assert "[tp-bep]" in ask(client, prompt)
    prompt = (
        "Chỉ dựa vào các đoạn sau, trả lời.\n"
        "[dat-bd] Thủ tục: Đăng ký biến động quyền sử dụng đất khi chuyển nhượng, tặng cho. "
        "Thời hạn giải quyết: không quá 10 ngày làm việc.\n"
        "### Câu hỏi\nsang ten so hong cho con mat bao lau?"
    )
    assert "[dat-bd]" in ask(client, prompt)
