"""Corpus: the documents claims are matched against, with an index to find candidates.

Two stores behind one class: in memory (``Corpus()``, ``Corpus(documents)``) and a
SQLite file (``Corpus("archive.db")``) that keeps documents and index between runs.

Retrieval is by anchor keys: every alphabetic word of a document is indexed under
its first five letters (one posting per key and document). A query names, for each
of its word lists, its keys and how many of them may be missing from a passage that
still reaches the threshold; the corpus takes that many plus one of the rarest keys
and returns the documents holding any of them. A document that a threshold-passing
match lives in holds at least one, so the candidates lose nothing while the work
depends on the postings of a few rare keys, not on the size of the corpus.
"""

from __future__ import annotations

import json
import os
import sqlite3
from array import array
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from .._errors import ConfigError, InputError
from .._models import Document
from ._index import (
    LARGE_DOCUMENT_CHARS,
    Entry,
    chunks,
    index_keys,
    masked_text,
    prepare,
    prepare_window,
    quick_fold,
    signature,
    signature_count,
    windows,
)

__all__ = ["AnchorSet", "Corpus"]

_ENTRY_CACHE = 256
# Shorter documents are prepared whole (and cached): windows would save little.
_WHOLE_DOCUMENT_CHARS = 6_000
_PART_KEYS = 2
_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    num INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    json TEXT NOT NULL,
    sig BLOB NOT NULL
);
CREATE VIRTUAL TABLE IF NOT EXISTS doc_keys USING fts5(k, content='', detail=none);
CREATE VIRTUAL TABLE IF NOT EXISTS key_stats USING fts5vocab(doc_keys, 'row');
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
_FORMAT = "sourcetrace-corpus-1"


@dataclass(frozen=True)
class AnchorSet:
    """Keys of one word list of a query, and how many of them a match may lack."""

    keys: tuple[str, ...]
    may_miss: int
    chars: int = 0
    """Length of the word list's text: how far from a key a match can reach."""
    text: str = ""
    """The words as written, put through :func:`quick_fold`, for a quick test of a
    window before it is prepared."""
    min_score: float = 0.0
    """``partial_ratio`` a window's quickly folded text must reach to be prepared."""
    pairs: tuple[int, ...] = ()
    """Pair hashes of the word list (see ``pair_hashes``)."""
    pair_misses: int = 0
    """How many of ``pairs`` a match may lack."""


@dataclass(frozen=True)
class _Plan:
    keys: tuple[str, ...]
    may_miss: int
    partial: bool
    chars: int
    pairs: tuple[int, ...] = ()
    pair_misses: int = 0


def _sorted_contains(postings: array[int], number: int) -> bool:
    index = bisect_left(postings, number)
    return index < len(postings) and postings[index] == number


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


