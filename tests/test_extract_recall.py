"""Attributions the extractor used to miss, on fictional sentences: subjects that name
several speakers, count people with a plural in -men, or put a weekday before the cue.
Every expected span is read off the sentence it is tested on."""

from __future__ import annotations

import importlib.util
from typing import Any

import pytest

from sourcetrace._models import Claim, Document
from sourcetrace.extract import RuleBasedExtractor, extract_claims

from _shared import REPO


def _texts(claim: Claim) -> list[str]:
    return [piece.text for piece in claim.content]


def _acts(text: str) -> list[Claim]:
    document = Document(id="t", text=text, kind="article")
    return RuleBasedExtractor(beliefs=True, acts=True).extract(document).claims


def test_two_names_joined_by_and_are_one_group_of_speakers() -> None:
    text = "Lund and Reyes said the harbor would close in May."
    (claim,) = extract_claims(text)
    assert claim.source is not None
    start = text.index("Lund")
    assert (claim.source.start, claim.source.end) == (start, start + len("Lund and Reyes"))
    speaker = claim.speaker
    assert (speaker.name, speaker.kind, speaker.role) == ("Lund and Reyes", "group", None)
    assert not speaker.anonymous
    assert [m.text for m in speaker.mentions] == ["Lund and Reyes"]
    assert _texts(claim) == ["the harbor would close in May"]


def test_a_pronoun_after_a_pair_of_names_refers_to_the_pair() -> None:
    text = "Lund and Reyes said the harbor would close. They said it would reopen in June."
    first, second = extract_claims(text)
    assert second.source is not None and second.source.text == "They"
    assert second.speaker is first.speaker
    assert first.speaker.name == "Lund and Reyes"


def test_a_count_of_fishermen_speaks_as_a_group() -> None:
    text = "Five fishermen said the new quay had cut their catch by half."
    (claim,) = extract_claims(text)
    assert claim.source is not None and claim.source.text == "Five fishermen"
    assert claim.source.start == text.index("Five")
    assert claim.cue is not None and claim.cue.span.text == "said"
    assert _texts(claim) == ["the new quay had cut their catch by half"]
    assert claim.speaker.kind == "group" and claim.speaker.anonymous


def test_plural_compounds_in_men_and_people_are_speakers() -> None:
    sources = [
        claim.source.text
        for text in (
            "Two congresswomen said the ferry budget was short.",
            "The townspeople say the ferry is always late.",
            "Fishermen in the north harbor say the channel is too shallow.",
        )
        for claim in extract_claims(text)
        if claim.source is not None
    ]
    assert sources == ["Two congresswomen", "The townspeople", "Fishermen in the north harbor"]


def test_a_word_in_men_that_names_no_people_is_no_speaker() -> None:
    # a bare "say" needs a plural of people before it; "regimen" is none
    assert extract_claims("The regimen say the harbor is safe.") == []


def test_a_bare_weekday_between_subject_and_cue() -> None:
    text = "Harbor officials Tuesday said the channel would reopen on Friday."
    (claim,) = extract_claims(text)
    assert claim.source is not None and claim.source.text == "Harbor officials"
    assert claim.cue is not None and claim.cue.span.start == text.index("said")
    assert _texts(claim) == ["the channel would reopen on Friday"]


def test_a_weekday_after_on_still_ends_the_subject() -> None:
    # skipping the weekday alone would leave "Okafor on" as the subject and lose the claim
    (claim,) = extract_claims("Okafor on Tuesday said the channel would reopen.")
    assert claim.source is not None and claim.source.text == "Okafor"
    assert _texts(claim) == ["the channel would reopen"]


def test_plurals_of_bodies_of_people_are_speakers() -> None:
    text = "The plan will hurt the port, the groups say. Two unions said the pay offer was too low."
    claims = extract_claims(text)
    assert [(c.source.text if c.source else None, _texts(c)) for c in claims] == [
        ("the groups", ["The plan will hurt the port"]),
        ("Two unions", ["the pay offer was too low"]),
    ]


def test_a_quotation_interrupted_by_told_and_its_object_keeps_both_halves() -> None:
    text = "“First of all,” Okafor told the Harbor Ledger, “the ferry will keep running.”"
    (claim,) = extract_claims(text)
    assert claim.source is not None and claim.source.text == "Okafor"
    assert claim.cue is not None and claim.cue.span.text == "told"
    assert _texts(claim) == ["First of all", "the ferry will keep running."]


def test_a_plural_subject_with_an_aside_before_a_bare_form() -> None:
    text = "Critics of the dredging plan, however, say it will silt up the channel."
    (claim,) = extract_claims(text)
    assert claim.source is not None and claim.source.text == "Critics of the dredging plan"
    assert claim.cue is not None and claim.cue.span.start == text.index("say it")
    assert _texts(claim) == ["it will silt up the channel"]


def test_a_quantifier_with_in_counts_people() -> None:
    (claim,) = extract_claims("Many in the crowd said the mayor had broken her promise.")
    assert claim.source is not None and claim.source.text == "Many in the crowd"
    assert _texts(claim) == ["the mayor had broken her promise"]


def test_a_bare_form_after_a_comma_without_a_plural_subject_is_no_cue() -> None:
    # "say" after a comma, with no plural of people before it, is no claim
    assert extract_claims("To keep the ferry, say, for ten more years, costs money.") == []


def test_here_or_there_after_a_plural_subject() -> None:
    text = "Harbor officials there say the new channel is too shallow for tankers."
    (claim,) = extract_claims(text)
    # the adverb ends the written mention; the speaker is the officials
    assert claim.source is not None and claim.source.text == "Harbor officials there"
    assert claim.speaker.name == "Harbor officials"
    assert _texts(claim) == ["the new channel is too shallow for tankers"]


def test_whom_the_speaker_addressed_is_not_the_content_of_a_quotation() -> None:
    text = "Okafor then asked the crowd, “Do you want the ferry back?”"
    (claim,) = extract_claims(text)
    start = text.index("Do you")
    end = start + len("Do you want the ferry back?")
    assert [(p.start, p.end) for p in claim.content] == [(start, end)]
    assert claim.kind == "direct"


def test_a_clause_before_a_quotation_stays_in_the_content() -> None:
    text = "Okafor said the port has one thing it needs: “a deeper channel.”"
    (claim,) = extract_claims(text)
    assert _texts(claim) == ["the port has one thing it needs: “a deeper channel.”"]


