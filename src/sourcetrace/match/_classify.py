"""How faithful a found passage is: relation, word-level diff, meaning-change flags."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from .._models import DiffOp, Flag, Relation
from ._text import NEGATIONS, QuoteSegment, Words, only_fillers

__all__ = ["SegmentMatch", "classify_segment", "meaning_flags", "squash"]

_EDGE_RE = re.compile(r"^[\W_]+|[\W_]+$")
_SPACE_RE = re.compile(r"\s+")


def squash(text: str) -> str:
    """Text with outer punctuation dropped and whitespace runs made one space."""
    return _SPACE_RE.sub(" ", _EDGE_RE.sub("", text))


@dataclass
class SegmentMatch:
    """One quote segment placed in a document, classified."""

    relation: Relation
    score: float
    start: int
    end: int
    doc_first: int
    doc_last: int
    diff: list[DiffOp] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)


def _is_number(word: str) -> bool:
    return any(ch.isdigit() for ch in word) or word == "%"


def meaning_flags(
    claim_words: list[str],
    source_words: list[str],
    claim_entities: set[str],
    source_entities: set[str],
) -> list[Flag]:
    """Flags for the words a claim changed: negation, numbers, named entities.

    The arguments are the normalised words on each side of the changed regions only,
    and the capitalised (entity) words among them.
    """
    flags: list[Flag] = []
    claim_neg = sum(1 for word in claim_words if word in NEGATIONS)
    source_neg = sum(1 for word in source_words if word in NEGATIONS)
    if claim_neg != source_neg:
        flags.append("negation_changed")
    claim_numbers = sorted(word for word in claim_words if _is_number(word))
    source_numbers = sorted(word for word in source_words if _is_number(word))
    if claim_numbers != source_numbers:
        flags.append("number_changed")
    if claim_entities != source_entities:
        flags.append("entity_changed")
    return flags


def _entities(words: Words, first: int, last: int, sentence_start: int) -> set[str]:
    """Capitalised words among ``[first, last)``, the sentence-initial one and "I" aside."""
    found: set[str] = set()
    for index in range(first, last):
        if index == sentence_start or words.items[index] == "i":
            continue
        if words.capitalised(index):
            found.add(words.items[index])
    return found


def classify_segment(
    segment: QuoteSegment,
    doc: Words,
    first: int,
    last: int,
    score: float,
) -> SegmentMatch:
    """Classify a segment placed at document words ``[first, last)``.

    ``verbatim``: the original characters agree but for whitespace and the punctuation
    at either end; ``minor_edit``: the normalised words agree (case, punctuation,
    typography, spelling variants, a dropped article) or a bracketed insertion stands
    for source words; ``altered`` otherwise, with flags for what changed.
    """
    start, end = doc.original(first, last)
    passage = doc.original_text(first, last)
    claim = segment.words
    source_items = doc.items[first:last]
    matcher = SequenceMatcher(None, source_items, claim.items, autojunk=False)
    diff: list[DiffOp] = []
    changed_claim: list[str] = []
    changed_source: list[str] = []
    claim_entities: set[str] = set()
    source_entities: set[str] = set()
    minor_only = True
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        claim_text = " ".join(claim.original_words(j1, j2)) if j2 > j1 else ""
        source_text = " ".join(doc.original_words(first + i1, first + i2)) if i2 > i1 else ""
        if tag == "equal":
            diff.append(DiffOp(op="equal", claim=claim_text, source=source_text))
            continue
        if tag == "delete" and j1 in segment.wildcards:
            # A bracketed insertion stands in for these source words.
            diff.append(DiffOp(op="replace", claim="[…]", source=source_text))
            continue
        diff.append(DiffOp(op=tag, claim=claim_text, source=source_text))
        claim_side = claim.items[j1:j2]
        source_side = source_items[i1:i2]
        if not (only_fillers(claim_side) and only_fillers(source_side)):
            minor_only = False
        changed_claim.extend(claim_side)
        changed_source.extend(source_side)
        claim_entities |= _entities(claim, j1, j2, 0)
        source_entities |= _entities(doc, first + i1, first + i2, first)
    if not changed_claim and not changed_source:
        verbatim = not segment.wildcards and squash(segment.original) == squash(passage)
        relation: Relation = "verbatim" if verbatim else "minor_edit"
        return SegmentMatch(relation, score, start, end, first, last, diff)
    if minor_only:
        return SegmentMatch("minor_edit", score, start, end, first, last, diff)
    flags = meaning_flags(changed_claim, changed_source, claim_entities, source_entities)
    return SegmentMatch("altered", score, start, end, first, last, diff, flags)
