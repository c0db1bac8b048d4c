"""``aiwork tutor build|check|ask``: maintain the knowledge base and ask the tutor."""

from __future__ import annotations

import sys


def _build(args) -> int:
    from aiwork.tutor import knowledge

    path = knowledge.write()
    print(f"Knowledge base rebuilt: {path}")
    return 0


def _check(args) -> int:
    from aiwork.tutor import knowledge

    current = knowledge.KB_PATH.read_text(encoding="utf-8") if knowledge.KB_PATH.exists() else ""
    if current != knowledge.build_text():
        print(
            "The tutor's knowledge base is out of date: run `aiwork tutor build`.", file=sys.stderr
        )
        return 1
    print("The tutor's knowledge base is current.")
    return 0


def _ask(args) -> int:
    import openai

    from aiwork.errors import InputError, StepFailed
    from aiwork.privacy.guard import PrivacyBlocked
    from aiwork.tutor.tutor import Tutor

    question = " ".join(args.question)
    if not question.strip():
        raise InputError("Anh/chị chưa nhập câu hỏi.")
    try:
        answer = Tutor().ask(question)
    except PrivacyBlocked as exc:
        raise InputError(str(exc)) from None
    except openai.APIError as exc:  # what AssistantError does not already explain
        raise StepFailed(
            f"Trợ lý AI không trả lời được ({type(exc).__name__}); anh/chị kiểm tra cấu hình "
            "trợ lý (AIWORK_BACKEND, AIWORK_BASE_URL, AIWORK_MODEL) rồi thử lại."
        ) from None
    print(answer.render())
    return 0


def register(subparsers) -> None:
    p = subparsers.add_parser("tutor", help="the study assistant (trợ giảng)")
    sub = p.add_subparsers(dest="tutor_command", metavar="ACTION", required=True)
    b = sub.add_parser("build", help="rebuild the knowledge base from the course")
    b.set_defaults(func=_build)
    c = sub.add_parser("check", help="exit 1 if the knowledge base is out of date")
    c.set_defaults(func=_check)
    a = sub.add_parser("ask", help="ask the tutor a question (Vietnamese)")
    a.add_argument("question", nargs="+", help="the question")
    a.set_defaults(func=_ask)
