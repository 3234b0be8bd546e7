"""Adapter between sourcetrace's extractor and the PolNeAR attribution harness.

The harness (``polnear_eval.py --extractor tools.polnear_adapter:extract``) calls
``extract(text)`` for each article and scores the returned spans against PolNeAR's gold
attributions. PolNeAR itself is never stored in this repository; the harness reads it
from a local copy.

Roles map as follows: ``source`` is the mention as written (``Claim.source``: PolNeAR's
gold source is the literal span, a pronoun included), ``cue`` the cue span, ``content``
the content pieces, with the word "that" before them when there is one (sourcetrace
leaves it out of a claim's words; PolNeAR keeps it). PolNeAR also annotates beliefs and
intentions ("thinks", "plans") and speech acts with an object ("called for"), so the
adapter turns on :data:`sourcetrace.extract.ACT_CUES` and the belief cues of
:data:`sourcetrace.extract.BELIEF_CUES` but eight: *want*, *plan*, *intend*, *feel*,
*know*, *learn*, *understand* and *expect*. With every belief cue on, fewer than 55% of
the cues found for each of these match a PolNeAR cue on the train split (from 20% for
*intend* to 54% for *know*, each found ten times or more), against 56 to 91% for the
others. ``POLNEAR_BELIEFS=all`` reads every belief cue, ``POLNEAR_BELIEFS=0`` and
``POLNEAR_ACTS=0`` none, to measure speech alone.

Run from the repository root::

    PYTHONPATH=src:. python path/to/polnear_eval.py --split dev \\
        --extractor tools.polnear_adapter:extract
"""

from __future__ import annotations

import os
import re
from typing import Any

from sourcetrace._models import Claim, Document
from sourcetrace.extract import BELIEF_CUES, RuleBasedExtractor

_LOW_PRECISION_BELIEFS = frozenset(
    {"want", "plan", "intend", "feel", "know", "learn", "understand", "expect"}
)
_BELIEFS = {
    "1": BELIEF_CUES - _LOW_PRECISION_BELIEFS,
    "all": BELIEF_CUES,
    "0": frozenset(),
}
_EXTRACTOR = RuleBasedExtractor(
    beliefs=_BELIEFS[os.environ.get("POLNEAR_BELIEFS", "1")],
    acts=os.environ.get("POLNEAR_ACTS", "1") == "1",
)


_AUXILIARIES = frozenset(
    {"has", "have", "had", "will", "would", "did", "does", "do", "is", "was", "were", "are"}
    | {"been", "am"}
    | {"could", "may", "might", "should", "must"}
    | {"also", "later", "further", "previously", "repeatedly", "again"}
    | {"then", "first", "once", "never", "long", "already", "not", "now", "still", "even"}
    | {"often", "sometimes", "always"}
)
_OBJECT_CUES = frozenset({"tell", "ask", "inform", "assure", "remind", "urge"})
"""Cues whose object is not part of PolNeAR's cue: "asked [the Justice Department]"."""
_WENT_ON_TO = re.compile(
    r"\b(?:(?:went|goes|go|going|gone)\s+on|(?:is|was|are|were|be|been)\s+"
    r"(?:quick|eager|keen|careful|ready|poised|willing|happy|reluctant|hesitant))\s+to\s+\Z"
)
"""PolNeAR's cue takes in "[went on to say]" and "[was quick to add]"."""
_INTRODUCED_QUOTE = re.compile(r"[,:]\s*(?:\"|“|''|')\Z")
"""A quotation opened after a comma or colon."""
_MEDIUM_GAP = re.compile(r"(?:in|on|at|during|via|through)(?:\s+[\w'’.-]+){1,6}", re.IGNORECASE)
"""A single phrase of place or medium between a cue and its quotation."""
_GAP_END = re.compile(r"(?:\s|,|:|\bthat\b|\"|“|'')*\Z")
_THAT_BEFORE = re.compile(r"(?<![\w'’])(that),?\s+(?:\"|“|'')?\Z", re.IGNORECASE)
"""The complementiser just before a content: "that ", "that, ", "that “" (any space)."""
_CUE_PREPOSITION = re.compile(
    r"(?:about(?!\s+(?:\d|half|a\s+(?:dozen|third|quarter|half)\b|(?:one|two|three|four|five"
    r"|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|a\s+hundred)\b))|of|for|with|on"
    r"|upon|against)\s+",
    re.IGNORECASE,
)
"""A preposition between cue and content is PolNeAR's cue: "[warned of] [the risks]"; not
*about* before a number, where it is part of the content ("said about 20 people ...")."""


