"""Learners' Python errors as one Vietnamese sentence with the fix; the traceback one click away.

Officials who meet ``SyntaxError: invalid character '“' (U+201C)`` or a 30-line pandas
``KeyError`` stop there. In a learner's kernel this IPython extension replaces the traceback
of the common mistakes with one Vietnamese sentence that says what to do:

- curly quotes “ ” ‘ ’ typed or pasted from Word/Zalo outside a string;
- a ``\"\"\"`` (or ``"``) that is never closed;
- a missing comma (between two strings, two items, two lines of a form);
- other syntax errors: unclosed or extra bracket, stray indentation, a generic sentence;
- a name from a cell not run yet (``kiem_tra``, ``hoi``, ``loi_nhac_1``, ``dv``...), with a
  "did you mean" from the names that exist;
- a wrong column of a table (pandas ``KeyError``, with the columns that exist) or a wrong key;
- the course's own errors (``aiwork.errors.AiworkError``, a test cell's ``AssertionError``)
  whose message is already Vietnamese;
- anything else: one sentence naming the error, asking to check the last edit.

The red error box shows the sentence; right under it a collapsed ``<details>`` ("Chi tiết kỹ
thuật") holds the full IPython traceback for the trainer. The cell still fails (an ``error``
output with the original ``ename``/``evalue``), so "run all" stops there as before.

Where it is active: ``aiwork setup-lab`` (and the hub's provisioning and image, which call the
same :func:`aiwork.labcmd.write_lab_overrides`) writes ``<prefix>/etc/ipython/
ipython_kernel_config.json`` loading this extension into every kernel of that environment. It
stays inert while a notebook is graded or validated: ``nbgrader autograde``/``validate`` and
``aiwork grade`` set ``NBGRADER_EXECUTION``, and ``aiwork grade`` runs cells in its own shell
without extensions; ``AIWORK_LEARNER_ERRORS=0`` turns it off too. Graders always see the
normal exceptions.
"""

from __future__ import annotations

import difflib
import html
import os
import re
import sys
from pathlib import Path
from types import TracebackType

EXTENSION = "aiwork.learner_errors"
OFF_VALUES = ("0", "false", "no", "off", "khong")

# Names the course's set-up cells define: a NameError on them means "run the first cell".
TOOL_NAMES = frozenset(
    """kiem_tra hoi tro_ly tro_giang get_client settings search hien_thi_doan check_grounding
    build_grounded_prompt answer_with_sources check_figures detect redact reidentify
    nhan_ho_so che_thong_tin khoi_phuc phan_loai_don tra_cuu doc_doan tao_van_ban
    kiem_tra_van_ban soan_va_kiem_tra xem_truoc tao_bao_cao kiem_tra_bao_cao pd dv dt ho_so
    requests_log last_request labels so_theo_doi_tuan them_vu_viec tong_hop_tuan
    trinh_tao_loi_nhac phan_tich_loi_nhac""".split()
)
# Variables learners fill in: a NameError on them means "run your answer cell first".
ANSWER_NAME = re.compile(
    r"^(loi_nhac\w*|cau_\w+|tra_loi\w*|so_sai\w*|chon\w*|cong_van\w*|giay_moi\w*|ghi_chu\w*|"
    r"phieu\w*|bao_cao\w*|thong_tin\w*|van_ban\w*|du_thao\w*|noi_dung\w*|cau_sai\w*)$"
)
_CURLY = "“”‘’„‟«»"


def grading_active() -> bool:
    """True while nbgrader (autograde/validate) or ``aiwork grade`` runs the notebook, or when
    the learner handler is switched off."""
    if os.environ.get("NBGRADER_EXECUTION"):
        return True
    return os.environ.get("AIWORK_LEARNER_ERRORS", "").strip().lower() in OFF_VALUES


# --- the sentences ----------------------------------------------------------------------------


def _line(value: BaseException) -> str:
    lineno = getattr(value, "lineno", None)
    return f" ở dòng {lineno}" if isinstance(lineno, int) and lineno > 0 else ""


