"""Extraction throughput on a generated collection of fictional articles.

Prints MB/s per core (CPU time) of the rule-based extractor next to a naive regex scan
(quotation marks and a few speech verbs) over the same texts, for a collection of n MB
and one of 4n MB, and the time ratio 4n / n of each: about 4 for a linear pass.

    PYTHONPATH=src python benchmarks/bench_extract.py            # n = 1 MB
    PYTHONPATH=src python benchmarks/bench_extract.py --mb 2 --single

The figure is CPU time, the best of ``--repeat`` runs (3 by default). The first line says
whether the reader runs as pure Python or compiled with mypyc (a wheel built with
``HATCH_BUILD_HOOK_ENABLE_MYPYC=1``, see docs/extraction.md).

``--single`` also times the whole collection as one article (one Document of 4n MB);
``--texts FOLDER`` also times every ``*.txt`` of a folder of real articles, each one
Document, next to the naive scan of the same texts.
The articles are generated from templates with a fixed seed; every name in them is
invented.
"""

from __future__ import annotations

import argparse
import gc
import random
import re
import time
from collections.abc import Callable
from pathlib import Path

from sourcetrace._models import Document
from sourcetrace.extract import RuleBasedExtractor, _reader_build

FIRST = ["Ada", "Tomas", "Lena", "Piet", "Ruth", "Jonas", "Ida", "Marta", "Dana", "Kofi", "Nils"]
LAST = ["Okafor", "Reyes", "Ortiz", "Vandermeer", "Adebayo", "Berg", "Lund", "Quill", "Moss"]
TITLES = ["Mayor", "Deputy Minister", "Senator", "Harbor Master", "Councilwoman", "Gen."]
ROLES = ["ministry spokeswoman", "port authority spokesman", "city engineer", "union leader"]
OUTLETS = ["the Harbor Gazette", "the Evening Courier", "Meridian Press", "the Dell Ledger"]
ANONYMOUS = [
    "a senior official",
    "two council members",
    "an unnamed source",
    "officials familiar with the talks",
    "a port inspector",
]
CLAIMS = [
    "the barrier would be finished before the autumn storms",
    "the pumps had failed twice during the winter floods",
    "the budget had grown by more than a third since 2023",
    "about 300 families were still living in temporary housing",
    "the contract had been signed without a public tender",
    "every gate had been tested under load in September",
]
QUOTES = [
    "We will not let a single home flood this winter",
    "The pumping stations are more than forty years old",
    "Nobody has shown us the test results",
    "This is the most important project of the decade",
    "We have asked for new cranes for ten years",
]
NARRATIVE = [
    "The estuary rose by two metres on Friday night, and the lower district was evacuated.",
    "The barrier is a 1.4-kilometre line of steel gates across the mouth of the river.",
    "Residents gathered outside the town hall with placards and thermos flasks.",
    "The council will debate the tenants' petition next week.",
    "Work on the northern gates stopped in August after a crane collapsed.",
    "The ferry to the islands ran on a reduced timetable for most of the month.",
]


def _person(rng: random.Random) -> str:
    return f"{rng.choice(TITLES)} {rng.choice(FIRST)} {rng.choice(LAST)}"


