"""Tools for the capstone (module 6): one citizen's petition handled end to end.

A learner receives a case (``nhan_ho_so``), redacts it (``che_thong_tin``, module 5), has the
assistant fill a case form with structured output (``phan_loai_don``), looks up the procedure
(``tra_cuu``, module 3), drafts the reply công văn (module 2's builder) and records the case in
the week's tracking table (``them_vu_viec``, ``tong_hop_tuan``; figures checked as in module 4).

Variants: each learner gets one of the cases in ``aiwork/data/casework/cases.yaml`` chosen from
their learner id, so neighbours work on different petitions. The id is the nbgrader student id
when the notebook runs under ``submitted/<id>/`` or ``autograded/<id>/`` (grading), else the hub
user (``JUPYTERHUB_USER``) or the login name — the same id in the lab and at grading
(``aiwork grade`` runs a notebook in the very ``autograded/<id>/`` folder stock nbgrader uses).
``AIWORK_CASE=TH-02`` forces a variant (trainers, tests).
"""

from __future__ import annotations

import getpass
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pandas as pd
import yaml
from pydantic import BaseModel, Field, create_model

from aiwork.memo import Memo
from aiwork.paths import DATA_DIR
from aiwork.privacy.redact import PlaceholderMap, redact
from aiwork.vi import format_date, nfc, parse_date

CASEWORK_DIR = DATA_DIR / "casework"
WEEK_TABLE = CASEWORK_DIR / "so-theo-doi-tuan.csv"
RUNTIME_DIRS = ("submitted", "autograded")
# The case the source notebook's reference answers are written for: a trainer who runs the
# source notebook as it is (in the course's source/ folder) gets this case, so the reference
# scores full marks there too.
REFERENCE_CASE = "TH-01"


@dataclass(frozen=True)
class HoSo:
    """One petition (fictional). It holds no answer: what graders expect of a case is passed
    in from the assignment's hidden test blocks (EXERCISE_STANDARD §4)."""

    ma: str
    tieu_de: str
    ngay_nhan: str  # as printed: 23/11/2026
    nguoi_gui: str
    don: str

    def __str__(self) -> str:
        return (
            f"Mã tình huống: {self.ma} — {self.tieu_de} (tình huống giả định)\n"
            f"Ngày tiếp nhận: {_ngay(self.ngay_nhan)}\n\n{self.don}"
        )


def _ngay(value: str) -> str:
    """A date as learners read it (23/11/2026), whatever form the case file uses."""
    from aiwork.vi import format_date, parse_date

    try:
        return format_date(parse_date(value))
    except ValueError:
        return value


#: The cases, read once per process (module 6's graders read the petitions; see aiwork.memo:
#: a test cell never sees a case learner code altered).
_DATA = Memo("casework.cases", size=1)


def _data() -> dict[str, Any]:
    return _DATA.get(
        "cases", lambda: yaml.safe_load((CASEWORK_DIR / "cases.yaml").read_text(encoding="utf-8"))
    )


def labels(kind: str) -> list[str]:
    """Allowed values of a case-form field: ``labels("linh_vuc")``, ``labels("muc_do")``."""
    return list(_data()["labels"][kind])


def cases() -> dict[str, HoSo]:
    out = {}
    for c in _data()["cases"]:
        text = {k: nfc(str(v)) for k, v in c.items()}
        text["ngay_nhan"] = format_date(parse_date(text["ngay_nhan"]))  # 23/11/2026, as printed
        out[c["ma"]] = HoSo(**text)
    return out


def learner_id(cwd: Path | None = None) -> str:
    """Whose notebook this is, the same in the lab and at grading.

    In order: the nbgrader student id when running under ``submitted/<id>/`` or
    ``autograded/<id>/`` (grading, stock nbgrader or ``aiwork grade``), ``JUPYTERHUB_USER`` (the
    hub lab), the login name.
    """
    here = (cwd or Path.cwd()).resolve()
    for parent in [here, *here.parents]:
        if parent.parent.parent.name in RUNTIME_DIRS and parent.parent.name:
            return parent.parent.name
    if os.environ.get("JUPYTERHUB_USER"):
        return os.environ["JUPYTERHUB_USER"]
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # a uid without a passwd entry (containers, sandboxes)
        return str(os.getuid())


