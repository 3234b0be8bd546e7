"""Speaker mentions: what a mention says about its agent, and which agent it refers to.

A mention such as "State Department spokesman Ned Price" is read into a name, a role and
an affiliation; "the official", "the paper", "he" or "Price" are resolved to an agent
already met in the article. Resolution only looks backwards and only through
dictionaries keyed by name, surname, head noun and kind, so it costs O(1) per mention
however many agents an article has.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ._lexicon import (
    NAME_PARTICLES,
    ORG_NOUNS,
    OUTLET_NOUNS,
    OUTLET_WORDS,
    PERSON_NOUNS,
    PLURAL_PERSON_NOUNS,
    PRONOUNS,
    TITLE_WORDS,
    _wordset,
)

__all__ = ["AgentDraft", "AgentRegistry", "MentionInfo", "read_mention"]

_DETERMINERS = _wordset(
    """the a an another one two three several some many most few his her their its our
    this that these those any other numerous multiple"""
)
_INDEFINITE = _wordset(
    """a an another one two three several some many most few any numerous multiple"""
)
_ANONYMOUS_MARKERS = _wordset("""unnamed unidentified anonymous anonymously familiar condition""")
_THE_OUTLETS = _wordset(
    """wall street journal new york times washington post guardian times economist
    atlantic hill independent telegraph observer new yorker associated press intercept
    daily beast daily telegraph financial times boston globe los angeles times"""
)
_DOC_NOUNS = _wordset(
    """report study statement poll survey document documents letter memo filing
    complaint lawsuit article story analysis data records website ad ads book
    release indictment email emails tweet post video transcript summary assessment
    review audit investigation"""
)


@dataclass(slots=True)
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


@dataclass(slots=True)
class AgentDraft:
    """An agent while the article is read; frozen into a model ``Agent`` at the end."""

    key: int
    name: str
    kind: str
    role: str | None
    affiliation: str | None
    anonymous: bool
    mentions: list[tuple[int, int]] = field(default_factory=list)
    heads: set[str] = field(default_factory=set)
    speaks: bool = False


def _is_capitalised(word: str) -> bool:
    return bool(word) and (word[0].isupper() or word[0].isdigit())


def _is_name_word(words: list[str], index: int) -> bool:
    word = words[index]
    low = word.lower()
    if low in TITLE_WORDS or low.rstrip(".") in TITLE_WORDS:
        return False
    if _is_capitalised(word):
        return True
    # "al-Kadhimi", "de Blasio", "van Rijn": a particle between capitalised words
    if "-" in word:
        head, _, rest = word.partition("-")
        return head.lower() in NAME_PARTICLES and _is_capitalised(rest)
    return low in NAME_PARTICLES and index + 1 < len(words) and _is_capitalised(words[index + 1])


def read_mention(words: list[str], text: str) -> MentionInfo:
    """Read the words of a mention ("State Department spokesman Ned Price").

    Args:
        words: the mention's word tokens, in order (punctuation removed).
        text: the mention as written, for names that keep their words.

    Returns:
        What the mention says: its kind, a name, a role and an affiliation.
    """
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
    has_postmodifier = False
    if name_start == len(body):
        # "a spokesman for the ministry", "people familiar with the talks": the head
        # comes before the preposition
        for index, word in enumerate(body_low):
            if word in ("for", "of", "at", "with", "from", "familiar", "close", "who", "in"):
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
            affiliation=_affiliation(role_words),
            head=head,
            definite=definite,
            proper=True,
        )
    description = " ".join(body)
    plural = head in PLURAL_PERSON_NOUNS or (
        head.endswith("s") and not head.endswith("ss") and head[:-1] in PERSON_NOUNS
    )
    if head in PERSON_NOUNS or plural or set(body_low) & _ANONYMOUS_MARKERS:
        kind = "group" if plural else "anonymous"
        return MentionInfo(
            text=text,
            kind=kind,
            name=" ".join(words),
            role=head,
            affiliation=_affiliation(body[:-1]),
            head=head,
            definite=definite,
            indefinite=indefinite,
            plural=plural,
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
    if lows & (ORG_NOUNS | OUTLET_WORDS) or len(run) >= 2:
        return " ".join(run)
    return None


class AgentRegistry:
    """The agents of one article, with the indexes that resolve later mentions."""

    def __init__(self) -> None:
        self.agents: list[AgentDraft] = []
        self._by_name: dict[str, AgentDraft] = {}
        self._by_surname: dict[str, AgentDraft] = {}
        self._by_head: dict[str, AgentDraft] = {}
        self._last_by_kind: dict[str, AgentDraft] = {}
        self._last_person: AgentDraft | None = None
        self._last_plural: AgentDraft | None = None
        self._last_org: AgentDraft | None = None

    def resolve(self, info: MentionInfo, span: tuple[int, int]) -> AgentDraft:
        """The agent a mention refers to: an earlier one, or a new one."""
        agent = self._find(info)
        if agent is None:
            agent = self._create(info)
        self.note(agent, info, span)
        return agent

    def last_person(self) -> AgentDraft | None:
        """The person most recently mentioned as a speaker (for "A:" in an interview)."""
        return self._last_person

    def note(self, agent: AgentDraft, info: MentionInfo, span: tuple[int, int]) -> None:
        """Record a mention of ``agent`` and make it the most recent of its kind."""
        if span not in agent.mentions:
            agent.mentions.append(span)
        if info.role is None and info.kind in ("person",) and agent.role is None:
            pass
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
        if agent.kind in ("person", "anonymous"):
            self._last_person = agent
        elif agent.kind == "group":
            self._last_plural = agent
        else:
            self._last_org = agent

    def _find(self, info: MentionInfo) -> AgentDraft | None:
        if info.kind == "pronoun":
            if info.head in ("he", "she", "i"):
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
