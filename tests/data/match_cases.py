"""A labelled set of quote/source pairs for measuring the matcher, built from templates.

Everything here is fictional: five press briefings (ministries, officials, reporters
and places invented for this file) and two wire stories that report some of them.
Each statement an official makes in a briefing is turned into several claims by an
edit whose effect is known in advance, and that edit is the label:

=====================  =================================================================
verbatim               the statement, or a short piece of it, as said; a piece running
                       over a paragraph break
minor_edit             a case, punctuation, typography or spelling-variant edit; a piece
                       running over a turn boundary; two pieces joined by an ellipsis
                       that stand close together
altered                one content word changed (no flag), or a number, a name or a
                       negation changed (with the matching flag)
truncated              the statement with words added that nobody said; two remarks
                       minutes apart joined by an ellipsis
paraphrase             a hand-written indirect-speech rewording
misattributed          the statement given to the other official on the podium, or a
                       reporter's question given to an official
not_found              a statement on the same topic that no one made (near misses)
=====================  =================================================================

The "near miss" cases also include words a reporter repeated from an official's answer
(the official must still be found as the speaker: ``verbatim``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sourcetrace._models import Agent, ClaimKind, Document, Flag, Verdict

from .match_fixtures import transcript

__all__ = ["Case", "build"]


@dataclass(frozen=True)
class Official:
    label: str
    agent: Agent


@dataclass(frozen=True)
class Statement:
    """An official's sentence, with the edits that make labelled claims from it."""

    by: int
    """Index of the official (0 or 1) in the briefing."""
    text: str
    paraphrase: str
    number: tuple[str, str] | None = None
    entity: tuple[str, str] | None = None


@dataclass(frozen=True)
class Briefing:
    doc_id: str
    header: str
    officials: tuple[Official, Official]
    statements: tuple[Statement, ...]
    question: str
    """A reporter's assertion, made only in a question."""
    near_misses: tuple[str, ...]
    """Statements on the briefing's topic that nobody made."""


@dataclass(frozen=True)
class Case:
    """One labelled claim: what to look for, who is said to have said it, the answer."""

    case_id: str
    text: str
    kind: ClaimKind
    speaker: Agent
    expected: Verdict
    flags: tuple[Flag, ...] = ()
    tags: tuple[str, ...] = field(default=())


def _person(key: str, name: str, role: str) -> Agent:
    return Agent(id=key, name=name, role=role)


