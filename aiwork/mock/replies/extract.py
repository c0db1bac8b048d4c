"""Extract to JSON: fill the requested schema from the given text, never inventing values.

Every property is filled (strict schemas require all), guided by its name and description:
dates, times, places, agencies, recipients, people's names, phones, e-mails, document numbers
"05/QĐ-UBND", subject ("về việc"), a summary, a category... found in the prompt; numbers take
the number next to the property's name, read the Vietnamese way (clamped to the schema's
bounds; null if allowed, else 0, when the text has none); enums take the option that
best matches the text; arrays take sentences or found items (respecting min/maxItems); a value
the text does not give is "không có thông tin" (or null when the schema allows it). ``$ref``
/ ``$defs`` and ``anyOf`` (as pydantic writes them) are followed, so ``parse()`` succeeds.
"""

from __future__ import annotations

import json
import re
from typing import Any

from aiwork.mock.entities import people
from aiwork.mock.replies import Reply
from aiwork.mock.replies.draft import doc_type, doc_type_name
from aiwork.mock.replies.summarise import top_sentences
from aiwork.mock.textutil import (
    Facts,
    content_sentences,
    facts,
    keywords,
    overlap,
    sentences,
    source_text,
    strip_material,
    when,
)
from aiwork.prompt_anatomy import PromptAnatomy
from aiwork.vi import find_dates, find_times, fold_keep_offsets, parse_date, parse_number

UNKNOWN = "không có thông tin"

_PERSON = re.compile(
    r"\b(?:ông|bà|anh|chị|đồng chí|Ông|Bà|Anh|Chị|Đồng chí)\s+"
    r"((?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ][\wÀ-ỹ]*\s?){1,4})"
)
_PHONE = re.compile(r"(?:\+84|0)[35789](?:[ .]?\d){8}\b|\b0\d{2,3}[ .]?\d{3,4}[ .]?\d{3,4}\b")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_DOCNO = re.compile(r"\b\d{1,5}/(?:\d{4}/)?[A-ZĐ][A-ZĐa-z0-9-]*\b")
_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?")


class _Ctx:
    def __init__(self, text: str) -> None:
        self.text = text
        self.facts: Facts = facts(text)
        self.material = source_text(text) or text
        self.sents = sentences(self.material)

    @property
    def summary(self) -> list[str]:
        """Up to two content sentences of the material (no letterhead, greeting, masked
        personal data), chosen like the extractive summary."""
        content = " ".join(content_sentences(self.material))
        return top_sentences(content, 2) if content else self.sents[:1]


def _iso(date: str) -> str | None:
    try:
        return parse_date(date).isoformat()
    except ValueError:
        return None


