"""Speaker mentions: what a mention says about its agent, and which agent it refers to.

A mention such as "State Department spokesman Ned Price" is read into a name, a role and
an affiliation; "the official", "the paper", "he" or "Price" are resolved to an agent
already met in the article. Resolution only looks backwards and only through
dictionaries keyed by name, surname, head noun and kind, so it costs O(1) per mention
however many agents an article has.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import Final

from ._lexicon import (
    NAME_PARTICLES,
    ORG_NOUNS,
    OUTLET_NOUNS,
    OUTLET_WORDS,
    PERSON_NOUNS,
    PRONOUNS,
    TITLE_WORDS,
    _wordset,
    is_person_plural,
    is_share,
)

__all__ = ["AgentDraft", "AgentRegistry", "MentionInfo", "read_mention"]

# "[A-Z](?<!\w[A-Z])" is "\b[A-Z]" written so that the pattern opens with a character
# class, which lets the regex engine skip ahead to capitals instead of trying every
# position: these two scan every paragraph
_NAME_RE: Final = re.compile(
    r"[A-Z](?<!\w[A-Z])[a-z'’-]+"
    r"(?:[ \u00a0]+(?:[A-Z]\.(?:[ \u00a0]*[A-Z]\.)?|[A-Z][a-z'’-]+)){1,4}"
)
_SURNAME_RE: Final = re.compile(r"[A-Z](?<!\w[A-Z])[a-z'’-]+")
_NOT_NAMES: Final = _wordset(
    """the a an in on at but and as if when while after before speaking asked pressed
    according citing this that these those his her their its our we they he she it
    monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december north south east west new
    port mount lake river street avenue"""
)
_FEMALE: Final = _wordset(
    """spokeswoman councilwoman chairwoman congresswoman businesswoman mrs ms miss madam
    queen princess lady dame woman sister mother"""
)
_MALE: Final = _wordset(
    """spokesman councilman chairman congressman businessman mr sir king prince lord man
    brother father"""
)
_DETERMINERS: Final = _wordset(
    """the a an another one two three several some many most few his her their its our
    this that these those any other numerous multiple"""
)
# Words a mention read from a sentence's start may carry before its role.
_CLAUSE_LEADERS: Final = _wordset(
    "when while after before as because since if although though once until unless whereas"
)
_INDEFINITE: Final = _wordset(
    """a an another one two three several some many most few any numerous multiple"""
)
_ANONYMOUS_MARKERS: Final = _wordset(
    """unnamed unidentified anonymous anonymously familiar condition"""
)
_THE_OUTLETS: Final = _wordset(
    """wall street journal new york times washington post guardian times economist
    atlantic hill independent telegraph observer new yorker associated press intercept
    daily beast daily telegraph financial times boston globe los angeles times"""
)
_NOT_NAME_WORDS: Final = ORG_NOUNS | OUTLET_WORDS | _NOT_NAMES | TITLE_WORDS
"""Words that make a capitalised run something other than a person's name."""
_BODY_WORDS: Final = ORG_NOUNS | OUTLET_WORDS
_DOC_NOUNS: Final = _wordset(
    """report study statement poll survey document documents letter memo filing
    complaint lawsuit article story analysis data records website ad ads book
    release indictment email emails tweet post video transcript summary assessment
    review audit investigation"""
)


@dataclass(slots=True, frozen=True)
class MentionInfo:
    """What one mention says: the words it is made of, read as name, role and kind."""

    text: str
    kind: str
    """person, organization, outlet, anonymous, group, or pronoun."""
    name: str
    role: str | None = None
    affiliation: str | None = None
    head: str = ""
    definite: bool = False
    indefinite: bool = False
    proper: bool = False
    plural: bool = False


