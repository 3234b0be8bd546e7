"""The article's own outbound links near a claim: the first candidates to follow."""

from __future__ import annotations

import re

from .._models import Document, Link

__all__ = ["links_near", "paragraph_bounds"]

_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")
_LINE_BREAK = re.compile(r"\n")


def paragraph_bounds(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """The ``[start, end)`` of the paragraph(s) holding ``text[start:end]``.

    Paragraphs are separated by blank lines; a text without any blank line (many plain
    text articles) has one paragraph per line.

    Examples:
        >>> paragraph_bounds("One.\\n\\nTwo, three.\\n\\nFour.", 8)
        (6, 17)
        >>> paragraph_bounds("One.\\nTwo.\\nThree.", 6)
        (5, 9)
    """
    stop = start if end is None else max(start, end)
    separator = _BLANK_LINE if _BLANK_LINE.search(text) else _LINE_BREAK
    para_start = 0
    for match in separator.finditer(text, 0, start):
        para_start = match.end()
    next_break = separator.search(text, stop)
    para_end = next_break.start() if next_break else len(text)
    return para_start, para_end


def links_near(
    document: Document, offset: int, *, end: int | None = None, max_links: int | None = None
) -> list[Link]:
    """The document's links in the same paragraph as ``offset`` (or the span ``[offset, end)``).

    Used with ``TraceConfig.follow_links``: the links an article puts next to a claim
    ("according to a transcript of the briefing") are the likeliest primary sources.
    Links are ordered nearest first (a link inside the span counts as distance 0), each
    URL once, at most ``max_links`` (pass ``TraceConfig.max_links``).

    Args:
        document: the article, with :attr:`Document.links`.
        offset: a character offset into ``document.text``, e.g. a claim's sentence start.
        end: the end of the claim's span, when there is one.
        max_links: the largest number of links returned (``None``: no limit).

    Examples:
        >>> from sourcetrace.fetch import document_from_html
        >>> doc = document_from_html('<p>Officials said so, per <a href="https://a.example/t">'
        ...     'the transcript</a>.</p><p>Unrelated <a href="https://b.example/">link</a>.</p>')
        >>> [link.url for link in links_near(doc, 0)]
        ['https://a.example/t']
    """
    if not 0 <= offset <= len(document.text):
        raise ValueError(f"offset {offset} is outside a text of {len(document.text)} characters")
    stop = offset if end is None else max(offset, end)
    para_start, para_end = paragraph_bounds(document.text, offset, stop)
    scored: list[tuple[int, int, Link]] = []
    for link in document.links:
        anchor = link.anchor
        if anchor.end <= para_start or anchor.start >= para_end:
            continue
        if anchor.end <= offset:
            distance = offset - anchor.end
        elif anchor.start >= stop:
            distance = anchor.start - stop
        else:
            distance = 0
        scored.append((distance, anchor.start, link))
    scored.sort(key=lambda item: (item[0], item[1]))
    found: list[Link] = []
    seen: set[str] = set()
    for _, _, link in scored:
        if link.url in seen:
            continue
        seen.add(link.url)
        found.append(link)
        if max_links is not None and len(found) >= max_links:
            break
    return found
