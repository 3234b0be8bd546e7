"""The data model: the contract between sourcetrace and its users' code.

Every model is a pydantic v2 model that serialises to JSON and back without loss and has
a JSON schema. Character offsets are sacred: a :class:`Span` always points into the exact
text of one document (the article for claims and agents, a source document for evidence),
and ``span.text == document.text[span.start:span.end]`` is checked whenever a document,
a claim set or a report is validated.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ._config import TraceConfig
from ._trusted import (
    _assemble,
    _new_object,
    _set_dict,
    _set_extra,
    _set_fields_set,
    _set_private,
)
from ._version import __version__

_FIELD_ORDER: dict[type, tuple[list[str], set[str]]] = {}
"""Field names of each model class in declaration order, and as a set (copied as the
fields set of each instance), for ``_Model._trusted``."""

if TYPE_CHECKING:
    import networkx
    import prov.model

    from .report import Appearance

__all__ = [
    "Agent",
    "AgentKind",
    "Claim",
    "ClaimKind",
    "Cue",
    "DiffOp",
    "Document",
    "DocumentKind",
    "ErrorRecord",
    "Evidence",
    "Flag",
    "GraphEdge",
    "GraphNode",
    "Hop",
    "Link",
    "ProvenanceGraph",
    "Relation",
    "Span",
    "Stance",
    "TraceReport",
    "Turn",
    "Verdict",
]

DocumentKind = Literal["article", "transcript", "statement", "report", "unknown"]
AgentKind = Literal["person", "organization", "outlet", "anonymous", "group"]
ClaimKind = Literal["direct", "indirect", "mixed"]
Stance = Literal["neutral", "loaded"]
ExpectationReason = Literal["via_publisher", "speaker_publisher", "speaker_author", "speaker_turn"]
Relation = Literal["verbatim", "minor_edit", "altered", "truncated", "paraphrase", "not_found"]
Verdict = Literal[
    "verbatim", "minor_edit", "altered", "truncated", "paraphrase", "not_found", "misattributed"
]
Flag = Literal["negation_changed", "number_changed", "entity_changed"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False, validate_assignment=False)

    @classmethod
    def _trusted(cls, **values: Any) -> Self:
        """An instance built without validation, for the library's own hot paths.

        Only for values that are valid by construction (spans from :meth:`Span.of`,
        agents and claims the extractor assembled from them): every field must be
        given, with its final type. The result is indistinguishable from a validated
        instance (same ``__dict__``, fields set, equality and JSON). Users' models, and
        models loaded from JSON, always go through validation.
        """
        known = _FIELD_ORDER.get(cls)
        if known is None:
            order = list(cls.__pydantic_fields__)
            known = _FIELD_ORDER[cls] = (order, set(order))
        order, fields = known
        if list(values) != order:
            # every field, in declaration order: what validation gives, repr included
            values = {name: values[name] for name in order}
        return _assemble(cls, values, fields)


class Span(_Model):
    """A run of characters ``[start, end)`` of one document's text.

    ``text`` is a copy of ``document.text[start:end]`` kept for readable JSON; it is
    never set by hand: build spans with :meth:`Span.of`, which slices the source text.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @model_validator(mode="after")
    def _check_bounds(self) -> Self:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before its start {self.start}")
        if len(self.text) != self.end - self.start:
            raise ValueError(
                f"span [{self.start}, {self.end}) holds {len(self.text)} characters of text"
            )
        return self

    @classmethod
    def of(cls, source_text: str, start: int, end: int) -> Span:
        """The span ``[start, end)`` of ``source_text``, with its text sliced from it."""
        if cls is Span and type(start) is int and type(end) is int and type(source_text) is str:
            # the bounds check is all the validators would do: a slice of a str within
            # bounds has exactly end - start characters
            return Span._of_str(source_text, start, end)
        if not 0 <= start <= end <= len(source_text):
            raise ValueError(f"span [{start}, {end}) is outside a text of {len(source_text)}")
        return cls(start=start, end=end, text=source_text[start:end])

    @staticmethod
    def _of_str(source_text: str, start: int, end: int) -> Span:
        """:meth:`of` for ``int`` offsets into a ``str``, as the library's own code has:
        the bounds are checked, the types are not. Spans are built by the hundred
        thousand, so this is ``_trusted`` written out."""
        if not 0 <= start <= end <= len(source_text):
            raise ValueError(f"span [{start}, {end}) is outside a text of {len(source_text)}")
        span = _new_object(Span)
        _set_dict(span, {"start": start, "end": end, "text": source_text[start:end]})
        _set_fields_set(span, {"start", "end", "text"})
        _set_extra(span, None)
        _set_private(span, None)
        return span

    def points_into(self, source_text: str) -> bool:
        """Whether this span's text is exactly ``source_text[start:end]``."""
        return self.end <= len(source_text) and source_text[self.start : self.end] == self.text

    def __len__(self) -> int:
        return self.end - self.start


