"""Reading user files and writing outputs safely: the one home for both.

Reading: :func:`read_text` (and :func:`decode` for bytes already read) accepts UTF-8, UTF-8
with a BOM (Excel's "CSV UTF-8") and UTF-16 with a BOM (Excel's "Unicode Text"). Anything
else is refused with an :class:`~aiwork.errors.InputError` that names the file, what the bytes
look like (UTF-16 without BOM, Windows-1258, a binary file...) and how to fix it: guessing a
legacy code page would silently turn Vietnamese names into garbage.

Writing: :func:`atomic_write_text` / :func:`atomic_write_bytes` and, for libraries that write
to a path themselves (openpyxl, python-docx, pandas), :func:`atomic_output`: the data goes to a
temporary file in the same folder, which replaces the target only once it is complete, so an
interrupted or failed command never leaves a half-written file under the real name.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from aiwork.errors import InputError

# Vietnamese for the errno values a trainer or learner meets; anything else keeps strerror.
_ERRNO_VI = {
    errno.ENOENT: "không tồn tại",
    errno.EACCES: "không có quyền truy cập",
    errno.EPERM: "không có quyền truy cập",
    errno.EISDIR: "là một thư mục, không phải tệp",
    errno.ENOTDIR: "một phần của đường dẫn không phải thư mục",
    errno.ENOSPC: "ổ đĩa đã hết dung lượng",
    errno.EROFS: "nằm trên ổ đĩa chỉ đọc",
    errno.ENAMETOOLONG: "đường dẫn quá dài",
    errno.EEXIST: "đã tồn tại",
}

SAVE_AS_UTF8 = (
    'Anh/chị mở tệp bằng Excel hoặc Notepad và lưu lại với bảng mã "UTF-8" '
    '(Excel: "CSV UTF-8 (Comma delimited)").'
)


def os_reason(exc: OSError) -> str:
    """Why an OS call failed, in Vietnamese ("không có quyền truy cập")."""
    return _ERRNO_VI.get(exc.errno or 0, exc.strerror or str(exc))


BINARY = "tệp nhị phân"


def _looks_binary(data: bytes) -> bool:
    return b"\x00" in data[:65536]


def _utf16_without_bom(data: bytes) -> bool:
    head = data[:4096]
    if len(head) < 4:
        return False
    even, odd = head[0::2], head[1::2]
    return odd.count(0) > len(odd) * 0.3 or even.count(0) > len(even) * 0.3


def guess_encoding(data: bytes) -> str:
    """A name for the encoding of bytes that are not UTF-8 (for the refusal message)."""
    if _utf16_without_bom(data):
        return "UTF-16 không có dấu BOM"
    if _looks_binary(data):
        return BINARY
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        return "một bảng mã cũ (không phải UTF-8)"
    # Windows-1258 writes Vietnamese tones as combining marks after the vowel.
    if any(mark in text for mark in "\u0300\u0301\u0303\u0309\u0323"):
        return "Windows-1258 (cp1258)"
    return "một bảng mã cũ như TCVN3 (ABC), VNI hoặc Windows-1252"


@dataclass(frozen=True)
class Undecodable:
    """Why bytes are not text this toolkit reads: the line of the first bad byte (0: the whole
    file) and what the bytes look like."""

    line: int
    what: str

    def describe(self) -> str:
        if self.what == BINARY:
            return "là tệp nhị phân, không phải văn bản; anh/chị chọn đúng tệp văn bản (CSV, TXT)."
        where = f" ở dòng {self.line}" if self.line else ""
        return f"không đọc được theo bảng mã UTF-8{where} (có vẻ là {self.what}). {SAVE_AS_UTF8}"


def try_decode(data: bytes) -> str | Undecodable:
    """The text of ``data`` (UTF-8, UTF-8 with BOM, UTF-16 with BOM), or why it is not text."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return Undecodable(0, "UTF-16 có dấu BOM nhưng nội dung bị hỏng")
    if _looks_binary(data):
        return Undecodable(0, guess_encoding(data))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return Undecodable(data[: exc.start].count(b"\n") + 1, guess_encoding(data))


def decode(data: bytes, source: str | Path) -> str:
    """The text of ``data`` read from ``source`` (named in the refusal); see the module doc."""
    text = try_decode(data)
    if isinstance(text, Undecodable):
        raise InputError(f"Tệp {source}: {text.describe()}")
    return text


def read_bytes(path: str | Path, *, what: str = "Tệp", max_bytes: int | None = None) -> bytes:
    """The bytes of a regular file, or an ``InputError`` naming it and what is wrong."""
    p = Path(path)
    try:
        if p.is_dir():
            raise InputError(f"{what} {p} là một thư mục; anh/chị chỉ ra một tệp.")
        if max_bytes is not None and p.is_file() and p.stat().st_size > max_bytes:
            raise InputError(
                f"{what} {p} quá lớn ({p.stat().st_size // 1_048_576} MB; tối đa "
                f"{max(max_bytes // 1_048_576, 1)} MB); anh/chị kiểm tra lại có đúng tệp không."
            )
        return p.read_bytes()
    except OSError as exc:
        raise InputError(f"Không đọc được {what.lower()} {p}: {os_reason(exc)}.") from None


