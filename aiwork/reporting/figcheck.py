"""The figure checker: is every number in a narrative supported by the data?

    from aiwork.reporting.figcheck import check_figures
    report = check_figures(text, "course/04-bao-cao/data/dich-vu-cong-2026.csv")
    report.ok, report.unsupported, print(report.to_text())

Each sentence is read for number mentions (``numbers.extract_mentions``) and for what it talks
about: values of the table's text columns ("Quy Nhơn", "Sở Y tế") and periods ("tháng 10/2026",
"quý III"). A sentence that names nothing inherits the previous sentence's scope in the same
paragraph ("Trong đó, ..."), one sentence deep. The mention is then compared with the figures of that scope
(``candidates.FigurePool``) of the same kind: counts with counts, percentages with rates, shares
and changes, percentage points with gaps between rates, "lần" with ratios. A rate counts only
when the sentence (or the one it continues) names what it is a rate of (``COLUMN_KEYWORDS``),
and a highest/lowest, mean, gap or share only when the sentence says so (``CUE_WORDS``).

Tolerance (what "supported" means). Let X be the number as printed and u one step of its last
printed digit times its scale word (``72,5%`` -> u = 0,1; ``3 nghìn`` -> u = 1.000;
``1,2 triệu`` -> u = 100.000). A figure v supports X when
- plain number: |v - X| <= u/2, i.e. X is v rounded to the printed precision;
- "khoảng", "xấp xỉ", "ước": |v - X| <= max(u/2, 5% of X);
- "hơn", "trên", "vượt" (and "ít nhất" with equality): X < v <= X + max(u, 10% of X);
- "gần", "dưới", "chưa đến" (and "không quá", "tối đa" with equality): X - max(u, 10% of X) <= v < X.
Dates are supported when the data covers them (a month of the period column, a date of a date
column, every month of a quarter). Legal references ("30/2020/NĐ-CP", "Điều 8") are ignored.
Limits: by default the direction of a change ("tăng"/"giảm") is not checked and a sentence
naming two units, two months or two rates is checked against all of them, so a figure swapped
between them passes; numbers written in words ("mười hai") are not read; a coarse number (an
integer percentage) can match a figure by chance more easily than a precise one
(``bench/figcheck_bench.py`` measures misses and false alarms).

``bound=True`` (graders of narratives) reads each percentage and count with what the sentence
binds it to: the rate named nearest before it ("tỷ lệ trực tuyến đạt 97,4%, tỷ lệ đúng hạn đạt
62,4%" swaps two rates), the unit or month named nearest before it or right after it ("từ 71,8%
trong tháng 1/2026"), and a change "tăng/giảm từ X … lên/xuống Y" whose words contradict its
numbers ("giảm từ 52,3% … xuống 71,8%"). A sentence with "lần lượt" (values listed in the
order of their names) is read with the default scope.
"""

from __future__ import annotations

import bisect
import contextlib
import copy
import functools
import gc
import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import pandas as pd

from aiwork.memo import Memo
from aiwork.privacy.anchors import trie_pattern
from aiwork.reporting.candidates import Figure, FigurePool, Selector
from aiwork.reporting.data import COLUMN_KEYWORDS, Schema, infer_schema, load_table
from aiwork.reporting.numbers import Mention, extract_mentions_many
from aiwork.vi import format_date, format_number, nfc

SUPPORTED, UNSUPPORTED, IGNORED = "supported", "unsupported", "ignored"
STATUS_VI = {SUPPORTED: "có căn cứ", UNSUPPORTED: "không có căn cứ", IGNORED: "bỏ qua"}
KIND_VI = {
    "number": "số",
    "percent": "tỷ lệ phần trăm",
    "points": "điểm phần trăm",
    "times": "số lần",
    "date": "thời gian",
    "reference": "số hiệu văn bản",
    "format": "độ dài, định dạng",
}
_FIGURE_KIND = {"number": "count", "percent": "percent", "points": "points", "times": "times"}

# Words that make a sentence claim an extreme, a mean, a gap or a share (lower case).
CUE_WORDS: dict[str, tuple[str, ...]] = {
    "extreme": (
        "cao nhất",
        "thấp nhất",
        "nhiều nhất",
        "ít nhất",
        "lớn nhất",
        "nhỏ nhất",
        "dẫn đầu",
        "đứng đầu",
        "đứng cuối",
        "xếp cuối",
        "xếp đầu",
        "tối đa",
        "tối thiểu",
    ),
    "mean": ("bình quân", "trung bình"),
    "gap": ("chênh lệch", "cách biệt", "khoảng cách", "chênh nhau"),
    "share": ("chiếm", "tỷ trọng", "cơ cấu", "trong tổng số", "trên tổng số"),
}

_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+")


@dataclass
class Finding:
    mention: Mention
    sentence: str
    status: str
    message: str
    basis: Figure | None = None
    nearest: Figure | None = None
    noted: bool = False  # the message explains a likely cause (unit swap, unnamed indicator)

    def to_dict(self) -> dict:
        m = self.mention
        return {
            "text": m.text,
            "kind": m.kind,
            "value": m.value if m.kind != "date" else None,
            "start": m.start,
            "end": m.end,
            "status": self.status,
            "message": self.message,
            "basis": _fig_dict(self.basis),
            "nearest": _fig_dict(self.nearest),
            "sentence": self.sentence,
        }