BRIEFINGS = (
    Briefing(
        doc_id="ports-briefing",
        header="MINISTRY OF PORTS AND SHIPPING\nPress briefing, Calloway, 9 February 2026",
        officials=(
            Official("MR VOSS", _person("voss", "Peter Voss", "ministry spokesman")),
            Official("MS. ADEYEMI", _person("adeyemi", "Grace Adeyemi", "deputy minister")),
        ),
        statements=(
            Statement(
                0,
                "The new container terminal at Calloway will open in September, three months "
                "later than planned, because the cranes arrived damaged.",
                "the Calloway container terminal would open three months late, in September, "
                "after its cranes were delivered damaged",
                number=("three", "five"),
                entity=("Calloway", "Brennick"),
            ),
            Statement(
                0,
                "Dredging of the outer channel has cost 41 million crowns so far, and we expect "
                "the final bill to stay within the approved budget.",
                "the outer channel dredging had so far cost 41 million crowns and the final "
                "bill was expected to remain within budget",
                number=("41", "54"),
            ),
            Statement(
                0,
                "We are not reducing the number of pilots on night shifts, whatever the union "
                "has told its members.",
                "the ministry was not cutting the number of night-shift pilots, contrary to what "
                "the union had told members",
            ),
            Statement(
                1,
                "Every ferry operator on the Tessel route has signed the new safety charter, and "
                "inspections will begin in the first week of March.",
                "all ferry operators on the Tessel route had signed the safety charter, with "
                "inspections starting in early March",
                entity=("Tessel", "Marrow"),
            ),
            Statement(
                1,
                "Fees for small fishing boats will be frozen for two years, so that the harbour "
                "remains affordable for the families who have worked it for generations.",
                "harbour fees for small fishing boats would be frozen for two years to keep the "
                "harbour affordable for fishing families",
                number=("two", "four"),
            ),
            Statement(
                1,
                "The ministry has received 214 complaints about noise from the night loading, "
                "and we take every one of them seriously.",
                "the ministry had received 214 noise complaints about night loading and was "
                "taking them seriously",
                number=("214", "412"),
            ),
        ),
        question="Is it true that the port authority has lost its insurance cover for the "
        "western quay?",
        near_misses=(
            "The container terminal at Calloway will be sold to a private operator next year.",
            "Dredging has been suspended because the outer channel is full of unexploded mines.",
            "We are closing the pilot station on the northern breakwater for good.",
        ),
    ),
    Briefing(
        doc_id="health-briefing",
        header="REGIONAL HEALTH AUTHORITY OF VESTMARK\nWeekly media briefing, 16 February 2026",
        officials=(
            Official(
                "DR. LINDQVIST", _person("lindqvist", "Hanna Lindqvist", "chief medical officer")
            ),
            Official("MR OKONKWO", _person("okonkwo", "Daniel Okonkwo", "authority spokesman")),
        ),
        statements=(
            Statement(
                0,
                "Waiting times for hip operations have fallen to 14 weeks, the shortest they have "
                "been since the authority was created.",
                "waiting times for hip surgery were down to 14 weeks, the lowest since the "
                "authority was set up",
                number=("14", "9"),
            ),
            Statement(
                0,
                "The outbreak at the Sorvik care home is under control, and no new cases have "
                "been reported since Tuesday.",
                "the Sorvik care home outbreak had been brought under control with no new cases "
                "reported since Tuesday",
                entity=("Sorvik", "Haldby"),
            ),
            Statement(
                0,
                "We will not close the maternity ward in Eskby, and I want to be very clear "
                "about that.",
                "the Eskby maternity ward would not be closed, and she wanted to be clear about it",
                entity=("Eskby", "Lunde"),
            ),
            Statement(
                1,
                "The authority is hiring 120 nurses from abroad this year, most of them for the "
                "two rural hospitals.",
                "the authority would recruit 120 foreign nurses this year, mainly for the two "
                "rural hospitals",
                number=("120", "210"),
            ),
            Statement(
                1,
                "Our ambulance fleet is being replaced in stages, and the last of the old "
                "vehicles will be retired before the winter.",
                "the ambulance fleet was being replaced step by step and the last old vehicles "
                "would be retired before winter",
            ),
            Statement(
                1,
                "The new patient records system has been delayed again, and we now expect it "
                "to go live in the autumn.",
                "the patient records system had been delayed once more and was now expected to "
                "go live in the autumn",
            ),
        ),
        question="Doctors at the county hospital say they were told to hide infection figures "
        "from the board. Is that what happened?",
        near_misses=(
            "Waiting times for knee operations have doubled over the past year.",
            "The maternity ward in Eskby will move to the new hospital in Lunde next spring.",
            "The authority is cutting the number of nurses on night duty to save money.",
        ),
    ),
    Briefing(
        doc_id="energy-briefing",
        header="MINISTRY OF ENERGY AND GRID\nPress conference, Ostrava Hall, 2 March 2026",
        officials=(
            Official("MINISTER FERREIRA", _person("ferreira", "Lucia Ferreira", "energy minister")),
            Official("MR HALVORSEN", _person("halvorsen", "Erik Halvorsen", "grid director")),
        ),
        statements=(
            Statement(
                0,
                "Household electricity prices will fall by 8 percent from April, the first "
                "reduction in six years.",
                "household power prices would drop by 8 percent in April, the first cut in six "
                "years",
                number=("8", "18"),
            ),
            Statement(
                0,
                "The government has no intention of selling its stake in the Northgrid company, "
                "now or after the election.",
                "the government did not intend to sell its Northgrid stake, either now or after "
                "the election",
                entity=("Northgrid", "Eastlink"),
            ),
            Statement(
                0,
                "We have approved four new wind farms off the Skarra coast, which together will "
                "power about 300,000 homes.",
                "four new offshore wind farms had been approved off the Skarra coast, enough to "
                "power some 300,000 homes",
                number=("300,000", "800,000"),
                entity=("Skarra", "Dunmore"),
            ),
            Statement(
                1,
                "The blackout on the 12th of January was caused by a fault in a single "
                "transformer, not by a cyber attack.",
                "the January blackout had been caused by one faulty transformer rather than a "
                "cyber attack",
            ),
            Statement(
                1,
                "We are spending 2.4 billion on the northern interconnector, and construction "
                "starts this summer.",
                "2.4 billion was being spent on the northern interconnector, with building work "
                "to begin in the summer",
                number=("2.4", "4.2"),
            ),
            Statement(
                1,
                "Nobody will be disconnected for unpaid bills during the winter months, and that "
                "rule applies to every supplier.",
                "no household would be cut off over unpaid bills during the winter, a rule that "
                "applied to every supplier",
            ),
        ),
        question="Your own engineers warned last year that the grid could not cope with another "
        "cold snap. Why were they ignored?",
        near_misses=(
            "Household gas prices will rise by a third from April.",
            "The government plans to buy back the Northgrid company after the election.",
            "The wind farms off the Skarra coast have been cancelled.",
        ),
    ),
    Briefing(
        doc_id="schools-briefing",
        header="DEPARTMENT OF EDUCATION, CITY OF MERRIN\nBriefing for reporters, 5 March 2026",
        officials=(
            Official("MS. NAKAMURA", _person("nakamura", "Emi Nakamura", "education director")),
            Official("MR DUVAL", _person("duval", "Henri Duval", "department spokesman")),
        ),
        statements=(
            Statement(
                0,
                "Every primary school in Merrin will have a full-time counsellor by the start of "
                "the next school year.",
                "all of Merrin's primary schools would have a full-time counsellor by the next "
                "school year",
                entity=("Merrin", "Tolvik"),
            ),
            Statement(
                0,
                "Reading scores rose for the third year in a row, and the gap between boys and "
                "girls has almost closed.",
                "reading scores had risen for a third straight year and the gap between boys "
                "and girls had nearly closed",
            ),
            Statement(
                0,
                "We are not going to close any village schools this year, even the ones with "
                "fewer than 20 pupils.",
                "no village school would be closed this year, not even those with under 20 pupils",
                number=("20", "50"),
            ),
            Statement(
                1,
                "The department will spend 16 million on repairing school roofs, starting with "
                "the buildings that leaked last winter.",
                "16 million would go on repairing school roofs, beginning with those that had "
                "leaked last winter",
                number=("16", "61"),
            ),
            Statement(
                1,
                "Teachers at the Harrow Lane academy will receive their back pay in the April "
                "salary run.",
                "Harrow Lane academy teachers would get their back pay with April salaries",
                entity=("Harrow", "Kestrel"),
            ),
            Statement(
                1,
                "Free school meals will be extended to every pupil in the first two years of "
                "secondary school.",
                "free school meals would be extended to all pupils in the first two years of "
                "secondary school",
                number=("two", "three"),
            ),
        ),
        question="Parents at Harrow Lane say the head teacher was suspended after reporting "
        "the budget gap. Can you confirm that?",
        near_misses=(
            "Every secondary school in Merrin will lose one of its counsellors next year.",
            "Maths scores fell for the second year running.",
            "The department is selling the Harrow Lane academy building to a developer.",
        ),
    ),
    Briefing(
        doc_id="police-briefing",
        header="MERRIN POLICE AND MAYOR'S OFFICE\nJoint briefing, City Hall, 11 March 2026",
        officials=(
            Official("COMMISSIONER MARSH", _person("marsh", "Owen Marsh", "police commissioner")),
            Official("MS. QUIRKE", _person("quirke", "Aoife Quirke", "mayor's spokeswoman")),
        ),
        statements=(
            Statement(
                0,
                "Burglaries in the old town have dropped by a quarter since the foot patrols "
                "were brought back in October.",
                "old town burglaries had fallen by a quarter since foot patrols returned in "
                "October",
                entity=("October", "June"),
            ),
            Statement(
                0,
                "Two officers have been suspended while the complaint about the stadium arrests "
                "is investigated.",
                "two officers had been suspended pending an investigation into the complaint "
                "about the stadium arrests",
                number=("Two", "Five"),
            ),
            Statement(
                0,
                "We did not use tear gas at the Linden Square protest, and the footage shared "
                "online is from another city.",
                "police had not used tear gas at the Linden Square protest and the footage "
                "circulating online came from elsewhere",
                entity=("Linden", "Castle"),
            ),
            Statement(
                1,
                "The mayor has asked for 35 more officers in the next budget, and the council "
                "will vote on it in May.",
                "the mayor wanted 35 extra officers in the next budget, with the council voting "
                "in May",
                number=("35", "53"),
            ),
            Statement(
                1,
                "The new street lighting on the canal path will be finished by the end of the "
                "month.",
                "the canal path street lighting would be completed by the end of the month",
            ),
            Statement(
                1,
                "The city will pay for cameras at every tram stop, and the recordings will be "
                "kept for thirty days.",
                "the city would fund cameras at all tram stops with recordings kept for thirty "
                "days",
                number=("thirty", "ninety"),
            ),
        ),
        question="Is it true that the commissioner ordered officers to stop recording "
        "arrests at the stadium?",
        near_misses=(
            "Burglaries in the new town have doubled since the police station closed.",
            "Two officers have been promoted after the stadium arrests.",
            "The mayor wants to cut the police budget by a quarter next year.",
        ),
    ),
)

