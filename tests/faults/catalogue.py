"""The fault catalogue (issue 20): one row per bad input or fault, run by ``test_faults.py``.

Each case names the command (argv, with ``{ws}`` the case's workspace, ``{cls}`` its class,
``{ex}`` the class's exchange, ``{in}`` a folder for input files), how to damage the workspace
first, the exit code expected, a phrase the one-line message must contain, and whether every
file must be left as it was (the workspace is hashed before and after). Every case also checks
that no traceback is printed and that the failure was an expected one (no crash log written).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import sqlite3
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from aiwork.courselock import course_lock

AID = "m01-loi-nhac"
HEADER = "Mã học viên,Họ và tên,Đơn vị,Email\n"
GOOD_ROW = "hv101,Nguyễn Văn Bảo,Sở Nội vụ,bao@vi-du.example\n"


@dataclass
class Case:
    id: str
    argv: list[str]
    exit: int
    says: str = ""  # in stderr (or stdout): the one line names the file and the fix
    setup: Callable[[Path], None] | None = None
    needs_class: bool = False
    unchanged: bool = True  # every file of the workspace left as it was
    env: dict[str, str] = field(default_factory=dict)
    around: Callable[[Path], contextlib.AbstractContextManager] | None = None
    check: Callable[[Path, str, str], None] | None = None  # (workspace, stdout, stderr)
    max_lines: int | None = 1  # non-empty stderr lines allowed (None: not checked)


# --- workspace damage -----------------------------------------------------------------------


TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(text: str) -> bytes:
    """Vietnamese as a legacy Windows-1258 export writes it: base letters precomposed (â, ơ,
    đ...), tones as combining marks."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
        out.append(base + "".join(c for c in parts if c in TONES))
    return "".join(out).encode("cp1258")


def write(rel: str, data: bytes | str, encoding: str = "utf-8") -> Callable[[Path], None]:
    def setup(ws: Path) -> None:
        path = ws / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            raw = cp1258(data) if encoding == "cp1258" else data.encode(encoding)
        else:
            raw = data
        path.write_bytes(raw)

    return setup


def sparse(rel: str, size: int) -> Callable[[Path], None]:
    """A file of ``size`` bytes that takes no disk (the "huge input" class)."""

    def setup(ws: Path) -> None:
        path = ws / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as fh:
            fh.truncate(size)

    return setup


def mkdir(rel: str) -> Callable[[Path], None]:
    return lambda ws: (ws / rel).mkdir(parents=True, exist_ok=True)


def steps(*fns: Callable[[Path], None]) -> Callable[[Path], None]:
    def setup(ws: Path) -> None:
        for fn in fns:
            fn(ws)

    return setup


def drop_table(table: str) -> Callable[[Path], None]:
    def setup(ws: Path) -> None:
        con = sqlite3.connect(ws / "lop-k1" / "gradebook.db")
        con.execute("PRAGMA foreign_keys=OFF")
        con.execute(f"DROP TABLE {table}")
        con.commit()
        con.close()

    return setup


def unset_auto_scores(student: str) -> Callable[[Path], None]:
    """What an interrupted autograde leaves: the submission without its auto scores."""

    def setup(ws: Path) -> None:
        con = sqlite3.connect(ws / "lop-k1" / "gradebook.db")
        con.execute(
            "UPDATE grade SET auto_score = NULL WHERE notebook_id IN ("
            " SELECT sn.id FROM submitted_notebook sn"
            " JOIN submitted_assignment sa ON sn.assignment_id = sa.id"
            " WHERE sa.student_id = ?)",
            (student,),
        )
        con.commit()
        con.close()

    return setup


def grading_began(student: str) -> Callable[[Path], None]:
    """What `aiwork grade` records before it touches a submission, as a kill -9 leaves it."""

    def setup(ws: Path) -> None:
        from aiwork.grading.status import Progress

        Progress(ws / "lop-k1", AID).begin(student)

    return setup


