"""Keypress to repaint in Chromium: what a learner feels when moving an explorer's slider.

Reuses the end-to-end harness (``tests/e2e/harness.py``): JupyterLab on a free loopback port,
Debian's ``/usr/bin/chromium`` driven by Playwright, every off-machine request blocked; nothing
is downloaded. One generated notebook shows every explorer :mod:`dlnotes.viz` exports, as a
learner sees them (the default backend: an image widget). Then, explorer after explorer,
``moves`` keypresses go to its sliders in turn (ArrowRight, or ArrowLeft at the end of the
range), one at a time, and each is timed *in the page* from the ``keydown`` event to the first
animation frame that shows the new figure: the one after the image's ``load`` event for its
new source (on ipympl's canvas: the first frame whose pixels, read back with ``getImageData``,
differ from those before). The harness waits for a move with one call that returns when the
page has its result, so nothing polls the page while the kernel draws, and the page runs no
animation-frame loop of its own while it waits: it is as idle as a learner's page. (Until
2026-12-03 a loop checked the image on every animation frame; back to back, the two ways agree
on the kernel's redraw, and the idle page's *browser draw* is some 5 to 10 ms longer: an idle
page's first frame comes later than the next frame of a page already animating.)

Where the time goes, from clocks on the same machine (the kernel's ``time.time()`` against the
page's ``performance.timeOrigin + performance.now()``):

- *to kernel*: keydown to the start of the explorer's redraw in the kernel (the slider's new
  value travels browser -> server -> kernel);
- *kernel redraw*: the explorer's update, Agg's draw and the frame encoded, up to the frame
  handed to the kernel's socket; *redraw CPU*: the CPU time the kernel's thread spent on it
  (well under the wall time: the thread waited for a core that Chromium and the server were
  using); *of which frame*: the PNG encoding (the explorer's ``_buffer_png``; on ipympl, the
  canvas' ``get_diff_image``) and the frame's size;
- *transfer*: frame handed over in the kernel to the page receiving it (the widget turns it
  into a blob URL: ``URL.createObjectURL`` is timed);
- *browser draw*: received to painted (the image decoded and shown; ipympl also re-encodes its
  canvas with ``toDataURL``, decodes the PNG, draws it into its offscreen canvas, then onto
  the visible one; the next animation frame shows it).

A last row, ``floor``, is the smallest explorer there is (one line, no text, the default canvas
size): what the stack itself costs, JupyterLab, the comm, the widget and Chromium, when the
kernel's redraw costs almost nothing. It is left out of the maxima.

The kernel side is timed by wrapping, from the notebook's own code, each explorer's ``redraw``
and its frame encoding; the package itself carries no timing code. No assertion
anywhere: the targets (issue 15: p50 <= 60 ms, p90 <= 100 ms for every explorer) are printed
as PASS/FAIL, and the section ends with ``browser p50 max: X ms, p90 max: Y ms``.

    .venv/bin/python benchmarks/run.py --only browser
    .venv/bin/python -m benchmarks.browser --variant noblit   # blitting off, to see its worth
    .venv/bin/python -m benchmarks.browser --variant ipympl   # ipympl's canvas instead

Variants, for measuring what a piece of machinery buys (``--variant``): ``noblit`` (no
artist animated, so every redraw is a full draw: no blitting and no pixel cache),
``nocache`` (blitting, but the pixel cache of animated axes and texts never hits),
``noglyph`` (Agg's own text drawing: no glyph cache, see ``_GlyphCacheRenderer``) and
``ipympl`` (the explorers on ipympl's canvas, with its toolbar, instead of the default
``"image"`` backend: an ``ipywidgets.Image`` given a PNG after each change).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .common import Section, median, p90

REPO = Path(__file__).resolve().parents[1]
TARGET_P50_MS = 60.0
TARGET_P90_MS = 100.0
MOVE_TIMEOUT_S = 5.0
SETTLE_S = 0.25  # after a repaint, before the next key: trailing frames, kernel idle

VARIANTS = {
    "default": "",
    "noblit": ("from dlnotes.viz._explorer import Explorer\n"
               "Explorer.animate = lambda self, *artists, cache=False: None\n"),
    "nocache": ("from dlnotes.viz._explorer import _PixelCache\n"
                "_PixelCache.key = staticmethod(lambda figure, artist: None)\n"),
    "noglyph": ("from dlnotes.viz import _explorer\n"
                "_explorer._PER_GLYPH_TEXT = False\n"),
    "ipympl": ("from dlnotes.viz import _explorer\n"
               "_choose = _explorer.choose_backend\n"
               "_explorer.choose_backend = lambda backend='auto': "
               "_choose('ipympl' if backend == 'auto' else backend)\n"),
}

# Runs in the kernel: wrap an explorer's redraw and its canvas' frame encoding with timers.
_KERNEL_SETUP = '''
import json as _json, time as _time
from dlnotes import viz
_BENCH = {}

def _instrument(name, ex):
    records = _BENCH.setdefault(name, [])
    canvas = ex.figure.canvas
    # the frame: ipympl's get_diff_image, or the PNG an Image widget is given
    owner, attr = (canvas, "get_diff_image") if ex.backend == "ipympl" else (ex, "_buffer_png")
    encode, redraw, state = getattr(owner, attr), ex.redraw, {}

    def timed_encode():
        t0 = _time.time()
        frame = encode()
        if frame is not None and "start" in state:
            state["frames"].append((t0, _time.time(), len(frame), _time.thread_time()))
        return frame

    def timed_redraw(changed=None):
        state.update(start=_time.time(), cpu=_time.thread_time(), frames=[])
        try:
            redraw(changed)
        finally:
            records.append(dict(start=state.pop("start"), cpu=state.pop("cpu"),
                                end=_time.time(),
                                frames=state.pop("frames")))

    setattr(owner, attr, timed_encode)
    ex.redraw = timed_redraw
    return ex
'''

_JS_INSTALL = """
() => {
  if (window.__bench) return;
  const B = window.__bench = {recv: [], key: null, armed: false};
  const create = URL.createObjectURL;
  URL.createObjectURL = function (blob) {
    B.recv.push(performance.now());
    return create.call(URL, blob);
  };
  window.addEventListener('keydown', (e) => {
    if (B.armed && B.key === null) B.key = e.timeStamp;
  }, true);
}
"""

# Arm the measurement on one explorer. The image backend is watched by events: when the
# image has loaded a new source, the next animation frame is the one that shows it. ipympl's
# canvas is watched on every animation frame after the key, until its pixels differ from those
# before the key. Either way `B.done` is a promise of the result (or null after a timeout), so
# the harness waits with one call instead of polling the page while the kernel draws.
_JS_ARM = """
(root, timeoutMs) => {
  const B = window.__bench;
  const canvas = root.querySelector('.jupyter-matplotlib-canvas-div canvas');
  const img = root.querySelector('img.widget-image');
  if (!canvas && !img) return 'no ipympl canvas and no image';
  let resolve, live = true;  // this arm's own: an older arm's timer cannot end this one
  B.done = new Promise((r) => { resolve = r; });
  const finish = (result) => { if (live) { live = false; B.armed = false; resolve(result); } };
  Object.assign(B, {recv: [], key: null, drawn: null, result: null, armed: true});
  const settle = (drawn) => {
    if (!live) return;
    const now = performance.now();
    const recv = B.recv.filter((t) => t >= B.key);
    B.result = {key: B.key, paint: now, drawn, recv: recv.length ? recv[0] : null,
                frames: recv.length, origin: performance.timeOrigin};
    finish(B.result);
  };
  setTimeout(() => finish(null), timeoutMs);
  if (img) {
    const before = img.src;
    const onload = () => {
      if (!live || B.key === null || img.src === before) return;
      img.removeEventListener('load', onload);
      requestAnimationFrame(() => settle(performance.now()));
    };
    img.addEventListener('load', onload);
    return null;
  }
  const ctx = canvas.getContext('2d');
  if (!ctx.__benchWrapped) {
    const draw = ctx.drawImage;
    ctx.drawImage = function (...args) {
      B.drawn = performance.now();
      return draw.apply(this, args);
    };
    ctx.__benchWrapped = true;
  }
  const pixels = () =>
    new Uint32Array(ctx.getImageData(0, 0, canvas.width, canvas.height).data.buffer);
  const before = pixels();
  const tick = () => {
    if (!live) return;
    if (B.key !== null && B.drawn !== null && B.drawn >= B.key) {
      const after = pixels();
      let differ = after.length !== before.length;
      for (let i = 0; !differ && i < after.length; i++) differ = after[i] !== before[i];
      if (differ) { settle(B.drawn); return; }
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  return null;
}
"""

_JS_KERNEL_EXEC = """
async ([path, code]) => {
  const app = window.jupyterapp;
  let panel = null;
  for (const w of app.shell.widgets('main')) if (w.context && w.context.path === path) panel = w;
  const kernel = panel.sessionContext.session.kernel;
  const future = kernel.requestExecute({code, silent: false, store_history: false});
  let out = '';
  future.onIOPub = (msg) => {
    if (msg.header.msg_type === 'stream') out += msg.content.text;
    if (msg.header.msg_type === 'error') out += 'ERROR ' + msg.content.ename;
  };
  await future.done;
  return out;
}
"""


def _harness():
    sys.path.insert(0, str(REPO / "tests" / "e2e"))
    import harness  # noqa: PLC0415 - the e2e harness is a folder of tests, not a package

    return harness


# The floor: the smallest explorer (the docstring's square, one line, no text) on a canvas of
# the default size. Its keypress-to-repaint is what the stack (JupyterLab, the comm, ipympl's
# canvas, Chromium) costs when the kernel's redraw costs almost nothing.
FLOOR = "floor"
_FLOOR_SETUP = '''
import numpy as _np
from dlnotes.viz._explorer import Explorer as _Explorer, float_slider as _slider

class _Floor(_Explorer):
    name = "floor"

    def __init__(self):
        self.x = _np.linspace(-2, 2, 101)
        super().__init__({"a": _slider("a", 1.0, 0.0, 3.0, 0.01)})

    def _build(self):
        ax = self.figure.add_subplot()
        (self.line,) = ax.plot(self.x, 0 * self.x)
        ax.set(ylim=(0, 12))
        self.animate(self.line)

    def _update(self, values, changed):
        self.line.set_ydata(values["a"] * self.x**2)
'''


def write_notebook(path: Path, names: Sequence[str], variant: str) -> Path:
    harness = _harness()
    cells = [("code", VARIANTS[variant] + _KERNEL_SETUP + _FLOOR_SETUP)]
    cells += [("code", f'_instrument("{n}", {"_Floor" if n == FLOOR else "viz." + n}())')
              for n in names]
    return harness.write_notebook(path, cells)


def _moves(page: Any, root: Any, n_moves: int) -> tuple[list[dict], int, str | None]:
    """Press ``n_moves`` keys on the explorer's sliders in turn; the page's result of each."""
    sliders = root.locator(".widget-slider")
    handles = [sliders.nth(i).locator(".noUi-handle").first for i in range(sliders.count())]
    handles = [h for h in handles if h.get_attribute("disabled") is None and h.is_visible()]
    if not handles:
        return [], 0, "no slider"
    direction = {i: "ArrowRight" for i in range(len(handles))}
    results, missed = [], 0
    for k in range(n_moves + 4 * len(handles)):
        if len(results) >= n_moves:
            break
        i = k % len(handles)
        handle = handles[i]
        for attempt in range(2):
            value = handle.get_attribute("aria-valuenow")
            error = root.evaluate(_JS_ARM, MOVE_TIMEOUT_S * 1000)
            if error:
                return results, missed, error
            handle.press(direction[i])
            result = page.evaluate("() => window.__bench.done")  # one call: no polling
            if result is None:  # no new figure (or the slider did not move)
                if handle.get_attribute("aria-valuenow") == value and attempt == 0:
                    # at the end of its range: turn round and try again
                    direction[i] = "ArrowLeft" if direction[i] == "ArrowRight" else "ArrowRight"
                    continue
                missed += 1
                break
            results.append(result)
            time.sleep(SETTLE_S)
            break
    return results, missed, None


def _match(result: dict, records: list[dict]) -> dict[str, float] | None:
    """The breakdown of one move: the first kernel redraw that started after its key."""
    origin = result["origin"]
    key_s = (origin + result["key"]) / 1e3
    later = [r for r in records if r["start"] >= key_s - 0.002 and r["frames"]]
    if not later or result["recv"] is None:
        return None
    rec = later[0]
    frame_start, frame_end, size, frame_cpu = rec["frames"][0]
    recv_s = (origin + result["recv"]) / 1e3
    return {
        "total": result["paint"] - result["key"],
        "to_kernel": (rec["start"] - key_s) * 1e3,
        "redraw": (frame_end - rec["start"]) * 1e3,
        "cpu": (frame_cpu - rec["cpu"]) * 1e3,
        "frame": (frame_end - frame_start) * 1e3,
        "kb": size / 1e3,
        "transfer": (recv_s - frame_end) * 1e3,
        "browser": result["paint"] - result["recv"],
        "decode": result["drawn"] - result["recv"],
    }


def _load() -> str:
    return ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"


def run(*, moves: int = 16, names: Sequence[str] | None = None,
        variant: str = "default") -> Section:
    """Measure ``moves`` keypresses on every explorer (or those in ``names``) in JupyterLab."""
    from .explorers import factories

    title = "Browser: keypress to repaint (JupyterLab, Chromium)"
    if variant != "default":
        title += f" - variant {variant}"
    header = ["explorer", "moves", "p50 ms", "p90 ms", "to kernel", "kernel redraw",
              "redraw CPU", "of which frame", "frame KB", "transfer", "browser draw", "target"]
    section = Section(title, header)
    harness = _harness()
    if not harness.CHROMIUM.exists():
        section.notes.append(f"skipped: {harness.CHROMIUM} not found "
                             "(apt-get install -y chromium)")
        return section
    from playwright.sync_api import sync_playwright

    chosen = [n for n in [*factories(), FLOOR] if names is None or n in names]
    load_start = _load()
    with tempfile.TemporaryDirectory(prefix="dlnotes-bench-browser-") as tmp:
        home = Path(tmp)
        root = home / "root"
        write_notebook(root / "bench.ipynb", chosen, variant)
        if (REPO / "data").is_dir():
            (root / "data").symlink_to(REPO / "data", target_is_directory=True)
        server = harness.lab_server(root, home / "lab")
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=str(harness.CHROMIUM),
                                             headless=True, args=harness.CHROMIUM_ARGS)
                blocked = harness.Blocked()
                context = harness.new_context(browser, blocked)
                try:
                    _measure(harness, server, context, chosen, moves, section)
                finally:
                    context.close()
                    browser.close()
        finally:
            server.stop()
    totals = section.data.get("_p50s", []), section.data.get("_p90s", [])
    section.notes.append(
        "breakdown columns are medians in ms over the moves; p50/p90 are of the total "
        "(keydown to the first animation frame that shows the new figure). "
        f"Targets: p50 <= {TARGET_P50_MS:.0f} ms and p90 <= {TARGET_P90_MS:.0f} ms."
    )
    section.notes.append(f"load average (1, 5, 15 min): {load_start} at the start, "
                         f"{_load()} at the end")
    if totals[0]:
        section.notes.append(f"browser p50 max: {max(totals[0]):.0f} ms, "
                             f"p90 max: {max(totals[1]):.0f} ms")
    return section


def _measure(harness: Any, server: Any, context: Any, chosen: list[str], moves: int,
             section: Section) -> None:
    lab = harness.LabSession(server, context)
    run = lab.run("bench.ipynb")
    page = run.page
    errors = harness.error_outputs(page)
    if errors or not run.ok:
        section.notes.append("the notebook failed: " + " | ".join(errors)[:500])
        return
    how, roots = harness.find_explorers(page, expected=len(chosen))
    if len(roots) != len(chosen):
        section.notes.append(f"found {len(roots)} explorers ({how}), expected {len(chosen)}")
        return
    page.evaluate(_JS_INSTALL)
    p50s, p90s = [], []
    for name, root in zip(chosen, roots, strict=True):
        root.scroll_into_view_if_needed()
        time.sleep(0.5)
        results, missed, error = _moves(page, root, moves)
        code = f"print(_json.dumps(_BENCH.get({name!r}, [])))"
        out = page.evaluate(_JS_KERNEL_EXEC, ["bench.ipynb", code])
        try:
            records = json.loads(out)
        except json.JSONDecodeError:
            records = []
            section.notes.append(f"{name}: kernel records unreadable: {out[:200]}")
        rows = [b for b in (_match(r, records) for r in results) if b is not None]
        if error or not results:
            section.add(name, len(results), "-", "-", "-", "-", "-", "-", "-", "-", "-",
                        error or "no move")
            continue
        total = np.array([r["paint"] - r["key"] for r in results])
        med = {k: median([row[k] for row in rows]) if rows else float("nan")
               for k in ("to_kernel", "redraw", "cpu", "frame", "kb", "transfer", "browser")}
        a, b = float(np.percentile(total, 50)), p90(total)
        if name != FLOOR:  # the floor is the stack's, not an explorer's
            p50s.append(a)
            p90s.append(b)
        ok = a <= TARGET_P50_MS and b <= TARGET_P90_MS
        section.add(name, len(results), f"{a:.0f}", f"{b:.0f}", f"{med['to_kernel']:.1f}",
                    f"{med['redraw']:.1f}", f"{med['cpu']:.1f}", f"{med['frame']:.1f}",
                    f"{med['kb']:.0f}", f"{med['transfer']:.1f}", f"{med['browser']:.1f}",
                    "(stack)" if name == FLOOR else "PASS" if ok else "FAIL")
        section.data[name] = dict(total=total.tolist(), breakdown=rows, missed=missed)
        if missed:
            section.notes.append(f"{name}: {missed} keypress(es) changed no pixel within "
                                 f"{MOVE_TIMEOUT_S:.0f} s (not counted)")
        if len(rows) < len(results):
            section.notes.append(f"{name}: {len(results) - len(rows)} move(s) without a "
                                 "matching kernel frame (no breakdown)")
    section.data["_p50s"], section.data["_p90s"] = p50s, p90s


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=16)
    parser.add_argument("--variant", choices=sorted(VARIANTS), default="default")
    parser.add_argument("--explorer", action="append", metavar="NAME",
                        help="only this explorer (repeatable), e.g. batchnorm_explorer")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    section = run(moves=args.moves, names=args.explorer, variant=args.variant)
    print(section.render())
    print(f"\n(browser: {time.perf_counter() - t0:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
