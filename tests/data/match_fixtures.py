"""Fictional sources for the matcher's tests: a briefing transcript and a wire story.

Every person, ministry and outlet here is invented. ``transcript`` turns a text whose
turns start with an upper-case label and a colon ("MR VELL:", "QUESTION:") into a
:class:`Document` with its turns, the way the fetch stage does for real transcripts.
"""

from __future__ import annotations

import re

from sourcetrace._models import Agent, Claim, ClaimKind, Document, Span, Turn

_LABEL_RE = re.compile(r"^([A-Z][A-Z .'()-]*[A-Z.)]):[ \t]*", re.MULTILINE)
_QUESTION_LABELS = {"QUESTION", "Q"}

BRIEFING = """\
DEPARTMENT OF RAIL AND FREIGHT
Daily Press Briefing
Halden, 3 March 2026

MR VELL: Good afternoon. Before I take questions, two updates on the northern line.

First, the tunnel at Kessring. The tunnel will reopen to freight traffic on the 14th of April, and passenger services will follow a week later. We have not changed the timetable since January, whatever you may have read.

Second, the budget. The U.S. consortium that holds the signalling contract has agreed to a 12 percent reduction in its fees for the current year. That saving goes straight back into track maintenance.

QUESTION: Aaron, the unions say the Kessring tunnel is unsafe and that the inspections were rushed. Is the tunnel safe?

MR VELL: The tunnel is safe. Every inspection was carried out by the independent safety board, and the board signed off on every section.

QUESTION: Will there be job losses at the Marrowgate depot?

MR VELL: There will be no job losses at Marrowgate. We are moving forty engineers to the new maintenance centre, and every one of them keeps their contract.

MS. JALIL: If I may add to that: the depot will stay open at least until 2030, and we are in talks with the regional council about expanding it.

QUESTION: Minister Jalil, is the department planning to sell the freight division?

MS. JALIL: We have no plans to sell the freight division. It is profitable, it is growing, and it belongs to the public.

MR VELL: Thank you all. We will brief again on Thursday.
"""  # noqa: E501 (a transcript paragraph is one line)

WIRE = """\
HALDEN, March 3 (Northline News) - The Department of Rail and Freight said on Tuesday \
that the Kessring tunnel would reopen to freight traffic in mid-April.

"The tunnel will reopen to freight traffic on the 14th of April, and passenger services \
will follow a week later," department spokesman Aaron Vell told reporters in Halden.

Deputy minister Sara Jalil said the Marrowgate depot would remain open until at least \
2030 and that talks on expanding it were under way.

Unions have called the inspections rushed. The department rejects that claim.
"""

VELL = Agent(id="vell", name="Aaron Vell", role="department spokesman")
JALIL = Agent(id="jalil", name="Sara Jalil", role="deputy minister")
ANONYMOUS = Agent(id="anon", name="a department official", anonymous=True)


def transcript(text: str, doc_id: str = "briefing") -> Document:
    """A transcript document whose turns are found from their labels."""
    labels = list(_LABEL_RE.finditer(text))
    turns: list[Turn] = []
    for number, label in enumerate(labels):
        end = labels[number + 1].start() if number + 1 < len(labels) else len(text)
        while end > label.end() and text[end - 1].isspace():
            end -= 1
        speaker = label.group(1)
        turns.append(
            Turn(
                speaker=speaker,
                span=Span.of(text, label.end(), end),
                label=Span.of(text, label.start(), label.end()),
                is_question=speaker in _QUESTION_LABELS,
            )
        )
    return Document(id=doc_id, kind="transcript", text=text, turns=turns)


def briefing() -> Document:
    """The fictional rail briefing."""
    return transcript(BRIEFING)


def wire() -> Document:
    """The fictional wire story about the same briefing."""
    return Document(id="wire", kind="article", text=WIRE, publisher="Northline News")


def claim(
    quote: str,
    speaker: Agent = VELL,
    kind: ClaimKind = "direct",
    claim_id: str = "c1",
    quotes: list[str] | None = None,
) -> Claim:
    """A claim as the extractor would build it from an article sentence.

    The article is the quote itself wrapped in a sentence, so every span is real.
    ``quotes`` lists the quoted pieces for a mixed or interrupted quote.
    """
    article = f"The official said: {quote}"
    start = article.index(quote)
    content = Span.of(article, start, start + len(quote))
    quote_spans: list[Span] = []
    if kind != "indirect":
        for piece in quotes or [quote]:
            at = article.index(piece)
            quote_spans.append(Span.of(article, at, at + len(piece)))
    return Claim(
        id=claim_id,
        kind=kind,
        sentence=Span.of(article, 0, len(article)),
        content=[content],
        quotes=quote_spans,
        speaker=speaker,
    )
