"""Read and validate a class roster (CSV or XLSX): all rows valid, or nothing is imported.

A roster has four columns: learner id, full name (with diacritics), unit/department, e-mail.
Headers are matched without case or diacritics, in Vietnamese or English ("Mã học viên",
"Họ và tên", "Đơn vị", "Email", "learner id", ...). A title row above the header (as offices
often put in Excel: "DANH SÁCH HỌC VIÊN ...") is skipped.

Every problem is reported with its line (the physical line of a CSV, the row of a sheet) and a
Vietnamese reason; ``read_roster`` raises :class:`RosterError` holding all of them, so a
trainer fixes the file once instead of once per error.

Encodings: UTF-8 (with or without BOM, as Excel's "CSV UTF-8" writes) and UTF-16 with a BOM
(Excel's "Unicode Text"). Anything else (e.g. a legacy Windows-1258 or TCVN3 export) is refused
at the line of the first undecodable byte: guessing a legacy code page would silently import
wrong names. Names that look like UTF-8 read as Windows-1252 ("Nguyá»…n") are refused too.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from aiwork.errors import InputError
from aiwork.fileio import (
    Undecodable,
    atomic_output,
    is_formula_like,
    neutralise_cell,
    read_bytes,
    try_decode,
)
from aiwork.vi import fold_key, nfc

# The learner id becomes the nbgrader student id and the JupyterHub user name: nbgrader's
# exchange forbids "+" and "*" in it, and hub user names are safest as plain ASCII.
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
EMAIL_RE = re.compile(
    r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$"
)
# Sequences that appear when UTF-8 Vietnamese is decoded as Windows-1252/Latin-1.
MOJIBAKE_RE = re.compile("Ã.|á[»º]|Æ°|Ä[‘\u0091\u0090]|Ä\u0090")

# field -> (Vietnamese column name for messages, accepted headers after normalisation)
COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "learner_id": (
        "Mã học viên",
        (
            "mahocvien",
            "mahv",
            "maso",
            "macanbo",
            "madinhdanh",
            "tendangnhap",
            "learnerid",
            "studentid",
            "id",
            "username",
            "userid",
        ),
    ),
    "full_name": (
        "Họ và tên",
        ("hovaten", "hoten", "hotenhocvien", "fullname", "name", "tenhocvien"),
    ),
    "unit": (
        "Đơn vị",
        (
            "donvi",
            "donvicongtac",
            "coquan",
            "coquandonvi",
            "phongban",
            "donviphongban",
            "unit",
            "department",
            "unitdepartment",
            "organisation",
            "organization",
        ),
    ),
    "email": ("Email", ("email", "thudientu", "diachiemail", "diachithudientu", "mail")),
}
HEADER_SEARCH_ROWS = 10  # how far down a title block may push the header row
MAX_ROSTER_BYTES = 20 * 1_048_576  # a province-wide roster is well under 1 MB
SHOWN_PROBLEMS = 50  # a file with more is wrong as a whole; the first ones say how


@dataclass(frozen=True)
class Learner:
    learner_id: str
    full_name: str
    unit: str
    email: str

    @property
    def family_names(self) -> str:
        """ "Nguyễn Văn" of "Nguyễn Văn An": nbgrader's last_name (họ và tên đệm)."""
        return self.full_name.rsplit(" ", 1)[0] if " " in self.full_name else ""

    @property
    def given_name(self) -> str:
        """ "An" of "Nguyễn Văn An": nbgrader's first_name (tên), as Vietnamese forms split it."""
        return self.full_name.rsplit(" ", 1)[-1]


@dataclass(frozen=True)
class Problem:
    line: int  # 0 when the problem concerns the whole file
    message: str

    def __str__(self) -> str:
        return f"Dòng {self.line}: {self.message}" if self.line else self.message


class RosterError(InputError):
    """The roster cannot be imported; ``problems`` lists every reason with its line."""

    def __init__(self, path: str | Path, problems: Sequence[Problem]):
        self.path = str(path)
        self.problems = list(problems)
        super().__init__(self.describe())

    def describe(self) -> str:
        head = (
            f"Danh sách học viên {self.path} có {len(self.problems)} lỗi; chưa nhập học viên nào:"
        )
        lines = [head, *(f"  - {p}" for p in self.problems[:SHOWN_PROBLEMS])]
        if len(self.problems) > SHOWN_PROBLEMS:
            lines.append(f"  - ... và {len(self.problems) - SHOWN_PROBLEMS} lỗi khác.")
        return "\n".join(lines)


