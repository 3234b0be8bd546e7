"""The durable cache: freshness, revalidation, offline mode, two processes at once."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from sourcetrace import _errors as errors
from sourcetrace._config import TraceConfig
from sourcetrace.fetch import Fetcher, FetchResult
from sourcetrace.fetch._cache import CacheEntry, HTTPCache, freshness

pytestmark = pytest.mark.network

SRC = Path(__file__).resolve().parents[1] / "src"


def _url(server: HTTPServer, path: str) -> str:
    return f"http://127.0.0.1:{server.port}{path}"


def _config(cache_dir: Path, **update: object) -> TraceConfig:
    base = TraceConfig(allow_hosts=("127.0.0.1",), respect_robots=False, cache_dir=cache_dir)
    return base.model_copy(update=update)


async def _fetch(config: TraceConfig, url: str) -> FetchResult:
    async with Fetcher(config) as fetcher:
        return await fetcher.fetch(url)


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"cache-control": "max-age=300"}, (True, 1300.0)),
        ({"cache-control": "public, max-age=300", "age": "100"}, (True, 1200.0)),
        ({"cache-control": "no-store, max-age=300"}, (False, 1000.0)),
        ({"cache-control": "no-cache"}, (True, 1000.0)),
        (
            {"expires": "Thu, 01 Jan 1970 00:26:40 GMT", "date": "Thu, 01 Jan 1970 00:16:40 GMT"},
            (True, 1600.0),  # Expires is 600 s after Date
        ),
        ({"expires": "0"}, (True, 1000.0)),
        (
            {
                "last-modified": "Thu, 01 Jan 1970 00:00:00 GMT",
                "date": "Thu, 01 Jan 1970 00:16:40 GMT",
            },
            (True, 1100.0),  # 10% of the 1000 s since Last-Modified
        ),
        ({}, (True, 1000.0)),
    ],
)
def test_cache_freshness(headers: dict[str, str], expected: tuple[bool, float]) -> None:
    assert freshness(headers, 1000.0) == expected


def test_cache_is_in_wal_mode(tmp_path: Path) -> None:
    assert HTTPCache(tmp_path).journal_mode() == "wal"


def test_cache_fresh_entry_is_served_without_a_request(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    httpserver.expect_request("/a").respond_with_data(
        "first", content_type="text/plain", headers={"Cache-Control": "max-age=600"}
    )
    first = asyncio.run(_fetch(_config(tmp_path), _url(httpserver, "/a")))
    second = asyncio.run(_fetch(_config(tmp_path), _url(httpserver, "/a")))
    assert (first.from_cache, second.from_cache) == (False, True)
    assert second.content == b"first" and second.attempts == 0
    assert second.fetched_at == first.fetched_at
    assert len(httpserver.log) == 1


def test_cache_stale_entry_is_revalidated_with_etag(httpserver: HTTPServer, tmp_path: Path) -> None:
    seen: list[str | None] = []

    def handler(request: Request) -> Response:
        seen.append(request.headers.get("If-None-Match"))
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304, headers={"ETag": '"v1"', "Cache-Control": "no-cache"})
        return Response(
            "statement v1",
            content_type="text/plain",
            headers={"ETag": '"v1"', "Cache-Control": "no-cache"},
        )

    httpserver.expect_request("/s").respond_with_handler(handler)
    first = asyncio.run(_fetch(_config(tmp_path), _url(httpserver, "/s")))
    second = asyncio.run(_fetch(_config(tmp_path), _url(httpserver, "/s")))
    assert seen == [None, '"v1"']
    assert second.from_cache and second.content == first.content == b"statement v1"
    assert second.attempts == 1


def test_cache_changed_resource_replaces_the_entry(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_oneshot_request("/c").respond_with_data(
        "old", content_type="text/plain", headers={"ETag": '"1"', "Cache-Control": "no-cache"}
    )
    httpserver.expect_request("/c").respond_with_data(
        "new", content_type="text/plain", headers={"ETag": '"2"', "Cache-Control": "no-cache"}
    )
    asyncio.run(_fetch(_config(tmp_path), _url(httpserver, "/c")))
    second = asyncio.run(_fetch(_config(tmp_path), _url(httpserver, "/c")))
    assert (second.content, second.from_cache) == (b"new", False)
    entry = HTTPCache(tmp_path).get(_url(httpserver, "/c"))
    assert entry is not None and entry.content == b"new" and entry.headers["etag"] == '"2"'


def test_cache_no_store_is_not_kept(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/n").respond_with_data(
        "private", content_type="text/plain", headers={"Cache-Control": "no-store"}
    )
    asyncio.run(_fetch(_config(tmp_path), _url(httpserver, "/n")))
    asyncio.run(_fetch(_config(tmp_path), _url(httpserver, "/n")))
    assert len(httpserver.log) == 2
    assert len(HTTPCache(tmp_path)) == 0


def test_cache_offline_uses_stale_entries_and_never_the_network(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    httpserver.expect_request("/o").respond_with_data(
        "kept", content_type="text/plain", headers={"Cache-Control": "no-cache"}
    )
    asyncio.run(_fetch(_config(tmp_path), _url(httpserver, "/o")))
    offline = _config(tmp_path, offline=True)
    result = asyncio.run(_fetch(offline, _url(httpserver, "/o")))
    assert result.content == b"kept" and result.from_cache
    with pytest.raises(errors.FetchError, match="not in the cache"):
        asyncio.run(_fetch(offline, _url(httpserver, "/never-fetched")))
    assert len(httpserver.log) == 1


def test_cache_redirected_url_is_cached_under_the_asked_url(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    httpserver.expect_request("/old").respond_with_data(
        "", status=301, headers={"Location": "/new"}
    )
    httpserver.expect_request("/new").respond_with_data(
        "moved", content_type="text/plain", headers={"Cache-Control": "max-age=60"}
    )
    asyncio.run(_fetch(_config(tmp_path), _url(httpserver, "/old")))
    again = asyncio.run(_fetch(_config(tmp_path), _url(httpserver, "/old")))
    assert again.from_cache
    assert again.final_url == _url(httpserver, "/new")
    assert again.redirects == (_url(httpserver, "/new"),)


def test_offline_needs_a_cache_dir() -> None:
    with pytest.raises(ValueError, match="cache_dir"):
        TraceConfig(offline=True)


_WORKER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from sourcetrace.fetch._cache import CacheEntry, HTTPCache

    directory, me, other, count = Path(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
    cache = HTTPCache(directory)
    while not (directory / "go").exists():  # start together with the other process
        time.sleep(0.005)
    seen_other = 0
    for i in range(count):
        body = (me * 2000 + str(i)).encode()
        cache.put(CacheEntry(
            url=f"https://{me}.example/{i}", final_url=f"https://{me}.example/{i}",
            status_code=200, headers={"etag": str(i)}, content=body, media_type="text/plain",
            charset=None, fetched_at=time.time(), expires_at=time.time() + 60, redirects=(),
        ))
        mine = cache.get(f"https://{me}.example/{i}")
        assert mine is not None and mine.content == body, i
        theirs = cache.get(f"https://{other}.example/{i}")
        if theirs is not None:
            assert theirs.content == (other * 2000 + str(i)).encode()
            seen_other += 1
    print(seen_other)
    """
)


