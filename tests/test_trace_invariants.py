"""Whatever the article, every span a trace reports points into its document."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sourcetrace import Document, TraceReport, trace

FRAGMENTS = [
    '"We will stay,"', " the minister said.", " said Ana Ruiz.", " According to Reuters, ",
    "“The gates are ready…", " the official added", "”", "«Nous restons»", " „Wir bleiben“",
    " she told reporters", ". ", "\n\n", " Gen. Okafor (D-Wis.) said that the U.S. would leave",
    ": ", "'", '"', " quoted an unnamed source as saying ", "[the ministry]", " … ",
    "\u200f\u05e9\u05dc\u05d5\u05dd", "\x00\x07", " 3,000 families", " $4.5 million",
]

SOURCE = Document(
    id="doc-source",
    kind="transcript",
    text="MS RUIZ: We will stay. The gates are ready and 3,000 families are safe.\n"
         "QUESTION: Will you leave?\n",
)

articles = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(min_size=1, max_size=12)),
    min_size=1, max_size=25,
).map("".join).filter(lambda text: text.strip() != "")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles)
def test_every_span_of_a_trace_points_into_its_document(article: str) -> None:
    report = trace(article, sources=[SOURCE])
    assert report.article.text == article
    for claim in report.claims:
        for span in claim.spans():
            assert article[span.start : span.end] == span.text
    for item in report.evidence:
        if item.passage is not None:
            source = report.document(item.document_id or "")
            for span in [item.passage, *item.segments]:
                assert source.text[span.start : span.end] == span.text
    assert TraceReport.model_validate_json(report.to_json()) == report