@dataclass(slots=True, init=False)
class AgentDraft:
    """An agent while the article is read; frozen into a model ``Agent`` at the end."""

    key: int
    name: str
    kind: str
    role: str | None
    affiliation: str | None
    anonymous: bool
    mentions: list[tuple[int, int]]
    heads: set[str]
    speaks: bool
    gender: str
    """"m" or "f" once a title or a pronoun tells; "" while unknown."""
    seen: set[tuple[int, int]]

    def __init__(
        self,
        key: int,
        name: str,
        kind: str,
        role: str | None,
        affiliation: str | None,
        anonymous: bool,
    ) -> None:
        # written out: mypyc compiles this one to C, while the __init__ dataclasses
        # generates runs as Python for every agent
        self.key = key
        self.name = name
        self.kind = kind
        self.role = role
        self.affiliation = affiliation
        self.anonymous = anonymous
        self.mentions = []
        self.heads = set()
        self.speaks = False
        self.gender = ""
        self.seen = set()


@dataclass(slots=True)
class KnownName:
    """A person's full name met anywhere in the article, speaking or not."""

    name: str
    role: str | None
    affiliation: str | None
    span: tuple[int, int]
    gender: str


def _is_capitalised(word: str) -> bool:
    return bool(word) and (word[0].isupper() or word[0].isdigit())


def _is_name_word(words: list[str], index: int) -> bool:
    word = words[index]
    low = word.lower()
    if low in TITLE_WORDS or low.rstrip(".") in TITLE_WORDS or word.isdigit():
        return False  # a title, or a count: "nine out of 10"
    if _is_capitalised(word):
        return True
    # "al-Kadhimi", "de Blasio", "van Rijn": a particle between capitalised words
    if "-" in word:
        head, _, rest = word.partition("-")
        return head.lower() in NAME_PARTICLES and _is_capitalised(rest)
    return low in NAME_PARTICLES and index + 1 < len(words) and _is_capitalised(words[index + 1])


_POSTMODIFIER_STARTS: Final = _wordset("for of to at with from familiar close who in")


def _served_start(body: list[str], body_low: list[str], name_start: int, text: str) -> int:
    """Where the name starts, with its titles, when it is whom a person noun before it
    speaks for: "lawyers for Reyes", "an adviser to Mayor Ortiz", "the mayor of Harbor
    City", "officials close to Ortiz" (the speaker is the lawyers, the adviser, the
    mayor, the officials); 0 when it is not."""
    if not 0 < name_start < len(body_low) or "," in text:
        return 0  # "A spokeswoman for the mayor, Ida Berg,": the name in commas speaks
    preposition = name_start - 1
    while preposition > 0 and (
        body_low[preposition].rstrip(".") in TITLE_WORDS or body_low[preposition] == "the"
    ):
        preposition -= 1  # "to Mayor Ortiz", "of the Harbor Council"
    if preposition < 1 or body_low[preposition] not in ("for", "to", "of"):
        return 0
    if body_low[preposition] == "of" and body[preposition - 1] != body_low[preposition - 1]:
        return 0  # an office: "Secretary of State Ada Lund" is Ada Lund
    head = body_low[preposition - 1]
    if head == "close" and preposition >= 2 and body_low[preposition] == "to":
        head = body_low[preposition - 2]  # "officials close to Ortiz"
    if head in PERSON_NOUNS or _plural_of_people(head):
        return preposition + 2 if body_low[preposition + 1] == "the" else preposition + 1
    return 0


