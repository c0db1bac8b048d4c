"""Reversible redaction: typed placeholders such as ``[CCCD_1]`` and a local mapping back.

The same value gets the same placeholder everywhere it appears (also across the messages of one
request, when the same :class:`PlaceholderMap` is reused), so a model can still reason about
"[HO_TEN_1]" and its reply can be re-identified on the learner's machine. The mapping never
leaves the process unless the caller saves it (``aiwork privacy redact --mapping FILE``).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from aiwork.privacy.detector import Finding, detect, normalize
from aiwork.privacy.patterns import KINDS
from aiwork.vi import fold_keep_diacritics

PLACEHOLDER_RE = re.compile(r"\[\s*([A-Z]+(?:_[A-Z]+)*)_(\d+)\s*\]")


def _value_key(kind: str, value: str) -> str:
    """Two spellings of one value (0905 123 456 / 0905123456) share a placeholder."""
    if KINDS[kind].placeholder_digits:
        digits = re.sub(r"\D", "", value)
        if kind == "SDT" and digits.startswith("84"):
            digits = "0" + digits[2:]
        return digits
    return fold_keep_diacritics(value)


@dataclass
class PlaceholderMap:
    """Placeholders handed out so far and the original values behind them."""

    originals: dict[str, str] = field(default_factory=dict)  # "CCCD_1" -> "052187001234"
    _keys: dict[tuple[str, str], str] = field(default_factory=dict)
    _counts: Counter = field(default_factory=Counter)

    def placeholder(self, kind: str, value: str) -> str:
        key = (kind, _value_key(kind, value))
        tag = self._keys.get(key)
        if tag is None:
            self._counts[kind] += 1
            tag = f"{kind}_{self._counts[kind]}"
            self._keys[key] = tag
            self.originals[tag] = value
        return f"[{tag}]"

    def reidentify(self, text: str) -> str:
        """Put the original values back in place of the placeholders this map handed out."""

        def back(m: re.Match[str]) -> str:
            return self.originals.get(f"{m.group(1)}_{m.group(2)}", m.group(0))

        return PLACEHOLDER_RE.sub(back, text)

    def __len__(self) -> int:
        return len(self.originals)

    def to_json(self) -> str:
        return json.dumps(self.originals, ensure_ascii=False, indent=2)

    @classmethod
    def from_json(cls, raw: str) -> PlaceholderMap:
        mapping = cls()
        for tag, value in json.loads(raw).items():
            kind, _, number = tag.rpartition("_")
            if kind not in KINDS or not number.isdigit():
                raise ValueError(f"not a placeholder: {tag!r}")
            mapping.originals[tag] = value
            mapping._keys[(kind, _value_key(kind, value))] = tag
            mapping._counts[kind] = max(mapping._counts[kind], int(number))
        return mapping

    def save(self, path: Path) -> None:
        path.write_text(self.to_json() + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> PlaceholderMap:
        return cls.from_json(path.read_text(encoding="utf-8"))


@dataclass
class Redaction:
    text: str  # the redacted text
    findings: list[Finding]  # what was replaced, offsets into the NFC input
    mapping: PlaceholderMap


def redact(
    text: str, mapping: PlaceholderMap | None = None, findings: list[Finding] | None = None
) -> Redaction:
    """Replace every finding in ``text`` (NFC-normalised) with its typed placeholder.

    ``findings`` defaults to :func:`detect`; repeats of a found value elsewhere in the text are
    replaced too. The result's ``findings`` lists everything replaced.
    """
    text = normalize(text)
    mapping = mapping if mapping is not None else PlaceholderMap()
    found = detect(text) if findings is None else sorted(findings, key=lambda f: f.start)
    found = _with_repeats(text, found)
    parts: list[str] = []
    pos = 0
    for f in found:
        parts.append(text[pos : f.start])
        parts.append(mapping.placeholder(f.kind, f.text))
        pos = f.end
    parts.append(text[pos:])
    return Redaction("".join(parts), found, mapping)


_WORD = re.compile(r"\w+")


def _with_repeats(text: str, found: list[Finding]) -> list[Finding]:
    """Also cover other verbatim occurrences of a found value.

    Once "thôn Nam Tượng 2" is known to be someone's address, the same words elsewhere in the
    text (a meeting venue, a signature) would give it away, whatever the context there.
    One pass over the words of the text (values are indexed by their first word), so long
    texts with thousands of findings stay fast.
    """
    by_first: dict[str, list[tuple[int, Finding]]] = {}
    distinct = {f.text: f for f in found}  # one entry per value, however often it was found
    for f in distinct.values():
        if len(f.text) < 3 or (f.text.isdigit() and len(f.text) == 4):
            continue  # a birth year seen again is most often part of another date
        w = _WORD.search(f.text)
        if w:
            by_first.setdefault(w.group(), []).append((w.start(), f))
    if not by_first:
        return found
    for values in by_first.values():
        values.sort(key=lambda v: -len(v[1].text))  # the longest value wins at a position
    covered = bytearray(len(text) + 1)  # 1 where a finding already sits
    for f in found:
        covered[f.start : f.end] = b"\x01" * (f.end - f.start)
    extra: list[Finding] = []
    for m in _WORD.finditer(text):
        for offset, f in by_first.get(m.group(), ()):
            start = m.start() - offset
            end = start + len(f.text)
            if start < 0 or not text.startswith(f.text, start) or any(covered[start:end]):
                continue
            if start and (text[start - 1].isalnum() or text[start - 1] == "_"):
                continue  # inside a longer word
            if end < len(text) and (text[end].isalnum() or text[end] == "_"):
                continue
            extra.append(Finding(f.kind, start, end, f.text))
            covered[start:end] = b"\x01" * (end - start)
            break
    return sorted(found + extra, key=lambda f: f.start)


def reidentify(text: str, mapping: PlaceholderMap) -> str:
    """A reply written with placeholders, with the original values put back (locally)."""
    return mapping.reidentify(text)
