"""``aiwork.cli.COMMANDS``: each command's module, imported alone when the command runs."""

from __future__ import annotations

import contextlib
import importlib
import io
import subprocess
import sys

import pytest

from aiwork import cli


def test_commands_name_what_each_module_registers():
    """COMMANDS lists every command (aliases too) of each module, in ``--help`` order."""
    registered: list[tuple[str, str]] = []
    for module in cli.COMMAND_MODULES:
        parser = cli.Parser(prog="aiwork")
        subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
        importlib.import_module(module).register(subparsers)
        registered += [(name, module) for name in subparsers.choices]
    assert registered == list(cli.COMMANDS.items())


def _run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main(argv)
    return code, out.getvalue(), err.getvalue()


def _full(argv: list[str]) -> tuple[int, str, str]:
    """What ``cli.main`` printed when it built every command's parser (before COMMANDS)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            cli.build_parser().parse_args(argv)
            code = 0
        except SystemExit as exc:
            code = exc.code
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("command", list(cli.COMMANDS))
def test_help_and_usage_errors_as_with_every_parser(command):
    for argv in ([command, "--help"], [command, "--no-such-flag"]):
        assert _run(argv) == _full(argv)


def test_grade_imports_no_other_command():
    """``aiwork grade --help`` imports neither python-docx nor the privacy patterns."""
    probe = (
        "import sys; from aiwork.cli import main\n"
        "try:\n    main(['grade', '--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('docx', 'aiwork.decree30', 'aiwork.privacy', "
        "'aiwork.trainer', 'aiwork.hub') if m in sys.modules), file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stderr.strip().splitlines()[-1] == "[]"
