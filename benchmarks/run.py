"""Benchmarks of dlnotes: ``make bench`` prints the figures a user feels, one table per section.

    .venv/bin/python benchmarks/run.py                   # everything, a few minutes
    .venv/bin/python benchmarks/run.py --quick           # fewer repeats, under ~1 min
    .venv/bin/python benchmarks/run.py --only training   # one section (or several)

Sections (``SECTIONS`` below; adding one is one line there): ``explorers`` (build time, and
control change -> redraw under Agg), ``notebooks`` (headless execution, per notebook),
``networks`` (the week notebooks' training calls), ``training`` (dlnotes.nn against the course
assignment's loop; the batched sweep against the loop of trainings). No assertion anywhere:
the targets are printed as PASS/FAIL.

The process is set up before numpy is imported:

- numpy's BLAS and OpenMP get one thread (``OPENBLAS_NUM_THREADS=1``, ``OMP_NUM_THREADS=1``,
  ...): timings are one thread against one thread, whatever the machine.
  The notebooks' kernels, separate processes, get the environment this script was given.
- ``OPENBLAS_CORETYPE`` and ``OPENBLAS_L2_SIZE``, which some machines set to work around an
  old OpenBLAS, slow a current one down: when they are set the script starts itself again
  without both (in this process only; ``--keep-openblas-env`` keeps them). The BLAS kernel
  actually used is printed at the top.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

THREAD_VARIABLES = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS",
                    "BLIS_NUM_THREADS", "VECLIB_MAXIMUM_THREADS", "NUMEXPR_NUM_THREADS")
OPENBLAS_WORKAROUNDS = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
_UNSET_MARK = "DLNOTES_BENCH_UNSET"


def _restart_without_openblas_workarounds() -> None:
    """Exec this script again without OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE, if they are set."""
    if "--keep-openblas-env" in sys.argv or _UNSET_MARK in os.environ:
        return
    found = {k: os.environ[k] for k in OPENBLAS_WORKAROUNDS if k in os.environ}
    if not found:
        return
    env = {k: v for k, v in os.environ.items() if k not in OPENBLAS_WORKAROUNDS}
    env[_UNSET_MARK] = " ".join(f"{k}={v}" for k, v in found.items())
    sys.stdout.flush()
    os.execve(sys.executable, [sys.executable, *sys.argv], env)


if __name__ == "__main__":
    _restart_without_openblas_workarounds()
    ORIGINAL_THREADS = {k: os.environ.get(k) for k in THREAD_VARIABLES}
    for _k in THREAD_VARIABLES:
        os.environ[_k] = "1"
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import argparse  # noqa: E402 - after the environment is set, numpy comes in below
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from typing import Any  # noqa: E402


def _explorers(args: argparse.Namespace, env: dict) -> Any:
    from benchmarks import explorers

    return explorers.run(rounds=1 if args.quick else 4)


def _notebooks(args: argparse.Namespace, env: dict) -> Any:
    from benchmarks import notebooks

    return notebooks.run(env=env)


def _networks(args: argparse.Namespace, env: dict) -> Any:
    from benchmarks import networks

    return networks.run(repeats=1, scale=0.2) if args.quick else networks.run()


def _checker(args: argparse.Namespace, env: dict) -> Any:
    from benchmarks import checker

    return checker.run(repeats=1 if args.quick else 3)


def _browser(args: argparse.Namespace, env: dict) -> Any:
    from benchmarks import browser

    return browser.run(moves=16)


def _training(args: argparse.Namespace, env: dict) -> Any:
    from benchmarks import training

    if args.quick:
        return training.run(iterations=300, sweep_iterations=60, minibatch_epochs=10, repeats=1)
    return training.run()


SECTIONS: dict[str, Callable[[argparse.Namespace, dict], Any]] = {
    "explorers": _explorers,
    "notebooks": _notebooks,
    "networks": _networks,
    "training": _training,
    "checker": _checker,
    "browser": _browser,
}
"""Section name -> ``run(args, notebook_env)`` returning a :class:`benchmarks.common.Section`."""


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="fewer repeats and iterations (notebooks skipped unless --only)")
    parser.add_argument("--only", action="append", choices=list(SECTIONS), metavar="SECTION",
                        help=f"run only this section (repeatable): {', '.join(SECTIONS)}")
    parser.add_argument("--keep-openblas-env", action="store_true",
                        help="keep OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE if the machine sets them")
    return parser.parse_args(argv)


def header_lines(original_threads: dict[str, str | None]) -> list[str]:
    from benchmarks.common import machine_lines

    lines = ["# dlnotes benchmarks", ""] + [f"- {line}" for line in machine_lines()]
    unset = os.environ.get(_UNSET_MARK)
    if unset:
        lines.append(f"- this machine sets {unset}; unset for this run (they slow a current "
                     f"OpenBLAS; --keep-openblas-env keeps them)")
    else:
        kept = [f"{k}={os.environ[k]}" for k in OPENBLAS_WORKAROUNDS if k in os.environ]
        if kept:
            lines.append(f"- kept: {' '.join(kept)}")
    given = ", ".join(f"{k}={v}" for k, v in original_threads.items() if v is not None)
    lines.append(f"- this process: {', '.join(f'{k}=1' for k in THREAD_VARIABLES[:2])} "
                 f"(one thread); notebook kernels: {given or 'the default thread count'}")
    return lines


def main(
    argv: list[str] | None = None, original_threads: dict[str, str | None] | None = None
) -> int:
    args = parse_args(argv)
    original_threads = original_threads or {}
    chosen = args.only or [s for s in SECTIONS
                          if not (args.quick and s in ("notebooks", "browser"))]
    start = time.perf_counter()
    print("\n".join(header_lines(original_threads)), flush=True)
    if args.quick:
        print("- --quick: fewer repeats and iterations, same sizes; notebooks skipped unless "
              "--only notebooks", flush=True)

    for name, run_section in SECTIONS.items():
        if name not in chosen:
            continue
        t0 = time.perf_counter()
        section = run_section(args, original_threads)
        print("\n" + section.render(), flush=True)
        print(f"\n({name}: {time.perf_counter() - t0:.0f} s)", flush=True)
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    print(f"\ntotal {time.perf_counter() - start:.0f} s; load average at the end: {load}")
    return 0


if __name__ == "__main__":
    sys.exit(main(original_threads=ORIGINAL_THREADS))
