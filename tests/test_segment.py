"""Paragraphs, quotations and sentences: offsets into the original text, linear time."""

from __future__ import annotations

import pytest

from sourcetrace.text.segment import find_quotations, split_paragraphs, split_sentences


def _sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


def test_segment_paragraphs_skip_blank_lines_and_trim() -> None:
    text = "First line.\n\n   Second line.  \r\nThird."
    spans = split_paragraphs(text)
    assert [text[s:e] for s, e in spans] == ["First line.", "Second line.", "Third."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Gen. Ada Moss arrived. She left.", ["Gen. Ada Moss arrived.", "She left."]),
        ("Dr. Kim and Mr. Ola met. They spoke.", ["Dr. Kim and Mr. Ola met.", "They spoke."]),
        ("The U.S. Army left. The talks went on.", ["The U.S. Army left.", "The talks went on."]),
        ("Troops left the U.S. The talks went on.", ["Troops left the U.S.", "The talks went on."]),
        ("John F. Kennedy spoke. Crowds cheered.", ["John F. Kennedy spoke.", "Crowds cheered."]),
        (
            "It ended in Sept. 2020 quietly. Nobody came.",
            ["It ended in Sept. 2020 quietly.", "Nobody came."],
        ),
        ("Why? Nobody knows! Really.", ["Why?", "Nobody knows!", "Really."]),
    ],
)
def test_segment_sentences_respect_abbreviations(text: str, expected: list[str]) -> None:
    assert _sentences(text) == expected


def test_segment_sentence_never_splits_inside_a_quotation() -> None:
    text = "“We came. We saw. We stayed,” the mayor said. Then she left."
    assert _sentences(text) == ["“We came. We saw. We stayed,” the mayor said.", "Then she left."]


def test_segment_sentence_ends_with_the_quotation_that_ends_it() -> None:
    text = "She said it “will decide our future.” As the paper reports, talks go on."
    assert _sentences(text) == [
        "She said it “will decide our future.”",
        "As the paper reports, talks go on.",
    ]


@pytest.mark.parametrize(
    ("text", "inner"),
    [
        ("He said “we stay” and left.", ["we stay"]),
        ('He said "we stay" and "we fight" then.', ["we stay", "we fight"]),
        ("Il a dit « nous restons » hier.", [" nous restons "]),
        ("Er sagte „wir bleiben“ gestern.", ["wir bleiben"]),
        ("Outer “a “nested” b” end.", ["a “nested” b"]),
        ("A stray close” is ignored “but this counts”.", ["but this counts"]),
        # a closing mark typed where a quotation opens, at a paragraph's start or after
        # a space or a colon, opens it
        ("”We stay,” Lund said.", ["We stay,"]),
        ("Lund said: ”We stay.” Then she left.", ["We stay."]),
        ("The word ”safe” was used, and “safe” again.", ["safe", "safe"]),
    ],
)
def test_segment_quotations_of_every_style(text: str, inner: list[str]) -> None:
    found = find_quotations(text)
    assert [text[q.inner_start : q.inner_end] for q in found] == inner
    assert all(q.closed for q in found)


def test_segment_unclosed_quotation_ends_at_its_paragraph() -> None:
    text = "He said “we stay and then\nThe next paragraph is the reporter's."
    first, second = split_paragraphs(text)
    found = find_quotations(text, *first)
    assert len(found) == 1 and not found[0].closed
    assert text[found[0].inner_start : found[0].inner_end] == "we stay and then"
    assert find_quotations(text, *second) == []


def test_segment_spans_point_into_odd_text() -> None:
    text = "\x00\u202eمرحبا. “Hi,” he said.\u202c\tNext\u0007 one. "
    for start, end in split_paragraphs(text):
        for s, e in split_sentences(text, start, end):
            assert 0 <= s < e <= len(text)
            assert text[s:e] == text[s:e].strip()


def test_segment_empty_and_blank_text() -> None:
    assert split_paragraphs("") == []
    assert split_paragraphs(" \n\n\t") == []
    assert split_sentences("") == []
    assert find_quotations("") == []


def test_a_straight_quotation_closed_by_a_curly_mark_is_one_quotation() -> None:
    text = 'The mayor said "the ferry will run on Friday” and left the hall.'
    (quotation,) = find_quotations(text)
    assert text[quotation.inner_start : quotation.inner_end] == "the ferry will run on Friday"
    assert quotation.closed


def test_a_curly_close_inside_a_straight_quotation_closed_later_stays_nested() -> None:
    text = 'He said "the sign read ”closed” all week" and shrugged.'
    (quotation,) = find_quotations(text)
    assert text[quotation.inner_start : quotation.inner_end] == "the sign read ”closed” all week"
