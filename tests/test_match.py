"""locate and match_claim on the fictional rail briefing and wire story."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from data.match_fixtures import ANONYMOUS, BRIEFING, JALIL, VELL, WIRE, briefing, claim, wire
from sourcetrace._config import TraceConfig
from sourcetrace._errors import EmptyInputError, InputError
from sourcetrace._models import Agent, Document, Evidence, Span, Turn
from sourcetrace.match import Corpus, locate, match_claim

CONFIG = TraceConfig()


def best(quote: str, *docs: Document, speaker: object = VELL) -> Evidence:
    return locate(quote, list(docs) or [briefing()], speaker=speaker)[0]  # type: ignore[arg-type]


def changed(evidence: Evidence) -> list[tuple[str, str, str]]:
    return [(op.op, op.claim, op.source) for op in evidence.diff if op.op != "equal"]


def test_locate_verbatim_quote_in_the_speakers_turn() -> None:
    quote = "The tunnel is safe."
    found = best(quote)
    assert found.relation == "verbatim"
    assert found.score == 100
    assert found.passage is not None
    assert found.passage.text == "The tunnel is safe"
    assert found.passage.start == BRIEFING.index("The tunnel is safe.")
    assert found.turn_speaker == "MR VELL"
    assert found.speaker_agrees is True
    assert found.verdict == "verbatim"
    assert found.secondary is False
    assert found.claim_id == "quote"


@pytest.mark.parametrize(
    "quote",
    [
        "the tunnel is safe",  # case
        "The US consortium that holds the signalling contract has agreed to a 12% reduction",
        "We have not changed the timetable since January – whatever you may have read",
        "There will be no job losses at Marrowgate; we are moving 40 engineers",
    ],
)
def test_locate_minor_edit_for_case_punctuation_and_variants(quote: str) -> None:
    found = best(quote)
    assert found.relation == "minor_edit"
    assert found.speaker_agrees is True
    assert changed(found) == []


def test_locate_altered_number_is_flagged() -> None:
    found = best("The tunnel will reopen to freight traffic on the 21st of April")
    assert found.relation == "altered"
    assert found.flags == ["number_changed"]
    assert changed(found) == [("replace", "21st", "14th")]


def test_locate_dropped_negation_is_flagged() -> None:
    found = best("We have changed the timetable since January")
    assert found.relation == "altered"
    assert "negation_changed" in found.flags
    assert changed(found) == [("delete", "", "not")]


def test_locate_changed_name_is_flagged() -> None:
    found = best("There will be no job losses at Kessring")
    assert found.relation == "altered"
    assert found.flags == ["entity_changed"]


def test_locate_truncated_when_only_part_of_the_quote_is_there() -> None:
    found = best("The tunnel is safe, and the unions have accepted our figures in full")
    assert found.relation == "truncated"
    assert found.passage is not None
    assert found.passage.text == "The tunnel is safe"
    assert ("insert", "and the unions have accepted our figures in full", "") in changed(found)


def test_locate_ellipsis_with_close_segments_is_a_minor_edit() -> None:
    quote = "The tunnel is safe … the board signed off on every section."
    found = best(quote)
    assert found.relation == "minor_edit"
    assert [s.text for s in found.segments] == [
        "The tunnel is safe",
        "the board signed off on every section",
    ]
    assert found.passage is not None
    assert found.passage.text.startswith("The tunnel is safe. Every inspection")
    gap = [op for op in found.diff if op.op == "delete"]
    assert gap and gap[0].source.startswith("Every inspection was carried out")


def test_locate_ellipsis_with_distant_segments_is_truncated() -> None:
    quote = (
        "The tunnel will reopen to freight traffic on the 14th of April [...] "
        "We will brief again on Thursday."
    )
    found = best(quote, briefing())
    config = TraceConfig(max_ellipsis_gap_chars=300)
    strict = locate(quote, briefing(), speaker=VELL, config=config)[0]
    assert found.relation == "minor_edit"  # within the default 2,000 characters
    assert strict.relation == "truncated"
    assert len(strict.segments) == 2


def test_locate_segments_out_of_order_are_truncated() -> None:
    found = best("The tunnel is safe... Good afternoon.")
    assert found.relation == "truncated"


def test_locate_bracketed_insertion_is_a_wildcard() -> None:
    found = best("[The Kessring tunnel] will reopen to freight traffic on the 14th of April")
    assert found.relation == "minor_edit"
    assert found.flags == []


def test_locate_misattributes_a_reporters_question() -> None:
    found = best("the inspections were rushed", speaker=VELL)
    assert found.turn_speaker == "QUESTION"
    assert found.speaker_agrees is False
    assert found.verdict == "misattributed"


def test_locate_other_officials_words_are_misattributed() -> None:
    found = best("We have no plans to sell the freight division", speaker=VELL)
    assert found.turn_speaker == "MS. JALIL"
    assert found.verdict == "misattributed"
    assert (
        best("We have no plans to sell the freight division", speaker=JALIL).verdict == "verbatim"
    )


def test_locate_anonymous_speaker_cannot_be_checked() -> None:
    found = best("The tunnel is safe", speaker=ANONYMOUS)
    assert found.speaker_agrees is None


def test_locate_quote_across_a_turn_boundary() -> None:
    quote = "every one of them keeps their contract. If I may add to that: the depot will stay open"
    found = best(quote)
    assert found.relation == "minor_edit"
    assert found.passage is not None
    assert "MS. JALIL:" in found.passage.text
    assert changed(found) == []


def test_locate_not_found_reports_best_score() -> None:
    found = best("The harbour ferries will run all night during the festival")
    assert found.relation == "not_found"
    assert found.document_id is None
    assert found.passage is None
    assert 0 <= found.score < CONFIG.min_quote_score


def test_locate_wire_story_passage_is_secondary() -> None:
    found = best("passenger services will follow a week later", wire(), speaker=VELL)
    assert found.relation == "verbatim"
    assert found.secondary is True
    assert found.speaker_agrees is None


def test_locate_prefers_the_transcript_speakers_turn_over_the_question() -> None:
    # "the Kessring tunnel is unsafe" is only in the question; "The tunnel is safe" in both
    # sources: the claimed speaker's own turn must come first.
    results = locate("The tunnel is safe", [wire(), briefing()], speaker=VELL)
    assert results[0].document_id == "briefing"
    assert results[0].speaker_agrees is True


def test_match_claim_paraphrase_of_indirect_speech() -> None:
    content = "the Marrowgate depot would remain open until at least 2030"
    found = match_claim(claim(content, JALIL, "indirect"), [briefing()], CONFIG)[0]
    assert found.relation == "paraphrase"
    assert found.turn_speaker == "MS. JALIL"
    assert found.speaker_agrees is True
    assert found.passage is not None
    assert "the depot will stay open at least until 2030" in found.passage.text


def test_match_claim_indirect_is_never_verbatim_unless_it_is() -> None:
    reworded = claim("the depot will stay open beyond 2030 for sure", JALIL, "indirect")
    exact = claim("the depot will stay open at least until 2030", JALIL, "indirect")
    assert match_claim(reworded, [briefing()], CONFIG)[0].relation != "verbatim"
    assert match_claim(exact, [briefing()], CONFIG)[0].relation == "verbatim"


def test_match_claim_paraphrase_flags_a_changed_number() -> None:
    content = "the Marrowgate depot would remain open until at least 2040"
    found = match_claim(claim(content, JALIL, "indirect"), [briefing()], CONFIG)[0]
    assert found.relation == "paraphrase"
    assert "number_changed" in found.flags


def test_match_claim_unrelated_indirect_speech_is_not_found() -> None:
    content = "the harbour ferries would run all night during the summer festival"
    found = match_claim(claim(content, JALIL, "indirect"), [briefing(), wire()], CONFIG)
    assert [e.relation for e in found] == ["not_found"]


def test_match_claim_mixed_uses_the_quoted_part() -> None:
    sentence = 'the tunnel would reopen in April and "passenger services will follow a week later"'
    found = match_claim(
        claim(sentence, VELL, "mixed", quotes=["passenger services will follow a week later"]),
        [briefing()],
        CONFIG,
    )[0]
    assert found.relation == "verbatim"
    assert found.passage is not None
    assert found.passage.text == "passenger services will follow a week later"


def test_match_claim_interrupted_quote_pieces_are_found_in_order() -> None:
    text = "The tunnel is safe, Every inspection was carried out by the independent safety board"
    pieces = [
        "The tunnel is safe,",
        "Every inspection was carried out by the independent safety board",
    ]
    found = match_claim(claim(text, VELL, quotes=pieces), [briefing()], CONFIG)[0]
    assert found.relation == "verbatim"
    assert len(found.segments) == 2


def test_match_claim_keeps_at_most_the_configured_evidence() -> None:
    config = TraceConfig(max_evidence_per_claim=1)
    found = match_claim(claim("The tunnel is safe"), [briefing(), wire()], config)
    assert len(found) == 1


def test_match_claim_empty_or_huge_claim_is_not_found() -> None:
    assert match_claim(claim("..."), [briefing()], CONFIG)[0].relation == "not_found"
    huge = "word " * 12_000
    assert match_claim(claim(huge), [briefing()], CONFIG)[0].relation == "not_found"


def test_locate_refuses_empty_and_huge_quotes() -> None:
    with pytest.raises(EmptyInputError):
        locate("  … ", briefing())
    with pytest.raises(InputError, match="5,000"):
        locate("x" * 50_000, briefing())


def test_locate_one_word_quote_needs_a_close_match() -> None:
    assert best("tunnel").relation == "verbatim"
    assert best("tunnnnel").relation == "not_found"


def test_locate_text_without_spaces_and_lone_surrogates() -> None:
    doc = Document(id="blob", text="x" * 300_000 + "\ud800" + "The tunnel is safe")
    start = time.perf_counter()
    found = locate("The tunnel is safe", doc)[0]
    assert time.perf_counter() - start < 10
    assert found.relation == "verbatim"
    assert found.passage is not None and found.passage.start == 300_001
    assert locate("\ud800tunnel", doc)[0].relation in ("not_found", "verbatim", "minor_edit")


def test_locate_in_a_50_megabyte_document_is_bounded() -> None:
    filler = "Freight volumes on the coastal line were steady through the quarter. "
    half = "".join([filler] * (25_000_000 // len(filler)))
    text = half + BRIEFING + half
    doc = Document(id="huge", text=text)
    start = time.perf_counter()
    found = locate("Every inspection was carried out by the independent safety board", doc)[0]
    assert time.perf_counter() - start < 30
    assert found.relation == "verbatim"
    assert found.passage is not None
    assert found.passage.start == len(half) + BRIEFING.index("Every inspection")


def test_corpus_basics() -> None:
    corpus = Corpus([briefing()])
    corpus.add(wire())
    assert len(corpus) == 2
    assert [doc.id for doc in corpus] == ["briefing", "wire"]
    assert corpus.get("wire").text == WIRE
    assert "wire" in corpus
    assert locate("The tunnel is safe", corpus)[0].document_id == "briefing"


_SOURCE_WORDS = BRIEFING.split()


@st.composite
def _quotes(draw: st.DrawFn) -> str:
    start = draw(st.integers(0, len(_SOURCE_WORDS) - 3))
    length = draw(st.integers(1, 25))
    words = list(_SOURCE_WORDS[start : start + length])
    for _ in range(draw(st.integers(0, 3))):
        action = draw(st.sampled_from(["drop", "swap", "upper", "ellipsis", "noise"]))
        index = draw(st.integers(0, max(0, len(words) - 1)))
        if not words:
            break
        if action == "drop" and len(words) > 1:
            del words[index]
        elif action == "swap":
            words[index] = draw(st.sampled_from(["never", "100", "Halden", "board", "x"]))
        elif action == "upper":
            words[index] = words[index].upper()
        elif action == "ellipsis":
            words.insert(index, "…")
        else:
            words.insert(index, draw(st.text(min_size=1, max_size=4)))
    return " ".join(words)


@settings(max_examples=60, deadline=None)
@given(_quotes(), st.sampled_from([VELL, JALIL, ANONYMOUS]))
def test_every_evidence_span_points_into_its_document(quote: str, speaker: object) -> None:
    docs = {"briefing": briefing(), "wire": wire()}
    try:
        results = locate(quote, list(docs.values()), speaker=speaker)  # type: ignore[arg-type]
    except EmptyInputError:
        return
    assert results
    for item in results:
        if item.relation == "not_found":
            assert item.document_id is None and len(results) == 1
            continue
        assert item.document_id is not None
        text = docs[item.document_id].text
        assert item.passage is not None
        for span in [item.passage, *item.segments]:
            assert text[span.start : span.end] == span.text
            assert item.passage.start <= span.start <= span.end <= item.passage.end
        assert 0 <= item.score <= 100


@pytest.mark.parametrize(
    "quote",
    [
        "The tunnel is safe … the board signed off on every section.",
        "We have changed the timetable since January",
        "the inspections were rushed",
        "The harbour ferries will run all night",
    ],
)
def test_locate_is_deterministic(quote: str) -> None:
    first = [e.model_dump() for e in locate(quote, [briefing(), wire()], speaker=VELL)]
    again = [e.model_dump() for e in locate(quote, [briefing(), wire()], speaker=VELL)]
    reordered = [e.model_dump() for e in locate(quote, [wire(), briefing()], speaker=VELL)]
    assert first == again == reordered


def _turn_doc(label: str) -> Document:
    text = f"{label}: The ferry will run again on Friday."
    return Document(
        id="d",
        kind="transcript",
        text=text,
        turns=[Turn(speaker=label, span=Span.of(text, len(label) + 2, len(text)))],
    )


@pytest.mark.parametrize(
    ("label", "name", "role", "expected"),
    [
        # A label by office agrees with whoever holds it...
        ("THE SECRETARY", "Lena Ortiz", "Secretary of Transport", True),
        ("THE PRESS SECRETARY", "Ada Reyes", "White House press secretary", True),
        ("SPOKESPERSON", "Tomas Berg", "ministry spokesman", True),
        # ...and not with someone of another office,
        ("THE SECRETARY", "Tomas Berg", "ministry spokesman", False),
        # nor, when the speaker's role is unknown, can it tell,
        ("THE SECRETARY", "Lena Ortiz", None, None),
        # except that the moderator is not the speaker unless said to be.
        ("MODERATOR", "Lena Ortiz", None, False),
        ("MODERATOR", "Ruth Lund", "moderator", True),
        # A first name alone is the speaker; another first name is not.
        ("DANA", "Dana Okafor", None, True),
        ("PIET", "Dana Okafor", None, False),
        ("MS OKAFOR", "Dana Okafor", None, True),
        ("MR REYES", "Dana Okafor", "Deputy Minister", False),
    ],
)
def test_speaker_agrees_reads_offices_and_first_names(
    label: str, name: str, role: str | None, expected: bool | None
) -> None:
    from sourcetrace.match._speaker import speaker_agrees

    doc = _turn_doc(label)
    speaker = Agent(id="a", name=name, role=role)
    assert speaker_agrees(speaker, doc.turns[0], doc) is expected


_TWO_SAFE_PLACES = (
    "MR VELL: The Kessring tunnel is perfectly safe for freight trains. It reopens on "
    "Monday morning.\n"
    "QUESTION: And the ferry terminal at Orsund? The union says the gangways are worn.\n"
    "MR VELL: The new ferry terminal is perfectly safe for passengers. The union has "
    "seen the inspection report."
)


def test_mixed_claim_prefers_the_passage_whose_surroundings_say_the_rest() -> None:
    from data.match_fixtures import transcript

    doc = transcript(_TWO_SAFE_PLACES)
    # "perfectly safe" stands twice, word for word, in the same speaker's turns: only the
    # unquoted words (ferry, terminal, union) tell which statement the article reports.
    mixed = claim(
        'the ferry terminal was "perfectly safe" whatever the union said',
        kind="mixed",
        quotes=["perfectly safe"],
    )
    found = match_claim(mixed, [doc], CONFIG)
    assert [e.relation for e in found[:2]] == ["verbatim", "verbatim"]
    first, second = found[0], found[1]
    assert first.passage is not None and second.passage is not None
    ferry = _TWO_SAFE_PLACES.index("perfectly safe for passengers")
    assert first.passage.start == ferry
    assert second.passage.start == _TWO_SAFE_PLACES.index("perfectly safe for freight")
    # Unquoted stems: ferry, termi, whate, union. Around the ferry passage (its turn
    # only: the question is another speaker's): ferry, termi, union -> 3/4. Around the
    # tunnel passage, which may not reach into the question: none.
    assert first.context_share == 0.75
    assert second.context_share == 0.0


def test_direct_and_indirect_claims_carry_no_context_share() -> None:
    found = match_claim(claim("The tunnel is safe."), [briefing()], CONFIG)
    assert found[0].context_share is None


@pytest.mark.parametrize(
    ("heading", "label", "name", "expected"),
    [
        # The heading names who holds the office: the label is that person...
        ("Remarks by Secretary Lena Ortiz at the Harbor Forum", "THE SECRETARY",
         "Lena Ortiz", True),
        ("REMARKS BY SECRETARY LENA ORTIZ AT THE HARBOR FORUM", "THE SECRETARY",
         "Lena Ortiz", True),
        ("Press Briefing by Press Secretary Ida Lund", "THE PRESS SECRETARY",
         "Ida Lund", True),
        ("Secretary of Transport Lena Ortiz meets the port unions", "THE SECRETARY",
         "Lena Ortiz", True),
        # ...and nobody else, whatever their role,
        ("Remarks by Secretary Lena Ortiz at the Harbor Forum", "THE SECRETARY",
         "Tomas Berg", False),
        # a heading that names no holder of that office leaves the role to decide (none
        # known here: cannot tell),
        ("Press Briefing by Spokesperson Tomas Berg", "THE SECRETARY", "Lena Ortiz", None),
        ("Press Briefing, Harbor Ministry", "THE SECRETARY", "Lena Ortiz", None),
        # and two holders of one office name neither.
        ("Secretary Lena Ortiz and Secretary Ada Reyes on the ferry strike",
         "THE SECRETARY", "Lena Ortiz", None),
    ],
)  # fmt: skip
def test_speaker_agrees_reads_the_office_holder_from_the_heading(
    heading: str, label: str, name: str, expected: bool | None
) -> None:
    from sourcetrace.match._speaker import speaker_agrees

    text = f"{heading}\n\n{label}: The ferry will run again on Friday."
    start = text.index(label)
    doc = Document(
        id="d",
        kind="transcript",
        text=text,
        turns=[
            Turn(
                speaker=label,
                span=Span.of(text, start + len(label) + 2, len(text)),
                label=Span.of(text, start, start + len(label) + 1),
            )
        ],
    )
    assert speaker_agrees(Agent(id="a", name=name), doc.turns[0], doc) is expected
