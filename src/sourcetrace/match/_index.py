"""Corpus: the documents a claim is matched against, with what alignment needs cached."""

from __future__ import annotations

import re
import string
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .._models import Document
from ..text.normalize import normalize
from ._text import STOPWORDS, Words, words_of

__all__ = [
    "KEY_CHARS",
    "Entry",
    "chunks",
    "index_tokens",
    "masked_text",
    "prepare",
    "prepare_window",
    "quick_fold",
    "windows",
]

_SENTENCE_BREAK_RE = re.compile(r"[.!?]+[\"”’)\]]*\s+|\n")


@dataclass(frozen=True)
class Entry:
    """A document ready for alignment: its words (indexed) and sentence starts."""

    document: Document
    words: Words
    sentences: list[int]
    """Word index where each sentence starts, ascending, starting with 0."""
    turn_starts: frozenset[int] = frozenset()
    """Indices into :attr:`sentences` of the sentences that open a transcript turn."""

    def sentence_of(self, word: int) -> int:
        """Index into :attr:`sentences` of the sentence holding word ``word``."""
        return max(0, bisect_left(self.sentences, word + 1) - 1)


def masked_text(document: Document) -> str:
    """The text with transcript speaker labels blanked out, same length.

    A quote that runs over a turn boundary must not pick up "MR PRICE:" as words the
    claim dropped; blanking keeps every offset where it was.
    """
    text = document.text
    labels = sorted(
        (turn.label.start, turn.label.end) for turn in document.turns if turn.label is not None
    )
    if not labels:
        return text
    pieces: list[str] = []
    last = 0
    for start, end in labels:
        if start < last:
            continue
        pieces.append(text[last:start])
        pieces.append(" " * (end - start))
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


LARGE_DOCUMENT_CHARS = 1_000_000
"""Documents longer than this are read in chunks, each normalised only when needed."""
_CHUNK_OVERLAP = 12_000
_CLUE_RE = re.compile(r"[^\W\d_]{5,}")


def _prepare_text(document: Document, masked: str, base: int) -> Entry:
    words = words_of(normalize(masked), index=True, base=base)
    word_starts = [words.norm.offsets[start] for start in words.starts]
    sentences = [0]
    for match in _SENTENCE_BREAK_RE.finditer(masked):
        index = bisect_left(word_starts, match.end())
        if index > sentences[-1] and index < len(word_starts):
            sentences.append(index)
    turn_starts: set[int] = set()
    for turn in document.turns:
        offset = turn.span.start - base
        if 0 <= offset <= len(masked):
            word = bisect_left(word_starts, offset)
            if word < len(word_starts):
                turn_starts.add(max(0, bisect_left(sentences, word + 1) - 1))
    return Entry(document, words, sentences, frozenset(turn_starts))


def prepare(document: Document) -> Entry:
    """Normalise and index one document for alignment."""
    return _prepare_text(document, masked_text(document), 0)


def prepare_window(document: Document, start: int, end: int) -> Entry:
    """Normalise and index the characters ``[start, end)`` of a document."""
    return _prepare_text(document, masked_text(document)[start:end], start)


_WINDOW_SLACK = 300
_SENTENCE_EDGE_RE = re.compile(r"[.!?][\"”’)\]]*\s|\n")


