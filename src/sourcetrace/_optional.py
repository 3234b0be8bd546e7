"""Optional extras: import them on first use, or say which extra to install."""

from __future__ import annotations

import importlib
from types import ModuleType

from ._errors import MissingDependencyError

__all__ = ["require"]


def require(module: str, *, extra: str, feature: str) -> ModuleType:
    """Import ``module``, or raise :class:`MissingDependencyError` naming the extra.

    Args:
        module: the module to import, e.g. ``"pandas"``.
        extra: the sourcetrace extra that installs it, e.g. ``"pandas"``.
        feature: what needs it, for the message, e.g. ``"to_dataframe"``.
    """
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingDependencyError(
            f"{feature} needs {module}: pip install 'sourcetrace[{extra}]'"
        ) from exc
