"""Where the project's shared folder is: ``<repo>/../shared``, or ``$SOURCETRACE_SHARED``.

The shared folder holds material that must not be copied into the repository (the seed
article, the gold-data harness). Tests that read it skip cleanly when it is absent.
"""

from __future__ import annotations

import os
from pathlib import Path

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
