"""The report for people at a terminal: a rich table of claims and their verdicts."""

from __future__ import annotations

import io

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from .._models import Claim, Evidence, TraceReport

__all__ = ["VERDICT_STYLES", "describe_expected", "describe_source", "render_rich", "render_text"]

VERDICT_STYLES = {
    "verbatim": "bold green",
    "minor_edit": "green",
    "paraphrase": "blue",
    "truncated": "yellow",
    "altered": "bold red",
    "misattributed": "bold magenta",
    "not_found": "dim",
}


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def describe_source(report: TraceReport, item: Evidence | None) -> str:
    """Where the evidence was found, in words: title, turn speaker and offsets."""
    if item is None or item.document_id is None or item.passage is None:
        return "—"
    doc = report.document(item.document_id)
    where = doc.title or doc.url or doc.id
    if item.turn_speaker:
        where += f" [{item.turn_speaker}]"
    return f"{where} @{item.passage.start}-{item.passage.end}"


_EXPECTED_SHOWN = 3


def describe_expected(report: TraceReport, claim: Claim) -> str:
    """Where a claim not found was expected to be, in words ("" when nowhere).

    "not in Harbor briefing [MS OKAFOR]; Meridian Press story (Meridian Press)": the
    sources named by the claim's speaker or intermediaries that hold no match.
    """
    expected = report.expected_for(claim)
    if not expected:
        return ""
    parts = []
    for item in expected[:_EXPECTED_SHOWN]:
        doc = report.document(item.document_id)
        where = doc.title or doc.url or doc.id
        detail = f"[{item.detail}]" if item.reason == "speaker_turn" else f"({item.detail})"
        parts.append(f"{where} {detail}")
    more = len(expected) - _EXPECTED_SHOWN
    return "not in " + "; ".join(parts) + (f" and {more} more" if more > 0 else "")


def _claim_words(claim: Claim) -> str:
    return claim.quote or claim.text


def render_rich(report: TraceReport) -> RenderableType:
    """The report as a rich renderable: a heading, the claims table and the errors."""
    article = report.article
    heading = Text()
    heading.append(article.title or article.url or "article", style="bold")
    if article.publisher:
        heading.append(f" — {article.publisher}")
    verdicts = [report.verdict(claim) for claim in report.claims]
    summary = Text(
        f"{len(report.claims)} claims · {len(report.agents)} speakers and intermediaries · "
        f"{len(report.documents)} sources · {len(report.errors)} errors"
    )
    counts = Text()
    for verdict in VERDICT_STYLES:
        if verdict in verdicts:
            counts.append(f"{verdict} {verdicts.count(verdict)}  ", style=VERDICT_STYLES[verdict])

    table = Table(box=box.SIMPLE_HEAD, expand=True, show_lines=False)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("claim", ratio=5)
    table.add_column("speaker", ratio=2, min_width=14)
    table.add_column("via", ratio=1, min_width=14)
    table.add_column("verdict", no_wrap=True)
    table.add_column("score", justify="right", no_wrap=True)
    table.add_column("source passage", ratio=4)
    for claim in report.claims:
        best = report.best_evidence(claim)
        verdict = best.verdict if best else "not_found"
        cue = f" ({claim.cue.lemma}{', loaded' if claim.cue.stance == 'loaded' else ''})" \
            if claim.cue else ""
        claim_cell = Text(_short(_claim_words(claim), 160))
        claim_cell.append(f"\n{claim.kind}{cue}", style="dim")
        verdict_cell = Text(verdict, style=VERDICT_STYLES[verdict])
        if best and best.flags:
            verdict_cell.append("\n" + ", ".join(best.flags), style="red")
        passage = Text()
        if best and best.passage is not None:
            passage.append(_short(best.quoted_text, 160))
            passage.append("\n" + describe_source(report, best), style="dim")
        else:
            passage.append(describe_expected(report, claim), style="dim")
        table.add_row(
            claim.id,
            claim_cell,
            claim.speaker.describe(),
            " → ".join(agent.name for agent in claim.via) or "—",
            verdict_cell,
            f"{best.score:.0f}" if best else "",
            passage,
        )
    parts: list[RenderableType] = [heading, summary]
    if counts:
        parts.append(counts)
    if report.claims:
        parts.append(table)
    else:
        parts.append(Text("No attributed claims found: nothing in the article is said to "
                          "come from someone.", style="yellow"))
    if report.errors:
        errors = Text("Could not use:\n", style="bold red")
        for error in report.errors:
            errors.append(f"  {error.stage}: {error.source}: {error.message}\n")
        parts.append(errors)
    return Group(*parts)


def render_text(report: TraceReport, *, width: int = 120) -> str:
    """The report as plain text (no colour codes), as the CLI prints it to a file or pipe."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, color_system=None, force_terminal=False,
                      no_color=True, highlight=False, emoji=False)
    console.print(render_rich(report))
    return buffer.getvalue()