def _key(text: str) -> str:
    """Header key: lower case, no diacritics (đ -> d), letters and digits only."""
    return fold_key(str(text)).replace("_", "")


def _clean(value: object) -> str:
    """A cell as text: NFC (so the same name typed twice compares equal), single spaces."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # Excel stores a numeric id 1001 as 1001.0
    text = nfc(str(value)).replace("\u00a0", " ")
    return " ".join(text.split())


# --- decoding -----------------------------------------------------------------------------------


def _decode(data: bytes) -> tuple[str | None, list[Problem]]:
    text = try_decode(data)
    if isinstance(text, Undecodable):
        message = text.describe()
        return None, [
            Problem(text.line, message if text.line else message[0].upper() + message[1:])
        ]
    return text, []


def _csv_rows(text: str) -> list[tuple[int, list[str]]]:
    """(physical line where the record starts, fields) for each record of a CSV text."""
    sample = "\n".join(text.splitlines()[: HEADER_SEARCH_ROWS + 1])
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    rows: list[tuple[int, list[str]]] = []
    start = 1
    for record in reader:
        rows.append((start, record))
        start = reader.line_num + 1
    return rows


def _xlsx_rows(path: Path) -> tuple[list[tuple[int, list[object]]], list[Problem]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises zip, XML and key errors alike  # noqa: BLE001
        return [], [
            Problem(
                0,
                f"Không mở được tệp Excel ({type(exc).__name__}); "
                "tệp có thể bị hỏng hoặc không phải .xlsx.",
            )
        ]
    try:
        ws = wb.worksheets[0]
        rows = [(i, list(r)) for i, r in enumerate(ws.iter_rows(values_only=True), start=1)]
    finally:
        wb.close()
    return rows, []


# --- validation ---------------------------------------------------------------------------------


def _find_header(rows: Sequence[tuple[int, Sequence[object]]]) -> tuple[int, dict[str, int]] | None:
    """Index into ``rows`` of the header and field -> column; the best of the first rows."""
    best: tuple[int, dict[str, int]] | None = None
    for idx, (_line, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        mapping: dict[str, int] = {}
        for col, cell in enumerate(cells):
            key = _key(_clean(cell))
            for field_name, (_label, aliases) in COLUMNS.items():
                if key in aliases and field_name not in mapping:
                    mapping[field_name] = col
        if mapping and (best is None or len(mapping) > len(best[1])):
            best = (idx, mapping)
        if len(mapping) == len(COLUMNS):
            break
    return best


def _validate_row(line: int, values: dict[str, str], seen: dict[str, int]) -> list[Problem]:
    out: list[Problem] = []
    lid, name, unit, email = (values[f] for f in ("learner_id", "full_name", "unit", "email"))
    if not lid:
        out.append(Problem(line, "thiếu Mã học viên."))
    elif not ID_RE.match(lid):
        out.append(
            Problem(
                line,
                (
                    f'Mã học viên "{lid}" không hợp lệ: chỉ dùng chữ không dấu, chữ số, dấu chấm, '
                    "gạch ngang, gạch dưới (tối đa 64 ký tự), bắt đầu bằng chữ hoặc số."
                ),
            )
        )
    elif lid.lower() in seen:
        out.append(Problem(line, f'Mã học viên "{lid}" trùng với dòng {seen[lid.lower()]}.'))
    else:
        seen[lid.lower()] = line
    if not name:
        out.append(Problem(line, "thiếu Họ và tên."))
    elif MOJIBAKE_RE.search(name):
        out.append(
            Problem(
                line,
                (
                    f'Họ và tên "{name}" bị lỗi phông chữ (tệp UTF-8 đã bị đọc sai bảng mã); '
                    "anh/chị kiểm tra lại tệp gốc."
                ),
            )
        )
    elif " " not in name or any(ch.isdigit() for ch in name) or not name[0].isalpha():
        out.append(
            Problem(
                line,
                f'Họ và tên "{name}" phải gồm họ và tên, bắt đầu bằng chữ cái, không có chữ số.',
            )
        )
    if not unit:
        out.append(Problem(line, "thiếu Đơn vị."))
    elif is_formula_like(unit) or unit.startswith("'"):
        out.append(
            Problem(
                line,
                f'Đơn vị "{unit}" bắt đầu bằng ký tự "{unit[0]}" (bảng tính hiểu là công thức); '
                "anh/chị bỏ ký tự này.",
            )
        )
    if not email:
        out.append(Problem(line, "thiếu Email."))
    elif not EMAIL_RE.match(email):
        out.append(
            Problem(line, f'Email "{email}" không đúng định dạng (ví dụ: ten@gialai.gov.vn).')
        )
    return out


def parse_rows(rows: Sequence[tuple[int, Sequence[object]]]) -> tuple[list[Learner], list[Problem]]:
    """Learners and problems from raw rows (line number, cells)."""
    rows = [(line, cells) for line, cells in rows if any(_clean(c) for c in cells)]
    if not rows:
        return [], [Problem(0, "Tệp danh sách trống: không có dòng tiêu đề và học viên nào.")]
    found = _find_header(rows)
    header_line = rows[0][0] if found is None else rows[found[0]][0]
    mapping = {} if found is None else found[1]
    missing = [COLUMNS[f][0] for f in COLUMNS if f not in mapping]
    if missing:
        expected = ", ".join(f'"{label}"' for label, _ in COLUMNS.values())
        return [], [
            Problem(
                header_line,
                (f"thiếu cột {', '.join(missing)}. Dòng tiêu đề cần có các cột {expected}."),
            )
        ]
    body = rows[found[0] + 1 :] if found else []
    if not body:
        return [], [Problem(header_line, "chỉ có dòng tiêu đề, chưa có học viên nào.")]
    learners: list[Learner] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    header_cells = rows[found[0]][1] if found else []
    width = max(i + 1 for i, c in enumerate(header_cells) if _clean(c))
    for line, cells in body:
        if any(_clean(c) for c in cells[width:]):
            # An unquoted comma inside a CSV cell shifts every later column: refuse the row
            # rather than import a name into the unit column.
            problems.append(
                Problem(
                    line,
                    (
                        "có nhiều ô hơn dòng tiêu đề (có thể một ô chứa dấu phẩy mà không đặt trong "
                        "ngoặc kép)."
                    ),
                )
            )
            continue
        values = {f: _clean(cells[col]) if col < len(cells) else "" for f, col in mapping.items()}
        row_problems = _validate_row(line, values, seen)
        problems.extend(row_problems)
        if not row_problems:
            learners.append(Learner(**values))
    return learners, problems


def read_roster(path: str | Path) -> list[Learner]:
    """The learners of a CSV or XLSX roster; raises :class:`RosterError` listing every problem."""
    path = Path(path)
    try:
        data = read_bytes(path, what="Danh sách học viên", max_bytes=MAX_ROSTER_BYTES)
    except InputError as exc:
        raise RosterError(path, [Problem(0, exc.message)]) from None
    if not data.strip():
        raise RosterError(path, [Problem(0, "Tệp danh sách trống.")])
    rows: Iterable[tuple[int, Sequence[object]]]
    if data[:4] == b"PK\x03\x04" or path.suffix.lower() in {".xlsx", ".xlsm"}:
        xrows, problems = _xlsx_rows(path)
        rows = xrows
    else:
        text, problems = _decode(data)
        rows = _csv_rows(text) if text is not None else []
    if problems:
        raise RosterError(path, problems)
    learners, problems = parse_rows(list(rows))
    if problems:
        raise RosterError(path, problems)
    return learners


HEADER = [label for label, _ in COLUMNS.values()]


def write_roster(learners: Iterable[Learner], path: str | Path) -> Path:
    """Write the roster as CSV UTF-8 with BOM (Excel opens it with diacritics intact), in one
    step (a temporary file renamed), every cell inert for spreadsheets."""
    path = Path(path)
    with atomic_output(path) as tmp, tmp.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        for x in learners:
            writer.writerow(
                [neutralise_cell(v) for v in (x.learner_id, x.full_name, x.unit, x.email)]
            )
    return path
