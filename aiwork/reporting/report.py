"""The BÁO CÁO: narrative, figures table and charts in Decree 30 layout (module 2's builder).

Layout, sizes and fixed texts all come from :mod:`aiwork.decree30` (``from_dict`` + ``save``);
this module only assembles the body: the narrative paragraphs, "Bảng 1" (the figures table,
the same rows given to the assistant in the prompt) and "Biểu đồ" images rendered in memory.

Learners call::

    tao_bao_cao(thong_tin, doan_van, tep="bao-cao.docx")   # -> Path
    kiem_tra_bao_cao("bao-cao.docx", doan_van)              # prints the layout and figure checks
"""

from __future__ import annotations

import io
import tempfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from aiwork.decree30 import from_dict, save, summary_vi
from aiwork.decree30.builder import BodyItem, Heading, Image, Table
from aiwork.decree30.checked import content_key
from aiwork.decree30.checker import UnreadableDocument, Violation, check_document
from aiwork.decree30.docmodel import load
from aiwork.memo import Memo
from aiwork.reporting import charts, data, figures
from aiwork.reporting.figcheck import FigureReport, Finding, check_figures
from aiwork.verdict import Verdict

# A fictional sample (nhân vật giả định) for the lesson; learners change it.
THONG_TIN_MAU: dict[str, Any] = {
    "loai": "Báo cáo",
    "co_quan_chu_quan": "UBND TỈNH GIA LAI",
    "co_quan": "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
    "ky_hieu": "SKHCN",
    "so": 15,
    "dia_danh": "Gia Lai",
    "ngay": "05/11/2026",
    "trich_yeu": "Kết quả cung cấp dịch vụ công trực tuyến và bồi dưỡng kỹ năng số "
    "10 tháng đầu năm 2026",
    "kinh_gui": ["Ủy ban nhân dân tỉnh Gia Lai"],
    "ky": ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
    "nguoi_ky": "Nguyễn Văn An",
    "noi_nhan": ["Như trên", "Giám đốc Sở"],
    "luu": "VT, VP",
}


def _png(fig) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=150)
    return buf.getvalue()


@cache
def _shipped_chart_pngs() -> tuple[bytes, bytes]:
    """The two charts of the shipped data, drawn once per process (a notebook builds the report
    several times: the learner's cell, the self-check, the graders)."""
    return (
        _png(charts.online_share_by_month(data.load_services())),
        _png(charts.training_against_target(data.load_training())),
    )


def warm_up() -> None:
    """Fill this process's caches with what module 4's notebooks use most: the shipped charts
    and the figures of the shipped tables for the sample drafts' scopes. ``aiwork grade`` calls
    it once in its template process (``grading.discovery.WARM_CALLS``); sandboxes inherit it."""
    from aiwork.reporting import samples

    _shipped_chart_pngs()
    for text in (samples.DU_THAO_BAI_HOC, samples.DU_THAO_BAI_TAP):
        check_narrative(text)
    # one report built and checked (no memo entry): the blank .docx package, the table and
    # picture paths of the builder and the layout checker's first use, paid here
    with tempfile.TemporaryDirectory() as tmp:
        info = {**THONG_TIN_MAU, "noi_dung": report_body(samples.DU_THAO_BAI_HOC)}
        _layout(save(from_dict(info), Path(tmp) / "bao-cao.docx"))


def report_body(
    narrative: str,
    services: pd.DataFrame | None = None,
    training: pd.DataFrame | None = None,
    with_training: bool = True,
) -> list[BodyItem]:
    """Body items: heading, narrative paragraphs, Bảng 1 and the charts. Tables default to the
    shipped data (``with_training=False`` leaves the training figures and chart out)."""
    shipped = services is None and training is None
    services = data.load_services() if services is None else services
    if training is None and with_training:
        training = data.load_training()
    paragraphs = [p.strip() for p in narrative.replace("\r", "").split("\n") if p.strip()]
    s = figures.services_summary(services)
    t = figures.training_summary(training) if training is not None else None
    rows = [["Chỉ tiêu", "Số liệu"], *[[a, b] for a, b in figures.figures_table(s, t)]]
    n_charts = 2 if training is not None else 1
    body: list[BodyItem] = [Heading("I. TÌNH HÌNH, KẾT QUẢ THỰC HIỆN"), *paragraphs]
    refs = "Biểu đồ 1 và Biểu đồ 2" if n_charts == 2 else "Biểu đồ 1"
    body.append(f"Số liệu chi tiết tại Bảng 1 và {refs} (số liệu giả định dùng cho học tập).")
    body.append(
        Table(
            rows,
            caption="Bảng 1. Một số chỉ tiêu chủ yếu (số liệu giả định)",
            col_widths_cm=[10.0, 6.0],
        )
    )
    pngs = _shipped_chart_pngs() if shipped else None
    body.append(
        Image(
            pngs[0] if pngs else _png(charts.online_share_by_month(services)),
            width_cm=15,
            caption="Biểu đồ 1. Tỷ lệ hồ sơ nộp trực tuyến theo tháng",
        )
    )
    if training is not None:
        body.append(
            Image(
                pngs[1] if pngs else _png(charts.training_against_target(training)),
                width_cm=15,
                caption="Biểu đồ 2. Tỷ lệ hoàn thành bồi dưỡng kỹ năng số theo đơn vị",
            )
        )
    return body


_REPORTS = Memo("reporting.report.documents", size=8)  # built .docx bytes by answer
_LAYOUTS = Memo("reporting.report.layouts", size=8)  # layout checks by .docx bytes


