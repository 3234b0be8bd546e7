"""``load``/``aload``: text, HTML, a path, a URL or bytes into a Document."""

from __future__ import annotations

import asyncio
import os
import re
from pathlib import Path
from typing import TypeAlias

import httpx

from .._config import TraceConfig
from .._errors import (
    BlockedURLError,
    EmptyInputError,
    InputError,
    SourcetraceError,
    UnsupportedInputError,
)
from .._models import Document
from ._client import Fetcher, FetchResult
from ._html import document_from_html
from ._sniff import decode_bytes, looks_like_html, sniff_media_type
from ._text import document_from_text

__all__ = ["aload", "document_from_bytes", "document_from_fetch", "load"]

_URL = re.compile(r"^[a-z][a-z0-9+.-]*://\S+$", re.IGNORECASE)
_BARE_URL = re.compile(r"^(?:www\.)?(?:[a-z0-9-]+\.)+[a-z]{2,24}(?::\d+)?(?:/\S*)?$", re.IGNORECASE)
"""``www.example.org/story``: a URL missing its ``https://`` (unless the "top-level
domain" is a file extension: ``notes.txt`` is a file name)."""
_FILE_EXTENSIONS = frozenset(
    {"txt", "text", "html", "htm", "xhtml", "md", "pdf", "json", "xml", "csv", "docx"}
)
_PATH_SUFFIXES = (".txt", ".html", ".htm", ".md", ".pdf", ".xhtml", ".text")
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_MAX_PATH_CHARS = 4096

Source: TypeAlias = str | os.PathLike[str] | bytes | Document


def _pdf_document(data: bytes, *, url: str | None, source: str) -> Document:
    from ._pdf import document_from_pdf

    return document_from_pdf(data, url=url, source=source)


def document_from_bytes(
    data: bytes,
    *,
    url: str | None = None,
    media_type: str | None = None,
    charset: str | None = None,
    source: str = "the input",
) -> Document:
    """A Document from raw bytes: PDF, HTML or plain text, decoded carefully.

    Args:
        data: the bytes.
        url: where they came from, if anywhere.
        media_type: the declared media type, if any (sniffed otherwise).
        charset: the declared charset, if any.
        source: how to name the input in error messages.

    Raises:
        EmptyInputError: no text.
        UnsupportedInputError: binary data, or a PDF without the PDF extra.
        DecodingError: bytes that decode in no encoding tried.
    """
    if not data.strip():
        raise EmptyInputError(f"{source} is empty; give sourcetrace a text with something in it")
    kind = sniff_media_type(data, media_type)
    if kind == "application/pdf":
        return _pdf_document(data, url=url, source=source)
    text = decode_bytes(data, charset, source=source)
    plain = kind in ("text/plain", "text/markdown")
    if kind in _HTML_TYPES or (not plain and looks_like_html(text)):
        return document_from_html(text, url=url, raw=data)
    return document_from_text(text, url=url, raw=data)


def document_from_fetch(result: FetchResult) -> Document:
    """The Document of a fetched response (its ``fetched_at`` and media type set)."""
    doc = document_from_bytes(
        result.content,
        url=result.final_url,
        media_type=result.media_type,
        charset=result.charset,
        source=f"the page at {result.final_url}",
    )
    if doc.url is None:
        doc.url = result.final_url
    doc.fetched_at = result.fetched_at
    doc.media_type = result.media_type or doc.media_type
    return doc


def _looks_like_bare_url(text: str) -> bool:
    if not _BARE_URL.match(text):
        return False
    host = text.split("/", 1)[0].split(":", 1)[0]
    return host.rsplit(".", 1)[-1].lower() not in _FILE_EXTENSIONS


def _looks_like_path(text: str) -> bool:
    return (
        "\n" not in text
        and " " not in text.strip()
        and len(text) < _MAX_PATH_CHARS
        and text.strip().lower().endswith(_PATH_SUFFIXES)
    )


