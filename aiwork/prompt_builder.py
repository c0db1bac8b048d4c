"""Compose a prompt from its six parts (role, task, context, audience, format, constraints).

The parts follow the course's frame (lesson 1; CO-STAR-like). The text produced uses the
Vietnamese cue words that ``aiwork.prompt_anatomy`` recognises, so a prompt built here is
judged complete by the same rules the graders and the offline assistant use.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

# Cue words that introduce each part, in the order the parts appear in the prompt.
LABELS: dict[str, str] = {
    "vai_tro": "Vai trò",
    "nhiem_vu": "Nhiệm vụ",
    "boi_canh": "Bối cảnh",
    "doi_tuong": "Đối tượng người đọc",
    "dinh_dang": "Định dạng",
    "rang_buoc": "Yêu cầu, ràng buộc",
}


@dataclass
class PromptParts:
    """The six parts of a prompt, named as learners see them (Vietnamese, no diacritics)."""

    vai_tro: str = ""
    nhiem_vu: str = ""
    boi_canh: str = ""
    doi_tuong: str = ""
    dinh_dang: str = ""
    rang_buoc: str = ""

    def missing(self) -> list[str]:
        return [LABELS[f.name] for f in fields(self) if not getattr(self, f.name).strip()]


def build_prompt(parts: PromptParts | None = None, **kwargs: str) -> str:
    """Join the non-empty parts into one prompt, context between tags ``<boi_canh>`` …
    ``</boi_canh>`` (a delimiter that survives a notebook cell, see ``prompt_anatomy``).

    >>> print(build_prompt(vai_tro="Bạn là chuyên viên Văn phòng UBND phường.",
    ...                    nhiem_vu="Soạn thông báo lịch trực Tết."))
    Bạn là chuyên viên Văn phòng UBND phường.
    Nhiệm vụ: Soạn thông báo lịch trực Tết.
    """
    p = parts or PromptParts(**kwargs)
    lines: list[str] = []
    if p.vai_tro.strip():
        role = p.vai_tro.strip()
        lines.append(
            role
            if role.lower().startswith(("bạn là", "anh/chị là", "hãy đóng vai"))
            else f"Bạn là {role[0].lower()}{role[1:]}"
        )
    if p.nhiem_vu.strip():
        lines.append(f"{LABELS['nhiem_vu']}: {p.nhiem_vu.strip()}")
    if p.boi_canh.strip():
        # Tags, not triple quotes: the prompt is often pasted into a cell's """…""" string.
        lines.append(
            f"{LABELS['boi_canh']} (trong thẻ <boi_canh>):\n<boi_canh>\n{p.boi_canh.strip()}\n</boi_canh>"
        )
    if p.doi_tuong.strip():
        lines.append(f"{LABELS['doi_tuong']}: {p.doi_tuong.strip()}")
    if p.dinh_dang.strip():
        lines.append(f"{LABELS['dinh_dang']}: {p.dinh_dang.strip()}")
    if p.rang_buoc.strip():
        lines.append(f"{LABELS['rang_buoc']}: {p.rang_buoc.strip()}")
    return "\n".join(lines)
