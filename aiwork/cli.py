"""The ``aiwork`` console script, and the one error boundary of every command.

Each feature owns its sub-commands in its own module, which exposes
``register(subparsers) -> None``; the module adds its parsers and sets ``func`` on them
(``func(args) -> int`` returns the exit code). A command names its module in
:data:`COMMANDS`, so that ``aiwork grade ...`` imports only ``aiwork.grading.cli`` (not the
packages of the other commands: python-docx, the privacy patterns — ~0.13 s before the grader
can start); ``aiwork``, ``aiwork --help`` and an unknown command build every command's parser.

Error boundary (:func:`main`): the user never sees a traceback.

- ``aiwork.errors.AiworkError`` (expected: bad input, a failed step, a busy course) → its
  one-line Vietnamese message on stderr and its exit code (2 bad input, 1 failed step);
- an ``OSError`` naming a file (a disk full, a permission) → one line naming the file, exit 1;
- anything else → one line with the path of a log file that holds the traceback, exit 1;
- ``BrokenPipeError`` (``aiwork lookup ... | head``) → quiet, exit 1; Ctrl+C → exit 130;
- argparse's usage errors are printed in Vietnamese, exit 2.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import importlib
import os
import re
import sys
import tempfile
import traceback
from pathlib import Path

from aiwork.errors import AiworkError

# Each sub-command -> the module that registers it, in the order they appear in ``--help``
# (tests/test_cli_commands.py checks this against what each module registers).
COMMANDS: dict[str, str] = {
    "setup-lab": "aiwork.labcmd",
    "lab": "aiwork.labcmd",
    "grade": "aiwork.grading.cli",
    "feedback": "aiwork.grading.cli",
    "check-docx": "aiwork.decree30.cli",
    "privacy": "aiwork.privacy.cli",
    "check-figures": "aiwork.reporting.cli",
    "lookup": "aiwork.lookup.cli",
    "gateway": "aiwork.gateway.cli",
    "mock": "aiwork.mock.cli",
    "tutor": "aiwork.tutor.cli",
    "cohort": "aiwork.trainer.cli",
    "release": "aiwork.trainer.cli",
    "collect": "aiwork.trainer.cli",
    "return": "aiwork.trainer.cli",
    "report": "aiwork.trainer.cli",
    "demo": "aiwork.trainer.cli",
    "hub": "aiwork.hub.cli",
}
# Modules that contribute sub-commands, in the order they appear in ``--help``.
COMMAND_MODULES: list[str] = list(dict.fromkeys(COMMANDS.values()))

LOG_DIR_ENV = "AIWORK_LOG_DIR"
EXIT_FAILED, EXIT_BAD_INPUT, EXIT_INTERRUPTED = 1, 2, 130

# argparse's messages (Python 3.11) -> Vietnamese; anything unmatched is shown as it is.
_ARGPARSE_VI: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^the following arguments are required: (.+)$"), r"thiếu tham số bắt buộc: \1"),
    (re.compile(r"^unrecognized arguments: (.+)$"), r"không hiểu tham số: \1"),
    (
        re.compile(r"^argument (.+?): invalid int value: (.+)$"),
        r"tham số \1: \2 không phải số nguyên",
    ),
    (re.compile(r"^argument (.+?): invalid float value: (.+)$"), r"tham số \1: \2 không phải số"),
    (
        re.compile(r"^argument (.+?): invalid fromisoformat value: (.+)$"),
        r"tham số \1: \2 không phải ngày dạng NNNN-TT-NN (ví dụ 2026-03-31)",
    ),
    (
        re.compile(r"^argument (.+?): invalid choice: (.+?) \(choose from (.+)\)$"),
        r"tham số \1: không có lựa chọn \2 (chọn một trong: \3)",
    ),
    (re.compile(r"^argument (.+?): expected one argument$"), r"tham số \1 cần một giá trị"),
    (
        re.compile(r"^argument (.+?): expected at least one argument$"),
        r"tham số \1 cần ít nhất một giá trị",
    ),
    (
        re.compile(r"^argument (.+?): not allowed with argument (.+)$"),
        r"không dùng được tham số \1 cùng với \2",
    ),
    (
        re.compile(r"^ambiguous option: (.+?) could match (.+)$"),
        r"tham số \1 không rõ, có thể là: \2",
    ),
    (re.compile(r"^argument (.+?): invalid (.+?) value: (.+)$"), r"tham số \1: giá trị \3 sai"),
    (re.compile(r"^argument (.+?): (.+)$"), r"tham số \1: \2"),
]


def translate_usage_error(message: str) -> str:
    for pattern, repl in _ARGPARSE_VI:
        if pattern.match(message):
            return pattern.sub(repl, message)
    return message


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "Cách dùng: " if prefix is None else prefix)


class Parser(argparse.ArgumentParser):
    """argparse with its usage errors in Vietnamese (sub-parsers inherit the class)."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str):  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(
            EXIT_BAD_INPUT,
            f"{self.prog}: lỗi: {translate_usage_error(message)}\n"
            f"Xem hướng dẫn: {self.prog} --help\n",
        )


