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


def strip_diacritics(text: str | None) -> str:
    """Diacritics removed one character for one (``len`` unchanged, case kept, đ -> d).

    Works on NFC text: a free-standing combining mark (NFD input) is kept as it is, so that
    offsets never move; call :func:`nfc` first on text that may be decomposed.
    """
    return "".join(_base(ch) for ch in text or "")


def fold_keep_offsets(text: str | None) -> str:
    """NFC, lower case, no diacritics; one character for each character of ``nfc(text)``.

    A span found in the folded text indexes the NFC text too ("Công Văn" -> "cong van").
    """
    out = []
    for ch in nfc(text):
        base = _base(ch)
        low = base.lower()
        out.append(low if len(low) == 1 else base)
    return "".join(out)


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
