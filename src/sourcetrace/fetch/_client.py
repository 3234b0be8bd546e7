"""The HTTP client of a trace: safe, bounded, polite fetching of untrusted URLs."""

from __future__ import annotations

import asyncio
import email.utils
import functools
import logging
import ssl
import time
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Self
from urllib.parse import urljoin

import httpcore
import httpx

from .._config import TraceConfig
from .._errors import BlockedURLError, FetchError, HTTPStatusError, ResponseTooLargeError
from ._archive import WarcArchive
from ._cache import CacheEntry, HTTPCache, freshness
from ._cache import now as cache_now
from ._guard import AddressGuard, CheckedURL, check_url_syntax
from ._robots import RobotsPolicy, parse_robots, product_token
from ._sniff import is_textual_media_type, looks_binary, parse_content_type

__all__ = ["FetchResult", "Fetcher"]

logger = logging.getLogger(__name__)

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_RETRY_STATUSES = frozenset({429, 503})
_ACCEPT = (
    "text/html,application/xhtml+xml,text/plain;q=0.9,application/xml;q=0.8,"
    "application/pdf;q=0.8,application/json;q=0.5,*/*;q=0.1"
)
_CHUNK = 64 * 1024
# Errors of the connection itself: worth another attempt. Timeouts are not retried:
# a server that is slow once is usually slow again, and each retry costs a full timeout.
_RETRYABLE = (httpx.ConnectError, httpx.ReadError, httpx.WriteError, httpx.RemoteProtocolError)


@dataclass(frozen=True)
class FetchResult:
    """What one successful fetch brought back.

    Attributes:
        url: the URL asked for.
        final_url: the URL of the response, after redirects.
        status_code: the final HTTP status (2xx).
        headers: the final response's headers (lower-case names).
        content: the body, decompressed, at most ``max_response_bytes`` long.
        media_type: the media type, from ``Content-Type`` or sniffed (``"text/html"``).
        charset: the charset declared in ``Content-Type``, if any.
        attempts: requests made in all (retries and redirect hops included).
        elapsed: seconds from the first request to the last byte.
        redirects: the URLs redirected through, in order.
        fetched_at: when the response was received (UTC).
        from_cache: whether it came from the cache (fresh, or revalidated by a 304).
    """

    url: str
    final_url: str
    status_code: int
    headers: dict[str, str]
    content: bytes
    media_type: str | None
    charset: str | None
    attempts: int
    elapsed: float
    redirects: tuple[str, ...] = ()
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    from_cache: bool = False


@dataclass
class _Answer:
    status: int
    headers: httpx.Headers
    content: bytes | None = None


class _GuardedBackend(httpcore.AsyncNetworkBackend):
    """Connects only to addresses the guard accepts, resolving the name itself.

    The address checked is the address connected to: a DNS answer that changes between
    the check and the connection (DNS rebinding) cannot redirect the connection to an
    internal address. TLS still uses the host name (SNI and certificate checks), because
    httpcore starts TLS with the origin's host name, not the address.
    """

    def __init__(self, guard: AddressGuard, inner: httpcore.AsyncNetworkBackend | None = None):
        self._guard = guard
        self._inner = inner if inner is not None else httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        checked = check_url_syntax(f"http://{_bracket(host)}:{port}/")
        try:
            addresses = await self._guard.resolve(checked)
        except OSError as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        error: Exception | None = None
        for address in addresses:
            try:
                return await self._inner.connect_tcp(
                    str(address),
                    port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        assert error is not None
        raise error

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise BlockedURLError("refusing to connect to a Unix socket", url=path)

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


def _bracket(host: str) -> str:
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


@functools.cache
def _ssl_context() -> ssl.SSLContext:
    # Loading the CA bundle takes ~0.1 s; one verified context serves every fetcher.
    return httpx.create_ssl_context()


class _GuardedTransport(httpx.AsyncHTTPTransport):
    """httpx's own transport, connecting through :class:`_GuardedBackend`."""

    def __init__(self, guard: AddressGuard, config: TraceConfig) -> None:
        super().__init__(trust_env=False)
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=_ssl_context(),
            # The fetcher's semaphores bound the requests in flight; the pool only has
            # to keep idle connections for reuse. Capping it at max_connections too
            # would evict an idle connection to one host whenever another host's turn
            # comes, and reconnect for almost every request.
            max_connections=None,
            max_keepalive_connections=2 * config.max_connections,
            keepalive_expiry=5.0,
            http1=True,
            http2=False,
            network_backend=_GuardedBackend(guard),
        )


