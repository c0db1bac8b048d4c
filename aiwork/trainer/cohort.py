"""A class (cohort): an nbgrader course created from a roster.

``aiwork cohort init DIR --roster FILE`` makes DIR an nbgrader course root:

    DIR/nbgrader_config.py   loads the course's assignments/nbgrader_config.py (one home for
                             the grading settings), then sets this class's root, course id and
                             exchange; nbgrader's own commands and the formgrader read it too
    DIR/cohort.json          course id, exchange and course root (``--assignments``) of the
                             class
    DIR/roster.csv           the validated roster (unit/department lives here: the gradebook
                             has no column for it)
    DIR/source/<id>/         a copy of each assignment, frozen for the class: a course update
                             in mid-term never changes what this class was given

The course root (``--assignments DIR``: the course's nbgrader folder, ``nbgrader_config.py`` and
``source/<id>/``; default the checkout's ``assignments/`` or ``$AIWORK_ROOT/assignments``) is an
argument: an installed toolkit carries no course sources (learners' kernels can read the
environment). The class records it, so later commands do not depend on the environment.

Re-running ``init`` is safe: the roster is validated again (all rows or nothing), learners are
added or updated in the gradebook, assignments that appeared in the course since are copied,
existing copies are left alone.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from aiwork import paths
from aiwork.courselock import course_lock
from aiwork.errors import InputError
from aiwork.fileio import atomic_write_text, read_text
from aiwork.integrity import GRADEBOOK_NAME, check_gradebook
from aiwork.trainer.roster import ID_RE, Learner, RosterError, read_roster, write_roster
from aiwork.vi import fold_key

CONFIG_NAME = "nbgrader_config.py"
META_NAME = "cohort.json"
ROSTER_NAME = "roster.csv"

CONFIG_TEMPLATE = '''\
"""nbgrader configuration of the class {course_id!r} (written by `aiwork cohort init`).

The grading settings come from the course ({course_config}); only what belongs to this class is
set here.
"""

from pathlib import Path

c = get_config()  # noqa: F821 - provided by traitlets

COURSE_CONFIG = Path({course_config!r})
if not COURSE_CONFIG.is_file():  # load_subconfig would skip a missing file silently
    raise FileNotFoundError(f"course nbgrader settings not found: {{COURSE_CONFIG}}")
load_subconfig(str(COURSE_CONFIG))  # noqa: F821 - provided by traitlets

c.CourseDirectory.root = str(Path(__file__).resolve().parent)
c.CourseDirectory.course_id = {course_id!r}
c.Exchange.root = {exchange!r}
{extra}'''


class CohortError(InputError):
    """DIR is not a class, or cannot become one; the message is Vietnamese."""


@dataclass
class InitResult:
    cohort: Cohort
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    copied: list[str] = field(default_factory=list)
    not_in_roster: list[str] = field(default_factory=list)


@dataclass
class Cohort:
    root: Path
    course_id: str
    exchange: Path
    demo: bool = False  # a simulated class: reports say its learners are fictional
    assignments_root: Path | None = None  # the course root it was made from (None: default)

    @property
    def course_root(self) -> Path:
        """The course's nbgrader folder this class was made from."""
        return self.assignments_root or paths.assignments_dir()

    @classmethod
    def open(cls, root: str | Path, *, check: bool = True) -> Cohort:
        """The class in ``root``; with ``check`` (the default) every file the trainer commands
        read is checked first (:meth:`check`), so a damaged class is refused before anything
        is changed."""
        root = Path(root).resolve()
        if root.exists() and not root.is_dir():
            raise CohortError(f"{root} là một tệp, không phải thư mục lớp học.")
        meta_path = root / META_NAME
        if not meta_path.is_file():
            raise CohortError(
                f"{root} chưa phải là thư mục lớp học; tạo lớp bằng "
                f"`aiwork cohort init {root} --roster DANH_SACH.csv`."
            )
        meta = _read_meta(meta_path)
        cohort = cls(
            root,
            meta["course_id"],
            Path(meta["exchange"]),
            bool(meta.get("demo")),
            Path(meta["assignments"]) if meta.get("assignments") else None,
        )
        if check:
            cohort.check()
        return cohort

    def check(self) -> None:
        """Refuse (``InputError``) a class whose roster, gradebook or exchange is damaged."""
        if not self.exchange.is_dir():
            what = "là một tệp" if self.exchange.exists() else "không còn"
            raise CohortError(
                f"Kho trao đổi (exchange) {self.exchange} của lớp {what}; anh/chị khôi phục "
                f"thư mục này hoặc sửa đường dẫn trong {self.root / META_NAME}."
            )
        self.learners()
        check_gradebook(self.root / GRADEBOOK_NAME)

    # --- what the class holds ---------------------------------------------------------------

    def learners(self) -> list[Learner]:
        path = self.root / ROSTER_NAME
        try:
            return read_roster(path)
        except RosterError as exc:
            shown = "; ".join(str(p) for p in exc.problems[:3])
            more = f" (và {len(exc.problems) - 3} lỗi khác)" if len(exc.problems) > 3 else ""
            raise CohortError(
                f"Danh sách học viên của lớp {path} bị hỏng: {shown}{more}. Anh/chị nhập lại "
                f"danh sách bằng `aiwork cohort init {self.root} --roster DANH_SACH.xlsx`."
            ) from None

    def assignments(self) -> list[str]:
        """Assignment ids of the class, in course order (m01, m02, ...)."""
        source = self.root / "source"
        if not source.is_dir():
            return []
        return sorted(p.name for p in source.iterdir() if p.is_dir() and not p.name.startswith("."))

    def select(self, requested: list[str] | None) -> list[str]:
        """``requested`` ids checked against the class (all of them when none is given)."""
        known = self.assignments()
        if not requested:
            return known
        unknown = [a for a in requested if a not in known]
        if unknown:
            raise CohortError(
                f"Lớp {self.course_id} không có bài tập {', '.join(unknown)} "
                f"(có: {', '.join(known) or 'chưa có bài nào'})."
            )
        return list(requested)

    # --- nbgrader -----------------------------------------------------------------------------

    def config(self):
        _tools_on_path()
        from traitlets.config.loader import PyFileConfigLoader

        return PyFileConfigLoader(CONFIG_NAME, path=str(self.root)).load_config()

    def api(self):
        """An ``NbGraderAPI`` for this class, as the formgrader would build it."""
        from nbgrader.apps.api import NbGraderAPI
        from nbgrader.coursedir import CourseDirectory

        cfg = self.config()
        with working_directory(self.root):
            coursedir = CourseDirectory(config=cfg)
            api = NbGraderAPI(coursedir=coursedir, config=cfg)
        api.log_level = "WARN"
        return api

    @property
    def db_url(self) -> str:
        return f"sqlite:///{self.root / GRADEBOOK_NAME}"

    def gradebook(self):
        _tools_on_path()
        from nbgrader.api import Gradebook

        return Gradebook(self.db_url, self.course_id)


