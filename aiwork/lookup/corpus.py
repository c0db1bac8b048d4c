"""The lookup corpus: passages of Vietnamese administrative texts with stable ids.

Each source is a JSON array in ``aiwork/data/corpus/`` (one passage per line, for readable
diffs). A passage records where its words come from: ``verbatim`` is true only when the text
is the source's own wording that we actually hold; otherwise it is a faithful paraphrase and
its ``note`` says so with "(diễn giải)" or "(mẫu học tập)". See the corpus README.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from aiwork.errors import InputError
from aiwork.memo import Memo
from aiwork.paths import DATA_DIR
from aiwork.vi import nfc

CORPUS_DIR = DATA_DIR / "corpus"

# Stable ids: lower-case ASCII words joined by "-", starting with the source key.
ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)+$")
PARAPHRASE_MARKERS = ("(diễn giải)", "(mẫu học tập)")


class CorpusError(InputError):
    """A corpus file breaks the passage schema."""


@dataclass(frozen=True)
class Passage:
    id: str
    doc: str
    source: str
    text: str
    article: str = ""
    clause: str = ""
    title: str = ""
    verbatim: bool = False
    note: str = ""
    procedure: Mapping[str, Any] | None = field(default=None, compare=False, hash=False)

    @property
    def citation(self) -> str:
        """Human-readable locator, e.g. 'Nghị định 30/2020/NĐ-CP ..., Điều 8, khoản 1'."""
        parts = [self.source]
        if self.article:
            parts.append(self.article)
        if self.clause:
            parts.append(self.clause)
        return ", ".join(parts)

    @property
    def kind_vi(self) -> str:
        """How learners should treat the wording: 'nguyên văn', 'diễn giải' or 'mẫu học tập'."""
        if self.verbatim:
            return "nguyên văn"
        return "mẫu học tập" if "(mẫu học tập)" in self.note else "diễn giải"

    @property
    def search_text(self) -> str:
        """What the retriever indexes: the locator and title help queries like 'Điều 8'."""
        return " ".join(x for x in (self.article, self.clause, self.title, self.text) if x)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        if d["procedure"] is None:
            d.pop("procedure")
        return d


def _validate(raw: Mapping[str, Any], where: str) -> Passage:
    missing = [k for k in ("id", "doc", "source", "text") if not raw.get(k)]
    if missing:
        raise CorpusError(f"{where}: missing {', '.join(missing)}")
    pid = raw["id"]
    if not ID_PATTERN.match(pid):
        raise CorpusError(f"{where}: id {pid!r} is not lower-case words joined by '-'")
    if not isinstance(raw.get("verbatim", False), bool):
        raise CorpusError(f"{where}: {pid}: 'verbatim' must be true or false")
    note = raw.get("note", "")
    if not raw.get("verbatim") and not any(m in note for m in PARAPHRASE_MARKERS):
        raise CorpusError(f"{where}: {pid}: a paraphrase must say '(diễn giải)' or '(mẫu học tập)'")
    for key in ("text", "source", "title", "article", "clause", "note"):
        value = raw.get(key, "")
        if value and nfc(value) != value:
            raise CorpusError(f"{where}: {pid}: field {key!r} is not NFC-normalised")
    known = {f for f in Passage.__dataclass_fields__}
    extra = set(raw) - known
    if extra:
        raise CorpusError(f"{where}: {pid}: unknown fields {sorted(extra)}")
    return Passage(**{k: raw[k] for k in raw})


def load_passages(paths: Iterable[Path]) -> list[Passage]:
    passages: list[Passage] = []
    seen: dict[str, str] = {}
    for path in paths:
        try:
            rows = json.loads(Path(path).read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise CorpusError(f"{path.name}: not valid JSON ({exc})") from exc
        if not isinstance(rows, list):
            raise CorpusError(f"{path.name}: expected a JSON array of passages")
        for i, raw in enumerate(rows):
            p = _validate(raw, f"{path.name}[{i}]")
            if p.id in seen:
                raise CorpusError(f"{path.name}: duplicate id {p.id} (also in {seen[p.id]})")
            seen[p.id] = path.name
            passages.append(p)
    return passages


#: The shipped corpus, read once per process; graders look passages up in it (see aiwork.memo:
#: a test cell never sees a passage learner code altered).
_CORPUS = Memo("lookup.corpus", size=1)


def _default_corpus() -> tuple[Passage, ...]:
    return _CORPUS.get("shipped", lambda: tuple(load_passages(sorted(CORPUS_DIR.glob("*.json")))))


def load_corpus(directory: Path | None = None) -> list[Passage]:
    """All passages of the shipped corpus (or of ``directory``), in file then line order."""
    if directory is None:
        return list(_default_corpus())
    return load_passages(sorted(Path(directory).glob("*.json")))


def by_id(passages: Iterable[Passage] | None = None) -> dict[str, Passage]:
    return {p.id: p for p in (passages if passages is not None else load_corpus())}