class _Inflater:
    """Decompresses gzip or deflate bodies in bounded pieces (no bomb expands at once)."""

    def __init__(self, encoding: str) -> None:
        self._gzip = encoding in ("gzip", "x-gzip")
        self._raw_deflate = False
        self._started = False
        self._obj = self._new()

    def _new(self) -> zlib._Decompress:
        if self._gzip:
            return zlib.decompressobj(16 + zlib.MAX_WBITS)
        return zlib.decompressobj(-zlib.MAX_WBITS if self._raw_deflate else zlib.MAX_WBITS)

    def feed(self, data: bytes) -> Iterator[bytes]:
        pending = data
        while pending:
            try:
                out = self._obj.decompress(pending, _CHUNK)
            except zlib.error:
                # "deflate" is often sent as a raw stream without the zlib header.
                if self._gzip or self._raw_deflate or self._started:
                    raise
                self._raw_deflate = True
                self._obj = self._new()
                out = self._obj.decompress(pending, _CHUNK)
            self._started = True
            if out:
                yield out
            if self._obj.eof:
                # gzip allows several members one after another.
                pending = self._obj.unused_data
                if pending:
                    self._obj = self._new()
                continue
            pending = self._obj.unconsumed_tail
            if not pending and not out:
                break

    def flush(self) -> bytes:
        return self._obj.flush()


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


