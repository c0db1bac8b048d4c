"""Figure checker benchmark: detection and false alarms on generated sentences, and speed.

    python bench/figcheck_bench.py [--n 300] [--seed 6]

Sentences are built from module 4's synthetic data (a commune, a month, its applications and
online share, in Vietnamese formats), then altered the ways an assistant gets numbers wrong:
- correct: exact, or rounded to the thousand ("khoảng 3 nghìn");
- mis-copied: two adjacent digits of the count transposed;
- slipped: the rate off by 0,2 to 0,9 points;
- invented: a count 15–60% away from any true one;
- swapped: a rate change written with "%" instead of "điểm phần trăm".
Issue 6 sets no numeric target; the figures printed are the checker's recall per kind of
error, its false-alarm rate on correct sentences, and the time per sentence.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiwork.reporting import data
from aiwork.reporting.figcheck import FigureChecker
from aiwork.reporting.numbers import format_number, format_percent


def _transpose(text: str, rng: random.Random) -> str | None:
    spots = [
        i
        for i in range(len(text) - 1)
        if text[i].isdigit() and text[i + 1].isdigit() and text[i] != text[i + 1]
    ]
    if not spots:
        return None
    i = rng.choice(spots)
    return text[:i] + text[i + 1] + text[i] + text[i + 2 :]


def cases(n: int, seed: int) -> list[tuple[str, str, str]]:
    """(kind, sentence, the number that should be flagged or '')."""
    rng = random.Random(seed)
    df = data.load_services()
    out: list[tuple[str, str, str]] = []
    months = sorted(df["thang"].unique())
    while len(out) < n:
        row = df.iloc[rng.randrange(len(df))]
        name, period = row["xa_phuong"], row["thang"]
        month = f"tháng {int(period[5:])}/{period[:4]}"
        count = int(row["ho_so_tiep_nhan"])
        rate = 100 * row["ho_so_truc_tuyen"] / row["ho_so_tiep_nhan"]
        kind = rng.choice(["correct", "rounded", "miscopied", "slipped", "invented", "swapped"])
        c_txt, r_txt, bad = format_number(count), format_percent(rate), ""
        if kind == "rounded":
            c_txt = f"khoảng {format_number(round(count / 100) / 10, 1)} nghìn"
        elif kind == "miscopied":
            wrong = _transpose(c_txt, rng)
            if wrong is None:
                continue
            c_txt = bad = wrong
        elif kind == "slipped":
            r_txt = bad = format_percent(rate + rng.choice([-1, 1]) * rng.uniform(0.2, 0.9))
        elif kind == "invented":
            c_txt = bad = format_number(
                round(count * rng.choice([-1, 1]) * rng.uniform(0.15, 0.6) + count)
            )
        sentence = f"Trong {month}, {name} tiếp nhận {c_txt} hồ sơ, tỷ lệ trực tuyến đạt {r_txt}."
        if kind == "swapped":
            first = df[(df["xa_phuong"] == name) & (df["thang"] == months[0])].iloc[0]
            r0 = 100 * first["ho_so_truc_tuyen"] / first["ho_so_tiep_nhan"]
            change = format_percent(abs(rate - r0))
            sentence = (
                f"Tỷ lệ trực tuyến của {name} trong {month} thay đổi {change} so với "
                f"tháng 1/{period[:4]}."
            )
            bad = change
        out.append((kind, sentence, bad))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args(argv)
    checker = FigureChecker(data.load_services())
    stats: dict[str, list[int]] = {}
    t0 = time.perf_counter()
    all_cases = cases(args.n, args.seed)
    for kind, sentence, bad in all_cases:
        flagged = checker.check(sentence).unsupported_texts()
        ok = (flagged == []) if not bad else (flagged == [bad])
        stats.setdefault(kind, [0, 0])
        stats[kind][0] += ok
        stats[kind][1] += 1
    elapsed = time.perf_counter() - t0
    print(f"figure checker on {len(all_cases)} generated sentences (seed {args.seed})")
    for kind in ("correct", "rounded", "miscopied", "slipped", "invented", "swapped"):
        good, total = stats.get(kind, [0, 0])
        what = (
            "no false alarm"
            if kind in ("correct", "rounded")
            else "flagged exactly the wrong number"
        )
        print(f"  {kind:10s} {good:4d}/{total:<4d} {100 * good / max(total, 1):5.1f}%  {what}")
    print(
        f"  time: {1000 * elapsed / len(all_cases):.1f} ms per sentence "
        f"(target: none set by issue 6)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
