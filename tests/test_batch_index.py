"""Building a corpus file in parallel shards gives the corpus a one-by-one build gives."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("distributed")

from distributed import Client

from sourcetrace import ConfigError, trace
from sourcetrace.batch import build_index, merge_corpora
from sourcetrace.batch._synth import make_articles, make_corpus
from sourcetrace.match import Corpus

from _shared import local_dask

pytestmark = pytest.mark.timeout(120)

TRANSCRIPTS = 150


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("archive")
    for document in make_corpus(TRANSCRIPTS, turns=3):
        (root / f"{document.id}.txt").write_text(document.text, encoding="utf-8")
    # One file that cannot be read as a source: recorded, left out.
    (root / "broken.txt").write_bytes(b"\x00\x01\x02" * 100)
    return root


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    with local_dask() as (_, dask_client):
        yield dask_client


def test_batch_index_shards_merge_to_the_one_by_one_corpus(
    folder: Path, tmp_path: Path, client: Client
) -> None:
    single = build_index([folder], tmp_path / "single.db", scheduler="synchronous")
    sharded = build_index([folder], tmp_path / "sharded.db", client=client, shards=5)
    assert (single.shards, sharded.shards) == (1, 5)
    assert single.documents == sharded.documents == TRANSCRIPTS
    assert set(single.errors) == set(sharded.errors) == {str(folder / "broken.txt")}
    one, merged = Corpus(tmp_path / "single.db"), Corpus(tmp_path / "sharded.db")
    assert one.ids() == merged.ids()
    assert [doc.text for doc in one] == [doc.text for doc in merged]
    assert not (tmp_path / "sharded.db.shards").exists()
    # The merged index finds what the one-by-one index finds.
    documents = list(one)
    for text, quotes in make_articles(documents, 4, quotes=1, seed=5):
        first = trace(text, [one])
        second = trace(text, [merged])
        assert first.evidence == second.evidence
        wanted = next(d.id for d in documents if quotes[0].sentence in d.text)
        assert wanted in {e.document_id for e in first.evidence}


def test_batch_index_keeps_shards_that_are_corpora_of_their_own(
    folder: Path, tmp_path: Path, client: Client
) -> None:
    summary = build_index([folder], tmp_path / "kept.db", client=client, shards=3, keep_shards=True)
    shards = sorted((tmp_path / "kept.db.shards").glob("shard-*.db"))
    assert len(shards) == 3
    counts = [len(Corpus(path)) for path in shards]
    assert sum(counts) == summary.documents == TRANSCRIPTS
    assert merge_corpora(shards, tmp_path / "again.db") == TRANSCRIPTS


def test_batch_index_refuses_to_overwrite(folder: Path, tmp_path: Path) -> None:
    existing = tmp_path / "existing.db"
    existing.write_bytes(b"")
    with pytest.raises(ConfigError, match="exists already"):
        build_index([folder], existing, scheduler="synchronous")