def _adapter_extract(text: str) -> list[dict[str, Any]]:
    spec = importlib.util.spec_from_file_location(
        "polnear_adapter_recall", REPO / "tools" / "polnear_adapter.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    found: list[dict[str, Any]] = module.extract(text)
    return found


def test_adapter_cue_before_an_introduced_quotation() -> None:
    text = (
        "A harbor aide said of the senator, “She takes the threat seriously.” "
        "Okafor said in a statement, “We will reopen the quay.”"
    )
    topic, medium = _adapter_extract(text)
    # the topic's preposition is the cue's, its object is neither cue nor content
    assert [text[s:e] for s, e in topic["cue"]] == ["said of"]
    assert [text[s:e] for s, e in topic["content"]] == ["She takes the threat seriously."]
    # the medium stays in the cue
    assert [text[s:e] for s, e in medium["cue"]] == ["said in a statement"]


def test_a_progressive_cue_is_a_finite_verb() -> None:
    text = "The harbor pilots' union is calling for the ferry contract to be reopened."
    (claim,) = _acts(text)
    assert claim.source is not None and claim.source.text == "The harbor pilots' union"
    assert claim.cue is not None and claim.cue.span.text == "calling for"
    assert claim.cue.lemma == "call"
    assert _texts(claim) == ["the ferry contract to be reopened"]


def test_a_progressive_speech_verb_with_an_adverb() -> None:
    text = "Okafor was repeatedly saying that the quay would hold."
    (claim,) = extract_claims(text)
    assert claim.source is not None and claim.source.text == "Okafor"
    assert claim.cue is not None and claim.cue.span.start == text.index("saying")
    assert _texts(claim) == ["the quay would hold"]


def test_a_participle_without_be_still_needs_a_comma() -> None:
    # no form of "be" before it: "saying" opens a participle clause only after a comma
    assert extract_claims("Crews saying the quay would hold were seen at dawn.") == []


def test_adding_to_is_no_speech() -> None:
    assert _acts("Reyes is adding to her lead in the harbor wards.") == []


def test_now_and_still_between_subject_and_cue() -> None:
    text = "Okafor now says the ferry will run until May. Reyes still argues it should stop."
    first, second = extract_claims(text)
    assert first.source is not None and first.source.text == "Okafor"
    assert _texts(first) == ["the ferry will run until May"]
    assert second.source is not None and second.source.text == "Reyes"
    assert _texts(second) == ["it should stop"]


def test_any_noun_after_a_determiner_is_the_subject_of_said() -> None:
    text = "The actress said the ferry was late again. Okafor's deckhands told her it would sail."
    first, second = extract_claims(text)
    assert first.source is not None and first.source.text == "The actress"
    assert _texts(first) == ["the ferry was late again"]
    assert second.source is not None and second.source.text == "Okafor's deckhands"


def test_a_noun_after_a_verb_is_no_subject_of_said() -> None:
    # "the actress" is the object of "met", and "said to have" a participle after it
    claims = extract_claims("Reyes met the actress said to have fled the island.")
    assert [c.source.text for c in claims if c.source] == []


def test_assured_and_reminded_are_statements() -> None:
    text = (
        "Reyes assured the crews that the quay would hold. "
        "Lund reminded voters that the ferry had never run late."
    )
    first, second = extract_claims(text)
    assert (first.cue.lemma if first.cue else None, _texts(first)) == (
        "assure",
        ["the quay would hold"],
    )
    assert (second.cue.lemma if second.cue else None, _texts(second)) == (
        "remind",
        ["the ferry had never run late"],
    )


def test_denouncing_and_likening_are_acts() -> None:
    text = "Okafor denounced the dredging plan. Reyes likened the toll to a tax on islanders."
    assert extract_claims(text) == []  # acts are off by default
    first, second = _acts(text)
    assert (first.cue.lemma if first.cue else None, _texts(first)) == (
        "denounce",
        ["the dredging plan"],
    )
    assert second.source is not None and second.source.text == "Reyes"
    assert second.cue is not None and second.cue.lemma == "liken"


def test_suspects_is_a_belief() -> None:
    text = "Lund suspects the channel is too shallow for the new ferry."
    assert extract_claims(text) == []  # beliefs are off by default
    (claim,) = _acts(text)
    assert claim.cue is not None and claim.cue.lemma == "suspect"
    assert _texts(claim) == ["the channel is too shallow for the new ferry"]


def test_a_transcript_quoted_paragraph_by_paragraph_keeps_its_labels() -> None:
    text = '"LUND: Well, look, the ferry will run all winter.\n\n"REYES: It will not.'
    first, second = extract_claims(text)
    assert first.source is not None and first.source.text == "LUND"
    assert first.cue is not None and first.cue.span.text == ":"
    assert _texts(first) == ["Well, look, the ferry will run all winter."]
    assert second.source is not None and second.source.text == "REYES"
    assert _texts(second) == ["It will not."]


def test_a_quoted_paragraph_with_a_colon_but_no_capital_label_is_no_transcript() -> None:
    text = '"The plan is simple: the ferry runs all winter.\n\nThe mayor agreed.'
    assert extract_claims(text) == []


def test_names_joined_by_and_take_a_bare_form() -> None:
    text = "Harbor candidates Ana Ortiz and Ben Lund say the ferry is too slow."
    (claim,) = extract_claims(text)
    assert claim.source is not None
    assert claim.source.text == "Harbor candidates Ana Ortiz and Ben Lund"
    assert claim.cue is not None and claim.cue.span.text == "say"
    assert _texts(claim) == ["the ferry is too slow"]


def test_a_noun_like_bare_form_after_and_is_no_cue() -> None:
    text = "Reyes, a Democrat and former Harbor state senator, ran the ferry board."
    assert _acts(text) == []


def test_a_plural_agent_noun_with_a_modifier_is_a_subject() -> None:
    text = "Dredging specialists say the channel will silt up within a year."
    (claim,) = extract_claims(text)
    assert claim.source is not None and claim.source.text == "Dredging specialists"
    assert _texts(claim) == ["the channel will silt up within a year"]


def test_an_adverb_after_an_auxiliary_before_the_cue() -> None:
    text = "Okafor has quietly promised a second ferry for the north harbor."
    (claim,) = _acts(text)
    assert claim.source is not None and claim.source.text == "Okafor"
    assert claim.cue is not None and claim.cue.span.text == "promised"
    assert _texts(claim) == ["a second ferry for the north harbor"]


def test_a_passive_with_an_adverb_is_no_claim() -> None:
    assert _acts("Two deckhands were mistakenly charged with the theft.") == []


def test_to_before_a_bare_verb_is_an_infinitive_not_a_phrase_of_place() -> None:
    text = "Okafor plans to release the ferry report on Friday."
    (claim,) = _acts(text)
    assert claim.cue is not None and claim.cue.span.text == "plans"
    assert _texts(claim) == ["to release the ferry report on Friday"]


def test_to_before_an_audience_is_still_skipped() -> None:
    text = "Okafor said to reporters that the ferry would run."
    (claim,) = extract_claims(text)
    assert _texts(claim) == ["the ferry would run"]


def test_a_long_appositive_with_a_relative_clause_after_a_name() -> None:
    text = (
        "Senator Bob Lund, a harbor Republican who has met privately with Okafor and "
        "been mentioned as a possible ferry chief, said there could be a deal by May."
    )
    (claim,) = extract_claims(text)
    # "mentioned" inside the appositive is no cue of its own: the subject is the name
    assert claim.source is not None and claim.source.text == "Senator Bob Lund"
    assert claim.speaker.name == "Bob Lund"
    assert _texts(claim) == ["there could be a deal by May"]


def test_went_on_to_say() -> None:
    text = "The mayor went on to say that the ferry would stop in May."
    (claim,) = extract_claims(text)
    assert claim.source is not None and claim.source.text == "The mayor"
    assert claim.cue is not None and claim.cue.span.text == "say"
    assert _texts(claim) == ["the ferry would stop in May"]
    (found,) = _adapter_extract(text)
    assert [text[s:e] for s, e in found["cue"]] == ["went on to say"]


def test_a_plural_of_any_noun_takes_a_bare_say() -> None:
    text = "In the north, harbor pilots say the channel is too shallow for tankers."
    (claim,) = extract_claims(text)
    assert claim.source is not None and claim.source.text == "harbor pilots"
    assert _texts(claim) == ["the channel is too shallow for tankers"]


def test_a_singular_noun_does_not_take_a_bare_say() -> None:
    # "the harbor pilot say" is no English subject and verb: a bare form needs a plural
    assert extract_claims("In the north, the harbor pilot say the channel is deep.") == []


def test_with_a_subject_before_saying() -> None:
    # "with X saying": an absolute clause whose subject is the speaker, not the
    # sentence's subject
    text = "The ferry plan has slipped, with 30 percent of islanders saying they have lost faith."
    (claim,) = extract_claims(text)
    assert claim.source is not None and claim.source.text == "30 percent of islanders"
    assert claim.cue.span.text == "saying"
    assert _texts(claim) == ["they have lost faith"]


def test_with_a_body_before_arguing() -> None:
    text = (
        "Reyes turned on the council, with the office of the harbor master arguing "
        "the fees were illegal."
    )
    claims = extract_claims(text)
    assert [c.source.text for c in claims if c.source] == ["the office of the harbor master"]
    assert _texts(claims[0]) == ["the fees were illegal"]


def test_with_and_a_participle_that_is_no_speech_is_no_claim() -> None:
    assert _acts("Okafor left the hearing with her hands shaking.") == []


def test_inverted_source_named_by_a_noun_of_people() -> None:
    # "narrator" and "commenter" are in no word list: their ending makes them people
    for text, source in (
        ("“The ferry is always late,” says a narrator.", "a narrator"),
        ("“The vote was rigged,” wrote one commenter.", "one commenter"),
    ):
        (claim,) = extract_claims(text)
        assert claim.source is not None and claim.source.text == source


def test_a_subject_pronoun_after_an_opening_phrase() -> None:
    text = "At the town hall she said the ferry would keep its winter timetable."
    (claim,) = extract_claims(text)
    assert claim.source is not None and claim.source.text == "she"
    assert _texts(claim) == ["the ferry would keep its winter timetable"]


def test_a_pronoun_after_a_noun_is_a_relative_clause_not_a_subject() -> None:
    # "the points she wants to see": the noun is what she wants, not a frame
    assert _acts("Lund listed the points she wants to see in the plan.") == []


def test_a_city_speaks_as_a_body() -> None:
    text = "The cities of Leeds and Dover said they would light their harbors on Monday."
    (claim,) = extract_claims(text)
    assert claim.source is not None and claim.source.text == "The cities of Leeds and Dover"
    assert claim.speaker.kind == "group"  # two cities: one group of speakers


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The city of Dover said it would light the harbor.", "city of Dover"),
        ("The University of Leeds said it would close the lab.", "University of Leeds"),
    ],
)
def test_a_body_named_after_a_place_is_one_organization(text: str, name: str) -> None:
    (claim,) = extract_claims(text)
    assert (claim.speaker.kind, claim.speaker.name, claim.speaker.role) == (
        "organization",
        name,
        None,
    )


