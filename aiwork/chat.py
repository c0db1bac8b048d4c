"""A chat conversation with the configured assistant: history, streamed replies, model name.

Kept apart from the widget (``aiwork.widgets.chat``) so it can be tested and reused by the
tutor and the hub's browser tests without a front end.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from aiwork import assistant


@dataclass
class ChatSession:
    """One conversation: an optional system prompt and the alternating messages."""

    system: str = ""
    temperature: float | None = None
    messages: list[dict[str, str]] = field(default_factory=list)
    last_model: str = ""

    def reset(self) -> None:
        self.messages.clear()

    def request_messages(self) -> list[dict[str, str]]:
        head = [{"role": "system", "content": self.system}] if self.system.strip() else []
        return head + self.messages

    def stream(self, text: str) -> Iterator[str]:
        """Send ``text``; yield the reply as it arrives; keep both in the history.

        If the call fails, the learner's message is taken back out of the history so that
        retrying does not send it twice (nothing they typed is lost: the widget keeps it).
        """
        text = text.strip()
        if not text:
            raise ValueError("Anh/chị chưa nhập nội dung câu hỏi.")
        self.messages.append({"role": "user", "content": text})
        kwargs: dict = {
            "model": assistant.settings().model,
            "messages": self.request_messages(),
            "stream": True,
        }
        if self.temperature is not None:
            kwargs["temperature"] = self.temperature
        parts: list[str] = []
        try:
            stream = assistant.get_client().chat.completions.create(**kwargs)
            for chunk in stream:
                if chunk.model:
                    self.last_model = chunk.model
                for choice in chunk.choices:
                    delta = choice.delta.content or ""
                    if delta:
                        parts.append(delta)
                        yield delta
        except BaseException:
            self.messages.pop()
            raise
        self.messages.append({"role": "assistant", "content": "".join(parts)})

    def send(self, text: str) -> str:
        return "".join(self.stream(text))
