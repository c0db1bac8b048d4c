"""Generate module 4's synthetic data deterministically.

    python -m aiwork.reporting.synth [--out DIR]

The figures are invented (a fixed random seed, plausible magnitudes: large urban wards receive
thousands of applications a month, rural communes hundreds; the online share rises through the
year; most applications are resolved on time). Place names are real communes/wards of Gia Lai
after the 2025 merger, used only as labels; nothing here is an official statistic. Re-running
the script rewrites identical CSV files (tests check it); the XLSX copies hold the same values.
"""

from __future__ import annotations

import argparse
import csv
import random
import shutil
from pathlib import Path

from aiwork import paths
from aiwork.reporting import data

SEED = 2026
YEAR = 2026
MONTHS = range(1, 11)  # January to October: the report is written in November
UPDATED = "2026-10-31"

# (name, kind, monthly applications at the start of the year, online share in January)
COMMUNES: list[tuple[str, str, int, float]] = [
    ("Quy Nhơn", "Phường", 3400, 0.62),
    ("Quy Nhơn Đông", "Phường", 2100, 0.55),
    ("Quy Nhơn Nam", "Phường", 2600, 0.58),
    ("Pleiku", "Phường", 3100, 0.60),
    ("Hội Phú", "Phường", 1700, 0.52),
    ("An Nhơn", "Phường", 1500, 0.49),
    ("Hoài Nhơn", "Phường", 1600, 0.47),
    ("An Khê", "Phường", 1100, 0.44),
    ("Tuy Phước", "Xã", 900, 0.38),
    ("Phù Cát", "Xã", 820, 0.35),
    ("Ia Grai", "Xã", 640, 0.30),
    ("Chư Păh", "Xã", 560, 0.27),
]

# (unit, block, staff, share trained by the update date)
UNITS: list[tuple[str, str, int, float]] = [
    ("Văn phòng UBND tỉnh", "Sở, ban, ngành", 96, 0.93),
    ("Sở Khoa học và Công nghệ", "Sở, ban, ngành", 118, 0.96),
    ("Sở Nội vụ", "Sở, ban, ngành", 142, 0.88),
    ("Sở Tài chính", "Sở, ban, ngành", 175, 0.81),
    ("Sở Tư pháp", "Sở, ban, ngành", 84, 0.77),
    ("Sở Y tế", "Sở, ban, ngành", 231, 0.68),
    ("Trung tâm Phục vụ hành chính công tỉnh", "Sở, ban, ngành", 63, 0.97),
    ("UBND phường Quy Nhơn", "Xã, phường", 58, 0.86),
    ("UBND phường Pleiku", "Xã, phường", 61, 0.82),
    ("UBND phường An Nhơn", "Xã, phường", 47, 0.72),
    ("UBND xã Tuy Phước", "Xã, phường", 39, 0.64),
    ("UBND xã Ia Grai", "Xã, phường", 36, 0.53),
]

SERVICE_COLUMNS = [
    "thang",
    "xa_phuong",
    "loai",
    "ho_so_tiep_nhan",
    "ho_so_truc_tuyen",
    "ho_so_da_giai_quyet",
    "giai_quyet_dung_han",
    "giai_quyet_tre_han",
]
TRAINING_COLUMNS = [
    "don_vi",
    "khoi",
    "tong_so_cbccvc",
    "da_hoan_thanh",
    "muc_tieu_ty_le",
    "ngay_cap_nhat",
]


def _clamp(x: float, lo: float, hi: float) -> float:
    return max(lo, min(hi, x))


def service_rows(rng: random.Random) -> list[list]:
    rows = []
    for month in MONTHS:
        # Fewer applications around Tết (February), more before mid-year deadlines.
        season = {1: 1.0, 2: 0.78, 3: 1.05, 6: 1.08}.get(month, 1.0)
        for name, kind, base, share0 in COMMUNES:
            received = round(base * season * rng.uniform(0.92, 1.08))
            share = _clamp(share0 + 0.022 * (month - 1) + rng.uniform(-0.025, 0.025), 0.2, 0.96)
            online = round(received * share)
            resolved = round(received * rng.uniform(0.90, 0.985))
            late = round(resolved * rng.uniform(0.006, 0.045))
            rows.append(
                [
                    f"{YEAR}-{month:02d}",
                    name,
                    kind,
                    received,
                    online,
                    resolved,
                    resolved - late,
                    late,
                ]
            )
    return rows


def training_rows(rng: random.Random) -> list[list]:
    rows = []
    for unit, block, staff, share in UNITS:
        done = min(staff, round(staff * _clamp(share + rng.uniform(-0.01, 0.01), 0, 1)))
        rows.append([unit, block, staff, done, data.TRAINING_TARGET_PERCENT, UPDATED])
    return rows


def _write_csv(path: Path, columns: list[str], rows: list[list]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows(rows)


def _write_xlsx(path: Path, columns: list[str], rows: list[list], title: str) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = title
    ws.append(columns)
    for row in rows:
        ws.append(row)
    wb.save(path)


def generate(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(SEED)
    tables = [
        (data.SERVICES, SERVICE_COLUMNS, service_rows(rng), "dich_vu_cong"),
        (data.TRAINING, TRAINING_COLUMNS, training_rows(rng), "dao_tao"),
    ]
    written = []
    for name, columns, rows, sheet in tables:
        _write_csv(out / f"{name}.csv", columns, rows)
        _write_xlsx(out / f"{name}.xlsx", columns, rows, sheet)
        written += [out / f"{name}.csv", out / f"{name}.xlsx"]
    return written


def sync_lesson_copy(checkout: Path) -> list[Path]:
    """Copy the package's tables (and their README) into the lesson folder of a checkout:
    learners open them beside the notebook; tests/reporting/test_data.py checks they agree."""
    dest = checkout / data.LESSON_COPY
    dest.mkdir(parents=True, exist_ok=True)
    written = []
    for src in sorted(data.data_dir().iterdir()):
        if src.is_file():
            shutil.copyfile(src, dest / src.name)
            written.append(dest / src.name)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=data.data_dir(), help="output folder")
    parser.add_argument(
        "--lesson-copy",
        type=Path,
        default=paths.repo_root(),
        help="checkout whose course/04-bao-cao/data gets a copy (default: this one)",
    )
    args = parser.parse_args(argv)
    for path in generate(args.out):
        print(path)
    if (args.lesson_copy / "course").is_dir():
        for path in sync_lesson_copy(args.lesson_copy):
            print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
