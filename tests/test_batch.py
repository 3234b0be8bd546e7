"""Batch tracing on a two-worker Dask LocalCluster, against one-article-at-a-time tracing.

The cluster runs its workers as threads of this process (``processes=False``): on a
two-core machine, starting worker processes and importing sourcetrace in each costs more
than the whole batch. Tasks, scheduling, serialisation of arguments and results, worker
loss and semaphores all go through the real distributed scheduler either way.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("distributed")

from distributed import Client

from sourcetrace import TraceConfig, trace
from sourcetrace.batch import read_results, scan, trace_many
from sourcetrace.batch._synth import make_articles, make_corpus
from sourcetrace.match import Corpus

from _shared import local_dask

ARTICLES = 200
TRANSCRIPTS = 12

pytestmark = pytest.mark.timeout(120)


def comparable(line: dict[str, Any]) -> dict[str, Any]:
    """A results line without what differs from run to run: clock times and durations."""
    report = line.get("report")
    if report is None:
        return line
    report = dict(report)
    for name in ("timings", "started_at", "finished_at"):
        report.pop(name)
    nodes = []
    for node in report["graph"]["nodes"]:
        attributes = {
            k: v for k, v in node["attributes"].items() if k not in ("started_at", "finished_at")
        }
        nodes.append({**node, "attributes": attributes})
    report["graph"] = {**report["graph"], "nodes": nodes}
    return {**line, "report": report}


def lines_of(path: Path) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    with path.open(encoding="utf-8") as handle:
        for text in handle:
            data = json.loads(text)
            assert data["key"] not in found, f"{data['key']} written twice"
            found[data["key"]] = comparable(data)
    return found


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("batch")


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus(make_corpus(TRANSCRIPTS, turns=4))


@pytest.fixture(scope="module")
def archive(workspace: Path, corpus: Corpus) -> str:
    """The same transcripts in a persistent SQLite corpus."""
    path = workspace / "archive.db"
    stored = Corpus(path)
    for document in corpus:
        stored.add(document)
    stored.close()
    return str(path)


@pytest.fixture(scope="module")
def articles(workspace: Path, corpus: Corpus) -> list[str]:
    folder = workspace / "articles"
    folder.mkdir()
    paths = []
    for number, (text, _) in enumerate(make_articles(list(corpus), ARTICLES, quotes=1)):
        path = folder / f"{number:04d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


@pytest.fixture(scope="module")
def reference(workspace: Path, articles: list[str], archive: str) -> dict[str, Any]:
    """Every article traced one after another in this process, without Dask."""
    out = workspace / "reference.jsonl"
    summary = trace_many(articles, [archive], out=out, scheduler="synchronous", progress=False)
    assert summary.traced == ARTICLES
    return lines_of(out)


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with local_dask() as (_, dask_client):
        yield dask_client


def test_batch_reference_finds_the_planted_quotes(
    reference: dict[str, Any], corpus: Corpus, articles: list[str]
) -> None:
    # The generator quotes one transcript sentence per article; it is found in the
    # transcript it came from (altered quotes too: one number differs).
    planted = make_articles(list(corpus), ARTICLES, quotes=1)
    for path, (_, quotes) in zip(articles, planted, strict=True):
        report = reference[path]["report"]
        found = {e["document_id"] for e in report["evidence"] if e["passage"] is not None}
        assert quotes[0].document_id in found, path


def test_batch_reference_equals_trace(
    reference: dict[str, Any], articles: list[str], archive: str
) -> None:
    # The batch's own one-by-one run gives what sourcetrace.trace gives.
    for path in articles[:: len(articles) // 8]:
        report = trace(path, [Corpus(archive)])
        assert comparable({"key": path, "report": json.loads(report.to_json())}) == reference[path]


def test_batch_cluster_equals_single_process(
    client: Client, workspace: Path, articles: list[str], archive: str, reference: Any
) -> None:
    out = workspace / "cluster.jsonl"
    summary = trace_many(articles, [archive], client=client, out=out, progress=False)
    assert (summary.traced, summary.failed, summary.skipped) == (ARTICLES, 0, 0)
    assert lines_of(out) == reference


def test_batch_resumes_after_a_crash_with_a_partial_last_line(
    workspace: Path, articles: list[str], archive: str, reference: Any
) -> None:
    out = workspace / "crashed.jsonl"
    subset = articles[:30]

    class Crash(Exception):
        pass

    def crash_after_ten(done: int, total: int | None) -> None:
        if done == 10:
            raise Crash

    with pytest.raises(Crash):
        trace_many(subset, [archive], out=out, scheduler="synchronous", progress=crash_after_ten)
    # The process died while writing the eleventh line.
    eleventh = json.dumps({"key": subset[10], "report": {"claims": []}})
    with out.open("a", encoding="utf-8") as handle:
        handle.write(eleventh[: len(eleventh) // 2])
    assert len(scan(out, repair=False).done) == 10

    summary = trace_many(subset, [archive], out=out, scheduler="synchronous", progress=False)
    assert (summary.skipped, summary.traced) == (10, 20)
    assert lines_of(out) == {key: reference[key] for key in subset}


def test_batch_loses_nothing_when_a_worker_dies(
    workspace: Path, articles: list[str], archive: str, reference: Any
) -> None:
    out = workspace / "worker-lost.jsonl"
    subset = articles[:60]
    with local_dask(silence_logs=50) as (cluster, own_client):
        victim = next(iter(cluster.workers.values()))
        killed: list[int] = []

        def kill_one_worker(done: int, total: int | None) -> None:
            if done == 15 and not killed:
                killed.append(done)
                # Closed without handing its work back, as a crashed worker would be.
                own_client.loop.add_callback(victim.close, executor_wait=False, nanny=False)

        summary = trace_many(
            subset, [archive], client=own_client, out=out, progress=kill_one_worker
        )
        assert killed
        assert len(own_client.nthreads()) == 1
    assert (summary.traced, summary.failed) == (60, 0)
    assert lines_of(out) == {key: reference[key] for key in subset}


def test_batch_sends_a_corpus_file_object_as_its_path(
    client: Client, articles: list[str], archive: str, reference: Any
) -> None:
    with Corpus(archive) as opened:
        summary = trace_many(articles[:4], [opened], client=client, progress=False)
    assert summary.failed == 0, summary.errors
    for key, report in summary.reports.items():
        assert comparable({"key": key, "report": json.loads(report.to_json())}) == reference[key]


def test_batch_keeps_reports_in_memory_without_out(
    client: Client, articles: list[str], corpus: Corpus, reference: Any
) -> None:
    # An in-memory corpus is sent to every worker once; the reports are the same as
    # with the same transcripts in a corpus file.
    summary = trace_many(articles[:5], [corpus], client=client, progress=False)
    assert sorted(summary.reports) == sorted(articles[:5])
    for key, report in summary.reports.items():
        line = comparable({"key": key, "report": json.loads(report.to_json())})
        assert line == reference[key]


def test_batch_records_an_article_that_cannot_be_read_and_goes_on(
    workspace: Path, articles: list[str], archive: str
) -> None:
    empty = workspace / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    out = workspace / "with-error.jsonl"
    summary = trace_many(
        [str(empty), articles[0]], [archive], out=out, scheduler="synchronous", progress=False
    )
    assert (summary.traced, summary.failed) == (1, 1)
    records = {record.key: record for record in read_results(out)}
    assert records[str(empty)].report is None
    assert records[str(empty)].error is not None
    assert records[articles[0]].ok
    # A failed article is not traced again, unless asked.
    again = trace_many([str(empty)], [archive], out=out, scheduler="synchronous", progress=False)
    assert (again.skipped, again.traced, again.failed) == (1, 0, 0)
    retried = trace_many(
        [str(empty)], [archive], out=out, scheduler="synchronous", progress=False, retry_failed=True
    )
    assert (retried.skipped, retried.failed) == (0, 1)


# --- politeness across workers -------------------------------------------------------------


class _CountingServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, body: bytes, delay: float) -> None:
        self.body = body
        self.delay = delay
        self.lock = threading.Lock()
        self.active = 0
        self.most = 0
        self.requests = 0
        super().__init__(("127.0.0.1", 0), _CountingHandler)


class _CountingHandler(BaseHTTPRequestHandler):
    server: _CountingServer

    def do_GET(self) -> None:
        server = self.server
        with server.lock:
            server.active += 1
            server.requests += 1
            server.most = max(server.most, server.active)
        try:
            time.sleep(server.delay)
            if self.path == "/robots.txt":
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(server.body)))
            self.end_headers()
            self.wfile.write(server.body)
        finally:
            with server.lock:
                server.active -= 1

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.mark.network
def test_batch_per_host_limit_holds_across_workers(corpus: Corpus) -> None:
    text, _ = make_articles(list(corpus), 1, quotes=1)[0]
    server = _CountingServer(text.encode("utf-8"), delay=0.15)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    urls = [f"{base}/news/{number}" for number in range(16)]
    config = TraceConfig(allow_hosts=("127.0.0.1",), max_connections_per_host=2)
    try:
        # Four traces run at once (two workers, two threads each); each holds its
        # own per-trace limit, so only the cluster-wide lease keeps the host at two.
        with local_dask(threads_per_worker=2) as (_, own_client):
            summary = trace_many(urls, [corpus], client=own_client, config=config, progress=False)
    finally:
        server.shutdown()
        server.server_close()
    assert (summary.traced, summary.failed) == (16, 0), summary.errors
    assert server.requests >= 16
    assert server.most == 2
