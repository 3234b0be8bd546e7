"""The seed article must give exactly the claims and agents listed in seed/expected.md.

The article is read from the shared folder at test time and never copied here; the
expected values below are the table of expected.md: kinds, cue lemmas, speakers, vias.
"""

from __future__ import annotations

import pytest

from sourcetrace._models import Document
from sourcetrace.extract import Extraction, extract

from _shared import shared_file

WSJ = "The Wall Street Journal"
OFFICIAL = "a US military official"


@pytest.fixture(scope="module")
def seed() -> tuple[str, Extraction]:
    text = shared_file("seed", "article.txt").read_text(encoding="utf-8")
    return text, extract(Document(id="seed", text=text, kind="article"))


def test_extract_seed_finds_exactly_eight_claims_in_order(seed: tuple[str, Extraction]) -> None:
    _, found = seed
    assert [claim.id for claim in found.claims] == [f"c{n}" for n in range(1, 9)]
    starts = [claim.content[0].start for claim in found.claims]
    assert starts == sorted(starts)


def test_extract_seed_kinds_cues_and_stances(seed: tuple[str, Extraction]) -> None:
    _, found = seed
    kinds = [claim.kind for claim in found.claims]
    assert kinds == [
        "mixed",
        "indirect",
        "indirect",
        "indirect",
        "mixed",
        "direct",
        "direct",
        "indirect",
    ]
    lemmas = [claim.cue.lemma if claim.cue else None for claim in found.claims]
    assert lemmas == ["say", "report", "claim", "add", "quote", "quote", "add", "add"]
    stances = [claim.cue.stance if claim.cue else None for claim in found.claims]
    assert stances == ["neutral", "neutral", "loaded"] + ["neutral"] * 5


def test_extract_seed_speakers_and_vias(seed: tuple[str, Extraction]) -> None:
    _, found = seed
    speakers = [claim.speaker.name for claim in found.claims]
    assert speakers == [
        "Ned Price",
        WSJ,
        WSJ,
        "current and former US officials",
        "an unnamed source",
        OFFICIAL,
        OFFICIAL,
        OFFICIAL,
    ]
    vias = [[agent.name for agent in claim.via] for claim in found.claims]
    assert vias == [[], [], [], [WSJ], [WSJ], ["Reuters"], ["Reuters"], ["Reuters"]]
    # "the official" (twice) is the same agent as the official Reuters quoted
    official = found.claims[5].speaker
    assert found.claims[6].speaker == official and found.claims[7].speaker == official
    assert {m.text.lower() for m in official.mentions} == {OFFICIAL.lower(), "the official"}
    assert len(official.mentions) == 3


def test_extract_seed_agents(seed: tuple[str, Extraction]) -> None:
    _, found = seed
    agents = {agent.name: agent for agent in found.agents}
    assert [agent.id for agent in found.agents] == [f"a{n}" for n in range(1, 7)]
    assert set(agents) == {
        "Ned Price",
        WSJ,
        "current and former US officials",
        "an unnamed source",
        "Reuters",
        OFFICIAL,
    }
    price = agents["Ned Price"]
    assert (price.kind, price.role, price.affiliation) == (
        "person",
        "State Department spokesman",
        "State Department",
    )
    assert agents[WSJ].kind == "outlet" and agents["Reuters"].kind == "outlet"
    assert "the paper" in {m.text for m in agents[WSJ].mentions}
    assert agents["current and former US officials"].kind == "group"
    for name in ("current and former US officials", "an unnamed source", OFFICIAL):
        assert agents[name].anonymous
    assert not price.anonymous and not agents[WSJ].anonymous
    # people mentioned only as topics are not agents
    assert not any("Biden" in name or "Kadhimi" in name for name in agents)


def test_extract_seed_quotes_and_scare_quotes(seed: tuple[str, Extraction]) -> None:
    text, found = seed
    claims = found.claims
    for claim in claims:
        for span in claim.spans():
            assert span.points_into(text)
        for quote in claim.quotes:
            assert quote.text[:1] not in '“”"' and quote.text[-1:] not in '“”"'
            # the scare quotes of the article are not quotations of anyone
            assert quote.text not in ("combat", "strategic talks")
    assert [len(claim.quotes) for claim in claims] == [1, 0, 0, 0, 1, 1, 1, 0]
    assert "…" in claims[6].quotes[0].text
    # claim 5 stops at the closing mark: the article's own comment is not the source's
    assert "makes more sense" not in claims[4].text
    assert claims[0].time is not None and claims[0].time.text == "yesterday"


def test_extract_seed_garbled_sentence_is_one_claim(seed: tuple[str, Extraction]) -> None:
    _, found = seed
    claim = found.claims[2]
    assert claim.cue is not None and claim.cue.span.text == "claimed"
    # the garbled sentence runs on to its end: the last word of the sentence is in it
    assert claim.sentence.end == claim.content[-1].end + 1
    assert claim.content[0].text.startswith("the statement")