def test_an_approximate_share_and_several_count_people() -> None:
    text = "Nearly two-thirds of islanders said the ferry was too slow. Several said it was late."
    first, second = extract_claims(text)
    assert first.source is not None and first.source.text == "Nearly two-thirds of islanders"
    assert second.source is not None and second.source.text == "Several"


def test_and_a_new_speaker_ends_the_content() -> None:
    text = "One in three said the council did not care and one in four said it was hostile."
    first, second = extract_claims(text)
    assert _texts(first) == ["the council did not care"]
    assert second.source is not None and second.source.text == "one in four"
    assert _texts(second) == ["it was hostile"]


def test_a_comma_after_the_party_and_state_still_ends_the_subject() -> None:
    text = "Sen. Ana Lund (D-Ore.), said that she had not read the plan."
    (claim,) = extract_claims(text)
    assert claim.source is not None and claim.source.text == "Sen. Ana Lund (D-Ore.)"
    assert _texts(claim) == ["she had not read the plan"]


def test_but_and_a_phrase_before_the_second_cue_keeps_the_speaker() -> None:
    text = "The clerk said he did not recall it, but in an interview said he had lost the files."
    first, second = extract_claims(text)
    assert second.speaker is first.speaker
    assert _texts(second) == ["he had lost the files"]


def test_the_subject_of_the_verb_and_joins_after_an_opening_participle() -> None:
    text = "Asked about the vote, Lund laughed and said, “We’ll see.”"
    (claim,) = extract_claims(text)
    assert claim.source is not None and claim.source.text == "Lund"
    assert _texts(claim) == ["We’ll see."]


def test_a_headline_in_title_case_holds_a_capitalised_cue() -> None:
    text = "Harbor Chief Says Ferry Will Run All Winter\n\nThe ferry left on time on Monday."
    (claim,) = extract_claims(text)
    assert claim.source is not None and claim.source.text == "Harbor Chief"
    assert claim.cue.span.text == "Says"
    assert _texts(claim) == ["Ferry Will Run All Winter"]


def test_a_capitalised_cue_outside_a_headline_is_no_cue() -> None:
    # a sentence of the body, and a title-case run inside a longer line
    assert extract_claims("The ferry was late. Harbor Chief Says Ferry Will Run All Winter.") == []
    line = "Harbor Reports and the Ledger covered the ferry vote in detail on Monday.\n\nIt ran."
    assert extract_claims(line) == []


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("“The ferry is my pride,” the shipping mogul told the Ledger.", "the shipping mogul"),
        ("“Stop and listen,” the retired surgeon told Harbor TV.", "the retired surgeon"),
        ("The Okafor camp said the count was fair.", "The Okafor camp"),
    ],
)
def test_more_nouns_of_speakers(text: str, source: str) -> None:
    (claim,) = extract_claims(text)
    assert claim.source is not None and claim.source.text == source


@pytest.mark.parametrize(
    "source",
    ["his biography", "press reports", "a declaration filed in court by Ada Lund"],
)
def test_according_to_takes_any_noun_phrase_as_its_source(source: str) -> None:
    # after "according to" a document or a record is as much a source as a person
    text = f"The ferry was late twice in March, according to {source}."
    (claim,) = extract_claims(text)
    assert claim.source is not None and claim.source.text == source
    assert _texts(claim) == ["The ferry was late twice in March"]


def test_an_adverb_without_ly_between_auxiliary_and_cue() -> None:
    text = "Okafor has nevertheless called the vote an irresponsible one."
    (claim,) = _acts(text)
    assert claim.source is not None and claim.source.text == "Okafor"
    assert _texts(claim) == ["the vote an irresponsible one"]


def test_and_a_past_verb_after_a_quotation_ends_the_content() -> None:
    text = "Reyes called the merger “a terrible deal” and ranked Lund among the worst."
    (claim,) = _acts(text)
    assert _texts(claim) == ["the merger “a terrible deal”"]


def test_an_irregular_past_verb_ends_the_subject_of_a_joined_cue() -> None:
    text = "The mayor stood beside the minister and described the port as “safe.”"
    (claim,) = _acts(text)
    assert claim.source is not None and claim.source.text == "The mayor"


def test_as_reported_by_opens_a_claim() -> None:
    text = "As reported by the Harbor Ledger, the council refused to fund the ferry."
    claims = extract_claims(text)
    assert [(c.source.text if c.source else None, c.cue.span.text) for c in claims] == [
        ("the Harbor Ledger", "reported")
    ]
    assert _texts(claims[0]) == ["the council refused to fund the ferry"]


def test_as_first_noted_by_after_the_content_ends_it() -> None:
    text = "The council refused to fund the ferry, as first noted by Ada Lund."
    (claim,) = extract_claims(text)
    assert claim.source is not None and claim.source.text == "Ada Lund"
    assert _texts(claim) == ["The council refused to fund the ferry"]


def test_quoted_with_an_appositive_before_as_saying() -> None:
    text = "The Harbor Ledger quoted Ada Moss, a Lansing native, as saying the ferry left early."
    (claim,) = extract_claims(text)
    assert claim.speaker.name == "Ada Moss"
    assert [agent.name for agent in claim.via] == ["Harbor Ledger"]
    assert _texts(claim) == ["the ferry left early"]


def test_and_an_auxiliary_before_a_second_cue() -> None:
    text = "Okafor described herself as a reformer and has said that she would close the port."
    first, second = _acts(text)
    assert _texts(first) == ["herself as a reformer"]
    assert second.speaker is first.speaker
    assert _texts(second) == ["she would close the port"]


def test_a_plural_of_people_by_ending_before_an_aside_takes_a_bare_cue() -> None:
    text = "Cement makers, meanwhile, argue that imports from abroad would grow."
    (claim,) = extract_claims(text)
    assert claim.source is not None and claim.source.text == "Cement makers"


def test_has_since_said_and_associates() -> None:
    first, second = extract_claims(
        "Lund has since said she would back a wage increase. "
        "Reyes's associates insist he is returning to the council."
    )
    assert first.source is not None and first.source.text == "Lund"
    assert second.source is not None and second.source.text == "Reyes's associates"


def test_was_quick_to_add() -> None:
    text = "Okafor was quick to add that the deal did not include the ferry."
    (claim,) = extract_claims(text)
    assert claim.source is not None and claim.source.text == "Okafor"
    assert claim.cue.span.text == "add"
    assert _texts(claim) == ["the deal did not include the ferry"]


@pytest.mark.parametrize("mark", [",", ":"])
def test_said_opens_the_sentence_before_its_source(mark: str) -> None:
    text = f"Said Lund{mark} “The tide turned early.”"
    (claim,) = extract_claims(text)
    assert claim.source is not None and claim.source.text == "Lund"
    assert _texts(claim) == ["The tide turned early."]


