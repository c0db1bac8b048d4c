"""The figure checker's shortcuts (issue 20 item 11: a 10 MB narrative in <= 10 s) change no
result: each is compared with the plain computation it replaces, on varied narratives written
from the course's tables (right, rounded, mis-copied and invented numbers, counts of units
reaching a rate, continuation sentences, English thousands)."""

from __future__ import annotations

import random
import re

import pandas as pd
import pytest

from aiwork.reporting import data, figcheck
from aiwork.reporting.figcheck import FigureChecker
from aiwork.reporting.numbers import extract_mentions
from aiwork.vi import format_number, format_percent


@pytest.fixture(scope="module")
def services() -> pd.DataFrame:
    return data.load_services()


def narrative(df: pd.DataFrame, seed: int, sentences: int = 160) -> str:
    """Paragraphs of sentences about random rows, numbers right or altered."""
    rng = random.Random(seed)
    out: list[str] = []
    rates = 100 * df["ho_so_truc_tuyen"] / df["ho_so_tiep_nhan"]
    for i in range(sentences):
        row = df.iloc[rng.randrange(len(df))]
        name, period = row["xa_phuong"], row["thang"]
        month = f"tháng {int(period[5:])}/{period[:4]}"
        count = int(row["ho_so_tiep_nhan"])
        rate = 100 * row["ho_so_truc_tuyen"] / row["ho_so_tiep_nhan"]
        # How many communes reach this rate in that month (what "có 7 xã đạt ..." claims).
        reach = int((rates[df["thang"] == period].round(1) >= round(rate, 1)).sum())
        count = rng.choice([count, count, count + rng.randint(-900, 900), rng.randint(0, 30)])
        rate += rng.choice([0, 0, rng.uniform(-3, 3)])
        c_txt = rng.choice(
            [format_number(count), f"khoảng {format_number(count / 1000, 1)} nghìn", str(count)]
        )
        if count >= 1000 and rng.random() < 0.1:
            c_txt = f"{count // 1000},{count % 1000:03d}"  # English thousands
        qual = rng.choice(["", "", "hơn ", "gần ", "khoảng "])
        units = rng.choice([reach, reach, reach + 1, rng.randint(0, 14)])
        sentence = rng.choice(
            [
                f"Trong {month}, {name} tiếp nhận {qual}{c_txt} hồ sơ, tỷ lệ trực tuyến đạt "
                f"{format_percent(rate)}.",
                f"Có {units} xã, phường đạt tỷ lệ trực tuyến từ {format_percent(rate)} trở lên "
                f"trong {month}.",
                f"Trong đó, {qual}{c_txt} hồ sơ được tiếp nhận, {units} đơn vị dưới "
                f"{format_percent(rate, 0)}.",
                f"Tỷ lệ trực tuyến cao nhất là {format_percent(rate)} tại {name}; bình quân "
                f"{c_txt} hồ sơ.",
                f"Toàn tỉnh có {units} xã đạt {format_percent(rate)} và {c_txt} hồ sơ.",
            ]
        )
        out.append(sentence + ("\n\n" if i % 4 == 3 else " "))
    return "".join(out)


def _outputs(df: pd.DataFrame, texts: list[str]) -> list[str]:
    return [
        FigureChecker(df, lenient=lenient).check(text, bound=bound).to_json()
        for text in texts
        for lenient in (False, True)
        for bound in (False, True)
    ]


def test_threshold_counts_are_skipped_only_when_they_cannot_matter(services, monkeypatch):
    """Counts of units reaching the sentence's percentages are not made for a percentage or a
    count far above the number of units (``_beyond_counts``): the same findings as making
    them for every unsupported number."""
    texts = [narrative(services, seed, 100) for seed in range(2)]
    skipped = []
    beyond = figcheck._beyond_counts

    def spy(m, ceiling):
        skipped.append(beyond(m, ceiling))
        return skipped[-1]

    monkeypatch.setattr(figcheck, "_beyond_counts", spy)
    fast = _outputs(services, texts)
    assert any(skipped) and not all(skipped)  # both ways exercised
    monkeypatch.setattr(figcheck, "_beyond_counts", lambda m, ceiling: False)
    assert fast == _outputs(services, texts)


def test_beyond_counts_margins():
    (m,) = extract_mentions("1.234 hồ sơ")
    assert figcheck._beyond_counts(m, 12)
    assert not figcheck._beyond_counts(m, 1000)  # within 25%: a hint may name it
    (small,) = extract_mentions("14 xã")
    assert not figcheck._beyond_counts(small, 12)
    (english,) = extract_mentions("4,102 hồ sơ")  # 4,102 (4.102) read as 4102 too
    assert not figcheck._beyond_counts(english, 12)