def read_text(path: str | Path, *, what: str = "Tệp", max_bytes: int | None = None) -> str:
    """The text of a file (``-``: standard input), decoded as described in the module doc."""
    if str(path) == "-":
        data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else None
        if data is None:  # a text stream (tests): already decoded
            return sys.stdin.read()
        return decode(data, "nhập từ bàn phím (stdin)")
    return decode(read_bytes(path, what=what, max_bytes=max_bytes), path)


# --- writing ------------------------------------------------------------------------------------


def check_output_path(path: str | Path, *, what: str = "Tệp kết quả") -> Path:
    """Refuse, before anything is computed or written, an output path that cannot be written:
    a folder, a parent that is a file, a folder without write permission."""
    p = Path(path)
    if p.is_dir():
        raise InputError(f"{what} {p} là một thư mục; anh/chị ghi rõ tên tệp.")
    parent = p.parent
    for ancestor in (parent, *parent.parents):
        if ancestor.exists():
            if not ancestor.is_dir():
                raise InputError(
                    f"Không ghi được {what.lower()} {p}: {ancestor} là một tệp, không phải thư mục."
                )
            if not os.access(ancestor, os.W_OK | os.X_OK):
                raise InputError(
                    f"Không ghi được {what.lower()} {p}: không có quyền ghi vào {ancestor}."
                )
            break
    if p.exists() and not os.access(p, os.W_OK) and not os.access(parent, os.W_OK):
        raise InputError(f"Không ghi được {what.lower()} {p}: không có quyền ghi.")
    return p


@contextlib.contextmanager
def atomic_output(path: str | Path, *, mode: int | None = None) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; it replaces ``path`` when the block succeeds and
    is removed when it fails. ``mode`` sets the permissions (default: those of an existing file,
    else 0o644 less the umask)."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    # the real suffix last: libraries that pick a format by extension (.docx, .xlsx) still work
    fd, tmp_name = tempfile.mkstemp(
        prefix=f".{target.name}.tmp-", suffix=target.suffix, dir=target.parent
    )
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        if mode is None:
            if target.exists():
                mode = target.stat().st_mode & 0o7777
            else:
                umask = os.umask(0)
                os.umask(umask)
                mode = 0o644 & ~umask
        os.chmod(tmp, mode)
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def atomic_write_bytes(path: str | Path, data: bytes, *, mode: int | None = None) -> Path:
    with atomic_output(path, mode=mode) as tmp:
        tmp.write_bytes(data)
    return Path(path)


def atomic_write_text(
    path: str | Path, text: str, *, encoding: str = "utf-8", mode: int | None = None
) -> Path:
    return atomic_write_bytes(path, text.encode(encoding), mode=mode)


def update_json_settings(path: str | Path, update: Callable[[dict], None]) -> Path:
    """Merge into a JSON settings file that other tools share (JupyterLab's overrides, IPython's
    kernel config): read the object (missing or unreadable: ``{}``), let ``update`` change it in
    place, write it back atomically, other keys kept."""
    target = Path(path)
    current: dict = {}
    if target.exists():
        try:
            loaded = json.loads(target.read_text(encoding="utf-8"))
            current = loaded if isinstance(loaded, dict) else {}
        except (json.JSONDecodeError, UnicodeDecodeError):
            current = {}
    update(current)
    atomic_write_text(target, json.dumps(current, indent=2, ensure_ascii=False) + "\n")
    return target


# --- spreadsheet cells (formula injection) ------------------------------------------------------

# A cell whose text starts with one of these is a formula to Excel/LibreOffice when a CSV is
# opened, or when an .xlsx cell is edited (OWASP "CSV injection"). The full-width forms count:
# spreadsheet software folds them.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def is_formula_like(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_TRIGGERS)


def neutralise_cell(value: object) -> object:
    """A CSV cell made inert: text that a spreadsheet would run gets a leading apostrophe (the
    spreadsheet convention for "text, not a formula"); other values are returned unchanged."""
    return "'" + value if is_formula_like(value) else value


def neutralise_workbook(workbook) -> int:
    """Store every formula-like text cell of an openpyxl workbook as plain text with Excel's
    quote prefix (shown as typed, never evaluated, not even after an edit); the number of cells
    changed. Nothing this toolkit writes is a formula, so any formula cell is injected text."""
    changed = 0
    for ws in workbook.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f" or is_formula_like(cell.value):
                    cell.data_type = "s"
                    cell.quotePrefix = True
                    changed += 1
    return changed
