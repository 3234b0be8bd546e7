"""Constructions that news copy uses around a claim, on fictional sentences: one test per
construction, and one per thing that looks like a claim but is not."""

from __future__ import annotations

import pytest

from sourcetrace._models import Claim, Document
from sourcetrace.extract import RuleBasedExtractor, extract_claims


def _texts(claim: Claim) -> list[str]:
    return [piece.text for piece in claim.content]


def _all(text: str, *, beliefs: bool = False, acts: bool = False) -> list[Claim]:
    document = Document(id="t", text=text, kind="article")
    return RuleBasedExtractor(beliefs=beliefs, acts=acts).extract(document).claims


def test_follow_on_quotation_continues_the_quoted_claim() -> None:
    text = (
        "“The pumps are ready,” said Ines Varga, adding that the crews had trained for a "
        "month. “We will not be caught out again.”"
    )
    claims = extract_claims(text)
    assert [c.cue.span.text for c in claims if c.cue] == ["said", "adding"]
    quoted = claims[0]
    assert _texts(quoted) == ["The pumps are ready", "We will not be caught out again."]
    assert _texts(claims[1]) == ["the crews had trained for a month"]


def test_plural_nouns_that_look_like_cues_are_not_claims() -> None:
    text = (
        "Turnout rose in 40 states where early voting opened. "
        "The Harbor attacks and the floods dominated the council session."
    )
    assert _all(text, beliefs=True, acts=True) == []


def test_ambiguous_forms_still_read_as_verbs() -> None:
    claims = extract_claims(
        "The filing states that the pumps failed twice. "
        "“We saw it coming,” Varga notes. "
        "“The levee held,” claims Ortiz."
    )
    assert [
        (c.source.text if c.source else None, c.cue.span.text if c.cue else None) for c in claims
    ] == [
        ("The filing", "states"),
        ("Varga", "notes"),
        ("Ortiz", "claims"),
    ]


def test_coordinated_cue_after_an_opening_phrase() -> None:
    claim = extract_claims(
        "After the council vote, Mayor Lena Ortiz thanked the crews and said the pumps "
        "would run all winter."
    )
    assert len(claim) == 1
    assert claim[0].source is not None and claim[0].source.text == "Mayor Lena Ortiz"
    assert _texts(claim[0]) == ["the pumps would run all winter"]


def test_act_content_is_its_object() -> None:
    claims = _all(
        "The union endorsed Lena Ortiz on Friday after a long debate.", beliefs=True, acts=True
    )
    assert len(claims) == 1
    assert _texts(claims[0]) == ["Lena Ortiz"]


def test_act_object_stops_before_a_second_verb() -> None:
    claims = _all("The council backed the plan and thanked the crews.", acts=True)
    assert len(claims) == 1
    assert _texts(claims[0]) == ["the plan"]


def test_cue_after_but_is_a_claim_of_the_same_speaker() -> None:
    claims = extract_claims(
        "Varga said the levee had held but added that the pumps needed new seals."
    )
    assert [_texts(c) for c in claims] == [
        ["the levee had held"],
        ["the pumps needed new seals"],
    ]
    assert claims[1].speaker is not None and claims[1].speaker.name == "Varga"


def test_subjects_that_count_people() -> None:
    claims = extract_claims(
        "Most of the residents said the water had come in overnight. "
        "Three-quarters say they will stay. "
        "Islanders say the ferry is late every week."
    )
    assert [c.source.text if c.source else None for c in claims] == [
        "Most of the residents",
        "Three-quarters",
        "Islanders",
    ]


def test_determiner_before_a_bare_form_is_no_subject() -> None:
    assert extract_claims("In most state parties the delegates vote twice.") == []
    assert extract_claims("The Harbor Ledger's report came out on Friday.") == []


