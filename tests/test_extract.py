"""The rule-based extractor on fictional newsroom sentences, one pattern per test."""

from __future__ import annotations

import re

import pytest

from sourcetrace import ConfigError
from sourcetrace._models import Claim, Document
from sourcetrace.extract import (
    LOADED_CUES,
    NEUTRAL_CUES,
    Extraction,
    Extractor,
    RuleBasedExtractor,
    extract,
    extract_claims,
)


def _one(text: str) -> Claim:
    claims = extract_claims(text)
    assert len(claims) == 1, [c.text for c in claims]
    return claims[0]


def _run(text: str) -> Extraction:
    return extract(Document(id="t", text=text, kind="article"))


def _check_offsets(text: str, claims: list[Claim]) -> None:
    for claim in claims:
        for span in claim.spans():
            assert span.points_into(text)


# --- the interface ----------------------------------------------------------------------
def test_extract_interface_default_and_protocol() -> None:
    assert isinstance(RuleBasedExtractor(), Extractor)
    text = "The mayor said the bridge would reopen in March."
    claims = extract_claims(text)
    assert claims == extract_claims(Document(id=Document.make_id(text), text=text))
    assert claims == extract(Document(id="x", text=text)).claims


def test_extract_other_extractor_plugs_in() -> None:
    class Nothing:
        def extract(self, document: Document) -> Extraction:
            return Extraction(claims=[], agents=[])

    assert isinstance(Nothing(), Extractor)
    assert extract_claims("The mayor said the bridge reopens.", extractor=Nothing()) == []


def test_extract_is_deterministic() -> None:
    text = '"We stay," the minister said. The ministry added that talks go on.'
    assert _run(text) == _run(text)


def test_extract_cue_lists_are_disjoint_and_documented() -> None:
    assert not NEUTRAL_CUES & LOADED_CUES
    assert {"say", "tell", "add", "according to", "report"} <= NEUTRAL_CUES
    assert {"claim", "admit", "insist", "concede", "allege", "deny"} <= LOADED_CUES


# --- direct, indirect, mixed ---------------------------------------------------------------
def test_extract_indirect_with_title_and_time() -> None:
    text = "Mayor Lena Ortiz said on Tuesday that the bridge would reopen in March."
    claim = _one(text)
    assert claim.kind == "indirect" and claim.quotes == []
    assert claim.text == "the bridge would reopen in March"
    assert claim.cue is not None and claim.cue.lemma == "say" and claim.cue.stance == "neutral"
    assert claim.speaker.name == "Lena Ortiz" and claim.speaker.role == "Mayor"
    assert claim.source is not None and claim.source.text == "Mayor Lena Ortiz"
    assert claim.time is not None and claim.time.text == "on Tuesday"
    _check_offsets(text, [claim])


def test_extract_direct_quote_before_its_cue() -> None:
    claim = _one('"We will not raise taxes this year," Ortiz told reporters.')
    assert claim.kind == "direct"
    assert claim.quote == "We will not raise taxes this year"
    assert claim.cue is not None and claim.cue.lemma == "tell"
    assert claim.speaker.name == "Ortiz" and claim.via == []


def test_extract_quote_interrupted_by_its_cue() -> None:
    text = "“Our forces,” he said, “will stay.”"
    claim = _one(text)
    assert claim.kind == "direct"
    assert [q.text for q in claim.quotes] == ["Our forces", "will stay."]
    assert [c.text for c in claim.content] == ["Our forces", "will stay."]
    assert claim.source is not None and claim.source.text == "he"


def test_extract_mixed_quote() -> None:
    text = 'The senator said the budget was "a recipe for ruin" and would fail.'
    claim = _one(text)
    assert claim.kind == "mixed"
    assert claim.quote == "a recipe for ruin"
    assert claim.text == 'the budget was "a recipe for ruin" and would fail'


def test_extract_inverted_order() -> None:
    text = '"The council has done nothing," said Tom Reyes, a local shop owner.'
    claim = _one(text)
    assert claim.kind == "direct" and claim.speaker.name == "Tom Reyes"
    claim = _one("The port will close for repairs, said Harbor Master Jonas Berg.")
    assert claim.kind == "indirect" and claim.text == "The port will close for repairs"
    assert claim.speaker.name == "Jonas Berg" and claim.speaker.role == "Harbor Master"


