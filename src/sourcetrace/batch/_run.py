"""`trace_many`: trace many articles as Dask tasks, streaming reports to JSON Lines."""

from __future__ import annotations

import functools
import hashlib
import itertools
import logging
import os
import sqlite3
import ssl
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .._config import TraceConfig
from .._errors import ConfigError, SourcetraceError
from .._models import Document, TraceReport
from ._dask import dask_client, require_distributed
from ._jsonl import ResultsWriter, encode_error, encode_report, scan

if TYPE_CHECKING:
    from distributed import Client

    from ..discover import SourceLike

__all__ = [
    "CORPUS_SUFFIXES",
    "BatchProgress",
    "BatchSummary",
    "article_key",
    "trace_many",
]

logger = logging.getLogger("sourcetrace.batch")

CORPUS_SUFFIXES = frozenset({".db", ".sqlite", ".sqlite3"})
"""File name endings taken for a persistent corpus (opened by each worker) in ``sources``."""

BatchArticle = str | os.PathLike[str] | Document
BatchProgress = Callable[[int, int | None], None]
"""Called as ``progress(done, total)`` after each article (``total`` is ``None`` when the
articles come from an iterator of unknown length)."""


def article_key(article: BatchArticle) -> str:
    """The key an article is recorded under in a results file.

    The path of an existing file or a URL is its own key (as given, so keep giving it
    the same way); a :class:`~sourcetrace.Document` is keyed by its id; anything else is
    text, keyed by a hash of the text. Pass a mapping ``{key: article}`` to
    ``trace_many`` to choose keys yourself.

    Examples:
        >>> article_key("examples/article.txt")
        'examples/article.txt'
        >>> article_key('"We stay," she said.')[:5]
        'text-'
    """
    if isinstance(article, Document):
        return article.id
    if isinstance(article, os.PathLike):
        return os.fspath(article)
    if article.startswith(("http://", "https://")) or (
        "\n" not in article and len(article) < 1024 and Path(article).is_file()
    ):
        return article
    return "text-" + hashlib.sha256(article.encode("utf-8", "surrogatepass")).hexdigest()[:16]


@dataclass
class BatchSummary:
    """What a call of :func:`trace_many` did."""

    out: Path | None
    total: int = 0
    """Articles given (after removing repeated keys)."""
    traced: int = 0
    """Articles traced in this run."""
    skipped: int = 0
    """Articles already in the results file, not traced again."""
    failed: int = 0
    """Articles of this run recorded with an error instead of a report."""
    seconds: float = 0.0
    reports: dict[str, TraceReport] = field(default_factory=dict)
    """The reports by key, kept only when there is no results file (``out=None``)."""
    errors: dict[str, str] = field(default_factory=dict)
    """``key -> "ErrorClass: message"`` for the failed articles of this run."""

    @property
    def articles_per_minute(self) -> float:
        """Throughput of this run."""
        return 60.0 * self.traced / self.seconds if self.seconds > 0 else 0.0


# --- what a task needs -------------------------------------------------------------------


@dataclass(frozen=True)
class _Plan:
    """The sources of every article, in a form that travels to workers cheaply."""

    corpus_paths: tuple[str, ...]
    """Persistent corpora: each worker opens the file itself and only reads it."""
    sources: tuple[str | Path | Document, ...]
    """Files, folders, URLs and documents, passed to each trace as they are."""
    has_memory_corpora: bool = False


def _split_sources(sources: Iterable[SourceLike]) -> tuple[_Plan, list[Any]]:
    paths: list[str] = []
    plain: list[str | Path | Document] = []
    memory: list[Any] = []
    for source in sources:
        if isinstance(source, Document):
            plain.append(source)
        elif isinstance(source, str | os.PathLike):
            path = Path(source)
            if path.suffix.lower() in CORPUS_SUFFIXES and not str(source).startswith(
                ("http://", "https://")
            ):
                if not path.is_file():
                    raise ConfigError(
                        f"no corpus file at {str(source)!r}: build one with "
                        "sourcetrace.batch.build_index or check the path"
                    )
                paths.append(str(path.resolve()))
            else:
                plain.append(source if isinstance(source, str) else path)
        else:
            location = _corpus_file(source)
            if location is not None:
                # A persistent corpus travels as its path, never as an open connection.
                paths.append(str(Path(location).resolve()))
            else:
                memory.append(source)
    return _Plan(tuple(paths), tuple(plain), bool(memory)), memory


