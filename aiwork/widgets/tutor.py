"""The tutor panel: ask about the course, get an answer with its sources, rate it."""

from __future__ import annotations

import html

import ipywidgets as w

from aiwork.tutor.tutor import Tutor, TutorAnswer


class TutorPanel:
    def __init__(self, tutor: Tutor | None = None):
        self._tutor = tutor
        self.answers: list[TutorAnswer] = []
        self.history = w.HTML(
            "<i>Hỏi trợ giảng về nội dung khóa học, cách làm bài, thuật ngữ...</i>"
        )
        self.input = w.Text(placeholder="Ví dụ: Làm sao để nộp bài?", layout=w.Layout(width="100%"))
        self.ask_button = w.Button(description="Hỏi", button_style="primary", icon="question")
        self.good = w.Button(description="Hữu ích", icon="thumbs-up", disabled=True)
        self.bad = w.Button(description="Chưa hữu ích", icon="thumbs-down", disabled=True)
        self.status = w.HTML("")
        self.ask_button.on_click(lambda _b: self.ask())
        self.good.on_click(lambda _b: self.rate(True))
        self.bad.on_click(lambda _b: self.rate(False))
        self.view = w.VBox(
            [
                w.HTML(
                    "<h4 style='margin:0'>Trợ giảng khóa học</h4>"
                    "<small>Trả lời dựa trên bài học, từ điển thuật ngữ, hỏi đáp và tài liệu của "
                    "khóa học, có ghi nguồn. Không giải bài tập được chấm điểm.</small>"
                ),
                self.history,
                self.input,
                w.HBox([self.ask_button, self.good, self.bad]),
                self.status,
            ],
            layout=w.Layout(border="1px solid #ccc", padding="8px"),
        )

    @property
    def tutor(self) -> Tutor:
        if self._tutor is None:  # built on first use: loading the knowledge base takes a moment
            self._tutor = Tutor()
        return self._tutor

    def ask(self) -> TutorAnswer | None:
        question = self.input.value
        try:
            answer = self.tutor.ask(question)
        except ValueError as exc:
            self.status.value = f"⚠️ {html.escape(str(exc))}"
            return None
        except Exception as exc:  # keep the question; say what went wrong  # noqa: BLE001
            self.status.value = (
                f"❌ Chưa hỏi được: {html.escape(str(exc))}. Câu hỏi vẫn được giữ lại."
            )
            return None
        self.answers.append(answer)
        self.input.value = ""
        self.status.value = ""
        self.good.disabled = self.bad.disabled = False
        self._render()
        return answer

    def rate(self, good: bool) -> None:
        if not self.answers:
            return
        self.tutor.rate(self.answers[-1], good)
        self.good.disabled = self.bad.disabled = True
        self.status.value = "Cảm ơn anh/chị đã đánh giá."

    def _render(self) -> None:
        blocks = []
        for a in self.answers:
            sources = "".join(f"<li>{html.escape(c.label())}</li>" for c in a.citations)
            blocks.append(
                "<div style='margin:6px 0;padding:6px 10px;border-radius:8px;background:#f1f3f4'>"
                f"<b>Anh/chị:</b> {html.escape(a.question)}<br><b>Trợ giảng:</b> "
                f"<span style='white-space:pre-wrap'>{html.escape(a.text)}</span>"
                + (
                    f"<br><small>Nguồn:</small><ul style='margin:0'>{sources}</ul>"
                    if sources
                    else ""
                )
                + "</div>"
            )
        self.history.value = "".join(blocks)


def tro_giang() -> w.VBox:
    """Show the tutor panel on its own."""
    panel = TutorPanel()
    panel.view.panel = panel  # type: ignore[attr-defined]
    return panel.view


_shared: list[Tutor] = []


def hoi_tro_giang(cau_hoi: str) -> TutorAnswer:
    """Ask the tutor from a cell: prints the answer and its sources, returns the answer (which
    displays nothing more, so the cell shows the answer once)."""
    if not _shared:
        _shared.append(Tutor())
    answer = _shared[0].ask(cau_hoi)
    print(answer.render())
    return _Quiet(answer)


class _Quiet(TutorAnswer):
    """The answer, without a second (repr) display under the printed one."""

    def __init__(self, answer: TutorAnswer):
        self.__dict__.update(answer.__dict__)

    def _ipython_display_(self) -> None:
        return None
