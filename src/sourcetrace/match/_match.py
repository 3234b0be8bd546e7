"""Matching one claim (or a bare quote) against documents, best evidence first."""

from __future__ import annotations

import logging
import math
import re
import unicodedata
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from itertools import pairwise

from rapidfuzz import fuzz

from .._config import TraceConfig
from .._errors import EmptyInputError, InputError
from .._models import Agent, ClaimKind, DiffOp, Evidence, Flag, Relation, Span
from ..text.normalize import normalize
from ._align import Alignment, align, best_fragment
from ._classify import SegmentMatch, classify_segment, meaning_flags, squash
from ._corpus import AnchorSet
from ._index import KEY_CHARS, Entry, index_tokens, quick_fold
from ._speaker import is_secondary, speaker_agrees
from ._text import NEGATIONS, STOPWORDS, QuoteSegment, Words, split_quote, words_of

__all__ = ["MAX_QUOTE_CHARS", "Query", "build_query", "match_entry", "rank"]

logger = logging.getLogger("sourcetrace.match")

MAX_QUOTE_CHARS = 5_000
"""Longest quote (or claim content) matched: longer ones are not quotes a reporter wrote."""

_MAX_PER_DOCUMENT = 4
# A lost word costs less than its length when what replaces it shares letters with it
# (a long run of replaced words shares about a third of its letters in order with its
# replacement): the budget is half as large again as the threshold implies, plus two.
_BUDGET_MARGIN = 2
_BUDGET_FACTOR = 1.5
# Keys a bracketed insertion may stand for.
_WILDCARD_KEYS = 6
# Characters a bracketed insertion may stand for, when bounding a passage's length.
_WILDCARD_CHARS = 100
# A passage's original text is longer than its normalised words by the punctuation
# and blanked speaker labels normalisation drops, and snapping to word boundaries may
# take in a word more: room for both when bounding how far a passage reaches.
_EXTENT_SHARE = 1.2
_EXTENT_MARGIN = 60
# A window of a long document is aligned only if a quick partial_ratio on crudely
# folded text comes within this of the threshold (room for the spelling variants the
# quick folding misses). Partial matches (truncated quotes) scoring lower in long
# documents are not looked for.
_WINDOW_SCORE_MARGIN = 15
_MIN_FRAGMENT_WORDS = 3
_MIN_FRAGMENT_SHARE = 0.3
_MAX_CHANGED_WORDS = 2
_MAX_CHANGED_SHARE = 0.25
_MIN_TAIL_WORDS = 4
_MIN_TAIL_SHARE = 0.2
_MIN_EQUAL_RUN = 3
_MIN_PARAPHRASE_WORDS = 3
_MIN_PARAPHRASE_COVERAGE = 0.5
_STEM = 5
_GAP_DIFF_CHARS = 300
_EDGE_RE = re.compile(r"^[\W_]+|[\W_]+$")


