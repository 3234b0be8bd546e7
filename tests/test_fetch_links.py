"""links_near: the article's outbound links in the paragraph of a claim."""

from __future__ import annotations

from pathlib import Path

import pytest

from sourcetrace._models import Document
from sourcetrace.fetch import document_from_html, document_from_text, links_near

DATA = Path(__file__).parent / "data" / "fetch"
URL = "https://harborledger.example/world/training-mission-talks"


def _article() -> Document:
    return document_from_html((DATA / "article.html").read_text(encoding="utf-8"), url=URL)


def test_links_near_claim_in_its_paragraph() -> None:
    doc = _article()
    offset = doc.text.index("will set the terms")
    assert [link.anchor.text for link in links_near(doc, offset)] == ["transcript of the briefing"]
    varga = doc.text.index("told reporters")
    assert [link.url for link in links_near(doc, varga)] == [
        "https://dept.example/briefings/2026-03-14#q2"
    ]


def test_links_near_paragraph_without_links() -> None:
    doc = _article()
    caption = doc.text.index("The eastern section of the barrier.")
    assert links_near(doc, caption) == []


def test_links_near_orders_nearest_first_and_caps() -> None:
    text = (
        "Intro line.\n\n"
        "See https://one.example/a for context; the minister said the corridor stays open, "
        "per https://two.example/b and again https://one.example/a.\n\n"
        "Unrelated https://three.example/c"
    )
    doc = document_from_text(text)
    claim = text.index("the minister said")
    end = text.index(", per")
    near = links_near(doc, claim, end=end)
    # two.example is 6 characters after the claim; one.example/a ends 14 before it.
    assert [link.url for link in near] == ["https://two.example/b", "https://one.example/a"]
    assert [link.url for link in links_near(doc, claim, end=end, max_links=1)] == [
        "https://two.example/b"
    ]


def test_links_near_single_newline_paragraphs() -> None:
    text = "Line one cites https://a.example/1\nLine two cites https://b.example/2\n"
    doc = document_from_text(text)
    assert [link.url for link in links_near(doc, text.index("two"))] == ["https://b.example/2"]


def test_links_near_offset_outside_text() -> None:
    doc = document_from_text("Short.")
    with pytest.raises(ValueError, match="outside"):
        links_near(doc, 100)