def test_the_articles_own_outlet_from_its_byline_is_no_intermediary() -> None:
    body = "A pump engineer told The Harbor Ledger that two gates had jammed in trials."
    bylined = extract_claims("Gates jam in trials\n\nBy Marta Quill, The Harbor Ledger\n\n" + body)
    assert len(bylined) == 1 and bylined[0].via == []
    other = extract_claims("Gates jam in trials\n\nBy Marta Quill, The Coast Courier\n\n" + body)
    assert [agent.name for agent in other[0].via] == ["Harbor Ledger"]


def test_description_then_name_before_the_cue() -> None:
    claim = extract_claims(
        "One of the ferry's engineers, Ivo Brandt, told reporters that the hull was sound."
    )
    assert len(claim) == 1
    assert claim[0].source is not None
    assert claim[0].source.text == "One of the ferry's engineers, Ivo Brandt"
    assert claim[0].speaker is not None and claim[0].speaker.name == "Ivo Brandt"


def test_participle_after_a_clause_takes_the_name_that_opens_it() -> None:
    claims = _all(
        'Ortiz toured the site, calling the delays "a disgrace for the city," and walked out.',
        acts=True,
    )
    assert len(claims) == 1
    assert claims[0].source is not None and claims[0].source.text == "Ortiz"
    assert _texts(claims[0]) == ['the delays "a disgrace for the city,"']


def test_participle_after_a_quotation_that_holds_the_comma() -> None:
    claims = extract_claims(
        'Varga said the old contract was "a scandal," noting that the firm was paid twice.'
    )
    assert [(c.cue.span.text if c.cue else None, _texts(c)) for c in claims] == [
        ("said", ['the old contract was "a scandal,"']),
        ("noting", ["the firm was paid twice"]),
    ]


def test_new_frame_after_a_quotation_that_holds_the_comma() -> None:
    claims = extract_claims('Ortiz said the pumps "will not hold," the Ledger reported.')
    assert {c.cue.span.text: _texts(c) for c in claims if c.cue} == {
        "reported": ['Ortiz said the pumps "will not hold,"'],
        "said": ['the pumps "will not hold,"'],
    }


def test_the_question_asked_is_not_part_of_the_answer() -> None:
    claim = extract_claims('Ortiz said "we will see" when asked whether she would run again.')
    assert len(claim) == 1
    assert _texts(claim[0]) == ["we will see"]


def test_cue_verbs_in_another_sense_are_no_cue() -> None:
    text = (
        "Ortiz continues to lead the count in the harbor wards. "
        "About forty residents showed up at the pumping station."
    )
    assert _all(text, beliefs=True, acts=True) == []


def test_contact_lines_are_no_label() -> None:
    assert extract_claims("EMAIL: desk@harborledger.example") == []


def test_plural_and_counted_subjects_of_a_bare_form() -> None:
    claims = extract_claims(
        "Harbor conservatives say the levy is too high. "
        "Six in 10 say the ferry should run at night. "
        "People familiar with the planning say the vote will slip. "
        "A person familiar with the planning says the budget is short."
    )
    assert [c.source.text if c.source else None for c in claims] == [
        "Harbor conservatives",
        "Six in 10",
        "People familiar with the planning",
        "A person familiar with the planning",
    ]


def test_content_ends_before_but_after_a_quotation_holding_the_comma() -> None:
    claim = extract_claims('Reyes said the gates were "sound and tested," but he left early.')
    assert len(claim) == 1
    assert _texts(claim[0]) == ['the gates were "sound and tested,"']


def test_time_between_subject_and_cue() -> None:
    claim = extract_claims("Council member Ida Lund last week said the ferry would stay.")
    assert len(claim) == 1
    assert claim[0].source is not None and claim[0].source.text == "Council member Ida Lund"


def test_coordinated_cue_after_a_name_with_its_party() -> None:
    claim = extract_claims(
        "In a statement, State Sen. Ida Lund (D) thanked the crews and said the levee held."
    )
    assert len(claim) == 1
    assert claim[0].source is not None and claim[0].source.text == "State Sen. Ida Lund (D)"


