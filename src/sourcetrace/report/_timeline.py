"""A claim's appearances in time: the article and every source passage, by date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from .._models import Claim, TraceReport

__all__ = ["Appearance", "timeline"]


@dataclass(frozen=True)
class Appearance:
    """One document in which a claim's words appear."""

    document_id: str
    title: str
    publisher: str | None
    published_at: datetime | None
    verdict: str
    """``article`` for the traced article itself, else the evidence's verdict."""


def timeline(report: TraceReport, claim: Claim | str) -> list[Appearance]:
    """Where a claim's words appear, oldest first; documents without a date come last."""
    claim = report.claim(claim) if isinstance(claim, str) else claim
    article = report.article
    found = [
        Appearance(article.id, article.title or article.url or article.id, article.publisher,
                   article.published_at, "article")
    ]
    for item in report.evidence_for(claim):
        if item.document_id is None or item.passage is None:
            continue
        doc = report.document(item.document_id)
        found.append(
            Appearance(doc.id, doc.title or doc.url or doc.id, doc.publisher, doc.published_at,
                       item.verdict)
        )
    # Undated documents keep their order (the article first) after the dated ones.
    dated = sorted((a for a in found if a.published_at), key=_sort_key)
    return dated + [a for a in found if a.published_at is None]


def _sort_key(appearance: Appearance) -> datetime:
    moment = appearance.published_at
    assert moment is not None
    # A date without a zone is read as UTC, so that it can be compared with zoned ones.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
