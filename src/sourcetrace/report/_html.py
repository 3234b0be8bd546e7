"""The report as one self-contained HTML page: no script, no stylesheet or font from elsewhere.

The same markup serves Jupyter (``TraceReport._repr_html_``, a fragment) and
``sourcetrace trace --html report.html`` (a full page).
"""

from __future__ import annotations

from html import escape

from .._models import Claim, Document, Evidence, TraceReport
from ..graph import readable, render_svg
from ._text import describe_expected, describe_source
from ._timeline import timeline

__all__ = ["render_html"]

_CSS = """
.st-report{font-family:system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;
  color:#1f2328;line-height:1.4;max-width:1200px}
.st-report h1{font-size:1.35em;margin:.2em 0}.st-report h2{font-size:1.1em;margin:1.2em 0 .4em}
.st-report .st-meta{color:#57606a;font-size:.9em}
.st-report table{border-collapse:collapse;width:100%;font-size:.9em}
.st-report th,.st-report td{border-bottom:1px solid #d0d7de;padding:6px 8px;text-align:left;
  vertical-align:top}
.st-report th{background:#f6f8fa}
.st-verdict{display:inline-block;padding:1px 7px;border-radius:10px;color:#fff;
  font-size:.85em;white-space:nowrap}
.st-v-verbatim{background:#2e7d32}.st-v-minor_edit{background:#558b2f}
.st-v-paraphrase{background:#1565c0}.st-v-truncated{background:#ef6c00}
.st-v-altered{background:#c62828}.st-v-misattributed{background:#ad1457}
.st-v-not_found{background:#6e7781}
.st-flag{color:#c62828;font-size:.8em}
.st-dim{color:#57606a;font-size:.85em}
.st-diff del{background:#ffebe9;text-decoration:line-through}
.st-diff ins{background:#dafbe1;text-decoration:none}
.st-report details{margin:.4em 0;border:1px solid #d0d7de;border-radius:6px;padding:.4em .7em}
.st-report summary{cursor:pointer;font-weight:600}
.st-graph-box{overflow-x:auto}
.st-source{white-space:pre-wrap;font-family:ui-monospace,Menlo,Consolas,monospace;
  font-size:.8em;background:#f6f8fa;padding:.6em;border-radius:6px;max-height:28em;overflow:auto}
.st-source mark{background:#fff3b0}
"""


def _verdict(verdict: str) -> str:
    return f'<span class="st-verdict st-v-{escape(verdict)}">{escape(verdict)}</span>'


def _diff(item: Evidence) -> str:
    if not item.diff or all(op.op == "equal" for op in item.diff):
        return ""
    pieces = []
    for op in item.diff:
        if op.op == "equal":
            pieces.append(escape(op.claim or op.source))
        else:
            if op.source:
                pieces.append(f"<del>{escape(op.source)}</del>")
            if op.claim:
                pieces.append(f"<ins>{escape(op.claim)}</ins>")
    return f'<div class="st-diff st-dim">{" ".join(pieces)}</div>'


def _anchor(item: Evidence) -> str:
    assert item.passage is not None
    return f"st-{item.document_id}-{item.passage.start}"


def _claim_row(report: TraceReport, claim: Claim) -> str:
    best = report.best_evidence(claim)
    verdict = best.verdict if best else "not_found"
    words = claim.quote or claim.text
    cue = ""
    if claim.cue:
        stance = " (loaded)" if claim.cue.stance == "loaded" else ""
        cue = f"{escape(claim.cue.lemma)}{stance}"
    via = " → ".join(escape(agent.name) for agent in claim.via) or "—"
    flags = ""
    source = '<span class="st-dim">—</span>'
    score = ""
    if best is not None:
        score = f"{best.score:.0f}"
        if best.flags:
            flags = "<br>" + "".join(
                f'<span class="st-flag">{escape(flag)}</span> ' for flag in best.flags
            )
        if best.passage is not None:
            source = (
                f'<a href="#{_anchor(best)}">{escape(describe_source(report, best))}</a>'
                f"<br>“{escape(best.quoted_text)}”{_diff(best)}"
            )
    if (best is None or best.passage is None) and report.expected_for(claim):
        source = f'<span class="st-dim">{escape(describe_expected(report, claim))}</span>'
    return (
        f'<tr id="st-claim-{escape(claim.id)}"><td>{escape(claim.id)}</td>'
        f"<td>“{escape(words)}”<br><span class=\"st-dim\">{escape(claim.kind)} · {cue} · "
        f"article chars {claim.sentence.start}–{claim.sentence.end}</span></td>"
        f"<td>{escape(claim.speaker.describe())}"
        f"{' <span class=st-dim>(anonymous)</span>' if claim.speaker.anonymous else ''}</td>"
        f"<td>{via}</td><td>{_verdict(verdict)}{flags}</td><td>{score}</td>"
        f"<td>{source}</td></tr>"
    )


