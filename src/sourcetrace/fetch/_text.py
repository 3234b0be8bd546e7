"""Plain text into a :class:`Document`."""

from __future__ import annotations

import hashlib
import re

from .._errors import EmptyInputError
from .._models import Document, DocumentKind, Link, Span, Turn
from ._transcript import parse_turns

__all__ = ["document_from_text", "guess_kind", "sha256_of"]

_URL_IN_TEXT = re.compile(r"\bhttps?://[^\s<>\"'“”‘’()\[\]]+", re.IGNORECASE)
_STATEMENT_TITLE = re.compile(
    r"^\s*(?:joint\s+)?(?:statement|press release|readout|communiqu[eé])\b"
    r"|\bstatement (?:by|from|on)\b",
    re.IGNORECASE,
)


def sha256_of(raw: bytes | None, text: str) -> str:
    """The SHA-256 of the bytes read, or of the UTF-8 text when there were no bytes."""
    data = raw if raw is not None else text.encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()


def guess_kind(turns: list[Turn], title: str | None) -> DocumentKind:
    """``transcript`` when there are speaker turns, ``statement`` by title, else unknown."""
    speakers = {turn.speaker for turn in turns}
    if len(turns) >= 2 and len(speakers) >= 2:
        return "transcript"
    if title and _STATEMENT_TITLE.search(title):
        return "statement"
    return "unknown"


def _title_like(line: str) -> bool:
    return (
        bool(line)
        and len(line) <= 160
        and len(line.split()) <= 25
        and line[-1] not in ".,;:"
        and not line.endswith(("”", '"'))
    )


def _first_line_title(text: str) -> str | None:
    stripped = text.lstrip()
    line, newline, rest = stripped.partition("\n")
    line = line.strip()
    if not newline or not _title_like(line):
        return None
    # A letterhead in capitals ("MINISTRY OF WATER AND COASTAL WORKS") over the real
    # heading ("Press Briefing on the Dell Estuary Barrier"): the heading is the title.
    second = rest.partition("\n")[0].strip()
    if line.isupper() and _title_like(second) and not second.isupper() and ":" not in second:
        return second
    return line


def _text_links(text: str) -> list[Link]:
    links: list[Link] = []
    for match in _URL_IN_TEXT.finditer(text):
        end = match.end()
        while end > match.start() and text[end - 1] in ".,;:!?":
            end -= 1
        links.append(Link(url=text[match.start() : end], anchor=Span.of(text, match.start(), end)))
    return links


def document_from_text(
    text: str,
    *,
    url: str | None = None,
    kind: DocumentKind | None = None,
    title: str | None = None,
    publisher: str | None = None,
    raw: bytes | None = None,
) -> Document:
    """A :class:`Document` of plain ``text``, kept exactly as given.

    Speaker turns are detected with :func:`parse_turns`; a text with turns by two or
    more speakers is a ``transcript`` unless ``kind`` says otherwise. Without a
    ``title``, a short first line followed by a line break is taken as the title (the
    text itself keeps it: offsets always point into the text as given). Bare URLs in
    the text become :attr:`Document.links`.

    Args:
        text: the text; never normalised.
        url: where it came from, if anywhere (also the key of the document id).
        kind: the kind of document, when the caller knows it.
        title: the title, when the caller knows it.
        publisher: the publisher, when the caller knows it.
        raw: the bytes the text was decoded from (for :attr:`Document.sha256`).

    Raises:
        EmptyInputError: ``text`` is empty or only whitespace.

    Examples:
        >>> doc = document_from_text("Q: Is it safe?\\nA: It is.")
        >>> doc.kind, [t.speaker for t in doc.turns]
        ('transcript', ['Q', 'A'])
    """
    if not text.strip():
        raise EmptyInputError(
            "the text is empty or only whitespace; give sourcetrace the article's text, "
            "an HTML page, a file path or a URL"
        )
    turns = parse_turns(text)
    if title is None:
        title = _first_line_title(text)
    return Document(
        id=Document.make_id(url or text),
        url=url,
        kind=kind if kind is not None else guess_kind(turns, title),
        title=title,
        publisher=publisher,
        text=text,
        links=_text_links(text),
        turns=turns,
        sha256=sha256_of(raw, text),
        media_type="text/plain",
    )
