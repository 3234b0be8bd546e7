"""Normalisation folds typography and spelling variants and keeps an exact offset map."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sourcetrace.match._text import words_of
from sourcetrace.text.normalize import NormalizedText, _normalize, normalize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  Hello,   World!  ", "hello world"),
        ("“Quoted” and ‘single’", "quoted and single"),
        ("north–south — east-west", "north south east west"),
        ("The U.S. and the U.N.", "the us and the un"),
        ("12 percent, 12 per cent, 12%", "12 % 12 % 12 %"),
        ("1,000 troops and 3.5 million", "1000 troops and 3.5 million"),
        ("We won’t, they can't, I cannot", "we will not they can not i can not"),
        ("We're here; they've gone", "we are here they have gone"),
        ("five ships, twenty men", "5 ships 20 men"),
        ("the defence programme", "the defense program"),
        ("ﬁne ＡＢＣ", "fine abc"),
        ("café vs cafe\u0301", "café vs café"),
        ("Straße", "strasse"),
        ("Tom & Jerry", "tom and jerry"),
        ("", ""),
        ("...!!! ---", ""),
    ],
)
def test_normalize_folds_variants(text: str, expected: str) -> None:
    assert normalize(text).text == expected


def test_normalize_lone_surrogate_separates_words() -> None:
    result = normalize("abc\ud800def")
    assert result.text == "abc def"
    assert result.to_original(4, 7) == (4, 7)


def test_normalize_maps_words_back_to_their_original_spelling() -> None:
    original = "The “U.S.” cut fees by 12 per cent, it won’t stop."
    result = normalize(original)
    pieces = [
        original[slice(*result.to_original(*m.span()))] for m in re.finditer(r"\S+", result.text)
    ]
    assert pieces == [
        "The",
        "U.S.",
        "cut",
        "fees",
        "by",
        "12",
        "per cent",
        "it",
        "won’t",
        "won’t",
        "stop",
    ]


def test_normalize_range_over_several_words_covers_the_original_run() -> None:
    original = "Budget:  U.S.   fees fell"
    result = normalize(original)
    start = result.text.index("us")
    assert original[slice(*result.to_original(start, len(result.text)))] == "U.S.   fees fell"


def test_normalize_rejects_a_range_outside_the_text() -> None:
    with pytest.raises(ValueError, match="outside"):
        normalize("abc").to_original(0, 9)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_normalize_offsets_are_monotone_and_in_bounds(text: str) -> None:
    result = normalize(text)
    assert len(result.offsets) == len(result.text) == len(result.ends)
    previous = 0
    for match in re.finditer(r"\S+", result.text):
        start, end = result.to_original(*match.span())
        assert previous <= start <= end <= len(text)
        # The original run of a word re-normalises to something holding that word.
        assert match.group() in normalize(text[start:end]).text.split() or match.group() in (
            "not",
            "will",
            "can",
            "shall",
            "is",
            "are",
            "have",
            "am",
            "%",
        )
        previous = start


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=100))
def test_normalize_is_idempotent_on_its_output(text: str) -> None:
    once = normalize(text).text
    assert normalize(once).text == once


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("forty engineers", "40 engineers"),
        ("forty-two engineers", "42 engineers"),
        ("forty two engineers", "40 2 engineers"),
        ("twenty-one", "21"),
        ("40-2", "40 2"),
    ],
)
def test_normalize_number_words(text: str, expected: str) -> None:
    assert normalize(text).text == expected


# Words and separators that exercise every path of normalisation: plain words, one or
# several separators, words it rewrites or merges, abbreviations, numbers, symbols,
# contractions, non-ASCII letters and combining marks.
_PIECES = [
    "harbor", "Ferry", "LOCKS", "a", "x9", "2024", "per", "cent", "Per", "forty", "two",
    "Forty", "percent", "defence", "cannot", "won't", "don’t", "Reyes’s", "U.S.", "e.g.",
    "1,000", "3.5", "5%", "$", "&", "café", "cafe\u0301", "Straße", "ﬁne", "_", "’",
    "'", ".", ",", "-", "—", "“", "”", "(", " ", " ", " ", "  ", "\n", "\u00a0", "\ud800",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_normalize_fast_path_for_plain_words_changes_nothing(pieces: list[str]) -> None:
    text = "".join(pieces)
    fast = _normalize(text, plain_words=True)
    general = _normalize(text, plain_words=False)
    assert fast.text == general.text
    assert list(fast.offsets) == list(general.offsets)
    assert list(fast.ends) == list(general.ends)


def test_normalize_fast_path_on_a_briefing_paragraph() -> None:
    text = (
        "MS OKAFOR:  Thank you.  The U.S. delegation arrived at 9 a.m., and forty-two "
        "inspectors — per cent of them new — said the gates won’t open; fares rose 5%."
    )
    fast = _normalize(text, plain_words=True)
    assert fast.text == _normalize(text, plain_words=False).text
    assert list(fast.offsets) == list(_normalize(text, plain_words=False).offsets)
    assert "the us delegation arrived at 9 am and 42 inspectors % of them new" in fast.text


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_words_of_a_normalised_text_are_its_space_separated_runs(text: str) -> None:
    norm = normalize(text)
    words = words_of(norm)
    runs = list(re.finditer(r"\S+", norm.text))
    assert words.items == [run.group() for run in runs]
    assert words.starts == [run.start() for run in runs]
    assert words.ends == [run.end() for run in runs]
    # any text at all, not only normalised text, takes the general path
    raw = words_of(NormalizedText(text, text, normalize(text).offsets, normalize(text).ends))
    assert raw.items == text.split()
