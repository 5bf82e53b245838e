"""Notebook time: wall time to execute each week notebook headless, as CI's nbval does.

Every ``notebooks/*.ipynb`` is executed by nbclient in a fresh kernel, from a copy of the
``notebooks/`` folder in a temporary directory (so files a notebook writes land there); the
executed notebook is thrown away and the committed ones are never touched. The time counts
the kernel's start. The slowest cell is named from nbclient's own per-cell timestamps.
Target (issue 7): all the week notebooks under 60 s together.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from time import perf_counter
from typing import Any

from .common import Section

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
TARGET_TOTAL = 60.0


@contextmanager
def environment(overrides: Mapping[str, str | None]) -> Any:
    """Set (or, with None, remove) environment variables for the kernels started inside."""
    saved = {k: os.environ.get(k) for k in overrides}
    try:
        for k, v in overrides.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _seconds(start: str | None, end: str | None) -> float:
    if not start or not end:
        return 0.0
    parse = datetime.fromisoformat
    return (parse(end.replace("Z", "+00:00")) - parse(start.replace("Z", "+00:00"))).total_seconds()


def slowest_cell(nb: Any) -> tuple[int, float, str]:
    """``(index, seconds, first line)`` of the longest code cell, from nbclient's timestamps."""
    best = (-1, 0.0, "")
    for i, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        timing = cell.get("metadata", {}).get("execution", {})
        dt = _seconds(timing.get("iopub.execute_input"), timing.get("shell.execute_reply"))
        if dt > best[1]:
            first = next((line for line in cell.source.splitlines() if line.strip()), "")
            best = (i, dt, first.strip()[:50])
    return best


def execute(path: Path, workdir: Path, *, timeout: int = 600) -> dict[str, Any]:
    """Execute one notebook (read from ``path``) with ``workdir`` as the kernel's directory."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(workdir)}})
    error = None
    t0 = perf_counter()
    try:
        client.execute(stderr=subprocess.DEVNULL)  # the kernel's log, not the cells' output
    except CellExecutionError as exc:
        error = str(exc).strip().splitlines()[-1][:80] if str(exc).strip() else repr(exc)
    except Exception as exc:  # noqa: BLE001 - a kernel that dies is reported, not raised
        error = repr(exc)[:80]
    wall = perf_counter() - t0
    n_code = sum(c.cell_type == "code" for c in nb.cells)
    return dict(wall=wall, cells=n_code, slowest=slowest_cell(nb), error=error)


def run(
    *, paths: Sequence[Path] | None = None, env: Mapping[str, str | None] | None = None,
    timeout: int = 600,
) -> Section:
    """Execute every notebook (``notebooks/*.ipynb`` unless ``paths`` is given), in turn."""
    if paths is None:
        paths = sorted(NOTEBOOKS.glob("*.ipynb"))
    paths = [Path(p) for p in paths]
    section = Section(
        "Notebook time (headless execution, nbclient, fresh kernel each)",
        ["notebook", "code cells", "wall s", "slowest cell (s)", "status"],
    )
    if not paths:
        section.notes.append(f"no notebook found in {NOTEBOOKS}")
        section.data["total"] = 0.0
        return section
    total = 0.0
    with tempfile.TemporaryDirectory(prefix="dlnotes-bench-") as tmp, environment(env or {}):
        for path in paths:
            workdir = Path(tmp) / path.parent.name
            if not workdir.exists():
                shutil.copytree(path.parent, workdir,
                                ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
            res = execute(workdir / path.name, workdir, timeout=timeout)
            total += res["wall"]
            i, dt, first = res["slowest"]
            section.add(path.name, res["cells"], f"{res['wall']:.1f}",
                        f"#{i} {first!r} ({dt:.1f})" if i >= 0 else "-",
                        "ok" if res["error"] is None else f"ERROR {res['error']}")
            section.data[path.name] = res
    verdict = "PASS" if total < TARGET_TOTAL else "FAIL"
    section.add("total", "", f"{total:.1f}", f"target < {TARGET_TOTAL:.0f} s", verdict)
    section.data["total"] = total
    return section
