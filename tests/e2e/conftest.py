"""Fixtures of the browser end-to-end tests (marker ``e2e``).

They need Debian's Chromium at /usr/bin/chromium (``apt-get install -y chromium``; ``.ci/run``
installs it), or another Chromium named by DLNOTES_CHROMIUM. Without it every e2e test is skipped
with the reason, and the end of the run says so; with DLNOTES_E2E_REQUIRED=1 (set by ``.ci/run``
and by the Linux jobs of the CI workflow) a missing browser is a failure instead.

They are skipped on Windows whatever the browser: the harness runs each server in a POSIX
process group of its own and stops the whole group (``os.killpg``), which Windows does not have.
On macOS they run when DLNOTES_CHROMIUM points at a Chromium executable.
"""

from __future__ import annotations

import os
import shutil
import time

import harness
import pytest

_state = harness.REPORT
_state["blocked"] = harness.Blocked()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "e2e: end-to-end test in Debian's Chromium driving JupyterLab or Voila "
        "(skipped when /usr/bin/chromium is missing, and on Windows)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list) -> None:  # noqa: ARG001
    """Keep each week notebook's tests together, so JupyterLab runs every notebook once."""
    def week(item) -> str | None:
        params = getattr(item, "callspec", None)
        module = getattr(item, "module", None)
        if params is None or module is None or module.__name__ != "test_lab":
            return None
        if item.originalname not in ("test_week_notebook", "test_week_explorer"):
            return None
        return params.params.get("name")

    slots = [i for i, item in enumerate(items) if week(item) is not None]
    ordered = sorted((items[i] for i in slots), key=lambda item: week(item))  # stable
    for i, item in zip(slots, ordered, strict=True):
        items[i] = item


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:  # noqa: ARG001
    tr = terminalreporter
    if _state["skipped"]:
        tr.write_sep("=", "browser end-to-end tests SKIPPED", yellow=True, bold=True)
        tr.write_line(_state["skipped"])
        return
    if not (_state["lines"] or _state["timings"]):
        return
    tr.write_sep("-", "browser end-to-end tests")
    for what, seconds in _state["timings"].items():
        tr.write_line(f"{what}: {seconds:.1f} s")
    for line in _state["lines"]:
        tr.write_line(line)
    blocked = _state["blocked"].urls
    tr.write_line(f"non-loopback requests blocked: {len(blocked)}"
                  + (f" (first: {blocked[0]})" if blocked else ""))


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright (no browser download)."""
    reason = harness.missing_browser()
    if reason is not None:
        if os.environ.get("DLNOTES_E2E_REQUIRED") == "1":
            pytest.fail(f"DLNOTES_E2E_REQUIRED=1 (CI) but {reason}")
        _state["skipped"] = reason  # a reason is truthy: the summary prints it
        print(reason)
        pytest.skip(reason)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("the playwright package is missing: run `make venv` (it is in the test extra)")
    t0 = time.monotonic()
    with sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path=str(harness.CHROMIUM), headless=True,
            args=harness.CHROMIUM_ARGS, timeout=60_000,
        )
        _state["timings"]["chromium launch"] = time.monotonic() - t0
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="session")
def e2e_home(tmp_path_factory):
    """The temporary folder holding the servers' roots, settings, logs and kernels' homes."""
    return tmp_path_factory.mktemp("e2e")


@pytest.fixture(scope="session")
def fixture_notebooks(e2e_home):
    """The harness's own notebooks, generated under the JupyterLab root."""
    return harness.fixture_notebooks(e2e_home / "root" / "fixture")


@pytest.fixture(scope="session")
def lab_root(e2e_home, fixture_notebooks):
    """A copy of notebooks/ (so nothing is saved into the repository) beside data/."""
    root = e2e_home / "root"
    shutil.copytree(harness.REPO / "notebooks", root / "notebooks",
                    ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    if (harness.REPO / "data").is_dir():
        (root / "data").symlink_to(harness.REPO / "data", target_is_directory=True)
    return root


@pytest.fixture(scope="session")
def lab(browser, lab_root, e2e_home):
    """A JupyterLab server on a free loopback port and a browser context blocking the network."""
    t0 = time.monotonic()
    server = harness.lab_server(lab_root, e2e_home / "lab")
    _state["timings"]["JupyterLab start"] = time.monotonic() - t0
    context = None
    try:
        context = harness.new_context(browser, _state["blocked"])
        session = harness.LabSession(server, context)
        yield session
        session.close_current()
    finally:
        if context is not None:
            context.close()
        server.stop()


@pytest.fixture
def new_page(browser):
    """A page in a fresh network-blocking context, closed after the test."""
    context = harness.new_context(browser, _state["blocked"])
    page = context.new_page()
    page.e2e_errors = harness.watch_page(page)
    yield page
    context.close()
