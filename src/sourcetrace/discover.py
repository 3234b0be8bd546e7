"""The discover stage: which sources each claim may come from.

It turns what the user passed as ``sources`` (URLs, paths, folders, documents, corpora)
and, with ``TraceConfig.follow_links``, the article's own outbound links near a claim into
a de-duplicated list of :class:`SourceRef` to load. It does no I/O beyond listing folders.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal, Protocol, runtime_checkable
from urllib.parse import urldefrag

from ._config import TraceConfig
from ._errors import UnsupportedInputError
from ._models import Claim, Document, ErrorRecord, Expectation, ExpectationReason
from .fetch import links_near as fetch_links_near
from .text.names import surname as person_surname
from .text.normalize import normalize

__all__ = [
    "SOURCE_SUFFIXES",
    "Discovery",
    "SearchableCorpus",
    "SourceLike",
    "SourceRef",
    "discover",
    "expected_sources",
    "links_near",
]

logger = logging.getLogger("sourcetrace.discover")

SOURCE_SUFFIXES = frozenset({".txt", ".text", ".md", ".html", ".htm", ".xhtml", ".pdf"})
"""File name endings read from a source folder; other files in it are passed over."""


@runtime_checkable
class SearchableCorpus(Protocol):
    """What discovery recognises as a corpus (``sourcetrace.Corpus`` and look-alikes)."""

    def add(self, document: Document) -> object: ...

    def get(self, document_id: str) -> Document: ...

    def __contains__(self, document_id: object) -> bool: ...

    def __len__(self) -> int: ...

    def __iter__(self) -> Iterator[Document]: ...


SourceLike = str | os.PathLike[str] | Document | SearchableCorpus


@dataclass(frozen=True)
class SourceRef:
    """One source to load: what it is, where it came from and which claims it serves."""

    target: str | Path | Document
    origin: Literal["user", "link"]
    claim_ids: tuple[str, ...] = ()
    """For a followed link: the claims whose paragraph holds the link."""

    @property
    def label(self) -> str:
        """The source as a person would name it in an error message."""
        if isinstance(self.target, Document):
            return self.target.url or self.target.title or self.target.id
        return str(self.target)


@dataclass
class Discovery:
    """The outcome of discovery: sources to load, corpora to search, problems met."""

    sources: list[SourceRef] = field(default_factory=list)
    corpora: list[SearchableCorpus] = field(default_factory=list)
    errors: list[ErrorRecord] = field(default_factory=list)


def _is_url(value: str) -> bool:
    return value.startswith(("http://", "https://")) and not any(c.isspace() for c in value)


def _expand_folder(folder: Path) -> list[Path]:
    files = sorted(
        path
        for path in folder.rglob("*")
        if path.is_file()
        and path.suffix.lower() in SOURCE_SUFFIXES
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    )
    logger.debug("source folder %s holds %d readable files", folder, len(files))
    return files


def links_near(document: Document, claim: Claim, config: TraceConfig) -> list[str]:
    """The http(s) URLs a document links to in the paragraph of ``claim``, nearest first.

    A link next to a claim is the article's own pointer to where the words came from
    ("... told a press briefing"). At most ``config.max_links``, each URL once.
    """
    links = fetch_links_near(
        document, claim.sentence.start, end=claim.sentence.end, max_links=config.max_links
    )
    return [link.url for link in links if _is_url(link.url)]


def discover(
    article: Document,
    claims: Sequence[Claim],
    sources: Iterable[SourceLike],
    config: TraceConfig,
) -> Discovery:
    """Decide which sources to load for the claims of ``article``.

    Args:
        article: the loaded article (its links are used with ``config.follow_links``).
        claims: the article's claims.
        sources: what the user passed: URLs, file paths, folders (their ``.txt``,
            ``.html``, ``.md`` and ``.pdf`` files), :class:`~sourcetrace.Document` objects,
            or corpora.
        config: the trace settings.

    Returns:
        The sources to load, in a stable order without duplicates, and the corpora.

    Raises:
        UnsupportedInputError: a source of a type sourcetrace cannot use (say, a number).
    """
    found = Discovery()
    seen: set[str] = set()

    def add(ref: SourceRef, key: str) -> None:
        if key not in seen:
            seen.add(key)
            found.sources.append(ref)

    for source in sources:
        if isinstance(source, Document):
            add(SourceRef(source, "user"), f"doc:{source.id}")
        elif isinstance(source, str) and _is_url(source):
            add(SourceRef(source, "user"), urldefrag(source).url)
        elif isinstance(source, str | os.PathLike):
            path = Path(source)
            if path.is_dir():
                for file in _expand_folder(path):
                    add(SourceRef(file, "user"), f"file:{file.resolve()}")
            elif path.is_file() or (isinstance(source, str) and "\n" in source):
                key = f"file:{path.resolve()}" if path.is_file() else f"text:{hash(source)}"
                add(SourceRef(path if path.is_file() else str(source), "user"), key)
            else:
                found.errors.append(
                    ErrorRecord(
                        stage="discover",
                        source=str(source),
                        error="FileNotFoundError",
                        message=f"no file or folder at {str(source)!r}: check the path, "
                        "or pass a URL starting with http:// or https://",
                    )
                )
        elif isinstance(source, SearchableCorpus):
            found.corpora.append(source)
        else:
            raise UnsupportedInputError(
                f"cannot use a {type(source).__name__} as a source: pass URLs, file or "
                "folder paths, Document objects or a Corpus"
            )

    if config.follow_links:
        followed = 0
        for claim in claims:
            for url in links_near(article, claim, config):
                key = urldefrag(url).url
                if key in seen:
                    continue
                if followed >= config.max_links:
                    logger.info("followed %d links; the rest are left out (max_links)", followed)
                    return found
                followed += 1
                near = tuple(
                    other.id for other in claims if url in links_near(article, other, config)
                )
                add(SourceRef(url, "link", near), key)
    return found


# Words that say nothing about which outlet or person is meant.
_NAME_NOISE = frozenset({"the", "a", "an", "of", "and", "news", "inc", "ltd", "plc", "co"})


@lru_cache(maxsize=4096)
def _name_words(name: str) -> frozenset[str]:
    return frozenset(normalize(name).text.split()) - _NAME_NOISE


def _same_name(agent_name: str, written: str) -> bool:
    """Whether two ways of writing a name can be the same outlet or body: the words of
    one hold the other's ("Meridian Press" and "The Meridian Press"; "the ministry" and
    "Harbor Ministry")."""
    ours, theirs = _name_words(agent_name), _name_words(written)
    return bool(ours and theirs) and (ours <= theirs or theirs <= ours)


def _by_word(names: Iterable[str]) -> dict[str, str]:
    """Each word of the names, with the first name (as written) that holds it."""
    found: dict[str, str] = {}
    for name in dict.fromkeys(names):
        for word in normalize(name).text.split():
            found.setdefault(word, name)
    return found


def _expectations(
    claim: Claim, document: Document, authors: dict[str, str], labels: dict[str, str]
) -> Iterator[Expectation]:
    def expect(reason: ExpectationReason, detail: str) -> Expectation:
        return Expectation(claim_id=claim.id, document_id=document.id, reason=reason, detail=detail)

    publisher = document.publisher
    if publisher and any(
        agent.kind == "outlet" and _same_name(agent.name, publisher) for agent in claim.via
    ):
        yield expect("via_publisher", publisher)
        return
    speaker = claim.speaker
    if speaker.anonymous:
        return
    if speaker.kind == "person":
        surname = person_surname(speaker.name)
        if surname is None:
            return
        if surname in authors:
            yield expect("speaker_author", authors[surname])
            return
        if surname in labels:
            yield expect("speaker_turn", labels[surname])
            return
        if publisher and speaker.affiliation and _same_name(speaker.affiliation, publisher):
            yield expect("speaker_publisher", publisher)
    elif (
        speaker.kind in ("organization", "outlet")
        and publisher
        and _same_name(speaker.name, publisher)
    ):
        yield expect("speaker_publisher", publisher)


def expected_sources(claims: Sequence[Claim], documents: Sequence[Document]) -> list[Expectation]:
    """Which loaded documents each claim should come from, by who made them.

    Before any matching, from names alone: a document published by an outlet of the
    claim's ``via`` chain ("Meridian Press quoted ..." and a Meridian Press story), a
    transcript with a turn labelled with the speaker's surname, a document written by
    the speaker, or one published by the speaking organisation (or by a speaker's
    affiliation). A trace reports them so that a claim not found is known to be missing
    from the very sources it names. Anonymous speakers expect nothing of their own.

    Returns:
        One :class:`~sourcetrace.Expectation` per claim and document at most (the first
        reason that holds, in the order above), claims in order, then documents.
    """
    makers = [
        (document, _by_word(document.authors), _by_word(turn.speaker for turn in document.turns))
        for document in documents
    ]
    return [
        expectation
        for claim in claims
        for document, authors, labels in makers
        for expectation in _expectations(claim, document, authors, labels)
    ]
