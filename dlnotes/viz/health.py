r"""Training health, layer by layer: :func:`training_health_explorer` and its plots.

The maths is :func:`dlnotes.health.training_health` (a network trained by
:func:`dlnotes.nn.train` on the 8x8 digits, with its statistics recorded at every epoch); this
module only draws it. Three panels, for the epoch chosen with the slider:

- left, the histogram of each hidden layer's activations :math:`A^{[l]}` (layer 1 at the
  bottom), with the share of saturated units (tanh, :math:`|a| > 0.97`) or dead ones (ReLU,
  :math:`a = 0`) written beside it;
- middle, the histogram of each layer's gradient entries on a log scale,
  :math:`\log_{10}|dW^{[l]}_{ij}|`, with :math:`\lVert dW^{[l]}\rVert_F` beside it: a layer
  shifted two decades left learns a hundred times slower (vanishing gradients);
- right, the update-to-data ratio :math:`\lVert \Delta W^{[l]}\rVert_F/\lVert W^{[l]}\rVert_F`
  of every update, per layer, over the whole run, with the band around :math:`10^{-3}` that a
  rule of thumb calls healthy and a line at the chosen epoch.

Every setting is trained once, from the same seed (the same initial weights for a given
initialization, the same mini-batches for every setting), and kept: the epoch slider only
redraws.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import PolyCollection
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from matplotlib.ticker import FixedLocator, LogLocator, MultipleLocator, NullLocator

from .._validation import (
    check_choice,
    check_flag,
    check_in_range,
    check_instance,
    check_int,
    describe,
)
from ..health import TrainingHealth, standardized_digits, training_health
from ..optim import Adam, GradientDescent, Momentum, RMSprop
from ._checks import check_labels, check_values
from ._explorer import Explorer, check_seed, checkbox, dropdown, int_slider, log_slider
from .plots import _ridge_colors, new_axes

__all__ = [
    "plot_layer_histograms",
    "plot_update_ratios",
    "training_health_explorer",
]

_HEALTH_INITS: dict[str, tuple[str, float]] = {
    "zeros": ("zeros", 0.01),
    "random (x 0.01)": ("random", 0.01),
    "random (x 1)": ("random", 1.0),
    "random (x 10)": ("random", 10.0),
    "xavier (LeCun)": ("xavier", 0.01),
    "glorot": ("glorot", 0.01),
    "he": ("he", 0.01),
}
"""The initializations offered: label -> ``(init, init_scale)`` for
:func:`dlnotes.health.training_health`."""

_HEALTH_OPTIMIZERS: dict[str, Any] = {
    "gd": GradientDescent,
    "momentum": Momentum,
    "rmsprop": RMSprop,
    "adam": Adam,
}
"""The optimizers offered, by the name the dropdown uses; each built with the learning rate."""

HEALTHY_BAND = (10.0**-3.5, 10.0**-2.5)
"""The shaded band of the update-to-data ratio, around the rule of thumb :math:`10^{-3}`."""

RATIO_LIMITS = (1e-7, 1.0)
"""The y range of the ratio panel; ratios beyond it are drawn on its edge."""


# --------------------------------------------------------------------------- histograms


class LayerHistogramArtists(NamedTuple):
    """What :func:`plot_layer_histograms` drew: one outline per layer, and a label beside each."""

    polygons: PolyCollection
    labels: list[Text]


_NAN_COUNTS = "a layer recorded after a divergence"


def _count_verts(counts: np.ndarray, edges: np.ndarray) -> list[np.ndarray]:
    """One closed step outline per layer (layer ``l`` on the baseline ``y = l``), each scaled to
    a peak of 0.7 so that a layer piled into one bin shows as well as a spread-out one (the
    top of each row is left to its label)."""
    x = np.repeat(edges, 2)
    verts = []
    for l, c in enumerate(np.asarray(counts, dtype=float), start=1):  # noqa: E741
        c = np.nan_to_num(c)
        peak = c.max() if c.size and c.max() > 0 else 1.0
        y = np.concatenate([[0.0], np.repeat(0.7 * c / peak, 2), [0.0]])
        verts.append(np.column_stack([x, y + l]))
    return verts


def plot_layer_histograms(
    counts: np.ndarray,
    edges: np.ndarray,
    ax: Axes | None = None,
    *,
    labels: Sequence[str] | None = None,
    label_side: str = "right",
) -> LayerHistogramArtists:
    r"""Stacked per-layer histograms from counts (layer 1 at the bottom), a label beside each.

    Parameters
    ----------
    counts : ndarray, shape (n_layers, bins)
        E.g. ``health.activation_counts[e]`` or ``health.gradient_counts[e]`` of a
        :class:`dlnotes.health.TrainingHealth`; finite and >= 0, except that a layer recorded
        after a divergence is NaN in every bin, and is drawn flat.
    edges : ndarray, shape (bins + 1,)
        Increasing, finite.
    ax : matplotlib Axes, optional
        Where to draw; a new pyplot-free Figure if None.
    labels : sequence of str, optional
        One short text per layer, written at one end of its row.
    label_side : {"right", "left"}, default "right"
        Where the labels go.

    Returns
    -------
    LayerHistogramArtists
        ``polygons`` (one per layer) and ``labels`` (one Text per layer).

    Notes
    -----
    Each layer is scaled to the same height: read the position and spread of a layer, not its
    area.

    Examples
    --------
    >>> import numpy as np
    >>> art = plot_layer_histograms(np.eye(3), np.linspace(-1, 1, 4), labels=["a", "b", "c"])
    >>> len(art.polygons.get_paths()), [t.get_text() for t in art.labels]
    (3, ['a', 'b', 'c'])
    """
    counts = check_values(counts, "counts", ndim=2, nan=_NAN_COUNTS, low=0.0)
    nan_rows = np.isnan(counts).any(axis=1)
    if nan_rows.any() and not np.isnan(counts[nan_rows]).all():
        raise ValueError(
            f"counts must be finite, or NaN in every bin of a layer (a row recorded after a "
            f"divergence); got a NaN in row {int(np.argmax(nan_rows))} among finite counts"
        )
    edges = check_values(edges, "edges", length=counts.shape[1] + 1)
    if not np.all(np.diff(edges) > 0):
        raise ValueError(f"edges must be increasing, got {describe(edges)}")
    n = counts.shape[0]
    labels = check_labels(labels, "labels", n)
    label_side = check_choice(label_side, "label_side", ("right", "left"))
    ax = new_axes(ax, figsize=(4.0, 4.0))
    polys = PolyCollection(_count_verts(counts, edges), facecolors=_ridge_colors(n),
                           edgecolors="0.2", linewidths=0.6, alpha=0.85)
    ax.add_collection(polys)
    ax.set_xlim(edges[0], edges[-1])
    ax.set_ylim(0.8, n + 1.05)
    ax.yaxis.set_major_locator(FixedLocator(np.arange(1, n + 1)))
    x, ha = (0.985, "right") if label_side == "right" else (0.015, "left")
    texts = [ax.text(x, l + 0.85, "" if labels is None else labels[l - 1], ha=ha,
                     va="center", fontsize=7, color="0.1", transform=ax.get_yaxis_transform())
             for l in range(1, n + 1)]  # noqa: E741
    return LayerHistogramArtists(polys, texts)


# --------------------------------------------------------------------------- ratios


class RatioArtists(NamedTuple):
    """What :func:`plot_update_ratios` drew."""

    lines: list[Line2D]
    band: Rectangle
    marker: Line2D


def _ratio_xy(health: TrainingHealth, l: int) -> tuple[np.ndarray, np.ndarray]:  # noqa: E741
    """Layer ``l``'s ratios against the epoch (update ``t`` is at ``t / n_batches``); the
    updates without a ratio (``W = 0``, or after a divergence) are left out."""
    per_epoch = max(int(health.step[1]) if len(health.step) > 1 else 1, 1)
    y = health.update_ratio[:, l - 1]
    x = np.arange(1, len(y) + 1) / per_epoch
    keep = np.isfinite(y)
    lo, hi = RATIO_LIMITS
    return x[keep], np.clip(y[keep], lo * 0.9, hi / 0.9)


def plot_update_ratios(
    health: TrainingHealth, ax: Axes | None = None, *, epoch: float | None = None
) -> RatioArtists:
    r"""The update-to-data ratio of every layer over training, on a log scale, with the band.

    Parameters
    ----------
    health : TrainingHealth
        From :func:`dlnotes.health.training_health`.
    ax : matplotlib Axes, optional
        Where to draw; a new pyplot-free Figure if None.
    epoch : float, optional
        Where to draw the vertical marker, from 0 to the last epoch (hidden if None).

    Returns
    -------
    RatioArtists
        ``lines`` (one per layer, coloured as the histograms), ``band`` (the shaded
        :data:`HEALTHY_BAND`) and ``marker``.

    Notes
    -----
    :math:`r^{[l]}_t = \lVert W^{[l]}_t - W^{[l]}_{t-1}\rVert_F / \lVert W^{[l]}_{t-1}\rVert_F`
    for every update ``t``, against ``t`` in epochs. A layer with :math:`W = 0` has no
    ratio and draws nothing.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.health import standardized_digits, training_health
    >>> from dlnotes.optim import GradientDescent
    >>> X, Y = standardized_digits(64, rng=np.random.default_rng(0))
    >>> h = training_health(X, Y, [64, 8, 8, 10], optimizer=GradientDescent(0.1), epochs=2,
    ...                     mini_batch_size=32, rng=np.random.default_rng(0))
    >>> art = plot_update_ratios(h)
    >>> len(art.lines), art.lines[0].axes.get_yscale()
    (3, 'log')
    """
    health = check_instance(health, TrainingHealth, "health")
    if epoch is not None:
        check_in_range(epoch, "epoch", 0, int(health.epoch[-1]))
    ax = new_axes(ax, figsize=(4.0, 4.0))
    L = health.update_ratio.shape[1]
    colors = _ridge_colors(L)
    lo, hi = HEALTHY_BAND
    band = Rectangle((0.0, lo), 1.0, hi - lo, transform=ax.get_yaxis_transform(),
                     color="tab:green", alpha=0.15, lw=0, zorder=0)
    ax.add_patch(band)
    ax.axhline(1e-3, color="tab:green", lw=0.8, ls="--", zorder=0.5)
    lines = []
    for l in range(1, L + 1):  # noqa: E741
        (line,) = ax.plot(*_ratio_xy(health, l), color=colors[l - 1], lw=1.0,
                          label=f"layer {l}")
        lines.append(line)
    (marker,) = ax.plot([], [], color="0.3", lw=1.0, ls=":")
    if epoch is not None:
        marker.set_data([epoch, epoch], [0, 1])
    marker.set_transform(ax.get_xaxis_transform())
    ax.set_yscale("log")
    ax.set_ylim(*RATIO_LIMITS)
    ax.yaxis.set_major_locator(LogLocator(numticks=8))
    ax.yaxis.set_minor_locator(NullLocator())
    ax.set_xlim(0, max(int(health.epoch[-1]), 1))
    ax.set(xlabel="epoch", ylabel="update / weights  ‖ΔW‖ / ‖W‖")
    return RatioArtists(lines, band, marker)


# --------------------------------------------------------------------------- explorer


def _percent(share: float) -> str:
    if not np.isfinite(share):
        return "–"
    return f"{100 * share:.0f}%"


def _activation_labels(health: TrainingHealth, e: int) -> list[str]:
    word = "sat" if health.hidden_activation == "tanh" else "dead"
    return [f"{word} {_percent(s)}" for s in health.saturated[e]]


def _gradient_labels(health: TrainingHealth, e: int) -> list[str]:
    out = []
    for norm, zero in zip(health.gradient_norm[e], health.gradient_zero[e], strict=True):
        if not np.isfinite(norm):
            out.append("–")
        elif zero == 1.0:
            out.append("all 0")
        else:
            out.append("‖dW‖ " + f"{norm:.0e}".replace("e+0", "e").replace("e-0", "e-"))
    return out


def _key_of(values: Mapping[str, Any]) -> tuple:
    return (values["activation"], values["init"], bool(values["batchnorm"]),
            values["optimizer"], float(values["learning_rate"]))


class HealthExplorer(Explorer):
    """Initialization x batch norm x optimizer x learning rate, epoch by epoch; see
    :func:`training_health_explorer`."""

    name = "training health explorer"
    figsize = (10.0, 4.4)
    columns = 3
    cache_size = 32
    """How many trained settings are kept, the least recently shown dropped."""

    def __init__(
        self,
        *,
        activation: str = "tanh",
        init: str = "xavier (LeCun)",
        batchnorm: bool = False,
        optimizer: str = "adam",
        learning_rate: float = 0.003,
        epoch: int = 0,
        epochs: int = 20,
        hidden_layers: int = 7,
        width: int = 32,
        m: int = 256,
        mini_batch_size: int = 32,
        seed: int = 0,
        backend: str = "auto",
    ) -> None:
        # every argument is checked here, before the first (slow) training
        check_choice(activation, "activation", ("tanh", "relu"))
        check_choice(init, "init", _HEALTH_INITS)
        check_flag(batchnorm, "batchnorm")
        check_choice(optimizer, "optimizer", _HEALTH_OPTIMIZERS)
        check_in_range(learning_rate, "learning_rate", 1e-4, 1.0)
        epochs = check_int(epochs, "epochs", minimum=1, maximum=10_000)
        check_int(epoch, "epoch", minimum=0, maximum=epochs)
        hidden_layers = check_int(hidden_layers, "hidden_layers", minimum=1, maximum=100)
        width = check_int(width, "width", minimum=1, maximum=10_000)
        m = check_int(m, "m", minimum=1, maximum=1797)
        mini_batch_size = check_int(mini_batch_size, "mini_batch_size", minimum=1)
        seed = check_seed(seed)
        self.X, self.Y = standardized_digits(m, rng=np.random.default_rng(seed))
        self.layer_dims = [self.X.shape[0]] + [int(width)] * int(hidden_layers) + [10]
        self.epochs = int(epochs)
        self.mini_batch_size = int(mini_batch_size)
        self.seed = int(seed)
        self._cache: OrderedDict[tuple, TrainingHealth] = OrderedDict()
        self.trainings = 0
        """How many trainings this explorer has run (the epoch slider never adds one)."""
        controls = {
            "activation": dropdown("activation", ["tanh", "relu"], activation),
            "init": dropdown("initialization", list(_HEALTH_INITS), init),
            "batchnorm": checkbox("batch norm", bool(batchnorm)),
            "optimizer": dropdown("optimizer", list(_HEALTH_OPTIMIZERS), optimizer),
            "learning_rate": log_slider("learning rate α", learning_rate, 1e-4, 1.0,
                                        steps_per_decade=4),
            "epoch": int_slider("epoch", int(epoch), 0, self.epochs),
        }
        super().__init__(controls, backend=backend)

    def compute(self, activation: str, init: str, batchnorm: bool, optimizer: str,
                learning_rate: float) -> TrainingHealth:
        """Train one setting from the explorer's seed (no cache)."""
        method, scale = _HEALTH_INITS[init]
        rng = np.random.default_rng(self.seed + 1)
        self.trainings += 1
        return training_health(
            self.X, self.Y, self.layer_dims, optimizer=_HEALTH_OPTIMIZERS[optimizer](learning_rate),
            epochs=self.epochs, mini_batch_size=self.mini_batch_size, batchnorm=batchnorm,
            init=method, init_scale=scale, hidden_activation=activation, rng=rng,
            data_rng=np.random.default_rng(self.seed + 2),
        )

    def health(self, values: Mapping[str, Any] | None = None) -> TrainingHealth:
        """The run for the current (or the given) controls: trained once, then kept."""
        key = _key_of(self.values if values is None else values)
        if key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key]
        result = self.compute(*key)
        self._cache[key] = result
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)
        return result

    def _build(self) -> None:
        ax_act, ax_grad, ax_ratio = self.figure.subplots(
            1, 3, gridspec_kw={"width_ratios": [1, 1, 1.15]}
        )
        self.ax_act, self.ax_grad, self.ax_ratio = ax_act, ax_grad, ax_ratio
        blank = self.health()
        self.acts = plot_layer_histograms(blank.activation_counts[0], blank.activation_edges,
                                          ax_act)
        self.grads = plot_layer_histograms(blank.gradient_counts[0], blank.gradient_edges,
                                           ax_grad, label_side="left")
        ax_act.set(ylabel="layer l", title=" ")
        ax_grad.set(xlabel="log₁₀ |dW| of each entry", title="gradients dW^[l]")
        ax_grad.xaxis.set_major_locator(MultipleLocator(2))
        ax_grad.title.set_fontsize(10)
        ax_act.title.set_fontsize(10)
        self.ratios = plot_update_ratios(blank, ax_ratio, epoch=0)
        ax_ratio.legend(loc="upper right", fontsize=6.5, ncols=2, handlelength=1.2,
                        columnspacing=0.8, borderaxespad=0.3)
        ax_ratio.set_title("update-to-data ratio per layer", fontsize=10)
        self.status = ax_ratio.text(0.03, 0.03, "", transform=ax_ratio.transAxes, fontsize=8,
                                    ha="left", va="bottom")
        # the labels sit above their histogram (peak 0.7 of a row), where nothing else draws:
        # their pixels are kept by text and pasted back when the text comes back (cache=True)
        self.animate(self.acts.polygons, self.grads.polygons, *self.ratios.lines,
                     self.ratios.marker, self.status)
        self.animate(self.acts.labels, self.grads.labels, self.ax_act.title, cache=True)

    def _update(self, values: Mapping[str, Any], changed: frozenset[str]) -> None:
        h = self.current = self.health(values)
        e = int(values["epoch"])
        activation = values["activation"]
        if changed & {"activation"} or self.ax_act.get_xlim()[0] != h.activation_edges[0]:
            self.ax_act.set_xlim(h.activation_edges[0], h.activation_edges[-1])
            name = "tanh(Z)" if activation == "tanh" else "ReLU(Z), zeros left out"
            self.ax_act.set_xlabel(f"value of A^[l] = {name}")
        self.ax_act.set_title(f"activations at epoch {e}", fontsize=10)
        self.acts.polygons.set_verts(_count_verts(h.activation_counts[e], h.activation_edges))
        for t, s in zip(self.acts.labels, _activation_labels(h, e), strict=True):
            t.set_text(s)
        self.grads.polygons.set_verts(_count_verts(h.gradient_counts[e], h.gradient_edges))
        for t, s in zip(self.grads.labels, _gradient_labels(h, e), strict=True):
            t.set_text(s)
        if changed - {"epoch"}:
            for l, line in enumerate(self.ratios.lines, start=1):  # noqa: E741
                line.set_data(*_ratio_xy(h, l))
        self.ratios.marker.set_data([e, e], [0, 1])
        if h.diverged_at is not None and e > (h.diverged_at - 1) // max(int(h.step[1]), 1):
            status = f"diverged at update {h.diverged_at}"
        else:
            status = f"epoch {e}: loss {h.loss[e]:.2f}, accuracy {_percent(h.accuracy[e])}"
        self.status.set_text(status)


