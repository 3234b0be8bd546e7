"""The fetcher against misbehaving servers on 127.0.0.1: timeouts, resets, caps, retries."""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import socket
import struct
import time
import tracemalloc
import zlib
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from sourcetrace import _errors as errors
from sourcetrace._config import TraceConfig
from sourcetrace.fetch import Fetcher, FetchResult, aload

pytestmark = pytest.mark.network


def _url(server: HTTPServer, path: str) -> str:
    """The server's URL by address (``url_for`` says "localhost", a name)."""
    return f"http://127.0.0.1:{server.port}{path}"


LOCAL = TraceConfig(allow_hosts=("127.0.0.1",), retry_backoff=0.05, respect_robots=False)
"""Robots.txt is tested on its own (test_fetch_robots.py); here it would add requests."""

Handler = Callable[[bytes, asyncio.StreamWriter], Awaitable[None]]


@dataclass
class RawServer:
    """An HTTP/1.1 server written by hand, for faults no framework will produce."""

    url: str
    requests: list[bytes] = field(default_factory=list)
    in_flight: int = 0
    max_in_flight: int = 0


@contextlib.asynccontextmanager
async def raw_server(handler: Handler, host: str = "127.0.0.1") -> AsyncIterator[RawServer]:
    tasks: set[asyncio.Task[None]] = set()
    writers: list[asyncio.StreamWriter] = []
    state = RawServer(url="")

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writers.append(writer)
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                state.requests.append(head)
                state.in_flight += 1
                state.max_in_flight = max(state.max_in_flight, state.in_flight)
                try:
                    await handler(head, writer)
                finally:
                    state.in_flight -= 1
                if writer.is_closing():
                    return
        except (ConnectionError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            return
        finally:
            writer.close()

    def on_connect(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.ensure_future(serve(reader, writer))
        tasks.add(task)
        task.add_done_callback(tasks.discard)

    server = await asyncio.start_server(on_connect, host, 0)
    port = server.sockets[0].getsockname()[1]
    state.url = f"http://{host}:{port}"
    try:
        yield state
    finally:
        server.close()
        for task in list(tasks):
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        for writer in writers:
            writer.transport.abort()
        await server.wait_closed()


def _head(status: str = "200 OK", **headers: str) -> bytes:
    lines = [f"HTTP/1.1 {status}"] + [
        f"{name.replace('_', '-')}: {value}" for name, value in headers.items()
    ]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


async def _fetch(config: TraceConfig, url: str) -> FetchResult:
    async with Fetcher(config) as fetcher:
        return await fetcher.fetch(url)


# --- timeouts ----------------------------------------------------------------------------


def test_fetch_drip_feed_hits_the_request_timeout() -> None:
    """One byte a second never trips a per-read timeout; the per-request deadline fires."""

    async def drip(head: bytes, writer: asyncio.StreamWriter) -> None:
        writer.write(_head(Content_Type="text/plain", Content_Length="100"))
        for _ in range(100):
            writer.write(b"x")
            await writer.drain()
            await asyncio.sleep(1.0)

    timeout = 1.5

    async def main() -> tuple[float, errors.FetchError]:
        async with raw_server(drip) as server:
            config = LOCAL.model_copy(update={"request_timeout": timeout, "retries": 0})
            start = time.monotonic()
            with pytest.raises(errors.FetchError) as info:
                await _fetch(config, server.url + "/drip")
            return time.monotonic() - start, info.value

    elapsed, error = asyncio.run(main())
    assert type(error) is errors.FetchError
    assert "did not answer within 1.5s" in str(error)
    assert error.attempts == 1
    assert timeout <= elapsed < timeout + 0.75


def test_fetch_server_that_never_answers() -> None:
    async def silent(head: bytes, writer: asyncio.StreamWriter) -> None:
        await asyncio.sleep(3600)

    async def main() -> tuple[float, RawServer]:
        async with raw_server(silent) as server:
            config = LOCAL.model_copy(update={"request_timeout": 1.0, "retries": 2})
            start = time.monotonic()
            with pytest.raises(errors.FetchError, match="did not answer"):
                await _fetch(config, server.url + "/")
            return time.monotonic() - start, server

    elapsed, server = asyncio.run(main())
    # Timeouts are not retried: one request, one timeout.
    assert len(server.requests) == 1
    assert 1.0 <= elapsed < 1.75


# --- broken connections ------------------------------------------------------------------


async def _reset_mid_body(head: bytes, writer: asyncio.StreamWriter) -> None:
    writer.write(_head(Content_Type="text/plain", Content_Length="10000") + b"y" * 100)
    await writer.drain()
    sock = writer.get_extra_info("socket")
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.transport.abort()  # with SO_LINGER 0: an RST, not a FIN


def test_fetch_reset_mid_body_is_retried_then_reported() -> None:
    async def main() -> tuple[errors.FetchError, RawServer]:
        async with raw_server(_reset_mid_body) as server:
            config = LOCAL.model_copy(update={"retries": 2})
            with pytest.raises(errors.FetchError) as info:
                await _fetch(config, server.url + "/reset")
            return info.value, server

    error, server = asyncio.run(main())
    assert type(error) is errors.FetchError
    assert "after 3 attempts" in str(error)
    assert error.attempts == 3
    assert len(server.requests) == 3


def test_fetch_connection_refused_is_retried() -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now

    async def main() -> errors.FetchError:
        config = LOCAL.model_copy(update={"retries": 1})
        with pytest.raises(errors.FetchError) as info:
            await _fetch(config, f"http://127.0.0.1:{port}/")
        return info.value

    error = asyncio.run(main())
    assert error.attempts == 2
    assert "ConnectError" in str(error)


# --- size caps ---------------------------------------------------------------------------


def test_fetch_huge_body_is_capped_with_bounded_memory() -> None:
    """200 MB streamed with a 20 MB cap: abandoned, and memory stays near the cap."""
    cap = 20_000_000
    chunk = b"z" * 65536
    sent = 0

    async def huge(head: bytes, writer: asyncio.StreamWriter) -> None:
        nonlocal sent
        writer.write(_head(Content_Type="text/plain", Connection="close"))
        while sent < 200_000_000:
            writer.write(chunk)
            sent += len(chunk)
            await writer.drain()
        writer.close()

    async def main() -> errors.FetchError:
        async with raw_server(huge) as server:
            config = LOCAL.model_copy(update={"max_response_bytes": cap})
            with pytest.raises(errors.ResponseTooLargeError) as info:
                await _fetch(config, server.url + "/huge")
            return info.value

    tracemalloc.start()
    try:
        error = asyncio.run(main())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "max_response_bytes" in str(error)
    assert error.attempts == 1
    assert peak < 3 * cap, f"peak {peak:,} bytes"
    assert sent < 200_000_000  # the server was stopped early, not drained to the end


def test_fetch_declared_length_over_cap_is_refused_unread(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/big").respond_with_data(b"a" * 5000, content_type="text/plain")
    config = LOCAL.model_copy(update={"max_response_bytes": 1000})
    with pytest.raises(errors.ResponseTooLargeError):
        asyncio.run(_fetch(config, _url(httpserver, "/big")))


def _gzip_bomb(size: int) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1_000_000)
    parts = [compressor.compress(block) for _ in range(size // len(block))]
    parts.append(compressor.flush())
    return b"".join(parts)


def test_fetch_gzip_bomb_is_capped_after_decompression(httpserver: HTTPServer) -> None:
    bomb = _gzip_bomb(100_000_000)
    assert len(bomb) < 200_000  # 100 MB of zeros in a small package
    httpserver.expect_request("/bomb").respond_with_data(
        bomb, content_type="text/plain", headers={"Content-Encoding": "gzip"}
    )
    cap = 10_000_000
    config = LOCAL.model_copy(update={"max_response_bytes": cap})
    tracemalloc.start()
    try:
        with pytest.raises(errors.ResponseTooLargeError):
            asyncio.run(_fetch(config, _url(httpserver, "/bomb")))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    # The body grows to the cap, never to the 100 MB the bomb would expand to.
    assert peak < 3 * cap, f"peak {peak:,} bytes"


def test_fetch_gzip_and_deflate_bodies_are_decoded(httpserver: HTTPServer) -> None:
    text = "The minister said the corridor stays open. " * 50
    httpserver.expect_request("/gz").respond_with_data(
        gzip.compress(text.encode()),
        content_type="text/plain",
        headers={"Content-Encoding": "gzip"},
    )
    raw_deflate = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    httpserver.expect_request("/raw-deflate").respond_with_data(
        raw_deflate.compress(text.encode()) + raw_deflate.flush(),
        content_type="text/plain",
        headers={"Content-Encoding": "deflate"},
    )
    httpserver.expect_request("/zlib-deflate").respond_with_data(
        zlib.compress(text.encode()),
        content_type="text/plain",
        headers={"Content-Encoding": "deflate"},
    )

    async def main() -> list[bytes]:
        async with Fetcher(LOCAL) as fetcher:
            return [
                (await fetcher.fetch(_url(httpserver, path))).content
                for path in ("/gz", "/raw-deflate", "/zlib-deflate")
            ]

    assert asyncio.run(main()) == [text.encode()] * 3


# --- redirects ---------------------------------------------------------------------------


def test_fetch_redirect_loop(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/a").respond_with_data("", status=302, headers={"Location": "/b"})
    httpserver.expect_request("/b").respond_with_data("", status=301, headers={"Location": "/a"})
    with pytest.raises(errors.FetchError, match="loop") as info:
        asyncio.run(_fetch(LOCAL, _url(httpserver, "/a")))
    assert info.value.attempts == 2
    assert len(httpserver.log) == 2


def test_fetch_too_many_redirects(httpserver: HTTPServer) -> None:
    for hop in range(6):
        httpserver.expect_request(f"/r{hop}").respond_with_data(
            "", status=307, headers={"Location": f"/r{hop + 1}"}
        )
    config = LOCAL.model_copy(update={"max_redirects": 3})
    with pytest.raises(errors.FetchError, match="more than 3 times"):
        asyncio.run(_fetch(config, _url(httpserver, "/r0")))
    # Three redirects followed (r0 -> r1 -> r2 -> r3), the fourth refused.
    assert len(httpserver.log) == 4


def test_fetch_follows_redirects_and_reports_them(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/old").respond_with_data(
        "", status=301, headers={"Location": "/new"}
    )
    httpserver.expect_request("/new").respond_with_data("moved", content_type="text/plain")
    result = asyncio.run(_fetch(LOCAL, _url(httpserver, "/old")))
    assert result.content == b"moved"
    assert result.final_url == _url(httpserver, "/new")
    assert result.redirects == (_url(httpserver, "/new"),)
    assert result.attempts == 2


# --- retries -----------------------------------------------------------------------------


def test_fetch_429_with_retry_after_then_200(httpserver: HTTPServer) -> None:
    httpserver.expect_oneshot_request("/busy").respond_with_data(
        "slow down", status=429, headers={"Retry-After": "1"}
    )
    httpserver.expect_request("/busy").respond_with_data("finally", content_type="text/plain")
    result = asyncio.run(_fetch(LOCAL, _url(httpserver, "/busy")))
    assert result.content == b"finally"
    assert result.attempts == 2
    # retry_backoff is 0.05 s: only Retry-After explains a wait of a second.
    assert 1.0 <= result.elapsed < 2.0


def test_fetch_retry_after_is_capped_by_request_timeout(httpserver: HTTPServer) -> None:
    httpserver.expect_oneshot_request("/busy").respond_with_data(
        "", status=503, headers={"Retry-After": "3600"}
    )
    httpserver.expect_request("/busy").respond_with_data("ok", content_type="text/plain")
    config = LOCAL.model_copy(update={"request_timeout": 0.5})
    result = asyncio.run(_fetch(config, _url(httpserver, "/busy")))
    assert result.content == b"ok"
    assert 0.5 <= result.elapsed < 1.5


def test_fetch_503_then_200(httpserver: HTTPServer) -> None:
    httpserver.expect_oneshot_request("/flaky").respond_with_data("down", status=503)
    httpserver.expect_request("/flaky").respond_with_data("up", content_type="text/plain")
    config = LOCAL.model_copy(update={"retry_backoff": 0.3})
    result = asyncio.run(_fetch(config, _url(httpserver, "/flaky")))
    assert result.content == b"up"
    assert result.attempts == 2
    assert result.elapsed >= 0.3


def test_fetch_persistent_503_becomes_http_status_error(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/down").respond_with_data("down", status=503)
    config = LOCAL.model_copy(update={"retries": 2})
    with pytest.raises(errors.HTTPStatusError) as info:
        asyncio.run(_fetch(config, _url(httpserver, "/down")))
    assert info.value.status_code == 503
    assert info.value.attempts == 3
    assert len(httpserver.log) == 3


def test_fetch_404_is_not_retried(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/gone").respond_with_data("no", status=404)
    with pytest.raises(errors.HTTPStatusError, match="HTTP 404") as info:
        asyncio.run(_fetch(LOCAL, _url(httpserver, "/gone")))
    assert info.value.status_code == 404
    assert len(httpserver.log) == 1


# --- content -----------------------------------------------------------------------------


def test_fetch_sends_the_user_agent(httpserver: HTTPServer) -> None:
    agent = "sourcetrace-test/1.0 (+https://example.org/bot)"
    httpserver.expect_request("/ua", headers={"User-Agent": agent}).respond_with_data(
        "seen", content_type="text/plain"
    )
    config = LOCAL.model_copy(update={"user_agent": agent})
    assert asyncio.run(_fetch(config, _url(httpserver, "/ua"))).content == b"seen"


def test_fetch_binary_served_as_html_is_refused(httpserver: HTTPServer) -> None:
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    httpserver.expect_request("/fake").respond_with_data(png, content_type="text/html")
    with pytest.raises(errors.FetchError, match="binary data"):
        asyncio.run(_fetch(LOCAL, _url(httpserver, "/fake")))


def test_fetch_image_media_type_is_refused_before_reading(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/img").respond_with_data(b"GIF89a...", content_type="image/gif")
    with pytest.raises(errors.FetchError, match="image/gif"):
        asyncio.run(_fetch(LOCAL, _url(httpserver, "/img")))


def test_fetch_octet_stream_html_is_sniffed(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/o").respond_with_data(
        b"<!DOCTYPE html><html><body><p>Hi</p></body></html>",
        content_type="application/octet-stream",
    )
    result = asyncio.run(_fetch(LOCAL, _url(httpserver, "/o")))
    assert result.media_type == "text/html"


@pytest.mark.parametrize(
    ("declared", "encoding"),
    [("iso-8859-1", "utf-8"), ("utf-8", "cp1252"), ("utf-8", "latin-1")],
)
def test_fetch_wrong_charset_is_still_readable(
    httpserver: HTTPServer, declared: str, encoding: str
) -> None:
    html = "<html><body><p>Señora Núñez said the café would reopen.</p></body></html>"
    httpserver.expect_request("/c").respond_with_data(
        html.encode(encoding), content_type=f"text/html; charset={declared}"
    )

    async def main() -> str:
        async with Fetcher(LOCAL) as fetcher:
            return (await aload(_url(httpserver, "/c"), fetcher=fetcher)).text

    assert asyncio.run(main()) == "Señora Núñez said the café would reopen."


def test_aload_url_builds_a_document(httpserver: HTTPServer) -> None:
    page = (
        '<html><head><meta property="og:site_name" content="Ministry of Water">'
        '<link rel="canonical" href="/statements/42"></head>'
        "<body><article><p>The ministry said the barrier is safe.</p></article></body></html>"
    )
    httpserver.expect_request("/s").respond_with_data(page, content_type="text/html")
    doc = asyncio.run(aload(_url(httpserver, "/s"), config=LOCAL))
    assert doc.text == "The ministry said the barrier is safe."
    assert doc.publisher == "Ministry of Water"
    assert doc.url == _url(httpserver, "/statements/42")
    assert doc.fetched_at is not None
    assert doc.media_type == "text/html"
    assert doc.sha256 is not None and len(doc.sha256) == 64


# --- concurrency -------------------------------------------------------------------------


def test_fetch_per_host_and_global_limits() -> None:
    async def slow(head: bytes, writer: asyncio.StreamWriter) -> None:
        await asyncio.sleep(0.2)
        writer.write(_head(Content_Type="text/plain", Content_Length="2") + b"ok")
        await writer.drain()

    async def main() -> tuple[RawServer, RawServer, int]:
        config = TraceConfig(
            allow_hosts=("127.0.0.0/8",),
            max_connections=3,
            max_connections_per_host=2,
            respect_robots=False,
        )
        async with (
            raw_server(slow, "127.0.0.1") as one,
            raw_server(slow, "127.0.0.2") as two,
            Fetcher(config) as fetcher,
        ):
            urls = [f"{one.url}/{i}" for i in range(6)] + [f"{two.url}/{i}" for i in range(6)]
            peak = 0
            running = 0

            async def track(url: str) -> FetchResult:
                nonlocal peak, running
                result = await fetcher.fetch(url)
                return result

            async def watch() -> None:
                nonlocal peak, running
                while True:
                    running = one.in_flight + two.in_flight
                    peak = max(peak, running)
                    await asyncio.sleep(0.01)

            watcher = asyncio.ensure_future(watch())
            results = await asyncio.gather(*(track(u) for u in urls))
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher
            assert all(r.content == b"ok" for r in results)
            return one, two, peak

    one, two, peak = asyncio.run(main())
    assert one.max_in_flight == 2 and two.max_in_flight <= 2
    assert peak == 3  # the global limit, never more


def test_fetch_werkzeug_handler_sees_accept_encoding(httpserver: HTTPServer) -> None:
    seen: list[str] = []

    def handler(request: Request) -> Response:
        seen.append(request.headers.get("Accept-Encoding", ""))
        return Response("ok", content_type="text/plain")

    httpserver.expect_request("/h").respond_with_handler(handler)
    asyncio.run(_fetch(LOCAL, _url(httpserver, "/h")))
    assert seen == ["gzip, deflate"]


# --- shared fetches ----------------------------------------------------------------------


def test_fetch_same_url_at_once_is_fetched_once() -> None:
    async def slow(head: bytes, writer: asyncio.StreamWriter) -> None:
        await asyncio.sleep(0.3)
        writer.write(_head(Content_Type="text/plain", Content_Length="4") + b"once")
        await writer.drain()

    async def main() -> tuple[list[bytes], RawServer]:
        async with raw_server(slow) as server, Fetcher(LOCAL) as fetcher:
            url = server.url + "/same"
            results = await asyncio.gather(*(fetcher.fetch(url) for _ in range(5)))
            return [r.content for r in results], server

    contents, server = asyncio.run(main())
    assert contents == [b"once"] * 5
    assert len(server.requests) == 1


def test_fetch_cancelled_caller_does_not_cancel_the_others() -> None:
    async def slow(head: bytes, writer: asyncio.StreamWriter) -> None:
        await asyncio.sleep(0.3)
        writer.write(_head(Content_Type="text/plain", Content_Length="2") + b"ok")
        await writer.drain()

    async def main() -> bytes:
        async with raw_server(slow) as server, Fetcher(LOCAL) as fetcher:
            url = server.url + "/shared"
            impatient = asyncio.ensure_future(fetcher.fetch(url))
            patient = asyncio.ensure_future(fetcher.fetch(url))
            await asyncio.sleep(0.05)
            impatient.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await impatient
            return (await patient).content

    assert asyncio.run(main()) == b"ok"


def test_fetch_close_stops_background_fetches() -> None:
    async def silent(head: bytes, writer: asyncio.StreamWriter) -> None:
        await asyncio.sleep(3600)

    async def main() -> float:
        async with raw_server(silent) as server:
            fetcher = Fetcher(LOCAL.model_copy(update={"request_timeout": 30}))
            async with fetcher:
                waiter = asyncio.ensure_future(fetcher.fetch(server.url + "/hang"))
                await asyncio.sleep(0.1)
                waiter.cancel()  # the caller gives up; the shared fetch goes on ...
                with contextlib.suppress(asyncio.CancelledError):
                    await waiter
                start = time.monotonic()
            # ... until the fetcher closes, which cancels it instead of leaving it running.
            assert fetcher._inflight == {}
            return time.monotonic() - start

    assert asyncio.run(main()) < 1.0


@pytest.mark.parametrize(
    ("value", "low", "high"),
    [("3", 3.0, 3.0), ("0", 0.0, 0.0), ("soon", None, None), (None, None, None)],
)
def test_fetch_retry_after_values(value: str | None, low: float | None, high: float | None) -> None:
    from sourcetrace.fetch._client import _retry_after

    wait = _retry_after(value)
    if low is None:
        assert wait is None
    else:
        assert wait is not None and low <= wait <= (high or low)


def test_fetch_retry_after_http_date() -> None:
    import email.utils

    from sourcetrace.fetch._client import _retry_after

    in_ten = email.utils.formatdate(time.time() + 10, usegmt=True)
    wait = _retry_after(in_ten)
    # An HTTP date has whole seconds: between 9 and 10 s from now.
    assert wait is not None and 8.5 <= wait <= 10.0
    past = email.utils.formatdate(time.time() - 60, usegmt=True)
    assert _retry_after(past) == 0.0
