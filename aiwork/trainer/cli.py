"""Trainer commands: ``aiwork cohort init``, ``release``, ``collect``, ``return``, ``report``, ``demo``.

Exit codes: 0 done; 1 done but some learner or assignment failed (listed); 2 bad input (not a
class folder, unknown assignment, invalid roster, a damaged class file, another command at work
on the class: nothing was changed). Expected failures are raised as ``aiwork.errors`` classes
and shown by the error boundary in ``aiwork.cli``. ``aiwork grade`` and ``aiwork feedback``
belong to the grading engine (``aiwork.grading``).
"""

from __future__ import annotations

import argparse
from pathlib import Path

EXIT_OK, EXIT_FAILED = 0, 1


def _cohort_init(args: argparse.Namespace) -> int:
    from aiwork.trainer.cohort import init_cohort

    res = init_cohort(
        args.dir,
        args.roster,
        course_id=args.course_id,
        exchange=args.exchange,
        assignments=args.assignments,
    )
    c = res.cohort
    print(
        f"Lớp {c.course_id} tại {c.root}: thêm {len(res.added)} học viên, "
        f"cập nhật {len(res.updated)}; bài tập mới chép vào lớp: "
        f"{', '.join(res.copied) or 'không có'}; tổng số bài tập: {len(c.assignments())}."
    )
    if res.not_in_roster:
        print(
            "Lưu ý: các mã sau có trong sổ điểm nhưng không còn trong danh sách (giữ nguyên "
            f"điểm): {', '.join(res.not_in_roster)}."
        )
    print(f"Kho trao đổi (exchange): {c.exchange}")
    return EXIT_OK


def _step(name: str):
    def run(args: argparse.Namespace) -> int:
        from aiwork.trainer import cycle
        from aiwork.trainer.cohort import Cohort

        cohort = Cohort.open(args.course)
        assignments = cohort.select(args.assignments)
        if name == "release":
            results = cycle.release(cohort, assignments, force=args.force)
        elif name == "collect":
            results = cycle.collect(cohort, assignments)
        else:
            results = cycle.return_feedback(cohort, assignments)
        return cycle.print_results(results)

    return run


# Header options: what the report prints in its Decree 30 header; none may be blank.
HEADER_OPTIONS = {
    "parent_agency": "--parent-agency",
    "agency": "--agency",
    "agency_code": "--agency-code",
    "place": "--place",
    "signer": "--signer",
}
MAX_HEADER_CHARS = 200


def _header_text(option: str, value: str) -> str:
    import unicodedata

    from aiwork.errors import InputError
    from aiwork.vi import nfc

    text = nfc(" ".join(value.split()))
    if not text:
        raise InputError(f"{option} không được để trống; anh/chị ghi nội dung hoặc bỏ tham số này.")
    if len(text) > MAX_HEADER_CHARS:
        raise InputError(f"{option} dài quá {MAX_HEADER_CHARS} ký tự; anh/chị ghi ngắn lại.")
    if any(unicodedata.category(ch) == "Cc" for ch in text):
        raise InputError(f"{option} có ký tự điều khiển; anh/chị gõ lại nội dung.")
    return text


def report_header(args: argparse.Namespace):
    """The report's ``Header`` from the options, every given value checked first."""
    from aiwork.trainer.report import Header

    header = Header()
    for name, option in HEADER_OPTIONS.items():
        if getattr(args, name) is not None:
            setattr(header, name, _header_text(option, getattr(args, name)))
    if args.to:
        header.to = [_header_text("--to", v) for v in args.to]
    if args.signature:
        header.signature_lines = [_header_text("--signature", v) for v in args.signature]
    return header


def _report(args: argparse.Namespace) -> int:
    from aiwork.trainer.cohort import Cohort
    from aiwork.trainer.report import SIGNER_PLACEHOLDER, print_report, write_report

    header = report_header(args)
    cohort = Cohort.open(args.course)
    files = write_report(cohort, args.out, header=header)
    print_report(files)
    if header.signer == SIGNER_PLACEHOLDER:
        print("Chưa có tên người ký (--signer): báo cáo để chỗ ghi họ tên người ký.")
    return EXIT_OK if not files.violations else EXIT_FAILED