def _fig_dict(fig: Figure | None) -> dict | None:
    return None if fig is None else {"value": fig.value, "kind": fig.kind, "label": fig.label}


@dataclass
class FigureReport:
    findings: list[Finding]

    @property
    def supported(self) -> list[Finding]:
        return [f for f in self.findings if f.status == SUPPORTED]

    @property
    def unsupported(self) -> list[Finding]:
        return [f for f in self.findings if f.status == UNSUPPORTED]

    @property
    def ignored(self) -> list[Finding]:
        return [f for f in self.findings if f.status == IGNORED]

    @property
    def ok(self) -> bool:
        return not self.unsupported

    def unsupported_texts(self) -> list[str]:
        return [f.mention.text for f in self.unsupported]

    def to_dict(self, assumptions: list[str] | None = None) -> dict:
        return {
            "ok": self.ok,
            "assumptions": list(assumptions or []),
            "summary": {
                "total": len(self.findings),
                "supported": len(self.supported),
                "unsupported": len(self.unsupported),
                "ignored": len(self.ignored),
            },
            "numbers": [f.to_dict() for f in self.findings],
        }

    def to_json(self, assumptions: list[str] | None = None) -> str:
        """``to_dict`` as JSON: the header indented, then one finding per line. A 10 MB
        narrative has ~290,000 findings: indenting each with json's pure-Python encoder took
        2.6 s of ``check-figures --json``, one line each with its C encoder 1.1 s, and a
        finding per line is easier to read and to grep."""
        with _collector_paused():  # the findings' dicts: see _collector_paused
            payload = self.to_dict(assumptions)
            numbers = payload.pop("numbers")
            head = json.dumps(payload, ensure_ascii=False, indent=2)
            encode = json.JSONEncoder(ensure_ascii=False).encode
            items = ",\n    ".join(map(encode, numbers))
        listed = f"[\n    {items}\n  ]" if numbers else "[]"
        return f'{head[:-2]},\n  "numbers": {listed}\n}}'

    def to_text(self) -> str:
        n = len(self.findings)
        if n == 0:
            return "Không tìm thấy con số nào trong văn bản."
        lines = [
            f"Kiểm tra số liệu: {n} con số — {len(self.supported)} có căn cứ, "
            f"{len(self.unsupported)} không có căn cứ, {len(self.ignored)} bỏ qua."
        ]
        if self.unsupported:
            lines.append("Các con số KHÔNG có căn cứ trong dữ liệu:")
            lines += [f"- “{f.mention.text}”: {f.message}" for f in self.unsupported]
        else:
            lines.append("Mọi con số đều khớp với dữ liệu.")
        return "\n".join(lines)


def within(mention: Mention, value: float) -> bool:
    """Does ``value`` support the printed ``mention`` (the documented tolerance)?"""
    x, u, q = mention.value, mention.unit, mention.qualifier
    eps = 1e-9 * max(1.0, abs(x))
    if q is None:
        return abs(value - x) <= u / 2 + eps
    wide = max(u, 0.1 * abs(x))
    if q == "about":
        return abs(value - x) <= max(u / 2, 0.05 * abs(x)) + eps
    if q == "above":
        return x < value <= x + wide + eps
    if q == "at_least":
        return x - eps <= value <= x + wide + eps
    if q == "below":
        return x - wide - eps <= value < x
    if q == "at_most":
        return x - wide - eps <= value <= x + eps
    raise ValueError(f"unknown qualifier {q!r}")


def show(fig: Figure, decimals: int = 1) -> str:
    """A figure in Vietnamese format, to the printed precision (at least one decimal)."""
    digits = 0 if float(fig.value).is_integer() else max(decimals, 1)
    suffix = {"count": "", "percent": "%", "points": " điểm phần trăm", "times": " lần"}[fig.kind]
    return format_number(fig.value, digits) + suffix