def _auxiliary_like(word: str) -> bool:
    """An auxiliary or an adverb before a cue: PolNeAR's "[has said]", "[similarly warned]"."""
    return word.lower() in _AUXILIARIES or (
        len(word) >= 5 and word.islower() and word.isalpha() and word.endswith("ly")
    )


def _cue_span(text: str, claim: Claim) -> list[list[int]]:
    """PolNeAR's cue: the verb with its auxiliaries and up to two words between it and
    the content ("has said", "said flatly", "said in a statement, “...”"), but not a
    time ("said on Tuesday that": the claim's `time`), and "quoted" alone."""
    assert claim.cue is not None
    start, end = claim.cue.span.start, claim.cue.span.end
    if claim.cue.lemma == "quote":
        end = start + len(claim.cue.span.text.split()[0])
        return [[start, end]]
    went = _WENT_ON_TO.search(text, max(0, start - 24), start)
    if went is not None:
        start = went.start()  # "[went on to say]"
    for _ in range(3):
        before = text[max(0, start - 14) : start]
        words = before.split()
        if words and before.endswith(" ") and _auxiliary_like(words[-1]):
            start = start - len(before) + before.rstrip().rfind(words[-1])
        else:
            break
    first = claim.content[0].start
    source = claim.source
    between_source = source is not None and end <= source.start < first
    if end < first <= end + 120 and not between_source and claim.cue.lemma not in _OBJECT_CUES:
        gap = text[end:first]
        trimmed = _GAP_END.search(gap)
        keep = gap[: trimmed.start()] if trimmed else gap
        lead = len(keep) - len(keep.lstrip())
        if _INTRODUCED_QUOTE.search(text, max(0, first - 4), first) and keep.strip():
            # "said of [the senator,] “...”": the topic's preposition is the cue's, its
            # object is neither cue nor content; "said in a statement, “...”": the medium
            # is the cue's; whom the speaker told or addressed is not
            words = keep.split()
            topic = _CUE_PREPOSITION.match(keep, lead)
            if _MEDIUM_GAP.fullmatch(keep, lead) or (len(words) == 1 and _auxiliary_like(words[0])):
                end += len(keep)  # "said in a statement", "said flatly"
            elif topic is not None:
                end += lead + len(topic.group().rstrip())
        elif (
            keep
            and len(keep.split()) <= 2
            and not any(mark in keep for mark in '.;"“”')
            and not (claim.time is not None and end <= claim.time.start < end + len(keep))
        ):
            # A time between cue and content ("said on Tuesday that") is the claim's
            # `time`, not part of its cue: PolNeAR leaves it out of the cue too.
            end += len(keep)
    if claim.content[-1].end <= start and (source is None or source.end <= start):
        # "“...,” she said in a statement.": PolNeAR's cue keeps the medium
        medium = _MEDIUM_AFTER.match(text, end)
        if medium is not None:
            end = medium.end(1)
    return [[start, end]]


_MEDIUM_AFTER = re.compile(
    r"[ \t\u00a0]+((?:in|on|during)[ \t\u00a0]+(?:a|an|the|his|her|their|its)?[ \t\u00a0]*"
    r"(?:[\w'’-]+[ \t\u00a0]+){0,2}?(?:statement|interview|tweet|email|e-mail|post|speech|"
    r"letter|op-ed|column|essay|video|release|call|conversation|appearance|briefing|"
    r"conference|Twitter|Facebook))(?=[.,;:!?]|\Z)"
)
"""A medium after a backward cue that ends the sentence: "said [in a statement]."."""


_LIGHT_VERBS = frozenset({"express"})
"""Cues whose object noun is PolNeAR's cue: "[expressed concern] [that ...]". Not
*offer*: PolNeAR keeps its object in the content ("offered [no specifics about ...]")."""
_LIGHT_OBJECT = re.compile(
    r"((?:[\w'’-]+\s+){0,3}?[\w'’-]+)\s+(?:(that)\b|(in|at|for|about|over|on|with|of)\s+)",
    re.IGNORECASE,
)


def _light_verb_object(
    text: str, claim: Claim, cue: list[list[int]], content: list[list[int]]
) -> None:
    """Move a light verb's object into the cue: "[expressed an interest in] [debating]"."""
    if claim.cue is None or claim.cue.lemma not in _LIGHT_VERBS or not content:
        return
    first = content[0]
    found = _LIGHT_OBJECT.match(text, first[0], first[1])
    if found is None or found.end() >= first[1] or not text[cue[-1][1] : first[0]].isspace():
        return
    if found.group(2):
        cue[-1][1] = found.end(1)
        content[0][0] = found.start(2)
    else:
        cue[-1][1] = found.end(3)
        content[0][0] = found.end()