def _home_person(body: list[str], body_low: list[str], name_start: int) -> int:
    """Where a person's name starts when a place or body follows it after *of*, the
    place starting at ``name_start``: "Sen. Tom Reyes of Harbor", "Ida Lund of Quill
    Marine"; -1 when the mention is not so. The name has two words or a title; a body
    named with *of* is no person: "Department of Justice", "Bank of Harbor" (a mention
    with "the" is not read so at all)."""
    if not 2 <= name_start < len(body) or body_low[name_start - 1] != "of":
        return -1
    before = name_start - 2
    if not _is_name_word(body, before):
        return -1
    first = before
    while first > 0 and _is_name_word(body, first - 1):
        first -= 1
    if any(
        word in ORG_NOUNS or word in OUTLET_WORDS or word in _QUANTITIES or word in _COUNTS
        for word in body_low[first : before + 1]
    ):
        return -1  # "Bank of Harbor", "Half of Harbor voters", "Most of Quill Marine"
    titled = first > 0 and body_low[first - 1].rstrip(".") in TITLE_WORDS
    if not (titled or before > first) or (first > 0 and body_low[first - 1] == "of"):
        return -1  # "Federation of Pilots", "University of Harbor School of Law": a body
    return first


_QUANTITIES: Final = _wordset(
    """half most many some all none each both several few majority minority third thirds
    quarter quarters percent dozens hundreds thousands"""
)


def _plural_of_people(head: str) -> bool:
    """Whether a lower-case head names people in the plural: "officials", "lawyers"."""
    return is_person_plural(head) or (
        head.endswith("s") and not head.endswith("ss") and head[:-1] in PERSON_NOUNS
    )


def read_mention(words: list[str], text: str) -> MentionInfo:
    """Read the words of a mention ("State Department spokesman Ned Price").

    Args:
        words: the mention's word tokens, in order (punctuation removed).
        text: the mention as written, for names that keep their words.

    Returns:
        What the mention says: its kind, a name, a role and an affiliation.
    """
    return _read_mention(tuple(words), text)