class Link(_Model):
    """An outbound hyperlink of a document, with its anchor's span in the clean text."""

    url: str
    anchor: Span


class Turn(_Model):
    """One speaker's turn in a transcript.

    ``speaker`` is the label as printed ("MR PRICE", "QUESTION", "Q"); ``span`` covers
    what the speaker says, without the label. ``is_question`` marks a reporter's or an
    interviewer's turn.
    """

    speaker: str
    span: Span
    label: Span | None = None
    is_question: bool = False
    asker: str | None = None
    """For a question: the name the moderator called on just before ("Go ahead,
    Said." gives ``"Said"``), when the transcript says it."""


class Document(_Model):
    """A text that sourcetrace reads: the article being traced, or a candidate source."""

    id: str
    url: str | None = None
    kind: DocumentKind = "unknown"
    title: str | None = None
    publisher: str | None = None
    authors: list[str] = Field(default_factory=list)
    published_at: datetime | None = None
    text: str
    links: list[Link] = Field(default_factory=list)
    turns: list[Turn] = Field(default_factory=list)
    fetched_at: datetime | None = None
    sha256: str | None = None
    media_type: str | None = None

    @model_validator(mode="after")
    def _check_spans(self) -> Self:
        spans: list[Span] = [link.anchor for link in self.links]
        for turn in self.turns:
            spans.append(turn.span)
            if turn.label is not None:
                spans.append(turn.label)
        _require_spans_in(self.text, spans, f"document {self.id}")
        return self

    @staticmethod
    def make_id(key: str) -> str:
        """A stable document id: a short hash of the canonical URL, or of the content."""
        return "doc-" + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:16]

    def turn_at(self, offset: int) -> Turn | None:
        """The transcript turn that holds character ``offset``, if any."""
        for turn in self.turns:
            start = turn.label.start if turn.label is not None else turn.span.start
            if start <= offset < turn.span.end:
                return turn
        return None


class Agent(_Model):
    """A speaker or an intermediary: one per real-world agent per article.

    "Ned Price", "Price", "the spokesman" and "he" are one agent, whose ``mentions``
    are the spans of the article where it is named or referred to.
    """

    id: str
    name: str
    kind: AgentKind = "person"
    role: str | None = None
    affiliation: str | None = None
    anonymous: bool = False
    mentions: list[Span] = Field(default_factory=list)

    def describe(self) -> str:
        """The name with its role, as a fact-checker would write it."""
        if self.role and self.role.lower() not in self.name.lower():
            return f"{self.name} ({self.role})"
        return self.name


class Cue(_Model):
    """The words that attribute a claim: "said", "according to", "quoted ... as saying"."""

    span: Span
    lemma: str
    """The normalised cue: "say", "tell", "according to", "report", "claim" ..."""
    stance: Stance = "neutral"
    """``loaded`` for verbs that colour the claim (claimed, admitted, insisted ...)."""


class Claim(_Model):
    """A statement the article attributes to someone.

    All spans point into the article's text. ``content`` holds the claimed words (a quote
    interrupted by its cue has several pieces); ``quotes`` holds the parts inside
    quotation marks, without the marks, which are what must be found word for word.
    """

    id: str
    kind: ClaimKind
    sentence: Span
    content: list[Span]
    quotes: list[Span] = Field(default_factory=list)
    cue: Cue | None = None
    source: Span | None = None
    """The mention of the speaker as written ("he", "the official", "Ned Price")."""
    speaker: Agent
    via: list[Agent] = Field(default_factory=list)
    """Intermediaries, outermost first: "Reuters quoted an official as saying" gives
    ``via=[Reuters]`` and ``speaker=the official``."""
    time: Span | None = None

    @property
    def text(self) -> str:
        """The claimed words, pieces joined by a space."""
        return " ".join(span.text for span in self.content)

    @property
    def quote(self) -> str:
        """The quoted words, pieces joined by a space ("" for indirect speech)."""
        return " ".join(span.text for span in self.quotes)

    def spans(self) -> Iterator[Span]:
        """Every span of the claim, all pointing into the article."""
        yield self.sentence
        yield from self.content
        yield from self.quotes
        for optional in (self.cue.span if self.cue else None, self.source, self.time):
            if optional is not None:
                yield optional
        for agent in (self.speaker, *self.via):
            yield from agent.mentions


