"""Diacritics of a text typed without them, read from how a body of text writes its words.

Officials often type Vietnamese without accents ("mat bao nhieu tien", "co chu", "khai tu").
Folded, many syllables stand for several words ("mat": mặt, mất; "dung": dùng, đúng, đứng;
"tu": từ, tử, tư, tự), so a folded match finds the wrong ones ("cùng có mặt" for "mất tiền").
A :class:`DiacriticModel` learns from a body of text (a course, a corpus) how each folded
syllable is written next to its neighbours; :meth:`DiacriticModel.marks` then says, for each
ambiguous syllable of a question, which written forms its context supports ("co chu" -> "cỡ
chữ", "khai tu" -> "khai tử", "lai xe" -> "lái xe"). Only what the neighbours decide is marked:
a syllable whose neighbours never occur beside it stays open (any form matches), so a wrong
guess does not cost a match that folding would have made.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from aiwork.vi.text import fold, fold_keep_diacritics

__all__ = ["DiacriticModel"]

_SYLLABLE = re.compile(r"\w+")
# A form kept when it has at least this share of the context's votes.
MIN_SHARE = 0.25


class DiacriticModel:
    """Counts of written forms of each folded syllable and of adjacent syllable pairs."""

    def __init__(self) -> None:
        self.forms: dict[str, Counter[str]] = defaultdict(Counter)
        self.pairs: dict[tuple[str, str], Counter[tuple[str, str]]] = defaultdict(Counter)

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> DiacriticModel:
        model = cls()
        for text in texts:
            model.add(text)
        return model

    def add(self, text: str) -> None:
        """Learn the written forms of ``text`` (pairs are not counted across . ; : ? ! or lines)."""
        for clause in re.split(r"[.;:?!\n]+", fold_keep_diacritics(text)):
            written = _SYLLABLE.findall(clause)
            for w in written:
                self.forms[fold(w)][w] += 1
            for a, b in zip(written, written[1:], strict=False):
                self.pairs[(fold(a), fold(b))][(a, b)] += 1

    def marks(self, text: str) -> dict[str, frozenset[str]]:
        """Folded syllable -> the written forms its context supports, for the ambiguous
        syllables of ``text`` that the model can decide. A syllable typed with diacritics is
        its own mark; one typed without them is decided by the pairs it forms with its
        neighbours; one the context does not decide is left out (any form matches)."""
        written = _SYLLABLE.findall(fold_keep_diacritics(text))
        folded = [fold(w) for w in written]
        out: dict[str, set[str]] = defaultdict(set)
        for i, (w, f) in enumerate(zip(written, folded, strict=True)):
            if w != f:  # typed with its diacritics
                out[f].add(w)
                continue
            candidates = self.forms.get(f)
            if not candidates or len(candidates) < 2:
                continue  # one way of writing it: folding loses nothing
            votes: Counter[str] = Counter()
            if i > 0:
                for (_, b), n in self.pairs.get((folded[i - 1], f), Counter()).items():
                    votes[b] += n
            if i + 1 < len(folded):
                for (a, _), n in self.pairs.get((f, folded[i + 1]), Counter()).items():
                    votes[a] += n
            total = sum(votes.values())
            if not total:
                continue
            kept = {form for form, n in votes.items() if n >= MIN_SHARE * total}
            if kept and kept != set(candidates):
                out[f] |= kept
        return {f: frozenset(forms) for f, forms in out.items()}
