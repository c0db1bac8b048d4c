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

from aiwork.errors import InputError
from aiwork.fileio import atomic_write_text, check_output_path, read_text

MAX_INPUT_BYTES = 200 * 1_048_576  # far above any document; refuses a disk image by mistake


def _read(source: str) -> str:
    """The input text (``-``: stdin), decoded as aiwork.fileio does, or ``InputError``."""
    return read_text(source, what="Tệp văn bản", max_bytes=MAX_INPUT_BYTES)


def _load_mapping(path: str):
    from aiwork.privacy.redact import PlaceholderMap

    raw = read_text(path, what="Bảng đối chiếu", max_bytes=MAX_INPUT_BYTES)
    try:
        return PlaceholderMap.from_json(raw)
    except (ValueError, AttributeError, TypeError) as exc:
        raise InputError(
            f"Bảng đối chiếu {path} không đúng định dạng ({exc}); anh/chị dùng đúng tệp do "
            "`aiwork privacy redact --mapping` tạo ra."
        ) from None


def _scan(args) -> int:
    from aiwork.privacy.detector import detect

    text = _read(args.file)
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

    if args.mapping:
        check_output_path(args.mapping, what="Bảng đối chiếu")
    text = _read(args.file)
    mapping = (
        _load_mapping(args.mapping)
        if args.mapping and Path(args.mapping).exists()
        else PlaceholderMap()
    )
    result = redact(text, mapping)
    if args.mapping:
        # The mapping first, in one step: printed placeholders are never without their
        # originals. Only this machine's user may read it (it holds the personal data).
        atomic_write_text(args.mapping, result.mapping.to_json() + "\n", mode=0o600)
    sys.stdout.write(result.text)
    if args.mapping:
        print(f"Bảng đối chiếu (chỉ lưu trên máy này): {args.mapping}", file=sys.stderr)
    return 0


def _restore(args) -> int:
    mapping = _load_mapping(args.mapping)
    text = _read(args.file)
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