def inbound_copy(new_name: str, of: str = "hv001") -> Callable[[Path], None]:
    """A record in the exchange's inbound folder, copied from ``of``'s submission."""

    def setup(ws: Path) -> None:
        inbound = ws / "exchange" / "lop-k1" / "inbound"
        src = next(inbound.glob(f"{of}+{AID}+*"))
        shutil.copytree(src, inbound / new_name)

    return setup


def uncollect(student: str) -> Callable[[Path], None]:
    return lambda ws: shutil.rmtree(ws / "lop-k1" / "submitted" / student)


def clear_returned(ws: Path) -> None:
    folder = ws / "exchange" / "lop-k1" / "feedback"
    shutil.rmtree(folder)
    folder.mkdir()


def gradebook(data: bytes) -> Callable[[Path], None]:
    return write("lop-k1/gradebook.db", data)


JUNK = bytes(range(256)) * 8  # binary, not SQLite, not text
ZERO = b""


def locked_by_other(ws: Path) -> contextlib.AbstractContextManager:
    return course_lock(ws / "lop-k1", "grade")


@contextlib.contextmanager
def busy_port() -> Iterator[int]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(1)
        yield s.getsockname()[1]


@contextlib.contextmanager
def port_taken(ws: Path) -> Iterator[None]:
    """A port another program listens on, named to the case as ``{busy_port}``."""
    with busy_port() as port:
        os.environ["FAULTS_BUSY_PORT"] = str(port)
        try:
            yield
        finally:
            os.environ.pop("FAULTS_BUSY_PORT", None)


# --- checks after the command ---------------------------------------------------------------


def absent(*rels: str) -> Callable[[Path, str, str], None]:
    def check(ws: Path, out: str, err: str) -> None:
        for rel in rels:
            assert not (ws / rel).exists(), f"{rel} was created"

    return check


def nothing_on_stdout(ws: Path, out: str, err: str) -> None:
    assert out == "", out


def collected_despite_bad_record(ws: Path, out: str, err: str) -> None:
    cls = ws / "lop-k1"
    assert (cls / "submitted" / "hv002" / AID / f"{AID}.ipynb").is_file()  # the good one
    assert "hv003+m01-loi-nhac+khong-phai-ngay-gio" in out  # the bad one is listed
    assert not (cls / "submitted" / "hv003").exists()


def collected_despite_bad_timestamp_file(ws: Path, out: str, err: str) -> None:
    cls = ws / "lop-k1"
    assert (cls / "submitted" / "hv002" / AID / f"{AID}.ipynb").is_file()
    assert "lỗi hv001: không thu được bài" in out
    assert (cls / "submitted" / "hv001" / AID / "timestamp.txt").read_text() == "hỏng"


def nothing_outside_submitted(ws: Path, out: str, err: str) -> None:
    cls = ws / "lop-k1"
    assert not (cls / AID).exists() and not (ws / AID).exists()
    assert sorted(p.name for p in (cls / "submitted").iterdir()) == ["hv001", "hv002"]


def invalid_id_listed(ws: Path, out: str, err: str) -> None:
    assert "hv 001;x+m01-loi-nhac" in out and "mã học viên hợp lệ" in out
    assert not (ws / "lop-k1" / "submitted" / "hv 001;x").exists()


def held_back(ws: Path, out: str, err: str) -> None:
    released = list((ws / "exchange" / "lop-k1" / "feedback").glob("*.html"))
    assert len(released) == 1  # hv001's; hv002's grading did not finish
    assert "hv002" in out and "chưa trả nhận xét" in out


def answer_shown(out: str) -> None:
    assert out.strip(), "the tutor's answer was lost"


def held_back_killed(ws: Path, out: str, err: str) -> None:
    held_back(ws, out, err)
    assert "dừng giữa chừng" in out