_REQUEST_CUES = frozenset({"ask", "urge", "call"})
_OBJECT_GAP = re.compile(r"[ \t\u00a0]+((?:[\w'’.-]+[ \t\u00a0]+){0,4}[\w'’.-]+)[ \t\u00a0]+\Z")


def _request_object(
    text: str, claim: Claim, cue: list[list[int]], content: list[list[int]]
) -> None:
    """PolNeAR's content of a request keeps whom it asks: "asked [Varga to send it]"."""
    if claim.cue is None or claim.cue.lemma not in _REQUEST_CUES or not content or not cue:
        return
    start = content[0][0]
    if not text.startswith(("to ", "not to "), start):
        return
    gap = _OBJECT_GAP.match(text, cue[-1][1], start)
    if gap is not None and gap.end() == start:
        content[0][0] = gap.start(1)


def _with_that(text: str, start: int, end: int) -> list[int]:
    """PolNeAR's content keeps the complementiser: "said [that the talks failed]"."""
    found = _THAT_BEFORE.search(text, max(0, start - 10), start)
    if found is not None:
        return [found.start(1), end]
    return [start, end]


_RELATIVE_BEFORE = re.compile(r"(?<![\w'’])(which|who|whom|what)[ \t\u00a0]+\Z", re.IGNORECASE)
"""A relative pronoun just before the source: "a plan, [which] he said [would fail]"."""


def _relative_pronoun(text: str, claim: Claim, content: list[list[int]]) -> None:
    """PolNeAR's content keeps the relative pronoun that a claim's clause opens with, as
    its subject or its object: "a plan, which he said would fail" is "[which] ... [would
    fail]", "the plan, which he called a sham" is "[which] ... [a sham]"."""
    if claim.cue is None or claim.source is None or not content:
        return
    source, cue = claim.source, claim.cue.span
    if not (source.end <= cue.start and cue.end <= content[0][0]):
        return
    if text[source.end : cue.start].strip() or len(text[cue.end : content[0][0]].split()) > 1:
        return
    found = _RELATIVE_BEFORE.search(text, max(0, source.start - 8), source.start)
    if found is not None:
        content.insert(0, [found.start(1), found.end(1)])


_BUT_BEFORE = re.compile(r"(?:\A|(?<=[.!?\n])[\"“”'’ \t]*)(But),?[ \t\u00a0]+\Z")
"""A sentence-opening "But" just before a content: "[But the vote failed], Lund said"."""


def _opening_but(text: str, content: list[list[int]]) -> None:
    """PolNeAR's content keeps a sentence-opening "But", which sourcetrace leaves to the
    article (it links the sentence to the one before, in the writer's voice)."""
    if not content:
        return
    start = content[0][0]
    found = _BUT_BEFORE.search(text, max(0, start - 12), start)
    if found is not None:
        content[0][0] = found.start(1)


def extract(text: str) -> list[dict[str, Any]]:
    """The attributions of one article, as the harness wants them.

    Returns:
        One ``{"source": [[s, e]], "cue": [[s, e]], "content": [[s, e], ...]}`` per claim,
        offsets into ``text``.
    """
    document = Document(id=Document.make_id(text), text=text, kind="article")
    attributions: list[dict[str, Any]] = []
    for claim in _EXTRACTOR.extract(document).claims:
        cue = _cue_span(text, claim) if claim.cue else []
        content = [_with_that(text, span.start, span.end) for span in claim.content]
        _opening_but(text, content)
        if (
            cue
            and content
            and cue[-1][1] <= content[0][0]
            and not text[cue[-1][1] : content[0][0]].strip()
        ):
            preposition = _CUE_PREPOSITION.match(text, content[0][0], content[0][1])
            if preposition is not None and preposition.end() < content[0][1]:
                cue[-1][1] = content[0][0] + len(preposition.group().rstrip())
                content[0][0] = preposition.end()
        if cue:
            _light_verb_object(text, claim, cue, content)
            _request_object(text, claim, cue, content)
            _relative_pronoun(text, claim, content)
        attributions.append(
            {
                "source": [[claim.source.start, claim.source.end]] if claim.source else [],
                "cue": cue,
                "content": content,
            }
        )
    return attributions