def test_extract_colon_and_question_answer() -> None:
    text = (
        "We spoke to the architect Ida Lund about the tower.\n"
        "Q: Will it be finished this year?\n"
        "A: Not before the spring, I am afraid.\n"
        "Lund: The steel arrives late."
    )
    found = _run(text)
    assert [c.text for c in found.claims] == [
        "Not before the spring, I am afraid.",
        "The steel arrives late.",
    ]
    assert all(c.kind == "direct" for c in found.claims)
    # "A" is the person the interview introduces; "Lund" is her surname
    lund = found.claims[0].speaker
    assert (lund.name, lund.role) == ("Ida Lund", "architect")
    assert found.claims[1].speaker == lund


# --- reporting frames ----------------------------------------------------------------------
def test_extract_according_to_first_and_last() -> None:
    claim = _one("According to the transport ministry, repairs cost $4 million.")
    assert claim.cue is not None and claim.cue.lemma == "according to"
    assert claim.text == "repairs cost $4 million"
    assert claim.speaker.kind == "organization"
    claim = _one("The repairs will take six weeks, according to a senior engineer.")
    assert claim.text == "The repairs will take six weeks"
    assert claim.speaker.anonymous and claim.speaker.name == "a senior engineer"


def test_extract_as_outlet_reports_and_outlet_reported() -> None:
    found = _run(
        "As the Harbor Gazette reported, the contract was signed in secret. "
        "The Harbor Gazette reports that two bids were rejected."
    )
    first, second = found.claims
    assert first.text == "the contract was signed in secret"
    assert second.text == "two bids were rejected"
    assert first.speaker == second.speaker
    assert first.speaker.kind == "outlet" and first.speaker.name == "Harbor Gazette"
    assert [c.cue.lemma for c in found.claims if c.cue] == ["report", "report"]


def test_extract_quoted_as_saying_puts_the_outlet_in_via() -> None:
    text = (
        'The Harbor Gazette quoted a city inspector as saying that "the cables were never tested."'
    )
    claim = _one(text)
    assert claim.speaker.name == "a city inspector" and claim.speaker.anonymous
    assert [a.name for a in claim.via] == ["Harbor Gazette"]
    assert claim.kind == "mixed"
    assert claim.cue is not None and claim.cue.lemma == "quote"
    assert claim.cue.span.text == "quoted a city inspector as saying"


def test_extract_citing_and_the_paper() -> None:
    found = _run(
        "The Harbor Gazette reported that the vote would be close. "
        "Citing two council members, the paper added that the vote was delayed."
    )
    claim = found.claims[1]
    assert claim.speaker.name == "two council members" and claim.speaker.kind == "group"
    assert claim.speaker.anonymous
    assert [a.name for a in claim.via] == ["Harbor Gazette"]
    assert claim.via[0] == found.claims[0].speaker
    assert "the paper" in {m.text for m in claim.via[0].mentions}


def test_extract_told_outlet_and_interview_with_outlet_are_vias() -> None:
    found = _run(
        "Councilwoman Ada Brandt told the Harbor Gazette that she would vote no. "
        "Brandt told reporters the plan was rushed. "
        "Brandt said in an interview with the Evening Courier that she was tired."
    )
    told, reporters, interview = found.claims
    assert told.speaker.name == "Ada Brandt" and told.speaker.role == "Councilwoman"
    assert [a.name for a in told.via] == ["Harbor Gazette"]
    assert reporters.text == "the plan was rushed" and reporters.via == []
    assert interview.text == "she was tired"
    assert [a.name for a in interview.via] == ["Evening Courier"]
    assert told.speaker == reporters.speaker == interview.speaker


def test_extract_in_a_statement_and_loaded_cues() -> None:
    found = _run(
        "In a statement, the transport ministry denied that any cables were faulty. "
        "The ministry insisted the cables were safe. The ministry admitted that repairs were late."
    )
    assert [c.cue.lemma for c in found.claims if c.cue] == ["deny", "insist", "admit"]
    assert all(c.cue is not None and c.cue.stance == "loaded" for c in found.claims)
    assert found.claims[0].text == "any cables were faulty"
    assert len({c.speaker.id for c in found.claims}) == 1


# --- resolution ---------------------------------------------------------------------------
def test_extract_pronoun_surname_and_description_resolve() -> None:
    text = (
        "Fire Chief Rosa Quint said the blaze was under control. "
        '"We were lucky," she said. Quint added that two homes burned. '
        "A police spokesman said the road was closed. The spokesman said it would reopen."
    )
    found = _run(text)
    speakers = [c.speaker.id for c in found.claims]
    assert speakers[:3] == [speakers[0]] * 3
    assert speakers[3] == speakers[4] != speakers[0]
    chief = found.claims[0].speaker
    assert (chief.name, chief.role) == ("Rosa Quint", "Fire Chief")
    assert [m.text for m in chief.mentions] == ["Fire Chief Rosa Quint", "she", "Quint"]
    spokesman = found.claims[3].speaker
    assert spokesman.anonymous and spokesman.kind == "anonymous"
    assert [a.id for a in found.agents] == ["a1", "a2"]


