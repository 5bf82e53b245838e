"""The browser harness behind the end-to-end tests: servers, pages, explorer checks.

Everything here is bounded in time and leaves nothing behind:

- :class:`Server` starts JupyterLab or Voila on a free loopback port in its own process group,
  with the Jupyter config, data, runtime and IPython directories in a temporary folder, and
  stops the whole group (then any straggler) when the test session ends, failed or not.
- :func:`new_context` opens a Chromium context (Debian's ``/usr/bin/chromium``, driven by
  Playwright; no browser is ever downloaded) in which every request to a host other than
  127.0.0.1/localhost is aborted and recorded.
- :class:`LabSession` opens a notebook in JupyterLab, runs all its cells through JupyterLab's
  own ``notebook:run-all-cells`` command (the one behind Run > Run All Cells) and waits for the
  kernel to go idle.
- :func:`find_explorers` and :func:`check_explorer` find the explorers on a page (JupyterLab or
  Voila), move each slider with the keyboard and compare screenshots of the figure.

How an explorer is found on a page: elements with the CSS class ``dlnotes-explorer`` if the
page has any (the explorer base can add it with ``widget.add_class("dlnotes-explorer")``),
otherwise every outermost output that holds a rendered slider. They are matched in document
order to the explorer calls found in the notebook's code (:func:`explorer_calls`).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

REPO = Path(__file__).resolve().parents[2]
# Where the tests leave their screenshots: a temporary folder, so that a test run never
# dirties the work tree; `make screenshots` points it at docs/screenshots (the README's).
SCREENSHOTS = Path(
    os.environ.get("DLNOTES_SCREENSHOTS") or Path(tempfile.gettempdir(), "dlnotes-screenshots")
)
BIN = Path(sys.executable).parent
# Debian's package (apt-get install chromium); DLNOTES_CHROMIUM points elsewhere if need be.
CHROMIUM = Path(os.environ.get("DLNOTES_CHROMIUM", "/usr/bin/chromium"))

# The flags the machine's probe used; Playwright adds --headless and its own fresh profile
# directory (a new --user-data-dir per launch).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# A laptop's window: the explorers are 900-1000 px wide, and JupyterLab adds prompts and margins.
VIEWPORT = {"width": 1280, "height": 800}
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}

SERVER_START_S = 90  # JupyterLab or Voila listening on its port
PAGE_LOAD_S = 120  # JupyterLab loaded, notebook open, kernel started
RUN_ALL_S = 300  # every cell of a notebook executed
WIDGETS_S = 90  # widget views rendered after the run (Voila: the whole page executed)
FIGURE_SETTLE_S = 10  # a figure stops changing
FIGURE_CHANGE_S = 5  # a figure changes after one key press

SLIDER = ".widget-slider"
HANDLE = ".noUi-handle"
# An ipympl canvas, the ipywidgets.Image fallback, or a PNG rendered in an Output widget.
FIGURE = ".jupyter-matplotlib-canvas-div, img.widget-image, .jp-RenderedImage img"
# JupyterLab renders tracebacks and stderr streams as application/vnd.jupyter.stderr (also in
# Voila, which uses JupyterLab's output area); a widget that failed to render shows an
# error widget in its place.
ERROR_OUTPUT = '[data-mime-type="application/vnd.jupyter.stderr"], .jupyter-widgets-error-widget'


def missing_browser(platform: str = sys.platform, chromium: Path = CHROMIUM) -> str | None:
    """Why the browser tests cannot run on this machine, or None when they can.

    Windows never runs them: :class:`Server` starts each server in a POSIX process group of its
    own and stops the whole group (``os.killpg``), which Windows does not have.

    >>> missing_browser("win32").startswith("e2e: browser tests skipped on Windows")
    True
    >>> "apt-get install" in missing_browser("linux", Path("/nowhere/chromium"))
    True
    >>> "DLNOTES_CHROMIUM" in missing_browser("darwin", Path("/nowhere/chromium"))
    True
    """
    if platform == "win32":
        return ("e2e: browser tests skipped on Windows (they stop their servers by POSIX "
                "process group); they run on Linux, and on macOS with DLNOTES_CHROMIUM set")
    if not chromium.is_file():
        hint = ("install it with `apt-get install -y chromium`" if platform.startswith("linux")
                else "set DLNOTES_CHROMIUM to a Chromium executable to run them")
        return f"e2e: {chromium} not found, browser tests skipped ({hint})"
    return None


# What the tests report at the end of the run (conftest.pytest_terminal_summary prints it);
# "skipped" becomes the reason (a string) when the browser tests were skipped.
REPORT: dict[str, Any] = {"skipped": False, "lines": [], "timings": {}}


def record(line: str) -> None:
    """Add a line to the summary printed after the e2e tests."""
    REPORT["lines"].append(line)


# ----------------------------------------------------------------------------- servers


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def isolated_env(home: Path) -> dict[str, str]:
    """os.environ with every Jupyter/IPython user directory moved under ``home``.

    The servers and kernels never read or write the user's ~/.jupyter, ~/.local/share/jupyter
    or ~/.ipython. The venv's own share/jupyter (kernel spec, lab extensions) is still used.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "JPY_"))}
    for var, sub in [
        ("JUPYTER_CONFIG_DIR", "config"),
        ("JUPYTER_DATA_DIR", "data"),
        ("JUPYTER_RUNTIME_DIR", "runtime"),
        ("IPYTHONDIR", "ipython"),
    ]:
        (home / sub).mkdir(parents=True, exist_ok=True)
        env[var] = str(home / sub)
    env["JUPYTER_PLATFORM_DIRS"] = "1"
    env["PYTHONUNBUFFERED"] = "1"
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    return env


