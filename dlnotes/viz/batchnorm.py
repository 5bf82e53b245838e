r"""Batch-norm explorer: the distributions of Z layer by layer during training, with and without BN.

Two copies of the same network (same initial weights, same mini-batches, same optimizer) are
trained on a subset of the 8x8 digits, one with batch norm in every hidden layer and one
without (:func:`dlnotes.nn.train`, ``batchnorm=True/False``). After every epoch the explorer
records, on a fixed probe batch of training examples, what enters each hidden layer's
activation: :math:`Z^{[l]}` without batch norm, :math:`\tilde Z^{[l]} = \gamma z_{norm} + \beta`
with it, and keeps the parameters and running statistics.

It shows (the slider picks an epoch):

- the histogram of each layer's input to the activation at that epoch;
- their mean and standard deviation over the epochs: without batch norm they drift as the
  earlier layers learn (the "covariate shift" the lecture describes); with it the panel shows
  :math:`\tilde Z^{[l]}`, normalized by construction (mean :math:`\beta`, std :math:`|\gamma|`),
  so its steadiness is the definition, not evidence (the training curves are the evidence);
- the cost per epoch of both networks;
- *train mode against inference mode*: the probability of the true class for a batch of dev
  examples, computed with that batch's own mean and variance (training mode) and with the
  running averages (inference mode, :func:`dlnotes.batchnorm.batchnorm_inference`). With a
  small batch, or early in training when the exponentially weighted running averages still
  lag, they differ; without batch norm they are the same network.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import FillBetweenPolyCollection, PathCollection
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from .._validation import check_choice, check_int, check_positive, check_same_shape
from ..datasets import load_digits
from ..experiments import train_recording, true_class_probability
from ..optim import GradientDescent
from ._checks import check_bins, check_layers, check_optional_real, check_pair, check_values
from ._explorer import (
    Explorer,
    check_int_list,
    check_seed,
    checkbox,
    choose_backend,
    int_slider,
    selection_slider,
)
from .init import RidgeArtists
from .plots import _ridge, _ridge_colors, _ridge_verts, new_axes

__all__ = [
    "batchnorm_explorer",
    "plot_bn_distributions",
    "plot_layer_stats",
    "plot_train_vs_inference",
]

RUN_COLORS = {False: "tab:gray", True: "tab:purple"}
RUN_LABELS = {False: "without batch norm", True: "with batch norm"}


# --------------------------------------------------------------------------- plot helpers


def plot_bn_distributions(
    Z: Sequence[np.ndarray],
    ax: Axes | None = None,
    *,
    value_range: tuple[float, float] = (-4.0, 4.0),
    bins: int = 40,
) -> RidgeArtists:
    r"""Histogram of each hidden layer's pre-activation, stacked (layer 1 at the bottom).

    Parameters
    ----------
    Z : sequence of ndarray
        ``[Z1, Z2, ...]`` (or the batch-normalized :math:`\tilde Z^{[l]}`), each ``(n_l, m)``,
        finite.
    ax : matplotlib Axes, optional
        By default a new :class:`~matplotlib.figure.Figure` (no pyplot).
    value_range : (float, float)
        The x range, low < high; values outside go to the end bins.
    bins : int, default 40
        1 to 10,000.

    Returns
    -------
    RidgeArtists
        ``(polygons,)``, one polygon per layer, each scaled to the same height.
    """
    Z = check_layers(Z, "Z")
    value_range = check_pair(value_range, "value_range")
    bins = check_bins(bins)
    ax = new_axes(ax, figsize=(5.0, 4.0))
    polys = _ridge(ax, _ridge_verts(Z, value_range, bins, drop_zeros=False), value_range)
    ax.set_ylabel("hidden layer $l$")
    ax.set_xlabel("input to the activation, $Z^{[l]}$ or $\\tilde Z^{[l]}$")
    return RidgeArtists(polys)


class LayerStatsArtists(NamedTuple):
    """Per layer: the mean over the epochs, and a band of plus or minus one std around it."""

    means: list[Line2D]
    bands: list[FillBetweenPolyCollection]
    epoch: Line2D
    """A vertical line at the chosen epoch."""


def plot_layer_stats(
    epochs: np.ndarray,
    means: np.ndarray,
    stds: np.ndarray,
    ax: Axes | None = None,
    *,
    epoch: int | None = None,
) -> LayerStatsArtists:
    r"""Mean and standard deviation of each layer's pre-activations, epoch by epoch.

    Parameters
    ----------
    epochs : ndarray, shape (E,)
    means, stds : ndarray, shape (E, L-1)
        Over all units and probe examples of each hidden layer, after each epoch; finite
        (a training that diverged has no statistics to show), ``stds >= 0``.
    ax : matplotlib Axes, optional
    epoch : int, optional
        Draw a vertical line there.

    Returns
    -------
    LayerStatsArtists
        ``(means, bands, epoch)``.
    """
    epochs = check_values(epochs, "epochs")
    means = check_values(means, "means", ndim=2, length=epochs.size)
    stds = check_values(stds, "stds", ndim=2, length=epochs.size, low=0.0)
    check_same_shape(means, stds, "means", "stds")
    check_optional_real(epoch, "epoch")
    ax = new_axes(ax, figsize=(5.0, 4.0))
    colors = _ridge_colors(means.shape[1])
    lines, bands = [], []
    for l in range(means.shape[1]):  # noqa: E741 - the course's layer index
        m, s = means[:, l], stds[:, l]
        bands.append(ax.fill_between(epochs, m - s, m + s, color=colors[l], alpha=0.2, lw=0))
        (line,) = ax.plot(epochs, m, color=colors[l], lw=1.8, label=f"layer {l + 1}")
        lines.append(line)
    marker = ax.axvline(epochs[0] if epoch is None else epoch, color="k", lw=1, ls=":")
    marker.set_visible(epoch is not None)
    ax.set_xlabel("epoch")
    ax.set_ylabel("mean $\\pm$ std")
    return LayerStatsArtists(lines, bands, marker)


def _update_layer_stats(artists: LayerStatsArtists, epochs, means, stds, epoch: int) -> None:
    for l, (line, band) in enumerate(zip(artists.means, artists.bands, strict=True)):  # noqa: E741
        line.set_data(epochs, means[:, l])
        band.set_data(epochs, means[:, l] - stds[:, l], means[:, l] + stds[:, l])
    artists.epoch.set_xdata([epoch, epoch])
    artists.epoch.set_visible(True)


class ModeArtists(NamedTuple):
    """What :func:`plot_train_vs_inference` draws."""

    points: PathCollection
    diagonal: Line2D


def plot_train_vs_inference(
    p_inference: np.ndarray, p_train: np.ndarray, ax: Axes | None = None
) -> ModeArtists:
    r"""Each example's output in inference mode (x) against training mode (y).

    Parameters
    ----------
    p_inference : ndarray, shape (m,)
        E.g. the probability of the true class with batch norm's running statistics; in
        [0, 1].
    p_train : ndarray, shape (m,)
        The same with the statistics of the batch the example came in.
    ax : matplotlib Axes, optional

    Returns
    -------
    ModeArtists
        ``(points, diagonal)``; on the diagonal the two modes agree.
    """
    p_inference = check_values(p_inference, "p_inference", nonempty=False, low=0.0, high=1.0)
    p_train = check_values(p_train, "p_train", nonempty=False, low=0.0, high=1.0)
    check_same_shape(p_inference, p_train, "p_inference", "p_train")
    ax = new_axes(ax, figsize=(4.0, 4.0))
    (diagonal,) = ax.plot([0, 1], [0, 1], color="0.6", lw=1, zorder=1)
    points = ax.scatter(
        p_inference, p_train, s=18, color="tab:purple", edgecolors="k", linewidths=0.4, zorder=3
    )
    ax.set_xlim(-0.03, 1.03)
    ax.set_ylim(-0.03, 1.03)
    ax.set_xlabel("inference mode: running $\\mu$, $\\sigma^2$")
    ax.set_ylabel("training mode: the batch's $\\mu$, $\\sigma^2$")
    return ModeArtists(points, diagonal)


# --------------------------------------------------------------------------- training


# --------------------------------------------------------------------------- explorer


class BatchNormExplorer(Explorer):
    """With and without batch norm, epoch by epoch; see :func:`batchnorm_explorer`."""

    name = "batch-norm explorer"
    figsize = (10.0, 6.4)
    columns = 3

    def __init__(
        self,
        *,
        hidden: Sequence[int] = (32, 32, 32),
        m_train: int = 600,
        m_dev: int = 300,
        m_probe: int = 256,
        epochs: int = 20,
        learning_rate: float = 0.05,
        mini_batch_size: int = 64,
        batch_sizes: Sequence[int] = (2, 8, 32, 128),
        hidden_activation: str = "relu",
        seed: int = 0,
        backend: str = "auto",
    ) -> None:
        digits = load_digits()
        n_digits = digits.X.shape[1]
        hidden = check_int_list(hidden, "hidden", minimum=1)
        m_train = check_int(m_train, "m_train", minimum=2, maximum=n_digits - 1)
        m_dev = check_int(m_dev, "m_dev", minimum=1, maximum=n_digits - m_train)
        m_probe = check_int(m_probe, "m_probe", minimum=1, maximum=m_train)
        epochs = check_int(epochs, "epochs", minimum=1)
        learning_rate = check_positive(learning_rate, "learning_rate")
        mini_batch_size = check_int(mini_batch_size, "mini_batch_size", minimum=1)
        batch_sizes = check_int_list(batch_sizes, "batch_sizes", minimum=1, maximum=m_dev)
        hidden_activation = check_choice(hidden_activation, "hidden_activation", ("relu", "tanh"))
        seed = check_seed(seed)
        choose_backend(backend)
        order = np.random.default_rng(seed).permutation(n_digits)
        train, dev = order[:m_train], order[m_train: m_train + m_dev]
        X, Y = digits.X[:, train], digits.Y[:, train]
        self.X_dev, self.Y_dev = digits.X[:, dev], digits.Y[:, dev]
        self.hidden_activation = hidden_activation
        self.layer_dims = [X.shape[0], *hidden, Y.shape[0]]
        self.batch_sizes = batch_sizes
        X_probe = X[:, :m_probe]
        self.runs = {
            bn: train_recording(
                X, Y, self.layer_dims, X_probe, batchnorm=bn, rng=np.random.default_rng(seed),
                optimizer=GradientDescent(learning_rate), epochs=epochs,
                mini_batch_size=mini_batch_size, data_rng=np.random.default_rng(seed + 1),
                hidden_activation=hidden_activation, X_dev=self.X_dev, Y_dev=self.Y_dev,
            )
            for bn in (False, True)
        }
        self.epochs = np.arange(1, epochs + 1)
        self._modes: dict[tuple[bool, int, int], tuple[np.ndarray, np.ndarray]] = {}
        every = np.concatenate([Z.ravel() for run in self.runs.values() for e in run.inputs
                                for Z in e])
        top = float(np.percentile(np.abs(every), 99.5))
        self.value_range = (-top, top)
        controls = {
            "batchnorm": checkbox("batch norm", True),
            "epoch": int_slider("epoch", epochs, 1, epochs),
            "batch_size": selection_slider("batch size (train mode)", self.batch_sizes,
                                           self.batch_sizes[min(1, len(self.batch_sizes) - 1)]),
        }
        super().__init__(controls, backend=backend)

    def _build(self) -> None:
        fig = self.figure
        (self.ax_hist, self.ax_stats), (self.ax_cost, self.ax_mode) = fig.subplots(2, 2)
        run = self.runs[True]
        self.ridge = plot_bn_distributions(run.inputs[0], self.ax_hist,
                                           value_range=self.value_range)
        self.ax_hist.set_title(" ", fontsize=10)
        self.stats = plot_layer_stats(self.epochs, run.means, run.stds, self.ax_stats, epoch=1)
        self.ax_stats.legend(fontsize=8, loc="upper left", ncols=3)
        self.ax_stats.set_title(" ", fontsize=10)
        stack = np.concatenate([np.r_[r.means - r.stds, r.means + r.stds].ravel()
                                for r in self.runs.values()])
        pad = 0.05 * (stack.max() - stack.min())
        self.ax_stats.set_ylim(stack.min() - pad, stack.max() + 0.25 * (stack.max() - stack.min()))
        self.cost_lines = {}
        for bn, r in self.runs.items():
            (self.cost_lines[bn],) = self.ax_cost.plot(
                self.epochs, r.model.history.cost, color=RUN_COLORS[bn], lw=1.8,
                label=RUN_LABELS[bn],
            )
        self.cost_marks = {
            bn: self.ax_cost.plot([], [], "o", ms=7, color=RUN_COLORS[bn], mec="k")[0]
            for bn in self.runs
        }
        self.ax_cost.set_ylim(bottom=0)
        self.ax_cost.set_xlabel("epoch")
        self.ax_cost.xaxis.set_major_locator(MaxNLocator(integer=True))
        self.ax_stats.xaxis.set_major_locator(MaxNLocator(integer=True))
        self.ax_cost.set_ylabel("training cost $J$")
        self.ax_cost.legend(fontsize=8, loc="upper right")
        self.ax_cost.set_title("training curves (same data, weights, steps)", fontsize=10)
        self.mode = plot_train_vs_inference(np.zeros(1), np.zeros(1), self.ax_mode)
        self.ax_mode.set_title(" ", fontsize=10)
        self.mode_text = self.ax_mode.text(
            0.03, 0.97, "", transform=self.ax_mode.transAxes, ha="left", va="top", fontsize=8,
            bbox={"boxstyle": "round", "fc": "white", "ec": "0.8", "alpha": 0.9},
        )
        # Only these change with the controls (the limits are fixed): redraws can blit them.
        self.animate(
            self.ridge, self.stats.bands, self.stats.means, self.stats.epoch,
            self.cost_marks.values(), self.mode.points, self.mode_text,
            [ax.title for ax in (self.ax_hist, self.ax_stats, self.ax_mode)],
            self.ax_stats.get_legend(),
        )

    def mode_outputs(self, bn: bool, epoch: int, batch_size: int) -> tuple[np.ndarray, np.ndarray]:
        """Probability of the true class of the dev examples, inference and training mode.

        Training mode runs the dev set in consecutive batches of ``batch_size``, each
        normalized with its own statistics.
        """
        params, stats = self.runs[bn].snapshots[epoch - 1]
        n = (self.X_dev.shape[1] // batch_size) * batch_size
        X, Y = self.X_dev[:, :n], self.Y_dev[:, :n]
        act = self.hidden_activation
        p_inf = true_class_probability(params, X, Y, hidden_activation=act,
                                       batchnorm_stats=stats if bn else None)
        p_train = np.concatenate([
            true_class_probability(params, X[:, i: i + batch_size], Y[:, i: i + batch_size],
                                   hidden_activation=act)
            for i in range(0, n, batch_size)
        ])
        return p_inf, p_train

    def _update(self, values: Mapping[str, Any], changed: frozenset[str]) -> None:
        bn, epoch, b = bool(values["batchnorm"]), int(values["epoch"]), values["batch_size"]
        run = self.runs[bn]
        self.ridge.polygons.set_verts(
            _ridge_verts(run.inputs[epoch - 1], self.value_range, 40, drop_zeros=False)
        )
        self.ridge.polygons.set_facecolor(_ridge_colors(len(run.inputs[epoch - 1])))
        # plain Unicode, not mathtext: a title that changes with the epoch is parsed anew
        what = "Z\u0303^[l] (after BN)" if bn else "Z^[l]"
        self.ax_hist.set_title(f"{RUN_LABELS[bn]}: {what} after epoch {epoch}", fontsize=10)
        _update_layer_stats(self.stats, self.epochs, run.means, run.stds, epoch)
        self.ax_stats.set_title(f"{RUN_LABELS[bn]}: {what} on the probe batch", fontsize=10)
        for r_bn, mark in self.cost_marks.items():
            mark.set_data([epoch], [self.runs[r_bn].model.history.cost[epoch - 1]])
        key = (bn, epoch, b)
        if key not in self._modes:  # kept: a setting seen before redraws without computing
            self._modes[key] = self.mode_outputs(bn, epoch, b)
        p_inf, p_train = self._modes[key]
        self.mode.points.set_offsets(np.column_stack([p_inf, p_train]))
        self.mode.points.set_color(RUN_COLORS[bn])
        self.mode.points.set_edgecolor("k")
        gap = float(np.mean(np.abs(p_train - p_inf)))
        self.ax_mode.set_title(
            f"P(true class), dev set in batches of {b}, epoch {epoch}", fontsize=10
        )
        if bn:
            self.mode_text.set_text(
                f"mean |train - inference| = {gap:.3f}\n"
                f"P(true class) > 0.5: train mode {np.mean(p_train > 0.5):.0%}, "
                f"inference {np.mean(p_inf > 0.5):.0%}"
            )
        else:
            self.mode_text.set_text(
                f"mean |train - inference| = {gap:.3f}\n"
                "no batch norm: both modes are one network"
            )


def batchnorm_explorer(
    *,
    hidden: Sequence[int] = (32, 32, 32),
    m_train: int = 600,
    m_dev: int = 300,
    m_probe: int = 256,
    epochs: int = 20,
    learning_rate: float = 0.05,
    mini_batch_size: int = 64,
    batch_sizes: Sequence[int] = (2, 8, 32, 128),
    hidden_activation: str = "relu",
    seed: int = 0,
    backend: str = "auto",
) -> BatchNormExplorer:
    r"""With and without batch norm: pre-activations layer by layer, costs, and the two modes.

    Two ``[64, *hidden, 10]`` softmax networks train on ``m_train`` digits with mini-batch
    gradient descent from the same weights on the same mini-batches, one with batch norm in
    every hidden layer. Everything is trained and recorded when the explorer is built.

    Parameters
    ----------
    hidden : sequence of int, default (32, 32, 32)
    m_train, m_dev : int
        Training and dev examples (disjoint).
    m_probe : int, default 256
        Training examples on which the pre-activations are recorded after each epoch.
    epochs, learning_rate, mini_batch_size
        The training (plain mini-batch gradient descent, both networks).
    batch_sizes : sequence of int, default (2, 8, 32, 128)
        The choices for the training-mode batch in the last panel.
    hidden_activation : {"relu", "tanh"}, default "relu"
    seed : int, default 0
    backend : {"auto", "ipympl", "image", "agg"}

    Returns
    -------
    BatchNormExplorer
        ``.controls`` (``"batchnorm"``, ``"epoch"``, ``"batch_size"``), ``.figure``,
        ``.widget``; ``.runs[False]`` and ``.runs[True]`` hold the recordings.

    Notes
    -----
    At test time there is no batch: the network uses the running averages of :math:`\mu` and
    :math:`\sigma^2` (an EWA over the training steps, as the course says). The last panel shows
    how far that is from the batch's own statistics: for a batch of 2 the normalized values are
    :math:`\pm 1` whatever the inputs, and early on the running averages still lag behind.

    Examples
    --------
    >>> ex = batchnorm_explorer(hidden=(16, 16), m_train=200, m_dev=64, m_probe=64, epochs=3,
    ...                         batch_sizes=(2, 8, 32))
    >>> len(ex.runs[True].snapshots), ex.runs[True].means.shape
    (3, (3, 2))
    """
    return BatchNormExplorer(
        hidden=hidden, m_train=m_train, m_dev=m_dev, m_probe=m_probe, epochs=epochs,
        learning_rate=learning_rate, mini_batch_size=mini_batch_size, batch_sizes=batch_sizes,
        hidden_activation=hidden_activation, seed=seed, backend=backend,
    )
