"""Fetch 200 sources from a local server with latency and faults; compare to the ideal.

The server (a separate process) answers each page after 50-200 ms and misbehaves on
10% of them: a 503 then a 200, a reset in the middle of the body then a 200, a 429
with ``Retry-After: 0`` then a 200, or a permanent 404. Pages are spread over four
loopback addresses, so both the per-host and the global concurrency limits apply.

Printed: the concurrent run's time as a ratio to the ideal for the concurrency limit
(all the server time the run needs, spread perfectly over ``max_connections`` slots,
or the longest single chain of attempts, whichever is longer; target <= 1.5), and the
speed-up over a sequential run of the same sources in the same process.

With ``--extraction``, compares sourcetrace's main-text extraction (bs4) with
trafilatura's on the HTML fixtures of ``tests/data/fetch``: the share of the sentences
that belong to the text that each keeps, and how many pieces of boilerplate each lets
through (lists written by hand from the fixtures, below). trafilatura is not a
dependency: install it (``pip install trafilatura``) to run this part.

Run: ``python benchmarks/bench_fetch.py [--sources 200] [--skip-sequential] [--extraction]``.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import socket
import struct
import sys
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from sourcetrace._config import TraceConfig
from sourcetrace._errors import FetchError
from sourcetrace.fetch import Fetcher

HOSTS = ("127.0.0.1", "127.0.0.2", "127.0.0.3", "127.0.0.4")
BACKOFF = 0.1


def latency(index: int) -> float:
    """Seconds the server waits before answering page ``index`` (50-200 ms)."""
    return 0.050 + ((index * 37) % 151) / 1000


def fault(index: int) -> str | None:
    """The fault of page ``index``: every tenth page misbehaves, four kinds in turn."""
    if index % 10 != 3:
        return None
    return ("503", "reset", "429", "404")[(index // 10) % 4]


def page(index: int) -> bytes:
    paragraph = (
        f"<p>Paragraph of page {index}: the ministry said the corridor would stay open, "
        "and officials declined to give a date.</p>"
    )
    return (
        f"<html><head><title>Page {index}</title></head><body><article>"
        f"{paragraph * 40}</article></body></html>"
    ).encode()


def serve(ports: Connection) -> None:
    asyncio.run(_serve(ports))


async def _serve(ports: Connection) -> None:
    attempts: dict[str, int] = {}

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                path = head.split(b" ", 2)[1].decode()
                if path == "/robots.txt":
                    writer.write(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
                    await writer.drain()
                    continue
                index = int(path.rsplit("/", 1)[1])
                seen = attempts[path] = attempts.get(path, 0) + 1
                await asyncio.sleep(latency(index))
                kind = fault(index)
                body = page(index)
                if kind == "404":
                    writer.write(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
                elif kind == "503" and seen == 1:
                    writer.write(b"HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n")
                elif kind == "429" and seen == 1:
                    writer.write(
                        b"HTTP/1.1 429 Too Many Requests\r\nRetry-After: 0\r\n"
                        b"Content-Length: 0\r\n\r\n"
                    )
                elif kind == "reset" and seen == 1:
                    writer.write(
                        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                        + f"Content-Length: {len(body)}\r\n\r\n".encode()
                        + body[:500]
                    )
                    await writer.drain()
                    sock = writer.get_extra_info("socket")
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    writer.transport.abort()
                    return
                else:
                    writer.write(
                        b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                        + f"Content-Length: {len(body)}\r\n\r\n".encode()
                        + body
                    )
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError):
            return
        finally:
            writer.close()

    servers = [await asyncio.start_server(handle, host, 0, backlog=512) for host in HOSTS]
    ports.send([server.sockets[0].getsockname()[1] for server in servers])
    await asyncio.sleep(3600)


@dataclass
class RunResult:
    seconds: float
    cpu_seconds: float
    ok: int
    failed: int


async def run(urls: list[str], config: TraceConfig, *, sequential: bool) -> RunResult:
    ok = failed = 0
    async with Fetcher(config) as fetcher:

        async def one(url: str) -> bool:
            try:
                await fetcher.fetch(url)
            except FetchError:
                return False
            return True

        start = time.perf_counter()
        cpu_start = time.process_time()
        if sequential:
            results = [await one(url) for url in urls]
        else:
            results = list(await asyncio.gather(*(one(url) for url in urls)))
        seconds = time.perf_counter() - start
        cpu_seconds = time.process_time() - cpu_start
    ok = sum(results)
    failed = len(results) - ok
    return RunResult(seconds, cpu_seconds, ok, failed)


def ideal_seconds(indices: list[int], slots: int) -> tuple[float, float]:
    """(ideal time for ``slots`` parallel requests, total server time of all attempts)."""
    work = 0.0
    longest = 0.0
    for index in indices:
        kind = fault(index)
        retried = kind in ("503", "reset", "429")
        chain = latency(index) * (2 if retried else 1) + (BACKOFF if retried else 0.0)
        work += latency(index) * (2 if retried else 1)
        longest = max(longest, chain)
    return max(work / slots, longest), work


FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "data" / "fetch"

# For each fixture: sentences of the main text (each must be kept) and boilerplate
# (each must be dropped). Speaker labels count as text: a transcript without them
# cannot say who said what.
GOLD: dict[str, tuple[list[str], list[str]]] = {
    "article.html": (
        [
            "Spokesperson Tobias Mercer said on Thursday",
            "Pellandia's foreign minister, Ilse Varga, told reporters",
            "declined to confirm",
            '"will not be rushed" on the flood barrier',
        ],
        [
            "Front page",
            "morning briefing in your inbox",
            "Most read",
            "The Harbor Ledger",
            "trackScroll",
        ],
    ),
    "briefing_bold.html": (
        [
            "CARLA IBSEN Good afternoon.",
            "QUESTION Thank you. Is the ministry prepared",
            "CARLA IBSEN We are prepared to keep it open",
            "Our ambassador met the Pellandian ambassador",
            "QUESTION Was the fuel shipment discussed?",
            "CARLA IBSEN It was, and we expect the first trucks",
        ],
        ["Contact", "Share", "Print", "Briefing of March 11", "Privacy"],
    ),
    "statement_divs.html": (
        [
            "Administrator Miriam Osei issued the following statement today",
            "The boil-water notice for Tellen, Millbrook and Ashford is lifted",
            "Our full review of the June inspection will be published",
        ],
        [
            "About the Administration",
            "Careers",
            "Latest statements",
            "Flood season",
            "400 Water Street",
            "FOIA",
            "An official website",
        ],
    ),
    "wire_story.html": (
        [
            "Pellandia's foreign minister, Ilse Varga, said on Friday",
            "The mission has done its work, and it will end by December",
            "declined to confirm the date",
        ],
        [
            "We use cookies",
            "Markets",
            "Read more: Corridor talks",
            "Related coverage",
            "Aid corridor to stay open",
            "Reader 1",
            "All rights reserved",
        ],
    ),
}


def _score(text: str, name: str) -> tuple[int, int, int, int]:
    flat = " ".join(text.split())
    keep, drop = GOLD[name]
    kept = sum(1 for sentence in keep if sentence in flat)
    leaked = sum(1 for piece in drop if piece in flat)
    return kept, len(keep), leaked, len(drop)


def compare_extraction() -> None:
    from sourcetrace.fetch import document_from_html

    try:
        import trafilatura
    except ImportError:
        print("trafilatura is not installed: pip install trafilatura")
        return
    extractors = {
        "sourcetrace (bs4)": lambda html: document_from_html(html).text,
        "trafilatura": lambda html: (
            trafilatura.extract(html, include_tables=True, include_comments=False) or ""
        ),
    }
    totals = {name: [0, 0, 0, 0, 0.0] for name in extractors}
    print(f"{'fixture':<22}{'extractor':<20}{'sentences kept':>16}{'boilerplate leaked':>20}")
    for fixture in sorted(GOLD):
        html = (FIXTURES / fixture).read_text(encoding="utf-8")
        for name, extract in extractors.items():
            start = time.perf_counter()
            for _ in range(20):
                text = extract(html)
            seconds = (time.perf_counter() - start) / 20
            kept, keep, leaked, drop = _score(text, fixture)
            for i, value in enumerate((kept, keep, leaked, drop, seconds)):
                totals[name][i] += value
            print(f"{fixture:<22}{name:<20}{kept:>11}/{keep:<4}{leaked:>15}/{drop:<4}")
    for name, (kept, keep, leaked, drop, seconds) in totals.items():
        print(
            f"{name}: kept {kept}/{keep} sentences, leaked {leaked}/{drop} boilerplate pieces, "
            f"{seconds / len(GOLD) * 1000:.1f} ms per page"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=int, default=200)
    parser.add_argument("--skip-sequential", action="store_true")
    parser.add_argument("--extraction", action="store_true")
    args = parser.parse_args()
    if args.extraction:
        compare_extraction()
        return

    context = multiprocessing.get_context("spawn")
    receive, send = context.Pipe(duplex=False)
    server = context.Process(target=serve, args=(send,), daemon=True)
    server.start()
    ports = receive.recv()
    try:
        config = TraceConfig(
            allow_hosts=("127.0.0.0/8",),
            retry_backoff=BACKOFF,
            request_timeout=10,
        )
        indices = list(range(args.sources))

        def urls(run_name: str) -> list[str]:
            return [
                f"http://{HOSTS[i % len(HOSTS)]}:{ports[i % len(HOSTS)]}/{run_name}/doc/{i}"
                for i in indices
            ]

        ideal, work = ideal_seconds(indices, config.max_connections)
        concurrent = asyncio.run(run(urls("concurrent"), config, sequential=False))
        print(
            f"sources: {args.sources} on {len(HOSTS)} hosts, faults: "
            f"{sum(1 for i in indices if fault(i))}, max_connections={config.max_connections}, "
            f"max_connections_per_host={config.max_connections_per_host}"
        )
        print(f"server time needed (all attempts): {work:.2f} s")
        print(f"ideal for the concurrency limit:    {ideal:.2f} s")
        print(
            f"concurrent run:                     {concurrent.seconds:.2f} s "
            f"({concurrent.ok} ok, {concurrent.failed} failed, "
            f"{concurrent.cpu_seconds:.2f} s of client CPU)"
        )
        print(
            f"ratio to ideal:                     {concurrent.seconds / ideal:.2f}x (target <= 1.5)"
        )
        if not args.skip_sequential:
            sequential = asyncio.run(run(urls("sequential"), config, sequential=True))
            print(
                f"sequential run:                     {sequential.seconds:.2f} s "
                f"({sequential.ok} ok, {sequential.failed} failed)"
            )
            print(
                f"speed-up over sequential:           "
                f"{sequential.seconds / concurrent.seconds:.1f}x"
            )
    finally:
        server.terminate()
        server.join()


if __name__ == "__main__":
    main()
