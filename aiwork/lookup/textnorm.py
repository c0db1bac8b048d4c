"""Normalisation and tokenisation of Vietnamese text for retrieval and grounding checks.

Vietnamese words are written as space-separated syllables ("khai sinh", "dữ liệu"), so a
syllable unigram index alone matches "sinh" in "khai sinh" and "sinh viên" alike. We index
syllables plus adjacent-syllable bigrams, which gives BM25 most of the benefit of a word
segmenter without shipping one. Text is NFC-normalised first: the same letter typed with a
combining accent (NFD, common from some keyboards and PDFs) must match the precomposed form.
"""

from __future__ import annotations

import re

from aiwork.vi import fold, fold_keep_diacritics

# Function words that carry no topic; kept short on purpose ("không" and number words stay,
# they change meaning). Compared after NFC + lower-casing.
STOPWORDS: frozenset[str] = frozenset(
    """và là của các có được cho trong theo này những với để thì tại từ về khi hoặc đã
    bị do đến nếu một như trên ra vào mà nào gì ai ở sao thế nhé ạ hãy bao nhiêu
    anh chị tôi""".split()
)

_TOKEN = re.compile(r"\w+", re.UNICODE)


def syllables(text: str) -> list[str]:
    """Word-character runs of the normalised text (Vietnamese syllables, numbers, codes)."""
    return _TOKEN.findall(fold_keep_diacritics(text))


def tokens(text: str, *, folded: bool = False) -> list[str]:
    """Index terms: content syllables plus bigrams of adjacent syllables.

    Bigrams are built over the full syllable sequence (stopwords included) so that
    "thời hạn" and "thời gian" stay distinct terms, then stopword unigrams are dropped.
    """
    sylls = syllables(fold(text) if folded else text)
    stop = _FOLDED_STOPWORDS if folded else STOPWORDS
    unigrams = [s for s in sylls if s not in stop]
    bigrams = [
        f"{a}_{b}" for a, b in zip(sylls, sylls[1:], strict=False) if not (a in stop and b in stop)
    ]
    return unigrams + bigrams


def has_diacritics(text: str) -> bool:
    """True if the text contains any Vietnamese letter beyond plain ASCII."""
    return fold_keep_diacritics(text) != fold(text)


_FOLDED_STOPWORDS: frozenset[str] = frozenset(fold(w) for w in STOPWORDS)
