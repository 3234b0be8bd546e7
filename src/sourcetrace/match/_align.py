"""Find where a run of words lies in a document: anchor voting, then rapidfuzz alignment.

Alignment works on normalised text only and inside candidate windows: the quote's
words vote for diagonals (document position minus quote position) where they occur,
the best diagonals become windows a little larger than the quote, and
``rapidfuzz.fuzz.partial_ratio_alignment`` places the quote in each window. The
placement is then snapped to word boundaries, trying the nearby boundaries and keeping
the one with the best ``fuzz.ratio``: that ratio is the score.
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass
from difflib import SequenceMatcher

from rapidfuzz import fuzz

from ._text import Words

__all__ = ["Alignment", "Fragment", "align", "best_fragment"]

# A word that occurs this often in one document says little about where a quote is;
# such words vote only when the quote has nothing rarer.
_COMMON_WORD_POSITIONS = 500
_MAX_CANDIDATES = 6


@dataclass(frozen=True, order=True)
class Alignment:
    """Words ``[first, last)`` of a document, and how well they match the query."""

    score: float
    first: int
    last: int


def _diagonals(query: list[str], doc: Words, limit: int) -> list[int]:
    """Start positions in ``doc`` where ``query`` most plausibly begins."""
    counts = [(len(doc.positions.get(word, ())), i, word) for i, word in enumerate(query)]
    present = [entry for entry in counts if entry[0] > 0]
    if not present:
        return []
    rare = [entry for entry in present if entry[0] <= _COMMON_WORD_POSITIONS]
    voters = rare or sorted(present)[:3]
    votes: dict[int, float] = defaultdict(float)
    for count, i, word in voters:
        weight = 1.0 / math.log2(2 + count)
        for position in doc.positions[word][: 4 * _COMMON_WORD_POSITIONS]:
            votes[position - i] += weight
    # Insertions and deletions shift the diagonal a little: pool nearby votes.
    band = max(2, len(query) // 8)
    ordered = sorted(votes)
    pooled: list[tuple[float, int]] = []
    for diagonal in ordered:
        lo = bisect_left(ordered, diagonal - band)
        hi = bisect_right(ordered, diagonal + band)
        pooled.append((-sum(votes[d] for d in ordered[lo:hi]), diagonal))
    pooled.sort()
    chosen: list[int] = []
    spread = max(2, len(query) // 2)
    for _, diagonal in pooled:
        if all(abs(diagonal - other) > spread for other in chosen):
            chosen.append(diagonal)
            if len(chosen) >= limit:
                break
    return chosen


def _text(words: Words, first: int, last: int) -> str:
    return words.norm.text[words.starts[first] : words.ends[last - 1]]


def align(query: Words, doc: Words, *, limit: int = 3) -> list[Alignment]:
    """The best placements of ``query`` in ``doc``, best first (scores 0-100).

    Deterministic: ties are broken by position.
    """
    n_query = len(query)
    n_doc = len(doc)
    if n_query == 0 or n_doc == 0:
        return []
    needle = query.norm.text
    slack = max(3, n_query // 4 + 2)
    found: dict[tuple[int, int], float] = {}
    for diagonal in _diagonals(query.items, doc, _MAX_CANDIDATES):
        lo = max(0, diagonal - slack)
        hi = min(n_doc, diagonal + n_query + slack)
        if hi <= lo:
            continue
        window_start = doc.starts[lo]
        window = doc.norm.text[window_start : doc.ends[hi - 1]]
        if len(window) <= len(needle):
            first, last = lo, hi
        else:
            hit = fuzz.partial_ratio_alignment(needle, window)
            if hit is None:
                continue
            a = window_start + hit.dest_start
            b = window_start + hit.dest_end
            first = max(lo, bisect_right(doc.ends, a, lo, hi))
            last = min(hi, max(first + 1, bisect_left(doc.starts, b, lo, hi)))
        best = _refine(needle, doc, first, last, lo, hi)
        key = (best.first, best.last)
        found[key] = max(found.get(key, 0.0), best.score)
    ranked = sorted(found.items(), key=lambda item: (-item[1], item[0]))
    kept: list[Alignment] = []
    for (first, last), score in ranked:
        if all(last <= other.first or first >= other.last for other in kept):
            kept.append(Alignment(score, first, last))
            if len(kept) >= limit:
                break
    return kept


def _refine(needle: str, doc: Words, first: int, last: int, lo: int, hi: int) -> Alignment:
    """Snap ``[first, last)`` to the nearby word boundaries that score best."""
    reach = 2
    best = Alignment(-1.0, first, last)
    for start in range(max(lo, first - reach), min(hi, first + reach + 1)):
        for end in range(max(start + 1, last - reach), min(hi, last + reach) + 1):
            score = fuzz.ratio(needle, _text(doc, start, end))
            # Prefer the higher score, then the shorter and earlier passage.
            if (score, -(end - start), -start) > (
                best.score,
                -(best.last - best.first),
                -best.first,
            ):
                best = Alignment(score, start, end)
    return best


@dataclass(frozen=True)
class Fragment:
    """The longest part of a query found nearly word for word in a document window."""

    query_first: int
    query_last: int
    doc_first: int
    doc_last: int
    matched: int
    """How many of the fragment's query words are equal to source words."""


def best_fragment(query: Words, doc: Words, first: int, last: int) -> Fragment | None:
    """The longest run of ``query`` words matched in ``doc`` words ``[first, last)``.

    Matching blocks separated by at most two unmatched words on either side are
    joined, so one changed word does not break a fragment; a block of one word is not
    joined to what comes before it.
    """
    matcher = SequenceMatcher(None, query.items, doc.items[first:last], autojunk=False)
    blocks = [block for block in matcher.get_matching_blocks() if block.size]
    if not blocks:
        return None
    groups: list[list[int]] = []
    for block in blocks:
        qa, da, size = block.a, block.b + first, block.size
        # A lone word matched after a gap is as likely chance ("the") as continuation.
        if groups and size >= 2 and qa - groups[-1][1] <= 2 and da - groups[-1][3] <= 2:
            groups[-1][1] = qa + size
            groups[-1][3] = da + size
            groups[-1][4] += size
        else:
            groups.append([qa, qa + size, da, da + size, size])
    qa, qb, da, db, matched = max(groups, key=lambda g: (g[1] - g[0], -g[0]))
    return Fragment(qa, qb, da, db, matched)
