"""``aiwork demo [DIR]``: a whole simulated class, offline, with the real commands underneath.

1. a roster of synthetic officials (fictional, marked so) in several units of Gia Lai;
2. ``cohort init`` with a private exchange inside DIR;
3. release of every module;
4. simulated learners fetch nothing and submit through nbgrader's own exchange code
   (``ExchangeSubmit`` with the learner's id): the reference solution, a fixture of the
   assignment's golden table (typical wrong or alternative answers), the untouched stub, or
   nothing — drawn per unit so that some units reach the province's target and some do not;
5. collect, grade, feedback, return, report — and the report's path is printed.

Everything is deterministic for a seed, and re-running the demo on the same folder resumes: a
learner who already submitted is not submitted again, graded work is not graded again.
"""

from __future__ import annotations

import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from aiwork import submissions as S
from aiwork.trainer import cycle
from aiwork.trainer.cohort import Cohort, init_cohort, working_directory

FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Huỳnh",
    "Võ",
    "Phan",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Siu",
    "Rơ Châm",
    "Ksor",
]
MIDDLE = ["Văn", "Thị", "Minh", "Ngọc", "Thanh", "Quốc", "Thu", "Hữu", "Kim", "Đức", "Hoài"]
GIVEN = [
    "An",
    "Bình",
    "Châu",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hiếu",
    "Hòa",
    "Hùng",
    "Hương",
    "Khánh",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Nhung",
    "Phong",
    "Phúc",
    "Quân",
    "Quyên",
    "Sơn",
    "Tâm",
    "Thảo",
    "Thắng",
    "Trang",
    "Trinh",
    "Tuấn",
    "Vy",
    "Yến",
]


@dataclass(frozen=True)
class Unit:
    name: str
    submit: float  # chance a learner submits a module
    good: float  # chance a submitted answer is a correct one (reference or alternative)


# Real kinds of offices of Gia Lai after the 2025 merger (COURSE_OUTLINE.md); the engagement
# figures are invented to give the report contrast.
UNITS = [
    Unit("UBND phường Quy Nhơn", 0.99, 0.96),
    Unit("Sở Khoa học và Công nghệ", 1.0, 0.97),
    Unit("Trung tâm Phục vụ hành chính công tỉnh", 0.97, 0.9),
    Unit("Văn phòng UBND tỉnh Gia Lai", 0.92, 0.8),
    Unit("Sở Nội vụ", 0.85, 0.7),
]
FICTION_NOTE = "nhân vật giả định"
ROSTER_FILE = "danh-sach-hoc-vien-gia-dinh.csv"
WORKSPACES = ".hoc-vien-mo-phong"  # the simulated learners' home folders


def synthetic_roster(n: int, seed: int) -> list[tuple[str, str, str, str]]:
    """(id, full name, unit, e-mail) for ``n`` fictional officials; e-mails use a reserved
    domain (.example) so no real mailbox is ever named."""
    rng = random.Random(seed)
    rows, names = [], set()
    for i in range(1, n + 1):
        while True:
            name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
            if name not in names:
                break
        names.add(name)
        lid = f"hv{i:03d}"
        rows.append((lid, name, UNITS[(i - 1) % len(UNITS)].name, f"{lid}@lop-mo-phong.example"))
    return rows


def write_demo_roster(path: Path, n: int, seed: int) -> Path:
    import csv

    from aiwork.fileio import atomic_output

    with atomic_output(path) as tmp, tmp.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Mã học viên", "Họ và tên", "Đơn vị", "Email", "Ghi chú"])
        for row in synthetic_roster(n, seed):
            w.writerow([*row, FICTION_NOTE])
    return path


def choose(rng: random.Random, unit: Unit, fixtures: list[S.Fixture]) -> str | None:
    """What a learner hands in: None (nothing), "reference", "stub" or a fixture's name."""
    if rng.random() >= unit.submit:
        return None
    # A fixture whose golden table lists no cell gets full marks: an alternative correct answer.
    correct = [f.name for f in fixtures if not f.expected]
    wrong = [f.name for f in fixtures if f.name not in correct]
    if rng.random() < unit.good:
        return rng.choice(["reference", "reference", *correct])
    return rng.choice([*wrong, "stub"] if wrong else ["stub"])


