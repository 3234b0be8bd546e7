"""Batch tracing: many articles on a Dask cluster, results streamed to JSON Lines.

    from sourcetrace.batch import trace_many, read_results
    trace_many(paths, ["archive.db"], out="results.jsonl")

Dask is an optional extra (``pip install 'sourcetrace[dask]'``); it is imported only
when a batch runs on a cluster. See ``docs/batch.md``.
"""

from __future__ import annotations

from ._jsonl import BatchRecord, read_results, scan
from ._run import CORPUS_SUFFIXES, BatchProgress, BatchSummary, article_key, trace_many
from ._shards import IndexSummary, build_index, merge_corpora

__all__ = [
    "CORPUS_SUFFIXES",
    "BatchProgress",
    "BatchRecord",
    "BatchSummary",
    "IndexSummary",
    "article_key",
    "build_index",
    "merge_corpora",
    "read_results",
    "scan",
    "trace_many",
]
