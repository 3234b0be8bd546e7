"""A trace written to a WARC archive replays with no network and gives the same report."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pytest_httpserver import HTTPServer

from sourcetrace import TraceConfig, TraceReport, trace
from sourcetrace.fetch import ReplayTransport

ARTICLE = """<html><head><title>Gates tested, ministry says</title>
<meta property="og:site_name" content="Harbor Ledger"></head><body><article>
<p>"Every gate has been tested under load," spokeswoman Dana Okafor told
<a href="{briefing}">a briefing</a> on Thursday.</p></article></body></html>"""
BRIEFING = "MS OKAFOR: Every gate has been tested under load, and the panel has the results.\n"
VOLATILE = {"started_at", "finished_at", "timings", "graph", "config"}


def _comparable(report: TraceReport) -> dict[str, object]:
    data = report.model_dump(exclude=VOLATILE)
    for doc in [data["article"], *data["documents"]]:
        doc.pop("fetched_at")
    return data


def test_replay_from_the_archive_gives_the_same_report(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    httpserver.expect_request("/briefing").respond_with_data(
        BRIEFING, content_type="text/plain; charset=utf-8")
    httpserver.expect_request("/article").respond_with_data(
        ARTICLE.format(briefing=httpserver.url_for("/briefing")), content_type="text/html")
    archive = tmp_path / "trace.warc.gz"
    live = trace(
        httpserver.url_for("/article"),
        config=TraceConfig(allow_hosts=("127.0.0.1", "localhost"), follow_links=True,
                           archive=archive, respect_robots=False),
    )
    assert live.verdict(live.claims[0]) == "verbatim"
    requests_before = len(httpserver.log)
    httpserver.clear()  # the server now answers nothing useful

    replayed = trace(
        httpserver.url_for("/article"),
        config=TraceConfig(follow_links=True, respect_robots=False),
        transport=ReplayTransport(archive),
    )
    assert len(httpserver.log) == 0 and requests_before >= 2
    assert _comparable(replayed) == _comparable(live)


def test_cli_archive_then_replay(httpserver: HTTPServer, tmp_path: Path) -> None:
    httpserver.expect_request("/briefing").respond_with_data(
        BRIEFING, content_type="text/plain; charset=utf-8")
    archive = tmp_path / "run.warc.gz"
    article = tmp_path / "article.txt"
    article.write_text('"Every gate has been tested under load," Dana Okafor said.\n')
    base = [sys.executable, "-m", "sourcetrace", "trace", str(article), "--json",
            "--source", httpserver.url_for("/briefing")]
    live = subprocess.run([*base, "--allow-host", "127.0.0.1", "--ignore-robots",
                           "--archive", str(archive)], capture_output=True, text=True,
                          timeout=120)
    assert live.returncode == 0, live.stderr
    httpserver.clear()
    replayed = subprocess.run([*base, "--ignore-robots", "--replay", str(archive)],
                              capture_output=True, text=True, timeout=120)
    assert replayed.returncode == 0, replayed.stderr
    assert len(httpserver.log) == 0
    first = TraceReport.model_validate_json(live.stdout)
    second = TraceReport.model_validate_json(replayed.stdout)
    assert _comparable(first) == _comparable(second)
    assert first.verdict(first.claims[0]) == "verbatim"
