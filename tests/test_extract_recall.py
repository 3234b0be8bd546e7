"""Attributions the extractor used to miss, on fictional sentences: subjects that name
several speakers, count people with a plural in -men, or put a weekday before the cue.
Every expected span is read off the sentence it is tested on."""

from __future__ import annotations

from sourcetrace._models import Claim
from sourcetrace.extract import extract_claims


def _texts(claim: Claim) -> list[str]:
    return [piece.text for piece in claim.content]


def test_two_names_joined_by_and_are_one_group_of_speakers() -> None:
    text = "Lund and Reyes said the harbor would close in May."
    (claim,) = extract_claims(text)
    assert claim.source is not None
    start = text.index("Lund")
    assert (claim.source.start, claim.source.end) == (start, start + len("Lund and Reyes"))
    speaker = claim.speaker
    assert (speaker.name, speaker.kind, speaker.role) == ("Lund and Reyes", "group", None)
    assert not speaker.anonymous
    assert [m.text for m in speaker.mentions] == ["Lund and Reyes"]
    assert _texts(claim) == ["the harbor would close in May"]


def test_a_pronoun_after_a_pair_of_names_refers_to_the_pair() -> None:
    text = "Lund and Reyes said the harbor would close. They said it would reopen in June."
    first, second = extract_claims(text)
    assert second.source is not None and second.source.text == "They"
    assert second.speaker is first.speaker
    assert first.speaker.name == "Lund and Reyes"
