"""Build a persistent corpus of a large archive in parallel: shards on workers, then a merge.

Reading an archive is most of the work of indexing it: files are read, decoded, their
HTML cleaned and their transcript turns found, then every word is keyed and written to
the full-text index. :func:`build_index` cuts the list of documents into shards, and
each Dask task loads its shard and writes it to a corpus file of its own. The shard
files are then merged, in input order, into one corpus file: the same file, document
for document, that adding the documents one after another would give.
"""

from __future__ import annotations

import logging
import os
import shutil
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .._errors import ConfigError, SourcetraceError
from .._models import Document
from ._dask import dask_client

if TYPE_CHECKING:
    from distributed import Client

__all__ = ["IndexSummary", "build_index", "merge_corpora"]

logger = logging.getLogger("sourcetrace.batch")

IndexInput = str | os.PathLike[str] | Document


@dataclass
class IndexSummary:
    """What :func:`build_index` did, and how long each phase took."""

    out: Path
    documents: int = 0
    """Documents in the finished corpus."""
    shards: int = 0
    errors: dict[str, str] = field(default_factory=dict)
    """``source -> "ErrorClass: message"`` for inputs that could not be read."""
    shard_seconds: float = 0.0
    """Wall time of the parallel phase (loading and indexing the shards)."""
    merge_seconds: float = 0.0
    """Wall time of merging the shards into ``out``."""

    @property
    def seconds(self) -> float:
        """Wall time in all."""
        return self.shard_seconds + self.merge_seconds


def _expand(items: Iterable[IndexInput]) -> list[str | Document]:
    from ..discover import SOURCE_SUFFIXES

    expanded: list[str | Document] = []
    for item in items:
        if isinstance(item, Document):
            expanded.append(item)
            continue
        path = Path(item)
        if path.is_dir():
            expanded.extend(
                str(file)
                for file in sorted(path.rglob("*"))
                if file.is_file()
                and file.suffix.lower() in SOURCE_SUFFIXES
                and not any(part.startswith(".") for part in file.relative_to(path).parts)
            )
        else:
            expanded.append(os.fspath(item))
    return expanded


def _build_shard(items: Sequence[str | Document], path: str) -> tuple[int, dict[str, str]]:
    """Load ``items`` and write them to a new corpus file at ``path``."""
    from ..fetch import load
    from ..match import Corpus

    errors: dict[str, str] = {}
    count = 0
    if os.path.exists(path):
        os.remove(path)
    corpus = Corpus(path)
    try:
        for item in items:
            try:
                if isinstance(item, Document):
                    document = item
                elif item.startswith(("http://", "https://")):
                    document = load(item)
                else:
                    document = load(Path(item))
            except (SourcetraceError, OSError) as exc:
                errors[item if isinstance(item, str) else item.id] = f"{type(exc).__name__}: {exc}"
                continue
            corpus.add(document)
            count += 1
    finally:
        corpus.close()
    return count, errors


def merge_corpora(shards: Sequence[str | os.PathLike[str]], out: str | os.PathLike[str]) -> int:
    """Add every document of the corpus files ``shards``, in order, to the corpus ``out``.

    Returns:
        The number of documents in ``out`` afterwards.
    """
    from ..match import Corpus

    target = Corpus(out)
    try:
        for shard in shards:
            source = Corpus(shard)
            try:
                for document in source:
                    target.add(document)
            finally:
                source.close()
            target.commit()
        return len(target)
    finally:
        target.close()


def build_index(
    documents: Iterable[IndexInput],
    out: str | os.PathLike[str],
    *,
    client: Client | None = None,
    scheduler: str | None = None,
    shards: int | None = None,
    keep_shards: bool = False,
) -> IndexSummary:
    """Build the corpus file ``out`` from many documents, loading and indexing in parallel.

    Args:
        documents: file paths, folders (their ``.txt``, ``.html``, ``.md`` and ``.pdf``
            files) and :class:`~sourcetrace.Document` objects, in the order they are
            to be stored.
        out: the corpus file to create; it must not exist yet.
        client: a ``dask.distributed.Client`` (default: a ``LocalCluster`` for the call).
        scheduler: the address of a Dask scheduler, or ``"synchronous"`` for one
            shard built in this process (no Dask).
        shards: how many shard files to build (default: two per worker thread). The
            workers must be able to write to the folder of ``out``.
        keep_shards: keep the shard files (``<out>.shards/``) after the merge; each is
            a corpus of its own.

    Returns:
        An :class:`IndexSummary`; inputs that could not be read are listed in its
        ``errors`` and left out of the corpus.

    Raises:
        ConfigError: ``out`` already exists, or both ``client`` and ``scheduler`` given.
        MissingDependencyError: Dask is needed and not installed.

    Examples:
            from sourcetrace.batch import build_index
            build_index(["archive/"], "archive.db").documents
            # 20000
    """
    out = Path(out)
    if out.exists():
        raise ConfigError(f"{out} exists already: give the path of a new corpus file")
    if client is not None and scheduler is not None:
        raise ConfigError("pass either a Dask client or a scheduler address, not both")
    items = _expand(documents)
    summary = IndexSummary(out=out)
    folder = out.with_name(out.name + ".shards")
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    try:
        if scheduler == "synchronous":
            paths = [str(folder / "shard-00000.db")]
            results = [_build_shard(items, paths[0])]
        else:
            results, paths = _shards_on_dask(items, folder, client, scheduler, shards)
        summary.shard_seconds = time.perf_counter() - started
        summary.shards = len(paths)
        for _, errors in results:
            summary.errors.update(errors)
        started = time.perf_counter()
        if len(paths) == 1 and not keep_shards:
            shutil.move(paths[0], out)
        else:
            merge_corpora(paths, out)
        from ..match import Corpus

        with Corpus(out) as corpus:
            # One index segment: smaller on disk and quicker to search.
            corpus.optimize()
            summary.documents = len(corpus)
        summary.merge_seconds = time.perf_counter() - started
    finally:
        if not keep_shards:
            shutil.rmtree(folder, ignore_errors=True)
    logger.info(
        "corpus %s: %d documents from %d shards in %.1f s (+ %.1f s merging)",
        out,
        summary.documents,
        summary.shards,
        summary.shard_seconds,
        summary.merge_seconds,
    )
    return summary


def _shards_on_dask(
    items: list[str | Document],
    folder: Path,
    client: Client | None,
    scheduler: str | None,
    shards: int | None,
) -> tuple[list[tuple[int, dict[str, str]]], list[str]]:
    with dask_client(client, scheduler) as client:
        count = shards or 2 * (sum(client.nthreads().values()) or 1)
        count = max(1, min(count, len(items)))
        size = -(-len(items) // count) if items else 0
        pieces = [items[i * size : (i + 1) * size] for i in range(count)]
        paths = [str((folder / f"shard-{i:05d}.db").resolve()) for i in range(count)]
        futures = client.map(_build_shard, pieces, paths, pure=False)
        results: list[tuple[int, dict[str, str]]] = client.gather(futures)
        return results, paths

