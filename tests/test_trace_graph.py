"""Provenance graphs of real traces: the example's planted cases and the seed's claim 6."""

from __future__ import annotations

from pathlib import Path

import pytest
from prov.model import ProvDocument

from sourcetrace import Claim, ProvenanceGraph, TraceReport, trace


@pytest.fixture(scope="module")
def report(examples: Path) -> TraceReport:
    return trace(examples / "article.txt", sources=[examples / "sources"])


def _claim(report: TraceReport, words: str) -> Claim:
    return next(c for c in report.claims if words in c.text)


def _relations_from(graph: ProvenanceGraph, node_id: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for edge in graph.edges:
        if edge.source == node_id:
            found.setdefault(edge.relation, set()).add(graph.node(edge.target).type)
    return found


@pytest.mark.parametrize(
    ("words", "quoted", "derived", "primary"),
    [
        ("finished before the autumn storms", {"passage", "statement"}, {"document"}, True),
        ("3,000 families", {"passage", "statement"}, set(), True),
        ("200 new flood inspectors", set(), {"passage", "statement"}, True),
        ("paid twice for the same work", {"passage", "statement"}, set(), False),
        ("single home flood this winter", {"statement"}, set(), False),
    ],
    ids=["verbatim", "altered", "paraphrase", "misattributed", "not-found"],
)
def test_each_planted_case_has_its_prov_relations(
    report: TraceReport, words: str, quoted: set[str], derived: set[str], primary: bool
) -> None:
    claim = _claim(report, words)
    graph = report.graph_for(claim)
    relations = _relations_from(graph, f"claim/{claim.id}")
    # A claim with an intermediary reaches the statement through the report entity.
    quoted_here = relations.get("wasQuotedFrom", set()) | (
        {"statement"} if claim.via and claim.kind != "indirect" else set()
    )
    assert quoted_here == quoted
    assert relations.get("wasDerivedFrom", set()) == derived
    assert ("passage" in relations.get("hadPrimarySource", set())) is primary


def test_prov_json_of_the_example_reads_back(report: TraceReport) -> None:
    document = report.graph.to_prov()
    text = document.serialize(format="json")
    assert isinstance(text, str)
    again = ProvDocument.deserialize(content=text, format="json")
    assert again == document
    records = list(again.get_records())
    assert len(records) >= len(report.graph.nodes) + len(report.graph.edges)


def test_seed_claim_6_has_the_expected_shape(seed_article: str) -> None:
    report = trace(seed_article)
    claim = next(c for c in report.claims if c.kind == "direct" and
                 [a.name for a in c.via] == ["Reuters"])
    graph = report.graph_for(claim)
    node = f"claim/{claim.id}"
    edges = {(e.source, e.relation, e.target) for e in graph.edges}
    speaker = f"agent/{claim.speaker.id}"
    reuters = f"agent/{claim.via[0].id}"
    report_node = f"report/{claim.id}/0"
    statement = f"statement/{claim.id}"
    assert (node, "wasAttributedTo", speaker) in edges
    assert (node, "wasDerivedFrom", report_node) in edges
    assert (report_node, "wasAttributedTo", reuters) in edges
    assert (report_node, "wasQuotedFrom", statement) in edges
    assert (statement, "wasAttributedTo", speaker) in edges
    assert graph.node(speaker).attributes["anonymous"] is True
    assert graph.node(reuters).type == "outlet"
