"""The match stage: find each claim's passage in the sources and say how faithful it is.

Two entry points:

* :func:`locate` answers "is this quote in this transcript, and who says it there?"
  for a bare string (or a claim);
* :func:`match_claim` is what a trace calls for every extracted claim.

Both return :class:`~sourcetrace.Evidence`, best first, whose spans point into the
original text of the source documents. See ``docs/matching.md`` for the method, the
thresholds and the measured accuracy.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence

from .._config import TraceConfig
from .._models import Agent, Claim, Document, Evidence
from ._corpus import Corpus
from ._match import Query, build_query, check_quote, match_entry, rank

__all__ = ["Corpus", "locate", "match_claim"]

logger = logging.getLogger("sourcetrace.match")


def _as_corpus(sources: Document | Iterable[Document] | Corpus) -> Corpus:
    if isinstance(sources, Corpus):
        return sources
    # A few documents given directly are aligned without building an index first.
    if isinstance(sources, Document):
        return Corpus([sources], indexed=False)
    return Corpus(sources, indexed=False)


def _as_agent(speaker: str | Agent | None) -> Agent | None:
    if speaker is None or isinstance(speaker, Agent):
        return speaker
    return Agent(id="speaker", name=speaker)


def _run(query: Query, corpus: Corpus, config: TraceConfig) -> list[Evidence]:
    evidence: list[Evidence] = []
    seen_passages: set[tuple[str | None, int, int]] = set()
    best_seen = 0.0
    queries = query.word_lists()
    if query.error is None:
        anchors = query.anchors(config)
        for document_id, document in corpus._to_align(corpus.candidates(anchors)):
            for entry in corpus.entries(document_id, queries, anchors, document):
                found, seen = match_entry(query, entry, config)
                best_seen = max(best_seen, seen)
                for item in found:
                    # Overlapping chunks of a large document can find a passage twice.
                    assert item.passage is not None
                    key = (item.document_id, item.passage.start, item.passage.end)
                    if key not in seen_passages:
                        seen_passages.add(key)
                        evidence.append(item)
    return rank(evidence, config.max_evidence_per_claim, query.claim_id, best_seen)


def _claim_query(claim: Claim, speaker: Agent | None = None) -> Query:
    return build_query(
        claim.id,
        claim.kind,
        [span.text for span in claim.quotes],
        claim.text,
        speaker if speaker is not None else claim.speaker,
    )


def locate(
    quote: str | Claim,
    sources: Document | Iterable[Document] | Corpus,
    speaker: str | Agent | None = None,
    config: TraceConfig | None = None,
) -> list[Evidence]:
    """Find a quote in source documents, and who says it there.

    Args:
        quote: the quoted words (ellipses "…", "...", "[...]" split them into segments
            that must appear in order; "[bracketed insertions]" match anything), or a
            :class:`Claim`.
        sources: a document, several, or a :class:`Corpus`.
        speaker: who the quote is attributed to ("Ned Price" or an :class:`Agent`);
            with transcripts this decides ``speaker_agrees``.
        config: thresholds (``TraceConfig()`` if not given).

    Returns:
        Evidence, best first, at most ``config.max_evidence_per_claim``; a string quote
        gives ``claim_id="quote"``. When nothing reaches the thresholds, a single
        ``Evidence(relation="not_found", document_id=None)`` whose score is the best
        score seen.

    Raises:
        EmptyInputError: the quote has no words.
        InputError: the quote is longer than 5,000 characters.

    Examples:
        >>> doc = Document(id="brief", kind="transcript",
        ...     text="MR PRICE: We will not leave until the job is done.")
        >>> best = locate("we will not leave until the job is done", doc)[0]
        >>> best.relation, best.passage.text
        ('minor_edit', 'We will not leave until the job is done')
    """
    config = config or TraceConfig()
    corpus = _as_corpus(sources)
    agent = _as_agent(speaker)
    if isinstance(quote, Claim):
        return _run(_claim_query(quote, agent), corpus, config)
    check_quote(quote)
    return _run(build_query("quote", "direct", [quote], quote, agent), corpus, config)


def match_claim(
    claim: Claim, documents: Sequence[Document] | Corpus, config: TraceConfig
) -> list[Evidence]:
    """Evidence for one claim in the documents, best first.

    Direct claims are matched on their quotes, mixed ones on their quoted parts, and
    indirect ones on their content as a paraphrase (``verbatim`` only when the words
    really are). Never raises for a claim's content: an empty or oversized claim gives
    ``not_found``.

    Returns:
        At most ``config.max_evidence_per_claim`` items, always at least one (a
        ``not_found`` evidence when nothing reaches the thresholds).
    """
    corpus = documents if isinstance(documents, Corpus) else Corpus(documents, indexed=False)
    query = _claim_query(claim)
    if query.error is not None:
        logger.warning("claim %s not matched: %s", claim.id, query.error)
    return _run(query, corpus, config)
