"""What every static plot helper shares: a fresh Axes without pyplot, colours, and the marks
for a run that blew up.

The helpers themselves live beside their explorer, one concept per module
(:func:`dlnotes.viz.ewa.plot_ewa`, :func:`dlnotes.viz.optim.plot_contours`, ...), and are all
importable from :mod:`dlnotes.viz`. Each one follows matplotlib's own advice for helper
functions: it takes ``ax=None`` (and makes its own Figure, without pyplot, when none is
given), returns the artists it drew (a ``NamedTuple``, so an explorer can update them in
place), and never calls ``plt.show()``. None of them touches ``rcParams``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure

from .._validation import check_instance
from ._checks import check_pair

__all__ = [
    "COLORS",
    "clip_for_display",
    "finite_length",
    "new_axes",
    "nice_ceiling",
    "new_axes_grid",
]

COLORS: dict[str, str] = {
    # optimizers (the same colour in every figure of the course companion)
    "gd": "tab:gray",
    "momentum": "tab:blue",
    "rmsprop": "tab:green",
    "adam": "tab:red",
    # EWA
    "raw": "0.65",
    "ewa": "tab:blue",
    "corrected": "tab:orange",
    "notes": "tab:red",
    # anything that went wrong
    "diverged": "black",
}
"""Colours shared by the figures, so that Adam is red in every one of them."""


def new_axes(ax: Axes | None = None, *, figsize: tuple[float, float] = (6.0, 4.0)) -> Axes:
    """Return ``ax``, or the single Axes of a new pyplot-free Figure of ``figsize``.

    ``ax`` must be a matplotlib Axes (or None); ``figsize`` is ``(width, height)`` in inches,
    both finite and > 0.

    Examples
    --------
    >>> ax = new_axes()
    >>> type(ax.figure).__name__
    'Figure'
    """
    if ax is not None:
        return check_instance(ax, Axes, "ax")
    if figsize is not None:  # None: matplotlib's default size
        figsize = check_pair(figsize, "figsize", increasing=False)
        if not (figsize[0] > 0 and figsize[1] > 0):
            raise ValueError(f"figsize must be (width, height) in inches, both > 0, got {figsize}")
    fig = Figure(figsize=figsize, layout="constrained")
    return fig.add_subplot()


def new_axes_grid(
    ncols: int, *, figsize: tuple[float, float] = (9.0, 4.0), **gridspec_kw: Any
) -> list[Axes]:
    """``ncols`` Axes side by side on a new pyplot-free Figure (``gridspec_kw`` as matplotlib)."""
    fig = Figure(figsize=figsize, layout="constrained")
    axes = fig.subplots(1, ncols, gridspec_kw=gridspec_kw or None, squeeze=False)
    return list(axes[0])


def finite_length(*arrays: np.ndarray) -> int:
    """How many leading entries (along axis 0) are finite in every array.

    A run that diverged is drawn up to that point, never as a line of NaNs.

    Examples
    --------
    >>> finite_length(np.array([1.0, 2.0, np.inf, 3.0]))
    2
    >>> finite_length(np.array([[0.0, 1.0], [np.nan, 2.0]]), np.array([1.0, 2.0]))
    1
    """
    n = min(len(a) for a in arrays)
    ok = np.ones(n, dtype=bool)
    for a in arrays:
        a = np.asarray(a, dtype=float)[:n]
        ok &= np.isfinite(a.reshape(n, -1)).all(axis=1)
    bad = np.flatnonzero(~ok)
    return int(bad[0]) if bad.size else n


def nice_ceiling(x: float) -> float:
    """The smallest of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 (times a power of ten) >= ``x``.

    An axis limit rounded this way stays put while a slider moves a little, so the explorer
    repaints only its curves (see :meth:`dlnotes.viz.Explorer.animate`).

    Examples
    --------
    >>> nice_ceiling(0.216), nice_ceiling(100.0), nice_ceiling(105.0)
    (0.25, 100.0, 120.0)
    """
    if not np.isfinite(x) or x <= 0:
        return 1.0
    power = 10.0 ** np.floor(np.log10(x))
    for m in (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0):
        if m * power >= x * (1 - 1e-12):
            return float(round(m * power, 12))
    return float(10.0 * power)  # pragma: no cover - the loop always returns


def clip_for_display(y: np.ndarray, low: float, high: float) -> np.ndarray:
    """``y`` with values beyond ``[low, high]`` (and infinities) pinned just outside that band.

    Agg draws a line through 1e300 badly; pinned values still leave the axes the same way,
    as a line that shoots off the top or the bottom of the plot. NaN stays NaN.

    Examples
    --------
    >>> clip_for_display(np.array([1.0, 1e300, -np.inf]), 0.0, 10.0)
    array([  1.,  20., -10.])
    """
    span = high - low
    with np.errstate(invalid="ignore"):
        return np.clip(np.asarray(y, dtype=float), low - span, high + span)


# --------------------------------------------------------------------------- ridge plots
# A stack of histograms, one per layer (layer 1 at the bottom), drawn as one PolyCollection:
# shared by the initialization and the batch-norm explorers.


def _ridge_verts(
    activations: Sequence[np.ndarray], value_range: tuple[float, float], bins: int, drop_zeros: bool
) -> list[np.ndarray]:
    """One closed step outline per layer, layer ``l`` drawn on the baseline ``y = l``.

    Each histogram is scaled to a peak of 0.9 so that a layer whose values all sit in one bin
    (vanished to 0, or saturated) is as visible as a spread-out one.
    """
    lo, hi = value_range
    edges = np.linspace(lo, hi, bins + 1)
    verts = []
    for l, A in enumerate(activations, start=1):  # noqa: E741 - the course's layer index
        a = np.asarray(A, dtype=np.float64).ravel()
        if drop_zeros and np.any(a != 0.0):
            a = a[a != 0.0]
        counts = np.histogram(np.clip(a, lo, hi), bins=edges)[0].astype(np.float64)
        peak = counts.max() if counts.size and counts.max() > 0 else 1.0
        h = 0.9 * counts / peak
        x = np.repeat(edges, 2)
        y = np.concatenate([[0.0], np.repeat(h, 2), [0.0]])
        verts.append(np.column_stack([x, y + l]))
    return verts


def _ridge_colors(n: int) -> np.ndarray:
    from matplotlib import colormaps

    return colormaps["viridis"](np.linspace(0.1, 0.85, max(n, 1)))


def _ridge_limits(
    ax: Axes,
    n_layers: int,
    value_range: tuple[float, float],
    *,
    xpad: float = 0.0,
    max_ticks: int | None = None,
) -> None:
    """The x range (widened by ``xpad`` times its width on each side) and one row per layer.

    With ``max_ticks`` the layer ticks are thinned to at most about that many.
    """
    lo, hi = value_range
    pad = xpad * (hi - lo)
    ax.set_xlim(lo - pad, hi + pad)
    ax.set_ylim(0.8, n_layers + 1.05)
    step = 1 if max_ticks is None else max(1, int(np.ceil(n_layers / max_ticks)))
    ax.set_yticks(np.arange(1, n_layers + 1, step))


def _ridge(
    ax: Axes,
    verts: Sequence[np.ndarray],
    value_range: tuple[float, float],
    *,
    xpad: float = 0.0,
    max_ticks: int | None = None,
) -> PolyCollection:
    """Draw the outlines ``verts`` (:func:`_ridge_verts`) on ``ax`` and set its limits.

    Returns the :class:`~matplotlib.collections.PolyCollection`, one polygon per layer.
    """
    polys = PolyCollection(
        verts, facecolors=_ridge_colors(len(verts)), edgecolors="0.2", linewidths=0.6, alpha=0.85
    )
    ax.add_collection(polys)
    _ridge_limits(ax, len(verts), value_range, xpad=xpad, max_ticks=max_ticks)
    return polys
