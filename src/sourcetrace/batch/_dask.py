"""Lazy access to ``dask.distributed``, an optional extra."""

from __future__ import annotations

from types import ModuleType

from .._errors import MissingDependencyError

__all__ = ["require_distributed"]


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