def _corpus_file(corpus: object) -> Path | None:
    """The file behind a persistent corpus object, or ``None`` for one held in memory."""
    location = getattr(corpus, "path", None)
    if isinstance(location, str | os.PathLike) and Path(location).is_file():
        return Path(location)
    # Until Corpus names its file, ask its SQLite connection: an open connection cannot
    # travel to another process, the file's path can.
    connection = getattr(corpus, "_db", None)
    if isinstance(connection, sqlite3.Connection):
        for _, name, file in connection.execute("PRAGMA database_list"):
            if name == "main" and file:
                return Path(file)
    return None


_CORPORA_LOCK = threading.Lock()
_CORPORA: dict[tuple[str, int], Any] = {}


def _open_corpus(path: str) -> Any:
    """The corpus at ``path``, opened once per worker thread (read-only where the
    ``Corpus`` constructor offers it).

    SQLite connections belong to the thread that opened them, and every thread of a
    worker reads the same file through the operating system's page cache, so a
    connection per thread costs little memory.
    """
    from ..match import Corpus

    slot = (path, threading.get_ident())
    with _CORPORA_LOCK:
        corpus = _CORPORA.get(slot)
    if corpus is None:
        corpus = Corpus(path, read_only=True)
        with _CORPORA_LOCK:
            _CORPORA[slot] = corpus
    return corpus


@functools.cache
def _ssl_context() -> ssl.SSLContext:
    # Loading the certificate store takes tens of milliseconds: once per worker process,
    # not once per article.
    import httpx

    return httpx.create_ssl_context()


def _trace_line(
    key: str,
    article: BatchArticle,
    plan: _Plan,
    memory: list[Any] | tuple[Any, ...] | None,
    config: TraceConfig,
    host_limit: int | None,
) -> tuple[str, str | None]:
    """Trace one article: its results line, and what went wrong if it was not traced.

    Never raises for a problem of the article itself: that is recorded in the line.
    """
    from .._sync import run_sync
    from .._tracer import atrace

    sources: list[Any] = [*plan.sources, *(_open_corpus(p) for p in plan.corpus_paths)]
    sources.extend(memory or ())

    async def run() -> TraceReport:
        import httpx

        # Every trace of a batch shares one certificate store per process, and on a
        # cluster holds a cluster-wide lease per host for each request it sends.
        transport: httpx.AsyncBaseTransport = httpx.AsyncHTTPTransport(
            verify=_ssl_context(), trust_env=False
        )
        if host_limit is not None:
            from ._polite import HostLimitedTransport, distributed_leases

            worker = require_distributed().get_worker()
            transport = HostLimitedTransport(
                transport, distributed_leases(worker.address, host_limit)
            )
        async with httpx.AsyncClient(
            transport=transport,
            timeout=httpx.Timeout(config.request_timeout),
            follow_redirects=False,
            trust_env=False,
        ) as client:
            return await atrace(article, sources, config=config, client=client)

    try:
        report = run_sync(run())
    except SourcetraceError as exc:
        logger.info("article %s not traced: %s", key, exc)
        return encode_error(key, type(exc).__name__, str(exc)), f"{type(exc).__name__}: {exc}"
    except Exception as exc:
        # A fault in a stage, not in the article: recorded like any failure so that one
        # article cannot stop a batch of millions, and logged with its traceback.
        logger.exception("article %s not traced: a stage failed", key)
        message = str(exc) or repr(exc)
        return encode_error(key, type(exc).__name__, message), f"{type(exc).__name__}: {message}"
    return encode_report(key, report), None