def build_parser(argv: list[str] | None = None) -> argparse.ArgumentParser:
    """The parser of every command; for ``argv`` naming a command, of that command's module only.

    Parsing ``argv`` gives the same result, help and errors either way: argparse hands what
    follows a command's name to that command's parser alone.
    """
    parser = Parser(
        prog="aiwork",
        description="Toolkit for the course 'Trợ lý AI trong công việc hành chính'.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    if argv and argv[0] in COMMANDS:
        modules = [COMMANDS[argv[0]]]
    else:
        modules = COMMAND_MODULES
    for name in modules:
        importlib.import_module(name).register(subparsers)
    return parser


def log_dir() -> Path:
    """Where tracebacks of unexpected errors go: AIWORK_LOG_DIR, else the user's state folder."""
    configured = os.environ.get(LOG_DIR_ENV)
    if configured:
        return Path(configured)
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "aiwork" / "logs"


def write_crash_log(argv: list[str], exc: BaseException) -> Path | None:
    """Write the traceback of ``exc`` to a new log file; its path (None if nowhere writable)."""
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    text = (
        f"aiwork {' '.join(argv)}\n"
        f"time: {_dt.datetime.now().isoformat(timespec='seconds')}\n"
        f"python: {sys.version.split()[0]} ({sys.executable})\n"
        f"cwd: {os.getcwd() if os.path.isdir('.') else '?'}\n\n"
        + "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    )
    for folder in (log_dir(), Path(tempfile.gettempdir()) / "aiwork-logs"):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            fd, name = tempfile.mkstemp(prefix=f"aiwork-{stamp}-", suffix=".log", dir=folder)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(text)
            return Path(name)
        except OSError:
            continue
    return None


def _say(message: str) -> None:
    try:
        print(message, file=sys.stderr, flush=True)
    except (OSError, ValueError):  # stderr closed too: nothing more can be said
        pass


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so the interpreter's final flush is quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def _unexpected(argv: list[str], exc: BaseException) -> int:
    from aiwork.fileio import os_reason

    log = write_crash_log(argv, exc)
    where = f"; chi tiết kỹ thuật đã ghi vào {log}" if log else ""
    if isinstance(exc, OSError) and exc.filename:
        _say(f"Lỗi: không thao tác được với {exc.filename}: {os_reason(exc)}{where}.")
    else:
        _say(
            f"Lỗi ngoài dự kiến ({type(exc).__name__}) khi chạy `aiwork {' '.join(argv[:2])}`"
            f"{where}. Anh/chị gửi tệp này cho bộ phận kỹ thuật."
        )
    return EXIT_FAILED


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        parser = build_parser(argv)
        try:
            args = parser.parse_args(argv)
        except SystemExit as exc:  # --help (0) or a usage error (2, already printed)
            return exc.code if isinstance(exc.code, int) else EXIT_BAD_INPUT
        func = getattr(args, "func", None)
        if func is None:
            build_parser().print_help()  # every command, whichever parser parsed argv
            return EXIT_BAD_INPUT
        code = int(func(args) or 0)
        sys.stdout.flush()  # a closed pipe shows here, inside the boundary
        return code
    except AiworkError as exc:
        _say(exc.message)
        return exc.exit_code
    except BrokenPipeError:
        _silence_stdout()
        return EXIT_FAILED
    except KeyboardInterrupt:
        _say("Đã dừng theo yêu cầu (Ctrl+C). Chạy lại lệnh để làm tiếp: việc đã xong được giữ lại.")
        return EXIT_INTERRUPTED
    except SystemExit:
        raise
    except Exception as exc:  # noqa: BLE001 - the boundary: logged with its traceback
        return _unexpected(argv, exc)


if __name__ == "__main__":
    sys.exit(main())