@dataclass
class Server:
    """A Jupyter server process (JupyterLab or Voila) in its own process group."""

    name: str
    cmd: list[str]
    env: dict[str, str]
    cwd: Path
    log_path: Path
    port: int
    token: str
    proc: subprocess.Popen | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Server:
        with open(self.log_path, "wb") as log:  # the child keeps its own descriptor
            self.proc = subprocess.Popen(
                self.cmd, cwd=self.cwd, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL, start_new_session=True,
            )
        deadline = time.monotonic() + SERVER_START_S
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(
                    f"{self.name} exited with {self.proc.returncode} before listening:\n"
                    f"{self.log_tail()}"
                )
            with contextlib.suppress(OSError), socket.create_connection(
                ("127.0.0.1", self.port), timeout=1
            ):
                return self
            time.sleep(0.25)
        self.stop()
        raise RuntimeError(
            f"{self.name} did not listen on 127.0.0.1:{self.port} within {SERVER_START_S} s:\n"
            f"{self.log_tail()}"
        )

    def stop(self) -> None:
        """SIGTERM the process group (the server shuts its kernels down), then SIGKILL it."""
        if self.proc is None or self.proc.poll() is not None:
            return
        pgid = self.proc.pid  # start_new_session: the group id is the leader's pid
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pgid, signal.SIGTERM)
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            pass
        # Kernels run in sessions of their own and exit when their parent server has gone
        # (ipykernel's parent poller); anything left in the server's group is killed.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pgid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=10)

    def log_tail(self, n: int = 40) -> str:
        try:
            lines = self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            return "(no log)"
        return "\n".join(lines[-n:])