# --- the driver ----------------------------------------------------------------------------


def _keyed(
    articles: Iterable[BatchArticle] | Mapping[str, BatchArticle],
) -> Iterator[tuple[str, BatchArticle]]:
    if isinstance(articles, Mapping):
        yield from articles.items()
    else:
        for article in articles:
            yield article_key(article), article


class _Bar:
    """A rich progress bar on a terminal; nothing elsewhere."""

    def __init__(self, total: int | None, enabled: bool) -> None:
        self._progress: Any = None
        self._task: Any = None
        if enabled:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )

            self._progress = Progress(
                TextColumn("tracing"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=Console(stderr=True),
                transient=False,
            )
            self._progress.start()
            self._task = self._progress.add_task("tracing", total=total)

    def advance(self) -> None:
        if self._progress is not None:
            self._progress.advance(self._task)

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()


def trace_many(
    articles: Iterable[BatchArticle] | Mapping[str, BatchArticle],
    sources: Iterable[SourceLike] = (),
    *,
    client: Client | None = None,
    config: TraceConfig | None = None,
    out: str | os.PathLike[str] | None = None,
    scheduler: str | None = None,
    progress: bool | BatchProgress | None = None,
    retry_failed: bool = False,
    window: int | None = None,
) -> BatchSummary:
    """Trace many articles, as Dask tasks, streaming each report to a JSON Lines file.

    Each article is one task: load, extract, discover, fetch, match, graph, exactly as
    :func:`~sourcetrace.trace` does it, on whichever worker is free. A persistent corpus
    in ``sources`` (a ``.db`` path, or a ``Corpus`` backed by one) travels to the
    workers as its path and is opened by each, which only reads it. Reports are appended to
    ``out`` as they finish, in the order they finish.

    Running again with the same ``out`` resumes: articles whose key is already in the
    file are skipped, and a partial last line left by a crash is dropped (that article
    is traced again). Articles that failed are skipped too unless ``retry_failed``.

    Requests are polite across the whole cluster: at most
    ``config.max_connections_per_host`` requests are in flight to one host, over all
    workers together (a ``distributed.Semaphore`` per host).

    Args:
        articles: paths, URLs, texts or documents (keys from :func:`article_key`), or a
            mapping ``{key: article}``.
        sources: as for :func:`~sourcetrace.trace`; a path ending in ``.db``,
            ``.sqlite`` or ``.sqlite3`` is a persistent corpus.
        client: a ``dask.distributed.Client``. Without one (and without
            ``scheduler``) a ``LocalCluster`` with one worker process per core is
            started for the call and closed after it.
        config: the settings of every trace (defaults: ``TraceConfig()``).
        out: the JSON Lines file; ``None`` keeps the reports in memory
            (``summary.reports``) and cannot resume.
        scheduler: the address of a running Dask scheduler (``"tcp://host:8786"``),
            or ``"synchronous"`` to trace one article after another in this process,
            without Dask.
        progress: ``True`` for a progress bar, ``False`` for none, a callable
            ``progress(done, total)``, or ``None``: a bar when stderr is a terminal.
        retry_failed: trace again the articles recorded with an error.
        window: most tasks submitted and not yet finished (default: four per worker
            thread), which bounds the driver's memory however many articles there are.

    Returns:
        A :class:`BatchSummary`: counts, time taken and, without ``out``, the reports.

    Raises:
        MissingDependencyError: Dask is needed and not installed.
        ConfigError: a corpus path that does not exist, or both ``client`` and
            ``scheduler`` given.
        InputError: ``out`` exists and is not a results file.

    Examples:
            from sourcetrace.batch import trace_many
            summary = trace_many(["a.txt", "b.txt"], ["archive.db"],
                                 out="results.jsonl")
            summary.traced, summary.skipped
            # (2, 0)
    """
    config = config or TraceConfig()
    if client is not None and scheduler is not None:
        raise ConfigError("pass either a Dask client or a scheduler address, not both")
    started = time.perf_counter()
    plan, memory = _split_sources(sources)
    summary = BatchSummary(out=Path(out) if out is not None else None)

    already: set[str] = set()
    if out is not None:
        found = scan(out)
        already = found.done if retry_failed else found.done | found.failed

    total = len(articles) if isinstance(articles, Mapping | list | tuple) else None
    seen: set[str] = set()

    def todo() -> Iterator[tuple[str, BatchArticle]]:
        for key, article in _keyed(articles):
            if key in seen:
                continue
            seen.add(key)
            summary.total += 1
            if key in already:
                summary.skipped += 1
                bar.advance()
                continue
            yield key, article

    callback = progress if callable(progress) else None
    show_bar = progress is True or (progress is None and sys.stderr.isatty())
    bar = _Bar(total, show_bar)
    done = 0

    def record(key: str, result: tuple[str, str | None]) -> None:
        nonlocal done
        line, problem = result
        if problem is not None:
            summary.failed += 1
            summary.errors[key] = problem
        else:
            summary.traced += 1
        if writer is not None:
            writer.write(line)
        else:
            _keep(summary, key, line)
        done += 1
        bar.advance()
        if callback is not None:
            callback(done + summary.skipped, total)

    writer = ResultsWriter(out).__enter__() if out is not None else None
    try:
        if scheduler == "synchronous":
            for key, article in todo():
                record(key, _trace_line(key, article, plan, memory, config, None))
        else:
            _run_on_dask(todo(), plan, memory, config, client, scheduler, window, record)
    finally:
        if writer is not None:
            writer.close()
        bar.close()
    summary.seconds = time.perf_counter() - started
    logger.info(
        "batch done: %d traced, %d failed, %d skipped in %.1f s",
        summary.traced,
        summary.failed,
        summary.skipped,
        summary.seconds,
    )
    return summary


def _keep(summary: BatchSummary, key: str, line: str) -> None:
    import json

    data = json.loads(line)
    if data.get("report") is not None:
        summary.reports[key] = TraceReport.model_validate(data["report"])


def _run_on_dask(
    jobs: Iterator[tuple[str, BatchArticle]],
    plan: _Plan,
    memory: list[Any],
    config: TraceConfig,
    client: Client | None,
    scheduler: str | None,
    window: int | None,
    record: Callable[[str, tuple[str, str | None]], None],
) -> None:
    distributed = require_distributed()
    with dask_client(client, scheduler) as client:
        threads = sum(client.nthreads().values()) or 1
        limit = window or 4 * threads
        memory_arg: Any = (
            client.scatter(tuple(memory), broadcast=True, hash=False) if memory else None
        )
        keys: dict[Any, str] = {}

        def submit(key: str, article: BatchArticle) -> Any:
            future = client.submit(
                _trace_line,
                key,
                article,
                plan,
                memory_arg,
                config,
                config.max_connections_per_host,
                pure=False,
                key=f"sourcetrace-trace-{hashlib.sha1(key.encode()).hexdigest()[:12]}-"
                f"{os.urandom(4).hex()}",
            )
            keys[future.key] = key
            return future

        first = [submit(key, article) for key, article in itertools.islice(jobs, limit)]
        if not first:
            return
        pending = distributed.as_completed(first, with_results=False)
        for future in pending:
            key = keys.pop(future.key)
            try:
                result = future.result()
            except Exception as exc:  # a worker died too often, or a bug in a stage
                logger.warning("article %s failed on the cluster: %r", key, exc)
                message = str(exc) or repr(exc)
                result = (
                    encode_error(key, type(exc).__name__, message),
                    f"{type(exc).__name__}: {message}",
                )
            finally:
                future.release()
            record(key, result)
            following = next(jobs, None)
            if following is not None:
                pending.add(submit(*following))

