"""The report for people: plain text, HTML for Jupyter and files, rows for data frames."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from sourcetrace.report import claim_rows, render_html, render_text

from builders import small_report


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(attrs)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_text_report_shows_each_claim_with_speaker_and_verdict() -> None:
    report = small_report()
    text = render_text(report, width=160)
    assert "3 claims" in text
    rows = {claim.id: line for claim in report.claims for line in text.splitlines()
            if line.strip().startswith(claim.id + " ")}
    assert "verbatim" in rows["c1"] and "a port official" in rows["c1"]
    assert "misattributed" in rows["c2"]
    assert "not_found" in rows["c3"] and "The ministry" in rows["c3"]
    assert "\x1b[" not in text  # no colour codes in plain text


def test_html_page_is_self_contained_and_holds_table_graph_and_passages() -> None:
    report = small_report()
    page = render_html(report)
    collector = _Collector()
    collector.feed(page)
    assert page.startswith("<!DOCTYPE html>")
    assert "script" not in collector.tags
    assert not [value for name, value in collector.attributes
                if name in {"src", "href"} and value and value.startswith("http")
                and "example" not in value]
    assert collector.tags.count("svg") == len(report.claims)
    assert collector.tags.count("tr") == len(report.claims) + 1
    words = " ".join(collector.text)
    for verdict in ("verbatim", "misattributed", "not_found"):
        assert verdict in words
    # The passage link points at the highlighted passage in the sources section.
    assert 'href="#st-doc-brief-11"' in page and 'id="st-doc-brief-11"' in page


def test_notebook_fragment_is_not_a_whole_page() -> None:
    report = small_report()
    fragment = report._repr_html_()
    assert not fragment.startswith("<!DOCTYPE")
    assert "<table" in fragment and "<svg" in fragment


def test_claim_rows_have_one_row_per_claim_with_the_best_verdict() -> None:
    rows = claim_rows(small_report())
    assert [row["claim_id"] for row in rows] == ["c1", "c2", "c3"]
    assert [row["verdict"] for row in rows] == ["verbatim", "misattributed", "not_found"]
    assert rows[0]["via"] == "Meridian Press"
    assert rows[2]["passage"] is None


def test_claim_review_is_a_draft_with_author_appearance_and_first_appearance() -> None:
    report = small_report()
    review = report.claim_review("c1")
    assert review["@context"] == "https://schema.org"
    assert review["@type"] == "ClaimReview"
    assert review["claimReviewed"] == "The gates are ready."
    item = review["itemReviewed"]
    assert item["author"] == {"@type": "Person", "name": "a port official"}
    assert item["appearance"][0]["@type"] == "NewsArticle"
    assert item["firstAppearance"]["text"] == "The gates are ready."
    # The rating is the fact-checker's to give: no value, only sourcetrace's explanation.
    assert "ratingValue" not in review["reviewRating"]
    assert "verbatim" in review["reviewRating"]["ratingExplanation"]
    assert "Meridian Press" in review["reviewRating"]["ratingExplanation"]
    assert "firstAppearance" not in report.claim_review("c3")["itemReviewed"]


def test_timeline_orders_appearances_by_date_with_undated_last() -> None:
    from datetime import UTC, datetime

    report = small_report()
    dated_source = report.documents[0].model_copy(
        update={"published_at": datetime(2026, 11, 12, 9, 0)}  # no zone: read as UTC
    )
    dated_article = report.article.model_copy(
        update={"published_at": datetime(2026, 11, 14, 8, 0, tzinfo=UTC)}
    )
    report = report.model_copy(update={"documents": [dated_source], "article": dated_article})
    appearances = report.timeline("c1")
    assert [a.document_id for a in appearances] == ["doc-brief", "doc-art"]
    assert [a.verdict for a in appearances] == ["verbatim", "article"]
    undated = small_report().timeline("c1")
    assert [a.document_id for a in undated] == ["doc-art", "doc-brief"]


def test_dataframe_has_one_row_per_claim() -> None:
    pandas = pytest.importorskip("pandas", reason="pandas comes with the test extra")
    frame = small_report().to_dataframe()
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame["claim_id"]) == ["c1", "c2", "c3"]
    assert list(frame["verdict"]) == ["verbatim", "misattributed", "not_found"]


def test_missing_extra_names_the_pip_command(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from sourcetrace import MissingDependencyError

    monkeypatch.setitem(sys.modules, "pandas", None)  # makes `import pandas` fail
    with pytest.raises(MissingDependencyError, match=r"pip install 'sourcetrace\[pandas\]'"):
        small_report().to_dataframe()
