"""Tools: arguments from the conversation by the schema, tools chosen without descriptions,
results used in the answer, Agents SDK handoffs (wire shapes)."""

from __future__ import annotations

import json

import jsonschema

MODEL = "mock-gpt"


def fn(name: str, properties: dict, required: list[str] | None = None, description: str = ""):
    tool = {
        "type": "function",
        "function": {
            "name": name,
            "parameters": {
                "type": "object",
                "properties": properties,
                "required": required if required is not None else list(properties),
            },
        },
    }
    if description:
        tool["function"]["description"] = description
    return tool


WEATHER = fn("get_weather", {"city": {"type": "string"}})
EMAIL = fn(
    "send_email",
    {"to": {"type": "string"}, "subject": {"type": "string"}, "body": {"type": "string"}},
)
FEE = fn("lookup_fee", {"procedure": {"type": "string"}})
MEETING = fn(
    "dat_lich_hop",
    {
        "ngay": {"type": "string", "format": "date"},
        "gio": {"type": "string"},
        "dia_diem": {"type": "string"},
        "so_nguoi": {"type": "integer"},
        "chu_tri": {"type": "string", "description": "họ tên người chủ trì"},
        "hinh_thuc": {"type": "string", "enum": ["trực tiếp", "trực tuyến"]},
    },
    description="Đặt lịch họp",
)


def call_of(client, messages, tools, **kw):
    reply = client.chat.completions.create(model=MODEL, messages=messages, tools=tools, **kw)
    calls = reply.choices[0].message.tool_calls or []
    assert calls, reply.choices[0].message.content
    args = json.loads(calls[0].function.arguments)
    schema = next(t for t in tools if t["function"]["name"] == calls[0].function.name)
    jsonschema.validate(args, schema["function"]["parameters"])
    return calls[0], args


def user(text: str) -> list[dict]:
    return [{"role": "user", "content": text}]


def test_place_from_the_prompt_and_no_description_needed(client) -> None:
    call, args = call_of(client, user("Thời tiết ở Hà Nội hôm nay thế nào?"), [WEATHER])
    assert call.function.name == "get_weather" and args == {"city": "Hà Nội"}
    _, args = call_of(client, user("Cho tôi biết thời tiết tỉnh Gia Lai."), [WEATHER])
    assert args["city"] == "Gia Lai"


def test_arguments_by_schema_dates_times_numbers_people_enums(client) -> None:
    prompt = (
        "Đặt lịch họp trực tuyến ngày 15/3/2026 lúc 14 giờ tại phòng họp số 2 cho 12 người, "
        "do ông Nguyễn Văn An chủ trì."
    )
    _, args = call_of(client, user(prompt), [MEETING])
    assert args["ngay"] == "2026-03-15"
    assert args["gio"].startswith("14")
    assert "phòng họp số 2" in args["dia_diem"]
    assert args["so_nguoi"] == 12
    assert args["chu_tri"] == "Nguyễn Văn An"
    assert args["hinh_thuc"] == "trực tuyến"


def test_tool_chosen_by_name_and_parameters_among_several(client) -> None:
    tools = [EMAIL, WEATHER, FEE]
    call, args = call_of(client, user("Lệ phí đăng ký khai sinh là bao nhiêu?"), tools)
    assert call.function.name == "lookup_fee"
    assert "khai sinh" in args["procedure"] and "lệ phí" not in args["procedure"].lower()
    call, args = call_of(
        client, user("Gửi email cho chị Lan tại lan@giaLai.gov.vn về lịch họp chiều nay."), tools
    )
    assert call.function.name == "send_email" and args["to"] == "lan@giaLai.gov.vn"


def test_earlier_turns_fill_what_the_last_one_leaves_out(client) -> None:
    messages = [
        {"role": "user", "content": "Tôi đang công tác ở Pleiku."},
        {"role": "assistant", "content": "Vâng, tôi đã ghi nhận."},
        {"role": "user", "content": "Thời tiết hôm nay thế nào?"},
    ]
    _, args = call_of(client, messages, [WEATHER])
    assert args["city"] == "Pleiku"


def test_tool_results_are_used_in_the_answer(client) -> None:
    messages = user("Thời tiết ở Hà Nội hôm nay thế nào?")
    call, _ = call_of(client, messages, [WEATHER])
    messages += [
        {
            "role": "assistant",
            "content": None,
            "tool_calls": [
                {
                    "id": call.id,
                    "type": "function",
                    "function": {"name": call.function.name, "arguments": call.function.arguments},
                }
            ],
        },
        {
            "role": "tool",
            "tool_call_id": call.id,
            "content": json.dumps({"temperature": 31, "condition": "nắng nhẹ"}),
        },
    ]
    final = client.chat.completions.create(model=MODEL, messages=messages, tools=[WEATHER])
    text = final.choices[0].message.content
    assert "31" in text and "nắng nhẹ" in text and "nhiệt độ" in text
    assert "temperature" not in text  # keys read in Vietnamese
    plain = messages[:-1] + [
        {"role": "tool", "tool_call_id": call.id, "content": "Hà Nội: 31 độ C, trời nắng nhẹ."}
    ]
    text = client.chat.completions.create(model=MODEL, messages=plain, tools=[WEATHER])
    assert "31 độ C" in text.choices[0].message.content


def test_handoff_then_the_specialists_tool(client) -> None:
    """The wire shape of an Agents SDK handoff (Responses API): triage hands off, the
    specialist calls its own tool, then answers from the result."""
    handoff = {
        "type": "function",
        "name": "transfer_to_ho_tich_agent",
        "description": "Handoff to the Hộ tịch agent to handle the request. Trả lời về khai "
        "sinh, kết hôn, khai tử.",
        "parameters": {"type": "object", "properties": {}, "required": []},
    }
    fee = {
        "type": "function",
        "name": "tra_cuu_le_phi",
        "description": "Tra cứu lệ phí thủ tục hành chính",
        "parameters": {
            "type": "object",
            "properties": {"thu_tuc": {"type": "string"}},
            "required": ["thu_tuc"],
        },
    }
    question = {"role": "user", "content": "Lệ phí đăng ký khai sinh là bao nhiêu?"}
    first = client.responses.create(
        model=MODEL, instructions="Bạn điều phối yêu cầu.", input=[question], tools=[handoff]
    )
    to = next(i for i in first.output if i.type == "function_call")
    assert to.name == "transfer_to_ho_tich_agent"
    history = [
        question,
        {"type": "function_call", "call_id": to.call_id, "name": to.name, "arguments": "{}"},
        {
            "type": "function_call_output",
            "call_id": to.call_id,
            "output": json.dumps({"assistant": "Hộ tịch agent"}),
        },
    ]
    second = client.responses.create(
        model=MODEL, instructions="Bạn là cán bộ hộ tịch.", input=history, tools=[fee]
    )
    use = next(i for i in second.output if i.type == "function_call")
    assert use.name == "tra_cuu_le_phi"
    assert "khai sinh" in json.loads(use.arguments)["thu_tuc"]
    third = client.responses.create(
        model=MODEL,
        instructions="Bạn là cán bộ hộ tịch.",
        tools=[fee],
        input=[
            *history,
            {
                "type": "function_call",
                "call_id": use.call_id,
                "name": use.name,
                "arguments": use.arguments,
            },
            {
                "type": "function_call_output",
                "call_id": use.call_id,
                "output": json.dumps({"thu_tuc": "Đăng ký khai sinh", "le_phi": "Miễn lệ phí"}),
            },
        ],
    )
    assert "Miễn lệ phí" in third.output_text
