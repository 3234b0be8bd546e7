"""The extract stage: the attributed claims of an article, and who made them.

``extract(document)`` returns every statement the article attributes to someone, as
:class:`~sourcetrace.Claim` objects whose spans point into ``document.text``, and the
:class:`~sourcetrace.Agent` objects that speak or relay them. The default extractor is
rule-based (:class:`RuleBasedExtractor`): pure, deterministic, no network, no model.
Any object with an ``extract(document) -> Extraction`` method can take its place.

Example:
    >>> claims = extract_claims('"We will stay," the mayor said on Monday.')
    >>> claims[0].kind, claims[0].quote, claims[0].speaker.name, claims[0].cue.lemma
    ('direct', 'We will stay', 'the mayor', 'say')
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from .._errors import ConfigError
from .._models import Agent, Claim, Document
from . import _rules
from ._lexicon import ACT_CUES, BELIEF_CUES, LOADED_CUES, NEUTRAL_CUES
from ._rules import run

__all__ = [
    "ACT_CUES",
    "BELIEF_CUES",
    "LOADED_CUES",
    "NEUTRAL_CUES",
    "Extraction",
    "Extractor",
    "RuleBasedExtractor",
    "extract",
    "extract_claims",
]


@dataclass(frozen=True)
class Extraction:
    """What an extractor found in one article.

    ``claims`` are in article order with ids ``c1``, ``c2`` ...; ``agents`` are the
    agents that speak or relay at least one claim, ids ``a1``, ``a2`` ... in order of
    first mention. A claim's ``speaker`` and ``via`` are these same agents.
    """

    claims: list[Claim]
    agents: list[Agent]


@runtime_checkable
class Extractor(Protocol):
    """Anything that finds attributed claims in a document."""

    def extract(self, document: Document) -> Extraction:
        """The claims and agents of ``document``; spans point into ``document.text``."""
        ...


class RuleBasedExtractor:
    """The default extractor: cue words, quotation marks and a few dozen patterns.

    It never raises on text it is given and runs in time linear in the text's length.

    Args:
        beliefs: also read cues of belief, intention and finding ("thinks", "hopes",
            "plans", "found"; see :data:`BELIEF_CUES`) as attributions. They are not
            statements a fact-checker can trace, so this is off by default. ``True``
            reads them all; a collection of lemmas (``{"think", "believe"}``) reads
            only those.
        acts: also read speech acts that take an object rather than a statement
            ("called for", "criticized", "cited", "declined to"; see :data:`ACT_CUES`).
            Off by default for the same reason; ``True`` or a collection of lemmas.

    Raises:
        ConfigError: a lemma that is not in :data:`BELIEF_CUES` or :data:`ACT_CUES`.

    Example:
        >>> RuleBasedExtractor(beliefs={"think", "believe"})
        RuleBasedExtractor(beliefs=['believe', 'think'], acts=False)
    """

    def __init__(
        self, *, beliefs: bool | Iterable[str] = False, acts: bool | Iterable[str] = False
    ) -> None:
        self.beliefs: frozenset[str] = _chosen_cues("beliefs", beliefs, BELIEF_CUES)
        """The belief lemmas this extractor reads (empty: none)."""
        self.acts: frozenset[str] = _chosen_cues("acts", acts, ACT_CUES)
        """The act lemmas this extractor reads (empty: none)."""

    def __repr__(self) -> str:
        return (
            f"RuleBasedExtractor(beliefs={_shown(self.beliefs, BELIEF_CUES)}, "
            f"acts={_shown(self.acts, ACT_CUES)})"
        )

    def extract(self, document: Document) -> Extraction:
        """The attributed claims of ``document`` and the agents behind them."""
        claims, agents = run(document, beliefs=self.beliefs, acts=self.acts)
        return Extraction(claims=claims, agents=agents)


def _chosen_cues(
    name: str, chosen: bool | Iterable[str], lexicon: frozenset[str]
) -> frozenset[str]:
    if chosen is True:
        return lexicon
    if chosen is False:
        return frozenset()
    if isinstance(chosen, str):
        raise ConfigError(
            f"{name}= takes True, False or a collection of lemmas such as "
            f"{{{chosen!r}}}, not the string {chosen!r}"
        )
    picked = frozenset(chosen)
    unknown = sorted(picked - lexicon)
    if unknown:
        raise ConfigError(
            f"{name}= got {unknown}, which are no lemmas of that kind; "
            f"choose among {sorted(lexicon)}"
        )
    return picked


def _shown(chosen: frozenset[str], lexicon: frozenset[str]) -> str:
    if chosen == lexicon:
        return "True"
    return repr(sorted(chosen)) if chosen else "False"


_DEFAULT = RuleBasedExtractor()


def extract(document: Document, *, extractor: Extractor | None = None) -> Extraction:
    """Find the attributed claims of an article.

    Args:
        document: the article; claims' spans point into ``document.text``.
        extractor: what finds them (default: :class:`RuleBasedExtractor`).

    Returns:
        The claims, in article order, and the agents that speak or relay them.
    """
    return (extractor or _DEFAULT).extract(document)


def extract_claims(text: str | Document, *, extractor: Extractor | None = None) -> list[Claim]:
    """The attributed claims of an article given as text or as a :class:`Document`.

    A string is read as ``Document(id=Document.make_id(text), text=text, kind="article")``;
    offsets point into that exact string.

    Example:
        >>> claims = extract_claims("According to the ministry, the road reopens today.")
        >>> claims[0].kind, claims[0].text, claims[0].speaker.name
        ('indirect', 'the road reopens today', 'ministry')
    """
    if isinstance(text, str):
        document = Document(id=Document.make_id(text), text=text, kind="article")
    else:
        document = text
    return extract(document, extractor=extractor).claims


def _reader_build() -> str:
    """How the rule-based reader runs: ``"compiled with mypyc"`` when installed from a
    wheel built with the mypyc hook (docs/extraction.md, "Compiled with mypyc"), else
    ``"pure Python"``."""
    return "pure Python" if _rules.__file__.endswith(".py") else "compiled with mypyc"
