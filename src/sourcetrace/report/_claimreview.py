"""Draft schema.org ``ClaimReview`` records, for publishing a fact-check.

The draft holds what sourcetrace knows — the claim, its author (the speaker), where it
appeared (the article) and where it first appeared (the primary source passage) — and
leaves the rating to the fact-checker: ``reviewRating`` carries sourcetrace's verdict as
an explanation, with no rating value.
"""

from __future__ import annotations

from typing import Any

from .._models import Agent, Claim, Document, TraceReport

__all__ = ["claim_review"]

_AGENT_TYPES = {"person": "Person", "anonymous": "Person"}


def _author(agent: Agent) -> dict[str, Any]:
    author: dict[str, Any] = {
        "@type": _AGENT_TYPES.get(agent.kind, "Organization"),
        "name": agent.name,
    }
    if agent.role:
        author["jobTitle"] = agent.role
    if agent.affiliation:
        author["affiliation"] = {"@type": "Organization", "name": agent.affiliation}
    return author


def _work(doc: Document, *, article: bool) -> dict[str, Any]:
    work: dict[str, Any] = {"@type": "NewsArticle" if article else "CreativeWork"}
    if doc.url:
        work["url"] = doc.url
    if doc.title:
        work["headline" if article else "name"] = doc.title
    if doc.published_at:
        work["datePublished"] = doc.published_at.isoformat()
    if doc.publisher:
        work["publisher"] = {"@type": "Organization", "name": doc.publisher}
    return work


def claim_review(report: TraceReport, claim: Claim | str) -> dict[str, Any]:
    """A draft ``ClaimReview`` (JSON-LD, as a dict) for one claim of the report.

    Serialise it with ``json.dumps``; it validates as schema.org JSON-LD. Fill in
    ``reviewRating`` (``ratingValue``, ``alternateName``), ``author`` (your organisation)
    and ``datePublished`` before publishing.
    """
    claim = report.claim(claim) if isinstance(claim, str) else claim
    best = report.best_evidence(claim)
    item: dict[str, Any] = {
        "@type": "Claim",
        "author": _author(claim.speaker),
        "appearance": [_work(report.article, article=True)],
    }
    if best is not None and best.passage is not None and best.document_id is not None:
        source = report.document(best.document_id)
        first = _work(source, article=source.kind == "article")
        first["text"] = best.quoted_text
        item["firstAppearance"] = first
    explanation = f"sourcetrace verdict: {report.verdict(claim)}"
    if best is not None and best.passage is not None:
        explanation += f" (score {best.score:.0f})"
    if best is not None and best.flags:
        explanation += "; " + ", ".join(flag.replace("_", " ") for flag in best.flags)
    if claim.via:
        explanation += "; reported via " + " → ".join(agent.name for agent in claim.via)
    review: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": claim.quote or claim.text,
        "itemReviewed": item,
        "reviewRating": {"@type": "Rating", "ratingExplanation": explanation},
    }
    return review