def _anchored(anchors: list[AnchorSet] | None) -> bool:
    return anchors is not None and all(len(a.keys) > a.may_miss for a in anchors)


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
        # is a candidate and nothing is spent on keys and signatures.
        self._indexed = indexed
        self._entries: OrderedDict[str, Entry] = OrderedDict()
        self._db: sqlite3.Connection | None = None
        # In memory: documents by id, their numbers, and key -> document numbers.
        self._documents: dict[str, Document] = {}
        self._numbers: dict[str, int] = {}
        self._ids: list[str | None] = []
        self._postings: dict[str, array[int]] = {}
        self._signatures: list[bytes] = []
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
                raise InputError(f"{path} is a corpus of format {row[0]!r}, not {_FORMAT!r}")
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
        keys = index_keys(document.text) if self._indexed or self._db is not None else set()
        if self._db is not None:
            self._add_to_db(self._db, document, keys)
            return
        old = self._numbers.get(document.id)
        if old is not None:
            # Postings of the old version stay behind but point at a dead number.
            self._ids[old] = None
        number = len(self._ids)
        self._ids.append(document.id)
        self._signatures.append(signature(document.text) if self._indexed else b"")
        self._numbers[document.id] = number
        self._documents[document.id] = document
        for key in keys:
            postings = self._postings.get(key)
            if postings is None:
                postings = self._postings[key] = array("I")
            postings.append(number)

    def _add_to_db(self, db: sqlite3.Connection, document: Document, keys: set[str]) -> None:
        row = db.execute("SELECT num, json FROM documents WHERE id = ?", (document.id,)).fetchone()
        if row is not None:
            old = Document.model_validate_json(row[1])
            db.execute(
                "INSERT INTO doc_keys(doc_keys, rowid, k) VALUES ('delete', ?, ?)",
                (row[0], " ".join(sorted(index_keys(old.text)))),
            )
            db.execute("DELETE FROM documents WHERE num = ?", (row[0],))
        cursor = db.execute(
            "INSERT INTO documents(id, json, sig) VALUES (?, ?, ?)",
            (document.id, document.model_dump_json(), signature(document.text)),
        )
        db.execute(
            "INSERT INTO doc_keys(rowid, k) VALUES (?, ?)",
            (cursor.lastrowid, " ".join(sorted(keys))),
        )

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
        return Document.model_validate_json(row[0])

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
        return (Document.model_validate_json(row[0]) for row in rows)

    def ids(self) -> list[str]:
        """Document ids, in the order they were added."""
        if self._db is None:
            return list(self._documents)
        return [row[0] for row in self._db.execute("SELECT id FROM documents ORDER BY num")]

    # --- matching support -------------------------------------------------------------
    def entry(self, document_id: str) -> Entry:
        """The prepared document (normalised on first use, a few hundred kept)."""
        entry = self._entries.get(document_id)
        if entry is None:
            entry = prepare(self.get(document_id))
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
    ) -> Iterator[Entry]:
        """The parts of a document worth aligning, prepared.

        A short document (or one already prepared) is prepared whole and cached. In a
        longer one, only windows around the occurrences of the query's anchor keys are
        prepared: alignment never needs the rest. A large document without usable
        anchors is read in chunks. Windows and chunks are not kept, so memory stays
        bounded.
        """
        if document_id in self._entries:
            yield self.entry(document_id)
            return
        document = self.get(document_id)
        if len(document.text) <= _WHOLE_DOCUMENT_CHARS:
            yield self.entry(document_id)
            return
        if anchors is not None and _anchored(anchors) and self._indexed:
            masked = masked_text(document)
            collapse = bool(document.turns)
            if not _worth_preparing(masked, anchors, collapse):
                # The quick score over the whole document is out of reach: as cheap as
                # one step of an exhaustive scan, and it spares the windows.
                return
            found = windows(document, self._plans(anchors))
            if found is not None:
                for start, end in found:
                    if _worth_preparing(masked[start:end], anchors, collapse):
                        yield prepare_window(document, start, end)
                return
        if len(document.text) <= LARGE_DOCUMENT_CHARS:
            yield self.entry(document_id)
        else:
            yield from chunks(document, queries)

    def candidates(self, anchors: list[AnchorSet] | None) -> list[str]:
        """Ids of the documents that may hold a match, in the order they were added.

        For each anchor set, the documents holding one of its ``may_miss + 1`` rarest
        keys, kept if they hold as many of all its keys as a match needs. ``None``, or
        a word list too short to anchor (no more keys than it may miss), means every
        document.
        """
        if anchors is None or not _anchored(anchors) or not self._indexed:
            return self.ids()
        numbers: set[int] = set()
        for plan in self._plans(anchors):
            pick = plan.keys[: _PART_KEYS if plan.partial else plan.may_miss + 1]
            found = self._union(pick)
            if plan.partial:
                numbers |= found
                continue
            need = len(plan.keys) - plan.may_miss
            holding = self._holding(found - numbers, plan.keys, need)
            numbers.update(self._in_order(holding, plan))
        return self._id_list(numbers)

    def _in_order(self, numbers: set[int], plan: _Plan) -> set[int]:
        """Those of ``numbers`` whose signatures hold all but ``pair_misses`` of the
        plan's word pairs: the words are not only there, but next to each other."""
        need = len(plan.pairs) - plan.pair_misses
        if need <= 0 or not numbers:
            return numbers
        signatures: Iterable[tuple[int, bytes]]
        if self._db is None:
            signatures = ((n, self._signatures[n]) for n in numbers)
        else:
            signatures = self._db.execute(
                "SELECT num, sig FROM documents WHERE num IN (SELECT value FROM json_each(?))",
                (json.dumps(sorted(numbers)),),
            )
        return {n for n, sig in signatures if signature_count(sig, plan.pairs) >= need}

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

    def _union(self, keys: Sequence[str]) -> set[int]:
        """Numbers of the documents holding any of ``keys``."""
        if not keys:
            return set()
        if self._db is None:
            found: set[int] = set()
            for key in keys:
                found.update(self._postings.get(key, ()))
            return found
        expression = " OR ".join(f'"{key}"' for key in keys)
        rows = self._db.execute("SELECT rowid FROM doc_keys WHERE doc_keys MATCH ?", (expression,))
        return {row[0] for row in rows}

    def _holding(self, numbers: set[int], keys: Sequence[str], need: int) -> set[int]:
        """Those of ``numbers`` whose documents hold at least ``need`` of ``keys``."""
        if need <= 1 or not numbers:
            return numbers
        counts = dict.fromkeys(numbers, 0)
        for key in keys:
            for number in self._among(key, numbers):
                counts[number] += 1
        return {number for number, count in counts.items() if count >= need}

    def _among(self, key: str, numbers: set[int]) -> Iterable[int]:
        """Those of ``numbers`` whose documents hold ``key``."""
        if self._db is None:
            postings = self._postings.get(key)
            if postings is None:
                return ()
            if len(numbers) * 8 < len(postings):
                # Few candidates, a long postings list: look each one up.
                return [n for n in numbers if _sorted_contains(postings, n)]
            return numbers.intersection(postings)
        rows = self._db.execute(
            "SELECT rowid FROM doc_keys WHERE doc_keys MATCH ? "
            "AND rowid IN (SELECT value FROM json_each(?))",
            (f'"{key}"', json.dumps(sorted(numbers))),
        )
        return [row[0] for row in rows]

    def _frequencies(self, keys: Iterable[str]) -> dict[str, int]:
        keys = list(keys)
        if self._db is None:
            return {key: len(self._postings.get(key, ())) for key in keys}
        marks = ",".join("?" * len(keys))
        query = f"SELECT term, doc FROM key_stats WHERE term IN ({marks})"
        return dict(self._db.execute(query, keys))

    def _plans(self, anchors: list[AnchorSet]) -> list[_Plan]:
        """Each anchor set's keys that occur in the corpus, rarest first, and the misses
        left for them.

        Keys in no document at all are lacking from every match: each uses up one of
        the misses allowed. With more absent keys than that, no document matches the
        whole of the word list, but one may hold a part of it (a truncated quote): the
        plan is then ``partial`` and looks where the rarest present keys are.
        """
        counts = self._frequencies({key for anchor in anchors for key in anchor.keys})
        plans: list[_Plan] = []
        for anchor in anchors:
            present = sorted((counts[key], key) for key in anchor.keys if counts.get(key))
            keys = tuple(key for _, key in present)
            may_miss = anchor.may_miss - (len(anchor.keys) - len(present))
            plans.append(
                _Plan(
                    keys,
                    max(0, may_miss),
                    may_miss < 0,
                    anchor.chars,
                    anchor.pairs,
                    anchor.pair_misses,
                )
            )
        return plans

    def index_bytes(self) -> int:
        """Bytes the retrieval index takes (postings and keys; the file's index pages)."""
        if self._db is None:
            postings = sum(len(p) * p.itemsize for p in self._postings.values())
            signatures = sum(len(sig) for sig in self._signatures)
            return postings + signatures + sum(len(key.encode()) for key in self._postings)
        page_size = int(self._db.execute("PRAGMA page_size").fetchone()[0])
        try:
            rows = self._db.execute(
                "SELECT count(*) FROM dbstat WHERE name LIKE 'doc_keys%'"
            ).fetchone()
            return int(rows[0]) * page_size
        except sqlite3.OperationalError:
            # No dbstat: count the FTS5 data blobs instead.
            row = self._db.execute("SELECT sum(length(block)) FROM doc_keys_data").fetchone()
            return int(row[0] or 0)