def _string(name: str, prop: dict[str, Any], ctx: _Ctx) -> str | None:
    hint = fold_keep_offsets(f"{name} {prop.get('description', '')}").replace("_", " ")
    f = ctx.facts
    fmt = prop.get("format")
    if fmt in ("date", "date-time"):
        iso = next((i for i in map(_iso, f.dates) if i), None)
        if iso is None:
            return None
        return iso if fmt == "date" else iso + "T00:00:00Z"
    if fmt == "email" or "email" in hint:
        m = _EMAIL.search(ctx.text)
        return m.group(0) if m else None
    rules: list[tuple[tuple[str, ...], Any]] = [
        (("dien thoai", "phone", "sdt"), lambda: (_PHONE.search(ctx.text) or [None])[0]),
        (
            ("so hieu", "ky hieu", "so van ban", "number", "so quyet dinh", "so cong van"),
            lambda: (_DOCNO.search(ctx.text) or [None])[0],
        ),
        (("ngay", "date"), lambda: _date_for(hint, ctx.text)),
        (("gio", "thoi gian", "time"), lambda: when(f) or _period(ctx.text)),
        (
            ("dia diem", "dia chi", "place", "address", "noi to chuc"),
            lambda: f.places[0] if f.places else None,
        ),
        (
            ("co quan", "don vi", "agency", "ban hanh"),
            lambda: f.agencies[0] if f.agencies else None,
        ),
        (
            ("nguoi nhan", "kinh gui", "recipient", "thanh phan", "doi tuong"),
            lambda: f.recipients[0] if f.recipients else None,
        ),
        (
            ("thu tuc", "procedure"),
            lambda: _procedure(ctx.text),
        ),
        (
            ("ho ten", "ho va ten", "name", "nguoi", "ten", "chu tri", "nguoi ky"),
            lambda: (
                (people(ctx.text) or [None])[0]
                or (m.group(1).strip() if (m := _PERSON.search(ctx.text)) else None)
            ),
        ),
        (
            ("trich yeu", "tieu de", "title", "subject", "ve viec", "chu de"),
            lambda: f.subject or None,
        ),
        (
            ("loai", "type", "kind", "the loai"),
            lambda: doc_type_name(k) if (k := doc_type(ctx.text)) else None,
        ),
        (
            ("so tien", "kinh phi", "amount", "le phi", "phi", "gia", "price", "fee", "du toan"),
            lambda: (
                next((a for a in f.amounts if re.search(r"đồng|đ\b", a)), None)
                or (f.amounts[0] if f.amounts else None)
            ),
        ),
        (
            ("tom tat", "summary", "noi dung", "mo ta", "description"),
            lambda: " ".join(ctx.summary) or None,
        ),
    ]
    for keys, getter in rules:
        if any(re.search(rf"\b{k}\b", hint) for k in keys):
            value = getter()
            if value:
                return str(value).strip()
            break
    # Otherwise the sentence that best matches the property's name and description.
    hk = keywords(hint)
    best = max(ctx.sents, key=lambda s: overlap(hk, keywords(s)), default=None)
    if best and overlap(hk, keywords(best)) > 0:
        return best
    return None


_PROCEDURE = re.compile(
    r"\b((?:đăng ký|cấp|cấp lại|cấp đổi|xác nhận|chứng thực|trích lục|thay đổi|gia hạn|"
    r"điều chỉnh|công nhận)\s[^,.;()\n]+?)(?=\s+(?:tại|ngày|cho|của|lúc|vào|trước)\b|[,.;()\n]|$)",
    re.I,
)
_PERIOD = re.compile(
    r"\b(?:trong |vào |từ )?(?:quý [IVX\d]+(?:/\d{4}| năm \d{4})?|tháng \d{1,2}(?:/\d{4}| năm "
    r"\d{4})?|năm \d{4}|\d+ ngày làm việc)",
    re.I,
)


def _procedure(text: str) -> str | None:
    """The procedure a text names: "đăng ký thường trú", "cấp giấy phép xây dựng"."""
    m = _PROCEDURE.search(text)
    return m.group(1).strip() if m else None


def _period(text: str) -> str | None:
    m = _PERIOD.search(text)
    return m.group(0).strip() if m else None


def _date_for(hint: str, text: str) -> str | None:
    """The date of the text that the property asks for: the one whose preceding words
    share most with the property's name and description ("ngày nộp" -> the date after
    "nộp hồ sơ ..."), else the first."""
    found = find_dates(text)
    if not found:
        return None
    hint_words = set(hint.split()) - {"ngay", "date", "cua", "so"}
    best = max(
        enumerate(found),
        key=lambda x: (
            len(
                hint_words
                & set(fold_keep_offsets(text[max(0, x[1].start - 60) : x[1].start]).split())
            ),
            -x[0],
        ),
    )[1]
    text = best.text.strip()
    return text[5:] if best.style != "long" and text.lower().startswith("ngày ") else text


def _parse(raw: str) -> float:
    """A number as Vietnamese writes it (12.500 = twelve thousand five hundred, 84,5 = 84.5),
    by aiwork.vi's parser (the one home of that rule)."""
    try:
        return parse_number(raw.lstrip("-"))[0] * (-1 if raw.startswith("-") else 1)
    except ValueError:
        return float(re.sub(r"\D", "", raw) or 0)


