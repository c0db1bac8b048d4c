"""Charts of a class's progress (Vietnamese labels), in the style of module 4's charts."""

from __future__ import annotations

import io

from matplotlib.figure import Figure

from aiwork.reporting import charts as style
from aiwork.trainer import policy
from aiwork.trainer.stats import Progress
from aiwork.vi import format_number

NOTE = "Nguồn: sổ điểm nbgrader của lớp"


def _finish(fig: Figure, note: str) -> Figure:
    fig.text(0.01, 0.01, note, fontsize=7, color=style.GREY, ha="left", va="bottom")
    fig.tight_layout(rect=(0, 0.03, 1, 1))
    return fig


def units_against_target(p: Progress, note: str = NOTE) -> Figure:
    """Horizontal bars: share of each unit's learners who completed, with the target line."""
    units = p.units.sort_values("ty_le_hoan_thanh").reset_index(drop=True)
    colors = [style.GREEN if ok else style.ORANGE for ok in units["dat_muc_tieu"]]
    target = policy.TARGET_PERCENT
    with style.plt.rc_context(style._style()):
        fig, ax = style.plt.subplots(figsize=(7.5, 1.2 + 0.45 * max(len(units), 3)))
        bars = ax.barh(units["don_vi"], units["ty_le_hoan_thanh"], color=colors)
        ax.bar_label(
            bars,
            labels=[format_number(v, 1) + "%" for v in units["ty_le_hoan_thanh"]],
            padding=3,
            fontsize=8,
        )
        # In the legend rather than beside the line: with few units a label there hits the title.
        ax.axvline(
            target,
            color="#b22222",
            linestyle="--",
            linewidth=1.5,
            label=f"Mục tiêu {format_number(target)}%",
        )
        ax.legend(loc="lower right", fontsize=8, framealpha=0.9)
        ax.set_title("Tỷ lệ học viên hoàn thành khóa học theo đơn vị")
        ax.set_xlabel("Tỷ lệ hoàn thành (%)")
        ax.xaxis.set_major_formatter(style._vn_ticks())
        ax.set_xlim(0, 110)
        return _finish(fig, note)


def modules_progress(p: Progress, note: str = NOTE) -> Figure:
    """Grouped bars per module: share of learners who submitted, and who passed."""
    t = p.per_module
    labels = [f"Mô-đun {i}" for i in range(1, len(t) + 1)]
    xs = list(range(len(t)))
    with style.plt.rc_context(style._style()):
        fig, ax = style.plt.subplots(figsize=(7.5, 3.8))
        width = 0.38
        sub = ax.bar(
            [x - width / 2 for x in xs], t["ty_le_nop"], width, color=style.BLUE, label="Đã nộp bài"
        )
        ok = ax.bar(
            [x + width / 2 for x in xs],
            t["ty_le_dat"],
            width,
            color=style.GREEN,
            label=f"Đạt (từ {format_number(policy.PASS_PERCENT)}% số điểm)",
        )
        for bars, col in ((sub, "ty_le_nop"), (ok, "ty_le_dat")):
            ax.bar_label(
                bars, labels=[format_number(v, 0) + "%" for v in t[col]], padding=2, fontsize=8
            )
        ax.set_xticks(xs, labels)
        ax.set_ylabel("Tỷ lệ học viên của lớp (%)")
        ax.yaxis.set_major_formatter(style._vn_ticks())
        ax.set_ylim(0, 115)
        ax.set_title("Tỷ lệ nộp bài và đạt yêu cầu theo mô-đun")
        ax.legend(loc="upper right", fontsize=8, frameon=False)
        return _finish(fig, note)


def png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=150)
    style.plt.close(fig)
    return buf.getvalue()
