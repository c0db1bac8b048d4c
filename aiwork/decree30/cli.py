"""``aiwork check-docx FILE [--json]``: exit 0 compliant, 1 violations, 2 unreadable."""

from __future__ import annotations

import argparse
import json
import sys

EXIT_OK, EXIT_VIOLATIONS, EXIT_UNREADABLE = 0, 1, 2


def register(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "check-docx",
        help="check a .docx against the Decree 30/2020/NĐ-CP layout",
        description="Kiểm tra thể thức văn bản hành chính (.docx) theo Nghị định 30/2020/NĐ-CP. "
        "Exit 0: đúng thể thức; 1: có lỗi; 2: không đọc được tệp.",
    )
    p.add_argument("file", help="the .docx file")
    p.add_argument(
        "--json", action="store_true", help="print a JSON list of {rule, message, location, clause}"
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from .checker import UnreadableDocument, check_docx, summary_vi

    try:
        violations = check_docx(args.file)
    except UnreadableDocument as exc:
        if args.json:
            print(
                json.dumps(
                    [{"rule": "file.unreadable", "message": str(exc), "location": args.file}],
                    ensure_ascii=False,
                    indent=2,
                )
            )
        print(f"Lỗi: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    if args.json:
        print(json.dumps([v.to_dict() for v in violations], ensure_ascii=False, indent=2))
    else:
        print(summary_vi(violations))
    return EXIT_VIOLATIONS if violations else EXIT_OK