def test_a_name_after_a_comma_is_the_subject_of_its_participle() -> None:
    text = "Both issued statements, Reyes saying he was “very encouraged” by the talks."
    (claim,) = extract_claims(text)
    assert claim.source is not None and claim.source.text == "Reyes"
    assert _texts(claim) == ["he was “very encouraged” by the talks"]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Islanders often say the ferry is the only road they have.", "Islanders"),
        ("The ferry, Mayor Okafor often says, is the island's only road.", "Mayor Okafor"),
        ("Reyes sometimes says the harbor was better run in his day.", "Reyes"),
    ],
)
def test_a_frequency_adverb_between_subject_and_cue(text: str, source: str) -> None:
    (claim,) = extract_claims(text)
    assert claim.source is not None and claim.source.text == source


@pytest.mark.parametrize("opening", ["Meanwhile,", "In a statement,", "On Monday"])
def test_a_participle_after_a_comma_takes_the_subject_of_the_first_past_verb(
    opening: str,
) -> None:
    text = f"{opening} the union attacked Reyes, saying he had failed the harbor."
    (claim,) = extract_claims(text)
    assert claim.source is not None and claim.source.text == "the union"
    assert _texts(claim) == ["he had failed the harbor"]


@pytest.mark.parametrize(
    "text",
    [
        "Harbor pilots in the state will vote on the contract in March.",
        "The ferry vote drew pilots from across the state to the quay on Friday.",
        "Crews from three state agencies were at the quay by dawn.",
    ],
)
def test_a_bare_form_that_is_as_often_a_noun_needs_a_verb_reading(text: str) -> None:
    # "state" after a determiner or before a noun is the noun, not the speech verb
    assert _acts(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "The ferry race now moves to Southern states this week that Reyes must win.",
        "Lund is one of six mayors running in states the governor won in 2024.",
        "In other coastal states, like Dell and Marrow, the ferries run all winter.",
        "Some reports that reached the harbor office were never logged.",
        "Republican attacks on the tender have not slowed the work.",
        "But too many calls today still roll over to the backup center.",
        "Health worries have dogged Ortiz since March.",
    ],
)
def test_an_s_form_after_a_preposition_a_plural_determiner_or_an_adjective_is_a_noun(
    text: str,
) -> None:
    # a verb in -s agrees with a singular subject: "some reports" is a noun phrase
    assert _acts(text) == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Lund, an aide to Ortiz, calls her record a blueprint.", "her record a blueprint"),
        ("Reyes calls himself a moderate.", "himself a moderate"),
        ("Ortiz worries that the ferry will fail.", "the ferry will fail"),
        ("The union calls for a new vote.", "a new vote"),
    ],
)
def test_calls_and_worries_with_a_subject_and_an_object_are_verbs(text: str, content: str) -> None:
    (claim,) = _acts(text)
    assert _texts(claim) == [content]


def test_an_s_form_after_a_singular_subject_is_still_a_verb() -> None:
    (claim,) = _acts("The harbor report states that the gates were never tested.")
    assert claim.source is not None and claim.source.text == "The harbor report"
    assert claim.cue.span.text == "states"


@pytest.mark.parametrize(
    "text",
    [
        "Lund found herself in trouble with the union on Friday.",
        "The harbor board has found itself at the center of the row.",
        "Reyes backed away from the plan on Monday.",
        "The council backed down after the vote.",
    ],
)
def test_a_cue_verb_in_another_sense_gives_no_claim(text: str) -> None:
    # finding oneself somewhere, backing away from something: nobody holds a view
    assert _acts(text) == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("The inspectors found that the gates were never tested.", "the gates were never tested"),
        ("The union backed the plan to rebuild the quay.", "the plan to rebuild the quay"),
    ],
)
def test_the_same_cue_verbs_with_a_claim_or_an_object(text: str, content: str) -> None:
    (claim,) = _acts(text)
    assert _texts(claim) == [content]


def test_a_plural_with_a_passive_relative_takes_a_bare_form() -> None:
    text = "Emails reviewed by the Ledger suggest the mayor knew about the leak."
    claim = next(c for c in _acts(text) if c.cue.span.text == "suggest")
    assert claim.source is not None and claim.source.text == "Emails reviewed by the Ledger"
    assert _texts(claim) == ["the mayor knew about the leak"]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "Democrats hoping to win the seat say the ferry matters most.",
            "Democrats hoping to win the seat",
        ),
        (
            "Voters hoping for a change said the mayor had failed the wards.",
            "Voters hoping for a change",
        ),
        (
            "Republicans in the harbor wards say the fares are too high.",
            "Republicans in the harbor wards",
        ),
    ],
)
def test_a_plural_of_people_before_its_modifier_speaks(text: str, source: str) -> None:
    # "hoping" is a cue form, but here it modifies the speakers, as "trying" does
    (claim,) = extract_claims(text)
    assert claim.source is not None and claim.source.text == source


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Pilots hired by the port say the gates jam in the cold.", "say"),
        ("Engineers employed by the ministry said the gates failed twice.", "said"),
    ],
)
def test_a_plural_of_people_with_a_passive_relative_speaks(text: str, cue: str) -> None:
    (claim,) = extract_claims(text)
    assert claim.cue is not None and claim.cue.span.text == cue
    assert claim.source is not None and claim.source.text == text.split(f" {cue} ")[0]
    # the people speak, a group, not the port or the ministry that hired them
    assert claim.speaker.kind == "group"


@pytest.mark.parametrize(
    ("text", "speaker", "via"),
    [
        ("Emails reviewed by the Ledger suggest the mayor knew.", "Emails", ["Ledger"]),
        ("Documents obtained by the Ledger show that the mayor knew.", "Documents", ["Ledger"]),
        ("A report released by the port authority says the gates failed.", "port authority", []),
    ],
)
def test_a_subject_that_names_a_document_speaks_as_after_according_to(
    text: str, speaker: str, via: list[str]
) -> None:
    # the document speaks (or its author), whoever passed it on is an intermediary
    (claim,) = _acts(text)
    assert claim.speaker.name == speaker and claim.speaker.kind == "organization"
    assert [agent.name for agent in claim.via] == via


@pytest.mark.parametrize(
    "text",
    [
        "The plan backed by the union would close the quay in March.",
        "Exit polls reported by the Ledger had the mayor ahead.",
    ],
)
def test_a_passive_participle_after_a_noun_gives_no_claim(text: str) -> None:
    assert _acts(text) == []


def test_a_passive_aside_before_the_cue_leaves_the_sentence_its_claim() -> None:
    (claim,) = _acts("Lund, backed by the union, said the ferry would run all winter.")
    assert claim.source is not None and claim.source.text == "Lund"
    assert claim.cue.span.text == "said"
    assert _texts(claim) == ["the ferry would run all winter"]


def test_a_noun_like_bare_form_before_a_cue_is_part_of_the_subject() -> None:
    (claim,) = _acts("Voters in each state say the ferry matters more than the bridge.")
    assert claim.source is not None and claim.source.text == "Voters in each state"
    assert claim.cue.span.text == "say"


@pytest.mark.parametrize(
    ("text", "source", "cue"),
    [
        ("Advocates estimate that 300 families were moved.", "Advocates", "estimate"),
        ("Harbor pilots claim the gates were never tested.", "Harbor pilots", "claim"),
        ("Many islanders doubt the barrier will be finished.", "Many islanders", "doubt"),
        ("They state that the gates were never tested.", "They", "state"),
    ],
)
def test_a_noun_like_bare_form_after_a_plural_or_a_pronoun_is_a_cue(
    text: str, source: str, cue: str
) -> None:
    (claim,) = _acts(text)
    assert claim.source is not None and claim.source.text == source
    assert claim.cue.span.text == cue


@pytest.mark.parametrize(
    "text",
    [
        "Nearly half of Lund's reported donations came from the port.",
        "The mayor ignored the Ledger's repeated requests for comment.",
        "All reported sightings of the seal were near the quay.",
        "He was hurt in an alleged assault near the ferry terminal.",
    ],
)
def test_a_participle_after_a_possessive_or_determiner_is_an_adjective(text: str) -> None:
    assert _acts(text) == []


