"""Speaker turns: briefing, interview and hearing styles."""

from __future__ import annotations

from pathlib import Path

import pytest

from sourcetrace.fetch import document_from_text, parse_turns

DATA = Path(__file__).parent / "data" / "fetch"


def _read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def _check_offsets(text: str) -> None:
    for turn in parse_turns(text):
        assert turn.span.points_into(text)
        assert turn.label is not None and turn.label.points_into(text)
        assert turn.label.end <= turn.span.start
        assert turn.span.text == turn.span.text.strip()


@pytest.mark.parametrize("name", ["briefing.txt", "interview_qa.txt", "hearing.txt"])
def test_transcript_offsets_point_into_text(name: str) -> None:
    _check_offsets(_read(name))


def test_transcript_briefing_style() -> None:
    text = _read("briefing.txt")
    turns = parse_turns(text)
    # The fixture has five MR MERCER turns and four QUESTION turns, alternating.
    assert [t.speaker for t in turns] == ["MR MERCER", "QUESTION"] * 4 + ["MR MERCER"]
    assert [t.is_question for t in turns] == [False, True] * 4 + [False]
    assert turns[0].span.text.startswith("Good afternoon, everyone.")
    assert turns[0].span.text.endswith("go ahead, Said.")
    assert turns[1].span.text.endswith(
        "is the withdrawal of the training mission on the agenda, yes or no?"
    )
    # The header above the first label ("Department Press Briefing", "1:42 p.m.") is no turn.
    assert turns[0].label is not None
    assert text[: turns[0].label.start].rstrip().endswith("1:42 p.m.")


def test_transcript_moderator_names_the_next_questioner() -> None:
    turns = parse_turns(_read("briefing.txt"))
    questions = [t for t in turns if t.is_question]
    # "go ahead, Said." / (no call) / "Lena, go ahead." / "Let's go to Hiroshi."
    assert [q.asker for q in questions] == ["Said", None, "Lena", "Hiroshi"]
    # Only questions get an asker, even though Mercer's answer starts with "Said, ...".
    assert all(t.asker is None for t in turns if not t.is_question)


def test_transcript_question_answer_style() -> None:
    text = _read("interview_qa.txt")
    turns = parse_turns(text)
    assert [t.speaker for t in turns] == ["Q", "A"] * 3
    assert [t.is_question for t in turns] == [True, False] * 3
    assert turns[3].span.text.startswith("That number is wrong.")
    assert "We will not be rushed into a second mistake" in turns[3].span.text


def test_transcript_question_answer_with_periods() -> None:
    text = "Q. Did you sign the order?\nA. I signed it on Monday.\nQ. Why?\nA. It was time."
    turns = parse_turns(text)
    assert [(t.speaker, t.span.text) for t in turns] == [
        ("Q", "Did you sign the order?"),
        ("A", "I signed it on Monday."),
        ("Q", "Why?"),
        ("A", "It was time."),
    ]


def test_transcript_hearing_style_with_titles() -> None:
    text = _read("hearing.txt")
    turns = parse_turns(text)
    chair, osei, albright = (
        "CHAIRWOMAN ROSA DELGADO-KIM",
        "DR. MIRIAM OSEI",
        "SEN. PETER ALBRIGHT",
    )
    assert [t.speaker for t in turns] == [chair, osei, albright, osei, albright, osei, chair]
    assert turns[1].label is not None
    assert turns[1].label.text == "DR. MIRIAM OSEI (Administrator, Rivers Safety Administration)"
    assert turns[1].span.text.startswith("Thank you, Madam Chair.")
    # "Subject: Oversight of ..." in the header is not a speaker.
    assert all(t.speaker.upper() != "SUBJECT" for t in turns)
    assert not any(t.is_question for t in turns)


def test_transcript_honorific_and_recurring_plain_names() -> None:
    text = (
        "Mr. Halloran: We are ready.\n"
        "Dana Whitfield: Ready for what?\n"
        "Mr. Halloran: For the vote.\n"
        "Dana Whitfield: Then call it.\n"
    )
    speakers = [t.speaker for t in parse_turns(text)]
    assert speakers == ["Mr. Halloran", "Dana Whitfield", "Mr. Halloran", "Dana Whitfield"]


@pytest.mark.parametrize(
    "text",
    [
        "Background: the talks began in May.\nThe minister left early.",
        "Update: this story has been corrected.\nNOTE: times are local.",
        "WASHINGTON (Wire) - Officials met on Friday at 10:30 to discuss the plan.",
        "",
    ],
)
def test_transcript_ordinary_prose_has_no_turns(text: str) -> None:
    assert parse_turns(text) == []


def test_transcript_label_on_its_own_line() -> None:
    text = "MODERATOR:\nWelcome back.\n\nQUESTION:\nWhat changed?"
    turns = parse_turns(text)
    assert [(t.speaker, t.span.text) for t in turns] == [
        ("MODERATOR", "Welcome back."),
        ("QUESTION", "What changed?"),
    ]


def test_transcript_document_kind_and_exact_text() -> None:
    text = _read("briefing.txt")
    doc = document_from_text(text)
    assert doc.kind == "transcript"
    assert doc.text == text
    assert doc.title == "Department Press Briefing – March 14"
    assert doc.turn_at(text.index("highest levels")) is not None
    turn = doc.turn_at(text.index("highest levels"))
    assert turn is not None and turn.speaker == "MR MERCER"


@pytest.mark.parametrize(
    "text",
    [
        "WASHINGTON: The minister said on Friday the talks would resume.\nMore to come.",
        "MINISTER OSEI: A statement.\n\nMINISTER OSEI: Another paragraph.",
    ],
)
def test_transcript_one_speaker_is_no_transcript(text: str) -> None:
    assert parse_turns(text) == []
    assert document_from_text(text).kind != "transcript"