def test_cache_two_processes_write_and_read_at_once(tmp_path: Path) -> None:
    count = 150
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]),
    }
    HTTPCache(tmp_path)  # create the schema first, as the first trace of a day would
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", _WORKER, str(tmp_path), me, other, str(count)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for me, other in (("alpha", "beta"), ("beta", "alpha"))
    ]
    (tmp_path / "go").touch()
    outputs = [worker.communicate(timeout=120) for worker in workers]
    for worker, (_out, err) in zip(workers, outputs, strict=True):
        assert worker.returncode == 0, err
    cache = HTTPCache(tmp_path)
    assert len(cache) == 2 * count
    entry = cache.get("https://beta.example/7")
    assert entry is not None and entry.content == ("beta" * 2000 + "7").encode()
    # Writes of one process are visible to the other while both run.
    assert sum(int(out.strip()) for out, _ in outputs) > 0


def test_cache_entry_validators() -> None:
    entry = CacheEntry(
        url="u",
        final_url="u",
        status_code=200,
        headers={"etag": '"x"', "last-modified": "Thu, 01 Jan 1970 00:00:00 GMT"},
        content=b"",
        media_type=None,
        charset=None,
        fetched_at=0,
        expires_at=0,
        redirects=(),
    )
    assert entry.validators() == {
        "If-None-Match": '"x"',
        "If-Modified-Since": "Thu, 01 Jan 1970 00:00:00 GMT",
    }
    assert not entry.fresh(1.0)