_FILLER = (
    "Before we go on, a reminder that the full figures are in the pack you received this "
    "morning, and that the tables at the back have been updated since last week. If anything "
    "in them is unclear, the press office will take calls until six o'clock this evening. "
    "We will also publish a recording of this briefing on the website, with a transcript, "
    "as soon as it has been checked. Please keep your questions short so that everyone gets "
    "a turn, and please say which outlet you are from. Colleagues joining online can type "
    "their questions in the chat and we will read them out. Those of you who asked for "
    "interviews afterwards should speak to the press office at the side of the room. "
)
_TAILS = (
    "and the opposition has accepted every one of our figures",
    "and nobody in the department will lose their job over it",
    "which proves that the critics were wrong from the start",
    "and the whole programme will be finished a year early",
    "because the previous government left us with nothing",
    "and we will ask parliament for emergency powers next week",
)
_ALTERNATIVES = ("regional", "several", "entire", "separate", "previous", "central")
_AUXILIARIES = ("will", "is", "are", "has", "have", "was", "were", "can")


def _document(briefing: Briefing) -> Document:
    """The briefing transcript: statements, a question, filler, and a repeated remark."""
    first, second = briefing.officials
    s = briefing.statements
    turns = [
        f"{first.label}: Good morning, everyone. {s[0].text}\n\n{s[1].text}",
        f"{second.label}: {s[3].text}",
        f"QUESTION: {briefing.question}",
        f"{first.label}: I will not comment on that. {_FILLER}{_FILLER}{_FILLER}",
        f"QUESTION: You said earlier that {s[3].text[0].lower() + s[3].text[1:]} Who checks that?",
        f"{second.label}: {s[4].text} {s[5].text}",
        f"{first.label}: {s[2].text}",
        f"{second.label}: Thank you. {_FILLER}",
    ]
    text = briefing.header + "\n\n" + "\n\n".join(turns) + "\n"
    return transcript(text, briefing.doc_id)


