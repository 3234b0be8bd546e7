"""The results file of a batch: keys found cheaply, partial last lines dropped, errors kept."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from sourcetrace import InputError, MissingDependencyError
from sourcetrace.batch import article_key, read_results, scan, trace_many
from sourcetrace.batch._cli import batch_command, index_command
from sourcetrace.batch._jsonl import ResultsWriter, encode_error
from sourcetrace.batch._synth import make_articles, make_corpus


def test_batch_scan_drops_only_a_partial_last_line(tmp_path: Path) -> None:
    out = tmp_path / "r.jsonl"
    with ResultsWriter(out) as writer:
        writer.write(encode_error("a", "InputError", "empty"))
        writer.write('{"key":"b","report":{"x":{}}}')
    whole = out.read_bytes()
    with out.open("ab") as handle:
        handle.write(b'{"key":"c","report":{"claims":[')
    found = scan(out, repair=False)
    assert (found.done, found.failed) == ({"b"}, {"a"})
    assert found.dropped_bytes == len(b'{"key":"c","report":{"claims":[')
    assert out.read_bytes() != whole
    scan(out)
    assert out.read_bytes() == whole


def test_batch_scan_a_later_line_wins(tmp_path: Path) -> None:
    out = tmp_path / "r.jsonl"
    out.write_text(
        encode_error("a", "FetchError", "timed out") + "\n" + '{"key":"a","report":{"y":{}}}\n',
        encoding="utf-8",
    )
    found = scan(out)
    assert (found.done, found.failed) == ({"a"}, set())


def test_batch_scan_refuses_a_file_it_did_not_write(tmp_path: Path) -> None:
    out = tmp_path / "notes.jsonl"
    out.write_text('{"title": "not a result"}\n{"key":"b","report":{"z":{}}}\n', encoding="utf-8")
    with pytest.raises(InputError, match="line 1"):
        scan(out)


def test_batch_scan_of_a_missing_file_is_empty(tmp_path: Path) -> None:
    assert scan(tmp_path / "none.jsonl").done == set()


@pytest.mark.parametrize(
    ("article", "expected"),
    [("https://news.example/a", "https://news.example/a")],
)
def test_batch_article_key_of_a_url_is_the_url(article: str, expected: str) -> None:
    assert article_key(article) == expected


def test_batch_article_key_of_a_text_is_a_hash_of_it(tmp_path: Path) -> None:
    first = article_key('"We stay," she said.')
    assert first.startswith("text-")
    assert first == article_key('"We stay," she said.')
    assert first != article_key('"We go," she said.')
    path = tmp_path / "a.txt"
    path.write_text("x", encoding="utf-8")
    assert article_key(str(path)) == str(path)
    assert article_key(path) == str(path)


def test_batch_without_dask_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    with pytest.raises(MissingDependencyError, match=r"sourcetrace\[dask\]"):
        trace_many(['"We stay," she said.'], scheduler="tcp://127.0.0.1:1", progress=False)


def test_batch_synchronous_needs_no_dask(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    summary = trace_many(['"We stay," she said.'], scheduler="synchronous", progress=False)
    (report,) = summary.reports.values()
    assert "We stay" in report.claims[0].quote


def test_batch_missing_corpus_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="no corpus file"):
        trace_many(["x"], [tmp_path / "missing.db"], scheduler="synchronous")


def _app() -> typer.Typer:
    app = typer.Typer()
    app.command("batch")(batch_command)
    app.command("index")(index_command)
    return app


def test_batch_cli_indexes_traces_and_resumes(tmp_path: Path) -> None:
    documents = make_corpus(6, turns=3)
    sources = tmp_path / "sources"
    sources.mkdir()
    for document in documents:
        (sources / f"{document.id}.txt").write_text(document.text, encoding="utf-8")
    articles = tmp_path / "articles"
    articles.mkdir()
    planted = make_articles(documents, 4, quotes=1)
    for number, (text, _) in enumerate(planted):
        (articles / f"{number}.txt").write_text(text, encoding="utf-8")
    runner = CliRunner()
    archive = tmp_path / "archive.db"
    index = runner.invoke(
        _app(), ["index", str(sources), "--out", str(archive), "--scheduler", "synchronous"]
    )
    assert index.exit_code == 0, index.output
    assert "6 documents" in index.output
    out = tmp_path / "results.jsonl"
    arguments = ["batch", str(articles), "--corpus", str(archive), "--out", str(out)]
    first = runner.invoke(_app(), [*arguments, "--scheduler", "synchronous"])
    assert first.exit_code == 0, first.output
    assert "4 traced, 0 failed, 0 already done" in first.output
    records = list(read_results(out))
    assert sorted(r.key for r in records) == sorted(str(p) for p in articles.glob("*.txt"))
    for record in records:
        assert record.report is not None
        number = int(Path(record.key).stem)
        wanted = next(d.id for d in documents if planted[number][1][0].sentence in d.text)
        # The corpus was built from files, so its ids are those of the files' contents;
        # the passage is found in the file of the transcript that was quoted.
        found = {
            record.report.document(e.document_id).text
            for e in record.report.evidence
            if e.document_id is not None
        }
        assert next(d.text for d in documents if d.id == wanted) in found
    again = runner.invoke(_app(), [*arguments, "--scheduler", "synchronous"])
    assert "0 traced, 0 failed, 4 already done" in again.output
    assert len(out.read_text(encoding="utf-8").splitlines()) == 4
    json.loads(out.read_text(encoding="utf-8").splitlines()[0])


def test_batch_cli_reports_bad_input(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        _app(),
        ["batch", "a.txt", "--corpus", str(tmp_path / "no.db"), "--out", str(tmp_path / "r")],
    )
    assert result.exit_code == 2
    assert "no corpus file" in result.output


def test_batch_progress_bar_counts_every_article(capsys: pytest.CaptureFixture[str]) -> None:
    texts = ['"We stay," she said.', '"We go," he said.']
    summary = trace_many(texts, scheduler="synchronous", progress=True)
    assert summary.traced == 2
    captured = capsys.readouterr()
    assert "2/2" in captured.err
    assert captured.out == ""