def _number(
    name: str, prop: dict[str, Any], ctx: _Ctx, integer: bool, nullable: bool = False
) -> float | int | None:
    hk = keywords(name.replace("_", " ") + " " + prop.get("description", ""))
    # The number whose neighbouring words are in the property's name wins ("40 người" for
    # so_nguoi); then a number that is not a year; then the best-matching sentence.
    name_words = set(fold_keep_offsets(name).replace("_", " ").split()) | (
        set(hk) - {"so", "luong", "cua", "ty", "le"}
    )
    candidates = []
    for s in ctx.sents or [ctx.text]:
        inside = [(d.start, d.end) for d in find_dates(s)] + [
            (t.start, t.end) for t in find_times(s)
        ]
        s_score = overlap(hk, keywords(s))
        for m in _NUMBER.finditer(s):
            if any(a <= m.start() < b for a, b in inside):
                continue  # a day, month or year of a date, an hour: not a count
            # Name words right after ("40 người") or just before ("tỷ lệ ... 84,5%") the number.
            nxt = re.findall(r"\w+", fold_keep_offsets(s[m.end() : m.end() + 20]))[:1]
            before = re.findall(r"\w+", fold_keep_offsets(s[max(0, m.start() - 30) : m.start()]))[
                -4:
            ]
            unit = (2.0 if nxt and nxt[0] in name_words else 0.0) + len(name_words & set(before))
            year = re.fullmatch(r"(19|20)\d\d", m.group(0)) is not None and "nam" not in name_words
            candidates.append((unit, not year, s_score, -m.start(), m.group(0)))
    best = max(candidates, default=None)
    # Where null is allowed, a number needs evidence (name words beside it), not just presence.
    if best is None or (nullable and best[0] == 0):
        return None
    value = _parse(best[-1])
    lo, hi = prop.get("minimum"), prop.get("maximum")
    if lo is not None:
        value = max(value, lo)
    if hi is not None:
        value = min(value, hi)
    return int(value) if integer else value


def fill(
    schema: dict[str, Any],
    ctx: _Ctx,
    name: str = "",
    defs: dict | None = None,
    nullable: bool = False,
) -> Any:
    defs = (
        defs if defs is not None else {**schema.get("$defs", {}), **schema.get("definitions", {})}
    )
    if "$ref" in schema:
        target = schema["$ref"].rsplit("/", 1)[-1]
        return fill(
            {**defs.get(target, {}), **{k: v for k, v in schema.items() if k != "$ref"}},
            ctx,
            name,
            defs,
        )
    for key in ("anyOf", "oneOf"):
        if key in schema:
            options = schema[key]
            nullable = nullable or any(o.get("type") == "null" for o in options)
            for option in options:
                if option.get("type") != "null":
                    value = fill(option, ctx, name, defs, nullable)
                    if value not in (None, UNKNOWN) or not nullable:
                        return value
            return None
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        options = schema["enum"]
        if all(isinstance(o, str) for o in options):
            # The classifier's lexicon knows that "thửa đất" is Đất đai, not just the label words.
            from aiwork.mock.replies.classify import choose_label

            return choose_label(ctx.material, list(options), [])[0]
        return options[0]
    kind = schema.get("type")
    if isinstance(kind, list):
        nullable = "null" in kind
        kind = next((k for k in kind if k != "null"), "string")
        if nullable:
            value = fill({**schema, "type": kind}, ctx, name, defs, True)
            return None if value == UNKNOWN else value
    if kind == "object" or "properties" in schema:
        return {
            key: fill(prop, ctx, key, defs) for key, prop in schema.get("properties", {}).items()
        }
    if kind == "array":
        return _array(schema, ctx, name, defs)
    if kind in ("integer", "number"):
        number = _number(name, schema, ctx, kind == "integer", nullable)
        # No number in the text: null where allowed, else 0 (the schema forces a number).
        return number if number is not None or nullable else 0
    if kind == "boolean":
        hk = keywords(name.replace("_", " "))
        return bool(hk) and overlap(hk, keywords(ctx.text)) >= 0.5
    value = _string(name, schema, ctx)
    return value if value is not None else UNKNOWN