def notebooks_for(
    cohort: Cohort, aid: str, kind: str, case: str | None = None
) -> dict[str, object]:
    """Released notebook name -> the notebook a learner of ``kind`` submits; ``case``: the
    learner's case variant (module 6), whose own reference answers a "reference" learner hands in."""
    out = {}
    fixtures = {f.name: f for f in S.load_golden(aid, cohort.course_root).fixtures}
    main, variants = S.load_variants(aid, cohort.course_root)
    variant = next((v for v in variants if v.case == case and case != main), None)
    for path in sorted((cohort.root / "release" / aid).glob("*.ipynb")):
        release_nb = S.read(path)
        if kind == "stub":
            out[path.name] = release_nb
            continue
        ref = S.reference_from(S.read(cohort.root / "source" / aid / path.name), release_nb)
        if kind == "reference" and variant is not None:
            ref = S.fixture_from(ref, S.Fixture("reference", case, variant.reference, {}))
        if kind == "reference":
            out[path.name] = ref
            continue
        fx = fixtures[kind]
        ids = {S.grade_id(c) for c in release_nb.cells}
        mine = {k: v for k, v in fx.cells.items() if k in ids}
        out[path.name] = S.fixture_from(ref, S.Fixture(fx.name, fx.description, mine, fx.expected))
    return out


def already_submitted(cohort: Cohort, sid: str, aid: str) -> bool:
    inbound = cohort.exchange / cohort.course_id / "inbound"
    return any(inbound.glob(f"{sid}+{aid}+*"))


def submit(cohort: Cohort, api, sid: str, aid: str, notebooks: dict[str, object]) -> None:
    """Submit as learner ``sid`` with nbgrader's own exchange code (what "Submit" does)."""
    import shutil

    from nbgrader.coursedir import CourseDirectory
    from nbgrader.exchange.default.submit import ExchangeSubmit

    home = cohort.root / WORKSPACES / sid
    work = home / cohort.course_id / aid
    # data files released with the assignment travel with the submission, as when fetched
    shutil.copytree(cohort.root / "release" / aid, work, dirs_exist_ok=True)
    for name, nb in notebooks.items():
        S.write(nb, work / name)
    cfg = cohort.config()
    coursedir = CourseDirectory(config=cfg)
    coursedir.assignment_id, coursedir.student_id = aid, sid
    app = ExchangeSubmit(coursedir=coursedir, authenticator=api.authenticator, config=cfg)
    app.assignment_dir = str(home)
    app.cache = str(cohort.root / WORKSPACES / ".cache")
    app.start()


def simulate_submissions(cohort: Cohort, modules: list[str], seed: int) -> dict[str, int]:
    from tqdm import tqdm

    api = cohort.api()
    units = {u.name: u for u in UNITS}
    counts: dict[str, int] = {}
    learners = cohort.learners()
    with working_directory(cohort.root):
        for aid in modules:
            fixtures = S.load_golden(aid, cohort.course_root).fixtures
            has_variants = S.load_variants(aid, cohort.course_root)[0] is not None
            cache: dict[tuple[str, str | None], dict[str, object]] = {}
            for x in tqdm(learners, desc=f"Học viên nộp {aid}", disable=None, leave=False):
                rng = random.Random(f"{seed}/{x.learner_id}/{aid}")
                kind = choose(rng, units.get(x.unit, UNITS[-1]), fixtures)
                if kind is None or already_submitted(cohort, x.learner_id, aid):
                    continue
                case = None
                if has_variants and kind == "reference":  # module 6: the learner's own case
                    from aiwork.casework import case_for

                    case = case_for(x.learner_id).ma
                if (kind, case) not in cache:
                    cache[kind, case] = notebooks_for(cohort, aid, kind, case)
                submit(cohort, api, x.learner_id, aid, cache[kind, case])
                counts[aid] = counts.get(aid, 0) + 1
    return counts


MAX_LEARNERS = 500