def test_participle_keeps_its_particle_in_the_cue() -> None:
    claims = extract_claims('"We are done," Varga said, pointing out that the pumps work.')
    assert [(c.cue.span.text, c.cue.lemma, _texts(c)) for c in claims if c.cue] == [
        ("said", "say", ["We are done"]),
        ("pointing out", "point out", ["the pumps work"]),
    ]


def test_interrupted_quotation_with_the_topic_after_the_cue() -> None:
    claim = extract_claims('"We are done," Varga said of the council, "and we will not come back."')
    assert len(claim) == 1
    assert _texts(claim[0]) == ["We are done", "and we will not come back."]


def test_documents_and_data_as_subjects_of_findings() -> None:
    claims = _all(
        "Data show that the ferry ran late on most days. "
        "An average of recent harbor polls shows Ortiz ahead by nine points.",
        beliefs=True,
    )
    assert [c.source.text if c.source else None for c in claims] == [
        "Data",
        "An average of recent harbor polls",
    ]


def test_content_ends_after_a_naming_quotation() -> None:
    claims = _all(
        'Ortiz called the contract "a scandal," pointing at the unpaid crews. '
        'In a report that the auditor called "damning," the council lost its case.',
        acts=True,
    )
    assert [_texts(c) for c in claims if c.cue and c.cue.lemma == "call"] == [
        ['the contract "a scandal,"'],
        ["damning"],
    ]


def test_content_ends_at_a_semicolon() -> None:
    claims = extract_claims(
        "The harbor master said the channel was clear again; the ferries sailed at noon."
    )
    assert len(claims) == 1
    assert _texts(claims[0]) == ["the channel was clear again"]


def test_family_words_head_a_subject() -> None:
    claim = extract_claims("The mayor's widow says the bridge should carry his name.")
    assert len(claim) == 1 and claim[0].source is not None
    assert claim[0].source.text == "The mayor's widow"


def test_manner_adverb_between_cue_and_content() -> None:
    claims = extract_claims(
        "The harbor master said flatly: “The channel is closed.” "
        "Reyes added quickly that the gates were fine."
    )
    assert [_texts(c) for c in claims] == [
        ["The channel is closed."],
        ["the gates were fine"],
    ]


def test_according_to_keeps_the_sources_appositive() -> None:
    claims = extract_claims(
        "The race is tight, according to Ida Lund, a pollster at the institute. "
        "According to Tom Reyes, a harbor pilot, the channel is silting up. "
        "According to Ada Brandt, the ferry will run."
    )
    assert [(c.source.text if c.source else None, _texts(c)) for c in claims] == [
        ("Ida Lund, a pollster at the institute", ["The race is tight"]),
        ("Tom Reyes, a harbor pilot", ["the channel is silting up"]),
        ("Ada Brandt", ["the ferry will run"]),
    ]
    assert [c.speaker.name for c in claims if c.speaker] == ["Ida Lund", "Tom Reyes", "Ada Brandt"]


def test_according_to_ends_before_a_plural_subject_with_its_verb() -> None:
    # "officers saw": a subject and its verb open the content, they are no appositive
    claims = extract_claims(
        "According to police, officers saw Lund get out of a car and get back into it, "
        "and they ordered him to drop the flare. "
        "According to Ida Lund, spokeswoman for the port, the quay will close."
    )
    assert [(c.source.text if c.source else None, _texts(c)) for c in claims] == [
        (
            "police",
            [
                "officers saw Lund get out of a car and get back into it, "
                "and they ordered him to drop the flare"
            ],
        ),
        ("Ida Lund, spokeswoman for the port", ["the quay will close"]),
    ]


def test_even_is_not_part_of_the_speaker() -> None:
    claim = extract_claims("Even the harbor master said the channel was too shallow.")
    assert len(claim) == 1 and claim[0].source is not None
    assert claim[0].source.text == "the harbor master"


def test_coordinated_cue_after_an_irregular_verb_and_an_adverb() -> None:
    claims = extract_claims(
        "Mayor Lena Ortiz took off her glasses and said the levee would hold. "
        "The engineer folded her arms, and then said the channel was too shallow."
    )
    assert [c.source.text if c.source else None for c in claims] == [
        "Mayor Lena Ortiz",
        "The engineer",
    ]


