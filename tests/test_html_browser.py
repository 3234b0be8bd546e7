"""The HTML report as a browser shows it: headless Chromium renders it, offline.

Chromium is a system package (`apt-get install chromium`), installed by `.ci/run`. Where
it is missing the test is skipped, except in CI (``CI`` set), where that is a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from sourcetrace import TraceReport

from builders import small_report

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    if os.environ.get("CI"):
        pytest.fail("headless Chromium is needed: apt-get install chromium")
    pytest.skip("headless Chromium is not installed (apt-get install chromium)")


def _render(report: TraceReport, tmp_path: Path, height: int = 1400) -> tuple[Path, str]:
    chromium = _chromium()
    page = tmp_path / "report.html"
    page.write_text(report.to_html(), encoding="utf-8")
    profile = tmp_path / "profile"
    shot = tmp_path / "report.png"
    common = [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}"]
    subprocess.run(
        [*common, f"--screenshot={shot}", f"--window-size=1280,{height}", page.as_uri()],
        check=True, capture_output=True, timeout=120,
    )
    dom = subprocess.run(
        [*common, "--dump-dom", page.as_uri()],
        check=True, capture_output=True, text=True, timeout=120,
    ).stdout
    return shot, dom


def _colours_present(shot: Path, colours: dict[str, str]) -> set[str]:
    from PIL import Image

    image = Image.open(shot).convert("RGB")
    seen = {pixel for _, pixel in image.getcolors(maxcolors=1 << 20) or []}
    wanted = {name: tuple(int(hex_[i : i + 2], 16) for i in (1, 3, 5))
              for name, hex_ in colours.items()}
    return {name for name, rgb in wanted.items() if rgb in seen}


def test_browser_draws_the_claims_table_and_the_graph(tmp_path: Path) -> None:
    pytest.importorskip("PIL", reason="Pillow comes with the test extra")
    report = small_report()
    shot, dom = _render(report, tmp_path)
    # The DOM as the browser built it holds the table rows and the drawn graph.
    assert dom.count('<tr id="st-claim-') == len(report.claims)
    assert "<svg" in dom and 'class="st-node"' in dom
    assert "a port official" in dom and "misattributed" in dom
    # The screenshot shows them: verdict badges in their colours (the table) and graph
    # nodes in the PROV colours (the first claim's graph is open).
    present = _colours_present(shot, {
        "verbatim badge": "#2e7d32",
        "misattributed badge": "#ad1457",
        "entity node": "#fff6d5",
        "agent node": "#fde0c5",
    })
    assert present == {"verbatim badge", "misattributed badge", "entity node", "agent node"}


def test_browser_needs_no_network(tmp_path: Path) -> None:
    report = small_report()
    html = report.to_html()
    # Nothing to fetch: no script, stylesheet, image or font from elsewhere.
    for marker in ("<script", "<link", "<img", "@import", "url(http"):
        assert marker not in html


def test_browser_shows_every_planted_verdict_of_the_example(tmp_path: Path) -> None:
    pytest.importorskip("PIL", reason="Pillow comes with the test extra")
    from sourcetrace import trace

    from conftest import EXAMPLES

    report = trace(EXAMPLES / "article.txt", sources=[EXAMPLES / "sources"])
    shot, dom = _render(report, tmp_path, height=2600)
    assert dom.count('<tr id="st-claim-') == len(report.claims)
    badges = {
        "verbatim": "#2e7d32", "altered": "#c62828", "truncated": "#ef6c00",
        "paraphrase": "#1565c0", "misattributed": "#ad1457", "not_found": "#6e7781",
    }
    assert _colours_present(shot, badges) == set(badges)
    # The first graph shown is of a claim found in a source, so it draws a passage.
    assert "st-node" in dom and "wasQuotedFrom" in dom