def check_demo_request(
    root: Path, learners: int, modules: list[str] | None, assignments: str | Path | None = None
) -> list[str]:
    """The modules to run, after refusing (``InputError``, nothing created) a bad request: a
    learner count out of range, an unknown module, or a folder that is neither new (absent or
    empty) nor a demo class — the demo replaces the roster and the exchange, so it must never
    run over a real class or any other data."""
    from aiwork.errors import InputError
    from aiwork.trainer.cohort import META_NAME, Cohort, check_course_root

    if not 1 <= learners <= MAX_LEARNERS:
        raise InputError(f"--learners phải từ 1 đến {MAX_LEARNERS} (anh/chị ghi {learners}).")
    source = check_course_root(assignments) / "source"
    known = sorted(p.name for p in source.iterdir() if p.is_dir() and not p.name.startswith("."))
    unknown = [m for m in modules or [] if m not in known]
    if unknown:
        raise InputError(
            f"Không có mô-đun {', '.join(unknown)}; các mô-đun có: {', '.join(known)}."
        )
    if root.exists() and not root.is_dir():
        raise InputError(f"{root} là một tệp; anh/chị chọn một thư mục mới cho lớp mô phỏng.")
    if (root / META_NAME).is_file():
        if not Cohort.open(root, check=False).demo:
            raise InputError(
                f"{root} là một lớp học thật, không phải lớp mô phỏng: `aiwork demo` không chạy "
                "trên lớp thật (sẽ thay danh sách và kho trao đổi). Anh/chị chọn thư mục khác, "
                "ví dụ `aiwork demo lop-mo-phong`."
            )
    elif root.is_dir() and any(root.iterdir()):
        raise InputError(
            f"Thư mục {root} đã có dữ liệu khác; `aiwork demo` chỉ chạy trong thư mục mới "
            "hoặc lớp mô phỏng đã có. Anh/chị chọn thư mục khác."
        )
    return list(modules) if modules else known


def _say(message: str) -> None:
    print(message, flush=True)


def run_demo(
    root: Path,
    *,
    learners: int = 40,
    modules: list[str] | None = None,
    seed: int = 2025,
    report_name: str = "bao-cao-tien-do.docx",
    assignments: str | Path | None = None,
) -> int:
    from aiwork.trainer.report import print_report, write_report

    started = time.monotonic()
    root = root.resolve()
    selected = check_demo_request(root, learners, modules, assignments)
    root.mkdir(parents=True, exist_ok=True)
    # Rewritten every time: the first N synthetic learners are the same for any larger N, so a
    # bigger re-run keeps everyone's work and only adds learners.
    roster = write_demo_roster(root / ROSTER_FILE, learners, seed)
    _say(f"1. Danh sách {learners} học viên giả định (nhân vật giả định): {roster}")
    res = init_cohort(
        root,
        roster,
        exchange=root / "exchange",
        demo=True,
        assignments=assignments,
        extra_config=(
            "\n# Simulated class: every submission is owned by the trainer's account, so nbgrader's\n"
            "# owner check would flag each one.\nc.ExchangeCollect.check_owner = False\n"
        ),
    )
    cohort = res.cohort
    _say(
        f"2. Lớp {cohort.course_id}: {len(res.added) + len(res.updated)} học viên, "
        f"{len(selected)} mô-đun ({', '.join(selected)})."
    )
    results = cycle.release(cohort, selected)
    _say("3. Phát bài: " + "; ".join(r.summary() for r in results))
    counts = simulate_submissions(cohort, selected, seed)
    _say(f"4. Học viên nộp bài (mô phỏng): {sum(counts.values())} bài mới.")
    results += cycle.collect(cohort, selected)
    _say("5. Thu bài xong.")
    for aid in selected:
        t0 = time.monotonic()
        results.append(cycle.grade(cohort, aid))
        _say(f"6. Chấm {aid}: {results[-1].summary()} ({time.monotonic() - t0:.0f} giây)")
        results.append(cycle.feedback(cohort, aid))
    results += cycle.return_feedback(cohort, selected)
    _say("7. Đã tạo và trả nhận xét cho học viên.")
    files = write_report(cohort, root / "bao-cao" / report_name)
    _say("8. Báo cáo tiến độ:")
    print_report(files)
    failed = [r for r in results if not r.ok]
    for r in failed:
        print(r.summary(), file=sys.stderr)
    _say(f"Xong sau {time.monotonic() - started:.0f} giây. Mở báo cáo: {files.docx}")
    return 0 if not failed and not files.violations else 1
