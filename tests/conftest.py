"""Shared fixtures: where the repository's examples and the team's shared folder are."""

from __future__ import annotations

from pathlib import Path

import pytest

from _shared import REPO, shared_file

EXAMPLES = REPO / "examples"


@pytest.fixture(scope="session")
def examples() -> Path:
    return EXAMPLES


@pytest.fixture(scope="session")
def seed_article() -> str:
    return shared_file("seed", "article.txt").read_text(encoding="utf-8")
