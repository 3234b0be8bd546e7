"""Throughput of batch tracing: one process against a LocalCluster of 1 and 2 workers,
and how it changes with the size of the corpus.

Run from the repository root (needs ``sourcetrace[dask]``)::

    python benchmarks/bench_batch.py                     # 1k, 5k, 20k documents
    python benchmarks/bench_batch.py --sizes 1000 --articles 60

Everything is generated (fictional briefings and articles, see
``sourcetrace.batch._synth``) in a temporary folder. For each corpus size it prints:
the build (one process, and parallel shards plus merge), the corpus file's size per
document, articles per minute in one process and on 1 and 2 worker processes with the
ratios between them, the same corpus as 4 shard files instead of one, and the resident
memory of a worker after the run.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path
from typing import Any

from distributed import Client, LocalCluster

from sourcetrace.batch import build_index, trace_many
from sourcetrace.batch._synth import make_articles, make_corpus
from sourcetrace.match import Corpus, locate


def _rss() -> int:
    import psutil

    return int(psutil.Process().memory_info().rss)


def _write(folder: Path, named: list[tuple[str, str]]) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in named:
        path = folder / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    return paths


def _locate_ms(quotes: list[tuple[str, str]], files: list[str]) -> float:
    corpora = [Corpus(path) for path in files]
    for quote, speaker in quotes[:5]:
        for corpus in corpora:
            locate(quote, corpus, speaker)
    started = time.perf_counter()
    for quote, speaker in quotes:
        for corpus in corpora:
            locate(quote, corpus, speaker)
    for corpus in corpora:
        corpus.close()
    return 1000 * (time.perf_counter() - started) / len(quotes)


def _per_minute(summary: Any) -> float:
    return float(summary.articles_per_minute)


def run(size: int, articles: int, root: Path) -> dict[str, float]:
    """Measure one corpus size; returns the figures by name."""
    figures: dict[str, float] = {"documents": size}
    documents = make_corpus(size)
    sources = _write(root / f"sources-{size}", [(d.id, d.text) for d in documents])
    planted = make_articles(documents, articles, quotes=2)
    article_paths = _write(
        root / f"articles-{size}", [(f"a{i:05d}", t) for i, (t, _) in enumerate(planted)]
    )

    single = root / f"single-{size}.db"
    summary = build_index(sources, single, scheduler="synchronous")
    figures["build_1proc_s"] = summary.seconds
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        Client(cluster) as client,
    ):
        sharded = build_index(
            sources, root / f"sharded-{size}.db", client=client, shards=4, keep_shards=True
        )
    figures["build_2workers_shards_s"] = sharded.shard_seconds
    figures["build_merge_s"] = sharded.merge_seconds
    figures["file_bytes_per_doc"] = single.stat().st_size / size
    with Corpus(single) as corpus:
        figures["index_bytes_per_doc"] = corpus.index_bytes() / size
    text_bytes = sum(len(d.text.encode("utf-8")) for d in documents)
    figures["text_bytes_per_doc"] = text_bytes / size

    # Warm the page cache and the imports once, so that no mode pays for them alone.
    trace_many(article_paths[:5], [str(single)], scheduler="synchronous", progress=False)
    summary = trace_many(article_paths, [str(single)], scheduler="synchronous", progress=False)
    figures["apm_1proc"] = _per_minute(summary)
    # One corpus file against the same documents in 4 shard files: the cost of asking
    # every shard for every quote.
    shard_files = sorted(str(p) for p in (root / f"sharded-{size}.db.shards").glob("*.db"))
    quotes = [(q.quoted, q.speaker) for _, used in planted for q in used]
    figures["locate_ms_1file"] = _locate_ms(quotes, [str(single)])
    figures["locate_ms_4shards"] = _locate_ms(quotes, shard_files)
    before = _rss()
    figures["driver_rss_mb"] = before / 2**20
    for workers in (1, 2):
        with (
            LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0"
            ) as cluster,
            Client(cluster) as client,
        ):
            client.run(lambda: __import__("sourcetrace.batch._run"))
            trace_many(article_paths[:5], [str(single)], client=client, progress=False)
            summary = trace_many(article_paths, [str(single)], client=client, progress=False)
            figures[f"apm_{workers}workers"] = _per_minute(summary)
            rss = client.run(_rss)
            figures[f"worker_rss_mb_{workers}workers"] = max(rss.values()) / 2**20
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--articles", type=int, default=150)
    options = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores; {options.articles} articles, 2 quotes each")
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for size in options.sizes:
            started = time.perf_counter()
            figures = run(size, options.articles, Path(folder))
            rows.append(figures)
            print(f"\n== corpus of {size} documents ({time.perf_counter() - started:.0f} s)")
            for name, value in figures.items():
                print(f"  {name:28s} {value:12.2f}")
            base = figures["apm_1proc"]
            print(
                f"  ratios: 1 worker / 1 process = {figures['apm_1workers'] / base:.2f}; "
                f"2 workers / 1 process = {figures['apm_2workers'] / base:.2f}; "
                f"2 workers / 1 worker = {figures['apm_2workers'] / figures['apm_1workers']:.2f}; "
                f"locate in 4 shards / in 1 file = "
                f"{figures['locate_ms_4shards'] / figures['locate_ms_1file']:.2f}"
            )
            print(
                f"  build: 2 workers in shards / 1 process = "
                f"{figures['build_2workers_shards_s'] / figures['build_1proc_s']:.2f} "
                f"(+ merge {figures['build_merge_s'] / figures['build_1proc_s']:.2f})"
            )
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        growth = last["documents"] / first["documents"]
        print(
            f"\ncorpus x{growth:.0f}: one process runs at "
            f"{last['apm_1proc'] / first['apm_1proc']:.2f}x the articles/minute, "
            f"2 workers at {last['apm_2workers'] / first['apm_2workers']:.2f}x"
        )


if __name__ == "__main__":
    main()
