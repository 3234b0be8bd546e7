"""The extractor builds its models without re-validating them; what it builds must be
exactly what validation would build, and loading JSON must still validate everything."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from sourcetrace import Agent, Claim, Cue, Document, Span, TraceConfig, TraceReport
from sourcetrace.extract import RuleBasedExtractor

ARTICLE = (
    "Harbor Master Ida Berg said on Tuesday that the pumps had failed twice. "
    "“We have asked for new cranes for ten years,” she added.\n\n"
    "According to the Dell Ledger, the contract was signed without a tender."
)


def _extraction() -> tuple[Document, list[Claim], list[Agent]]:
    document = Document(id="doc-fast", text=ARTICLE, kind="article")
    found = RuleBasedExtractor().extract(document)
    return document, found.claims, found.agents


def test_span_of_equals_a_validated_span() -> None:
    fast = Span.of(ARTICLE, 14, 22)
    validated = Span(start=14, end=22, text=ARTICLE[14:22])
    assert fast == validated
    assert fast.__dict__ == validated.__dict__
    assert list(fast.__dict__) == list(validated.__dict__)  # same order: same repr
    assert repr(fast) == repr(validated)
    assert hash(fast) == hash(validated)
    assert fast.model_fields_set == validated.model_fields_set
    assert fast.model_dump_json() == validated.model_dump_json()


def test_span_of_still_rejects_offsets_outside_the_text() -> None:
    with pytest.raises(ValueError, match="outside a text"):
        Span.of("abc", 2, 5)
    with pytest.raises(ValueError, match="outside a text"):
        Span.of("abc", 2, 1)


def test_span_of_validates_offsets_that_are_not_plain_ints() -> None:
    # True is an int to Python, not to the model: it goes through validation, which
    # stores the int it stands for
    span = Span.of("abc", True, 2)
    assert type(span.start) is int and span.start == 1
    assert span.text == "b"


def test_a_span_built_by_hand_is_still_validated() -> None:
    with pytest.raises(ValidationError, match="holds 3 characters"):
        Span(start=0, end=5, text="abc")
    with pytest.raises(ValidationError):
        Span(start=-1, end=2, text="abc")


def test_extracted_models_equal_their_validated_copies() -> None:
    _, claims, agents = _extraction()
    # three claims: "said ... that", the quotation "she added", "According to"
    assert [claim.cue.lemma for claim in claims if claim.cue] == ["say", "add", "according to"]
    for claim in claims:
        again = Claim.model_validate(claim.model_dump())
        assert again == claim
        assert repr(again) == repr(claim)
        assert again.model_fields_set == claim.model_fields_set
        assert claim.cue is not None
        cue = Cue.model_validate(claim.cue.model_dump())
        assert cue.model_fields_set == claim.cue.model_fields_set
    for agent in agents:
        again_agent = Agent.model_validate(agent.model_dump())
        assert again_agent == agent
        assert again_agent.model_fields_set == agent.model_fields_set
        assert repr(again_agent) == repr(agent)


def test_extracted_models_keep_the_shared_agents() -> None:
    _, claims, agents = _extraction()
    # "she added" is Ida Berg again: the same Agent object as the first claim's speaker
    assert claims[0].speaker is claims[1].speaker is agents[0]


def _report() -> TraceReport:
    document, claims, agents = _extraction()
    now = datetime(2026, 1, 5, tzinfo=UTC)
    return TraceReport(
        started_at=now,
        finished_at=now,
        config=TraceConfig(),
        article=document,
        claims=claims,
        agents=agents,
    )


def test_report_of_extracted_claims_round_trips_through_json() -> None:
    report = _report()
    assert TraceReport.model_validate_json(report.to_json()) == report


def test_loading_json_rejects_a_tampered_extracted_span() -> None:
    data = json.loads(_report().to_json())
    quote = data["claims"][1]["quotes"][0]
    assert quote["text"].startswith("We have asked")
    quote["text"] = "We had" + quote["text"][6:]  # same length, other words
    with pytest.raises(ValidationError, match="claim c2"):
        TraceReport.model_validate_json(json.dumps(data))
    quote["text"] = quote["text"][:-1]  # one character short of its offsets
    with pytest.raises(ValidationError, match="characters of text"):
        TraceReport.model_validate_json(json.dumps(data))


def test_loading_json_rejects_a_tampered_agent_mention() -> None:
    data = json.loads(_report().to_json())
    mention = data["agents"][0]["mentions"][0]
    mention["start"] += 1
    mention["end"] += 1
    with pytest.raises(ValidationError, match="agent a1"):
        TraceReport.model_validate_json(json.dumps(data))


def test_trusted_construction_puts_fields_in_declaration_order() -> None:
    span = Span.of(ARTICLE, 0, 5)
    # given out of order, the fields are laid out as validation lays them out
    cue = Cue._trusted(stance="neutral", lemma="say", span=span)
    assert cue == Cue(span=span, lemma="say")
    assert repr(cue) == repr(Cue(span=span, lemma="say", stance="neutral"))
    with pytest.raises(KeyError):
        Cue._trusted(span=span, lemma="say")  # every field must be given
