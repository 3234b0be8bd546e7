"""Build the provenance graph of an article from its claims, agents, documents and evidence.

The graph follows the W3C PROV mapping of the design:

- the article and each source document are entities attributed to their publisher;
- each claim is an entity attributed to its speaker;
- the speaker's original statement is an entity attributed to the speaker, whether or
  not a source holding it was found;
- each intermediary of a claim's ``via`` chain has a *report* entity, attributed to the
  intermediary, between the claim and the statement, even when the report itself was not
  fetched: claim ``wasDerivedFrom`` outer report ... ``wasQuotedFrom`` (or, for indirect
  speech, ``wasDerivedFrom``) the statement;
- a matched passage is an entity that its document ``hadMember``; the claim
  ``wasQuotedFrom`` it (direct and mixed quotes) or ``wasDerivedFrom`` it (paraphrase), and
  ``hadPrimarySource`` it when the document is the speaker's own words;
- the trace is an activity associated with sourcetrace, a software agent, that ``used``
  every source and generated every claim.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from .._models import (
    Agent,
    Claim,
    Document,
    Evidence,
    GraphEdge,
    GraphNode,
    Hop,
    ProvenanceGraph,
)
from .._version import __version__

__all__ = ["build_graph", "claim_subgraph"]

TRACE_ID = "activity/trace"
SOFTWARE_ID = "agent/sourcetrace"

_PRIMARY_KINDS = frozenset({"transcript", "statement"})


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "unnamed"


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class _GraphBuilder:
    def __init__(self) -> None:
        self.nodes: dict[str, GraphNode] = {}
        self.edges: list[GraphEdge] = []
        self._edge_keys: set[tuple[str, str, str]] = set()
        self._agent_by_name: dict[str, str] = {}

    def node(self, node: GraphNode) -> str:
        self.nodes.setdefault(node.id, node)
        return node.id

    def edge(
        self,
        source: str,
        target: str,
        relation: str,
        attributes: dict[str, str | int | float | bool | None] | None = None,
    ) -> None:
        key = (source, target, relation)
        if key in self._edge_keys:
            return
        self._edge_keys.add(key)
        self.edges.append(
            GraphEdge.model_validate(
                {
                    "source": source,
                    "target": target,
                    "relation": relation,
                    "attributes": attributes or {},
                }
            )
        )

    def agent(self, agent: Agent) -> str:
        node_id = f"agent/{agent.id}"
        self._agent_by_name.setdefault(agent.name.lower(), node_id)
        return self.node(
            GraphNode(
                id=node_id,
                prov="agent",
                type=agent.kind,
                label=agent.describe(),
                attributes={
                    "name": agent.name,
                    "role": agent.role,
                    "affiliation": agent.affiliation,
                    "anonymous": agent.anonymous,
                },
            )
        )

    def publisher(self, name: str) -> str:
        known = self._agent_by_name.get(name.lower())
        if known is not None:
            return known
        node_id = f"agent/publisher-{_slug(name)}"
        self._agent_by_name[name.lower()] = node_id
        return self.node(
            GraphNode(id=node_id, prov="agent", type="outlet", label=name, attributes={})
        )

    def document(self, doc: Document, *, node_type: str) -> str:
        node_id = f"document/{doc.id}"
        self.node(
            GraphNode(
                id=node_id,
                prov="entity",
                type=node_type,
                label=_short(doc.title or doc.url or doc.id, 60),
                attributes={
                    "kind": doc.kind,
                    "url": doc.url,
                    "publisher": doc.publisher,
                    "published_at": doc.published_at.isoformat() if doc.published_at else None,
                    "sha256": doc.sha256,
                },
            )
        )
        if doc.publisher:
            self.edge(node_id, self.publisher(doc.publisher), "wasAttributedTo")
        return node_id


def build_graph(
    article: Document,
    claims: Sequence[Claim],
    agents: Sequence[Agent],
    documents: Sequence[Document],
    evidence: Sequence[Evidence],
    *,
    hops: Sequence[Hop] = (),
    started_at: datetime | None = None,
    finished_at: datetime | None = None,
) -> ProvenanceGraph:
    """The provenance graph of a whole article.

    Args:
        article: the traced article.
        claims: its claims, as extracted.
        agents: the agents of the article (speakers and intermediaries).
        documents: the source documents that were loaded.
        evidence: the evidence found for the claims, best first per claim.
        hops: steps taken back toward primary sources (``TraceConfig.depth``): each
            adds the next passage, derived from the previous one.
        started_at: when the trace started (the activity's start time).
        finished_at: when the trace ended.

    Returns:
        One graph for the article; :func:`claim_subgraph` cuts out one claim's part.
    """
    builder = _GraphBuilder()
    builder.node(
        GraphNode(
            id=TRACE_ID,
            prov="activity",
            type="trace",
            label="sourcetrace trace",
            attributes={
                "started_at": started_at.isoformat() if started_at else None,
                "finished_at": finished_at.isoformat() if finished_at else None,
            },
        )
    )
    builder.node(
        GraphNode(
            id=SOFTWARE_ID,
            prov="agent",
            type="software",
            label=f"sourcetrace {__version__}",
            attributes={"version": __version__},
        )
    )
    builder.edge(TRACE_ID, SOFTWARE_ID, "wasAssociatedWith")
    for agent in agents:
        builder.agent(agent)

    article_id = builder.document(article, node_type="article")
    builder.edge(TRACE_ID, article_id, "used")
    documents_by_id = {doc.id: doc for doc in documents}
    for doc in documents:
        builder.edge(TRACE_ID, builder.document(doc, node_type="document"), "used")

    evidence_by_claim: dict[str, list[Evidence]] = {}
    for item in evidence:
        evidence_by_claim.setdefault(item.claim_id, []).append(item)

    for claim in claims:
        claim_id = f"claim/{claim.id}"
        builder.node(
            GraphNode(
                id=claim_id,
                prov="entity",
                type="claim",
                label=_short(claim.text),
                attributes={
                    "kind": claim.kind,
                    "cue": claim.cue.lemma if claim.cue else None,
                    "stance": claim.cue.stance if claim.cue else None,
                    "start": claim.sentence.start,
                    "end": claim.sentence.end,
                },
            )
        )
        builder.edge(claim_id, TRACE_ID, "wasGeneratedBy")
        builder.edge(article_id, claim_id, "hadMember")
        speaker_id = builder.agent(claim.speaker)
        builder.edge(claim_id, speaker_id, "wasAttributedTo")

        statement_id = f"statement/{claim.id}"
        builder.node(
            GraphNode(
                id=statement_id,
                prov="entity",
                type="statement",
                label=f"{claim.speaker.name}'s statement",
                attributes={},
            )
        )
        builder.edge(statement_id, speaker_id, "wasAttributedTo")
        quoting = "wasDerivedFrom" if claim.kind == "indirect" else "wasQuotedFrom"
        upstream = claim_id
        matched_docs = [
            documents_by_id[item.document_id]
            for item in evidence_by_claim.get(claim.id, [])
            if item.document_id in documents_by_id and item.passage is not None
        ]
        for depth, intermediary in enumerate(claim.via):
            fetched = _report_document(intermediary, matched_docs)
            if fetched is not None:
                # The intermediary's report was among the sources and holds the words:
                # that document is the report entity of the chain.
                report_id = f"document/{fetched.id}"
            else:
                report_id = f"report/{claim.id}/{depth}"
                builder.node(
                    GraphNode(
                        id=report_id,
                        prov="entity",
                        type="report",
                        label=f"{intermediary.name} report",
                        attributes={"fetched": False},
                    )
                )
            builder.edge(report_id, builder.agent(intermediary), "wasAttributedTo")
            builder.edge(upstream, report_id, "wasDerivedFrom")
            upstream = report_id
        builder.edge(upstream, statement_id, quoting)

        for rank, item in enumerate(evidence_by_claim.get(claim.id, [])):
            _add_evidence(builder, claim, claim_id, item, rank, documents_by_id)

        previous = evidence_by_claim.get(claim.id, [None])[0]
        for hop in sorted((h for h in hops if h.claim_id == claim.id), key=lambda h: h.depth):
            if previous is None or previous.passage is None or not hop.evidence:
                break
            from_id = _passage_id(previous)
            for rank, item in enumerate(hop.evidence):
                _add_evidence(builder, claim, claim_id, item, rank, documents_by_id,
                              quoting_node=from_id, hop=hop.depth)
            previous = hop.evidence[0]

    return ProvenanceGraph(nodes=list(builder.nodes.values()), edges=builder.edges)


def _report_document(intermediary: Agent, documents: Sequence[Document]) -> Document | None:
    """The fetched document published by ``intermediary``, if the claim was found in one."""
    name = intermediary.name.lower().removeprefix("the ")
    for doc in documents:
        publisher = (doc.publisher or "").lower().removeprefix("the ")
        if publisher and publisher == name:
            return doc
    return None


def _passage_id(item: Evidence) -> str:
    assert item.passage is not None
    return f"passage/{item.document_id}/{item.passage.start}-{item.passage.end}"


def _add_evidence(
    builder: _GraphBuilder,
    claim: Claim,
    claim_id: str,
    item: Evidence,
    rank: int,
    documents_by_id: dict[str, Document],
    *,
    quoting_node: str | None = None,
    hop: int = 0,
) -> None:
    """Add one piece of evidence: its passage, and how the claim (or, on a hop back
    toward the primary source, the previous passage) derives from it."""
    attributes: dict[str, str | int | float | bool | None] = {
        "match": item.relation,
        "verdict": item.verdict,
        "score": round(item.score, 1),
        "rank": rank,
    }
    if hop:
        attributes["hop"] = hop
    statement = builder.nodes[f"statement/{claim.id}"]
    if item.passage is None or item.document_id is None:
        if rank == 0 and "passage" not in statement.attributes:
            statement.attributes.update({"found": False, "verdict": item.verdict})
        return
    doc = documents_by_id.get(item.document_id)
    passage_id = _passage_id(item)
    builder.node(
        GraphNode(
            id=passage_id,
            prov="entity",
            type="passage",
            label=_short(item.passage.text),
            attributes={
                "document": item.document_id,
                "start": item.passage.start,
                "end": item.passage.end,
                "turn_speaker": item.turn_speaker,
            },
        )
    )
    if doc is not None:
        builder.edge(f"document/{doc.id}", passage_id, "hadMember")
    relation = "wasDerivedFrom" if item.relation == "paraphrase" else "wasQuotedFrom"
    builder.edge(quoting_node or claim_id, passage_id, relation, attributes)
    primary = (
        doc is not None
        and not item.secondary
        and item.speaker_agrees is not False
        and (doc.kind in _PRIMARY_KINDS or item.speaker_agrees is True)
    )
    if primary:
        builder.edge(claim_id, passage_id, "hadPrimarySource", attributes)
        if rank == 0:
            statement.attributes.update(
                {"found": True, "verdict": item.verdict, "passage": passage_id}
            )


def claim_subgraph(graph: ProvenanceGraph, claim_id: str) -> ProvenanceGraph:
    """The part of an article's graph that one claim reaches.

    Everything reachable from the claim node along the graph's edges, the documents that
    hold its passages, and their publishers; the trace activity and the article are kept
    so that the subgraph still says where the claim appeared and who traced it.
    """
    start = f"claim/{claim_id}"
    if not any(node.id == start for node in graph.nodes):
        raise KeyError(f"no claim {claim_id!r} in this graph")
    outgoing: dict[str, list[GraphEdge]] = {}
    for edge in graph.edges:
        outgoing.setdefault(edge.source, []).append(edge)
    keep = {start}
    stack = [start]
    while stack:
        current = stack.pop()
        for edge in outgoing.get(current, []):
            # The trace activity links to every document it used: stop there, or the
            # subgraph of one claim would hold the whole article.
            if edge.relation in {"used", "hadMember"} and current == TRACE_ID:
                continue
            if edge.target not in keep:
                keep.add(edge.target)
                stack.append(edge.target)
    for edge in graph.edges:
        if edge.relation == "hadMember" and edge.target in keep:
            keep.add(edge.source)
            for attribution in outgoing.get(edge.source, []):
                if attribution.relation == "wasAttributedTo":
                    keep.add(attribution.target)
    return graph.subgraph(keep)