def _wire(doc_id: str, briefings: tuple[Briefing, ...]) -> Document:
    """A wire story that quotes the first statement of each briefing."""
    paragraphs = []
    for briefing in briefings:
        statement = briefing.statements[0]
        official = briefing.officials[statement.by]
        paragraphs.append(
            f'"{statement.text}" {official.agent.role} {official.agent.name} told reporters.'
        )
    return Document(
        id=doc_id,
        kind="article",
        text="MERRIN, March 12 (Coastline Wire) - Officials briefed reporters this week.\n\n"
        + "\n\n".join(paragraphs)
        + "\n",
    )


def documents() -> list[Document]:
    """Every source document of the labelled set."""
    docs = [_document(briefing) for briefing in BRIEFINGS]
    docs.append(_wire("wire-one", BRIEFINGS[:3]))
    docs.append(_wire("wire-two", BRIEFINGS[3:]))
    return docs


def _lower_first(text: str) -> str:
    return text[0].lower() + text[1:]


def _minor(text: str, number: int) -> tuple[str, str]:
    """A minor edit of ``text``: which kind, and the edited text."""
    kinds = ("case", "comma", "variant", "typography")
    kind = kinds[number % len(kinds)]
    if kind == "comma" and "," in text[:-1]:
        return kind, text.replace(", ", " ", 1)
    if kind == "variant":
        for old, new in (
            ("percent", "%"),
            (" two ", " 2 "),
            (" three ", " 3 "),
            (" four ", " 4 "),
            (" thirty ", " 30 "),
            (" 20 ", " twenty "),
            (" 14 ", " fourteen "),
            (" 16 ", " sixteen "),
        ):
            if old in text:
                return kind, text.replace(old, new, 1)
    if kind == "typography" and ", " in text[:-1]:
        return kind, text.replace(", ", " — ", 1)
    return "case", _lower_first(text)


