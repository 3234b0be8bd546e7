"""The example notebook runs from top to bottom, so that it can never rot."""

from __future__ import annotations

from pathlib import Path

import pytest


def test_example_notebook_executes(examples: Path) -> None:
    nbformat = pytest.importorskip("nbformat", reason="nbformat comes with the test extra")
    nbclient = pytest.importorskip("nbclient", reason="nbclient comes with the test extra")
    notebook = nbformat.read(examples / "trace_example.ipynb", as_version=4)
    client = nbclient.NotebookClient(
        notebook, timeout=300, kernel_name="python3",
        resources={"metadata": {"path": str(examples)}},
    )
    client.execute()
    outputs = [out for cell in notebook.cells if cell.cell_type == "code"
               for out in cell.outputs]
    assert not [out for out in outputs if out.output_type == "error"]
    html = [out for out in outputs if "text/html" in out.get("data", {})]
    assert html and "st-claims" in html[0]["data"]["text/html"]
    svg = [out for out in outputs if "image/svg+xml" in out.get("data", {})]
    assert svg, "the graph cell shows an SVG picture"
    text = "".join(out.get("text", "") for out in outputs if out.output_type == "stream")
    assert "misattributed - QUESTION" in text
    assert '"@type": "ClaimReview"' in text
