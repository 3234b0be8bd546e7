"""Where a claim's content starts and ends, on fictional sentences: frame words between the
cue and the claimed words, a quotation that goes on in the next paragraph, the source of
an opening *According to* phrase; and two conventions the PolNeAR adapter maps."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from typing import Any

import pytest

from sourcetrace._models import Claim, Document
from sourcetrace.extract import RuleBasedExtractor, extract_claims

from _shared import REPO


def _all(text: str) -> list[Claim]:
    document = Document(id="t", text=text, kind="article")
    return RuleBasedExtractor(beliefs=True, acts=True).extract(document).claims


def _pieces(claim: Claim) -> list[tuple[int, int]]:
    return [(piece.start, piece.end) for piece in claim.content]


def _span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def test_place_between_cue_and_that_clause_is_not_content() -> None:
    text = "Okafor said at a Monday evening rally in Lansing that the ferry would run all winter."
    (claim,) = extract_claims(text)
    assert claim.source is not None and claim.source.text == "Okafor"
    # the rally is where she spoke, not what she said; "that" is left out as everywhere
    assert _pieces(claim) == [_span(text, "the ferry would run all winter")]


def test_outlet_and_day_between_told_and_that_clause_are_not_content() -> None:
    text = "Reyes told the Harbor Ledger’s “Morning Call” on Friday that the vote was fair."
    (claim,) = extract_claims(text)
    assert claim.cue is not None and claim.cue.span.text == "told"
    assert _pieces(claim) == [_span(text, "the vote was fair")]


def test_audience_before_a_colon_and_a_quotation_is_not_content() -> None:
    text = "Lund told the dockworkers at the pier: “The pumps will hold through March.”"
    (claim,) = extract_claims(text)
    assert _pieces(claim) == [_span(text, "The pumps will hold through March.")]


def test_time_adverb_and_comma_before_that_clause_are_not_content() -> None:
    text = "Reyes said afterward, that the recount had been fair to both wards."
    (claim,) = extract_claims(text)
    assert _pieces(claim) == [_span(text, "the recount had been fair to both wards")]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "Lund said the gates were never tested in a statement on Friday.",
            "the gates were never tested",
        ),
        (
            "Reyes called the plan a disaster in a recent interview with the Ledger.",
            "the plan a disaster",
        ),
        (
            "The mayor said the ferry would run during a news conference at the quay.",
            "the ferry would run",
        ),
    ],
)
def test_the_medium_after_the_content_is_not_content(text: str, content: str) -> None:
    # the statement or interview is how the words were said, not what was said
    (claim,) = _all(text)
    assert _pieces(claim) == [_span(text, content)]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "Reyes said Ortiz discussed the plan in a conference call with the mayor.",
            "Ortiz discussed the plan in a conference call with the mayor",
        ),
        (
            "Ortiz said Reyes had lied in an interview with the Ledger that nobody believed.",
            "Reyes had lied in an interview with the Ledger that nobody believed",
        ),
    ],
)
def test_a_medium_the_content_itself_reports_stays(text: str, content: str) -> None:
    (claim,) = _all(text)
    assert _pieces(claim) == [_span(text, content)]


def test_relative_clause_inside_the_content_stays() -> None:
    # "the report that the council wrote" is the claim's subject, not a frame: no
    # preposition opens it, so the content keeps it whole
    text = "Lund said the report that the council wrote was wrong about the tides."
    (claim,) = extract_claims(text)
    assert _pieces(claim) == [
        _span(text, "the report that the council wrote was wrong about the tides")
    ]


def test_quotation_paragraph_continues_the_quoted_claim_before_it() -> None:
    text = (
        "“The pumps are ready,” Lund said.\n\n"
        "“We trained for a month. Nobody will be caught out this time.”\n\n"
        "The council meets on Friday to approve the budget."
    )
    (claim,) = extract_claims(text)
    assert claim.source is not None and claim.source.text == "Lund"
    assert _pieces(claim) == [
        _span(text, "The pumps are ready"),
        _span(text, "We trained for a month. Nobody will be caught out this time."),
    ]


def test_quotation_paragraph_after_narration_is_no_claim() -> None:
    text = (
        "The council met on Friday and approved the budget.\n\n"
        "“We trained for a month. Nobody will be caught out this time.”"
    )
    assert _all(text) == []


def test_quotation_paragraph_after_reported_speech_is_not_attached() -> None:
    # only a claim made of quoted words carries over a paragraph break; a paraphrase
    # may be followed by someone else's words
    text = (
        "Lund said the pumps were ready for the storm season.\n\n"
        "“We trained for a month. Nobody will be caught out this time.”"
    )
    (claim,) = extract_claims(text)
    assert _pieces(claim) == [_span(text, "the pumps were ready for the storm season")]


def test_opening_according_to_names_its_source_up_to_the_comma() -> None:
    text = (
        "According to exit polls conducted by the Harbor Ledger for Channel 4 and the Lansing "
        "Courier, Ortiz leads in every ward of the city."
    )
    (claim,) = extract_claims(text)
    assert claim.source is not None
    assert (claim.source.start, claim.source.end) == _span(
        text, "exit polls conducted by the Harbor Ledger for Channel 4 and the Lansing Courier"
    )
    assert _pieces(claim) == [_span(text, "Ortiz leads in every ward of the city")]


def test_quotation_after_a_frame_that_ends_in_an_abbreviation_continues_the_claim() -> None:
    # "Mich." ends the frame and the sentence at once; the sentence splitter keeps the
    # abbreviation's full stop, so the second quotation is read with the first
    text = (
        "“The ferry will run,” Ana Lund, a spokeswoman for Okafor, said in Lansing, Mich. "
        "“The crews are ready for the winter.”"
    )
    (claim,) = extract_claims(text)
    assert claim.source is not None
    assert claim.source.text == "Ana Lund, a spokeswoman for Okafor"
    assert _pieces(claim) == [
        _span(text, "The ferry will run"),
        _span(text, "The crews are ready for the winter."),
    ]


def test_subject_before_the_frame_and_a_quotation_that_goes_on_with_it() -> None:
    # the quotation opens in lower case: it is the rest of the subject's sentence
    text = "The harbor, Reyes said, “will stay open for good.”"
    (claim,) = extract_claims(text)
    assert _pieces(claim) == [
        _span(text, "The harbor"),
        _span(text, "will stay open for good."),
    ]


def test_opening_phrase_before_the_frame_and_a_new_quoted_sentence() -> None:
    # a capital letter opens a sentence of its own: what comes before the frame is not
    # part of it
    text = "On the pier, Reyes said, “The harbor will stay open for good.”"
    (claim,) = extract_claims(text)
    assert _pieces(claim) == [_span(text, "The harbor will stay open for good.")]


def test_but_that_is_a_second_clause_of_the_same_cue() -> None:
    text = "Okafor said the levee would hold, but that the pumps needed work before March."
    (claim,) = extract_claims(text)
    assert _pieces(claim) == [
        _span(text, "the levee would hold, but that the pumps needed work before March")
    ]


def test_not_x_but_rather_y_stays_one_content() -> None:
    text = "Lund said the vote was not a defeat, but rather a warning to the council."
    (claim,) = extract_claims(text)
    assert _pieces(claim) == [
        _span(text, "the vote was not a defeat, but rather a warning to the council")
    ]


def test_but_with_a_new_verb_still_ends_the_content() -> None:
    # ", but pledged ..." is the speaker's next act, told by the article
    text = "Okafor said the ferry was late again, but pledged to fix the timetable."
    claims = extract_claims(text)
    assert _pieces(claims[0]) == [_span(text, "the ferry was late again")]


def test_even_if_clause_belongs_to_the_claim() -> None:
    text = "Okafor said the ferry would keep running, even if the council cut its budget."
    (claim,) = extract_claims(text)
    assert _pieces(claim) == [
        _span(text, "the ferry would keep running, even if the council cut its budget")
    ]


def test_comma_who_clause_after_the_content_is_the_articles_aside() -> None:
    # like ", which ...": a description the article adds about a person it names
    text = "Okafor said the ferry plan came from Ana Lund, who has run the port since 2019."
    (claim,) = extract_claims(text)
    assert _pieces(claim) == [_span(text, "the ferry plan came from Ana Lund")]


@pytest.mark.parametrize("opener", ["Although", "While", "Even though", "When"])
def test_opening_subordinate_clause_ends_the_content_at_its_comma(opener: str) -> None:
    # the cue stands in a clause that opens the sentence: after its comma comes the
    # article's main clause, which the speaker did not say
    text = (
        f"{opener} critics argue that the ferry loses money, the council has kept it "
        "running every winter."
    )
    (claim,) = extract_claims(text)
    assert claim.source is not None and claim.source.text == "critics"
    assert _pieces(claim) == [_span(text, "the ferry loses money")]


def test_opening_subordinate_clause_before_the_source_only() -> None:
    # the subordinate clause ends before the frame: the content runs to the sentence end
    text = "When the storm came, Okafor said the ferry would run, the pumps would hold."
    (claim,) = extract_claims(text)
    assert _pieces(claim) == [_span(text, "the ferry would run, the pumps would hold")]


@pytest.fixture(scope="module")
def adapter() -> Callable[[str], list[dict[str, Any]]]:
    spec = importlib.util.spec_from_file_location(
        "polnear_adapter_edges", REPO / "tools" / "polnear_adapter.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    function: Callable[[str], list[dict[str, Any]]] = module.extract
    return function


def _role(text: str, attribution: dict[str, Any], role: str) -> list[str]:
    return [text[start:end] for start, end in attribution[role]]


def test_adapter_keeps_the_relative_pronoun_of_the_content(
    adapter: Callable[[str], list[dict[str, Any]]],
) -> None:
    # PolNeAR marks "which" as the first piece of the content it stands for
    text = "Few read the ferry plan, which Okafor said was too costly for the port."
    (found,) = adapter(text)
    assert _role(text, found, "source") == ["Okafor"]
    assert _role(text, found, "content") == ["which", "was too costly for the port"]


def test_adapter_keeps_an_object_pronoun_too(
    adapter: Callable[[str], list[dict[str, Any]]],
) -> None:
    # "which" is the object of "called": PolNeAR keeps it all the same
    text = "The dockworkers got a new contract, which Lund called a fair deal."
    found = [item for item in adapter(text) if _role(text, item, "source") == ["Lund"]]
    assert [_role(text, item, "content") for item in found] == [["which", "a fair deal"]]


def test_adapter_keeps_a_sentence_opening_but(
    adapter: Callable[[str], list[dict[str, Any]]],
) -> None:
    text = "The pumps ran all night. But the levee will not hold, the engineers warned."
    (found,) = adapter(text)
    assert _role(text, found, "content") == ["But the levee will not hold"]


def test_and_she_after_a_comma_is_the_articles_next_clause() -> None:
    text = "Okafor said the ferry would run all winter, and she left the hall before the vote."
    (claim,) = extract_claims(text)
    assert _pieces(claim) == [_span(text, "the ferry would run all winter")]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Ortiz said fares rose 5%.", "fares rose 5%"),
        ("Fares rose 5%, Ortiz said.", "Fares rose 5%"),
        ("Ortiz said $200,000 went to the port.", "$200,000 went to the port"),
        ("Ortiz said the ferry would stay (for now).", "the ferry would stay (for now)"),
    ],
)
def test_marks_that_belong_to_the_words_stay_in_the_content(text: str, content: str) -> None:
    (claim,) = extract_claims(text)
    assert [piece.text for piece in claim.content] == [content]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        (
            "Ortiz told a news conference they were planting the seeds.",
            "they were planting the seeds",
        ),
        ("Ortiz tells the crowd she was the first to say it.", "she was the first to say it"),
        ("Ortiz told the cheering crowd the ferry would stay.", "the ferry would stay"),
    ],
)
def test_an_audience_of_plain_words_after_told_is_not_content(text: str, content: str) -> None:
    (claim,) = extract_claims(text)
    assert [piece.text for piece in claim.content] == [content]


def test_a_comparison_after_the_content_is_the_article_s() -> None:
    text = "Forty percent said they wanted a new ferry, compared with 23 percent last year."
    (claim,) = extract_claims(text)
    assert [piece.text for piece in claim.content] == ["they wanted a new ferry"]


@pytest.mark.parametrize(
    "text",
    [
        "Reyes said after the vote he would not accept the deal.",
        "Reyes said during the long debate he would not accept the deal.",
        "Reyes admitted under Ortiz’s questioning he would not accept the deal.",
    ],
)
def test_a_phrase_between_cue_and_a_subject_pronoun_is_not_content(text: str) -> None:
    (claim,) = _all(text)
    assert [piece.text for piece in claim.content] == ["he would not accept the deal"]


def test_a_semicolon_ends_even_a_short_content() -> None:
    claims = _all("The union denounced the cuts; Ortiz vowed to fight them.")
    assert [[piece.text for piece in claim.content] for claim in claims] == [
        ["the cuts"],
        ["to fight them"],
    ]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Ortiz disputed that account, saying little else.", "that account"),
        ("Ortiz denied that claim.", "that claim"),
        ("Ortiz said that it failed.", "it failed"),
    ],
)
def test_that_before_a_single_noun_is_a_determiner(text: str, content: str) -> None:
    assert [piece.text for piece in _all(text)[0].content] == [content]