def test_a_participle_after_a_contracted_has_is_still_a_cue() -> None:
    (claim,) = _acts("She’s argued repeatedly that the ferry should run all winter.")
    assert claim.source is not None and claim.source.text == "She"
    assert _texts(claim) == ["the ferry should run all winter"]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Mayor Ada Lund arrived late. She’s said the ferry would run.", "She"),
        ("Mayor Ada Lund arrived late. She's argued that the ferry would run.", "She"),
        ("Mayor Ada Lund arrived late. She’d said the ferry would run.", "She"),
    ],
)
def test_a_contracted_auxiliary_is_not_part_of_the_subject(text: str, source: str) -> None:
    claim = extract_claims(text)[-1]
    assert claim.source is not None and claim.source.text == source
    assert claim.speaker.name == "Ada Lund"


def test_a_name_with_s_before_a_cue_stays_whole() -> None:
    # a firm's name ("Okafor’s", a bakery) and a possessive are not contractions
    (claim,) = extract_claims("Okafor’s said it would open a second bakery by the quay.")
    assert claim.source is not None and claim.source.text == "Okafor’s"


def test_a_tally_after_a_name_and_a_colon_is_no_claim() -> None:
    text = (
        "Mayor Lena Ortiz and Tom Reyes split the harbor wards.\n\n"
        "Ortiz: 1,547.\n\nReyes: 946.\n\nThe count ended at midnight."
    )
    assert extract_claims(text) == []


def test_a_name_and_a_few_words_over_a_paragraph_head_a_section() -> None:
    text = (
        "What each candidate needs on Tuesday.\n\n"
        "Ortiz: Hold the harbor wards.\n\n"
        "Mayor Lena Ortiz won the harbor wards by 300 votes four years ago.\n\n"
        "Reyes: Win the islands.\n\n"
        "Tom Reyes has campaigned on the islands since March."
    )
    assert extract_claims(text) == []


@pytest.mark.parametrize(
    "text",
    [
        # a transcript's turns follow one another
        "Mayor Lena Ortiz took questions.\n\nQ: Will the ferry run?\n\nOrtiz: Not this winter.",
        "Ortiz: Not this winter.\n\nQ: Why not?\n\nOrtiz: The pumps.",
        # the title of the article
        "Ortiz: Ferry Will Run\n\nMayor Lena Ortiz said the ferry would run all winter.",
        # a quotation
        "The ferry vote.\n\nOrtiz: “Not this winter.”\n\nMayor Lena Ortiz spoke at noon.",
    ],
)
def test_a_short_label_in_a_transcript_title_or_with_a_quotation_is_a_claim(
    text: str,
) -> None:
    assert any(claim.cue.span.text == ":" for claim in extract_claims(text))


@pytest.mark.parametrize("label", ["The Latest", "BYLINE", "LOOK", "BREAKING"])
def test_a_newsroom_label_is_no_speaker(label: str) -> None:
    # the label comes back in the story, as a speaker's name would
    text = f"{label}: Harbor ferry to run all winter.\n\n{label} on the vote, as the council met."
    assert extract_claims(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Marta Quill reported from Harbor City.",
        "Marta Quill reported from Harbor City, and Tom Berg from Dell.",
        "She has reported from every storm on the coast since 2019.",
    ],
)
def test_where_a_reporter_reported_from_is_no_claim(text: str) -> None:
    assert extract_claims(text) == []


def test_reported_from_a_place_that_is_still_a_claim() -> None:
    (claim,) = extract_claims("The Ledger reported from the quay that the pumps had failed.")
    assert _texts(claim) == ["the pumps had failed"]


@pytest.mark.parametrize(
    "text",
    [
        "A new group called Harbor First is trying to stop the ferry.",
        "Mayor Lena Ortiz called Tom Reyes on Friday.",
        "The union set up a fund called Storm Relief.",
        "A new group called Harbor First, led by two councillors, is trying to save it.",
        "The port hired a firm called Tidewater Analytics, which is owned by a donor.",
        "A company called Quill Marine gave $5,000 to the campaign on June 27.",
        "A newly formed super PAC called Tide 45 ran its first ads on Monday.",
        "The islanders staged a play called “The Last Ferry” in the town hall.",
        "Lund set up a website called “Harbor If Ortiz Wins” that pitches the island.",
        "The campaign aired a short film called “We Are Islanders” on Channel 4.",
    ],
)
def test_called_before_a_bare_name_names_or_phones(text: str) -> None:
    assert extract_claims(text, extractor=RuleBasedExtractor(acts=True)) == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Mayor Lena Ortiz called Reyes a liar.", "Reyes a liar"),
        ("Mayor Lena Ortiz called the plan reckless.", "the plan reckless"),
        ("Mayor Lena Ortiz called on Reyes to resign.", "Reyes to resign"),
        ("A spokesman for Ortiz called Reyes reckless.", "Reyes reckless"),
        ("An aide called Reyes “a liar.”", "Reyes “a liar.”"),
        ("A harbor commission called Lund a liar.", "Lund a liar"),
    ],
)
def test_called_with_a_complement_is_a_claim(text: str, content: str) -> None:
    (claim,) = extract_claims(text, extractor=RuleBasedExtractor(acts=True))
    assert _texts(claim) == [content]


@pytest.mark.parametrize(
    "text",
    [
        "All told, the two groups spent $2.5 million on the ferry vote.",
        "The port authority added 160 jobs in March.",
    ],
)
def test_all_told_and_added_before_a_number_frame_no_words(text: str) -> None:
    assert _acts(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Reyes continued his tour of the islands on Saturday.",
        "Ortiz won the primary in Harbor County, adding to her lead over Reyes.",
        "Ortiz won the primary on Tuesday, continuing her streak over Reyes.",
    ],
)
def test_continue_with_an_object_and_adding_to_a_tally_report_no_speech(text: str) -> None:
    assert _acts(text) == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Reyes continued, “The ferry will run.”", "The ferry will run."),
        ("“The ferry will run,” she continued.", "The ferry will run"),
        ("She continued that the ferry would run on time.", "the ferry would run on time"),
        ("The mayor continued: the ferry will run.", "the ferry will run"),
    ],
)
def test_continue_on_its_own_or_before_that_reports_speech(text: str, content: str) -> None:
    (claim,) = _acts(text)
    assert _texts(claim) == [content]


@pytest.mark.parametrize(
    "text",
    [
        "Ferry workers would see a 50 percent raise by 2028.",
        "The harbor police saw the post and closed the quay.",
        "Ortiz, who has seen her lead in the polls evaporate, spoke on Friday.",
    ],
)
def test_see_with_a_plain_object_is_no_view(text: str) -> None:
    assert _acts(text) == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Ortiz sees the vote as a warning to the port.", "the vote as a warning to the port"),
        ("Ortiz saw that the port had failed.", "the port had failed"),
    ],
)
def test_see_with_a_view_is_a_belief(text: str, content: str) -> None:
    (claim,) = _acts(text)
    assert _texts(claim) == [content]


@pytest.mark.parametrize(
    "text",
    [
        "Ortiz maintains a wide lead over Reyes in the harbor wards.",
        "The port has maintained close ties with the ferry union.",
    ],
)
def test_maintain_with_a_kept_object_is_no_claim(text: str) -> None:
    assert _acts(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Turnout declined in almost every ward, dropping 50 percent in Harbor City.",
        "In Harbor County, 36,700 people voted, a 30% decline from the last primary.",
        "Ferry traffic declined sharply after the storm.",
    ],
)
def test_decline_as_a_fall_is_no_claim(text: str) -> None:
    assert _acts(text) == []


def test_decline_as_a_refusal_is_a_claim() -> None:
    (claim,) = _acts("Lund declined to comment on the fares.")
    assert _texts(claim) == ["to comment on the fares"]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Lund maintained that the ferry was safe.", "the ferry was safe"),
        ("Lund has maintained his innocence.", "his innocence"),
    ],
)
def test_maintain_a_position_is_a_claim(text: str, content: str) -> None:
    (claim,) = _acts(text)
    assert _texts(claim) == [content]


