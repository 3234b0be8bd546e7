"""The `sourcetrace` command, run as a real subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sourcetrace import TraceReport, __version__
from sourcetrace.extract import _rules

REPO = Path(__file__).resolve().parents[1]


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sourcetrace", *args],
        cwd=REPO,
        input=stdin.decode("latin-1") if stdin is not None else None,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_trace_prints_a_table_with_every_verdict() -> None:
    result = run("trace", "examples/article.txt", "--source", "examples/sources/")
    assert result.returncode == 0, result.stderr
    for verdict in ("verbatim", "altered", "truncated", "paraphrase", "misattributed",
                    "not_found"):
        assert verdict in result.stdout
    assert "Dana Okafor" in result.stdout
    assert result.stderr == ""  # no progress bars when not at a terminal


def test_trace_json_is_a_report(tmp_path: Path) -> None:
    html = tmp_path / "report.html"
    result = run("trace", "examples/article.txt", "-s", "examples/sources/", "--json",
                 "--html", str(html))
    assert result.returncode == 0, result.stderr
    report = TraceReport.model_validate_json(result.stdout)
    assert len(report.documents) == 2
    assert html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_schema_prints_the_report_schema() -> None:
    result = run("schema")
    assert result.returncode == 0
    assert json.loads(result.stdout) == TraceReport.model_json_schema()


def test_version_says_how_the_reader_runs() -> None:
    result = run("--version")
    assert result.returncode == 0
    # the tests run against the source tree, or against a compiled wheel in CI
    build = "pure Python" if _rules.__file__.endswith(".py") else "compiled with mypyc"
    assert result.stdout.strip() == f"sourcetrace {__version__} (extraction: {build})"


def test_help_lists_the_commands() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert "trace" in result.stdout and "schema" in result.stdout


@pytest.mark.parametrize(
    ("make_article", "message"),
    [
        (lambda tmp: tmp / "missing.txt", "not found"),
        (lambda tmp: tmp, "directory"),
        (lambda tmp: _write(tmp / "empty.txt", b"  \n"), "empty"),
        (lambda tmp: _write(tmp / "noise.bin", bytes(range(256)) * 16), "binary"),
    ],
    ids=["missing-file", "directory", "empty", "binary"],
)
def test_bad_input_exits_2_with_one_line(tmp_path: Path, make_article: object,
                                         message: str) -> None:
    article = make_article(tmp_path)  # type: ignore[operator]
    result = run("trace", str(article))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    assert message in lines[0].lower()
    assert "Traceback" not in result.stderr


def test_article_from_stdin() -> None:
    text = '"Every gate has been tested," spokeswoman Dana Okafor said.\n'
    result = run("trace", "-", "--json", stdin=text.encode())
    assert result.returncode == 0, result.stderr
    report = TraceReport.model_validate_json(result.stdout)
    assert report.claims[0].speaker.name == "Dana Okafor"


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_progress_bars_show_at_a_terminal_only() -> None:
    import os
    import pty

    leader, follower = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "120"}
    env.pop("NO_COLOR", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "sourcetrace", "trace", "examples/article.txt",
         "-s", "examples/sources/"],
        cwd=REPO, stdout=subprocess.PIPE, stderr=follower, env=env,
    )
    os.close(follower)
    screen = b""
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closes when the process ends
            break
        if not chunk:
            break
        screen += chunk
    stdout, _ = process.communicate(timeout=120)
    os.close(leader)
    assert process.returncode == 0
    assert b"Loading sources" in screen and b"Matching claims" in screen
    assert b"Loading sources" not in stdout  # the table on stdout stays clean


def test_an_article_without_attributed_claims_says_so() -> None:
    text = "The barrier is 1.4 kilometres long. It has eleven gates.\n"
    result = run("trace", "-", stdin=text.encode())
    assert result.returncode == 0, result.stderr
    assert "0 claims" in result.stdout
    assert "No attributed claims found" in result.stdout


def test_trace_reads_the_belief_and_act_cues_asked_for() -> None:
    text = (
        "Mayor Lena Ortiz thinks the gates will hold. "
        "Ortiz wants a new ferry. "
        "The union called for an inquiry.\n"
    )
    default = run("trace", "-", "--json", stdin=text.encode())
    assert default.returncode == 0, default.stderr
    assert TraceReport.model_validate_json(default.stdout).claims == []
    chosen = run("trace", "-", "--json", "--beliefs", "think", "--acts", "all",
                 stdin=text.encode())
    assert chosen.returncode == 0, chosen.stderr
    report = TraceReport.model_validate_json(chosen.stdout)
    assert [c.cue.lemma for c in report.claims if c.cue] == ["think", "call"]


def test_trace_refuses_an_unknown_cue_lemma_in_one_line() -> None:
    result = run("trace", "-", "--beliefs", "think,shout", stdin=b"Ortiz thinks so.\n")
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "shout" in lines[0]
