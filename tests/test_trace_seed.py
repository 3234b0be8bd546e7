"""`trace` on the seed article (read from the shared folder, never copied here)."""

from __future__ import annotations

from sourcetrace import TraceReport, trace


def test_direct_quotes_of_the_seed_article_have_their_speakers(seed_article: str) -> None:
    report = trace(seed_article)
    direct = [c for c in report.claims if c.kind == "direct"]
    # expected.md: claims 6 and 7 are direct quotes of a US military official via Reuters.
    assert len(direct) == 2
    for claim in direct:
        assert claim.speaker.anonymous
        assert "official" in claim.speaker.name.lower()
        assert [agent.name for agent in claim.via] == ["Reuters"]
    assert direct[0].speaker.id == direct[1].speaker.id
    # Claim 7 holds an ellipsis: the quote itself keeps it, to be split when matching.
    assert "…" in direct[1].quote
    # Claim 1 is Ned Price's mixed quote.
    price = [c for c in report.claims if c.speaker.name == "Ned Price"]
    assert len(price) == 1 and price[0].kind == "mixed"
    assert price[0].speaker.role == "State Department spokesman"
    assert TraceReport.model_validate_json(report.to_json()) == report
