"""Corpus: the documents claims are matched against, with an index to find candidates.

Two stores behind one class: in memory (``Corpus()``, ``Corpus(documents)``) and a
SQLite file (``Corpus("archive.db")``) that keeps documents and index between runs.

Retrieval is by anchor keys with positions: the content words of every document
(function words left out) are indexed under their first five letters in an SQLite
FTS5 table with ``detail=full``, so the index knows where each key stands. A query
says, for each of its word lists, the keys, where they stand in the quote, and how
many characters of words a passage that still reaches the threshold may lack. The
corpus picks the rarest keys until a match must hold at least two of them, and asks
for the documents where two of them stand as close together as they do in the quote
(give or take the words the budget lets a passage add). A document a threshold-passing
match lives in is among them (under the model of whole-word changes that
``docs/matching.md`` states). The work is reading the selected keys' postings and
aligning the candidates left; quotes made only of common words leave many (measured in
``docs/matching.md``).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections import Counter, OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

from pydantic import ValidationError
from pydantic_core import PydanticSerializationError
from rapidfuzz import fuzz

from .._errors import ConfigError, InputError
from .._models import Document
from ._index import (
    LARGE_DOCUMENT_CHARS,
    Entry,
    chunks,
    index_tokens,
    masked_text,
    prepare,
    prepare_window,
    quick_fold,
    windows,
)

__all__ = ["AnchorSet", "Corpus"]

_ENTRY_CACHE = 256
# Shorter documents are prepared whole (and cached): windows would save little.
_WHOLE_DOCUMENT_CHARS = 6_000
_PART_KEYS = 3
# A document lacking every key but one of a long selection is found by a plain union
# of the rarest keys instead of the pairs (a prefix filter): as safe, fewer clauses.
_MAX_PAIR_KEYS = 16
# When the pairs leave more candidates than this, three keys together are asked for
# too (a second, stricter query that keeps every document a match can be in).
_REFINE_AFTER = 64
_MAX_TRIPLE_KEYS = 10
# Words of at least three letters: how many keys a budget of characters can add.
_MIN_KEY_WORD = 3
_SLACK_WORD = 4
_COUNT_CACHE = 100_000
_MERGE_AFTER = 1_000
# Documents a corpus file reads per query when many are wanted.
_READ_BATCH = 64
# Reach of a paraphrase, in keys: two sentences of a transcript turn.
_PARAPHRASE_REACH = 100
_INDEX_SCHEMA = """
CREATE VIRTUAL TABLE IF NOT EXISTS doc_keys USING fts5(
    k, content='', detail=full, tokenize='unicode61 remove_diacritics 0'
);
CREATE VIRTUAL TABLE IF NOT EXISTS key_stats USING fts5vocab(doc_keys, 'row');
"""
_SCHEMA = (
    """
