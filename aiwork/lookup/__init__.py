"""Lookup with citations: a corpus of Vietnamese administrative texts, a BM25 retriever
(optionally hybrid with embeddings), grounded prompts and a grounding checker.

    from aiwork.lookup import search, check_grounding, build_grounded_prompt

Names are imported lazily so that ``aiwork --help`` (which imports ``aiwork.lookup.cli``)
does not load bm25s and numpy.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "Passage": "corpus",
    "by_id": "corpus",
    "load_corpus": "corpus",
    "GroundingResult": "grounding",
    "check_grounding": "grounding",
    "split_sentences": "grounding",
    "answer_with_sources": "prompting",
    "build_grounded_prompt": "prompting",
    "format_passages": "prompting",
    "hien_thi_doan": "prompting",
    "Hit": "retriever",
    "Retriever": "retriever",
    "search": "retriever",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'aiwork.lookup' has no attribute {name!r}")
    return getattr(importlib.import_module(f"aiwork.lookup.{_EXPORTS[name]}"), name)
