"""The assistant chat panel shown in lessons: ``from aiwork.widgets import tro_ly; tro_ly()``."""

from __future__ import annotations

import html

import ipywidgets as w

from aiwork import assistant
from aiwork.chat import ChatSession
from aiwork.widgets.tutor import TutorPanel

BUBBLE = (
    "<div style='margin:4px 0;padding:6px 10px;border-radius:8px;background:{bg};line-height:1.4;"
    "white-space:pre-wrap;font-family:var(--jp-content-font-family,sans-serif)'>"
    "<b>{who}:</b> {text}</div>"
)


def _bubble(who: str, text: str, bg: str) -> str:
    return BUBBLE.format(who=html.escape(who), text=html.escape(text), bg=bg)


class ChatPanel:
    """The widget: a history view, a box to type in, Send / New conversation buttons."""

    def __init__(self, system: str = "", session: ChatSession | None = None):
        self.session = session or ChatSession(system=system)
        s = assistant.settings()
        self.model_label = w.HTML(self._model_text(s.model))
        self.history = w.HTML("<i>Chưa có trao đổi nào. Anh/chị hãy nhập câu hỏi bên dưới.</i>")
        self.system_box = w.Textarea(
            value=self.session.system,
            description="Vai trò hệ thống:",
            placeholder="(không bắt buộc) Ví dụ: Bạn là chuyên viên...",
            layout=w.Layout(width="100%", height="60px"),
            style={"description_width": "initial"},
        )
        self.input = w.Textarea(
            placeholder="Nhập lời nhắc rồi bấm «Gửi»...",
            layout=w.Layout(width="100%", height="90px"),
        )
        self.send_button = w.Button(description="Gửi", button_style="primary", icon="paper-plane")
        self.reset_button = w.Button(
            description="Cuộc trò chuyện mới", icon="refresh", layout=w.Layout(width="auto")
        )
        self.status = w.HTML("")
        self.send_button.on_click(lambda _b: self.send())
        self.reset_button.on_click(lambda _b: self.reset())
        self.view = w.VBox(
            [
                w.HTML("<h4 style='margin:0'>Trợ lý AI</h4>"),
                self.model_label,
                self.system_box,
                self.history,
                self.input,
                w.HBox([self.send_button, self.reset_button]),
                self.status,
            ],
            layout=w.Layout(border="1px solid #ccc", padding="8px"),
        )

    @staticmethod
    def _model_text(model: str) -> str:
        from aiwork.assistant.settings import display_name

        return f"<small>Mô hình trả lời: <b>{html.escape(display_name(model))}</b></small>"

    def _render(self, pending: str | None = None) -> None:
        parts = []
        for m in self.session.messages:
            if m["role"] == "user":
                parts.append(_bubble("Anh/chị", m["content"], "#e8f0fe"))
            else:
                parts.append(_bubble("Trợ lý", m["content"], "#f1f3f4"))
        if pending is not None:
            parts.append(_bubble("Trợ lý", pending + " ▌", "#f1f3f4"))
        self.history.value = "".join(parts) or "<i>Chưa có trao đổi nào.</i>"

    def send(self) -> None:
        text = self.input.value
        if not text.strip():
            self.status.value = "⚠️ Anh/chị chưa nhập nội dung."
            return
        self.session.system = self.system_box.value
        self.send_button.disabled = True
        self.status.value = "⏳ Trợ lý đang trả lời..."
        shown = ""
        try:
            for delta in self.session.stream(text):
                if not shown:
                    self._render(pending="")  # show the learner's message at once
                shown += delta
                self._render(pending=shown)
        except Exception as exc:  # keep what the learner typed; say what went wrong  # noqa: BLE001
            self.status.value = (
                f"❌ Chưa gửi được: {html.escape(str(exc))}. Nội dung vẫn được giữ lại."
            )
            self._render()
            return
        finally:
            self.send_button.disabled = False
        self.input.value = ""
        self.status.value = ""
        if self.session.last_model:
            self.model_label.value = self._model_text(self.session.last_model)
        self._render()

    def reset(self) -> None:
        self.session.reset()
        self._render()
        self.status.value = "Đã bắt đầu cuộc trò chuyện mới."


def tro_ly(vai_tro_he_thong: str = "") -> w.Tab:
    """Show the assistant panel: a chat tab and a tutor tab (trợ giảng).

    The panel objects are kept on the returned widget (``.panel``, ``.tutor_panel``) for tests.
    """
    panel = ChatPanel(system=vai_tro_he_thong)
    tutor_panel = TutorPanel()
    tabs = w.Tab(children=[panel.view, tutor_panel.view])
    tabs.set_title(0, "Trợ lý AI")
    tabs.set_title(1, "Trợ giảng khóa học")
    tabs.panel = panel  # type: ignore[attr-defined]
    tabs.tutor_panel = tutor_panel  # type: ignore[attr-defined]
    return tabs