def case_for(learner: str) -> HoSo:
    all_cases = cases()
    codes = sorted(all_cases)
    digest = hashlib.sha256(learner.encode("utf-8")).digest()
    return all_cases[codes[int.from_bytes(digest[:4], "big") % len(codes)]]


def nhan_ho_so(ma: str | None = None) -> HoSo:
    """The learner's case (``AIWORK_CASE`` or ``ma`` forces one); prints the petition."""
    code = os.environ.get("AIWORK_CASE") or ma
    all_cases = cases()
    if code:
        if code not in all_cases:
            raise ValueError(
                f"Không có tình huống {code!r}. Các mã: {', '.join(sorted(all_cases))}."
            )
        ho_so = all_cases[code]
    elif in_course_source():
        ho_so = all_cases[REFERENCE_CASE]
        print(
            f"(Sổ nguồn của giảng viên: dùng tình huống {REFERENCE_CASE}, tình huống mà lời giải "
            "mẫu được viết cho. Đặt AIWORK_CASE để xem tình huống khác.)"
        )
    else:
        ho_so = case_for(learner_id())
    print(ho_so)
    return ho_so


def in_course_source(cwd: Path | None = None) -> bool:
    """True when running in an nbgrader course's ``source/<assignment>/`` folder (the trainer's
    source notebook, with the reference answers), never in a learner's or grader's copy."""
    here = (cwd or Path.cwd()).resolve()
    return here.parent.name == "source" and (here.parent.parent / "nbgrader_config.py").is_file()


# --- step 2: redaction, with the mapping kept on this machine -------------------------------

_MAPPING = PlaceholderMap()


def che_thong_tin(van_ban: str) -> str:
    """Replace personal data with typed placeholders ([HO_TEN_1], [CCCD_1], ...).

    The mapping back stays in this notebook's memory (``khoi_phuc`` uses it); nothing leaves.
    """
    result = redact(van_ban, _MAPPING)
    kinds = sorted({f.kind for f in result.findings})
    print(f"Đã che {len(result.findings)} thông tin cá nhân ({', '.join(kinds) or 'không có'}).")
    return result.text


def khoi_phuc(van_ban: str) -> str:
    """Put the original personal data back in place of the placeholders (locally)."""
    return _MAPPING.reidentify(van_ban)


# --- step 3: the case form, filled by the assistant with structured output ------------------


def form_model() -> type[BaseModel]:
    """The JSON schema the assistant must fill (``PhieuXuLy``)."""
    linh_vuc = Literal[tuple(labels("linh_vuc"))]  # type: ignore[valid-type]
    muc_do = Literal[tuple(labels("muc_do"))]  # type: ignore[valid-type]
    return create_model(
        "PhieuXuLy",
        tom_tat=(str, Field(description="Tóm tắt nội dung đơn trong 1-2 câu")),
        linh_vuc=(linh_vuc, Field(description="Lĩnh vực của đơn")),
        muc_do=(
            muc_do,
            Field(description="Mức độ: Khẩn nếu liên quan sức khỏe, an toàn, thời hạn gấp"),
        ),
        co_quan_giai_quyet=(str, Field(description="Cơ quan có thẩm quyền giải quyết")),
    )


def phan_loai_don(loi_nhac: str, don_da_che: str) -> dict[str, Any]:
    """Ask the assistant to fill the case form for ``don_da_che`` (structured output)."""
    from aiwork.assistant import get_client, settings

    if not isinstance(loi_nhac, str) or loi_nhac.strip() in ("", "...", "…"):
        raise ValueError("Anh/chị chưa viết lời nhắc (biến loi_nhac_phan_loai).")
    if not isinstance(don_da_che, str) or not don_da_che.strip():
        raise ValueError("Chưa có văn bản đơn đã che thông tin cá nhân (biến don_da_che).")
    reply = get_client().chat.completions.parse(
        model=settings().model,
        temperature=0,
        response_format=form_model(),
        messages=[{"role": "system", "content": loi_nhac}, {"role": "user", "content": don_da_che}],
    )
    parsed = reply.choices[0].message.parsed
    if parsed is None:
        raise ValueError(
            "Trợ lý không trả về phiếu theo đúng lược đồ; anh/chị thử lại hoặc tự điền."
        )
    return parsed.model_dump()


