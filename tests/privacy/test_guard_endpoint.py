"""End to end: the assistant client talking to a configured NON-local endpoint.

A loopback HTTP server stands in for the remote model (AIWORK_BACKEND=compatible,
AIWORK_BASE_URL=http://127.0.0.1:PORT/v1) and records every body it receives. Whatever the
learner sends through ``get_client()`` / ``hoi()``, no labelled personal value may arrive
unredacted (redact mode), nothing may arrive at all (block mode).
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from aiwork.privacy import dataset
from aiwork.privacy.guard import PrivacyBlocked

RECEIVED: list[dict] = []


class RemoteModel(BaseHTTPRequestHandler):
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        RECEIVED.append({"path": self.path, "body": body})
        if self.path.endswith("/embeddings"):
            n = len(body["input"]) if isinstance(body["input"], list) else 1
            reply = {
                "object": "list",
                "model": body["model"],
                "data": [
                    {"object": "embedding", "index": i, "embedding": [0.0, 1.0]} for i in range(n)
                ],
                "usage": {"prompt_tokens": 1, "total_tokens": 1},
            }
        else:
            # echo the (redacted) prompt, as a model quoting its input would
            last = body["messages"][-1]["content"]
            reply = {
                "id": "x",
                "object": "chat.completion",
                "created": 0,
                "model": body["model"],
                "choices": [
                    {
                        "index": 0,
                        "finish_reason": "stop",
                        "message": {"role": "assistant", "content": f"Đã nhận: {last}"},
                    }
                ],
                "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
            }
        data = json.dumps(reply, ensure_ascii=False).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):  # keep test output quiet
        pass


@pytest.fixture(scope="module")
def remote():
    server = ThreadingHTTPServer(("127.0.0.1", 0), RemoteModel)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()


@pytest.fixture
def configured(remote, monkeypatch):
    monkeypatch.setenv("AIWORK_BACKEND", "compatible")
    monkeypatch.setenv("AIWORK_BASE_URL", remote)
    monkeypatch.setenv("AIWORK_MODEL", "remote-model")
    monkeypatch.delenv("AIWORK_CONFIG", raising=False)
    RECEIVED.clear()
    return monkeypatch


def received_text() -> str:
    return json.dumps([r["body"] for r in RECEIVED], ensure_ascii=False)


def test_no_labelled_personal_value_reaches_the_endpoint(configured):
    from aiwork.assistant import get_client

    client = get_client(max_retries=0)
    docs = dataset.load_all()
    heldout = (
        {d.id for d in dataset.load(dataset.HELDOUT_PATH)}
        if (dataset.HELDOUT_PATH.exists())
        else set()
    )
    leaked = []
    for doc in docs:
        RECEIVED.clear()
        client.chat.completions.create(
            model="remote-model",
            messages=[
                {"role": "system", "content": "Anh/chị là chuyên viên một cửa."},
                {"role": "user", "content": f"Tóm tắt văn bản sau:\n{doc.text}"},
            ],
        )
        assert len(RECEIVED) == 1
        sent = received_text()
        leaked += [
            (doc.id, s.text)
            for s in doc.spans
            if json.dumps(s.text, ensure_ascii=False)[1:-1] in sent
        ]
    # Tuning sets: nothing leaks. With the held-out set (never tuned on): at most 2% of all
    # labelled values, the recall target (today: one nickname, "chú Sáu").
    assert not [x for x in leaked if x[0] not in heldout], f"leaked: {leaked}"
    assert len(leaked) <= 0.02 * sum(len(d.spans) for d in docs), f"leaked: {leaked}"
    RECEIVED.clear()
    client.embeddings.create(model="remote-embed", input=[d.text for d in docs[:5]])
    sent = received_text()
    assert "[CCCD_1]" in sent and "Kính gửi" in sent  # redacted, content kept
    assert not [
        s.text
        for d in docs[:5]
        for s in d.spans
        if json.dumps(s.text, ensure_ascii=False)[1:-1] in sent
    ]


def test_hoi_in_redact_mode_sends_placeholders(configured):
    from aiwork.assistant import hoi

    reply = hoi("Viết giấy mời bà Nguyễn Thị Hoa, điện thoại 0905 123 456, họp ngày 12/3/2026.")
    body = RECEIVED[-1]["body"]
    assert body["messages"][-1]["content"] == (
        "Viết giấy mời bà [HO_TEN_1], điện thoại [SDT_1], họp ngày 12/3/2026."
    )
    assert "Nguyễn Thị Hoa" not in reply


def test_block_mode_sends_nothing(configured):
    from aiwork.assistant import get_client

    configured.setenv("AIWORK_PRIVACY_MODE", "block")
    client = get_client(max_retries=0)
    with pytest.raises(PrivacyBlocked) as info:
        client.chat.completions.create(
            model="remote-model",
            messages=[{"role": "user", "content": "Tra cứu CCCD 052187001234 của ông Lê Văn Tâm."}],
        )
    assert RECEIVED == []
    assert "số căn cước" in str(info.value)
    client.chat.completions.create(
        model="remote-model",
        messages=[{"role": "user", "content": "Tóm tắt Nghị định 30/2020/NĐ-CP."}],
    )
    assert len(RECEIVED) == 1  # a clean request still goes through


def test_warn_mode_sends_the_original_and_warns(configured):
    import warnings

    from aiwork.assistant import get_client
    from aiwork.privacy.guard import PrivacyWarning

    configured.setenv("AIWORK_PRIVACY_MODE", "warn")
    client = get_client(max_retries=0)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        client.chat.completions.create(
            model="remote-model",
            messages=[
                {"role": "user", "content": "Gọi bà Lê Thị Thanh Hương theo số 0935 682 417."}
            ],
        )
    assert "0935 682 417" in received_text()  # warn mode is the trainer's explicit choice
    assert any(issubclass(w.category, PrivacyWarning) for w in caught)
