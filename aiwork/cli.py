"""The ``aiwork`` console script.

Each feature owns its sub-commands in its own module, which exposes
``register(subparsers) -> None``; the module adds its parsers and sets ``func`` on them
(``func(args) -> int`` returns the exit code). Modules are imported lazily so that
``aiwork --help`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys

# Modules that contribute sub-commands, in the order they appear in ``--help``.
COMMAND_MODULES: list[str] = [
    "aiwork.labcmd",
    "aiwork.grading.cli",
    "aiwork.decree30.cli",
    "aiwork.privacy.cli",
    "aiwork.reporting.cli",
    "aiwork.lookup.cli",
    "aiwork.gateway.cli",
    "aiwork.mock.cli",
    "aiwork.tutor.cli",
    "aiwork.trainer.cli",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="aiwork",
        description="Toolkit for the course 'Trợ lý AI trong công việc hành chính'.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help()
        return 2
    return int(func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
