"""The ``sourcetrace`` command: trace an article from the terminal.

``sourcetrace trace ARTICLE --source S ...`` prints a readable report (a table of claims,
speakers, matched passages and verdicts), or JSON with ``--json``; ``--html FILE`` also
writes the self-contained HTML report. ``sourcetrace schema`` prints the JSON Schema of
the report. Bad input ends with a one-line message on stderr and exit status 2.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ._config import TraceConfig
from ._errors import SourcetraceError
from ._models import Document, ProvenanceGraph, TraceReport
from ._tracer import trace as run_trace
from ._version import __version__
from .extract import RuleBasedExtractor, _reader_build
from .fetch import ReplayTransport
from .match import Corpus

__all__ = ["app", "main"]

app = typer.Typer(
    name="sourcetrace",
    help="Trace the attributed claims of a news article back to their primary sources.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)

EXIT_BAD_INPUT = 2


def _version(value: bool) -> None:
    if value:
        typer.echo(f"sourcetrace {__version__} (extraction: {_reader_build()})")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
    verbose: Annotated[
        int, typer.Option("--verbose", "-v", count=True, help="Log more (-v info, -vv debug).")
    ] = 0,
) -> None:
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


def _one_line(exc: Exception) -> str:
    """An exception as one line: pydantic's multi-line messages keep their last reason."""
    errors = getattr(exc, "errors", None)
    if callable(errors):
        return "; ".join(str(error.get("msg", "")) for error in errors())
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    return lines[0] if lines else type(exc).__name__


def _fail(message: str) -> None:
    Console(stderr=True, highlight=False).print(f"[bold red]error:[/] {message}", soft_wrap=True)
    raise typer.Exit(EXIT_BAD_INPUT)


