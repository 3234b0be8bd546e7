"""Adapter between sourcetrace's extractor and the PolNeAR attribution harness.

The harness (``polnear_eval.py --extractor tools.polnear_adapter:extract``) calls
``extract(text)`` for each article and scores the returned spans against PolNeAR's gold
attributions. PolNeAR itself is never stored in this repository; the harness reads it
from a local copy.

Roles map as follows: ``source`` is the mention as written (``Claim.source``: PolNeAR's
gold source is the literal span, a pronoun included), ``cue`` the cue span, ``content``
the content pieces, with the word "that" before them when there is one (sourcetrace
leaves it out of a claim's words; PolNeAR keeps it). PolNeAR also annotates beliefs and intentions ("thinks", "plans"),
so the adapter turns on :data:`sourcetrace.extract.BELIEF_CUES`.

Run from the repository root::

    PYTHONPATH=src:. python path/to/polnear_eval.py --split dev \\
        --extractor tools.polnear_adapter:extract
"""

from __future__ import annotations

import os
from typing import Any

from sourcetrace._models import Document
from sourcetrace.extract import RuleBasedExtractor

_EXTRACTOR = RuleBasedExtractor(beliefs=os.environ.get("POLNEAR_BELIEFS", "1") == "1")


def _with_that(text: str, start: int, end: int) -> list[int]:
    """PolNeAR's content keeps the complementiser: "said [that the talks failed]"."""
    before = text[max(0, start - 6) : start]
    if before.lower().endswith("that "):
        return [start - 5, end]
    return [start, end]


def extract(text: str) -> list[dict[str, Any]]:
    """The attributions of one article, as the harness wants them.

    Returns:
        One ``{"source": [[s, e]], "cue": [[s, e]], "content": [[s, e], ...]}`` per claim,
        offsets into ``text``.
    """
    document = Document(id=Document.make_id(text), text=text, kind="article")
    attributions: list[dict[str, Any]] = []
    for claim in _EXTRACTOR.extract(document).claims:
        attributions.append(
            {
                "source": [[claim.source.start, claim.source.end]] if claim.source else [],
                "cue": [[claim.cue.span.start, claim.cue.span.end]] if claim.cue else [],
                "content": [_with_that(text, span.start, span.end) for span in claim.content],
            }
        )
    return attributions
