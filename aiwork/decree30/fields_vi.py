"""Learner-facing entry: a dict with Vietnamese keys -> :class:`OfficialDocument`.

Learners (not programmers) fill a dict whose keys are the names they know from the office
("trich_yeu", "kinh_gui", "noi_nhan"); this module maps it onto the builder's dataclass and
explains mistakes in Vietnamese.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from aiwork.vi import fold_key, parse_date

from . import rules as R
from .builder import BodyItem, OfficialDocument

# Vietnamese key -> OfficialDocument field.
VI_KEYS: dict[str, str] = {
    "loai": "doc_type",
    "co_quan_chu_quan": "parent_agency",
    "co_quan": "agency",
    "ky_hieu": "agency_code",
    "so": "number",
    "dia_danh": "place",
    "ngay": "issued",
    "trich_yeu": "subject",
    "can_cu": "legal_bases",
    "chu_the": "issuing_authority",
    "kinh_gui": "recipients_to",
    "noi_dung": "body",
    "ky": "signature_lines",
    "nguoi_ky": "signer_name",
    "noi_nhan": "recipients",
    "luu": "archive",
    "do_khan": "urgency",
}
REQUIRED = (
    "loai",
    "co_quan",
    "ky_hieu",
    "dia_danh",
    "ngay",
    "trich_yeu",
    "noi_dung",
    "ky",
    "nguoi_ky",
)


def doc_type_key(value: str) -> str:
    wanted = fold_key(value)
    for key, d in R.DOC_TYPES.items():
        if wanted in (key, fold_key(d.name_vi.split("(")[0]), fold_key(d.title or d.name_vi)):
            return key
    names = ", ".join(d.name_vi.split(" (")[0] for d in R.DOC_TYPES.values())
    raise ValueError(f"Không nhận ra loại văn bản “{value}”. Các loại hỗ trợ: {names}.")


def _date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return parse_date(value, iso=False)
        except ValueError:
            pass
    raise ValueError(f"“ngay” phải là ngày dạng “05/03/2026” (đang {value!r}).")


def _lines(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [x.strip() for x in value.splitlines() if x.strip()]
    return [str(x).strip() for x in value if str(x).strip()]


def _body(value: Any) -> list[BodyItem]:
    if isinstance(value, str):  # paragraphs separated by line breaks
        return [x.strip() for x in value.split("\n") if x.strip()]
    return list(value)


def _blank(value: Any) -> bool:
    """None, "", "...", Ellipsis (the released stub's placeholder) or an empty list."""
    if value is None or value is Ellipsis:
        return True
    if isinstance(value, str):
        return value.strip() in ("", "...", "…")
    if isinstance(value, (list, tuple)):
        return all(_blank(v) for v in value)
    return False


def from_dict(info: dict[str, Any]) -> OfficialDocument:
    """Map a learner's dict to the builder's fields; ValueError (Vietnamese) when it cannot."""
    if not isinstance(info, dict):
        raise ValueError('Thông tin văn bản phải là một dict, ví dụ {"loai": "công văn", ...}.')
    unknown = [k for k in info if k not in VI_KEYS]
    if unknown:
        raise ValueError(
            f"Khóa không hợp lệ: {', '.join(unknown)}. Các khóa dùng được: {', '.join(VI_KEYS)}."
        )
    missing = [k for k in REQUIRED if _blank(info.get(k))]
    if missing:
        raise ValueError(f"Còn thiếu thông tin: {', '.join(missing)}.")
    info = {k: (None if _blank(v) else v) for k, v in info.items()}
    so = info.get("so")
    if so not in (None, ""):
        try:
            so = int(so)
        except (TypeError, ValueError):
            raise ValueError(f"“so” phải là số nguyên, ví dụ 5 (đang {so!r}).") from None
    else:
        so = None
    return OfficialDocument(
        doc_type=doc_type_key(str(info["loai"])),
        parent_agency=str(info.get("co_quan_chu_quan") or ""),
        agency=str(info["co_quan"]),
        agency_code=str(info["ky_hieu"]).strip(),
        number=so,
        place=str(info["dia_danh"]).strip(),
        issued=_date(info["ngay"]),
        subject=str(info["trich_yeu"]).strip(),
        legal_bases=_lines(info.get("can_cu")),
        issuing_authority=str(info.get("chu_the") or ""),
        recipients_to=_lines(info.get("kinh_gui")),
        body=_body(info["noi_dung"]),
        signature_lines=_lines(info["ky"]),
        signer_name=str(info["nguoi_ky"]).strip(),
        recipients=_lines(info.get("noi_nhan")),
        archive=str(info.get("luu") or "VT"),
        urgency=str(info.get("do_khan") or ""),
    )