class FigureChecker:
    """Checks narratives against one table (build once, check many texts)."""

    def __init__(self, df: pd.DataFrame, schema: Schema | None = None, lenient: bool = False):
        """``lenient``: accept a figure whatever the sentence's wording (no topic or cue gates),
        for text whose wording nobody chose, such as a model's reply being graded."""
        self.lenient = lenient
        self.schema = schema or infer_schema(df)
        if df.attrs:  # read by infer_schema; pandas would deep-copy them on every operation
            df = df.copy(deep=False)
            df.attrs = {}
        self.df = df
        self.pool = FigurePool(df, self.schema)
        self._alias_of = self._build_aliases()  # lower-cased name -> (column, value)
        self._alias_words = max((len(_WORD.findall(a)) for a in self._alias_of), default=0)
        # A name starts at a word that is some name's first word: those words are found by one
        # scan (a trie-shaped alternation), the others are never looked at.
        starts = {m.group() for a in self._alias_of if (m := _WORD.match(a))}
        self._alias_start_re = (
            re.compile(rf"(?<!\w)(?:{trie_pattern(starts)})(?!\w)") if starts else None
        )
        self._keywords = {
            c: COLUMN_KEYWORDS[c] for c in self.schema.measures if c in COLUMN_KEYWORDS
        }
        # Per column, one search for any of its keywords (the same as ``any(k in low ...)``).
        self._keyword_res = {
            c: re.compile("|".join(map(re.escape, words)))
            for c, words in self._keywords.items()
            if words
        }
        self._periods, self._dates = self._time_coverage()
        self._years = {y for y, _ in self._periods}
        self._all_periods = (
            set(self.df[self.schema.period].astype(str).unique()) if self.schema.period else set()
        )
        self._indexes: dict[tuple, tuple[list[Figure], _Index, _Index]] = {}
        self._months: dict[tuple[str, tuple], list[tuple[int, int]]] = {}
        self._values: dict[tuple[str, tuple], frozenset[str]] = {}

    # -- scope --------------------------------------------------------------------------------

    def _build_aliases(self) -> dict[str, tuple[str, str]]:
        aliases: dict[str, tuple[str, str]] = {}
        for dim in self.schema.dimensions:
            for value in self.df[dim].dropna().astype(str).unique():
                names = {value}
                # "UBND phường Quy Nhơn" is also written "phường Quy Nhơn".
                if value.upper().startswith("UBND "):
                    names.add(value[5:])
                for name in names:
                    aliases.setdefault(nfc(name).lower(), (dim, value))
        return aliases

    def _time_coverage(self) -> tuple[set[tuple[int, int]], set[tuple[int, int, int]]]:
        periods: set[tuple[int, int]] = set()
        dates: set[tuple[int, int, int]] = set()
        if self.schema.period:
            for p in self.df[self.schema.period].dropna().astype(str).unique():
                y, m = p.split("-")
                periods.add((int(y), int(m)))
        for col in self.schema.dates:
            for d in self.df[col].dropna().astype(str).unique():
                y, m, day = (int(x) for x in d.split("-"))
                dates.add((y, m, day))
                periods.add((y, m))
        return periods, dates

    def _selectors(self, sentence: str, mentions: list[Mention]) -> list[Selector]:
        low = nfc(sentence).lower()
        found: dict[tuple[str, str], Selector] = {}
        for start, end in self._names_in(low):
            if _is_title_word(sentence, start, end):
                continue
            dim, value = self._alias_of[low[start:end]]
            found[(dim, value)] = Selector(dim, frozenset([value]), value)
        period = self.schema.period
        if period:
            for m in mentions:
                values = self._period_values(m)
                if values:
                    found[(period, m.text)] = Selector(period, values, m.text)
        return list(found.values())

    def _period_values(self, m: Mention) -> frozenset[str]:
        """The table's periods a date mention names, when they narrow the table (empty when it
        names none or all of them); kept per date."""
        if m.kind != "date" or m.date is None:
            return frozenset()
        values = self._values.get(m.date)
        if values is None:
            months = self._months_of(m)
            values = frozenset(f"{y}-{mo:02d}" for y, mo in months) & self._all_periods
            if values == self._all_periods:
                values = frozenset()
            self._values[m.date] = values
        return values

    def _names_in(self, low: str) -> list[tuple[int, int]]:
        """Spans of the table's values named in a lower-cased sentence: at each word, the
        longest run of words that is a value; matches do not overlap. (A dictionary lookup per
        run of words: a table with 20,000 communes costs no more per sentence than one with 30.)
        """
        spans: list[tuple[int, int]] = []
        if self._alias_start_re is None:
            return spans
        done = 0  # matches do not overlap: the next one starts after the last one's end
        for first in self._alias_start_re.finditer(low):
            start = first.start()
            if start < done:
                continue
            ends = []
            for word in _WORD.finditer(low, start):
                ends.append(word.end())
                if len(ends) == self._alias_words:
                    break
            for end in reversed(ends):
                if low[start:end] in self._alias_of:
                    spans.append((start, end))
                    done = end
                    break
        return spans

    def _topics(self, sentence: str) -> set[str]:
        low = nfc(sentence).lower()
        return {col for col, rx in self._keyword_res.items() if rx.search(low)}

    def _on_topic(self, fig: Figure, topics: set[str]) -> bool:
        """Rates, shares and changes need their topic in the sentence; counts do not (a count
        like 198.722 is specific enough), nor does a sentence that names no topic at all."""
        if (
            self.lenient
            or fig.kind == "count"
            or fig.topic is None
            or fig.topic not in self._keywords
        ):
            return True
        return not topics or fig.topic in topics

    def _months_of(self, m: Mention) -> list[tuple[int, int]]:
        if m.kind != "date" or m.date is None:
            return []
        months = self._months.get(m.date)
        if months is None:  # kept: a narrative names the same few months again and again
            months = self._months[m.date] = self._months_in(m.date)
        return months

    def _months_in(self, when: tuple[str, tuple]) -> list[tuple[int, int]]:
        gran, info = when
        if gran == "month":
            y, mo = info
            return [(py, pm) for py, pm in self._periods if pm == mo and (y is None or py == y)]
        if gran == "months":
            y, a, b = info
            return [(py, pm) for py, pm in self._periods if a <= pm <= b and (y is None or py == y)]
        return []

    # -- checking -----------------------------------------------------------------------------

    def check(self, text: str, bound: bool = False) -> FigureReport:
        """Findings for every number of ``text``; ``bound``: see the module's docstring."""
        if len(text) < _LONG_TEXT:
            return self._check(text, bound)
        with _collector_paused():
            return self._check(text, bound)

    def _check(self, text: str, bound: bool) -> FigureReport:
        text = nfc(text)
        findings: list[Finding] = []
        inherited: list[Selector] = []
        inherited_topics: set[str] = set()
        paragraph = -1
        for batch in _batches(_sentences(text), _BATCH):
            # A dozen patterns read each sentence: one pass per batch of sentences.
            found = extract_mentions_many([(offset, sentence) for _, offset, sentence in batch])
            for (par, offset, sentence), mentions in zip(batch, found, strict=True):
                if par != paragraph:
                    paragraph, inherited, inherited_topics = par, [], set()
                # A sentence that names nothing continues the one before it ("Trong đó, ..."), but
                # only that one: scopes and topics are not carried further.
                own = self._selectors(sentence, mentions)
                selectors, inherited = own or inherited, own
                own_topics = self._topics(sentence)
                topics, inherited_topics = own_topics or inherited_topics, own_topics
                thresholds = [m.value for m in mentions if m.kind == "percent"]
                pool: tuple[list[Figure], Callable[[], list[Figure]]] | None = None
                binds = bound and "lần lượt" not in sentence.lower()
                stripped = sentence.strip()
                low = stripped.lower()  # one string: the cue words' cache reads its hash once
                own_dims = {x.dim for x in own}
                for m in mentions:
                    if binds and m.kind in ("percent", "number"):
                        local = (m.start - offset, m.end - offset)
                        m_selectors = self._bound_selectors(sentence, mentions, offset, local)
                        m_selectors = m_selectors if own else selectors
                        m_topics = self._bound_topics(sentence, local) or topics
                        m_pool = self.pool.figures_split(m_selectors, thresholds, own_dims)
                        finding = self._judge(m, stripped, m_pool, m_topics, low)
                        if finding.status == UNSUPPORTED and finding.basis is None:
                            loose = self.pool.figures_split(selectors, thresholds, own_dims)
                            if self._judge(m, stripped, loose, topics, low).status == SUPPORTED:
                                finding.message = (
                                    "con số này có trong dữ liệu nhưng là của một chỉ tiêu, đơn vị "
                                    "hoặc thời gian khác với điều câu văn gán cho nó (hai số liệu bị "
                                    "đổi chỗ?): anh/chị đối chiếu lại tên chỉ tiêu, xã/phường, tháng "
                                    "đứng cạnh con số."
                                )
                                finding.noted = True
                                finding.nearest = None
                        findings.append(finding)
                        continue
                    if m.kind in _FIGURE_KIND and pool is None:
                        pool = self.pool.figures_split(selectors, thresholds, own_dims)
                    finding = self._judge(m, stripped, pool or ([], list), topics, low)
                    if finding.status == UNSUPPORTED and not selectors:
                        finding = self._single_cell(m, stripped) or finding
                    findings.append(finding)
                if binds:
                    _check_direction(sentence, mentions, offset, findings)
        return FigureReport(findings)

    # -- binding (bound=True) -------------------------------------------------------------------

    def _selector_spans(
        self, sentence: str, mentions: list[Mention], offset: int
    ) -> list[tuple[int, int, Selector]]:
        """Where the sentence names each unit (alias) and month (date mention), local offsets."""
        low = nfc(sentence).lower()
        out: list[tuple[int, int, Selector]] = []
        for start, end in self._names_in(low):
            if _is_title_word(sentence, start, end):
                continue
            dim, value = self._alias_of[low[start:end]]
            out.append((start, end, Selector(dim, frozenset([value]), value)))
        period = self.schema.period
        if period:
            all_periods = self._all_periods
            for m in mentions:
                months = self._months_of(m)
                values = frozenset(f"{y}-{mo:02d}" for y, mo in months) & all_periods
                if values and values != all_periods:
                    sel = Selector(period, values, m.text)
                    out.append((m.start - offset, m.end - offset, sel))
        return out

    def _bound_selectors(
        self, sentence: str, mentions: list[Mention], offset: int, at: tuple[int, int]
    ) -> list[Selector]:
        """Per column, the name bound to the number at ``at``: one right after it ("72,6% tại
        phường Quy Nhơn", "52,3% trong tháng 1/2026"), else the nearest before, else after."""
        spans = self._selector_spans(sentence, mentions, offset)
        low = nfc(sentence).lower()
        chosen: dict[str, Selector] = {}
        for dim in {sel.dim for _, _, sel in spans}:
            mine = [(s, e, sel) for s, e, sel in spans if sel.dim == dim]
            right_after = [
                x for x in mine if x[0] >= at[1] and _LINKED_AFTER.match(low[at[1] : x[0]])
            ]
            before = [x for x in mine if x[1] <= at[0]]
            after = [x for x in mine if x[0] >= at[1]]
            if right_after:
                chosen[dim] = min(right_after, key=lambda x: x[0])[2]
            elif before:
                chosen[dim] = max(before, key=lambda x: x[1])[2]
            elif after:
                chosen[dim] = min(after, key=lambda x: x[0])[2]
        return list(chosen.values())

    def _bound_topics(self, sentence: str, at: tuple[int, int]) -> set[str]:
        """The measure named nearest before the number ("tỷ lệ trực tuyến đạt 62,4%"); none
        when nothing is named before it (the sentence's topics are used then)."""
        low = nfc(sentence).lower()
        best: tuple[int, str] | None = None
        for col, words in self._keywords.items():
            for w in words:
                for m in re.finditer(re.escape(w), low[: at[0]]):
                    if best is None or m.end() > best[0]:
                        best = (m.end(), col)
        return {best[1]} if best else set()

    def _judge(
        self,
        m: Mention,
        sentence: str,
        pool: tuple[list[Figure], Callable[[], list[Figure]]],
        topics: set[str],
        low: str | None = None,
    ) -> Finding:
        """``low``: ``sentence.lower()``, when the caller has it."""
        if m.kind == "reference":
            return Finding(m, sentence, IGNORED, "Số hiệu văn bản, điều khoản: không phải số liệu.")
        if m.kind == "format":
            return Finding(
                m, sentence, IGNORED, "Độ dài, định dạng của văn bản: không phải số liệu."
            )
        if m.kind == "date":
            return self._judge_date(m, sentence)
        base, by_threshold = pool
        low = sentence.lower() if low is None else low
        cued, figures = self._index(base, low, topics)
        kind = _FIGURE_KIND[m.kind]
        hits = figures.near(kind, m)
        # The counts of units above the sentence's own percentages, if any. They are counts of
        # units: they cannot support, explain or hint at a percentage, nor at a count far above
        # the table's number of units (then they are not made: most unsupported numbers).
        if not hits and kind == "count" and not _beyond_counts(m, self.pool.units_ceiling()):
            extra = by_threshold()
            if extra:
                cued, figures = self._with(cued, figures, extra, low, topics)
                hits = figures.near(kind, m)
        if hits:
            best = min(hits, key=lambda f: (-f.depth, f.rank, abs(f.value - m.value)))
            return Finding(
                m,
                sentence,
                SUPPORTED,
                f"khớp với {best.label}: {show(best, m.decimals)}.",
                basis=best,
            )
        message = f"không có số liệu nào khớp ({_tolerance_text(m)})."
        off_topic = cued.near(kind, m)
        if off_topic:  # those the topic filter left out
            kept = {id(f) for f in figures.of(kind)}
            off_topic = [f for f in off_topic if id(f) not in kept]
        if off_topic:
            guess = min(off_topic, key=lambda f: (-f.depth, f.rank, abs(f.value - m.value)))
            message += (
                f" Câu văn không nói rõ đây là chỉ tiêu nào: nếu là {guess.label} thì "
                f"khớp ({show(guess, m.decimals)}); anh/chị ghi rõ tên chỉ tiêu."
            )
        other = {"percent": "points", "points": "percent"}.get(kind)
        swapped = bool(other) and bool(figures.near(other, m))
        if swapped:
            message += (
                " Con số này khớp nếu đổi giữa “%” và “điểm phần trăm”: anh/chị kiểm tra "
                "lại đơn vị (mức tăng của một tỷ lệ tính bằng điểm phần trăm)."
            )
        english = _english_thousands(m)
        if english is not None and figures.near(kind, english):
            message += (
                f" Nếu ý là {format_number(english.value)} thì phải viết “{format_number(english.value)}”: "
                "theo cách viết số của Việt Nam, dấu phẩy là dấu thập phân, dấu chấm ngăn cách hàng nghìn."
            )
            swapped = True
        noted = bool(off_topic) or swapped
        nearest = None if noted else figures.hint(kind, m)
        if nearest is not None:
            message += f" Số liệu gần nhất: {show(nearest, m.decimals)} ({nearest.label})."
        elif not noted:
            message += " Có thể là số bịa hoặc lấy từ nguồn khác: cần dẫn nguồn hoặc bỏ."
        return Finding(m, sentence, UNSUPPORTED, message, nearest=nearest, noted=noted)

    def _single_cell(self, m: Mention, sentence: str) -> Finding | None:
        """A specific figure (3 or more significant digits) in a sentence that names no unit or
        period, equal to one cell of the table at the printed precision: the writer copied it
        from that row ("Lệ phí thu được trong tháng là 11.547.000 đồng")."""
        kind = _FIGURE_KIND.get(m.kind)
        if kind not in ("count", "percent") or _significant_digits(m.text) < 3:
            return None
        wide = max(m.unit, 0.1 * abs(m.value))
        cells = self.pool.cells_near(kind, m.value - wide, m.value + wide)
        hits = [f for f in cells if within(m, f.value)]
        if not hits:
            return None
        best = min(hits, key=lambda f: abs(f.value - m.value))
        return Finding(
            m, sentence, SUPPORTED, f"khớp với {best.label}: {show(best, m.decimals)}.", basis=best
        )

    def _index(self, base: list[Figure], low: str, topics: set[str]) -> tuple[_Index, _Index]:
        """(figures the sentence's wording may claim, those also on its topic), by value.
        A scope's base figures are one cached list shared by its sentences, whose cue words and
        topics repeat too: each combination is sorted once (a 10 MB narrative checks in linear
        time)."""
        key = (id(base), self._cues(low), frozenset(topics), self.lenient)
        if key not in self._indexes:
            self._indexes[key] = (base, *self._filtered(base, key[1], topics))  # base: id valid
        _, cued, figures = self._indexes[key]
        return cued, figures

    def _with(
        self, cued: _Index, figures: _Index, extra: list[Figure], low: str, topics: set[str]
    ) -> tuple[_Index, _Index]:
        """The indexes with a sentence's few extra figures added (scanned, not sorted)."""
        cues = self._cues(low)
        more_cued = [f for f in extra if self.lenient or f.cue is None or f.cue in cues]
        more = [f for f in more_cued if self._on_topic(f, topics)]
        return cued.plus(more_cued), figures.plus(more)

    @staticmethod
    @functools.lru_cache(maxsize=4096)
    def _cues(low: str) -> frozenset[str]:
        """The cue kinds a (lower-cased) sentence uses; asked for each of its numbers."""
        return frozenset(c for c, words in CUE_WORDS.items() if any(w in low for w in words))

    def _filtered(
        self, figures: list[Figure], cues: frozenset[str], topics: set[str]
    ) -> tuple[_Index, _Index]:
        cued = [f for f in figures if self.lenient or f.cue is None or f.cue in cues]
        return _Index(cued), _Index([f for f in cued if self._on_topic(f, topics)])

    def _judge_date(self, m: Mention, sentence: str) -> Finding:
        assert m.date is not None
        if not self._periods:
            return Finding(m, sentence, IGNORED, "Dữ liệu không có cột thời gian để đối chiếu.")
        gran, info = m.date
        years = self._years
        if gran == "year":
            ok = info[0] in years
        elif gran == "day":
            y, mo, d = info
            if self._dates:
                ok = any(
                    dm == mo and dd == d and (y is None or dy == y) for dy, dm, dd in self._dates
                )
            else:
                ok = any(pm == mo and (y is None or py == y) for py, pm in self._periods)
        elif gran == "month":
            ok = bool(self._months_of(m))
        else:
            y, a, b = info
            have = self._months_of(m)
            want = (b - a + 1) * (len(years) if y is None else 1)
            ok = len(have) >= want
        if ok:
            return Finding(m, sentence, SUPPORTED, "nằm trong thời kỳ của dữ liệu.")
        return Finding(
            m,
            sentence,
            UNSUPPORTED,
            f"dữ liệu không có số liệu cho thời gian này (dữ liệu có {self._coverage()}).",
        )

    def _coverage(self) -> str:
        if self._dates:
            return ", ".join(
                f"ngày {format_date(date(y, m, d))}" for y, m, d in sorted(self._dates)
            )
        first, last = min(self._periods), max(self._periods)
        return f"từ tháng {first[1]}/{first[0]} đến tháng {last[1]}/{last[0]}"


