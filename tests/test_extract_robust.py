"""Bad input gives a result (possibly empty) in linear time, never an exception."""

from __future__ import annotations

import gc
import re
import time
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sourcetrace._models import Document
from sourcetrace.extract import extract, extract_claims
from sourcetrace.text.segment import find_quotations, split_paragraphs, split_sentences

_BASELINE = re.compile(r"\w+")


def _valid(text: str) -> None:
    found = extract(Document(id="x", text=text))
    for claim in found.claims:
        for span in claim.spans():
            assert span.points_into(text)
    for agent in found.agents:
        for span in agent.mentions:
            assert span.points_into(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n\t ",
        "\x00\x01\x02 said \x1b[31m “quote” \x7f",
        "“" * 5_000,
        "”" * 5_000,
        '"' * 5_001,
        "''" * 3_001,
        "«" * 1_000 + "deep" + "»" * 1_000 + " the minister said.",
        "„" * 1_000 + "tief" + "“" * 999 + ", sagte er.",
        "قال المتحدث باسم الوزارة إن “المحادثات مستمرة” \u202b said the spokesman.\u202c",
        "he said " * 3_000,
        ", said " * 3_000,
        "“a,” he said, " * 2_000,
        "Mr. Dr. Gen. U.S. " * 2_000,
        "\n".join(["“Unclosed quote and more words"] * 2_000),
        "(" * 3_000 + "said" + ")" * 3_000,
        "According to according to according to " * 1_000,
        "A: Q: B: " * 1_000,
        "\ud800 lone surrogate said the official \udfff",
    ],
    ids=lambda text: repr(text[:20]),
)
def test_extract_bad_input_never_raises(text: str) -> None:
    _valid(text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            [
                '"',
                "“",
                "”",
                "«",
                "»",
                "„",
                "''",
                ",",
                ".",
                ":",
                "—",
                "\n",
                " ",
                "(",
                ")",
                "said",
                "told",
                "according to",
                "the official",
                "Ada Moss",
                "he",
                "that",
                "quoted",
                "as saying",
                "Citing",
                "officials",
                "Reuters",
                "added",
                "A:",
                "Q:",
            ]
        ),
        max_size=80,
    ).map(" ".join)
)
def test_extract_random_newsroom_noise(text: str) -> None:
    _valid(text)


def _seconds(function: Callable[[], object]) -> float:
    """Best of three runs; the garbage collector is paused, since its full passes grow
    with everything the process holds and would blur the algorithm's own growth."""
    best = float("inf")
    for _ in range(2):
        gc.collect()
        gc.disable()
        try:
            start = time.perf_counter()
            function()
            best = min(best, time.perf_counter() - start)
        finally:
            gc.enable()
    return best


def _ratio(make: Callable[[int], str], n: int) -> tuple[float, float]:
    """Time ratio 4n / n for extraction, and for a linear regex scan of the same texts.

    Small and large runs alternate, so that a change of load on the machine hits both.
    """
    small, large = make(n), make(4 * n)
    best = {"small": float("inf"), "large": float("inf")}
    scan = {"small": float("inf"), "large": float("inf")}
    for _ in range(3):
        for key, text in (("small", small), ("large", large)):
            best[key] = min(best[key], _seconds(lambda text=text: extract_claims(text)))
            scan[key] = min(
                scan[key], _seconds(lambda text=text: sum(1 for _ in _BASELINE.finditer(text)))
            )
    return best["large"] / best["small"], scan["large"] / scan["small"]


_ARTICLE = (
    "Mayor Lena Ortiz said on Tuesday that the bridge would reopen in March. "
    "“We will not raise taxes,” she told reporters. “Our crews,” she said, “work all winter.”\n"
    "According to the transport ministry, repairs cost $4 million, the paper reported.\n"
    "The tide was high on Monday and the port closed early.\n"
)


@pytest.mark.parametrize(
    ("name", "make"),
    [
        ("article", lambda n: _ARTICLE * n),
        ("stray opening marks", lambda n: "“" * (200 * n)),
        ("stray straight marks", lambda n: ' "a' * (100 * n)),
        ("one run-on sentence", lambda n: "he said the plan " * (40 * n)),
        ("nested guillemets", lambda n: "«" * (100 * n) + "x" + "»" * (100 * n)),
        ("commas and cues", lambda n: "“a,” he said, “b,” " * (20 * n)),
        ("abbreviations", lambda n: "Gen. Dr. U.S. Mr. " * (40 * n)),
        ("one paragraph per line", lambda n: "“Open quote\n" * (40 * n)),
    ],
)
def test_extract_time_is_linear(name: str, make: Callable[[int], str]) -> None:
    extract_ratio, scan_ratio = _ratio(make, 80)
    # 4x the text: a linear pass takes about 4x the time; a quadratic one 16x
    assert extract_ratio < max(9.0, 2 * scan_ratio), (name, extract_ratio, scan_ratio)


def test_segment_time_is_linear() -> None:
    def run(text: str) -> None:
        for start, end in split_paragraphs(text):
            split_sentences(text, start, end, find_quotations(text, start, end))

    small, large = "“a. B” " * 20_000, "“a. B” " * 80_000
    ratio = _seconds(lambda: run(large)) / _seconds(lambda: run(small))
    assert ratio < 8.0, ratio