def test_extract_anonymous_sources() -> None:
    found = _run(
        "An unnamed source said the deal was close. "
        "Current and former officials said the deal was dead. "
        "A senior official familiar with the talks said a deal was possible."
    )
    kinds = [(c.speaker.kind, c.speaker.anonymous) for c in found.claims]
    assert kinds == [("anonymous", True), ("group", True), ("anonymous", True)]
    assert found.claims[2].speaker.name == "A senior official familiar with the talks"


def test_extract_follow_up_inherits_via() -> None:
    found = _run(
        "The Evening Courier quoted a port official as saying the cranes were old.\n"
        '"Some date from the 1970s," the official added.\n'
        "The official added that new cranes were ordered."
    )
    assert len(found.claims) == 3
    assert len({c.speaker.id for c in found.claims}) == 1
    assert all([a.name for a in c.via] == ["Evening Courier"] for c in found.claims)


# --- quotations over several sentences and paragraphs ---------------------------------------
def test_extract_quote_continued_over_paragraphs() -> None:
    text = (
        '"The cranes are old," Berg said. "Some were built in the 1970s.\n'
        '"We have asked for new ones for a decade.\n'
        '"Now we have no choice."\n'
        "The harbour opened in 1901."
    )
    claim = _one(text)
    assert [q.text for q in claim.quotes] == [
        "The cranes are old",
        "Some were built in the 1970s.",
        "We have asked for new ones for a decade.",
        "Now we have no choice.",
    ]
    assert claim.sentence.text.endswith('"Now we have no choice."')
    _check_offsets(text, [claim])


# --- not claims -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        'The latest round of "harbour talks" opened today.',  # scare quotes
        "Her novel “The Quiet Harbor” sold well last year.",  # a title
        "The tide was high on Monday, and the port closed early.",  # unattributed
        "The United States’ stated goals are unclear.",  # "States" is no cue
        "The reports were never published.",  # a noun, not a cue
        "She declined to say whether the port would close.",
    ],
)
def test_extract_not_claims(text: str) -> None:
    assert extract_claims(text) == []


def test_extract_scare_quote_inside_reported_speech_is_not_a_quote() -> None:
    claim = _one('The ministry said "combat" troops would leave by June.')
    assert claim.kind == "indirect" and claim.quotes == []


# --- quote styles ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ('"We stay," the minister said.', "We stay"),
        ("“We stay,” the minister said.", "We stay"),
        ("«We stay», the minister said.", "We stay"),
        ("„We stay“, the minister said.", "We stay"),
    ],
)
def test_extract_quote_styles(text: str, quote: str) -> None:
    claim = _one(text)
    assert claim.kind == "direct" and claim.quote == quote
    assert claim.speaker.name == "the minister"


def test_extract_unbalanced_quote_recovers_at_paragraph_end() -> None:
    text = (
        "“The bridge is safe, the engineer said without a closing mark.\n"
        "The mayor said the bridge would reopen.\n"
        "“It will,” the engineer said."
    )
    found = _run(text)
    assert [c.text for c in found.claims] == ["the bridge would reopen", "It will"]


# --- wire-copy conventions ------------------------------------------------------------------
def test_extract_doubled_apostrophe_quotes() -> None:
    claim = _one("''We will rebuild the pier,'' said Nils Berg, the harbour master.")
    assert claim.kind == "direct" and claim.quote == "We will rebuild the pier"
    assert claim.speaker.name == "Nils Berg"
    # the appositive belongs to the mention as written, not to the name
    assert claim.source is not None and claim.source.text == "Nils Berg, the harbour master"


def test_extract_question_quote_keeps_its_speaker() -> None:
    found = _run("“Why would we wait?” Ortiz asked. “We waited.” Reyes said.")
    assert [(c.quote, c.speaker.name) for c in found.claims] == [
        ("Why would we wait?", "Ortiz"),
        ("We waited.", "Reyes"),
    ]


def test_extract_mixed_marks_close_a_quotation() -> None:
    claim = _one('“The deal is dead," Senator Ada Moss (D-Ore.) said in a statement.')
    assert claim.quote == "The deal is dead"
    assert claim.speaker.name == "Ada Moss"
    assert claim.source is not None and claim.source.text == "Senator Ada Moss (D-Ore.)"


