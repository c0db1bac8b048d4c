"""``aiwork report``: the class's progress as a BÁO CÁO (.docx, Decree 30 layout) plus XLSX and CSV.

``write_report(cohort, "bao-cao.docx")`` writes, side by side:

- ``bao-cao.docx``  the BÁO CÁO built with module 2's Decree 30 builder (tables per module and
                    per unit, two charts, the assessment against the province's target); it is
                    checked with module 2's checker before the command reports success;
- ``bao-cao.xlsx``  sheets "Tổng hợp", "Học viên", "Đơn vị", "Mô-đun", "Chi tiết";
- ``bao-cao.csv``   one row per learner (UTF-8 with BOM so Excel keeps the diacritics).

Figures come from :mod:`aiwork.trainer.stats`; the pass rules from :mod:`aiwork.trainer.policy`.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd

from aiwork.decree30 import check_docx, save
from aiwork.decree30.builder import BodyItem, Heading, Image, OfficialDocument, Table
from aiwork.decree30.checker import Violation
from aiwork.errors import InputError
from aiwork.fileio import atomic_output, check_output_path, neutralise_cell, neutralise_workbook
from aiwork.integrity import GRADEBOOK_NAME
from aiwork.trainer import charts, policy
from aiwork.trainer.cohort import CONFIG_NAME, META_NAME, ROSTER_NAME, Cohort
from aiwork.trainer.stats import Progress, progress
from aiwork.vi import format_number, format_percent

# Above this many learners the per-learner annex stays in the XLSX only (a BÁO CÁO for the
# steering committee is read on paper).
ANNEX_MAX_LEARNERS = 60
SIGNER_PLACEHOLDER = "(Họ và tên người ký)"
CLASS_FILES = frozenset({CONFIG_NAME, META_NAME, ROSTER_NAME, GRADEBOOK_NAME})


@dataclass
class Header:
    """Who issues the report and to whom (options of ``aiwork report``)."""

    parent_agency: str = "UBND TỈNH GIA LAI"
    agency: str = "SỞ KHOA HỌC VÀ CÔNG NGHỆ"
    agency_code: str = "SKHCN"
    place: str = "Gia Lai"
    to: list[str] = field(
        default_factory=lambda: [
            "Ban Chỉ đạo phong trào \u201cBình dân học vụ số\u201d tỉnh Gia Lai"
        ]
    )
    signature_lines: list[str] = field(default_factory=lambda: ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"])
    # Left for the signer to fill in by hand unless given: a report must not carry a made-up name.
    signer: str = SIGNER_PLACEHOLDER
    recipients: list[str] = field(default_factory=lambda: ["Các đơn vị có học viên"])
    archive: str = "VT"


@dataclass
class ReportFiles:
    docx: Path
    xlsx: Path
    csv: Path
    violations: list[Violation]
    progress: Progress


LEARNER_LABELS = {
    "ma_hoc_vien": "Mã học viên",
    "ho_va_ten": "Họ và tên",
    "don_vi": "Đơn vị",
    "so_bai_da_nop": "Số bài đã nộp",
    "so_bai_dat": "Số mô-đun đạt",
    "tong_diem": "Tổng điểm",
    "diem_toi_da": "Điểm tối đa",
    "ty_le_diem": "Tỷ lệ điểm (%)",
    "hoan_thanh": "Hoàn thành",
}
UNIT_LABELS = {
    "don_vi": "Đơn vị",
    "so_hoc_vien": "Số học viên",
    "nop_du_bai": "Nộp đủ bài",
    "hoan_thanh": "Hoàn thành",
    "ty_le_hoan_thanh": "Tỷ lệ hoàn thành (%)",
    "dat_muc_tieu": f"Đạt mục tiêu {format_number(policy.TARGET_PERCENT)}%",
}
MODULE_LABELS = {
    "bai_tap": "Mã bài tập",
    "mo_dun": "Mô-đun",
    "diem_toi_da": "Điểm tối đa",
    "so_hoc_vien": "Số học viên",
    "da_nop": "Đã nộp",
    "da_cham": "Đã chấm",
    "dat": "Đạt",
    "diem_trung_binh": "Điểm trung bình",
    "ty_le_nop": "Tỷ lệ nộp (%)",
    "ty_le_dat": "Tỷ lệ đạt (%)",
}
DETAIL_LABELS = {
    "ma_hoc_vien": "Mã học viên",
    "ho_va_ten": "Họ và tên",
    "don_vi": "Đơn vị",
    "email": "Email",
    "bai_tap": "Mã bài tập",
    "mo_dun": "Mô-đun",
    "da_nop": "Đã nộp",
    "da_cham": "Đã chấm",
    "diem": "Điểm",
    "diem_toi_da": "Điểm tối đa",
    "dat": "Đạt",
    "trang_thai": "Trạng thái",
}


def _yes(value: bool) -> str:
    return "Có" if value else "Không"


def learner_sheet(p: Progress) -> pd.DataFrame:
    """One row per learner: identity, each module's score and status, totals, completion."""
    t = p.learners.copy()
    for i, m in enumerate(p.modules, start=1):
        part = p.long[p.long["bai_tap"] == m.assignment].set_index("ma_hoc_vien")
        t[f"Mô-đun {i}: điểm (/{format_number(m.max_score)})"] = t["ma_hoc_vien"].map(part["diem"])
        t[f"Mô-đun {i}: kết quả"] = t["ma_hoc_vien"].map(part["trang_thai"])
    t["hoan_thanh"] = t["hoan_thanh"].map(_yes)
    return t.rename(columns=LEARNER_LABELS)


