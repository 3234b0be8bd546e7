"""HTML pages: clean main text, metadata, links with anchor spans, bold speaker turns."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from sourcetrace import _errors as errors
from sourcetrace.fetch import document_from_html

DATA = Path(__file__).parent / "data" / "fetch"
ARTICLE_URL = "https://harborledger.example/world/training-mission-talks?ref=home"


def _read(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


def test_html_article_main_text_drops_boilerplate() -> None:
    doc = document_from_html(_read("article.html"), url=ARTICLE_URL)
    text = doc.text
    assert text.startswith("Talks on training mission to resume Friday\n\n")
    assert "Spokesperson Tobias Mercer said on Thursday" in text
    assert '"will not be rushed" on the flood barrier' in text
    for boilerplate in (
        "Front page",
        "morning briefing in your inbox",
        "trackScroll",
        "Most read",
        "© The Harbor Ledger",
        "NewsArticle",
    ):
        assert boilerplate not in text
    # Paragraphs are separated by one blank line; runs of spaces inside them collapse.
    assert "\n\n\n" not in text and "  " not in text
    assert "dialogue on Friday" in text  # the source breaks this line after "on"


def test_html_article_metadata() -> None:
    doc = document_from_html(_read("article.html"), url=ARTICLE_URL)
    assert doc.kind == "article"
    assert doc.title == "Talks on training mission to resume Friday"
    assert doc.publisher == "The Harbor Ledger"  # og:site_name wins over JSON-LD
    assert doc.authors == ["Marta Quillon", "Ben Okoro"]
    assert doc.published_at == datetime(2026, 3, 15, 8, 10, tzinfo=UTC)
    assert doc.url == "https://harborledger.example/world/2026/03/15/training-mission-talks"
    assert doc.id == doc.make_id(doc.url)
    assert doc.media_type == "text/html"


def test_html_article_links_have_anchor_spans_in_clean_text() -> None:
    doc = document_from_html(_read("article.html"), url=ARTICLE_URL)
    pairs = [(link.url, link.anchor.text) for link in doc.links]
    assert pairs == [
        ("https://harborledger.example/staff/marta-quillon", "Marta Quillon"),
        ("https://dept.example/briefings/2026-03-14", "transcript of the briefing"),
        ("https://dept.example/briefings/2026-03-14#q2", "declined to confirm"),
        ("https://harborledger.example/interviews/thornbury", "interview with the Ledger"),
    ]
    for link in doc.links:
        assert doc.text[link.anchor.start : link.anchor.end] == link.anchor.text


def test_html_briefing_with_bold_speaker_names() -> None:
    doc = document_from_html(_read("briefing_bold.html"), url="https://mea.castoria.example/b")
    assert doc.kind == "transcript"
    assert [t.speaker for t in doc.turns] == ["CARLA IBSEN", "QUESTION"] * 2 + ["CARLA IBSEN"]
    assert [t.is_question for t in doc.turns] == [False, True] * 2 + [False]
    first_question = doc.turns[1]
    assert first_question.asker == "Priya"  # "... by Sunday. Go ahead, Priya."
    assert first_question.span.text == (
        "Thank you. Is the ministry prepared to extend the corridor beyond the end of the month?"
    )
    # The second Ibsen turn runs on into her next, unlabelled paragraph.
    assert doc.turns[2].span.text.endswith("the conversation was constructive.")
    for turn in doc.turns:
        assert turn.span.points_into(doc.text)
        assert turn.label is not None and turn.label.points_into(doc.text)


def test_html_briefing_metadata_and_links() -> None:
    doc = document_from_html(_read("briefing_bold.html"), url="https://mea.castoria.example/b")
    assert doc.publisher == "Ministry of External Affairs of Castoria"
    assert doc.title == "Press Briefing by Deputy Spokesperson Carla Ibsen"
    assert doc.published_at == datetime(2026, 3, 12, 15, 30, tzinfo=UTC)
    assert doc.url == "https://mea.castoria.example/briefings/2026-03-12"
    assert "Share" not in doc.text and "Print" not in doc.text and "Privacy" not in doc.text
    assert "Briefing of March 11" not in doc.text  # the aside
    urls = [link.url for link in doc.links]
    assert urls == [
        "https://mea.castoria.example/statements/dravik-corridor",
        "https://mea.castoria.example/statements/pellandia-ambassador",
    ]
    assert doc.links[0].anchor.text == "Minister's statement of this morning"


def test_html_transcript_labels_in_text() -> None:
    html = (
        "<html><body><div><p><b>MR MERCER:</b> Good morning.</p>"
        "<p><b>QUESTION:</b> A question.</p><p><b>MR MERCER:</b> An answer.</p></div>"
        "</body></html>"
    )
    doc = document_from_html(html)
    assert doc.text == "MR MERCER: Good morning.\n\nQUESTION: A question.\n\nMR MERCER: An answer."
    assert [t.span.text for t in doc.turns] == ["Good morning.", "A question.", "An answer."]


def test_html_bold_headings_are_not_speakers() -> None:
    html = (
        "<article><p><strong>Background</strong></p><p>The talks began in May.</p>"
        "<p><strong>What comes next</strong></p><p>A vote in June.</p></article>"
    )
    doc = document_from_html(html)
    assert doc.turns == []
    assert doc.kind == "article"


def test_html_inline_markup_keeps_words_apart_and_together() -> None:
    html = (
        "<p>The <em>minister</em> said<br>the talks were <b>over</b>.</p>"
        "<ul><li>one</li><li>two</li></ul>"
    )
    doc = document_from_html(html)
    assert doc.text == "The minister said\nthe talks were over.\n\none\n\ntwo"


def test_html_links_skip_non_http_and_empty_anchors() -> None:
    html = (
        '<p><a href="mailto:desk@example.org">mail</a> <a href="javascript:void(0)">js</a> '
        '<a href="https://ok.example/x"></a> <a href="/rel">relative</a></p>'
    )
    without_base = document_from_html(html)
    assert without_base.links == []
    with_base = document_from_html(html, url="https://news.example/a/b")
    assert [(link.url, link.anchor.text) for link in with_base.links] == [
        ("https://news.example/rel", "relative")
    ]


@pytest.mark.parametrize(
    "html",
    ["", "<html><head><title>x</title></head><body><script>1</script></body></html>", "   "],
)
def test_html_without_text_is_an_empty_input(html: str) -> None:
    with pytest.raises(errors.EmptyInputError, match="no readable text"):
        document_from_html(html)


def test_html_malformed_markup_still_reads() -> None:
    html = "<html><body><p>Unclosed <b>bold <i>and italic<p>Next paragraph</div></span>"
    doc = document_from_html(html)
    assert "Unclosed bold and italic" in doc.text
    assert "Next paragraph" in doc.text


def test_html_deeply_nested_markup_does_not_recurse() -> None:
    depth = 5000  # far beyond Python's recursion limit
    html = "<html><body>" + "<div>" * depth + "<p>Deep text.</p>" + "</div>" * depth
    doc = document_from_html(html + "</body></html>")
    assert doc.text == "Deep text."


def test_html_many_links_keep_their_spans() -> None:
    paragraph = '<p>Officials said <a href="/s/{i}">statement {i}</a> was final.</p>'
    html = "<article>" + "".join(paragraph.format(i=i) for i in range(2000)) + "</article>"
    doc = document_from_html(html, url="https://news.example/a")
    assert len(doc.links) == 2000
    assert doc.links[1234].url == "https://news.example/s/1234"
    assert doc.links[1234].anchor.text == "statement 1234"


def test_html_page_without_article_keeps_the_densest_block() -> None:
    doc = document_from_html(_read("statement_divs.html"), url="https://rsa.example/s/1")
    # The headline and release date beside the statement come in ...
    assert doc.text.startswith(
        "Statement on the Reopening of the Tellen Water Treatment Plant\n\n"
        "Released: 2 November 2026\n\n"
        "Administrator Miriam Osei issued the following statement today:"
    )
    assert doc.text.endswith("###")
    # ... the menus, the sidebar and the footer around it do not.
    for boilerplate in ("Careers", "Latest statements", "400 Water Street", "Español", "Home /"):
        assert boilerplate not in doc.text
    assert doc.kind == "statement"  # from the title "Statement on ..."


def test_html_wire_story_drops_promos_related_and_comments() -> None:
    doc = document_from_html(_read("wire_story.html"), url="https://wire.example/x")
    assert doc.kind == "article"
    assert doc.authors == ["Sofia Brandvold"]
    assert doc.publisher == "Continental Wire"
    assert "The mission has done its work, and it will end by December" in doc.text
    for boilerplate in ("cookies", "Read more", "Related coverage", "Reader 1", "Markets"):
        assert boilerplate not in doc.text


def test_html_short_page_without_paragraph_block_keeps_the_body() -> None:
    html = "<html><body><div>Menu</div><div>One short notice.</div></body></html>"
    assert document_from_html(html).text == "Menu\n\nOne short notice."


def test_html_preformatted_text_keeps_its_inner_line_breaks() -> None:
    html = (
        "<article><p>Before.</p><pre>\nMR MERCER:   Good morning.\nQUESTION: Why?\n</pre></article>"
    )
    doc = document_from_html(html)
    assert doc.text == "Before.\n\nMR MERCER: Good morning.\nQUESTION: Why?"
    assert [t.speaker for t in doc.turns] == ["MR MERCER", "QUESTION"]
