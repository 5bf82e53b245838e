"""What every section shares: interleaved timing, medians, a plain-text table, the machine."""

from __future__ import annotations

import os
import platform
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from time import perf_counter
from typing import Any

import numpy as np

MIB = 2**20


def timings(
    fns: Mapping[str, Callable[[], Any]], *, repeats: int, warmup: int = 1
) -> dict[str, np.ndarray]:
    """Seconds per call of each function, measured *interleaved*, round-robin.

    Each round calls every function once, starting one further along each time, so that the
    load of the machine (other processes, CPU frequency) falls on all of them alike and their
    ratios stay meaningful on a busy machine. ``warmup`` rounds run first and are not timed.
    """
    names = list(fns)
    for _ in range(warmup):
        for name in names:
            fns[name]()
    times: dict[str, list[float]] = {name: [] for name in names}
    for r in range(repeats):
        k = r % len(names)
        for name in names[k:] + names[:k]:
            fn = fns[name]
            t0 = perf_counter()
            fn()
            times[name].append(perf_counter() - t0)
    return {name: np.asarray(t) for name, t in times.items()}


def median(t: Sequence[float] | np.ndarray) -> float:
    return float(np.median(t))


def p90(t: Sequence[float] | np.ndarray) -> float:
    return float(np.percentile(t, 90))


def ms(seconds: float) -> str:
    """Milliseconds with 3 significant figures (``1.23``, ``45.6``, ``789``)."""
    x = seconds * 1e3
    if x >= 100:
        return f"{x:.0f}"
    return f"{x:.3g}" if x >= 1 else f"{x:.2f}"


def ratio(x: float) -> str:
    return f"{x:.2f}x" if x < 10 else f"{x:.1f}x"


@dataclass
class Section:
    """One titled table (and notes under it) of the benchmark's output."""

    title: str
    header: Sequence[str]
    rows: list[Sequence[Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)  # raw figures, for tests and scripts

    def add(self, *cells: Any) -> None:
        self.rows.append([str(c) for c in cells])

    def render(self) -> str:
        table = [list(self.header), *self.rows]
        widths = [max(len(str(row[i])) for row in table if i < len(row))
                  for i in range(len(self.header))]

        def line(row: Sequence[Any]) -> str:
            cells = [str(c).ljust(w) if i == 0 else str(c).rjust(w)
                     for i, (c, w) in enumerate(zip(row, widths, strict=False))]
            return "| " + " | ".join(cells) + " |"

        out = [f"## {self.title}", "", line(self.header),
               "|" + "|".join(("-" * (w + 1) + ":") if i else ("-" * (w + 2))
                              for i, w in enumerate(widths)) + "|"]
        out += [line(row) for row in self.rows]
        if self.notes:
            out.append("")
            out += self.notes
        return "\n".join(out)


# --------------------------------------------------------------------------- the machine


def cpu_model() -> str:
    """The CPU's model name, core count and widest vector unit, from ``/proc/cpuinfo``."""
    model, flags = platform.processor() or platform.machine(), set()
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                key, _, value = line.partition(":")
                if key.strip() == "model name" and model in ("", platform.machine()):
                    model = value.strip()
                elif key.strip() == "flags" and not flags:
                    flags = set(value.split())
    except OSError:
        pass
    simd = next((s for s in ("avx512f", "avx2", "avx", "sse4_2", "neon") if s in flags), "")
    cores = os.cpu_count()
    caches = []
    for level, index in (("L2", 2), ("L3", 3)):
        try:
            with open(f"/sys/devices/system/cpu/cpu0/cache/index{index}/size") as f:
                caches.append(f"{level} {f.read().strip()}")
        except OSError:
            pass
    return ", ".join(x for x in (model, f"{cores} logical cores", simd, *caches) if x)


def blas_info() -> str:
    """The BLAS numpy runs with: threadpoolctl's view when it is installed, else numpy's build."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        threadpool_info = None
    if threadpool_info is not None:
        pools = [p for p in threadpool_info() if p.get("user_api") == "blas"]
        if pools:
            return "; ".join(
                f"{p.get('internal_api')} {p.get('version')} kernel {p.get('architecture')}, "
                f"{p.get('num_threads')} thread(s) (threadpoolctl)"
                for p in pools
            )
    try:
        blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        return f"{blas.get('name')} {blas.get('version')} (numpy build info; no threadpoolctl)"
    except Exception:  # noqa: BLE001 - only a label
        return "unknown"


def machine_lines() -> list[str]:
    import matplotlib

    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    return [
        f"machine: {cpu_model()}",
        f"python {platform.python_version()}, numpy {np.__version__}, "
        f"matplotlib {matplotlib.__version__}, {sys.platform}",
        f"BLAS: {blas_info()}",
        f"load average (1, 5, 15 min) at start: {load}",
    ]
