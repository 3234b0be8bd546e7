"""Corpus: in memory and in SQLite, and candidate retrieval that loses no match."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz

from data.match_cases import documents
from data.match_fixtures import BRIEFING, VELL, briefing, wire
from sourcetrace._config import TraceConfig
from sourcetrace._errors import InputError
from sourcetrace._models import Document
from sourcetrace.match import Corpus, _corpus, locate
from sourcetrace.match._corpus import _groups, _removable
from sourcetrace.match._index import _QUICK_FOLD, quick_fold
from sourcetrace.match._match import build_query
from sourcetrace.text.normalize import normalize

UNRELATED = Document(id="weather", text="Light rain is expected along the coast on Sunday.")


def test_corpus_sqlite_keeps_documents_and_index_between_runs(tmp_path: Path) -> None:
    path = tmp_path / "archive.db"
    with Corpus(path) as corpus:
        corpus.add(briefing())
        corpus.add(wire())
        corpus.add(UNRELATED)
    reopened = Corpus(str(path))
    assert len(reopened) == 3
    assert reopened.ids() == ["briefing", "wire", "weather"]
    assert reopened.get("briefing").text == BRIEFING
    assert reopened.get("briefing").turns == briefing().turns
    assert "wire" in reopened and "nothing" not in reopened
    with pytest.raises(KeyError):
        reopened.get("nothing")
    in_memory = locate("The tunnel is safe", [briefing(), wire(), UNRELATED], speaker=VELL)
    on_disk = locate("The tunnel is safe", reopened, speaker=VELL)
    assert [e.model_dump() for e in on_disk] == [e.model_dump() for e in in_memory]
    assert reopened.index_bytes() > 0
    reopened.close()


@pytest.mark.parametrize("on_disk", [False, True])
def test_corpus_replacing_a_document_forgets_the_old_text(tmp_path: Path, on_disk: bool) -> None:
    corpus = Corpus(tmp_path / "c.db") if on_disk else Corpus()
    corpus.add(Document(id="d", text="The ferry to Orsund leaves at nine."))
    corpus.add(Document(id="d", text="The bridge to Kalvik opens in June."))
    assert len(corpus) == 1
    assert locate("The ferry to Orsund leaves at nine", corpus)[0].relation == "not_found"
    assert locate("The bridge to Kalvik opens in June", corpus)[0].relation == "verbatim"


@pytest.mark.parametrize("on_disk", [False, True])
def test_corpus_get_many_reads_documents_in_the_order_asked(tmp_path: Path, on_disk: bool) -> None:
    corpus = Corpus(tmp_path / "c.db") if on_disk else Corpus()
    for number in range(150):
        corpus.add(Document(id=f"pier-{number}", text=f"Pier {number} reopens on Monday."))
    # More than one batch of a file, out of order, with a repeat.
    wanted = [f"pier-{number}" for number in (149, 3, 77, 3, *range(100, 0, -1))]
    read = list(corpus.get_many(wanted))
    assert [document.id for document in read] == wanted
    assert read[0] == corpus.get("pier-149")
    assert list(corpus.get_many([])) == []
    with pytest.raises(KeyError, match="pier-999"):
        list(corpus.get_many(["pier-1", "pier-999"]))


def test_corpus_file_does_not_read_a_prepared_document_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = Corpus(tmp_path / "c.db")
    for number in range(3):
        corpus.add(Document(id=f"pier-{number}", text=f"Pier {number} reopens on Monday."))
    read: list[str] = []
    original = _corpus._document_from_json

    def counting(stored: str) -> Document:
        document = original(stored)
        read.append(document.id)
        return document

    monkeypatch.setattr(_corpus, "_document_from_json", counting)
    first = locate("Pier 1 reopens on Monday", corpus)
    assert sorted(read) == ["pier-0", "pier-1", "pier-2"]  # each candidate, once
    # A second claim on the same documents aligns the prepared entries kept in memory.
    assert locate("Pier 1 reopens on Monday", corpus) == first
    assert len(read) == 3


@pytest.mark.parametrize("on_disk", [False, True])
def test_corpus_candidates_skip_documents_without_the_quotes_words(
    tmp_path: Path, on_disk: bool
) -> None:
    corpus = Corpus(tmp_path / "c.db") if on_disk else Corpus()
    for doc in (briefing(), wire(), UNRELATED):
        corpus.add(doc)
    # The weather report has neither "tunnel" nor "safe": a match could lack one of
    # the quote's words, not both. The wire story has "the tunnel" and may be asked.
    query = build_query("q", "direct", ["The tunnel is safe"], "", VELL)
    found = corpus.candidates(query.anchors(TraceConfig()))
    assert "briefing" in found and "weather" not in found
    longer = build_query("q", "direct", ["passenger services will follow a week later"], "", VELL)
    assert corpus.candidates(longer.anchors(TraceConfig())) == ["briefing", "wire"]


def test_corpus_refuses_a_file_that_is_not_a_corpus(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are not the bytes of a SQLite database" * 100)
    with pytest.raises(InputError, match="cannot be opened"):
        Corpus(path)


_DOCS = documents()
_CORPUS = Corpus(_DOCS)
_NORMALISED = {doc.id: normalize(doc.text).text for doc in _DOCS}
_WORDS = [word for doc in _DOCS for word in doc.text.split()]


@st.composite
def _edited_quotes(draw: st.DrawFn) -> str:
    start = draw(st.integers(0, len(_WORDS) - 30))
    words = list(_WORDS[start : start + draw(st.integers(3, 25))])
    for _ in range(draw(st.integers(0, 4))):
        index = draw(st.integers(0, len(words) - 1))
        words[index] = draw(st.sampled_from(["never", "ninety", "Orsund", "the", "xq"]))
    return " ".join(words)


@settings(max_examples=60, deadline=None)
@given(_edited_quotes())
def test_corpus_candidates_include_every_document_an_exhaustive_scan_matches(
    quote: str,
) -> None:
    config = TraceConfig()
    query = build_query("q", "direct", [quote], quote, None)
    candidates = set(_CORPUS.candidates(query.anchors(config)))
    for segment in query.segments:
        threshold = config.quote_threshold(len(segment.text))
        for doc_id, text in _NORMALISED.items():
            if fuzz.partial_ratio(segment.text, text, score_cutoff=threshold):
                assert doc_id in candidates


# Two documents with the same rare words: together in one, scattered in the other.
_TOGETHER = Document(
    id="together",
    text="Harbor news. The Kessring tunnel will reopen to freight on Monday, the port said.",
)
_FILLER = "Members discussed budgets, schools, libraries, parking and snow clearing. " * 6
_SCATTERED = Document(
    id="scattered",
    text=_FILLER.join(
        [
            "The Kessring council met. ",
            "A tunnel was mentioned. ",
            "Nobody said when the pool would reopen. ",
            "Freight was not discussed. ",
            "The next meeting is on Monday.",
        ]
    ),
)


@pytest.mark.parametrize("on_disk", [False, True])
def test_corpus_candidates_need_the_rare_words_near_each_other(
    tmp_path: Path, on_disk: bool
) -> None:
    corpus = Corpus(tmp_path / "c.db") if on_disk else Corpus()
    corpus.add(_TOGETHER)
    corpus.add(_SCATTERED)
    quote = "The Kessring tunnel will reopen to freight on Monday"
    query = build_query("q", "direct", [quote], quote, None)
    # Both documents hold every content word of the quote; only one holds them in a
    # stretch as short as the quote.
    assert corpus.candidates(query.anchors(TraceConfig())) == ["together"]
    assert locate(quote, corpus)[0].document_id == "together"


def test_corpus_optimize_keeps_what_is_found(tmp_path: Path) -> None:
    with Corpus(tmp_path / "c.db") as corpus:
        for doc in documents():
            corpus.add(doc)
        quotes = ["The tunnel is safe", "passenger services will follow a week later"]
        before = [locate(quote, corpus) for quote in quotes]
        size = corpus.index_bytes()
        corpus.optimize()
        assert [locate(quote, corpus) for quote in quotes] == before
        assert corpus.index_bytes() <= size


def test_corpus_refuses_a_file_of_the_earlier_format_and_says_how_to_rebuild(
    tmp_path: Path,
) -> None:
    path = tmp_path / "old.db"
    with Corpus(path):
        pass
    import sqlite3

    db = sqlite3.connect(path)
    db.execute("UPDATE meta SET value = 'sourcetrace-corpus-1' WHERE name = 'format'")
    db.commit()
    db.close()
    with pytest.raises(InputError, match="sourcetrace index add"):
        Corpus(path)


def _fts5_counts(db_path: Path) -> dict[str, int]:
    import sqlite3

    db = sqlite3.connect(db_path)
    rows = db.execute("SELECT term, cnt FROM key_stats").fetchall()
    db.close()
    return dict(rows)


def _kept_counts(db_path: Path) -> tuple[bool, dict[str, int]]:
    import sqlite3

    db = sqlite3.connect(db_path)
    marked = db.execute("SELECT 1 FROM meta WHERE name = 'key_counts'").fetchone() is not None
    rows = db.execute("SELECT term, cnt FROM key_counts").fetchall()
    db.close()
    return marked, dict(rows)


def test_corpus_file_counts_keys_like_its_index_before_and_after_optimize(
    tmp_path: Path,
) -> None:
    path = tmp_path / "counts.db"
    keys = ["ferry", "bridg", "orsun", "kalvi", "sorvi", "harbo"]
    with Corpus(path) as corpus:
        corpus.add(Document(id="a", text="The ferry to Orsund leaves at nine; the ferry returns."))
        corpus.add(Document(id="b", text="The bridge to Kalvik opens in June, the harbor said."))
        # "a" is replaced: its ferries and Orsund are gone; the bridge counts twice.
        corpus.add(Document(id="a", text="The bridge at Sorvik closes for repairs."))
        before = dict(corpus._frequencies(keys))
        corpus.optimize()
    marked, kept = _kept_counts(path)
    index = _fts5_counts(path)
    assert marked and kept == index
    assert before == {key: index.get(key, 0) for key in keys}
    assert before["bridg"] == 2 and before["sorvi"] == 1 and before["ferry"] == 0
    with Corpus(path) as corpus:
        assert corpus._frequencies(keys) == before
        # A document added after optimize() takes the mark away, in the same
        # transaction: counts are read from the index until the next optimize().
        corpus.add(Document(id="c", text="Another ferry for Orsund."))
        corpus.commit()
        assert not _kept_counts(path)[0]
        assert corpus._frequencies(["ferry", "orsun"]) == {"ferry": 1, "orsun": 1}


def test_in_memory_corpus_counts_keys_like_its_index() -> None:
    corpus = Corpus()
    corpus.add(Document(id="a", text="The ferry to Orsund leaves; the ferry is late."))
    corpus.add(Document(id="b", text="The ferry office in Kalvik is shut."))
    corpus.add(Document(id="a", text="Orsund waits for the bridge."))
    counts = corpus._frequencies(["ferry", "orsun", "bridg", "kalvi", "late"])
    assert counts["ferry"] == 1  # the two in the replaced text are gone
    assert counts["orsun"] == 1 and counts["bridg"] == 1 and counts["kalvi"] == 1
    assert not counts.get("late")


def test_corpus_file_without_kept_counts_is_searched_all_the_same(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "older.db"
    with Corpus(path) as corpus:
        corpus.add(briefing())
        corpus.add(wire())
    # A file written before counts were kept: no mark, no counts.
    db = sqlite3.connect(path)
    db.execute("DROP TABLE key_counts")
    db.commit()
    db.close()
    expected = locate("The tunnel is safe", [briefing(), wire()], speaker=VELL)
    with Corpus(path, read_only=True) as old:
        found = locate("The tunnel is safe", old, speaker=VELL)
    assert [e.model_dump() for e in found] == [e.model_dump() for e in expected]
    # Opened to write, the table is created; optimize() fills it.
    with Corpus(path) as writable:
        writable.optimize()
    assert _kept_counts(path) == (True, _fts5_counts(path))


def test_in_memory_corpus_can_be_searched_from_another_thread() -> None:
    from concurrent.futures import ThreadPoolExecutor

    corpus = Corpus([_TOGETHER, _SCATTERED])
    with ThreadPoolExecutor(1) as pool:
        found = pool.submit(locate, "The Kessring tunnel will reopen to freight", corpus).result()
    assert found[0].document_id == "together"


def _common_word_corpus() -> tuple[list[Document], list[str]]:
    """Documents where a few content words are everywhere and the rest are rare, so
    that two common keys stand close together in most documents: the case where pairs
    of keys leave many candidates."""
    import random

    rng = random.Random(11)
    common = [
        "harbor", "council", "ferry", "tunnel", "budget", "engineers", "freight", "quay",
        "storm", "barrier", "pumps", "contract",
    ]  # fmt: skip
    syllables = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]
    rare = sorted({"".join(rng.choices(syllables, k=3)) for _ in range(400)})
    function = ["the", "of", "and", "to", "in", "a", "was", "for", "with", "on", "said"]
    docs = []
    for number in range(160):
        words = []
        for _ in range(420):
            coin = rng.random()
            pool = common if coin < 0.4 else rare if coin < 0.55 else function
            words.append(rng.choice(pool))
        docs.append(Document(id=f"d{number:03d}", text=" ".join(words) + "."))
    quotes = []
    for _ in range(40):
        words = rng.choice(docs).text.split()
        start = rng.randrange(0, len(words) - 20)
        piece = words[start : start + rng.randint(6, 18)]
        if rng.random() < 0.5:
            piece[len(piece) // 2] = rng.choice(common)
        quotes.append(" ".join(piece).strip("."))
    return docs, quotes


def test_candidates_with_common_words_keep_every_scan_match_and_narrow_down() -> None:
    from sourcetrace.match._corpus import _plan

    docs, quotes = _common_word_corpus()
    corpus = Corpus(docs)
    normalised = {doc.id: normalize(doc.text).text for doc in docs}
    config = TraceConfig()
    refined = 0
    for quote in quotes:
        query = build_query("q", "direct", [quote], quote, None)
        anchors = query.anchors(config)
        candidates = set(corpus.candidates(anchors))
        threshold = config.quote_threshold(len(query.segments[0].text))
        hits = {
            doc_id
            for doc_id, text in normalised.items()
            if fuzz.partial_ratio(query.segments[0].text, text, score_cutoff=threshold)
        }
        assert hits <= candidates, quote
        pairs = _plan(anchors[0], corpus._frequencies(anchors[0].keys))
        if pairs.need >= 2:
            refined += len(candidates) < len(corpus._matching(pairs.expression()))
    # Some quotes leave so many candidates by pairs that three keys are asked for.
    assert refined >= 1


def test_corpus_file_stores_a_document_with_a_lone_surrogate(tmp_path: Path) -> None:
    text = "Notes \ud800 from the harbor. The tunnel is safe, the mayor said."
    with Corpus(tmp_path / "c.db") as corpus:
        corpus.add(Document(id="odd", text=text))
    reopened = Corpus(tmp_path / "c.db", read_only=True)
    assert reopened.get("odd").text == text
    assert [doc.text for doc in reopened] == [text]
    assert locate("The tunnel is safe", reopened)[0].relation == "verbatim"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=300))
def test_quick_fold_of_ascii_text_equals_the_general_folding(text: str) -> None:
    # ASCII text takes a bytes table; anything else the str table and case folding.
    assert quick_fold(text) == text.translate(_QUICK_FOLD).casefold()
    assert quick_fold(text + "é") == (text + "é").translate(_QUICK_FOLD).casefold()
    assert len(quick_fold(text)) == len(text)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(min_value=3, max_value=10), min_size=2, max_size=9),
    st.floats(min_value=0, max_value=30),
)
def test_key_groups_cover_every_match_the_budget_allows(costs: list[int], left: float) -> None:
    # keys "k0" (rarest) ... ; a match lacks any set of keys whose cost fits the budget
    select = [f"k{index}" for index in range(len(costs))]
    cost = dict(zip(select, costs, strict=True))
    need = len(select) - _removable(costs, left)
    groups = _groups(select, cost, left, need)
    if need < 2:
        assert groups == ()
        return
    assert groups and all(len(group) == need for group in groups)
    for mask in range(1 << len(select)):
        lacked = [key for index, key in enumerate(select) if mask >> index & 1]
        if sum(cost[key] for key in lacked) > left:
            continue
        held = set(select) - set(lacked)
        assert any(set(group) <= held for group in groups), (lacked, groups)


def test_key_groups_leave_out_pairs_no_match_needs() -> None:
    # Budget 10.6: a match may lack k0 (10), or k1 (7), or k2 and k3 (5 + 4), never
    # more; every match holds k0 and k1, or k0 and k2, or k1 and k2. No match needs
    # k3, the commonest, to be found.
    cost = {"k0": 10, "k1": 7, "k2": 5, "k3": 4}
    groups = _groups(list(cost), cost, 10.6, 2)
    assert sorted(groups) == [("k0", "k1"), ("k0", "k2"), ("k1", "k2")]


def test_long_document_window_reaches_the_whole_passage_from_its_rarest_words() -> None:
    # Windows are cut around the quote's rarest words, here all at its start; its
    # last sentences are made of words the document repeats everywhere. The window
    # must still reach the end of the passage. (A strict threshold keeps the number
    # of keys a match may lack, and so of keys windows are cut around, small.)
    quote = (
        "Kessring tunnel crews found Vellmar cracks under Orsk pillars. "
        "The board agrees. Pilots agree. Night shifts end. The board meets. Pilots rest."
    )
    filler = (
        "The board agrees, pilots agree, night shifts end, the board meets and pilots rest. " * 60
    )
    long = Document(id="brief", text=f"{filler}\n\n{quote}\n\n{filler}")
    assert len(long.text) > 6_000
    config = TraceConfig(min_quote_score=95, min_short_quote_score=98)
    found = locate(quote, Corpus([long]), config=config)[0]
    assert found.passage is not None
    assert (found.relation, found.passage.text) == ("verbatim", quote.rstrip("."))