@pytest.mark.parametrize(
    "text",
    [
        "Lund responded by easing the fares for islanders.",
        "The port responded enthusiastically by cutting its fees.",
        "Since then, the council has responded by helping to build a new quay.",
    ],
)
def test_responded_by_a_deed_is_no_claim(text: str) -> None:
    assert _acts(text) == []


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("Reyes responded by saying the ferry was late.", "responded by saying"),
        ("Reyes responded by first noting that the ferry was late.", "responded by first noting"),
        ("Reyes responded by pointing out that the ferry was late.", "responded by pointing out"),
    ],
)
def test_responded_by_a_speech_verb_takes_it_into_the_cue(text: str, cue: str) -> None:
    (claim,) = _acts(text)
    assert claim.cue is not None and claim.cue.span.text == cue
    assert _texts(claim) == ["the ferry was late"]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "A source familiar with Reyes’s thinking said the mayor would try again.",
            "A source familiar with Reyes’s thinking",
        ),
        (
            "A source familiar with Reyes’s plans said the mayor would try again.",
            "A source familiar with Reyes’s plans",
        ),
    ],
)
def test_a_cue_form_after_a_possessive_is_a_noun_of_the_subject(text: str, source: str) -> None:
    (claim,) = _acts(text)
    assert claim.source is not None and claim.source.text == source
    assert claim.cue.span.text == "said"


@pytest.mark.parametrize(
    "text",
    [
        "The mayor's plans to close the ferry drew a crowd to the quay.",
        "Voters cheered Lund’s attacks on the port authority.",
    ],
)
def test_a_noun_after_a_possessive_is_no_cue(text: str) -> None:
    assert _acts(text) == []


def test_a_relative_time_between_subject_and_cue() -> None:
    (claim,) = extract_claims("Lund earlier Thursday said the committee had met 40 times.")
    assert claim.source is not None and claim.source.text == "Lund"
    assert _texts(claim) == ["the committee had met 40 times"]


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (
            "Ortiz won 52 percent, against 38 percent who said they could change their minds.",
            "38 percent",
            "they could change their minds",
        ),
        (
            "The rule is opposed by harbor pilots who say it puts crews at risk.",
            "harbor pilots",
            "it puts crews at risk",
        ),
    ],
)
def test_a_restrictive_who_speaks_for_the_noun_phrase_before_it(
    text: str, speaker: str, content: str
) -> None:
    (claim,) = extract_claims(text)
    assert claim.source is not None and claim.source.text == "who"
    assert claim.speaker.mentions[0].text == speaker
    assert _texts(claim) == [content]


def test_a_restrictive_who_before_a_verb_of_belief_or_act_is_no_claim() -> None:
    # "women who want to ...", "a pilot who has endorsed ...": who they are, not a claim
    text = "The rule covers pilots who want to retire and a union that has endorsed Reyes."
    assert _acts(text) == []


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "Raising the fares too soon, a wide array of economists say, hurt the ferry.",
            "a wide array of economists",
        ),
        ("A handful of pilots said the ferry was late.", "A handful of pilots"),
        ("A slew of harbor leaders agree with her plan.", "A slew of harbor leaders"),
    ],
)
def test_a_collective_of_people_is_a_plural_subject(text: str, source: str) -> None:
    (claim,) = _acts(text)
    assert claim.source is not None and claim.source.text == source


@pytest.mark.parametrize(
    "text",
    [
        "The ferries said to be late were old.",
        "The number of pilots reported to have quit rose.",
    ],
)
def test_said_to_be_after_a_noun_is_a_passive(text: str) -> None:
    assert _acts(text) == []


def test_an_adverb_like_only_between_a_modal_and_a_bare_form() -> None:
    (claim,) = extract_claims(
        "Asked again, the harbor master would only say that the pumps were old."
    )
    assert claim.source is not None and claim.source.text == "the harbor master"
    assert _texts(claim) == ["the pumps were old"]


def test_added_to_a_named_audience_is_speech() -> None:
    text = "“It was twice the crowd of last year,” Ortiz added to the Ledger."
    (claim,) = extract_claims(text)
    assert claim.cue.span.text == "added"
    assert _texts(claim) == ["It was twice the crowd of last year"]
    assert extract_claims("Reyes added to the confusion on Friday.") == []


def test_a_quotation_that_closes_inside_another_ends_the_content() -> None:
    text = "“She told the board, ‘I refuse to sign it,’” Reyes said."
    (claim,) = extract_claims(text)
    assert claim.source is not None and claim.source.text == "Reyes"
    assert _texts(claim) == ["She told the board, ‘I refuse to sign it,’"]


@pytest.mark.parametrize("subject", ["Police", "Harbor police", "The port staff"])
def test_collective_nouns_of_people_take_a_bare_say(subject: str) -> None:
    (claim,) = extract_claims(f"{subject} say they have not found the boat.")
    assert claim.source is not None and claim.source.text == subject


def test_a_contracted_pronoun_subject_after_the_content() -> None:
    (claim,) = extract_claims("The ferry could run all winter, they’ve suggested.")
    assert claim.source is not None and claim.source.text == "they"
    assert _texts(claim) == ["The ferry could run all winter"]


@pytest.mark.parametrize(
    "aside", ["speaking to islanders", "speaking on condition of anonymity", "speaking by phone"]
)
def test_a_participle_of_a_phrasal_cue_needs_its_particle(aside: str) -> None:
    (claim,) = _acts(f"Ortiz, {aside}, said the ferry would stay.")
    assert claim.cue.span.text == "said"
    assert _texts(claim) == ["the ferry would stay"]


def test_a_participle_of_a_phrasal_cue_with_its_particle_is_a_cue() -> None:
    (claim,) = _acts("Ortiz toured the quay, speaking about the ferry at length.")
    assert claim.cue.span.text == "speaking about"


@pytest.mark.parametrize("between", ["again", "Wednesday", "publicly"])
def test_an_adverb_or_day_between_call_and_for(between: str) -> None:
    (claim,) = _acts(f"Reyes called {between} for the mayor to resign.")
    assert claim.cue.span.text == f"called {between} for"
    assert _texts(claim) == ["the mayor to resign"]


@pytest.mark.parametrize(
    "text",
    [
        "The Ledger reported Tuesday that the pumps had failed, citing two engineers.",
        "The pumps had failed, the Ledger reported, citing two engineers.",
    ],
)
def test_citing_after_the_content_names_the_speaker_and_the_reporter_relays(text: str) -> None:
    (claim,) = _acts(text)  # the participle is no claim of its own
    assert claim.source is not None and claim.source.text == "two engineers"
    assert [agent.name for agent in claim.via] == ["Ledger"]


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("The mayor's spokeswoman, Ida Berg, said the ferry would stay.", "mayor's spokeswoman"),
        ("Her spokeswoman, Ida Berg, said the ferry would stay.", "spokeswoman"),
        (
            "A spokeswoman for the mayor, Ida Berg, said the ferry would stay.",
            "spokeswoman for the mayor",
        ),
    ],
)
def test_a_role_then_a_name_in_commas_names_the_speaker(text: str, role: str) -> None:
    (claim,) = extract_claims(text)
    assert claim.source is not None and claim.source.text == text.split(", said")[0]
    assert (claim.speaker.name, claim.speaker.role) == ("Ida Berg", role)


@pytest.mark.parametrize(
    ("text", "name", "role", "affiliation"),
    [
        (
            "The mayor of Harbor City, Ida Lund, said the ferry would stay.",
            "Ida Lund",
            "mayor of Harbor City",
            "Harbor City",
        ),
        (
            "A spokesman for the Harbor Council, Tom Reyes, said the ferry would stay.",
            "Tom Reyes",
            "spokesman for the Harbor Council",
            "Harbor Council",
        ),
        (
            "The harbor master, Tom Reyes, said the ferry would stay.",
            "Tom Reyes",
            "harbor master",
            None,
        ),
        (
            "When the port's director, Ana M. Berg, said the ferry would stay, pilots cheered.",
            "Ana M. Berg",
            "port's director",
            None,
        ),
        (
            "Secretary of State, Ada Lund, said the ferry would stay.",
            "Ada Lund",
            "Secretary of State",
            None,
        ),
    ],
)
def test_a_role_held_for_a_name_then_a_name_in_commas_names_the_speaker(
    text: str, name: str, role: str, affiliation: str | None
) -> None:
    (claim,) = extract_claims(text)
    speaker = claim.speaker
    assert (speaker.name, speaker.role, speaker.affiliation) == (name, role, affiliation)
    assert speaker.kind == "person"


