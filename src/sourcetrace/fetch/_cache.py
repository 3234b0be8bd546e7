"""The durable HTTP cache: one SQLite file in WAL mode, safe for several processes."""

from __future__ import annotations

import contextlib
import email.utils
import json
import logging
import sqlite3
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

__all__ = ["CacheEntry", "HTTPCache", "freshness"]

logger = logging.getLogger(__name__)

CACHE_FILE = "sourcetrace-http-cache.sqlite3"
_SCHEMA_VERSION = 1
_HEURISTIC_FRACTION = 0.1
_HEURISTIC_CAP = 86_400.0


def _directives(headers: Mapping[str, str]) -> dict[str, str | None]:
    found: dict[str, str | None] = {}
    for part in headers.get("cache-control", "").split(","):
        name, _, value = part.strip().partition("=")
        if name:
            found[name.strip().lower()] = value.strip().strip('"') or None
    return found


def _http_date(value: str | None) -> float | None:
    if not value:
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.timestamp()


def freshness(headers: Mapping[str, str], now: float) -> tuple[bool, float]:
    """Whether a response may be stored, and until when it is fresh (RFC 9111).

    ``no-store`` forbids storing; ``no-cache`` stores a response that must be revalidated
    before each use; ``max-age`` (less ``Age``) or ``Expires`` give the lifetime; without
    either, 10% of the time since ``Last-Modified`` (at most a day), else none.

    Args:
        headers: the response headers, names in lower case.
        now: the time the response was received (seconds since the epoch).

    Examples:
        >>> freshness({"cache-control": "max-age=60"}, 1000.0)
        (True, 1060.0)
        >>> freshness({"cache-control": "no-store"}, 1000.0)
        (False, 1000.0)
    """
    directives = _directives(headers)
    if "no-store" in directives:
        return False, now
    if "no-cache" in directives:
        return True, now
    age_text = headers.get("age", "0").strip()
    age = float(age_text) if age_text.isdigit() else 0.0
    max_age = directives.get("max-age")
    if max_age is not None and max_age.isdigit():
        return True, now + max(0.0, float(max_age) - age)
    expires = headers.get("expires")
    if expires is not None:
        expires_at = _http_date(expires)
        if expires_at is None:
            return True, now  # an invalid Expires means "already expired"
        date = _http_date(headers.get("date")) or now
        return True, now + max(0.0, expires_at - date)
    last_modified = _http_date(headers.get("last-modified"))
    if last_modified is not None:
        date = _http_date(headers.get("date")) or now
        lifetime = min(_HEURISTIC_CAP, max(0.0, date - last_modified) * _HEURISTIC_FRACTION)
        return True, now + lifetime
    return True, now


@dataclass(frozen=True)
class CacheEntry:
    """One stored response."""

    url: str
    final_url: str
    status_code: int
    headers: dict[str, str]
    content: bytes
    media_type: str | None
    charset: str | None
    fetched_at: float
    expires_at: float
    redirects: tuple[str, ...]

    def fresh(self, now: float) -> bool:
        """Whether the entry may be used without asking the server."""
        return now < self.expires_at

    def validators(self) -> dict[str, str]:
        """Headers for a conditional request (``If-None-Match``, ``If-Modified-Since``)."""
        found: dict[str, str] = {}
        if "etag" in self.headers:
            found["If-None-Match"] = self.headers["etag"]
        if "last-modified" in self.headers:
            found["If-Modified-Since"] = self.headers["last-modified"]
        return found

    @property
    def fetched_datetime(self) -> datetime:
        """When the response was first received."""
        return datetime.fromtimestamp(self.fetched_at, UTC)


