"""Check that an answer is grounded in the passages it was given.

``check_grounding(answer, passages)`` splits the answer into sentences and checks:

1. every cited id (``[nd30-d8-k1]``; ``[1]`` also works for the n-th passage given) is one of
   the passages given — an unknown id is an invented citation;
2. every sentence that states a number, date, fee, deadline, article or document number cites
   at least one passage, and every such fact appears in a cited passage;
3. a fact found in another given passage but not in the cited one is a mis-citation.

It does not judge sentences without checkable facts (wording is not graded); for those it
only warns when a sentence cites a passage it shares almost no words with.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from aiwork.lookup.corpus import ID_PATTERN, Passage
from aiwork.lookup.facts import Fact, FactIndex, extract, index_facts
from aiwork.lookup.textnorm import STOPWORDS, syllables

_CITATION = re.compile(r"\[([^\[\]\n]{1,200})\]")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)\]]*\s+")
# Below this share of a sentence's content words found in its cited passages, warn.
WEAK_OVERLAP = 0.2


@dataclass(frozen=True)
class Issue:
    sentence: int  # 1-based sentence number
    kind: str  # unknown-id | uncited-claim | unsupported-claim | miscited
    message: str  # Vietnamese explanation for the learner
    fact: str = ""
    ids: tuple[str, ...] = ()


@dataclass
class SentenceCheck:
    number: int
    text: str
    cited: list[str]
    unknown: list[str]
    facts: list[Fact]
    issues: list[Issue] = field(default_factory=list)

    @property
    def supported(self) -> bool:
        return not self.issues


@dataclass
class GroundingResult:
    sentences: list[SentenceCheck]
    given_ids: list[str]
    warnings: list[Issue] = field(default_factory=list)

    @property
    def issues(self) -> list[Issue]:
        return [i for s in self.sentences for i in s.issues]

    @property
    def ok(self) -> bool:
        return not self.issues

    def __bool__(self) -> bool:
        return self.ok

    @property
    def unknown_ids(self) -> list[str]:
        seen: dict[str, None] = {}
        for s in self.sentences:
            for i in s.unknown:
                seen.setdefault(i)
        return list(seen)

    @property
    def cited_ids(self) -> list[str]:
        seen: dict[str, None] = {}
        for s in self.sentences:
            for i in s.cited:
                seen.setdefault(i)
        return list(seen)

    @property
    def unsupported_sentences(self) -> list[int]:
        """Numbers (1-based) of the sentences with at least one problem."""
        return [s.number for s in self.sentences if s.issues]

    def report(self) -> str:
        if self.ok:
            head = (
                f"✅ Mọi câu nêu số liệu, ngày tháng, thời hạn, mức phí hoặc điều khoản đều có "
                f"căn cứ trong đoạn được dẫn ({len(self.sentences)} câu đã kiểm tra)."
            )
            if not self.cited_ids:
                head += " Lưu ý: câu trả lời không dẫn nguồn nào."
        else:
            head = f"❌ Có {len(self.issues)} vấn đề về căn cứ:"
        lines = [head] + [f"- {i.message}" for i in self.issues]
        lines += [f"- (lưu ý) {w.message}" for w in self.warnings]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "given_ids": self.given_ids,
            "cited_ids": self.cited_ids,
            "unknown_ids": self.unknown_ids,
            "unsupported_sentences": self.unsupported_sentences,
            "issues": [vars(i) | {"ids": list(i.ids)} for i in self.issues],
            "warnings": [vars(w) | {"ids": list(w.ids)} for w in self.warnings],
            "sentences": [
                {
                    "number": s.number,
                    "text": s.text,
                    "cited": s.cited,
                    "unknown": s.unknown,
                    "facts": [f.text for f in s.facts],
                    "supported": s.supported,
                }
                for s in self.sentences
            ],
        }


def _as_passages(passages: Any) -> list[tuple[str, str, tuple[str, ...]]]:
    """(id, text, locator fields) from Passage objects, dicts, an id->text mapping or hits."""
    out: list[tuple[str, str, tuple[str, ...]]] = []
    if isinstance(passages, Mapping):
        return [(str(k), str(v), ()) for k, v in passages.items()]
    for p in passages:
        p = getattr(p, "passage", p)  # retriever Hit
        if isinstance(p, Passage):
            out.append((p.id, p.text, (p.article, p.clause, p.source, p.title)))
        elif isinstance(p, Mapping):
            out.append(
                (
                    str(p["id"]),
                    str(p.get("text", "")),
                    tuple(str(p.get(k, "")) for k in ("article", "clause", "source", "title")),
                )
            )
        else:
            raise TypeError(
                "passages must be Passage objects, dicts with 'id' and 'text', or a mapping"
            )
    return out


def split_sentences(answer: str) -> list[str]:
    """Sentences of an answer: lines first (lists), then sentence punctuation.

    A fragment made only of citations (``... ngày ký. [nd30-d37]``) belongs to the sentence
    before it.
    """
    sentences: list[str] = []
    for line in (answer or "").splitlines():
        line = line.strip()
        if not line:
            continue
        for part in _SENTENCE_END.split(line):
            part = part.strip()
            if not part:
                continue
            if sentences and not _CITATION.sub("", part).strip(" .;,") and _CITATION.search(part):
                sentences[-1] = f"{sentences[-1]} {part}"
            else:
                sentences.append(part)
    return sentences


def parse_citations(sentence: str, given: Sequence[str]) -> tuple[list[str], list[str], str]:
    """(known cited ids, unknown cited ids, the sentence with citations removed)."""
    known: list[str] = []
    unknown: list[str] = []
    given_set = set(given)
    for m in _CITATION.finditer(sentence):
        for token in re.split(r"[,;\s]+", m.group(1).strip()):
            token = token.strip().lower()
            if not token:
                continue
            if token.isdigit() and 1 <= int(token) <= len(given):
                token = given[int(token) - 1]
            if token in given_set:
                if token not in known:
                    known.append(token)
            elif ID_PATTERN.match(token) or token.isdigit():
                if token not in unknown:
                    unknown.append(token)
    # Only bracket groups that held citations are removed; "[sic]"-like text stays.
    stripped = _CITATION.sub(
        lambda m: " " if _looks_like_citation(m.group(1), given_set) else m.group(0), sentence
    )
    return known, unknown, " ".join(stripped.split())


def _looks_like_citation(content: str, given: set[str]) -> bool:
    tokens = [t.strip().lower() for t in re.split(r"[,;\s]+", content) if t.strip()]
    return bool(tokens) and all(t in given or ID_PATTERN.match(t) or t.isdigit() for t in tokens)


def _content_words(text: str) -> set[str]:
    return {s for s in syllables(text) if s not in STOPWORDS and not s.isdigit()}


def check_grounding(answer: str, passages: Iterable[Any] | Mapping[str, str]) -> GroundingResult:
    """Check ``answer`` against the ``passages`` it was given (see the module docstring)."""
    given = _as_passages(passages)
    ids = [pid for pid, _, _ in given]
    index: dict[str, FactIndex] = {pid: index_facts(text, *loc) for pid, text, loc in given}
    words = {pid: _content_words(" ".join((text,) + loc)) for pid, text, loc in given}
    result = GroundingResult(sentences=[], given_ids=ids)

    for n, sentence in enumerate(split_sentences(answer), start=1):
        cited, unknown, bare = parse_citations(sentence, ids)
        facts = extract(bare)
        check = SentenceCheck(n, sentence, cited, unknown, facts)
        for uid in unknown:
            check.issues.append(
                Issue(
                    n,
                    "unknown-id",
                    f"Câu {n}: mã trích dẫn [{uid}] không có trong các đoạn tài liệu đã cung cấp "
                    "(trích dẫn bịa hoặc chép sai mã).",
                    ids=(uid,),
                )
            )
        for fact in facts:
            holders = tuple(pid for pid in ids if index[pid].supports(fact))
            if not cited:
                where = (
                    f" (thông tin này có trong đoạn [{', '.join(holders)}])"
                    if holders
                    else " và không đoạn tài liệu nào đã cung cấp chứa thông tin này"
                )
                check.issues.append(
                    Issue(
                        n,
                        "uncited-claim",
                        f"Câu {n} nêu {fact.label} nhưng không dẫn nguồn{where}.",
                        fact.text,
                        holders,
                    )
                )
            elif not any(index[c].supports(fact) for c in cited):
                cited_txt = ", ".join(cited)
                if holders:
                    check.issues.append(
                        Issue(
                            n,
                            "miscited",
                            f"Câu {n}: {fact.label} có trong đoạn [{', '.join(holders)}] nhưng câu lại "
                            f"dẫn [{cited_txt}] — trích dẫn sai đoạn.",
                            fact.text,
                            holders,
                        )
                    )
                else:
                    check.issues.append(
                        Issue(
                            n,
                            "unsupported-claim",
                            f"Câu {n}: {fact.label} không có trong đoạn đã dẫn [{cited_txt}] và không có "
                            "trong tài liệu nào đã cung cấp — thông tin không có căn cứ.",
                            fact.text,
                        )
                    )
        if cited and not facts:
            mine = _content_words(bare)
            theirs = set().union(*(words[c] for c in cited))
            if mine and len(mine & theirs) / len(mine) < WEAK_OVERLAP:
                result.warnings.append(
                    Issue(
                        n,
                        "weak-citation",
                        f"Câu {n} dẫn [{', '.join(cited)}] nhưng gần như không có từ nào trùng với đoạn "
                        "đó — anh/chị kiểm tra lại đoạn được dẫn có thật sự nói điều này không.",
                        ids=tuple(cited),
                    )
                )
        result.sentences.append(check)
    return result
