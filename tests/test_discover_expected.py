"""Which loaded sources a claim is expected to come from, by who made them."""

from __future__ import annotations

from sourcetrace import Document, Span, Turn, extract_claims, trace
from sourcetrace.discover import expected_sources
from sourcetrace.report import render_text

ARTICLE = (
    "DELLMOOR — Meridian Press quoted Harbor Master Dana Okafor as saying the new gates "
    '"will hold through the winter storms."\n\n'
    "The Harbor Ministry said in a statement that the repairs would cost 40 million crowns.\n\n"
    'A senior official said the schedule was "realistic, if tight."\n'
)
BRIEFING_TEXT = (
    "Harbor briefing, Dellmoor, 14 March\n\n"
    "MS OKAFOR: The gates were tested last week and passed every load test.\n"
    "QUESTION: And what will the repairs cost?\n"
    "MS OKAFOR: We expect no trouble from ordinary storms.\n"
)


def _briefing() -> Document:
    text = BRIEFING_TEXT
    turns = []
    starts = [i for i in range(len(text)) if text.startswith(("MS OKAFOR:", "QUESTION:"), i)]
    for number, start in enumerate(starts):
        label_end = text.index(":", start)
        end = starts[number + 1] - 1 if number + 1 < len(starts) else len(text) - 1
        turns.append(
            Turn(
                speaker=text[start:label_end],
                span=Span.of(text, label_end + 2, end),
                label=Span.of(text, start, label_end + 1),
            )
        )
    return Document(
        id="briefing", kind="transcript", title="Harbor briefing", text=text, turns=turns
    )


def _sources() -> list[Document]:
    return [
        _briefing(),
        Document(
            id="wire",
            kind="article",
            title="Dellmoor gates pass load tests",
            publisher="The Meridian Press",
            text="DELLMOOR (Meridian Press) — The harbor's new gates passed their load tests, "
            "the harbor master said on Thursday.",
        ),
        Document(
            id="statement",
            kind="statement",
            title="Statement on the gate repairs",
            publisher="Harbor Ministry",
            text="The ministry expects the repairs to cost about 40 million crowns.",
        ),
        Document(
            id="courier",
            kind="article",
            publisher="Evening Courier",
            text="A storm is expected on the coast this weekend.",
        ),
    ]


def test_expected_sources_follow_the_via_chain_the_speaker_and_the_publisher() -> None:
    claims = extract_claims(ARTICLE)
    by_speaker = {claim.speaker.name: claim for claim in claims}
    okafor, ministry = by_speaker["Dana Okafor"], by_speaker["Harbor Ministry"]
    official = next(claim for claim in claims if claim.speaker.anonymous)
    found = {(e.claim_id, e.document_id): (e.reason, e.detail) for e in
             expected_sources(claims, _sources())}  # fmt: skip
    assert found == {
        # Okafor speaks in the briefing; Meridian Press, which quoted her, published the wire.
        (okafor.id, "briefing"): ("speaker_turn", "MS OKAFOR"),
        (okafor.id, "wire"): ("via_publisher", "The Meridian Press"),
        # The ministry's words are expected in what the ministry published.
        (ministry.id, "statement"): ("speaker_publisher", "Harbor Ministry"),
    }
    # The anonymous official expects nothing, and the Courier is nobody's source.
    assert not any(claim_id == official.id for claim_id, _ in found)
    assert not any(doc_id == "courier" for _, doc_id in found)


def test_trace_reports_where_a_claim_not_found_was_expected() -> None:
    report = trace(ARTICLE, sources=_sources())
    okafor = next(c for c in report.claims if c.speaker.name == "Dana Okafor")
    # "will hold through the winter storms" is in none of the sources (the briefing has
    # only "ordinary storms"), though Okafor speaks in the briefing.
    assert report.verdict(okafor) == "not_found"
    assert [e.document_id for e in report.expected_for(okafor)] == ["briefing", "wire"]
    lines = render_text(report, width=200).splitlines()
    row = next(line for line in lines if "Harbor briefing" in line)
    assert "not in Harbor briefing [MS OKAFOR]" in row
    # The report round-trips through JSON with its expectations.
    again = type(report).model_validate_json(report.model_dump_json())
    assert again.expected == report.expected


def test_a_suffix_after_the_speakers_name_does_not_hide_the_surname() -> None:
    # "Okafor III" is Okafor in a transcript labelled MS OKAFOR, as matching reads it.
    article = ARTICLE.replace("Dana Okafor", "Dana Okafor III")
    okafor = next(c for c in extract_claims(article) if c.speaker.name.endswith("III"))
    found = {
        (e.claim_id, e.document_id): (e.reason, e.detail)
        for e in expected_sources([okafor], _sources())
    }
    assert found[okafor.id, "briefing"] == ("speaker_turn", "MS OKAFOR")
