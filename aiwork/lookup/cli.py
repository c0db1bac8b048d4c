"""``aiwork lookup "câu hỏi" [--k 5] [--json] [--hybrid]``: ranked passages with their ids."""

from __future__ import annotations

import argparse
import json
import sys
import textwrap

from aiwork.vi import format_number


def _lookup(args: argparse.Namespace) -> int:
    from aiwork.lookup.retriever import default_retriever

    query = " ".join(args.question).strip()
    if not query:
        print("Anh/chị chưa nhập câu hỏi cần tra cứu.", file=sys.stderr)
        return 2
    if args.k < 1:
        print("--k phải là số nguyên dương.", file=sys.stderr)
        return 2
    try:
        hits = default_retriever(hybrid=args.hybrid).search(query, args.k)
    except Exception as exc:  # hybrid needs the embeddings endpoint; say so plainly
        if not args.hybrid:
            raise
        print(f"Không gọi được dịch vụ embeddings cho chế độ --hybrid: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps([h.to_dict() for h in hits], ensure_ascii=False, indent=2))
        return 0
    if not hits:
        print("Không tìm thấy đoạn tài liệu nào phù hợp.")
        return 0
    for h in hits:
        p = h.passage
        print(f"{h.rank}. [{p.id}] điểm {format_number(h.score, 2)} — {p.citation} ({p.kind_vi})")
        snippet = p.text if len(p.text) <= 400 else p.text[:400].rsplit(" ", 1)[0] + " …"
        print(textwrap.indent(textwrap.fill(snippet, width=96), "   "))
        print()
    return 0


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "lookup",
        help="tra cứu văn bản hành chính có mã trích dẫn (BM25, tuỳ chọn hybrid)",
        description="Tìm các đoạn văn bản liên quan đến câu hỏi, kèm mã đoạn để trích dẫn.",
    )
    p.add_argument("question", nargs="+", help='câu hỏi, ví dụ: "thời hạn đăng ký khai sinh"')
    p.add_argument("--k", type=int, default=5, help="số đoạn trả về (mặc định 5)")
    p.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    p.add_argument(
        "--hybrid", action="store_true", help="kết hợp BM25 với embeddings của mô hình đã cấu hình"
    )
    p.set_defaults(func=_lookup)
