"""The results file of a batch: JSON Lines, one article per line, append-only, resumable.

Each line is one JSON object whose *first* member is the article's key::

    {"key": "articles/0001.txt", "report": { ...a TraceReport... }}
    {"key": "https://news.example/x", "error": {"error": "FetchError", "message": "..."}}

Lines are written whole and flushed one at a time, so a crash can only leave the *last*
line cut short. :func:`scan` finds the keys already done by reading only the start of
each line (a report can be large) and cuts a partial last line off the file.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import IO, Any, Self

from .._errors import InputError
from .._models import TraceReport

__all__ = [
    "BatchRecord",
    "ResultsWriter",
    "Scan",
    "encode_error",
    "encode_report",
    "read_results",
    "scan",
]

logger = logging.getLogger("sourcetrace.batch")

_PREFIX = b'{"key":'
_DECODER = json.JSONDecoder()


def encode_report(key: str, report: TraceReport) -> str:
    """One results line (without the newline) for a traced article."""
    return f'{{"key":{json.dumps(key, ensure_ascii=False)},"report":{report.to_json(indent=None)}}}'


def encode_error(key: str, error: str, message: str) -> str:
    """One results line (without the newline) for an article that could not be traced."""
    body = json.dumps({"error": error, "message": message}, ensure_ascii=False)
    return f'{{"key":{json.dumps(key, ensure_ascii=False)},"error":{body}}}'


def _key_of(line: bytes) -> str | None:
    """The key of a results line, read from its first member only."""
    if not line.startswith(_PREFIX):
        return None
    head = line[len(_PREFIX) : len(_PREFIX) + 4096].decode("utf-8", "replace")
    try:
        key, _ = _DECODER.raw_decode(head)
    except json.JSONDecodeError:
        return None
    return key if isinstance(key, str) else None


def _is_error(line: bytes, key: str) -> bool:
    start = len(_PREFIX) + len(json.dumps(key, ensure_ascii=False).encode("utf-8"))
    return line[start : start + 9] == b',"error":'


@dataclass
class Scan:
    """What an existing results file already holds."""

    done: set[str] = field(default_factory=set)
    """Keys with a report."""
    failed: set[str] = field(default_factory=set)
    """Keys whose last line is an error."""
    dropped_bytes: int = 0
    """Bytes of a partial last line that were cut off the file."""


def scan(path: str | os.PathLike[str], *, repair: bool = True) -> Scan:
    """The keys already in a results file; a partial last line is dropped.

    Args:
        path: the JSON Lines file (a missing file holds nothing).
        repair: cut a partial last line off the file (``False``: only report it).

    Raises:
        InputError: a line other than the last is not a results line, so the file
            is not one that ``trace_many`` wrote.
    """
    found = Scan()
    path = Path(path)
    if not path.exists():
        return found
    good_end = 0
    with path.open("rb") as handle:
        number = 0
        for line in handle:
            number += 1
            complete = line.endswith(b"\n")
            key = _key_of(line)
            if complete and key is not None and _valid_tail(line):
                if _is_error(line, key):
                    found.failed.add(key)
                    found.done.discard(key)
                else:
                    found.done.add(key)
                    found.failed.discard(key)
                good_end += len(line)
                continue
            rest = handle.read(1)
            if rest:
                raise InputError(
                    f"line {number} of {path} is not a sourcetrace batch result; "
                    "write the results to a new file or remove that line"
                )
            found.dropped_bytes = len(line)
    if found.dropped_bytes and repair:
        logger.warning(
            "dropping a partial last line (%d bytes) of %s: that article is traced again",
            found.dropped_bytes,
            path,
        )
        with path.open("r+b") as handle:
            handle.truncate(good_end)
    return found


def _valid_tail(line: bytes) -> bool:
    # A complete line ends with "}}\n"; a line cut short inside a report does not.
    # Only the ending is checked so that scanning a large file stays cheap.
    return line.rstrip(b"\r\n").endswith(b"}}")


class ResultsWriter:
    """Appends results lines to a file, each flushed as soon as it is written."""

    def __init__(self, path: str | os.PathLike[str], *, fsync_every: int = 100) -> None:
        self.path = Path(path)
        self._fsync_every = fsync_every
        self._since_sync = 0
        self._handle: IO[bytes] | None = None

    def __enter__(self) -> Self:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._handle = self.path.open("ab")
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def write(self, line: str) -> None:
        """Append one line (given without its newline) and flush it."""
        if self._handle is None:
            raise RuntimeError("use ResultsWriter as a context manager")
        # One write call per line: a crash leaves at most the last line partial.
        self._handle.write(line.encode("utf-8") + b"\n")
        self._handle.flush()
        self._since_sync += 1
        if self._since_sync >= self._fsync_every:
            os.fsync(self._handle.fileno())
            self._since_sync = 0

    def close(self) -> None:
        """Flush to disk and close the file."""
        if self._handle is not None:
            self._handle.flush()
            os.fsync(self._handle.fileno())
            self._handle.close()
            self._handle = None


@dataclass(frozen=True)
class BatchRecord:
    """One line of a results file: an article's report, or why it has none."""

    key: str
    report: TraceReport | None
    error: dict[str, Any] | None = None

    @property
    def ok(self) -> bool:
        """Whether the article was traced."""
        return self.report is not None


def read_results(path: str | os.PathLike[str]) -> Iterator[BatchRecord]:
    """The records of a results file, in the order they were written.

    A partial last line (a crash while writing) is passed over. When a key appears
    more than once (an error retried later), every line is yielded; the last one wins.

    Examples:
            for record in read_results("results.jsonl"):
                print(record.key, len(record.report.claims) if record.ok else record.error)
    """
    with Path(path).open("rb") as handle:
        for line in handle:
            if not line.endswith(b"\n"):
                break
            data = json.loads(line)
            report = data.get("report")
            yield BatchRecord(
                key=data["key"],
                report=TraceReport.model_validate(report) if report is not None else None,
                error=data.get("error"),
            )