def _unclosed(source: str) -> tuple[str, int] | None:
    """What a cell leaves open at its end ("\"\"\"", "\"", "(", "[", "{") and the line it opened on,
    read with Python's own tokenizer rules approximated (strings and comments skipped)."""
    stack: list[tuple[str, int]] = []
    i, line, n = 0, 1, len(source)
    while i < n:
        ch = source[i]
        if ch == "\n":
            line += 1
        elif ch == "#":
            while i < n and source[i] != "\n":
                i += 1
            continue
        elif source.startswith(('"""', "'''"), i):
            quote, start = source[i : i + 3], line
            end = source.find(quote, i + 3)
            if end < 0:
                return '"""', start
            line += source.count("\n", i, end)
            i = end + 3
            continue
        elif ch in "\"'":
            end = i + 1
            while end < n and source[end] not in (ch, "\n"):
                end += 2 if source[end] == "\\" else 1
            if end >= n or source[end] == "\n":
                return '"', line
            i = end + 1
            continue
        elif ch in "([{":
            stack.append((ch, line))
        elif ch in ")]}" and stack:
            stack.pop()
        i += 1
    return stack[-1] if stack else None


def _missing_comma_line(value: SyntaxError, source: str) -> int | None:
    """The line that lacks its trailing comma when ``value`` is a bare "invalid syntax" on a
    line that starts a new item (a string, a number, a key) right after a finished item."""
    lineno = getattr(value, "lineno", None)
    lines = source.split("\n")
    if not isinstance(lineno, int) or not 1 < lineno <= len(lines):
        return None
    here = lines[lineno - 1].strip()
    prev_no = lineno - 1
    while prev_no > 0 and not lines[prev_no - 1].strip():
        prev_no -= 1
    prev = lines[prev_no - 1].split("#")[0].rstrip() if prev_no else ""
    starts_item = re.match(r"""^(["'\d\[{(-]|[rfbu]["'])""", here, re.I)
    ends_item = re.search(r"""(["'\d\])}]|True|False|None)$""", prev)
    if starts_item and ends_item and not prev.endswith((",", "(", "[", "{", ":")):
        return prev_no
    return None


def _opening_quotes_missing(source: str) -> int | None:
    """The line of ``name =`` when a text block was written without its opening \"\"\": the
    only \"\"\" left open is the block's closing one, alone on the cell's last line."""
    lines = source.rstrip().split("\n")
    opened = _unclosed(source)
    if opened != ('"""', len(lines)) or lines[-1].strip() not in ('"""', "'''"):
        return None
    for no in range(len(lines) - 1, 0, -1):
        if re.match(r"^\s*[^\W\d]\w*\s*=\s*$", lines[no - 1]):
            return no
    return None


