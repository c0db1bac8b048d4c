"""The report's figures, computed with pandas from module 4's tables.

Rates are percentages of a part in its whole, computed on summed counts (never by averaging
per-unit rates, which would weigh a small commune like a large ward):
- online share (tỷ lệ hồ sơ trực tuyến) = online applications / applications received;
- on-time rate (tỷ lệ giải quyết đúng hạn) = resolved on time / resolved;
- training rate (tỷ lệ hoàn thành bồi dưỡng) = staff trained / all staff, against the target.

``figures_table`` turns a summary into the short "Chỉ tiêu | Số liệu" table that is given to the
assistant in a prompt and printed in the report.
"""

from __future__ import annotations

import math

import pandas as pd

from aiwork.reporting.data import TRAINING_TARGET_PERCENT
from aiwork.vi import format_number, format_percent


def _pct(part: float, whole: float) -> float:
    return 100.0 * part / whole if whole else float("nan")


def _rates(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    out["ty_le_truc_tuyen"] = 100 * out["ho_so_truc_tuyen"] / out["ho_so_tiep_nhan"]
    out["ty_le_dung_han"] = 100 * out["giai_quyet_dung_han"] / out["ho_so_da_giai_quyet"]
    return out


COUNT_COLUMNS = [
    "ho_so_tiep_nhan",
    "ho_so_truc_tuyen",
    "ho_so_da_giai_quyet",
    "giai_quyet_dung_han",
    "giai_quyet_tre_han",
]


def services_by_month(df: pd.DataFrame) -> pd.DataFrame:
    """One row per month: counts summed over communes/wards, and the two rates."""
    return _rates(df.groupby("thang", sort=True)[COUNT_COLUMNS].sum())


def services_by_commune(df: pd.DataFrame) -> pd.DataFrame:
    """One row per commune/ward over the whole period, highest online share first."""
    table = _rates(df.groupby("xa_phuong", sort=False)[COUNT_COLUMNS].sum())
    return table.sort_values("ty_le_truc_tuyen", ascending=False)


def services_summary(df: pd.DataFrame) -> dict[str, float | int | str]:
    """The headline figures for the whole province and period."""
    months = services_by_month(df)
    totals = df[COUNT_COLUMNS].sum()
    first, last = months.index[0], months.index[-1]
    communes = services_by_commune(df)
    return {
        "so_thang": int(df["thang"].nunique()),
        "so_xa_phuong": int(df["xa_phuong"].nunique()),
        "ho_so_tiep_nhan": int(totals["ho_so_tiep_nhan"]),
        "ho_so_truc_tuyen": int(totals["ho_so_truc_tuyen"]),
        "ty_le_truc_tuyen": _pct(totals["ho_so_truc_tuyen"], totals["ho_so_tiep_nhan"]),
        "ho_so_da_giai_quyet": int(totals["ho_so_da_giai_quyet"]),
        "ty_le_dung_han": _pct(totals["giai_quyet_dung_han"], totals["ho_so_da_giai_quyet"]),
        "giai_quyet_tre_han": int(totals["giai_quyet_tre_han"]),
        "thang_dau": first,
        "thang_cuoi": last,
        "ty_le_truc_tuyen_thang_dau": float(months.loc[first, "ty_le_truc_tuyen"]),
        "ty_le_truc_tuyen_thang_cuoi": float(months.loc[last, "ty_le_truc_tuyen"]),
        "tang_diem_phan_tram": float(
            months.loc[last, "ty_le_truc_tuyen"] - months.loc[first, "ty_le_truc_tuyen"]
        ),
        "xa_phuong_cao_nhat": str(communes.index[0]),
        "ty_le_cao_nhat": float(communes["ty_le_truc_tuyen"].iloc[0]),
        "xa_phuong_thap_nhat": str(communes.index[-1]),
        "ty_le_thap_nhat": float(communes["ty_le_truc_tuyen"].iloc[-1]),
    }


def training_progress(df: pd.DataFrame, target: float = TRAINING_TARGET_PERCENT) -> pd.DataFrame:
    """One row per unit: rate trained, whether it meets the target, staff still to train."""
    out = df.set_index("don_vi")[["khoi", "tong_so_cbccvc", "da_hoan_thanh"]].copy()
    out["ty_le_hoan_thanh"] = 100 * out["da_hoan_thanh"] / out["tong_so_cbccvc"]
    out["dat_muc_tieu"] = out["ty_le_hoan_thanh"] >= target
    needed = (out["tong_so_cbccvc"] * target / 100).map(math.ceil)
    out["can_dao_tao_them"] = (needed - out["da_hoan_thanh"]).clip(lower=0).astype(int)
    return out.sort_values("ty_le_hoan_thanh", ascending=False)


def training_summary(df: pd.DataFrame, target: float = TRAINING_TARGET_PERCENT) -> dict:
    units = training_progress(df, target)
    staff, done = int(units["tong_so_cbccvc"].sum()), int(units["da_hoan_thanh"].sum())
    return {
        "so_don_vi": len(units),
        "tong_so_cbccvc": staff,
        "da_hoan_thanh": done,
        "ty_le_hoan_thanh": _pct(done, staff),
        "muc_tieu": target,
        "so_don_vi_dat": int(units["dat_muc_tieu"].sum()),
        "so_don_vi_chua_dat": int((~units["dat_muc_tieu"]).sum()),
        # Summed over the units below target: the province's total can hide them.
        "can_dao_tao_them": int(units["can_dao_tao_them"].sum()),
    }


def month_label(period: str) -> str:
    """'2026-10' -> 'tháng 10/2026'."""
    year, month = period.split("-")
    return f"tháng {int(month)}/{year}"


def figures_table(services: dict, training: dict | None = None) -> list[tuple[str, str]]:
    """(indicator, value) rows in Vietnamese formats, ready for a prompt or a document table."""
    s = services
    rows = [
        ("Thời kỳ", f"{month_label(s['thang_dau'])} đến {month_label(s['thang_cuoi'])}"),
        ("Số xã, phường có số liệu", format_number(s["so_xa_phuong"])),
        ("Tổng số hồ sơ tiếp nhận", format_number(s["ho_so_tiep_nhan"])),
        ("Số hồ sơ nộp trực tuyến", format_number(s["ho_so_truc_tuyen"])),
        ("Tỷ lệ hồ sơ trực tuyến", format_percent(s["ty_le_truc_tuyen"])),
        (
            f"Tỷ lệ trực tuyến {month_label(s['thang_dau'])}",
            format_percent(s["ty_le_truc_tuyen_thang_dau"]),
        ),
        (
            f"Tỷ lệ trực tuyến {month_label(s['thang_cuoi'])}",
            format_percent(s["ty_le_truc_tuyen_thang_cuoi"]),
        ),
        (
            "Mức tăng tỷ lệ trực tuyến",
            format_number(s["tang_diem_phan_tram"], 1) + " điểm phần trăm",
        ),
        ("Tỷ lệ giải quyết đúng hạn", format_percent(s["ty_le_dung_han"])),
        ("Số hồ sơ giải quyết trễ hạn", format_number(s["giai_quyet_tre_han"])),
        # Each row names its indicator: the figure checker accepts a rate only when named.
        (
            f"Tỷ lệ trực tuyến cao nhất ({s['xa_phuong_cao_nhat']})",
            format_percent(s["ty_le_cao_nhat"]),
        ),
        (
            f"Tỷ lệ trực tuyến thấp nhất ({s['xa_phuong_thap_nhat']})",
            format_percent(s["ty_le_thap_nhat"]),
        ),
    ]
    if training:
        t = training
        rows += [
            ("Tỷ lệ CBCCVC hoàn thành bồi dưỡng kỹ năng số", format_percent(t["ty_le_hoan_thanh"])),
            ("Mục tiêu của tỉnh", format_percent(t["muc_tieu"], 0)),
            ("Số đơn vị đạt mục tiêu", f"{t['so_don_vi_dat']}/{t['so_don_vi']}"),
            (
                "Số người cần bồi dưỡng thêm ở các đơn vị chưa đạt",
                format_number(t["can_dao_tao_them"]),
            ),
        ]
    return rows


def figures_text(rows: list[tuple[str, str]]) -> str:
    """The table as plain lines "- Chỉ tiêu: số liệu", the shape used in prompts."""
    return "\n".join(f"- {name}: {value}" for name, value in rows)