def test_description_with_an_article_then_name() -> None:
    claim = extract_claims(
        "On Tuesday, however, the director of the port, Ada Brandt, said that the cranes were idle."
    )
    assert len(claim) == 1 and claim[0].speaker is not None
    assert claim[0].speaker.name == "Ada Brandt"


def test_demonstrative_subject_and_opening_time() -> None:
    claims = extract_claims(
        "“The cranes are idle,” this official told the Ledger. "
        "Last week the harbor engineer said the gates were sound."
    )
    assert [c.source.text if c.source else None for c in claims] == [
        "this official",
        "the harbor engineer",
    ]


def test_coordinated_plural_subject() -> None:
    claim = extract_claims(
        "On the quay, residents and harbor officials said the channel was closed."
    )
    assert len(claim) == 1 and claim[0].source is not None
    assert claim[0].source.text == "residents and harbor officials"


def test_aside_in_dashes_between_subject_and_cue() -> None:
    claim = extract_claims(
        "Ada Brandt — the port's longest-serving pilot — told reporters that the channel "
        "had silted up."
    )
    assert len(claim) == 1 and claim[0].source is not None
    assert claim[0].source.text == "Ada Brandt — the port's longest-serving pilot"
    assert claim[0].speaker is not None and claim[0].speaker.name == "Ada Brandt"


def test_according_to_source_with_a_short_modifier() -> None:
    claims = extract_claims(
        "The ferry talks stalled, according to two people briefed on the plan. "
        "According to a harbor poll in February, the race is tight."
    )
    assert [(c.source.text if c.source else None, _texts(c)) for c in claims] == [
        ("two people briefed on the plan", ["The ferry talks stalled"]),
        ("a harbor poll in February", ["the race is tight"]),
    ]


def test_not_claims_nouns_after_possessives_and_verbs_without_content() -> None:
    text = (
        "Harbor senators with ports in their states that need dredging met on Friday. "
        "The voters of the island finally had their say on the ferry. "
        "The protester yelled and held up a banner."
    )
    assert _all(text, beliefs=True, acts=True) == []


def test_participles_used_as_adjectives_are_no_cue() -> None:
    text = (
        "There are 40 pledged seats on the harbor board. "
        "The crews formed a group known as the Night Watch."
    )
    assert _all(text, beliefs=True, acts=True) == []
    claim = _all("Ortiz has written that the levy is too high.", beliefs=True, acts=True)
    assert [c.cue.span.text for c in claim if c.cue] == ["written"]


def test_talking_about_a_topic_is_an_act() -> None:
    text = "Ortiz talked about the ferry at a rally on Friday. The union endorsed Varga."
    claims = _all(text, acts=True)
    assert [(c.cue.span.text if c.cue else None, _texts(c)) for c in claims] == [
        ("talked about", ["the ferry"]),
        ("endorsed", ["Varga"]),
    ]
    assert extract_claims(text) == []  # acts are off by default
    assert _all("She gave a talk about the levee.", acts=True) == []


def test_coordinated_cue_with_a_particle_and_a_plan_as_subject() -> None:
    claims = _all(
        "Ortiz toured the harbor and called for the gates to be replaced. "
        "The council's plan calls for a second pumping station.",
        acts=True,
    )
    assert [(c.source.text if c.source else None, _texts(c)) for c in claims] == [
        ("Ortiz", ["the gates to be replaced"]),
        ("The council's plan", ["a second pumping station"]),
    ]


def test_adverb_between_subject_and_cue() -> None:
    claims = extract_claims(
        "Varga similarly warned that the gates were too old. The family said the levee held."
    )
    # "family" ends in -ly but is no adverb: the family speaks for itself
    assert [(c.source.text if c.source else None, _texts(c)) for c in claims] == [
        ("Varga", ["the gates were too old"]),
        ("The family", ["the levee held"]),
    ]


