"""Module 4's tables for learners who do not write code: ready calls and a small widget.

Each call returns a table with Vietnamese headings and figures in Vietnamese format; run it as
it is written in the notebook (Shift + Enter) and read the table::

    xem_theo_thang()                        # the province, month by month
    xem_theo_thang(xa_phuong="Ia Grai")     # one commune or ward, month by month
    xem_theo_xa_phuong()                    # every commune and ward, the whole period
    xem_theo_xa_phuong(thang=10)            # every commune and ward, one month
    xem_tien_do_boi_duong()                 # digital-skills training, unit by unit
    bang_so_lieu()                          # the same tables, chosen from two lists

Rates are computed on summed counts (see :mod:`aiwork.reporting.figures`). The tables do not
rank, flag or total what an exercise asks the learner to find: reading them is the learner's
work (EXERCISE_STANDARD §1, §2).
"""

from __future__ import annotations

import pandas as pd

from aiwork.errors import InputError
from aiwork.reporting import data, figures
from aiwork.vi import fold, format_number, format_percent

__all__ = ["bang_so_lieu", "xem_theo_thang", "xem_theo_xa_phuong", "xem_tien_do_boi_duong"]


def _services(dv: pd.DataFrame | None) -> pd.DataFrame:
    return data.load_services() if dv is None else dv


def _month(dv: pd.DataFrame, thang: object) -> str:
    """'2026-10' from 10, "10", "10/2026", "tháng 10/2026" or "2026-10"."""
    months = sorted(dv["thang"].astype(str).unique())
    text = fold(str(thang)).replace("thang", "").strip()
    for period in months:
        year, month = period.split("-")
        if text in (period, month, str(int(month)), f"{int(month)}/{year}", f"{month}/{year}"):
            return period
    shown = ", ".join(figures.month_label(p) for p in (months[0], months[-1]))
    raise InputError(
        f"Không có tháng «{thang}» trong dữ liệu (dữ liệu có từ {shown.replace(', ', ' đến ')})."
    )


def _commune(dv: pd.DataFrame, xa_phuong: str) -> str:
    names = sorted(dv["xa_phuong"].astype(str).unique())
    wanted = fold(str(xa_phuong))
    for prefix in ("phuong ", "xa ", "ubnd "):
        wanted = wanted.removeprefix(prefix)
    for name in names:
        if fold(name) == wanted:
            return name
    raise InputError(
        f"Không có xã, phường «{xa_phuong}» trong dữ liệu. Các tên có: {', '.join(names)}."
    )


def _rows(table: pd.DataFrame, first: str, names: list[str]) -> pd.DataFrame:
    out = pd.DataFrame(
        {
            first: names,
            "Hồ sơ tiếp nhận": [format_number(v) for v in table["ho_so_tiep_nhan"]],
            "Nộp trực tuyến": [format_number(v) for v in table["ho_so_truc_tuyen"]],
            "Tỷ lệ trực tuyến": [format_percent(v) for v in table["ty_le_truc_tuyen"]],
            "Đã giải quyết": [format_number(v) for v in table["ho_so_da_giai_quyet"]],
            "Tỷ lệ giải quyết đúng hạn": [format_percent(v) for v in table["ty_le_dung_han"]],
        }
    )
    return out.set_index(first)


def xem_theo_thang(xa_phuong: str | None = None, dv: pd.DataFrame | None = None) -> pd.DataFrame:
    """Month by month, for the whole province or one commune or ward."""
    dv = _services(dv)
    if xa_phuong:
        dv = dv[dv["xa_phuong"] == _commune(dv, xa_phuong)]
    table = figures.services_by_month(dv)
    return _rows(table, "Tháng", [figures.month_label(p) for p in table.index])


def xem_theo_xa_phuong(thang: object = None, dv: pd.DataFrame | None = None) -> pd.DataFrame:
    """Commune by commune in alphabetical order, for the whole period or one month."""
    dv = _services(dv)
    if thang is not None:
        dv = dv[dv["thang"].astype(str) == _month(dv, thang)]
    table = figures.services_by_commune(dv)
    table = table.loc[sorted(table.index, key=fold)]
    return _rows(table, "Xã, phường", list(table.index))


def xem_tien_do_boi_duong(dt: pd.DataFrame | None = None) -> pd.DataFrame:
    """Unit by unit, in the order of the data file: staff, trained, share trained."""
    dt = data.load_training() if dt is None else dt
    rate = 100 * dt["da_hoan_thanh"] / dt["tong_so_cbccvc"]
    out = pd.DataFrame(
        {
            "Đơn vị": dt["don_vi"].astype(str),
            "Khối": dt["khoi"].astype(str),
            "Tổng số CBCCVC": [format_number(v) for v in dt["tong_so_cbccvc"]],
            "Đã hoàn thành bồi dưỡng": [format_number(v) for v in dt["da_hoan_thanh"]],
            "Tỷ lệ hoàn thành": [format_percent(v) for v in rate],
        }
    )
    return out.set_index("Đơn vị")


def bang_da_chon(xa_phuong: str = "", thang: str = "", dv: pd.DataFrame | None = None):
    """The table the two lists of :func:`bang_so_lieu` choose ("" = every one)."""
    dv = _services(dv)
    if xa_phuong:
        table = xem_theo_thang(xa_phuong, dv)
        return table.loc[[figures.month_label(_month(dv, thang))]] if thang else table
    return xem_theo_xa_phuong(thang or None, dv)


def bang_so_lieu(dv: pd.DataFrame | None = None):
    """Two lists (commune or ward; month) and the table they choose, for the lab."""
    import ipywidgets as widgets
    from IPython.display import display

    dv = _services(dv)
    communes = sorted(dv["xa_phuong"].astype(str).unique(), key=fold)
    months = sorted(dv["thang"].astype(str).unique())
    where = widgets.Dropdown(
        options=[("Cả tỉnh (từng xã, phường)", ""), *[(c, c) for c in communes]],
        description="Xã, phường:",
        style={"description_width": "initial"},
    )
    when = widgets.Dropdown(
        options=[("Cả thời kỳ", ""), *[(figures.month_label(m), m) for m in months]],
        description="Tháng:",
        style={"description_width": "initial"},
    )
    out = widgets.Output()

    def show(_change=None) -> None:
        out.clear_output()
        with out:
            display(bang_da_chon(where.value, when.value, dv))

    where.observe(show, names="value")
    when.observe(show, names="value")
    show()
    box = widgets.VBox([widgets.HBox([where, when]), out])
    display(box)
    return box