def _names_word_by_word(checker: FigureChecker, low: str) -> list[tuple[int, int]]:
    """The lookup ``_names_in`` replaces: at each word, the longest run of words that is a
    name (at most as many words as the longest name); matches do not overlap."""
    words = [(m.start(), m.end()) for m in re.finditer(r"\w+", low)]
    spans, i = [], 0
    while i < len(words):
        for j in range(min(i + checker._alias_words, len(words)) - 1, i - 1, -1):
            if low[words[i][0] : words[j][1]] in checker._alias_of:
                spans.append((words[i][0], words[j][1]))
                i = j
                break
        i += 1
    return spans


def test_names_are_found_as_by_a_word_by_word_lookup(services):
    """Names are looked up only from a word that starts some name (one trie-shaped scan)."""
    table = pd.DataFrame(
        {
            "don_vi": ["UBND phường Quy Nhơn", "Quy Nhơn Nam", "Xã An", "An Nhơn", "Sở Y tế"],
            "ho_so": [1, 2, 3, 4, 5],
        }
    )
    rng = random.Random(4)
    for df in (services, table):
        checker = FigureChecker(df)
        vocabulary = sorted({w for a in checker._alias_of for w in re.findall(r"\w+", a)})
        vocabulary += ["tỉnh", "và", "ubnd", "nhơnx", "quy_nhơn", "12", "x"]
        names = sorted(checker._alias_of)
        for _ in range(400):
            words = []
            for _ in range(rng.randint(0, 6)):  # names, pieces of names and other words
                name = rng.choice(names).split()
                words += rng.choice([name, name[1:], name[:-1], [rng.choice(vocabulary)]])
            seps = [rng.choice([" ", " ", ", ", "-", "  ", ". "]) for _ in words]
            low = "".join(w + s for w, s in zip(words, seps, strict=True))
            assert checker._names_in(low) == _names_word_by_word(checker, low), low


# Sentences whose edges test the joined reading: a scale word, "%", "lần", a qualifier, a
# date or a reference split over two sentences; numbers at both ends; spaces around.
_EDGE_SENTENCES = [
    "Tổng thu đạt 3 tỷ",
    "lệ phí tăng 12%",
    "Khoảng",
    "12 nghìn hồ sơ",
    "Số:",
    "12/UBND-VP",
    "ngày 5",
    "tháng 9 năm 2026",
    "đạt 45,2",
    "% kế hoạch",
    "gấp 2,5",
    "lần so với",
    "  hơn 1.234 hồ sơ  ",
    "8/",
    "12 đơn vị",
    "Điều",
    "8 quy định",
    "từ tháng 1",
    "đến tháng 3/2026 tăng 5,2 điểm phần trăm.",
    "quý III/2026;",
    "2026-09-05",
    "không quá 150",
    "từ, 3 gạch đầu dòng",
    "1.480",
    "4,102 hồ sơ, gần như 60 % và 12,5 phần trăm",
]


def test_sentences_read_together_as_one_by_one():
    """extract_mentions_many (sentences joined, one pass) finds what extract_mentions finds in
    each sentence alone, at the same offsets."""
    from aiwork.reporting.numbers import extract_mentions_many

    rng = random.Random(5)
    pool = _EDGE_SENTENCES + [
        s.strip() + "." for s in re.split(r"(?<=[.;])\s+", narrative(data.load_services(), 9, 60))
    ]
    for _ in range(200):
        chosen = [rng.choice(pool) for _ in range(rng.randint(1, 20))]
        offsets = sorted(rng.sample(range(10_000), len(chosen)))
        pairs = list(zip(offsets, chosen, strict=True))
        assert extract_mentions_many(pairs) == [extract_mentions(t, o) for o, t in pairs], pairs
    assert extract_mentions_many([]) == []
    # Not joinable (a NUL, text not in NFC): read one by one, same answer.
    odd = [(0, "12\x00 nghìn"), (20, "Tha\u0301ng 3/2026 đạt 5%")]
    assert extract_mentions_many(odd) == [extract_mentions(t, o) for o, t in odd]