def _read_meta(path: Path) -> dict:
    """cohort.json, checked: a JSON object with a valid course id and an exchange path."""
    fix = (
        f"Anh/chị khôi phục {path} từ bản sao lưu, hoặc ghi lại theo mẫu "
        '{"course_id": "lop-k1", "exchange": "/duong/dan/exchange", "demo": false}.'
    )
    try:
        meta = json.loads(read_text(path, what="Tệp thông tin lớp", max_bytes=1_048_576))
    except json.JSONDecodeError as exc:
        raise CohortError(f"Tệp thông tin lớp {path} bị hỏng (dòng {exc.lineno}). {fix}") from None
    except InputError as exc:
        raise CohortError(f"{exc.message} {fix}") from None
    if not isinstance(meta, dict):
        raise CohortError(f"Tệp thông tin lớp {path} không đúng cấu trúc. {fix}")
    course_id, exchange = meta.get("course_id"), meta.get("exchange")
    if not isinstance(course_id, str) or not ID_RE.match(course_id):
        raise CohortError(f"Tệp thông tin lớp {path} thiếu mã khóa hợp lệ (course_id). {fix}")
    if not isinstance(exchange, str) or not exchange.strip():
        raise CohortError(f"Tệp thông tin lớp {path} thiếu đường dẫn exchange. {fix}")
    return meta


def _tools_on_path() -> None:
    """nbgrader's Gradebook runs the ``alembic`` executable from PATH; when the toolkit runs as
    ``.venv/bin/python`` or ``.venv/bin/aiwork`` without an activated environment that folder is
    not on PATH. Put this interpreter's scripts folder there (once)."""
    bindir = str(Path(sys.executable).parent)
    parts = os.environ.get("PATH", "").split(os.pathsep)
    if bindir not in parts:
        os.environ["PATH"] = os.pathsep.join([bindir, *parts])


@contextmanager
def working_directory(path: Path) -> Iterator[None]:
    """nbgrader resolves some paths against the current directory: run it from the course."""
    before = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def default_course_id(root: Path) -> str:
    """A course id from the folder name: ASCII, lower case ("Lớp K1 Quy Nhơn" -> "lop-k1-quy-nhon")."""
    return fold_key(root.name).replace("_", "-") or "lop-hoc"


def _write_config(cohort: Cohort, extra: str) -> None:
    text = CONFIG_TEMPLATE.format(
        course_id=cohort.course_id,
        exchange=str(cohort.exchange),
        course_config=str(cohort.course_root / CONFIG_NAME),
        extra=extra,
    )
    atomic_write_text(cohort.root / CONFIG_NAME, text)


def check_course_root(path: str | Path | None) -> Path:
    """The course's nbgrader folder (``--assignments``), refused (``CohortError``) unless it
    holds ``nbgrader_config.py`` and at least one assignment in ``source/``."""
    root = Path(path).resolve() if path else paths.assignments_dir()
    source = root / "source"
    has_any = source.is_dir() and any(
        p.is_dir() and not p.name.startswith(".") for p in source.iterdir()
    )
    if not (root / CONFIG_NAME).is_file() or not has_any:
        raise CohortError(
            f"Không tìm thấy bài tập của khóa học tại {root} (cần {CONFIG_NAME} và thư mục "
            "source/ chứa bài tập); anh/chị chỉ ra thư mục này bằng --assignments."
        )
    return root


