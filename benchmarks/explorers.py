"""Explorer responsiveness: from a control change to a finished redraw, under Agg.

Every ``*_explorer`` factory exported by :mod:`dlnotes.viz` is built with its defaults in
this plain process (so on the ``"agg"`` backend, where a change renders synchronously).
Then, round after round, each control in turn gets a new ``.value`` (sliders cycle through
points of their range, dropdowns through their options, checkboxes toggle) and the time of
that assignment is the latency: the explorer's ``_update`` plus Agg's render. Before and
after the changes the same figure is drawn a few times with nothing changed
(``figure.canvas.draw()``, a full draw): the reference. "x bare" below 1 means the explorer
redraws less than the whole figure (it blits only what changed).

An explorer "trains" when a control change runs :func:`dlnotes.nn.train` or
:func:`dlnotes.sweeps.train_many` (counted by wrapping their loop, ``_fit``). The build time
(the factory call: its precomputation and first draw) is what a learner waits for when the
cell runs.
Targets (issue 7): median under 30 ms for the explorers that do not train, nothing over
100 ms, judged here on the 90th percentile (the maximum is printed too: on a shared 2-core
machine it catches other processes' hiccups).
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from time import perf_counter, process_time
from typing import Any

import numpy as np

from .common import Section, median, ms, p90

TARGET_MEDIAN = 0.030
TARGET_P90 = 0.100
FRACTIONS = (0.2, 0.8, 0.5, 0.35, 0.65, 0.1, 0.9)


def factories() -> dict[str, Callable[..., Any]]:
    """Every explorer factory that :mod:`dlnotes.viz` exports, by name."""
    import dlnotes.viz as viz

    names = sorted(n for n in getattr(viz, "__all__", dir(viz)) if n.endswith("_explorer"))
    return {name: getattr(viz, name) for name in names}


def _slider_value(control: Any, fraction: float) -> Any:
    lo, hi = control.min, control.max
    if hasattr(control, "base"):  # FloatLogSlider: min and max are exponents
        return float(control.base ** (lo + fraction * (hi - lo)))
    value = lo + fraction * (hi - lo)
    if isinstance(control.value, int | np.integer) and not isinstance(control.value, bool):
        step = getattr(control, "step", 1) or 1
        return int(lo + round((value - lo) / step) * step)
    return float(value)


def next_value(control: Any, k: int) -> tuple[str, Any] | None:
    """``(attribute, value)`` to assign for the ``k``-th change of ``control``, or None.

    Selection widgets move by ``.index`` (which sets ``.value`` to that option); the others
    take a new ``.value`` different from the current one.
    """
    if hasattr(control, "options") and hasattr(control, "index"):
        n = len(control.options)
        if n < 2 or control.index is None:
            return None
        return "index", (control.index + 1) % n
    if isinstance(control.value, bool):
        return "value", not control.value
    if hasattr(control, "min") and hasattr(control, "max") and np.ndim(control.value) == 0:
        for j in range(len(FRACTIONS)):
            value = _slider_value(control, FRACTIONS[(k + j) % len(FRACTIONS)])
            if value != control.value:
                return "value", value
    return None


@contextmanager
def count_training() -> Iterator[list[int]]:
    """Count calls of ``_fit``, the loop of ``nn.train`` and ``sweeps.train_many``."""
    import dlnotes.nn as nn
    import dlnotes.sweeps as sweeps

    calls = [0]
    original = nn._fit

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        return original(*args, **kwargs)

    nn._fit = sweeps._fit = counting
    try:
        yield calls
    finally:
        nn._fit = sweeps._fit = original


def _bare_draws(draw: Callable[[], Any], n: int) -> list[float]:
    out = []
    for _ in range(n):
        t0 = perf_counter()
        draw()
        out.append(perf_counter() - t0)
    return out


def measure(factory: Callable[..., Any], *, rounds: int) -> dict[str, Any]:
    """Build one explorer; time ``rounds`` changes of each control, and bare redraws around them.

    The bare redraws come in two blocks, before and after the changes, rather than between
    them: a full draw in between would refresh the state an explorer keeps for its next
    redraw (a blitting background) and so change what is measured.
    """
    t0 = perf_counter()
    explorer = factory()
    build = perf_counter() - t0
    draw = explorer.figure.canvas.draw
    draw()  # warm-up
    changes: list[float] = []
    cpu: list[float] = []
    per_control: dict[str, list[float]] = {}
    skipped: list[str] = []
    bare = _bare_draws(draw, max(2, rounds))
    with count_training() as trained:
        for r in range(rounds):
            for name, control in explorer.controls.items():
                step = next_value(control, r)
                if step is None:
                    if r == 0:
                        skipped.append(name)
                    continue
                attribute, value = step
                c0, t0 = process_time(), perf_counter()
                setattr(control, attribute, value)
                dt = perf_counter() - t0
                cpu.append(process_time() - c0)
                changes.append(dt)
                per_control.setdefault(name, []).append(dt)
    bare += _bare_draws(draw, max(2, rounds))
    backend = getattr(explorer, "backend", "?")
    close = getattr(explorer, "close", None)
    if close is not None:
        close()
    gc.collect()
    slowest = max(per_control, key=lambda n: median(per_control[n])) if per_control else "-"
    return dict(
        build=build, changes=np.asarray(changes), cpu=np.asarray(cpu), bare=np.asarray(bare),
        skipped=skipped,
        slowest=slowest, slowest_median=median(per_control[slowest]) if per_control else 0.0,
        trains=trained[0] > 0, backend=backend, n_controls=len(explorer.controls),
    )


def verdict(result: dict[str, Any]) -> str:
    t = result["changes"]
    if t.size == 0:
        return "n/a"
    ok = p90(t) < TARGET_P90 and (result["trains"] or median(t) < TARGET_MEDIAN)
    return "PASS" if ok else "FAIL"


def run(*, rounds: int = 4, names: Sequence[str] | None = None) -> Section:
    """Measure every explorer factory (or those in ``names``)."""
    found = factories()
    chosen = {n: f for n, f in found.items() if names is None or n in names}
    section = Section(
        "Explorer responsiveness (Agg, control change -> finished redraw)",
        ["explorer", "build s", "changes", "median ms", "p90 ms", "max ms", "cpu median ms",
         "bare draw ms", "x bare", "slowest control (median ms)", "trains", "target"],
    )
    for name, factory in chosen.items():
        try:
            res = measure(factory, rounds=rounds)
        except Exception as exc:  # noqa: BLE001 - one broken explorer must not hide the rest
            section.add(name, "-", "-", "-", "-", "-", "-", "-", "-", f"error: {exc!r}"[:60],
                        "-", "ERROR")
            section.data[name] = dict(error=repr(exc))
            continue
        t, bare = res["changes"], res["bare"]
        if t.size == 0:
            section.add(name, f"{res['build']:.2f}", 0, "-", "-", "-", "-", "-", "-",
                        "no control to change", "-", "n/a")
        else:
            section.add(
                name, f"{res['build']:.2f}", t.size, ms(median(t)), ms(p90(t)), ms(float(t.max())),
                ms(median(res["cpu"])), ms(median(bare)), f"{median(t) / median(bare):.2f}x",
                f"{res['slowest']} ({ms(res['slowest_median'])})",
                "yes" if res["trains"] else "no", verdict(res),
            )
        if res["skipped"]:
            section.notes.append(f"{name}: controls not changed: {', '.join(res['skipped'])}")
        if res["backend"] != "agg":
            section.notes.append(f"{name}: ran on backend {res['backend']!r}, not 'agg'")
        section.data[name] = res
    section.notes.append(
        "target (on the wall-clock times): median < 30 ms unless the explorer trains, and "
        "p90 < 100 ms (issue 7's 'nothing over 100 ms'); 'cpu' is this process's CPU time for "
        "the same changes: where it is well below the wall time, other processes were taking "
        "the cores"
    )
    builds = [section.data[n]["build"] for n in chosen if "build" in section.data.get(n, {})]
    section.notes.append(f"build: the factory call (precompute and first draw); total "
                         f"{sum(builds):.2f} s")
    missing = sorted(set(names or ()) - set(found))
    if missing:
        section.notes.append(f"not exported by dlnotes.viz: {', '.join(missing)}")
    return section
