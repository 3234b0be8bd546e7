"""Words of a normalised text, with their offsets, and of a quote split into segments."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import accumulate
from operator import add, sub

from ..text.normalize import NormalizedText, normalize

__all__ = ["NEGATIONS", "STOPWORDS", "QuoteSegment", "Words", "split_quote", "words_of"]

_WORD_RE = re.compile(r"\S+")

# Words whose addition or removal flips the meaning of a sentence.
NEGATIONS = frozenset(
    ["not", "no", "never", "none", "nothing", "nobody", "neither", "nor", "without", "nowhere"]
)
# Function words: dropping or adding one does not change what a quote says. Kept
# short on purpose: pronouns and modal verbs do change meaning and are not here.
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "with",
        "by",
        "from",
        "as",
        "that",
        "this",
        "these",
        "those",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "it",
        "its",
        "there",
        "their",
        "then",
        "than",
        "so",
        "such",
        "also",
        "very",
        "just",
        "which",
        "who",
        "whom",
        "whose",
        "what",
        "when",
        "where",
        "while",
        "about",
        "into",
        "over",
        "after",
        "before",
        "up",
        "out",
        "if",
        "do",
        "does",
        "did",
        "has",
        "have",
        "had",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "we",
        "our",
        "us",
        "you",
        "your",
        "he",
        "him",
        "his",
        "she",
        "her",
        "they",
        "them",
        "i",
        "me",
        "my",
        "mr",
        "ms",
        "mrs",
        "said",
        "says",
        "say",
    ]
)
_FILLERS = frozenset({"a", "an", "the", "that"})


@dataclass(frozen=True)
class Words:
    """The words of a normalised text: ``items[i]`` spans ``text[starts[i]:ends[i]]``."""

    norm: NormalizedText
    items: list[str]
    starts: list[int]
    ends: list[int]
    positions: dict[str, list[int]] = field(default_factory=dict, repr=False)
    base: int = 0
    """Where ``norm.original`` starts in the whole document (a large one is read in chunks)."""

    def __len__(self) -> int:
        return len(self.items)

    def original(self, first: int, last: int) -> tuple[int, int]:
        """Document offsets of words ``[first, last)`` (``last > first``)."""
        start, end = self.norm.to_original(self.starts[first], self.ends[last - 1])
        return start + self.base, end + self.base

    def original_text(self, first: int, last: int) -> str:
        """The original characters of words ``[first, last)``."""
        start, end = self.norm.to_original(self.starts[first], self.ends[last - 1])
        return self.norm.original[start:end]

    def original_words(self, first: int, last: int) -> list[str]:
        """The original spelling of words ``[first, last)``, a split word only once."""
        out: list[str] = []
        previous: tuple[int, int] | None = None
        for index in range(first, last):
            span = self.norm.to_original(self.starts[index], self.ends[index])
            if span != previous:
                out.append(self.norm.original[span[0] : span[1]])
            previous = span
        return out

    def capitalised(self, index: int) -> bool:
        """Whether word ``index`` is written with a capital in the original."""
        chunk = self.original_text(index, index + 1)
        return bool(chunk) and chunk[0].isupper()


def words_of(norm: NormalizedText, *, index: bool = False, base: int = 0) -> Words:
    """Split a normalised text into words; with ``index``, also map word -> positions."""
    text = norm.text
    items = text.split()
    if items == text.split(" "):
        # Normalised text is words one space apart: the offsets follow from the lengths.
        lengths = list(map(len, items))
        ends = list(map(add, accumulate(lengths), range(len(items))))
        starts = list(map(sub, ends, lengths))
    else:
        items, starts, ends = [], [], []
        for match in _WORD_RE.finditer(text):
            items.append(match.group())
            starts.append(match.start())
            ends.append(match.end())
    positions: dict[str, list[int]] = {}
    if index:
        for i, word in enumerate(items):
            positions.setdefault(word, []).append(i)
    return Words(norm, items, starts, ends, positions, base)


def only_fillers(words: list[str]) -> bool:
    """Whether every word is an article or "that" (dropping one is a minor edit)."""
    return all(word in _FILLERS for word in words)


_ELLIPSIS_RE = re.compile(r"\s*(?:\[\s*(?:\.\s*){3}\]|\[\s*…\s*\]|…|\.\s*\.\s*\.)\s*")
_BRACKET_RE = re.compile(r"\[([^\[\]]*)\]")


@dataclass(frozen=True)
class QuoteSegment:
    """One piece of a quote between ellipses, normalised, with its wildcards.

    ``wildcards`` holds the word indices before which a bracketed insertion stood:
    whatever the source has there is accepted.
    """

    original: str
    words: Words
    wildcards: frozenset[int]
    elided_before: bool

    @property
    def text(self) -> str:
        return self.words.norm.text


def split_quote(quote: str, *, elided_first: bool = False) -> list[QuoteSegment]:
    """Split a quote at its ellipses; bracketed insertions become wildcards.

    A bracket inside a word ("[W]e") is an editorial capital and is kept as letters.
    Segments with no words are dropped.
    """
    segments: list[QuoteSegment] = []
    pieces = _ELLIPSIS_RE.split(quote)
    for number, piece in enumerate(pieces):
        wildcard_chars: list[int] = []
        kept: list[str] = []
        last = 0
        length = 0
        for match in _BRACKET_RE.finditer(piece):
            before = piece[last : match.start()]
            kept.append(before)
            length += len(before)
            inside_word = (match.start() > 0 and piece[match.start() - 1].isalnum()) or (
                match.end() < len(piece) and piece[match.end()].isalnum()
            )
            if inside_word:
                kept.append(match.group(1))
                length += len(match.group(1))
            else:
                kept.append(" ")
                wildcard_chars.append(length)
                length += 1
            last = match.end()
        kept.append(piece[last:])
        text = "".join(kept)
        norm = normalize(text)
        words = words_of(norm)
        if not words.items:
            continue
        wildcards = set()
        for char in wildcard_chars:
            # The wildcard sits before the first word that starts after it.
            wildcards.add(sum(1 for start in words.starts if norm.offsets[start] < char))
        segments.append(
            QuoteSegment(
                original=text.strip(),
                words=words,
                wildcards=frozenset(wildcards),
                elided_before=number > 0 or elided_first,
            )
        )
    return segments