@functools.lru_cache(maxsize=4096)
def _read_mention(written: tuple[str, ...], text: str) -> MentionInfo:
    # an article names the same few people again and again: read each mention once
    words = list(written)
    if not words:
        return MentionInfo(text=text, kind="anonymous", name=text)
    low = [word.lower() for word in words]
    if len(words) == 1 and low[0] in PRONOUNS:
        return MentionInfo(text=text, kind="pronoun", name=words[0], head=low[0])
    definite = low[0] == "the"
    indefinite = low[0] in _INDEFINITE
    start = 0
    while start < len(words) - 1 and low[start] in _DETERMINERS:
        start += 1
    body = words[start:]
    body_low = low[start:]
    # the name: the trailing run of capitalised words that are not titles
    name_start = len(body)
    while name_start > 0 and _is_name_word(body, name_start - 1):
        name_start -= 1
    named_after_comma = _name_after_comma(body, text)
    if named_after_comma:
        # "The mayor of Harbor City, Ida Lund": the name is what follows the comma
        name_start = len(body) - named_after_comma
    served = _served_start(body, body_low, name_start, text)
    # "Sen. Tom Reyes of Harbor": the person before "of", from the place after it
    person_start = -1 if served or definite else _home_person(body, body_low, name_start)
    if person_start >= 0:
        # "a spokesman for Mayor Tom Reyes of Harbor" is the spokesman
        served = _served_start(body, body_low, person_start, text)
    if served:
        name_start = len(body)  # a description, affiliated with the name it serves
    elif person_start >= 0:
        role_words = body[:person_start]
        return MentionInfo(
            text=text,
            kind="person",
            name=" ".join(body[person_start : name_start - 1]),
            role=" ".join(role_words) or None,
            affiliation=" ".join(body[name_start:]),
            head=body_low[name_start - 2],
            definite=definite,
            proper=True,
        )
    has_postmodifier = False
    if name_start == len(body):
        # "a spokesman for the ministry", "people familiar with the talks": the head
        # comes before the preposition
        for index, word in enumerate(body_low):
            if word in _POSTMODIFIER_STARTS or (
                # "pilots hired by the port": a passive relative after the head
                index > 0 and word.endswith("ed") and body_low[index + 1 : index + 2] == ["by"]
            ):
                body_head = body_low[index - 1] if index > 0 else word
                has_postmodifier = True
                break
        else:
            body_head = body_low[-1]
    else:
        body_head = body_low[-1]
    head = body_head.rstrip(".").removesuffix("'s").removesuffix("’s")
    name_words = body[name_start:]
    role_words = body[:name_start]
    if named_after_comma:
        # "When the F.B.I. director, James B. Comey, said": the role is "F.B.I. director"
        while role_words and (
            role_words[0].lower() in _CLAUSE_LEADERS or role_words[0].lower() in _DETERMINERS
        ):
            role_words = role_words[1:]
    if (
        name_words
        and len(role_words) >= 2
        and role_words[-1] == "and"
        and _is_name_word(role_words, len(role_words) - 2)
    ):
        # "Lund and Reyes", "Mayor Ortiz, Lund and Reyes": two or more speakers
        # together, one group whose name is every name as written
        return MentionInfo(
            text=text,
            kind="group",
            name=text if start == 0 else " ".join(body),
            head=head,
            definite=definite,
            proper=True,
            plural=True,
        )
    if (
        name_words
        and len(role_words) >= 2
        and role_words[-1].lower() == "of"
        and role_words[-2].lower() in ORG_NOUNS
    ):
        # "the city of Dover", "the University of Leeds": a body named after a place
        return MentionInfo(
            text=text,
            kind="organization",
            name=" ".join(body),
            head=role_words[-2].lower(),
            definite=definite,
            proper=True,
        )
    if (
        name_words == body
        and len(body) == 1
        and (body_low[0] in _DOC_NOUNS or body_low[0].removesuffix("s") in _DOC_NOUNS)
    ):
        name_words, role_words = [], body  # "Documents obtained by ...": a capital at the start
    if name_words and not has_postmodifier:
        name = " ".join(name_words)
        name_low = {word.lower() for word in name_words}
        if name_low & OUTLET_WORDS and not role_words:
            if definite and name_low & _THE_OUTLETS:
                name = "The " + name
            return MentionInfo(
                text=text, kind="outlet", name=name, head=head, definite=definite, proper=True
            )
        if name_low & ORG_NOUNS or (len(name_words) == 1 and name_words[0].isupper()):
            kind = "organization"
            if name_low & OUTLET_WORDS:
                kind = "outlet"
            return MentionInfo(
                text=text,
                kind=kind,
                name=name,
                role=" ".join(role_words) or None,
                head=head,
                definite=definite,
                proper=True,
            )
        role = " ".join(role_words) or None
        return MentionInfo(
            text=text,
            kind="person",
            name=name,
            role=role,
            affiliation=_affiliation(role_words) or _served_body(role_words),
            head=head,
            definite=definite,
            proper=True,
        )
    description = " ".join(body)
    plural = _plural_of_people(head)
    if head in PERSON_NOUNS or plural or set(body_low) & _ANONYMOUS_MARKERS:
        kind = "group" if plural else "anonymous"
        return MentionInfo(
            text=text,
            kind=kind,
            name=" ".join(words),
            role=head,
            affiliation=" ".join(body[served:]) if served else _affiliation(body[:-1]),
            head=head,
            definite=definite,
            indefinite=indefinite,
            plural=plural,
        )
    if head.isdigit() or head in _COUNTS or is_share(low, _COUNTS):
        # "One in five", "nearly nine out of 10": a share of people, unnamed
        return MentionInfo(
            text=text,
            kind="group",
            name=" ".join(words),
            head=head,
            definite=definite,
            indefinite=indefinite,
            plural=True,
        )
    if head in OUTLET_NOUNS:
        kind = "outlet"
    elif head in ORG_NOUNS or head in _DOC_NOUNS:
        kind = "organization"
    else:
        kind = "organization" if _is_capitalised(body[0]) else "anonymous"
    return MentionInfo(
        text=text,
        kind=kind,
        name=description,
        head=head,
        definite=definite,
        indefinite=indefinite,
    )


_COUNTS: Final = _wordset("one two three four five six seven eight nine ten")