def _bool_cols(df: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
    df = df.copy()
    for c in cols:
        df[c] = df[c].map(_yes)
    return df


def _inert(df: pd.DataFrame) -> pd.DataFrame:
    """Text cells a spreadsheet would run as formulas, made inert (a roster name or unit such
    as ``=HYPERLINK(...)`` must reach the report as text)."""
    df = df.copy()
    for col in df.columns:
        if not pd.api.types.is_numeric_dtype(df[col]):  # object or string dtype: text cells
            df[col] = df[col].map(neutralise_cell)
    return df.rename(columns={c: neutralise_cell(c) for c in df.columns})


def write_tables(p: Progress, xlsx: Path, csv: Path, header_rows: list[tuple[str, str]]) -> None:
    learners = learner_sheet(p)
    _inert(learners).to_csv(csv, index=False, encoding="utf-8-sig")
    with pd.ExcelWriter(xlsx, engine="openpyxl") as xl:
        pd.DataFrame(header_rows, columns=["Chỉ tiêu", "Số liệu"]).to_excel(
            xl, sheet_name="Tổng hợp", index=False
        )
        learners.to_excel(xl, sheet_name="Học viên", index=False)
        _bool_cols(p.units, ["dat_muc_tieu"]).rename(columns=UNIT_LABELS).to_excel(
            xl, sheet_name="Đơn vị", index=False
        )
        p.per_module.rename(columns=MODULE_LABELS).to_excel(xl, sheet_name="Mô-đun", index=False)
        _bool_cols(p.long, ["da_nop", "da_cham", "dat"]).rename(columns=DETAIL_LABELS).to_excel(
            xl, sheet_name="Chi tiết", index=False
        )
        # in .xlsx the cells stay as typed (no apostrophe shown) but are stored as text
        neutralise_workbook(xl.book)


def headline(p: Progress, cohort: Cohort) -> list[tuple[str, str]]:
    return [
        ("Lớp (mã khóa)", cohort.course_id),
        ("Số học viên", format_number(p.n_learners)),
        ("Số đơn vị", format_number(len(p.units))),
        ("Số mô-đun đã phát", format_number(len(p.modules))),
        ("Học viên hoàn thành", format_number(p.n_completed)),
        ("Tỷ lệ hoàn thành", format_percent(p.completion_percent)),
        ("Mục tiêu của tỉnh", format_percent(policy.TARGET_PERCENT, 0)),
        ("Ngưỡng đạt một mô-đun", f"{format_percent(policy.PASS_PERCENT, 0)} số điểm"),
        ("Đánh giá", "Đạt mục tiêu" if p.meets_target else "Chưa đạt mục tiêu"),
    ]


def _pct(v: float | None) -> str:
    return "–" if v is None or pd.isna(v) else format_percent(float(v))


def body(p: Progress, cohort: Cohort, xlsx_name: str) -> list[BodyItem]:
    demo = " (lớp mô phỏng, học viên giả định)" if cohort.demo else ""
    target = format_percent(policy.TARGET_PERCENT, 0)
    titles = "; ".join(m.title for m in p.modules) or "chưa phát mô-đun nào"
    items: list[BodyItem] = [
        Heading("I. TÌNH HÌNH TỔ CHỨC LỚP HỌC"),
        f"Lớp {cohort.course_id}{demo} gồm {format_number(p.n_learners)} học viên thuộc "
        f"{format_number(len(p.units))} đơn vị. Đã phát {format_number(len(p.modules))} mô-đun "
        f"bài tập: {titles}. Bài làm được thu và chấm tự động bằng nbgrader; học viên nhận "
        "nhận xét ngay trên phòng thực hành.",
        f"Học viên đạt một mô-đun khi đạt từ {format_percent(policy.PASS_PERCENT, 0)} số điểm "
        "của mô-đun; hoàn thành khóa học khi đạt tất cả các mô-đun đã phát. Tỷ lệ hoàn thành "
        f"được so với mục tiêu {target} cán bộ, công chức, viên chức có kiến thức, kỹ năng số "
        "của tỉnh.",
        Heading("II. KẾT QUẢ HỌC TẬP"),
        Heading("1. Kết quả theo mô-đun"),
    ]
    rows: list[list[object]] = [
        ["Mô-đun", "Số học viên", "Đã nộp", "Đã chấm", "Điểm TB", "Đạt", "Tỷ lệ đạt"]
    ]
    for i, r in enumerate(p.per_module.itertuples(), start=1):
        avg = (
            "–"
            if r.diem_trung_binh is None or pd.isna(r.diem_trung_binh)
            else f"{format_number(r.diem_trung_binh, 1)}/{format_number(r.diem_toi_da)}"
        )
        # Short labels: the full titles are listed in part I and a narrow column of long
        # titles makes the table unreadable on paper.
        rows.append(
            [f"Mô-đun {i}", r.so_hoc_vien, r.da_nop, r.da_cham, avg, r.dat, _pct(r.ty_le_dat)]
        )
    items.append(
        Table(
            rows,
            caption="Bảng 1. Kết quả theo mô-đun",
            col_widths_cm=[2.6, 2.2, 2.0, 2.0, 2.6, 1.6, 2.6],
        )
    )
    if p.modules:
        items.append(
            Image(
                charts.png(charts.modules_progress(p)),
                width_cm=15,
                caption="Biểu đồ 1. Tỷ lệ nộp bài và đạt yêu cầu theo mô-đun",
            )
        )
    items.append(Heading("2. Kết quả theo đơn vị"))
    rows = [
        [
            "Đơn vị",
            "Số học viên",
            "Nộp đủ bài",
            "Hoàn thành",
            "Tỷ lệ hoàn thành",
            f"So với mục tiêu {target}",
        ]
    ]
    for r in p.units.itertuples():
        rows.append(
            [
                r.don_vi,
                r.so_hoc_vien,
                r.nop_du_bai,
                r.hoan_thanh,
                _pct(r.ty_le_hoan_thanh),
                "Đạt" if r.dat_muc_tieu else "Chưa đạt",
            ]
        )
    items.append(
        Table(
            rows,
            caption="Bảng 2. Kết quả theo đơn vị",
            col_widths_cm=[5.4, 1.9, 1.9, 1.9, 2.2, 2.4],
        )
    )
    if len(p.units):
        items.append(
            Image(
                charts.png(charts.units_against_target(p)),
                width_cm=15,
                caption="Biểu đồ 2. Tỷ lệ hoàn thành theo đơn vị so với mục tiêu",
            )
        )
    items += assessment(p, target, xlsx_name)
    if 0 < p.n_learners <= ANNEX_MAX_LEARNERS:
        items.append(Heading("PHỤ LỤC. KẾT QUẢ CỦA TỪNG HỌC VIÊN", center=True))
        rows = [["STT", "Họ và tên", "Đơn vị", "Số mô-đun đạt", "Tổng điểm", "Kết quả"]]
        total_max = sum(m.max_score for m in p.modules)
        for i, r in enumerate(p.learners.itertuples(), start=1):
            rows.append(
                [
                    i,
                    r.ho_va_ten,
                    r.don_vi,
                    f"{r.so_bai_dat}/{len(p.modules)}",
                    f"{format_number(r.tong_diem, 1)}/{format_number(total_max)}",
                    "Hoàn thành" if r.hoan_thanh else "Chưa hoàn thành",
                ]
            )
        items.append(
            Table(
                rows,
                caption="Bảng 3. Kết quả của từng học viên",
                col_widths_cm=[1.1, 4.6, 4.6, 1.9, 2.2, 2.6],
            )
        )
    return items


def assessment(p: Progress, target: str, xlsx_name: str) -> list[BodyItem]:
    verdict = "đạt" if p.meets_target else "chưa đạt"
    text = (
        f"Tỷ lệ học viên hoàn thành khóa học của lớp là {format_percent(p.completion_percent)} "
        f"({format_number(p.n_completed)}/{format_number(p.n_learners)} học viên), "
        f"{verdict} mục tiêu {target} của tỉnh"
    )
    text += (
        "."
        if p.meets_target
        else (f"; cần thêm {format_number(p.shortfall)} học viên hoàn thành để đạt mục tiêu.")
    )
    good = p.units[p.units["dat_muc_tieu"]]["don_vi"].tolist()
    behind = p.units[~p.units["dat_muc_tieu"]]["don_vi"].tolist()
    units = f"Có {format_number(len(good))}/{format_number(len(p.units))} đơn vị đạt mục tiêu" + (
        f": {', '.join(good)}." if good else "."
    )
    if behind:
        units += f" Các đơn vị chưa đạt: {', '.join(behind)}."
    missing = int((p.learners["so_bai_da_nop"] < len(p.modules)).sum()) if len(p.learners) else 0
    failing = p.n_learners - p.n_completed - missing
    return [
        Heading("III. ĐÁNH GIÁ SO VỚI MỤC TIÊU"),
        text,
        units,
        Heading("IV. ĐỀ XUẤT"),
        f"Đề nghị thủ trưởng các đơn vị đôn đốc {format_number(missing)} học viên chưa nộp đủ "
        f"bài; giảng viên hướng dẫn lại {format_number(max(failing, 0))} học viên đã nộp đủ "
        "nhưng chưa đạt yêu cầu để làm lại bài. Kết quả chi tiết của từng học viên, từng "
        f"mô-đun tại tệp {xlsx_name} kèm theo.",
    ]


def report_paths(out: str | Path) -> tuple[Path, Path, Path]:
    """(.docx, .xlsx, .csv) that ``aiwork report --out OUT`` writes."""
    if not str(out).strip() or Path(out).name in ("", ".", ".."):
        raise InputError("--out cần tên tệp báo cáo, ví dụ bao-cao/bao-cao-tien-do.docx.")
    docx = Path(out)
    if docx.suffix.lower() != ".docx":
        docx = docx.with_name(docx.name + ".docx")
    return docx, docx.with_suffix(".xlsx"), docx.with_suffix(".csv")


def check_report_paths(cohort: Cohort, out: str | Path) -> tuple[Path, Path, Path]:
    """The report's three paths, refused (``InputError``) when one cannot be written or would
    replace a file that is not an earlier report: a file of the class (its roster, or anything
    in its folders of assignments, submissions and feedback), or a spreadsheet beside a .docx
    that does not exist yet (``--out danh-sach.docx`` next to the trainer's danh-sach.xlsx)."""
    paths = report_paths(out)
    root = cohort.root.resolve()
    keep = [root / d for d in ("source", "release", "submitted", "autograded", "feedback")]
    keep.append(cohort.exchange.resolve())
    choose = "anh/chị chọn tên khác cho --out (ví dụ bao-cao/bao-cao-tien-do.docx)."
    for path in paths:
        check_output_path(path, what="Tệp báo cáo")
        target = path.resolve()
        if target in {root / name for name in CLASS_FILES} or any(
            target.is_relative_to(d) for d in keep
        ):
            raise InputError(f"Tệp báo cáo {path} sẽ ghi đè dữ liệu của lớp; {choose}")
    docx, *sheets = paths
    if not docx.exists():
        for sheet in sheets:
            if sheet.exists():
                raise InputError(
                    f"Đã có tệp {sheet} không phải báo cáo trước đó; báo cáo sẽ ghi đè tệp này; "
                    + choose
                )
    return paths


def write_report(
    cohort: Cohort, out: str | Path, *, header: Header | None = None, issued: date | None = None
) -> ReportFiles:
    """Write the three files; each appears under its name only once it is complete, and none is
    replaced unless all three were built."""
    out, xlsx, csv = check_report_paths(cohort, out)
    header = header or Header()
    p = progress(cohort)
    with contextlib.ExitStack() as stack:
        tmp_docx, tmp_xlsx, tmp_csv = (
            stack.enter_context(atomic_output(path)) for path in (out, xlsx, csv)
        )
        write_tables(p, tmp_xlsx, tmp_csv, headline(p, cohort))
        doc = _document(cohort, p, header, issued, xlsx.name)
        save(doc, tmp_docx)
        violations = check_docx(tmp_docx)
    return ReportFiles(out, xlsx, csv, violations, p)


def _document(
    cohort: Cohort, p: Progress, header: Header, issued: date | None, xlsx_name: str
) -> OfficialDocument:
    return OfficialDocument(
        doc_type="bao_cao",
        parent_agency=header.parent_agency,
        agency=header.agency,
        agency_code=header.agency_code,
        place=header.place,
        issued=issued or date.today(),
        subject=f"Kết quả bồi dưỡng kỹ năng sử dụng trợ lý AI trong công việc của lớp "
        f"{cohort.course_id}",
        recipients_to=header.to,
        body=body(p, cohort, xlsx_name),
        signature_lines=header.signature_lines,
        signer_name=header.signer,
        recipients=header.recipients,
        archive=header.archive,
    )


def print_report(files: ReportFiles) -> None:
    """The report's headline and paths, as ``aiwork report`` and ``aiwork demo`` print them."""
    import sys

    p = files.progress
    print(
        f"Tỷ lệ hoàn thành: {format_percent(p.completion_percent)} "
        f"({p.n_completed}/{p.n_learners} học viên) — "
        f"{'đạt' if p.meets_target else 'chưa đạt'} mục tiêu."
    )
    print(f"Báo cáo (Nghị định 30): {files.docx}")
    print(f"Bảng tính: {files.xlsx}")
    print(f"CSV: {files.csv}")
    if files.violations:
        print("Báo cáo chưa đúng thể thức Nghị định 30:", file=sys.stderr)
        for v in files.violations:
            print(f"  - [{v.rule}] {v.message} ({v.location})", file=sys.stderr)