class DiffOp(_Model):
    """One step of a word-level diff from the source passage to the claim's words."""

    op: Literal["equal", "replace", "insert", "delete"]
    """``insert``: words the claim adds; ``delete``: words of the source it drops."""
    claim: str = ""
    source: str = ""


class Evidence(_Model):
    """Where (and how faithfully) a claim's words were found in one document."""

    claim_id: str
    document_id: str | None = None
    passage: Span | None = None
    """The matched passage in the document's text (``None`` when ``not_found``)."""
    segments: list[Span] = Field(default_factory=list)
    """For an elided quote, the passage of each segment, in order."""
    score: float = Field(ge=0, le=100)
    relation: Relation
    diff: list[DiffOp] = Field(default_factory=list)
    flags: list[Flag] = Field(default_factory=list)
    turn_speaker: str | None = None
    """For transcripts: the label of the turn that holds the passage."""
    speaker_agrees: bool | None = None
    """Whether ``turn_speaker`` is the claim's speaker (``None``: cannot tell)."""
    secondary: bool = False
    """The document itself attributes the words to someone: it is a report of the
    statement, not the statement."""
    context_share: float | None = Field(default=None, ge=0, le=1)
    """For a mixed claim: the share of its own unquoted content words (stems) found in
    the passage's sentences and the one either side, within the passage's transcript
    turn. Among passages that hold the quoted words equally well, the one whose
    surroundings say what the claim says around them ranks first. ``None`` for other
    claims, or when the unquoted part has no content word."""

    @property
    def quoted_text(self) -> str:
        """The words found: the passage, or its segments joined by " … " for an elided
        quote (whose passage runs from the first segment to the last)."""
        if self.segments:
            return " … ".join(segment.text for segment in self.segments)
        return self.passage.text if self.passage is not None else ""

    @property
    def misattributed(self) -> bool:
        """The words are found, but the source gives them to someone else."""
        return self.speaker_agrees is False and self.relation != "not_found"

    @property
    def verdict(self) -> Verdict:
        """``relation``, or ``misattributed`` when the source names another speaker."""
        return "misattributed" if self.misattributed else self.relation


class GraphNode(_Model):
    """A node of a provenance graph, typed after W3C PROV."""

    id: str
    prov: Literal["entity", "agent", "activity"]
    type: str
    """What the node is in sourcetrace's terms: ``claim``, ``article``, ``document``,
    ``passage``, ``report`` (an intermediary's report), ``statement``, an agent kind,
    or ``trace`` for the activity."""
    label: str
    attributes: dict[str, str | int | float | bool | None] = Field(default_factory=dict)


class GraphEdge(_Model):
    """A PROV relation between two nodes of a provenance graph."""

    source: str
    target: str
    relation: Literal[
        "wasAttributedTo",
        "wasQuotedFrom",
        "wasDerivedFrom",
        "hadPrimarySource",
        "wasGeneratedBy",
        "wasAssociatedWith",
        "used",
        "hadMember",
    ]
    attributes: dict[str, str | int | float | bool | None] = Field(default_factory=dict)


class ProvenanceGraph(_Model):
    """Claims, agents, documents and passages, and how they derive from each other."""

    nodes: list[GraphNode] = Field(default_factory=list)
    edges: list[GraphEdge] = Field(default_factory=list)

    @model_validator(mode="after")
    def _check_edges(self) -> Self:
        ids = {node.id for node in self.nodes}
        if len(ids) != len(self.nodes):
            raise ValueError("provenance graph node ids must be unique")
        for edge in self.edges:
            if edge.source not in ids or edge.target not in ids:
                raise ValueError(f"edge {edge.source} -> {edge.target} names an unknown node")
        return self

    def node(self, node_id: str) -> GraphNode:
        """The node with id ``node_id``."""
        for node in self.nodes:
            if node.id == node_id:
                return node
        raise KeyError(node_id)

    def to_json(self, *, indent: int | None = 2) -> str:
        """The graph as JSON (see ``ProvenanceGraph.model_json_schema()``)."""
        return self.model_dump_json(indent=indent)

    def to_networkx(self) -> networkx.MultiDiGraph:
        """The graph as a ``networkx.MultiDiGraph`` (node and edge attributes kept)."""
        from .graph import to_networkx

        return to_networkx(self)

    def to_prov(self) -> prov.model.ProvDocument:
        """The graph as a W3C PROV document (``prov`` package)."""
        from .graph import to_prov

        return to_prov(self)

    def to_turtle(self) -> str:
        """The graph as PROV-O in RDF Turtle (needs ``sourcetrace[rdf]``)."""
        from .graph import to_turtle

        return to_turtle(self)

    def to_dot(self) -> str:
        """The graph in Graphviz DOT."""
        from .graph import to_dot

        return to_dot(self)

    def to_mermaid(self) -> str:
        """The graph as a Mermaid flowchart."""
        from .graph import to_mermaid

        return to_mermaid(self)

    def subgraph(self, node_ids: Iterable[str]) -> ProvenanceGraph:
        """The graph restricted to ``node_ids`` and the edges between them."""
        keep = set(node_ids)
        return ProvenanceGraph(
            nodes=[n for n in self.nodes if n.id in keep],
            edges=[e for e in self.edges if e.source in keep and e.target in keep],
        )


