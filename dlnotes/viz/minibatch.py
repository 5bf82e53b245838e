r"""Batch, mini-batch and stochastic gradient descent, drawn: :func:`plot_cost_curves` and
:func:`minibatch_explorer`.

The curves are :func:`dlnotes.experiments.cost_curves` (the course's mini-batch loop, recording
the cost of *every* mini-batch) and :mod:`dlnotes.ewa` smooths them. They run once per
explorer; the slider then picks among the precomputed curves.

Left: the cost :math:`J^{\{t\}}` of each mini-batch against the iteration :math:`t` for the
chosen size, noisy for small batches, with its bias-corrected EWA (week 2) and the cost on
the whole training set. Right: the whole-set cost against the number of epochs (passes over
the data, log scale) for every size: small batches make progress long before batch gradient
descent has finished its first few steps.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from matplotlib import colormaps
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.text import Text

from .._validation import (
    ArgumentTypeError,
    check_choice,
    check_flag,
    check_int,
    check_rng,
    describe,
)
from ..ewa import ewa
from ..experiments import CostCurve, cost_curves
from ._explorer import Explorer, checkbox, choose_backend, float_slider, selection_slider
from .plots import new_axes

__all__ = [
    "minibatch_explorer",
    "plot_cost_curves",
]


def _label(size: int, m: int) -> str:
    if size >= m:
        return f"{size} = m (batch)"
    if size == 1:
        return "1 (stochastic)"
    return f"{size} (mini-batch)"


_PALETTE = ("black", "tab:purple", "tab:blue", "tab:orange", "tab:green", "tab:brown",
            "tab:pink", "tab:olive")


def _colors(sizes: Sequence[int]) -> dict[int, Any]:
    """Largest batch first: black for batch gradient descent, green for stochastic."""
    ordered = sorted(sizes, reverse=True)
    if len(ordered) <= len(_PALETTE):
        palette = list(_PALETTE[: len(ordered) - 1]) + ["tab:green"]
        if len(ordered) == 1:
            palette = ["black"]
        return dict(zip(ordered, palette, strict=True))
    cmap = colormaps["viridis"]
    return {s: cmap(0.85 * i / (len(ordered) - 1)) for i, s in enumerate(ordered)}


def plot_cost_curves(
    curves: Mapping[int, CostCurve],
    ax: Axes | None = None,
    *,
    kind: str = "full",
    highlight: int | None = None,
    legend: bool = True,
) -> dict[int, Line2D]:
    r"""Draw the cost curves of :func:`cost_curves`, one line per mini-batch size.

    Parameters
    ----------
    curves : mapping of int to CostCurve
        From :func:`cost_curves`.
    ax : matplotlib Axes, optional
        Where to draw; a new pyplot-free Figure if None.
    kind : {"full", "minibatch"}, default "full"
        ``"full"``: the whole-training-set cost against epochs (log x axis).
        ``"minibatch"``: the cost of each mini-batch against the iteration.
    highlight : int, optional
        A size drawn bold; the others are drawn faint.
    legend : bool, default True
        Add a legend.

    Returns
    -------
    dict of int to Line2D
        One line per size.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.experiments import cost_curves
    >>> curves = cost_curves(sizes=[64, 1], iterations=10, rng=np.random.default_rng(1))
    >>> lines = plot_cost_curves(curves, highlight=1)
    >>> sorted(lines), lines[1].get_linewidth() > lines[64].get_linewidth()
    ([1, 64], True)
    """
    curves = _check_curves(curves)
    kind = check_choice(kind, "kind", ("full", "minibatch"))
    if highlight is not None:
        check_choice(highlight, "highlight (a batch size of curves)", sorted(curves))
    check_flag(legend, "legend")
    ax = new_axes(ax)
    colors = _colors(list(curves))
    m = max(curves)
    lines = {}
    for size, curve in curves.items():
        x, y = ((curve.epoch, curve.full) if kind == "full"
                else (np.arange(1, len(curve.minibatch) + 1), curve.minibatch))
        (lines[size],) = ax.plot(x, y, color=colors[size], label=_label(size, m))
        _emphasize(lines[size], highlight is None or size == highlight)
    if kind == "full":
        ax.set_xscale("log")
        ax.set(xlabel="epochs (passes over the training set)",
               ylabel="cost on the whole training set")
    else:
        ax.set(xlabel=r"iteration $t$", ylabel=r"mini-batch cost $J^{\{t\}}$")
    if legend:
        ax.legend(fontsize=8, title="mini-batch size", title_fontsize=8)
    return lines


def _check_curves(curves: Any) -> Mapping[int, CostCurve]:
    """The non-empty dict of :func:`cost_curves`: a batch size (int >= 1) -> its CostCurve."""
    if not isinstance(curves, Mapping) or not curves:
        raise ArgumentTypeError(
            f"curves must be the non-empty dict from cost_curves() (batch size -> "
            f"CostCurve), got {describe(curves)}"
        )
    for size, curve in curves.items():
        check_int(size, "a batch size (key) of curves", minimum=1)
        if not isinstance(curve, CostCurve):
            raise ArgumentTypeError(
                f"curves[{size!r}] must be a CostCurve (from cost_curves()), got {describe(curve)}"
            )
    return curves


def _emphasize(line: Line2D, on: bool, width: float = 2.2) -> None:
    line.set_linewidth(width if on else 1.0)
    line.set_alpha(1.0 if on else 0.3)
    line.set_zorder(3 if on else 2)


class MinibatchExplorer(Explorer):
    """Mini-batch size -> the cost curves; see :func:`minibatch_explorer`."""

    name = "mini-batch explorer"
    columns = 3

    def __init__(self, curves: Mapping[int, CostCurve] | None = None, *,
                 batch_size: int | None = None, compare: bool = False,
                 smoothing: float = 0.9, rng: np.random.Generator | None = None,
                 backend: str = "auto") -> None:
        if curves is not None:
            _check_curves(curves)
        if rng is not None:
            check_rng(rng)
        choose_backend(backend)
        self.curves = dict(cost_curves(rng=rng) if curves is None else curves)
        self.m = max(self.curves)
        sizes = sorted(self.curves, reverse=True)
        size = (64 if 64 in self.curves else sizes[len(sizes) // 2]) if batch_size is None \
            else batch_size
        controls = {
            "batch_size": selection_slider(
                "mini-batch size", [(_label(s, self.m), s) for s in sizes], size,
                arg="batch_size"),
            "smoothing": float_slider("EWA β (smoothing)", smoothing, 0.0, 0.99, 0.01,
                                      fmt=".2f", arg="smoothing"),
            "compare": checkbox("show the other sizes", compare, arg="compare"),
        }
        super().__init__(controls, backend=backend)

    def _build(self) -> None:
        ax_it, ax_ep = self.figure.subplots(1, 2)
        self.ax_iteration, self.ax_epoch = ax_it, ax_ep
        self.iteration_lines = plot_cost_curves(self.curves, ax_it, kind="minibatch",
                                                legend=False)
        colors = _colors(list(self.curves))
        first = next(iter(self.curves.values()))
        t = np.arange(1, len(first.minibatch) + 1)
        (self.smooth,) = ax_it.plot(t, first.minibatch, color="black", lw=1.6,
                                    label="EWA of $J^{\\{t\\}}$ (bias-corrected)", zorder=4)
        (self.full,) = ax_it.plot(t, first.full, "--", color="tab:red", lw=1.4,
                                  label="cost on the whole training set", zorder=4)
        # a single example's cost can spike far above the rest: let those spikes leave the top
        top = max(float(np.percentile(c.minibatch, 98)) for c in self.curves.values())
        ax_it.set(xlim=(0, len(t)), ylim=(0, 1.2 * top))
        ax_it.legend(handles=[self.smooth, self.full], fontsize=8, loc="upper right")
        self.caption: Text = ax_it.set_title("", fontsize=10)
        self.epoch_lines = plot_cost_curves(self.curves, ax_ep, kind="full")
        ax_ep.set_title("progress per pass over the data", fontsize=10)
        self._colors = colors
        # the right legend sits in the empty lower left (small epochs, low cost) and stays static
        ax_ep.get_legend().set_loc("lower left")
        self.animate(*self.iteration_lines.values(), self.smooth, self.full, self.caption,
                     ax_it.get_legend(), *self.epoch_lines.values())

    def _update(self, values: Mapping[str, Any], changed: frozenset[str]) -> None:
        size = values["batch_size"]
        curve = self.curves[size]
        for s, line in self.iteration_lines.items():
            line.set_visible(s == size or bool(values["compare"]))
            _emphasize(line, s == size, width=1.2)
        for s, line in self.epoch_lines.items():
            _emphasize(line, s == size)
        self.smooth.set_ydata(ewa(curve.minibatch, float(values["smoothing"]),
                                  bias_correction=True))
        self.full.set_ydata(curve.full)
        per_epoch = int(np.ceil(self.m / size))
        self.caption.set_text(
            f"size {size}: {per_epoch} step{'s' if per_epoch > 1 else ''} per epoch, "
            f"{len(curve.minibatch)} steps = {curve.epoch[-1]:.3g} epochs"
        )


def minibatch_explorer(
    curves: Mapping[int, CostCurve] | None = None,
    *,
    batch_size: int | None = None,
    compare: bool = False,
    smoothing: float = 0.9,
    rng: np.random.Generator | None = None,
    backend: str = "auto",
) -> MinibatchExplorer:
    r"""Pick a mini-batch size and see how noisy, and how fast, its cost curve is.

    Parameters
    ----------
    curves : mapping of int to CostCurve, optional
        Precomputed by :func:`cost_curves` (which runs by default: about a second).
    batch_size : int, optional
        The size chosen at first; 64 if available.
    compare : bool, default False
        Also draw the other sizes' mini-batch costs, faint, on the left.
    smoothing : float, default 0.9
        :math:`\beta` of the EWA drawn through the noisy costs.
    rng : numpy.random.Generator, optional
        Passed to :func:`cost_curves` when ``curves`` is None.
    backend : {"auto", "ipympl", "image", "agg"}
        See :mod:`dlnotes.viz._explorer`.

    Returns
    -------
    MinibatchExplorer
        ``.controls`` (``"batch_size"``, ``"smoothing"``, ``"compare"``), ``.figure``,
        ``.widget``; ``.curves`` holds the precomputed :class:`CostCurve` by size.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.experiments import cost_curves
    >>> curves = cost_curves(sizes=[64, 16], iterations=30, rng=np.random.default_rng(2))
    >>> ex = minibatch_explorer(curves)
    >>> ex.controls["batch_size"].value
    64
    """
    return MinibatchExplorer(curves, batch_size=batch_size, compare=compare,
                             smoothing=smoothing, rng=rng, backend=backend)
