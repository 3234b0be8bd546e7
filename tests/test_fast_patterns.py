"""Patterns rewritten for speed find exactly what their plain spelling finds."""

from __future__ import annotations

import random
import re

import pytest

from sourcetrace.extract._agents import _NAME_RE, _SURNAME_RE
from sourcetrace.extract._rules import _LOWER_WORD_RE
from sourcetrace.text.segment import _QUOTE_MARK_RE

PLAIN = {
    "name": (
        _NAME_RE,
        r"\b[A-Z][a-z'’-]+(?:[ \u00a0]+(?:[A-Z]\.(?:[ \u00a0]*[A-Z]\.)?|[A-Z][a-z'’-]+)){1,4}",
    ),
    "surname": (_SURNAME_RE, r"\b[A-Z][a-z'’-]+"),
    "lower word": (_LOWER_WORD_RE, r"(?<![\w'’-])[a-z]+(?![\w-])"),
    "quote mark": (_QUOTE_MARK_RE, "''|[\"“”«»„‹›‟]"),
}
# letters, capitals, digits, apostrophes, hyphens, dots, spaces (a no-break one too),
# quotation marks and a few non-ASCII word characters: every case the patterns tell apart
ALPHABET = "aAbBzZ09_'’-. \u00a0\"“”«»„‹›‟éÉßİ\n,"


def _spans(pattern: re.Pattern[str], text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [match.span() for match in pattern.finditer(text, start, end)]


@pytest.mark.parametrize("name", sorted(PLAIN))
def test_rewritten_pattern_matches_its_plain_spelling(name: str) -> None:
    fast, plain_source = PLAIN[name]
    plain = re.compile(plain_source)
    rng = random.Random(name)
    texts = [
        "Ms. Dana O'Hara met Ada Moss-Berg and J. R. Quill in Port Ellis.",
        "He said ''we stay'' and “they go” «now» „ja“ ‹x› ‟y”.",
        "said, told-him, re-said 'said' isaid said_ said2 Said saïd",
        "xAda Ada_Moss 9Ada éAda -Ada 'Ada ’Ada",
        "''' '' ' \"\"",
    ]
    texts += ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(0, 40))) for _ in range(3000)]
    for text in texts:
        for start, end in ((0, len(text)), (len(text) // 3, len(text)), (1, max(1, len(text) - 2))):
            assert _spans(fast, text, start, end) == _spans(plain, text, start, end), (
                text,
                start,
                end,
            )
