"""Where the project's shared folder is: ``<repo>/../shared``, or ``$SOURCETRACE_SHARED``.

The shared folder holds material that must not be copied into the repository (the seed
article, the gold-data harness). Tests that read it skip cleanly when it is absent.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]


def shared_dir() -> Path | None:
    """The shared folder, or ``None`` when this checkout has none beside it."""
    candidates = [REPO.parent / "shared"]
    env = os.environ.get("SOURCETRACE_SHARED")
    if env:
        candidates.append(Path(env))
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    return None


def shared_file(*parts: str) -> Path:
    """A file of the shared folder; skips the test when the folder is absent."""
    base = shared_dir()
    if base is None:
        pytest.skip("the shared folder is absent (set SOURCETRACE_SHARED to its path)")
    path = base.joinpath(*parts)
    if not path.is_file():
        pytest.skip(f"{'/'.join(parts)} is not in the shared folder")
    return path


@contextmanager
def local_dask(
    *, threads_per_worker: int = 1, silence_logs: int = 40
) -> Iterator[tuple[Any, Any]]:
    """A two-worker in-process Dask cluster and its client, closed afterwards.

    Thread workers: starting worker processes costs more than the tests' batches on a
    two-core machine.
    """
    from distributed import Client, LocalCluster

    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=threads_per_worker,
            processes=False,
            dashboard_address=":0",
            silence_logs=silence_logs,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield cluster, client
