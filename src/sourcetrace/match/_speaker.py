"""Who says the passage in the source: turn speakers and reported speech."""

from __future__ import annotations

import re
from functools import lru_cache

from .._models import Agent, Document, Turn
from ..text.names import NAME_TITLES, name_words
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
# Words of a label that name an office rather than a person ("THE SECRETARY",
# "THE PRESS SECRETARY", "SPOKESPERSON"), besides the titles of NAME_TITLES.
_ROLE_WORDS = frozenset(
    {
        "the",
        "press",
        "deputy",
        "chief",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "spokespeople",
        "chair",
        "chairman",
        "chairwoman",
        "chairperson",
        "mayor",
        "governor",
        "senator",
        "commissioner",
        "director",
        "superintendent",
        "chancellor",
        "premier",
        "prime",
        "vice",
        "administrator",
        "inspector",
        "attorney",
        "moderator",
        "host",
        "operator",
        "speaker",
        "officer",
        "official",
        "manager",
        "head",
    }
)
# Spokesman, spokeswoman and spokesperson name the same office.
_ROLE_FOLD = {
    "spokesman": "spokesperson",
    "spokeswoman": "spokesperson",
    "chairman": "chair",
    "chairwoman": "chair",
    "chairperson": "chair",
}


def _words(text: str) -> list[str]:
    return normalize(text).text.split()


def speaker_agrees(speaker: Agent | None, turn: Turn | None, document: Document) -> bool | None:
    """Whether the transcript turn holding a passage is the claim's speaker.

    ``None`` when the document has no turns, there is no speaker, or the speaker is
    anonymous or not a person and the turn is not a question (nothing to compare).
    A question turn is never the speaker. A named turn agrees when it carries the
    speaker's surname, or is the speaker's first name alone ("DANA"). A turn labelled
    by an office ("THE SECRETARY", "SPOKESPERSON") agrees when the speaker's role
    holds that office, disagrees when the speaker has another role, and gives
    ``None`` when no role is known. Any other named turn disagrees.

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
    names = name_words(speaker.name)
    if not names:
        return None
    if names[-1] in label_words:
        return True
    if label_words and all(w in NAME_TITLES or w in _ROLE_WORDS for w in label_words):
        # "THE SECRETARY": an office, not a name. When the transcript's heading names
        # who holds it ("Remarks by Secretary Lena Ortiz"), that settles it; otherwise
        # it is the speaker when the speaker holds that office, and with no role known
        # there is nothing to compare.
        holder = _holders(_heading(document)).get(_office_key(label_words))
        if holder is not None:
            return holder == names[-1]
        return _holds_office(speaker, label_words)
    # A label by first name alone ("DANA:"), as some transcripts write the host's guests.
    return len(label_words) == 1 and len(names) > 1 and label_words[0] == names[0]


# Whoever runs the briefing: never the speaker unless the speaker is said to be.
_CHAIRING = frozenset({"moderator", "host", "operator"})


def _fold_roles(words: list[str]) -> set[str]:
    return {_ROLE_FOLD.get(w, w) for w in words if w != "the"}


# A heading's words, with the punctuation that ends a name kept as a token of its own.
_HEADING_TOKEN_RE = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*\.?|\S")
# Words that end a name in a heading ("Secretary Lena Ortiz at the forum").
_HEADING_STOPS = frozenset(
    {"by", "at", "on", "in", "with", "to", "from", "during", "before", "after", "a", "an"}
)
_HEADING_CHARS = 1_000


def _office_key(words: list[str]) -> frozenset[str]:
    return frozenset(_fold_roles(words) - {"press", "deputy", "chief", "vice"})


def _heading(document: Document) -> str:
    """What a transcript says before its first turn, and its title."""
    first = min(
        (turn.label.start if turn.label is not None else turn.span.start)
        for turn in document.turns
    )
    return f"{document.title or ''}\n{document.text[: min(first, _HEADING_CHARS)]}"


@lru_cache(maxsize=256)
def _holders(heading: str) -> dict[frozenset[str], str]:
    """Surname of the holder of each office a heading names, when only one does.

    "Press Secretary Ida Lund", "Remarks by Secretary Lena Ortiz at ...": an office,
    then a name of two or three capitalised words. "Secretary of Transport Lena
    Ortiz": after "of" or "for", the department's words come first, so the name is the
    last two capitalised words. Anything less clear names no one.
    """
    tokens = _HEADING_TOKEN_RE.findall(heading)
    found: dict[frozenset[str], set[str]] = {}
    index = 0
    while index < len(tokens):
        office: list[str] = []
        while index < len(tokens) and _is_office_word(tokens[index]):
            office.append(tokens[index].lower().rstrip("."))
            index += 1
        if not office:
            index += 1
            continue
        department = index < len(tokens) and tokens[index].lower() in ("of", "for")
        if department:
            index += 1
        run: list[str] = []
        while index < len(tokens):
            token = tokens[index]
            lower = token.lower()
            if department and lower in ("the", "and"):
                index += 1
                continue
            if not token[0].isupper() or lower in _HEADING_STOPS or not token[0].isalpha():
                break
            run.append(token.rstrip("."))
            index += 1
        name = run[-2:] if department and len(run) >= 3 else run
        key = _office_key(office)
        if key and 2 <= len(name) <= 3:
            found.setdefault(key, set()).add(_words(name[-1])[-1])
    return {key: next(iter(names)) for key, names in found.items() if len(names) == 1}


def _is_office_word(token: str) -> bool:
    word = token.lower().rstrip(".")
    return token[0].isupper() and (word in NAME_TITLES or word in _ROLE_WORDS) and word != "the"


def _holds_office(speaker: Agent, label_words: list[str]) -> bool | None:
    held = " ".join(part for part in (speaker.role, speaker.name) if part)
    held_words = _fold_roles(_words(held))
    office = _fold_roles(label_words) - {"press", "deputy", "chief", "vice"}
    if not office:
        return None
    if not speaker.role and not (office & held_words) and not (office & _CHAIRING):
        return None
    return office <= held_words


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
