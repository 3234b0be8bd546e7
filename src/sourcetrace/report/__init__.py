"""The report stage: the trace report as text, rich tables, HTML and data frames."""

from ._frame import claim_rows, to_dataframe
from ._html import render_html
from ._text import render_rich, render_text

__all__ = ["claim_rows", "render_html", "render_rich", "render_text", "to_dataframe"]