def _syntax(value: SyntaxError, source: str | None = None) -> str:
    msg = str(getattr(value, "msg", "") or "")
    where = _line(value)
    text = getattr(value, "text", None) or ""
    if source and ("unterminated triple-quoted string" in msg or "incomplete input" in msg):
        opening = _opening_quotes_missing(source)
        if opening:
            return (
                f'Khối chữ thiếu ba dấu nháy """ mở đầu: anh/chị thêm """ ngay sau dấu = ở dòng '
                f'{opening} (các dòng chữ nằm giữa hai dấu """), rồi chạy lại ô.'
            )
    if source and ("incomplete input" in msg or "was never closed" in msg):
        opened = _unclosed(source)
        if opened and opened[0] == '"""':
            return (
                f'Đoạn văn mở bằng ba dấu nháy """ ở dòng {opened[1]} chưa được đóng: anh/chị '
                'thêm """ ở cuối đoạn văn (thường là dòng cuối của ô) rồi chạy lại ô.'
            )
        if opened and opened[0] in "([{":
            close = {"(": ")", "[": "]", "{": "}"}[opened[0]]
            return (
                f"Dấu ngoặc {opened[0]} mở ở dòng {opened[1]} chưa được đóng: anh/chị thêm dấu "
                f"{close} ở chỗ kết thúc rồi chạy lại ô."
            )
    if source and msg == "invalid syntax":
        prev = _missing_comma_line(value, source)
        if prev:
            return (
                f"Thiếu dấu phẩy ở cuối dòng {prev}: giữa hai mục (hai dòng của bảng thông tin, "
                "hai đoạn chữ trong dấu nháy) cần có dấu phẩy , — anh/chị thêm dấu phẩy rồi "
                "chạy lại ô."
            )
    if "invalid character" in msg and any(c in msg or c in text for c in _CURLY):
        return (
            f"Ô lệnh có dấu nháy cong “ ” hoặc ‘ ’{where} (thường do chép từ Word, Zalo): "
            'anh/chị gõ lại bằng dấu nháy thẳng " (phím cạnh phím Enter), hoặc đặt cả đoạn '
            'văn giữa ba dấu nháy thẳng """ … """, rồi chạy lại ô.'
        )
    if "invalid character" in msg:
        return (
            f"Ô lệnh có một ký tự lạ nằm ngoài dấu nháy{where}: anh/chị xóa ký tự đó, hoặc đặt "
            'đoạn chữ vào giữa ba dấu nháy """ … """, rồi chạy lại ô.'
        )
    if "unterminated triple-quoted string" in msg or "EOF while scanning triple-quoted" in msg:
        return (
            f'Đoạn văn mở bằng ba dấu nháy """{where} chưa được đóng: anh/chị thêm """ ở '
            "cuối đoạn văn (thường là dòng cuối của ô) rồi chạy lại ô."
        )
    if "unterminated string literal" in msg or "EOL while scanning string" in msg:
        return (
            f'Dấu nháy " mở{where} chưa được đóng trên cùng dòng: anh/chị thêm dấu nháy " ở '
            'cuối chữ đó (đoạn văn nhiều dòng thì dùng ba dấu nháy """ … """), rồi chạy lại ô.'
        )
    if "forgot a comma" in msg:
        return (
            f"Thiếu dấu phẩy{where}: giữa hai mục (hai đoạn chữ trong dấu nháy, hai dòng của "
            "bảng thông tin, hai phần tử trong ngoặc vuông) cần có dấu phẩy , — anh/chị thêm "
            "dấu phẩy rồi chạy lại ô."
        )
    m = re.search(r"'([(\[{])' was never closed", msg)
    if m:
        close = {"(": ")", "[": "]", "{": "}"}[m.group(1)]
        return (
            f"Dấu ngoặc {m.group(1)} mở{where} chưa được đóng: anh/chị thêm dấu {close} ở chỗ "
            "kết thúc rồi chạy lại ô."
        )
    m = re.search(r"unmatched '([)\]}])'|closing parenthesis '([)\]}])'", msg)
    if m:
        return (
            f"Thừa hoặc sai dấu ngoặc đóng {m.group(1) or m.group(2)}{where}: anh/chị kiểm tra "
            "các cặp ngoặc ( ), [ ], { } cho khớp nhau rồi chạy lại ô."
        )
    if isinstance(value, IndentationError) or "indent" in msg:
        return (
            f"Dòng lệnh bị lùi đầu dòng không đúng{where} (có dấu cách hoặc Tab thừa ở đầu "
            "dòng): anh/chị xóa khoảng trắng ở đầu dòng đó rồi chạy lại ô."
        )
    if "':' expected" in msg:
        return (
            f"Thiếu dấu hai chấm{where}: trong bảng thông tin mỗi dòng viết dạng "
            '"khóa": giá trị, — anh/chị thêm dấu : rồi chạy lại ô.'
        )
    return (
        f"Ô lệnh viết chưa đúng quy tắc của Python{where}: anh/chị kiểm tra dấu nháy, dấu "
        "ngoặc, dấu phẩy, dấu hai chấm ở dòng đó (so với ví dụ trong bài) rồi chạy lại ô."
    )


def _close(word: str, names: list[str]) -> str | None:
    found = difflib.get_close_matches(word, names, n=1, cutoff=0.75)
    return found[0] if found else None


def _user_names(user_ns: dict | None) -> list[str]:
    if not user_ns:
        return []
    return [n for n in user_ns if not n.startswith("_") and n not in ("In", "Out", "exit", "quit")]


def _name_error(value: NameError, user_ns: dict | None) -> str:
    name = getattr(value, "name", None)
    if not name:
        m = re.search(r"name '([^']+)' is not defined", str(value))
        name = m.group(1) if m else "?"
    similar = _close(name, _user_names(user_ns) + sorted(TOOL_NAMES))
    if similar and similar != name and (user_ns is None or similar in user_ns):
        return (
            f"Chưa có tên `{name}`: có phải anh/chị định viết `{similar}`? Anh/chị sửa lại "
            "chính tả (chữ thường, dấu gạch dưới _) rồi chạy lại ô."
        )
    if ANSWER_NAME.match(name):
        return (
            f"Chưa có `{name}`: anh/chị chạy ô trả lời có dòng `{name} = ...` trước (bấm vào ô "
            "đó, nhấn Shift + Enter), rồi chạy lại ô này."
        )
    return (
        f"Chưa có `{name}`: tên này được tạo ở một ô phía trên chưa chạy (thường là ô đầu tiên "
        "của bài) — anh/chị chạy lần lượt các ô từ đầu bài (Shift + Enter) rồi chạy lại ô này."
    )


def _frames(tb: TracebackType | None):
    while tb is not None:
        yield tb.tb_frame
        tb = tb.tb_next