# A name right after a number that it belongs to: "52,3% trong tháng 1/2026", "(tháng 1)".
_LINKED_AFTER = re.compile(r"^\s*(?:\(|,)?\s*(?:trong|vào|ở|của|tại|thuộc)?\s*(?:tháng\s*)?$")
# "tăng/giảm ... từ X ... lên/xuống/còn Y"
_UP = re.compile(r"\b(?:tăng|cải thiện|đi lên|nâng)\b")
_DOWN = re.compile(r"\b(?:giảm|đi xuống|sụt|hạ)\b")
_FROM = re.compile(r"\btừ\s*(?:mức\s*)?$")
_TO = re.compile(r"\b(?:lên|xuống|còn|đến|tới)\s*(?:mức\s*|còn\s*|đến\s*)?$")


def _check_direction(
    sentence: str, mentions: list[Mention], offset: int, findings: list[Finding]
) -> None:
    """A change whose words and numbers disagree: "giảm từ 52,3% … xuống 71,8%"."""
    low = nfc(sentence).lower()
    figures = [m for m in mentions if m.kind in ("percent", "number")]
    for x, y in zip(figures, figures[1:], strict=False):
        if x.kind != y.kind:
            continue
        xs, xe, ys = x.start - offset, x.end - offset, y.start - offset
        if not _FROM.search(low[max(0, xs - 12) : xs]):
            continue
        to = _TO.search(low[max(xe, ys - 14) : ys])
        if not to:
            continue
        said = low[:ys]
        word = to.group(0).split()[0]
        up = word == "lên" or (word not in ("xuống", "còn") and bool(_UP.search(said)))
        down = word in ("xuống", "còn") or (word not in ("lên",) and bool(_DOWN.search(said)))
        if up == down or x.value == y.value:
            continue
        if up != (y.value > x.value):
            claimed = "tăng" if up else "giảm"
            actual = "tăng" if y.value > x.value else "giảm"
            for i, f in enumerate(findings):
                if f.mention.start == y.start and f.mention.end == y.end:
                    findings[i] = replace(
                        f,
                        status=UNSUPPORTED,
                        message=(
                            f"câu văn nói «{claimed}» nhưng con số đi từ {x.text} đến {y.text}, "
                            f"tức là {actual}: chiều thay đổi bị viết ngược."
                        ),
                        basis=None,
                        nearest=None,
                        noted=True,
                    )