class Hop(_Model):
    """One step back toward the primary source, taken by a trace with ``depth``.

    The best evidence of claim ``claim_id`` (or of the previous hop) was a secondary
    source, document ``document_id``; ``claim`` is the same statement as that document
    reports it (its spans point into that document's text), and ``evidence`` is where
    that claim was found in turn, best first.
    """

    claim_id: str
    """The article's claim this chain starts from."""
    depth: int = Field(ge=1)
    document_id: str
    claim: Claim
    evidence: list[Evidence] = Field(default_factory=list)


class Expectation(_Model):
    """A source a claim is expected to come from, by who published it or speaks in it.

    Found before matching, from the claim's speaker and intermediaries alone, so that a
    claim not found can be reported as missing from the very documents it names ("the
    quote is not in the briefing where Okafor speaks").
    """

    claim_id: str
    document_id: str
    reason: ExpectationReason
    """``via_publisher``: the document is published by an outlet of the claim's ``via``
    chain (that outlet's own report); ``speaker_publisher``: published by the speaker
    (an organisation's statement) or the speaker's affiliation; ``speaker_author``:
    written by the speaker; ``speaker_turn``: a transcript with a turn labelled with the
    speaker's surname."""
    detail: str
    """What matched, as the document writes it: the publisher, author or turn label."""


class ErrorRecord(_Model):
    """Something that failed during a trace without stopping it."""

    stage: Literal["load", "extract", "discover", "fetch", "match", "graph"]
    source: str
    """The source that failed, as the user gave it or as it was discovered."""
    error: str
    """The exception's class name, e.g. ``HTTPStatusError``."""
    message: str
    url: str | None = None
    attempts: int = 0


