"""WARC archives of every response, and replaying a trace from one with no network."""

from __future__ import annotations

import asyncio
import gzip
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from sourcetrace import _errors as errors
from sourcetrace._config import TraceConfig
from sourcetrace._models import Document
from sourcetrace.fetch import Fetcher, ReplayTransport, aload

pytestmark = pytest.mark.network

DATA = Path(__file__).parent / "data" / "fetch"


def _url(server: HTTPServer, path: str) -> str:
    return f"http://127.0.0.1:{server.port}{path}"


def _serve_site(httpserver: HTTPServer) -> None:
    briefing = (DATA / "briefing_bold.html").read_bytes()
    httpserver.expect_request("/robots.txt").respond_with_data(
        "User-agent: *\nDisallow: /drafts/\n", content_type="text/plain"
    )
    httpserver.expect_request("/b").respond_with_data(
        "", status=301, headers={"Location": "/briefings/2026-03-12"}
    )
    httpserver.expect_request("/briefings/2026-03-12").respond_with_data(
        gzip.compress(briefing),
        content_type="text/html; charset=utf-8",
        headers={"Content-Encoding": "gzip"},
    )
    httpserver.expect_request("/interview").respond_with_data(
        (DATA / "interview_qa.txt").read_bytes(), content_type="text/plain; charset=utf-8"
    )


async def _load_all(fetcher: Fetcher, urls: list[str]) -> list[Document]:
    return [await aload(url, fetcher=fetcher) for url in urls]


def test_archive_records_every_response_and_replays_them(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    _serve_site(httpserver)
    warc = tmp_path / "trace.warc.gz"
    config = TraceConfig(allow_hosts=("127.0.0.1",), archive=warc)
    urls = [_url(httpserver, "/b"), _url(httpserver, "/interview")]

    async def record() -> list[Document]:
        async with Fetcher(config) as fetcher:
            return await _load_all(fetcher, urls)

    live = asyncio.run(record())
    requests_made = len(httpserver.log)
    # robots.txt, the redirect, the briefing, the interview.
    assert requests_made == 4

    replay = ReplayTransport(warc)
    assert len(replay) == 4
    assert _url(httpserver, "/robots.txt") in replay
    assert _url(httpserver, "/b") in replay  # the 301 itself is archived

    async def rerun() -> list[Document]:
        async with Fetcher(config.model_copy(update={"archive": None}), transport=replay) as f:
            return await _load_all(f, urls)

    replayed = asyncio.run(rerun())
    assert len(httpserver.log) == requests_made  # nothing reached the server
    for before, after in zip(live, replayed, strict=True):
        assert after.text == before.text
        assert after.url == before.url
        assert after.turns == before.turns
        assert after.sha256 == before.sha256


def test_archive_stores_the_decoded_body(httpserver: HTTPServer, tmp_path: Path) -> None:
    from warcio.archiveiterator import ArchiveIterator

    _serve_site(httpserver)
    warc = tmp_path / "trace.warc.gz"
    config = TraceConfig(allow_hosts=("127.0.0.1",), archive=warc, respect_robots=False)

    async def main() -> None:
        async with Fetcher(config) as fetcher:
            await fetcher.fetch(_url(httpserver, "/briefings/2026-03-12"))

    asyncio.run(main())
    with warc.open("rb") as handle:
        records = [
            (r.rec_type, r.http_headers, r.content_stream().read()) for r in ArchiveIterator(handle)
        ]
    assert [kind for kind, _, _ in records] == ["response", "request"]
    _, headers, body = records[0]
    assert body == (DATA / "briefing_bold.html").read_bytes()
    assert headers.get_header("Content-Encoding") is None
    assert headers.get_header("Content-Length") == str(len(body))
    _, request_headers, _ = records[1]
    assert request_headers.get_header("User-Agent") == config.user_agent


def test_replay_of_a_url_not_archived(httpserver: HTTPServer, tmp_path: Path) -> None:
    _serve_site(httpserver)
    warc = tmp_path / "trace.warc"
    config = TraceConfig(allow_hosts=("127.0.0.1",), archive=warc, respect_robots=False)

    async def record() -> None:
        async with Fetcher(config) as fetcher:
            await fetcher.fetch(_url(httpserver, "/interview"))

    asyncio.run(record())

    async def replay() -> None:
        transport = ReplayTransport(warc)
        async with Fetcher(config.model_copy(update={"archive": None}), transport=transport) as f:
            await f.fetch(_url(httpserver, "/not-recorded"))

    with pytest.raises(errors.FetchError, match="not in the archive"):
        asyncio.run(replay())
