"""Function calling: choose a tool, fill its arguments from the conversation by its JSON
schema, then answer from the tool's result.

Choosing: a tool's words are its name (snake_case and camelCase split), description and
parameter names and descriptions, English words widened by :data:`LEXICON` to their
Vietnamese equivalents, so ``get_weather(city)`` with no description is still called for
"Thời tiết ở Hà Nội thế nào?". A tool scores the share of its words found in the user turn
plus the share of the user's words found in it. ``tool_choice``: "none" -> no call;
"required" -> the best tool even with score 0; a named function -> that one; "auto"
(default) -> the best tool if it scores above 0.

Arguments, each property by what its name and description say it holds
(:func:`param_kind`): places ("Hà Nội", "tỉnh Gia Lai"), people's names, dates (ISO when the
schema says ``format: date`` or the description asks for YYYY-MM-DD), times, numbers read the
Vietnamese way, enums (the option the text names, else the closest by the classifier's
lexicon), e-mails, phones, free-text queries (the user's question), and other strings (the
subject of the question without the tool's own words: "đăng ký khai sinh" for
``tra_cuu_le_phi(thu_tuc)``). The last user turn is read first, then earlier turns. A value
the conversation does not give is "không có thông tin" (null when the schema allows it).

Agents SDK handoffs are tools named ``transfer_to_<agent>``: after one, its output is not a
result to answer from; the new agent's own tools are chosen (the handoff tools are not
offered again to the agent just handed to).

Answering: a JSON result becomes a sentence of labelled values (keys in Vietnamese where
known); a short text result is quoted whole; a long one or passages are answered from like
any context (citing passage ids).
"""

from __future__ import annotations

import json
import re
from typing import Any

from aiwork.mock.conversation import Conversation, Tool
from aiwork.mock.entities import people, places
from aiwork.mock.replies import Reply, ToolCall
from aiwork.mock.replies.answer import from_context, from_passages, question_of, topic_of
from aiwork.mock.replies.extract import UNKNOWN, _Ctx, _number, fill
from aiwork.mock.textutil import facts, keywords, overlap, passages
from aiwork.prompt_anatomy import PromptAnatomy
from aiwork.vi import find_dates, find_times, fold_keep_offsets

HANDOFF_PREFIX = "transfer_to_"

# English words of tool and parameter names -> folded Vietnamese words they stand for.
LEXICON: dict[str, str] = {
    "weather": "thoi tiet nang mua nhiet do",
    "forecast": "du bao thoi tiet",
    "temperature": "nhiet do",
    "search": "tim kiem tra cuu tim",
    "find": "tim tra cuu",
    "lookup": "tra cuu",
    "look": "tra cuu",
    "query": "tra cuu hoi",
    "get": "lay xem",
    "list": "danh sach liet ke",
    "fee": "le phi phi muc thu",
    "fees": "le phi phi",
    "price": "gia",
    "cost": "chi phi",
    "procedure": "thu tuc",
    "procedures": "thu tuc",
    "document": "van ban tai lieu",
    "documents": "van ban tai lieu",
    "law": "luat phap luat",
    "regulation": "quy dinh",
    "population": "dan so",
    "citizen": "cong dan nguoi dan",
    "send": "gui",
    "email": "email thu",
    "mail": "thu email",
    "message": "tin nhan",
    "sms": "tin nhan",
    "notify": "thong bao",
    "notification": "thong bao",
    "schedule": "lich dat",
    "calendar": "lich",
    "meeting": "hop cuoc hop",
    "book": "dat",
    "booking": "dat",
    "room": "phong",
    "reserve": "dat",
    "calculate": "tinh",
    "compute": "tinh",
    "convert": "doi quy doi",
    "currency": "tien te",
    "exchange": "ty gia doi",
    "rate": "ty le ty gia",
    "translate": "dich",
    "summarize": "tom tat",
    "summarise": "tom tat",
    "date": "ngay",
    "time": "gio thoi gian",
    "deadline": "thoi han han",
    "status": "trang thai tinh trang",
    "application": "ho so",
    "dossier": "ho so",
    "record": "ho so",
    "birth": "khai sinh sinh",
    "marriage": "ket hon",
    "land": "dat dai dat",
    "tax": "thue",
    "salary": "luong",
    "leave": "nghi phep",
    "employee": "can bo nhan vien",
    "staff": "can bo nhan vien",
    "city": "thanh pho",
    "province": "tinh",
    "district": "huyen quan",
    "ward": "phuong",
    "commune": "xa",
    "address": "dia chi",
    "location": "dia diem vi tri",
    "phone": "dien thoai",
    "name": "ten",
    "report": "bao cao",
    "statistics": "thong ke so lieu",
    "stats": "thong ke so lieu",
    "count": "so luong dem",
    "news": "tin tuc",
    "agent": "",
    "transfer": "",
    "handoff": "",
}

