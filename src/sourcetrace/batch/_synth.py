"""Generated fictional briefings and news articles, for trying and measuring batches.

Everything here is invented: the ministries, the towns, the people and what they say.
:func:`make_corpus` writes briefing transcripts in which every sentence is unique (a
seeded combination of fictional places, numbers and plans); :func:`make_articles` writes
news stories that quote those briefings, some word for word and some with one number
changed, and attribute the quote to the speaker of the turn it came from.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime

from .._models import Document

__all__ = ["Quote", "make_articles", "make_corpus"]

_MINISTRIES = [
    ("Ministry of Water and Coastal Works", "water"),
    ("Ministry of Rail and Harbours", "rail"),
    ("Ministry of Schools and Skills", "schools"),
    ("Ministry of Health Services", "health"),
    ("Ministry of Housing and Towns", "housing"),
]
_FIRST = [
    "Dana", "Tomas", "Ines", "Marek", "Leila", "Oskar", "Priya", "Jonas", "Amara", "Felix",
    "Hana", "Viktor", "Selin", "Ruben", "Nadia", "Emil", "Yara", "Bruno", "Talia", "Kofi",
]  # fmt: skip
_LAST = [
    "Okafor", "Reyes", "Lindqvist", "Novak", "Haddad", "Brandt", "Varga", "Mensah", "Costa",
    "Ilves", "Sorensen", "Adeyemi", "Kovac", "Moreau", "Tanaka", "Petrov", "Quill", "Ferreira",
]  # fmt: skip
_PLACES = [
    "Dellmoor", "Port Averly", "Marrow Lane", "Quayside", "Hollin Bridge", "East Carrow",
    "Fennick", "Brackwater", "Saltreach", "Upper Wend", "Lowmarsh", "Greyhaven", "Tarnby",
    "Oakridge", "Willowfold", "Corran Point", "Ashbury", "Redmere", "Kestle", "Northfleet",
]  # fmt: skip
_THINGS = {
    "water": ["pumping stations", "flood gates", "sea walls", "drainage channels", "levees"],
    "rail": ["station platforms", "signal boxes", "freight sidings", "level crossings", "depots"],
    "schools": ["primary schools", "science labs", "school buses", "sports halls", "libraries"],
    "health": ["clinics", "ambulance bays", "maternity wards", "pharmacies", "health centres"],
    "housing": ["social homes", "tower blocks", "student flats", "care homes", "shelters"],
}
_VERBS = ["rebuild", "replace", "inspect", "upgrade", "reopen", "extend", "repair", "modernise"]
_WHEN = [
    "by March", "before the winter", "within two years", "by the end of the summer",
    "before the autumn storms", "by next spring", "within eighteen months", "this year",
]  # fmt: skip
_OPENERS = ["We will", "Our plan is to", "The ministry will", "Our engineers will"]
_TAILS = [
    "and the contracts are already signed.",
    "and the work will start in the first week.",
    "and we will publish the schedule online.",
    "and the costs are inside the budget we announced.",
    "and local councils will be told in writing.",
    "and we will report on progress every month.",
]
_CUES = ["said", "told reporters", "said on Thursday", "insisted", "told the briefing"]


@dataclass(frozen=True)
class Quote:
    """A sentence an article quotes, and from where."""

    document_id: str
    speaker: str
    sentence: str
    quoted: str
    altered: bool


_CONSONANTS = "bdfghklmnprstvwz"
_VOWELS = "aeiou"


def _lexicon(size: int, seed: int) -> list[str]:
    """Invented place and firm names, as many distinct ones as a real archive has.

    A real archive's rare words (places, firms, people) are what an index finds a
    passage by; a generator with a few dozen names would make every document look
    alike and every query touch the whole corpus.
    """
    rng = random.Random(seed)
    words: set[str] = set()
    while len(words) < size:
        letters = [rng.choice(_CONSONANTS) + rng.choice(_VOWELS) for _ in range(rng.randint(3, 4))]
        words.add("".join(letters).capitalize() + rng.choice(("", "n", "r", "l", "ck")))
    return sorted(words)


_NAMES = _lexicon(60_000, seed=3)


def _name(rng: random.Random) -> str:
    return rng.choice(_NAMES)


def _sentence(rng: random.Random, area: str) -> str:
    # Half the words are names, as in a real briefing about named places and firms.
    return (
        f"{rng.choice(_OPENERS)} {rng.choice(_VERBS)} {rng.randint(2, 480)} "
        f"{rng.choice(_THINGS[area])} in {_name(rng)}, {_name(rng)}, {_name(rng)} and "
        f"{_name(rng)} {rng.choice(_WHEN)}, with {_name(rng)} {_name(rng)} Works, "
        f"{_name(rng)} Partners and {_name(rng)} {_name(rng)}."
    )


def make_corpus(count: int, *, seed: int = 7, turns: int = 8) -> list[Document]:
    """``count`` fictional briefing transcripts, each with ``turns`` spokesperson turns.

    Every transcript's text starts with a title block and has turns labelled in capitals
    ("MS OKAFOR:"), with a reporter's question between answers, like a real briefing.
    """
    rng = random.Random(seed)
    documents: list[Document] = []
    for number in range(count):
        ministry, area = _MINISTRIES[number % len(_MINISTRIES)]
        first, last = rng.choice(_FIRST), rng.choice(_LAST)
        title = "MS" if number % 2 else "MR"
        label = f"{title} {last.upper()}"
        day = 1 + number % 28
        lines = [
            ministry.upper(),
            f"Press Briefing No. {number + 1}",
            f"Port Averly, {day} October 2026",
            "",
            f"Participants: {first} {last}, Spokesperson, {ministry}",
            "",
        ]
        for turn in range(turns):
            if turn:
                lines.append(f"QUESTION: What will {rng.choice(_PLACES)} see {rng.choice(_WHEN)}?")
                lines.append("")
            lines.append(f"{label}: {_sentence(rng, area)} {_sentence(rng, area)}")
            lines.append("")
        text = "\n".join(lines)
        documents.append(
            Document(
                id=f"brief-{number:06d}",
                kind="transcript",
                title=f"{ministry}: press briefing no. {number + 1}",
                publisher=ministry,
                published_at=datetime(2026, 10, day, tzinfo=UTC),
                text=text,
            )
        )
    return documents


def _speaker_of(document: Document, sentence: str) -> str:
    at = document.text.index(sentence)
    line_start = document.text.rfind("\n", 0, at) + 1
    label = document.text[line_start : document.text.index(":", line_start)]
    return label.split()[-1].title()


def make_articles(
    corpus: list[Document], count: int, *, seed: int = 11, quotes: int = 3
) -> list[tuple[str, list[Quote]]]:
    """``count`` fictional news articles quoting the transcripts of ``corpus``.

    Returns:
        ``(text, quotes)`` pairs: the article and the sentences it quotes. One quote in
        four has a number changed, as a careless report would.
    """
    rng = random.Random(seed)
    articles: list[tuple[str, list[Quote]]] = []
    for _ in range(count):
        place = rng.choice(_PLACES)
        paragraphs = [
            f"{place} waits for answers as ministries promise repairs",
            "",
            f"By {rng.choice(_FIRST)} {rng.choice(_LAST)}, The Averly Courier",
            "",
            f"{place.upper()} — Ministers set out their repair plans for {place} at a "
            "series of briefings this week, with the first contracts due in the new year.",
            "",
        ]
        used: list[Quote] = []
        for _ in range(quotes):
            document = rng.choice(corpus)
            candidates = [
                line.split(": ", 1)[1]
                for line in document.text.splitlines()
                if ": " in line and line.split(":")[0].isupper() and "QUESTION" not in line
            ]
            turn = rng.choice(candidates)
            sentence = turn.split(". ")[rng.randrange(2)].rstrip(".")
            speaker = _speaker_of(document, sentence)
            altered = rng.random() < 0.25
            quoted = sentence
            if altered:
                words = quoted.split()
                for index, word in enumerate(words):
                    if word.isdigit():
                        words[index] = str(int(word) + 7)
                        break
                quoted = " ".join(words)
            paragraphs.append(f'"{quoted}," {speaker} {rng.choice(_CUES)}.')
            paragraphs.append("")
            paragraphs.append(
                f"The work in {rng.choice(_PLACES)} has been delayed twice since the spring, "
                "and the local council is watching the schedule closely."
            )
            paragraphs.append("")
            used.append(Quote(document.id, speaker, sentence, quoted, altered))
        articles.append(("\n".join(paragraphs), used))
    return articles
