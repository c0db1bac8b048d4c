"""``aiwork privacy scan [--json] FILE|-`` and ``aiwork privacy redact FILE|-``.

``scan`` lists the personal data found (``--json``: a list of objects with ``kind``, ``start``,
``end``, ``text`` and ``label``; offsets into the NFC-normalised input). ``redact`` prints the
text with typed placeholders; ``--mapping FILE`` keeps the mapping locally so that
``aiwork privacy restore --mapping FILE`` can re-identify a reply. Exit codes: 0 done, 2 the
input or mapping could not be read.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def _read(source: str) -> str:
    if source == "-":
        return sys.stdin.read()
    return Path(source).read_text(encoding="utf-8")


def _scan(args) -> int:
    from aiwork.privacy.detector import detect

    try:
        text = _read(args.file)
    except (OSError, UnicodeDecodeError) as exc:
        print(f"Không đọc được {args.file}: {exc}", file=sys.stderr)
        return 2
    findings = detect(text)
    if args.json:
        print(json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2))
        return 0
    for f in findings:
        print(f"{f.kind:<10} {f.start:>6}-{f.end:<6} {f.text}")
    print(
        f"Tìm thấy {len(findings)} thông tin cá nhân."
        if findings
        else "Không tìm thấy thông tin cá nhân.",
        file=sys.stderr,
    )
    return 0


def _redact(args) -> int:
    from aiwork.privacy.redact import PlaceholderMap, redact

    try:
        text = _read(args.file)
        mapping = (
            PlaceholderMap.load(Path(args.mapping))
            if args.mapping and Path(args.mapping).exists()
            else PlaceholderMap()
        )
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        print(f"Không đọc được dữ liệu vào: {exc}", file=sys.stderr)
        return 2
    result = redact(text, mapping)
    sys.stdout.write(result.text)
    if args.mapping:
        result.mapping.save(Path(args.mapping))
        print(f"Bảng đối chiếu (chỉ lưu trên máy này): {args.mapping}", file=sys.stderr)
    return 0


def _restore(args) -> int:
    from aiwork.privacy.redact import PlaceholderMap

    try:
        text = _read(args.file)
        mapping = PlaceholderMap.load(Path(args.mapping))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        print(f"Không đọc được dữ liệu vào: {exc}", file=sys.stderr)
        return 2
    sys.stdout.write(mapping.reidentify(text))
    return 0


def register(subparsers) -> None:
    p = subparsers.add_parser("privacy", help="find and redact personal data (Law 91/2025)")
    sub = p.add_subparsers(dest="privacy_command", metavar="SUBCOMMAND", required=True)

    s = sub.add_parser("scan", help="list the personal data in a text file (- = stdin)")
    s.add_argument("file", metavar="FILE|-")
    s.add_argument("--json", action="store_true", help="print a JSON list of findings")
    s.set_defaults(func=_scan)

    r = sub.add_parser("redact", help="print the text with typed placeholders such as [CCCD_1]")
    r.add_argument("file", metavar="FILE|-")
    r.add_argument(
        "--mapping",
        metavar="MAP.json",
        help="keep the placeholder mapping in this local file (extended if it exists)",
    )
    r.set_defaults(func=_redact)

    b = sub.add_parser("restore", help="put original values back into a reply (needs --mapping)")
    b.add_argument("file", metavar="FILE|-")
    b.add_argument("--mapping", metavar="MAP.json", required=True)
    b.set_defaults(func=_restore)
