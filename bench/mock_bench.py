"""Benchmark the offline assistant: latency per reply and throughput.

Prints the median latency of one chat reply in-process (the pure handler through the SDK's
in-process transport) and over loopback HTTP (plain and streamed), and requests/s with
concurrent clients over HTTP, beside the issue's targets (issue 3):
  <= 5 ms per in-process reply, >= 300 requests/s over loopback on 2 cores.
Usage: python bench/mock_bench.py [--requests N] [--clients C]
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")

import openai

from aiwork.mock import handler, reqlog, transport
from aiwork.mock.common import MockRequest
from aiwork.mock.server import start_background

TARGET_INPROCESS_MS = 5.0
TARGET_RPS = 300.0

PROMPTS = [
    "Bạn là chuyên viên Văn phòng UBND phường Quy Nhơn. Hãy soạn giấy mời gửi các tổ trưởng tổ "
    "dân phố về việc triển khai Bình dân học vụ số, họp lúc 8 giờ ngày 15/3/2026 tại hội trường "
    "UBND phường. Không quá 150 từ.",
    'Tóm tắt văn bản sau thành 3 ý:\n"""Năm 2025, Trung tâm Phục vụ hành chính công tiếp nhận '
    "12.500 hồ sơ. Tỷ lệ hồ sơ trực tuyến đạt 68%. Thời gian chờ trung bình giảm còn 15 phút. "
    'Một số thủ tục đất đai còn chậm do thiếu hồ sơ địa chính."""',
    "Thời hạn giải quyết thủ tục cấp giấy phép xây dựng là bao lâu?",
]


def _messages(i: int) -> list[dict[str, str]]:
    # Vary the text so no layer could answer from a cache.
    return [{"role": "user", "content": f"{PROMPTS[i % len(PROMPTS)]} (lần {i})"}]


def median_ms(fn, n: int) -> float:
    times = []
    for i in range(n):
        t0 = time.perf_counter()
        fn(i)
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def throughput(url: str, total: int, clients: int) -> tuple[float, list[BaseException]]:
    """Requests/s of ``clients`` threads, each with its own SDK client, sending chat requests."""
    per_client = max(1, total // clients)
    errors: list[BaseException] = []

    def worker(k: int) -> None:
        c = openai.OpenAI(base_url=url + "/v1", api_key="sk-bench", max_retries=0)
        try:
            for i in range(per_client):
                c.chat.completions.create(model="mock-gpt", messages=_messages(k * per_client + i))
        except BaseException as exc:  # noqa: BLE001 - reported by the caller
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return clients * per_client / (time.perf_counter() - t0), errors


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=300, help="requests per latency figure")
    ap.add_argument("--clients", type=int, default=8, help="concurrent HTTP clients")
    args = ap.parse_args()
    n = args.requests

    pure = median_ms(
        lambda i: handler.handle(
            MockRequest(
                "POST",
                "/v1/chat/completions",
                {"authorization": "Bearer k"},
                json.dumps({"model": "mock-gpt", "messages": _messages(i)}).encode(),
            )
        ),
        n,
    )

    local = transport.client()
    inproc = median_ms(
        lambda i: local.chat.completions.create(model="mock-gpt", messages=_messages(i)), n
    )

    server = start_background()
    remote = openai.OpenAI(base_url=server.url + "/v1", api_key="sk-bench", max_retries=0)
    remote.models.list()  # open the keep-alive connection
    http_plain = median_ms(
        lambda i: remote.chat.completions.create(model="mock-gpt", messages=_messages(i)), n
    )

    def streamed(i: int) -> None:
        for _ in remote.chat.completions.create(
            model="mock-gpt", messages=_messages(i), stream=True
        ):
            pass

    http_stream = median_ms(streamed, n)

    same_rps, errors = throughput(server.url, n * 2, args.clients)
    server.shutdown()
    reqlog.clear()

    # The deployment shape: `aiwork mock serve` in its own process (its own GIL), as when it
    # runs as a JupyterHub service; the clients run here.
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "aiwork.cli", "mock", "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    proc.stdout.readline()
    try:
        sep_rps, sep_errors = throughput(f"http://127.0.0.1:{port}", n * 2, args.clients)
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    errors += sep_errors
    print(f"offline assistant benchmark (median of {n} chat replies; {os.cpu_count()} CPUs)")
    print(f"  pure handler, no SDK           {pure:7.2f} ms")
    print(
        f"  in-process (SDK + transport)   {inproc:7.2f} ms   target <= {TARGET_INPROCESS_MS:.0f} ms  "
        f"{'OK' if inproc <= TARGET_INPROCESS_MS else 'MISSED'}"
    )
    print(f"  HTTP loopback, plain           {http_plain:7.2f} ms")
    print(f"  HTTP loopback, streamed        {http_stream:7.2f} ms")
    print(f"  HTTP req/s, {args.clients} clients, server in a separate process (aiwork mock serve)")
    print(
        f"                                 {sep_rps:7.1f} req/s   target >= {TARGET_RPS:.0f} req/s  "
        f"{'OK' if sep_rps >= TARGET_RPS else 'MISSED'}"
    )
    print(f"  HTTP req/s, {args.clients} clients, server in the same process (offline kernel)")
    print(f"                                 {same_rps:7.1f} req/s")
    if errors:
        print(f"  {len(errors)} errors: {errors[0]!r}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