_CATEGORY_PAIR = re.compile(r"(?i)^\s*,\s*(?:xã|phường)\b")
_CATEGORY_PAIR_BEFORE = re.compile(r"(?i)\b(?:xã|phường)\s*,\s*$")


def _is_title_word(sentence: str, start: int, end: int) -> bool:
    """A category word used as a title or in a pair, not as a group: "phường" in "phường Quy
    Nhơn" (a capitalised name follows) or in "xã, phường"."""
    after, before = sentence[end:], sentence[:start]
    if _CATEGORY_PAIR.match(after) or _CATEGORY_PAIR_BEFORE.search(before):
        return True
    nxt = after.lstrip()
    return (
        bool(nxt)
        and after[:1].isspace()
        and nxt[0].isupper()
        and len(sentence[start:end].split()) == 1
    )


class _Index:
    """Figures by kind, sorted by value: those that can support a mention are found by bisection
    in the widest tolerance window, then checked with :func:`within`."""

    def __init__(self, figures: list[Figure]):
        self._extra: list[Figure] = []
        self._by_kind: dict[str, tuple[list[float], list[Figure]]] = {}
        for kind in {f.kind for f in figures}:
            same = sorted((f for f in figures if f.kind == kind), key=lambda f: f.value)
            self._by_kind[kind] = ([f.value for f in same], same)
        # Per kind, for hint(): the deepest direct figures, or None when a value is NaN.
        self._direct: dict[str, tuple[int, list[Figure]] | None] = {}

    def of(self, kind: str) -> list[Figure]:
        return self._by_kind.get(kind, ([], []))[1] + [f for f in self._extra if f.kind == kind]

    def plus(self, extra: list[Figure]) -> _Index:
        """This index and a few more figures, scanned as they are (no re-sorting)."""
        merged = _Index([])
        merged._by_kind = self._by_kind
        merged._direct = self._direct
        merged._extra = [*self._extra, *extra]
        return merged

    def hint(self, kind: str, m: Mention) -> Figure | None:
        """``_hint(m, self.of(kind))`` without scanning every figure: the closest values are
        found by bisection (on each side of the number a figure's gap grows with its distance)
        and the direct figures of the deepest scope are kept per kind."""
        values, figures = self._by_kind.get(kind, ([], []))
        extra = [f for f in self._extra if f.kind == kind]
        if kind not in self._direct:
            direct = [f for f in figures if f.rank == 0]
            top = max((f.depth for f in direct), default=0)
            nan = any(v != v for v in values)
            self._direct[kind] = None if nan else (top, [f for f in direct if f.depth == top])
        prepared = self._direct[kind]
        x = m.value
        unusual = x != x or any(f.rank == 0 or f.value != f.value for f in extra)
        if prepared is None or unusual:
            return _hint(m, figures + extra)
        scale = max(abs(x), 1.0)

        def gap(f: Figure) -> float:
            return abs(f.value - x) / scale

        top, direct_top = prepared
        if direct_top and top > 0:
            best = min(direct_top, key=gap)
            if gap(best) <= 0.5:
                return best
        # The figures with the smallest gap: around the number's place among the values.
        candidates: list[Figure] = []
        smallest = float("inf")
        if figures:
            p = bisect.bisect_left(values, x)
            smallest = min(gap(figures[i]) for i in (p - 1, p) if 0 <= i < len(figures))
            lo, hi = p, p
            while lo > 0 and gap(figures[lo - 1]) == smallest:
                lo -= 1
            while hi < len(figures) and gap(figures[hi]) == smallest:
                hi += 1
            candidates = figures[lo:hi]
        if extra:
            smallest = min(smallest, *(gap(f) for f in extra))
            candidates = [f for f in candidates if gap(f) == smallest]
            candidates += [f for f in extra if gap(f) == smallest]
        best = min(candidates, key=lambda f: (gap(f), -f.depth, f.rank), default=None)
        return best if best is not None and gap(best) <= 0.25 else None

    def near(self, kind: str, m: Mention) -> list[Figure]:
        values, figures = self._by_kind.get(kind, ([], []))
        wide = max(m.unit, 0.1 * abs(m.value)) + 1e-9 * max(1.0, abs(m.value))
        lo = bisect.bisect_left(values, m.value - wide)
        hi = bisect.bisect_right(values, m.value + wide)
        if not self._extra:
            if m.qualifier is None:  # within() of a plain number, its bound computed once
                x = m.value
                limit = m.unit / 2 + 1e-9 * max(1.0, abs(x))
                return [f for f in figures[lo:hi] if abs(f.value - x) <= limit]
            return [f for f in figures[lo:hi] if within(m, f.value)]
        more = [f for f in self._extra if f.kind == kind]
        return [f for f in [*figures[lo:hi], *more] if within(m, f.value)]


