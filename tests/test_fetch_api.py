"""The public surface of sourcetrace.fetch: names, signatures and docstrings others build on."""

from __future__ import annotations

import inspect

import sourcetrace.fetch as fetch

# Names other stages and users import; removing or renaming one is a breaking change.
REQUIRED = {
    "Fetcher",
    "FetchResult",
    "aload",
    "load",
    "document_from_text",
    "document_from_html",
    "parse_turns",
    "links_near",
    "ReplayTransport",
    "HTTPCache",
    "page_at",
}


def test_fetch_all_is_exactly_what_is_exported() -> None:
    exported = {name for name in dir(fetch) if not name.startswith("_")}
    # Submodules and the __future__ import are not exports.
    skip = {name for name in exported if inspect.ismodule(getattr(fetch, name))}
    skip.add("annotations")
    assert set(fetch.__all__) == exported - skip
    assert set(fetch.__all__) >= REQUIRED


def test_fetch_every_public_callable_is_documented() -> None:
    for name in fetch.__all__:
        obj = getattr(fetch, name)
        if callable(obj):
            assert inspect.getdoc(obj), f"{name} has no docstring"


def _parameters(func: object) -> list[tuple[str, str]]:
    signature = inspect.signature(func)  # type: ignore[arg-type]
    return [(p.name, p.kind.name) for p in signature.parameters.values()]


def test_fetch_signatures_match_the_documented_interface() -> None:
    keyword = "KEYWORD_ONLY"
    positional = "POSITIONAL_OR_KEYWORD"
    assert _parameters(fetch.document_from_text) == [
        ("text", positional),
        ("url", keyword),
        ("kind", keyword),
        ("title", keyword),
        ("publisher", keyword),
        ("raw", keyword),
    ]
    assert _parameters(fetch.document_from_html) == [
        ("html", positional),
        ("url", keyword),
        ("raw", keyword),
    ]
    assert _parameters(fetch.parse_turns) == [("text", positional)]
    assert _parameters(fetch.aload) == [
        ("source", positional),
        ("config", keyword),
        ("client", keyword),
        ("fetcher", keyword),
    ]
    assert _parameters(fetch.load) == [("source", positional), ("config", keyword)]
    assert _parameters(fetch.Fetcher.__init__) == [
        ("self", positional),
        ("config", positional),
        ("client", positional),
        ("transport", positional),
    ]
    assert _parameters(fetch.Fetcher.fetch) == [("self", positional), ("url", positional)]
    assert inspect.iscoroutinefunction(fetch.aload)
    assert inspect.iscoroutinefunction(fetch.Fetcher.fetch)


def test_fetch_result_fields() -> None:
    fields = list(inspect.signature(fetch.FetchResult).parameters)
    assert fields[:10] == [
        "url",
        "final_url",
        "status_code",
        "headers",
        "content",
        "media_type",
        "charset",
        "attempts",
        "elapsed",
        "redirects",
    ]
