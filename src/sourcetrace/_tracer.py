"""`trace` and `atrace`: the whole pipeline, load → extract → discover → fetch → match → graph.

One async implementation; `trace` is a thin synchronous door onto it.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import httpx

from ._config import TraceConfig
from ._errors import FetchError, InputError, SourcetraceError
from ._models import Claim, Document, ErrorRecord, Evidence, Hop, Span, TraceReport
from ._sync import run_sync
from .discover import SourceLike, SourceRef, discover, expected_sources, links_near
from .extract import Extractor, extract
from .fetch import Fetcher, aload
from .graph import build_graph
from .match import match_claim

if TYPE_CHECKING:
    from .match import Corpus

__all__ = ["ArticleLike", "ProgressCallback", "atrace", "trace"]

logger = logging.getLogger("sourcetrace")

ArticleLike = str | os.PathLike[str] | bytes | Document

ProgressCallback = Callable[[str, int, int], None]
"""Called as ``progress(stage, done, total)`` while sources load (``"fetch"``) and
claims are matched (``"match"``)."""


def _evidence_order(item: Evidence) -> tuple[bool, bool, bool, float]:
    # Found before not found; the speaker's own words before a report of them; a source
    # that gives the words to someone else last among the found; then by score.
    return (item.passage is None, item.misattributed, item.secondary, -item.score)


def _error_record(stage: str, ref: SourceRef, exc: BaseException) -> ErrorRecord:
    url = exc.url if isinstance(exc, FetchError) else None
    attempts = exc.attempts if isinstance(exc, FetchError) else 0
    return ErrorRecord.model_validate(
        {
            "stage": stage,
            "source": ref.label,
            "error": type(exc).__name__,
            "message": str(exc) or type(exc).__name__,
            "url": url,
            "attempts": attempts,
        }
    )


async def _load_sources(
    refs: Sequence[SourceRef],
    fetcher: Fetcher,
    config: TraceConfig,
    progress: ProgressCallback | None,
) -> tuple[list[Document], list[ErrorRecord]]:
    finished = 0

    async def load_one(ref: SourceRef) -> Document:
        nonlocal finished
        try:
            if isinstance(ref.target, Document):
                return ref.target
            return await aload(ref.target, config=config, fetcher=fetcher)
        finally:
            finished += 1
            if progress is not None:
                progress("fetch", finished, len(refs))

    tasks = [asyncio.ensure_future(load_one(ref)) for ref in refs]
    documents: list[Document] = []
    errors: list[ErrorRecord] = []
    if not tasks:
        return documents, errors
    _, pending = await asyncio.wait(tasks, timeout=config.trace_timeout)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    seen: set[str] = set()
    for ref, task in zip(refs, tasks, strict=True):
        if task in pending:
            errors.append(
                ErrorRecord(
                    stage="fetch",
                    source=ref.label,
                    error="TimeoutError",
                    message=f"not loaded within the trace time limit of {config.trace_timeout:g}"
                    " s; raise TraceConfig.trace_timeout to wait longer",
                )
            )
            continue
        exc = task.exception()
        if exc is not None:
            if not isinstance(exc, SourcetraceError | OSError | httpx.HTTPError):
                raise exc
            logger.info("source %s could not be used: %s", ref.label, exc)
            errors.append(_error_record("fetch", ref, exc))
            continue
        document = task.result()
        if document.id not in seen:
            seen.add(document.id)
            documents.append(document)
    return documents, errors


def _match(
    claims: Sequence[Claim],
    documents: Sequence[Document],
    corpora: Sequence[Corpus],
    config: TraceConfig,
    progress: ProgressCallback | None,
) -> list[Evidence]:
    evidence: list[Evidence] = []
    for index, claim in enumerate(claims, start=1):
        if progress is not None:
            progress("match", index - 1, len(claims))
        found: list[Evidence] = []
        if documents:
            found.extend(match_claim(claim, documents, config))
        for corpus in corpora:
            found.extend(match_claim(claim, corpus, config))
        located = sorted((e for e in found if e.passage is not None), key=_evidence_order)
        if located:
            evidence.extend(located[: config.max_evidence_per_claim])
        else:
            best_miss = max((e.score for e in found), default=0.0)
            evidence.append(
                Evidence(claim_id=claim.id, score=best_miss, relation="not_found")
            )
    if progress is not None:
        progress("match", len(claims), len(claims))
    return evidence


def _add_corpus_documents(
    evidence: Sequence[Evidence],
    documents: list[Document],
    corpora: Sequence[Corpus],
    article: Document,
) -> None:
    """Put the corpus documents that hold evidence into ``documents``.

    A report carries every document its evidence points into, so that each span can be
    checked against (and shown in) its document.
    """
    known = {doc.id for doc in documents} | {article.id}
    for item in evidence:
        if item.document_id is None or item.document_id in known:
            continue
        for corpus in corpora:
            if item.document_id in corpus:
                doc = corpus.get(item.document_id)
                documents.append(doc)
                known.add(doc.id)
                break


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def _claim_at(claims: Sequence[Claim], passage: Span) -> Claim | None:
    """The claim of a secondary source whose words cover ``passage`` the most."""
    best: tuple[int, Claim] | None = None
    for claim in claims:
        covered = sum(_overlap(span, passage) for span in [*claim.content, *claim.quotes])
        if covered and (best is None or covered > best[0]):
            best = (covered, claim)
    return best[1] if best else None


async def _follow_hops(
    claims: Sequence[Claim],
    evidence: Sequence[Evidence],
    documents: list[Document],
    corpora: Sequence[Corpus],
    article: Document,
    fetcher: Fetcher,
    config: TraceConfig,
    extractor: Extractor | None,
    errors: list[ErrorRecord],
) -> list[Hop]:
    """Walk from secondary sources back toward primary ones, ``config.depth`` hops at most.

    Each chain remembers the documents it has passed through, so articles that cite
    each other cannot send it round in a cycle.
    """
    hops: list[Hop] = []
    best_by_claim: dict[str, Evidence] = {}
    for item in evidence:
        best_by_claim.setdefault(item.claim_id, item)
    by_id = {doc.id: doc for doc in documents}
    for claim in claims:
        current = best_by_claim.get(claim.id)
        visited = {article.id}
        for depth in range(1, config.depth + 1):
            if (
                current is None
                or not current.secondary
                or current.passage is None
                or current.document_id is None
                or current.document_id in visited
                or current.document_id not in by_id
            ):
                break
            report_doc = by_id[current.document_id]
            visited.add(report_doc.id)
            upstream = _claim_at(extract(report_doc, extractor=extractor).claims,
                                 current.passage)
            if upstream is None:
                break
            upstream = upstream.model_copy(update={"id": f"{claim.id}.h{depth}"})
            if config.follow_links:
                links = links_near(report_doc, upstream, config)
                new_refs = [SourceRef(url, "link", (claim.id,)) for url in links]
                loaded, failed = await _load_sources(new_refs, fetcher, config, None)
                errors.extend(failed)
                for doc in loaded:
                    if doc.id not in by_id:
                        by_id[doc.id] = doc
                        documents.append(doc)
            candidates = [doc for doc in by_id.values() if doc.id not in visited]
            found = _match([upstream], candidates, corpora, config, None) if (
                candidates or corpora
            ) else [Evidence(claim_id=upstream.id, score=0.0, relation="not_found")]
            hops.append(
                Hop(claim_id=claim.id, depth=depth, document_id=report_doc.id,
                    claim=upstream, evidence=found)
            )
            current = found[0] if found else None
    return hops


async def atrace(
    article: ArticleLike,
    sources: Iterable[SourceLike] = (),
    *,
    config: TraceConfig | None = None,
    client: httpx.AsyncClient | None = None,
    extractor: Extractor | None = None,
    progress: ProgressCallback | None = None,
    follow_links: bool | None = None,
    depth: int | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> TraceReport:
    """Trace the attributed claims of an article back to their sources (async).

    Args:
        article: the article: its text, its HTML, a file path or an http(s) URL, or a
            loaded :class:`~sourcetrace.Document`.
        sources: where the claims may come from: URLs, file paths, folders,
            :class:`~sourcetrace.Document` objects, or a :class:`~sourcetrace.Corpus`.
        config: limits, timeouts and thresholds (defaults: ``TraceConfig()``).
        client: an ``httpx.AsyncClient`` of your own, used for every request and left
            open; sourcetrace's limits and safety checks still apply.
        extractor: another claim extractor (default: the rule-based one).
        progress: called as ``progress(stage, done, total)`` while sources load and
            claims are matched, e.g. to drive a progress bar.
        follow_links: shorthand for ``TraceConfig.follow_links`` (overrides ``config``).
        depth: shorthand for ``TraceConfig.depth`` (overrides ``config``).
        transport: an httpx transport for the requests of the trace, when no ``client``
            is given; ``sourcetrace.fetch.ReplayTransport(path)`` re-runs a trace from
            the WARC archive it wrote (``TraceConfig.archive``) with no network.

    Returns:
        A :class:`~sourcetrace.TraceReport`. A source that cannot be fetched or read is
        recorded in ``report.errors``; the trace goes on without it.

    Raises:
        InputError: the article is empty, binary, or cannot be found or decoded.
        FetchError: the article is a URL that cannot be fetched.
        UnsupportedInputError: a source of a type sourcetrace cannot use.
    """
    config = config or TraceConfig()
    overrides = {
        name: value
        for name, value in (("follow_links", follow_links), ("depth", depth))
        if value is not None
    }
    if overrides:
        config = TraceConfig.model_validate({**config.model_dump(), **overrides})
    started_at = datetime.now(UTC)
    timings: dict[str, float] = {}
    errors: list[ErrorRecord] = []

    clock = time.perf_counter()
    async with Fetcher(config, client=client, transport=transport) as fetcher:
        article_doc = await aload(article, config=config, fetcher=fetcher)
        if not article_doc.text.strip():
            raise InputError("the article has no text to trace: check that it is not empty")
        timings["load"] = time.perf_counter() - clock

        clock = time.perf_counter()
        extraction = extract(article_doc, extractor=extractor)
        timings["extract"] = time.perf_counter() - clock

        clock = time.perf_counter()
        discovery = discover(article_doc, extraction.claims, sources, config)
        errors.extend(discovery.errors)
        timings["discover"] = time.perf_counter() - clock

        clock = time.perf_counter()
        documents, fetch_errors = await _load_sources(
            discovery.sources, fetcher, config, progress
        )
        errors.extend(fetch_errors)
        timings["fetch"] = time.perf_counter() - clock
        expected = expected_sources(extraction.claims, documents)

        clock = time.perf_counter()
        corpora: list[Corpus] = list(discovery.corpora)  # type: ignore[arg-type]
        evidence = _match(extraction.claims, documents, corpora, config, progress)
        _add_corpus_documents(evidence, documents, corpora, article_doc)
        timings["match"] = time.perf_counter() - clock

        hops: list[Hop] = []
        if config.depth:
            clock = time.perf_counter()
            hops = await _follow_hops(extraction.claims, evidence, documents, corpora,
                                      article_doc, fetcher, config, extractor, errors)
            for hop in hops:
                _add_corpus_documents(hop.evidence, documents, corpora, article_doc)
            timings["hops"] = time.perf_counter() - clock

    clock = time.perf_counter()
    finished_at = datetime.now(UTC)
    graph = build_graph(
        article_doc,
        extraction.claims,
        extraction.agents,
        documents,
        evidence,
        hops=hops,
        started_at=started_at,
        finished_at=finished_at,
    )
    timings["graph"] = time.perf_counter() - clock
    return TraceReport(
        started_at=started_at,
        finished_at=finished_at,
        config=config,
        article=article_doc,
        claims=extraction.claims,
        agents=extraction.agents,
        documents=documents,
        evidence=evidence,
        hops=hops,
        graph=graph,
        errors=errors,
        timings=timings,
        expected=expected,
    )


def trace(
    article: ArticleLike,
    sources: Iterable[SourceLike] = (),
    *,
    config: TraceConfig | None = None,
    client: httpx.AsyncClient | None = None,
    extractor: Extractor | None = None,
    progress: ProgressCallback | None = None,
    follow_links: bool | None = None,
    depth: int | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> TraceReport:
    """Trace the attributed claims of an article back to their sources.

    The synchronous twin of :func:`atrace`, with the same arguments and result. It also
    works where an event loop is already running (Jupyter): the trace then runs on its own
    loop in a worker thread while the call waits. Inside async code prefer
    ``await atrace(...)``, above all with a ``client`` of your own, since an
    ``httpx.AsyncClient`` belongs to the loop it was first used on.

    Examples:
        >>> from sourcetrace import trace
        >>> report = trace("examples/article.txt", sources=["examples/sources/"])
        >>> claim = next(c for c in report.claims if "autumn storms" in c.text)
        >>> claim.speaker.name, report.verdict(claim)
        ('Dana Okafor', 'verbatim')
    """
    return run_sync(
        atrace(
            article,
            sources,
            config=config,
            client=client,
            extractor=extractor,
            progress=progress,
            follow_links=follow_links,
            depth=depth,
            transport=transport,
        )
    )