def _beyond_counts(m: Mention, ceiling: int) -> bool:
    """Is every count from 0 to ``ceiling`` irrelevant to ``m``: outside the widest tolerance
    window of ``m`` and of its English reading ("4,102"), and too far for a hint (more than 25%
    away; :func:`_hint`)? Margins of one unit and 5% keep float rounding out of the answer."""
    for x in (m, _english_thousands(m)):
        if x is None:
            continue
        wide = max(x.unit, 0.1 * abs(x.value)) + 1e-9 * max(1.0, abs(x.value))
        if x.value - wide <= ceiling + 1:
            return False
    return ceiling < 0.7 * m.value


def _english_thousands(m: Mention) -> Mention | None:
    """ "4,102" read the English way (4102): a number with one comma and three digits after it."""
    if m.kind != "number" or not re.fullmatch(r"\d{1,3},\d{3}", m.text.strip()):
        return None
    return replace(m, value=float(m.text.replace(",", "")), unit=1.0, decimals=0)


def _significant_digits(printed: str) -> int:
    digits = re.sub(r"\D", "", printed).lstrip("0")
    return len(digits.rstrip("0")) if "," not in printed else len(digits)


def _hint(m: Mention, same: list[Figure]) -> Figure | None:
    """The figure the writer probably meant: first the named group's own figures (a mis-copied
    number is usually near them), then anything close."""

    def gap(f: Figure) -> float:
        return abs(f.value - m.value) / max(abs(m.value), 1.0)

    direct = [f for f in same if f.rank == 0]
    if direct:
        top = max(f.depth for f in direct)
        best = min((f for f in direct if f.depth == top), key=gap)
        if top > 0 and gap(best) <= 0.5:
            return best
    best = min(same, key=lambda f: (gap(f), -f.depth, f.rank), default=None)
    return best if best is not None and gap(best) <= 0.25 else None


