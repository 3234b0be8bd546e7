"""Shared fixtures: where the repository's examples and the team's shared folder are."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"


def shared_dir() -> Path | None:
    """The shared folder cloned beside the repository (or named by SOURCETRACE_SHARED)."""
    candidates = [REPO.parent / "shared"]
    if os.environ.get("SOURCETRACE_SHARED"):
        candidates.insert(0, Path(os.environ["SOURCETRACE_SHARED"]))
    for candidate in candidates:
        if (candidate / "seed" / "article.txt").is_file():
            return candidate
    return None


@pytest.fixture(scope="session")
def examples() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def seed_article() -> str:
    shared = shared_dir()
    if shared is None:
        pytest.skip("the shared folder with seed/article.txt is not beside the repository")
    return (shared / "seed" / "article.txt").read_text(encoding="utf-8")