def _read_path(path: Path) -> Document:
    if path.is_dir():
        raise UnsupportedInputError(
            f"{str(path)!r} is a directory; give the path of one article file (.txt, .html)"
        )
    if not path.exists():
        raise InputError(f"file not found: {str(path)!r}; check the path")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(
            f"cannot read {str(path)!r} ({exc.strerror}); check its permissions"
        ) from exc
    suffix = path.suffix.lower()
    media_type = {
        ".html": "text/html",
        ".htm": "text/html",
        ".xhtml": "application/xhtml+xml",
        ".txt": "text/plain",
        ".text": "text/plain",
        ".md": "text/plain",
        ".pdf": "application/pdf",
    }.get(suffix)
    return document_from_bytes(data, media_type=media_type, source=f"the file {str(path)!r}")


async def aload(
    source: Source,
    *,
    config: TraceConfig | None = None,
    client: httpx.AsyncClient | None = None,
    fetcher: Fetcher | None = None,
) -> Document:
    """Load an article or a source into a :class:`Document`.

    ``source`` may be:

    - a :class:`Document`: returned as is;
    - an ``http``/``https`` URL: fetched safely (see :class:`Fetcher`);
    - a path (``str`` or ``os.PathLike``) of an existing file: read and decoded;
    - any other string: the text itself, read as HTML when it looks like markup;
    - ``bytes``: decoded (byte order mark, declared charset, UTF-8, then a guess).

    Args:
        source: what to load.
        config: the trace's settings (defaults to ``TraceConfig()``).
        client: an ``httpx.AsyncClient`` to borrow for a URL.
        fetcher: a :class:`Fetcher` to use for a URL (shares its limits with a trace).

    Raises:
        EmptyInputError: nothing to trace.
        InputError: a path that looks like a file name but does not exist.
        UnsupportedInputError: a directory, binary data, an unknown source type.
        DecodingError: bytes that are not text.
        FetchError: the URL could not be fetched (a subclass says why).

    Examples:
        >>> import asyncio
        >>> doc = asyncio.run(aload("MR PRICE: Good afternoon.\\nQUESTION: Thanks."))
        >>> doc.kind
        'transcript'
    """
    if isinstance(source, Document):
        return source
    if isinstance(source, bytes | bytearray | memoryview):
        return document_from_bytes(bytes(source))
    if isinstance(source, os.PathLike):
        return _read_path(Path(source))
    if not isinstance(source, str):
        raise UnsupportedInputError(
            f"cannot load a {type(source).__name__}; give text, a file path, a URL, bytes "
            "or a Document"
        )
    if not source.strip():
        raise EmptyInputError(
            "the text is empty or only whitespace; give sourcetrace the article's text, "
            "an HTML page, a file path or a URL"
        )
    stripped = source.strip()
    if _URL.match(stripped):
        scheme = stripped.split(":", 1)[0].lower()
        if scheme not in ("http", "https"):
            if scheme == "file":
                raise BlockedURLError(
                    f"refusing {stripped!r}: give the file's path instead of a file:// URL",
                    url=stripped,
                )
            raise BlockedURLError(
                f"refusing {stripped!r}: only http and https URLs are fetched", url=stripped
            )
        if fetcher is not None:
            return document_from_fetch(await fetcher.fetch(stripped))
        async with Fetcher(config or TraceConfig(), client=client) as own:
            return document_from_fetch(await own.fetch(stripped))
    # Only a bare string can be a path: text with surrounding white space (". ") is text.
    if "\n" not in source and source == stripped and len(source) < _MAX_PATH_CHARS:
        path = Path(stripped)
        try:
            exists = path.exists()
        except (OSError, ValueError):
            exists = False
        if exists:
            return _read_path(path)
        if _looks_like_bare_url(stripped):
            raise InputError(
                f"{stripped!r} looks like a web address without its scheme; write it as "
                f"'https://{stripped}' to fetch it"
            )
        if _looks_like_path(source):
            raise InputError(
                f"file not found: {stripped!r}; check the path (or pass the text itself)"
            )
    if looks_like_html(source):
        return document_from_html(source)
    return document_from_text(source)


def load(source: Source, *, config: TraceConfig | None = None) -> Document:
    """The synchronous twin of :func:`aload` (same behaviour, same errors).

    Raises:
        SourcetraceError: called from a running event loop (use ``await aload(...)``).

    Examples:
        >>> load("Q: Will the talks resume?\\nA: Next week.").turns[1].span.text
        'Next week.'
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(aload(source, config=config))
    raise SourcetraceError(
        "load() was called inside a running event loop; use `await aload(...)` there"
    )