def _name_after_comma(body: list[str], text: str) -> int:
    """How many words end the mention after its last comma when they are a name that
    a role before them describes ("The mayor of Harbor City, Ida Lund"); 0 if not."""
    if "," not in text:
        return 0
    tail = text.rsplit(",", 1)[1].split()
    count = len(tail)
    if not 2 <= count < len(body) or body[-count:] != tail:
        return 0
    if not all(_is_name_word(body, index) for index in range(len(body) - count, len(body))):
        return 0
    return count


def _served_body(role_words: list[str]) -> str | None:
    """ "Harbor City" of "mayor of Harbor City", "Harbor Marine" of "spokesman for the
    Harbor Marine": the body a role is held for, when it is capitalised."""
    low = [word.lower() for word in role_words]
    for index in range(1, len(low) - 1):
        if (
            low[index] in ("of", "for", "to")
            and (low[index - 1] in PERSON_NOUNS or low[index - 1].rstrip(".") in TITLE_WORDS)
            # a capitalised office names no body: "Secretary of State"
            and not _is_capitalised(role_words[index - 1])
        ):
            rest = role_words[index + 1 :]
            if rest and rest[0].lower() == "the":
                rest = rest[1:]
            if (
                rest
                and all(_is_capitalised(word) for word in rest)
                # "spokesman for House Speaker": an office, not a body
                and rest[-1].lower().rstrip(".") not in TITLE_WORDS
            ):
                return " ".join(rest)
            return None
    return None


def _affiliation(role_words: list[str]) -> str | None:
    """ "State Department" of "State Department spokesman"; ``None`` when there is none."""
    run: list[str] = []
    for word in role_words:
        if not _is_capitalised(word):
            break
        run.append(word)
    while run and run[-1].lower().rstrip(".") in TITLE_WORDS:
        run.pop()
    if not run:
        return None
    lows = {word.lower() for word in run}
    if not lows.isdisjoint(_BODY_WORDS) or len(run) >= 2:
        return " ".join(run)
    return None


