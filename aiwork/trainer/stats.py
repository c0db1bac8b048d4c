"""Figures of a class's progress, from its roster, its collected submissions and the gradebook.

One long table (one row per learner and released module) is the single source; the per-learner,
per-unit and per-module tables and the headline figures are all computed from it with pandas,
rates on summed counts (a unit of 3 weighs 3, not as much as a unit of 30).
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass

import nbformat
import pandas as pd

from aiwork.trainer import policy
from aiwork.trainer.cohort import Cohort

# Learner statuses for one module, in the order a trainer follows up on them.
CHUA_NOP = "Chưa nộp"
CHUA_CHAM = "Đã nộp, chưa chấm"
CHO_CHAM_TAY = "Chờ chấm tay"
DAT = "Đạt"
CHUA_DAT = "Chưa đạt"


@dataclass(frozen=True)
class Module:
    assignment: str
    title: str  # "Mô-đun 1 — Viết lời nhắc hiệu quả", from the assignment's first heading
    max_score: float


def module_title(cohort: Cohort, aid: str) -> str:
    """The assignment's own heading ("# Bài tập Mô-đun 1 — ..."), the one home of its name."""
    folder = cohort.root / "source" / aid
    for path in sorted(folder.glob("*.ipynb")):
        nb = nbformat.read(str(path), as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                m = re.match(r"#\s+(.+)", cell.source.strip())
                if m:
                    return re.sub(r"^Bài tập\s+", "", m.group(1).strip())
    return aid


def released_modules(cohort: Cohort) -> list[Module]:
    """Modules in the gradebook (generated for release), in course order."""
    from nbgrader.api import MissingEntry

    out = []
    with cohort.gradebook() as gb:
        for aid in cohort.assignments():
            try:
                assignment = gb.find_assignment(aid)
            except MissingEntry:
                continue
            out.append(Module(aid, module_title(cohort, aid), float(assignment.max_score)))
    return out


LONG_COLUMNS = [
    "ma_hoc_vien",
    "ho_va_ten",
    "don_vi",
    "email",
    "bai_tap",
    "mo_dun",
    "da_nop",
    "da_cham",
    "diem",
    "diem_toi_da",
    "dat",
    "trang_thai",
]


def results(cohort: Cohort) -> tuple[pd.DataFrame, list[Module]]:
    """The long table: one row per learner and released module."""
    learners = cohort.learners()
    modules = released_modules(cohort)
    rows = []
    with cohort.gradebook() as gb, warnings.catch_warnings():
        warnings.simplefilter("ignore")  # SQLAlchemy noise from nbgrader's gradebook
        for m in modules:
            graded = {d["student"]: d for d in gb.submission_dicts(m.assignment)}
            for x in learners:
                collected = (cohort.root / "submitted" / x.learner_id / m.assignment).is_dir()
                d = graded.get(x.learner_id)
                score = float(d["score"]) if d else None
                if d is None:
                    status = CHUA_CHAM if collected else CHUA_NOP
                elif d["needs_manual_grade"]:
                    status = CHO_CHAM_TAY
                else:
                    status = DAT if policy.passes(score or 0.0, m.max_score) else CHUA_DAT
                rows.append(
                    {
                        "ma_hoc_vien": x.learner_id,
                        "ho_va_ten": x.full_name,
                        "don_vi": x.unit,
                        "email": x.email,
                        "bai_tap": m.assignment,
                        "mo_dun": m.title,
                        "da_nop": collected or d is not None,
                        "da_cham": d is not None,
                        "diem": score,
                        "diem_toi_da": m.max_score,
                        "dat": status == DAT,
                        "trang_thai": status,
                    }
                )
    return pd.DataFrame(rows, columns=LONG_COLUMNS), modules


def _pct(part: pd.Series | int, whole: pd.Series | int):
    return 100.0 * part / whole


def by_learner(long: pd.DataFrame, roster: pd.DataFrame, n_modules: int) -> pd.DataFrame:
    """One row per learner of the roster (in roster order), even before any module is out."""
    agg = (
        long.groupby("ma_hoc_vien", sort=False)
        .agg(
            so_bai_da_nop=("da_nop", "sum"),
            so_bai_dat=("dat", "sum"),
            tong_diem=("diem", "sum"),
            diem_toi_da=("diem_toi_da", "sum"),
        )
        .reset_index()
    )
    t = roster.merge(agg, on="ma_hoc_vien", how="left")
    for col in ("so_bai_da_nop", "so_bai_dat"):
        t[col] = t[col].fillna(0).astype(int)
    for col in ("tong_diem", "diem_toi_da"):
        t[col] = t[col].fillna(0.0).astype(float)
    t["hoan_thanh"] = (t["so_bai_dat"] == n_modules) & (n_modules > 0)
    t["ty_le_diem"] = _pct(t["tong_diem"], t["diem_toi_da"].where(t["diem_toi_da"] > 0)).round(1)
    return t


def by_unit(learners: pd.DataFrame, n_modules: int) -> pd.DataFrame:
    learners = learners.assign(nop_du=learners["so_bai_da_nop"] == n_modules)
    t = (
        learners.groupby("don_vi", sort=True)
        .agg(
            so_hoc_vien=("ma_hoc_vien", "count"),
            nop_du_bai=("nop_du", "sum"),
            hoan_thanh=("hoan_thanh", "sum"),
        )
        .reset_index()
    )
    t["ty_le_hoan_thanh"] = _pct(t["hoan_thanh"], t["so_hoc_vien"]).round(1)
    t["dat_muc_tieu"] = t["ty_le_hoan_thanh"] >= policy.TARGET_PERCENT
    return t


def by_module(long: pd.DataFrame, modules: list[Module]) -> pd.DataFrame:
    rows = []
    for m in modules:
        part = long[long["bai_tap"] == m.assignment]
        graded = part[part["da_cham"]]
        rows.append(
            {
                "bai_tap": m.assignment,
                "mo_dun": m.title,
                "diem_toi_da": m.max_score,
                "so_hoc_vien": len(part),
                "da_nop": int(part["da_nop"].sum()),
                "da_cham": len(graded),
                "dat": int(part["dat"].sum()),
                "diem_trung_binh": round(float(graded["diem"].mean()), 1) if len(graded) else None,
            }
        )
    t = pd.DataFrame(
        rows,
        columns=[
            "bai_tap",
            "mo_dun",
            "diem_toi_da",
            "so_hoc_vien",
            "da_nop",
            "da_cham",
            "dat",
            "diem_trung_binh",
        ],
    )
    t["ty_le_nop"] = _pct(t["da_nop"], t["so_hoc_vien"]).round(1)
    t["ty_le_dat"] = _pct(t["dat"], t["so_hoc_vien"]).round(1)
    return t


@dataclass
class Progress:
    long: pd.DataFrame
    modules: list[Module]
    learners: pd.DataFrame
    units: pd.DataFrame
    per_module: pd.DataFrame

    @property
    def n_learners(self) -> int:
        return len(self.learners)

    @property
    def n_completed(self) -> int:
        return int(self.learners["hoan_thanh"].sum()) if len(self.learners) else 0

    @property
    def completion_percent(self) -> float:
        return 100.0 * self.n_completed / self.n_learners if self.n_learners else 0.0

    @property
    def meets_target(self) -> bool:
        return self.completion_percent >= policy.TARGET_PERCENT

    @property
    def shortfall(self) -> int:
        """Learners who still need to complete for the class to reach the target."""
        import math

        needed = math.ceil(policy.TARGET_PERCENT * self.n_learners / 100 - 1e-9)
        return max(0, needed - self.n_completed)


def progress(cohort: Cohort) -> Progress:
    long, modules = results(cohort)
    roster = pd.DataFrame(
        [(x.learner_id, x.full_name, x.unit) for x in cohort.learners()],
        columns=["ma_hoc_vien", "ho_va_ten", "don_vi"],
    )
    learners = by_learner(long, roster, len(modules))
    return Progress(
        long, modules, learners, by_unit(learners, len(modules)), by_module(long, modules)
    )
