"""Run sourcetrace's async core from synchronous code, inside a running event loop or not."""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextvars
from collections.abc import Coroutine
from typing import Any, TypeVar

__all__ = ["run_sync"]

T = TypeVar("T")


def run_sync(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run ``coroutine`` to completion and return its result.

    Without a running event loop this is ``asyncio.run``. Inside one (Jupyter, an async
    web framework calling sync code) ``asyncio.run`` would fail and blocking the loop's
    own thread on it would deadlock, so the coroutine runs on a fresh loop in a worker
    thread while the caller waits. Context variables are copied into that thread.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    context = contextvars.copy_context()
    with concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="sourcetrace") as pool:
        return pool.submit(context.run, asyncio.run, coroutine).result()