def test_a_quotation_opened_with_a_closing_mark_is_a_direct_claim() -> None:
    text = "”We will keep the pier open all winter,” Lund said. “It is safe,” Reyes added."
    claims = extract_claims(text)
    assert [(c.kind, c.speaker.name, [q.text for q in c.quotes]) for c in claims] == [
        ("direct", "Lund", ["We will keep the pier open all winter"]),
        ("direct", "Reyes", ["It is safe"]),
    ]


@pytest.mark.parametrize(
    ("text", "source", "affiliation"),
    [
        ("Aides to Ortiz say the ferry will run.", "Aides to Ortiz", "Ortiz"),
        ("Two advisers to the mayor say the ferry will run.", "Two advisers to the mayor", None),
        ("Officials close to Ortiz say the ferry will run.", "Officials close to Ortiz", "Ortiz"),
    ],
)
def test_people_serving_someone_say_and_are_the_speakers(
    text: str, source: str, affiliation: str | None
) -> None:
    (claim,) = extract_claims(text)
    assert claim.source is not None and claim.source.text == source
    assert (claim.speaker.kind, claim.speaker.affiliation) == ("group", affiliation)


def test_people_serving_someone_deep_in_a_clause_are_no_subject() -> None:
    text = "The foundation pushed aides to Mayor Ortiz to help find a pier."
    assert [claim.cue.span.text for claim in _acts(text)] == []


@pytest.mark.parametrize(
    "text",
    [
        "The spokeswoman, who asked not to be named, said the ferry would stay.",
        "A pilot, who requested anonymity, said the ferry would stay.",
    ],
)
def test_a_request_for_anonymity_is_no_claim(text: str) -> None:
    claims = _acts(text)
    assert [claim.cue.span.text for claim in claims] == ["said"]
    assert _acts("A pilot declined to be identified.") == []


def test_a_request_not_to_be_named_as_something_is_still_a_claim() -> None:
    (claim,) = _acts("Ortiz asked not to be named as a candidate for the board.")
    assert claim.cue.span.text == "asked"


@pytest.mark.parametrize(
    ("text", "speaker", "via"),
    [
        (
            "The pumps failed twice, according to a report by the port authority.",
            "port authority",
            [],
        ),
        ("The pumps failed, according to figures released by the ministry.", "ministry", []),
        (
            "The pumps failed, according to documents obtained by the Ledger.",
            "documents",
            ["Ledger"],
        ),
        (
            "The pumps failed, according to a report by the port authority seen by the Ledger.",
            "port authority",
            ["Ledger"],
        ),
    ],
)
def test_according_to_a_document_names_its_author_and_whoever_relayed_it(
    text: str, speaker: str, via: list[str]
) -> None:
    (claim,) = extract_claims(text)
    assert claim.speaker.name == speaker
    assert [agent.name for agent in claim.via] == via
    # the written source is the whole phrase, as the article gives it
    assert claim.source is not None and claim.source.text.startswith(
        ("a report", "figures", "documents")
    )


def test_a_claim_noun_before_a_subject_is_not_the_speaker() -> None:
    text = "Two engineers told the Ledger the pumps had failed, a claim the port authority denies."
    sources = [claim.source.text for claim in _acts(text) if claim.source is not None]
    assert "Two engineers" in sources
    assert not any(source.startswith("a claim") for source in sources)


@pytest.mark.parametrize(
    "text",
    ["The report says nothing about the pumps.", "Reyes said little about the pumps in his book."],
)
def test_saying_nothing_or_little_is_no_claim(text: str) -> None:
    assert _acts(text) == []


def test_nothing_or_little_opening_a_clause_is_a_claim() -> None:
    (claim,) = extract_claims("Reyes said nothing would change.")
    assert _texts(claim) == ["nothing would change"]


def test_a_person_noun_with_an_infinitive_is_a_subject() -> None:
    (claim,) = extract_claims("The last mayor to lose a recall vote says the ferry will stay.")
    assert claim.source is not None and claim.source.text == "The last mayor to lose a recall vote"


def test_an_inverted_source_holds_no_finite_verb() -> None:
    text = (
        "The judges who ruled that Dover could not close the port, for instance, "
        "said the problem was the tender."
    )
    assert not any(
        claim.source is not None and claim.source.text.startswith("the problem")
        for claim in extract_claims(text)
    )
    (claim,) = extract_claims("“We stay,” said Lund, who has run the port since 2019.")
    assert claim.speaker.name == "Lund"


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "Islanders trying to save the ferry say they have a new weapon.",
            "Islanders trying to save the ferry",
        ),
        ("Voters living near the quay say the ferry is late.", "Voters living near the quay"),
    ],
)
def test_a_participle_after_a_plural_of_people_is_part_of_the_subject(
    text: str, source: str
) -> None:
    (claim,) = extract_claims(text)
    assert claim.source is not None and claim.source.text == source


@pytest.mark.parametrize(
    ("text", "source", "speaker"),
    [
        (
            "The timing does not surprise Harbor pollster Ida Lund: “Late surges are common.”",
            "Harbor pollster Ida Lund",
            "Ida Lund",
        ),
        ("Turnout matters - Ida Lund: “The islands vote late.”", "Ida Lund", "Ida Lund"),
        (
            "Rep. Tom Reyes (R-Harbor):“I have not heard that figure.”",
            "Rep. Tom Reyes (R-Harbor)",
            "Tom Reyes",
        ),
        (
            "The audit was blunt. More from the report: “The gates were never tested.”",
            "the report",
            "report",
        ),
    ],
)
def test_a_name_before_a_colon_speaks_the_quotation_that_ends_the_sentence(
    text: str, source: str, speaker: str
) -> None:
    (claim,) = extract_claims(text)
    assert claim.source is not None and claim.source.text == source
    assert claim.speaker.name == speaker
    assert claim.cue.span.text == ":" and claim.kind == "direct"


@pytest.mark.parametrize(
    "text",
    [
        "The plan has one aim: “Keep the ferry running.”",
        "Lund sent a blunt message to Mayor Ortiz: “Stop cutting the ferry.”",
        "The crowd chanted in Harbor City: “Save the ferry.”",
        "Lund: “We stay.” is the slogan on every poster.",
    ],
)
def test_a_colon_after_an_audience_a_place_or_no_name_gives_no_speaker(text: str) -> None:
    assert [c.speaker.name for c in extract_claims(text)] == []


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("Asked if the ferry plan was legal, 46 percent of islanders said yes.", "yes"),
        ("The board said yes, and work began on Monday.", "yes"),
        ("Pressed again, the harbor master said no.", "no"),
        ("Lund said, yes, the ferry would run.", "yes, the ferry would run"),
        ("Lund said no one had asked.", "no one had asked"),
    ],
)
def test_said_yes_or_no_is_a_whole_answer(text: str, content: str) -> None:
    (claim,) = extract_claims(text)
    assert _texts(claim) == [content]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "A report published Wednesday said the port had hidden the costs.",
            "A report published Wednesday",
        ),
        ("New polls released Sunday showed Ortiz in the lead.", "New polls released Sunday"),
        ("Documents obtained Tuesday show the port knew.", "Documents obtained Tuesday"),
    ],
)
def test_a_document_with_its_date_speaks(text: str, source: str) -> None:
    (claim,) = _acts(text)
    assert claim.source is not None and claim.source.text == source


def test_a_quotation_with_no_closing_comma_before_its_speaker_is_still_content() -> None:
    (claim,) = extract_claims("“The vote is a battle of niches” Lund said.")
    assert _texts(claim) == ["The vote is a battle of niches"]
    assert claim.kind == "direct" and claim.speaker.name == "Lund"


def test_a_title_in_quotation_marks_before_a_name_is_no_content() -> None:
    (claim,) = _acts("“Harbor Nights” host Ida Lund on Thursday showed that the ferry was late.")
    assert _texts(claim) == ["the ferry was late"]


