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


# Why an icon of ipympl's toolbar (Font Awesome 4 names: "fa fa-home") would show as a box:
# no Font Awesome font loaded for it. Empty when its font is there (or no ipympl toolbar shows).
_JS_ICON_FONT = """
async () => {
  const icon = document.querySelector('.jupyter-matplotlib-toolbar .fa');
  if (!icon) return '';  // no ipympl toolbar: the explorers' default image backend has none
  const style = getComputedStyle(icon, '::before');
  const family = style.fontFamily || getComputedStyle(icon).fontFamily;
  await document.fonts.load(`${style.fontWeight} 16px ${family}`, '\\uf015');
  const loaded = [...document.fonts].filter(
    (f) => /awesome/i.test(f.family) && f.status === 'loaded');
  return loaded.length ? '' : `no Font Awesome font loaded (the icon asks for ${family})`;
}
"""


def shows_code(page) -> bool:
    """True if any code cell shows its source (markdown cells keep an input area in Voila)."""
    return page.locator(".jp-CodeCell .jp-InputArea, .jp-CodeCell .cm-editor").count() > 0


def _open(page, server: harness.Server) -> float:
    t0 = time.monotonic()
    page.goto(f"{server.base}/?token={server.token}", wait_until="domcontentloaded",
              timeout=harness.PAGE_LOAD_S * 1000)
    return t0


def test_voila_fixture_page(browser, new_page, fixture_notebooks, e2e_home, tmp_path):
    """Voila renders the fixture explorer, found by its CSS class, and it responds.

    The page uses the app's template, as ``make app`` does: Voila's own lab template asks a CDN
    for Font Awesome, which would leave every run of the suite with blocked requests to explain.
    """
    blocked = harness.REPORT["blocked"].urls
    already = len(blocked)
    server = harness.voila_server(fixture_notebooks["page"], e2e_home / "voila-fixture",
                                  template=harness.APP_TEMPLATE)
    try:
        t0 = _open(new_page, server)
        how, roots = harness.find_explorers(new_page, expected=1)
        assert how == "class dlnotes-explorer" and len(roots) == 1, (how, len(roots))
        assert not shows_code(new_page), "Voila shows code cells"
        result = harness.check_explorer(new_page, roots[0], "sine_explorer",
                                        screenshot=tmp_path / "voila-fixture.png")
        assert harness.error_outputs(new_page) == []
        assert not new_page.e2e_errors, new_page.e2e_errors
        assert blocked[already:] == [], (
            "the fixture page asked other machines for: "
            + ", ".join(dict.fromkeys(blocked[already:]))
        )
        harness.record(f"voila fixture page: {time.monotonic() - t0:.1f} s; {result.summary()}")
    finally:
        server.stop()


def test_app_dashboard(browser, new_page, e2e_home):
    """The page ``make app`` serves: every explorer renders and its first slider works.

    It asks no other machine for anything (a learner may be offline: Font Awesome, which
    Voila's lab template takes from a CDN, comes from Voila itself through the app's own
    template), and every explorer fits a 900 px column without scrolling sideways.
    """
    calls = harness.explorer_calls(DASHBOARD)
    assert calls, f"{DASHBOARD} calls no explorer"
    blocked = harness.REPORT["blocked"].urls
    already = len(blocked)
    server = harness.voila_server(DASHBOARD, e2e_home / "voila-app", template=harness.APP_TEMPLATE)
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
        missing = new_page.evaluate(_JS_ICON_FONT)
        assert not missing, f"the toolbar's icons would show as boxes: {missing}"
        for root, call in zip(roots, calls, strict=True):
            harness.check_fits(new_page, root, f"app: {call}")
        assert blocked[already:] == [], (
            "the app page asked other machines for (offline, these fail): "
            + ", ".join(dict.fromkeys(blocked[already:]))
        )
        harness.record(f"app page: {len(roots)} explorers rendered in {loaded:.1f} s, none "
                       f"wider than a {harness.COLUMN_PX} px column, no off-machine request")
    finally:
        server.stop()
