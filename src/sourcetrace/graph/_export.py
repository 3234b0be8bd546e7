"""Exports of a provenance graph: networkx, W3C PROV (via the ``prov`` package), DOT, Mermaid."""

from __future__ import annotations

import json
import re
import warnings
from typing import TYPE_CHECKING, Any

from .._models import GraphNode, ProvenanceGraph
from .._optional import require

if TYPE_CHECKING:
    import networkx
    import prov.model

__all__ = ["NAMESPACE", "to_dot", "to_mermaid", "to_networkx", "to_prov", "to_turtle"]

NAMESPACE = "https://sourcetrace.dev/ns#"
"""The namespace of sourcetrace's identifiers and attributes in PROV documents."""

_SCHEMA_TYPES = {
    "article": "schema:NewsArticle",
    "document": "schema:CreativeWork",
    "claim": "schema:Claim",
    "passage": "schema:Quotation",
    "report": "schema:NewsArticle",
    "statement": "schema:Statement",
}
# The ProvDocument method that writes each relation.
_PROV_RECORDS = {
    "wasAttributedTo": "attribution",
    "wasQuotedFrom": "quotation",
    "wasDerivedFrom": "derivation",
    "hadPrimarySource": "primary_source",
    "wasGeneratedBy": "generation",
    "used": "usage",
    "wasAssociatedWith": "association",
}
_AGENT_TYPES = {
    "person": "prov:Person",
    "anonymous": "prov:Person",
    "group": "prov:Organization",
    "organization": "prov:Organization",
    "outlet": "prov:Organization",
    "software": "prov:SoftwareAgent",
}


def to_networkx(graph: ProvenanceGraph) -> networkx.MultiDiGraph:
    """The graph as a ``networkx.MultiDiGraph``; PROV relations are edge keys."""
    import networkx

    result = networkx.MultiDiGraph()
    for node in graph.nodes:
        result.add_node(node.id, prov=node.prov, type=node.type, label=node.label,
                        **node.attributes)
    for edge in graph.edges:
        result.add_edge(edge.source, edge.target, key=edge.relation, relation=edge.relation,
                        **edge.attributes)
    return result


def _qualified(node_id: str) -> str:
    # PROV-N local names allow letters, digits and a few marks; keep ids readable.
    return "st:" + re.sub(r"[^A-Za-z0-9_.-]", "_", node_id)


def _attributes(node: GraphNode, document: prov.model.ProvDocument) -> dict[str, Any]:
    attributes: dict[str, Any] = {"prov:label": node.label, "st:type": node.type}
    # prov:type values are qualified names (schema:NewsArticle), not strings.
    if node.prov == "entity" and node.type in _SCHEMA_TYPES:
        attributes["prov:type"] = document.valid_qualified_name(_SCHEMA_TYPES[node.type])
    if node.prov == "agent" and node.type in _AGENT_TYPES:
        attributes["prov:type"] = document.valid_qualified_name(_AGENT_TYPES[node.type])
    for key, value in node.attributes.items():
        if value is not None and key not in {"started_at", "finished_at"}:
            attributes[f"st:{key}"] = value
    return attributes


def to_prov(graph: ProvenanceGraph) -> prov.model.ProvDocument:
    """The graph as a W3C PROV document.

    Serialise it with ``document.serialize(format="json")`` (PROV-JSON),
    ``document.get_provn()`` (PROV-N), or ``format="rdf"`` with ``prov[rdf]`` installed.
    """
    from prov.model import ProvDocument

    document = ProvDocument()
    document.add_namespace("st", NAMESPACE)
    document.add_namespace("schema", "https://schema.org/")
    records: dict[str, Any] = {}
    for node in graph.nodes:
        identifier = _qualified(node.id)
        if node.prov == "entity":
            records[node.id] = document.entity(identifier, _attributes(node, document))
        elif node.prov == "agent":
            records[node.id] = document.agent(identifier, _attributes(node, document))
        else:
            records[node.id] = document.activity(
                identifier,
                startTime=node.attributes.get("started_at"),  # type: ignore[arg-type]
                endTime=node.attributes.get("finished_at"),  # type: ignore[arg-type]
                other_attributes=_attributes(node, document),
            )
    for edge in graph.edges:
        source, target = records[edge.source], records[edge.target]
        if edge.relation == "hadMember":
            document.membership(source, target)  # PROV membership carries no attributes
            continue
        extra = {f"st:{k}": v for k, v in edge.attributes.items() if v is not None} or None
        make = getattr(document, _PROV_RECORDS[edge.relation])
        make(source, target, other_attributes=extra)
    return document


def _dot_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


_DOT_SHAPES = {"entity": "ellipse", "agent": "house", "activity": "box"}
_DOT_COLOURS = {"entity": "#fffbe6", "agent": "#fde2c8", "activity": "#dbe9ff"}


def to_dot(graph: ProvenanceGraph) -> str:
    """The graph in Graphviz DOT, with the PROV conventions of shape and colour."""
    lines = ["digraph provenance {", "  rankdir=LR;", '  node [fontname="Helvetica"];']
    for node in graph.nodes:
        lines.append(
            f"  {_dot_string(node.id)} [label={_dot_string(node.label)}, "
            f'shape={_DOT_SHAPES[node.prov]}, style=filled, fillcolor="{_DOT_COLOURS[node.prov]}"];'
        )
    for edge in graph.edges:
        label: str = edge.relation
        verdict = edge.attributes.get("verdict")
        if verdict:
            label += f"\\n{verdict}"
        lines.append(
            f"  {_dot_string(edge.source)} -> {_dot_string(edge.target)} [label=\"{label}\"];"
        )
    lines.append("}")
    return "\n".join(lines) + "\n"


def _mermaid_label(text: str) -> str:
    # Mermaid has no escape for double quotes inside a quoted label.
    return text.replace('"', "#quot;").replace("\n", " ")


def to_mermaid(graph: ProvenanceGraph) -> str:
    """The graph as a Mermaid flowchart (renders in GitHub, GitLab and many notebooks)."""
    ids = {node.id: f"n{index}" for index, node in enumerate(graph.nodes)}
    lines = ["flowchart LR"]
    shapes = {"entity": ('(["', '"])'), "agent": ('[/"', '"\\]'), "activity": ('["', '"]')}
    for node in graph.nodes:
        left, right = shapes[node.prov]
        lines.append(f"  {ids[node.id]}{left}{_mermaid_label(node.label)}{right}")
    for edge in graph.edges:
        label: str = edge.relation
        verdict = edge.attributes.get("verdict")
        if verdict:
            label += f" ({verdict})"
        lines.append(f"  {ids[edge.source]} -->|{label}| {ids[edge.target]}")
    return "\n".join(lines) + "\n"


def to_turtle(graph: ProvenanceGraph) -> str:
    """The graph as PROV-O in RDF Turtle (needs ``pip install 'sourcetrace[rdf]'``)."""
    require("rdflib", extra="rdf", feature="PROV-O/Turtle export")
    with warnings.catch_warnings():
        # rdflib warns about its own API as prov's serialiser calls it; not the user's concern.
        warnings.simplefilter("ignore", DeprecationWarning)
        text = to_prov(graph).serialize(format="rdf", rdf_format="turtle")
    assert isinstance(text, str)
    return text
