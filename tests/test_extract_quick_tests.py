"""The quick tests that let sentences and paragraphs skip the rules give exactly what
their plain regex spelling gives, on ASCII text and on text that is not."""

from __future__ import annotations

import random

import pytest

from sourcetrace._models import Document
from sourcetrace.extract._rules import _LOWER_WORD_RE, _cue_words, _Reader

CUES = sorted(_cue_words(False, False))
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
    reader = _Reader(Document(id="t", text="x"), beliefs=False)
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
    reader = _Reader(Document(id="t", text="x"), beliefs=False)
    cues = reader.cue_words
    runs = reader.cue_runs
    assert runs is not None and CUES
    for text in _texts(alphabet, alphabet + "p"):
        text = text.replace(":", ";")  # a colon near the start admits any paragraph
        reader.text = text
        plain = not cues.isdisjoint(runs.findall(text.lower()))
        assert reader._paragraph_may_hold(0, len(text)) == plain, text