def _sentence(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.62:
        return rng.choice(NARRATIVE)
    claim, quote = rng.choice(CLAIMS), rng.choice(QUOTES)
    pattern = rng.randrange(8)
    if pattern == 0:
        return f"{_person(rng)} said on Tuesday that {claim}."
    if pattern == 1:
        return f"“{quote},” {rng.choice(['he', 'she'])} said."
    if pattern == 2:
        return f"According to {rng.choice(OUTLETS)}, {claim}."
    if pattern == 3:
        return (
            f"{rng.choice(OUTLETS).capitalize()} quoted {rng.choice(ANONYMOUS)} "
            f"as saying that “{quote.lower()}.”"
        )
    if pattern == 4:
        return f"“{quote},” said {rng.choice(FIRST)} {rng.choice(LAST)}, {rng.choice(ROLES)}."
    if pattern == 5:
        return f"{rng.choice(ANONYMOUS).capitalize()} told reporters that {claim}."
    if pattern == 6:
        return f"Citing {rng.choice(ANONYMOUS)}, {rng.choice(OUTLETS)} reported that {claim}."
    return f"{rng.choice(LAST)} insisted that {claim}, adding that “{quote.lower()}.”"


def make_collection(megabytes: float, seed: int = 0) -> list[str]:
    """Fictional articles of 3 to 6 paragraphs, about ``megabytes`` MB in all."""
    rng = random.Random(seed)
    target = int(megabytes * 1_000_000)
    articles: list[str] = []
    size = 0
    while size < target:
        paragraphs = [
            " ".join(_sentence(rng) for _ in range(rng.randint(1, 4)))
            for _ in range(rng.randint(3, 6))
        ]
        article = "Flood barrier faces new questions\n\n" + "\n\n".join(paragraphs) + "\n"
        articles.append(article)
        size += len(article.encode("utf-8"))
    return articles


_NAIVE = re.compile(r"“[^”\n]*”|\"[^\"\n]*\"|\b(?:said|says|told|added|according to)\b")


def naive_scan(text: str) -> int:
    """The baseline: find quotation marks and a few speech verbs, nothing more."""
    return sum(1 for _ in _NAIVE.finditer(text))


def timed(function: Callable[[], object], repeat: int = 3) -> float:
    """CPU seconds of the best of ``repeat`` runs: the figure per core, whatever else runs."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.process_time()
        function()
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=1.0, help="size n of the small collection")
    parser.add_argument("--single", action="store_true", help="also time one 4n MB article")
    parser.add_argument("--texts", type=Path, help="also time the *.txt articles of a folder")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure, the best kept")
    args = parser.parse_args()
    print(f"{'reader':>18}: {_reader_build()}")
    extractor = RuleBasedExtractor()

    def run_extractor(articles: list[str]) -> int:
        return sum(
            len(extractor.extract(Document(id=str(i), text=text)).claims)
            for i, text in enumerate(articles)
        )

    def run_naive(articles: list[str]) -> int:
        return sum(naive_scan(text) for text in articles)

    results: dict[str, list[float]] = {"extract": [], "naive regex scan": []}
    for factor in (1, 4):
        articles = make_collection(args.mb * factor)
        megabytes = sum(len(a.encode("utf-8")) for a in articles) / 1_000_000
        claims = run_extractor(articles)
        for name, run in (("extract", run_extractor), ("naive regex scan", run_naive)):
            seconds = timed(lambda run=run, articles=articles: run(articles), args.repeat)  # type: ignore[misc]
            results[name].append(seconds)
            print(
                f"{name:>18}: {megabytes:6.2f} MB in {len(articles):5d} articles, "
                f"{seconds:7.3f} s, {megabytes / seconds:7.2f} MB/s"
            )
        print(f"{'':>18}  {claims} claims")
    for name, (small, large) in results.items():
        print(f"{name:>18}: time ratio 4n / n = {large / small:.2f} (linear: about 4)")
    if args.single:
        text = "\n".join(make_collection(args.mb * 4))
        seconds = timed(lambda: extractor.extract(Document(id="one", text=text)), args.repeat)
        megabytes = len(text.encode("utf-8")) / 1_000_000
        print(
            f"{'one article':>18}: {megabytes:6.2f} MB, {seconds:7.3f} s, "
            f"{megabytes / seconds:7.2f} MB/s"
        )
    if args.texts is not None:
        paths = sorted(args.texts.glob("*.txt"))
        texts = [path.read_text(encoding="utf-8") for path in paths]
        megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1_000_000
        for name, run in (("extract", run_extractor), ("naive regex scan", run_naive)):
            seconds = timed(lambda run=run: run(texts), args.repeat)  # type: ignore[misc]
            print(
                f"{name:>18}: {megabytes:6.2f} MB in {len(texts):5d} files of {args.texts.name}, "
                f"{seconds:7.3f} s, {megabytes / seconds:7.2f} MB/s"
            )


if __name__ == "__main__":
    main()
