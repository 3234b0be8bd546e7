"""The report as a table: one row per claim, for pandas users."""

from __future__ import annotations

from typing import Any

from .._models import TraceReport
from .._optional import require

__all__ = ["claim_rows", "to_dataframe"]


def claim_rows(report: TraceReport) -> list[dict[str, Any]]:
    """One plain dict per claim: its words, speaker, via, best evidence and verdict."""
    rows = []
    for claim in report.claims:
        best = report.best_evidence(claim)
        found = best is not None and best.passage is not None
        rows.append(
            {
                "claim_id": claim.id,
                "kind": claim.kind,
                "text": claim.text,
                "quote": claim.quote,
                "cue": claim.cue.lemma if claim.cue else None,
                "stance": claim.cue.stance if claim.cue else None,
                "speaker": claim.speaker.name,
                "speaker_role": claim.speaker.role,
                "anonymous": claim.speaker.anonymous,
                "via": " > ".join(agent.name for agent in claim.via),
                "start": claim.sentence.start,
                "end": claim.sentence.end,
                "verdict": best.verdict if best else "not_found",
                "score": best.score if best else 0.0,
                "flags": ",".join(best.flags) if best else "",
                "document_id": best.document_id if found and best else None,
                "passage": best.quoted_text if found and best else None,
                "turn_speaker": best.turn_speaker if best else None,
            }
        )
    return rows


def to_dataframe(report: TraceReport) -> Any:
    """A ``pandas.DataFrame`` with one row per claim (see :func:`claim_rows`)."""
    pandas = require("pandas", extra="pandas", feature="to_dataframe")
    return pandas.DataFrame(claim_rows(report))
