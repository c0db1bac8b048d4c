"""Charts with Vietnamese labels, saved as PNG for the lesson and the report document.

Vietnamese needs glyphs such as "ệ", "ở", "ữ" (Latin Extended Additional). matplotlib's
default font, DejaVu Sans, ships with matplotlib and has them, so charts use it explicitly
(a hub image's configured default might not). ``missing_glyphs`` tells which characters of a
text a font cannot draw; the tests use it and also fail on matplotlib's "Glyph ... missing"
warnings. Numbers on charts use Vietnamese formats (decimal comma).
"""

from __future__ import annotations

from pathlib import Path

# No backend is forced: headless runs fall back to Agg, notebooks keep their inline backend.
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.ft2font import FT2Font
from matplotlib.ticker import FuncFormatter

from aiwork.reporting import figures
from aiwork.reporting.data import TRAINING_TARGET_PERCENT
from aiwork.vi import format_number

FONT_FAMILY = "DejaVu Sans"
SOURCE_NOTE = "Nguồn: dữ liệu giả định của Bài 4 (không phải số liệu chính thức)"
BLUE, GREEN, ORANGE, GREY = "#1f5fa8", "#2e8b57", "#d9822b", "#555555"


def font_path(family: str = FONT_FAMILY) -> str:
    """The font file matplotlib uses for ``family`` (no silent fallback)."""
    return font_manager.findfont(
        font_manager.FontProperties(family=family), fallback_to_default=False
    )


def missing_glyphs(text: str, path: str | None = None) -> set[str]:
    """Characters of ``text`` (other than spaces) that the font file has no glyph for."""
    charmap = FT2Font(path or font_path()).get_charmap()
    return {ch for ch in set(text) if not ch.isspace() and ord(ch) not in charmap}


def chart_texts(fig: Figure) -> list[str]:
    """Every string drawn on a figure: titles, labels, tick labels, annotations, legends."""
    return [t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text")) if t.get_text()]


def _style() -> dict:
    return {
        "font.family": FONT_FAMILY,
        "font.size": 10,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }


def _vn_ticks(decimals: int = 0, suffix: str = "") -> FuncFormatter:
    return FuncFormatter(lambda v, _pos: format_number(v, decimals) + suffix)


def _finish(fig: Figure, path: str | Path | None) -> Figure:
    fig.text(0.01, 0.01, SOURCE_NOTE, fontsize=7, color=GREY, ha="left", va="bottom")
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    if path is not None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(path, dpi=150)
    # Detach from pyplot: no second copy shown by a notebook's inline backend, no figures piling
    # up in long sessions; the returned Figure still draws, saves and displays.
    plt.close(fig)
    return fig


def online_share_by_month(services: pd.DataFrame, path: str | Path | None = None) -> Figure:
    """Line chart: share of applications submitted online, month by month."""
    months = figures.services_by_month(services)
    labels = [f"T{int(p.split('-')[1])}" for p in months.index]
    with plt.rc_context(_style()):
        fig, ax = plt.subplots(figsize=(7.5, 3.8))
        values = months["ty_le_truc_tuyen"].to_list()
        ax.plot(labels, values, marker="o", color=BLUE, linewidth=2)
        for x, y in zip(labels, values, strict=True):
            ax.annotate(
                format_number(y, 1),
                (x, y),
                textcoords="offset points",
                xytext=(0, 7),
                ha="center",
                fontsize=8,
            )
        ax.set_title("Tỷ lệ hồ sơ nộp trực tuyến theo tháng, năm 2026")
        ax.set_xlabel(f"Tháng (năm {months.index[0][:4]})")
        ax.set_ylabel("Tỷ lệ trực tuyến (%)")
        ax.yaxis.set_major_formatter(_vn_ticks())
        ax.set_ylim(min(values) - 8, max(values) + 8)
        ax.grid(axis="y", alpha=0.3)
        return _finish(fig, path)


def online_share_by_commune(services: pd.DataFrame, path: str | Path | None = None) -> Figure:
    """Horizontal bars: online share per commune/ward over the period, highest on top."""
    table = figures.services_by_commune(services).iloc[::-1]
    with plt.rc_context(_style()):
        fig, ax = plt.subplots(figsize=(7.5, 4.6))
        bars = ax.barh(table.index, table["ty_le_truc_tuyen"], color=BLUE)
        ax.bar_label(
            bars,
            labels=[format_number(v, 1) + "%" for v in table["ty_le_truc_tuyen"]],
            padding=3,
            fontsize=8,
        )
        ax.set_title("Tỷ lệ hồ sơ trực tuyến theo xã, phường (tháng 1 – tháng 10/2026)")
        ax.set_xlabel("Tỷ lệ trực tuyến (%)")
        ax.xaxis.set_major_formatter(_vn_ticks())
        ax.set_xlim(0, 100)
        return _finish(fig, path)


def training_against_target(
    training: pd.DataFrame, path: str | Path | None = None, target: float = TRAINING_TARGET_PERCENT
) -> Figure:
    """Horizontal bars per unit, green when the unit meets the target, with the target line."""
    units = figures.training_progress(training, target).iloc[::-1]
    colors = [GREEN if ok else ORANGE for ok in units["dat_muc_tieu"]]
    with plt.rc_context(_style()):
        fig, ax = plt.subplots(figsize=(7.5, 4.8))
        bars = ax.barh(units.index, units["ty_le_hoan_thanh"], color=colors)
        ax.bar_label(
            bars,
            labels=[format_number(v, 1) + "%" for v in units["ty_le_hoan_thanh"]],
            padding=3,
            fontsize=8,
        )
        ax.axvline(target, color="#b22222", linestyle="--", linewidth=1.5)
        ax.text(
            target,
            len(units) - 0.4,
            f" Mục tiêu {format_number(target)}%",
            color="#b22222",
            fontsize=9,
            va="bottom",
        )
        ax.set_title(
            "Tỷ lệ cán bộ, công chức, viên chức hoàn thành\nbồi dưỡng kỹ năng số theo đơn vị"
        )
        ax.set_xlabel("Tỷ lệ hoàn thành (%)")
        ax.xaxis.set_major_formatter(_vn_ticks())
        ax.set_xlim(0, 105)
        handles = [
            plt.Rectangle((0, 0), 1, 1, color=GREEN),
            plt.Rectangle((0, 0), 1, 1, color=ORANGE),
        ]
        ax.legend(handles, ["Đạt mục tiêu", "Chưa đạt mục tiêu"], loc="lower right", fontsize=8)
        return _finish(fig, path)