def tao_bao_cao(
    thong_tin: dict[str, Any],
    doan_van: str,
    tep: str | Path = "bao-cao.docx",
    services: pd.DataFrame | None = None,
    training: pd.DataFrame | None = None,
    co_dao_tao: bool = True,
) -> Path:
    """Build the BÁO CÁO .docx from the learner's header fields and narrative; return its path.

    ``thong_tin`` uses module 2's Vietnamese keys (see ``aiwork.decree30.VI_KEYS``) without
    "noi_dung", which is made here. The module's shipped data is used unless tables are given.
    """
    if not isinstance(doan_van, str) or not doan_van.strip():
        raise ValueError("Chưa có đoạn văn (phần nội dung) của báo cáo.")
    if not isinstance(thong_tin, dict):
        raise ValueError("Thông tin văn bản phải là một dict (xem mẫu THONG_TIN_MAU).")
    if services is not None or training is not None:
        info = {**thong_tin, "noi_dung": report_body(doan_van, services, training, co_dao_tao)}
        return save(from_dict(info), tep)
    # on the shipped data: built once per answer while the learner works (self-check, the
    # learner's own cell); under ``aiwork grade`` test cells always build afresh (aiwork.memo)
    key = (content_key(thong_tin), doan_van, co_dao_tao)
    path = Path(tep)
    path.write_bytes(_REPORTS.get(key, lambda: _report_bytes(thong_tin, doan_van, co_dao_tao)))
    return path


def _report_bytes(thong_tin: dict[str, Any], doan_van: str, co_dao_tao: bool) -> bytes:
    info = {**thong_tin, "noi_dung": report_body(doan_van, None, None, co_dao_tao)}
    with tempfile.TemporaryDirectory() as tmp:
        return save(from_dict(info), Path(tmp) / "bao-cao.docx").read_bytes()


@dataclass
class ReportCheck:
    """Layout (Decree 30 checker), content (table, charts) and figures of a built report."""

    path: Path
    violations: list[Violation] = field(default_factory=list)
    tables: int = 0
    images: int = 0
    figures: FigureReport | None = None
    error: str = ""

    @property
    def ok(self) -> bool:
        return (
            not self.error
            and not self.violations
            and self.tables >= 1
            and self.images >= 1
            and (self.figures is None or self.figures.ok)
        )

    def to_text(self) -> str:
        if self.error:
            return f"⚠️ {self.error}"
        lines = [summary_vi(self.violations)]
        lines.append(("✅" if self.tables else "❌") + f" Số bảng số liệu: {self.tables}.")
        lines.append(("✅" if self.images else "❌") + f" Số biểu đồ: {self.images}.")
        if self.figures is not None:
            mark = "✅" if self.figures.ok else "❌"
            lines.append(f"{mark} {self.figures.to_text()}")
        return "\n".join(lines)


def check_report(
    path: str | Path, narrative: str | None = None, table: str | Path | pd.DataFrame | None = None
) -> ReportCheck:
    """Check a built report; with ``narrative``, also check its numbers against ``table``
    (default: the services table plus, for training figures, the training table)."""
    path = Path(path)
    result = ReportCheck(path)
    # the same file checked again (self-check, then the learner's cell): its layout once
    violations, result.tables, result.images, result.error = _LAYOUTS.get_for_file(
        path, lambda: _layout(path)
    )
    result.violations = list(violations)
    if result.error:
        return result
    if narrative is not None:
        result.figures = check_narrative(narrative, table)
    return result


def _layout(path: Path) -> tuple[list[Violation], int, int, str]:
    """(Decree 30 violations, data tables, images, error) of the .docx at ``path``."""
    try:
        doc = load(path)  # opened once for the layout rules and the counts below
    except UnreadableDocument as exc:
        return [], 0, 0, str(exc)
    violations = check_document(doc)
    # The header and the signature block are borderless layout tables; count data tables by
    # their first row "Chỉ tiêu", the shape report_body writes.
    tables = sum(1 for t in doc.tables if t.rows and t.rows[0].cells[0].text.strip() == "Chỉ tiêu")
    return violations, tables, len(doc.inline_shapes), ""


def check_narrative(
    narrative: str,
    table: str | Path | pd.DataFrame | None = None,
    lenient: bool = False,
    bound: bool = False,
) -> FigureReport:
    """Check a narrative that may mix service and training figures against both tables: a
    number is unsupported only when neither table supports it (``lenient``, ``bound``: see
    :mod:`aiwork.reporting.figcheck`)."""
    if table is not None:
        return check_figures(narrative, table, lenient, bound)
    on_services = check_figures(narrative, data.load_services(), lenient, bound)
    if on_services.ok:
        return on_services
    on_training = check_figures(narrative, data.load_training(), lenient, bound)
    merged = [
        _better(a, b) for a, b in zip(on_services.findings, on_training.findings, strict=True)
    ]
    return FigureReport(merged)


def _better(a: Finding, b: Finding) -> Finding:
    """The services finding unless only the training table supports the number; of two
    unsupported findings, the one whose hint is closer."""
    if a.status != "unsupported":
        return a
    if b.status != "unsupported":
        return b
    if a.noted or b.noted:
        return a if a.noted else b
    if b.nearest is not None and (
        a.nearest is None
        or abs(b.nearest.value - b.mention.value) < abs(a.nearest.value - a.mention.value)
    ):
        return b
    return a


def kiem_tra_bao_cao(tep: str | Path, doan_van: str | None = None) -> Verdict:
    """Print the report's checks in Vietnamese; truthy when everything passes (a Verdict)."""
    result = check_report(tep, doan_van)
    print(result.to_text())
    return Verdict(result.ok)