class HTTPCache:
    """Responses stored in ``directory/sourcetrace-http-cache.sqlite3``.

    Each write is one short ``BEGIN IMMEDIATE`` transaction, so one cache can be used from
    threads and from several processes at once: SQLite's write-ahead log lets readers go
    on while one writer commits, and ``busy_timeout`` queues the writers.

    Args:
        directory: where the cache file lives (created if missing).
        timeout: seconds a writer waits for another process's write to finish.
    """

    def __init__(self, directory: Path, *, timeout: float = 30.0) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        self.path = directory / CACHE_FILE
        self._timeout = timeout
        self._lock = threading.Lock()
        self._con: sqlite3.Connection | None = None
        with self._connection() as con:
            # journal_mode is persistent: set once, every later connection gets WAL.
            con.execute("PRAGMA journal_mode=WAL")
            con.execute(
                """CREATE TABLE IF NOT EXISTS responses (
                    url TEXT PRIMARY KEY,
                    final_url TEXT NOT NULL,
                    status_code INTEGER NOT NULL,
                    headers TEXT NOT NULL,
                    content BLOB NOT NULL,
                    media_type TEXT,
                    charset TEXT,
                    fetched_at REAL NOT NULL,
                    expires_at REAL NOT NULL,
                    redirects TEXT NOT NULL
                )"""
            )
            con.execute(f"PRAGMA user_version={_SCHEMA_VERSION}")

    @contextlib.contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        # One connection per cache object, used by one thread at a time: closing the
        # last connection checkpoints the WAL, which costs an fsync per operation.
        with self._lock:
            if self._con is None:
                con = sqlite3.connect(
                    self.path,
                    timeout=self._timeout,
                    isolation_level=None,
                    check_same_thread=False,
                )
                con.execute(f"PRAGMA busy_timeout={int(self._timeout * 1000)}")
                con.execute("PRAGMA synchronous=NORMAL")
                self._con = con
            yield self._con

    def close(self) -> None:
        """Close the database connection (the cache reopens it if used again)."""
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None

    def journal_mode(self) -> str:
        """The database's journal mode (``"wal"``)."""
        with self._connection() as con:
            return str(con.execute("PRAGMA journal_mode").fetchone()[0])

    def get(self, url: str) -> CacheEntry | None:
        """The entry stored for ``url``, fresh or not."""
        with self._connection() as con:
            row = con.execute(
                "SELECT url, final_url, status_code, headers, content, media_type, charset,"
                " fetched_at, expires_at, redirects FROM responses WHERE url = ?",
                (url,),
            ).fetchone()
        if row is None:
            return None
        return CacheEntry(
            url=row[0],
            final_url=row[1],
            status_code=row[2],
            headers=json.loads(row[3]),
            content=bytes(row[4]),
            media_type=row[5],
            charset=row[6],
            fetched_at=row[7],
            expires_at=row[8],
            redirects=tuple(json.loads(row[9])),
        )

    def put(self, entry: CacheEntry) -> None:
        """Store ``entry``, replacing what was stored for its URL."""
        with self._connection() as con, _transaction(con):
            con.execute(
                "INSERT OR REPLACE INTO responses VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    entry.url,
                    entry.final_url,
                    entry.status_code,
                    json.dumps(entry.headers),
                    entry.content,
                    entry.media_type,
                    entry.charset,
                    entry.fetched_at,
                    entry.expires_at,
                    json.dumps(list(entry.redirects)),
                ),
            )

    def refresh(self, url: str, expires_at: float, headers: Mapping[str, str]) -> None:
        """Record a successful revalidation (a 304): new lifetime, updated headers."""
        entry = self.get(url)
        if entry is None:
            return
        merged = {**entry.headers, **{k: v for k, v in headers.items() if k not in _BODY}}
        with self._connection() as con, _transaction(con):
            con.execute(
                "UPDATE responses SET expires_at = ?, headers = ? WHERE url = ?",
                (expires_at, json.dumps(merged), url),
            )

    def __len__(self) -> int:
        with self._connection() as con:
            return int(con.execute("SELECT COUNT(*) FROM responses").fetchone()[0])


@contextlib.contextmanager
def _transaction(con: sqlite3.Connection) -> Iterator[None]:
    # IMMEDIATE takes the write lock up front, so busy_timeout queues writers instead
    # of failing one of them with "database is locked" half-way through.
    con.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


_BODY = frozenset({"content-length", "content-encoding", "transfer-encoding", "content-type"})


def now() -> float:
    """The current time, as the cache counts it (seconds since the epoch)."""
    return time.time()
