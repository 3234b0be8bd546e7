"""The data model: spans point into their text, everything round-trips through JSON."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from sourcetrace import (
    Agent,
    Claim,
    Cue,
    Document,
    Evidence,
    Link,
    Span,
    TraceConfig,
    TraceReport,
    Turn,
)

texts = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"]), min_size=1, max_size=200
)


@st.composite
def text_and_span(draw: st.DrawFn) -> tuple[str, int, int]:
    text = draw(texts)
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    return text, start, end


@given(text_and_span())
def test_span_of_slices_its_text(case: tuple[str, int, int]) -> None:
    text, start, end = case
    span = Span.of(text, start, end)
    assert span.text == text[start:end]
    assert span.points_into(text)
    assert len(span) == end - start
    assert Span.model_validate_json(span.model_dump_json()) == span


@given(text_and_span())
def test_document_round_trips_with_its_spans(case: tuple[str, int, int]) -> None:
    text, start, end = case
    doc = Document(
        id=Document.make_id(text),
        text=text,
        kind="transcript",
        links=[Link(url="https://example.org/a", anchor=Span.of(text, start, end))],
        turns=[Turn(speaker="MR DOE", span=Span.of(text, start, end))],
        published_at=datetime(2026, 11, 12, 13, 5, tzinfo=UTC),
    )
    again = Document.model_validate_json(doc.model_dump_json())
    assert again == doc
    for link in again.links:
        assert again.text[link.anchor.start : link.anchor.end] == link.anchor.text


def test_span_rejects_text_of_the_wrong_length() -> None:
    with pytest.raises(ValidationError, match="holds 3 characters"):
        Span(start=0, end=5, text="abc")


def test_span_rejects_end_before_start() -> None:
    with pytest.raises(ValidationError, match="before its start"):
        Span(start=4, end=2, text="")


def test_span_of_rejects_offsets_outside_the_text() -> None:
    with pytest.raises(ValueError, match="outside a text of 3"):
        Span.of("abc", 1, 9)


def test_document_rejects_a_link_that_points_elsewhere() -> None:
    with pytest.raises(ValidationError, match="does not match the document text"):
        Document(
            id="d",
            text="hello world",
            links=[Link(url="https://example.org", anchor=Span(start=0, end=5, text="world"))],
        )


def _report() -> TraceReport:
    article_text = 'Officials met today. "We will stay," Minister Ana Ruiz said on Friday.'
    start = article_text.index('"') + 1
    end = article_text.index(',"')
    ruiz = Agent(
        id="a1",
        name="Ana Ruiz",
        role="Minister",
        mentions=[Span.of(article_text, article_text.index("Ana"), article_text.index(" said"))],
    )
    cue_at = article_text.index("said")
    claim = Claim(
        id="c1",
        kind="direct",
        sentence=Span.of(article_text, 21, len(article_text)),
        content=[Span.of(article_text, start, end)],
        quotes=[Span.of(article_text, start, end)],
        cue=Cue(span=Span.of(article_text, cue_at, cue_at + 4), lemma="say"),
        source=Span.of(article_text, article_text.index("Minister"), cue_at - 1),
        speaker=ruiz,
    )
    source_text = "MS RUIZ: We will stay, and we will rebuild."
    source = Document(
        id="doc-source",
        text=source_text,
        kind="transcript",
        turns=[
            Turn(
                speaker="MS RUIZ",
                span=Span.of(source_text, 9, len(source_text)),
                label=Span.of(source_text, 0, 7),
            )
        ],
    )
    evidence = Evidence(
        claim_id="c1",
        document_id="doc-source",
        passage=Span.of(source_text, 9, 21),
        score=100.0,
        relation="verbatim",
        turn_speaker="MS RUIZ",
        speaker_agrees=True,
    )
    now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    return TraceReport(
        started_at=now,
        finished_at=now,
        config=TraceConfig(allow_hosts=("127.0.0.1",)),
        article=Document(id="doc-article", text=article_text, kind="article"),
        claims=[claim],
        agents=[ruiz],
        documents=[source],
        evidence=[evidence],
    )


def test_report_round_trips_through_json() -> None:
    report = _report()
    assert TraceReport.model_validate_json(report.to_json()) == report


def test_report_rejects_evidence_whose_passage_is_not_in_its_document() -> None:
    data = json.loads(_report().to_json())
    data["evidence"][0]["passage"] = {"start": 0, "end": 5, "text": "We wi"}
    with pytest.raises(ValidationError, match="does not match the document text"):
        TraceReport.model_validate(data)


def test_report_rejects_a_claim_span_that_was_edited() -> None:
    data = json.loads(_report().to_json())
    data["claims"][0]["quotes"][0]["text"] = "We will sway"  # same length, other words
    with pytest.raises(ValidationError, match="claim c1"):
        TraceReport.model_validate(data)


def test_report_navigation() -> None:
    report = _report()
    claim = report.claims[0]
    assert report.claim("c1") is claim
    assert report.best_evidence(claim) is report.evidence[0]
    assert report.verdict("c1") == "verbatim"
    assert report.document("doc-source").kind == "transcript"
    assert claim.quote == "We will stay"
    with pytest.raises(KeyError):
        report.claim("c9")


def test_evidence_verdict_says_misattributed_when_the_turn_is_someone_else() -> None:
    evidence = Evidence(
        claim_id="c1",
        document_id="d",
        passage=Span.of("QUESTION: Is it late?", 10, 21),
        score=100,
        relation="verbatim",
        turn_speaker="QUESTION",
        speaker_agrees=False,
    )
    assert evidence.misattributed
    assert evidence.verdict == "misattributed"
    assert Evidence(claim_id="c1", score=0, relation="not_found").verdict == "not_found"


def test_report_json_schema_names_every_part() -> None:
    schema = TraceReport.model_json_schema()
    for name in ["Claim", "Agent", "Evidence", "Document", "Span", "ProvenanceGraph"]:
        assert name in schema["$defs"]


def test_config_is_frozen_and_rejects_unknown_fields() -> None:
    config = TraceConfig()
    with pytest.raises(ValidationError):
        config.min_quote_score = 10  # type: ignore[misc]
    with pytest.raises(ValidationError, match="extra"):
        TraceConfig(min_quote_scor=90)  # type: ignore[call-arg]
    with pytest.raises(ValidationError, match="not a valid network"):
        TraceConfig(allow_hosts=("10.0.0.0/99",))


def test_quote_threshold_falls_with_quote_length() -> None:
    config = TraceConfig()
    short = config.quote_threshold(10)
    middle = config.quote_threshold((config.short_quote_chars + config.long_quote_chars) // 2)
    long = config.quote_threshold(500)
    assert short == config.min_short_quote_score
    assert long == config.min_quote_score
    assert long < middle < short
