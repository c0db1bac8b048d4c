"""Find a regular expression's matches quickly by trying it only where its literal start occurs.

Python's ``re`` tries a pattern such as ``(?<!\\w)(?:[Ôô]ng|[Bb]à|...)\\s+`` at every position
of the text: on a 10 MB document each of the detector's keyword patterns costs about a second.
Every match of such a pattern starts with one of a few literal words ("ông", "bà", "địa chỉ"...),
which :func:`literal_starts` reads from the pattern itself (its parse tree); one scan of the
lower-cased text for those words (a trie-shaped alternation, which ``re`` runs fast) gives the
only positions where the pattern can match, and the pattern is tried there.

:func:`finditer` yields exactly the matches ``pattern.finditer(text)`` would (same order, same
non-overlapping rule); a pattern whose every match does not open with a literal is simply run
over the whole text. ``tests/privacy/test_anchors.py`` checks both on the labelled sets.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

try:  # the parser of the standard ``re`` module (Python >= 3.11)
    from re import _constants as _C
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - another interpreter: patterns run over the whole text
    _sre_parse = None
    _C = None

# A pattern with more literal starts than this is run over the whole text.
MAX_STARTS = 400
# Literal starts are cut at this length (longer ones add nothing but trie branches).
MAX_LEN = 12
# A character class of at most this many letters (case aside) is expanded: "[ÔôOo]ng" -> ông, ong.
MAX_CLASS = 4


@dataclass
class _Path:
    text: str = ""
    open: bool = True  # the literal may continue with the next item
    bounded: bool = False  # a "(?<!\w)" was passed before the first character


def _is_word_lookbehind(av: object) -> bool:
    direction, sub = av  # type: ignore[misc]
    return (
        direction == -1
        and len(sub) == 1
        and sub[0][0] is _C.IN
        and list(sub[0][1]) == [(_C.CATEGORY, _C.CATEGORY_WORD)]
    )


def _walk(items: list, paths: list[_Path]) -> list[_Path] | None:
    """Extend each open path with the literal characters ``items`` start with."""
    for op, av in items:
        if not any(p.open for p in paths):
            return paths
        done = [p for p in paths if not p.open]
        live = [p for p in paths if p.open]
        if op is _C.LITERAL:
            ch = chr(av).lower()
            nxt = [_Path(p.text + ch, True, p.bounded) for p in live]
        elif op is _C.IN:
            chars = {chr(v).lower() for o, v in av if o is _C.LITERAL}
            if all(o is _C.LITERAL for o, _ in av) and len(chars) <= MAX_CLASS:
                nxt = [_Path(p.text + c, True, p.bounded) for p in live for c in sorted(chars)]
            else:  # a wide class ("\d", "[^:]"): the literal stops here
                nxt = [_Path(p.text, False, p.bounded) for p in live]
        elif op is _C.SUBPATTERN:
            sub = _walk(list(av[-1]), [_Path(p.text, True, p.bounded) for p in live])
            if sub is None:
                return None
            nxt = sub
        elif op is _C.BRANCH:
            nxt = []
            for alt in av[1]:
                sub = _walk(list(alt), [_Path(p.text, True, p.bounded) for p in live])
                if sub is None:
                    return None
                nxt += sub
        elif op in (_C.MAX_REPEAT, _C.MIN_REPEAT, _C.POSSESSIVE_REPEAT):
            lo, hi, sub_items = av
            once = _walk(list(sub_items), [_Path(p.text, True, p.bounded) for p in live])
            if once is None:
                return None
            if not all(p.open for p in once):
                # not a literal ("\\s*", "\\d{1,2}"): every start stops before it
                nxt = [_Path(p.text, False, p.bounded) for p in live]
            else:
                if hi != 1:  # repeated an unknown number of times: the literal stops after one
                    once = [_Path(p.text, False, p.bounded) for p in once]
                skipped = [_Path(p.text, True, p.bounded) for p in live] if lo == 0 else []
                nxt = skipped + once
        elif op is _C.ASSERT_NOT and _is_word_lookbehind(av):
            nxt = [_Path(p.text, True, p.bounded or not p.text) for p in live]
        elif op in (_C.ASSERT, _C.ASSERT_NOT, _C.AT):
            nxt = live  # zero-width: the full pattern checks it
        else:
            nxt = [_Path(p.text, False, p.bounded) for p in live]
        paths = done + [_Path(p.text, p.open and len(p.text) < MAX_LEN, p.bounded) for p in nxt]
        if len(paths) > MAX_STARTS:
            return None
    return paths


def literal_starts(pattern: re.Pattern[str]) -> tuple[frozenset[str], frozenset[str]] | None:
    """(starts after a word boundary, other starts): lower-case literals one of which opens
    every match of ``pattern``; None when some match may open with a non-literal."""
    if _sre_parse is None:
        return None
    try:
        parsed = _sre_parse.parse(pattern.pattern, pattern.flags & ~re.IGNORECASE)
    except re.error:  # pragma: no cover - compiled already, parses again
        return None
    paths = _walk(list(parsed), [_Path()])
    if not paths or any(not p.text for p in paths):
        return None
    bounded = frozenset(p.text for p in paths if p.bounded)
    free = frozenset(p.text for p in paths if not p.bounded)
    return bounded, free


def trie_pattern(words: set[str] | frozenset[str]) -> str:
    """An alternation of ``words`` shaped as a trie ("s(?:inh|n)"), which ``re`` runs fast."""
    tree: dict = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        end = "" in node
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if end:
            return (f"(?:{body})" if len(alts) == 1 else body) + "?"
        return body

    return emit(tree)


@dataclass
class Anchored:
    """A pattern and the scan that finds where it may match."""

    pattern: re.Pattern[str]
    finder: re.Pattern[str] | None
    starts: frozenset[str] = frozenset()
    _inner: dict[str, tuple[int, ...]] = field(default_factory=dict)

    def inner_offsets(self, found: str) -> tuple[int, ...]:
        """Offsets inside an anchor match ``found`` at which another start may begin."""
        got = self._inner.get(found)
        if got is None:
            got = tuple(
                k
                for k in range(1, len(found))
                if any(s.startswith(found[k:]) or found[k:].startswith(s) for s in self.starts)
            )
            self._inner[found] = got
        return got

    def positions(self, low: str, pos: int = 0, endpos: int | None = None) -> Iterator[int]:
        """Ascending positions of ``low`` where a literal start occurs."""
        assert self.finder is not None
        end = len(low) if endpos is None else endpos
        finder = self.finder
        for m in finder.finditer(low, pos, end):
            s = m.start()
            yield s
            for k in self.inner_offsets(m.group()):
                if finder.match(low, s + k, end):
                    yield s + k


_CACHE: dict[re.Pattern[str], Anchored] = {}


def anchored(pattern: re.Pattern[str]) -> Anchored:
    got = _CACHE.get(pattern)
    if got is None:
        starts = literal_starts(pattern)
        finder = None
        if starts is not None:
            bounded, free = starts
            alts = []
            if bounded - free:
                alts.append(r"(?<!\w)" + f"(?:{trie_pattern(bounded - free)})")
            if free:
                alts.append(f"(?:{trie_pattern(free)})")
            finder = re.compile("|".join(alts))
            starts = bounded | free
        got = Anchored(pattern, finder, frozenset(starts or ()))
        _CACHE[pattern] = got
    return got


def finditer(
    pattern: re.Pattern[str], text: str, low: str, pos: int = 0, endpos: int | None = None
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text, pos, endpos)``, trying ``pattern`` only where it can match;
    ``low`` is ``text.lower()`` (same length)."""
    a = anchored(pattern)
    end = len(text) if endpos is None else endpos
    if a.finder is None:
        yield from pattern.finditer(text, pos, end)
        return
    last = pos
    match = pattern.match
    # positions come in ascending order: inner ones lie before the end of their anchor match
    for p in a.positions(low, pos, end):
        if p < last:
            continue
        m = match(text, p, end)
        if m is not None:
            yield m
            last = m.end() if m.end() > m.start() else m.end() + 1