def _timeline(report: TraceReport, claim: Claim) -> str:
    appearances = timeline(report, claim)
    if len(appearances) < 2:
        return ""
    items = "".join(
        f"<li>{a.published_at.date().isoformat() if a.published_at else 'undated'} — "
        f"{escape(a.title)}{' (' + escape(a.publisher) + ')' if a.publisher else ''}: "
        f"{_verdict(a.verdict) if a.verdict != 'article' else 'this article'}</li>"
        for a in appearances
    )
    return (
        '<div class="st-dim">Appearances, oldest first:</div>'
        f'<ol class="st-timeline">{items}</ol>'
    )


def _highlighted(doc: Document, passages: list[Evidence]) -> str:
    # An elided quote is highlighted segment by segment, not over all that lies between.
    spans = sorted(
        {
            (span.start, span.end)
            for item in passages
            for span in (item.segments or ([item.passage] if item.passage else []))
        }
    )
    out: list[str] = []
    cursor = 0
    for start, end in spans:
        if start < cursor:
            continue  # overlapping passages: the first one wins the highlight
        out.append(escape(doc.text[cursor:start]))
        out.append(
            f'<mark id="st-{escape(doc.id)}-{start}">{escape(doc.text[start:end])}</mark>'
        )
        cursor = end
    out.append(escape(doc.text[cursor:]))
    return "".join(out)


def render_html(report: TraceReport, *, full_page: bool = True) -> str:
    """The report as HTML: claims table, one provenance graph per claim, source passages.

    Args:
        report: the trace report.
        full_page: a whole ``<html>`` document (for a file); ``False`` gives the fragment
            that Jupyter embeds.
    """
    article = report.article
    title = article.title or article.url or "article"
    meta = [escape(article.publisher)] if article.publisher else []
    if article.published_at:
        meta.append(article.published_at.date().isoformat())
    meta.append(
        f"traced by sourcetrace {escape(report.sourcetrace_version)} on "
        f"{report.finished_at.strftime('%Y-%m-%d %H:%M UTC')}"
    )
    body = [
        '<div class="st-report">',
        f"<style>{_CSS}</style>",
        f"<h1>{escape(title)}</h1>",
        f'<div class="st-meta">{" · ".join(meta)}</div>',
        f'<p>{len(report.claims)} attributed claims, {len(report.documents)} sources, '
        f"{len(report.errors)} errors.</p>",
        "<h2>Claims</h2>",
        '<table class="st-claims"><thead><tr><th>#</th><th>claim</th><th>speaker</th>'
        "<th>via</th><th>verdict</th><th>score</th><th>source passage</th></tr></thead><tbody>",
        *(_claim_row(report, claim) for claim in report.claims),
        "</tbody></table>",
    ]
    if report.errors:
        body.append("<h2>Could not use</h2><ul>")
        body.extend(
            f"<li><b>{escape(error.stage)}</b> {escape(error.source)}: {escape(error.message)}</li>"
            for error in report.errors
        )
        body.append("</ul>")
    if report.claims:
        body.append("<h2>Provenance</h2>")
        # Open the first claim that was found somewhere: its graph says the most.
        shown = next(
            (c.id for c in report.claims if report.verdict(c) != "not_found"),
            report.claims[0].id,
        )
        for claim in report.claims:
            graph = report.graph_for(claim)
            opened = " open" if claim.id == shown else ""
            body.append(
                f"<details{opened}><summary>{escape(claim.id)}: "
                f"{escape(claim.speaker.name)} — {_verdict(report.verdict(claim))}</summary>"
                f'<div class="st-graph-box">{render_svg(readable(graph), title=claim.id)}</div>'
                f"{_timeline(report, claim)}</details>"
            )
    matched = [item for item in report.evidence if item.passage is not None]
    if matched:
        body.append("<h2>Sources</h2>")
        for doc in report.documents:
            passages = [item for item in matched if item.document_id == doc.id]
            if not passages:
                continue
            link = f' <a href="{escape(doc.url)}">{escape(doc.url)}</a>' if doc.url else ""
            body.append(
                f"<details><summary>{escape(doc.title or doc.id)}</summary>"
                f'<div class="st-dim">{escape(doc.kind)}{link}</div>'
                f'<div class="st-source">{_highlighted(doc, passages)}</div></details>'
            )
    body.append("</div>")
    fragment = "\n".join(body)
    if not full_page:
        return fragment
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>sourcetrace: {escape(title)}</title></head><body>\n{fragment}\n</body></html>\n"
    )