def test_extract_appositive_between_subject_and_cue() -> None:
    claim = _one("Kofi Lund, a port engineer who retired in May, said the cranes were unsafe.")
    assert claim.speaker.name == "Kofi Lund"
    assert claim.source is not None
    assert claim.source.text == "Kofi Lund, a port engineer who retired in May"


def test_extract_relative_who_and_participles() -> None:
    found = _run(
        "Reyes, who said he had never seen the report, said the audit was late, "
        "adding that the ministry would publish it in May."
    )
    texts = [c.text for c in found.claims]
    assert texts == [
        "he had never seen the report",
        "the audit was late",
        "the ministry would publish it in May",
    ]
    assert found.claims[0].source is not None and found.claims[0].source.text == "who"
    assert len({c.speaker.id for c in found.claims}) == 1
    assert found.claims[2].cue is not None and found.claims[2].cue.lemma == "add"


def test_extract_coordinated_cues() -> None:
    found = _run("Ortiz says the pumps failed and says she asked for new ones in 2024.")
    assert [c.text for c in found.claims] == [
        "the pumps failed",
        "she asked for new ones in 2024",
    ]


def test_extract_signed_quotation() -> None:
    claim = _one("“The barrier will hold this winter.” ― Marta Quill")
    assert claim.kind == "direct" and claim.speaker.name == "Marta Quill"


def test_extract_signed_quotations_in_a_row() -> None:
    text = (
        "“We want the ferry back.” ― Ida Lund “The fares are too high.” ― Tom Reyes "
        "“Nobody asked us”. ― Ana Berg\n\n“We stay.” — and the crowd cheered."
    )
    assert [(c.speaker.name, c.text) for c in extract_claims(text)] == [
        ("Ida Lund", "We want the ferry back."),
        ("Tom Reyes", "The fares are too high."),
        ("Ana Berg", "Nobody asked us"),
    ]


def test_extract_frame_in_the_middle() -> None:
    claim = _one("The goal, the minister said, is a barrier that holds for a century.")
    assert [c.text for c in claim.content] == ["The goal", "is a barrier that holds for a century"]


def test_extract_narration_after_the_frame_is_not_content() -> None:
    claim = _one("The pumps are too old, residents said on Friday, as the water rose again.")
    assert claim.text == "The pumps are too old"
    assert claim.time is not None and claim.time.text == "on Friday"


def test_extract_names_met_before_speaking_give_full_names() -> None:
    found = _run(
        "Harbour spokeswoman Dana Okafor defended the plan on Monday. Deputy Minister "
        "Tomas Reyes stayed silent. Okafor said the gates were tested. "
        "“We checked every one,” she said. “It will hold,” he said."
    )
    okafor, she, he = found.claims
    assert okafor.speaker.name == "Dana Okafor"
    assert okafor.speaker.role == "Harbour spokeswoman"
    assert she.speaker == okafor.speaker  # "she": the latest woman named
    assert he.speaker.name == "Tomas Reyes"  # "he" skips her and finds him


def test_extract_headline_labels_and_passives_are_not_claims() -> None:
    text = (
        "Stealth Over Harbour: Pumps Were Never Ordered\n"
        "Correction: An earlier version misspelled a name.\n"
        "The barrier was first promised in 2023 by the ministry.\n"
    )
    assert extract_claims(text) == []


def test_extract_beliefs_and_acts_are_opt_in() -> None:
    text = "The mayor thinks the pumps will fail. The union called for a full inquiry."
    assert extract_claims(text) == []
    broad = RuleBasedExtractor(beliefs=True, acts=True)
    found = extract_claims(text, extractor=broad)
    assert [(c.cue.lemma if c.cue else None, c.text) for c in found] == [
        ("think", "the pumps will fail"),
        ("call", "a full inquiry"),
    ]
    assert found[1].cue is not None and found[1].cue.span.text == "called for"


def test_extract_reads_only_the_belief_and_act_lemmas_it_is_given() -> None:
    text = (
        "The mayor thinks the pumps will fail. Lund wants the pumps replaced. "
        "The union called for a full inquiry. Reyes criticized the plan."
    )
    chosen = RuleBasedExtractor(beliefs={"think"}, acts=["criticize"])
    assert [c.cue.lemma for c in extract_claims(text, extractor=chosen) if c.cue] == [
        "think",
        "criticize",
    ]
    everything = RuleBasedExtractor(beliefs=True, acts=True)
    assert [c.cue.lemma for c in extract_claims(text, extractor=everything) if c.cue] == [
        "think",
        "want",
        "call",
        "criticize",
    ]
    assert chosen.beliefs == frozenset({"think"})
    assert repr(chosen) == "RuleBasedExtractor(beliefs=['think'], acts=['criticize'])"
    assert repr(everything) == "RuleBasedExtractor(beliefs=True, acts=True)"
    assert repr(RuleBasedExtractor()) == "RuleBasedExtractor(beliefs=False, acts=False)"


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"beliefs": {"think", "shout"}}, "['shout']"),
        ({"acts": {"say"}}, "['say']"),
        ({"beliefs": "think"}, "not the string 'think'"),
    ],
)
def test_extract_refuses_lemmas_of_another_kind(settings: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)):
        RuleBasedExtractor(**settings)  # type: ignore[arg-type]


