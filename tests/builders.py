"""Small hand-built inputs shared by several test modules."""

from __future__ import annotations

from datetime import UTC, datetime

from sourcetrace import (
    Agent,
    Claim,
    Cue,
    Document,
    Evidence,
    Span,
    TraceConfig,
    TraceReport,
    Turn,
)
from sourcetrace.graph import build_graph

ARTICLE = (
    'Meridian Press quoted a port official as saying: "The gates are ready." '
    '"We tested every one," the official added. '
    "The ministry said the work would end in March."
)
TRANSCRIPT = "MS OKAFOR: The gates are ready. QUESTION: Did you test every one?"


def span_of(text: str, words: str) -> Span:
    """The span of the first occurrence of `words` in `text`."""
    start = text.index(words)
    return Span.of(text, start, start + len(words))


def graph_inputs() -> tuple[Document, list[Claim], list[Agent], list[Document], list[Evidence]]:
    article = Document(id="doc-art", text=ARTICLE, kind="article", publisher="Harbor Ledger")
    wire = Agent(id="a1", name="Meridian Press", kind="outlet",
                 mentions=[span_of(ARTICLE, "Meridian Press")])
    official = Agent(
        id="a2",
        name="a port official",
        kind="anonymous",
        anonymous=True,
        mentions=[span_of(ARTICLE, "a port official"), span_of(ARTICLE, "the official")],
    )
    ministry = Agent(id="a3", name="The ministry", kind="organization",
                     mentions=[span_of(ARTICLE, "The ministry")])

    def claim(cid: str, kind: str, words: str, cue: str, lemma: str, speaker: Agent,
              via: list[Agent], quoted: bool) -> Claim:
        content = span_of(ARTICLE, words)
        return Claim.model_validate(
            {
                "id": cid,
                "kind": kind,
                "sentence": content,
                "content": [content],
                "quotes": [content] if quoted else [],
                "cue": Cue(span=span_of(ARTICLE, cue), lemma=lemma),
                "speaker": speaker,
                "via": via,
            }
        )

    claims = [
        claim("c1", "direct", "The gates are ready.", "quoted", "quote", official, [wire], True),
        claim("c2", "direct", "We tested every one,", "added", "add", official, [wire], True),
        claim("c3", "indirect", "the work would end in March", "said", "say", ministry, [],
              False),
    ]
    source = Document(
        id="doc-brief",
        text=TRANSCRIPT,
        kind="transcript",
        title="Briefing",
        turns=[
            Turn(speaker="MS OKAFOR", span=span_of(TRANSCRIPT, "The gates are ready. ")),
            Turn(speaker="QUESTION", span=span_of(TRANSCRIPT, "Did you test every one?"),
                 is_question=True),
        ],
    )
    evidence = [
        Evidence(claim_id="c1", document_id="doc-brief",
                 passage=span_of(TRANSCRIPT, "The gates are ready."), score=100,
                 relation="verbatim", turn_speaker="MS OKAFOR", speaker_agrees=None),
        Evidence(claim_id="c2", document_id="doc-brief",
                 passage=span_of(TRANSCRIPT, "Did you test every one?"), score=81,
                 relation="altered", turn_speaker="QUESTION", speaker_agrees=False),
        Evidence(claim_id="c3", score=0, relation="not_found"),
    ]
    return article, claims, [wire, official, ministry], [source], evidence



def small_report() -> TraceReport:
    """A finished report over the inputs of :func:`graph_inputs`."""
    article, claims, agents, docs, evidence = graph_inputs()
    when = datetime(2026, 11, 25, 10, 0, tzinfo=UTC)
    return TraceReport(
        started_at=when,
        finished_at=when,
        config=TraceConfig(),
        article=article,
        claims=claims,
        agents=agents,
        documents=docs,
        evidence=evidence,
        graph=build_graph(article, claims, agents, docs, evidence, started_at=when,
                          finished_at=when),
    )