def training_health_explorer(
    *,
    activation: str = "tanh",
    init: str = "xavier (LeCun)",
    batchnorm: bool = False,
    optimizer: str = "adam",
    learning_rate: float = 0.003,
    epoch: int = 0,
    epochs: int = 20,
    hidden_layers: int = 7,
    width: int = 32,
    m: int = 256,
    mini_batch_size: int = 32,
    seed: int = 0,
    backend: str = "auto",
) -> HealthExplorer:
    r"""Train a deep network on the digits and look inside it, layer by layer, epoch by epoch.

    A network of ``hidden_layers`` tanh or ReLU layers of ``width`` units and a softmax
    output (8 layers by default) is trained with :func:`dlnotes.nn.train` on ``m`` of the
    8x8 digits (standardized) for ``epochs`` epochs of mini-batches, and
    :func:`dlnotes.health.training_health` records, at every epoch: the histogram of each
    hidden layer's activations and its saturated (tanh) or dead (ReLU) share; the histogram
    of each layer's :math:`\log_{10}|dW|`; and the update-to-data ratio of every update.

    Parameters
    ----------
    activation : {"tanh", "relu"}, default "tanh"
    init : str, default "xavier (LeCun)"
        One of :data:`_HEALTH_INITS`: "zeros", "random (x 0.01)", "random (x 1)",
        "random (x 10)", "xavier (LeCun)", "glorot", "he".
    batchnorm : bool, default False
        Batch norm before every hidden activation.
    optimizer : {"gd", "momentum", "rmsprop", "adam"}, default "adam"
    learning_rate : float, default 0.003
        :math:`\alpha` (log slider, 1e-4 to 1).
    epoch : int, default 0
        The epoch shown; 0 is the network as initialized.
    epochs, hidden_layers, width, m, mini_batch_size : int
        The size of the experiment: 20 epochs, 7 hidden layers of 32 units, 256 examples,
        mini-batches of 32 (8 updates an epoch), so that a new setting trains in about a
        second. At most 10,000 epochs, 100 hidden layers, 10,000 units and 1,797 examples
        (all the digits); every argument is checked before the first training.
    seed : int, default 0
        Chooses the examples, the initial weights and the mini-batches: every setting starts
        from the same weights (for a given initialization) and sees the same batches.
    backend : {"auto", "ipympl", "image", "agg"}
        See :mod:`dlnotes.viz._explorer`.

    Returns
    -------
    HealthExplorer
        ``.controls`` (``activation``, ``init``, ``batchnorm``, ``optimizer``,
        ``learning_rate``, ``epoch``), ``.figure``, ``.widget``; ``.current`` is the
        :class:`dlnotes.health.TrainingHealth` on display and ``.trainings`` counts the
        trainings run (moving the epoch slider runs none).

    Notes
    -----
    What to look for. With tanh and LeCun's "xavier" rule (or ReLU and He), no layer
    saturates, every layer's gradients have the same size and the ratio sits near
    :math:`10^{-3}`. "random (x 10)" saturates tanh in every layer, so :math:`g'(z)\approx 0`
    and the network hardly learns; "random (x 0.01)" makes the activations and gradients
    vanish layer after layer; "zeros" gives every unit the same value and every :math:`dW`
    zero. Batch norm rescales every layer, whatever the weights: the activations look healthy
    again, but the ratio panel shows what it cannot fix: with weights 10 times too large,
    each update is 10 times too small relative to them.

    Examples
    --------
    >>> ex = training_health_explorer(epochs=3, m=64)
    >>> n = ex.trainings
    >>> ex.controls["epoch"].value = 2                      # a redraw, not a training
    >>> ex.trainings == n
    True
    >>> ex.controls["init"].value = "random (x 10)"
    >>> bool(ex.current.saturated[0].min() > 0.9)           # every tanh layer saturated
    True
    """
    return HealthExplorer(
        activation=activation, init=init, batchnorm=batchnorm, optimizer=optimizer,
        learning_rate=learning_rate, epoch=epoch, epochs=epochs, hidden_layers=hidden_layers,
        width=width, m=m, mini_batch_size=mini_batch_size, seed=seed, backend=backend,
    )
