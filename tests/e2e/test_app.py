"""The app mode (``make app``): the explorers as a Voila page without code, in a real browser.

Voila is started as ``make app`` starts it (one notebook, 127.0.0.1), on a free port with a
token; the page must show no code and no error, render every explorer the dashboard calls, and
each explorer's first slider, moved with the keyboard, must change its figure. The harness is
first proven on a generated fixture page.
"""

from __future__ import annotations

import time

import harness
import pytest

pytestmark = pytest.mark.e2e

DASHBOARD = harness.REPO / "app" / "dashboard.ipynb"
SCREENSHOTS = harness.SCREENSHOTS
APP_WIDGETS_S = 240  # Voila executes the whole dashboard before the last explorer shows


def shows_code(page) -> bool:
    """True if any code cell shows its source (markdown cells keep an input area in Voila)."""
    return page.locator(".jp-CodeCell .jp-InputArea, .jp-CodeCell .cm-editor").count() > 0


def _open(page, server: harness.Server) -> float:
    t0 = time.monotonic()
    page.goto(f"{server.base}/?token={server.token}", wait_until="domcontentloaded",
              timeout=harness.PAGE_LOAD_S * 1000)
    return t0


def test_voila_fixture_page(browser, new_page, fixture_notebooks, e2e_home, tmp_path):
    """Voila renders the fixture explorer, found by its CSS class, and it responds."""
    server = harness.voila_server(fixture_notebooks["page"], e2e_home / "voila-fixture")
    try:
        t0 = _open(new_page, server)
        how, roots = harness.find_explorers(new_page, expected=1)
        assert how == "class dlnotes-explorer" and len(roots) == 1, (how, len(roots))
        assert not shows_code(new_page), "Voila shows code cells"
        result = harness.check_explorer(new_page, roots[0], "sine_explorer",
                                        screenshot=tmp_path / "voila-fixture.png")
        assert harness.error_outputs(new_page) == []
        assert not new_page.e2e_errors, new_page.e2e_errors
        harness.record(f"voila fixture page: {time.monotonic() - t0:.1f} s; {result.summary()}")
    finally:
        server.stop()


def test_app_dashboard(browser, new_page, e2e_home):
    """The page ``make app`` serves: every explorer renders and its first slider works."""
    calls = harness.explorer_calls(DASHBOARD)
    assert calls, f"{DASHBOARD} calls no explorer"
    server = harness.voila_server(DASHBOARD, e2e_home / "voila-app")
    try:
        t0 = _open(new_page, server)
        how, roots = harness.find_explorers(new_page, expected=len(calls),
                                            timeout_s=APP_WIDGETS_S)
        errors = harness.error_outputs(new_page)
        assert not errors, "the app page shows errors:\n" + "\n".join(errors)
        assert len(roots) == len(calls), (
            f"found {len(roots)} explorers ({how}) on the app page, expected {len(calls)}: "
            f"{calls}\nVoila log:\n{server.log_tail()}"
        )
        loaded = time.monotonic() - t0
        assert not shows_code(new_page), "Voila shows code cells"
        new_page.evaluate("() => window.scrollTo(0, 0)")
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        new_page.screenshot(path=str(SCREENSHOTS / "app.png"))
        for i, (root, call) in enumerate(zip(roots, calls, strict=True)):
            shot = SCREENSHOTS / f"app--{i}-{call}.png" if i == 0 else None
            result = harness.check_explorer(new_page, root, call, all_sliders=False,
                                            screenshot=shot, page_errors=new_page.e2e_errors)
            harness.record(f"app: {result.summary()}")
        assert harness.error_outputs(new_page) == [], "moving a slider produced an error"
        assert not new_page.e2e_errors, new_page.e2e_errors
        harness.record(f"app page: {len(roots)} explorers rendered in {loaded:.1f} s")
    finally:
        server.stop()