def _swap_word(text: str, number: int) -> str:
    """``text`` with one longer content word replaced by an unrelated one."""
    words = text.rstrip(".").split()
    candidates = [
        i
        for i, word in enumerate(words)
        if i > 1 and word.isalpha() and word.islower() and len(word) >= 6 and word != "percent"
    ]
    index = candidates[len(candidates) // 2]
    replacement = _ALTERNATIVES[number % len(_ALTERNATIVES)]
    if replacement == words[index]:
        replacement = _ALTERNATIVES[(number + 1) % len(_ALTERNATIVES)]
    words[index] = replacement
    return " ".join(words) + "."


def _negate(text: str) -> str:
    """``text`` with its negation removed, or a "not" added after its first auxiliary."""
    for negation in (" not ", " no "):
        if negation in text:
            return text.replace(negation, " ", 1)
    if text.startswith("Nobody "):
        return "Everybody " + text[len("Nobody ") :]
    words = text.split()
    for i, word in enumerate(words):
        if word in _AUXILIARIES:
            words.insert(i + 1, "not")
            return " ".join(words)
    raise ValueError(f"no way to negate {text!r}")


def _short_piece(text: str) -> str:
    """Four to six words from the middle of ``text``, under 40 characters."""
    words = text.rstrip(".").split()
    middle = len(words) // 2
    for size in (6, 5, 4):
        piece = " ".join(words[middle - size // 2 : middle - size // 2 + size]).strip(",")
        if len(piece) < 40:
            return piece
    return " ".join(words[middle : middle + 3])


def build() -> list[Case]:
    """The labelled cases, in a fixed order."""
    cases: list[Case] = []
    counter = 0
    for briefing in BRIEFINGS:
        officials = briefing.officials
        for number, statement in enumerate(briefing.statements):
            counter += 1
            key = f"{briefing.doc_id}-{number}"
            speaker = officials[statement.by].agent
            other = officials[1 - statement.by].agent
            text = statement.text
            cases.append(Case(f"{key}-verbatim", text, "direct", speaker, "verbatim"))
            short = _short_piece(text)
            cases.append(
                Case(f"{key}-short", short, "direct", speaker, "verbatim", tags=("short",))
            )
            kind, edited = _minor(text, counter)
            cases.append(
                Case(f"{key}-minor", edited, "direct", speaker, "minor_edit", tags=(kind,))
            )
            cases.append(
                Case(f"{key}-swap", _swap_word(text, counter), "direct", speaker, "altered")
            )
            if statement.number is not None:
                old, new = statement.number
                cases.append(
                    Case(
                        f"{key}-number",
                        text.replace(old, new, 1),
                        "direct",
                        speaker,
                        "altered",
                        ("number_changed",),
                    )
                )
            if statement.entity is not None:
                old, new = statement.entity
                cases.append(
                    Case(
                        f"{key}-entity",
                        text.replace(old, new, 1),
                        "direct",
                        speaker,
                        "altered",
                        ("entity_changed",),
                    )
                )
            if number % 2 == 0:
                cases.append(
                    Case(
                        f"{key}-negation",
                        _negate(text),
                        "direct",
                        speaker,
                        "altered",
                        ("negation_changed",),
                    )
                )
            tail = _TAILS[counter % len(_TAILS)]
            cases.append(
                Case(
                    f"{key}-tail",
                    text.rstrip(".") + ", " + tail + ".",
                    "direct",
                    speaker,
                    "truncated",
                )
            )
            cases.append(
                Case(f"{key}-paraphrase", statement.paraphrase, "indirect", speaker, "paraphrase")
            )
            if number != 3:
                # Statement 3 is repeated by a reporter: the other official never said it
                # but neither did a question turn alone; kept out of this edit.
                cases.append(Case(f"{key}-other", text, "direct", other, "misattributed"))
        first, second = officials
        s = briefing.statements
        d = briefing.doc_id
        cases.append(
            Case(f"{d}-question", briefing.question, "direct", first.agent, "misattributed")
        )
        cases.append(
            Case(
                f"{d}-repeated",
                s[3].text,
                "direct",
                second.agent,
                "verbatim",
                tags=("near_miss", "repeated_by_reporter"),
            )
        )
        # Over the paragraph break inside the first official's opening turn.
        end_words = s[0].text.split()[-5:]
        start_words = s[1].text.split()[:5]
        cases.append(
            Case(
                f"{d}-paragraph",
                " ".join(end_words + start_words),
                "direct",
                first.agent,
                "verbatim",
                tags=("boundary",),
            )
        )
        # Over the turn boundary between the first official's answer and the second's.
        end_words = s[1].text.split()[-5:]
        start_words = s[3].text.split()[:5]
        cases.append(
            Case(
                f"{d}-turn",
                " ".join(end_words + start_words),
                "direct",
                first.agent,
                "minor_edit",
                tags=("boundary",),
            )
        )
        cases.append(
            Case(
                f"{d}-ellipsis-near",
                s[4].text.rstrip(".") + " … " + s[5].text,
                "direct",
                second.agent,
                "minor_edit",
                tags=("ellipsis",),
            )
        )
        cases.append(
            Case(
                f"{d}-ellipsis-far",
                s[1].text.rstrip(".") + " … " + s[2].text,
                "direct",
                first.agent,
                "truncated",
                tags=("ellipsis",),
            )
        )
        for index, near in enumerate(briefing.near_misses):
            cases.append(
                Case(
                    f"{d}-near-{index}",
                    near,
                    "direct",
                    first.agent,
                    "not_found",
                    tags=("near_miss",),
                )
            )
            cases.append(
                Case(
                    f"{d}-near-indirect-{index}",
                    _lower_first(near.rstrip(".")),
                    "indirect",
                    first.agent,
                    "not_found",
                    tags=("near_miss",),
                )
            )
    return cases
