"""The rule-based extractor: cue words, the speaker around them, the content they frame.

The article is read paragraph by paragraph and sentence by sentence (see
:mod:`sourcetrace.text.segment`). Inside a sentence, every quotation is one token, so a
cue word inside a quotation is never read as a cue, and the patterns below are matched
on a short token list:

- ``SOURCE CUE [that] CONTENT``             Price said yesterday that ...
- ``CONTENT, SOURCE CUE`` / ``CUE SOURCE``  "...," the official added / said Price
- ``"A," SOURCE CUE, "B"``                  a quotation interrupted by its cue
- ``according to SOURCE``, ``as SOURCE reports``, ``SOURCE reported``
- ``SOURCE quoted SPEAKER as saying``       the speaker, via the source
- ``citing SPEAKER, SOURCE said``           the speaker, via the source
- ``SOURCE told OBJECT``, ``in an interview with OUTLET`` (an outlet becomes a via)
- ``LABEL: CONTENT``                        interviews and transcripts in an article

A sentence made only of a quotation continues the claim before it in its paragraph,
a paragraph that opens a quotation without closing it is continued by the next
paragraph that opens one, and a paragraph made only of quotations continues the quoted
claim that ended the paragraph before it when that claim's words all came before its
cue ("...," Lund said.). Every loop is bounded by the sentence's length or by a small
constant, so the whole pass is linear in the length of the article.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass
from typing import Final, NamedTuple

from .._models import Agent, Claim, Cue, Document, Span
from .._trusted import (
    _assemble,
    _new_object,
    _set_dict,
    _set_extra,
    _set_fields_set,
    _set_private,
)
from ..text.segment import (
    ABBREVIATIONS,
    Quotation,
    find_quotations,
    split_paragraphs,
    split_sentences,
)
from ._agents import AgentDraft, AgentRegistry, MentionInfo, read_mention
from ._lexicon import (
    ACT_CUES,
    BELIEF_CUES,
    CUE_FORMS,
    LOADED_CUES,
    NAME_PARTICLES,
    NEUTRAL_CUES,
    ORG_NOUNS,
    OUTLET_NOUNS,
    PERSON_NOUNS,
    PRONOUNS,
    ROLE_WORDS,
    TITLE_WORDS,
    _wordset,
    is_person_plural,
    is_share,
    stance_of,
)

__all__ = ["run"]

logger = logging.getLogger("sourcetrace.extract")

_TOKEN_RE: Final = re.compile(r"(\w+(?:[-'’.&/]\w+)*)|([^\w\s])")
_SPACED_TOKEN_RE: Final = re.compile(r"(\s*+)(?:(\w++(?:[-'’.&/]\w++)*+)|([^\w\s]))")
"""A token of :data:`_TOKEN_RE` with the white space before it. Every character is
white space, a word character or another mark, so these matches follow one another
without a gap and their lengths give every token's offsets: ``findall`` then reads the
tokens of a stretch without building a match object for each. Its quantifiers are
possessive: white space, word characters and the joining marks are disjoint, so no match
ever gives a character back, and the regex engine is spared the bookkeeping for it."""
_LOWER_WORD_RE: Final = re.compile(r"[a-z](?<![\w'’-][a-z])[a-z]*(?![\w-])")
r"""A lower-case word: ``(?<![\w'’-])[a-z]+(?![\w-])``, opening with a character class
so that the regex engine skips ahead instead of trying every position."""
_FIRST_WORD_RE: Final = re.compile(r"\W*(\w+)")
_LETTERS_RE: Final = re.compile(r"[a-z]+")
_LETTERS_ONLY: Final = bytes(
    code if ord("a") <= code <= ord("z") else ord(" ") for code in range(256)
)
"""For ``bytes.translate`` of text encoded to ASCII (anything else a ``?``): every
character but a-z becomes a space."""
_LOWER_RUNS_ONLY: Final = bytes(
    code
    if ord("a") <= code <= ord("z")
    else ord("#")
    if code < 128 and re.match(r"[\w-]", chr(code))
    else ord(" ")
    for code in range(256)
)
"""For ``bytes.translate`` of text encoded to ASCII: a-z stay, other ASCII word
characters and hyphens become ``#`` (a word next to them is no word of
:data:`_LOWER_WORD_RE`), the rest spaces."""
_MAX_TOKENS: Final = 400
"""A longer "sentence" is garbled or machine-made: it is read in windows of this size."""

_AUX: Final = _wordset(
    """also later further previously again then recently once already publicly privately
    separately earlier repeatedly flatly never has had have was is were are will would now still
    could may might did does do reportedly has been had been just subsequently initially
    first last meanwhile herself himself themselves itself yesterday today"""
)
_CLAUSE_STOP: Final = _wordset(
    """that which who whom whose but and or while because as when if so than though
    although since whether where why how what not nor yet after before until unless
    whereas said says told added"""
)
_LEADING_JUNK: Final = _wordset(
    """on in at of for with from by to during after before also and but so yet however
    meanwhile still now later earlier then yesterday today tonight tomorrow monday tuesday
    wednesday thursday friday saturday sunday last this next previously recently
    obviously indeed instead moreover separately finally first even perhaps apparently"""
)
_NP_PREPOSITIONS: Final = frozenset({"of", "for", "at", "with", "from", "in", "on"})
_APPOSITIVE_OPENERS: Final = _wordset(
    """a an the his her their its who whose then now former longtime also one another
    executive senior chief head director president"""
)
_AGENT_SUFFIXES: Final = ("er", "or", "ist", "ian", "ant", "ent", "eer", "ee")
_PARTICLES: dict[str, tuple[str, ...]] = {
    "call": ("for", "on"),
    "point to": ("to",),
    "refer to": ("to",),
    "point": ("to",),
    "refer": ("to",),
}
_FINITE_AFTER_SUBJECT: Final = _wordset(
    "is was are were has have had will would could can should may might must did does do"
)
_LINKING_WORDS: Final = _wordset(
    "but and so still however yet meanwhile also now then instead indeed"
)
_SUBORDINATORS: Final = _wordset(
    """as while when because after before even although though if since until whereas
    amid despite"""
)
_CONTENT_BREAKS: Final = _wordset(
    """which who but whereas although though leaving more a an according while"""
)
_COORDINATED_CUES: Final = _wordset(
    """said says told tells added adds argued argues insisted insists noted notes warned
    warns claimed claims denied denies acknowledged acknowledges wrote writes"""
)
_HEAD_ENDERS: Final = frozenset(
    {"of", "for", "at", "with", "from", "in", "on", "about", "familiar", "close", "who"}
)
_FORWARD_PREPOSITIONS: Final = frozenset({"of", "for", "at", "with", "from"})
_SUBJECT_DETERMINERS: Final = _wordset(
    """the a an another one two three several some many most few his her their its our
    this these those any other numerous multiple current and former senior top each
    both"""
)
_DOC_HEADS: Final = _wordset(
    """report study statement poll polls survey surveys document documents letter memo
    note notes filing complaint results returns figures estimates numbers projections count tally
    lawsuit article story analysis data records website ad ads book release indictment
    email emails tweet post video transcript summary assessment review audit investigation
    editorial column page average averages projection projections polling statistics
    tallies census research evidence footage picture photo photos image images movie film
    documentary chart map model forecast forecasts plan proposal proposals bill bills
    legislation platform agreement resolution budget ruling"""
)
_MASS_DOC_HEADS: Final = _wordset("data polling research evidence footage")
_QUANTITY_HEADS: Final = _wordset(
    """percent half majority majorities plurality minority third quarter most many
    some few others both none dozens hundreds thousands millions thirds quarters fifths
    several array range handful couple slew"""
)
"""Heads of a subject that counts people: "52 percent of voters say"."""
_NOUN_DETERMINERS: Final = frozenset({"the", "a", "an", "its", "his", "her", "their", "this"})
_OBJECT_CUES: Final = frozenset(
    {"tell", "inform", "assure", "remind", "warn", "ask", "promise", "urge"}
)
_TIME_WORDS: Final = _wordset(
    """yesterday today tonight tomorrow monday tuesday wednesday thursday friday saturday
    sunday"""
)
_BETWEEN_CUE_AND_PARTICLE: Final = _wordset("again also repeatedly publicly") | _TIME_WORDS
_TIME_UNITS: Final = frozenset({"week", "month", "year", "weekend", "morning", "night", "evening"})
_TIME_MODIFIERS: Final = frozenset(
    {"on", "last", "this", "next", "earlier", "later", "late", "early"}
)
_RELATIVE_LEADERS: Final = _wordset(
    "in on at to from for by with of against among like than over under about and or"
)
_RELATIVE_TIMES: Final = frozenset({"earlier", "later", "late", "early"})
_PP_STARTS: Final = frozenset(
    {"in", "on", "at", "during", "to", "via", "through", "before", "after"}
)
_PP_HEADS: Final = _wordset(
    """statement statements interview interviews briefing briefings conference conferences
    speech speeches tweet tweets post posts email emails letter letters call calls hearing
    appearance release note memo op-ed column article report message broadcast show program
    programme reporters journalists twitter facebook x instagram television radio rally
    remarks meeting event session press news forum podcast video address testimony
    newspaper paper sunday monday tuesday wednesday thursday friday saturday weekend
    morning evening afternoon night week month year time"""
)
_INTERVIEW_RE: Final = re.compile(
    r"\b(?:interview(?:ed)?|spoke|talked|sat down|speaking)(?: with| to)? ", re.IGNORECASE
)
_NOT_LABELS: Final = _wordset(
    """correction source sources note update editor's related photo photos video read
    watch more see also clarification disclosure email e-mail contact follow byline
    dateline look boom breaking exclusive analysis opinion editorial"""
) | {"the latest", "breaking news", "editor's note", "read more", "see also"}
_BYLINE_RE: Final = re.compile(
    r"^By [^,\n]{3,60}, ((?:[A-Z][\w&'’.-]*\s?){1,5})[ \t]*$", re.MULTILINE
)
"""A byline with the outlet: "By Marta Quill, The Harbor Ledger"."""
_BYLINE_WINDOW: Final = 1000
_LABEL_OPENING_RE: Final = re.compile(r"\s*[\"“]?[A-Z][\w.'’ -]{0,40}:")
"""A paragraph that opens with a label: the next turn of a transcript."""
_LABEL_WINDOW: Final = 5000
"""How far after a label its speaker must be named again (characters)."""
_QA_QUESTION_LABELS: Final = frozenset({"q", "question", "interviewer", "reporter", "host"})
_QA_ANSWER_LABELS: Final = frozenset({"a", "answer"})
_BARE_FORM_SUBJECTS: Final = _wordset(
    """i we you they will would may might could can should did does do to"""
)
_FOLLOW_ON_OK: Final = frozenset('.,;:!?…—–-"”’)')
_PLURAL_NOUN_FORMS: Final = _wordset(
    """states attacks claims reports charges comments remarks questions answers posts
    tweets quotes estimates promises pledges demands responses replies warnings threats
    concerns fears doubts findings challenges talks calls worries"""
)
"""Cue forms that are as often plural nouns: read as a verb only before what a verb takes."""
_SINGULAR_NOUN_FORMS: Final = frozenset(
    form[:-3] + "y" if form.endswith("ies") else form[:-1]
    for form in _PLURAL_NOUN_FORMS
    if not form.endswith("ings")  # "warning" is a participle: "is warning voters"
)
"""Their bare forms, as often singular nouns ("state laws", "in each state")."""
_OPENING_WORDS: Final = _wordset(
    """after before in on at during with without following despite amid since over for
    from by under like unlike earlier later last"""
)
_OBJECT_ACTS: Final = _wordset(
    """applaud back blame challenge condemn criticize criticise defend endorse oppose
    praise reject support tout welcome dispute"""
) | frozenset({"talk about", "speak about"})
"""Acts whose content is their object: "endorsed [Ortiz] on Friday"."""
_OBJECT_BREAKS: Final = _wordset(
    """when while after before since because as but though although despite amid
    saying says said calling arguing adding noting"""
)
_NOUN_BARE_FORMS: Final = _wordset(
    """state report claim call plan show note post tweet quote estimate answer promise
    pledge demand support back question comment response reply remark warning threat
    concern fear doubt finding challenge attack charge"""
)
"""Bare cue forms that are as often nouns: "most state parties", "some support"."""
_SOURCE_TAILS: Final = _wordset("in on at from for by with of")
_PAST_PARTICIPLES: Final = _wordset("known shown seen written given spoken drawn")
_POSSESSIVES: Final = _wordset("my your his her its our their")
_THEN_WORDS: Final = _wordset("then later also quickly immediately finally again")
_ASKED: Final = _wordset("asked pressed questioned")
_POLLED: Final = _wordset("surveyed polled questioned interviewed asked")
_NUMBER_WORDS: Final = _wordset(
    "two three four five six seven eight nine ten dozen several both all"
)
_ADJECTIVE_DETERMINERS: Final = _wordset(
    "the a an his her their its our my your all any no these those"
)
_HAS_CONTRACTIONS: Final = _wordset("he she it that who what there where here")
_OBJECT_OPENERS: Final = _wordset(
    """that the a an his her their its our my this these those him them it us me what
    whether how why who if to for on"""
)


@dataclass(slots=True, init=False)
class _Tok:
    start: int
    end: int
    text: str
    low: str
    kind: str
    """``w`` a word, ``p`` punctuation, ``q`` a whole quotation."""
    quote: Quotation | None

    def __init__(
        self, start: int, end: int, text: str, low: str, kind: str, quote: Quotation | None = None
    ) -> None:
        # written out: mypyc compiles this one to C, while the __init__ dataclasses
        # generates runs as Python on every token
        self.start = start
        self.end = end
        self.text = text
        self.low = low
        self.kind = kind
        self.quote = quote

    def start_end(self) -> tuple[int, int]:
        return self.start, self.end


@dataclass(slots=True, init=False)
class _Draft:
    """A claim while the article is read."""

    sentence: tuple[int, int]
    content: list[tuple[int, int]]
    quotes: list[tuple[int, int]]
    cue: tuple[int, int] | None
    lemma: str
    source: tuple[int, int] | None
    speaker: AgentDraft
    via: list[AgentDraft]
    time: tuple[int, int] | None
    explicit_via: bool
    has_quote: bool
    verbatim: bool
    """Q&A answers: the content is the speaker's words though it has no marks."""

    def __init__(  # written out, as _Tok's is
        self,
        sentence: tuple[int, int],
        content: list[tuple[int, int]],
        quotes: list[tuple[int, int]],
        cue: tuple[int, int] | None,
        lemma: str,
        source: tuple[int, int] | None,
        speaker: AgentDraft,
        via: list[AgentDraft] | None = None,
        time: tuple[int, int] | None = None,
        explicit_via: bool = False,
        has_quote: bool = False,
        verbatim: bool = False,
    ) -> None:
        self.sentence = sentence
        self.content = content
        self.quotes = quotes
        self.cue = cue
        self.lemma = lemma
        self.source = source
        self.speaker = speaker
        self.via = [] if via is None else via
        self.time = time
        self.explicit_via = explicit_via
        self.has_quote = has_quote
        self.verbatim = verbatim


class _Reader:
    """One pass over one article."""

    def __init__(
        self, document: Document, *, beliefs: frozenset[str], acts: frozenset[str]
    ) -> None:
        self.document = document
        self.text = document.text
        self.beliefs = beliefs
        self.acts = acts
        self.registry = AgentRegistry(self.text)
        self.drafts: list[_Draft] = []
        self.sentence_claims: list[_Draft] = []
        publisher = document.publisher or _byline_outlet(self.text)
        self.publisher = (publisher or "").lower().removeprefix("the ").strip()
        self.cue_words = _cue_words(beliefs, acts)
        self.unwanted = _unwanted_lemmas(beliefs, acts)
        self.cue_runs = _letter_runs(self.cue_words)
        self.cue_bytes = _encoded(self.cue_words)

    # --- the article ------------------------------------------------------------------
    def read(self) -> None:
        text = self.text
        open_claim: _Draft | None = None  # a claim whose quotation runs on past its paragraph
        closing: _Draft | None = None  # a quoted claim that ended the paragraph before
        for para_start, para_end in split_paragraphs(text):
            self.registry.observe(para_start, para_end)
            quotations = find_quotations(text, para_start, para_end)
            if not quotations and not self._paragraph_may_hold(para_start, para_end):
                # no sentence of it would pass _may_hold_claim: nothing to split
                open_claim = None
                continue
            sentences = split_sentences(text, para_start, para_end, quotations)
            last: _Draft | None = None
            continuing = open_claim is not None and text[para_start] in "\"“«„'"
            if not continuing and closing is not None and text[para_start] in "\"“«„'":
                # “...,” Lund said. / “...”: a paragraph that is only a quotation, after
                # one that ends in a quoted claim, goes on with that claim
                open_claim, continuing = closing, True
            closing = None
            ended: _Draft | None = None
            quote_index = 0
            for sent_start, sent_end in sentences:
                inside: list[Quotation] = []
                while quote_index < len(quotations) and quotations[quote_index].start < sent_end:
                    if quotations[quote_index].start >= sent_start:
                        inside.append(quotations[quote_index])
                    quote_index += 1
                if not inside and not self._may_hold_claim(sent_start, sent_end, para_start):
                    continuing = False
                    continue
                try:
                    tokens = _tokenize(text, sent_start, sent_end, inside)
                    made = self._sentence(tokens, (sent_start, sent_end), para_start == sent_start)
                except Exception:  # a bug must cost one sentence, never the article
                    logger.exception("extraction failed on the sentence at %d", sent_start)
                    made = []
                    tokens = []
                if made:
                    last = ended = _quoted_claim(made)
                    continuing = False
                    continue
                target = last or (open_claim if continuing else None)
                if target is not None and _only_quotations(tokens):
                    _append_quotes(target, tokens, sent_end)
                    last = ended = target
                    continue
                continuing = False
                ended = None
            if ended is not None and ended.has_quote and _backward_claim(ended):
                closing = ended
            open_claim = None
            if (
                last is not None
                and quotations
                and not quotations[-1].closed
                and last.content
                and last.content[-1][1] >= quotations[-1].inner_start
            ):
                open_claim = last

    def _may_hold_claim(self, start: int, end: int, para_start: int) -> bool:
        """A cheap test that lets most narrative sentences skip tokenisation."""
        # cue words are lower case, but for the first word ("According to", "Said Ellis:")
        if self._lower_cue_word(start, end):
            return True
        first = _FIRST_WORD_RE.match(self.text, start, end)
        if first is not None and first.group(1).lower() in self.cue_words:
            return True
        if start == para_start and ":" in self.text[start : min(end, start + 60)]:
            return True
        return _headline(self.text, start, end)

    def _lower_cue_word(self, start: int, end: int) -> bool:
        """Whether a cue word stands in ``text[start:end]`` as a lower-case word
        (:data:`_LOWER_WORD_RE`).

        A sentence after a space is first cut into its words in C (every character but
        a-z a space, other ASCII word characters and hyphens a ``#``): a word the
        pattern finds is one of them, so none of them a cue word settles it; in ASCII
        text with no apostrophe, each of them is also a word the pattern finds.
        """
        text = self.text
        piece = text[start:end]
        if start == 0 or text[start - 1].isspace():
            runs = piece.encode("ascii", "replace").translate(_LOWER_RUNS_ONLY).split()
            if self.cue_bytes.isdisjoint(runs):
                return False
            if piece.isascii() and "'" not in piece:
                return True
        return not self.cue_words.isdisjoint(_LOWER_WORD_RE.findall(text, start, end))

    def _paragraph_may_hold(self, start: int, end: int) -> bool:
        """Whether a sentence of a paragraph without quotations may pass
        :meth:`_may_hold_claim`, tested on the whole paragraph at once.

        It admits every paragraph that test would admit a sentence of: a cue word in
        any case anywhere in the lower-cased paragraph stands for both the lower-case
        words and the first word of any sentence, and a colon near the start for the
        label of the first sentence (runs of letters shorter than the shortest cue word
        are not even collected). It relies on cue words being plain letters a-z; if one
        is not, every paragraph is admitted.
        """
        runs = self.cue_runs
        if runs is None or ":" in self.text[start : min(end, start + 60)]:
            return True
        # the same runs, cut apart in C without the regex engine's step per character
        low = self.text[start:end].lower().encode("ascii", "replace")
        return not self.cue_bytes.isdisjoint(low.translate(_LETTERS_ONLY).split())

    # --- one sentence -----------------------------------------------------------------
    def _sentence(
        self, tokens: list[_Tok], sentence: tuple[int, int], starts_paragraph: bool
    ) -> list[_Draft]:
        made: list[_Draft] = []
        self.sentence_claims = made
        if starts_paragraph:
            label = self._label(tokens, sentence)
            if label is not None:
                return [label] if label.content else []
        signed = self._signed_quotes(tokens, sentence)
        if signed:
            made.extend(signed)
            self.drafts.extend(signed)
            return made
        long_sentence = len(tokens) > _MAX_TOKENS
        for offset in range(0, max(len(tokens), 1), _MAX_TOKENS):
            window = tokens[offset : offset + _MAX_TOKENS] if long_sentence else tokens
            if long_sentence and window:
                # a garbled run-on "sentence": each window is a sentence of its own, so
                # that no claim carries (and copies) the whole run
                sentence = (window[0].start, window[-1].end)
            covered = -1
            cue_words = self.cue_words
            # most tokens are no cue: find the few that are in one sweep
            candidates = [index for index, tok in enumerate(window) if tok.low in cue_words]
            for index in candidates:
                tok = window[index]
                if tok.kind != "w" or tok.start < covered:
                    continue
                draft = self._try_cue(window, index, sentence)
                if draft is not None:
                    made.append(draft)
                    self.drafts.append(draft)
                    covered = max(end for _, end in (*draft.content, (tok.end, tok.end)))
        if not made and not long_sentence:
            introduced = self._colon_quote(tokens, sentence)
            if introduced is not None:
                made.append(introduced)
                self.drafts.append(introduced)
        return made

    def _colon_quote(self, tokens: list[_Tok], sentence: tuple[int, int]) -> _Draft | None:
        """'... does not surprise pollster Ida Lund: “...”': a name before a colon whose
        quotation ends the sentence speaks the quotation (a label opening a paragraph is
        :meth:`_label`'s)."""
        colon = next((k for k, tok in enumerate(tokens) if tok.text == ":"), -1)
        if colon < 1 or colon + 1 >= len(tokens) or tokens[colon + 1].kind != "q":
            return None
        if any(tok.kind != "p" for tok in tokens[colon + 2 :]):
            return None  # the quotation must end the sentence
        span = _name_before_colon(tokens, colon)
        if span is None:
            return None  # "The plan has one aim: “...”": no speaker
        start, end, last = span
        k = start
        while (
            k > 0
            and tokens[k - 1].kind == "w"
            and (tokens[k - 1].low in _NP_WORDS_BEFORE_A_NAME or tokens[k - 1].text[0].isupper())
        ):
            k -= 1  # "to the Dutch newspaper NRC Handelsblad:": the phrase the name ends
        before = _word_at(tokens, k - 1)
        if before in CUE_FORMS:
            return None  # "He quoted Lund: “...”", "told Lund:": the cue's own frame
        if before in _AUDIENCE_PREPOSITIONS and not (
            before == "from" and tokens[end - 1].low in _DOC_HEADS
        ):
            return None  # "a message to Trump:", "on CNN:", but "More from the report:"
        quote = _quote_span(self.text, tokens[colon + 1])
        if quote[0] >= quote[1]:
            return None
        return self._make(
            tokens,
            sentence,
            [quote],
            [quote],
            tokens[colon].start_end(),
            "say",
            (start, end),
            (tokens[start].start, tokens[last].end),
            [],
            None,
            (start, colon),
        )

    def _signed_quotes(self, tokens: list[_Tok], sentence: tuple[int, int]) -> list[_Draft]:
        """“...” ― Ada Brandt: quotations signed with a dash and a name, one or several
        in a row (“...” ― Ada Brandt “...” ― Tom Reyes, as in a page of readers' views)."""
        if not tokens or tokens[0].kind != "q":
            return []
        made: list[_Draft] = []
        index = 0
        while index < len(tokens):
            dash = index
            while dash < len(tokens) and (
                tokens[dash].kind == "q"
                or (tokens[dash].kind == "p" and tokens[dash].text not in _SIGNING_DASHES)
            ):
                dash += 1
            quoted = [tok for tok in tokens[index:dash] if tok.kind == "q"]
            if not quoted or dash >= len(tokens) or tokens[dash].text not in _SIGNING_DASHES:
                break
            end = dash + 1
            while (
                end < len(tokens)
                and end - dash <= 7
                and (
                    (
                        tokens[end].kind == "w"
                        and (tokens[end].text[0].isupper() or tokens[end].low in NAME_PARTICLES)
                    )
                    or (tokens[end].text == "." and tokens[end - 1].kind == "w")
                )
            ):
                end += 1
            name = tokens[dash + 1 : end]
            while name and name[-1].kind == "p":
                name = name[:-1]
            if not 0 < len(name) <= 6 or (end < len(tokens) and tokens[end].kind not in ("q", "p")):
                break
            draft = self._signed(quoted, tokens[dash], name, sentence)
            if draft is None:
                break
            made.append(draft)
            index = end
            while index < len(tokens) and tokens[index].kind == "p":
                index += 1
        return made

    def _signed(
        self, quoted: list[_Tok], dash: _Tok, name: list[_Tok], sentence: tuple[int, int]
    ) -> _Draft | None:
        quotes = [_quote_span(self.text, tok) for tok in quoted]
        span = (name[0].start, name[-1].end)
        info = read_mention(_mention_words(name), self.text[span[0] : span[1]])
        if not info.proper:
            return None
        speaker = self.registry.resolve(info, span)
        speaker.speaks = True
        return _Draft(
            sentence=sentence,
            content=quotes,
            quotes=list(quotes),
            cue=dash.start_end(),
            lemma="say",
            source=span,
            speaker=speaker,
            has_quote=True,
        )

    def _label(self, tokens: list[_Tok], sentence: tuple[int, int]) -> _Draft | None:
        """``Q: ...`` / ``A: ...`` / ``PRICE: ...`` at the start of a paragraph."""
        if tokens and tokens[0].kind == "q" and tokens[0].quote is not None:
            # '"PENCE: Well, ...': a transcript quoted paragraph by paragraph puts the
            # label inside the marks; only a label in capitals is read there
            quote = tokens[0].quote
            if self.text.find(":", quote.inner_start, quote.inner_end) == -1:
                return None  # no colon, no label: the quotation need not be tokenised
            inner = _tokenize(self.text, quote.inner_start, quote.inner_end, [])
            colon_at = next((k for k, tok in enumerate(inner[:7]) if tok.text == ":"), -1)
            if colon_at < 1 or not all(
                (tok.kind == "w" and tok.text.isupper()) or _stop_of_word(inner, k)
                for k, tok in enumerate(inner[:colon_at])
            ):
                return None
            tokens = inner
        colon = -1
        for index, tok in enumerate(tokens[:7]):
            if tok.text == ":":
                colon = index
                break
            if _stop_of_word(tokens, index):
                continue  # "SEN. TOM REYES:", "ANA M. BERG:"
            if tok.kind != "w" or not (tok.text[0].isupper() or tok.low in ("the", "a")):
                return None
        if colon < 1 or colon + 1 >= len(tokens):
            return None
        label = tokens[:colon]
        cue_tok = None
        if len(label) > 1 and CUE_FORMS.get(label[0].low) in ("say", "add", "write"):
            cue_tok, label = label[0], label[1:]
        words = _mention_words(label)
        low = " ".join(word.lower() for word in words)
        if low in _QA_QUESTION_LABELS:
            return _Draft((0, 0), [], [], None, "", None, AgentDraft(-1, "", "", None, None, False))
        para_end = self._paragraph_end(sentence[1])
        content = _trim_span(self.text, tokens[colon + 1].start, para_end)
        if content[0] >= content[1]:
            return None
        label_span = (label[0].start, label[-1].end)
        if low in _QA_ANSWER_LABELS:
            speaker = self.registry.last_person() or self._interviewee(label_span[0])
            if speaker is None:
                return None
            answer = MentionInfo(text=words[0], kind="person", name="")
            self.registry.note(speaker, answer, label_span)
        else:
            info = read_mention(words, self.text[label_span[0] : label_span[1]])
            shouted = all(word.isupper() for word in words if word.isalpha())
            if (
                not (info.proper or info.head in PERSON_NOUNS or info.head in _DOC_HEADS)
                or low in _NOT_LABELS
            ):  # "MS OKAFOR:", "Spokesman:", and the headline's "Poll:"
                return None
            if not (
                shouted
                or cue_tok
                or self.registry.knows(info, label_span[0])
                or (
                    (info.kind in ("person", "outlet") or info.head in _DOC_HEADS)
                    and self._named_later(label_span)
                )
            ):
                return None  # "Stealth Over Health: ..." is a headline, not a speaker
            if not (shouted or cue_tok) and self._section_heading(tokens[colon + 1 :], para_end):
                return None  # "Reyes: Hold the harbor wards." over a paragraph about Reyes
            speaker = self.registry.resolve(info, label_span)
        speaker.speaks = True
        quotes = [q for q in _quotes_in(tokens[colon + 1 :])]
        rest = [tok for tok in tokens[colon + 1 :] if tok.kind != "p"]
        if all(tok.kind == "w" and tok.text[0].isdigit() for tok in rest):
            return None  # a tally: "Okafor: 1,547."
        if len(rest) == 1 and rest[0].kind == "q" and para_end <= rest[0].end + 1:
            # 'Said Lund: “...”': the words inside the marks, as for any quotation
            content = _quote_span(self.text, rest[0])
        draft = _Draft(
            sentence=(sentence[0], para_end),
            content=[content],
            quotes=quotes or [content],
            cue=(cue_tok or tokens[colon]).start_end(),
            lemma=CUE_FORMS[cue_tok.low] if cue_tok else "say",
            source=label_span,
            speaker=speaker,
            has_quote=True,
            verbatim=not quotes,
        )
        self._inherit_via(draft)
        self.drafts.append(draft)
        return draft

    def _section_heading(self, after_colon: list[_Tok], para_end: int) -> bool:
        """Whether a mixed-case label and a few words head a section of the article
        ("Reyes: Hold the harbor wards.") rather than give a speaker's words: not the
        title, no quotation, at most six words, and prose after it, not another label."""
        if sum(tok.kind == "w" for tok in after_colon) > 6:
            return False
        if any(tok.kind == "q" for tok in after_colon):
            return False
        label_line = self.text.rfind("\n", 0, after_colon[0].start)
        before = self.text[: max(label_line, 0)].rstrip()
        if not before:
            return False  # the title: "Lund: Ferry Will Run All Winter"
        previous_line = before.rfind("\n") + 1
        # a transcript's turns follow one another: "Q: ...", "Lund: The steel arrives late."
        return (
            _LABEL_OPENING_RE.match(self.text, para_end) is None
            and _LABEL_OPENING_RE.match(self.text, previous_line) is None
        )

    def _named_later(self, span: tuple[int, int]) -> bool:
        """Whether the words of a label come back in the next few paragraphs: "Lena Ortiz:
        ..." heads a story about Ortiz; "Storm Season Ahead: ..." names no one."""
        written = self.text[span[0] : span[1]]
        # a bounded window keeps a text of many labels linear
        found = self.text.find(written, span[1], span[1] + _LABEL_WINDOW)
        if found == -1:
            return False
        after = found + len(written)
        return not (after < len(self.text) and self.text[after].isalnum())

    def _interviewee(self, before: int) -> AgentDraft | None:
        """The person an interview introduces ("We spoke to the architect Ida Lund")."""
        window_start = max(0, before - 3000)
        last = None
        for match in _INTERVIEW_RE.finditer(self.text, window_start, before):
            last = match
        if last is None:
            return None
        stop = self.text.find("\n", last.end(), before)
        tokens = _tokenize(self.text, last.end(), before if stop == -1 else stop, [])
        phrase = _noun_phrase_after(tokens, 0)
        if phrase is None:
            return None
        info, span = self._mention(tokens, phrase)
        if info is None or info.kind != "person":
            return None
        return self.registry.resolve(info, span)

    def _paragraph_end(self, position: int) -> int:
        newline = self.text.find("\n", position)
        return len(self.text) if newline == -1 else _trim_span(self.text, position, newline)[1]

    # --- one cue ----------------------------------------------------------------------
    def _try_cue(self, toks: list[_Tok], i: int, sentence: tuple[int, int]) -> _Draft | None:
        tok = toks[i]
        if tok.low == "according" and _word_at(toks, i + 1) == "to":
            return self._according_to(toks, i, sentence)
        lemma = CUE_FORMS.get(tok.low)
        if lemma is None or not self._wanted(lemma):
            return None
        if (
            i > 0
            and not tok.text.islower()
            and not (
                tok.text.istitle()
                and _headline(self.text, *sentence)
                and _word_at(toks, i + 1) not in CUE_FORMS
            )
        ):
            return None  # "United States", "Reuters Reports", "Harbor Reports Say"
        if lemma == "cite" and "cite" not in self.acts:
            return None
        if (
            _word_at(toks, i + 1) == "to"
            and _word_at(toks, i + 2) in ("be", "have")
            and tok.low in ("said", "reported", "rumored", "alleged", "reputed")
        ):
            return None  # "the ferries said to be late": a passive, nobody says it
        if (
            tok.low == "told"
            and _word_at(toks, i - 1) == "all"
            and (i == 1 or toks[i - 2].kind == "p")
        ):
            return None  # "All told, the groups spent $2.5 million": in all
        if _word_at(toks, i + 1) == "by" and "as" in (_word_at(toks, i - 1), _word_at(toks, i - 2)):
            return self._as_done_by(toks, i, lemma, sentence)
        if lemma == "see" and _sees_a_thing(toks, i):
            return None  # "would see a 50 percent raise", "saw the tweet and ..."
        if lemma == "maintain" and _keeps_a_thing(toks, i):
            return None  # "Ortiz maintains a wide lead", not "maintains that ..."
        if (lemma, _word_at(toks, i + 1)) in _NOT_SPEECH_COMPLEMENTS or (
            lemma == "find" and _word_at(toks, i + 1) in _REFLEXIVES
        ):
            return None  # "found himself in", "backed away from": not what anyone holds
        progressive = tok.low.endswith("ing") and tok.low != lemma and _after_be(toks, i)
        if tok.low.endswith("ing") and tok.low != lemma and not progressive:
            if " " in lemma and f"{tok.low} {_word_at(toks, i + 1)}" not in CUE_FORMS:
                return None  # ", speaking to reporters,": "speak" is a cue with "about"
            return self._participle(toks, i, lemma, sentence)
        if tok.low not in _SPEECH_FORMS and _possessive(toks[i - 1]):
            return None  # "Reyes’s plans", "the mayor's claims": a noun after a possessive
        if tok.low in _PLURAL_NOUN_FORMS and not _verb_reading(toks, i):
            return None  # "the 12 states where ...", "the harbor attacks and ..."
        if (
            tok.low in _SINGULAR_NOUN_FORMS
            and not _plain_plural(_word_at(toks, i - 1) or "")
            and not _verb_reading(toks, i)
        ):
            return None  # "state laws", "in each state", but "observers doubt they ..."
        if _adjectival_participle(toks, i):
            return None  # "40 pledged seats", "a group known as ..."
        if _coordinator_before(toks, i) in ("and", "but") and self.sentence_claims:
            # "He says X and says Y", "... but argues Y": the same speaker again
            return self._participle(toks, i, lemma, sentence)
        if tok.low == lemma and not self._bare_form_ok(toks, i):
            return None
        cue_end = i
        if " " in lemma:
            # "pointed out" / "pointed to": the particle decides, and may be missing
            phrasal = CUE_FORMS.get(f"{tok.low} {_word_at(toks, i + 1)}")
            if phrasal is None or not self._wanted(phrasal):
                return None
            if tok.low == phrasal.split()[0] and not self._bare_form_ok(toks, i):
                return None  # "a talk about ...": a noun
            lemma, cue_end = phrasal, i + 1
        elif _word_at(toks, i + 1) in _PARTICLES.get(lemma, ()):
            cue_end = i + 1  # "called for", "pointed to"
        elif (
            _word_at(toks, i + 2) in _PARTICLES.get(lemma, ())
            and _word_at(toks, i + 1) in _BETWEEN_CUE_AND_PARTICLE
        ):
            cue_end = i + 2  # "called again for", "called Wednesday for"
        elif lemma == "call" and _word_at(toks, i + 1) in ("in", "into", "up", "off", "out"):
            return None  # "she called in to a radio show"
        elif lemma == "respond" and "by" in (_word_at(toks, i + 1), _word_at(toks, i + 2)):
            # "responded by saying ...": the cue runs to the speech verb; "responded by
            # easing sanctions" reports a deed
            how = _speech_by(toks, i)
            if how is None:
                return None
            cue_end = how
        elif _not_a_cue_here(lemma, _word_at(toks, i + 1)) and not _to_an_audience(toks, i + 1):
            return None  # "Ortiz continues to lead", "crowds showed up"
        object_range: tuple[int, int] | None = None
        if lemma == "quote":
            found = _find_as_saying(toks, i)
            if found is None:
                return None
            cue_end = found
            object_end = found - 1
            while object_end > i + 1 and toks[object_end - 1].kind == "p":
                object_end -= 1
            if i + 1 < object_end:
                object_range = (i + 1, object_end)
        if lemma != "quote" and not progressive and _is_passive(toks, i):
            return None  # "the barrier was first promised in 2023"
        subject = _subject_before(toks, i)
        if subject is None and tok.low in _SPEECH_FORMS:
            subject = _described_subject(toks, i)
        inverted = False
        as_clause = (
            subject is not None and subject.start > 0 and toks[subject.start - 1].low == "as"
        )
        if subject is None and _coordinator_before(toks, i) in ("and", "but"):
            # "McConnell was quick to embrace him and said ...": the sentence's subject
            return self._participle(toks, i, lemma, sentence)
        if subject is None:
            after = _noun_phrase_after(toks, cue_end + 1)
            opening = i == 0 and tok.low in _SPEECH_FORMS  # 'Said Lund, "..."'
            if after is None or not (opening or (i > 0 and _ends_content(toks[i - 1]))):
                return None
            if lemma in _OBJECT_CUES or lemma == "quote":
                return None  # ", told The Ledger": the object of the verb, not its speaker
            if any(
                _word_at(toks, j) in _FINITE_AFTER_SUBJECT for j in range(after[0], after[1] + 1)
            ):
                return None  # ", said the problem was ...": a clause, not an inverted source
            subject = _Subject(after[0], after[1], _appositive_end(toks, after[1]))
            inverted = True
        passive = _word_at(toks, i - 1) in ("was", "were", "is", "been")
        if lemma == "quote" and object_range is None and not passive:
            return None
        frame_start = min(subject.start, i)
        frame_end = max(subject.span_end - 1, cue_end)
        if as_clause:
            frame_start -= 1
        content, quotes, after_frame = self._content(
            toks, cue_end, frame_start, frame_end, lemma, inverted, as_clause
        )
        if content is None:
            return None
        if lemma == "report" and not quotes and self.text.startswith("from ", content[0][0]):
            return None  # "Quill reported from Harbor City.": where the reporter was
        if lemma == "call" and cue_end == i and not quotes and _only_a_name(self.text, content):
            return None  # "a group called Harbor First", "Lund called Reyes" (phoned)
        if lemma == "call" and cue_end == i and _names_a_thing(toks, i):
            return None  # "a PAC called Harbor First, led by ...", "a play called “Tides”"
        speaker_range = subject.ref or (subject.start, subject.end)
        last = subject.span_end - 1
        while last > subject.start and toks[last].kind == "p" and toks[last].text not in (")", "%"):
            last -= 1
        source_span = (toks[subject.start].start, toks[last].end)
        via_ranges: list[tuple[int, int]] = []
        if subject.ref is None and not inverted:
            # "Emails reviewed by the Ledger suggest": the emails speak, the Ledger relays
            # them, as after *according to*
            speaker_range, via_ranges = _author_and_relay(toks, speaker_range)
        if object_range is not None:
            # "quoted Ada Moss, a Lansing native, as saying": the name is the speaker,
            # the whole phrase the source as written
            comma = next((k for k in range(*object_range) if toks[k].text == ","), object_range[1])
            speaker_range = (object_range[0], comma)
            source_span = (toks[object_range[0]].start, toks[object_range[1] - 1].end)
            via_ranges.append((subject.start, subject.end))
        citing = _find_citing(toks, frame_start, after_frame) or _citing_after(toks, content)
        if citing is not None:
            via_ranges = [speaker_range, *via_ranges]
            speaker_range = citing
            source_span = (toks[citing[0]].start, toks[citing[1] - 1].end)
        interview = _find_interview_outlet(toks, cue_end + 1, after_frame)
        if lemma in _OBJECT_CUES and interview is None:
            interview = _noun_phrase_after(toks, cue_end + 1)
        return self._make(
            toks,
            sentence,
            content,
            quotes,
            (tok.start, toks[cue_end].end),
            lemma,
            speaker_range,
            source_span,
            via_ranges,
            interview,
            (frame_start, after_frame),
        )

    def _participle(
        self, toks: list[_Tok], i: int, lemma: str, sentence: tuple[int, int]
    ) -> _Draft | None:
        """ ", adding that ...", ", saying ...": a claim of the sentence's speaker."""
        if i == 0 or lemma in BELIEF_CUES:
            return None
        if _not_a_cue_here(lemma, _word_at(toks, i + 1)) and not _to_an_audience(toks, i + 1):
            return None  # ", continuing his win streak", ", adding to the confusion"
        with_subject = _with_subject(toks, i)
        before = toks[_coordinator_index(toks, i)]
        if (
            with_subject is None
            and before.text not in (",", "—", "–", "and", "but", "by")
            and not (lemma in _SAYING_LEMMAS and _said_in_passing(toks, i))
            and not (before.kind == "q" and _ends_content(before))
        ):
            return None  # a participle after a comma, or after a quotation that holds one
        previous = None
        if with_subject is None and self.sentence_claims:
            previous = self.sentence_claims[-1]
            if (
                lemma == "cite"
                and previous.source is not None
                and i + 1 < len(toks)
                and previous.source[0] == toks[i + 1].start
            ):
                return None  # "..., citing two engineers": the source of the claim before
        start = i + 1
        cue = (toks[i].start, toks[i].end)
        phrasal = CUE_FORMS.get(f"{toks[i].low} {_word_at(toks, start)}")
        if _word_at(toks, start) in _PARTICLES.get(lemma, ()) or (
            phrasal is not None and self._wanted(phrasal)
        ):
            # ", referring to ...", ", pointing out ...": the particle belongs to the cue
            lemma = phrasal or lemma
            cue = (toks[i].start, toks[start].end)
            start += 1
        if lemma in _OBJECT_CUES:
            start = _skip_object(toks, start)
        framed = _frame_to_clause(toks, start, lemma)
        start = max(framed, _frame_to_clause(toks, _skip_complement(toks, start), lemma))
        end = _forward_end(toks, start)
        opened = _introduced_quotation(toks, start, end)
        if opened is not None:
            start = opened  # ", telling reporters, “...”": the quotation is what was said
        if start >= end or (_word_count(toks, start, end) < 2 and toks[start].kind != "q"):
            return None
        if toks[start].kind == "q" and end - start == 1:
            span = _quote_span(self.text, toks[start])
            content, quotes = [span], [span]
        else:
            piece = _strip_piece(self.text, toks, start, end)
            if piece is None:
                return None
            content, quotes = [piece], _quotes_in(toks[start:end])
        if previous is not None:
            draft = _Draft(
                sentence=sentence,
                content=content,
                quotes=[q for q in quotes if _is_real_quote(self.text, q, content)],
                cue=cue,
                lemma=lemma,
                source=previous.source,
                speaker=previous.speaker,
                via=list(previous.via),
            )
            draft.has_quote = bool(draft.quotes)
            return draft
        subject = with_subject
        if subject is None:
            subject = _participle_subject(toks, i)
            if subject is None:
                return None
        span = (toks[subject[0]].start, toks[subject[1] - 1].end)
        return self._make(
            toks,
            sentence,
            content,
            quotes,
            cue,
            lemma,
            subject,
            span,
            [],
            None,
            (with_subject[0] - 1 if with_subject else 0, i),
        )

    def _wanted(self, lemma: str) -> bool:
        return lemma not in self.unwanted

    def _bare_form_ok(self, toks: list[_Tok], i: int) -> bool:
        previous = _word_at(toks, i - 1)
        if i > 1 and _adverb_after_subject(toks, i - 1):
            # "islanders often say": the subject is before the adverb
            return self._bare_form_ok([*toks[: i - 1], *toks[i:]], i - 1)
        if previous in _BARE_FORM_SUBJECTS:
            return previous != "to" or _went_on_to(toks, i) or _keen_to(toks, i)
        if (
            i > 1
            and previous in ("only", "merely", "simply", "just")
            and _word_at(toks, i - 2) in _BARE_FORM_SUBJECTS
            and _word_at(toks, i - 2) != "to"
        ):
            return True  # "would only say", "will simply say"
        if toks[i].low == "say":
            described = _described_subject(toks, i)
            if described is not None and _plain_plural(toks[described.end - 1].low):
                return True  # "Harbor pilots say", "the deckhands say"
        if previous is None:
            # "42% say", "Six in 10 say"; "Critics, however, say": an aside in commas
            if i > 1 and toks[i - 1].text == "%":
                return toks[i - 2].text[0].isdigit()
            return i > 1 and toks[i - 1].text == "," and _plural_subject(toks, i)
        if (previous[0].isdigit() or previous in _COUNT_WORDS) and _word_at(toks, i - 2) in (
            "in",
            "of",
        ):
            return True  # "Six in 10 say", "one in five say", "nine out of 10 say"
        if previous.endswith("s") and _looks_like_agent_noun(previous):
            return True  # "most islanders say", "two campaigners say"
        if _plural_subject(toks, i) or previous in _MASS_DOC_HEADS:
            return True  # "People familiar with the plan say", "Data show"
        if _passive_relative_head(toks, i) is not None:
            return True  # "Emails reviewed by the Ledger suggest"
        # "officials say", "companies say", "52 percent say", "records show": a plural
        if _capitalised_plural(toks[i - 1]) or (
            previous not in _SUBJECT_DETERMINERS and _counts_people(toks, i - 1, i, i - 1)
        ):
            return True  # "Islanders say", "three-quarters say", not "most state parties"
        return previous in _QUANTITY_HEADS or (
            previous.endswith("s")
            and (
                previous in PERSON_NOUNS
                or _is_org_plural(previous)
                or previous in _DOC_HEADS
                or previous[:-1] in _DOC_HEADS
            )
        )

    def _as_done_by(
        self, toks: list[_Tok], i: int, lemma: str, sentence: tuple[int, int]
    ) -> _Draft | None:
        """ "As reported by the Ledger, ...", "..., as first noted by Lund.": the agent
        after *by* is the source, the rest of the sentence the content."""
        as_index = i - 1 if toks[i - 1].low == "as" else i - 2
        if as_index == i - 2 and not (toks[i - 1].kind == "w" and toks[i - 1].text.islower()):
            return None
        found = _noun_phrase_after(toks, i + 2, any_head=True)
        if found is None:
            return None
        if as_index <= _content_start(toks, as_index):
            resume = found[1]
            if resume >= len(toks) or toks[resume].text != ",":
                return None  # the phrase must end at a comma before the content
            piece = _strip_piece(self.text, toks, resume + 1, _forward_end(toks, resume + 1))
        else:
            if found[1] < len(toks) and toks[found[1]].kind == "w":
                return None  # "as reported by the Ledger last week ...": a clause goes on
            piece = _strip_piece(self.text, toks, _content_start(toks, as_index), as_index)
        if piece is None or _word_count(toks, 0, len(toks)) < 6:
            return None
        return self._make(
            toks,
            sentence,
            [piece],
            [q for q in _quotes_in(toks) if _inside_any(q, [piece])],
            (toks[i].start, toks[i].end),
            lemma,
            found,
            (toks[found[0]].start, toks[found[1] - 1].end),
            [],
            None,
            (as_index, found[1]),
        )

    def _according_to(self, toks: list[_Tok], i: int, sentence: tuple[int, int]) -> _Draft | None:
        # whatever follows "according to" is a source: "his biography", "press reports"
        source = _noun_phrase_after(toks, i + 2, any_head=True)
        if source is None:
            return None
        content: list[tuple[int, int]] = []
        before = _span_of(toks, 0, i)
        if before is not None:
            # not the dateline or a linking word: "WASHINGTON (Reuters) - But ..."
            piece = _strip_piece(self.text, toks, _content_start(toks, i), i)
            if piece is not None:
                content.append(piece)
        source = (source[0], _according_tail(toks, source[1]))
        if not content:
            source = (source[0], _opening_source_end(toks, source[1], i + 20))
        mention_end = _according_appositive(toks, source[1], bool(content))
        resume = mention_end
        while resume < len(toks) and toks[resume].kind == "p" and toks[resume].text in ",:—–-":
            resume += 1
        if resume < len(toks) and (not content or toks[mention_end].text in ",—–-"):
            piece = _strip_piece(self.text, toks, resume, len(toks))
            if piece is not None:
                content.append(piece)
        if not content:
            return None
        quotes = [q for q in _quotes_in(toks) if _inside_any(q, content)]
        speaker, via = _author_and_relay(toks, source)
        return self._make(
            toks,
            sentence,
            content,
            quotes,
            (toks[i].start, toks[i + 1].end),
            "according to",
            speaker,
            (toks[source[0]].start, toks[mention_end - 1].end),
            via,
            None,
            (i, mention_end),
        )

    def _content(
        self,
        toks: list[_Tok],
        cue_end: int,
        frame_start: int,
        frame_end: int,
        lemma: str,
        inverted: bool,
        as_clause: bool,
    ) -> tuple[list[tuple[int, int]] | None, list[tuple[int, int]], int]:
        """The content pieces, the quotations in them, and the token where the frame ends.

        Content comes before the frame ("...," the official added), after it (Price said
        that ...), or on both sides ("A," he said, "B." / The goal, she said, is peace.).
        """
        text = self.text
        before_end = frame_start
        backward = (
            before_end > 0
            and _ends_content(toks[before_end - 1], before_end == 1)
            and not _is_frame_prefix(toks, before_end)
        )
        start = frame_end + 1
        if lemma in _OBJECT_CUES:
            start = _skip_object(toks, start)
        skipped_from = start
        framed = _frame_to_clause(toks, start, lemma)
        start = max(framed, _frame_to_clause(toks, _skip_complement(toks, start), lemma))
        after_comma = any(
            tok.kind == "p" and tok.text in (",", ":", ";", "—", "–")
            for tok in toks[skipped_from : start + 1]
        )
        if as_clause:
            while start < len(toks) and toks[start].kind == "p":
                start += 1
        end = _forward_end(toks, start)
        if _in_opening_clause(toks, frame_start):
            end = _opening_clause_end(toks, start, end)
        if lemma in _OBJECT_ACTS and start < end and toks[start].kind == "w":
            end = _object_end(toks, start, end)
        if _word_at(toks, start) in ("yes", "no") and (
            start + 1 >= end
            or toks[start + 1].text in (".", ";", "!")
            or (toks[start + 1].text == "," and _word_at(toks, start + 2) in ("and", "but"))
        ):
            end = start + 1  # "46 percent said yes", "said no, and work stopped": an answer
        forward_words = _word_count(toks, start, end) if start < end else 0
        if forward_words == 1 and _word_at(toks, start) in ("yes", "no"):
            forward_words = 2  # a whole answer in one word
        forward_quote = start < end and toks[start].kind == "q"
        if backward:
            quoted_before = all(tok.kind in ("q", "p") for tok in toks[:before_end])
            # "..., lawmakers said Friday, as they left ...", but not "Ortiz said if
            # elected she would ..."
            subordinate = _word_at(toks, start) in _SUBORDINATORS and after_comma
            if quoted_before or subordinate or not (forward_quote or forward_words >= 2):
                # "..., top lawmakers said Friday, as they bristled at ...": the rest is
                # the article's narration
                return self._backward(toks, before_end, frame_end, quoted_before, lemma)
            if after_comma and (not forward_quote or _continues_clause(toks[start])):
                # The goal, she said, is peace: both sides; also The goal, she said,
                # “is peace”
                pieces, quotes, _ = self._backward(toks, before_end, frame_end, False, lemma)
                if pieces is None:
                    return None, [], len(toks)
                piece: tuple[int, int] | None = _strip_piece(text, toks, start, end)
                if end - start == 1 and forward_quote:
                    piece = _quote_span(text, toks[start])
                if piece is not None and not _starts_participle(toks, start):
                    # _backward took the quotation right after the frame: the piece
                    # that runs on from it replaces it
                    pieces = [p for p in pieces if not piece[0] <= p[0] < p[1] <= piece[1]]
                    pieces.append(piece)
                    quotes.extend(q for q in _quotes_in(toks[start:end]) if q not in quotes)
                return pieces, quotes, start
        elif inverted and frame_start > 0:
            return None, [], frame_end + 1
        if start >= end or _word_at(toks, start) in ("and", "or", "nor"):
            # "The protester yelled and held up a banner": no content
            return None, [], len(toks)
        opened = _introduced_quotation(toks, start, end)
        if opened is not None:
            start = opened  # "told the crowd, “...”": the quotation is what was said
        if end - start == 1 and toks[start].kind == "q":
            span = _quote_span(text, toks[start])
            return ([span], [span], end) if span[0] < span[1] else (None, [], end)
        piece = _strip_piece(text, toks, start, end)
        if piece is None or forward_words < (1 if lemma in _OBJECT_ACTS else 2):
            return None, [], end
        return [piece], _quotes_in(toks[start:end]), start

    def _backward(
        self,
        toks: list[_Tok],
        before_end: int,
        frame_end: int,
        quoted_before: bool,
        lemma: str = "",
    ) -> tuple[list[tuple[int, int]] | None, list[tuple[int, int]], int]:
        """Content before the frame, and a quotation the frame interrupts."""
        text = self.text
        if quoted_before:
            quotes = [_quote_span(text, tok) for tok in toks[:before_end] if tok.kind == "q"]
            pieces = [q for q in quotes if q[0] < q[1]]
        else:
            piece = _strip_piece(text, toks, _content_start(toks, before_end), before_end)
            pieces = [piece] if piece is not None else []
            quotes = [q for q in _quotes_in(toks[:before_end]) if _inside_any(q, pieces)]
        if not pieces:
            return None, [], frame_end + 1
        # "A," he said on Tuesday, "B.": skip the time or place, then the punctuation;
        # "A," she told Hewitt, "B.": whom she told too
        after = frame_end + 1
        if lemma in _OBJECT_CUES:
            after = _skip_object(toks, after)
        after = _skip_complement(toks, after)
        if _word_at(toks, after) in ("of", "about"):
            # "A," he said of the council, "B."
            topic = _noun_phrase_after(toks, after + 1)
            if topic is not None:
                after = _skip_complement(toks, topic[1])
        while after < len(toks) and toks[after].kind == "p" and toks[after].text in ",:;—–-":
            after += 1
        if after < len(toks) and toks[after].kind == "q":
            span = _quote_span(text, toks[after])
            if span[0] < span[1]:
                pieces.append(span)
                quotes.append(span)
            return pieces, quotes, after
        last = _closing_quotation(toks, after)
        if last is not None:
            # “A,” Lund said in Lansing, Mich. “B.”: a sentence the splitter did not end
            span = _quote_span(text, toks[last])
            if span[0] < span[1]:
                pieces.append(span)
                quotes.append(span)
        return pieces, quotes, len(toks)

    # --- building ---------------------------------------------------------------------
    def _make(
        self,
        toks: list[_Tok],
        sentence: tuple[int, int],
        content: list[tuple[int, int]],
        quotes: list[tuple[int, int]],
        cue: tuple[int, int],
        lemma: str,
        speaker_range: tuple[int, int],
        source_span: tuple[int, int],
        via_ranges: list[tuple[int, int]],
        interview: tuple[int, int] | None,
        frame: tuple[int, int],
    ) -> _Draft | None:
        if content and _anonymity_request(self.text, content):
            return None  # "who asked not to be named": how the speaker is cited, no claim
        if content and _NOTHING_SAID_RE.match(self.text, content[0][0], content[0][1]):
            return None  # "says nothing about the pumps": what was not said, as a negated cue
        speaker_range, source_span = _trim_source(toks, speaker_range, source_span)
        speaker_info, speaker_span = self._mention(toks, speaker_range)
        if speaker_info is None:
            return None
        # resolve intermediaries first: "the paper" must resolve before a new speaker
        via: list[AgentDraft] = []
        for via_range in via_ranges:
            info, span = self._mention(toks, via_range)
            if info is not None:
                via.append(self.registry.resolve(info, span))
        speaker = self.registry.resolve(speaker_info, speaker_span)
        if interview is not None:
            info, span = self._mention(toks, interview)
            if (
                info is not None
                and info.kind == "outlet"
                and info.name.lower().removeprefix("the ") != self.publisher
            ):
                via.append(self.registry.resolve(info, span))
        speaker.speaks = True
        for agent in via:
            agent.speaks = True
        real_quotes = [q for q in quotes if _is_real_quote(self.text, q, content)]
        draft = _Draft(
            sentence=sentence,
            content=content,
            quotes=real_quotes,
            cue=cue,
            lemma=lemma,
            source=source_span,
            speaker=speaker,
            via=via,
            explicit_via=bool(via),
            has_quote=bool(real_quotes),
        )
        draft.time = _find_time(toks, frame, content)
        self._inherit_via(draft, audience=interview is not None)
        return draft

    def _inherit_via(self, draft: _Draft, *, audience: bool = False) -> None:
        """A follow-up ("the official added") came through whoever relayed the claim
        it continues; a claim with its own audience ("told reporters") did not."""
        if draft.via or audience or not self.drafts:
            return
        follow_up = draft.lemma in ("add", "continue")
        if not follow_up:
            # "the official said" right after the claim it continues
            previous = self.drafts[-1]
            written = self.text[draft.source[0] : draft.source[1]].lower() if draft.source else ""
            if previous.speaker is draft.speaker and written.split()[:1] in (
                ["the"],
                ["he"],
                ["she"],
                ["they"],
                ["it"],
            ):
                draft.via = list(previous.via)
            return
        for earlier in reversed(self.drafts[-3:]):
            if earlier.speaker is draft.speaker:
                draft.via = list(earlier.via)
                return

    def _mention(
        self, toks: list[_Tok], token_range: tuple[int, int]
    ) -> tuple[MentionInfo | None, tuple[int, int]]:
        first, last = token_range
        words = _mention_words(toks[first:last])
        span = (toks[first].start, toks[last - 1].end)
        if not words:
            return None, span
        contracted = _contraction_length(toks[last - 1])
        if contracted:
            # "She’s said": the subject is "She"
            words[-1] = words[-1][:-contracted]
            span = (span[0], span[1] - contracted)
        info = read_mention(words, self.text[span[0] : span[1]])
        return info, span


def _stop_of_word(toks: list[_Tok], index: int) -> bool:
    """Whether ``toks[index]`` is a full stop written right after a word ("Sen.", "M.")."""
    tok = toks[index]
    return (
        tok.text == "."
        and index > 0
        and toks[index - 1].kind == "w"
        and toks[index - 1].end == tok.start
    )


def _mention_words(toks: list[_Tok]) -> list[str]:
    """The words of a mention, with the full stop of an initial ("Ana M. Berg"), a title
    or another abbreviation ("Lt. Gov.", "Dr.", "Quill Marine Co.") and dotted letters
    ("U.S."): the tokenizer splits the last stop off a word."""
    words: list[str] = []
    for index, tok in enumerate(toks):
        if tok.kind == "w":
            words.append(tok.text)
        elif _stop_of_word(toks, index):
            before = toks[index - 1]
            if (
                (len(before.text) == 1 and before.text.isupper())
                or before.low in ABBREVIATIONS
                or "." in before.text
            ):
                words[-1] += "."
    return words


# Words that end a subject without being part of the mention: "Richards and Menendez
# both said", "the ministry has repeatedly said", "two committees on Monday said".
_SOURCE_TAIL: Final = _wordset(
    """both all also too alone each instead meanwhile however then now again still later
    earlier already not never himself herself itself themselves"""
)
# Phrases that end a subject without being part of the mention: "the mayor at the
# time said", "Lund, of course, said".
_TAIL_PHRASES: Final = (("at", "the", "time"), ("of", "course"), ("in", "particular"))


def _tail_phrase(toks: list[_Tok], first: int, stop: int) -> int:
    """How many tokens before ``stop`` are a phrase that ends a subject (0 if none)."""
    last = toks[stop - 1]
    if last.low in _TIME_UNITS and stop - first > 2 and toks[stop - 2].low in _TIME_WORDS:
        return 2  # "Thursday evening"
    for phrase in _TAIL_PHRASES:
        size = len(phrase)
        if (
            last.low == phrase[-1]  # most often not: no tuple to build
            and stop - first > size
            and tuple(t.low for t in toks[stop - size : stop]) == phrase
        ):
            return size
    return 0


_NOT_ADVERBS: Final = _wordset(
    """family ally rally assembly supply monopoly anomaly butterfly bully italy july
    reply holy ugly belly jelly daily weekly monthly quarterly yearly"""
)


def _trim_source(
    toks: list[_Tok], speaker_range: tuple[int, int], source_span: tuple[int, int]
) -> tuple[tuple[int, int], tuple[int, int]]:
    """The mention without the adverbs, auxiliaries and times that end its subject."""
    first, last = speaker_range
    stop = last
    while stop - first > 1:
        if _ends_subject(toks[stop - 1], toks[stop] if stop < last else None):
            stop -= 1
        elif (phrase := _tail_phrase(toks, first, stop)) > 0:
            stop -= phrase
        else:
            break
    start = first
    if last - first > 1 and toks[first].low == "by" and toks[first].text == "by":
        start = first + 1  # the agent of a passive: "... was reported by the harbor board"
    if toks[stop - 1].kind != "w":
        return speaker_range, source_span
    begin, end = source_span
    if end == toks[last - 1].end:
        end = toks[stop - 1].end - _contraction_length(toks[stop - 1])
    if begin == toks[first].start:
        begin = toks[start].start
    return (start, stop), (begin, end)


def _contraction_length(tok: _Tok) -> int:
    """How many characters of a subject are a contracted auxiliary: "they’ve", "she’s"
    (has or is: "Lund’s" may be a possessive or a firm's name, so only after the words
    :func:`_possessive` reads the same way, ``_HAS_CONTRACTIONS``)."""
    low = tok.low
    mark = max(low.rfind("’"), low.rfind("'"))
    if mark <= 0 or tok.kind != "w":
        return 0
    suffix = low[mark + 1 :]
    if suffix in ("ve", "d", "ll", "re", "m"):
        return len(suffix) + 1
    if suffix == "s" and low[:mark] in _HAS_CONTRACTIONS:
        return len(suffix) + 1
    return 0


def _ends_subject(tok: _Tok, following: _Tok | None) -> bool:
    low = tok.low
    if tok.kind != "w":
        return False
    if low in _TIME_WORDS:
        return True
    if tok.text != low:
        return False  # other capitalised words are names: "Italy", "Sunday Times"
    if low in _SOURCE_TAIL or low in _AUX:
        return True
    if low == "on":
        return following is not None and following.low in _TIME_WORDS
    return _ly_adverb(tok)


def _ly_adverb(tok: _Tok) -> bool:
    """A lower-case word in -ly that is no noun in -ly ("similarly", not "family")."""
    low = tok.low
    return (
        tok.kind == "w"
        and tok.text.islower()
        and len(low) > 4
        and low.endswith("ly")
        and low not in _NOT_ADVERBS
    )


_NOTHING_SAID_RE: Final = re.compile(
    r"(?:nothing|little)(?:\s+(?:more|else|about|of|on)\b|[.,;]?$)"
)
_ANONYMITY_RE: Final = re.compile(
    r"(?:(?:not\s+)?to\s+(?:not\s+)?be\s+|to\s+be\s+un)(?:named|identified|quoted)"
    r"|(?:for\s+)?anonymity",
    re.IGNORECASE,
)
_ANONYMITY_ENDS: Final = re.compile(r"\s*(?:$|[,.;)]|(?:because|since|to|so|in\s+order)\b)")


def _anonymity_request(text: str, content: list[tuple[int, int]]) -> bool:
    """ "asked not to be named", "requested anonymity", "asking for anonymity to speak
    freely": a content that only says how the speaker may be cited."""
    start, end = content[0]
    found = _ANONYMITY_RE.match(text, start, end)
    return found is not None and _ANONYMITY_ENDS.match(text, found.end(), end) is not None


_AUDIENCE_PREPOSITIONS: Final = _wordset("to of on in with at from for about by")
_NP_WORDS_BEFORE_A_NAME: Final = (
    frozenset({"the", "a", "an"}) | PERSON_NOUNS | TITLE_WORDS | OUTLET_NOUNS | ORG_NOUNS
)


def _name_before_colon(toks: list[_Tok], colon: int) -> tuple[int, int, int] | None:
    """The speaker written before a colon: a proper name with its title and party
    ("Rep. Tom Reyes (R-Harbor)"), with the role and its modifiers before it ("Harbor
    pollster Ida Lund"), or a document ("the report"). Returns the first token, the end
    of the name and the last token of the mention, or None."""
    name_end = colon
    if toks[colon - 1].text == ")":
        opening = next(
            (k for k in range(colon - 2, max(colon - 9, 0), -1) if toks[k].text == "("), 0
        )
        if opening < 1:
            return None
        name_end = opening
    k = name_end
    while k > 0 and name_end - k < 6:
        tok = toks[k - 1]
        if tok.kind == "w" and (
            tok.text[0].isupper()
            or (k < name_end and tok.low in NAME_PARTICLES)
            or (k < name_end and tok.low == "and" and k >= 2 and toks[k - 2].text[0].isupper())
        ):
            k -= 1  # "Ida Lund", "Mark van Berg", "Ida Lund and Tom Reyes"
        elif tok.text == "." and k >= 2 and toks[k - 2].kind == "w" and len(toks[k - 2].text) <= 4:
            k -= 1  # "Rep.", "Dr."
        else:
            break
    if k == name_end:
        if (
            name_end >= 2
            and toks[name_end - 1].low in _DOC_HEADS
            and toks[name_end - 2].low in _NOUN_DETERMINERS
        ):
            return name_end - 2, name_end, colon - 1  # "More from the report: “...”"
        return None
    if toks[k].text == "." or toks[name_end - 1].low.endswith(("'s", "’s")):
        return None
    start = k
    while start > 0 and toks[start - 1].kind == "w" and toks[start - 1].low in ROLE_WORDS:
        start -= 1
    if start < k:
        while start > 0 and toks[start - 1].kind == "w" and toks[start - 1].text[0].isupper():
            start -= 1  # "Harbor pollster Ida Lund", "Republican strategist ..."
    return start, name_end, colon - 1


def _only_a_name(text: str, content: list[tuple[int, int]]) -> bool:
    """Whether what follows "called" is a name and no complement: "a group called Harbor
    First is ...", "Ortiz called Reyes on Friday" (named, phoned), not "called Reyes a
    liar" or "called the plan reckless"."""
    start, end = content[0]
    words = text[start:end].split()
    taken = 0
    while taken < len(words) and (
        words[taken][:1].isupper() or (taken and words[taken] in _NAME_JOINERS)
    ):
        taken += 1
        if words[taken - 1][-1:] == ",":
            return False  # "called Reyes, the harbor master, a liar"
    if not taken:
        return False
    if taken == len(words):
        return True
    return words[taken].lower().strip(",.;:") in _AFTER_A_NAME


def _names_a_thing(toks: list[_Tok], i: int) -> bool:
    """Whether "called" at ``i`` gives the name of what an indefinite noun phrase before it
    stands for: "a new group called Harbor First, led by ...", "one PAC called Stop the
    Levy", "a band of islanders called Free Tide". A person noun before it keeps the
    speech reading ("a spokesman called Reyes a liar"), and so does a second object after
    the name ("called Reyes “a liar”")."""
    if i == 0 or toks[i - 1].low in PERSON_NOUNS or is_person_plural(toks[i - 1].low):
        return False
    k = i - 1
    while (
        k >= 0
        and i - k <= 6
        and toks[k].kind == "w"
        and (toks[k].text.islower() or toks[k].text.isupper())  # "a super PAC called"
        and toks[k].low not in _INDEFINITE_OPENERS
        and toks[k].low not in _NOT_IN_A_NAMED_PHRASE
    ):
        k -= 1
    if k < 0 or not 1 < i - k <= 6 or toks[k].low not in _INDEFINITE_OPENERS:
        return False
    name = i + 1
    if name < len(toks) and toks[name].kind == "q":
        return True  # a title in quotation marks
    taken = name
    while taken < len(toks) and (
        (toks[taken].kind == "w" and toks[taken].text[0].isupper())
        or (taken > name and toks[taken].low in _NAME_JOINERS)
        or (taken > name and toks[taken].text.isdigit())
    ):
        taken += 1
    if taken == name:
        return False
    if taken == len(toks):
        return True
    return toks[taken].low not in _NOUN_DETERMINERS and toks[taken].kind != "q"


_INDEFINITE_OPENERS: Final = _wordset("a an another one")
_NOT_IN_A_NAMED_PHRASE: Final = (
    frozenset(PRONOUNS)
    | _SUBORDINATORS
    | _wordset("in on at during to via through from that which whom")
)  # "a report that the auditor called “damning”": a relative clause, not a name
_SIGNING_DASHES: Final = frozenset({"―", "—", "–"})
_SAYING_LEMMAS: Final = frozenset({"say", "tell", "claim", "argue", "suggest", "insist"})


def _said_in_passing(toks: list[_Tok], i: int) -> bool:
    """A speech participle after a preposition whose speaker is the subject: "apologized
    after saying ...", "while arguing ...", "was criticized for saying ..." (not
    "scolded Romney for suggesting ...", whose speaker is the object)."""
    before = _word_at(toks, i - 1)
    if before in ("after", "before", "while"):
        return True
    if before != "for" or i < 3:
        return False
    verb = toks[i - 2]
    return verb.low == "apologized" or (
        verb.low.endswith("ed") and _word_at(toks, i - 3) in _BE_FORMS
    )


_NAME_JOINERS: Final = _wordset("of for the and de van von")
_AFTER_A_NAME: Final = (
    _wordset(
        """is was are were has have had will would which who that on in at after before
        during from with about over by last this"""
    )
    | _TIME_WORDS
)


def _to_an_audience(toks: list[_Tok], k: int) -> bool:
    """ "added to the Ledger", "added to Reyes": "to" before a name, not "added to the
    confusion" or "continues to lead"."""
    if _word_at(toks, k) != "to" or k + 1 >= len(toks):
        return False
    name = toks[k + 2] if toks[k + 1].low == "the" and k + 2 < len(toks) else toks[k + 1]
    return name.kind == "w" and name.text[0].isupper()


def _speech_by(toks: list[_Tok], i: int) -> int | None:
    """The speech verb of "responded by saying" or "responded quickly by first noting"
    after the cue at ``i``, or None when the *by* phrase names a deed."""
    by = i + 1 if _word_at(toks, i + 1) == "by" else i + 2
    for k in (by + 1, by + 2):
        word = _word_at(toks, k)
        if word is not None and word.endswith("ing"):
            lemma = CUE_FORMS.get(word)
            if lemma is not None and " " in lemma:
                # "by pointing out that ...", not "by pointing at the crowd"
                lemma = CUE_FORMS.get(f"{word} {_word_at(toks, k + 1)}")
                k += 1
            return k if lemma in NEUTRAL_CUES or lemma in LOADED_CUES else None
    return None


def _not_a_cue_here(lemma: str, following: str | None) -> bool:
    """A cue verb used in another sense: "continues to lead", "showed up"."""
    if lemma == "continue":
        # it reports speech only on its own (", he continued.", "continued: ...") or
        # before "that": "continued the work", "continued campaigning" are no claims
        return following is not None and following[0].isalpha() and following != "that"
    if lemma == "decline":
        # "turnout declined in every state", "declined sharply", "a 30% decline from":
        # a fall, not a refusal
        return following is not None and (
            following in ("from", "in", "by", "since", "over")
            or following.endswith("ly")
            or following[0].isdigit()
        )
    if lemma == "show":
        return following in ("up", "off")
    if lemma == "add":
        # "is adding to her lead", "the port added 160 jobs": adds, not says
        return following == "to" or (following is not None and following[0].isdigit())
    return False


def _byline_outlet(text: str) -> str | None:
    """The article's own outlet, read from a byline near its top, so that "told The
    Harbor Ledger" in a Harbor Ledger story is no intermediary."""
    end = min(len(text), _BYLINE_WINDOW)
    # the pattern can only match at a "By " that starts a line: try it there alone,
    # in order, rather than at every position of the window
    position = text.find("By ", 0, _BYLINE_WINDOW)
    while position != -1:
        if position == 0 or text[position - 1] == "\n":
            found = _BYLINE_RE.match(text, position, end)
            if found:
                return found.group(1).strip()
        position = text.find("By ", position + 1, _BYLINE_WINDOW)
    return None


@functools.cache
def _cue_words(beliefs: frozenset[str], acts: frozenset[str]) -> frozenset[str]:
    """The first words of every cue the reader looks for, for its quick sentence test."""
    wanted = {lemma for lemma in set(CUE_FORMS.values()) if _lemma_wanted(lemma, beliefs, acts)}
    return frozenset(form.split()[0] for form, lemma in CUE_FORMS.items() if lemma in wanted) | {
        "according"
    }


@functools.cache
def _encoded(words: frozenset[str]) -> frozenset[bytes]:
    return frozenset(word.encode("utf-8") for word in words)


@functools.cache
def _letter_runs(words: frozenset[str]) -> re.Pattern[str] | None:
    """The runs of letters a-z that are long enough to be one of ``words``; ``None``
    when a word is not made of letters a-z only."""
    if not words or not all(_LETTERS_RE.fullmatch(word) for word in words):
        return None
    return re.compile(f"[a-z]{{{min(len(word) for word in words)},}}")


@functools.cache
def _unwanted_lemmas(beliefs: frozenset[str], acts: frozenset[str]) -> frozenset[str]:
    """The lemmas :func:`_lemma_wanted` turns down (any other lemma is wanted)."""
    return frozenset(
        lemma for lemma in ACT_CUES | BELIEF_CUES if not _lemma_wanted(lemma, beliefs, acts)
    )


def _lemma_wanted(lemma: str, beliefs: frozenset[str], acts: frozenset[str]) -> bool:
    if lemma in ACT_CUES and lemma not in NEUTRAL_CUES:
        return lemma in acts
    if lemma in BELIEF_CUES:
        return lemma in beliefs
    return True


# --- token helpers --------------------------------------------------------------------
def _tokenize(text: str, start: int, end: int, quotations: list[Quotation]) -> list[_Tok]:
    tokens: list[_Tok] = []
    position = start
    for quotation in quotations:
        _words(text, position, quotation.start, tokens)
        raw = text[quotation.start : quotation.end]
        tokens.append(_Tok(quotation.start, quotation.end, raw, "", "q", quotation))
        position = quotation.end
    _words(text, position, end, tokens)
    return tokens


def _words(text: str, start: int, end: int, into: list[_Tok]) -> None:
    if start >= end:
        return
    last = start
    for space, word, mark in _SPACED_TOKEN_RE.findall(text, start, end):
        first = last + len(space)
        if word:
            last = first + len(word)
            into.append(_Tok(first, last, word, word.lower(), "w"))
        else:
            last = first + 1
            into.append(_Tok(first, last, mark, mark.lower(), "p"))


def _word_at(toks: list[_Tok], index: int) -> str | None:
    if 0 <= index < len(toks):
        tok = toks[index]  # indexed once: this runs tens of thousands of times an MB
        if tok.kind == "w":
            return tok.low
    return None


def _plural_subject(toks: list[_Tok], i: int) -> bool:
    """Whether the subject before a bare form is a plural of people ("People familiar
    with the plan say", "Harbor conservatives say")."""
    if _word_at(toks, i - 1) in _POSSESSIVES:
        return False  # "the voters finally had their say"
    subject = _subject_before(toks, i)
    if subject is None:
        return False
    if subject.ref is not None:
        subject = _Subject(*subject.ref, subject.ref[1])  # "pilots who say": "pilots"
    head = subject.end - 1
    for k in range(subject.start + 1, subject.end - 1):
        if (
            toks[k].low in _HEAD_ENDERS
            or _participle_after_people(toks, k)
            # "Aides to Ortiz say", "Two advisers to the mayor say": people who serve
            # someone, at the start of the subject
            or (
                toks[k].low == "to"
                and is_person_plural(toks[k - 1].low)
                and k - 1 - subject.start <= 1
            )
        ):
            head = k - 1
            break
    if any(toks[k].low == "and" for k in range(subject.start, subject.end)) and (
        toks[i].low not in _NOUN_BARE_FORMS or _verb_reading(toks, i)
    ):
        # "Jeb Ortiz and Chris Lund say": two or more speakers, but not "a Democrat
        # and former Oklahoma state senator"
        return True
    low = toks[head].low
    return (
        is_person_plural(low)
        # "Democrats hoping to win the seat say": a capitalised plural before its modifier
        or (head < subject.end - 1 and _capitalised_plural(toks[head]))
        or low in _QUANTITY_HEADS
        # "Cement makers, meanwhile, argue": a plural of people by its ending
        or (low.endswith("s") and _looks_like_agent_noun(low))
    )


def _coordinator_index(toks: list[_Tok], i: int) -> int:
    """The token before a cue, past an adverb ("and then said", "but later added")."""
    k = i - 1
    if k > 0 and toks[k].low in _THEN_WORDS:
        k -= 1
    while k > 0 and toks[k].low in _AUX and toks[k - 1].low in ("and", "but"):
        k -= 1  # "and has said"
    for j in range(k, max(0, k - 7), -1):
        # "but in an interview said", "and on Monday told": a phrase of place or time
        # between the coordinator and the cue
        if toks[j].low in _PP_STARTS:
            if (_pp_end(toks, j) == k + 1 or _time_at(toks, j) == k + 1) and _word_at(
                toks, j - 1
            ) in ("and", "but"):
                return j - 1
            break
    return k


def _coordinator_before(toks: list[_Tok], i: int) -> str | None:
    return _word_at(toks, _coordinator_index(toks, i))


def _headline(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a headline in title case ("Lund Says Ferry Will Run
    All Winter"), where a cue is capitalised like every other word."""
    if end - start > 200 or (start > 0 and text[start - 1] not in "\r\n"):
        return False  # a headline is a line of its own
    if end < len(text) and text[end] not in "\r\n":
        return False
    words = [word for word in text[start:end].split() if len(word) > 3]
    capitalised = sum(1 for word in words if word[0].isupper())
    return len(words) >= 3 and capitalised >= 0.75 * len(words)


def _participle_subject(toks: list[_Tok], i: int) -> tuple[int, int] | None:
    """Who speaks in a participle with no claim before it in the sentence: the name
    that opens it, else the subject of the verb it follows."""
    subject = _noun_phrase_after(toks, 0)
    leading = _leading_name(toks, i)
    if subject is not None:
        # "Ortiz toured the site, calling ...", "Mayor Ortiz shook her head and
        # said": the phrase runs on into a clause; the name ends before its verb
        verb = next(
            (j for j in range(subject[0] + 1, subject[1]) if _past_verb(toks[j])),
            None,
        )
        if verb is not None:
            subject = (subject[0], verb)
        if (
            leading is not None
            and leading[0] == subject[0]
            and leading[1] < subject[1]
            and toks[leading[1]].low not in _HEAD_ENDERS
        ):
            subject = leading
    if subject is None or not _is_name(toks, subject[0], subject[1]):
        # "He echoed that promise on Monday, saying ...": the sentence's subject
        subject = leading
    first = toks[subject[0]].low if subject is not None else ""
    if subject is None or (first in CUE_FORMS and first.endswith(("ed", "ing"))):
        # "Asked about it, he laughed and said ...": the subject of the verb the
        # coordinator joins, not a participle ("State Sen." is a name)
        return _coordinated_subject(toks, i) or _clause_subject(toks, i)
    return subject


def _coordinated_subject(toks: list[_Tok], i: int) -> tuple[int, int] | None:
    """The subject of the past-tense verb that *and* joins to the cue at ``i``: "he
    laughed and said", "Lund stood up and told ..."."""
    coordinator = _coordinator_index(toks, i)
    if _word_at(toks, coordinator) not in ("and", "but"):
        return None
    for j in range(coordinator - 1, max(0, coordinator - 8), -1):
        tok = toks[j]
        if tok.kind != "w":
            return None
        if _past_verb(tok):
            found = _subject_before(toks, j)
            return (found.start, found.end) if found is not None else None
    return None


def _past_verb(tok: _Tok) -> bool:
    """A lower-case past form: "laughed", "stood"."""
    return (
        tok.kind == "w"
        and tok.text.islower()
        and (tok.low.endswith("ed") or tok.low in _IRREGULAR_PAST)
    )


def _clause_subject(toks: list[_Tok], i: int) -> tuple[int, int] | None:
    """The subject of the sentence's first past-tense verb, for a participle after a
    comma: "Meanwhile, the union attacked Reyes, saying ..."."""
    for j in range(1, i - 1):
        tok = toks[j]
        if tok.kind == "q":
            return None
        if _past_verb(tok) and toks[j - 1].kind == "w":
            found = _subject_before(toks, j)
            return (found.start, found.end) if found is not None else None
    return None


def _sees_a_thing(toks: list[_Tok], i: int) -> bool:
    """Whether *see* at ``i`` has a plain object, a thing seen or undergone ("would see a
    raise", "saw the tweet"), rather than a view ("saw the vote as a warning", "sees
    that ...")."""
    if _word_at(toks, i + 1) not in _SEEN_OPENERS:
        return False
    for k in range(i + 2, min(len(toks), i + 30)):
        if toks[k].low == "as":
            return False
        if toks[k].kind == "p" and toks[k].text in ".;:!?":
            break
    return True


def _keeps_a_thing(toks: list[_Tok], i: int) -> bool:
    """Whether *maintain* at ``i`` keeps something ("maintains a wide lead", "maintained
    close ties") rather than holds a position ("maintains that ...", "maintained his
    innocence", ", she maintained.")."""
    following = _word_at(toks, i + 1)
    if following is None or following == "that":
        return False
    return not any(_word_at(toks, k) in _HELD_POSITIONS for k in range(i + 1, i + 5))


_HELD_POSITIONS: Final = _wordset("innocence position stance view claim denial")


def _by_doing(toks: list[_Tok], k: int) -> bool:
    """Whether a *by* phrase whose first word is at ``k`` names a doing: "by saying",
    "by first noting", "by quickly easing"."""
    word = _word_at(toks, k) or ""
    if word in ("first", "then") or (k < len(toks) and _ly_adverb(toks[k])):
        word = _word_at(toks, k + 1) or ""
    return word.endswith("ing")


def _adjectival_participle(toks: list[_Tok], i: int) -> bool:
    """A participle used as an adjective: after a number, a determiner or a possessive
    and before a noun ("40 pledged seats", "all reported donations", "Lund's repeated
    denials"), a past participle without "have" ("a club known as", "data shown"), or a
    passive one before its agent after a noun ("the plan backed by the union") or in an
    aside before the sentence's cue ("Lund, backed by the union, said ...")."""
    low = toks[i].low
    if (
        _word_at(toks, i + 1) == "by"
        and low.endswith("ed")
        and i > 0
        and not _by_doing(toks, i + 2)  # "responded by saying", "by first noting"
        and (
            (toks[i - 1].kind == "w" and toks[i - 1].low not in _AUX)
            or (toks[i - 1].text == "," and _aside_before_a_cue(toks, i + 2))
        )
    ):
        return True
    if low in _PAST_PARTICIPLES:
        return _word_at(toks, i - 1) not in ("has", "have", "had", "having")
    if not low.endswith("ed") or i == 0 or toks[i - 1].kind != "w":
        return False
    previous = toks[i - 1].low
    if not (
        previous[0].isdigit() or previous in _ADJECTIVE_DETERMINERS or _possessive(toks[i - 1])
    ):
        return False
    following = _word_at(toks, i + 1)
    return following is not None and following not in _OBJECT_OPENERS and toks[i + 1].text.islower()


def _gerund_noun(toks: list[_Tok], k: int) -> bool:
    """ "the planning", "his thinking", "Reyes’s thinking": an -ing cue form used as a
    noun."""
    return toks[k].low.endswith("ing") and (
        _word_at(toks, k - 1) in _NOUN_DETERMINERS or (k > 0 and _possessive(toks[k - 1]))
    )


def _possessive(tok: _Tok) -> bool:
    """ "his", "Reyes’s", "the mayor's", not "her" (also an object: "heard her say") nor
    "she's" (she has)."""
    low = tok.low
    if tok.kind != "w":
        return False
    if low in _POSSESSIVES:
        return low != "her"
    return low.endswith(("'s", "’s")) and low[:-2] not in _HAS_CONTRACTIONS


_REFLEXIVES: Final = _wordset(
    "myself yourself himself herself itself ourselves yourselves themselves"
)
_NOT_SPEECH_COMPLEMENTS: Final = frozenset(
    {("back", "away"), ("back", "down"), ("back", "off"), ("back", "out")}
)
"""A cue verb and the word after it that give it another sense: "backed away from"."""
_BEFORE_A_PLURAL_NOUN: Final = _wordset(
    """in across of among between from into throughout within without with by at about
    over under like unlike many some most few several these those other such various
    western eastern northern southern midwestern democratic republican battleground swing
    blue red purple big small large key early neighboring neighbouring member border
    coastal rural"""
)
"""Words after which an -s form is a noun: a preposition, a plural determiner (the verb
would agree with it without -s: "some claim", not "some claims"), or an adjective
that qualifies places and groups ("Southern states", "Republican attacks")."""


def _verb_reading(toks: list[_Tok], i: int) -> bool:
    """Whether a form like "states" or "attacks" is a verb here. After a number it is a
    noun ("40 states"); as a verb it has a subject that is a pronoun or a name standing
    alone ("he notes", "Varga notes.", but not "the harbor attacks"), or it is followed
    by a clause, a quotation, a colon or an object ("the filing states that")."""
    previous = toks[i - 1] if i > 0 else None
    following = toks[i + 1] if i + 1 < len(toks) else None
    if previous is None or previous.kind != "w":
        # "“...,” notes Varga": the inverted order; "Lund, an aide, calls her record ...":
        # the verb after an appositive, before its object
        return (
            following is not None
            and following.kind == "w"
            and (
                following.text[0].isupper()
                or (
                    previous is not None
                    and previous.text == ","
                    and following.low in _OBJECT_OPENERS
                )
            )
        )
    if previous.text[0].isdigit() or previous.low in _NUMBER_WORDS:
        return False
    if previous.low in _BARE_FORM_SUBJECTS:
        return True  # "they claim", "will demand", "to state"
    if previous.low in _NOUN_DETERMINERS or previous.low in _POSSESSIVES:
        return False  # "in their states that ...", "the attacks"
    if previous.low in _BEFORE_A_PLURAL_NOUN:
        return False  # "in states that ...", "many reports", "Western states this week"
    if following is not None and (following.kind == "q" or following.text == ":"):
        return True
    if previous.low in PRONOUNS:
        return True
    if following is not None and following.kind == "w":
        return (
            following.low in _OBJECT_OPENERS
            or following.low in _REFLEXIVES  # "Lund calls himself a moderate"
            or following.text[0].isupper()
        )
    # "“...,” Varga notes.": a name standing alone, not "the harbor attacks."
    return previous.text[0].isupper() and _word_at(toks, i - 2) not in _NOUN_DETERMINERS


def _ends_content(tok: _Tok, first: bool = False) -> bool:
    """Whether ``tok`` closes a stretch of content before a source: a comma or a quote
    (a full stop too, for a quotation that opens the sentence: “We stay.” Reyes said.;
    or no mark at all there: “We stay” Reyes said.)."""
    if tok.kind == "q":
        inner = tok.text.rstrip("”»\"“›‟'’‘‹ \t")  # a quotation may close inside another
        if first:
            return bool(inner) and (inner[-1] in ",?!—–-….;" or _unmarked_statement(inner))
        return bool(inner) and inner[-1] in ",?!—–-…"
    return tok.text in (",", "—", "–")


def _unmarked_statement(inner: str) -> bool:
    """A quotation that ends with no mark and reads as a statement, not a title: four
    words or more, not all capitalised ("“The vote is a battle of niches” Lund said", not
    "“Daily Show” host Trevor Noah")."""
    words = inner.split()
    return (
        inner[-1].isalnum()
        and len(words) >= 4
        and not all(word[:1].isupper() for word in words if word[:1].isalpha())
    )


class _Subject(NamedTuple):
    """A speaker mention: the name's tokens, where the written mention ends (an
    appositive included), and for "who" the tokens of the name it stands for."""

    start: int
    end: int
    span_end: int
    ref: tuple[int, int] | None = None


def _relative_who(toks: list[_Tok], last: int) -> int | None:
    """The *who* of a restrictive relative clause that ends at ``last``, just before a
    cue: "An official [who asked not to be named]", "a pilot [who did not want to be
    identified]". Only words between (no punctuation, no speech verb), a noun before it."""
    if last < 1 or toks[last].kind != "w" or toks[last].low in ("and", "or", "but"):
        return None  # ", a Republican who served ..., said": an appositive, not this
    for j in range(last - 1, max(0, last - 14), -1):
        tok = toks[j]
        if tok.kind != "w" or tok.low in _SPEECH_FORMS or tok.low in ("and", "or", "but"):
            return None
        if tok.low == "who":
            before = toks[j - 1]
            if (
                before.kind == "w"
                and before.low not in _CLAUSE_STOP
                and before.low not in PRONOUNS
                and not before.text[0].isdigit()
            ):
                return j
            return None
    return None


def _subject_before(toks: list[_Tok], cue: int) -> _Subject | None:
    """The subject noun phrase that ends just before the cue."""
    k = cue - 1
    if _went_on_to(toks, cue):
        k -= 3  # "She went on to say ...": the subject of "went"
    elif _keen_to(toks, cue):
        k -= 2  # "She was quick to add ...": the subject of "was"
    while (
        k >= 0
        and toks[k].kind == "w"
        and (
            toks[k].low in _AUX
            # "is suddenly promising", "has even said": an adverb after an auxiliary
            or (
                k >= 1
                and (_ly_adverb(toks[k]) or toks[k].low in _AUX_ADVERBS)
                and toks[k - 1].low in _AUX
            )
        )
    ):
        k -= 1
    if k >= 1 and _adverb_after_subject(toks, k):
        # "Varga similarly warned that ...": an adverb, not the subject's head
        k -= 1
        while k >= 0 and toks[k].kind == "w" and toks[k].low in _AUX:
            k -= 1
    if k >= 1 and toks[k].low in _TIME_UNITS and toks[k - 1].low in ("last", "this"):
        # "Ida Lund (D) last week said"
        k -= 2
        while k >= 0 and toks[k].kind == "w" and toks[k].low in _AUX:
            k -= 1
    place_end = -1
    if k >= 1 and toks[k].text in ("here", "there") and toks[k - 1].kind == "w":
        # "Activists there say", "officials here said": a place adverb that ends the
        # written mention but is not the subject's head
        place_end = k + 1
        k -= 1
    if (
        k >= 1
        and toks[k].low in _TIME_WORDS
        and toks[k - 1].kind == "w"
        and toks[k - 1].low not in _TIME_MODIFIERS
        and toks[k - 1].low not in _PP_STARTS
        and toks[k - 1].low not in _SOURCE_TAILS
    ):
        # "Harbor officials Tuesday said": a bare weekday between subject and cue (not
        # "on Tuesday", which ends the subject as a phrase)
        k -= 1
        while k >= 0 and toks[k].kind == "w" and toks[k].low in _AUX:
            k -= 1
    elif (
        k >= 2
        and toks[k].low in _TIME_WORDS
        and toks[k - 1].low in _RELATIVE_TIMES
        and toks[k - 2].kind == "w"
        and toks[k - 2].low not in _PP_STARTS
        and toks[k - 2].low not in _SOURCE_TAILS
    ):
        k -= 2  # "Lund earlier Thursday said", "Reyes late Monday told ..."
    if (
        k >= 1
        and k + 1 < cue
        and toks[k + 1].low in _TIME_WORDS
        and toks[k].text.islower()
        and (toks[k].low.endswith("ed") or toks[k].low in _PAST_PARTICIPLES)
        and (toks[k - 1].low in _DOC_HEADS or toks[k - 1].low[:-1] in _DOC_HEADS)
    ):
        # "A report published Wednesday said", "The order released Friday says": the
        # document is the head, its date part of the written mention
        place_end = k + 2
        k -= 1
    if k >= 2 and toks[k].text in ("—", "–", "-", "--"):
        # "Ada Brandt - the port's pilot - told ...": an aside in dashes; "--" is two
        # tokens, and so is the dash that opens the aside
        double = toks[k].text == "-" and toks[k - 1].text == "-"
        closing = k - 1 if double else k
        for j in range(closing - 2, max(0, k - 30), -1):
            if toks[j].text == toks[k].text:
                opening = j - 1 if double and toks[j - 1].text == "-" else j
                if double and opening == j:
                    break
                ref = _subject_before(toks, opening) if toks[opening - 1].kind == "w" else None
                if ref is not None and ref.end == opening:
                    return _Subject(ref.start, ref.end, closing, ref.ref)
                break
            if toks[j].kind == "q":
                break
    relative = _relative_who(toks, k)
    if relative is not None:
        # "An official who asked not to be named said", "A port official who spoke on
        # condition of anonymity said": the relative clause is part of the mention
        ref = _subject_before(toks, relative)
        if ref is not None and ref.ref is None and ref.span_end == relative:
            return _Subject(ref.start, ref.end, k + 1)
    if k >= 0 and toks[k].low == "who" and k >= 2 and toks[k - 1].text == ",":
        # "Barkley, who said he votes ...": the source is "who", the speaker Barkley
        ref = _subject_before(toks, k - 1)
        return _Subject(k, k + 1, k + 1, (ref.start, ref.end) if ref else None)
    if (
        k >= 1
        and toks[k].low == "who"
        and toks[k - 1].kind == "w"
        and toks[cue].low in _SPEECH_FORMS
    ):
        # "business leaders who say the law ...", "38 percent who said ...": a
        # restrictive relative; the speaker is the noun phrase it belongs to
        ref = _subject_before(toks, k)
        if ref is None:
            return None
        start = ref.start
        while start < ref.end - 1 and toks[start].low in _RELATIVE_LEADERS:
            start += 1  # "against 38 percent who said": the phrase, not its preposition
        return _Subject(k, k + 1, k + 1, (start, ref.end))
    span_end = -1
    if (
        k >= 2
        and toks[k].kind == "q"
        and toks[k].text.rstrip("”»\"’' ").endswith(",")
        and _title_in_an_aside(toks, k)
    ):
        # "Ortiz, who calls Reyes a “menace,” said": the aside ends inside the quotation
        found = _appositive_subject(toks, k)
        if found is not None:
            return found._replace(span_end=k + 1)
    if k >= 1 and toks[k].text == "," and toks[k - 1].text == ")":
        k -= 1  # "Sen. Ana Lund (D-Ore.), said": a stray comma after the parenthesis
    if k >= 0 and toks[k].text == ",":
        found = _appositive_subject(toks, k)
        if found is not None:
            return found
        # an aside between subject and cue: "The Journal, meanwhile, quoted ...",
        # "An engineer, speaking on condition of anonymity because ..., told ..."
        j = k - 1
        while j >= 0 and k - j <= 30 and toks[j].kind == "w":
            j -= 1
        described = (
            # "Bob Lund, a harbor pilot who was mentioned as ..., said": a long
            # appositive or relative clause after a name (PolNeAR's source keeps it
            # about as often as not; the mention here is the name)
            j >= 1
            and toks[j + 1].low in ("who", "whose", "a", "an", "the")
            and toks[j - 1].kind == "w"
            and toks[j - 1].text[0].isupper()
        )
        if j >= 0 and k - j > 12 and not toks[j + 1].low.endswith("ing") and not described:
            return None
        if j >= 0 and toks[j].text == "," and j < k - 1:
            k = j - 1
        else:
            return None
    if k >= 0 and toks[k].text in ("'", "’"):
        return None  # "the United States' stated goals": a possessive, not a subject
    end = k + 1
    reach = 12  # words of the mention; a parenthesis does not count
    while k >= 0 and end - k <= reach:
        tok = toks[k]
        if tok.kind == "w":
            if tok.low in _CLAUSE_STOP and not _np_and(toks, k):
                break
            if (
                tok.low in CUE_FORMS
                and _is_verb_cue(tok)
                and not _gerund_noun(toks, k)
                and not (k > 0 and _participle_after_people(toks, k))
            ):
                break  # a verb, but not "Democrats hoping to win the seat say"
        elif tok.text == ")":
            # "Rep. Gwen Moore (D-Wis.) said": step over the parenthesis
            j = k - 1
            while j > 0 and k - j <= 20 and toks[j].text != "(":
                j -= 1
            if j <= 0 or toks[j].text != "(":
                break
            reach += k - j
            k = j
        elif not (tok.text in ".'’-&%" and k > 0 and toks[k - 1].kind == "w"):
            break  # "%": "42% say"
        k -= 1
    start = k + 1
    while start < end and (
        toks[start].kind != "w" or toks[start].low in _LEADING_JUNK or toks[start].low in _AUX
    ):
        time_end = _time_at(toks, start)
        if time_end is not None and time_end < end:
            start = time_end  # "Last week the mayor said ..."
            continue
        if toks[start].low == "this":
            break  # "this official told ..."
        start += 1
    if end - 1 > start and toks[end - 1].text == ")":
        # "Rep. Gwen Moore (D-Wis.)": the party and state are part of the mention only
        span_end = end
        while end > start and toks[end - 1].text != "(":
            end -= 1
        end -= 1
    while end > start and toks[end - 1].kind != "w" and toks[end - 1].text != "%":
        end -= 1
    if start >= end:
        return None
    if (
        end - start > 1
        and toks[end - 1].low in _NOMINATIVE
        and toks[end - 2].kind == "w"
        and toks[k + 1].low in _PP_STARTS
    ):
        start = end - 1  # "At the town hall she said": an opening phrase, then the subject
    for j in range(start + 1, end - 1):
        if toks[j - 1].low in _CLAIM_NOUNS and (
            toks[j].low in _NOUN_DETERMINERS or toks[j].low in _NOMINATIVE
        ):
            start = j  # "..., a claim the port authority denies": the relative's subject
            break
    if not _valid_head(toks, start, end):
        if k > 0 and toks[k].low in ("who", "that") and start > k:
            # "An engineer who worked on the project told ...": the relative clause is
            # part of the written mention
            ref = _subject_before(toks, k)
            if ref is not None:
                return _Subject(ref.start, ref.end, max(end, span_end, cue))
        return None
    return _Subject(start, end, max(end, span_end, place_end))


_SPEECH_FORMS: Final = _wordset(
    "said says say told tells added wrote writes argued argues explained warned insisted"
)
"""Forms that can only be speech verbs: their subject is a speaker whatever its noun."""
_SUBJECT_OPENERS: Final = _wordset("the a an his her their its our my this these those")
_SEEN_OPENERS: Final = _SUBJECT_OPENERS | {"your"}  # what starts the plain object of *see*


def _described_subject(toks: list[_Tok], cue: int) -> _Subject | None:
    """ "The actress said", "Romney's associates said": a determiner or possessive,
    up to three modifiers and a noun that is no known person noun, at the start of the
    sentence or a clause, before a form that can only be a speech verb (*said*,
    *told*, *wrote*, *argued* ...)."""
    k = cue - 1
    while k >= 0 and toks[k].kind == "w" and toks[k].low in _AUX:
        k -= 1
    head = toks[k] if k >= 0 else None
    if (
        head is None
        or head.kind != "w"
        or not head.text.isalpha()
        or not head.text.islower()
        or len(head.text) < 3
        or head.low in _CLAUSE_STOP
        or head.low in _LEADING_JUNK
        or head.low in CUE_FORMS
        or _ly_adverb(head)
        or head.low.endswith("ing")
    ):
        return None
    end = k + 1
    j = k - 1
    while j >= 0 and k - j <= 4:
        tok = toks[j]
        if tok.kind != "w":
            if tok.text in (",", ";", ":") and _plain_plural(head.low):
                # "..., harbor pilots say": a plural needs no determiner
                return _Subject(j + 1, end, end)
            return None
        if tok.low in _SUBJECT_OPENERS or tok.low.endswith(("'s", "’s")):
            break
        if tok.low in _CLAUSE_STOP or tok.low in _LEADING_JUNK or tok.low in CUE_FORMS:
            return None
        j -= 1
    else:
        if j < 0 and _plain_plural(head.low):
            return _Subject(0, end, end)  # "Harbor pilots said ..."
        return None
    if j < 0:
        return None
    before = toks[j - 1] if j > 0 else None
    if before is not None and not (before.text in (",", ";", ":") or before.low in ("and", "but")):
        return None  # "in the debate said": the object of a preposition, not a subject
    return _Subject(j, end, end)


def _plain_plural(word: str) -> bool:
    """A regular plural noun: "pilots", "deckhands", not "process" or "status"."""
    return (
        len(word) > 4
        and word.isalpha()
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is", "ics"))
    )


_GO_FORMS: Final = _wordset("went goes go going gone")


def _went_on_to(toks: list[_Tok], cue: int) -> bool:
    """ "went on to say": the cue continues what its subject did before."""
    return (
        cue >= 4
        and toks[cue - 1].low == "to"
        and toks[cue - 2].low == "on"
        and toks[cue - 3].low in _GO_FORMS
    )


_KEEN: Final = _wordset("quick eager keen careful ready poised willing happy reluctant hesitant")


def _keen_to(toks: list[_Tok], cue: int) -> bool:
    """ "was quick to add", "is eager to say": the subject is the auxiliary's."""
    return (
        cue >= 3
        and toks[cue - 1].low == "to"
        and toks[cue - 2].low in _KEEN
        and toks[cue - 3].low in _AUX
    )


def _adverb_after_subject(toks: list[_Tok], k: int) -> bool:
    """An -ly adverb between a name, pronoun or person noun and its cue ("Varga
    similarly warned"), not a noun in -ly ("the family said")."""
    if not (_ly_adverb(toks[k]) or toks[k].low in _FREQUENCY_ADVERBS):
        return False  # "the Okafor family said"
    before = toks[k - 1]
    return before.kind == "w" and (
        before.text[0].isupper()
        or before.low in PRONOUNS
        or before.low in PERSON_NOUNS
        or is_person_plural(before.low)  # "islanders often say"
    )


_FREQUENCY_ADVERBS: Final = _wordset("often sometimes always")


_BE_FORMS: Final = _wordset("is are was were been be am")
_PROGRESSIVE_ADVERBS: Final = _wordset(
    "also now still already again not never increasingly repeatedly"
)


def _after_be(toks: list[_Tok], i: int) -> bool:
    """Whether an *-ing* form follows a form of *be*: the progressive ("she is calling
    for", "they were saying"), a finite verb rather than a participle clause."""
    k = i - 1
    while k > 0 and (toks[k].low in _PROGRESSIVE_ADVERBS or _ly_adverb(toks[k])):
        k -= 1
    return k > 0 and _word_at(toks, k) in _BE_FORMS


def _is_passive(toks: list[_Tok], cue: int) -> bool:
    k = cue - 1
    while k >= 0 and (
        toks[k].low in ("first", "also", "later", "widely", "often", "not", "never")
        or _ly_adverb(toks[k])  # "were mistakenly charged"
    ):
        k -= 1
    return _word_at(toks, k) in ("was", "were", "been", "being", "is", "are", "be")


def _is_verb_cue(tok: _Tok) -> bool:
    """A lower-case cue form that can only be a verb ("said", not "reports" or "states").

    Never true for a word that is no key of ``CUE_FORMS``: the loops that call it for
    every word test that first, which spares the call for most words."""
    lemma = CUE_FORMS.get(tok.low)
    if lemma is None or not tok.text.islower() or tok.low in PERSON_NOUNS:
        return False
    verb = lemma.split(" ", 1)[0]  # "talks" of "talk about" is as often a noun
    return tok.low != verb + "s" and tok.low != verb + "es" and tok.low != verb


def _appositive_like(toks: list[_Tok], k: int) -> bool:
    """Whether ``toks[k]`` can open an appositive ("a spokesman", "who", "69", "the ...")."""
    if k >= len(toks) or toks[k].kind != "w":
        return False
    tok = toks[k]
    return (
        tok.low in _APPOSITIVE_OPENERS
        or tok.text[0].isupper()
        or tok.text[0].isdigit()
        or tok.low in TITLE_WORDS
        or tok.low in PERSON_NOUNS
    )


def _appositive_subject(toks: list[_Tok], comma: int) -> _Subject | None:
    """``NAME, APPOSITIVE, cue``: the name, with the appositive in the written mention."""
    commas: list[int] = []
    j = comma - 1
    while j >= 0 and comma - j <= 45:
        tok = toks[j]
        if tok.kind == "q" and not (
            _title_in_an_aside(toks, j) and not toks[j + 1].text[0].isupper()
        ):
            break  # the content before its speaker: '“...,” Howard Dean, the ...'

        if tok.kind == "w" and tok.low in CUE_FORMS and _is_verb_cue(tok):
            break
        if tok.text == ",":
            commas.append(j)
        elif tok.kind == "p" and tok.text not in ".'’-&()":
            break
        j -= 1
    region_start = j + 1
    bounds = [*commas, region_start - 1]
    best: tuple[int, int] | None = None
    for index, at in enumerate(commas):
        if not _appositive_like(toks, at + 1):
            continue
        seg_start = bounds[index + 1] + 1
        while seg_start < at and (
            toks[seg_start].kind != "w" or toks[seg_start].low in _LEADING_JUNK
        ):
            seg_start += 1
        if 0 < at - seg_start <= 7 and (
            _is_name(toks, seg_start, at)
            # "The harbor master, Tom Reyes,": an office, then who holds it
            or (toks[at - 1].low in TITLE_WORDS and _plain_name(toks, at + 1, comma))
        ):
            best = (seg_start, at)
    if best is None:
        return _described_name(toks, commas, region_start, comma)
    if (toks[best[1] - 1].text.islower() or _served_role(toks, best[0], best[1])) and _plain_name(
        toks, best[1] + 1, comma
    ):
        # "The mayor's spokeswoman, Ida Berg, said", "The mayor of Harbor City, Ida
        # Lund, said": the role, then the name of the person who holds it; read
        # together, as "spokeswoman Ida Berg"
        return _Subject(best[0], comma, comma)
    return _Subject(best[0], best[1], comma)


def _served_role(toks: list[_Tok], start: int, end: int) -> bool:
    """Whether words are a role held for a name: "the mayor of Harbor City", "a
    spokesman for Harbor Marine", "Secretary of State" (a person noun or an office,
    then *of*, *for* or *to*)."""
    return any(
        toks[k].low in ("of", "for", "to") and toks[k - 1].low in ROLE_WORDS
        for k in range(start + 1, end - 1)
    )


def _title_in_an_aside(toks: list[_Tok], k: int) -> bool:
    """A short quotation inside an appositive, after a lower-case word: "Hemsley, the
    author of “Going Viral,” said", "Ortiz, who calls Reyes a “menace,” said"."""
    return (
        k >= 1
        and toks[k - 1].kind == "w"
        and toks[k - 1].text.islower()
        and len(toks[k].text.split()) <= 6
    )


def _plain_name(toks: list[_Tok], start: int, end: int) -> bool:
    """Two to four capitalised words and nothing else: "Ida Berg", "Ana M. Lund"."""
    words = toks[start:end]
    return 2 <= len(words) <= 4 and all(
        (tok.kind == "w" and tok.text[0].isupper()) or tok.text == "." for tok in words
    )


def _described_name(
    toks: list[_Tok], commas: list[int], region_start: int, comma: int
) -> _Subject | None:
    """``DESCRIPTION, NAME, cue``: "One of her aides, Ivo Brandt, told ...". The
    speaker is the name; the written mention starts with the description."""
    if not commas:
        return None
    at = commas[0]
    if not _plain_name(toks, at + 1, comma):
        return None
    seg_start = commas[1] + 1 if len(commas) > 1 else region_start
    while seg_start < at and (toks[seg_start].kind != "w" or toks[seg_start].low in _LEADING_JUNK):
        seg_start += 1
    described = [tok for tok in toks[seg_start:at] if tok.kind == "w"]
    if not 0 < len(described) <= 10 or (
        described[0].text[0].islower() and described[0].low not in ("the", "a", "an")
    ):
        return None
    if not any(
        tok.low in PERSON_NOUNS or tok.low in _QUANTITY_HEADS or tok.low == "one"
        for tok in described
    ):
        return None
    return _Subject(seg_start, comma, comma, (at + 1, comma))


def _is_name(toks: list[_Tok], start: int, end: int) -> bool:
    if end - start > 2 and toks[end - 1].text == ")":
        # "Rep. Gregory W. Meeks (D-N.Y.)"
        while end > start and toks[end - 1].text != "(":
            end -= 1
        end -= 1
        if end <= start:
            return False
    words = toks[start:end]
    if any(tok.kind == "q" or (tok.kind == "w" and tok.low in _CLAUSE_STOP) for tok in words):
        return False
    head = words[-1]
    if head.kind != "w" or not _valid_head(toks, start, end):
        return False
    # a name, a pronoun, or a role: "The state's campaign chairman, Phil Lovas, said"
    return head.text[0].isupper() or head.low in PRONOUNS or head.low in PERSON_NOUNS


def _appositive_end(toks: list[_Tok], np_end: int) -> int:
    """After an inverted source ("said Tom Reyes, a shop owner."): where the mention ends."""
    if (
        np_end + 1 >= len(toks)
        or toks[np_end].text != ","
        or not _appositive_like(toks, np_end + 1)
    ):
        return np_end
    k = np_end + 1
    while k < len(toks) and toks[k].kind != "q" and k - np_end <= 45:
        if toks[k].kind == "p" and toks[k].text not in ",.'’-&()":
            break
        if _is_verb_cue(toks[k]):
            # "said Beck, who said there were ...": the clause is a claim of its own
            commas = [j for j in range(np_end, k) if toks[j].text == ","]
            k = commas[-1] if len(commas) > 1 else np_end
            break
        k += 1
    while k > np_end and toks[k - 1].kind == "p":
        k -= 1
    return k


def _np_and(toks: list[_Tok], k: int) -> bool:
    """``and`` inside a noun phrase: "current and former officials", "Smith and Jones"."""
    if toks[k].low != "and" or k == 0:
        return False
    previous = toks[k - 1]
    return previous.kind == "w" and (
        previous.low in ("current", "former", "senior", "military", "civilian")
        or (previous.text[:1].isupper() and _word_at(toks, k + 1) is not None)
        # "teachers and union officials", "aides and advisers"
        or (is_person_plural(previous.low) and _word_at(toks, k + 1) is not None)
    )


def _valid_head(toks: list[_Tok], start: int, end: int) -> bool:
    head_index = end - 1
    # "a senior official familiar with the talks", "a spokesman for the ministry"
    for k in range(start + 1, end - 1):
        if (
            toks[k].low in _HEAD_ENDERS
            # "The last mayor to lose a recall vote says": an infinitive after a person
            or (toks[k].low == "to" and toks[k - 1].low in PERSON_NOUNS)
            or _participle_after_people(toks, k)
        ):
            head_index = k - 1
            break
    if _head_ok(toks, start, end, head_index):
        return True
    # "Pilots hired by the port", "Engineers employed by the ministry": the head before
    # a passive relative, when the last noun is none ("... led by Dover and the unions"
    # keeps the unions)
    for k in range(start + 1, end - 1):
        if _passive_relative(toks, k) and toks[k - 1].kind == "w":
            return _head_ok(toks, start, end, k - 1)
        if _participle_after_a_person(toks, k):
            # "Officials involved in the talks", "People briefed on the move"
            return _head_ok(toks, start, end, k - 1)
    return False


def _participle_after_a_person(toks: list[_Tok], k: int) -> bool:
    """A past participle and its preposition after a noun of people: "officials
    [involved in the talks]", "people [briefed on the move]", "a pollster [based in
    Dover]"."""
    tok = toks[k]
    before = toks[k - 1]
    return (
        tok.text.islower()
        and (tok.low.endswith("ed") or tok.low in _PAST_PARTICIPLES)
        and _word_at(toks, k + 1) in ("in", "on", "with", "to")
        and before.kind == "w"
        and (before.low in PERSON_NOUNS or is_person_plural(before.low))
    )


def _passive_relative(toks: list[_Tok], k: int) -> bool:
    """Whether a lower-case past participle before *by* at ``k`` opens a passive
    relative: "pilots [hired by the port]", "emails [reviewed by the Ledger]"."""
    tok = toks[k]
    return tok.text.islower() and tok.low.endswith("ed") and _word_at(toks, k + 1) == "by"


def _head_ok(toks: list[_Tok], start: int, end: int, head_index: int) -> bool:
    """Whether the word at ``head_index`` can head a speaker's mention."""
    head = toks[head_index]
    low = head.low
    contracted = _contraction_length(head)
    if contracted:
        low = low[:-contracted]  # "they’ve suggested"
    if low in PRONOUNS:
        return end - start == 1
    if low == "%":
        return True  # "42% of voters", as "42 percent of voters"
    if low in _QUANTITY_HEADS and head_index > start:
        return True  # "52 percent of residents", "a majority of islanders", "most of them"
    if _counts_people(toks, start, end, head_index):
        return True
    if head.text[0].isupper() or head.text[0].isdigit():
        # a capitalised word that opens the sentence is only a name if it is not a
        # function word ("The", "This")
        return low not in _SUBJECT_DETERMINERS and low not in _LEADING_JUNK
    base = low.removesuffix("'s").removesuffix("’s")
    if base in PERSON_NOUNS or base in OUTLET_NOUNS or base in ORG_NOUNS or base in _DOC_HEADS:
        return True
    if is_person_plural(base):
        return True  # "Five fishermen said", "Harbor congressmen said"
    if base.endswith("s") and _is_org_plural(base):
        return True  # "The groups said", "two unions said"
    if base.endswith("s") and _looks_like_agent_noun(base) and end - start > 1:
        return True  # "security specialists say", "aviation forecasters said"
    if base.endswith("s") and (base[:-1] in PERSON_NOUNS or base[:-1] in _DOC_HEADS):
        return True
    # "the announcer", "a historian", "two consultants": nouns of people by their ending,
    # after a determiner
    opener = toks[start]
    return (opener.low in _SUBJECT_DETERMINERS or _is_count(opener)) and _looks_like_agent_noun(
        base
    )


def _aside_before_a_cue(toks: list[_Tok], start: int) -> bool:
    """Whether the phrase from ``start`` closes with a comma and a cue verb follows:
    "Lund, backed by the union, said ..."."""
    for k in range(start, min(len(toks) - 1, start + 10)):
        if toks[k].kind != "w":
            return toks[k].text == "," and _is_verb_cue(toks[k + 1])
    return False


def _passive_relative_head(toks: list[_Tok], i: int) -> int | None:
    """The plural head of a subject with a passive relative before the cue at ``i``
    ("Emails reviewed by the Ledger suggest"): a plural of documents or of people."""
    for by in range(i - 2, max(1, i - 7), -1):
        tok = toks[by]
        if tok.kind != "w":
            return None
        if tok.low != "by":
            continue
        head = by - 2
        if head < 0 or not _passive_relative(toks, by - 1):
            return None
        low = toks[head].low
        if toks[head].kind == "w" and (
            is_person_plural(low) or (low.endswith("s") and low[:-1] in _DOC_HEADS)
        ):
            return head
        return None
    return None


def _participle_after_people(toks: list[_Tok], k: int) -> bool:
    """ "Islanders trying to save the ferry", "voters living near the quay": an *-ing*
    form after a plural of people modifies it."""
    tok = toks[k]
    before = toks[k - 1]
    return (
        tok.kind == "w"
        and tok.text.islower()
        and tok.low.endswith("ing")
        and before.kind == "w"
        and (is_person_plural(before.low) or _capitalised_plural(before))
    )


def _counts_people(toks: list[_Tok], start: int, end: int, head_index: int) -> bool:
    """A subject that counts people without naming them: "Most of the residents",
    "three-quarters", "Some", "those surveyed"."""
    low = toks[head_index].low
    if head_index == start + 1 and toks[start].low in _APPROXIMATORS:
        start += 1  # "Nearly two-thirds of voters", "about half"
    # "One in five", "Nearly nine out of 10", "two of three residents"
    if is_share([tok.low for tok in toks[start:end]], _COUNT_WORDS, last_joint=3):
        return True
    if head_index == start and (
        low in _QUANTITY_HEADS or low.rsplit("-", 1)[-1] in _QUANTITY_HEADS
    ):
        if end - start == 1:
            # "Some said", but not "most state parties": a bare form after a determiner
            following = _word_at(toks, end)
            return not (low in _SUBJECT_DETERMINERS and following in _NOUN_BARE_FORMS)
        # "Most of the residents", "Many in the crowd", "some among the crews"
        return _word_at(toks, start + 1) in ("of", "in", "among")
    return end - start == 2 and toks[start].low == "those" and toks[start + 1].low in _POLLED


_AUX_ADVERBS: Final = _wordset(
    "even nevertheless nonetheless still already often always once since only merely"
)
"""Adverbs that stand between an auxiliary and the cue: "has nevertheless called"."""
_IRREGULAR_PAST: Final = _wordset(
    """stood took went made held met sat came gave got ran left kept began brought sent
    spoke thought felt found saw knew led won lost paid put set struck shook rose"""
)
_APPROXIMATORS: Final = _wordset("nearly almost about roughly around over fully just only some")
_NOMINATIVE: Final = _wordset("he she they we i")
_COUNT_WORDS: Final = _wordset(
    """one two three four five six seven eight nine ten dozen dozens several many most
    some few both all"""
)


def _is_count(tok: _Tok) -> bool:
    return tok.kind == "w" and (tok.low in _COUNT_WORDS or tok.low.isdigit())


def _capitalised_plural(tok: _Tok) -> bool:
    """ "Islanders", "Engineers": a group named by a capitalised plural."""
    text = tok.text
    return (
        tok.kind == "w"
        and len(text) > 4
        and text.isalpha()
        and text[0].isupper()
        and text[1:].islower()
        and text.endswith("s")
        and not text.endswith(("ss", "is", "us"))
    )


def _is_org_plural(word: str) -> bool:
    """ "companies", "campaigns": the plural of a noun for a body of people."""
    if word.endswith("ies"):
        return word[:-3] + "y" in ORG_NOUNS
    return word[:-1] in ORG_NOUNS


def _looks_like_agent_noun(word: str) -> bool:
    word = word.removesuffix("s")
    return len(word) > 4 and word.endswith(_AGENT_SUFFIXES)


def _with_subject(toks: list[_Tok], cue: int) -> tuple[int, int] | None:
    """The subject of a participle that *with* opens: "with 50 percent saying ...", "with
    the mayor's office arguing ..."."""
    for k in range(cue - 1, max(-1, cue - 10), -1):
        tok = toks[k]
        if tok.low == "with" or (tok.text == "," and k > 2 and k + 1 < cue):
            # also "..., Reyes saying he was encouraged and Lund calling it a start": a
            # name after a comma opens the same clause without "with"
            if k + 1 < cue and _valid_head(toks, k + 1, cue):
                if tok.text == "," and not _is_name(toks, k + 1, cue):
                    return None
                return k + 1, cue
            return None
        if tok.kind == "q" or (tok.kind == "p" and tok.text not in "-%'’."):
            return None
    return None


def _noun_phrase_after(
    toks: list[_Tok], start: int, *, any_head: bool = False
) -> tuple[int, int] | None:
    """A noun phrase starting at ``start`` and ending before punctuation or a clause word;
    unless ``any_head``, one whose words say it can speak (a name, a person, a body)."""
    k = start
    while k < len(toks) and k - start < 14:
        tok = toks[k]
        if tok.kind == "q":
            break
        if tok.kind == "p":
            if (
                tok.text in ".'’-&"
                and k > start
                and toks[k - 1].kind == "w"
                and (k + 1 < len(toks) and toks[k + 1].kind == "w")
            ):
                k += 1
                continue
            if (
                tok.text == "."
                and k > start
                and len(toks[k - 1].text) <= 4
                and (toks[k - 1].text[:1].isupper())
                and k + 1 < len(toks)
                and toks[k + 1].kind == "w"
            ):
                k += 1
                continue
            if tok.text == "(" and k > start:
                close = k + 1
                while close < len(toks) and close - k <= 8 and toks[close].text != ")":
                    close += 1
                if close < len(toks) and toks[close].text == ")":
                    k = close + 1
                    continue
            break
        if tok.low in _CLAUSE_STOP and not _np_and(toks, k):
            break
        if tok.low in ("in", "on", "during", "to", "about", "last", "this", "next", "earlier"):
            break
        if tok.low in _TIME_WORDS or (
            tok.low in CUE_FORMS
            and tok.text.islower()
            and k > start
            and not any_head  # "according to press reports": a noun
            and not _noun_reading(toks, k)
        ):
            break
        if tok.low in _FORWARD_PREPOSITIONS and (k == start or _word_at(toks, k + 1) is None):
            break
        k += 1
    end = k
    while end > start and (toks[end - 1].kind != "w" or toks[end - 1].low in _FORWARD_PREPOSITIONS):
        end -= 1
    if end <= start:
        return None
    if not any_head and not _valid_head_forward(toks, start, end):
        return None
    return start, end


def _noun_reading(toks: list[_Tok], k: int) -> bool:
    """A cue form used as a noun inside a noun phrase: "the state Division", "a council
    report", "the campaign statement"."""
    previous = toks[k - 1]
    if previous.kind != "w":
        return False
    return previous.low in _NOUN_DETERMINERS or toks[k].low in _DOC_HEADS


def _valid_head_forward(toks: list[_Tok], start: int, end: int) -> bool:
    words = [tok for tok in toks[start:end] if tok.kind == "w"]
    if any(w.text[0].isupper() for w in words):
        return True
    if words and words[-1].low.endswith("-year-old"):
        return True  # "said the 82-year-old"
    if len(words) == 1 and words[0].low in PRONOUNS:
        return True
    for w in words:
        base = w.low.removesuffix("'s").removesuffix("’s")
        if base in PERSON_NOUNS or base in OUTLET_NOUNS or base in ORG_NOUNS or base in _DOC_HEADS:
            return True
    # "said a narrator", "wrote one commenter": a noun of people by its ending, as
    # before the cue
    return (
        len(words) > 1
        and (words[0].low in _SUBJECT_DETERMINERS or _is_count(words[0]))
        and _looks_like_agent_noun(words[-1].low)
    )


def _leading_name(toks: list[_Tok], stop: int) -> tuple[int, int] | None:
    """The name or pronoun that opens a sentence and is followed by its verb: "Dana
    Okafor hedged ...", "He echoed ...", "But Mr. Reyes veered ..."."""
    k = _after_opening_phrase(toks, stop)
    if k < stop and toks[k].low in _LINKING_WORDS:
        k += 1
    if k >= stop or toks[k].kind != "w":
        return None
    if toks[k].low in PRONOUNS:
        end = k + 1
    else:
        end = k
        while end < stop and (
            (toks[end].kind == "w" and toks[end].text[0].isupper())
            or (toks[end].text == "." and end > k and len(toks[end - 1].text) <= 4)
        ):
            end += 1
        if end == k or toks[end - 1].kind != "w" or toks[end - 1].low.endswith(("'s", "’s")):
            return None
        if end < stop and toks[end].text == "(":
            # "State Sen. Ida Lund (D) thanked ...": the party is part of the mention
            close = end + 1
            while close < stop and close - end <= 8 and toks[close].text != ")":
                close += 1
            if close < stop and toks[close].text == ")":
                end = close + 1
    if end >= stop or toks[end].kind != "w" or not toks[end].text.islower():
        return None
    if toks[end].low in _CLAUSE_STOP or not _is_name(toks, k, end):
        return None
    return k, end


def _after_opening_phrase(toks: list[_Tok], stop: int) -> int:
    """Where the subject starts after an opening phrase: "After the vote, Ortiz ...",
    "In a statement on Friday, the ministry ..." (0 when the sentence opens with it)."""
    first = 1 if _word_at(toks, 0) in _LINKING_WORDS else 0
    if _word_at(toks, first) not in _OPENING_WORDS:
        return 0
    for k in range(first + 1, min(stop, first + 16)):
        tok = toks[k]
        if tok.text == ",":
            return k + 1
        if tok.kind != "w" or tok.low in _CLAUSE_STOP:
            return 0
    return 0


def _according_tail(toks: list[_Tok], end: int) -> int:
    """A source of *according to* runs on to the comma or the end of the sentence
    through a short modifier: "a poll [in March]", "two people [briefed on the
    plan]", "figures [the council released Friday]"."""
    k = end
    limit = min(len(toks), end + 9)
    while k < limit and toks[k].kind == "w":
        if toks[k].low in _CLAUSE_STOP or (_is_verb_cue(toks[k]) and k > end):
            return end
        k += 1
    if k == end or k - end > 8:
        return end
    if k < len(toks) and toks[k].text not in (",", ".", "—", "–", ";", ":"):
        return end
    if toks[end].low not in _SOURCE_TAILS and not toks[end].low.endswith("ed"):
        return end
    if _time_at(toks, end) is not None or _time_at(toks, end + 1) is not None:
        return end  # "a council report on Wednesday": the time is the article's
    return k


def _opening_source_end(toks: list[_Tok], end: int, limit: int) -> int:
    """An opening *According to* phrase runs on to its comma: "According to exit polls
    by the Harbor Ledger and Channel 4, [Ortiz leads]"."""
    for k in range(end, min(len(toks), limit)):
        tok = toks[k]
        if tok.text == ",":
            return k
        if tok.kind != "w" and tok.text not in ("(", ")", "&", "-", "’", "'"):
            break
    return end


def _according_appositive(toks: list[_Tok], end: int, content_before: bool) -> int:
    """Where the source of *according to* ends: after its appositive or relative clause
    ("according to Ida Lund, a pollster at the institute, ..."), else at ``end``."""
    if end + 1 >= len(toks) or toks[end].text != ",":
        return end
    opener = toks[end + 1]
    if opener.kind != "w" or not (
        opener.low in ("a", "an", "who", "which")
        or (opener.text.islower() and opener.low in ROLE_WORDS)
    ):
        return end
    if opener.low not in ("a", "an", "who", "which") and end + 2 < len(toks):
        verb = toks[end + 2]
        if verb.low in _FINITE_AFTER_SUBJECT or _past_verb(verb):
            return end  # "According to police, officers saw him ...": the content's subject
    for k in range(end + 2, min(len(toks), end + 25)):
        tok = toks[k]
        if tok.kind == "q":
            return end
        if tok.text in (",", "—", "–"):
            return k
    if not content_before:
        return end
    stop = len(toks)
    while stop > end and toks[stop - 1].kind == "p":
        stop -= 1
    return stop if stop - end <= 25 else end


def _find_as_saying(toks: list[_Tok], i: int) -> int | None:
    for k in range(i + 1, min(len(toks) - 1, i + 16)):
        if toks[k].kind != "w":
            if toks[k].text in ";:" or toks[k].kind == "q":
                return None
            continue  # "quoted Ada Moss, a Lansing native, as saying"
        if toks[k].low == "as" and _word_at(toks, k + 1) in ("saying", "telling", "stating"):
            return k + 1
    return None


def _find_citing(toks: list[_Tok], frame_start: int, frame_end: int) -> tuple[int, int] | None:
    """``Citing Y, X said`` or ``X said, citing Y, that``: the token range of Y."""
    candidates = [0] if _word_at(toks, 0) == "citing" else []
    for k in range(frame_start, min(frame_end + 3, len(toks))):
        if toks[k].low == "citing" and k not in candidates:
            candidates.append(k)
    for k in candidates:
        np = _noun_phrase_after(toks, k + 1)
        if np is not None:
            return np
    return None


_CLAIM_NOUNS: Final = _wordset(
    """claim claims charge charges allegation allegations accusation accusations assertion
    account version characterization description notion assessment conclusion"""
)
_RELAYING: Final = _wordset("obtained seen reviewed viewed shared leaked provided")
_AUTHORING: Final = _wordset("published released written prepared compiled conducted issued filed")
_DOCUMENT_NOUNS: Final = _wordset(
    """report reports study studies survey surveys poll polls analysis audit review
    letter memo statement filing filings documents records data estimate estimates"""
)


def _author_and_relay(
    toks: list[_Tok], source: tuple[int, int]
) -> tuple[tuple[int, int], list[tuple[int, int]]]:
    """Who speaks in an *according to* source that names a document: its author ("a
    report by the port authority", "figures released by the ministry"), and whoever
    only passed it on ("documents obtained by the Ledger": the documents speak, the
    Ledger relays them)."""
    start, end = source
    speaker = source
    relays: list[tuple[int, int]] = []
    for k in range(start + 1, end - 1):
        if toks[k].low != "by":
            continue
        before = toks[k - 1].low
        after = _noun_phrase_after(toks, k + 1)
        if after is None or after[0] >= end:
            break
        found = (after[0], min(after[1], end))
        if before in _RELAYING:
            if speaker == source:
                speaker = (start, k - 1)  # "documents [obtained by ...]"
            relays.insert(0, found)  # outermost first: whoever passed it on last
        elif (before in _AUTHORING or before in _DOCUMENT_NOUNS) and speaker == source:
            speaker = found
    return speaker, relays


def _citing_after(toks: list[_Tok], content: list[tuple[int, int]]) -> tuple[int, int] | None:
    """``X reported that ..., citing Y``: the token range of Y."""
    end = content[-1][1]
    low, high = 0, len(toks)
    while low < high:  # the first token at or after the content's end
        middle = (low + high) // 2
        if toks[middle].start < end:
            low = middle + 1
        else:
            high = middle
    k = low
    if k < len(toks) - 2 and toks[k].text == "," and toks[k + 1].low == "citing":
        return _noun_phrase_after(toks, k + 2)
    return None


def _find_interview_outlet(toks: list[_Tok], start: int, stop: int) -> tuple[int, int] | None:
    for k in range(start, min(stop, len(toks), start + 8)):
        if toks[k].low in ("interview", "interviews") and _word_at(toks, k + 1) == "with":
            return _noun_phrase_after(toks, k + 2)
    return None


def _skip_object(toks: list[_Tok], start: int) -> int:
    """After *told*: skip "reporters", "the Associated Press", "CNN on Sunday"."""
    for k in range(start, min(len(toks), start + 12)):
        if toks[k].low == "that":
            return k
        if toks[k].kind != "w":
            break
    k = start
    if _word_at(toks, k) in ("the", "a", "an", "his", "her", "their", "its"):
        k += 1
    if k < len(toks) and toks[k].kind == "w" and toks[k].text[0].isupper():
        while k < len(toks) and toks[k].kind == "w" and toks[k].text[0].isupper():
            k += 1
        return k
    if (
        k < len(toks)
        and toks[k].kind == "w"
        and (
            toks[k].low in PERSON_NOUNS
            or toks[k].low
            in ("reporters", "journalists", "me", "him", "her", "them", "us", "lawmakers")
        )
    ):
        return k + 1
    # "told a news conference they ...", "tells the cheering crowd she ...": a few
    # plain words before a subject pronoun, or ending in a word for an audience
    for j in range(k, min(len(toks), k + 4)):
        if toks[j].kind != "w" or not toks[j].text.islower():
            break
        if toks[j].low in _AUDIENCE_NOUNS:
            return j + 1
        if toks[j].low in _NOMINATIVE:
            return j if j > k else start
        if toks[j].low == "that":
            break
    return start


_AUDIENCE_NOUNS: Final = _wordset(
    """crowd crowds audience audiences conference rally meeting gathering council
    committee panel hearing supporters voters listeners viewers readers students workers
    members delegates donors room"""
)


def _skip_complement(toks: list[_Tok], start: int) -> int:
    """Skip what sits between a cue and its content: time, "in a statement", "that"."""
    limit = min(len(toks), start + 16)
    # "that" close by, with only plain words before it, opens the content
    for k in range(start, limit):
        tok = toks[k]
        if tok.kind == "w" and tok.low == "that":
            if _demonstrative(toks, k):
                if k == start:
                    return k  # "disputed that account,": the object, not a clause
                break
            if k == start or _is_complement(toks, start, k):
                return k + 1
            break
        if tok.kind != "w" and tok.text != ",":
            break
    k = start
    while k < len(toks):
        tok = toks[k]
        if tok.kind == "p" and tok.text in ",:—–-":
            k += 1
            continue
        if tok.kind != "w":
            break
        end = _time_at(toks, k)
        if end is not None:
            k = end
            continue
        if tok.low in _PP_STARTS:
            end = _pp_end(toks, k)
            if end is not None:
                k = end
                continue
        if tok.low in _FRAME_PHRASE_STARTS:
            end = _phrase_before_subject(toks, k)
            if end is not None:
                k = end  # "said after the vote he would ...": the clause starts at "he"
                continue
        if _manner_adverb(toks, k):
            k += 1  # "said flatly: ...", "added quickly that ..."
            continue
        if tok.low == "that":
            k += 1
        break
    return k


_FRAME_PHRASE_STARTS: Final = _wordset(
    "in on at during after before since under following amid despite"
)


def _phrase_before_subject(toks: list[_Tok], k: int) -> int | None:
    """Where a short phrase at ``k`` ends when a subject pronoun follows it: "after the
    vote [he]", "under Ortiz’s questioning [she]" (a pronoun cannot go on a noun phrase)."""
    for j in range(k + 1, min(len(toks), k + 6)):
        tok = toks[j]
        if tok.kind != "w" or tok.low in _CLAUSE_STOP:
            return None
        if tok.low in _NOMINATIVE:
            return j if j > k + 1 else None
    return None


_FRAME_PREPOSITIONS: Final = _wordset("in on at during to via through before after from for")
_WH_OPENERS: Final = _wordset("how why whether what who when where if")
_FRAME_ADVERBS: Final = _wordset("afterward afterwards later earlier")


def _frame_to_clause(toks: list[_Tok], start: int, lemma: str) -> int:
    """Skip the rest of the frame before a "that" clause: "said [at a Monday rally in
    Lansing] that ...", "told [the Ledger's “Morning Call” on Friday] that ...", "told
    [host Ana Lund] how ...". The words skipped must read as a prepositional phrase (or,
    after *told*, its object): no verb and no clause word among them."""
    if start == 0 or start >= len(toks) or toks[start - 1].low == "that":
        return start
    if not (
        toks[start].low in _FRAME_PREPOSITIONS
        or lemma in _OBJECT_CUES
        or toks[start].low in _FRAME_ADVERBS
    ):
        return start
    for k in range(start + 1, min(len(toks), start + 14)):
        tok = toks[k]
        if tok.text in (":", ",", ".") and k + 1 < len(toks) and toks[k + 1].kind == "q":
            return k + 1  # "told the crowd: “...”", "said in Lansing, “...”"
        if tok.kind == "p" and tok.text not in (",", "’", "'"):
            return start
        if tok.kind != "w":
            continue
        if tok.low == "that" or (tok.low in _WH_OPENERS and lemma in _OBJECT_CUES):
            if toks[k - 1].kind == "p" and toks[k - 1].text != ",":
                return start
            return k + 1 if tok.low == "that" else k
        if (
            tok.low in _CLAUSE_STOP
            or tok.low in _AUX
            or (tok.low in CUE_FORMS and tok.text.islower())
            or tok.low in PRONOUNS
        ):
            return start
    return start


def _continues_clause(tok: _Tok) -> bool:
    """Whether a quotation opens in lower case, going on with the sentence around it:
    'The levee, Lund said, “will hold.”' (not a new sentence: “It will hold.”)."""
    if tok.kind != "q":
        return False
    words = tok.text.lstrip("\"“”'‘’«„ ")
    return bool(words) and words[0].islower()


def _final_quotation(toks: list[_Tok], start: int, end: int, after: tuple[str, ...]) -> int | None:
    """The index of a quotation that ends ``toks[start:end]`` (closing punctuation
    aside) right after one of the marks ``after``, with a token before that mark."""
    last = end - 1
    while last > start and toks[last].kind == "p":
        last -= 1
    if last <= start + 1 or toks[last].kind != "q" or toks[last - 1].text not in after:
        return None
    return last


def _closing_quotation(toks: list[_Tok], start: int) -> int | None:
    """The quotation that ends ``toks`` after a full stop, when none comes before it
    from ``start`` on: '..., Lund said in Lansing, Mich. “We will rebuild.”'."""
    last = _final_quotation(toks, start, len(toks), (".", "!", "?"))
    if last is None or any(tok.kind == "q" for tok in toks[start:last]):
        return None
    return last


def _manner_adverb(toks: list[_Tok], k: int) -> bool:
    """An adverb after a cue, before the content: "flatly:", "bluntly,", "later that"."""
    low = toks[k].low
    if not (low.endswith("ly") and len(low) > 4 and toks[k].text.islower()):
        return False
    following = toks[k + 1] if k + 1 < len(toks) else None
    return following is not None and (
        following.kind == "q" or following.text in (":", ",") or following.low == "that"
    )


_NOT_NOUNS: Final = _wordset("too also again it is was so now then well")


def _demonstrative(toks: list[_Tok], k: int) -> bool:
    """ "that account," / "that claim.": *that* before a single noun that ends the
    clause is a determiner; a complementiser opens a clause with a verb."""
    if k + 2 > len(toks):
        return False
    noun = toks[k + 1]
    ends = k + 2 == len(toks) or (toks[k + 2].kind == "p" and toks[k + 2].text in ",.;:!?")
    return ends and noun.kind == "w" and noun.text.islower() and noun.low not in _NOT_NOUNS


def _is_complement(toks: list[_Tok], start: int, stop: int) -> bool:
    k = start
    while k < stop:
        tok = toks[k]
        if tok.kind == "p" and tok.text == ",":
            k += 1
            continue
        end = _time_at(toks, k)
        if end is not None:
            k = end
            continue
        if tok.low in _PP_STARTS:
            end = _pp_end(toks, k)
            if end is not None and end <= stop:
                k = end
                continue
        if tok.low in _OBJECT_CUES:
            return False
        return False
    return True


def _pp_end(toks: list[_Tok], k: int) -> int | None:
    """End of "in a statement", "in an interview with CNN", "to reporters" at ``k``."""
    for j in range(k + 1, min(len(toks), k + 6)):
        tok = toks[j]
        if tok.kind != "w":
            return None
        if (
            j == k + 1
            and toks[k].low == "to"
            and tok.text.islower()
            and not (tok.low.endswith("s") and not tok.low.endswith("ss"))
        ):
            return None  # "sought to address", "plans to release": an infinitive
        if tok.low in _PP_HEADS:
            end = j + 1
            if _word_at(toks, end) in ("with", "on", "to", "at", "for") and end + 1 < len(toks):
                np = _noun_phrase_after(toks, end + 1)
                if np is not None:
                    end = np[1]
            return end
    return None


def _time_at(toks: list[_Tok], k: int) -> int | None:
    """End of a time expression at ``k`` ("yesterday", "on Friday", "last week")."""
    low = _word_at(toks, k)
    if low is None:
        return None
    if low in _TIME_WORDS:
        end = k + 1
        if _word_at(toks, end) in ("morning", "afternoon", "evening", "night"):
            end += 1
        return end
    if low in _TIME_MODIFIERS:
        following = _word_at(toks, k + 1)
        if following is None:
            return None
        if following in _TIME_WORDS or following in _TIME_UNITS:
            return _time_at(toks, k + 1) or k + 2
        if following == "this" and _word_at(toks, k + 2) in _TIME_UNITS:
            return k + 3
    return None


_TIME_STARTS: Final = _TIME_WORDS | _TIME_MODIFIERS
"""The words a time expression of :func:`_time_at` can start with: one look-up."""


def _find_time(
    toks: list[_Tok], frame: tuple[int, int], content: list[tuple[int, int]]
) -> tuple[int, int] | None:
    first, last = frame
    for k in range(max(0, first), min(len(toks), last + 8)):
        if toks[k].low not in _TIME_STARTS:
            continue
        if _inside_any((toks[k].start, toks[k].end), content):
            continue
        end = _time_at(toks, k)
        if end is not None:
            return toks[k].start, toks[end - 1].end
    return None


def _content_start(toks: list[_Tok], stop: int) -> int:
    """Where content before a frame starts: after a dateline ("WASHINGTON —") and a
    linking word ("But", "So", "Still,"), which are the article's, not the speaker's."""
    k = 0
    while k < stop and toks[k].kind == "w" and toks[k].text.isupper() and len(toks[k].text) > 1:
        k += 1
    if 0 < k < stop and toks[k].text in ("—", "–", "―", "-", "("):
        if toks[k].text == "(":
            while k < stop and toks[k].text != ")":
                k += 1
            k += 1
        while k < stop and toks[k].kind == "p":
            k += 1
    else:
        k = 0
    if k < stop and toks[k].low in _LINKING_WORDS and k + 1 < stop:
        k += 1
        if toks[k].text == ",":
            k += 1
    return k


_FORWARD_TRIGGERS: Final = frozenset(
    {"and", "but", "when", "after", "before", "in", "during", ",", "—", "–", "--", ";"}
)
"""What a token of :func:`_forward_end` must be (lower-cased) for a test of it to end the
content there, unless a quotation comes right before it: every new test there must keep
to these or widen them."""


_MEDIA: Final = _wordset("tweet statement interview post op-ed letter email e-mail")
_MEDIA_PAIRS: Final = frozenset(
    {("conference", "call"), ("news", "conference"), ("press", "conference")}
)
_MEDIUM_OWNERS: Final = _wordset("a an his her their its")
_NOT_IN_A_MEDIUM_TAIL: Final = _wordset("that which who whom whose saying because")


def _medium_tail(toks: list[_Tok], index: int) -> bool:
    """Whether the content ends with the medium it was said in: "in a statement", "in
    a recent interview with the Ledger on Friday", "during a news conference" (a few
    words at most after it, none opening a clause)."""
    k = index + 1
    if _word_at(toks, k) not in _MEDIUM_OWNERS:
        return False
    k += 1
    for _ in range(2):  # "a tweet", "a Facebook post", "a recent radio interview"
        word = _word_at(toks, k)
        if word is None:
            return False
        if word in _MEDIA or (word, _word_at(toks, k + 1)) in _MEDIA_PAIRS:
            k += 1 if word in _MEDIA else 2
            break
        k += 1
    else:
        if _word_at(toks, k) not in _MEDIA:
            return False
        k += 1
    if len(toks) - k > 16:
        return False  # more than a few words after it: the sentence goes on
    for tok in toks[k:]:
        if tok.kind == "q" or tok.low in _NOT_IN_A_MEDIUM_TAIL or tok.text in (",", ";", ":"):
            return False
    return sum(tok.kind == "w" for tok in toks[k:]) <= 8


def _speech_word(tok: _Tok) -> bool:
    """A word of saying or of a medium ("discussed", "asked", "statements"): a belief
    cue form ("plan", "hope") is as often a noun of the content."""
    if tok.kind != "w":
        return False
    lemma = CUE_FORMS.get(tok.low)
    if lemma is not None:
        return lemma not in BELIEF_CUES
    return tok.low in _MEDIA or tok.low == "statements"


def _forward_end(toks: list[_Tok], start: int) -> int:
    """Where forward content ends: the sentence end, before the article's own comment
    after a quotation (...," which makes sense), or before a new frame (", said X",
    ", the report said")."""
    end = len(toks)
    for index in range(start + 1, end):
        tok = toks[index]
        if tok.low not in _FORWARD_TRIGGERS and toks[index - 1].kind != "q":
            continue  # most tokens: no test below can end the content at them
        if toks[index - 1].kind == "q":
            follower = index + 1 if tok.text == "," else index
            if _word_at(toks, follower) in ("which", "something"):
                return index
        verb = index + 1
        while tok.low in ("and", "but") and verb + 1 < end and toks[verb].low in _AUX:
            verb += 1  # "... and has said", "but would not say"
        if (
            tok.low in ("and", "but")
            and verb < end
            and toks[verb].text.islower()
            and (toks[verb].low in _COORDINATED_CUES or _is_verb_cue(toks[verb]))
        ):
            # "... and says he introduced legislation", "... but added that ...": a claim
            # of its own
            return index
        if (
            tok.low == "and"
            and index > start + 2
            and (_ends_content(toks[index - 1]) or toks[index - 1].kind == "q")
            and _word_at(toks, index + 1) is not None
            and toks[index + 1].text.islower()
            and toks[index + 1].low.endswith("ed")
        ):
            return index  # ', calling him "reckless," and contrasted ...': the narration
        if (
            tok.low == "and"
            and index > start + 3
            and toks[index - 1].text == ","
            and _word_at(toks, index + 1) in ("he", "she")
        ):
            return index - 1  # "..., and she left the hall": the article goes on
        if tok.kind == "p" and tok.text in ("—", "–", "--", ";") and index > start + 2:
            return index  # "... the situation — it has also exposed ...": an aside
        if tok.text == ";" and index > start:
            return index  # "denounce ferry cuts; Ortiz vows ...": a new clause
        if (
            tok.text == ","
            and index > start + 2
            and _word_at(toks, index + 1) in _CONTENT_BREAKS
            and toks[index - 1].kind != "q"
            and not _but_continues(toks, index)
        ):
            return index  # "..., which forced her to leave", "..., but pledged ..."
        if (
            tok.text == ","
            and _word_at(toks, index + 1) == "as"
            and "by"
            in (
                _word_at(toks, index + 3),
                _word_at(toks, index + 4),
            )
        ):
            return index  # "..., as first reported by the Ledger": the source of it all
        if (
            tok.text == ","
            and _word_at(toks, index + 1) == "compared"
            and _word_at(toks, index + 2) in ("with", "to")
        ):
            return index  # "... said yes, compared with 23 percent who ...": the article's
        if (
            tok.low in ("in", "during")
            and index > start + 2
            and _medium_tail(toks, index)
            and not any(_speech_word(other) for other in toks[start:index])
        ):
            # "... were never tested in a statement on Friday": how it was said; but in
            # "... discussed the plan in a conference call" the call is what is reported
            return index
        if tok.low in ("when", "after", "before") and _word_at(toks, index + 1) in _ASKED:
            return index  # '"We'll see," when asked whether ...': the question is not hers
        after_quote = (
            tok.kind == "w" and toks[index - 1].kind == "q" and _ends_content(toks[index - 1])
        )
        if after_quote and (
            (tok.low in _CONTENT_BREAKS and tok.low not in ("a", "an"))
            or index - 1 == start
            or (tok.text.islower() and tok.low.endswith("ing") and len(tok.low) > 5)
        ):
            # '"sound," but he left ...', '"damning," the council lost', '"a
            # scandal," pointing at ...': the narration again
            return index
        joined = tok.low in ("and", "but") and index > start + 2
        if after_quote or joined or (tok.text == "," and index + 1 < end):
            # ', noting ...', '," the Ledger reported': a new frame after the comma (which
            # a quotation may hold: "a scandal," noting ...); "... and one in four said":
            # a new speaker after the coordinator
            first = index if after_quote else index + 1
            for k in range(first, min(end, first + 6)):
                if toks[k].kind != "w":
                    break
                if _is_verb_cue(toks[k]):
                    if (k == first and not joined) or (k > first and _valid_head(toks, first, k)):
                        return index
                    break
                if (
                    k > first
                    and toks[k].low in CUE_FORMS
                    and toks[k].text.islower()
                    and not toks[k].low.endswith("ing")
                    and _valid_head(toks, first, k)
                    and (toks[k - 1].low in PRONOUNS or toks[k - 1].low.endswith("s"))
                ):
                    return index  # "..., others argue that ...", "..., critics say"
    return end


_CLAUSE_OPENERS: Final = _wordset(
    "although though while whereas even when if because since unless after before"
)


def _in_opening_clause(toks: list[_Tok], frame_start: int) -> bool:
    """Whether the frame stands in a subordinate clause that opens the sentence
    ("Although critics argue that ..., the mayor has ...")."""
    first = 1 if _word_at(toks, 0) in ("but", "and", "yet") else 0
    word = _word_at(toks, first)
    if word == "even":
        word = _word_at(toks, first + 1)
        first += 1
    if word not in _CLAUSE_OPENERS or first >= frame_start:
        return False
    # "When the storm came, Okafor said ...": the clause closed before the frame
    return not any(tok.text == "," for tok in toks[first:frame_start])


def _opening_clause_end(toks: list[_Tok], start: int, end: int) -> int:
    """The first comma after the content's start: the main clause follows it."""
    for index in range(start + 2, end - 2):
        if toks[index].text == "," and toks[index - 1].kind != "q":
            return index
    return end


_BUT_GOES_ON: Final = _wordset("that rather also only not instead")


def _but_continues(toks: list[_Tok], comma: int) -> bool:
    """Whether ", but" at ``comma`` goes on with the content: "X, but that Y" (a second
    clause of the same cue), "not only X, but also Y", "not X, but rather Y"."""
    return _word_at(toks, comma + 1) == "but" and _word_at(toks, comma + 2) in _BUT_GOES_ON


def _object_end(toks: list[_Tok], start: int, end: int) -> int:
    """Where the object of an act ends: "endorsed [Ortiz] on Friday", "praised [the
    crews] after the storm", "backed [the plan] and thanked ..."."""
    if toks[start].low == "that":
        return end
    for k in range(start + 1, end):
        tok = toks[k]
        if tok.kind == "p":
            if tok.text in ",;—–" or (tok.text == "-" and toks[k - 1].kind != "w"):
                return k
            continue
        if tok.kind != "w":
            continue
        low = tok.low
        if low in _OBJECT_BREAKS or _time_at(toks, k) is not None:
            return k
        if low in _PP_STARTS and (
            _pp_end(toks, k) is not None or _time_at(toks, k + 1) is not None
        ):
            return k  # "at a rally", "in a statement", "in December"
        if low == "and" and k + 1 < end and toks[k + 1].low.endswith("ed"):
            return k
    return end


def _introduced_quotation(toks: list[_Tok], start: int, end: int) -> int | None:
    """A forward content that is words, then a comma or colon, then a quotation that
    ends it ("the crowd, “Can she stay?”"): the index of the quotation. The words
    before it say whom the speaker addressed or when, not what was said."""
    last = _final_quotation(toks, start, end, (",", ":"))
    if last is None or toks[start].kind == "q":
        return None
    words = toks[start : last - 1]
    if len(words) > 5 or any(
        tok.kind != "w"
        or tok.low in _CLAUSE_STOP
        or tok.low in PRONOUNS
        or tok.low in CUE_FORMS
        or tok.low in _AUX
        or tok.low in ("have", "has", "had", "is", "are", "was", "were", "be")
        for tok in words
    ):
        return None  # "said she has the quality: “...”": a clause, which is content
    return last


def _starts_participle(toks: list[_Tok], start: int) -> bool:
    low = _word_at(toks, start)
    return low is not None and low.endswith("ing") and low in CUE_FORMS


def _is_frame_prefix(toks: list[_Tok], stop: int) -> bool:
    """Whether ``toks[:stop]`` (ending in a comma) frames the claim rather than being it.

    "Citing officials,", "In a statement,", "On Monday,", "Meanwhile," open the sentence
    of a claim whose content comes after the cue.
    """
    if _word_at(toks, 0) == "citing":
        return True
    if any(tok.kind == "q" for tok in toks[:stop]):
        return False
    if _skip_complement(toks, 0) >= stop:
        return True
    words = [tok for tok in toks[:stop] if tok.kind == "w"]
    return len(words) <= 2 and all(w.low in _LEADING_JUNK for w in words)


def _span_of(toks: list[_Tok], first: int, stop: int) -> tuple[int, int] | None:
    if first >= stop:
        return None
    return toks[first].start, toks[stop - 1].end


def _strip_piece(text: str, toks: list[_Tok], first: int, stop: int) -> tuple[int, int] | None:
    """The span of ``toks[first:stop]`` without punctuation at its edges, but for the
    marks that belong to the words: "$200,000", "5%", "(for now)"."""
    while first < stop and toks[first].kind == "p" and toks[first].text not in _CURRENCY:
        first += 1
    while stop > first and toks[stop - 1].kind == "p" and not _belongs_to_words(toks, first, stop):
        stop -= 1
    if first >= stop:
        return None
    return toks[first].start, toks[stop - 1].end


_CURRENCY: Final = frozenset("$€£¥")
_CLOSERS: Final = {")": "(", "]": "["}


def _belongs_to_words(toks: list[_Tok], first: int, stop: int) -> bool:
    """Whether the mark ending ``toks[first:stop]`` is part of its words: a percent
    sign after a number, a bracket closing one the piece opened."""
    mark = toks[stop - 1]
    if mark.text == "%":
        return stop - 1 > first and toks[stop - 2].text[-1:].isdigit()
    opener = _CLOSERS.get(mark.text)
    return opener is not None and any(tok.text == opener for tok in toks[first : stop - 1])


def _quote_span(text: str, tok: _Tok) -> tuple[int, int]:
    """The words of a quotation token, without the marks and a trailing comma."""
    assert tok.quote is not None
    start, end = tok.quote.inner_start, tok.quote.inner_end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def _quotes_in(toks: list[_Tok]) -> list[tuple[int, int]]:
    return [span for tok in toks if tok.kind == "q" for span in [_quote_span_any(tok)] if span]


def _quote_span_any(tok: _Tok) -> tuple[int, int] | None:
    assert tok.quote is not None
    start, end = tok.quote.inner_start, tok.quote.inner_end
    text = tok.text
    offset = tok.start
    while start < end and text[start - offset].isspace():
        start += 1
    while end > start and (text[end - 1 - offset].isspace() or text[end - 1 - offset] == ","):
        end -= 1
    return (start, end) if start < end else None


def _inside_any(span: tuple[int, int], pieces: list[tuple[int, int]]) -> bool:
    first, last = span
    # a loop, not any(): no generator to set up on each of the many calls
    for start, end in pieces:  # noqa: SIM110
        if start <= first and last <= end:
            return True
    return False


def _is_real_quote(text: str, quote: tuple[int, int], content: list[tuple[int, int]]) -> bool:
    """A quotation of one word inside reported speech is a scare quote ("combat" troops)."""
    if quote in content:
        return True
    return len(text[quote[0] : quote[1]].split()) >= 2


def _word_count(toks: list[_Tok], first: int, stop: int) -> int:
    # a loop, not sum() over a generator: no generator to resume for every token
    words = 0
    for tok in toks[first:stop]:
        if tok.kind != "p":
            words += 1
    return words


def _only_quotations(tokens: list[_Tok]) -> bool:
    has_quote = False
    for tok in tokens:
        if tok.kind == "q":
            has_quote = True
        elif tok.kind != "p" or tok.text not in _FOLLOW_ON_OK:
            return False
    return has_quote


def _append_quotes(draft: _Draft, tokens: list[_Tok], sentence_end: int) -> None:
    for tok in tokens:
        if tok.kind == "q":
            span = _quote_span_any(tok)
            if span is not None:
                draft.content.append(span)
                draft.quotes.append(span)
                draft.has_quote = True
    draft.sentence = (draft.sentence[0], max(draft.sentence[1], sentence_end))


def _trim_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# --- freezing into models ---------------------------------------------------------------
def run(
    document: Document,
    *,
    beliefs: frozenset[str] = frozenset(),
    acts: frozenset[str] = frozenset(),
) -> tuple[list[Claim], list[Agent]]:
    """Read ``document`` and return its claims and the agents that speak or relay them."""
    reader = _Reader(document, beliefs=beliefs, acts=acts)
    if document.text.strip():
        reader.read()
    text = document.text
    # Spans are immutable, and the same stretch is often a source, a mention and a quote:
    # build each once
    span = _SpanCache(text)

    drafts = [d for d in reader.drafts if d.content and d.cue is not None]
    drafts.sort(key=lambda d: (d.sentence[0], d.content[0][0]))
    used: dict[int, AgentDraft] = {}
    for draft in drafts:
        for agent in (*draft.via, draft.speaker):
            used.setdefault(agent.key, agent)
    ordered = sorted(used.values(), key=lambda a: min(a.mentions) if a.mentions else (0, 0))
    models: dict[int, Agent] = {}
    for number, agent in enumerate(ordered, start=1):
        # every span is built by Span.of and every value by this module: skip
        # re-validating what is valid by construction (users' models still validate);
        # the fields are written in declaration order, as _assemble requires
        models[agent.key] = _assemble(
            Agent,
            {
                "id": f"a{number}",
                "name": agent.name,
                "kind": agent.kind,
                "role": agent.role,
                "affiliation": agent.affiliation,
                "anonymous": agent.anonymous,
                "mentions": list(map(span.__getitem__, sorted(agent.mentions))),
            },
            _AGENT_FIELDS,
        )
    claims: list[Claim] = []
    for number, draft in enumerate(drafts, start=1):
        if draft.has_quote:
            direct = _all_quoted(draft) and not _follows_that(text, draft.content[0][0])
            kind = "direct" if direct else "mixed"
        else:
            kind = "indirect"
        assert draft.cue is not None
        claims.append(
            _assemble(
                Claim,
                {
                    "id": f"c{number}",
                    "kind": kind,
                    "sentence": span[draft.sentence],
                    "content": list(map(span.__getitem__, draft.content)),
                    "quotes": list(map(span.__getitem__, draft.quotes)),
                    "cue": _assemble(
                        Cue,
                        {
                            "span": span[draft.cue],
                            "lemma": draft.lemma,
                            "stance": stance_of(draft.lemma),
                        },
                        _CUE_FIELDS,
                    ),
                    "source": span[draft.source] if draft.source else None,
                    "speaker": models[draft.speaker.key],
                    "via": [models[agent.key] for agent in draft.via],
                    "time": span[draft.time] if draft.time else None,
                },
                _CLAIM_FIELDS,
            )
        )
    return claims, [models[agent.key] for agent in ordered]


_AGENT_FIELDS: Final = set(Agent.model_fields)
_CLAIM_FIELDS: Final = set(Claim.model_fields)
_CUE_FIELDS: Final = set(Cue.model_fields)


class _SpanCache(dict[tuple[int, int], Span]):
    """The spans of one text by their offsets, each built on first use."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def __missing__(self, key: tuple[int, int]) -> Span:
        # Span._of_str written out: no call but the model's own four slots
        text = self.text
        start, end = key
        if not 0 <= start <= end <= len(text):
            raise ValueError(f"span [{start}, {end}) is outside a text of {len(text)}")
        made = self[key] = _new_object(Span)
        _set_dict(made, {"start": start, "end": end, "text": text[start:end]})
        _set_fields_set(made, _SPAN_FIELDS.copy())
        _set_extra(made, None)
        _set_private(made, None)
        return made


_SPAN_FIELDS: Final = set(Span.model_fields)


def _follows_that(text: str, start: int) -> bool:
    """A quotation built into reported speech: 'as saying that "the United States ..."'."""
    window = text[max(0, start - 12) : start].rstrip("\"“«„' \t")
    return window.lower().endswith((" that", "\nthat")) or window.lower() == "that"


def _backward_claim(draft: _Draft) -> bool:
    """Whether the claim's words all come before its cue: “...,” Lund said."""
    return draft.cue is not None and bool(draft.content) and draft.content[-1][1] <= draft.cue[0]


def _quoted_claim(made: list[_Draft]) -> _Draft:
    """The claim a quotation in the next sentence continues: the sentence's last claim
    made only of quoted words (“...,” she said, adding that ... . “...”), else its last."""
    for draft in reversed(made):
        if draft.has_quote and _all_quoted(draft):
            return draft
    return made[-1]


def _all_quoted(draft: _Draft) -> bool:
    if draft.verbatim:
        return True
    quoted = set(draft.quotes)
    return all(piece in quoted for piece in draft.content)