class AgentRegistry:
    """The agents of one article, with the indexes that resolve later mentions."""

    def __init__(self, text: str = "") -> None:
        self.text = text
        self.agents: list[AgentDraft] = []
        self._known: dict[str, KnownName] = {}
        self._recent: list[tuple[int, str]] = []
        self._surnames: dict[str, str] = {}
        """Known surnames as written ("Okafor") and their keys."""
        self._seen_names: dict[str, str | None] = {}
        """(position, surname key) of every full name met, in article order."""
        self._by_name: dict[str, AgentDraft] = {}
        self._by_surname: dict[str, AgentDraft] = {}
        self._by_head: dict[str, AgentDraft] = {}
        self._last_by_kind: dict[str, AgentDraft] = {}
        self._last_person: AgentDraft | None = None
        self._last_by_gender: dict[str, AgentDraft] = {}
        self._last_plural: AgentDraft | None = None
        self._last_org: AgentDraft | None = None

    def resolve(self, info: MentionInfo, span: tuple[int, int]) -> AgentDraft:
        """The agent a mention refers to: an earlier one, or a new one."""
        agent = self._find(info, span[0])
        if agent is None:
            agent = self._from_known(info)
        if agent is None:
            agent = self._create(info)
        self.note(agent, info, span)
        if info.kind == "pronoun" and info.head in ("he", "she") and not agent.gender:
            agent.gender = "m" if info.head == "he" else "f"
            self._last_by_gender[agent.gender] = agent
        return agent

    def knows(self, info: MentionInfo, before: int) -> bool:
        """Whether the mention names someone met before ``before`` (a speaker, or a full
        name anywhere earlier in the article)."""
        if self._find(info) is not None:
            return True
        words = info.name.split()
        known = self._known.get(_name_key(words[-1])) if words else None
        return known is not None and known.span[1] <= before

    def observe(self, start: int, end: int) -> None:
        """Note the full names of people in ``text[start:end]`` (one paragraph), so that
        a later "Okafor" or "she" finds "ministry spokeswoman Dana Okafor"."""
        text = self.text
        found: list[tuple[int, str]] = []
        if self._surnames:
            # a surname alone ("Okafor was blunt") keeps its person recent
            for match in _SURNAME_RE.finditer(text, start, end):
                key = self._surnames.get(match.group())
                if key is not None:
                    found.append((match.start(), key))
        for match in _NAME_RE.finditer(text, start, end):
            written = match.group()
            seen = self._seen_names.get(written, "")
            if seen is None:
                continue
            if seen:
                found.append((match.start(), seen))
                continue
            key = self._read_name(written, match.start(), match.end(), start)
            self._seen_names[written] = key
            if key is not None:
                found.append((match.start(), key))
        found.sort()
        self._recent.extend(found)

    def _read_name(self, written: str, match_start: int, match_end: int, floor: int) -> str | None:
        """The surname key of a person's name as written, remembered in ``_known``."""
        text = self.text
        words = written.split()
        lead = 0
        while lead < len(words) and (
            words[lead].lower().rstrip(".") in TITLE_WORDS or words[lead].lower() in _NOT_NAMES
        ):
            lead += 1
        name_words = words[lead:]
        if len(name_words) < 2 or len(name_words) > 4:
            return None
        lows = {word.lower().rstrip(".") for word in name_words}
        if not lows.isdisjoint(_NOT_NAME_WORDS):
            return None
        key = _name_key(name_words[-1])
        if key in self._known:
            return key
        role_words = [word for word in words[:lead] if word.lower() not in _NOT_NAMES]
        before = text[max(floor, match_start - 40) : match_start].split()
        while before and (
            before[-1].lower() in TITLE_WORDS
            or before[-1].lower() in PERSON_NOUNS
            or before[-1].lower() in ORG_NOUNS
        ):
            role_words.insert(0, before.pop())
        # "State Department spokesman", "Harbour spokeswoman": the body they speak for
        for _ in range(3):
            if role_words and before and before[-1][:1].isupper() and before[-1].isalpha():
                role_words.insert(0, before.pop())
        lowered = {word.lower().rstrip(".") for word in role_words}
        self._known[key] = KnownName(
            name=" ".join(name_words),
            role=" ".join(role_words) or None,
            affiliation=_affiliation(role_words),
            span=(match_start, match_end),
            gender="f" if lowered & _FEMALE else "m" if lowered & _MALE else "",
        )
        self._surnames[name_words[-1]] = key
        return key

    def _from_known(self, info: MentionInfo) -> AgentDraft | None:
        """A person first met without speaking ("Dana Okafor defended ..."), now a speaker."""
        if not (info.proper and info.kind == "person"):
            return None
        words = info.name.split()
        known = self._known.get(_name_key(words[-1]))
        if known is None or (len(words) > 1 and known.name != info.name):
            return None
        agent = self._create(
            MentionInfo(
                text=known.name,
                kind="person",
                name=known.name,
                role=info.role or known.role,
                affiliation=info.affiliation or known.affiliation,
                proper=True,
            )
        )
        agent.gender = known.gender
        self.note(agent, info, known.span)
        return agent

    def _pronoun_referent(self, pronoun: str, position: int) -> AgentDraft | None:
        """The latest person before ``position`` that "he" or "she" can stand for."""
        unwanted = "f" if pronoun == "he" else "m" if pronoun == "she" else "?"
        speaker = self._last_person
        index = bisect.bisect_left(self._recent, (position, ""))
        for recent_position, key in reversed(self._recent[max(0, index - 8) : index]):
            if (
                speaker is not None
                and speaker.gender != unwanted
                and speaker.mentions
                and speaker.mentions[-1][0] > recent_position
            ):
                break  # the latest speaker came after this name: prefer the speaker
            known = self._known[key]
            agent = self._by_surname.get(key) or self._by_name.get(_name_key(known.name))
            gender = agent.gender if agent is not None else known.gender
            if gender == unwanted:
                continue
            if agent is not None:
                return agent
            return self._from_known(
                MentionInfo(text=known.name, kind="person", name=known.name, proper=True)
            )
        if speaker is not None and speaker.gender != unwanted:
            return speaker
        return self._last_by_gender.get("m" if pronoun == "he" else "f")

    def last_person(self) -> AgentDraft | None:
        """The person most recently mentioned as a speaker (for "A:" in an interview)."""
        return self._last_person

    def note(self, agent: AgentDraft, info: MentionInfo, span: tuple[int, int]) -> None:
        """Record a mention of ``agent`` and make it the most recent of its kind."""
        if span not in agent.seen:
            agent.seen.add(span)
            agent.mentions.append(span)
        if not agent.gender and info.role:
            lowered = set(info.role.lower().replace(".", "").split())
            agent.gender = "f" if lowered & _FEMALE else "m" if lowered & _MALE else ""
        if info.head:
            agent.heads.add(info.head)
            if info.kind != "pronoun":
                self._by_head[info.head] = agent
        for word in (agent.role or "").lower().split():
            agent.heads.add(word)
            self._by_head.setdefault(word, agent)
            if self._by_head[word].kind == agent.kind:
                self._by_head[word] = agent
        self._last_by_kind[agent.kind] = agent
        if agent.gender:
            self._last_by_gender[agent.gender] = agent
        if agent.kind in ("person", "anonymous"):
            self._last_person = agent
        elif agent.kind == "group":
            self._last_plural = agent
        else:
            self._last_org = agent

    def _find(self, info: MentionInfo, position: int = 0) -> AgentDraft | None:
        if info.kind == "pronoun":
            if info.head in ("he", "she"):
                return self._pronoun_referent(info.head, position)
            if info.head == "i":
                return self._last_person
            if info.head in ("they", "we"):
                return self._last_plural or self._last_org or self._last_person
            if info.head == "it":
                return self._last_org
            return self._last_person or self._last_org
        if info.proper:
            key = _name_key(info.name)
            found = self._by_name.get(key)
            if found is not None:
                return found
            if info.kind == "person" and " " not in info.name:
                return self._by_surname.get(key)
            return None
        if info.indefinite:
            return None
        if info.definite:
            if info.head in OUTLET_NOUNS:
                return self._by_head.get(info.head) or self._last_by_kind.get("outlet")
            found = self._by_head.get(info.head)
            if found is not None:
                return found
            if info.head in ORG_NOUNS:
                for agent in (self._last_by_kind.get("organization"),):
                    if agent is not None and info.head in agent.name.lower():
                        return agent
            return None
        return self._by_name.get(_name_key(info.name))

    def _create(self, info: MentionInfo) -> AgentDraft:
        if info.kind == "pronoun":
            kind = {"he": "person", "she": "person", "i": "person"}.get(info.head, "group")
            if info.head == "it":
                kind = "organization"
            anonymous = False
        else:
            kind = info.kind
            anonymous = kind in ("anonymous", "group") and not info.proper
        agent = AgentDraft(
            key=len(self.agents),
            name=info.name,
            kind=kind,
            role=info.role,
            affiliation=info.affiliation,
            anonymous=anonymous,
        )
        self.agents.append(agent)
        if info.proper:
            self._by_name[_name_key(info.name)] = agent
            if kind == "person" and " " in info.name:
                self._by_surname[_name_key(info.name.split()[-1])] = agent
        elif info.kind != "pronoun" and not info.indefinite:
            self._by_name.setdefault(_name_key(info.name), agent)
        return agent


def _name_key(name: str) -> str:
    key = name.lower().replace("’", "'")
    return key.removeprefix("the ")