@pytest.mark.parametrize(
    ("text", "source", "speaker"),
    [
        (
            "Lund, the author of “Tides,” a book about the harbor, said fares would rise.",
            "Lund, the author of “Tides,” a book about the harbor",
            "Lund",
        ),
        (
            "Ortiz, who calls Reyes a “menace,” said fares would rise.",
            "Ortiz, who calls Reyes a “menace,”",
            "Ortiz",
        ),
        (
            "Ferries are “the lifeblood” and “keep us alive,” Ida Lund, the former mayor, said.",
            "Ida Lund, the former mayor",
            "Ida Lund",
        ),
    ],
)
def test_a_short_quotation_inside_an_appositive_belongs_to_the_mention(
    text: str, source: str, speaker: str
) -> None:
    said = [c for c in extract_claims(text) if c.cue and c.cue.lemma == "say"]
    assert [(c.source.text if c.source else None, c.speaker.name) for c in said] == [
        (source, speaker)
    ]


@pytest.mark.parametrize(
    ("text", "source", "speaker"),
    [
        (
            "An official who asked not to be named said the deal was close.",
            "An official who asked not to be named",
            "An official",
        ),
        (
            "A port official who spoke on condition of anonymity said the deal was close.",
            "A port official who spoke on condition of anonymity",
            "A port official",
        ),
        (
            "One islander who did not want to be named said the deal was close.",
            "One islander who did not want to be named",
            "islander",
        ),
    ],
)
def test_a_restrictive_relative_before_the_cue_belongs_to_the_mention(
    text: str, source: str, speaker: str
) -> None:
    (claim,) = extract_claims(text)
    assert claim.source is not None and claim.source.text == source
    assert claim.speaker.name == speaker and claim.speaker.anonymous
    assert _texts(claim) == ["the deal was close"]


def test_a_relative_after_a_verb_and_a_coordinated_cue_is_no_subject() -> None:
    (claim,) = extract_claims("She met an official who was not named and said the deal was close.")
    assert claim.source is not None and claim.source.text == "She"


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "Officials involved in the talks said the deal was close.",
            "Officials involved in the talks",
        ),
        ("People briefed on the move said the deal was close.", "People briefed on the move"),
        ("A pollster based in Dover said the deal was close.", "A pollster based in Dover"),
    ],
)
def test_people_with_a_modifying_participle_speak(text: str, source: str) -> None:
    (claim,) = extract_claims(text)
    assert claim.source is not None and claim.source.text == source


@pytest.mark.parametrize("dash", ["--", "-", "—"])
def test_an_aside_in_dashes_of_any_kind_belongs_to_the_mention(dash: str) -> None:
    text = f"Ida Lund {dash} the port's pilot {dash} told the Ledger the gates failed."
    (claim,) = extract_claims(text)
    assert claim.source is not None and claim.source.text == f"Ida Lund {dash} the port's pilot"
    assert claim.speaker.name == "Ida Lund" and _texts(claim) == ["the gates failed"]


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        (
            "Reyes apologized after saying that the islanders were lazy.",
            "Reyes",
            "the islanders were lazy",
        ),
        (
            "The mayor was criticized for saying the ferry would run.",
            "The mayor",
            "the ferry would run",
        ),
        ("Lund spoke for an hour while arguing that fares must fall.", "Lund", "fares must fall"),
    ],
)
def test_a_speech_participle_after_a_preposition_is_the_subjects_claim(
    text: str, source: str, content: str
) -> None:
    (claim,) = extract_claims(text)
    assert claim.source is not None and claim.source.text == source
    assert _texts(claim) == [content]


def test_for_saying_after_an_object_is_not_the_subjects_claim() -> None:
    text = "The chairman scolded Reyes for suggesting that the islanders were lazy."
    assert [c.source.text for c in extract_claims(text) if c.source] == []


@pytest.mark.parametrize(
    "text",
    [
        "Ana M. Berg said the fares were too high.",
        "“The fares are too high.” ― Ana M. Berg",
        "The fares are too high, Ana M. Berg told the Ledger.",
    ],
)
def test_a_middle_initial_keeps_its_full_stop_in_the_agents_name(text: str) -> None:
    (claim,) = extract_claims(text)
    assert claim.speaker.name == "Ana M. Berg"


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("U.S. Sen. Tom Reyes said the port would close.", "U.S. Sen."),
        ("Lt. Gov. Ida Lund told reporters that the ferry would run.", "Lt. Gov."),
        ("“The water is clean,” said Dr. Ana M. Berg.", "Dr."),
    ],
)
def test_a_title_keeps_its_full_stop_in_the_agents_role(text: str, role: str) -> None:
    (claim,) = extract_claims(text)
    assert claim.speaker.role == role


@pytest.mark.parametrize(
    ("label", "name", "role"),
    [
        ("MAYOR ANA M. BERG", "ANA M. BERG", "MAYOR"),
        ("SEN. TOM REYES", "TOM REYES", "SEN."),
        # a label in mixed case speaks when the article names its speaker elsewhere
        ("Lt. Gov. Ida Lund", "Ida Lund", "Lt. Gov."),
    ],
)
def test_a_transcript_label_may_hold_titles_and_initials(label: str, name: str, role: str) -> None:
    text = (
        "Harbor council hears ferry plan\n\n"
        f"The council met on Friday with {label}. A transcript of the exchange follows.\n\n"
        "Q: Will the ferry run this winter?\n\n"
        f"{label}: The ferry will run all winter.\n"
    )
    (claim,) = extract_claims(text)
    assert (claim.speaker.name, claim.speaker.role) == (name, role)
    assert claim.content[0].text == "The ferry will run all winter."


@pytest.mark.parametrize(
    ("text", "kind", "affiliation"),
    [
        ("Lawyers for Reyes said he was innocent.", "group", "Reyes"),
        ("An adviser to Lund told reporters the vote was close.", "anonymous", "Lund"),
        ("Aides to Mayor Ortiz said on Friday that the budget was final.", "group", "Mayor Ortiz"),
        ("A spokesman for Harbor Marine said the cranes were safe.", "anonymous", "Harbor Marine"),
        ("The mayor of Harbor City said the port would open.", "anonymous", "Harbor City"),
        ("A member of the Harbor Council said the vote was close.", "anonymous", "Harbor Council"),
    ],
)
def test_people_who_speak_for_a_name_are_not_that_name(
    text: str, kind: str, affiliation: str
) -> None:
    (claim,) = extract_claims(text)
    assert claim.speaker.name == claim.source.text  # as written, not the name served
    assert (claim.speaker.kind, claim.speaker.affiliation) == (kind, affiliation)


def test_an_office_before_a_name_keeps_the_name_as_speaker() -> None:
    (claim,) = extract_claims("Secretary of State Ada Lund said the talks would go on.")
    assert (claim.speaker.name, claim.speaker.role) == ("Ada Lund", "Secretary of State")


@pytest.mark.parametrize(
    ("text", "name", "affiliation"),
    [
        ("Sen. Tom Reyes of Harbor said the port would close.", "Tom Reyes", "Harbor"),
        (
            "Ida Lund of Quill Marine told reporters the cranes were safe.",
            "Ida Lund",
            "Quill Marine",
        ),
        (
            "A spokesman for Mayor Tom Reyes of Harbor said the port would close.",
            "A spokesman for Mayor Tom Reyes of Harbor",
            "Mayor Tom Reyes of Harbor",
        ),
    ],
)
def test_a_name_then_of_a_place_is_the_person_from_there(
    text: str, name: str, affiliation: str
) -> None:
    (claim,) = extract_claims(text)
    assert (claim.speaker.name, claim.speaker.affiliation) == (name, affiliation)


@pytest.mark.parametrize(
    "text",
    [
        "The Department of Harbor Affairs said the quay was closed.",
        "Bank of Harbor said rates would rise.",
    ],
)
def test_a_body_named_with_of_is_no_person(text: str) -> None:
    (claim,) = extract_claims(text)
    assert claim.speaker.kind != "person"


def test_a_share_before_of_is_no_name() -> None:
    (claim,) = extract_claims("Half of Harbor Democrats said the race was close.")
    assert claim.speaker.name != "Half"
