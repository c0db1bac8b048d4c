"""Free replies worth teaching with: the labelled prompt set (tests/mock/quality/*.yaml,
126 prompts across the course's kinds), each reply checked by aiwork.mock.quality."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aiwork.mock import MockRequest, handle, quality

CASES = quality.load(Path(__file__).parent / "quality")
TARGET = 0.95


def ask(body: dict) -> str:
    resp = handle(
        MockRequest(
            "POST",
            "/v1/chat/completions",
            {"authorization": "Bearer sk-quality"},
            json.dumps(body).encode(),
        )
    )
    assert resp.status == 200, resp.body
    return json.loads(resp.body)["choices"][0]["message"]["content"] or ""


def test_the_set_covers_every_kind() -> None:
    assert len(CASES) >= 120
    assert {c.kind for c in CASES} == set(quality.KINDS)
    assert len({c.id for c in CASES}) == len(CASES)


def test_pass_rate_at_least_95_percent() -> None:
    outcomes = quality.run(CASES, ask)
    failed = [o for o in outcomes if not o.passed]
    rate = 1 - len(failed) / len(outcomes)
    report = "\n".join(f"{o.case.id}: {'; '.join(o.failures)}" for o in failed)
    assert rate >= TARGET, f"pass rate {rate:.1%}:\n{report}"


@pytest.mark.parametrize(
    "reply, source, cut",
    [
        ("Phong trào Bình dân học.", "Phong trào Bình dân học vụ số được phát động.", True),
        (
            "Phong trào Bình dân học vụ số được phát động.",
            "Phong trào Bình dân học vụ số được phát động.",
            False,
        ),
        ("Tỷ lệ hồ sơ trực tuyến đạt 68%.", "Tỷ lệ hồ sơ trực tuyến đạt 68%, tăng 5%.", False),
        ("Người dân có thể nộp hồ sơ.", "Người dân có thể nộp hồ sơ trực tuyến trên Cổng.", True),
        ("Đề nghị các đơn vị phối hợp.", "Đề nghị các đơn vị phối hợp để hoàn thành.", False),
        ("Chuyển đổ.", "Chuyển đổi số.", False),  # too short to judge
        ("Thực hiện chuyển đổ.", "Thực hiện chuyển đổi số.", True),
    ],
)
def test_cut_sentence_check(reply: str, source: str, cut: bool) -> None:
    assert bool(quality.cut_sentences(reply, source)) is cut


def test_the_checks_can_fail() -> None:
    case = next(c for c in CASES if c.id == "draft-to-trinh-kinh-phi")
    out = quality.check(case, "Kính trình UBND tỉnh xem xét. People's Committee approves.")
    assert any("fact missing" in f for f in out.failures)
    assert any("English" in f for f in out.failures)
    cls = next(c for c in CASES if c.id == "cls-dat-dai")
    assert not quality.check(cls, "Đất đai").failures
    assert quality.check(cls, "Phân loại: Đất đai").failures
    assert quality.check(cls, "Môi trường").failures
