"""`sourcetrace index add` builds a corpus file; `trace --corpus` matches against it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pytest_httpserver import HTTPServer

from sourcetrace import Corpus, TraceConfig, TraceReport, trace

REPO = Path(__file__).resolve().parents[1]


def sourcetrace(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sourcetrace", *args], cwd=REPO,
                          capture_output=True, text=True, timeout=300)


def test_index_add_then_trace_against_the_corpus(tmp_path: Path) -> None:
    corpus = tmp_path / "archive.db"
    built = sourcetrace("index", "add", "examples/sources", "--corpus", str(corpus),
                        "--scheduler", "synchronous")
    assert built.returncode == 0, built.stderr
    assert "2 documents added" in built.stderr
    with Corpus(corpus) as archive:
        assert len(archive) == 2
    result = sourcetrace("trace", "examples/article.txt", "--corpus", str(corpus), "--json")
    assert result.returncode == 0, result.stderr
    report = TraceReport.model_validate_json(result.stdout)
    verdicts = {report.verdict(claim) for claim in report.claims}
    assert {"verbatim", "altered", "truncated", "paraphrase", "misattributed"} <= verdicts
    # Documents that hold evidence travel with the report, so its spans can be checked.
    assert {item.document_id for item in report.evidence if item.document_id} <= {
        doc.id for doc in report.documents
    }


def test_index_add_reads_a_warc_archive_and_adds_to_an_existing_corpus(
    httpserver: HTTPServer, tmp_path: Path
) -> None:
    briefing = ("MS OKAFOR: The gates will hold this winter, every one of them.\n"
                "QUESTION: Are you sure?\nMS OKAFOR: I am.\n")
    httpserver.expect_request("/briefing").respond_with_data(
        briefing, content_type="text/plain; charset=utf-8")
    archive = tmp_path / "run.warc.gz"
    trace('"The gates will hold this winter," Dana Okafor said.',
          sources=[httpserver.url_for("/briefing")],
          config=TraceConfig(allow_hosts=("127.0.0.1",), archive=archive,
                             respect_robots=False))
    corpus = tmp_path / "archive.db"
    first = sourcetrace("index", "add", "examples/sources", "--corpus", str(corpus),
                        "--scheduler", "synchronous")
    assert first.returncode == 0, first.stderr
    second = sourcetrace("index", "add", str(archive), "--corpus", str(corpus))
    assert second.returncode == 0, second.stderr
    assert "1 documents added" in second.stderr
    with Corpus(corpus) as opened:
        assert len(opened) == 3
        report = trace('"The gates will hold this winter," Dana Okafor said.',
                       sources=[opened])
    best = report.best_evidence(report.claims[0])
    assert best is not None and best.relation == "verbatim"
    assert best.turn_speaker == "MS OKAFOR"


def test_a_corpus_opened_read_only_searches_but_refuses_to_add(tmp_path: Path) -> None:
    import pytest

    from sourcetrace import ConfigError, Document, InputError, locate

    path = tmp_path / "archive.db"
    with Corpus(path) as writable:
        writable.add(Document(id="d1", text="MS OKAFOR: The gates will hold.\nQUESTION: Why?\n"))
        writable.commit()
    reader = Corpus(path, read_only=True)
    assert len(reader) == 1
    assert locate("The gates will hold", reader)[0].relation == "verbatim"
    with pytest.raises(ConfigError, match="read_only"):
        reader.add(Document(id="d2", text="Another text."))
    reader.close()
    with pytest.raises(InputError, match="no corpus file"):
        Corpus(tmp_path / "missing.db", read_only=True)