def warm_up() -> None:
    """The cases and the week's table read, and the assistant's structured-output path used
    by ``phan_loai_don`` paid for once (``aiwork grade`` calls it in its grading template; nothing is kept)."""
    from aiwork.assistant.offline import warm_up as warm_assistant

    first = next(iter(cases().values()))
    so_theo_doi_tuan()
    warm_assistant(
        form_model(),
        [
            {"role": "system", "content": "Tóm tắt và phân loại đơn theo lược đồ."},
            {"role": "user", "content": first.don},
        ],
    )


def kiem_tra_phieu(phieu: object) -> list[str]:
    """Vietnamese problems of a case form (empty when it fits the schema)."""
    if not isinstance(phieu, dict):
        return ["Phiếu xử lý phải là một từ điển (dict) gồm các trường của lược đồ."]
    try:
        form_model().model_validate(phieu)
    except Exception as exc:  # pydantic.ValidationError: list the fields in Vietnamese  # noqa: BLE001
        errors = getattr(exc, "errors", lambda: [])()
        return [
            f"Trường «{'.'.join(str(x) for x in e['loc'])}»: giá trị không hợp lệ "
            f"({e.get('input')!r})."
            for e in errors
        ] or [str(exc)]
    return []


# --- step 4: lookup -------------------------------------------------------------------------


def tra_cuu(cau_hoi: str, k: int = 5) -> list:
    """Search the course's corpus (module 3) and print the passages with their ids."""
    from aiwork.lookup.retriever import search

    hits = search(cau_hoi, k)
    for h in hits:
        print(f"[{h.passage.id}] {h.passage.title or h.passage.citation} — {h.passage.source}")
    return hits


def doc_doan(ma: str) -> str:
    """Print and return the full text of one passage of the corpus, by its id."""
    from aiwork.lookup.corpus import by_id
    from aiwork.lookup.prompting import hien_thi_doan

    found = by_id().get(ma.strip())
    if found is None:
        raise ValueError(f"Không có đoạn tài liệu mã «{ma}». Hãy chép đúng mã trong ngoặc vuông.")
    hien_thi_doan([found])
    return found.text


# --- step 6: the week's tracking table ------------------------------------------------------


#: The week's table, read once per file content (the graders read it for every check of
#: step 6); each caller gets a deep copy of its own.
_WEEK = Memo("casework.week", size=1)


def so_theo_doi_tuan() -> pd.DataFrame:
    """The ward's tracking table for the week (fictional cases)."""
    return _WEEK.get_for_file(WEEK_TABLE, _read_week).copy(deep=True)


def _read_week() -> pd.DataFrame:
    so = pd.read_csv(WEEK_TABLE, dtype=str)
    so["ngay_nhan"] = [format_date(parse_date(d)) for d in so["ngay_nhan"]]  # 23/11/2026
    return so


def them_vu_viec(
    so: pd.DataFrame,
    ho_so: HoSo,
    phieu: dict[str, Any],
    trang_thai: str = "Đã trả lời",
    dung_han: str = "có",
) -> pd.DataFrame:
    """The table with this case recorded (replacing an earlier row of the same case)."""
    row = {
        "ma_vu_viec": ho_so.ma,
        "ngay_nhan": ho_so.ngay_nhan,
        "linh_vuc": phieu.get("linh_vuc", ""),
        "muc_do": phieu.get("muc_do", ""),
        "trang_thai": trang_thai,
        "dung_han": dung_han,
    }
    kept = so[so["ma_vu_viec"] != ho_so.ma]
    return pd.concat([kept, pd.DataFrame([row])], ignore_index=True)


def tong_hop_tuan(so: pd.DataFrame) -> pd.DataFrame:
    """Figures of the week by field: cases received, answered, answered on time, in progress."""
    answered = so["trang_thai"].eq("Đã trả lời")
    on_time = answered & so["dung_han"].eq("có")
    table = (
        pd.DataFrame(
            {
                "linh_vuc": so["linh_vuc"],
                "vu_viec_tiep_nhan": 1,
                "da_tra_loi": answered.astype(int),
                "tra_loi_dung_han": on_time.astype(int),
                "dang_xu_ly": (~answered).astype(int),
            }
        )
        .groupby("linh_vuc", as_index=False, sort=True)
        .sum()
    )
    return table