def test_new_frame_with_a_plural_subject_after_a_comma() -> None:
    claims = extract_claims(
        "While Reyes says the hull is sound, others argue that it needs new engines."
    )
    assert [(c.source.text if c.source else None, _texts(c)) for c in claims] == [
        ("Reyes", ["the hull is sound"]),
        ("others", ["it needs new engines"]),
    ]


def test_long_parenthesis_after_a_name() -> None:
    claim = extract_claims(
        "Sen. Ida Lund (a harbor Democrat who chairs the ferry committee and the budget panel) "
        "says the ferry must run."
    )
    assert len(claim) == 1 and claim[0].speaker is not None
    assert claim[0].speaker.name == "Ida Lund"


def test_forward_content_opening_with_if() -> None:
    claim = extract_claims(
        "Despite the storm damage, Ortiz said if elected she would rebuild the pier."
    )
    assert len(claim) == 1
    assert _texts(claim[0]) == ["if elected she would rebuild the pier"]


def test_inverted_source_described_by_age() -> None:
    claim = extract_claims("“The ferry is my lifeline,” said the 82-year-old.")
    assert len(claim) == 1 and claim[0].source is not None
    assert claim[0].source.text == "the 82-year-old"


def test_percentage_subjects() -> None:
    claims = extract_claims(
        "On the harbor levy, 42% say it is too high. About 30% of residents said it was fair."
    )
    assert [c.source.text if c.source else None for c in claims] == [
        "42%",
        "About 30% of residents",
    ]


def test_relative_clause_with_a_cue_after_an_inverted_source() -> None:
    claims = extract_claims(
        "“The pier is a disaster,” said Varga, who said there were “too many broken "
        "planks to count.”"
    )
    assert [(c.source.text if c.source else None, _texts(c)) for c in claims] == [
        ("Varga", ["The pier is a disaster"]),
        ("who", ["there were “too many broken planks to count.”"]),
    ]


def test_participle_after_by() -> None:
    claim = extract_claims("Ortiz opened the meeting by saying the ferry would run.")
    assert len(claim) == 1 and claim[0].source is not None
    assert (claim[0].source.text, _texts(claim[0])) == ("Ortiz", ["the ferry would run"])


@pytest.mark.parametrize(
    ("text", "source"),
    [
        (
            "Harbor spokesman Piet Berg on Thursday evening said the quay was safe.",
            "Harbor spokesman Piet Berg",
        ),
        ("Two council committees on Monday said the budget was short.", "Two council committees"),
        ("The harbor master at the time said the quay was safe.", "The harbor master"),
        ("Lund and Reyes both said the plan was flawed.", "Lund and Reyes"),
        ("The Sunday Ledger said the plan was flawed.", "The Sunday Ledger"),
        ("The Okafor family said the plan was flawed.", "The Okafor family"),
    ],
)
def test_the_source_mention_ends_before_times_and_adverbs(text: str, source: str) -> None:
    (claim,) = extract_claims(text)
    assert claim.source is not None and claim.source.text == source


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("One in five say the ferry is too slow.", "One in five"),
        ("Nearly nine out of 10 say they need new skills.", "Nearly nine out of 10"),
        ("Two of three residents said the ferry was late.", "Two of three residents"),
        ("Most islanders say the ferry is too slow.", "Most islanders"),
    ],
)
def test_shares_and_counted_groups_speak(text: str, source: str) -> None:
    (claim,) = extract_claims(text)
    assert claim.source is not None and claim.source.text == source
    assert claim.speaker is not None and claim.speaker.anonymous


def test_a_time_after_a_count_is_no_subject() -> None:
    claims = extract_claims("The ferry left at one in the morning, officials said.")
    assert [c.source.text for c in claims if c.source] == ["officials"]


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("Each side said the other was to blame.", "Each side"),
        ("Both sides said talks would resume on Friday.", "Both sides"),
        ("The note says the ferry will be late.", "The note"),
    ],
)
def test_sides_and_notes_speak(text: str, source: str) -> None:
    (claim,) = extract_claims(text)
    assert claim.source is not None and claim.source.text == source
