"""Accuracy of the matcher on the labelled set of tests/data/match_cases.py.

Run this file directly to print the confusion matrix as a Markdown table
(``PYTHONPATH=src:tests python tests/test_match_cases.py``).
"""

from __future__ import annotations

from collections import Counter
from functools import cache

from data.match_cases import BRIEFINGS, Case, build, documents
from data.match_fixtures import transcript
from sourcetrace._config import TraceConfig
from sourcetrace._models import Claim, Document, Evidence, Span
from sourcetrace.match import Corpus, match_claim

VERDICTS = (
    "verbatim",
    "minor_edit",
    "altered",
    "truncated",
    "paraphrase",
    "misattributed",
    "not_found",
)
# Floors, set a little under what the matcher reaches on this set (see
# docs/matching.md): the set was written alongside the matcher, so it checks that
# behaviour does not regress rather than measuring accuracy on unseen text.
OVERALL_FLOOR = 0.95
RECALL_FLOOR = {verdict: 0.9 for verdict in VERDICTS} | {"not_found": 0.8}
FLAG_FLOOR = 0.95


def _claim(case: Case) -> Claim:
    article = "Lead paragraph. " + case.text
    span = Span.of(article, len("Lead paragraph. "), len(article))
    return Claim(
        id=case.case_id,
        kind=case.kind,
        sentence=span,
        content=[span],
        quotes=[] if case.kind == "indirect" else [span],
        speaker=case.speaker,
    )


# Filler that puts every source past the length at which only windows around the
# quote's words are prepared, so that the same cases exercise that path too.
_PADDING = "Weather notes for the harbour district follow at the end of this record. " * 60


def _padded(document: Document) -> Document:
    text = f"{_PADDING}\n\n{document.text}\n\n{_PADDING}"
    if document.turns:
        return transcript(text, document.id)
    return Document(id=document.id, kind=document.kind, text=text)


@cache
def _results(padded: bool = False) -> tuple[tuple[Case, Evidence], ...]:
    docs = documents()
    corpus = Corpus([_padded(doc) for doc in docs] if padded else docs)
    config = TraceConfig()
    return tuple((case, match_claim(_claim(case), corpus, config)[0]) for case in build())


def confusion() -> dict[str, Counter[str]]:
    """Expected verdict -> Counter of the verdicts given."""
    matrix: dict[str, Counter[str]] = {verdict: Counter() for verdict in VERDICTS}
    for case, evidence in _results():
        matrix[case.expected][evidence.verdict] += 1
    return matrix


def test_labelled_set_covers_every_verdict_flag_and_hard_case() -> None:
    cases = build()
    assert len(cases) >= 150
    assert len({case.case_id for case in cases}) == len(cases)
    counts = Counter(case.expected for case in cases)
    assert all(counts[verdict] >= 10 for verdict in VERDICTS)
    flags = Counter(flag for case in cases for flag in case.flags)
    assert set(flags) == {"negation_changed", "number_changed", "entity_changed"}
    assert sum(1 for case in cases if len(case.text) < 40) >= 20
    tags = Counter(tag for case in cases for tag in case.tags)
    assert tags["boundary"] >= 10 and tags["near_miss"] >= 20 and tags["ellipsis"] >= 10


def test_labelled_set_distant_ellipsis_cases_really_are_distant() -> None:
    # The "ellipsis-far" label relies on the two remarks standing further apart than
    # max_ellipsis_gap_chars in the transcript; the near ones on being adjacent.
    limit = TraceConfig().max_ellipsis_gap_chars
    texts = {doc.id: doc.text for doc in documents()}
    for briefing in BRIEFINGS:
        text = texts[briefing.doc_id]
        s = briefing.statements
        assert text.index(s[2].text) - (text.index(s[1].text) + len(s[1].text)) > limit
        assert text.index(s[5].text) - (text.index(s[4].text) + len(s[4].text)) < 5


def test_labelled_set_overall_accuracy() -> None:
    results = _results()
    correct = sum(1 for case, evidence in results if evidence.verdict == case.expected)
    assert correct / len(results) >= OVERALL_FLOOR


def test_labelled_set_in_long_documents_gives_the_same_verdicts() -> None:
    # Padded past the window threshold, the sources are only prepared around the
    # quotes' words: the verdicts must not change, nor the passages found.
    assert len(_padded(documents()[0]).text) > 6_000
    plain = [evidence.verdict for _, evidence in _results()]
    padded = [evidence.verdict for _, evidence in _results(padded=True)]
    assert plain == padded
    for (case, whole), (_, windowed) in zip(_results(), _results(padded=True), strict=True):
        if "ellipsis" in case.tags:
            # Far-apart segments are in two windows: the padded match spans only one.
            continue
        passages = [e.passage.text if e.passage else None for e in (whole, windowed)]
        assert passages[0] == passages[1], case.case_id


def test_labelled_set_recall_per_verdict() -> None:
    for verdict, row in confusion().items():
        total = sum(row.values())
        assert row[verdict] / total >= RECALL_FLOOR[verdict], (verdict, dict(row))


def test_labelled_set_flags_on_altered_quotes() -> None:
    flagged = [(case, ev) for case, ev in _results() if case.flags]
    right = sum(1 for case, ev in flagged if tuple(ev.flags) == case.flags)
    assert right / len(flagged) >= FLAG_FLOOR
    unflagged = [ev for case, ev in _results() if case.expected == "altered" and not case.flags]
    assert all(not ev.flags for ev in unflagged)


def markdown() -> str:
    """The confusion matrix and per-verdict recall, as Markdown."""
    matrix = confusion()
    head = "| expected \\ given | " + " | ".join(VERDICTS) + " | recall |"
    rule = "|---" * (len(VERDICTS) + 2) + "|"
    lines = [head, rule]
    for verdict in VERDICTS:
        row = matrix[verdict]
        total = sum(row.values())
        cells = " | ".join(str(row[given]) if row[given] else "." for given in VERDICTS)
        lines.append(f"| {verdict} ({total}) | {cells} | {row[verdict] / total:.1%} |")
    results = _results()
    correct = sum(1 for case, evidence in results if evidence.verdict == case.expected)
    lines.append("")
    lines.append(f"Overall: {correct}/{len(results)} = {correct / len(results):.1%}")
    return "\n".join(lines)


if __name__ == "__main__":
    print(markdown())
