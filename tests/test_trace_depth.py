"""Recursive tracing on a local server: article → wire story → briefing, and no cycles."""

from __future__ import annotations

from pytest_httpserver import HTTPServer

from sourcetrace import TraceConfig, trace

LOCAL = TraceConfig(allow_hosts=("127.0.0.1", "localhost"), retries=0)

ARTICLE = """<!DOCTYPE html><html><head><title>Port gates ready, says ministry</title>
<meta property="og:site_name" content="Harbor Ledger"></head><body><article>
<h1>Port gates ready, says ministry</h1>
<p>The ministry says the harbour gates are ready for winter.</p>
<p>"Every one of the eleven gates has been tested under heavy load," spokeswoman Dana
Okafor said, according to a <a href="{wire}">Meridian Press report</a>.</p>
</article></body></html>"""

WIRE = """<!DOCTYPE html><html><head><title>Averly says harbour gates pass tests</title>
<meta property="og:site_name" content="Meridian Press"></head><body><article>
<h1>Averly says harbour gates pass tests</h1>
<p>PORT AVERLY (Meridian Press) - The coastal works ministry said on Thursday that the
harbour gates had passed their final trials.</p>
<p>"Every one of the eleven gates has been tested under full load," spokeswoman Dana
Okafor told a <a href="{briefing}">press briefing</a> in the capital.</p>
</article></body></html>"""

BRIEFING = """MINISTRY OF WATER AND COASTAL WORKS
Press briefing, 12 November 2026

MS OKAFOR: Good morning. Every one of the eleven gates has been tested under full load,
and the independent panel has the results.

QUESTION: When will the panel report?

MS OKAFOR: Before the end of the month.
"""


def _serve(server: HTTPServer) -> str:
    server.expect_request("/briefing.txt").respond_with_data(
        BRIEFING, content_type="text/plain; charset=utf-8")
    server.expect_request("/wire").respond_with_data(
        WIRE.format(briefing=server.url_for("/briefing.txt")),
        content_type="text/html; charset=utf-8")
    server.expect_request("/article").respond_with_data(
        ARTICLE.format(wire=server.url_for("/wire")), content_type="text/html; charset=utf-8")
    return server.url_for("/article")


def test_three_level_chain_ends_at_the_briefing(httpserver: HTTPServer) -> None:
    report = trace(_serve(httpserver), follow_links=True, depth=2, config=LOCAL)
    assert report.errors == []
    claim = next(c for c in report.claims if "eleven gates" in c.text)
    first = report.best_evidence(claim)
    assert first is not None and first.secondary
    wire = report.document(first.document_id or "")
    assert wire.publisher == "Meridian Press"
    # The article changed "full" to "heavy": the first hop shows the change.
    assert first.relation == "altered"
    hops = report.hops_for(claim)
    assert [hop.depth for hop in hops] == [1]
    assert hops[0].document_id == wire.id
    assert hops[0].claim.speaker.name == "Dana Okafor"
    last = hops[0].evidence[0]
    assert last.relation == "verbatim" and last.turn_speaker == "MS OKAFOR"
    assert report.document(last.document_id or "").kind == "transcript"
    # The graph walks the chain and names the briefing passage as primary source.
    graph = report.graph_for(claim)
    quoted = {(e.source, e.target): e.attributes.get("match") for e in graph.edges
              if e.relation == "wasQuotedFrom" and e.target.startswith("passage/")}
    assert sorted(quoted.values()) == ["altered", "verbatim"]
    primary = [e.target for e in graph.edges if e.relation == "hadPrimarySource"]
    assert last.passage is not None
    assert primary == [f"passage/{last.document_id}/{last.passage.start}-{last.passage.end}"]


def test_depth_zero_stops_at_the_first_source(httpserver: HTTPServer) -> None:
    report = trace(_serve(httpserver), follow_links=True, config=LOCAL)
    assert report.hops == []
    assert len(report.documents) == 1  # the wire story; its links are not followed


A_PAGE = """<html><head><title>Story A</title><meta property="og:site_name" content="Paper A">
</head><body><p>"The gates will hold this winter," Dana Okafor said, as
<a href="{other}">Paper B reported</a>.</p></body></html>"""
B_PAGE = """<html><head><title>Story B</title><meta property="og:site_name" content="Paper B">
</head><body><p>"The gates will hold this winter," Dana Okafor said, according to
<a href="{other}">Paper A</a>.</p></body></html>"""


def test_articles_citing_each_other_do_not_loop(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/a").respond_with_data(
        A_PAGE.format(other=httpserver.url_for("/b")), content_type="text/html")
    httpserver.expect_request("/b").respond_with_data(
        B_PAGE.format(other=httpserver.url_for("/a")), content_type="text/html")
    report = trace(httpserver.url_for("/a"), follow_links=True, depth=5, config=LOCAL)
    claim = report.claims[0]
    hops = report.hops_for(claim)
    assert len(hops) <= 1
    visited = [report.article.id, *(hop.document_id for hop in hops)]
    assert len(visited) == len(set(visited))
    for hop in hops:
        for item in hop.evidence:
            assert item.document_id not in visited
