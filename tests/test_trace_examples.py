"""`trace` end to end on the bundled example: every planted verdict comes out."""

from __future__ import annotations

from pathlib import Path

import pytest

from sourcetrace import Claim, TraceReport, trace


@pytest.fixture(scope="module")
def report(examples: Path) -> TraceReport:
    return trace(examples / "article.txt", sources=[examples / "sources"])


def _claim(report: TraceReport, words: str) -> Claim:
    matches = [c for c in report.claims if words in c.text]
    assert len(matches) == 1, f"expected one claim with {words!r}, got {len(matches)}"
    return matches[0]


def test_both_sources_are_loaded_without_errors(report: TraceReport) -> None:
    kinds = sorted(doc.kind for doc in report.documents)
    assert len(report.documents) == 2
    assert "transcript" in kinds
    assert report.errors == []


def test_verbatim_quote_is_found_in_the_spokeswomans_turn(report: TraceReport) -> None:
    claim = _claim(report, "finished before the autumn storms")
    assert claim.speaker.name == "Dana Okafor"
    assert [agent.name for agent in claim.via] == ["Meridian Press"]
    best = report.best_evidence(claim)
    assert best is not None and best.verdict == "verbatim"
    assert best.turn_speaker == "MS OKAFOR" and best.speaker_agrees is True
    assert report.document(best.document_id or "").kind == "transcript"


def test_changed_number_is_altered_and_flagged(report: TraceReport) -> None:
    claim = _claim(report, "3,000 families")
    assert claim.speaker.name == "Tomas Reyes"
    best = report.best_evidence(claim)
    assert best is not None and best.verdict == "altered"
    assert "number_changed" in best.flags
    assert best.passage is not None and "300 families" in best.passage.text


def test_ellipsis_joining_distant_remarks_is_truncated(report: TraceReport) -> None:
    claim = _claim(report, "more than forty years old")
    assert claim.speaker.name == "Dana Okafor"
    best = report.best_evidence(claim)
    assert best is not None and best.verdict == "truncated"
    assert len(best.segments) == 2


def test_indirect_speech_is_a_paraphrase(report: TraceReport) -> None:
    claim = _claim(report, "200 new flood inspectors")
    assert claim.kind == "indirect"
    assert claim.speaker.name == "Tomas Reyes"
    assert report.verdict(claim) == "paraphrase"


def test_reporters_question_given_to_the_spokeswoman_is_misattributed(
    report: TraceReport,
) -> None:
    claim = _claim(report, "paid twice for the same work")
    assert claim.speaker.name == "Dana Okafor"
    assert claim.cue is not None and claim.cue.stance == "loaded"
    best = report.best_evidence(claim)
    assert best is not None and best.verdict == "misattributed"
    assert best.turn_speaker == "QUESTION"


def test_quote_in_no_source_is_not_found(report: TraceReport) -> None:
    claim = _claim(report, "single home flood this winter")
    assert claim.speaker.name == "Tomas Reyes"
    assert report.verdict(claim) == "not_found"


def test_slogan_on_placards_is_not_a_claim(report: TraceReport) -> None:
    assert not [c for c in report.claims if "Pumps, not promises" in c.text]


def test_report_round_trips_and_every_span_points_into_its_document(
    report: TraceReport,
) -> None:
    again = TraceReport.model_validate_json(report.to_json())
    assert again == report
    for claim in report.claims:
        for span in claim.spans():
            assert report.article.text[span.start : span.end] == span.text
    for item in report.evidence:
        if item.passage is not None:
            doc = report.document(item.document_id or "")
            assert doc.text[item.passage.start : item.passage.end] == item.passage.text


def test_graph_of_the_verbatim_claim_has_its_primary_source(report: TraceReport) -> None:
    claim = _claim(report, "finished before the autumn storms")
    graph = report.graph_for(claim)
    primary = [e for e in graph.edges if e.relation == "hadPrimarySource"]
    assert len(primary) == 1
    assert graph.node(primary[0].target).type == "passage"
    # The wire story was among the sources: it stands in the chain as Meridian Press's
    # report, between the claim and the statement.
    derived = [e.target for e in graph.edges
               if e.source == f"claim/{claim.id}" and e.relation == "wasDerivedFrom"]
    assert len(derived) == 1
    wire = graph.node(derived[0])
    assert wire.type == "document" and wire.attributes["publisher"] == "Meridian Press"
    assert not [n for n in graph.nodes if n.type == "report"]


def test_tracing_twice_gives_the_same_report(examples: Path, report: TraceReport) -> None:
    again = trace(examples / "article.txt", sources=[examples / "sources"])
    volatile = {"started_at", "finished_at", "timings", "graph"}
    assert again.model_dump(exclude=volatile) == report.model_dump(exclude=volatile)
    # The graph differs only in the trace activity's times.
    assert [n.id for n in again.graph.nodes] == [n.id for n in report.graph.nodes]
    assert again.graph.edges == report.graph.edges
