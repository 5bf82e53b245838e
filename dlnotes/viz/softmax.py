r"""Softmax and temperature, drawn: :func:`plot_softmax`, :func:`plot_softmax_vs_sigmoid`,
:func:`softmax_explorer`.

The maths is :mod:`dlnotes.softmax` (``softmax(Z, temperature=T)``, ``sigmoid``); this module
only draws it. Left: the probabilities :math:`\mathrm{softmax}(z/T)` of a few logits, with
the one-hot argmax they approach as :math:`T \to 0` (the notes call softmax "an approximation
of argmax"; it is a smooth approximation of the one-hot argmax, reached only in that limit).
Right: with two classes, :math:`\mathrm{softmax}(z_1, z_2)_1` as a function of the logit
difference lies exactly on :math:`\sigma(z_1 - z_2)`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, NamedTuple

import numpy as np
from matplotlib.axes import Axes
from matplotlib.container import BarContainer
from matplotlib.lines import Line2D
from matplotlib.text import Text

from .._validation import check_array, check_positive, check_real
from ..softmax import sigmoid, softmax
from ._checks import check_labels
from ._explorer import Explorer, float_slider, log_slider
from .plots import new_axes

__all__ = [
    "plot_softmax",
    "plot_softmax_vs_sigmoid",
    "softmax_explorer",
]


class SoftmaxArtists(NamedTuple):
    """What :func:`plot_softmax` drew."""

    bars: BarContainer
    argmax: BarContainer
    values: list[Text]
    title: Text


class TwoClassArtists(NamedTuple):
    """What :func:`plot_softmax_vs_sigmoid` drew."""

    softmax: Line2D
    sigmoid: Line2D
    point: Line2D
    label: Text


def _probabilities(z: np.ndarray, temperature: float) -> np.ndarray:
    return softmax(np.asarray(z, dtype=float).reshape(-1, 1), temperature=temperature)[:, 0]


def plot_softmax(
    z: Sequence[float] = (5.0, 2.0, -1.0, 3.0),
    temperature: float = 1.0,
    *,
    ax: Axes | None = None,
    labels: Sequence[str] | None = None,
) -> SoftmaxArtists:
    r"""Bar chart of :math:`\mathrm{softmax}(z / T)` beside the one-hot argmax of ``z``.

    Parameters
    ----------
    z : sequence of float, length C
        Logits of one example (the course's lecture example by default), finite.
    temperature : float > 0, default 1.0
        :math:`T`; small values sharpen the distribution towards the argmax.
    ax : matplotlib Axes, optional
        Where to draw; a new pyplot-free Figure if None.
    labels : sequence of str, optional
        ``C`` class names; ``"class 1"``... by default.

    Returns
    -------
    SoftmaxArtists
        ``bars`` (the probabilities), ``argmax`` (outlined one-hot bars), ``values`` (a
        Text above each bar) and ``title``.

    Examples
    --------
    >>> art = plot_softmax([5.0, 2.0, -1.0, 3.0])
    >>> [round(b.get_height(), 3) for b in art.bars]
    [0.842, 0.042, 0.002, 0.114]
    """
    z = check_array(z, "z", ndim=1, nonempty=True)
    temperature = check_positive(temperature, "temperature")
    labels = check_labels(labels, "labels", len(z))
    ax = new_axes(ax)
    c = len(z)
    x = np.arange(c)
    labels = [f"class {j + 1}" for j in range(c)] if labels is None else labels
    argmax = ax.bar(x, np.zeros(c), width=0.8, fill=False, edgecolor="black", lw=1.2,
                    ls="--", label="one-hot argmax (T → 0)")
    bars = ax.bar(x, np.zeros(c), width=0.6, color="tab:blue", alpha=0.85,
                  label=r"softmax$(z/T)$")
    values = [ax.text(j, 0.0, "", ha="center", va="bottom", fontsize=9) for j in x]
    title = ax.set_title("", fontsize=10)
    ax.set(xticks=x, ylim=(0, 1.25), yticks=np.linspace(0, 1, 6), ylabel="probability",
           xlabel="class")
    ax.set_xticklabels(labels)
    ax.legend(loc="upper center", ncols=2, fontsize=8)
    artists = SoftmaxArtists(bars, argmax, values, title)
    _update_softmax(artists, z, temperature)
    return artists


def _update_softmax(artists: SoftmaxArtists, z: np.ndarray, temperature: float) -> None:
    p = _probabilities(z, temperature)
    winner = int(np.argmax(z))
    for j, (bar, box, text) in enumerate(zip(artists.bars, artists.argmax, artists.values,
                                             strict=True)):
        bar.set_height(float(p[j]))
        box.set_height(1.0 if j == winner else 0.0)
        text.set_position((j, float(p[j]) + 0.01))
        text.set_text(f"{p[j]:.3f}")
    # plain text, not mathtext: a string that changes on every redraw would be parsed anew
    artists.title.set_text(
        f"softmax(z / T) with T = {temperature:.3g}: largest probability {p.max():.3f}"
    )


def plot_softmax_vs_sigmoid(
    temperature: float = 1.0,
    z1: float = 1.0,
    z2: float = 0.0,
    *,
    ax: Axes | None = None,
    span: float = 8.0,
) -> TwoClassArtists:
    r"""Two classes: :math:`\mathrm{softmax}(z/T)_1` against :math:`\sigma((z_1 - z_2)/T)`.

    Parameters
    ----------
    temperature : float > 0, default 1.0
        :math:`T`.
    z1, z2 : float
        The current pair of logits, marked on the curve (finite).
    ax : matplotlib Axes, optional
        Where to draw; a new pyplot-free Figure if None.
    span : float > 0, default 8.0
        The logit difference :math:`z_1 - z_2` is drawn on ``[-span, span]``.

    Returns
    -------
    TwoClassArtists
        ``softmax`` and ``sigmoid`` (Line2D: the same curve), ``point`` (the current pair)
        and ``label`` (its values).

    Examples
    --------
    >>> art = plot_softmax_vs_sigmoid()
    >>> bool(np.allclose(art.softmax.get_ydata(), art.sigmoid.get_ydata()))
    True
    """
    temperature = check_positive(temperature, "temperature")
    z1, z2 = check_real(z1, "z1"), check_real(z2, "z2")
    span = check_positive(span, "span")
    ax = new_axes(ax)
    delta = np.linspace(-span, span, 401)
    (soft,) = ax.plot(delta, delta, color="tab:blue", lw=4, alpha=0.45,
                      label=r"softmax$((z_1, z_2)/T)_1$")
    (sig,) = ax.plot(delta, delta, "--", color="black", lw=1.3,
                     label=r"$\sigma((z_1 - z_2)/T)$")
    (point,) = ax.plot([0.0], [0.5], "o", color="tab:red", ms=7, label="your $z_1, z_2$")
    # upper left: the curve rises through (0, 1/2), so that quarter stays empty
    label = ax.text(0.03, 0.97, "", transform=ax.transAxes, va="top", fontsize=8.5)
    ax.set(xlim=(-span, span), ylim=(-0.03, 1.03), xlabel=r"logit difference $z_1 - z_2$",
           ylabel=r"$P(\mathrm{class}\ 1)$")
    ax.set_title("two classes: softmax is the sigmoid", fontsize=10)
    ax.legend(loc="lower right", fontsize=8)
    artists = TwoClassArtists(soft, sig, point, label)
    _update_two_class(artists, temperature, z1, z2)
    return artists


def _update_two_class(artists: TwoClassArtists, temperature: float, z1: float, z2: float
                      ) -> None:
    delta = artists.softmax.get_xdata()
    pair = np.stack([delta, np.zeros_like(delta)])  # (2, m): classes are rows
    artists.softmax.set_ydata(softmax(pair, temperature=temperature)[0])
    artists.sigmoid.set_ydata(sigmoid((delta / temperature)[np.newaxis, :])[0])
    d = z1 - z2
    lo, hi = artists.softmax.axes.get_xlim()
    p1 = _probabilities(np.array([z1, z2]), temperature)[0]
    artists.point.set_data([float(np.clip(d, lo, hi))], [p1])
    artists.label.set_text(
        f"z₁ − z₂ = {d:.3g}, T = {temperature:.3g}\n"
        f"softmax: {p1:.4f}\n"
        f"σ((z₁ − z₂)/T): {float(sigmoid(np.array([[d / temperature]]))[0, 0]):.4f}"
    )


class SoftmaxExplorer(Explorer):
    """Logits and temperature; see :func:`softmax_explorer`."""

    name = "softmax explorer"
    columns = 3

    def __init__(self, z: Sequence[float] = (5.0, 2.0, -1.0, 3.0), *, temperature: float = 1.0,
                 backend: str = "auto") -> None:
        z = check_array(z, "z", ndim=1)
        if not 2 <= len(z) <= 6:
            raise ValueError(f"z must hold 2 to 6 logits, got {len(z)}")
        controls = {f"z{j + 1}": float_slider(f"z{j + 1}", float(v), -6.0, 6.0, 0.1, fmt=".1f",
                                              arg=f"z[{j}]")
                    for j, v in enumerate(z)}
        controls["temperature"] = log_slider("temperature T", temperature, 0.01, 100.0,
                                             arg="temperature")
        super().__init__(controls, backend=backend)

    def _logits(self, values: Mapping[str, Any]) -> np.ndarray:
        return np.array([values[k] for k in self.controls if k.startswith("z")], dtype=float)

    def _build(self) -> None:
        ax_bars, ax_two = self.figure.subplots(1, 2, gridspec_kw={"width_ratios": [1.3, 1]})
        v = self.values
        self.bars = plot_softmax(self._logits(v), v["temperature"], ax=ax_bars)
        self.two = plot_softmax_vs_sigmoid(v["temperature"], v["z1"], v["z2"], ax=ax_two)
        # both legends sit where no bar or curve can reach, so they stay static
        self.animate(*self.bars, *self.two)

    def _update(self, values: Mapping[str, Any], changed: frozenset[str]) -> None:
        T = float(values["temperature"])
        _update_softmax(self.bars, self._logits(values), T)
        _update_two_class(self.two, T, float(values["z1"]), float(values["z2"]))


def softmax_explorer(z: Sequence[float] = (5.0, 2.0, -1.0, 3.0), *, temperature: float = 1.0,
                     backend: str = "auto") -> SoftmaxExplorer:
    r"""Move a few logits and the temperature; watch softmax approach the one-hot argmax.

    Parameters
    ----------
    z : sequence of 2 to 6 floats, default (5, 2, -1, 3)
        Initial logits (the lecture's example), one slider each, on [-6, 6].
    temperature : float, default 1.0
        Initial :math:`T`, on a log slider from 0.01 to 100.
    backend : {"auto", "ipympl", "image", "agg"}
        See :mod:`dlnotes.viz._explorer`.

    Returns
    -------
    SoftmaxExplorer
        ``.controls`` (``"z1"``, ... and ``"temperature"``), ``.figure``, ``.widget``.

    Examples
    --------
    >>> ex = softmax_explorer(temperature=0.01)
    >>> round(ex.bars.bars[0].get_height(), 6)        # T -> 0: the argmax takes it all
    1.0
    """
    return SoftmaxExplorer(z, temperature=temperature, backend=backend)