def test_extract_interrupted_quote_with_time_in_the_frame() -> None:
    text = "“Our crews,” Mayor Lena Ortiz said on Tuesday, “will work through the winter.”"
    claim = _one(text)
    assert [q.text for q in claim.quotes] == ["Our crews", "will work through the winter."]
    assert claim.time is not None and claim.time.text == "on Tuesday"


def test_extract_counted_and_plural_subjects_with_bare_cue() -> None:
    # "percent" heads "52 percent of voters"; "Companies" is the plural of a body
    text = (
        "In the survey, 52 percent of voters say the rent rose twice this year.\n\n"
        "Companies say the new meters will be installed by June.\n\n"
        "Forty percent said the ferry should run at night."
    )
    claims = extract_claims(text)
    assert [(c.source.text if c.source else None, c.text) for c in claims] == [
        ("52 percent of voters", "the rent rose twice this year"),
        ("Companies", "the new meters will be installed by June"),
        ("Forty percent", "the ferry should run at night"),
    ]


def test_extract_headline_label_needs_the_name_again() -> None:
    named = (
        "Ada Brandt: The Dykes Will Hold This Winter\n\n"
        "Harbor commissioner Ada Brandt spoke at the launch of the new pumping station."
    )
    claim = _one(named)
    assert claim.source is not None and claim.source.text == "Ada Brandt"
    assert claim.text == "The Dykes Will Hold This Winter"
    # the same headline with no word of its label later on names no one
    assert extract_claims("Stealth Over Health: Why Clinics Close\n\nThe clinics closed.") == []


def test_extract_participle_after_a_verb_that_is_no_cue() -> None:
    # the main verb ("toured", "echoed") frames nothing: the participle's speaker is the
    # name or pronoun that opens the sentence, not a possessive
    text = (
        "Mayor Lena Ortiz toured the dykes on Monday, saying the pumps had held.\n\n"
        "She echoed that promise later, saying no family would be moved.\n\n"
        "Ortiz's deputy visited the pumps, saying they looked old."
    )
    claims = extract_claims(text)
    assert [(c.source.text if c.source else None, c.text) for c in claims] == [
        ("Mayor Lena Ortiz", "the pumps had held"),
        ("She", "no family would be moved"),
    ]
    assert claims[1].speaker is claims[0].speaker


def test_extract_according_to_a_document_with_a_noun_cue_word() -> None:
    # "report" and "state" are cue words, but here nouns inside the source's phrase; the
    # dateline is the article's, not the report's
    text = (
        "HARBOUR CITY (Meridian Press) - The dykes leaked twice in 2024, according to "
        "a council report on Wednesday.\n\n"
        "Ferry fares rose by a third, according to the state Transport Office.\n\n"
        "The barrier held, according to the results."
    )
    claims = extract_claims(text)
    assert [(c.source.text if c.source else None, c.text) for c in claims] == [
        ("a council report", "The dykes leaked twice in 2024"),
        ("the state Transport Office", "Ferry fares rose by a third"),
        ("the results", "The barrier held"),
    ]


def test_extract_coordinated_cue_takes_the_sentence_subject() -> None:
    text = (
        "Councilwoman Ida Lund toured the pumping station and said on Friday that the "
        "gates would be replaced.\n\n"
        "Asked about the cost, she shook her head and said the council had no money."
    )
    claims = extract_claims(text)
    first = claims[0]
    assert first.source is not None and first.source.text == "Councilwoman Ida Lund"
    assert first.text == "the gates would be replaced"
    # "Asked" opens the second sentence but is a participle, never a speaker
    assert all(c.source is None or c.source.text != "Asked" for c in claims)


def test_extract_documents_in_the_plural_show_findings() -> None:
    # "show" is a cue of finding, read with beliefs=True; "records" is a plural document
    text = "Council records show the pumps failed twice in January."
    document = Document(id="t", text=text, kind="article")
    claims = RuleBasedExtractor(beliefs=True).extract(document).claims
    assert [(c.source.text if c.source else None, c.text) for c in claims] == [
        ("Council records", "the pumps failed twice in January"),
    ]
