"""Agencies named in Vietnamese administrative text, in full or by their usual abbreviation.

The one home for recognising who a text names as an agency: graders compare a learner's
"cơ quan có thẩm quyền" with the case's, and a wrong one must be caught even when the right one
is written too ("Không phải Văn phòng đăng ký đất đai mà là Công an phường").

==========================  =================================================================
key                         written (any case, with or without diacritics)
==========================  =================================================================
``vp_dang_ky_dat_dai``      Văn phòng đăng ký đất đai, VP Đăng ký đất đai, VPĐKĐĐ, Chi nhánh
                            Văn phòng đăng ký đất đai, CN VPĐKĐĐ
``ubnd_xa``                 Ủy ban nhân dân xã/phường (…), UBND xã/phường, UBND cấp xã,
                            UBND P. Quy Nhơn, "phường" as the issuing authority
``bo_phan_mot_cua``         Bộ phận Một cửa, Bộ phận tiếp nhận và trả kết quả, BP Một cửa
``cong_an_xa``              Công an xã/phường, CA phường
``ubnd_tinh``               Ủy ban nhân dân tỉnh, UBND tỉnh
``so_khcn``                 Sở Khoa học và Công nghệ, Sở KH&CN, Sở KHCN
``so_nong_nghiep_mt``       Sở Nông nghiệp và Môi trường, Sở NN&MT, Sở Tài nguyên và Môi trường
``co_quan_bhxh``            cơ quan Bảo hiểm xã hội, BHXH tỉnh/cơ sở/khu vực
``trung_tam_phvhcc``        Trung tâm Phục vụ hành chính công
``toa_an``                  Tòa án nhân dân
==========================  =================================================================

"Bảo hiểm xã hội" alone names a benefit ("trợ cấp bảo hiểm xã hội"), not the agency, and is
not read as one. :func:`find_agencies` returns the mentions with their spans (on the NFC
text) and whether the sentence denies them ("không phải …", "không thuộc thẩm quyền của …").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from aiwork.vi import fold_keep_offsets, nfc

__all__ = ["AGENCY_NAMES", "AgencyMention", "find_agencies", "names_agency"]

#: key -> the name a message shows.
AGENCY_NAMES: dict[str, str] = {
    "vp_dang_ky_dat_dai": "Văn phòng đăng ký đất đai",
    "ubnd_xa": "Ủy ban nhân dân xã, phường",
    "bo_phan_mot_cua": "Bộ phận Một cửa",
    "cong_an_xa": "Công an xã, phường",
    "ubnd_tinh": "Ủy ban nhân dân tỉnh",
    "so_khcn": "Sở Khoa học và Công nghệ",
    "so_nong_nghiep_mt": "Sở Nông nghiệp và Môi trường",
    "co_quan_bhxh": "cơ quan Bảo hiểm xã hội",
    "trung_tam_phvhcc": "Trung tâm Phục vụ hành chính công",
    "toa_an": "Tòa án nhân dân",
}
_UBND = r"(?:uy ban nhan dan|ubnd)"
# Folded patterns (fold_keep_offsets: lower case, no diacritics, "đ" -> "d"). Longer first.
_PATTERNS: list[tuple[str, str]] = [
    (
        "vp_dang_ky_dat_dai",
        r"(?:chi nhanh |cn )?(?:van phong|vp)\.? ?dang ky dat dai|(?:cn )?vpdkdd|vp dkdd|vpdk dat dai",
    ),
    ("trung_tam_phvhcc", r"trung tam phuc vu hanh chinh cong"),
    ("bo_phan_mot_cua", r"(?:bo phan|bp)\.? ?(?:mot cua|1 cua|tiep nhan va tra ket qua)"),
    ("ubnd_tinh", rf"{_UBND} (?:cap )?tinh"),
    ("ubnd_xa", rf"{_UBND} (?:cap )?(?:xa|phuong|p\.)"),
    ("cong_an_xa", r"(?:cong an|ca) (?:cap )?(?:xa|phuong)"),
    ("so_khcn", r"so (?:khoa hoc va cong nghe|kh ?& ?cn|khcn|kh va cn)"),
    (
        "so_nong_nghiep_mt",
        r"so (?:nong nghiep va moi truong|nn ?& ?mt|tai nguyen va moi truong|tn ?& ?mt|tnmt)",
    ),
    (
        "co_quan_bhxh",
        r"(?:co quan |to chuc )?bao hiem xa hoi (?:tinh|co so|khu vuc|viet nam|cap)|"
        r"co quan bao hiem xa hoi|bhxh(?: tinh| co so| khu vuc)?",
    ),
    ("toa_an", r"toa an(?: nhan dan)?"),
]
_RX = re.compile("|".join(f"(?P<{k}>(?<![\\w]){p}(?![\\w]))" for k, p in _PATTERNS))
# "không phải X", "chứ không phải X", "không thuộc (thẩm quyền của) X", "X không có thẩm quyền"
_DENIED_BEFORE = re.compile(
    r"(?:khong phai(?: la)?|chu khong phai(?: la)?|khong thuoc(?: tham quyen)?(?: cua)?|"
    r"khong do|khong gui(?: den| toi)?)\s*(?:tai |o |cua )?$"
)
_DENIED_AFTER = re.compile(r"^[^.;,\n]{0,30}\bkhong (?:co tham quyen|giai quyet|phai la)")


@dataclass(frozen=True)
class AgencyMention:
    key: str
    start: int
    end: int
    text: str
    denied: bool = False


def find_agencies(text: str) -> list[AgencyMention]:
    """Every agency the text names, in order, with whether the sentence denies it."""
    text = nfc(text)
    folded = fold_keep_offsets(text)
    out = []
    for m in _RX.finditer(folded):
        key = m.lastgroup
        assert key is not None
        before = folded[max(0, m.start() - 40) : m.start()]
        denied = bool(_DENIED_BEFORE.search(before) or _DENIED_AFTER.match(folded[m.end() :]))
        out.append(AgencyMention(key, m.start(), m.end(), text[m.start() : m.end()], denied))
    return out


def names_agency(text: str, key: str) -> bool:
    """Does the text name this agency (and not to deny it)?"""
    return any(a.key == key and not a.denied for a in find_agencies(text))
