"""robots.txt: parsing (RFC 9309) and the fetcher honouring it by default."""

from __future__ import annotations

import asyncio

import pytest
from pytest_httpserver import HTTPServer

from sourcetrace import _errors as errors
from sourcetrace._config import TraceConfig
from sourcetrace.fetch import Fetcher
from sourcetrace.fetch._robots import parse_robots, product_token

pytestmark = pytest.mark.network

ROBOTS = """\
# A newsroom's robots.txt
User-agent: *
Disallow: /private/
Disallow: /search
Allow: /private/press/

User-agent: GreedyBot
Disallow: /
"""


def _url(server: HTTPServer, path: str) -> str:
    return f"http://127.0.0.1:{server.port}{path}"


@pytest.mark.parametrize(
    ("path", "allowed"),
    [
        ("/", True),
        ("/news/1", True),
        ("/private/", False),
        ("/private/memo", False),
        ("/private/press/release-1", True),  # the longer Allow wins
        ("/search?q=talks", False),
        ("/searchlight", False),  # rules are prefixes
        ("/robots.txt", True),
    ],
)
def test_robots_longest_match(path: str, allowed: bool) -> None:
    assert parse_robots(ROBOTS).allows(f"https://news.example{path}") is allowed


def test_robots_named_group_replaces_the_star_group() -> None:
    policy = parse_robots(ROBOTS, "greedybot")
    assert not policy.allows("https://news.example/news/1")
    text = "User-agent: sourcetrace\nDisallow: /drafts\n\nUser-agent: *\nDisallow: /"
    mine = parse_robots(text, "sourcetrace")
    assert mine.allows("https://news.example/news/1")
    assert not mine.allows("https://news.example/drafts/2")


def test_robots_wildcards_end_anchor_and_ties() -> None:
    text = "User-agent: *\nDisallow: /*.pdf$\nDisallow: /a\nAllow: /a\nDisallow: /tmp*/x"
    policy = parse_robots(text)
    assert not policy.allows("https://x.example/files/report.pdf")
    assert policy.allows("https://x.example/files/report.pdf?download=1")
    assert policy.allows("https://x.example/a/b")  # Allow wins a tie of equal length
    assert not policy.allows("https://x.example/tmp123/x")


def test_robots_group_named_with_a_version() -> None:
    text = "User-agent: SourceTrace/2.0\nDisallow: /x\n\nUser-agent: *\nDisallow: /"
    policy = parse_robots(text, "sourcetrace")
    assert policy.allows("https://x.example/y")
    assert not policy.allows("https://x.example/x")


def test_robots_grouped_agents_and_empty_disallow() -> None:
    text = "User-agent: a\nUser-agent: sourcetrace\nDisallow:\n\nUser-agent: *\nDisallow: /"
    assert parse_robots(text).allows("https://x.example/anything")


def test_robots_percent_encoding_is_compared_decoded() -> None:
    policy = parse_robots("User-agent: *\nDisallow: /caf%C3%A9")
    assert not policy.allows("https://x.example/café/menu")


def test_robots_product_token() -> None:
    assert product_token("sourcetrace/0.1.0 (+https://example.org)") == "sourcetrace"
    assert product_token("My-Newsroom_Bot/2") == "my-newsroom_bot"


def _config() -> TraceConfig:
    return TraceConfig(allow_hosts=("127.0.0.1",), retry_backoff=0.01)


def test_robots_disallowed_url_is_never_requested(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data(ROBOTS, content_type="text/plain")
    httpserver.expect_request("/private/memo").respond_with_data("secret")
    httpserver.expect_request("/news/1").respond_with_data("news", content_type="text/plain")

    async def main() -> list[str]:
        async with Fetcher(_config()) as fetcher:
            with pytest.raises(errors.BlockedURLError, match=r"robots\.txt") as info:
                await fetcher.fetch(_url(httpserver, "/private/memo"))
            assert info.value.attempts == 0
            ok = await fetcher.fetch(_url(httpserver, "/news/1"))
            assert ok.content == b"news"
            return fetcher.robots_refused

    refused = asyncio.run(main())
    assert refused == [_url(httpserver, "/private/memo")]
    paths = [request.path for request, _ in httpserver.log]
    assert paths == ["/robots.txt", "/news/1"]


def test_robots_fetched_once_per_host_even_concurrently(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data(ROBOTS, content_type="text/plain")
    for i in range(5):
        httpserver.expect_request(f"/news/{i}").respond_with_data("n", content_type="text/plain")

    async def main() -> None:
        async with Fetcher(_config()) as fetcher:
            await asyncio.gather(*(fetcher.fetch(_url(httpserver, f"/news/{i}")) for i in range(5)))

    asyncio.run(main())
    paths = [request.path for request, _ in httpserver.log]
    assert paths.count("/robots.txt") == 1
    assert sorted(paths) == sorted(["/robots.txt"] + [f"/news/{i}" for i in range(5)])


@pytest.mark.parametrize("status", [404, 410, 500])
def test_robots_missing_or_broken_allows(httpserver: HTTPServer, status: int) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data("", status=status)
    httpserver.expect_request("/news/1").respond_with_data("news", content_type="text/plain")

    async def main() -> bytes:
        async with Fetcher(_config()) as fetcher:
            return (await fetcher.fetch(_url(httpserver, "/news/1"))).content

    assert asyncio.run(main()) == b"news"


def test_robots_redirect_into_disallowed_path_is_refused(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data(ROBOTS, content_type="text/plain")
    httpserver.expect_request("/go").respond_with_data(
        "", status=302, headers={"Location": "/private/memo"}
    )

    async def main() -> None:
        async with Fetcher(_config()) as fetcher:
            await fetcher.fetch(_url(httpserver, "/go"))

    with pytest.raises(errors.BlockedURLError, match=r"robots\.txt"):
        asyncio.run(main())
    assert "/private/memo" not in [request.path for request, _ in httpserver.log]


def test_robots_can_be_switched_off(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/robots.txt").respond_with_data(ROBOTS, content_type="text/plain")
    httpserver.expect_request("/private/memo").respond_with_data("memo", content_type="text/plain")
    config = _config().model_copy(update={"respect_robots": False})

    async def main() -> bytes:
        async with Fetcher(config) as fetcher:
            return (await fetcher.fetch(_url(httpserver, "/private/memo"))).content

    assert asyncio.run(main()) == b"memo"
    assert [request.path for request, _ in httpserver.log] == ["/private/memo"]