def _write_json(path: Path, data: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")


def lab_server(root: Path, home: Path) -> Server:
    """JupyterLab serving ``root``, with user settings and workspaces under ``home``."""
    settings = home / "lab-settings"
    # Every cell attached to the DOM (no virtual scrolling), no autosave into the copies, no
    # news or update checks (the server would fetch them from outside).
    _write_json(settings / "@jupyterlab/notebook-extension/tracker.jupyterlab-settings",
                {"windowingMode": "none"})
    _write_json(settings / "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings",
                {"autosave": False})
    _write_json(settings / "@jupyterlab/apputils-extension/notification.jupyterlab-settings",
                {"checkForUpdates": False, "fetchNews": "false"})
    env = isolated_env(home)
    _write_json(Path(env["JUPYTER_CONFIG_DIR"]) / "jupyter_lab_config.json",
                {"LabApp": {"news_url": None}})
    port, token = free_port(), secrets.token_hex(16)
    cmd = [
        sys.executable, "-m", "jupyterlab",
        "--no-browser", "--allow-root",
        "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
        "--ServerApp.terminals_enabled=False",
        f"--LabApp.user_settings_dir={settings}", f"--LabApp.workspaces_dir={home / 'ws'}",
        "--LabApp.expose_app_in_browser=True", "--LabApp.extension_manager=readonly",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    return Server("JupyterLab", cmd, env, root, home / "jupyterlab.log", port, token).start()


# The app's own Voila template (app/share/jupyter/voila/templates/dlnotes: the lab template
# without its CDN stylesheets), found through JUPYTER_PATH as `make app` finds it.
APP_JUPYTER_PATH = REPO / "app" / "share" / "jupyter"
APP_TEMPLATE = "dlnotes"


def voila_server(notebook: Path, home: Path, *, template: str | None = None) -> Server:
    """Voila serving one notebook as a page, as ``make app`` does, on a free loopback port.

    With ``template`` (``APP_TEMPLATE`` for the app), Voila also looks for templates in
    ``APP_JUPYTER_PATH``, as the Makefile's ``app`` target sets it.
    """
    port, token = free_port(), secrets.token_hex(16)
    cmd = [
        str(BIN / "voila"), str(notebook),
        "--no-browser", "--Voila.ip=127.0.0.1", f"--port={port}", f"--token={token}",
        "--show_tracebacks=True",
    ]
    env = isolated_env(home)
    if template is not None:
        cmd.append(f"--template={template}")
        env["JUPYTER_PATH"] = str(APP_JUPYTER_PATH)
    return Server("Voila", cmd, env, notebook.parent, home / "voila.log", port, token).start()


# ----------------------------------------------------------------------------- browser


@dataclass
class Blocked:
    """Requests aborted because they left the machine."""

    urls: list[str] = field(default_factory=list)


def new_context(browser: Any, blocked: Blocked, viewport: dict = VIEWPORT) -> Any:
    """A fresh browser context that aborts every non-loopback request and records it."""
    context = browser.new_context(viewport=viewport, device_scale_factor=1)
    context.set_default_timeout(30_000)

    def route(r: Any) -> None:
        url = r.request.url
        parts = urlsplit(url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in LOOPBACK:
            blocked.urls.append(url)
            r.abort("blockedbyclient")
        else:
            r.continue_()

    context.route("**/*", route)
    return context


def watch_page(page: Any) -> list[str]:
    """Collect the page's uncaught JavaScript errors and console errors.

    A widget whose state fails to apply logs "Error setting state: ..." on the console and
    nothing in the notebook, so the console is where the cause of a blank widget shows.
    Requests refused by :func:`new_context` (off-machine fonts, say) are left out.
    """
    errors: list[str] = []

    def on_console(msg: Any) -> None:
        if msg.type == "error" and "net::ERR_BLOCKED_BY_CLIENT" not in msg.text \
                and not msg.text.startswith("Failed to load resource"):
            errors.append(f"console: {msg.text[:500]}")

    page.on("pageerror", lambda exc: errors.append(f"uncaught: {exc}"))
    page.on("console", on_console)
    return errors


# ----------------------------------------------------------------------------- notebooks


_CALL = re.compile(r"(?<![\w])(?:[A-Za-z_][\w]*\.)*([A-Za-z_]\w*_explorer)\s*\(")


def explorer_calls(notebook: Path) -> list[str]:
    """The explorer factories a notebook calls, in the order its code cells call them.

    >>> import json, tempfile, pathlib
    >>> cells = [{"cell_type": "code", "source": ["from dlnotes import viz\\n",
    ...           "# ewa_explorer() is commented out\\n", "viz.ewa_explorer(beta=0.9)"]},
    ...          {"cell_type": "code", "source": "optimizer_explorer()"}]
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "nb.ipynb"
    >>> _ = p.write_text(json.dumps({"cells": cells}))
    >>> explorer_calls(p)
    ['ewa_explorer', 'optimizer_explorer']
    """
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    names = []
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        src = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        for line in src.splitlines():
            code = line.split("#", 1)[0]
            if code.lstrip().startswith(("import ", "from ", "def ")):
                continue
            names += _CALL.findall(code)
    return names


def write_notebook(path: Path, cells: list[tuple[str, str]]) -> Path:
    """Write a notebook of ``(cell_type, source)`` cells with the python3 kernel spec."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3", "display_name": "Python 3", "language": "python",
    }
    nb.cells = [
        nbformat.v4.new_code_cell(src) if kind == "code" else nbformat.v4.new_markdown_cell(src)
        for kind, src in cells
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, str(path))
    return path


def fixture_notebooks(folder: Path) -> dict[str, Path]:
    """Generate the harness's own notebooks in ``folder`` (with fixture_explorers.py beside)."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(Path(__file__).with_name("fixture_explorers.py"), folder)
    # Like the dlnotes explorers, the fixtures wrap their Figure in an ipympl Canvas themselves:
    # no %matplotlib magic is needed.
    head = ("code", "import fixture_explorers as fx")
    demo = write_notebook(folder / "demo.ipynb", [
        ("markdown", "# Harness fixture\nTwo explorers that work and one that never redraws."),
        head,
        ("code", "fx.sine_explorer()"),
        ("code", "fx.image_explorer()"),
        ("markdown", "The next one is broken on purpose."),
        ("code", "fx.dead_explorer()"),
    ])
    broken = write_notebook(folder / "broken.ipynb", [
        head,
        ("code", "fx.sine_explorer()"),
        ("code", "1 / 0"),
    ])
    page = write_notebook(folder / "page.ipynb", [
        ("markdown", "# Fixture page\nOne explorer, found by its CSS class."),
        head,
        ("code", "fx.sine_explorer(css_class=True)"),
    ])
    return {"demo": demo, "broken": broken, "page": page}


# ----------------------------------------------------------------------------- JupyterLab

_JS_PANEL = """
(path) => {
  const app = window.jupyterapp;
  if (!app) return null;
  for (const w of app.shell.widgets('main')) {
    if (w.context && w.context.path === path) return w;
  }
  return null;
}
"""

_JS_READY = f"""
(path) => {{
  const panel = ({_JS_PANEL})(path);
  if (!panel || !panel.context.isReady || !panel.sessionContext.isReady) return false;
  const kernel = panel.sessionContext.session && panel.sessionContext.session.kernel;
  return !!kernel && kernel.status === 'idle';
}}
"""

_JS_RUN_ALL = f"""
(path) => {{
  const app = window.jupyterapp;
  const panel = ({_JS_PANEL})(path);
  app.shell.activateById(panel.id);
  window.__e2eRun = undefined;
  app.commands.execute('notebook:run-all-cells').then(
    (ok) => {{ window.__e2eRun = {{ok: ok !== false}}; }},
    (err) => {{ window.__e2eRun = {{ok: false, error: String(err)}}; }});
}}
"""

_JS_IDLE = f"""
(path) => {{
  const panel = ({_JS_PANEL})(path);
  const kernel = panel && panel.sessionContext.session && panel.sessionContext.session.kernel;
  return !!kernel && kernel.status === 'idle';
}}
"""


@dataclass
class NotebookRun:
    """A notebook opened and run in JupyterLab."""

    path: str
    page: Any
    ok: bool
    seconds: float
    page_errors: list[str]


class LabSession:
    """One JupyterLab server and one browser context; notebooks are opened one at a time."""

    def __init__(self, server: Server, context: Any):
        self.server = server
        self.context = context
        self.current: NotebookRun | None = None
        self._n = 0

    def close_current(self) -> None:
        if self.current is None:
            return
        with contextlib.suppress(Exception):
            self.current.page.evaluate(  # shut the kernel down, waiting 10 s at most
                f"(p) => {{ const w = ({_JS_PANEL})(p); if (!w) return null; "
                "return Promise.race([w.sessionContext.shutdown(), "
                "new Promise((r) => setTimeout(r, 10000))]); }",
                self.current.path,
            )
        with contextlib.suppress(Exception):
            self.current.page.close()
        self.current = None

    def run(self, path: str) -> NotebookRun:
        """Open ``path`` (relative to the server root), run all cells, wait for idle."""
        if self.current is not None and self.current.path == path:
            return self.current
        self.close_current()
        self._n += 1
        page = self.context.new_page()
        errors = watch_page(page)
        url = (f"{self.server.base}/lab/workspaces/e2e-{self._n}/tree/{quote(path)}"
               f"?token={self.server.token}")
        t0 = time.monotonic()
        page.goto(url, wait_until="domcontentloaded", timeout=PAGE_LOAD_S * 1000)
        try:
            page.wait_for_function(_JS_READY, arg=path, timeout=PAGE_LOAD_S * 1000)
        except Exception as exc:
            raise AssertionError(
                f"{path}: JupyterLab did not open the notebook with an idle kernel within "
                f"{PAGE_LOAD_S} s ({exc.__class__.__name__}).\nServer log:\n"
                f"{self.server.log_tail()}"
            ) from None
        # Room for the explorers: no file browser or property inspector beside the notebook.
        page.evaluate("() => { window.jupyterapp.shell.collapseLeft(); "
                      "window.jupyterapp.shell.collapseRight(); }")
        page.evaluate(_JS_RUN_ALL, path)
        try:
            page.wait_for_function("() => window.__e2eRun !== undefined",
                                   timeout=RUN_ALL_S * 1000, polling=250)
            page.wait_for_function(_JS_IDLE, arg=path, timeout=RUN_ALL_S * 1000, polling=250)
        except Exception:
            raise AssertionError(
                f"{path}: Run All Cells did not finish within {RUN_ALL_S} s"
            ) from None
        result = page.evaluate("() => window.__e2eRun")
        self.current = NotebookRun(path, page, bool(result.get("ok")),
                                   time.monotonic() - t0, errors)
        return self.current


# ----------------------------------------------------------------------------- page checks

_JS_MARK_EXPLORERS = """
() => {
  document.querySelectorAll('[data-e2e-explorer]')
    .forEach((e) => e.removeAttribute('data-e2e-explorer'));
  let how = 'class dlnotes-explorer';
  let found = Array.from(document.querySelectorAll('.dlnotes-explorer'));
  if (!found.length) {
    how = 'outputs holding a slider';
    found = Array.from(document.querySelectorAll('.jp-OutputArea-output'))
      .filter((e) => e.querySelector('.widget-slider'));
  }
  const outer = found.filter((e) => !found.some((o) => o !== e && o.contains(e)));
  outer.forEach((e, i) => e.setAttribute('data-e2e-explorer', String(i)));
  return {how, count: outer.length};
}
"""

_JS_ERRORS = f"""
() => Array.from(document.querySelectorAll({json.dumps(ERROR_OUTPUT)})).map((e) => {{
  const cell = e.closest('.jp-Cell');
  const prompt = cell && cell.querySelector('.jp-InputPrompt');
  const where = prompt ? prompt.innerText.trim() : (cell ? 'a cell' : 'the page');
  const text = (e.innerText || e.textContent || '').trim();
  const short = text.length > 900 ? text.slice(0, 300) + '\\n[...]\\n' + text.slice(-600) : text;
  return where + ': ' + short;
}})
"""


def error_outputs(page: Any) -> list[str]:
    """Every error or stderr output, and every widget that failed to render, on the page."""
    return page.evaluate(_JS_ERRORS)


def find_explorers(page: Any, expected: int, timeout_s: float = WIDGETS_S) -> tuple[str, list]:
    """Wait until ``expected`` explorers show a slider and a figure; return their locators.

    Returns how they were found and the list of locators (fewer than ``expected`` if the
    time ran out, or at once if an error output appeared: the caller reports either).
    """
    deadline = time.monotonic() + timeout_s
    while True:
        info = page.evaluate(_JS_MARK_EXPLORERS)
        roots = [page.locator(f'[data-e2e-explorer="{i}"]') for i in range(info["count"])]
        ready = [r for r in roots
                 if r.locator(SLIDER).count() and r.locator(FIGURE).count()]
        if len(ready) == len(roots) == expected:
            return info["how"], roots
        if time.monotonic() > deadline or error_outputs(page):
            return info["how"], roots
        time.sleep(0.5)


def assert_rendered(root: Any, name: str, timeout_s: float = FIGURE_SETTLE_S,
                    page_errors: list[str] | None = None) -> None:
    """The explorer shows at least one slider and every figure it holds, with a size."""
    root.scroll_into_view_if_needed()
    sliders, figures = root.locator(SLIDER), root.locator(FIGURE)
    assert sliders.count(), f"{name}: no slider rendered"
    assert figures.count(), f"{name}: no figure rendered (ipympl canvas or image)"
    for i in range(figures.count()):
        figure = figures.nth(i)
        try:
            figure.wait_for(state="visible", timeout=timeout_s * 1000)
        except Exception:
            box = figure.bounding_box()
            size = f"{box['width']:.0f}x{box['height']:.0f} px" if box else "no box"
            kind = figure.evaluate("(e) => e.className || e.tagName")
            raise AssertionError(
                f"{name}: its figure ({kind}) is not visible after {timeout_s} s ({size}); "
                "an ipympl canvas stays 0x0 until the kernel has sent it a first image. "
                f"Browser errors: {list(dict.fromkeys(page_errors or [])) or 'none seen'}"
            ) from None


def _decode(png: bytes):
    from matplotlib.image import imread

    return imread(io.BytesIO(png), format="png")


def changed_pixels(a: bytes, b: bytes) -> int:
    """How many pixels differ between two PNG screenshots (all of them if the sizes differ)."""
    if a == b:
        return 0
    x, y = _decode(a), _decode(b)
    if x.shape != y.shape:
        return max(x.shape[0] * x.shape[1], y.shape[0] * y.shape[1])
    return int((abs(x - y).max(axis=-1) > 0).sum())


def is_blank(png: bytes) -> bool:
    """True if a screenshot is a single flat colour (nothing drawn)."""
    img = _decode(png)
    return bool((img.max(axis=(0, 1)) - img.min(axis=(0, 1))).max() < 1e-6)


def _shots(figures: Any) -> list[bytes]:
    return [figures.nth(i).screenshot(animations="disabled", caret="hide", timeout=10_000)
            for i in range(figures.count())]


def settled_shots(figures: Any, timeout_s: float = FIGURE_SETTLE_S) -> list[bytes]:
    """Screenshots of the figures once two in a row, 0.3 s apart, are identical."""
    deadline = time.monotonic() + timeout_s
    last = _shots(figures)
    while time.monotonic() < deadline:
        time.sleep(0.3)
        now = _shots(figures)
        if now == last:
            return now
        last = now
    raise AssertionError(f"the figure kept changing for {timeout_s} s without any input")


def _slider_value(handle: Any) -> str | None:
    return handle.get_attribute("aria-valuetext") or handle.get_attribute("aria-valuenow")


def _readout(slider: Any, handle: Any) -> str | None:
    """The value as the learner reads it (the readout), else the handle's ARIA value."""
    readout = slider.locator(".widget-readout")
    if readout.count():
        return readout.first.inner_text().strip()
    return _slider_value(handle)


def _slider_label(slider: Any, i: int) -> str:
    label = slider.locator(".widget-label")
    text = label.first.inner_text().strip() if label.count() else ""
    return text or f"slider #{i}"


_JS_PAGE_STATE = """
(h) => {
  const describe = (e) => e ? [e.tagName.toLowerCase(), e.id ? '#' + e.id : '',
    typeof e.className === 'string' && e.className ? '.' + e.className.trim().split(/\\s+/)
      .slice(0, 3).join('.') : ''].join('') : 'none';
  const target = h.closest('.noUi-target');
  const kernels = [];
  const app = window.jupyterapp;
  if (app) {
    for (const w of app.shell.widgets('main')) {
      const s = w.sessionContext;
      if (s) kernels.push(`${w.context.path}: kernel ${s.kernelDisplayStatus}`);
    }
  }
  return {
    focused: describe(document.activeElement),
    handleFocused: document.activeElement === h,
    handleTabindex: h.getAttribute('tabindex'),
    sliderDisabled: !!(target && target.hasAttribute('disabled')),
    dialogs: Array.from(document.querySelectorAll('.jp-Dialog, [role="dialog"]'))
      .map((d) => d.innerText.replace(/\\s+/g, ' ').trim().slice(0, 300)),
    toasts: Array.from(document.querySelectorAll('.Toastify__toast'))
      .map((d) => d.innerText.replace(/\\s+/g, ' ').trim().slice(0, 200)),
    kernels,
  };
}
"""


def _focus(page: Any, handle: Any, name: str) -> None:
    """Give the slider's handle the keyboard focus, by mouse if focusing it did not take.

    Playwright's ``press`` focuses the element first, but a handle that cannot take the focus
    lets the keys go to whatever holds it (the notebook, where End and Home move between
    cells), and the slider never moves. A click on the handle focuses it without moving it. A
    modal dialog (JupyterLab's "Kernel Restarting", say) keeps the focus and covers the page:
    then this fails with the dialog's text.
    """
    handle.focus()
    if handle.evaluate("(h) => document.activeElement === h"):
        return
    try:
        handle.click(timeout=5000)
    except Exception as exc:
        raise AssertionError(
            f"{name}: its slider cannot take the keyboard focus ({exc.__class__.__name__} "
            f"on clicking it).\n{page_state(page, handle, name)}"
        ) from None


def page_state(page: Any, handle: Any, name: str) -> str:
    """What a failed key press met: focus, dialogs, the slider's state, the kernel; a PNG.

    Keys that move no slider at all mean the keyboard did not reach it: a modal dialog (a dead
    kernel) keeps the focus, or the slider was disabled. This says which, on the CI log.
    """
    try:
        state = handle.evaluate(_JS_PAGE_STATE)
    except Exception as exc:  # the page itself is gone
        return f"page state unavailable ({exc.__class__.__name__}: {exc})"
    safe = re.sub(r"[^\w-]", "_", name)
    shot = SCREENSHOTS / f"FAILED-{safe}-page.png"
    with contextlib.suppress(Exception):
        shot.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(shot), full_page=False)
    return "page state: " + json.dumps(state) + f"; screenshot: {shot}"


# Tried in order until the figure changes: one step, a page, the far ends.
KEYS = ("ArrowRight", "PageUp", "End", "Home")


@dataclass
class SliderResult:
    label: str
    key: str | None
    before: str | None
    after: str | None
    pixels: int


@dataclass
class ExplorerResult:
    name: str
    sliders: list[SliderResult]
    seconds: float
    screenshot: Path | None = None

    def summary(self) -> str:
        moved = ", ".join(f"{s.label} {s.before}->{s.after} [{s.key}, {s.pixels} px]"
                          for s in self.sliders)
        return f"{self.name}: {len(self.sliders)} slider(s) in {self.seconds:.1f} s: {moved}"


def check_explorer(page: Any, root: Any, name: str, *, all_sliders: bool = True,
                   screenshot: Path | None = None, change_s: float = FIGURE_CHANGE_S,
                   page_errors: list[str] | None = None) -> ExplorerResult:
    """Move the explorer's sliders with the keyboard; assert the figure changes each time.

    For each slider (or the first only): focus its handle, press ArrowRight; if the value did
    not move or the figure did not change within ``change_s`` seconds, try PageUp, End, then
    Home.
    Fails when no key changes the figure, when there is no slider or no figure, or when the
    figure is blank. Saves a PNG of the whole explorer to ``screenshot`` at the end.
    """
    t0 = time.monotonic()
    assert_rendered(root, name, page_errors=page_errors)
    sliders = root.locator(SLIDER)
    figures = root.locator(FIGURE)
    baseline = settled_shots(figures)
    assert not any(is_blank(s) for s in baseline), f"{name}: the figure is blank"
    results = []
    for i in range(sliders.count() if all_sliders else 1):
        slider = sliders.nth(i)
        label = _slider_label(slider, i)
        handle = slider.locator(HANDLE).first
        if handle.get_attribute("disabled") is not None or not handle.is_visible():
            continue
        start = _readout(slider, handle)
        _focus(page, handle, name)
        tried = []
        for key in KEYS:
            before = _slider_value(handle)
            handle.press(key)
            # The value moves at once in the browser; a slider already at an end does not.
            with contextlib.suppress(Exception):
                page.wait_for_function("([h, v]) => (h.getAttribute('aria-valuetext') || "
                                       "h.getAttribute('aria-valuenow')) !== v",
                                       arg=[handle.element_handle(), before], timeout=1000)
            after = _slider_value(handle)
            tried.append(f"{key}: {before} -> {after}")
            if after == before:
                continue
            pixels = _wait_for_change(figures, baseline, change_s)
            if pixels:
                baseline = settled_shots(figures)
                results.append(SliderResult(label, key, start, _readout(slider, handle),
                                            pixels))
                break
        else:
            raise AssertionError(
                f"{name}: moving slider {label!r} did not change the figure "
                f"(waited {change_s} s after each key; {'; '.join(tried)}).\n"
                f"{page_state(page, handle, name)}"
            )
    result = ExplorerResult(name, results, time.monotonic() - t0)
    if screenshot is not None:
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        page.evaluate("() => document.activeElement && document.activeElement.blur()")
        save_explorer_png(page, root, screenshot)
        result.screenshot = screenshot
    return result


_JS_CROP = """
(e) => {
  // The explorer's own box (not the wider output area around it), cropped to what it holds.
  const box = e.classList.contains('widget-box') ? e : (e.querySelector('.widget-box') || e);
  let parts = Array.from(box.querySelectorAll(
    '.widget-inline-hbox, .widget-inline-vbox, .widget-button, .widget-html, ' +
    '.jupyter-matplotlib-figure, img.widget-image, .jp-RenderedImage img'));
  if (!parts.length) parts = [box];
  const r = parts.map((c) => c.getBoundingClientRect()).filter((b) => b.width && b.height);
  const left = Math.min(...r.map((b) => b.left)), top = Math.min(...r.map((b) => b.top));
  const right = Math.max(...r.map((b) => b.right)), bottom = Math.max(...r.map((b) => b.bottom));
  return {x: left + window.scrollX, y: top + window.scrollY,
          width: right - left, height: bottom - top};
}
"""


def save_explorer_png(page: Any, root: Any, path: Path) -> None:
    """Save a PNG of the explorer's controls and figure, cropped tight, to ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    root.scroll_into_view_if_needed()
    clip = root.evaluate(_JS_CROP)
    page.screenshot(path=str(path), clip=clip, animations="disabled", caret="hide",
                    full_page=True)


def _wait_for_change(figures: Any, baseline: list[bytes], timeout_s: float) -> int:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        now = _shots(figures)
        if len(now) != len(baseline):
            return 1
        pixels = sum(changed_pixels(a, b) for a, b in zip(baseline, now, strict=True))
        if pixels:
            return pixels
        time.sleep(0.15)
    return 0


# ----------------------------------------------------------------------------- width

COLUMN_PX = 900  # the narrowest notebook column an explorer must fit (issue 15)

_JS_COLUMN = """
(e) => {
  const out = e.closest('.jp-OutputArea-output') || e.parentElement;
  return out.getBoundingClientRect().width;
}
"""

_JS_FIT = """
(e) => {
  const out = e.closest('.jp-OutputArea-output') || e.parentElement;
  const o = out.getBoundingClientRect();
  let right = e.getBoundingClientRect().right, widest = null;
  for (const c of [e, ...e.querySelectorAll('*')]) {
    const r = c.getBoundingClientRect();
    if (r.width && r.height && r.right > right) {
      right = r.right;
      widest = (c.className && c.className.baseVal === undefined ? c.className : c.tagName);
    }
  }
  return {column: o.width, overflow: right - o.right, widest: String(widest || ''),
          scroll: out.scrollWidth - out.clientWidth, own_scroll: e.scrollWidth - e.clientWidth,
          page_scroll: document.scrollingElement.scrollWidth - window.innerWidth};
}
"""


def resize(page: Any, size: dict) -> None:
    """Set the viewport to ``size`` and wait (up to 5 s) until the page has it.

    Playwright returns before the page's renderer has the new size; a layout read at once can
    still be the old one (a column measured at its old width, then found at its new one).
    ``window.innerWidth`` tells when the new width has arrived.
    """
    page.set_viewport_size(size)
    deadline = time.monotonic() + 5.0
    while page.evaluate("() => window.innerWidth") != size["width"]:
        if time.monotonic() > deadline:
            break
        time.sleep(0.05)


def set_column_width(page: Any, root: Any, width: int = COLUMN_PX) -> dict:
    """Resize the page so that the output area holding ``root`` is ``width`` px wide.

    Returns the viewport it had, to restore with :func:`resize`.
    """
    original = dict(page.viewport_size)
    for _ in range(8):
        column = root.evaluate(_JS_COLUMN)
        if abs(column - width) <= 1:
            break
        size = page.viewport_size
        resize(page, {"width": int(round(size["width"] + width - column)),
                      "height": size["height"]})
        # let the page lay itself out again: on a busy machine this takes more than a moment,
        # so wait (up to 5 s) for the column to change before measuring it again
        deadline = time.monotonic() + 5.0
        while time.monotonic() < deadline:
            time.sleep(0.2)
            if abs(root.evaluate(_JS_COLUMN) - column) > 1:
                time.sleep(0.2)
                break
    return original


def check_fits(page: Any, root: Any, name: str, width: int = COLUMN_PX) -> dict:
    """Assert the explorer fits a ``width`` px notebook column without horizontal scrolling.

    The page is resized so that the explorer's output area is ``width`` px wide (the window
    narrower, by what the page puts beside the outputs: prompts, margins, side bars); then no
    part of the explorer may reach past the output area, which must not scroll sideways.
    """
    original = set_column_width(page, root, width)
    try:
        root.scroll_into_view_if_needed()
        fit = root.evaluate(_JS_FIT)
    finally:
        resize(page, original)  # the next explorer's measure must see this width, not ours
    assert abs(fit["column"] - width) <= 2, f"{name}: could not make its column {width} px: {fit}"
    assert fit["overflow"] <= 1 and fit["scroll"] <= 1 and fit["own_scroll"] <= 1, (
        f"{name} does not fit a {width} px column: it reaches {fit['overflow']:.0f} px past "
        f"its output area (widest part: {fit['widest']}), which scrolls by {fit['scroll']} px"
    )
    return fit
