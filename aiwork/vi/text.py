"""Unicode form and diacritic folding for Vietnamese text.

Keyboards and PDFs send Vietnamese either precomposed (NFC: one code point for "ế") or
decomposed (NFD: "e" + two combining marks); every comparison starts with :func:`nfc`.

The fold variants are named for what they keep; pick the one the comparison needs:

===========================  =====  =========  ==========  ======  =========================
function                     case   diacritics  spaces      length  typical use
===========================  =====  =========  ==========  ======  =========================
``fold``                     lower  removed     collapsed   varies  matching labels, keywords
``fold_keep_diacritics``     lower  kept        collapsed   varies  "nhà" must not match "nha"
``fold_keep_offsets``        lower  removed     kept        = NFC   regex on folded text,
                                                                    spans reported on the NFC
``strip_diacritics``         kept   removed     kept        = input patterns and texts typed
                                                                    without accents
``fold_key``                 lower  removed     ``_``       varies  identifiers: "Công văn"
                                                                    -> ``cong_van``
===========================  =====  =========  ==========  ======  =========================

"đ"/"Đ" have no Unicode decomposition; every variant that removes diacritics maps them to
"d"/"D" explicitly.
"""

from __future__ import annotations

import functools
import re
import unicodedata

__all__ = [
    "fold",
    "fold_keep_diacritics",
    "fold_keep_offsets",
    "fold_key",
    "nfc",
    "strip_diacritics",
]

_D = {"đ": "d", "Đ": "D"}
_NOT_KEY = re.compile(r"[^a-z0-9]+")


def nfc(text: str | None) -> str:
    """The text in Unicode NFC (precomposed) form; ``None`` gives ``""``."""
    return unicodedata.normalize("NFC", text or "")


def _base(ch: str) -> str:
    """One character without its diacritics ("ế" -> "e", "đ" -> "d"); others unchanged."""
    if ch in _D:
        return _D[ch]
    return unicodedata.normalize("NFD", ch)[0]


class _Table(dict):
    """Code point -> replacement, filled on first use (``str.translate`` reads it): folding a
    prompt costs one C-level pass once the table knows its characters."""

    def __init__(self, lower: bool) -> None:
        super().__init__()
        self.lower = lower

    def __missing__(self, code: int) -> str:
        base = _base(chr(code))
        low = base.lower()
        out = low if self.lower and len(low) == 1 else base
        self[code] = out
        return out


_STRIP = _Table(lower=False)
_FOLD = _Table(lower=True)


def strip_diacritics(text: str | None) -> str:
    """Diacritics removed one character for one (``len`` unchanged, case kept, đ -> d).

    Works on NFC text: a free-standing combining mark (NFD input) is kept as it is, so that
    offsets never move; call :func:`nfc` first on text that may be decomposed.
    """
    return (text or "").translate(_STRIP)


@functools.lru_cache(maxsize=512)
def _fold_keep_offsets(text: str) -> str:
    return unicodedata.normalize("NFC", text).translate(_FOLD)


def fold_keep_offsets(text: str | None) -> str:
    """NFC, lower case, no diacritics; one character for each character of ``nfc(text)``.

    A span found in the folded text indexes the NFC text too ("Công Văn" -> "cong van").
    Memoised (512 texts): a prompt is folded by several rules in one request.
    """
    return _fold_keep_offsets(text or "")


def fold(text: str | None) -> str:
    """NFC, lower case, no diacritics (đ -> d), runs of whitespace collapsed, ends stripped.

    ``fold("  Ngày   Ký ") == "ngay ky"``; for comparing what people type with or without
    accents.
    """
    return " ".join(fold_keep_offsets(text).split())


def fold_keep_diacritics(text: str | None) -> str:
    """NFC, lower case, whitespace collapsed; diacritics kept ("Nhà" -> "nhà", not "nha")."""
    return " ".join(nfc(text).casefold().split())


def fold_key(text: str | None) -> str:
    """An identifier: folded, every run of other characters one underscore, ends stripped.

    ``fold_key("Công văn") == fold_key("cong_van") == "cong_van"``; digits are kept
    (``"Mẫu 1.1"`` -> ``"mau_1_1"``).
    """
    return _NOT_KEY.sub("_", fold_keep_offsets(text)).strip("_")
