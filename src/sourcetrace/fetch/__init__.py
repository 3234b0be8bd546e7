"""The load and fetch stages: inputs and URLs into :class:`~sourcetrace.Document` objects.

Everything network-shaped goes through :class:`Fetcher`, which refuses internal
addresses (SSRF), caps time and bytes, retries politely and limits concurrency.
"""

from __future__ import annotations

from ._archive import ReplayTransport, WarcArchive, documents_from_warc, warc_responses
from ._cache import HTTPCache
from ._client import Fetcher, FetchResult
from ._guard import AddressGuard, blocked_reason, parse_numeric_ipv4
from ._html import document_from_html
from ._links import links_near, paragraph_bounds
from ._load import aload, document_from_bytes, document_from_fetch, load
from ._pdf import PAGE_SEPARATOR, document_from_pdf, page_at
from ._sniff import decode_bytes
from ._text import document_from_text
from ._transcript import parse_turns

__all__ = [
    "PAGE_SEPARATOR",
    "AddressGuard",
    "FetchResult",
    "Fetcher",
    "HTTPCache",
    "ReplayTransport",
    "WarcArchive",
    "aload",
    "blocked_reason",
    "decode_bytes",
    "document_from_bytes",
    "document_from_fetch",
    "document_from_html",
    "document_from_pdf",
    "document_from_text",
    "documents_from_warc",
    "links_near",
    "load",
    "page_at",
    "paragraph_bounds",
    "parse_numeric_ipv4",
    "parse_turns",
    "warc_responses",
]