# A text this long is checked with the cyclic garbage collector paused (_collector_paused).
_LONG_TEXT = 100_000


@contextlib.contextmanager
def _collector_paused():
    """Python's cyclic garbage collector paused, then restored as it was. Checking makes no
    reference cycles, but a long text keeps its findings alive (a 10 MB narrative: ~290,000,
    with their mentions), and the collector's full passes scan them again and again as they
    grow: 15% of the time of a 10 MB check (and 0.8 s of writing its JSON). Garbage with cycles made meanwhile (pandas') is
    collected after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# Sentences read together by extract_mentions_many (its overlap checks grow with a batch).
_BATCH = 16


def _batches(items, size: int):
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _sentences(text: str):
    """(paragraph index, offset, sentence) for each sentence; offsets index ``text``."""
    for index, par in enumerate(re.finditer(r"(?s)\S.*?(?=\n[ \t]*\n|\Z)", text)):
        chunk, last = par.group(0), 0
        for boundary in _SENTENCE_END.finditer(chunk):
            yield index, par.start() + last, chunk[last : boundary.start()]
            last = boundary.end()
        if chunk[last:].strip():
            yield index, par.start() + last, chunk[last:]


def _tolerance_text(m: Mention) -> str:
    """The documented tolerance, in words, for this mention."""
    suffix = {"percent": " điểm phần trăm", "points": " điểm phần trăm", "times": " lần"}.get(
        m.kind, ""
    )

    def num(x: float) -> str:
        return format_number(x, 0 if float(x).is_integer() else m.decimals + 1) + suffix

    x, u = abs(m.value), m.unit
    if m.qualifier is None:
        return f"sai số cho phép ±{num(u / 2)}"
    if m.qualifier == "about":
        return f"“khoảng” cho phép lệch ±{num(max(u / 2, 0.05 * x))}"
    if m.qualifier in ("above", "at_least"):
        return f"“hơn/trên” nghĩa là lớn hơn con số ghi nhưng không quá {num(max(u, 0.1 * x))}"
    return f"“gần/dưới” nghĩa là nhỏ hơn con số ghi nhưng không quá {num(max(u, 0.1 * x))}"


def check_figures(
    text: str, data: str | Path | pd.DataFrame, lenient: bool = False, bound: bool = False
) -> FigureReport:
    """Check every number in ``text`` against a table (a DataFrame or a CSV/XLSX path);
    ``bound``: each figure read with the rate, unit and month the sentence binds it to."""
    df = data if isinstance(data, pd.DataFrame) else load_table(data)
    return checker_for(df, lenient).check(text, bound=bound)


#: One checker per table content: a notebook checks several texts against the same tables
#: (self-checks, test cells), and the checker keeps the figures it computed per scope.
_CHECKERS = Memo("reporting.figcheck.checkers", size=8)


def table_key(df: pd.DataFrame) -> tuple | None:
    """A key that changes with the table's columns, types, index or any cell; None when
    pandas cannot hash a cell (e.g. a list in a cell: such a table is not cached)."""
    try:
        cells = pd.util.hash_pandas_object(df, index=True).to_numpy().tobytes()
    except TypeError:
        return None
    return (
        tuple(map(str, df.columns)),
        tuple(map(str, df.dtypes)),
        len(df),
        hashlib.blake2b(cells, digest_size=16).digest(),
    )


def checker_for(df: pd.DataFrame, lenient: bool = False) -> FigureChecker:
    """The checker of this table's content, shared with earlier calls on an equal table. It
    is built on a copy: a caller changing its table later cannot change the cached one. A
    lenient checker shares the strict one's figures (leniency only changes the judging)."""
    key = table_key(df)
    if key is None:
        return FigureChecker(df, lenient=lenient)
    checker = _CHECKERS.get(key, lambda: FigureChecker(df.copy()))
    if lenient:
        checker = copy.copy(checker)
        checker.lenient = True
    return checker
