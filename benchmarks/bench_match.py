"""Candidate retrieval + alignment against an exhaustive rapidfuzz scan.

Generates a corpus of fictional documents (an invented Zipf-distributed vocabulary
mixed with English function words, ~20,000 characters each), plants edited quotes in
it, and for every quote compares, in the same run:

* the exhaustive scan: ``fuzz.partial_ratio`` of the normalised quote against every
  normalised document, ``score_cutoff`` at the quote's threshold;
* ``locate()`` on an in-memory :class:`~sourcetrace.match.Corpus`: key retrieval,
  then alignment in the candidate documents only (preparing each candidate document
  the first time it is met is counted in its time).

It prints the recall of the scan's above-threshold documents (among the candidates,
and among the evidence ``locate`` returns), the time per quote of both, the
speed-up ratio, and the index size relative to the corpus text.

Usage::

    PYTHONPATH=src python benchmarks/bench_match.py --docs 1000 5000 20000

The scan's documents are normalised once, before timing starts, which flatters the
scan; the generated text has no spelling variants, so a fast normalisation (strip
punctuation, case-fold) equals :func:`normalize` on it (checked on a sample).
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from sourcetrace._config import TraceConfig
from sourcetrace._models import Document
from sourcetrace.match import Corpus, locate
from sourcetrace.match._index import index_tokens
from sourcetrace.text.normalize import normalize

FUNCTION_WORDS = (
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "that",
    "is",
    "for",
    "on",
    "with",
    "as",
    "was",
    "by",
    "at",
    "from",
    "it",
    "be",
    "has",
    "have",
    "are",
    "this",
    "which",
    "not",
    "but",
    "or",
    "an",
    "they",
    "their",
    "will",
    "would",
    "said",
    "its",
    "also",
    "been",
    "had",
    "more",
    "after",
    "who",
    "were",
    "we",
    "our",
    "than",
    "about",
    "over",
    "into",
    "when",
    "there",
    "other",
)
_SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in ("a", "e", "i", "o", "u", "ai", "ou")]
_PUNCT_RE = re.compile(r"[^\w\s]")
_SPACE_RE = re.compile(r"\s+")


def vocabulary(size: int, rng: random.Random) -> list[str]:
    """Invented words that normalisation leaves as they are."""
    words: set[str] = set()
    while len(words) < size:
        word = "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4)))
        if normalize(word).text == word:
            words.add(word)
    # Shuffled, so that a word's frequency rank says nothing about its spelling.
    ranked = sorted(words)
    rng.shuffle(ranked)
    return ranked


class TextMaker:
    """Sentences of Zipf-distributed invented words among English function words.

    ``zipf_offset`` q gives content word of rank r a weight 1 / (r + q) (Zipf-Mandelbrot).
    With q = 0 the commonest invented word is 3% of all words, as common as a function
    word; news is gentler: ``--calibrate FOLDER`` prints the ten commonest index keys per
    1,000 words of real articles next to the generated text (q = 4 comes close to
    political news).
    """

    def __init__(self, seed: int, vocab_size: int = 60_000, zipf_offset: float = 0.0) -> None:
        self.rng = random.Random(seed)
        self.vocab = vocabulary(vocab_size, self.rng)
        weights = [1.0 / (rank + 1 + zipf_offset) for rank in range(len(self.vocab))]
        total = 0.0
        self.cumulative: list[float] = []
        for weight in weights:
            total += weight
            self.cumulative.append(total)

        self.topic: list[str] = []

    def new_topic(self) -> None:
        """News is topical: each document draws a third of its content words from a
        couple of hundred words of its own (names, places, subjects)."""
        self.topic = self.rng.sample(self.vocab[2_000:], 200)

    def words(self, count: int) -> list[str]:
        content = self.rng.choices(self.vocab, cum_weights=self.cumulative, k=count)
        topical = self.rng.choices(self.topic or self.vocab, k=count)
        function = self.rng.choices(FUNCTION_WORDS, k=count)
        out = []
        for f, c, t in zip(function, content, topical, strict=True):
            coin = self.rng.random()
            out.append(f if coin < 0.45 else t if coin < 0.63 else c)
        return out

    def sentence(self) -> str:
        """A sentence; outside a document, on a fresh topic."""
        words = self.words(self.rng.randint(8, 24))
        words[0] = words[0].capitalize()
        if len(words) > 10 and self.rng.random() < 0.5:
            words[len(words) // 2] += ","
        return " ".join(words) + "."

    def document(self, chars: int) -> str:
        self.new_topic()
        paragraphs: list[str] = []
        size = 0
        while size < chars:
            paragraph = " ".join(self.sentence() for _ in range(self.rng.randint(2, 6)))
            paragraphs.append(paragraph)
            size += len(paragraph) + 2
        return "\n\n".join(paragraphs)


def fast_normalise(text: str) -> str:
    return _SPACE_RE.sub(" ", _PUNCT_RE.sub(" ", text)).strip().casefold()


@dataclass
class Planted:
    quote: str
    source: str | None
    edit: str


def plant_quotes(docs: list[Document], maker: TextMaker, count: int) -> list[Planted]:
    """Quotes cut from random documents, edited; a fifth are invented (no source)."""
    rng = maker.rng
    planted: list[Planted] = []
    edits = ("none", "case", "swap", "drop", "swap2")
    for number in range(count):
        if number % 5 == 4:
            maker.new_topic()
            planted.append(Planted(maker.sentence(), None, "invented"))
            continue
        doc = rng.choice(docs)
        words = doc.text.split()
        start = rng.randrange(0, len(words) - 30)
        piece = words[start : start + rng.randint(8, 20)]
        edit = edits[number % len(edits)]
        if edit == "case":
            piece = [w.upper() if i % 3 == 0 else w for i, w in enumerate(piece)]
        elif edit == "swap":
            piece[len(piece) // 2] = rng.choice(maker.vocab)
        elif edit == "drop":
            del piece[len(piece) // 3]
        elif edit == "swap2":
            piece[1] = rng.choice(maker.vocab)
            piece[-2] = rng.choice(maker.vocab)
        planted.append(Planted(" ".join(piece).strip(".,"), doc.id, edit))
    return planted


def run(
    n_docs: int, n_quotes: int, doc_chars: int, seed: int, zipf_offset: float = 0.0
) -> dict[str, float]:
    maker = TextMaker(seed, zipf_offset=zipf_offset)
    started = time.perf_counter()
    docs = [
        Document(id=f"doc-{i:06d}", kind="article", text=maker.document(doc_chars))
        for i in range(n_docs)
    ]
    generated = time.perf_counter() - started
    for doc in docs[:20]:
        assert fast_normalise(doc.text) == normalize(doc.text).text, doc.id
    text_bytes = sum(len(doc.text.encode()) for doc in docs)

    started = time.perf_counter()
    corpus = Corpus(docs)
    corpus.optimize()
    indexed = time.perf_counter() - started
    index_bytes = corpus.index_bytes()
    normalised = [(doc.id, fast_normalise(doc.text)) for doc in docs]

    config = TraceConfig(max_evidence_per_claim=50)
    quotes = plant_quotes(docs, maker, n_quotes)
    scan_times: list[float] = []
    our_times: list[float] = []
    scan_hits = 0
    in_candidates = 0
    in_evidence = 0
    planted_found = 0
    planted_total = 0
    for planted in quotes:
        segment = normalize(planted.quote).text
        threshold = config.quote_threshold(len(segment))
        started = time.perf_counter()
        hits = {
            doc_id
            for doc_id, text in normalised
            if fuzz.partial_ratio(segment, text, score_cutoff=threshold)
        }
        scan_times.append(time.perf_counter() - started)

        started = time.perf_counter()
        evidence = locate(planted.quote, corpus, config=config)
        our_times.append(time.perf_counter() - started)
        from sourcetrace.match._match import build_query

        query = build_query("q", "direct", [planted.quote], planted.quote, None)
        candidates = set(corpus.candidates(query.anchors(config)))
        found = {e.document_id for e in evidence if e.document_id is not None}
        scan_hits += len(hits)
        in_candidates += len(hits & candidates)
        in_evidence += len(hits & found)
        if planted.source is not None:
            planted_total += 1
            planted_found += planted.source in found

    scan_mean = statistics.mean(scan_times)
    our_mean = statistics.mean(our_times)
    return {
        "docs": n_docs,
        "quotes": len(quotes),
        "corpus_mb": text_bytes / 1e6,
        "generate_s": generated,
        "index_s": indexed,
        "index_ratio": index_bytes / text_bytes,
        "scan_hits": scan_hits,
        "candidate_recall": in_candidates / scan_hits if scan_hits else 1.0,
        "evidence_recall": in_evidence / scan_hits if scan_hits else 1.0,
        "planted_found": planted_found / planted_total if planted_total else 1.0,
        "scan_ms": scan_mean * 1000,
        "ours_ms": our_mean * 1000,
        "ours_ms_median": statistics.median(our_times) * 1000,
        "speedup": scan_mean / our_mean,
    }


def key_profile(text: str, top: int = 10) -> tuple[int, list[tuple[str, float]]]:
    """Words of a text, and its commonest index keys with their count per 1,000 words."""
    words = len(re.findall(r"\w+", text))
    counts = Counter(index_tokens(text)).most_common(top)
    return words, [(key, 1000 * count / words) for key, count in counts]


def calibrate(folder: Path, zipf_offset: float, seed: int) -> None:
    """Compare how common the commonest keys are in real articles and generated ones."""
    real = "\n\n".join(path.read_text(errors="replace") for path in sorted(folder.glob("*.txt")))
    maker = TextMaker(seed, zipf_offset=zipf_offset)
    generated = "\n\n".join(maker.document(20_000) for _ in range(60))
    for name, text in (("articles", real), (f"generated, q={zipf_offset:g}", generated)):
        words, top = key_profile(text)
        shown = ", ".join(f"{key} {per:.1f}" for key, per in top)
        print(f"{name} ({words:,} words), commonest keys per 1,000 words: {shown}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--quotes", type=int, default=25)
    parser.add_argument("--doc-chars", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--zipf-offset",
        type=float,
        default=0.0,
        help="q of the content words' Zipf-Mandelbrot weights 1 / (rank + q); 0 is harshest",
    )
    parser.add_argument(
        "--calibrate",
        type=Path,
        help="print the commonest keys of the *.txt articles of a folder and of generated text",
    )
    args = parser.parse_args()
    if args.calibrate is not None:
        calibrate(args.calibrate, args.zipf_offset, args.seed)
        return
    header = (
        f"{'docs':>6} {'MB':>6} {'index':>6} {'hits':>5} {'cand.rec':>8} {'evid.rec':>8} "
        f"{'planted':>7} {'scan ms':>9} {'ours ms':>8} {'median':>7} {'speed-up':>9} "
        f"{'build s':>8}"
    )
    print(header)
    for n_docs in args.docs:
        r = run(n_docs, args.quotes, args.doc_chars, args.seed, args.zipf_offset)
        print(
            f"{r['docs']:>6} {r['corpus_mb']:>6.0f} {r['index_ratio']:>6.1%} "
            f"{r['scan_hits']:>5.0f} {r['candidate_recall']:>8.2%} {r['evidence_recall']:>8.2%} "
            f"{r['planted_found']:>7.0%} {r['scan_ms']:>9.1f} {r['ours_ms']:>8.1f} "
            f"{r['ours_ms_median']:>7.1f} {r['speedup']:>8.0f}x {r['index_s']:>8.1f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