def _demo(args: argparse.Namespace) -> int:
    from aiwork.trainer.demo import run_demo

    return run_demo(
        Path(args.dir),
        learners=args.learners,
        modules=args.modules,
        seed=args.seed,
        assignments=args.assignments,
    )


def _course_args(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "assignments",
        nargs="*",
        metavar="ASSIGNMENT",
        help="assignment ids (default: every assignment of the class)",
    )
    p.add_argument("--course", default=".", help="the class folder (default: current folder)")


def _assignments_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--assignments",
        metavar="DIR",
        help="the course's nbgrader folder: nbgrader_config.py and source/<id>/ (default: "
        "assignments/ of the checkout, or of AIWORK_ROOT)",
    )


def register(subparsers) -> None:
    cohort = subparsers.add_parser(
        "cohort",
        help="classes (cohorts): create from a roster",
        description="Quản lý lớp học (khóa học nbgrader).",
    )
    sub = cohort.add_subparsers(dest="cohort_command", metavar="ACTION", required=True)
    init = sub.add_parser(
        "init",
        help="create or update a class from a CSV/XLSX roster",
        description="Tạo (hoặc cập nhật) lớp học từ danh sách học viên "
        "CSV/XLSX: Mã học viên, Họ và tên, Đơn vị, Email.",
    )
    init.add_argument("dir", help="the class folder (becomes an nbgrader course root)")
    init.add_argument("--roster", required=True, help="roster file (.csv UTF-8 or .xlsx)")
    init.add_argument("--course-id", help="nbgrader course id (default: from the folder name)")
    init.add_argument(
        "--exchange",
        help="nbgrader exchange folder (default: AIWORK_EXCHANGE "
        "or ~/.local/share/nbgrader/exchange)",
    )
    _assignments_arg(init)
    init.set_defaults(func=_cohort_init)

    for name, help_text, desc in (
        (
            "release",
            "release assignments to the class (nbgrader exchange)",
            "Phát bài tập cho lớp qua kho trao đổi nbgrader.",
        ),
        ("collect", "collect submissions from the exchange", "Thu bài đã nộp của học viên."),
        ("return", "return generated feedback to learners", "Trả nhận xét cho học viên."),
    ):
        p = subparsers.add_parser(name, help=help_text, description=desc)
        _course_args(p)
        if name == "release":
            p.add_argument(
                "--force",
                action="store_true",
                help="re-release assignments already in the exchange",
            )
        p.set_defaults(func=_step(name))

    rep = subparsers.add_parser(
        "report",
        help="progress report: BÁO CÁO .docx + XLSX + CSV",
        description="Lập báo cáo tiến độ của lớp theo mục tiêu của tỉnh.",
    )
    rep.add_argument("--course", default=".", help="the class folder (default: current folder)")
    rep.add_argument("--out", required=True, help="report .docx path (.xlsx, .csv beside it)")
    rep.add_argument("--parent-agency", help="cơ quan chủ quản (default: UBND TỈNH GIA LAI)")
    rep.add_argument("--agency", help="cơ quan ban hành (default: SỞ KHOA HỌC VÀ CÔNG NGHỆ)")
    rep.add_argument("--agency-code", help="ký hiệu cơ quan (default: SKHCN)")
    rep.add_argument("--place", help="địa danh (default: Gia Lai)")
    rep.add_argument("--to", action="append", help="Kính gửi (repeatable)")
    rep.add_argument("--signature", action="append", help="signature block line (repeatable)")
    rep.add_argument("--signer", help="người ký")
    rep.set_defaults(func=_report)

    demo = subparsers.add_parser(
        "demo",
        help="run a whole simulated class offline (start here)",
        description="Chạy thử cả một lớp mô phỏng: danh sách, phát bài, "
        "nộp bài, thu, chấm, nhận xét, trả bài, báo cáo.",
    )
    demo.add_argument(
        "dir", nargs="?", default="lop-mo-phong", help="folder (default: lop-mo-phong)"
    )
    demo.add_argument("--learners", type=int, default=40, help="number of learners (default 40)")
    demo.add_argument("--modules", nargs="*", help="assignment ids (default: every module)")
    demo.add_argument("--seed", type=int, default=2025, help="seed of the simulated class")
    _assignments_arg(demo)
    demo.set_defaults(func=_demo)