def _array(schema: dict[str, Any], ctx: _Ctx, name: str, defs: dict) -> list[Any]:
    items = schema.get("items", {"type": "string"})
    lo, hi = schema.get("minItems", 1), schema.get("maxItems", 3)
    resolved = items
    if "$ref" in items:
        resolved = defs.get(items["$ref"].rsplit("/", 1)[-1], {})
    if resolved.get("type", "string") == "string" and "enum" not in resolved:
        hint = fold_keep_offsets(name)
        f = ctx.facts
        found = (
            f.dates
            if "ngay" in hint or "date" in hint
            else f.places
            if "dia" in hint or "place" in hint
            else f.agencies
            if "co quan" in hint.replace("_", " ")
            else f.recipients
            if "thanh phan" in hint.replace("_", " ")
            else ctx.sents
        )
        values = list(found[:hi])
        while len(values) < lo:
            values.append(UNKNOWN)
        return values
    count = max(lo, 1)
    return [fill(items, ctx, name, defs) for _ in range(min(count, hi))]


def _slug(label: str) -> str:
    return re.sub(r"\W+", "_", fold_keep_offsets(label)).strip("_") or "truong"


_FIELD_LIST = re.compile(
    r"(?:các trường|các thông tin(?: sau)?|các mục|gồm(?: các trường| các thông tin| các mục)?|"
    r"trích xuất(?: các thông tin| thông tin)?(?: sau)?)\s*:?\s*([^.\n:]+)",
    re.I,
)
_FIELD_NOISE = re.compile(
    r"\s*(?:dưới dạng|thành|ra|theo định dạng|ở dạng)\s+json.*$|\s+(?:của|trong|từ)\s+(?:văn bản|"
    r"cuộc họp|đơn|thông báo|quyết định|nội dung|đoạn|công văn|báo cáo)(?:\s+sau|\s+dưới đây)?.*$",
    re.I,
)


def requested_fields(prompt: str) -> list[str]:
    """The fields a prompt lists: "Trích xuất thời gian, địa điểm, người chủ trì ... thành
    JSON", "JSON gồm các trường: họ tên, số điện thoại"."""
    instruction = re.sub(r"\s+", " ", strip_material(prompt))
    colon = re.search(r"(?:trường|thông tin|mục|gồm|sau)[^:.]{0,20}:\s*([^.:]+)", instruction, re.I)
    matches = [colon] if colon else []
    for m in [*matches, *_FIELD_LIST.finditer(instruction)]:
        raw = _FIELD_NOISE.sub("", m.group(1)).strip(" ,")
        parts = [p.strip(" .\"'“”") for p in re.split(r",|;|\bvà\b", raw)]
        parts = [p for p in parts if p and len(p.split()) <= 5 and not re.search(r"json", p, re.I)]
        if len(parts) >= 2 or (parts and ":" in m.group(0)):
            return parts
    return []


def extract(prompt: str, anatomy: PromptAnatomy, seed: str, schema: dict | None) -> Reply:
    ctx = _Ctx(prompt)
    fields = list(anatomy.fields) or requested_fields(prompt)
    if fields and not schema:
        longest = max(fields, key=len)
        if len(fields) < len(requested_fields(prompt)) or len(longest.split()) > 5:
            fields = requested_fields(prompt) or fields
    if schema:
        value = fill(schema, ctx)
    elif fields:
        props = {_slug(f): {"type": "string", "description": f} for f in fields}
        value = fill({"type": "object", "properties": props}, ctx)
    else:
        value = {
            "tom_tat": ctx.sents[0] if ctx.sents else UNKNOWN,
            "ngay": ctx.facts.dates,
            "dia_diem": ctx.facts.places,
            "co_quan": ctx.facts.agencies,
            "so_lieu": ctx.facts.amounts,
        }
    return Reply(json.dumps(value, ensure_ascii=False), task="extract")
