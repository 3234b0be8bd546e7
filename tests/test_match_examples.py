"""The bundled example's planted verdicts (examples/README.md) come out of the matcher."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from data.match_fixtures import transcript
from sourcetrace._config import TraceConfig
from sourcetrace._models import Agent, Claim, ClaimKind, Document, Span
from sourcetrace.match import match_claim

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
OKAFOR = Agent(id="okafor", name="Dana Okafor", role="ministry spokeswoman")
REYES = Agent(id="reyes", name="Tomas Reyes", role="Deputy Minister")


def _sources() -> list[Document]:
    briefing = transcript((EXAMPLES / "sources" / "briefing-2026-11-12.txt").read_text(), "brief")
    html = (EXAMPLES / "sources" / "meridian-press-barrier.html").read_text()
    paragraphs = BeautifulSoup(html, "html.parser").find("article").find_all("p")  # type: ignore[union-attr]
    wire = Document(id="wire", kind="article", text="\n\n".join(p.get_text() for p in paragraphs))
    return [briefing, wire]


def _claim(words: str, speaker: Agent, kind: ClaimKind) -> Claim:
    article = (EXAMPLES / "article.txt").read_text()
    start = article.index(words)
    span = Span.of(article, start, start + len(words))
    return Claim(
        id=words[:12],
        kind=kind,
        sentence=span,
        content=[span],
        quotes=[] if kind == "indirect" else [span],
        speaker=speaker,
    )


@pytest.mark.parametrize(
    ("words", "speaker", "kind", "verdict", "flags"),
    [
        (
            "The barrier will be finished before the autumn storms, and every gate has "
            "already been tested under load.",
            OKAFOR,
            "direct",
            "verbatim",
            [],
        ),
        (
            "About 3,000 families in the lower Dellmoor district are still living in "
            "temporary housing,",
            REYES,
            "direct",
            "altered",
            ["number_changed"],
        ),
        (
            "The pumping stations in Dellmoor are more than forty years old … We will "
            "replace every one of them by March,",
            OKAFOR,
            "direct",
            "truncated",
            [],
        ),
        (
            "the ministry would hire 200 new flood inspectors within two years, most of "
            "them for the river districts",
            REYES,
            "indirect",
            "paraphrase",
            [],
        ),
        (
            "The contractors have been paid twice for the same work,",
            OKAFOR,
            "direct",
            "misattributed",
            [],
        ),
        ("We will not let a single home flood this winter,", REYES, "direct", "not_found", []),
    ],
)
def test_example_planted_verdicts(
    words: str, speaker: Agent, kind: ClaimKind, verdict: str, flags: list[str]
) -> None:
    best = match_claim(_claim(words, speaker, kind), _sources(), TraceConfig())[0]
    assert best.verdict == verdict
    assert best.flags == flags
    if verdict != "not_found":
        # The primary source, the briefing, is where every found quote is placed first.
        assert best.document_id == "brief"