def windows(document: Document, plans: Iterable[Any]) -> list[tuple[int, int]] | None:
    """Stretches of a document that may hold a match, merged, in order.

    For each plan (keys of one word list, rarest first, and how many a match may lack),
    the ``may_miss + 1`` keys that occur least often in this document are looked up:
    a match holds at least one of them. Around each occurrence, a stretch reaches as
    far either side as a passage can (the plan's ``extent``; else the word list's
    length plus slack) and is widened to the sentences it cuts. ``None`` when case
    folding changes the text's length, so that offsets would not carry over (the
    caller then prepares the whole document).
    """
    text = document.text
    folded = unicodedata.normalize("NFKC", text).casefold()
    if len(folded) != len(text):
        return None
    spans: list[tuple[int, int]] = []
    for plan in plans:
        reach = plan.extent or plan.chars + _WINDOW_SLACK
        if plan.partial:
            keys = list(plan.keys[:2])
        else:
            by_count = sorted((folded.count(key), key) for key in plan.keys)
            keys = [key for _, key in by_count[: plan.may_miss + 1]]
        need = 0 if plan.partial else len(plan.keys) - plan.may_miss
        for key in keys:
            position = folded.find(key)
            while position >= 0:
                # Keys are word beginnings: skip occurrences inside a word.
                if position == 0 or not folded[position - 1].isalnum():
                    start = max(0, position - reach)
                    end = min(len(text), position + reach)
                    # A match holds all but may_miss keys near each other: skip stretches
                    # that do not (a cheap test on the raw text before any alignment).
                    if need <= 1 or _holds(folded[start:end], plan.keys, need):
                        spans.append((start, end))
                position = folded.find(key, position + 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return [_widen(text, start, end) for start, end in merged]


def _holds(stretch: str, keys: Iterable[str], need: int) -> bool:
    count = 0
    for key in keys:
        if key in stretch:
            count += 1
            if count >= need:
                return True
    return False


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """Move a stretch's ends out to sentence boundaries (at most a few hundred chars)."""
    if start > 0:
        edge = None
        for match in _SENTENCE_EDGE_RE.finditer(text, max(0, start - _WINDOW_SLACK), start):
            edge = match.end()
        start = edge if edge is not None else max(0, start - _WINDOW_SLACK)
    if end < len(text):
        following = _SENTENCE_EDGE_RE.search(text, end, min(len(text), end + _WINDOW_SLACK))
        end = following.start() + 1 if following else min(len(text), end + _WINDOW_SLACK)
    # Never cut a word in two.
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return start, end


def clues(queries: list[list[str]]) -> list[str]:
    """Plain words of the queries that a chunk holding a match will contain as written.

    Only words a normaliser leaves as they are (letters, five or more) qualify, cut to
    five letters so that a changed ending still counts.
    """
    found: set[str] = set()
    for words in queries:
        for word in words:
            if _CLUE_RE.fullmatch(word) and word not in STOPWORDS:
                found.add(word[:5])
    return sorted(found)


def chunks(document: Document, queries: list[list[str]]) -> Iterator[Entry]:
    """A large document as overlapping chunks, skipping those that cannot hold a match.

    A chunk is prepared only if it contains at least two of the queries' clue words
    (or all of them, if there are fewer): a match above the thresholds shares far more.
    Chunks overlap by more than the longest quote matched, so no match is cut in two.
    """
    masked = masked_text(document)
    wanted = clues(queries)
    needed = min(2, len(wanted))
    start = 0
    while start < len(masked):
        end = min(len(masked), start + LARGE_DOCUMENT_CHARS)
        if end < len(masked):
            # End the chunk at a space so that no word is cut.
            space = masked.rfind(" ", start + LARGE_DOCUMENT_CHARS // 2, end)
            end = space if space > 0 else end
        piece = masked[start:end]
        if needed == 0 or _has_clues(piece, wanted, needed):
            yield _prepare_text(document, piece, start)
        if end >= len(masked):
            break
        start = max(start + 1, end - _CHUNK_OVERLAP)
        space = masked.find(" ", start, end)
        start = space + 1 if space >= 0 else start


def _has_clues(piece: str, wanted: list[str], needed: int) -> bool:
    folded = piece.casefold()
    count = 0
    for clue in wanted:
        if clue in folded:
            count += 1
            if count >= needed:
                return True
    return False


KEY_CHARS = 5
"""Index keys are the first five letters of each alphabetic word of a document."""
_KEY_RE = re.compile(r"[^\W\d_]+")


def index_tokens(text: str) -> list[str]:
    """The retrieval keys of a text in order: the first letters of its content words.

    A cheaper cousin of :func:`~sourcetrace.text.normalize.normalize`: NFKC and case
    folding, no variants; alphabetic words of three letters or more, function words
    left out (they are in every document and would double the index). A word that
    normalisation leaves as written ("tunnel", "Kessring") gets the same key here as
    in a query; words it rewrites ("U.S.", "won't", "forty") are never required of a
    document, only counted as distance.

    Examples:
        >>> index_tokens("The Harbor Authority said the tunnels would reopen.")
        ['harbo', 'autho', 'tunne', 'reope']
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    return [
        word[:KEY_CHARS]
        for word in _KEY_RE.findall(folded)
        if len(word) >= 3 and word not in STOPWORDS
    ]


# Punctuation that full normalisation turns into word breaks; str.translate is some
# fifteen times faster than a regular expression on a 20,000-character text.
_FOLDED_PUNCTUATION = "!\"#&'()*+,-./:;<=>?@[\\]^_`{|}~“”‘’‚„«»‹›—–‐‑‒―−…·•"
_QUICK_FOLD = str.maketrans(dict.fromkeys(_FOLDED_PUNCTUATION, " "))
# The same for ASCII text, capitals folded in the same pass: a table lookup per byte,
# about 40% faster than the str table and case folding.
_ASCII_PUNCTUATION = "".join(mark for mark in _FOLDED_PUNCTUATION if mark.isascii()).encode()
_QUICK_FOLD_ASCII = bytes.maketrans(
    _ASCII_PUNCTUATION + string.ascii_uppercase.encode(),
    b" " * len(_ASCII_PUNCTUATION) + string.ascii_lowercase.encode(),
)


def quick_fold(text: str) -> str:
    """Punctuation to spaces and case folded: a cheap, offset-keeping approximation of
    :func:`~sourcetrace.text.normalize.normalize` for quick tests."""
    if text.isascii():
        return text.encode("ascii").translate(_QUICK_FOLD_ASCII).decode("ascii")
    return text.translate(_QUICK_FOLD).casefold()
