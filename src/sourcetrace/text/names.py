"""Person names, read the same way wherever they are compared.

Discovery looks for a speaker's surname among a document's authors and transcript
labels; matching looks for it in the label of the turn that holds a passage. Both
must agree on what the surname of "Sen. Ana Lund" or "Tomas Reyes Jr." is.
"""

from __future__ import annotations

from .normalize import normalize

__all__ = ["NAME_SUFFIXES", "NAME_TITLES", "name_words", "surname"]

NAME_TITLES = frozenset(
    {
        "mr",
        "ms",
        "mrs",
        "miss",
        "dr",
        "prof",
        "sir",
        "dame",
        "gen",
        "col",
        "adm",
        "sen",
        "rep",
        "gov",
        "amb",
        "ambassador",
        "secretary",
        "minister",
        "president",
        "general",
    }
)
"""Normalised words of titles that may stand before a name ("Sen.", "Secretary")."""
NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
"""Normalised words that may follow a surname ("Jr.", "III")."""


def name_words(name: str) -> list[str]:
    """The normalised words of a person's name without titles and suffixes.

    Examples:
        >>> name_words("Sen. Ana Lund Jr.")
        ['ana', 'lund']
    """
    return [
        word
        for word in normalize(name).text.split()
        if word not in NAME_TITLES and word not in NAME_SUFFIXES
    ]


def surname(name: str) -> str | None:
    """The last word of a person's name, normalised, titles and suffixes left out.

    Examples:
        >>> surname("Gen. Dana Okafor"), surname("Tomas Reyes III"), surname("Mr.")
        ('okafor', 'reyes', None)
    """
    words = name_words(name)
    return words[-1] if words else None
