"""Paragraphs, quotations and sentences, as character offsets into the original text.

Everything here works on the exact text it is given and returns ``(start, end)`` pairs
(end exclusive) into it; nothing is normalised. Every function is linear in the length
of the text: quotation marks are paired with a counter, not a regex, and sentence ends
are found with one scan, so a 20 MB article or 100,000 stray quote marks cost what
their length costs.

A quotation is never split across sentences, and never across paragraphs: a quotation
whose closing mark is missing ends at the end of its paragraph, so one lost mark cannot
swallow the rest of the article. That is also how news copy continues a quotation over
several paragraphs (the paragraph is left open and the next one opens again); see
:attr:`Quotation.closed`.

Example:
    >>> text = 'Gen. Ada Moss said: "We stay." The U.S. Army agreed.'
    >>> [text[s:e] for s, e in split_sentences(text)]
    ['Gen. Ada Moss said: "We stay."', 'The U.S. Army agreed.']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final


def _wordset(words: str) -> frozenset[str]:
    return frozenset(words.split())


__all__ = [
    "ABBREVIATIONS",
    "CLOSE_QUOTES",
    "OPEN_QUOTES",
    "Quotation",
    "find_quotations",
    "split_paragraphs",
    "split_sentences",
]

OPEN_QUOTES = frozenset("“«„‹")
"""Marks that only ever open a quotation (``"`` is decided by its neighbours)."""
CLOSE_QUOTES = frozenset("”»‟›")
"""Marks that only ever close one; ``“`` also closes a quotation opened by ``„``."""

ABBREVIATIONS = _wordset(
    """mr mrs ms dr gen sen rep gov lt col capt cpt sgt maj adm cmdr st jr sr prof rev hon
    pres supt det insp insp fr messrs mmes gens sens reps
    inc corp co ltd llc bros dept univ assn est vs etc approx no nos fig op vol
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun
    ft mt ave blvd rd
    calif colo conn fla ill ind kan mass mich minn miss nev okla ore penn tenn tex va wash wis
    wyo ala ariz ark del ga ky la md mo mont neb pa vt"""
)
"""Words that take a period and do not end a sentence ("Gen.", "Dr.", "Sept.", "Calif.")."""

_NUMBER_ABBREVIATIONS: Final = frozenset({"no", "nos", "fig", "vol", "op", "p", "pp"})
"""Abbreviations that only stand before a number."""
_PLAIN_WORD: Final = 1 + max(len(word) for word in ABBREVIATIONS | _NUMBER_ABBREVIATIONS)
"""Letters enough for a word to be no abbreviation."""

# After an abbreviation made of initials ("U.S.", "U.N.") a sentence ends only when the
# next word is one that commonly opens a sentence: "in the U.S. The next day ..." splits,
# "the U.S. Army" does not.
_SENTENCE_OPENERS: Final = _wordset(
    """the a an he she it they we i you his her its their our this that these those there
    but and or so yet however meanwhile still then now in on at for after before when while
    if as although though since because what who why how some many most one two"""
)

_QUOTE_MARK_RE: Final = re.compile("[\"“”«»„‹›‟'](?:(?<=')'|(?<!'))")
"""A quotation mark, or a doubled apostrophe ``''``; written to open with a character
class, so that the regex engine skips ahead to the marks."""
_MARKS: Final = ("“", '"', "”", "''", "«", "»", "„", "‹", "›", "‟")
"""Every string :data:`_QUOTE_MARK_RE` finds starts with one of these."""
_STRAIGHT: Final = frozenset({'"', "''"})
"""Marks that open and close alike: ``"`` and the doubled apostrophe of some wires."""
_CUE_AFTER_QUOTE_RE: Final = re.compile(
    r"(?:[\w.'’()-]+[ \t\u00a0]+){0,7}?(?:said|says|asked|asks|added|adds|told|tells|wrote|"
    r"writes|replied|replies|continued|exclaimed|shouted|tweeted|recalled|noted|insisted|"
    r"explained|argued|declared|wondered|joked|quipped)\b"
)
"""A speaker and a speech verb after a quotation that ends with ? ! or a period: the
quotation and its attribution are one sentence."""
_CLOSERS: Final = frozenset("\"'”’»›)]}")
_BOUNDARY_RE: Final = re.compile(r"[.!?…]+")
_LINE_RE: Final = re.compile("[^\n\r\u2028\u2029]+")
"""A line: what lies between two line breaks."""


@dataclass(frozen=True, slots=True)
class Quotation:
    """One top-level quotation of a paragraph.

    ``start``/``end`` cover the marks; ``inner_start``/``inner_end`` the words between
    them. ``closed`` is false when the paragraph ended before a closing mark: either a
    missing mark, or a quotation that continues in the next paragraph.
    """

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into paragraphs at line breaks; blank lines are dropped.

    Each paragraph is trimmed of surrounding whitespace, so ``text[start:end]`` starts and
    ends with a visible character.

    Example:
        >>> split_paragraphs("One.\\n\\n  Two.  \\n")
        [(0, 4), (8, 12)]
    """
    paragraphs: list[tuple[int, int]] = []
    if "\r" not in text and "\u2028" not in text and "\u2029" not in text:
        # the lines are what lies between two "\n": str.find skips ahead to them far
        # faster than the regex engine's test of every character
        size = len(text)
        position = 0
        while position < size:
            newline = text.find("\n", position)
            if newline == -1:
                newline = size
            if newline > position:
                start, end = _trim(text, position, newline)
                if start < end:
                    paragraphs.append((start, end))
            position = newline + 1
        return paragraphs
    # one sweep for the runs between line breaks: blank lines are skipped in C
    for line in _LINE_RE.finditer(text):
        start, end = _trim(text, *line.span())
        if start < end:
            paragraphs.append((start, end))
    return paragraphs


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or not text[start].isprintable()):
        start += 1
    while end > start and (text[end - 1].isspace() or not text[end - 1].isprintable()):
        end -= 1
    return start, end


def find_quotations(text: str, start: int = 0, end: int | None = None) -> list[Quotation]:
    """The top-level quotations of one paragraph ``text[start:end]``.

    Curly marks (“ ”), guillemets (« », either direction is read as written: « opens),
    German „ “, straight ``"`` and the doubled apostrophe ``''`` of some wire copy are
    understood. Nested quotations count once, as part of
    the outermost one; a closing mark with nothing open is ignored; a quotation left open
    ends at ``end``. Single quotes are not treated as quotation marks, since they are
    mostly apostrophes.

    Example:
        >>> q = find_quotations('He said “we stay” and left.')
        >>> [(x.inner_start, x.inner_end) for x in q]
        [(9, 16)]
    """
    stop = len(text) if end is None else end
    piece = text[start:stop]
    for mark in _MARKS:
        if mark in piece:
            break
    else:
        return []  # most paragraphs: no need to try the pattern on every character
    quotations: list[Quotation] = []
    depth = 0
    opened_at = -1
    opener = ""
    last_curly_close = text.rfind("”", start, stop)
    last_straight = text.rfind('"', start, stop)
    for match in _QUOTE_MARK_RE.finditer(text, start, stop):
        position = match.start()
        char = match.group()
        width = len(char)
        if char in _STRAIGHT:
            if depth == 0:
                if _straight_opens(text, position, width, start, stop):
                    depth, opened_at, opener = 1, position, char
            elif opener == char or (
                # “mixed marks," as typed: a straight mark after the last curly close of
                # the paragraph closes a curly quotation
                depth == 1
                and opener == "“"
                and position > last_curly_close
                and position > start
                and not text[position - 1].isspace()
            ):
                inner_start = opened_at + len(opener)
                quotations.append(
                    Quotation(opened_at, position + width, inner_start, position, True)
                )
                depth = 0
            # a straight mark inside another quotation belongs to a nested quotation,
            # which does not matter at the top level
            continue
        if opener in _STRAIGHT and depth:
            if (
                # "mixed marks” the other way round: a curly close after the paragraph's
                # last straight mark closes a straight quotation
                char == "”"
                and opener == '"'
                and position > last_straight
                and not text[position - 1].isspace()
            ):
                quotations.append(Quotation(opened_at, position + 1, opened_at + 1, position, True))
                depth = 0
            continue  # other curly marks are nested in the straight quotation
        if char == "“" and depth and opener == "„":
            closes = True
        elif char == "”" and depth == 0 and _straight_opens(text, position, 1, start, stop):
            # ”We stay,” Lund said: a closing mark typed where the quotation opens
            opened_at, opener = position, char
            depth = 1
            continue
        elif char in OPEN_QUOTES:
            if depth == 0:
                opened_at, opener = position, char
            depth += 1
            continue
        else:
            closes = char in CLOSE_QUOTES
        if closes and depth:
            depth -= 1
            if depth == 0:
                quotations.append(Quotation(opened_at, position + 1, opened_at + 1, position, True))
    if depth > 0:
        inner_start = opened_at + len(opener)
        inner_end = stop
        while inner_end > inner_start and text[inner_end - 1].isspace():
            inner_end -= 1
        quotations.append(Quotation(opened_at, stop, inner_start, inner_end, False))
    return quotations


def _straight_opens(text: str, position: int, width: int, start: int, stop: int) -> bool:
    """Whether a straight mark at ``position`` opens a quotation (nothing is open)."""
    after = text[position + width] if position + width < stop else ""
    if not after or after.isspace():
        return False
    before = text[position - 1] if position > start else ""
    return not before or before.isspace() or before in "([{—–-:/"


def split_sentences(
    text: str,
    start: int = 0,
    end: int | None = None,
    quotations: list[Quotation] | None = None,
) -> list[tuple[int, int]]:
    """Split ``text[start:end]`` (one paragraph) into sentences.

    A sentence ends at ``.``, ``!``, ``?`` or ``…`` (with any closing quotation marks and
    brackets after it) followed by a space and a word that can open a sentence. It never
    ends inside a quotation, unless the quotation ends there too (``... in Iraq.” As``),
    nor after a title or an abbreviation ("Gen.", "Dr.", "U.S. Army").

    Args:
        text: the whole text.
        start: where the paragraph starts.
        end: where it ends (default: the end of ``text``).
        quotations: the paragraph's quotations, when already found.

    Returns:
        ``(start, end)`` of each sentence, trimmed of whitespace.
    """
    stop = len(text) if end is None else end
    if quotations is None:
        quotations = find_quotations(text, start, stop)
    sentences: list[tuple[int, int]] = []
    sentence_start = start
    quote_index = 0
    for mark_start, mark_end in _boundaries(text, start, stop):
        if mark_start < sentence_start:
            continue
        while quote_index < len(quotations) and quotations[quote_index].end <= mark_start:
            quote_index += 1
        cut = mark_end
        # skip closing marks and brackets glued to the terminal punctuation
        while cut < stop and text[cut] in _CLOSERS:
            cut += 1
        if quote_index < len(quotations):
            quotation = quotations[quote_index]
            if quotation.start <= mark_start < quotation.end and cut < quotation.end:
                continue  # inside a quotation that goes on
        if cut < stop and not text[cut].isspace():
            continue
        following = cut
        while following < stop and text[following].isspace():
            following += 1
        if following < stop and not _opens_sentence(text, following, stop):
            continue
        if (
            following < stop
            and quote_index < len(quotations)
            and quotations[quote_index].end == cut
            and _attribution_follows(text, mark_start, following, stop)
        ):
            continue  # “Why would we?” Ortiz said.
        if (
            text[mark_start] == "."
            and mark_end - mark_start == 1
            and not _period_ends(text, start, mark_start, following, stop)
        ):
            continue
        first = text[sentence_start]
        if first != " " and first.isprintable():
            # nothing to trim: the sentence opens with a visible character (the only
            # printable white space is " ") and ends in a mark or a closer
            sentences.append((sentence_start, cut))
        else:
            trimmed = _trim(text, sentence_start, cut)
            if trimmed[0] < trimmed[1]:
                sentences.append(trimmed)
        sentence_start = following
    trimmed = _trim(text, sentence_start, stop)
    if trimmed[0] < trimmed[1]:
        sentences.append(trimmed)
    return sentences


def _boundaries(text: str, start: int, stop: int) -> list[tuple[int, int]]:
    """The runs of sentence marks (:data:`_BOUNDARY_RE`) of ``text[start:stop]``.

    Most paragraphs hold no ``!``, ``?`` or ``…``: their periods are found with
    ``str.find``, which skips ahead far faster than the regex engine's test of every
    character against a class.
    """
    piece = text[start:stop]
    if "?" in piece or "!" in piece or "…" in piece:
        return [match.span() for match in _BOUNDARY_RE.finditer(text, start, stop)]
    marks: list[tuple[int, int]] = []
    find = text.find
    position = find(".", start, stop)
    while position != -1:
        after = position + 1
        while after < stop and text[after] == ".":
            after += 1
        marks.append((position, after))
        position = find(".", after, stop)
    return marks


def _attribution_follows(text: str, mark: int, following: int, stop: int) -> bool:
    """“Why would we?” Ortiz said. / “We stay.” Reyes said. : the attribution of the
    quotation that ends at ``mark``, which is no sentence of its own."""
    match = _CUE_AFTER_QUOTE_RE.match(text, following, min(stop, following + 120))
    if match is None:
        return False
    first = text[following : following + 5].split(" ", 1)[0].lower()
    if first in ("he", "she", "they", "we", "i", "it"):
        return False  # “... soft.” He says referees ...: a new sentence
    if text[mark] in "?!":
        return True
    after = match.end()
    while after < stop and text[after] in " \t":
        after += 1
    return after >= stop or text[after] in ".,;"


def _opens_sentence(text: str, position: int, stop: int) -> bool:
    char = text[position]
    if char.isupper() or char.isdigit() or char in "“«„\"'‘([":
        return True
    # scripts without case (Arabic, Hebrew, CJK ...) give no signal: accept
    return char.isalpha() and not char.islower()


def _word_before_period(text: str, start: int, period: int) -> str:
    """The letters and periods right before ``period`` (at most 24, not before ``start``)."""
    floor = max(start, period - 24)
    # Most often all that follows the last space; a loop over the characters otherwise.
    word = text[floor:period].rpartition(" ")[2]
    if word and not word.replace(".", "a").isalpha():
        word_start = period
        while word_start > floor and (
            text[word_start - 1].isalpha() or text[word_start - 1] == "."
        ):
            word_start -= 1
        word = text[word_start:period]
    return word


def _period_ends(text: str, start: int, period: int, following: int, stop: int) -> bool:
    """Whether the period at ``period`` ends a sentence (it follows no abbreviation)."""
    tail = text[max(start, period - 24) : period]
    if "." not in tail and tail[-_PLAIN_WORD:].isalpha() and len(tail) >= _PLAIN_WORD:
        # the word before the period (a suffix of tail) has no period and more letters
        # than any abbreviation: most sentences end so
        return True
    word = _word_before_period(text, start, period)
    if not word:
        return True
    if "." in word or len(word) == 1:
        # "U.S." or an initial ("John F. Kennedy"): ends only before a sentence opener
        if len(word) == 1 and word.islower():
            return True
        next_end = following
        while next_end < stop and text[next_end].isalpha():
            next_end += 1
        return text[following:next_end].lower() in _SENTENCE_OPENERS
    low = word.lower()
    if low in _NUMBER_ABBREVIATIONS:
        # "No. 10", "Vol. 3" but "the vote was no."
        return not (following < stop and text[following].isdigit())
    return low not in ABBREVIATIONS
