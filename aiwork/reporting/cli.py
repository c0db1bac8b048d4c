"""``aiwork check-figures``: check every number of a narrative against a data table.

Exit codes: 0 every number is supported, 1 some are not, 2 bad input (missing or unreadable
file, a table without numbers). ``--json`` prints ``FigureReport.to_dict()``.
"""

from __future__ import annotations


def _check_figures(args) -> int:
    from aiwork.fileio import read_text
    from aiwork.reporting.data import load_table
    from aiwork.reporting.figcheck import FigureChecker

    text = read_text(args.text, what="Văn bản")
    table = load_table(args.data)  # DataError: one line, exit 2 (aiwork.cli)
    report = FigureChecker(table).check(text)
    notes = table.attrs.get("notes", [])
    if args.json:
        print(report.to_json(assumptions=notes))
    else:
        for note in notes:
            print(f"Giả định khi đọc dữ liệu: {note}")
        print(report.to_text())
    return 0 if report.ok else 1


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "check-figures",
        help="check every number of a narrative against a data table (CSV/XLSX)",
        description="Kiểm tra từng con số trong văn bản có khớp với dữ liệu không.",
    )
    p.add_argument("--text", required=True, help="narrative text file (UTF-8)")
    p.add_argument("--data", required=True, help="data table: .csv (UTF-8) or .xlsx")
    p.add_argument("--json", action="store_true", help="print the findings as JSON")
    p.set_defaults(func=_check_figures)
