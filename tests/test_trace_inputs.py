"""`trace` on bad input, on failing sources, and from inside a running event loop."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest
from pytest_httpserver import HTTPServer

from sourcetrace import (
    EmptyInputError,
    InputError,
    TraceConfig,
    UnsupportedInputError,
    atrace,
    trace,
)

ARTICLE = (
    "PORT AVERLY — The ministry defended the barrier on Thursday.\n\n"
    '"Every gate has been tested under load," spokeswoman Dana Okafor said.\n'
)
SOURCE = "MS OKAFOR: Every gate has been tested under load, and the results are in.\n"
LOCAL = TraceConfig(allow_hosts=("127.0.0.1", "localhost"), retries=1, retry_backoff=0.05)


@pytest.mark.parametrize("article", ["", "   \n\t  "])
def test_empty_article_is_an_input_error(article: str) -> None:
    with pytest.raises(EmptyInputError, match=r"empty|no text"):
        trace(article)


def test_binary_bytes_are_refused(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedInputError):
        trace(bytes(range(256)) * 8)


def test_a_directory_is_not_an_article(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedInputError, match=r"folder|directory"):
        trace(tmp_path)


def test_a_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"not found|no such file|does not exist"):
        trace(tmp_path / "missing-article.txt")


def test_an_unknown_source_type_is_refused() -> None:
    with pytest.raises(UnsupportedInputError, match="cannot use a int as a source"):
        trace(ARTICLE, sources=[42])  # type: ignore[list-item]


def test_a_missing_source_is_recorded_and_the_trace_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "briefing.txt"
    good.write_text(SOURCE, encoding="utf-8")
    report = trace(ARTICLE, sources=[good, tmp_path / "nowhere.txt"])
    assert [e.stage for e in report.errors] == ["discover"]
    assert "nowhere.txt" in report.errors[0].source
    assert report.verdict(report.claims[0]) == "verbatim"


def test_a_failing_url_is_recorded_with_its_attempts(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/broken").respond_with_data("down", status=500)
    httpserver.expect_request("/briefing").respond_with_data(
        SOURCE, content_type="text/plain; charset=utf-8"
    )
    report = trace(
        ARTICLE,
        sources=[httpserver.url_for("/broken"), httpserver.url_for("/briefing")],
        config=LOCAL,
    )
    assert len(report.errors) == 1
    error = report.errors[0]
    assert error.stage == "fetch" and error.url and error.url.endswith("/broken")
    assert error.attempts >= 1
    assert report.verdict(report.claims[0]) == "verbatim"


def test_private_addresses_are_refused_by_default(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/briefing").respond_with_data(SOURCE)
    report = trace(ARTICLE, sources=[httpserver.url_for("/briefing")])
    assert len(report.errors) == 1 and report.errors[0].error == "BlockedURLError"
    assert len(httpserver.log) == 0


def test_trace_works_inside_a_running_event_loop(tmp_path: Path) -> None:
    source = tmp_path / "briefing.txt"
    source.write_text(SOURCE, encoding="utf-8")

    async def notebook_cell() -> str:
        # What Jupyter does: synchronous code called while an event loop runs.
        return trace(ARTICLE, sources=[source]).verdict("c1")

    assert asyncio.run(notebook_cell()) == "verbatim"


def test_atrace_uses_the_callers_client_and_leaves_it_open(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/briefing").respond_with_data(
        SOURCE, content_type="text/plain; charset=utf-8"
    )
    seen: list[str] = []

    async def run() -> str:
        async with httpx.AsyncClient(
            event_hooks={"request": [lambda request: _record(request, seen)]}
        ) as client:
            report = await atrace(
                ARTICLE, sources=[httpserver.url_for("/briefing")], config=LOCAL, client=client
            )
            assert not client.is_closed
            return report.verdict("c1")

    assert asyncio.run(run()) == "verbatim"
    assert any(url.endswith("/briefing") for url in seen)


async def _record(request: httpx.Request, seen: list[str]) -> None:
    seen.append(str(request.url))
