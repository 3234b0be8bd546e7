"""Lazy access to ``dask.distributed``, an optional extra."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import Any

from .._errors import MissingDependencyError

__all__ = ["dask_client", "require_distributed"]


def require_distributed() -> ModuleType:
    """The ``distributed`` module, or a :class:`MissingDependencyError` naming the extra."""
    try:
        import distributed
    except ImportError as exc:
        raise MissingDependencyError(
            "batch tracing on a cluster needs Dask: pip install 'sourcetrace[dask]' "
            "(or pass scheduler='synchronous' to trace in this process)"
        ) from exc
    return distributed


@contextmanager
def dask_client(client: Any, scheduler: str | None) -> Iterator[Any]:
    """The caller's client, or one of our own that is closed (with its cluster) after.

    Without a ``client``: a client of the scheduler at ``scheduler``, or of a
    ``LocalCluster`` with one single-threaded worker process per core.
    """
    if client is not None:
        yield client
        return
    distributed = require_distributed()
    if scheduler is not None:
        with distributed.Client(scheduler) as own:
            yield own
        return
    with (
        distributed.LocalCluster(
            n_workers=os.cpu_count() or 1, threads_per_worker=1, processes=True
        ) as cluster,
        distributed.Client(cluster) as own,
    ):
        yield own
