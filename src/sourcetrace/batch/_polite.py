"""Per-host request limits that hold across every worker of a Dask cluster.

One trace limits itself to ``TraceConfig.max_connections_per_host`` requests per host,
but a cluster runs many traces at once, on many machines: twenty workers each
politely sending eight requests would still put 160 on one newsroom's server. Every
request a batch makes therefore takes a lease of a ``distributed.Semaphore`` named after
the host, held by the scheduler, before it is sent, and gives it back when the response
has been read. The lease is taken per HTTP request (each redirect hop, each retry), which
is what a server sees.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Callable
from typing import Any, Protocol

import httpx

__all__ = ["HostLimitedTransport", "Lease", "distributed_leases"]


class Lease(Protocol):
    """A counted lease per host: ``acquire`` blocks until one is free."""

    def acquire(self) -> object: ...

    def release(self) -> object: ...


class _ReleasingStream(httpx.AsyncByteStream):
    def __init__(self, inner: httpx.AsyncByteStream, release: Callable[[], Any]) -> None:
        self._inner = inner
        self._release: Callable[[], Any] | None = release

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._inner:
            yield chunk

    async def aclose(self) -> None:
        try:
            await self._inner.aclose()
        finally:
            release, self._release = self._release, None
            if release is not None:
                await release()


class HostLimitedTransport(httpx.AsyncBaseTransport):
    """An httpx transport that holds a per-host lease for each request it sends.

    Args:
        inner: the transport that sends the requests.
        lease_for: the lease of a host name (same object for the same host). Its
            ``acquire``/``release`` may block: they run in a thread, so that the
            event loop of the trace goes on with other requests meanwhile.
    """

    def __init__(self, inner: httpx.AsyncBaseTransport, lease_for: Callable[[str], Lease]) -> None:
        self._inner = inner
        self._lease_for = lease_for

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        lease = self._lease_for(request.url.host.lower())
        await asyncio.to_thread(lease.acquire)

        async def release() -> None:
            await asyncio.to_thread(lease.release)

        try:
            response = await self._inner.handle_async_request(request)
        except BaseException:
            await release()
            raise
        assert isinstance(response.stream, httpx.AsyncByteStream)
        response.stream = _ReleasingStream(response.stream, release)
        return response

    async def aclose(self) -> None:
        await self._inner.aclose()


_LOCK = threading.Lock()
_LEASES: dict[tuple[str, str, int], Lease] = {}


def distributed_leases(worker_address: str, limit: int) -> Callable[[str], Lease]:
    """Per-host leases backed by ``distributed.Semaphore`` on the scheduler.

    The semaphore objects are kept per worker and host, so that every trace running
    on one worker shares them (each object renews its own leases with the scheduler).
    """
    from distributed import Semaphore

    def lease_for(host: str) -> Lease:
        slot = (worker_address, host, limit)
        with _LOCK:
            lease = _LEASES.get(slot)
            if lease is None:
                lease = Semaphore(  # type: ignore[no-untyped-call,unused-ignore]
                    max_leases=limit, name=f"sourcetrace-host-{limit}-{host}"
                )
                _LEASES[slot] = lease
            return lease

    return lease_for
