"""Who says the passage in the source: turn speakers and reported speech."""

from __future__ import annotations

import re

from .._models import Agent, Document, Turn
from ..text.normalize import normalize

__all__ = ["is_secondary", "speaker_agrees"]

_QUESTION_LABELS = frozenset(
    {
        "q",
        "question",
        "questions",
        "reporter",
        "journalist",
        "audience",
        "audience member",
        "participant",
        "caller",
        "press",
        "interviewer",
    }
)
_TITLES = frozenset(
    {
        "mr",
        "ms",
        "mrs",
        "miss",
        "dr",
        "prof",
        "sir",
        "dame",
        "gen",
        "col",
        "adm",
        "sen",
        "rep",
        "gov",
        "amb",
        "ambassador",
        "secretary",
        "minister",
        "president",
        "general",
    }
)
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _words(text: str) -> list[str]:
    return normalize(text).text.split()


def _surname(name: str) -> str | None:
    words = [w for w in _words(name) if w not in _TITLES and w not in _SUFFIXES]
    return words[-1] if words else None


def speaker_agrees(speaker: Agent | None, turn: Turn | None, document: Document) -> bool | None:
    """Whether the transcript turn holding a passage is the claim's speaker.

    ``None`` when the document has no turns, there is no speaker, or the speaker is
    anonymous or not a person and the turn is not a question (nothing to compare).
    A question turn is never the speaker; a named turn agrees when it carries the
    speaker's surname and disagrees otherwise.

    Examples:
        >>> from sourcetrace._models import Span
        >>> doc = Document(id="d", text="MR PRICE: Yes.", kind="transcript",
        ...     turns=[Turn(speaker="MR PRICE", span=Span.of("MR PRICE: Yes.", 10, 14))])
        >>> speaker_agrees(Agent(id="a", name="Ned Price"), doc.turns[0], doc)
        True
    """
    if speaker is None or not document.turns or turn is None:
        return None
    label_words = _words(turn.speaker.split("(")[0])
    label = " ".join(label_words)
    if turn.is_question or label in _QUESTION_LABELS or (label_words and label_words[0] == "q"):
        return False
    if speaker.anonymous or speaker.kind != "person":
        return None
    surname = _surname(speaker.name)
    if surname is None:
        return None
    return surname in _words(turn.speaker)


# Verbs and phrases by which a text attributes words to someone else.
_CUE_RE = re.compile(
    r"\b(?:said|says|say|told|tells|according\s+to|stated|states|added|adds|quoted|"
    r"asked|announced|declared|insisted|claimed|noted|wrote|warned|argued|explained|"
    r"acknowledged|admitted|conceded|remarked|replied)\b",
    re.IGNORECASE,
)
_OPENING = "“«„‘"
_CLOSING = "”»’"
_SENTENCE_END_RE = re.compile(r"[.!?][\"”’)\]]*\s")


def _inside_quotes(text: str, start: int, end: int) -> bool:
    paragraph_start = max(text.rfind("\n", 0, start) + 1, start - 3000)
    before = text[paragraph_start:start]
    depth = 0
    straight = 0
    for ch in before:
        if ch in _OPENING and ch != "‘":
            depth += 1
        elif ch in _CLOSING and ch != "’":
            depth = max(0, depth - 1)
        elif ch == '"':
            straight += 1
    if depth > 0 or straight % 2 == 1:
        return True
    # A quote that starts exactly at the passage.
    lead = before.rstrip()[-1:]
    return bool(lead) and lead in '"“«„'


def is_secondary(document: Document, start: int, end: int) -> bool:
    """Whether a passage is reported speech in its document.

    True when the document is not a transcript and the passage sits inside quotation
    marks, or a speech cue ("said", "according to", "told") stands in the same
    sentence: the document reports the words, it is not where they were first said.
    """
    if document.kind in ("transcript", "statement") or document.turns:
        return False
    text = document.text
    if _inside_quotes(text, start, end):
        return True
    sentence_start = 0
    for match in _SENTENCE_END_RE.finditer(text, max(0, start - 600), start):
        sentence_start = match.end()
    sentence_start = max(sentence_start, max(0, start - 600))
    following = _SENTENCE_END_RE.search(text, end, end + 600)
    sentence_end = following.start() + 1 if following else min(len(text), end + 600)
    # The passage itself may contain "said": look only around it.
    return bool(
        _CUE_RE.search(text[sentence_start:start]) or _CUE_RE.search(text[end:sentence_end])
    )
