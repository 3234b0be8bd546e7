"""The report stage: the trace report as text, rich tables, HTML, data frames and ClaimReview."""

from ._claimreview import claim_review
from ._frame import claim_rows, to_dataframe
from ._html import render_html
from ._text import render_rich, render_text
from ._timeline import Appearance, timeline

__all__ = [
    "Appearance",
    "claim_review",
    "claim_rows",
    "render_html",
    "render_rich",
    "render_text",
    "timeline",
    "to_dataframe",
]
