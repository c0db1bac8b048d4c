"""Figure checker benchmark: detection and false alarms on generated sentences, and speed.

    python bench/figcheck_bench.py [--n 300] [--seed 6]

Sentences are built from module 4's synthetic data (a commune, a month, its applications and
online share, in Vietnamese formats), then altered the ways an assistant gets numbers wrong:
- correct: exact, or rounded to the thousand ("khoảng 3 nghìn");
- mis-copied: two adjacent digits of the count transposed;
- slipped: the rate off by 0,2 to 0,9 points;
- invented: a count 15–60% away from any true one;
- swapped: a rate change written with "%" instead of "điểm phần trăm";
- two rates (issue 17): the online and on-time rates of one commune and month, right
  ("two-rates") or exchanged ("rates-exchanged", both numbers must be flagged);
- a change between two months: right ("change"), or its direction word reversed
  ("reversed": "giảm từ 52,3% … xuống 71,8%").
Issue 6 sets no numeric target; the figures printed are the checker's recall per kind of
error, its false-alarm rate on correct sentences, and the time per sentence, for the default
checker and for ``bound=True`` (used by the graders of narratives).
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
        kind = rng.choice(KINDS)
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
        rate2 = 100 * row["giai_quyet_dung_han"] / row["ho_so_da_giai_quyet"]
        if kind in ("two-rates", "rates-exchanged"):
            a, b = format_percent(rate), format_percent(rate2)
            if a == b:
                continue
            if kind == "rates-exchanged":
                a, b = b, a
                bad = f"{a}|{b}"
            sentence = (
                f"Trong {month}, {name} có tỷ lệ hồ sơ trực tuyến đạt {a}, tỷ lệ giải quyết "
                f"đúng hạn đạt {b}."
            )
        if kind in ("change", "reversed"):
            first = df[(df["xa_phuong"] == name) & (df["thang"] == months[0])].iloc[0]
            r0 = 100 * first["ho_so_truc_tuyen"] / first["ho_so_tiep_nhan"]
            a, b = format_percent(r0), format_percent(rate)
            if a == b or period == months[0]:
                continue
            up = rate > r0
            if kind == "reversed":
                up = not up
                bad = b
            verb, to = ("tăng", "lên") if up else ("giảm", "xuống")
            sentence = (
                f"Tỷ lệ trực tuyến của {name} {verb} từ {a} trong tháng 1/{period[:4]} {to} {b} "
                f"trong {month}."
            )
        out.append((kind, sentence, bad))
    return out


KINDS = [
    "correct",
    "rounded",
    "miscopied",
    "slipped",
    "invented",
    "swapped",
    "two-rates",
    "rates-exchanged",
    "change",
    "reversed",
]
CORRECT = ("correct", "rounded", "two-rates", "change")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args(argv)
    checker = FigureChecker(data.load_services())
    all_cases = cases(args.n, args.seed)
    print(f"figure checker on {len(all_cases)} generated sentences (seed {args.seed})")
    for bound in (False, True):
        stats: dict[str, list[int]] = {}
        t0 = time.perf_counter()
        for kind, sentence, bad in all_cases:
            flagged = checker.check(sentence, bound=bound).unsupported_texts()
            ok = (flagged == []) if not bad else (flagged == bad.split("|"))
            stats.setdefault(kind, [0, 0])
            stats[kind][0] += ok
            stats[kind][1] += 1
        elapsed = time.perf_counter() - t0
        print(f" bound={bound}")
        for kind in KINDS:
            good, total = stats.get(kind, [0, 0])
            what = "no false alarm" if kind in CORRECT else "flagged exactly the wrong number"
            print(f"  {kind:16s} {good:4d}/{total:<4d} {100 * good / max(total, 1):5.1f}%  {what}")
        print(
            f"  time: {1000 * elapsed / len(all_cases):.1f} ms per sentence "
            f"(target: none set by issue 6)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