# A property's kind, from the words of its name and description (folded).
_PLACE_WORDS = frozenset(
    """city location place province district ward commune address region country destination
    origin town village tinh thanh pho xa phuong huyen quan dia diem dia chi khu vuc vi tri
    dia ban noi""".split()
)
_UNIT_ONLY = frozenset(
    "city province district ward commune town tinh thanh pho xa phuong huyen quan".split()
)
_PERSON_NAMES = re.compile(
    r"^(name|full ?name|person|applicant|citizen|recipient|ho ten|ho va ten|ten nguoi\b.*|"
    r"nguoi .*|cong dan|ten cong dan|nguoi nhan|nguoi gui|nguoi nop)$"
)
_QUERY = re.compile(
    r"^(query|q|keyword|keywords|search|search query|term|tu ?khoa|cau ?hoi|noi ?dung|question|"
    r"text|prompt|input|request|yeu cau|van de)$"
)
_PHONE = re.compile(r"(?:\+84|0)[35789](?:[ .]?\d){8}\b")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def _split_name(name: str) -> str:
    """ "getWeather" / "get_weather" / "get-weather" -> "get weather" (folded)."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name)
    return fold_keep_offsets(re.sub(r"[_\-.]+", " ", spaced)).strip()


def _widen(words: list[str]) -> list[str]:
    out = []
    for w in words:
        out.append(w)
        out += LEXICON.get(w, "").split()
    return out


def _tool_words(tool: Tool) -> list[str]:
    params = tool.parameters.get("properties", {}) if isinstance(tool.parameters, dict) else {}
    bits = [_split_name(tool.name), tool.description]
    bits += [
        f"{_split_name(k)} {v.get('description', '')}"
        for k, v in params.items()
        if isinstance(v, dict)
    ]
    words = [w for w in _widen(keywords(" ".join(bits))) if w not in ("transfer", "agent")]
    return words


def is_handoff(name: str) -> bool:
    return name.startswith(HANDOFF_PREFIX)


def just_handed_off(conv: Conversation) -> bool:
    """The results after the last user turn are only handoffs: a new agent is answering."""
    return bool(conv.called) and all(is_handoff(n) for n in conv.called)


def choose(conv: Conversation) -> Tool | None:
    choice = conv.tool_choice
    tools = conv.tools
    if choice == "none" or not tools:
        return None
    if just_handed_off(conv):
        # The agent handed to answers with its own tools, not by handing off again.
        tools = [t for t in tools if not is_handoff(t.name)] or []
        if not tools:
            return None
    if isinstance(choice, dict):
        name = (choice.get("function") or {}).get("name") or choice.get("name")
        named = [t for t in tools if t.name == name]
        if named:
            return named[0]
    uk = _widen(keywords(conv.user))
    scored = [
        (overlap(_tool_words(t), uk) + overlap(keywords(conv.user), _tool_words(t)), -i, t)
        for i, t in enumerate(tools)
    ]
    best_score, _, best = max(scored, key=lambda s: (s[0], s[1]))
    if best_score > 0 or choice == "required" or isinstance(choice, dict):
        return best
    return None


def param_kind(name: str, prop: dict[str, Any]) -> str:
    """What a property holds: enum, boolean, number, date, time, place, person, email,
    phone, query, object, array or text."""
    words = _split_name(name)
    desc = fold_keep_offsets(str(prop.get("description") or ""))
    kind = prop.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "string")
    if "enum" in prop:
        return "enum"
    if kind in ("object", "array") or "properties" in prop or "$ref" in prop:
        return "nested"
    if kind == "boolean":
        return "boolean"
    if kind in ("integer", "number"):
        return "number"
    tokens = set(words.split())
    if prop.get("format") in ("date", "date-time") or tokens & {"date", "day", "ngay"}:
        return "date"
    if prop.get("format") == "email" or "email" in tokens:
        return "email"
    if tokens & {"phone", "sdt", "tel", "mobile"} or "dien thoai" in words:
        return "phone"
    if tokens & {"time", "gio", "hour"} and not tokens & {"zone"}:
        return "time"
    if words in ("to", "recipient", "recipients", "receiver", "nguoi nhan", "gui cho", "den"):
        return "recipient"
    if tokens & {"subject", "title", "topic"} or words in (
        "tieu de",
        "chu de",
        "trich yeu",
        "ve viec",
    ):
        return "subject"
    if tokens & {"body", "content", "message", "text"} or words in ("noi dung", "loi nhan"):
        return "body"
    if _QUERY.match(words):
        return "query"
    if _PERSON_NAMES.match(words) or re.search(r"\b(ho (va )?ten|ten nguoi|full name)\b", desc):
        return "person"
    if (
        tokens & _PLACE_WORDS
        or "thanh pho" in words
        or "dia diem" in words
        or "dia chi" in words
        or re.search(r"\b(dia diem|dia chi|thanh pho|tinh thanh|city|location)\b", desc)
    ):
        return "place"
    return "text"


def _iso_wanted(prop: dict[str, Any]) -> bool:
    desc = str(prop.get("description") or "")
    return prop.get("format") in ("date", "date-time") or bool(
        re.search(r"YYYY-MM-DD|ISO|yyyy-mm-dd", desc)
    )


def _first(texts: list[str], find) -> Any:
    for text in texts:
        value = find(text)
        if value:
            return value
    return None


def _value(key: str, prop: dict[str, Any], texts: list[str], tool: Tool, question: str) -> Any:
    kind = param_kind(key, prop)
    if kind == "enum":
        return _enum(prop["enum"], texts)
    if kind == "date":
        found = _first(texts, find_dates)
        if not found:
            return None
        d = found[0]
        if _iso_wanted(prop) and d.date is not None:
            iso = d.date.isoformat()
            return iso + ("T00:00:00Z" if prop.get("format") == "date-time" else "")
        return d.text.removeprefix("ngày ").strip()
    if kind == "time":
        found = _first(texts, find_times)
        return found[0].text if found else None
    if kind == "place":
        if set(_split_name(key).split()) & _UNIT_ONLY:
            found = _first(texts, places)  # a city, a province: its name alone
            return found[0].name if found else None
        # A venue or an address: the "tại ..." clause as written, else a named place.
        venue = _first(texts, lambda t: facts(t).places)
        if venue:
            return venue[0]
        found = _first(texts, places)
        return found[0].text if found else None
    if kind == "person":
        found = _first(texts, people)
        return found[0] if found else None
    if kind == "email":
        m = _first(texts, _EMAIL.search)
        return m.group(0) if m else None
    if kind == "phone":
        m = _first(texts, _PHONE.search)
        return m.group(0) if m else None
    if kind == "query":
        return question
    if kind in ("subject", "body"):
        subject = _first(texts, lambda t: facts(t).subject) or _subject(question, tool)
        if kind == "subject" or not subject:
            return subject[:1].upper() + subject[1:] if subject else None
        who = _first(texts, people)
        greeting = f"Kính gửi {who[0]}," if who else "Kính gửi anh/chị,"
        return f"{greeting} tôi xin gửi thông tin về {subject}. Trân trọng."
    if kind == "recipient":
        m = _first(texts, _EMAIL.search)
        if m:
            return m.group(0)
        found = _first(texts, people) or _first(texts, lambda t: facts(t).recipients)
        return found[0] if found else None
    # Other text: the subject of the question, without the tool's own words ("lệ phí" for
    # tra_cuu_le_phi), so thu_tuc gets "đăng ký khai sinh".
    return _subject(question, tool) or None


def _subject(question: str, tool: Tool) -> str:
    topic = topic_of(question)
    own = set(_tool_words(tool)) | {"tra", "cuu", "cho", "biet", "xem", "hoi"}
    words = topic.split()
    while words and fold_keep_offsets(words[0]).strip(",.") in own:
        words.pop(0)
    return " ".join(words).strip(" ,.")


def _enum(options: list[Any], texts: list[str]) -> Any:
    strings = [o for o in options if isinstance(o, str)]
    if not strings:
        return options[0]
    for text in texts:
        folded = fold_keep_offsets(text)
        named = [
            o
            for o in strings
            if fold_keep_offsets(o) and re.search(rf"\b{re.escape(fold_keep_offsets(o))}\b", folded)
        ]
        if named:
            return named[0]
    from aiwork.mock.replies.classify import choose_label

    return choose_label(" ".join(texts[:1]), strings, [])[0]


def arguments(conv: Conversation, tool: Tool) -> dict[str, Any]:
    schema: dict[str, Any] = tool.parameters if isinstance(tool.parameters, dict) else {}
    earlier = [t for r, t in reversed(conv.turns) if r == "user" and t is not conv.user]
    texts = [conv.user, *earlier, conv.system]
    texts = [t for t in texts if t]
    question = question_of(conv.user).strip()
    ctx = _Ctx(conv.user)
    args: dict[str, Any] = {}
    props = schema.get("properties") or {}
    required = set(schema.get("required") or [])
    for key, prop in props.items():
        prop = prop if isinstance(prop, dict) else {}
        kind = param_kind(key, prop)
        types = prop.get("type")
        nullable = (isinstance(types, list) and "null" in types) or any(
            isinstance(o, dict) and o.get("type") == "null" for o in prop.get("anyOf") or []
        )
        if kind == "nested" or "anyOf" in prop or "$ref" in prop:
            value = fill({**prop}, ctx, key, {**schema.get("$defs", {})}, nullable)
        elif kind == "number":
            integer = (types == "integer") or (isinstance(types, list) and "integer" in types)
            value = _number(key, prop, ctx, integer, nullable=True)
            if value is None and not nullable:
                value = prop.get("minimum", 0) if key in required else None
        elif kind == "boolean":
            value = fill(prop, ctx, key)
        else:
            value = _value(key, prop, texts, tool, question)
        if value is None:
            if nullable:
                value = None
            elif key in required or schema.get("additionalProperties") is False:
                value = UNKNOWN if kind not in ("number", "boolean") else value
            else:
                continue  # an optional argument the user did not give is left out
        args[key] = value
    return args


def call(conv: Conversation, tool: Tool, seed: str) -> Reply:
    arguments_json = json.dumps(arguments(conv, tool), ensure_ascii=False)
    return Reply(
        None,
        task="tool-call",
        tool_calls=[ToolCall("call_" + seed[:24], tool.name, arguments_json)],
    )


# Keys of tool results shown in Vietnamese (folded key -> label).
KEY_LABELS: dict[str, str] = {
    "temperature": "nhiệt độ",
    "temp": "nhiệt độ",
    "condition": "tình trạng",
    "weather": "thời tiết",
    "humidity": "độ ẩm",
    "wind": "gió",
    "forecast": "dự báo",
    "population": "dân số",
    "area": "diện tích",
    "fee": "lệ phí",
    "fees": "lệ phí",
    "price": "giá",
    "cost": "chi phí",
    "amount": "số tiền",
    "total": "tổng",
    "count": "số lượng",
    "deadline": "thời hạn",
    "duration": "thời gian",
    "status": "trạng thái",
    "result": "kết quả",
    "results": "kết quả",
    "name": "tên",
    "city": "thành phố",
    "province": "tỉnh",
    "date": "ngày",
    "time": "giờ",
    "address": "địa chỉ",
    "phone": "số điện thoại",
    "description": "mô tả",
    "message": "nội dung",
    "note": "ghi chú",
    "notes": "ghi chú",
    "documents": "giấy tờ",
    "requirements": "yêu cầu",
    "procedure": "thủ tục",
    "agency": "cơ quan",
    "office": "cơ quan",
    "unit": "đơn vị",
    "ok": "thành công",
    "success": "thành công",
    "id": "mã",
}


def _label(key: str) -> str:
    words = _split_name(str(key))
    if words in KEY_LABELS:
        return KEY_LABELS[words]
    return str(key).replace("_", " ")


def _value_text(value: Any) -> str:
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, list):
        return ", ".join(_value_text(v) for v in value if v not in (None, ""))
    if isinstance(value, dict):
        return "; ".join(
            f"{_label(k)}: {_value_text(v)}" for k, v in value.items() if v not in (None, "")
        )
    return str(value)


def _json_sentence(data: Any) -> str:
    if isinstance(data, dict):
        pairs = [
            f"{_label(k)}: {_value_text(v)}" for k, v in data.items() if v not in (None, "", [], {})
        ]
        return "; ".join(pairs)
    if isinstance(data, list):
        return "\n".join(f"- {_value_text(item)}" for item in data if item not in (None, ""))
    return _value_text(data)


def _real_results(conv: Conversation) -> list[tuple[str, str]]:
    """(tool name, output text) of the results after the last user turn, handoffs left out."""
    names = conv.called + [""] * (len(conv.tool_results) - len(conv.called))
    return [(n, t) for n, t in zip(names, conv.tool_results, strict=False) if not is_handoff(n)]


def answer_from_results(conv: Conversation, anatomy: PromptAnatomy, seed: str) -> Reply:
    results = _real_results(conv)
    texts = "\n".join(t for _, t in results)
    found = passages(texts)
    if found:
        reply = from_passages(conv.user, found, anatomy, seed)
        reply.task = "tool-answer"
        return reply
    lines = []
    for name, text in results:
        source = f"công cụ {name}" if name else "công cụ"
        try:
            data = json.loads(text)
        except ValueError:
            data = None
        if isinstance(data, dict | list) and data:
            body = _json_sentence(data)
            sep = ":\n" if body.startswith("- ") else ": "
            lines.append(f"Theo kết quả từ {source}{sep}{body}.".replace("..", "."))
        elif isinstance(data, str | int | float) and not isinstance(data, bool):
            lines.append(f"Theo kết quả từ {source}: {data}.")
        elif text.strip() and data is None:
            if len(text.split()) <= 60:
                lines.append(f"Theo kết quả từ {source}: {text.strip().rstrip('.')}.")
            else:
                reply = from_context(conv.user, text, anatomy, seed)
                lines.append(reply.text or "")
    if not lines:
        return Reply("Công cụ không trả về thông tin nào cho yêu cầu này.", task="tool-answer")
    return Reply("\n".join(lines), task="tool-answer")
