r"""Training curves: one line per trained network, for one of its :class:`~dlnotes.nn.History`
curves.

:func:`dlnotes.nn.train` records, per epoch, the cost :math:`J` measured while training
(``history.cost``) and, every ``eval_every`` epochs, the loss and accuracy on the training
and dev sets in evaluation mode (``history.train_loss``, ``dev_accuracy``, ...).
:func:`plot_history` draws one of them for several networks, so that a notebook compares
runs in one call.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from .._validation import ArgumentTypeError, check_choice, describe
from ..nn import Model
from .plots import new_axes

__all__ = ["plot_history"]

_HISTORY_METRICS: dict[str, str] = {
    "cost": "training cost $J$ (training mode, per epoch)",
    "train_loss": "cross-entropy on the training set",
    "train_accuracy": "training accuracy",
    "dev_loss": "cross-entropy on the dev set",
    "dev_accuracy": "dev accuracy",
}
"""The curves of :class:`dlnotes.nn.History` that :func:`plot_history` draws, and their
y-axis labels."""


def _curve(model: Model, metric: str, label: str) -> tuple[np.ndarray, np.ndarray]:
    """``(epochs completed, values)`` of one curve; the x axis counts epochs from 1."""
    h = model.history
    y = np.asarray(getattr(h, metric), dtype=np.float64)
    if y.ndim != 1:
        raise ValueError(
            f"models[{label!r}].history.{metric} must be 1-D (one network), got shape "
            f"{y.shape}; pass sweep.model(k) for each network of a Sweep"
        )
    if metric == "cost":
        return np.arange(1, y.size + 1, dtype=np.float64), y
    if y.size == 0:
        raise ValueError(
            f"models[{label!r}].history.{metric} is empty: train it with X_dev, Y_dev to "
            f"record dev curves"
        )
    return np.asarray(h.epoch, dtype=np.float64) + 1, y


def plot_history(
    models: Mapping[str, Model],
    ax: Axes | None = None,
    *,
    metric: str = "cost",
    colors: Mapping[str, Any] | None = None,
    legend: bool = True,
    **line_kw: Any,
) -> dict[str, Line2D]:
    r"""One line per trained network: a curve of its training history against the epoch.

    Parameters
    ----------
    models : mapping of str to dlnotes.nn.Model
        Label -> trained network (from :func:`dlnotes.nn.train`, or ``sweep.model(k)``).
        The label names the line in the legend.
    ax : matplotlib Axes, optional
        Where to draw; a new pyplot-free Figure if None.
    metric : {"cost", "train_loss", "train_accuracy", "dev_loss", "dev_accuracy"}
        Which curve of :class:`dlnotes.nn.History`. ``"cost"`` is the :math:`J` recorded
        during each epoch (with dropout on, the cost of a different thinned network at every
        step); the others are measured in evaluation mode after the epochs in
        ``history.epoch`` (the dev curves need a dev set at training time).
    colors : mapping of str to colour, optional
        Colour per label; matplotlib's cycle for the labels it does not name.
    legend : bool, default True
        Add (or refresh) the legend of ``ax``.
    **line_kw
        Passed to :meth:`matplotlib.axes.Axes.plot` for every line (``lw``, ``ls``, ...).

    Returns
    -------
    dict of str to Line2D
        The line of each label; and, for a network whose curve turns NaN or infinite (a
        diverged training), ``lines[label, "diverged"]``: a cross at the last finite value,
        at the first epoch that is not, named in the legend. A finite curve (an accuracy) of
        a network whose ``history.diverged_at`` is set gets the cross at that epoch.

    Notes
    -----
    The x axis counts epochs *completed*: the value after the first pass over the training
    set is at 1. Scales are left linear; call ``ax.set_yscale("log")`` for costs that span
    decades. Drawing two metrics on one Axes takes two calls (the y label is the last one's).

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes import nn
    >>> from dlnotes.optim import GradientDescent
    >>> rng = np.random.default_rng(0)
    >>> X = rng.standard_normal((2, 40)); Y = (X[:1] > 0).astype(float)
    >>> model = nn.train(X, Y, [2, 3, 1], optimizer=GradientDescent(0.5), epochs=5, rng=rng)
    >>> lines = plot_history({"GD": model})
    >>> lines["GD"].get_xdata().tolist()
    [1.0, 2.0, 3.0, 4.0, 5.0]
    >>> lines["GD"].axes.get_ylabel()
    'training cost $J$ (training mode, per epoch)'
    """
    metric = check_choice(metric, "metric", _HISTORY_METRICS)
    if isinstance(models, Model):
        raise ArgumentTypeError(
            "models must be a dict from a label to a dlnotes.nn.Model, got one Model: "
            "pass {'my run': model}"
        )
    if not isinstance(models, Mapping) or not models:
        raise ArgumentTypeError(
            f"models must be a non-empty dict from a label to a dlnotes.nn.Model, got "
            f"{describe(models)}"
        )
    for label, model in models.items():
        if not isinstance(model, Model):
            raise ArgumentTypeError(
                f"models[{describe(label, 40)}] must be a dlnotes.nn.Model (from nn.train, or "
                f"sweep.model(k)), got {describe(model, 60)}"
            )
    colors = {} if colors is None else colors
    if not isinstance(colors, Mapping):
        raise ArgumentTypeError(
            f"colors must be a dict from a label to a colour, got {describe(colors)}"
        )
    curves = {label: _curve(model, metric, str(label)) for label, model in models.items()}
    ax = new_axes(ax, figsize=(6.0, 4.0))
    lines = {}
    for label, (x, y) in curves.items():
        kw = dict(line_kw)
        if label in colors:
            kw["color"] = colors[label]
        (lines[label],) = ax.plot(x, y, label=str(label), **kw)
        bad = ~np.isfinite(y)
        diverged_at = models[label].history.diverged_at  # where nn.train stopped, or None
        if not bad.any() and isinstance(diverged_at, int):  # an accuracy stays finite
            bad = x >= diverged_at + 1
        if bad.any():  # diverged: mark where, or a NaN curve simply stops, unexplained
            i = int(np.argmax(bad))
            last = float(y[i]) if np.isfinite(y[i]) else float(y[i - 1]) if i > 0 else 0.0
            (lines[label, "diverged"],) = ax.plot(
                [x[i]], [last], "X", ms=10, color=lines[label].get_color(), zorder=5,
                label=f"{label}: diverged (NaN or inf) at epoch {x[i]:g}",
            )
    ax.set_xlabel("epoch")
    ax.set_ylabel(_HISTORY_METRICS[metric])
    if legend:
        ax.legend(fontsize=8)
    return lines
