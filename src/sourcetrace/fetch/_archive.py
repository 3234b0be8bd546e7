"""WARC archives: every response of a trace on disk, and a transport that replays them."""

from __future__ import annotations

import importlib
import io
import logging
import threading
import uuid
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from http import HTTPStatus
from pathlib import Path
from typing import Any

import httpx

from .._errors import FetchError, SourcetraceError, UnsupportedInputError
from .._models import Document

__all__ = ["ReplayTransport", "WarcArchive", "documents_from_warc", "warc_responses"]

logger = logging.getLogger(__name__)

# Headers that describe the bytes on the wire; the archive holds the decoded body.
_WIRE_HEADERS = frozenset({"content-encoding", "transfer-encoding", "content-length"})


def _warcio(module: str) -> Any:
    try:
        return importlib.import_module(f"warcio.{module}")
    except ImportError as exc:
        raise UnsupportedInputError(
            "WARC archives need the warcio package: pip install 'sourcetrace[archive]'"
        ) from exc


class WarcArchive:
    """Appends one WARC ``request`` and one ``response`` record per HTTP response.

    The response body is stored decoded (as sourcetrace read it), so ``Content-Encoding``
    is dropped from the stored headers and ``Content-Length`` is set to the stored size.
    Writes from several tasks are serialised; each write opens, appends and closes the
    file, so a crash loses at most the record being written.

    Args:
        path: the ``.warc.gz`` (gzip per record) or ``.warc`` file; created if missing.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._writer_module = _warcio("warcwriter")
        self._headers_module = _warcio("statusandheaders")
        path.parent.mkdir(parents=True, exist_ok=True)

    def write(
        self,
        url: str,
        status_code: int,
        headers: Mapping[str, str],
        content: bytes,
        request_headers: Mapping[str, str],
    ) -> None:
        """Append the exchange for ``url`` (blocking: run it in a thread from async code)."""
        try:
            reason = HTTPStatus(status_code).phrase
        except ValueError:
            reason = "Unknown"
        stored = [(k, v) for k, v in headers.items() if k.lower() not in _WIRE_HEADERS]
        stored.append(("Content-Length", str(len(content))))
        status_headers = self._headers_module.StatusAndHeaders
        http_headers = status_headers(f"{status_code} {reason}", stored, protocol="HTTP/1.1")
        parsed = httpx.URL(url)
        target = parsed.raw_path.decode("ascii")
        request_line = status_headers(
            f"GET {target} HTTP/1.1",
            [("Host", parsed.netloc.decode("ascii")), *request_headers.items()],
            is_http_request=True,
        )
        date = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        with self._lock, self.path.open("ab") as handle:
            writer = self._writer_module.WARCWriter(handle, gzip=self.path.suffix == ".gz")
            response_id = f"<urn:uuid:{uuid.uuid4()}>"
            response = writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(content),
                # With the length given, warcio digests the bytes in place instead of
                # copying them to a temporary file it never closes.
                length=len(content),
                http_headers=http_headers,
                warc_headers_dict={"WARC-Date": date, "WARC-Record-ID": response_id},
            )
            request = writer.create_warc_record(
                url,
                "request",
                payload=io.BytesIO(b""),
                length=0,
                http_headers=request_line,
                warc_headers_dict={"WARC-Date": date, "WARC-Concurrent-To": response_id},
            )
            writer.write_record(response)
            writer.write_record(request)


def warc_responses(path: Path) -> Iterator[tuple[str, int, list[tuple[str, str]], bytes]]:
    """Every HTTP response of a WARC file: ``(url, status, headers, body)``, in order."""
    iterator = _warcio("archiveiterator").ArchiveIterator
    with path.open("rb") as handle:
        for record in iterator(handle):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI")
            status = int(record.http_headers.get_statuscode())
            headers = list(record.http_headers.headers)
            yield uri, status, headers, record.content_stream().read()


def documents_from_warc(path: Path) -> Iterator[Document]:
    """The documents of a WARC file: each successful response read as a source.

    Responses that are not 2xx, robots.txt files and bodies that cannot be read as
    text, HTML or PDF are skipped (and logged); a URL archived several times gives one
    document per response, the last one replacing the earlier ones in a corpus.
    """
    from ._load import document_from_bytes

    for url, status, headers, body in warc_responses(path):
        if not 200 <= status < 300 or url.endswith("/robots.txt"):
            continue
        media_type = next((v for k, v in headers if k.lower() == "content-type"), None)
        try:
            yield document_from_bytes(body, url=url, media_type=media_type, source=url)
        except SourcetraceError as exc:
            logger.info("archived response %s left out: %s", url, exc)


class ReplayTransport(httpx.AsyncBaseTransport):
    """An httpx transport that answers from a WARC archive and never opens a socket.

    Give it to a :class:`~sourcetrace.fetch.Fetcher` to re-run a trace exactly as it
    ran when the archive was written: ``Fetcher(config, transport=ReplayTransport(path))``.
    The fetcher skips DNS resolution with it (there is no network to protect). A URL the
    archive does not hold is a :class:`~sourcetrace.FetchError`; when the archive holds a
    URL several times, the last response wins.

    Args:
        path: a WARC file written by :class:`WarcArchive` (or any WARC with responses).
    """

    offline = True
    """Read by the fetcher: no DNS look-ups, no robots.txt requests beyond the archive."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._responses: dict[str, tuple[int, list[tuple[str, str]], bytes]] = {
            url: (status, headers, body) for url, status, headers, body in warc_responses(path)
        }
        logger.info("replaying %d responses from %s", len(self._responses), path)

    def __contains__(self, url: object) -> bool:
        return url in self._responses

    def __len__(self) -> int:
        return len(self._responses)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = str(request.url)
        found = self._responses.get(url)
        if found is None:
            raise FetchError(
                f"{url!r} is not in the archive {self.path.name}; re-run with network access "
                "(and TraceConfig.archive set) to record it",
                url=url,
            )
        status, headers, content = found
        # A stream, not content=: httpx would read content= at once, and the fetcher
        # reads the body as a stream to count its bytes.
        return httpx.Response(
            status, headers=headers, stream=httpx.ByteStream(content), request=request
        )