def no_report(ws: Path, out: str, err: str) -> None:
    assert not list((ws / "in").glob("bc*")), "a report file was written"


def report_cells_inert(ws: Path, out: str, err: str) -> None:
    from openpyxl import load_workbook

    wb = load_workbook(ws / "in" / "bc.xlsx")
    assert all(c.data_type != "f" for ws_ in wb.worksheets for r in ws_.iter_rows() for c in r)


# --- the catalogue ----------------------------------------------------------------------------

INIT = ["cohort", "init", "{ws}/lop-moi", "--roster", "{in}/ds.csv"]
NEW_CLASS_ABSENT = absent("lop-moi")


def roster(text: str, encoding: str = "utf-8") -> Callable[[Path], None]:
    return write("in/ds.csv", text, encoding)


CASES: list[Case] = [
    # --- cohort init: the roster file (missing, empty, directory, binary, huge, encodings) --
    Case("init-roster-missing", INIT, 2, "không tồn tại", check=NEW_CLASS_ABSENT, max_lines=2),
    Case("init-roster-empty", INIT, 2, "trống", roster(""), check=NEW_CLASS_ABSENT, max_lines=2),
    Case("init-roster-dir", INIT, 2, "là một thư mục", mkdir("in/ds.csv"), max_lines=2),
    Case("init-roster-binary", INIT, 2, "nhị phân", write("in/ds.csv", JUNK), max_lines=2),
    Case("init-roster-huge", INIT, 2, "quá lớn", sparse("in/ds.csv", 30 * 2**20), max_lines=2),
    Case(
        "init-roster-cp1258",
        INIT,
        2,
        "Windows-1258",
        roster(HEADER + GOOD_ROW, "cp1258"),
        max_lines=2,
    ),
    Case(
        "init-roster-utf16-no-bom",
        INIT,
        2,
        "UTF-16 không có dấu BOM",
        roster(HEADER + GOOD_ROW, "utf-16-le"),
        max_lines=2,
    ),
    Case(
        "init-roster-traversal-id",
        INIT,
        2,
        'Mã học viên "../../etc"',
        roster(HEADER + "../../etc,Nguyễn Văn Bảo,Sở Nội vụ,bao@vi-du.example\n"),
        check=NEW_CLASS_ABSENT,
        max_lines=2,
    ),
    Case(
        "init-roster-formula-name",
        INIT,
        2,
        "Họ và tên",
        roster(HEADER + 'hv101,"=HYPERLINK(""http://x"",""Bấm vào"")",Sở Nội vụ,b@vi-du.example\n'),
        check=NEW_CLASS_ABSENT,
        max_lines=2,
    ),
    *(
        Case(
            f"init-roster-formula-unit-{i}",
            INIT,
            2,
            "công thức",
            roster(HEADER + f"hv101,Nguyễn Văn Bảo,{unit},bao@vi-du.example\n"),
            check=NEW_CLASS_ABSENT,
            max_lines=2,
        )
        for i, unit in enumerate(
            ['"=WEBSERVICE(""http://x"")"', "+cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3"]
        )
    ),
    Case(
        "init-dir-is-a-file",
        INIT,
        2,
        "là một tệp",
        steps(roster(HEADER + GOOD_ROW), write("lop-moi", "x")),
    ),
    Case(
        "init-exchange-is-a-file",
        [*INIT, "--exchange", "{in}/ex"],
        2,
        "là một tệp",
        steps(roster(HEADER + GOOD_ROW), write("in/ex", "x")),
        check=NEW_CLASS_ABSENT,
    ),
    Case(
        "init-existing-class-corrupt-gradebook",
        ["cohort", "init", "{cls}", "--roster", "{ws}/in/danh-sach.csv"],
        2,
        "gradebook.db",
        gradebook(JUNK),
        needs_class=True,
    ),
    Case(
        "init-existing-class-busy",
        ["cohort", "init", "{cls}", "--roster", "{ws}/in/danh-sach.csv"],
        2,
        "đang được một lệnh khác xử lý",
        needs_class=True,
        around=locked_by_other,
    ),
    # --- the class's own files damaged: every trainer command refuses, nothing changes -----
    *(
        Case(
            f"{cmd}-gradebook-{name}",
            [cmd, "--course", "{cls}", *extra],
            2,
            "gradebook.db",
            damage,
            needs_class=True,
            check=no_report if cmd == "report" else None,
        )
        for cmd, extra in (
            ("release", []),
            ("collect", []),
            ("return", []),
            ("report", ["--out", "{in}/bc.docx"]),
        )
        for name, damage in (
            ("empty", gradebook(ZERO)),
            ("junk", gradebook(JUNK)),
            ("deleted", lambda ws: (ws / "lop-k1" / "gradebook.db").unlink()),
            ("no-grade-table", drop_table("grade")),
        )
    ),
    *(
        Case(
            f"{cmd}-cohort-json-{name}",
            [cmd, "--course", "{cls}", *extra],
            2,
            "cohort.json",
            write("lop-k1/cohort.json", data),
            needs_class=True,
        )
        for cmd, extra in (("release", []), ("report", ["--out", "{in}/bc.docx"]))
        for name, data in (
            ("empty", b""),
            ("junk", b"{ not json"),
            ("binary", JUNK),
            ("list", b"[1, 2]"),
            ("no-course-id", b'{"exchange": "/tmp"}'),
            ("bad-course-id", b'{"course_id": "../x", "exchange": "/tmp"}'),
        )
    ),
    *(
        Case(
            f"{cmd}-roster-csv-{name}",
            [cmd, "--course", "{cls}"],
            2,
            "roster.csv",
            write("lop-k1/roster.csv", data),
            needs_class=True,
        )
        for cmd in ("collect", "return")
        for name, data in (("empty", b""), ("junk", JUNK), ("header-only", HEADER.encode()))
    ),
    Case(
        "collect-exchange-gone",
        ["collect", "--course", "{cls}"],
        2,
        "exchange",
        lambda ws: shutil.rmtree(ws / "exchange"),
        needs_class=True,
    ),
    Case(
        "release-course-missing",
        ["release", "--course", "{ws}/khong-co"],
        2,
        "chưa phải",
        check=absent("khong-co"),
    ),
    Case(
        "release-course-is-a-file",
        ["release", "--course", "{in}/f"],
        2,
        "là một tệp",
        write("in/f", "x"),
    ),
    Case(
        "release-unknown-assignment",
        ["release", "m99-khong-co", "--course", "{cls}"],
        2,
        "không có bài tập m99-khong-co",
        needs_class=True,
    ),
    # --- concurrent runs: another command holds the class ----------------------------------
    *(
        Case(
            f"{cmd}-while-busy",
            [cmd, "--course", "{cls}"],
            2,
            "đang được một lệnh khác xử lý",
            needs_class=True,
            around=locked_by_other,
        )
        for cmd in ("release", "collect", "return")
    ),
    # --- collect: one bad inbound record never blocks the others ---------------------------
    Case(
        "collect-bad-timestamp-record",
        ["collect", AID, "--course", "{cls}"],
        1,
        setup=steps(uncollect("hv002"), inbound_copy("hv003+m01-loi-nhac+khong-phai-ngay-gio")),
        needs_class=True,
        unchanged=False,
        check=collected_despite_bad_record,
        max_lines=None,
    ),
    Case(
        "collect-bad-collected-timestamp",
        ["collect", AID, "--course", "{cls}"],
        1,
        setup=steps(
            uncollect("hv002"), write(f"lop-k1/submitted/hv001/{AID}/timestamp.txt", "hỏng")
        ),
        needs_class=True,
        unchanged=False,
        check=collected_despite_bad_timestamp_file,
        max_lines=None,
    ),
    Case(  # glob never matches a hidden name: ".." is not even read; nothing is written
        "collect-traversal-id-record",
        ["collect", AID, "--course", "{cls}"],
        0,
        setup=inbound_copy("..+m01-loi-nhac+2026-01-05 08:00:00.000000 UTC"),
        needs_class=True,
        unchanged=False,  # the lock file records the run; the check looks at the rest
        check=nothing_outside_submitted,
        max_lines=None,
    ),
    Case(
        "collect-invalid-id-record",
        ["collect", AID, "--course", "{cls}"],
        1,
        "",
        inbound_copy("hv 001;x+m01-loi-nhac+2026-01-05 08:00:00.000000 UTC"),
        needs_class=True,
        unchanged=False,
        check=invalid_id_listed,
        max_lines=None,
    ),
    # --- return: a submission whose grading did not finish is held back and listed ---------
    Case(
        "return-holds-unfinished-grading",
        ["return", AID, "--course", "{cls}"],
        1,
        setup=steps(clear_returned, unset_auto_scores("hv002")),
        needs_class=True,
        unchanged=False,
        check=held_back,
        max_lines=None,
    ),
    Case(  # a killed `aiwork grade` left its marker: the gradebook alone would look complete
        "return-holds-killed-grading",
        ["return", AID, "--course", "{cls}"],
        1,
        setup=steps(clear_returned, grading_began("hv002")),
        needs_class=True,
        unchanged=False,
        check=held_back_killed,
        max_lines=None,
    ),
    # --- report: header options, output paths, formula injection ---------------------------
    *(
        Case(
            f"report-{opt.strip('-')}-{name}",
            ["report", "--course", "{cls}", "--out", "{in}/bc.docx", opt, value],
            2,
            opt,
            needs_class=True,
            check=no_report,
        )
        for opt in ("--agency", "--signer", "--parent-agency", "--place", "--to")
        for name, value in (("empty", ""), ("blank", "   "), ("control", "SỞ\x07 NỘI VỤ"))
    ),
    Case(
        "report-out-is-a-dir",
        ["report", "--course", "{cls}", "--out", "{in}/d.docx"],
        2,
        "thư mục",
        mkdir("in/d.docx"),
        needs_class=True,
    ),
    Case(
        "report-out-under-a-file",
        ["report", "--course", "{cls}", "--out", "{in}/f/bc.docx"],
        2,
        "là một tệp",
        write("in/f", "x"),
        needs_class=True,
    ),
    Case(
        "report-out-over-roster",
        ["report", "--course", "{cls}", "--out", "{cls}/roster.docx"],
        2,
        "ghi đè",
        needs_class=True,
    ),
    Case(
        "report-out-beside-a-spreadsheet",
        ["report", "--course", "{cls}", "--out", "{in}/danh-sach.docx"],
        2,
        "danh-sach.csv",
        needs_class=True,
    ),
    Case(
        "report-out-empty",
        ["report", "--course", "{cls}", "--out", ""],
        2,
        "--out",
        needs_class=True,
    ),
    Case(
        "report-cells-inert",
        ["report", "--course", "{cls}", "--out", "{in}/bc.docx", "--signer", "Đinh Văn Giang"],
        0,
        needs_class=True,
        unchanged=False,
        check=report_cells_inert,
        max_lines=None,
    ),
    # --- demo: only in a new folder or a demo class ----------------------------------------
    Case(
        "demo-over-real-class",
        ["demo", "{cls}", "--learners", "2"],
        2,
        "lớp học thật",
        needs_class=True,
    ),
    Case(
        "demo-over-other-data",
        ["demo", "{in}", "--learners", "2"],
        2,
        "đã có dữ liệu khác",
        write("in/thu-cua-toi.docx", "x"),
    ),
    Case(
        "demo-bogus-module",
        ["demo", "{ws}/demo", "--modules", "bogus"],
        2,
        "bogus",
        check=absent("demo"),
    ),
    Case(
        "demo-no-learners",
        ["demo", "{ws}/demo", "--learners", "0"],
        2,
        "--learners",
        check=absent("demo"),
    ),
    Case(
        "demo-too-many-learners",
        ["demo", "{ws}/demo", "--learners", "100000"],
        2,
        "--learners",
        check=absent("demo"),
    ),
    Case("demo-dir-is-a-file", ["demo", "{in}/f"], 2, "là một tệp", write("in/f", "x")),
    # --- grade / feedback at the CLI layer: the course folder and its gradebook ------------
    Case(
        "grade-course-typo",
        ["grade", AID, "--course", "{ws}/lop-k1-typo"],
        2,
        "không tồn tại",
        check=absent("lop-k1-typo"),
    ),
    Case(
        "grade-course-is-a-file",
        ["grade", AID, "--course", "{in}/f"],
        2,
        "là một tệp",
        write("in/f", "x"),
    ),
    Case(
        "feedback-nothing-graded",
        ["feedback", "m02-soan-thao", "--course", "{cls}"],
        0,
        "chưa có bài nào đã chấm",
        needs_class=True,
    ),
    Case(
        "feedback-unknown-assignment",
        ["feedback", "m99", "--course", "{cls}"],
        2,
        "không có bài tập m99",
        needs_class=True,
    ),
    Case(
        "grade-unknown-assignment",
        ["grade", "m99", "--course", "{cls}"],
        2,
        "không có bài tập m99",
        needs_class=True,
    ),
    *(
        Case(
            f"{cmd}-traversal-assignment-{i}",
            [cmd, bad, "--course", "{cls}"],
            2,
            "không có bài tập",
            needs_class=True,
        )
        for cmd in ("grade", "feedback")
        for i, bad in enumerate(("../release", "..", "m01-loi-nhac/../../lop-k1", "/etc"))
    ),
    *(
        Case(
            f"grade-gradebook-{name}",
            ["grade", AID, "--course", "{cls}"],
            2,
            "gradebook.db",
            damage,
            needs_class=True,
        )
        for name, damage in (
            ("empty", gradebook(ZERO)),
            ("junk", gradebook(JUNK)),
            ("no-grade-table", drop_table("grade")),
        )
    ),
    Case(
        "release-cohort-json-huge",
        ["release", "--course", "{cls}"],
        2,
        "quá lớn",
        sparse("lop-k1/cohort.json", 5 * 2**20),
        needs_class=True,
    ),
    Case(
        "scan-input-huge",
        ["privacy", "scan", "{in}/t.txt"],
        2,
        "quá lớn",
        sparse("in/t.txt", 300 * 2**20),
    ),
    Case(
        "feedback-gradebook-empty",
        ["feedback", AID, "--course", "{cls}"],
        2,
        "gradebook.db",
        gradebook(ZERO),
        needs_class=True,
    ),
    Case(
        "feedback-gradebook-junk",
        ["feedback", AID, "--course", "{cls}"],
        2,
        "gradebook.db",
        gradebook(JUNK),
        needs_class=True,
    ),
    # --- privacy: inputs, encodings, the mapping written before the text -------------------
    Case(
        "redact-mapping-unwritable",
        ["privacy", "redact", "--mapping", "{in}/f/map.json", "{in}/t.txt"],
        2,
        "map.json",
        steps(write("in/t.txt", "Ông Nguyễn Văn An, CCCD 079203001234."), write("in/f", "x")),
        check=nothing_on_stdout,
    ),
    Case(
        "redact-mapping-malformed",
        ["privacy", "redact", "--mapping", "{in}/map.json", "{in}/t.txt"],
        2,
        "map.json",
        steps(write("in/t.txt", "CCCD 079203001234."), write("in/map.json", "{ hỏng")),
        check=nothing_on_stdout,
    ),
    Case("redact-input-missing", ["privacy", "redact", "{in}/none.txt"], 2, "không tồn tại"),
    Case("redact-input-dir", ["privacy", "redact", "{in}"], 2, "thư mục"),
    Case(
        "scan-input-binary",
        ["privacy", "scan", "{in}/b.bin"],
        2,
        "nhị phân",
        write("in/b.bin", JUNK),
    ),
    Case(
        "scan-input-cp1258",
        ["privacy", "scan", "{in}/t.txt"],
        2,
        "Windows-1258",
        write("in/t.txt", "Ông Nguyễn Văn An", "cp1258"),
    ),
    Case(
        "scan-input-utf16-bom-accepted",
        ["privacy", "scan", "--json", "{in}/t.txt"],
        0,
        "079203001234",
        write("in/t.txt", "CCCD 079203001234", "utf-16"),
        max_lines=None,
    ),
    *(
        Case(
            f"restore-mapping-{name}",
            ["privacy", "restore", "--mapping", "{in}/map.json", "{in}/t.txt"],
            2,
            "map.json",
            steps(write("in/t.txt", "[CCCD_1]"), *([write("in/map.json", data)] if data else [])),
            check=nothing_on_stdout,
        )
        for name, data in (
            ("missing", None),
            ("junk", b"{ not json"),
            ("list", b"[1]"),
            ("bad-tag", b'{"KHONG_CO_1": "x"}'),
            ("binary", JUNK),
        )
    ),
    # --- check-figures: junk tables and texts ----------------------------------------------
    *(
        Case(
            f"check-figures-data-{name}",
            ["check-figures", "--text", "{in}/t.txt", "--data", "{in}/" + fname],
            2,
            fname,
            steps(write("in/t.txt", "Có 12 hồ sơ."), setup),
        )
        for name, fname, setup in (
            ("junk-xlsx", "d.xlsx", write("in/d.xlsx", JUNK)),
            (
                "zip-not-xlsx",
                "d.xlsx",
                lambda ws: zipfile.ZipFile(ws / "in" / "d.xlsx", "w").writestr("a.txt", "x"),
            ),
            ("cp1258-csv", "d.csv", write("in/d.csv", "don_vi,so\nđơn vị,1\n", "cp1258")),
        )
    ),
    Case(
        "check-figures-text-dir",
        ["check-figures", "--text", "{in}", "--data", "{in}/d.csv"],
        2,
        "thư mục",
        write("in/d.csv", "don_vi,so\nA,1\n"),
    ),
    # --- gateway usage never turns a file into a database ----------------------------------
    Case(
        "gateway-usage-on-a-gradebook",
        ["gateway", "usage", "--db", "{cls}/gradebook.db"],
        2,
        "gradebook.db",
        needs_class=True,
        check=absent("lop-k1/gradebook.db-wal", "lop-k1/gradebook.db-shm"),
    ),
    Case(
        "gateway-usage-on-a-text",
        ["gateway", "usage", "--db", "{in}/t.txt"],
        2,
        "t.txt",
        write("in/t.txt", "không phải cơ sở dữ liệu"),
    ),
    Case(
        "gateway-usage-empty-file",
        ["gateway", "usage", "--db", "{in}/u.db"],
        2,
        "rỗng",
        write("in/u.db", b""),
    ),
    Case(
        "gateway-usage-bad-date",
        ["gateway", "usage", "--since", "2026-13-01"],
        2,
        "không phải ngày",
        max_lines=None,
    ),
    # --- servers: bad ports and hosts refused at the CLI layer -----------------------------
    *(
        Case(f"mock-serve-port-{v}", ["mock", "serve", "--port", v], 2, "cổng", max_lines=None)
        for v in ("70000", "-1", "abc", "65536")
    ),
    *(
        Case(f"mock-serve-host-{i}", ["mock", "serve", "--host", v], 2, "địa chỉ", max_lines=None)
        for i, v in enumerate(("999.1.1.1", "bad host", "", "a..b"))
    ),
    Case(
        "mock-serve-replay-binary",
        ["mock", "serve", "--replay", "{in}/c.jsonl"],
        2,
        "nhị phân",
        write("in/c.jsonl", JUNK),
    ),
    Case(
        "mock-record-cassette-dir",
        ["mock", "record", "--upstream", "http://127.0.0.1:9/v1", "--cassette", "{in}"],
        2,
        "thư mục",
    ),
    Case(
        "setup-lab-prefix-is-a-file",
        ["setup-lab", "--prefix", "{in}/f"],
        2,
        "--prefix",
        write("in/f", "x"),
    ),
    Case(
        "check-figures-data-empty",
        ["check-figures", "--text", "{in}/t.txt", "--data", "{in}/d.csv"],
        2,
        "trống",
        steps(write("in/t.txt", "Có 12 hồ sơ."), write("in/d.csv", b"")),
    ),
    Case(
        "mock-serve-service-url-port",
        ["mock", "serve"],
        2,
        "JUPYTERHUB_SERVICE_URL",
        env={"JUPYTERHUB_SERVICE_URL": "http://127.0.0.1:70000/"},
    ),
    Case(
        "mock-serve-port-in-use",
        ["mock", "serve", "--port", "{busy_port}"],
        2,
        "Không mở được cổng",
        around=port_taken,
    ),
    Case(
        "gateway-serve-port",
        ["gateway", "serve"],
        2,
        "AIWORK_GATEWAY_PORT",
        env={"AIWORK_GATEWAY_PORT": "70000"},
    ),
    Case(
        "gateway-serve-service-url",
        ["gateway", "serve"],
        2,
        "JUPYTERHUB_SERVICE_URL",
        env={"JUPYTERHUB_SERVICE_URL": "http://127.0.0.1:70000/"},
    ),
    Case(
        "gateway-serve-host",
        ["gateway", "serve"],
        2,
        "AIWORK_GATEWAY_HOST",
        env={"AIWORK_GATEWAY_HOST": "bad host"},
    ),
    Case(
        "gateway-serve-port-in-use",
        ["gateway", "serve"],
        2,
        "Không mở được cổng",
        env={"AIWORK_GATEWAY_PORT": "{busy_port}"},
        around=port_taken,
    ),
    Case("lab-port", ["lab", "--port", "70000"], 2, "cổng", max_lines=None),
    # --- tutor: an unreachable model, an unwritable log ------------------------------------
    Case(
        "tutor-model-unreachable",
        ["tutor", "ask", "kiem_tra dùng để làm gì"],
        1,
        "Không kết nối được tới trợ lý AI",
        env={
            "AIWORK_BACKEND": "compatible",
            "AIWORK_BASE_URL": "http://127.0.0.1:9/v1",
            "AIWORK_MODEL": "m",
        },
    ),
    Case(
        "tutor-log-unwritable",
        ["tutor", "ask", "giá vé máy bay đi Hà Nội hôm nay"],
        0,
        "nhật ký trợ giảng",
        write("in/f", "x"),
        env={"AIWORK_TUTOR_LOG": "{in}/f/log.jsonl"},
        check=lambda ws, out, err: answer_shown(out),
    ),
    # --- usage errors, in Vietnamese ---------------------------------------------------------
    Case(
        "usage-unknown-option", ["release", "--khong-co"], 2, "không hiểu tham số", max_lines=None
    ),
    Case("usage-missing-required", ["report"], 2, "thiếu tham số bắt buộc", max_lines=None),
    Case(
        "usage-not-an-int", ["demo", "--learners", "bốn"], 2, "không phải số nguyên", max_lines=None
    ),
    Case("lookup-k-zero", ["lookup", "khai sinh", "--k", "0"], 2, "--k"),
]
