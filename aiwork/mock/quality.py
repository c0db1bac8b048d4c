"""Is a reply worth teaching with? The checks behind the labelled prompt set
(``tests/mock/quality/*.yaml``), shared by ``tests/mock/test_quality.py`` and
``bench/mock_bench.py`` (pass rate per kind).

Every reply is checked for: not empty, no echo of the prompt's instruction, no sentence cut
off in the middle (a sentence of the source that the reply ends early, "phong trào Bình dân
học."), no English words in a Vietnamese reply that the prompt did not contain. Each case adds
its own checks (see :func:`check`): facts kept (dates and times in any written form), words
forbidden, a word / sentence / bullet limit, prose layout, a label from the allowed set and the
right one, JSON with the values of the text, passages cited (only given ids), "not covered"
said when nothing matches, the output language and its terms.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiwork.mock.textutil import OPENERS, passages, source_text, strip_material
from aiwork.prompt_anatomy import count_words
from aiwork.vi import find_dates, find_times, fold, fold_keep_diacritics, nfc

KINDS = (
    "draft",
    "formal",
    "summarise",
    "shorten",
    "translate",
    "classify",
    "extract",
    "answer",
    "ideas",
)

# English words that are not Vietnamese syllables written without diacritics.
ENGLISH = frozenset(
    """the and of for with is are was were will would please date time venue notice meeting
    ward commune province committee people's people citizens officials regarding request
    implement training content month year hello thank you respectfully invitation report plan
    submission decision dossier online services digital skills transformation artificial
    intelligence personal data administrative procedure businesses civil servants official
    letter receive process local government department science technology home affairs public
    service centre center literacy all this that these those from into about which when where
    what who how their there they have has had been being should could must may can""".split()
)
_IMPERATIVES = re.compile(
    r"\b(hay|soan|viet|tom tat|dich (?:sang|ra|doan|cau|van ban)|phan loai|trich xuat|liet ke|"
    r"de xuat|goi y|rut gon|chuyen (?:sang|thanh|giong|doan)|tra loi|lap)\b"
)
_BULLET = re.compile(r"^\s*(?:[-•*+]|\d+[.)])\s+")
_VI_LETTERS = re.compile(r"[ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]")


@dataclass
class Case:
    id: str
    kind: str
    data: dict[str, Any]

    @property
    def prompt(self) -> str:
        if "messages" in self.data:
            return "\n".join(m["content"] for m in self.data["messages"])
        return self.data["prompt"]

    def request(self) -> dict[str, Any]:
        """The chat request body for this case."""
        if "messages" in self.data:
            messages = [dict(m) for m in self.data["messages"]]
        else:
            messages = [{"role": "user", "content": self.data["prompt"]}]
        body: dict[str, Any] = {"model": "mock-gpt", "messages": messages}
        if "schema" in self.data:
            body["response_format"] = {
                "type": "json_schema",
                "json_schema": {"name": "ket_qua", "schema": self.data["schema"]},
            }
        return body


@dataclass
class Outcome:
    case: Case
    reply: str
    failures: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.failures


def load(folder: Path) -> list[Case]:
    import yaml

    cases = []
    for path in sorted(folder.glob("*.yaml")):
        kind = path.stem
        for item in yaml.safe_load(path.read_text(encoding="utf-8")):
            cases.append(Case(item["id"], kind, item))
    return cases


# --- helpers ---------------------------------------------------------------------------------
def _norm(text: str) -> str:
    return " ".join(fold_keep_diacritics(text).split())


def has_fact(reply: str, fact: str) -> bool:
    """``fact`` in ``reply``: as written (case, spacing), or a date / time written otherwise
    (15/3/2026 = 15/03/2026 = ngày 15 tháng 3 năm 2026; 8 giờ = 8h = 08:00)."""
    if _norm(fact) in _norm(reply):
        return True
    dates = find_dates(fact)
    if dates and dates[0].text.strip() == fact.strip():
        return dates[0].key in {d.key for d in find_dates(reply)}
    times = find_times(fact)
    if times and times[0].text.strip() == fact.strip():
        return times[0].key in {t.key for t in find_times(reply)}
    return False


def _sentences(text: str) -> list[str]:
    out = []
    for line in text.splitlines():
        line = _BULLET.sub("", line).strip()
        for piece in re.split(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ\"“(\[])", line):
            if piece.strip():
                out.append(piece.strip())
    return out


def cut_sentences(reply: str, source: str) -> list[str]:
    """Sentences of ``reply`` that stop where the source sentence goes on mid-phrase."""
    src = nfc(source)
    src_fold = fold(src)
    found = []
    for sent in _sentences(reply):
        if not sent.endswith(".") or sent.endswith("./.") or sent.endswith("..."):
            continue
        body = sent[:-1].rstrip()
        if len(body.split()) < 3:
            continue
        key = fold(body)
        at = src_fold.find(key)
        if at < 0:
            continue
        rest = src_fold[at + len(key) :]
        if not rest or not (rest[0].isalnum() or (rest[0] == " " and rest[1:2].isalnum())):
            continue  # the source sentence ends (or a clause mark follows) here too
        if rest[0] == " ":
            next_word = rest[1:].split(maxsplit=1)[0]
            if next_word in OPENERS:
                continue  # cut at a clause boundary: still a sentence
        found.append(sent)
    return found


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", fold(text))


def echoes(reply: str, prompt: str, lengths: tuple[int, ...] = (12, 6)) -> bool:
    """The reply repeats the instruction: 12 words in a row, or 6 with an imperative
    ("Hãy soạn giấy mời ..."); words the material also has (a quoted passage) are fair. A
    draft states the subject it was asked for, so only the imperative rule applies to it."""
    instruction = _words(strip_material(prompt))
    material = " " + " ".join(_words(prompt.replace(strip_material(prompt), " "))) + " "
    material += " " + " ".join(_words(source_text(prompt))) + " "
    material += " ".join(w for p in passages(prompt) for w in _words(p.text))
    body = " " + " ".join(_words(reply)) + " "
    for n in lengths:
        for i in range(len(instruction) - n + 1):
            gram = " " + " ".join(instruction[i : i + n]) + " "
            if n == 6 and not _IMPERATIVES.search(gram):
                continue
            if gram in body and gram not in material:
                return True
    return False


def english_words(reply: str, prompt: str) -> list[str]:
    asked = set(re.findall(r"[a-z']+", fold(prompt)))
    words = re.findall(r"[A-Za-z][A-Za-z']*", reply)
    return [w for w in words if w.lower() in ENGLISH and w.lower() not in asked]


def _bullets(reply: str) -> int:
    """Bullet lines of the reply's content (a document's "Nơi nhận:" list is not content)."""
    lines = reply.splitlines()
    end = next((i for i, ln in enumerate(lines) if ln.strip().startswith("Nơi nhận")), len(lines))
    return sum(1 for line in lines[:end] if _BULLET.match(line))


def _json(reply: str) -> Any:
    start, end = reply.find("{"), reply.rfind("}")
    if start < 0 or end < start:
        raise ValueError("no JSON object")
    return json.loads(reply[start : end + 1])


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [str(value)] if value is not None else []


# --- the check ---------------------------------------------------------------------------------
def check(case: Case, reply: str) -> Outcome:
    d = case.data
    out = Outcome(case, reply)
    fail = out.failures.append
    prompt = case.prompt
    text = reply.strip()
    if not text:
        fail("empty reply")
        return out
    if echoes(text, prompt, (6,) if case.kind == "draft" else (12, 6)):
        fail("echoes the prompt's instruction")
    source = source_text(prompt) or prompt
    cut = cut_sentences(text, source)
    if cut:
        fail(f"sentence cut mid-phrase: {cut[0]!r}")
    if d.get("lang") != "en":
        leaked = english_words(text, prompt)
        if leaked:
            fail(f"English in a Vietnamese reply: {leaked[:5]}")
    for fact in d.get("facts", []):
        if not has_fact(text, fact):
            fail(f"fact missing: {fact!r}")
    if d.get("facts_any") and not any(has_fact(text, f) for f in d["facts_any"]):
        fail(f"none of the facts kept: {d['facts_any']}")
    for word in d.get("forbid", []):
        if re.search(rf"(?<!\w){re.escape(_norm(word).strip())}(?!\w)", _norm(text)):
            fail(f"should not say {word!r}")
    if d.get("max_words") and count_words(text) > d["max_words"]:
        fail(f"{count_words(text)} words > {d['max_words']}")
    if d.get("bullets") and _bullets(text) != d["bullets"]:
        fail(f"{_bullets(text)} bullet points, asked {d['bullets']}")
    if d.get("layout") == "prose" and _bullets(text):
        fail("bullets where a paragraph was asked")
    if d.get("max_sentences") and len(_sentences(text)) > d["max_sentences"]:
        fail(f"{len(_sentences(text))} sentences > {d['max_sentences']}")
    if "labels" in d:
        _check_label(d, text, fail)
    if "values" in d or "json_equals" in d or "schema" in d:
        _check_json(d, text, fail)
    if "cite" in d or d.get("not_covered"):
        _check_citations(d, prompt, text, fail)
    if d.get("lang"):
        _check_language(d, text, fail)
    for word in d.get("about", []):
        if _norm(word) not in _norm(text):
            fail(f"not about {word!r}")
    if d.get("asks_for_text") and "văn bản" not in text:
        fail("does not ask for the text to work on")
    return out


def _check_label(d: dict[str, Any], text: str, fail) -> None:
    labels = [nfc(x) for x in d["labels"]]
    if d.get("with_reason"):
        m = re.search(r"(?:Phân loại|Nhãn|Nhóm)\s*:\s*([^.\n]+)", text)
        answer = m.group(1).strip() if m else ""
    else:
        answer = nfc(text).strip().strip(".").strip()
    if answer not in labels:
        fail(f"label {answer[:60]!r} not in {labels}")
    elif d.get("label") and answer != nfc(d["label"]):
        fail(f"label {answer!r}, expected {d['label']!r}")


def _check_json(d: dict[str, Any], text: str, fail) -> None:
    try:
        data = _json(text)
    except ValueError as exc:
        fail(f"no valid JSON: {exc}")
        return
    if "schema" in d:
        import jsonschema

        try:
            jsonschema.validate(data, d["schema"])
        except jsonschema.ValidationError as exc:
            fail(f"JSON not valid for the schema: {exc.message}")
    strings = _strings(data)
    for value in d.get("values", []):
        if not any(has_fact(s, value) for s in strings):
            fail(f"value missing from the JSON: {value!r}")
    for key, want in (d.get("json_equals") or {}).items():
        got = data.get(key) if isinstance(data, dict) else None
        same = (
            got == want
            if not isinstance(want, str) or not isinstance(got, str)
            else _norm(got) == _norm(want)
        )
        if not same:
            fail(f"{key} = {got!r}, expected {want!r}")


def _check_citations(d: dict[str, Any], prompt: str, text: str, fail) -> None:
    given = {p.pid for p in passages(prompt)}
    cited = set(re.findall(r"\[([A-Za-z][\w.:-]{0,40})\]", text))
    if cited - given:
        fail(f"cites ids not given: {sorted(cited - given)}")
    if d.get("not_covered"):
        if cited:
            fail(f"cites {sorted(cited)} where no passage covers the question")
        if not re.search(r"không (đề cập|nêu|có thông tin)", text):
            fail("does not say the passages do not cover the question")
        return
    for pid in d.get("cite", []):
        if f"[{pid}]" not in text:
            fail(f"does not cite [{pid}]")


def _check_language(d: dict[str, Any], text: str, fail) -> None:
    words = re.findall(r"[^\W\d_]+", nfc(text))
    vi = [w for w in words if _VI_LETTERS.search(w.lower())]
    if d["lang"] == "en" and words and len(vi) > 0.1 * len(words):
        fail(f"{len(vi)} of {len(words)} words still Vietnamese: {vi[:5]}")
    if d["lang"] == "vi" and not vi:
        fail("no Vietnamese in the translation")
    for term in d.get("terms", []):
        if _norm(term) not in _norm(text):
            fail(f"term missing: {term!r}")


def run(cases: list[Case], ask) -> list[Outcome]:
    """``ask(body) -> reply text`` for each case; the outcomes, in order."""
    return [check(case, ask(case.request())) for case in cases]


def pass_rates(outcomes: list[Outcome]) -> dict[str, tuple[int, int]]:
    rates: dict[str, tuple[int, int]] = {}
    for kind in KINDS:
        mine = [o for o in outcomes if o.case.kind == kind]
        rates[kind] = (sum(o.passed for o in mine), len(mine))
    return rates
