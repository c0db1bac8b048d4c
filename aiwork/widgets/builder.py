"""The prompt builder: six fields → the prompt text, with a hint for each missing part."""

from __future__ import annotations

import ipywidgets as w

from aiwork.prompt_builder import LABELS, PromptParts, build_prompt

PLACEHOLDERS = {
    "vai_tro": "Ví dụ: chuyên viên Văn phòng UBND phường Quy Nhơn",
    "nhiem_vu": "Ví dụ: Soạn thông báo về lịch tiếp công dân tháng 12",
    "boi_canh": "Các dữ kiện trợ lý cần biết: thời gian, địa điểm, số liệu...",
    "doi_tuong": "Ví dụ: người dân trên địa bàn phường",
    "dinh_dang": "Ví dụ: 3 gạch đầu dòng; hoặc một đoạn văn",
    "rang_buoc": "Ví dụ: không quá 150 từ; giọng văn trang trọng; không bịa số liệu",
}


class PromptBuilder:
    def __init__(self) -> None:
        self.fields = {
            name: w.Textarea(
                description=label + ":",
                placeholder=PLACEHOLDERS[name],
                layout=w.Layout(width="100%", height="48px"),
                style={"description_width": "150px"},
            )
            for name, label in LABELS.items()
        }
        self.output = w.Textarea(
            description="Lời nhắc:",
            layout=w.Layout(width="100%", height="160px"),
            style={"description_width": "150px"},
        )
        self.hint = w.HTML("")
        button = w.Button(description="Tạo lời nhắc", button_style="primary", icon="magic")
        button.on_click(lambda _b: self.build())
        self.view = w.VBox(
            [
                w.HTML("<h4 style='margin:0'>Trình tạo lời nhắc</h4>"),
                *self.fields.values(),
                button,
                self.output,
                self.hint,
            ]
        )

    def parts(self) -> PromptParts:
        return PromptParts(**{name: box.value for name, box in self.fields.items()})

    def build(self) -> str:
        parts = self.parts()
        self.output.value = build_prompt(parts)
        missing = parts.missing()
        self.hint.value = (
            "✅ Lời nhắc đã đủ sáu thành phần."
            if not missing
            else "💡 Còn thiếu: " + ", ".join(missing) + ". Bổ sung để trợ lý trả lời sát hơn."
        )
        return self.output.value


def trinh_tao_loi_nhac() -> w.VBox:
    builder = PromptBuilder()
    builder.view.builder = builder  # type: ignore[attr-defined]
    return builder.view


_LAYOUT_VI = {"bullets": "gạch đầu dòng", "prose": "đoạn văn"}


def phan_tich_loi_nhac(loi_nhac: str) -> None:
    """Print, in Vietnamese, which of the six parts a prompt states (the rules the module 1
    grader and the offline assistant use: ``aiwork.prompt_anatomy``), its word limit, its
    layout and whether its material is set apart between delimiters."""
    from aiwork.prompt_anatomy import PART_LABELS_VI, analyse, has_delimited_block

    a = analyse(loi_nhac)
    for name, part in a.parts.items():
        evidence = " ".join(part.evidence.split())[:60]
        mark = "✅" if part.present else "❌"
        print(f"{mark} {PART_LABELS_VI[name]}" + (f" — “{evidence}”" if part.present else ""))
    limit = f"{a.max_words} từ" if a.max_words else "(chưa nêu)"
    layout = _LAYOUT_VI.get(a.layout or "", "(chưa nêu)")
    delimited = "có" if has_delimited_block(loi_nhac) else "chưa có"
    print(f"Giới hạn số từ: {limit} · Cách trình bày: {layout} · Dữ liệu trong thẻ: {delimited}")
