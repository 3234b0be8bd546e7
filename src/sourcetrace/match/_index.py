"""Corpus: the documents a claim is matched against, with what alignment needs cached."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .._models import Document
from ..text.normalize import normalize
from ._text import STOPWORDS, Words, words_of

__all__ = ["Corpus", "Entry", "prepare"]

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


def _masked(document: Document) -> str:
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
    return _prepare_text(document, _masked(document), 0)


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
    masked = _masked(document)
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


class Corpus:
    """An in-memory collection of source documents, indexed for matching.

    Documents are normalised once, when first matched, and kept.

    Examples:
        >>> corpus = Corpus()
        >>> corpus.add(Document(id="d1", text="We will not leave."))
        >>> len(corpus), corpus.get("d1").text
        (1, 'We will not leave.')
    """

    def __init__(self, documents: Iterable[Document] = ()) -> None:
        self._documents: dict[str, Document] = {}
        self._entries: dict[str, Entry] = {}
        for document in documents:
            self.add(document)

    def add(self, document: Document) -> None:
        """Add a document; a document with the same id replaces the earlier one."""
        self._documents[document.id] = document
        self._entries.pop(document.id, None)

    def get(self, document_id: str) -> Document:
        """The document with id ``document_id`` (``KeyError`` if absent)."""
        return self._documents[document_id]

    def __contains__(self, document_id: object) -> bool:
        return document_id in self._documents

    def __len__(self) -> int:
        return len(self._documents)

    def __iter__(self) -> Iterator[Document]:
        return iter(list(self._documents.values()))

    def entry(self, document_id: str) -> Entry:
        """The prepared document (normalised on first use)."""
        entry = self._entries.get(document_id)
        if entry is None:
            entry = prepare(self._documents[document_id])
            self._entries[document_id] = entry
        return entry

    def entries(self, document_id: str, queries: list[list[str]]) -> Iterator[Entry]:
        """The prepared document, or for a large one the chunks that may hold a match.

        Chunks of large documents are not kept: memory stays bounded by the chunk size.
        """
        document = self._documents[document_id]
        if len(document.text) <= LARGE_DOCUMENT_CHARS:
            yield self.entry(document_id)
        else:
            yield from chunks(document, queries)

    def candidates(self, queries: list[list[str]]) -> list[str]:
        """Ids of the documents that may hold any of ``queries`` (lists of words)."""
        del queries
        return list(self._documents)
