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

import os
import sqlite3
from array import array
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .._errors import InputError
from .._models import Document
from ._index import (
    LARGE_DOCUMENT_CHARS,
    Entry,
    chunks,
    index_keys,
    prepare,
    prepare_window,
    windows,
)

__all__ = ["AnchorSet", "Corpus"]

_ENTRY_CACHE = 256
# Shorter documents are prepared whole (and cached): windows would save little.
_WHOLE_DOCUMENT_CHARS = 6_000
# Windows covering more than this share of a document: prepare (and cache) it whole.
_WINDOW_SHARE = 0.5
_PART_KEYS = 2
_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    num INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    json TEXT NOT NULL
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

    Examples:
        >>> corpus = Corpus()
        >>> corpus.add(Document(id="d1", text="We will not leave."))
        >>> len(corpus), corpus.get("d1").text
        (1, 'We will not leave.')
    """

    def __init__(self, source: str | os.PathLike[str] | Iterable[Document] | None = None) -> None:
        self._entries: OrderedDict[str, Entry] = OrderedDict()
        self._db: sqlite3.Connection | None = None
        # In memory: documents by id, their numbers, and key -> document numbers.
        self._documents: dict[str, Document] = {}
        self._numbers: dict[str, int] = {}
        self._ids: list[str | None] = []
        self._postings: dict[str, array[int]] = {}
        if isinstance(source, str | os.PathLike):
            self._open(Path(source))
        elif source is not None:
            for document in source:
                self.add(document)

    # --- storage ----------------------------------------------------------------------
    def _open(self, path: Path) -> None:
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
        self._entries.pop(document.id, None)
        keys = index_keys(document.text)
        if self._db is not None:
            self._add_to_db(self._db, document, keys)
            return
        old = self._numbers.get(document.id)
        if old is not None:
            # Postings of the old version stay behind but point at a dead number.
            self._ids[old] = None
        number = len(self._ids)
        self._ids.append(document.id)
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
            "INSERT INTO documents(id, json) VALUES (?, ?)",
            (document.id, document.model_dump_json()),
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
        if anchors is not None and _anchored(anchors):
            found = windows(document, sorted(self._chosen_keys(anchors)), anchors)
            covered = sum(end - start for start, end in found or ())
            if found is not None and covered <= _WINDOW_SHARE * len(document.text):
                for start, end in found:
                    yield prepare_window(document, start, end)
                return
        if len(document.text) <= LARGE_DOCUMENT_CHARS:
            yield self.entry(document_id)
        else:
            yield from chunks(document, queries)

    def candidates(self, anchors: list[AnchorSet] | None) -> list[str]:
        """Ids of the documents that may hold a match, in the order they were added.

        ``None``, or a word list too short to anchor (fewer keys than it may miss),
        means every document.
        """
        if anchors is None or not _anchored(anchors):
            return self.ids()
        chosen = self._chosen_keys(anchors)
        if self._db is not None:
            return self._db_candidates(self._db, chosen)
        numbers: set[int] = set()
        for key in chosen:
            numbers.update(self._postings.get(key, ()))
        ids = (self._ids[number] for number in sorted(numbers))
        return [doc_id for doc_id in ids if doc_id is not None]

    def _frequencies(self, keys: Iterable[str]) -> dict[str, int]:
        keys = list(keys)
        if self._db is None:
            return {key: len(self._postings.get(key, ())) for key in keys}
        marks = ",".join("?" * len(keys))
        query = f"SELECT term, doc FROM key_stats WHERE term IN ({marks})"
        return dict(self._db.execute(query, keys))

    def _chosen_keys(self, anchors: list[AnchorSet]) -> set[str]:
        """For each anchor set, its rarest keys: one more than a match may lack.

        Keys in no document at all are lacking from every match: each uses up one of
        the misses allowed, and the rest are taken from the keys that do occur.
        """
        counts = self._frequencies({key for anchor in anchors for key in anchor.keys})
        chosen: set[str] = set()
        for anchor in anchors:
            present = sorted((counts[key], key) for key in anchor.keys if counts.get(key))
            may_miss = anchor.may_miss - (len(anchor.keys) - len(present))
            if may_miss < 0:
                # More keys absent than a match may lack: no document matches the whole
                # of it, but one may hold a part (a truncated quote); look where its
                # rarest present words are.
                chosen.update(key for _, key in present[:_PART_KEYS])
                continue
            chosen.update(key for _, key in present[: may_miss + 1])
        return chosen

    def _db_candidates(self, db: sqlite3.Connection, chosen: set[str]) -> list[str]:
        if not chosen:
            return []
        expression = " OR ".join(f'"{key}"' for key in sorted(chosen))
        rows = db.execute(
            "SELECT d.id FROM doc_keys JOIN documents AS d ON d.num = doc_keys.rowid "
            "WHERE doc_keys MATCH ? ORDER BY d.num",
            (expression,),
        )
        return [row[0] for row in rows]

    def index_bytes(self) -> int:
        """Bytes the retrieval index takes (postings and keys; the file's index pages)."""
        if self._db is None:
            postings = sum(len(p) * p.itemsize for p in self._postings.values())
            return postings + sum(len(key.encode()) for key in self._postings)
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