def _check_folder_path(path: Path, what: str) -> None:
    """Refuse a folder path that is a file, or lies under one."""
    for p in (path, *path.parents):
        if p.exists():
            if not p.is_dir():
                raise CohortError(
                    f"{what} {path}: {p} là một tệp, không phải thư mục; chọn một thư mục khác."
                )
            return


def _copy_sources(root: Path, source_root: Path) -> list[str]:
    copied = []
    if not source_root.is_dir():
        raise CohortError(f"Không tìm thấy bài tập của khóa học tại {source_root}.")
    for src in sorted(p for p in source_root.iterdir() if p.is_dir()):
        dest = root / "source" / src.name
        if dest.exists():
            continue
        # Copy to a temporary name first so an interrupted copy is never taken for a full one.
        tmp = dest.with_name(f".{src.name}.partial")
        shutil.rmtree(tmp, ignore_errors=True)
        shutil.copytree(
            src, tmp, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__")
        )
        tmp.rename(dest)
        copied.append(src.name)
    return copied


def _ensure_exchange(exchange: Path) -> None:
    if exchange.is_dir():
        return
    exchange.mkdir(parents=True)
    # nbgrader's documented set-up: every learner writes into the exchange's inbound folders.
    exchange.chmod(0o777)


def init_cohort(
    root: str | Path,
    roster: str | Path,
    *,
    course_id: str | None = None,
    exchange: str | Path | None = None,
    extra_config: str = "",
    demo: bool = False,
    assignments: str | Path | None = None,
) -> InitResult:
    """Create (or bring up to date) the class in ``root`` from ``roster``.

    The roster is read and validated before anything is written, so a bad roster leaves no
    trace (:class:`~aiwork.trainer.roster.RosterError`).
    """
    root = Path(root).resolve()
    _check_folder_path(root, "Thư mục lớp")
    if exchange:
        _check_folder_path(Path(exchange).resolve(), "Kho trao đổi (exchange)")
    learners = read_roster(roster)
    existing = (root / META_NAME).is_file()
    if existing:
        old = Cohort.open(root, check=False)
        # a damaged gradebook is refused, never recreated; a missing one is created anew below
        check_gradebook(root / GRADEBOOK_NAME, missing_ok=True)
        if course_id and course_id != old.course_id:
            raise CohortError(
                f"Lớp tại {root} đã có mã khóa {old.course_id}; không đổi mã khóa của lớp đang học."
            )
        course_id = old.course_id
        exchange_path = Path(exchange).resolve() if exchange else old.exchange
        recorded = old.assignments_root
        if not assignments and recorded and (recorded / CONFIG_NAME).is_file():
            assignments = recorded
    else:
        if root.exists() and any(
            p.name != ROSTER_NAME and not p.name.endswith((".csv", ".xlsx")) for p in root.iterdir()
        ):
            raise CohortError(f"Thư mục {root} đã có dữ liệu khác; chọn một thư mục mới cho lớp.")
        course_id = course_id or default_course_id(root)
        exchange_path = Path(exchange).resolve() if exchange else paths.exchange_dir()
    if not ID_RE.match(course_id):
        raise CohortError(
            f'Mã khóa "{course_id}" không hợp lệ: chỉ dùng chữ không dấu, '
            "chữ số, dấu chấm, gạch ngang."
        )

    _check_folder_path(exchange_path, "Kho trao đổi (exchange)")
    cohort = Cohort(root, course_id, exchange_path, demo, check_course_root(assignments))
    root.mkdir(parents=True, exist_ok=True)
    with course_lock(root, "cohort init"):
        return _init_locked(cohort, learners, extra_config)


def _init_locked(cohort: Cohort, learners: list[Learner], extra_config: str) -> InitResult:
    root = cohort.root
    _ensure_exchange(cohort.exchange)
    _write_config(cohort, extra_config)
    write_roster(learners, root / ROSTER_NAME)
    meta = {
        "course_id": cohort.course_id,
        "exchange": str(cohort.exchange),
        "demo": cohort.demo,
        "assignments": str(cohort.course_root),
    }
    atomic_write_text(root / META_NAME, json.dumps(meta, ensure_ascii=False, indent=2) + "\n")
    result = InitResult(cohort, copied=_copy_sources(root, cohort.course_root / "source"))

    with cohort.gradebook() as gb:
        known = {s.id for s in gb.students}
        for x in learners:
            (result.updated if x.learner_id in known else result.added).append(x.learner_id)
            gb.update_or_create_student(
                x.learner_id, first_name=x.given_name, last_name=x.family_names, email=x.email
            )
        # Learners dropped from the roster keep their grades; the trainer is told.
        ids = {x.learner_id for x in learners}
        result.not_in_roster = sorted(known - ids)
    return result