@app.command("trace")
def trace_command(
    article: Annotated[
        str, typer.Argument(help="The article: a file (.txt, .html), a URL, or '-' for stdin.")
    ],
    source: Annotated[
        list[str] | None,
        typer.Option(
            "--source",
            "-s",
            help="A source to trace against: a file, a folder of files, or a URL. Repeatable.",
        ),
    ] = None,
    corpus: Annotated[
        list[Path] | None,
        typer.Option(
            "--corpus",
            "-c",
            exists=True,
            dir_okay=False,
            help="A corpus file built with 'sourcetrace index add'. Repeatable.",
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the report as JSON instead of a table.")
    ] = False,
    html: Annotated[
        Path | None,
        typer.Option("--html", help="Also write the HTML report to this file.", dir_okay=False),
    ] = None,
    follow_links: Annotated[
        bool, typer.Option("--follow-links", help="Also fetch the article's own links.")
    ] = False,
    depth: Annotated[
        int,
        typer.Option(
            "--depth",
            min=0,
            max=10,
            help="Hops to follow from a secondary source (another outlet's report) back "
            "toward the primary one.",
        ),
    ] = 0,
    allow_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allow-host",
            help="A private host or network that may be fetched (e.g. 10.0.0.0/8). Repeatable.",
        ),
    ] = None,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.1, help="Seconds allowed per request.")
    ] = 20.0,
    archive: Annotated[
        Path | None,
        typer.Option(
            "--archive",
            dir_okay=False,
            help="Write every response to this WARC file (.warc.gz), to replay the trace.",
        ),
    ] = None,
    replay: Annotated[
        Path | None,
        typer.Option(
            "--replay",
            exists=True,
            dir_okay=False,
            help="Answer every request from this WARC archive, with no network.",
        ),
    ] = None,
    cache_dir: Annotated[
        Path | None,
        typer.Option("--cache-dir", file_okay=False, help="Keep an HTTP cache in this folder."),
    ] = None,
    offline: Annotated[
        bool, typer.Option("--offline", help="Use only the cache (needs --cache-dir).")
    ] = False,
    no_robots: Annotated[
        bool, typer.Option("--ignore-robots", help="Do not honour robots.txt.")
    ] = False,
    beliefs: Annotated[
        str | None,
        typer.Option(
            "--beliefs",
            help="Also read cues of belief and intention: 'all', or lemmas separated by "
            "commas (think,believe). See BELIEF_CUES.",
        ),
    ] = None,
    acts: Annotated[
        str | None,
        typer.Option(
            "--acts",
            help="Also read speech acts with an object (called for, criticized): 'all', "
            "or lemmas separated by commas (criticize,call). See ACT_CUES.",
        ),
    ] = None,
) -> None:
    """Trace ARTICLE's attributed claims against the given sources."""
    if article == "-":
        data = sys.stdin.buffer.read()
        article_input: str | bytes = data
    else:
        article_input = article
    try:
        config = TraceConfig(
            follow_links=follow_links,
            depth=depth,
            allow_hosts=tuple(allow_host or ()),
            request_timeout=timeout,
            archive=archive,
            cache_dir=cache_dir,
            offline=offline,
            respect_robots=not no_robots,
        )
        transport = ReplayTransport(replay) if replay is not None else None
        sources: list[Any] = [*(source or ()), *(Corpus(path) for path in corpus or ())]
        extractor = RuleBasedExtractor(beliefs=_lemmas(beliefs), acts=_lemmas(acts))
    except (ValueError, SourcetraceError) as exc:
        _fail(_one_line(exc))
        return
    err = Console(stderr=True)
    show_progress = not as_json and err.is_terminal
    try:
        if show_progress:
            with Progress(
                TextColumn("[progress.description]{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=err,
                transient=True,
            ) as bar:
                tasks: dict[str, Any] = {}

                def progress(stage: str, done: int, total: int) -> None:
                    if stage not in tasks:
                        label = {"fetch": "Loading sources", "match": "Matching claims"}
                        tasks[stage] = bar.add_task(label.get(stage, stage), total=total)
                    bar.update(tasks[stage], completed=done, total=total)

                report = run_trace(
                    article_input, sources, config=config, progress=progress,
                    transport=transport, extractor=extractor,
                )
        else:
            report = run_trace(
                article_input, sources, config=config, transport=transport, extractor=extractor
            )
    except SourcetraceError as exc:
        _fail(str(exc))
        return
    if html is not None:
        try:
            html.write_text(report.to_html(), encoding="utf-8")
        except OSError as exc:
            _fail(f"cannot write the HTML report to {html}: {exc.strerror or exc}")
    if as_json:
        typer.echo(report.to_json())
        return
    out = Console(highlight=False)
    if not out.is_terminal:
        # Piped or redirected: wide enough for the table to stay readable in a file.
        out = Console(highlight=False, width=140)
    from .report import render_rich

    out.print(render_rich(report))
    if html is not None:
        out.print(f"HTML report written to {html}")


def _lemmas(option: str | None) -> bool | frozenset[str]:
    """``--beliefs``/``--acts``: none, every lemma ('all'), or the lemmas listed."""
    if option is None:
        return False
    if option.strip().lower() == "all":
        return True
    return frozenset(word.strip().lower() for word in option.split(",") if word.strip())


@app.command("schema")
def schema_command(
    model: Annotated[
        str,
        typer.Option("--model", help="Which schema: 'report' (TraceReport) or 'graph'."),
    ] = "report",
) -> None:
    """Print the JSON Schema of the trace report (or of the provenance graph)."""
    models: dict[str, type[TraceReport] | type[ProvenanceGraph]] = {
        "report": TraceReport,
        "graph": ProvenanceGraph,
    }
    if model not in models:
        _fail(f"unknown schema {model!r}: choose 'report' or 'graph'")
        return
    typer.echo(json.dumps(models[model].model_json_schema(), indent=2))


index_app = typer.Typer(
    help="Build corpus files: archives of sources to trace against with --corpus.",
    no_args_is_help=True,
)
app.add_typer(index_app, name="index")


@index_app.command("add")
def index_add_command(
    sources: Annotated[
        list[Path],
        typer.Argument(
            exists=True,
            help="Files, folders of files (.txt, .html, .md, .pdf) and WARC archives "
            "(.warc, .warc.gz) to add.",
        ),
    ],
    corpus: Annotated[
        Path, typer.Option("--corpus", "-c", dir_okay=False, help="The corpus file (.db).")
    ],
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="For a new corpus: a Dask scheduler address to build it in parallel "
            "shards, or 'synchronous' (the default without Dask).",
        ),
    ] = None,
) -> None:
    """Add documents to a corpus file, creating it if needed.

    A new corpus is built in parallel shards on Dask when it is installed
    (sourcetrace[dask]); documents are added to an existing corpus one by one.
    """
    from .batch import build_index
    from .discover import SOURCE_SUFFIXES
    from .fetch import documents_from_warc, load

    def inputs() -> Iterator[Document | Path]:
        for source in sources:
            if source.name.endswith((".warc", ".warc.gz")):
                yield from documents_from_warc(source)
            elif source.is_dir():
                yield from sorted(
                    p for p in source.rglob("*")
                    if p.is_file() and p.suffix.lower() in SOURCE_SUFFIXES
                    and not p.name.startswith(".")
                )
            else:
                yield source

    err = Console(stderr=True, highlight=False)
    try:
        if not corpus.exists():
            if scheduler is None and importlib.util.find_spec("distributed") is None:
                scheduler = "synchronous"
            summary = build_index(list(inputs()), corpus, scheduler=scheduler)
            added, problems = summary.documents, dict(summary.errors)
        else:
            added, problems = 0, {}
            with Corpus(corpus) as archive:
                for item in inputs():
                    try:
                        archive.add(item if isinstance(item, Document) else load(item))
                        added += 1
                    except SourcetraceError as exc:
                        problems[str(item)] = _one_line(exc)
                archive.commit()
    except (SourcetraceError, OSError) as exc:
        _fail(_one_line(exc))
        return
    err.print(f"{added} documents added to {corpus}")
    for source, problem in list(problems.items())[:10]:
        err.print(f"  [yellow]{source}[/]: {problem}", soft_wrap=True)


def _register_batch() -> None:
    from .batch._cli import batch_command

    app.command("batch")(batch_command)


_register_batch()


def main() -> None:
    """The console entry point."""
    app()