def test_long_texts_pause_the_collector_and_restore_it(services, monkeypatch):
    """A long text is checked with the cyclic garbage collector paused; it is restored as it
    was, also when the check fails, and the findings are those of a short text's path."""
    import gc

    checker = FigureChecker(services)
    text = narrative(services, 11, 30)
    seen = []
    real = FigureChecker._check

    def spy(self, text, bound):
        seen.append(gc.isenabled())
        return real(self, text, bound)

    monkeypatch.setattr(FigureChecker, "_check", spy)
    short = checker.check(text).to_json()
    monkeypatch.setattr(figcheck, "_LONG_TEXT", 10)
    assert checker.check(text).to_json() == short
    assert seen == [True, False] and gc.isenabled()
    gc.disable()
    try:
        checker.check(text)
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()

    def broken(self, text, bound):
        raise RuntimeError("boom")

    monkeypatch.setattr(FigureChecker, "_check", broken)
    with pytest.raises(RuntimeError):
        checker.check(text)
    assert gc.isenabled()


def test_hints_found_by_bisection_as_by_a_scan(services):
    """_Index.hint (closest values by bisection, direct figures kept per kind) names the figure
    _hint names when it scans every figure: equal values, ties of depth and rank, added
    figures (threshold counts), a direct added figure, NaN."""
    from aiwork.reporting.candidates import Figure
    from aiwork.reporting.figcheck import _hint, _Index

    checker = FigureChecker(services)
    pool = checker.pool
    sels = checker._selectors("Phường Quy Nhơn trong tháng 3/2026", [])
    base = pool.figures(sels, [60.0])
    rng = random.Random(8)
    made = [
        Figure(float(rng.choice([1, 2, 2, 5, 50, 400])), "count", f"f{i}", rng.randint(0, 2), r)
        for i, r in enumerate(rng.choice([0, 1, 2]) for _ in range(60))
    ]
    indexes = [
        _Index(base),
        _Index(made),
        _Index(made).plus([Figure(3.0, "count", "extra", 1, 1), Figure(2.0, "count", "x", 0, 1)]),
        _Index(made).plus([Figure(3.0, "count", "direct extra", 2, 0)]),
        _Index([*made, Figure(float("nan"), "count", "nan", 1, 0)]),
        _Index([]),
        _Index([]).plus(made[:5]),
    ]
    texts = ["1", "2", "3", "4", "50", "45", "60", "400", "380", "0", "1.500", "198.722"]
    texts += ["62,4%", "97%", "5,2 điểm phần trăm", "2,5 lần", "khoảng 3 nghìn", "hơn 400"]
    texts += [format_number(f.value, 1) for f in rng.sample(base, 40)]
    for text in texts:
        (m,) = extract_mentions(text)
        kind = {"number": "count"}.get(m.kind, m.kind)
        for index in indexes:
            assert index.hint(kind, m) is _hint(m, index.of(kind)), (text, kind)


def test_reference_patterns_are_skipped_only_when_they_cannot_match(monkeypatch):
    """A legal-reference pattern is not run on a text without any of the words all its
    matches contain (_REFERENCE_NEEDS): each word is in its pattern, and skipping changes no
    result, also with capitals and the dotless or dotted i that IGNORECASE reads as "i"."""
    from aiwork.reporting import numbers

    for rx, (words, folded) in zip(numbers._REFERENCE_RES, numbers._REFERENCE_NEEDS, strict=True):
        source = rx.pattern.lower() if folded else rx.pattern
        assert all(w in source for w in words), (words, rx.pattern)
        assert bool(rx.flags & re.IGNORECASE) == folded
    texts = [
        "Căn cứ Nghị định 30/2020/NĐ-CP và Công văn số 557/BKHCN-CĐSQG, 01-KH/BCĐTW.",
        "Theo ĐIỀU 8, khoản 2, Mục 3, chương II, Phụ lục 1; lần thứ 2, giai đoạn 3.",
        "Số: 12 và Số 15; thứ 3; GIAI ĐOẠN 2 đạt 45,2%.",
        "Đıều 8 và đİều 9 đạt 12%; GİAİ ĐOẠN 3; gıaı đoạn 4.",
        "Không có văn bản nào: 12,5% và 1.234 hồ sơ trong tháng 3 2026.",
        "Giai đoạn 2 đạt 40%; Chương 3.",
        "Xem 12-ND về việc này.",
    ]
    texts += [t.lower() for t in texts] + [t.upper() for t in texts]
    with_skips = [extract_mentions(t) for t in texts]
    monkeypatch.setattr(numbers, "_REFERENCE_NEEDS", [(("",), False)] * 4)  # never skip
    assert with_skips == [extract_mentions(t) for t in texts]
    assert sum(m.kind == "reference" for ms in with_skips for m in ms) >= 20