class TraceReport(_Model):
    """Everything one trace found: claims, sources, evidence, graph and errors."""

    sourcetrace_version: str = __version__
    started_at: datetime
    finished_at: datetime
    config: TraceConfig
    article: Document
    claims: list[Claim] = Field(default_factory=list)
    agents: list[Agent] = Field(default_factory=list)
    documents: list[Document] = Field(default_factory=list)
    evidence: list[Evidence] = Field(default_factory=list)
    hops: list[Hop] = Field(default_factory=list)
    """Steps taken back toward primary sources (only with ``TraceConfig.depth``)."""
    graph: ProvenanceGraph = Field(default_factory=ProvenanceGraph)
    errors: list[ErrorRecord] = Field(default_factory=list)
    timings: dict[str, float] = Field(default_factory=dict)
    """Seconds spent per stage."""
    expected: list[Expectation] = Field(default_factory=list)
    """Loaded sources each claim is expected to come from (see :class:`Expectation`);
    documents of a corpus are not listed, only those loaded for the trace."""

    @model_validator(mode="after")
    def _check_offsets(self) -> Self:
        article_text = self.article.text
        for claim in self.claims:
            _require_spans_in(article_text, claim.spans(), f"claim {claim.id}")
        for agent in self.agents:
            _require_spans_in(article_text, agent.mentions, f"agent {agent.id}")
        texts = {doc.id: doc.text for doc in self.documents}
        texts[self.article.id] = article_text
        claim_ids = {claim.id for claim in self.claims}
        for item in self.evidence:
            if item.claim_id not in claim_ids:
                raise ValueError(f"evidence names unknown claim {item.claim_id}")
            if item.document_id is None:
                continue
            if item.document_id not in texts:
                raise ValueError(f"evidence names unknown document {item.document_id}")
            spans = [*item.segments, *([item.passage] if item.passage else [])]
            _require_spans_in(texts[item.document_id], spans, f"evidence for {item.claim_id}")
        for hop in self.hops:
            if hop.document_id not in texts:
                raise ValueError(f"hop names unknown document {hop.document_id}")
            _require_spans_in(texts[hop.document_id], hop.claim.spans(), f"hop {hop.claim.id}")
            for item in hop.evidence:
                if item.document_id is None or item.passage is None:
                    continue
                if item.document_id not in texts:
                    raise ValueError(f"hop evidence names unknown document {item.document_id}")
                spans = [*item.segments, item.passage]
                _require_spans_in(texts[item.document_id], spans, f"evidence for {item.claim_id}")
        for expectation in self.expected:
            if expectation.claim_id not in claim_ids or expectation.document_id not in texts:
                raise ValueError(
                    f"expectation names unknown claim {expectation.claim_id} "
                    f"or document {expectation.document_id}"
                )
        return self

    # --- navigation -------------------------------------------------------------------
    def claim(self, claim_id: str) -> Claim:
        """The claim with id ``claim_id``."""
        for claim in self.claims:
            if claim.id == claim_id:
                return claim
        raise KeyError(claim_id)

    def document(self, document_id: str) -> Document:
        """The document (article or source) with id ``document_id``."""
        if document_id == self.article.id:
            return self.article
        for doc in self.documents:
            if doc.id == document_id:
                return doc
        raise KeyError(document_id)

    def evidence_for(self, claim: Claim | str) -> list[Evidence]:
        """The evidence for one claim, best first."""
        claim_id = claim if isinstance(claim, str) else claim.id
        return [item for item in self.evidence if item.claim_id == claim_id]

    def expected_for(self, claim: Claim | str) -> list[Expectation]:
        """The sources one claim is expected to come from, in document order."""
        claim_id = claim if isinstance(claim, str) else claim.id
        return [item for item in self.expected if item.claim_id == claim_id]

    def best_evidence(self, claim: Claim | str) -> Evidence | None:
        """The best evidence for one claim (``None`` if the claim was not matched)."""
        found = self.evidence_for(claim)
        return found[0] if found else None

    def verdict(self, claim: Claim | str) -> Verdict:
        """The verdict of the best evidence, ``not_found`` when there is none."""
        best = self.best_evidence(claim)
        return best.verdict if best is not None else "not_found"

    def hops_for(self, claim: Claim | str) -> list[Hop]:
        """The steps taken back toward the primary source from one claim, in order."""
        claim_id = claim if isinstance(claim, str) else claim.id
        return sorted((h for h in self.hops if h.claim_id == claim_id), key=lambda h: h.depth)

    def graph_for(self, claim: Claim | str) -> ProvenanceGraph:
        """The provenance graph of one claim: the part of :attr:`graph` it reaches."""
        from .graph import claim_subgraph

        claim_id = claim if isinstance(claim, str) else claim.id
        return claim_subgraph(self.graph, claim_id)

    def timeline(self, claim: Claim | str) -> list[Appearance]:
        """Where one claim's words appear (the article, each source), oldest first."""
        from .report import timeline

        return timeline(self, claim)

    def claim_review(self, claim: Claim | str) -> dict[str, Any]:
        """A draft schema.org ``ClaimReview`` (JSON-LD) for one claim, rating left blank."""
        from .report import claim_review

        return claim_review(self, claim)

    # --- output -----------------------------------------------------------------------
    def to_json(self, *, indent: int | None = 2) -> str:
        """The report as JSON; ``TraceReport.model_validate_json`` reads it back."""
        return self.model_dump_json(indent=indent)

    def to_dataframe(self) -> Any:
        """One row per claim (needs ``pandas``: ``pip install 'sourcetrace[pandas]'``)."""
        from .report import to_dataframe

        return to_dataframe(self)

    def to_text(self) -> str:
        """A plain-text report for people."""
        from .report import render_text

        return render_text(self)

    def to_html(self) -> str:
        """A self-contained HTML page: the claims table and the provenance graph."""
        from .report import render_html

        return render_html(self)

    def _repr_html_(self) -> str:
        from .report import render_html

        return render_html(self, full_page=False)


def _require_spans_in(text: str, spans: Iterable[Span], where: str) -> None:
    for span in spans:
        if not span.points_into(text):
            raise ValueError(
                f"{where}: span [{span.start}, {span.end}) {span.text[:40]!r} does not match "
                "the document text at those offsets"
            )
