"""The labelled set (``aiwork/data/privacy/labelled.yaml``) and span-level scoring.

Texts mark personal data inline as ``{{KIND|value}}``; :func:`load` strips the marks and returns
the NFC text with gold spans in the same offsets the detector uses. :func:`score` compares
findings to gold spans: a finding counts as correct when kind, start and end all match
(``strict``), or when it overlaps a gold span of the same kind (``overlap``, reported too,
because a redaction that covers the value protects it even if its edge differs).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from aiwork.paths import DATA_DIR
from aiwork.privacy.detector import Finding, normalize
from aiwork.privacy.patterns import KINDS

PRIVACY_DATA = DATA_DIR / "privacy"
# The detector was tuned on these...
TUNING_PATHS = (
    PRIVACY_DATA / "labelled.yaml",
    PRIVACY_DATA / "labelled-2.yaml",
    PRIVACY_DATA / "labelled-3.yaml",
    PRIVACY_DATA / "labelled-4.yaml",
    PRIVACY_DATA / "labelled-5.yaml",
    PRIVACY_DATA / "labelled-6.yaml",
    PRIVACY_DATA / "labelled-7.yaml",
    PRIVACY_DATA / "labelled-8.yaml",
    PRIVACY_DATA / "labelled-9.yaml",
    PRIVACY_DATA / "labelled-10.yaml",
)
# ...and this one was written after tuning and never tuned on (figures reported apart).
HELDOUT_PATH = PRIVACY_DATA / "heldout.yaml"
LABELLED_PATH = TUNING_PATHS[0]
MARK_RE = re.compile(r"\{\{([A-Z_]+)\|(.*?)\}\}")


@dataclass(frozen=True)
class Document:
    id: str
    text: str
    spans: list[Finding]


def parse_marked(marked: str) -> tuple[str, list[Finding]]:
    """Plain NFC text and gold spans from a text with ``{{KIND|value}}`` marks."""
    marked = normalize(marked)
    out: list[str] = []
    spans: list[Finding] = []
    pos = 0
    length = 0
    for m in MARK_RE.finditer(marked):
        kind, value = m.group(1), m.group(2)
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r} in mark {m.group(0)!r}")
        before = marked[pos : m.start()]
        out.append(before)
        length += len(before)
        spans.append(Finding(kind, length, length + len(value), value))
        out.append(value)
        length += len(value)
        pos = m.end()
    out.append(marked[pos:])
    return "".join(out), spans


def load_all(include_heldout: bool = True) -> list[Document]:
    """Every labelled document (tuning sets, then the held-out set if present)."""
    paths = list(TUNING_PATHS) + ([HELDOUT_PATH] if include_heldout else [])
    return [d for p in paths if p.exists() for d in load(p)]


def load(path: Path = LABELLED_PATH) -> list[Document]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    docs = []
    for item in data["documents"]:
        text, spans = parse_marked(item["text"])
        docs.append(Document(str(item["id"]), text, spans))
    return docs


@dataclass
class KindScore:
    gold: int = 0
    found: int = 0
    correct: int = 0  # strict: same kind, same offsets
    covered: int = 0  # gold spans overlapped by a finding of the same kind

    @property
    def precision(self) -> float:
        return self.correct / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 1.0

    @property
    def recall_overlap(self) -> float:
        return self.covered / self.gold if self.gold else 1.0


@dataclass
class Score:
    per_kind: dict[str, KindScore] = field(default_factory=lambda: defaultdict(KindScore))
    misses: list[tuple[str, Finding]] = field(default_factory=list)  # (doc id, gold span)
    false_alarms: list[tuple[str, Finding]] = field(default_factory=list)

    @property
    def overall(self) -> KindScore:
        total = KindScore()
        for s in self.per_kind.values():
            total.gold += s.gold
            total.found += s.found
            total.correct += s.correct
            total.covered += s.covered
        return total


def score(pairs: list[tuple[str, list[Finding], list[Finding]]]) -> Score:
    """Score (doc id, gold spans, findings) triples."""
    result = Score()
    for doc_id, gold, found in pairs:
        gold_keys = {(g.kind, g.start, g.end) for g in gold}
        found_keys = {(f.kind, f.start, f.end) for f in found}
        for g in gold:
            ks = result.per_kind[g.kind]
            ks.gold += 1
            if (g.kind, g.start, g.end) in found_keys:
                ks.correct += 1
            else:
                result.misses.append((doc_id, g))
            if any(f.kind == g.kind and f.start < g.end and g.start < f.end for f in found):
                ks.covered += 1
        for f in found:
            result.per_kind[f.kind].found += 1
            if (f.kind, f.start, f.end) not in gold_keys:
                result.false_alarms.append((doc_id, f))
    return result
