"""Speaker turns of transcripts: briefings, interviews, hearings."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .._models import Span, Turn

__all__ = ["QUESTION_LABELS", "parse_turns"]

QUESTION_LABELS = frozenset(
    {"QUESTION", "Q", "REPORTER", "QUESTIONER", "AUDIENCE MEMBER", "PARTICIPANT", "PRESS"}
)
"""Labels (upper-cased) of turns that are a reporter's or an interviewer's question."""

_NOT_SPEAKERS = frozenset(
    {
        "NOTE",
        "EDITOR'S NOTE",
        "EDITOR’S NOTE",
        "UPDATE",
        "UPDATED",
        "CORRECTION",
        "PHOTO",
        "SOURCE",
        "SOURCES",
        "WATCH",
        "READ MORE",
        "RELATED",
        "SUBJECT",
        "DATE",
        "TIME",
        "LOCATION",
        "PLACE",
        "PARTICIPANTS",
        "PRESENT",
        "TRANSCRIPT",
        "TOPICS",
        "CONTENTS",
        "ALSO",
        "SEE ALSO",
        "WARNING",
        "DISCLAIMER",
        "BY",
        "FROM",
        "TO",
        "CC",
        "RE",
    }
)
_HONORIFICS = (
    r"(?:Mr|Ms|Mrs|Mx|Dr|Sen|Rep|Gov|Gen|Adm|Col|Lt|Sgt|Prof|Hon|Amb|Senator|Representative"
    r"|Secretary|Ambassador|General|Admiral|Chairman|Chairwoman|Chair|President|Minister"
    r"|Judge|Justice|Commissioner|Director|Mayor|Governor|Spokesperson|Spokesman|Spokeswoman)"
)
_WORD_CAPS = r"[A-Z][A-Z.'’\-]*"
_WORD_TITLE = r"[A-Z][\w.'’\-]*"

_LABEL = re.compile(
    r"^[ \t\f]*(?:"
    # "Q:" / "A." interview style.
    r"(?P<qa>[QA])(?:[ \t]*:|\.)"
    # "SEN. RUTH ADEYEMI (D-Vt.):" / "Dr. Lena Ruiz (Director, Water Board):" hearing style.
    rf"|(?P<pname>{_WORD_TITLE}(?:[ \t]+{_WORD_TITLE}){{0,5}})[ \t]*"
    r"\((?P<ptitle>[^()\n]{1,100})\)[ \t]*:"
    # "MR PRICE:" / "QUESTION:" briefing style.
    rf"|(?P<caps>{_WORD_CAPS}(?:[ \t]+{_WORD_CAPS}){{0,5}})[ \t]*:"
    # "Mr. Price:" / "Secretary Lane:" with an honorific.
    rf"|(?P<hon>{_HONORIFICS}\.?(?:[ \t]+{_WORD_TITLE}){{1,3}})[ \t]*:"
    # "Dana Whitfield:" accepted only when the same label recurs (see below).
    rf"|(?P<plain>{_WORD_TITLE}(?:[ \t]+{_WORD_TITLE}){{0,3}})[ \t]*:"
    r")(?=[ \t]|\n|$)",
    re.MULTILINE,
)
_NAME = r"(?P<n>[A-Z][\w'’\-]+)"
_CALLED_ON = (
    re.compile(rf"\b(?i:go ahead),[ \t]+{_NAME}"),
    re.compile(rf"\b{_NAME},[ \t]+(?:please[ \t]+)?(?i:go ahead)\b"),
    re.compile(rf"\b(?i:let[’']?s go to)[ \t]+{_NAME}"),
    re.compile(rf"\b(?:[Yy]es|[Oo]kay|OK|[Ss]ure|[Yy]eah|[Pp]lease),[ \t]+{_NAME}[.!]?[ \t]*$"),
    re.compile(rf"\b(?:[Oo]ver to you|[Yy]ou're up|[Yy]our question),[ \t]+{_NAME}"),
)
_NOT_NAMES = frozenset({"Please", "Thanks", "Thank", "Go", "Yes", "Sir", "Ma'am", "Everyone"})


@dataclass
class _Label:
    start: int
    label_end: int
    content_start: int
    speaker: str
    style: str


def _labels(text: str) -> list[_Label]:
    found: list[_Label] = []
    for match in _LABEL.finditer(text):
        style = match.lastgroup or ""
        if match.group("qa"):
            style, group = "qa", "qa"
        elif match.group("pname"):
            style, group = "paren", "pname"
        elif match.group("caps"):
            style, group = "caps", "caps"
        elif match.group("hon"):
            style, group = "hon", "hon"
        else:
            style, group = "plain", "plain"
        speaker = match.group(group)
        if style == "caps":
            letters = [c for c in speaker if c.isalpha()]
            if len(letters) < 2 or speaker.upper() in _NOT_SPEAKERS:
                continue
        if style == "plain" and speaker.upper() in _NOT_SPEAKERS:
            continue
        label_end = match.end("ptitle") + 1 if style == "paren" else match.end(group)
        content_start = match.end()
        while content_start < len(text) and text[content_start] in " \t\r\n":
            content_start += 1
        found.append(_Label(match.start(group), label_end, content_start, speaker.strip(), style))
    # A bare "Name:" is a speaker only when the transcript uses the same label twice and
    # has at least two speakers in all; otherwise it is a heading ("Background:").
    plain = [lab for lab in found if lab.style == "plain"]
    counts: dict[str, int] = {}
    for lab in plain:
        counts[lab.speaker] = counts.get(lab.speaker, 0) + 1
    recurring = {name for name, n in counts.items() if n >= 2}
    others = {lab.speaker for lab in found if lab.style != "plain"}
    keep_plain = len(recurring | others) >= 2
    return [
        lab for lab in found if lab.style != "plain" or (keep_plain and lab.speaker in recurring)
    ]


def _called_on(turn_text: str) -> str | None:
    tail = turn_text[-160:]
    best: tuple[int, str] | None = None
    for pattern in _CALLED_ON:
        for match in pattern.finditer(tail):
            name = match.group("n")
            if name in _NOT_NAMES:
                continue
            if best is None or match.start() >= best[0]:
                best = (match.start(), name)
    return best[1] if best else None


def parse_turns(text: str) -> list[Turn]:
    """The speaker turns of a transcript, in order; ``[]`` when ``text`` has none.

    Recognised label styles, each at the start of a line:

    - briefings: ``MR PRICE:``, ``QUESTION:``, ``MODERATOR:``;
    - interviews: ``Q:`` / ``A:`` and ``Q.`` / ``A.``;
    - hearings: ``SEN. RUTH ADEYEMI (D-Vt.):``, ``Dr. Lena Ruiz (Director, Water Board):``;
    - ``Mr. Price:`` with an honorific, and a bare ``Dana Whitfield:`` when at least two
      such labels recur.

    A reporter's question (``QUESTION``, ``Q``, ``REPORTER`` ...) is its own turn with
    ``is_question=True``; when the previous turn ends by calling on someone ("Go ahead,
    Said."), the question's ``asker`` is that name. ``speaker`` is the label without its
    parenthesised title; ``label`` spans the whole label as printed (title included),
    ``span`` what the speaker says. All spans point into ``text`` unchanged. A text whose
    labels all name one speaker has no turns (``[]``): that is a heading or a dateline,
    not a transcript.

    Examples:
        >>> turns = parse_turns("MR PRICE: Good afternoon. Go ahead, Said.\\n"
        ...                     "QUESTION: Thank you, Ned.")
        >>> [(t.speaker, t.span.text, t.is_question, t.asker) for t in turns]
        [('MR PRICE', 'Good afternoon. Go ahead, Said.', False, None), \
('QUESTION', 'Thank you, Ned.', True, 'Said')]
    """
    labels = _labels(text)
    turns: list[Turn] = []
    previous_text = ""
    for index, label in enumerate(labels):
        end = labels[index + 1].start if index + 1 < len(labels) else len(text)
        content_end = end
        while content_end > label.content_start and text[content_end - 1].isspace():
            content_end -= 1
        if content_end <= label.content_start:
            continue
        upper = label.speaker.upper()
        is_question = upper in QUESTION_LABELS
        asker = _called_on(previous_text) if is_question and turns else None
        turns.append(
            Turn(
                speaker=label.speaker,
                span=Span.of(text, label.content_start, content_end),
                label=Span.of(text, label.start, label.label_end),
                is_question=is_question,
                asker=asker,
            )
        )
        previous_text = text[label.content_start : content_end]
    # One speaker is no conversation: a lone "WASHINGTON:" dateline or "MINISTER:" heading
    # in an article must not make its paragraphs look like someone's remarks.
    if len({turn.speaker for turn in turns}) < 2:
        return []
    return turns