CREATE TABLE IF NOT EXISTS documents (
    num INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS key_counts (
    term TEXT PRIMARY KEY,
    cnt INTEGER NOT NULL
) WITHOUT ROWID;
"""
    + _INDEX_SCHEMA
)
_FORMAT = "sourcetrace-corpus-2"
# Set in a file whose key_counts table matches its index: written by optimize(), taken
# away by the first document added after it.
_COUNTED = "key_counts"


@dataclass(frozen=True)
class AnchorSet:
    """Keys of one word list of a query, and what a match may lack of them."""

    keys: tuple[str, ...]
    may_miss: int
    """How many keys a match may lack, when no ``budget`` is given (a paraphrase)."""
    chars: int = 0
    """Length of the word list's text: how far from a key a match can reach."""
    text: str = ""
    """The words as written, put through :func:`quick_fold`, for a quick test of a
    window before it is prepared."""
    min_score: float = 0.0
    """``partial_ratio`` a window's quickly folded text must reach to be prepared."""
    budget: float | None = None
    """Characters of words a passage reaching the threshold may lack; each key is
    worth the length of its shortest word (``lengths``)."""
    lengths: tuple[int, ...] = ()
    """For each key, the length of the shortest word of the list that gives it."""
    places: tuple[tuple[int, int], ...] = ()
    """For each key, its first and last position among the list's keys
    (:func:`index_tokens` order); empty when positions do not carry over."""
    span: int = 0
    """How many keys the list has, repeats included."""
    reach: int = 0
    """Keys a passage may have that the list has not (added words, wildcards)."""
    extent: int = 0
    """Characters from one of its keys within which a whole passage lies; 0 when
    unbounded (windows then reach the list's length and a few hundred characters)."""


@dataclass(frozen=True)
class _Plan:
    keys: tuple[str, ...]
    """Keys present in the corpus, rarest first."""
    may_miss: int
    partial: bool
    chars: int
    need: int = 1
    """How many of ``select`` a match holds; 0 when the list cannot be anchored."""
    select: tuple[str, ...] = ()
    distances: dict[tuple[str, str], int] = field(default_factory=dict)
    """Most keys between two selected keys in a match (``NEAR`` distance)."""
    groups: tuple[tuple[str, ...], ...] = ()
    """Sets of ``need`` selected keys of which a match holds one (see :func:`_groups`);
    empty when every set of ``need`` keys must be asked for."""
    extent: int = 0
    """See :attr:`AnchorSet.extent`."""

    def expression(self) -> str:
        """The FTS5 query of the documents that may hold a match."""
        if self.need >= 3 and len(self.select) <= _MAX_TRIPLE_KEYS:
            return " OR ".join(
                f'NEAR("{a}" "{b}" "{c}", {self._reach(a, b, c)})'
                for a, b, c in (self.groups or combinations(self.select, 3))
            )
        if self.need >= 2 and len(self.select) <= _MAX_PAIR_KEYS:
            return " OR ".join(
                f'NEAR("{first}" "{second}", {self.distances[first, second]})'
                for first, second in (self.groups or combinations(self.select, 2))
            )
        # Holding `need` of the selected keys means holding one of the rarest
        # len(select) - need + 1 of them.
        count = max(1, len(self.select) - max(1, self.need) + 1)
        return " OR ".join(f'"{key}"' for key in self.select[:count])

    def _reach(self, *keys: str) -> int:
        # NEAR with three phrases bounds the stretch from the first to the last.
        return max(self.distances[pair] for pair in combinations(keys, 2))


def _document_to_json(document: Document) -> str:
    try:
        return document.model_dump_json()
    except PydanticSerializationError:
        # A lone surrogate (text decoded with errors="surrogateescape", say) is no
        # UTF-8: the standard library writes it as a \ud800 escape and reads it back.
        return json.dumps(document.model_dump(mode="json"))


def _document_from_json(stored: str) -> Document:
    try:
        return Document.model_validate_json(stored)
    except ValidationError:
        return Document.model_validate(json.loads(stored))


def _removable(lengths: Iterable[int], budget: float) -> int:
    """How many of the keys a passage can lack within ``budget`` (cheapest first)."""
    spent = 0
    count = 0
    for length in sorted(lengths):
        if spent + length > budget:
            break
        spent += length
        count += 1
    return count


def _plan(anchor: AnchorSet, counts: dict[str, int], want: int = 2) -> _Plan:
    """Which keys of an anchor set to require, and how close together.

    Keys in no document at all are lacking from every match: each uses up its share
    of the budget first. With more absent than the budget allows, no document matches
    the whole of the word list, but one may hold a part of it (a truncated quote): the
    plan is then ``partial`` and asks for two of the three rarest present keys near
    each other. Otherwise keys are taken rarest first until a match must hold two of
    them (``want`` of them, for a finer search), whichever the budget lets it lack, and
    :func:`_groups` says which sets of them to ask for.
    """
    present = sorted((counts[key], key) for key in anchor.keys if counts.get(key))
    keys = tuple(key for _, key in present)
    length_of = dict(zip(anchor.keys, anchor.lengths, strict=False))
    if anchor.budget is None:
        may_miss = anchor.may_miss - (len(anchor.keys) - len(present))
        left = float(max(0, may_miss))
        cost = dict.fromkeys(keys, 1)
    else:
        absent = [key for key in anchor.keys if not counts.get(key)]
        left = anchor.budget - sum(length_of.get(key, _MIN_KEY_WORD) for key in absent)
        cost = {key: length_of.get(key, _MIN_KEY_WORD) for key in keys}
        may_miss = _removable(cost.values(), left) if left >= 0 else -1
    partial = left < 0
    if partial:
        select = keys[:_PART_KEYS]
        need = min(2, len(select))
    else:
        select = ()
        need = 0
        for size in range(1, len(keys) + 1):
            select = keys[:size]
            need = size - _removable((cost[key] for key in select), left)
            if need >= want:
                break
    groups = () if partial or anchor.budget is None else _groups(select, cost, left, need)
    return _Plan(
        keys,
        max(0, may_miss),
        partial,
        anchor.chars,
        need,
        select,
        _distances(anchor, select, left, partial),
        groups,
        anchor.extent,
    )


_MAX_GROUP_KEYS = 10


def _groups(
    select: Sequence[str], cost: dict[str, int], left: float, need: int
) -> tuple[tuple[str, ...], ...]:
    """The sets of ``need`` keys a query must ask for so that every match is found.

    A match lacks the keys of some set whose cost fits the budget ``left``; it holds
    the rest. It is enough to cover the smallest such rests (what is left when the
    budget is spent as fully as it can be): each holds its ``need`` rarest keys, and
    asking for those finds it. Keys that cost more than the budget can spare together
    with the others never all go at once, so most sets of two common keys need not be
    asked for: a quote whose rare words are long is looked for through them. Returns
    ``()`` (ask for every set) for more than ``_MAX_GROUP_KEYS`` keys.
    """
    count = len(select)
    if need < 2 or count > _MAX_GROUP_KEYS:
        return ()
    costs = [cost[key] for key in select]
    size = 1 << count
    # spent[mask]: the cost of the keys in mask; cheapest[mask]: its cheapest key
    spent = [0] * size
    cheapest = [float("inf")] * size
    for mask in range(1, size):
        low = mask & -mask
        key_cost = costs[low.bit_length() - 1]
        spent[mask] = spent[mask ^ low] + key_cost
        cheapest[mask] = min(key_cost, cheapest[mask ^ low])
    full = size - 1
    found: dict[tuple[str, ...], None] = {}
    for mask in range(size):
        if spent[mask] > left or spent[mask] + cheapest[full ^ mask] <= left:
            continue  # over the budget, or not spent as fully as it can be
        rest = [select[index] for index in range(count) if not mask >> index & 1]
        found[tuple(rest[:need])] = None
    return tuple(found)


def _distances(
    anchor: AnchorSet, select: Sequence[str], left: float, partial: bool
) -> dict[tuple[str, str], int]:
    """For each pair of selected keys, how many keys may stand between them."""
    if anchor.budget is None:
        return {pair: _PARAPHRASE_REACH for pair in combinations(select, 2)}
    # Added words, each one a key between the two: the budget counted in words of
    # an average length (content words under four letters are rare).
    slack = int(max(0.0, left) // _SLACK_WORD) + 1 + anchor.reach
    place = dict(zip(anchor.keys, anchor.places, strict=False))
    out: dict[tuple[str, str], int] = {}
    for first, second in combinations(select, 2):
        a, b = place.get(first), place.get(second)
        if a is None or b is None or partial:
            apart = anchor.span
        else:
            apart = max(abs(a[1] - b[0]), abs(b[1] - a[0]))
        out[first, second] = max(0, apart - 1) + slack
    return out


def _worth_preparing(stretch: str, anchors: list[AnchorSet], collapse: bool = False) -> bool:
    """Whether a window could hold a match, judged on quickly folded text.

    Both sides go through :func:`quick_fold` (punctuation to spaces, case folded, no
    variants); ``min_score`` leaves room for what that misses. Speaker labels are
    blanked, as for alignment.
    """
    folded = quick_fold(stretch)
    if collapse:
        # Blanked speaker labels leave long runs of spaces between turns.
        folded = " ".join(folded.split())
    for anchor in anchors:
        if anchor.min_score <= 0 or not anchor.text:
            return True
        if fuzz.partial_ratio(anchor.text, folded, score_cutoff=anchor.min_score):
            return True
    return False


class Corpus:
    """A collection of source documents, indexed so that a claim is aligned only where
    it can be.

    ``Corpus()`` or ``Corpus(documents)`` keeps everything in memory;
    ``Corpus("archive.db")`` opens (or creates) a SQLite file holding the documents
    and a full-text index of their words, which later runs reuse.

    Args:
        source: documents to add, or the path of a SQLite corpus file.
        indexed: build the retrieval index (in memory only). Without it every
            document is aligned, which suits a few documents matched once.
        read_only: open a corpus file for reading only (SQLite ``mode=ro``): several
            processes can search it at once, and :meth:`add` raises ``ConfigError``.
            The file must exist.

    Examples:
        >>> corpus = Corpus()
        >>> corpus.add(Document(id="d1", text="We will not leave."))
        >>> len(corpus), corpus.get("d1").text
        (1, 'We will not leave.')
    """

    def __init__(
        self,
        source: str | os.PathLike[str] | Iterable[Document] | None = None,
        *,
        indexed: bool = True,
        read_only: bool = False,
    ) -> None:
        # Without an index (a handful of documents passed to locate()), every document
        # is a candidate and nothing is spent on keys.
        self._indexed = indexed
        self._entries: OrderedDict[str, Entry] = OrderedDict()
        self._db: sqlite3.Connection | None = None
        # In memory: documents by id, their numbers, and the key index in an SQLite
        # database of its own (created on the first document).
        self._documents: dict[str, Document] = {}
        self._numbers: dict[str, int] = {}
        self._ids: list[str | None] = []
        self._memory_index: sqlite3.Connection | None = None
        self._last_plans: tuple[list[AnchorSet], list[_Plan]] | None = None
        self._counts: dict[str, int] = {}
        # Occurrences of each key: kept as documents come and go, because FTS5 counts
        # a key by reading all its postings (milliseconds for a common key).
        self._key_totals: Counter[str] = Counter()
        self._unmerged = 0
        self.read_only = read_only
        if isinstance(source, str | os.PathLike):
            self._open(Path(source))
        elif source is not None:
            for document in source:
                self.add(document)

    # --- storage ----------------------------------------------------------------------
    def _open(self, path: Path) -> None:
        if self.read_only:
            self._open_read_only(path)
            return
        try:
            db = sqlite3.connect(path)
            db.executescript(_SCHEMA)
            row = db.execute("SELECT value FROM meta WHERE name = 'format'").fetchone()
            if row is None:
                db.execute("INSERT INTO meta VALUES ('format', ?)", (_FORMAT,))
                db.commit()
            elif row[0] != _FORMAT:
                raise InputError(
                    f"{path} is a corpus of format {row[0]!r}, not {_FORMAT!r}: build it "
                    "again with 'sourcetrace index add' (or give the path of a new file)"
                )
        except sqlite3.DatabaseError as exc:
            raise InputError(
                f"{path} cannot be opened as a sourcetrace corpus ({exc}); "
                "give the path of a corpus file or of a new file to create"
            ) from exc
        self._db = db

    def _open_read_only(self, path: Path) -> None:
        if not path.is_file():
            raise InputError(f"no corpus file at {path}: build one with 'sourcetrace index add'")
        try:
            db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
            row = db.execute("SELECT value FROM meta WHERE name = 'format'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise InputError(
                f"{path} cannot be opened as a sourcetrace corpus ({exc}); "
                "give the path of a corpus file built with 'sourcetrace index add'"
            ) from exc
        if row is None or row[0] != _FORMAT:
            raise InputError(f"{path} is not a sourcetrace corpus of format {_FORMAT!r}")
        self._db = db

    @staticmethod
    def _has_counts(db: sqlite3.Connection) -> bool:
        try:
            row = db.execute("SELECT 1 FROM meta WHERE name = ?", (_COUNTED,)).fetchone()
        except sqlite3.DatabaseError:
            return False
        return row is not None

    def close(self) -> None:
        """Write pending changes and close the file (nothing to do in memory)."""
        if self._db is not None:
            self._db.commit()
            self._db.close()
            self._db = None

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def add(self, document: Document) -> None:
        """Add a document; a document with the same id replaces the earlier one."""
        if self.read_only:
            raise ConfigError("this corpus was opened read_only=True: open it without to add")
        self._entries.pop(document.id, None)
        self._last_plans = None
        self._counts.clear()
        if self._db is not None:
            self._add_to_db(self._db, document)
            return
        old = self._numbers.get(document.id)
        number = len(self._ids)
        self._ids.append(document.id)
        self._numbers[document.id] = number
        if self._indexed:
            index = self._key_index()
            self._unmerged += 1
            if old is not None:
                self._key_totals.subtract(self._unindex(index, old, self._documents[document.id]))
            tokens = index_tokens(document.text)
            index.execute(
                "INSERT INTO doc_keys(rowid, k) VALUES (?, ?)", (number, " ".join(tokens))
            )
            self._key_totals.update(tokens)
        if old is not None:
            self._ids[old] = None
        self._documents[document.id] = document

    def _key_index(self) -> sqlite3.Connection:
        if self._db is not None:
            return self._db
        if self._memory_index is None:
            # A trace may hand the corpus to a worker thread; it is never used from
            # two threads at once.
            self._memory_index = sqlite3.connect(":memory:", check_same_thread=False)
            self._memory_index.executescript(_INDEX_SCHEMA)
        return self._memory_index

    @staticmethod
    def _unindex(index: sqlite3.Connection, number: int, document: Document) -> list[str]:
        """Take a document's keys out of the index; returns them."""
        # A contentless FTS5 table forgets a row only when told its exact keys again.
        tokens = index_tokens(document.text)
        index.execute(
            "INSERT INTO doc_keys(doc_keys, rowid, k) VALUES ('delete', ?, ?)",
            (number, " ".join(tokens)),
        )
        return tokens

    def _add_to_db(self, db: sqlite3.Connection, document: Document) -> None:
        row = db.execute("SELECT num, json FROM documents WHERE id = ?", (document.id,)).fetchone()
        # The kept counts no longer match the index: they are read from it again
        # until optimize() writes them anew (in this transaction, so that a reader
        # never sees new documents with old counts).
        db.execute("DELETE FROM meta WHERE name = ?", (_COUNTED,))
        if row is not None:
            self._unindex(db, row[0], _document_from_json(row[1]))
            db.execute("DELETE FROM documents WHERE num = ?", (row[0],))
        cursor = db.execute(
            "INSERT INTO documents(id, json) VALUES (?, ?)",
            (document.id, _document_to_json(document)),
        )
        db.execute(
            "INSERT INTO doc_keys(rowid, k) VALUES (?, ?)",
            (cursor.lastrowid, " ".join(index_tokens(document.text))),
        )

    def optimize(self) -> None:
        """Merge the index into one segment: smaller, and quicker to search.

        Worth calling once after adding many documents to a corpus file
        (``sourcetrace index add`` does); an in-memory corpus does it by itself
        before its first search after a thousand documents or more were added.
        """
        if self.read_only or not (self._indexed or self._db is not None):
            return
        index = self._key_index()
        index.execute("INSERT INTO doc_keys(doc_keys) VALUES ('optimize')")
        if self._db is not None:
            # One pass over the merged index instead of a count per document added.
            index.execute("DELETE FROM key_counts")
            index.execute("INSERT INTO key_counts SELECT term, cnt FROM key_stats")
            index.execute("INSERT OR REPLACE INTO meta VALUES (?, '1')", (_COUNTED,))
        index.commit()
        self._unmerged = 0

    def commit(self) -> None:
        """Make the documents added so far durable (SQLite corpus only)."""
        if self._db is not None:
            self._db.commit()

    def get(self, document_id: str) -> Document:
        """The document with id ``document_id`` (``KeyError`` if absent)."""
        if self._db is None:
            return self._documents[document_id]
        row = self._db.execute("SELECT json FROM documents WHERE id = ?", (document_id,)).fetchone()
        if row is None:
            raise KeyError(document_id)
        return _document_from_json(row[0])

    def get_many(self, document_ids: Iterable[str]) -> Iterator[Document]:
        """The documents with these ids, in that order (``KeyError`` for one absent).

        A corpus file reads them a batch at a time, one query per batch: about half
        what reading them one by one costs, which counts when a quote of common words
        leaves most of an archive to check.
        """
        if self._db is None:
            for document_id in document_ids:
                yield self._documents[document_id]
            return
        wanted = list(document_ids)
        for first in range(0, len(wanted), _READ_BATCH):
            batch = wanted[first : first + _READ_BATCH]
            rows = self._db.execute(
                "SELECT id, json FROM documents WHERE id IN (SELECT value FROM json_each(?))",
                (json.dumps(batch),),
            )
            stored = dict(rows.fetchall())
            for document_id in batch:
                if document_id not in stored:
                    raise KeyError(document_id)
                yield _document_from_json(stored[document_id])

    def _to_align(self, document_ids: list[str]) -> Iterator[tuple[str, Document | None]]:
        """Each id with its document, read in batches; ``None`` for a document whose
        prepared entry is cached, which alignment does not read again."""
        cached = {document_id for document_id in document_ids if document_id in self._entries}
        read = self.get_many(i for i in document_ids if i not in cached)
        for document_id in document_ids:
            yield document_id, None if document_id in cached else next(read)

    def __contains__(self, document_id: object) -> bool:
        if self._db is None:
            return document_id in self._documents
        if not isinstance(document_id, str):
            return False
        query = "SELECT 1 FROM documents WHERE id = ?"
        return self._db.execute(query, (document_id,)).fetchone() is not None

    def __len__(self) -> int:
        if self._db is None:
            return len(self._documents)
        return int(self._db.execute("SELECT count(*) FROM documents").fetchone()[0])

    def __iter__(self) -> Iterator[Document]:
        if self._db is None:
            return iter(list(self._documents.values()))
        rows = self._db.execute("SELECT json FROM documents ORDER BY num")
        return (_document_from_json(row[0]) for row in rows)

    def ids(self) -> list[str]:
        """Document ids, in the order they were added."""
        if self._db is None:
            return list(self._documents)
        return [row[0] for row in self._db.execute("SELECT id FROM documents ORDER BY num")]

    # --- matching support -------------------------------------------------------------
    def entry(self, document_id: str, document: Document | None = None) -> Entry:
        """The prepared document (normalised on first use, a few hundred kept);
        ``document`` spares reading it again when the caller has it."""
        entry = self._entries.get(document_id)
        if entry is None:
            entry = prepare(document if document is not None else self.get(document_id))
            self._entries[document_id] = entry
            if len(self._entries) > _ENTRY_CACHE:
                self._entries.popitem(last=False)
        else:
            self._entries.move_to_end(document_id)
        return entry

    def entries(
        self,
        document_id: str,
        queries: list[list[str]],
        anchors: list[AnchorSet] | None = None,
        document: Document | None = None,
    ) -> Iterator[Entry]:
        """The parts of a document worth aligning, prepared.

        A short document (or one already prepared) is prepared whole and cached. In a
        longer one, only windows around the occurrences of the query's anchor keys are
        prepared: alignment never needs the rest. A large document without usable
        anchors is read in chunks. Windows and chunks are not kept, so memory stays
        bounded. ``document`` spares reading the document again when the caller has
        it (from :meth:`get_many`).
        """
        if document_id in self._entries:
            yield self.entry(document_id)
            return
        if document is None:
            document = self.get(document_id)
        if len(document.text) <= _WHOLE_DOCUMENT_CHARS:
            yield self.entry(document_id, document)
            return
        plans = self._plans(anchors) if anchors is not None and self._indexed else None
        if anchors is not None and plans is not None and all(p.need > 0 for p in plans):
            masked = masked_text(document)
            collapse = bool(document.turns)
            if not _worth_preparing(masked, anchors, collapse):
                # The quick score over the whole document is out of reach: as cheap as
                # one step of an exhaustive scan, and it spares the windows.
                return
            found = windows(document, plans)
            if found is not None:
                for start, end in found:
                    if _worth_preparing(masked[start:end], anchors, collapse):
                        yield prepare_window(document, start, end)
                return
        if (
            anchors
            and self._indexed
            and not _worth_preparing(masked_text(document), anchors, bool(document.turns))
        ):
            return
        if len(document.text) <= LARGE_DOCUMENT_CHARS:
            yield self.entry(document_id, document)
        else:
            yield from chunks(document, queries)

    def candidates(self, anchors: list[AnchorSet] | None) -> list[str]:
        """Ids of the documents that may hold a match, in the order they were added.

        For each anchor set, the documents where two of its selected keys stand as
        close together as a match would have them (see :func:`_plan`). ``None``, or a
        word list that cannot be anchored (it may lack all its keys but one), means
        every document.
        """
        if anchors is None or not self._indexed:
            return self.ids()
        if self._unmerged >= _MERGE_AFTER:
            # An in-memory index built from many documents is searched a good deal
            # faster in one segment (a file is merged by whoever builds it).
            self.optimize()
        plans = self._plans(anchors)
        if any(plan.need <= 0 or not plan.select for plan in plans):
            return self.ids()
        numbers: set[int] = set()
        for anchor, plan in zip(anchors, plans, strict=True):
            found = self._matching(plan.expression())
            if len(found) > _REFINE_AFTER and not plan.partial:
                finer = _plan(anchor, self._frequencies(anchor.keys), want=3)
                if finer.need >= 3 and len(finer.select) <= _MAX_TRIPLE_KEYS:
                    found &= self._matching(finer.expression())
            numbers |= found
        return self._id_list(numbers)

    def _matching(self, expression: str) -> set[int]:
        rows = self._key_index().execute(
            "SELECT rowid FROM doc_keys WHERE doc_keys MATCH ?", (expression,)
        )
        return {row[0] for row in rows}

    def _id_list(self, numbers: set[int]) -> list[str]:
        if self._db is None:
            ids = (self._ids[number] for number in sorted(numbers))
            return [doc_id for doc_id in ids if doc_id is not None]
        if not numbers:
            return []
        rows = self._db.execute(
            "SELECT id FROM documents WHERE num IN (SELECT value FROM json_each(?)) ORDER BY num",
            (json.dumps(sorted(numbers)),),
        )
        return [row[0] for row in rows]

    def _frequencies(self, keys: Iterable[str]) -> dict[str, int]:
        """How often each key occurs in the corpus (occurrences, not documents).

        In memory, kept as documents are added. In a file, read from the counts that
        :meth:`optimize` writes, or from the index itself when documents were added
        since (FTS5 reads a key's postings to count it, which costs most for the
        commonest keys); looked-up counts are cached until the next document is added.
        """
        if self._db is None:
            return self._key_totals
        counts = self._counts
        wanted = [key for key in keys if key not in counts]
        if wanted:
            if len(counts) > _COUNT_CACHE:
                counts.clear()
            marks = ",".join("?" * len(wanted))
            table = "key_counts" if self._has_counts(self._db) else "key_stats"
            query = f"SELECT term, cnt FROM {table} WHERE term IN ({marks})"
            counts.update(dict.fromkeys(wanted, 0))
            counts.update(self._key_index().execute(query, wanted))
        return counts

    def _plans(self, anchors: list[AnchorSet]) -> list[_Plan]:
        # entries() asks again for every candidate of the same query.
        cached = self._last_plans
        if cached is not None and cached[0] is anchors:
            return cached[1]
        counts = self._frequencies({key for anchor in anchors for key in anchor.keys})
        plans = [_plan(anchor, counts) for anchor in anchors]
        self._last_plans = (anchors, plans)
        return plans

    def index_bytes(self) -> int:
        """Bytes the retrieval index takes (the FTS5 postings with their positions)."""
        if self._db is None and self._memory_index is None:
            return 0
        index = self._key_index()
        # FTS5 holds recent additions in memory until the transaction ends.
        index.commit()
        row = index.execute("SELECT sum(length(block)) FROM doc_keys_data").fetchone()
        return int(row[0] or 0)
