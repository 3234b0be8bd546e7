"""The quick tests that let sentences and paragraphs skip the rules give exactly what
their plain regex spelling gives, on ASCII text and on text that is not."""

from __future__ import annotations

import random

import pytest

from sourcetrace._models import Document
from sourcetrace.extract._rules import (
    _LOWER_WORD_RE,
    _TOKEN_RE,
    _cue_words,
    _Reader,
    _Tok,
    _words,
)
from sourcetrace.text.segment import (
    _word_before_period,
)

CUES = sorted(_cue_words(frozenset(), frozenset()))
WORDS = ["said", "says", "told", "added", "according", "Said", "TOLD", "saying"]
ASCII = "aXz09_'- .,\n:"
ANY = ASCII + "’“”éİ\u00a0"


def _texts(alphabet: str, seed: str) -> list[str]:
    rng = random.Random(seed)
    texts = [
        "Okafor said, re-said, said' and said's; told-him isaid said_ o'said -said Said.",
        "The harbor master's reply: “said” SAID said-9 said2 'said",
    ]
    for _ in range(3000):
        parts = [
            rng.choice(WORDS)
            if rng.random() < 0.4
            else "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 4)))
            for _ in range(rng.randint(1, 8))
        ]
        texts.append("".join(parts))
    return texts


@pytest.mark.parametrize("alphabet", [ASCII, ANY], ids=["ascii", "any"])
def test_sentence_test_is_the_lower_word_pattern(alphabet: str) -> None:
    reader = _Reader(Document(id="t", text="x"), beliefs=frozenset(), acts=frozenset())
    cues = reader.cue_words
    rng = random.Random(alphabet)
    for text in _texts(alphabet, alphabet):
        reader.text = text
        for _ in range(3):
            start = rng.randint(0, len(text))
            end = rng.randint(start, len(text))
            plain = not cues.isdisjoint(_LOWER_WORD_RE.findall(text, start, end))
            assert reader._lower_cue_word(start, end) == plain, (text, start, end)


@pytest.mark.parametrize("alphabet", [ASCII, ANY], ids=["ascii", "any"])
def test_paragraph_test_is_the_letter_run_pattern(alphabet: str) -> None:
    reader = _Reader(Document(id="t", text="x"), beliefs=frozenset(), acts=frozenset())
    cues = reader.cue_words
    runs = reader.cue_runs
    assert runs is not None and CUES
    for text in _texts(alphabet, alphabet + "p"):
        text = text.replace(":", ";")  # a colon near the start admits any paragraph
        reader.text = text
        plain = not cues.isdisjoint(runs.findall(text.lower()))
        assert reader._paragraph_may_hold(0, len(text)) == plain, text


def _plain_word_before_period(text: str, start: int, period: int) -> str:
    """The word before the period as first read: a loop over the characters."""
    word_start = period
    floor = max(start, period - 24)
    while word_start > floor and (text[word_start - 1].isalpha() or text[word_start - 1] == "."):
        word_start -= 1
    return text[word_start:period]


def test_period_test_reads_the_word_before_the_period_as_the_loop_does() -> None:
    rng = random.Random("period")
    pieces = [*"aZé. \t\n(“9-İ", "Gen", "U.S", "no", "The"]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 20)))
        period = rng.randint(0, len(text))
        text = text[:period] + "." + text[period:]
        start = rng.randint(0, period)
        expected = _plain_word_before_period(text, start, period)
        assert _word_before_period(text, start, period) == expected, text


def test_tokens_are_the_token_pattern_matches() -> None:
    rng = random.Random("tokens")
    pieces = [*"aZ9_é '’-.&/,“”\t\n\u00a0", "Okafor", "U.S.", "re-said", "port's"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 20)))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        tokens: list[_Tok] = []
        _words(text, start, end, tokens)
        plain = [
            (match.start(), match.end(), match.group(), "w" if match.lastindex == 1 else "p")
            for match in _TOKEN_RE.finditer(text, start, end)
        ]
        assert [(tok.start, tok.end, tok.text, tok.kind) for tok in tokens] == plain, text
        assert all(tok.low == tok.text.lower() and tok.quote is None for tok in tokens)
