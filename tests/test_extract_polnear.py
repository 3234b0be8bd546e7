"""The PolNeAR adapter, and a quality floor on PolNeAR dev when a local copy is present.

PolNeAR is never stored in the repository: the floor test reads it from ``POLNEAR_DIR``
and scores with the project's harness from the shared folder, and skips cleanly when
either is missing. The floors sit a little under the figures of docs/extraction.md, so a
regression fails and noise does not.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from _shared import REPO, shared_dir


def _load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def _spans(text: str, attribution: dict[str, Any], role: str) -> list[str]:
    """The words of one role of an attribution the adapter returned."""
    return [text[start:end] for start, end in attribution[role]]


@pytest.fixture(scope="module")
def adapter() -> Callable[[str], list[dict[str, Any]]]:
    module = _load(REPO / "tools" / "polnear_adapter.py", "polnear_adapter")
    function: Callable[[str], list[dict[str, Any]]] = module.extract
    return function


def test_extract_polnear_adapter_maps_roles_to_spans(
    adapter: Callable[[str], list[dict[str, Any]]],
) -> None:
    text = (
        "Mayor Lena Ortiz has said on Tuesday that the bridge would reopen. "
        "“Our crews,” she said, “will work all winter.”"
    )
    first, second = adapter(text)

    assert _spans(text, first, "source") == ["Mayor Lena Ortiz"]
    # PolNeAR's cue keeps the auxiliary; a time before the content is the claim's
    # `time`, in neither cue nor content
    assert _spans(text, first, "cue") == ["has said"]
    # and its content keeps the complementiser
    assert _spans(text, first, "content") == ["that the bridge would reopen"]
    assert _spans(text, second, "source") == ["she"]
    assert _spans(text, second, "content") == ["Our crews", "will work all winter."]


def test_extract_polnear_adapter_light_verbs_and_requests(
    adapter: Callable[[str], list[dict[str, Any]]],
) -> None:
    # acts are on in the adapter: "expressed" and "urged" are attributions here
    text = (
        "The harbor master expressed concern that the channel was silting up. "
        "Mayor Lena Ortiz urged the ferry crews to sail at dawn."
    )
    found = adapter(text)

    by_cue = {_spans(text, a, "cue")[0]: a for a in found}
    # PolNeAR's cue keeps a light verb's object, its content starts at "that"
    concern = by_cue["expressed concern"]
    assert _spans(text, concern, "content") == ["that the channel was silting up"]
    # and the content of a request keeps whom it asks
    assert _spans(text, by_cue["urged"], "content") == ["the ferry crews to sail at dawn"]


def test_extract_polnear_adapter_medium_after_a_backward_cue(
    adapter: Callable[[str], list[dict[str, Any]]],
) -> None:
    text = "“The gates held,” Reyes said in a statement."
    (found,) = adapter(text)
    assert [text[start:end] for start, end in found["cue"]] == ["said in a statement"]


def test_extract_polnear_adapter_adverb_before_the_cue(
    adapter: Callable[[str], list[dict[str, Any]]],
) -> None:
    text = "Varga similarly warned that the gates were too old."
    (found,) = adapter(text)
    assert [text[start:end] for start, end in found["cue"]] == ["similarly warned"]


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("Lund warned about the risks of the plan.", "warned about", "the risks of the plan"),
        ("Lund said about 20 crews would stay.", "said", "about 20 crews would stay"),
        (
            "Lund said about half of the crews would stay.",
            "said",
            "about half of the crews would stay",
        ),
    ],
)
def test_extract_polnear_adapter_about_before_a_number_stays_in_the_content(
    adapter: Callable[[str], list[dict[str, Any]]], text: str, cue: str, content: str
) -> None:
    (found,) = adapter(text)
    assert [text[start:end] for start, end in found["cue"]] == [cue]
    assert [text[start:end] for start, end in found["content"]] == [content]


def test_extract_polnear_adapter_leaves_out_low_precision_beliefs(
    adapter: Callable[[str], list[dict[str, Any]]],
) -> None:
    text = "Lund wants the ferry to run. Lund knows the quay is shut. Lund thinks it will run."
    found = adapter(text)
    assert [[text[start:end] for start, end in item["cue"]] for item in found] == [["thinks"]]


def test_extract_polnear_dev_floor() -> None:
    data = os.environ.get("POLNEAR_DIR")
    shared = shared_dir()
    if not data or shared is None or not (shared / "data" / "polnear_eval.py").is_file():
        pytest.skip("set POLNEAR_DIR (and SOURCETRACE_SHARED) to score on PolNeAR dev")
    harness = _load(shared / "data" / "polnear_eval.py", "polnear_eval")
    module = _load(REPO / "tools" / "polnear_adapter.py", "polnear_adapter")
    docs = harness.load_split(data, "dev")
    preds = {
        d["doc"]: harness.clean_attributions(module.extract(d["text"]), d["text"], d["doc"])
        for d in docs
    }
    totals: dict[str, int] = {}
    for doc in docs:
        for key, value in harness.score_doc(doc["text"], doc["gold"], preds[doc["doc"]]).items():
            totals[key] = totals.get(key, 0) + value
    figures = harness.metrics(totals)
    floors = {
        ("source", "exact"): 68.0,
        ("cue", "exact"): 65.0,
        ("content", "exact"): 57.5,
        ("attribution", "soft"): 66.0,
    }
    for key, floor in floors.items():
        precision, _, f1 = figures[key]
        assert 100 * f1 >= floor, (key, round(100 * f1, 1))
        assert 100 * precision >= 75.0, (key, round(100 * precision, 1))