class Fetcher:
    """Fetches URLs for one trace, safely: one per trace, used as an async context manager.

    Every fetch is checked by the SSRF guard (scheme, host, every resolved address, on
    every redirect hop), bounded (``request_timeout`` per attempt, ``max_response_bytes``
    counted after decompression, ``max_redirects``), retried on 429/503 and connection
    errors with exponential backoff that honours ``Retry-After``, and limited to
    ``max_connections`` requests in flight, ``max_connections_per_host`` per host.

    Args:
        config: the trace's settings.
        client: an ``httpx.AsyncClient`` to borrow (it is not closed). Its transport is
            the caller's: the guard still checks every URL and address before each
            request, but cannot pin the connection to the checked address.
        transport: an httpx transport for the client the fetcher creates (tests, replay).
            Without one, a transport that connects only to checked addresses is used.

    Examples:
            async def main() -> None:
                async with Fetcher(TraceConfig()) as fetcher:
                    result = await fetcher.fetch("https://www.state.gov/briefings/")
    """

    def __init__(
        self,
        config: TraceConfig,
        client: httpx.AsyncClient | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self.config = config
        self.guard = AddressGuard(config)
        self._client = client
        self._owns_client = client is None
        self._transport = transport
        self._global = asyncio.Semaphore(config.max_connections)
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._cache = HTTPCache(config.cache_dir) if config.cache_dir is not None else None
        self._archive = WarcArchive(config.archive) if config.archive is not None else None
        self._replay = bool(getattr(transport, "offline", False))
        self._robots: dict[str, asyncio.Future[RobotsPolicy]] = {}
        self._inflight: dict[str, asyncio.Future[FetchResult]] = {}
        self._token = product_token(config.user_agent)
        self.robots_refused: list[str] = []
        """URLs refused because robots.txt disallows them, in order."""
        self._headers = {
            "User-Agent": config.user_agent,
            "Accept": _ACCEPT,
            "Accept-Encoding": "gzip, deflate",
        }

    async def __aenter__(self) -> Self:
        self._ensure_client()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Stop fetches still running in the background, close the client if the fetcher
        created it, and close the cache."""
        running: list[asyncio.Future[Any]] = [*self._inflight.values(), *self._robots.values()]
        pending = [task for task in running if not task.done()]
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        if self._owns_client and self._client is not None:
            await self._client.aclose()
            self._client = None
        if self._cache is not None:
            self._cache.close()

    def _ensure_client(self) -> httpx.AsyncClient:
        if self._client is None:
            transport = self._transport or _GuardedTransport(self.guard, self.config)
            self._client = httpx.AsyncClient(
                transport=transport,
                timeout=httpx.Timeout(self.config.request_timeout),
                follow_redirects=False,
                trust_env=False,
                headers=self._headers,
            )
        return self._client

    def _host_slot(self, host: str) -> asyncio.Semaphore:
        slot = self._hosts.get(host)
        if slot is None:
            slot = self._hosts[host] = asyncio.Semaphore(self.config.max_connections_per_host)
        return slot

    async def fetch(self, url: str) -> FetchResult:
        """Fetch ``url`` and return its body and metadata.

        With ``TraceConfig.cache_dir`` set, a fresh cached response is returned without a
        request (``attempts == 0``, ``from_cache``) and a stale one is revalidated with
        ``If-None-Match``/``If-Modified-Since``; with ``offline=True`` only the cache is used.
        Several callers asking for the same URL at once share one fetch (and its result
        or error); one of them being cancelled does not cancel it for the others.

        Raises:
            BlockedURLError: the URL, or a redirect, points at a refused scheme or
                address, or robots.txt disallows it.
            ResponseTooLargeError: the body is larger than ``max_response_bytes``.
            HTTPStatusError: the server answered with an error status (after retries).
            FetchError: timeouts, connection failures, redirect loops, binary content,
                a URL missing from the cache in offline mode.
        """
        pending = self._inflight.get(url)
        if pending is None:
            pending = asyncio.ensure_future(self._fetch_once(url))
            self._inflight[url] = pending
            pending.add_done_callback(functools.partial(self._forget, url))
        return await asyncio.shield(pending)

    def _forget(self, url: str, task: asyncio.Future[FetchResult]) -> None:
        if self._inflight.get(url) is task:
            del self._inflight[url]
        if not task.cancelled():
            # Retrieved here so that an error no caller awaited any more (all of them
            # were cancelled) is not reported as "never retrieved".
            task.exception()

    async def _fetch_once(self, url: str) -> FetchResult:
        started = time.monotonic()
        entry: CacheEntry | None = None
        if self._cache is not None:
            entry = await asyncio.to_thread(self._cache.get, url)
            if entry is not None and (self.config.offline or entry.fresh(cache_now())):
                logger.debug("cache hit for %s", url)
                return _from_cache(url, entry, 0, time.monotonic() - started)
        if self.config.offline:
            raise FetchError(
                f"{url!r} is not in the cache and TraceConfig.offline is set; run once with "
                "network access (same cache_dir) to store it",
                url=url,
            )
        return await self._fetch_network(url, entry, started)

    async def _fetch_network(
        self,
        url: str,
        entry: CacheEntry | None,
        started: float,
        *,
        for_robots: bool = False,
    ) -> FetchResult:
        attempts = 0
        current = url
        seen = {url}
        hops: list[str] = []
        while True:
            try:
                checked = self.guard.check_syntax(current)
                # A host opened by name may resolve to anything, so there is nothing to
                # check before connecting (and a test's MockTransport host needs no DNS).
                if not self._replay and not self.guard.host_allowed(checked.host):
                    await self.guard.resolve(checked)
                if not for_robots and self.config.respect_robots:
                    await self._check_robots(checked)
            except BlockedURLError as exc:
                exc.attempts = attempts
                exc.url = url
                raise
            except OSError as exc:
                raise FetchError(
                    f"cannot resolve the host of {current!r} ({exc}); check the URL for typos "
                    "and that this machine can reach the internet",
                    url=url,
                    attempts=attempts,
                ) from exc
            conditional = (
                entry.validators() if entry is not None and current == entry.final_url else {}
            )
            answer, used = await self._with_retries(checked, url, attempts, conditional)
            attempts += used
            if self._archive is not None:
                await asyncio.to_thread(
                    self._archive.write,
                    current,
                    answer.status,
                    dict(answer.headers.items()),
                    answer.content or b"",
                    {**self._headers, **conditional},
                )
            if answer.status in _REDIRECTS and "location" in answer.headers:
                target = urljoin(current, answer.headers["location"].strip())
                if len(hops) >= self.config.max_redirects:
                    raise FetchError(
                        f"{url!r} redirected more than {self.config.max_redirects} times; "
                        "open it in a browser to see where it leads, or raise "
                        "TraceConfig.max_redirects",
                        url=url,
                        attempts=attempts,
                    )
                if target in seen:
                    raise FetchError(
                        f"{url!r} redirects in a loop (back to {target!r}); the site is "
                        "misconfigured, try again later or use an archived copy",
                        url=url,
                        attempts=attempts,
                    )
                logger.debug("redirect %s -> %s", current, target)
                seen.add(target)
                hops.append(target)
                current = target
                continue
            headers = {k.lower(): v for k, v in answer.headers.items()}
            if answer.status == 304 and entry is not None and conditional:
                assert self._cache is not None
                _, expires_at = freshness(headers, cache_now())
                await asyncio.to_thread(self._cache.refresh, url, expires_at, headers)
                logger.debug("revalidated %s (304)", url)
                return _from_cache(url, entry, attempts, time.monotonic() - started)
            if answer.status >= 400 or answer.status == 304 or answer.content is None:
                raise HTTPStatusError(
                    f"{current!r} answered HTTP {answer.status}; check that the page still "
                    "exists (or try an archived copy)",
                    url=url,
                    status_code=answer.status,
                    attempts=attempts,
                )
            media_type, charset = parse_content_type(answer.headers.get("content-type"))
            media_type = self._check_content(answer.content, media_type, url, attempts)
            result = FetchResult(
                url=url,
                final_url=current,
                status_code=answer.status,
                headers=headers,
                content=answer.content,
                media_type=media_type,
                charset=charset,
                attempts=attempts,
                elapsed=time.monotonic() - started,
                redirects=tuple(hops),
            )
            if self._cache is not None and not for_robots and answer.status == 200:
                await self._store(result)
            return result

    async def _store(self, result: FetchResult) -> None:
        assert self._cache is not None
        received = result.fetched_at.timestamp()
        store, expires_at = freshness(result.headers, received)
        if not store:
            return
        entry = CacheEntry(
            url=result.url,
            final_url=result.final_url,
            status_code=result.status_code,
            headers=result.headers,
            content=result.content,
            media_type=result.media_type,
            charset=result.charset,
            fetched_at=received,
            expires_at=expires_at,
            redirects=result.redirects,
        )
        await asyncio.to_thread(self._cache.put, entry)

    async def _check_robots(self, checked: CheckedURL) -> None:
        origin = f"{checked.scheme}://{_bracket(checked.host)}:{checked.port}"
        future = self._robots.get(origin)
        if future is None:
            future = asyncio.ensure_future(self._load_robots(origin))
            self._robots[origin] = future
        # Shielded: one waiter being cancelled must not cancel the load the others share.
        policy = await asyncio.shield(future)
        if policy.allows(checked.url):
            return
        self.robots_refused.append(checked.url)
        logger.info("robots.txt of %s disallows %s", origin, checked.url)
        raise BlockedURLError(
            f"{checked.url!r} is disallowed for {self._token!r} by {origin}/robots.txt; "
            "sourcetrace honours robots.txt by default. Ask the site for a copy, or set "
            "TraceConfig(respect_robots=False) if you have its permission",
            url=checked.url,
        )

    async def _load_robots(self, origin: str) -> RobotsPolicy:
        url = f"{origin}/robots.txt"
        try:
            result = await self._fetch_network(url, None, time.monotonic(), for_robots=True)
        except FetchError as exc:
            # RFC 9309 lets a crawler treat an unreachable robots.txt as "disallow all";
            # for a handful of pages a fact-checker asked for, we allow and log instead.
            logger.info("no usable robots.txt at %s (%s); allowing", url, exc)
            return RobotsPolicy()
        text = result.content.decode("utf-8", "replace")
        return parse_robots(text, self._token)

    def _check_content(
        self, content: bytes, media_type: str | None, url: str, attempts: int
    ) -> str:
        if content[:1024].lstrip().startswith(b"%PDF-"):
            return "application/pdf"
        if looks_binary(content):
            raise FetchError(
                f"{url!r} sent binary data (declared as {media_type or 'nothing'}), not a "
                "page or text; sourcetrace reads HTML, plain text, XML, JSON and PDF",
                url=url,
                attempts=attempts,
            )
        if media_type is None or media_type in ("application/octet-stream", "binary/octet-stream"):
            head = content[:4096].decode("ascii", "ignore").lower()
            return "text/html" if "<html" in head or "<!doctype html" in head else "text/plain"
        return media_type

    async def _with_retries(
        self,
        checked: CheckedURL,
        url: str,
        attempts_before: int,
        extra_headers: Mapping[str, str],
    ) -> tuple[_Answer, int]:
        config = self.config
        used = 0
        while True:
            used += 1
            last_try = used > config.retries
            try:
                answer = await self._attempt(checked, url, extra_headers)
            except _RETRYABLE as exc:
                if last_try:
                    raise FetchError(
                        f"connection to {checked.host} failed ({type(exc).__name__}: {exc}) "
                        f"after {used} attempts; the site may be down, try again later",
                        url=url,
                        attempts=attempts_before + used,
                    ) from exc
                wait = config.retry_backoff * 2 ** (used - 1)
                logger.info("retrying %s in %.2fs after %s", checked.url, wait, exc)
                await asyncio.sleep(wait)
                continue
            except TimeoutError as exc:
                raise FetchError(
                    f"{checked.url!r} did not answer within {config.request_timeout:g}s; "
                    "try again later or raise TraceConfig.request_timeout",
                    url=url,
                    attempts=attempts_before + used,
                ) from exc
            except httpx.TimeoutException as exc:
                raise FetchError(
                    f"{checked.url!r} timed out ({type(exc).__name__}) after "
                    f"{config.request_timeout:g}s; try again later or raise "
                    "TraceConfig.request_timeout",
                    url=url,
                    attempts=attempts_before + used,
                ) from exc
            except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
                raise BlockedURLError(
                    f"{checked.url!r} cannot be requested ({exc}); check the URL",
                    url=url,
                    attempts=attempts_before + used,
                ) from exc
            except httpx.HTTPError as exc:
                raise FetchError(
                    f"fetching {checked.url!r} failed ({type(exc).__name__}: {exc})",
                    url=url,
                    attempts=attempts_before + used,
                ) from exc
            except (BlockedURLError, ResponseTooLargeError, FetchError) as exc:
                exc.attempts = attempts_before + used
                exc.url = url
                raise
            if answer.status in _RETRY_STATUSES and not last_try:
                wait = config.retry_backoff * 2 ** (used - 1)
                asked = _retry_after(answer.headers.get("retry-after"))
                if asked is not None:
                    wait = max(wait, min(asked, config.request_timeout))
                logger.info("HTTP %s from %s; retrying in %.2fs", answer.status, checked.url, wait)
                await asyncio.sleep(wait)
                continue
            return answer, used

    async def _attempt(
        self, checked: CheckedURL, url: str, extra_headers: Mapping[str, str]
    ) -> _Answer:
        client = self._ensure_client()
        async with self._host_slot(f"{checked.host}:{checked.port}"), self._global:
            async with asyncio.timeout(self.config.request_timeout):
                headers = {**self._headers, **extra_headers}
                request = client.build_request("GET", checked.url, headers=headers)
                response = await client.send(request, stream=True, follow_redirects=False)
                try:
                    status = response.status_code
                    if status in _REDIRECTS or status >= 400 or status < 200 or status == 304:
                        return _Answer(status, response.headers)
                    media_type, _ = parse_content_type(response.headers.get("content-type"))
                    if not is_textual_media_type(media_type) and media_type not in (
                        "application/octet-stream",
                        "binary/octet-stream",
                    ):
                        raise FetchError(
                            f"{checked.url!r} is {media_type}, not a page or text; "
                            "sourcetrace reads HTML, plain text, XML, JSON and PDF",
                            url=url,
                        )
                    content = await self._read_capped(response, url)
                    return _Answer(status, response.headers, content)
                finally:
                    await response.aclose()

    async def _read_capped(self, response: httpx.Response, url: str) -> bytes:
        cap = self.config.max_response_bytes
        encodings = [
            e.strip().lower()
            for e in response.headers.get("content-encoding", "").split(",")
            if e.strip() and e.strip().lower() != "identity"
        ]
        too_large = ResponseTooLargeError(
            f"{url!r} sent more than {cap:,} bytes (TraceConfig.max_response_bytes, counted "
            "after decompression); raise the limit if this source is genuine",
            url=url,
        )
        if not encodings:
            length = response.headers.get("content-length", "")
            if length.isdigit() and int(length) > cap:
                raise too_large
        if response.is_stream_consumed:
            # A transport that built its response with content= (httpx.MockTransport):
            # the body is already in memory, decoded.
            if len(response.content) > cap:
                raise too_large
            return response.content
        body = bytearray()
        if len(encodings) == 1 and encodings[0] in ("gzip", "x-gzip", "deflate"):
            inflater = _Inflater(encodings[0])
            try:
                async for chunk in response.aiter_raw(_CHUNK):
                    for piece in inflater.feed(chunk):
                        if len(body) + len(piece) > cap:
                            raise too_large
                        body += piece
                tail = inflater.flush()
            except zlib.error as exc:
                raise FetchError(
                    f"{url!r} sent a corrupt compressed body ({exc}); try again later",
                    url=url,
                ) from exc
            if len(body) + len(tail) > cap:
                raise too_large
            body += tail
            return bytes(body)
        # Identity, or an encoding httpx decodes for us (pieces are then not bounded by
        # us, but a server only sends these when asked, and we ask for gzip/deflate only).
        chunks = response.aiter_raw(_CHUNK) if not encodings else response.aiter_bytes(_CHUNK)
        async for chunk in chunks:
            if len(body) + len(chunk) > cap:
                raise too_large
            body += chunk
        return bytes(body)


def _from_cache(url: str, entry: CacheEntry, attempts: int, elapsed: float) -> FetchResult:
    return FetchResult(
        url=url,
        final_url=entry.final_url,
        status_code=entry.status_code,
        headers=dict(entry.headers),
        content=entry.content,
        media_type=entry.media_type,
        charset=entry.charset,
        attempts=attempts,
        elapsed=elapsed,
        redirects=entry.redirects,
        fetched_at=entry.fetched_datetime,
        from_cache=True,
    )
