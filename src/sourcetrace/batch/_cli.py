"""``sourcetrace batch`` and ``sourcetrace index``: the batch tools on the command line.

The functions are plain typer commands; the application registers them with
``app.command("batch")(batch_command)`` and ``app.command("index")(index_command)``.
"""

from __future__ import annotations

import os
from contextlib import ExitStack
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from .._config import TraceConfig
from .._errors import SourcetraceError
from ._run import trace_many
from ._shards import build_index

__all__ = ["ARTICLE_SUFFIXES", "batch_command", "index_command"]

ARTICLE_SUFFIXES = frozenset({".txt", ".text", ".md", ".html", ".htm", ".xhtml"})
"""File name endings taken as articles when a folder is given to ``sourcetrace batch``."""

EXIT_BAD_INPUT = 2


def _fail(message: str) -> None:
    Console(stderr=True, highlight=False).print(f"[bold red]error:[/] {message}", soft_wrap=True)
    raise typer.Exit(EXIT_BAD_INPUT)


def _articles(given: list[str]) -> list[str]:
    found: list[str] = []
    for item in given:
        path = Path(item)
        if not item.startswith(("http://", "https://")) and path.is_dir():
            found.extend(
                str(file)
                for file in sorted(path.rglob("*"))
                if file.is_file() and file.suffix.lower() in ARTICLE_SUFFIXES
            )
        elif item.startswith("@"):
            # @list.txt: one article (path or URL) per line, for lists too long for a shell.
            lines = Path(item[1:]).read_text(encoding="utf-8").splitlines()
            found.extend(line.strip() for line in lines if line.strip())
        else:
            found.append(item)
    return found


def _cluster(workers: int | None, scheduler: str | None, stack: ExitStack) -> Any:
    if workers is None or scheduler is not None:
        return None
    from ._dask import require_distributed

    distributed = require_distributed()
    cluster = stack.enter_context(
        distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True)
    )
    return stack.enter_context(distributed.Client(cluster))


def batch_command(
    articles: Annotated[
        list[str],
        typer.Argument(
            help="Articles: files, folders of files, URLs, or @LIST (a file with one per line)."
        ),
    ],
    out: Annotated[
        Path,
        typer.Option(
            "--out", "-o", help="The JSON Lines results file; run again with it to resume."
        ),
    ],
    corpus: Annotated[
        list[Path] | None,
        typer.Option("--corpus", "-c", help="A corpus file (.db) to match against. Repeatable."),
    ] = None,
    source: Annotated[
        list[str] | None,
        typer.Option("--source", "-s", help="Another source: a file, a folder or a URL."),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="Address of a Dask scheduler (tcp://host:8786), or 'synchronous' to trace "
            "in this process. Default: a local cluster.",
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option("--workers", "-w", min=1, help="Worker processes of the local cluster."),
    ] = None,
    retry_failed: Annotated[
        bool, typer.Option("--retry-failed", help="Trace again the articles that failed.")
    ] = False,
    allow_host: Annotated[
        list[str] | None,
        typer.Option("--allow-host", help="A private host or network that may be fetched."),
    ] = None,
    per_host: Annotated[
        int | None,
        typer.Option("--per-host", min=1, help="Requests in flight to one host, over all workers."),
    ] = None,
) -> None:
    """Trace many articles on a Dask cluster, streaming reports to a JSON Lines file."""
    console = Console(stderr=True, highlight=False)
    options: dict[str, Any] = {}
    if allow_host:
        options["allow_hosts"] = tuple(allow_host)
    if per_host is not None:
        options["max_connections_per_host"] = per_host
    try:
        config = TraceConfig(**options)
        sources: list[str | os.PathLike[str]] = [*(corpus or ()), *(source or ())]
        with ExitStack() as stack:
            client = _cluster(workers, scheduler, stack)
            summary = trace_many(
                _articles(articles),
                sources,
                client=client,
                config=config,
                out=out,
                scheduler=scheduler,
                retry_failed=retry_failed,
            )
    except (SourcetraceError, OSError, ValueError) as exc:
        _fail(str(exc))
        return
    console.print(
        f"{summary.traced} traced, {summary.failed} failed, {summary.skipped} already done "
        f"in {summary.seconds:.1f} s ({summary.articles_per_minute:.0f} articles/minute) "
        f"→ {out}"
    )
    for key, problem in list(summary.errors.items())[:10]:
        console.print(f"  [yellow]{key}[/]: {problem}", soft_wrap=True)


def index_command(
    documents: Annotated[
        list[str], typer.Argument(help="Source documents: files, folders of files, URLs.")
    ],
    out: Annotated[Path, typer.Option("--out", "-o", help="The corpus file to create (.db).")],
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="Address of a Dask scheduler, or 'synchronous'. Default: a local cluster.",
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option("--workers", "-w", min=1, help="Worker processes of the local cluster."),
    ] = None,
    shards: Annotated[
        int | None, typer.Option("--shards", min=1, help="Shard files built in parallel.")
    ] = None,
) -> None:
    """Build a corpus file from many source documents, in parallel shards."""
    console = Console(stderr=True, highlight=False)
    try:
        with ExitStack() as stack:
            client = _cluster(workers, scheduler, stack)
            summary = build_index(documents, out, client=client, scheduler=scheduler, shards=shards)
    except (SourcetraceError, OSError, ValueError) as exc:
        _fail(str(exc))
        return
    console.print(
        f"{summary.documents} documents in {out} ({summary.shards} shards, "
        f"{summary.shard_seconds:.1f} s + {summary.merge_seconds:.1f} s merging)"
    )
    for source, problem in list(summary.errors.items())[:10]:
        console.print(f"  [yellow]{source}[/]: {problem}", soft_wrap=True)
