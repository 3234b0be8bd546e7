"""Word lists of the rule-based extractor: cues with their stance, and noun classes.

The lists are data, kept apart from the rules so that they can be read, documented
(docs/extraction.md prints them) and extended without touching the logic.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final


def _wordset(words: str) -> frozenset[str]:
    """The words of a whitespace-separated list, as a set."""
    return frozenset(words.split())


__all__ = [
    "ACT_CUES",
    "BELIEF_CUES",
    "CUE_FORMS",
    "LOADED_CUES",
    "NEUTRAL_CUES",
]

NEUTRAL_CUES = frozenset(
    {
        "say",
        "tell",
        "add",
        "according to",
        "report",
        "state",
        "explain",
        "note",
        "write",
        "announce",
        "declare",
        "continue",
        "warn",
        "ask",
        "answer",
        "reply",
        "respond",
        "remark",
        "observe",
        "comment",
        "describe",
        "stress",
        "emphasize",
        "tweet",
        "post",
        "predict",
        "promise",
        "pledge",
        "vow",
        "urge",
        "argue",
        "quote",
        "cite",
        "confirm",
        "recall",
        "point out",
        "testify",
        "inform",
        "mention",
        "suggest",
        "estimate",
        "propose",
        "indicate",
        "signal",
        "caution",
        "reiterate",
        "repeat",
        "assure",
        "reassure",
        "remind",
        "recount",
        "imply",
        "counter",
        "retort",
        "affirm",
        "reaffirm",
        "underscore",
    }
)
"""Cues that report speech without judging it: *said*, *told*, *added*, *according to*,
*reported*, *wrote*, *noted*, *explained*, *announced* ... (``Cue.stance == "neutral"``)."""

LOADED_CUES = frozenset(
    {
        "claim",
        "admit",
        "acknowledge",
        "insist",
        "concede",
        "allege",
        "deny",
        "assert",
        "contend",
        "maintain",
        "boast",
        "brag",
        "complain",
        "confess",
        "reveal",
        "accuse",
        "charge",
        "blast",
        "slam",
        "attack",
        "lash out",
        "scoff",
        "sneer",
        "joke",
        "quip",
        "shout",
        "scream",
        "yell",
        "rant",
        "lament",
        "whine",
        "grumble",
        "gush",
        "crow",
        "proclaim",
        "purport",
        "threaten",
        "dismiss",
        "mock",
        "brush off",
    }
)
"""Cues that colour the claim: *claimed*, *admitted*, *insisted*, *conceded*, *alleged*,
*denied*, *boasted*, *revealed* ... (``Cue.stance == "loaded"``). They suggest doubt
(*claimed*, *alleged*), concession of a truth (*admitted*, *conceded*, *revealed*) or
emotion (*boasted*, *complained*, *slammed*); AP style keeps to *said* for this reason."""

BELIEF_CUES = frozenset(
    {
        "believe",
        "think",
        "hope",
        "expect",
        "fear",
        "worry",
        "feel",
        "know",
        "want",
        "plan",
        "intend",
        "agree",
        "disagree",
        "doubt",
        "find",
        "show",
        "conclude",
        "learn",
        "see",
        "understand",
        "suspect",
        "wish",
        "imagine",
        "remember",
        "recognize",
        "prefer",
    }
)
"""Cues of belief, intention or finding (*thinks*, *hopes*, *plans*, *found*). They are
not statements and are off by default; ``RuleBasedExtractor(beliefs=True)`` reads them,
which is how PolNeAR annotates attribution."""

ACT_CUES = frozenset(
    {
        "call",
        "criticize",
        "criticise",
        "endorse",
        "defend",
        "praise",
        "question",
        "blame",
        "reject",
        "cite",
        "point to",
        "refer to",
        "express",
        "offer",
        "seek",
        "decline",
        "refuse",
        "oppose",
        "support",
        "back",
        "condemn",
        "applaud",
        "welcome",
        "demand",
        "dispute",
        "challenge",
        "highlight",
        "tout",
        "recommend",
        "talk about",
        "speak about",
        "denounce",
        "decry",
        "chide",
        "rebuke",
        "lambast",
        "assail",
        "deride",
        "hail",
        "portray",
        "characterize",
        "liken",
        "label",
        "order",
        "discuss",
        "dub",
        "disclose",
    }
)
"""Speech acts that take an object rather than a statement (*called for*, *criticized*,
*endorsed*, *cited*, *declined to*). Off by default: ``RuleBasedExtractor(acts=True)``
reads them, as PolNeAR does."""

_IRREGULAR: Final = {
    "say": ("said", "says", "saying", "say"),
    "tell": ("told", "tells", "telling", "tell"),
    "write": ("wrote", "writes", "writing", "write", "written"),
    "deny": ("denied", "denies", "denying", "deny"),
    "reply": ("replied", "replies", "replying", "reply"),
    "testify": ("testified", "testifies", "testifying", "testify"),
    "think": ("thought", "thinks", "thinking", "think"),
    "know": ("knew", "knows", "knowing", "know", "known"),
    "find": ("found", "finds", "finding", "find"),
    "feel": ("felt", "feels", "feeling", "feel"),
    "see": ("saw", "sees", "seeing", "see", "seen"),
    "understand": ("understood", "understands", "understanding", "understand"),
    "learn": ("learned", "learns", "learning", "learn", "learnt"),
    "worry": ("worried", "worries", "worrying", "worry"),
    "admit": ("admitted", "admits", "admitting", "admit"),
    "quip": ("quipped", "quips", "quipping", "quip"),
    "signal": ("signaled", "signalled", "signals", "signaling", "signalling", "signal"),
    "slam": ("slammed", "slams", "slamming", "slam"),
    "scoff": ("scoffed", "scoffs", "scoffing", "scoff"),
    "show": ("showed", "shows", "showing", "show", "shown"),
    "plan": ("planned", "plans", "planning", "plan"),
    "purport": ("purported", "purports", "purport"),
    "seek": ("sought", "seeks", "seeking", "seek"),
    "back": ("backed", "backs", "backing"),
    "question": ("questioned", "questions", "questioning"),
    "support": ("supported", "supports", "supporting"),
    "offer": ("offered", "offers", "offering"),
    "call": ("called", "calls", "calling", "call"),
    "tout": ("touted", "touts", "touting"),
    "refer": ("referred", "refers", "referring", "refer"),
    "speak": ("spoke", "speaks", "speaking", "speak", "spoken"),
    "decry": ("decried", "decries", "decrying", "decry"),
    "imply": ("implied", "implies", "implying", "imply"),
    "dub": ("dubbed", "dubs", "dubbing", "dub"),
    "prefer": ("preferred", "prefers", "preferring", "prefer"),
    "label": ("labeled", "labelled", "labels", "labeling", "labelling", "label"),
}


def _forms(lemma: str) -> tuple[str, ...]:
    if lemma in _IRREGULAR:
        return _IRREGULAR[lemma]
    if " " in lemma:
        verb, rest = lemma.split(" ", 1)
        return tuple(f"{form} {rest}" for form in _forms(verb))
    if lemma.endswith("e"):
        return (lemma + "d", lemma + "s", lemma[:-1] + "ing", lemma)
    if lemma.endswith(("sh", "ch", "ss", "x")):
        return (lemma + "ed", lemma + "es", lemma + "ing", lemma)
    return (lemma + "ed", lemma + "s", lemma + "ing", lemma)


def _build_forms() -> dict[str, str]:
    forms: dict[str, str] = {}
    for lemma in sorted(NEUTRAL_CUES | LOADED_CUES | BELIEF_CUES | ACT_CUES):
        if lemma == "according to":
            continue
        for form in _forms(lemma):
            forms.setdefault(form, lemma)
            if " " in form:
                # "pointed out": the verb leads, the reader checks the particle
                forms.setdefault(form.split()[0], lemma)
    return forms


CUE_FORMS: dict[str, str] = _build_forms()
"""Every inflected form of every cue verb, lower case, mapped to its lemma."""


def stance_of(lemma: str) -> str:
    """``loaded`` for a loaded cue lemma, ``neutral`` otherwise."""
    return "loaded" if lemma in LOADED_CUES else "neutral"


# Nouns that name a speaker who is not named: they make a mention anonymous when no
# proper name comes with them ("a senior official", "people familiar with the matter").
PERSON_NOUNS = _wordset(
    """official officials source sources spokesman spokeswoman spokesperson spokespeople
    diplomat diplomats aide aides adviser advisers advisor advisors officer officers
    person people insider insiders analyst analysts expert experts lawmaker lawmakers
    minister ministers commander commanders member members staffer staffers employee
    employees executive executives lawyer lawyers attorney attorneys representative
    representatives negotiator negotiators envoy envoys witness witnesses resident residents
    observer observers critic critics supporter supporters leader leaders colleague
    colleagues friend friends relative relatives investigator investigators researcher
    researchers economist economists scientist scientists doctor doctors activist activists
    voter voters administrator administrators director directors manager managers
    secretary president chairman chairwoman chair senator senators governor governors
    mayor mayors general generals ambassador ambassadors agent agents prosecutor
    prosecutors judge judges man woman men women official's officials'
    congressman congresswoman strategist strategists pollster pollsters operative
    operatives adviser's candidate candidates nominee campaign engineer engineers inspector
    inspectors worker workers owner owners teacher teachers student students farmer farmers
    soldier soldiers officer's trader traders banker bankers historian historians professor
    professors author authors lawyer's consultant consultants contractor contractors planner
    planners councilman councilwoman councillor councilor commissioner commissioners
    organizer organizers organiser organisers protester protesters protestor protesters
    demonstrator demonstrators parent parents patient patients victim victims survivor
    survivors official's insider's whistleblower whistleblowers journalist journalists
    reporter reporters editor editors columnist columnists correspondent correspondents
    writer writers host hosts anchor anchors commentator commentators fan fans resident's
    neighbor neighbors neighbour neighbours shopkeeper shopkeepers merchant merchants
    chief chiefs head heads founder founders ceo ceos boss bosses captain captains
    coach coaches player players conservative conservatives liberal liberals progressive
    progressives moderate moderates evangelical evangelicals independents donor donors
    delegate delegates advocate advocates ally allies veteran veterans scholar scholars
    attendee attendees pundit pundits rival rivals backer backers delegation participants
    respondents opponents proponents lady ladies wife husband son daughter mother father
    sister brother widow widower businessman businesswoman businessmen mogul moguls
    tycoon tycoons magnate magnates billionaire billionaires millionaire star stars
    politician politicians surgeon surgeons physician physicians nurse nurses pastor
    pastors priest priests rabbi bishop clerk clerks pilot pilots sheriff detective
    detectives associate associates"""
)

PLURAL_PERSON_NOUNS = frozenset(
    word for word in PERSON_NOUNS if word.endswith("s") and not word.endswith("ss")
) | {"people", "men", "women", "spokespeople", "police", "staff", "personnel", "clergy"}

_NOT_PERSON_COMPOUNDS: Final = _wordset(
    "specimen regimen abdomen acumen albumen stamen omen hymen dolmen"
)


def is_person_plural(word: str) -> bool:
    """Whether a lower-case word is a plural that names people: "officials", or a
    compound in *-men*, *-people* or *-folk* ("fishermen", "townspeople")."""
    if word in PLURAL_PERSON_NOUNS:
        return True
    return (
        len(word) > 5
        and word.endswith(("men", "people", "folk", "folks"))
        and word.isalpha()
        and word not in _NOT_PERSON_COMPOUNDS
    )


OUTLET_NOUNS = _wordset(
    """paper newspaper agency outlet broadcaster network channel magazine daily weekly
    station website site tabloid wire publication"""
)
OUTLET_WORDS = _wordset(
    """times post journal news press herald tribune gazette telegraph guardian observer
    reuters bloomberg agence afp ap cnn bbc nbc cbs abc fox msnbc npr politico axios
    economist atlantic independent mirror express chronicle globe monitor daily weekly
    magazine tv television radio newsweek wire ria tass xinhua yonhap kyodo interfax
    al-jazeera aljazeera jazeera courier star sun record register inquirer enquirer dispatch
    bulletin examiner sentinel review standard mail today ledger daily-news newswire broadcasting
    bureau"""
)
ORG_NOUNS = _wordset(
    """ministry department agency government administration office council committee
    commission company firm bank court army military navy police party campaign embassy
    white house pentagon kremlin institute university group organization organisation
    union board authority authorities coalition alliance administration's regime cabinet
    parliament congress senate house family families side sides city county town
    panel team association foundation network bureau crowd audience camp staff
    leadership establishment"""
)
TITLE_WORDS = _wordset(
    """president vice prime minister secretary spokesman spokeswoman spokesperson senator
    sen sen. rep rep. representative gov gov. governor general gen gen. lt lt. col col.
    colonel major maj maj. captain capt capt. sergeant sgt sgt. admiral adm adm. mayor
    ambassador chairman chairwoman chair director chief deputy assistant undersecretary
    under commander foreign defense defence interior state justice finance attorney judge
    justice speaker leader dr dr. mr mr. mrs mrs. ms ms. prof prof. professor rev rev.
    king queen prince princess sheikh emir premier chancellor envoy special senior acting
    former official head cardinal pope bishop father sister lord lady sir dame
    congressman congresswoman executive ceo cfo founder co-founder candidate nominee
    frontrunner analyst adviser advisor aide councilman councilwoman councillor councilor
    alderman commissioner master inspector superintendent sheriff marshal chairperson
    treasurer clerk registrar auditor comptroller provost dean rector principal"""
)
# What can head a description of a person: a person noun or an office.
ROLE_WORDS = PERSON_NOUNS | TITLE_WORDS
PRONOUNS = {
    "he": "person",
    "she": "person",
    "they": "group",
    "it": "organization",
    "i": "person",
    "we": "group",
    "who": "any",
}
NAME_PARTICLES = _wordset("al el de da di van von der bin ibn la le du dos del")


def is_share(words: Sequence[str], counts: frozenset[str], last_joint: int | None = None) -> bool:
    """Whether lower-case ``words`` hold a share: "one in five", "nine out of 10",
    "two of three". A count is a digit string or one of ``counts``; ``last_joint``
    bounds where the "in" or "of" may stand."""

    def count(word: str) -> bool:
        return word.isdigit() or word in counts

    stop = len(words) - 1 if last_joint is None else min(len(words) - 1, last_joint + 1)
    for joint in range(1, stop):
        word = words[joint]
        if word not in ("in", "of") or not count(words[joint + 1]):
            continue
        before = joint - 2 if word == "of" and words[joint - 1] == "out" else joint - 1
        if before >= 0 and count(words[before]):
            return True
    return False
