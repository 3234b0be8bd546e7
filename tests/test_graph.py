"""The provenance graph: PROV mapping, exports and the SVG picture."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import UTC, datetime

import pytest
from prov.model import ProvDocument

from sourcetrace import ProvenanceGraph
from sourcetrace.graph import build_graph, claim_subgraph, render_svg

from builders import graph_inputs


@pytest.fixture
def graph() -> ProvenanceGraph:
    article, claims, agents, docs, evidence = graph_inputs()
    when = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
    return build_graph(article, claims, agents, docs, evidence, started_at=when,
                       finished_at=when)


def _edges(graph: ProvenanceGraph, relation: str) -> set[tuple[str, str]]:
    return {(e.source, e.target) for e in graph.edges if e.relation == relation}


def test_graph_has_the_via_chain_between_claim_and_statement(graph: ProvenanceGraph) -> None:
    attributed = _edges(graph, "wasAttributedTo")
    assert ("claim/c1", "agent/a2") in attributed
    assert ("claim/c1", "report/c1/0") in _edges(graph, "wasDerivedFrom")
    assert ("report/c1/0", "agent/a1") in attributed
    assert ("report/c1/0", "statement/c1") in _edges(graph, "wasQuotedFrom")
    assert ("statement/c1", "agent/a2") in attributed


def test_indirect_speech_is_derived_not_quoted(graph: ProvenanceGraph) -> None:
    assert ("claim/c3", "statement/c3") in _edges(graph, "wasDerivedFrom")
    assert graph.node("statement/c3").attributes["found"] is False


def test_matched_passage_is_primary_source_only_when_speaker_does_not_disagree(
    graph: ProvenanceGraph,
) -> None:
    quoted = _edges(graph, "wasQuotedFrom")
    primary = _edges(graph, "hadPrimarySource")
    passage_c1 = "passage/doc-brief/11-31"
    assert ("claim/c1", passage_c1) in quoted
    assert ("claim/c1", passage_c1) in primary
    assert ("document/doc-brief", passage_c1) in _edges(graph, "hadMember")
    misattributed = [e for e in graph.edges if e.source == "claim/c2" and
                     e.target.startswith("passage/")]
    assert {e.relation for e in misattributed} == {"wasQuotedFrom"}
    assert misattributed[0].attributes["verdict"] == "misattributed"


def test_trace_is_an_activity_of_sourcetrace(graph: ProvenanceGraph) -> None:
    assert graph.node("activity/trace").prov == "activity"
    assert graph.node("agent/sourcetrace").type == "software"
    assert ("activity/trace", "agent/sourcetrace") in _edges(graph, "wasAssociatedWith")
    assert ("claim/c1", "activity/trace") in _edges(graph, "wasGeneratedBy")


def test_prov_json_reads_back_with_the_prov_package(graph: ProvenanceGraph) -> None:
    document = graph.to_prov()
    text = document.serialize(format="json")
    assert isinstance(text, str)
    again = ProvDocument.deserialize(content=text, format="json")
    assert again == document
    # PROV-N writes quotation and primary source as typed derivations.
    lines = document.get_provn().splitlines()
    claim_to_passage = [
        line for line in lines
        if "wasDerivedFrom(st:claim_c1, st:passage_doc-brief_11-31" in line
    ]
    assert sum("prov:Quotation" in line for line in claim_to_passage) == 1
    assert sum("prov:PrimarySource" in line for line in claim_to_passage) == 1
    assert any("wasAttributedTo(st:report_c1_0, st:agent_a1)" in line for line in lines)


def test_claim_subgraph_keeps_only_what_the_claim_reaches(graph: ProvenanceGraph) -> None:
    sub = claim_subgraph(graph, "c1")
    ids = {node.id for node in sub.nodes}
    assert {"claim/c1", "report/c1/0", "statement/c1", "agent/a1", "agent/a2",
            "passage/doc-brief/11-31", "document/doc-brief", "document/doc-art"} <= ids
    assert not any(i.startswith(("claim/c2", "claim/c3", "statement/c3")) for i in ids)
    with pytest.raises(KeyError):
        claim_subgraph(graph, "c99")


def test_networkx_dot_and_mermaid_exports(graph: ProvenanceGraph) -> None:
    nx_graph = graph.to_networkx()
    assert nx_graph.number_of_nodes() == len(graph.nodes)
    assert nx_graph.number_of_edges() == len(graph.edges)
    assert nx_graph.has_edge("claim/c1", "report/c1/0", key="wasDerivedFrom")
    dot = graph.to_dot()
    assert dot.startswith("digraph provenance {")
    assert '"claim/c1" -> "report/c1/0" [label="wasDerivedFrom"]' in dot
    mermaid = graph.to_mermaid()
    assert mermaid.splitlines()[0] == "flowchart LR"
    assert mermaid.count("-->|") == len(graph.edges)


def test_graph_json_round_trips(graph: ProvenanceGraph) -> None:
    assert ProvenanceGraph.model_validate_json(graph.to_json()) == graph


def test_svg_is_well_formed_and_draws_every_node(graph: ProvenanceGraph) -> None:
    svg = render_svg(claim_subgraph(graph, "c1"), title="c1")
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    nodes = root.findall(f"{ns}g[@class='st-node']")
    assert len(nodes) == len(claim_subgraph(graph, "c1").nodes)
    assert "<script" not in svg and "http://" not in svg.replace(
        'xmlns="http://www.w3.org/2000/svg"', ""
    )
    # Nodes do not overlap: each (x, y) position is used once.
    corners = {(g.find(f"{ns}rect").get("x"), g.find(f"{ns}rect").get("y")) for g in nodes}
    assert len(corners) == len(nodes)


def test_graph_rejects_an_edge_to_an_unknown_node() -> None:
    with pytest.raises(ValueError, match="unknown node"):
        ProvenanceGraph.model_validate(
            {"nodes": [], "edges": [{"source": "a", "target": "b", "relation": "used"}]}
        )


def test_turtle_export_is_prov_o(graph: ProvenanceGraph) -> None:
    rdflib = pytest.importorskip("rdflib", reason="rdflib comes with the test extra")
    turtle = graph.to_turtle()
    parsed = rdflib.Graph().parse(data=turtle, format="turtle")
    prov = rdflib.Namespace("http://www.w3.org/ns/prov#")
    st = rdflib.Namespace("https://sourcetrace.dev/ns#")
    assert (st["claim_c1"], rdflib.RDF.type, prov.Entity) in parsed
    assert (st["claim_c1"], prov.wasAttributedTo, st["agent_a2"]) in parsed
    assert (st["agent_sourcetrace"], rdflib.RDF.type, prov.SoftwareAgent) in parsed