@dataclass
class Query:
    """What is looked for: quote segments in order, and the claim's own words."""

    claim_id: str
    kind: ClaimKind
    segments: list[QuoteSegment]
    content: Words | None
    speaker: Agent | None
    error: str | None = None
    context: frozenset[str] = frozenset()
    """Stems of a mixed claim's unquoted content words: what the passage's surroundings
    should say too."""

    def anchors(self, config: TraceConfig) -> list[AnchorSet] | None:
        """What a document must hold to be worth aligning (see :class:`Corpus`)."""
        if self.error is not None:
            return []
        sets: list[AnchorSet] = []
        # Elided and interrupted quotes are aligned segment by segment within one
        # window, and a mixed claim's surroundings count: only a single quote gets
        # windows cut to the longest passage that can match it.
        single = self.kind == "direct" and len(self.segments) == 1
        for segment in self.segments:
            threshold = config.quote_threshold(len(segment.text))
            anchor = _anchor_set(segment.words, threshold, segment.original)
            extent = 0
            if single:
                extent = passage_extent(len(segment.original), threshold)
                extent += _WILDCARD_CHARS * len(segment.wildcards)
            sets.append(
                replace(
                    anchor,
                    text=" ".join(quick_fold(segment.original).split()),
                    min_score=max(0.0, threshold - _WINDOW_SCORE_MARGIN),
                    reach=_WILDCARD_KEYS * len(segment.wildcards),
                    extent=extent,
                )
            )
        if self.content is not None and self.kind == "indirect":
            content = self.content
            keys = [i for i, word in enumerate(content.items) if word not in STOPWORDS]
            plain = tuple(sorted(_plain_keys(content, keys)))
            # A paraphrase needs at least half of its content stems in the window.
            sets.append(AnchorSet(plain, len(plain) // 2, len(content.norm.original)))
            sets.append(_anchor_set(content, config.min_paraphrase_score, content.norm.original))
        return sets

    def word_lists(self) -> list[list[str]]:
        lists = [segment.words.items for segment in self.segments]
        if self.content is not None:
            lists.append(self.content.items)
        return lists


def passage_extent(chars: int, threshold: float) -> int:
    """How far from any of its characters a passage matching a quote of ``chars``
    characters at ``threshold`` can reach.

    ``fuzz.ratio`` scores a passage of m characters against a quote of n at most
    100 * (1 - |m - n| / (m + n)), so at a threshold t a passage is at most
    n * (2 - t/100) / (t/100) long: half as long again as the quote at 80, a sixth
    at 92. Room is added for what normalisation drops from the original text.

    Examples:
        >>> passage_extent(100, 80.0)
        240
    """
    share = max(threshold, 1.0) / 100
    longest = chars * (2 - share) / share
    return math.ceil(_EXTENT_SHARE * longest) + _EXTENT_MARGIN


def _plain_keys(words: Words, indices: Iterable[int]) -> dict[str, int]:
    """Index keys of the words normalisation left as written (see ``index_tokens``),
    each with the length of the shortest word that gives it."""
    keys: dict[str, int] = {}
    for index in indices:
        word = words.items[index]
        if len(word) < 3 or not word.isalpha() or word in STOPWORDS:
            continue
        written = unicodedata.normalize("NFKC", words.original_text(index, index + 1)).casefold()
        if written == word:
            key = word[:KEY_CHARS]
            keys[key] = min(len(word), keys.get(key, len(word)))
    return keys


def _anchor_set(words: Words, threshold: float, original: str) -> AnchorSet:
    """What a passage reaching ``threshold`` against ``words`` must hold.

    At a ratio of t, ``partial_ratio`` compares the quote with a stretch of the same
    length, so at most (100 - t)% of the quote's characters go unmatched. Counting a
    lost word as its length, with room for replacements that share letters with what
    they replace, gives the budget of characters of words a passage may lack.
    """
    text_chars = words.ends[-1] - words.starts[0] if len(words) else 0
    budget = _BUDGET_FACTOR * (100 - threshold) / 100 * text_chars + _BUDGET_MARGIN
    keys = _plain_keys(words, range(len(words)))
    tokens = index_tokens(original)
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    for position, token in enumerate(tokens):
        first.setdefault(token, position)
        last[token] = position
    ordered = tuple(sorted(keys))
    places = tuple((first[key], last[key]) for key in ordered if key in first)
    return AnchorSet(
        ordered,
        0,
        len(words.norm.original),
        budget=budget,
        lengths=tuple(keys[key] for key in ordered),
        places=places if len(places) == len(ordered) else (),
        span=len(tokens),
    )


def build_query(
    claim_id: str,
    kind: ClaimKind,
    quotes: list[str],
    content: str,
    speaker: Agent | None,
) -> Query:
    """Prepare a claim for matching; oversized or empty input leaves ``error`` set."""
    segments: list[QuoteSegment] = []
    total = sum(len(q) for q in quotes) + (len(content) if kind == "indirect" else 0)
    if total > MAX_QUOTE_CHARS:
        return Query(claim_id, kind, [], None, speaker, error="too_long")
    if kind != "indirect":
        for quote in quotes:
            segments.extend(split_quote(quote))
    content_words: Words | None = None
    if kind == "indirect" or not segments:
        content_words = words_of(normalize(content[:MAX_QUOTE_CHARS]))
        if not content_words.items:
            content_words = None
    if not segments and content_words is None:
        return Query(claim_id, kind, [], None, speaker, error="empty")
    context = _unquoted_stems(content, quotes) if kind == "mixed" else frozenset()
    return Query(claim_id, kind, segments, content_words, speaker, context=context)


def _unquoted_stems(content: str, quotes: list[str]) -> frozenset[str]:
    rest = content
    for quote in quotes:
        rest = rest.replace(quote, " ", 1)
    return frozenset(
        word[:_STEM]
        for word in words_of(normalize(rest)).items
        if len(word) >= 3 and word.isalpha() and word not in STOPWORDS
    )


def _context_shares(context: frozenset[str], entry: Entry, found: list[_Found]) -> list[float]:
    """For each passage, the share of ``context`` in its sentences and one either side.

    The surroundings stop at a transcript turn: another speaker's words say nothing
    about what this one said.
    """
    words = entry.words
    starts = [words.original(index, index + 1)[0] for index in range(len(words))]
    sentences = entry.sentences
    shares: list[float] = []
    for item in found:
        first = entry.sentence_of(max(0, bisect_left(starts, item.start + 1) - 1))
        last = entry.sentence_of(max(0, bisect_left(starts, item.end) - 1))
        if first > 0 and first not in entry.turn_starts:
            first -= 1
        if last + 1 < len(sentences) and last + 1 not in entry.turn_starts:
            last += 1
        stop = sentences[last + 1] if last + 1 < len(sentences) else len(words)
        around = {word[:_STEM] for word in words.items[sentences[first] : stop]}
        shares.append(round(len(context & around) / len(context), 2))
    return shares


def check_quote(quote: str) -> None:
    """Refuse a bare quote that cannot be located, with a message saying why."""
    if not normalize(quote).text:
        raise EmptyInputError(
            "the quote has no words to look for; pass the quoted words themselves"
        )
    if len(quote) > MAX_QUOTE_CHARS:
        raise InputError(
            f"the quote is {len(quote):,} characters long, more than the {MAX_QUOTE_CHARS:,} "
            "that are matched; pass the quoted sentence, or split a long text into quotes"
        )


@dataclass
class _Found:
    relation: Relation
    score: float
    start: int
    end: int
    segments: list[tuple[int, int]] = field(default_factory=list)
    diff: list[DiffOp] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)


def _segment_matches(
    segment: QuoteSegment, entry: Entry, config: TraceConfig
) -> tuple[list[SegmentMatch], float]:
    words = entry.words
    alignments = align(segment.words, words, limit=3)
    best = alignments[0].score if alignments else 0.0
    threshold = config.quote_threshold(len(segment.text))
    matches = []
    for alignment in alignments:
        if alignment.score < threshold:
            # Below the threshold, the quote may still be partly there.
            partial = _near_complete(segment, entry, alignment) or _truncation(
                segment, entry, config, alignment
            )
            if partial is not None:
                matches.append(_as_segment_match(partial, alignment))
            continue
        match = classify_segment(segment, words, alignment.first, alignment.last, alignment.score)
        if match.relation == "verbatim" and squash(segment.original) != squash(
            entry.document.text[match.start : match.end]
        ):
            # The words agree but the source has a speaker label between them.
            match.relation = "minor_edit"
        if match.relation == "altered" and _edge_block(match, len(segment.words)):
            # Words added at one end of a long quote: if the rest is a whole clause of
            # the source, the quote was extended (truncated), not edited.
            truncated = _truncation(segment, entry, config, alignment)
            if truncated is not None:
                truncated.score = match.score
                matches.append(_as_segment_match(truncated, alignment))
                continue
        matches.append(match)
    matches.sort(key=lambda m: (-m.score, m.start))
    return matches, best


def _as_segment_match(found: _Found, alignment: Alignment) -> SegmentMatch:
    return SegmentMatch(
        found.relation,
        found.score,
        found.start,
        found.end,
        alignment.first,
        alignment.last,
        found.diff,
        found.flags,
    )


def _changed_allowance(n_query: int) -> float:
    return max(_MAX_CHANGED_WORDS, _MAX_CHANGED_SHARE * n_query)


def _near_complete(segment: QuoteSegment, entry: Entry, alignment: Alignment) -> _Found | None:
    words = entry.words
    n_query = len(segment.words)
    lo = max(0, alignment.first - n_query)
    hi = min(len(words), alignment.last + n_query)
    fragment = best_fragment(segment.words, words, lo, hi)
    if fragment is None or fragment.matched < _MIN_FRAGMENT_WORDS:
        return None
    if n_query - fragment.matched > _changed_allowance(n_query):
        return None
    # The fragment may sit beside the alignment's window: place the quote on it, with
    # room for the changed words at either end.
    first = max(0, fragment.doc_first - fragment.query_first)
    last = min(len(words), fragment.doc_last + n_query - fragment.query_last)
    score = fuzz.ratio(segment.text, words.norm.text[words.starts[first] : words.ends[last - 1]])
    match = classify_segment(segment, words, first, last, score)
    if match.relation != "altered":
        return None
    return _Found(
        "altered",
        match.score,
        match.start,
        match.end,
        [(match.start, match.end)],
        match.diff,
        match.flags,
    )


def _truncation(
    segment: QuoteSegment, entry: Entry, config: TraceConfig, alignment: Alignment
) -> _Found | None:
    """Part of the quote, a whole clause of the source, while the rest is not there."""
    words = entry.words
    query = segment.words
    n_query = len(query)
    lo = max(0, alignment.first - n_query)
    hi = min(len(words), alignment.last + n_query)
    fragment = best_fragment(query, words, lo, hi)
    if fragment is None:
        return None
    size = fragment.query_last - fragment.query_first
    if size < _MIN_FRAGMENT_WORDS or size < _MIN_FRAGMENT_SHARE * n_query:
        return None
    if n_query - size <= _changed_allowance(n_query):
        # Only a word or two missing: that is an alteration, not a truncation.
        return None
    start, end = words.original(fragment.doc_first, fragment.doc_last)
    text = entry.document.text
    if not (_clause_end(text, end) and _clause_start(text, start)):
        # The quote goes on where the source's clause goes on differently: the two
        # merely share a phrase ("the maternity ward in Eskby"), not a statement.
        return None
    part = query.norm.text[query.starts[fragment.query_first] : query.ends[fragment.query_last - 1]]
    source = words.norm.text[words.starts[fragment.doc_first] : words.ends[fragment.doc_last - 1]]
    if fuzz.ratio(part, source) < config.quote_threshold(len(part)):
        return None
    diff: list[DiffOp] = []
    if fragment.query_first:
        diff.append(
            DiffOp(op="insert", claim=" ".join(query.original_words(0, fragment.query_first)))
        )
    diff.append(
        DiffOp(
            op="equal" if part == source else "replace",
            claim=" ".join(query.original_words(fragment.query_first, fragment.query_last)),
            source=" ".join(words.original_words(fragment.doc_first, fragment.doc_last)),
        )
    )
    if fragment.query_last < n_query:
        diff.append(
            DiffOp(op="insert", claim=" ".join(query.original_words(fragment.query_last, n_query)))
        )
    score = fuzz.ratio(query.norm.text, source)
    return _Found("truncated", score, start, end, [(start, end)], diff)


def _edge_block(match: SegmentMatch, n_query: int) -> bool:
    """Whether the claim's first or last words form a long block the source lacks.

    Short runs of equal words inside the block ("the") do not end it: only a run of
    three or more equal words does.
    """
    for ops in (match.diff, match.diff[::-1]):
        added = 0
        for op in ops:
            size = len(op.claim.split())
            if op.op == "equal" and size >= _MIN_EQUAL_RUN:
                break
            added += size
        if added >= _MIN_TAIL_WORDS and added >= _MIN_TAIL_SHARE * n_query:
            return True
    return False


_CLAUSE_MARKS = '.,;:!?…—–-)"”’'


def _clause_end(text: str, end: int) -> bool:
    """Whether a clause of ``text`` ends at ``end`` (punctuation, a paragraph, the end)."""
    rest = text[end : end + 40]
    stripped = rest.lstrip(" \t")
    return not stripped or stripped[0] in _CLAUSE_MARKS or stripped[0] == "\n"


def _clause_start(text: str, start: int) -> bool:
    """Whether a clause of ``text`` starts at ``start``."""
    before = text[max(0, start - 40) : start].rstrip(" \t")
    return not before or before[-1] in _CLAUSE_MARKS or before[-1] == "\n" or before[-1] == "("


def _gap_op(entry: Entry, end: int, start: int) -> DiffOp | None:
    gap = _EDGE_RE.sub("", " ".join(entry.document.text[end:start].split()))
    if not normalize(gap).text:
        return None
    if len(gap) > _GAP_DIFF_CHARS:
        gap = gap[: _GAP_DIFF_CHARS // 2] + " … " + gap[-_GAP_DIFF_CHARS // 2 :]
    return DiffOp(op="delete", source=gap)


def _quote_in(query: Query, entry: Entry, config: TraceConfig) -> tuple[list[_Found], float]:
    segments = query.segments
    per_segment: list[list[SegmentMatch]] = []
    best_seen = 0.0
    for segment in segments:
        matches, best = _segment_matches(segment, entry, config)
        per_segment.append(matches)
        best_seen = max(best_seen, best)
    if len(segments) == 1:
        found = [
            _Found(m.relation, m.score, m.start, m.end, [(m.start, m.end)], m.diff, m.flags)
            for m in per_segment[0]
        ]
        return found, best_seen
    results: list[_Found] = []
    firsts: list[SegmentMatch | None] = [*per_segment[0]] or [None]
    for first in firsts:
        chain = _chain(first, per_segment, config)
        result = _combine(query, entry, chain, config)
        if result is not None:
            results.append(result)
    return results, best_seen


def _chain(
    first: SegmentMatch | None, per_segment: list[list[SegmentMatch]], config: TraceConfig
) -> list[SegmentMatch | None]:
    """Segments placed in order, each the best one close after the one before."""
    chain: list[SegmentMatch | None] = [first]
    previous = first
    for matches in per_segment[1:]:
        choice: SegmentMatch | None = None
        if previous is not None:
            after = [
                m
                for m in matches
                if m.start >= previous.end
                and m.start - previous.end <= config.max_ellipsis_gap_chars
            ]
            if after:
                choice = min(after, key=lambda m: (m.start - previous.end, -m.score))  # type: ignore[union-attr]
        if choice is None and matches:
            choice = matches[0]
        chain.append(choice)
        if choice is not None:
            previous = choice
    return chain


def _combine(
    query: Query, entry: Entry, chain: list[SegmentMatch | None], config: TraceConfig
) -> _Found | None:
    placed = [m for m in chain if m is not None]
    if not placed:
        return None
    lengths = [max(1, len(segment.text)) for segment in query.segments]
    score = sum(
        m.score * length for m, length in zip(chain, lengths, strict=True) if m is not None
    ) / sum(lengths)
    start = min(m.start for m in placed)
    end = max(m.end for m in placed)
    spans = [(m.start, m.end) for m in placed]
    in_order = all(
        later.start >= earlier.end and later.start - earlier.end <= config.max_ellipsis_gap_chars
        for earlier, later in pairwise(placed)
    )
    diff: list[DiffOp] = []
    flags: list[Flag] = []
    for index, match in enumerate(chain):
        if match is None:
            segment = query.segments[index]
            diff.append(DiffOp(op="insert", claim=segment.original))
            continue
        if diff and index > 0 and chain[index - 1] is not None and in_order:
            gap = _gap_op(entry, chain[index - 1].end, match.start)  # type: ignore[union-attr]
            if gap is not None:
                diff.append(gap)
        diff.extend(match.diff)
        flags.extend(flag for flag in match.flags if flag not in flags)
    if len(placed) < len(chain) or not in_order:
        return _Found("truncated", score, start, end, spans, diff, flags)
    relations = {m.relation for m in placed}
    if "truncated" in relations:
        return _Found("truncated", score, start, end, spans, diff, flags)
    elided = any(segment.elided_before for segment in query.segments[1:])
    relation: Relation
    if "altered" in relations:
        relation = "altered"
    elif "minor_edit" in relations or elided:
        relation = "minor_edit"
    else:
        relation = "verbatim"
    return _Found(relation, score, start, end, spans, diff, flags)


def _stems(words: list[str]) -> list[str]:
    # Numbers and negations are left to the flags: a paraphrase that changes them is
    # still the same statement, reported wrongly.
    return [
        w[:_STEM]
        for w in words
        if w not in STOPWORDS and w not in NEGATIONS and not any(c.isdigit() for c in w)
    ]


def _paraphrase_in(query: Query, entry: Entry, config: TraceConfig) -> tuple[list[_Found], float]:
    """Indirect speech: the claim's content words, reworded, in one or two sentences."""
    content = query.content
    if content is None:
        return [], 0.0
    claim_stems = set(_stems(content.items))
    if len(claim_stems) < 2:
        return [], 0.0
    words = entry.words
    by_stem: dict[str, list[int]] = {}
    for word, positions in words.positions.items():
        stem = word[:_STEM]
        if stem in claim_stems:
            by_stem.setdefault(stem, []).extend(positions)
    hits: dict[int, set[str]] = {}
    for stem, positions in by_stem.items():
        for position in positions:
            hits.setdefault(entry.sentence_of(position), set()).add(stem)
    needed = max(min(_MIN_PARAPHRASE_WORDS, len(claim_stems)), 2)
    best_seen = 0.0
    scored: list[tuple[float, int, int]] = []
    for sentence in sorted(hits):
        for span in (1, 2):
            last = sentence + span
            if last > len(entry.sentences) or (span == 2 and sentence + 1 in entry.turn_starts):
                continue
            shared = set().union(*(hits.get(s, set()) for s in range(sentence, last)))
            if len(shared) < needed:
                continue
            if len(shared) < _MIN_PARAPHRASE_COVERAGE * len(claim_stems):
                continue
            first_word = entry.sentences[sentence]
            last_word = entry.sentences[last] if last < len(entry.sentences) else len(words)
            window = set(_stems(words.items[first_word:last_word]))
            score = _paraphrase_score(claim_stems, window)
            # Two sentences only when the second one adds something.
            if span == 2 and len(shared) == len(hits.get(sentence, ())):
                continue
            best_seen = max(best_seen, score)
            scored.append((score, first_word, last_word))
    # The tightest window wins a tie: a second sentence must earn its place.
    scored.sort(key=lambda item: (-item[0], item[2] - item[1], item[1]))
    results: list[_Found] = []
    taken: list[tuple[int, int]] = []
    for score, first_word, last_word in scored:
        if score < config.min_paraphrase_score:
            break
        if any(first_word < t_last and t_first < last_word for t_first, t_last in taken):
            continue
        taken.append((first_word, last_word))
        start, end = words.original(first_word, last_word)
        flags = _paraphrase_flags(content, words, first_word, last_word)
        results.append(_Found("paraphrase", score, start, end, [(start, end)], [], flags))
        if len(results) >= _MAX_PER_DOCUMENT:
            break
    return results, best_seen


def _paraphrase_score(claim: set[str], window: set[str]) -> float:
    """rapidfuzz ``token_set_ratio`` of the claim's and the window's content-word stems."""
    return fuzz.token_set_ratio(" ".join(sorted(claim)), " ".join(sorted(window)))


def _paraphrase_flags(content: Words, words: Words, first: int, last: int) -> list[Flag]:
    window = words.items[first:last]
    window_set = set(window)
    claim_neg = [w for w in content.items if w in NEGATIONS][:1]
    source_neg = [w for w in window if w in NEGATIONS][:1]
    claim_numbers = [w for w in content.items if any(c.isdigit() for c in w)]
    missing_numbers = [w for w in claim_numbers if w not in window_set]
    claim_entities = {
        content.items[i] for i in range(1, len(content)) if content.capitalised(i)
    } - {"i"}
    missing_entities = {w for w in claim_entities if w not in window_set}
    return meaning_flags(
        claim_neg + missing_numbers,
        source_neg,
        missing_entities,
        set(),
    )


def match_entry(query: Query, entry: Entry, config: TraceConfig) -> tuple[list[Evidence], float]:
    """Evidence for ``query`` in one prepared document, best first, and the best score seen."""
    if query.error is not None:
        return [], 0.0
    found: list[_Found] = []
    best_seen = 0.0
    if query.segments:
        found, best_seen = _quote_in(query, entry, config)
    if query.kind == "indirect" and query.content is not None:
        verbatim, seen = _quote_in(
            Query(query.claim_id, "direct", [_as_segment(query.content)], None, query.speaker),
            entry,
            config,
        )
        best_seen = max(best_seen, seen)
        found = [f for f in verbatim if f.relation in ("verbatim", "minor_edit")]
        if not found:
            found, seen = _paraphrase_in(query, entry, config)
            best_seen = max(best_seen, seen)
    evidence = [_evidence(query, entry, item) for item in found]
    if query.context and found:
        shares = _context_shares(query.context, entry, found)
        evidence = [
            item.model_copy(update={"context_share": share})
            for item, share in zip(evidence, shares, strict=True)
        ]
    evidence.sort(key=_rank_key)
    return evidence[:_MAX_PER_DOCUMENT], best_seen


def _as_segment(content: Words) -> QuoteSegment:
    return QuoteSegment(content.norm.original, content, frozenset(), False)


def _evidence(query: Query, entry: Entry, item: _Found) -> Evidence:
    document = entry.document
    passage = Span.of(document.text, item.start, item.end)
    turn = document.turn_at(item.start) if document.turns else None
    agrees = speaker_agrees(query.speaker, turn, document)
    return Evidence(
        claim_id=query.claim_id,
        document_id=document.id,
        passage=passage,
        segments=[Span.of(document.text, s, e) for s, e in item.segments],
        score=round(min(100.0, max(0.0, item.score)), 2),
        relation=item.relation,
        diff=item.diff,
        flags=item.flags,
        turn_speaker=turn.speaker if turn is not None else None,
        speaker_agrees=agrees,
        secondary=is_secondary(document, item.start, item.end),
    )


_RELATION_ORDER = {
    "verbatim": 0,
    "minor_edit": 1,
    "altered": 2,
    "truncated": 3,
    "paraphrase": 4,
    "not_found": 5,
}


def _rank_key(item: Evidence) -> tuple[int, float, float, int, str, int]:
    # Evidence where the source gives the words to the claimed speaker comes first (or
    # a primary source that cannot say), then a source that gives them to someone else,
    # then a report of the words: a transcript outranks a wire story about it. Within a
    # tier the closest match wins, then (a mixed claim) the passage whose surroundings say
    # what the claim says around the quote; position breaks ties so that ranking is
    # reproducible.
    if item.speaker_agrees is False:
        tier = 1
    elif item.speaker_agrees is None and item.secondary:
        tier = 2
    else:
        tier = 0
    return (
        tier,
        -item.score,
        -(item.context_share or 0.0),
        _RELATION_ORDER[item.relation],
        item.document_id or "",
        item.passage.start if item.passage else 0,
    )


def rank(evidence: list[Evidence], limit: int, claim_id: str, best_seen: float) -> list[Evidence]:
    """Best first, at most ``limit``; a single ``not_found`` when there is nothing."""
    ordered = sorted(evidence, key=_rank_key)[:limit]
    if ordered:
        return ordered
    score = round(min(100.0, max(0.0, best_seen)), 2)
    if math.isnan(score):
        score = 0.0
    return [Evidence(claim_id=claim_id, score=score, relation="not_found")]