def _table_columns(tb: TracebackType | None) -> list[str] | None:
    """The columns of the pandas table a KeyError came from (found in the traceback)."""
    for frame in _frames(tb):
        obj = frame.f_locals.get("self")
        columns = getattr(obj, "columns", None)
        if columns is not None and type(obj).__module__.startswith("pandas"):
            try:
                return [str(c) for c in columns]
            except TypeError:
                return None
    return None


def _key_error(value: KeyError, tb: TracebackType | None) -> str:
    key = value.args[0] if value.args else "?"
    columns = _table_columns(tb)
    if columns is not None:
        similar = _close(str(key), columns)
        hint = f" Có phải `{similar}`?" if similar else ""
        shown = ", ".join(columns[:12]) + (", …" if len(columns) > 12 else "")
        return (
            f"Bảng không có cột {key!r}.{hint} Các cột hiện có: {shown} — anh/chị chép đúng tên "
            "cột (chữ thường, không dấu, có dấu gạch dưới) rồi chạy lại ô."
        )
    return (
        f"Không tìm thấy khóa {key!r}: anh/chị kiểm tra lại chính tả của tên đó (chữ thường, "
        "không dấu, dấu gạch dưới) so với ví dụ trong bài rồi chạy lại ô."
    )


def _own_message(value: BaseException) -> str | None:
    """Errors whose message the course wrote in Vietnamese."""
    from aiwork.errors import AiworkError

    text = str(value).strip()
    if not text:
        return None
    vietnamese = bool(re.search(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", text))
    if isinstance(value, AiworkError) or (isinstance(value, AssertionError) and vietnamese):
        return text
    if vietnamese and type(value).__module__.startswith(("aiwork", "graders")):
        return text
    return None


def explain(
    etype: type[BaseException],
    value: BaseException,
    tb: TracebackType | None = None,
    user_ns: dict | None = None,
    source: str | None = None,
) -> str:
    """One Vietnamese sentence (or the course's own Vietnamese message) for an error;
    ``source`` is the cell's text (it tells an unclosed \"\"\" from an unclosed bracket)."""
    if isinstance(value, SyntaxError):
        return _syntax(value, source)
    if isinstance(value, NameError) and not isinstance(value, UnboundLocalError):
        return _name_error(value, user_ns)
    own = _own_message(value)
    if own:
        return own
    if isinstance(value, KeyError):
        return _key_error(value, tb)
    if isinstance(value, ModuleNotFoundError):
        return (
            f"Máy chưa có thư viện {value.name!r}: anh/chị báo giảng viên hoặc tổ công nghệ số "
            "(phòng thực hành cần cài thêm), không cần tự sửa ô lệnh."
        )
    if isinstance(value, FileNotFoundError):
        return (
            f"Không tìm thấy tệp {value.filename!r}: anh/chị mở bài học từ đúng thư mục của bài "
            "(tệp dữ liệu nằm cạnh notebook) và kiểm tra tên tệp rồi chạy lại ô."
        )
    return (
        f"Ô lệnh chưa chạy được (lỗi {etype.__name__}: {str(value)[:120]}): anh/chị xem lại "
        "phần vừa sửa so với ví dụ trong bài; nếu chưa rõ, mở phần “Chi tiết kỹ thuật” bên "
        "dưới và gửi cho giảng viên."
    )


# --- the IPython side ---------------------------------------------------------------------------

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_installed: dict[int, dict] = {}


def _details_html(full: str) -> str:
    return (
        '<details style="margin:2px 0 6px 0"><summary style="cursor:pointer;color:#555">'
        "Chi tiết kỹ thuật của lỗi (dành cho giảng viên)</summary>"
        '<pre style="white-space:pre-wrap;font-size:85%;margin:4px 0 0 0">'
        f"{html.escape(full)}</pre></details>"
    )


class _Details:
    """The full traceback, collapsed (HTML) — plain text where HTML is not shown."""

    def __init__(self, full: str):
        self.full = full

    def _repr_html_(self) -> str:
        return _details_html(self.full)

    def __repr__(self) -> str:
        return "Chi tiết kỹ thuật của lỗi:\n" + self.full


def _full_traceback(shell, etype, value, tb, syntax: bool, tb_offset=None) -> str:
    try:
        if syntax:
            stb = shell.SyntaxTB.structured_traceback(etype, value, [])
        else:
            stb = shell.InteractiveTB.structured_traceback(etype, value, tb, tb_offset=tb_offset)
        return _ANSI.sub("", shell.InteractiveTB.stb2text(stb)).strip()
    except Exception:  # noqa: BLE001 - the details are a courtesy; never fail on them
        import traceback

        return "".join(traceback.format_exception(etype, value, tb)).strip()


def _cell_source(shell) -> str | None:
    """The text of the cell being run (IPython stores it before compiling)."""
    try:
        history = shell.user_ns.get("_ih") or shell.history_manager.input_hist_raw
        return history[-1] if history else None
    except Exception:  # noqa: BLE001
        return None


def _show(shell, etype, value, tb, syntax: bool, tb_offset=None) -> None:
    sentence = explain(
        etype, value, tb, getattr(shell, "user_ns", None), _cell_source(shell) if syntax else None
    )
    full = _full_traceback(shell, etype, value, tb, syntax, tb_offset)
    state = _installed.get(id(shell))
    if state is not None:
        state["pending"] = full
    shell._showtraceback(etype, value, [f"\x1b[1;31m⚠️ {sentence}\x1b[0m"])


def _after_cell(shell):
    def post_run_cell(result=None) -> None:
        state = _installed.get(id(shell))
        if not state or state.get("pending") is None:
            return
        full, state["pending"] = state["pending"], None
        try:
            from IPython.display import display

            display(_Details(full))
        except Exception:  # noqa: BLE001
            pass

    return post_run_cell


def load_ipython_extension(shell) -> None:
    """Install the handler in ``shell`` (a learner's kernel); inert while grading."""
    if grading_active() or id(shell) in _installed:
        return
    orig_tb = shell.showtraceback
    orig_syntax = shell.showsyntaxerror

    def showtraceback(
        exc_tuple=None,
        filename=None,
        tb_offset=None,
        exception_only=False,
        running_compiled_code=False,
    ):
        try:
            etype, value, tb = shell._get_exc_info(exc_tuple)
        except ValueError:
            return orig_tb(exc_tuple, filename, tb_offset, exception_only, running_compiled_code)
        if (
            grading_active()
            or exception_only
            or not isinstance(value, Exception)
            or hasattr(value, "_render_traceback_")
        ):
            return orig_tb(exc_tuple, filename, tb_offset, exception_only, running_compiled_code)
        try:
            _show(shell, etype, value, tb, isinstance(value, SyntaxError), tb_offset)
        except Exception:  # noqa: BLE001 - never hide the original error
            return orig_tb(exc_tuple, filename, tb_offset, exception_only, running_compiled_code)
        return None

    def showsyntaxerror(filename=None, running_compiled_code=False):
        etype, value, tb = shell._get_exc_info()
        if grading_active():
            return orig_syntax(filename, running_compiled_code)
        if filename and isinstance(value, SyntaxError):
            try:
                value.filename = filename
            except AttributeError:
                pass
        try:
            _show(shell, etype, value, tb, True)
        except Exception:  # noqa: BLE001
            return orig_syntax(filename, running_compiled_code)
        return None

    hook = _after_cell(shell)
    _installed[id(shell)] = {
        "pending": None,
        "showtraceback": orig_tb,
        "showsyntaxerror": orig_syntax,
        "hook": hook,
    }
    shell.showtraceback = showtraceback
    shell.showsyntaxerror = showsyntaxerror
    shell.events.register("post_run_cell", hook)


def unload_ipython_extension(shell) -> None:
    state = _installed.pop(id(shell), None)
    if state is None:
        return
    shell.showtraceback = state["showtraceback"]
    shell.showsyntaxerror = state["showsyntaxerror"]
    try:
        shell.events.unregister("post_run_cell", state["hook"])
    except ValueError:
        pass


# --- installation -------------------------------------------------------------------------------


def kernel_config_path(prefix: str | None = None) -> Path:
    """IPython reads ``<prefix>/etc/ipython/ipython_kernel_config.json`` for every kernel of
    the environment (after the profile)."""
    return Path(prefix or sys.prefix) / "etc" / "ipython" / "ipython_kernel_config.json"


def write_kernel_config(prefix: str | None = None) -> Path:
    """Make every kernel of this environment load the extension (keeps other settings)."""
    from aiwork.fileio import update_json_settings

    def add_extension(current: dict) -> None:
        app = current.setdefault("InteractiveShellApp", {})
        extensions = list(app.get("extensions", []))
        if EXTENSION not in extensions:
            extensions.append(EXTENSION)
        app["extensions"] = extensions

    return update_json_settings(kernel_config_path(prefix), add_extension)
