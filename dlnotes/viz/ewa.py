r"""Exponentially weighted averages, drawn: :func:`plot_ewa` and :func:`ewa_explorer`.

The maths is :mod:`dlnotes.ewa` (``ewa``, ``ewa_as_in_notes``, ``effective_window``); this
module only draws it. Left panel: the whole series with the EWA :math:`v_t`, its
bias-corrected read-out :math:`\hat v_t = v_t/(1-\beta^t)` and the notes' recursion, which
feeds :math:`\hat v_t` back in and is wrong; the shaded band is the effective window
:math:`1/(1-\beta)` before the last day. Right panel: the first days, where :math:`v_0 = 0`
drags the plain EWA towards zero and the notes' formula takes off.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple
from weakref import WeakKeyDictionary

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from .._validation import (
    check_array,
    check_beta,
    check_flag,
    check_int,
    check_rng,
    describe,
)
from ..datasets import make_temperature_series
from ..ewa import effective_window, ewa, ewa_as_in_notes
from ._explorer import Explorer, checkbox, float_slider
from .plots import COLORS, clip_for_display, new_axes

__all__ = ["ewa_explorer", "plot_ewa"]


class EwaArtists(NamedTuple):
    """What :func:`plot_ewa` drew, so that it can be updated in place."""

    raw: Line2D
    ewa: Line2D
    corrected: Line2D
    notes: Line2D
    window: Rectangle
    label: Text


def _notes_curve(theta: np.ndarray, beta: float) -> np.ndarray:
    # The notes' recursion overflows float64 for beta close to 1 (its carried value is
    # multiplied by beta / (1 - beta**t) > 1 for many steps); the overflow is the point
    # being made, so it is shown as "off the chart" rather than raised.
    with np.errstate(over="ignore", invalid="ignore"):
        return ewa_as_in_notes(theta, beta)


def _curves(theta: np.ndarray, beta: float) -> dict[str, np.ndarray]:
    """The three averages :func:`plot_ewa` draws: plain, bias-corrected, the notes' version."""
    # Two passes of ewa: dividing the plain curve by 1 - beta**t in one vectorized step is
    # not always bit-identical to ewa's own (scalar) correction, so the figures would move.
    return {
        "ewa": ewa(theta, beta),
        "corrected": ewa(theta, beta, bias_correction=True),
        "notes": _notes_curve(theta, beta),
    }


# The y range each plot_ewa axes was given, to which it returns when the EWA is back in it.
_BASE_YLIM: WeakKeyDictionary[Axes, tuple[float, float]] = WeakKeyDictionary()


def _check_series(theta: Any, name: str) -> np.ndarray:
    """A 1-D finite real series of at least two values."""
    theta = check_array(theta, name, ndim=1)
    if theta.size < 2:
        raise ValueError(f"{name} must hold at least 2 values (a series), got {describe(theta)}")
    return theta


def _subscript(k: int) -> str:
    return str(k).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


def _superscript(k: int) -> str:
    return str(k).translate(str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹"))


def _window_text(beta: float, t: np.ndarray, notes: np.ndarray, bias_correction: bool) -> str:
    window = effective_window(beta)
    text = f"β = {beta:.3g}: averages ≈ 1/(1 − β) = {window:.4g} days"
    if bias_correction and len(notes):
        k = int(np.argmax(np.where(np.isfinite(notes), notes, np.inf)))
        peak = notes[k]
        peak_txt = "overflows to inf" if not np.isfinite(peak) else f"peaks at {peak:.3g}"
        text += f"\nnotes' formula {peak_txt} on day {t[k]:g}"
    return text


def plot_ewa(
    theta: np.ndarray,
    beta: float = 0.9,
    *,
    t: np.ndarray | None = None,
    bias_correction: bool = True,
    ax: Axes | None = None,
    ylim: tuple[float, float] | None = None,
    legend: bool = True,
    ylabel: str = r"$\theta_t$",
) -> EwaArtists:
    r"""Draw a series, its EWA, the bias-corrected EWA and the notes' (wrong) recursion.

    Parameters
    ----------
    theta : ndarray, shape (T,)
        The series :math:`\theta_1, \dots, \theta_T`.
    beta : float, default 0.9
        Decay rate in [0, 1).
    t : ndarray, shape (T,), optional
        The x values (days); ``1, ..., T`` by default.
    bias_correction : bool, default True
        Show the corrected EWA and the notes' recursion (otherwise they are hidden).
    ax : matplotlib Axes, optional
        Where to draw; a new pyplot-free Figure if None.
    ylim : (float, float), optional
        The y range; by default the range of ``theta`` with a margin. The notes' curve,
        which overshoots by orders of magnitude, is pinned just outside it.
    legend : bool, default True
        Add a legend.
    ylabel : str, default r"$\theta_t$"
        Label of the y axis.

    Returns
    -------
    EwaArtists
        ``raw``, ``ewa``, ``corrected``, ``notes`` (Line2D), ``window`` (the shaded
        effective window before the last day) and ``label`` (the text naming the window and
        the notes' peak).

    Examples
    --------
    >>> import numpy as np
    >>> artists = plot_ewa(np.linspace(40.0, 60.0, 50), 0.9)
    >>> artists.ewa.get_ydata()[:2].round(2)
    array([4.  , 7.64])
    """
    theta = _check_series(theta, "theta")
    beta = check_beta(beta, "beta")
    if t is None:
        t = np.arange(1, len(theta) + 1)
    else:
        t = check_array(t, "t", ndim=1)
        if t.shape != theta.shape:
            raise ValueError(f"t must have the shape of theta, {theta.shape}, got {t.shape}")
    check_flag(bias_correction, "bias_correction")
    if ylim is not None:
        ylim = tuple(check_array(ylim, "ylim", ndim=1))
        if len(ylim) != 2 or not ylim[0] < ylim[1]:
            raise ValueError(f"ylim must be (low, high) with low < high, got {ylim!r}")
    ax = new_axes(ax)
    if ylim is None:
        lo, hi = float(np.min(theta)), float(np.max(theta))
        pad = 0.08 * (hi - lo) if hi > lo else 1.0
        ylim = (lo - pad, hi + pad)
    (raw,) = ax.plot(t, theta, ".", ms=3, color=COLORS["raw"], label=r"data $\theta_t$", zorder=1)
    (line,) = ax.plot(t, theta, color=COLORS["ewa"], lw=1.8, label=r"EWA $v_t$")
    (corr,) = ax.plot(t, theta, color=COLORS["corrected"], lw=1.8,
                      label=r"corrected $v_t/(1-\beta^t)$")
    (notes,) = ax.plot(t, theta, "--", color=COLORS["notes"], lw=1.4,
                       label="notes' formula (wrong)")
    window = Rectangle((t[-1], 0.0), 0.0, 1.0, transform=ax.get_xaxis_transform(),
                       color=COLORS["ewa"], alpha=0.12, lw=0, zorder=0)
    ax.add_patch(window)
    label = ax.text(0.02, 0.97, "", transform=ax.transAxes, va="top", ha="left", fontsize=9,
                    bbox={"boxstyle": "round", "fc": "white", "ec": "0.8", "alpha": 0.9})
    ax.set(xlim=(t[0] - 0.5, t[-1] + 0.5), ylim=ylim, xlabel="day $t$", ylabel=ylabel)
    _BASE_YLIM[ax] = tuple(ax.get_ylim())
    if legend:
        ax.legend(loc="lower center", fontsize=8, ncols=2, framealpha=0.9)
    artists = EwaArtists(raw, line, corr, notes, window, label)
    _update_ewa(artists, theta, t, beta, bias_correction)
    return artists


def _update_ewa(
    artists: EwaArtists,
    theta: np.ndarray,
    t: np.ndarray,
    beta: float,
    bias_correction: bool,
    *,
    curves: Mapping[str, np.ndarray] | None = None,
) -> None:
    """Point the artists of :func:`plot_ewa` at a new ``beta`` / ``bias_correction``."""
    if curves is None:
        curves = _curves(theta, beta)
    ax = artists.ewa.axes
    low, high = _BASE_YLIM.get(ax, ax.get_ylim())
    # The uncorrected EWA starts near 0, below a series' range: at beta = 0.999 it stays
    # below it all year and would vanish. When most of it is off the base range, the y range
    # grows to hold it (and shrinks back when it returns).
    v = curves["ewa"]
    outside = np.count_nonzero((v < low) | (v > high))
    if 2 * outside > len(v):
        pad = 0.05 * (max(high, float(v.max())) - min(low, float(v.min())))
        low, high = min(low, float(v.min()) - pad), max(high, float(v.max()) + pad)
    if (low, high) != tuple(ax.get_ylim()):
        ax.set_ylim(low, high)
    artists.ewa.set_ydata(v)
    artists.corrected.set_ydata(curves["corrected"])
    artists.notes.set_ydata(clip_for_display(curves["notes"], low, high))
    artists.corrected.set_visible(bias_correction)
    artists.notes.set_visible(bias_correction)
    width = min(effective_window(beta), float(t[-1] - t[0]) + 1.0)
    artists.window.set_x(float(t[-1]) + 0.5 - width)
    artists.window.set_width(width)
    artists.label.set_text(_window_text(beta, t, curves["notes"], bias_correction))


class EwaExplorer(Explorer):
    """``beta`` and bias correction on a noisy daily series; see :func:`ewa_explorer`."""

    name = "EWA explorer"
    columns = 2

    def __init__(
        self,
        theta: np.ndarray | None = None,
        *,
        beta: float = 0.9,
        bias_correction: bool = True,
        start_days: int = 40,
        rng: np.random.Generator | None = None,
        backend: str = "auto",
    ) -> None:
        start_days = check_int(start_days, "start_days", minimum=1)
        if theta is None:
            rng = np.random.default_rng(0) if rng is None else check_rng(rng)
            self.t, self.theta = make_temperature_series(rng=rng)
            self.ylabel = r"temperature $\theta_t$ (°F)"
        else:
            self.theta = _check_series(theta, "theta")
            self.t = np.arange(1, len(self.theta) + 1)
            self.ylabel = r"$\theta_t$"
        self.start_days = int(min(start_days, len(self.theta)))
        controls = {
            "beta": float_slider("β (beta)", beta, 0.0, 0.999, 0.001, fmt=".3f", arg="beta"),
            "bias_correction": checkbox("bias correction (and the notes' version)",
                                        bias_correction, arg="bias_correction"),
        }
        super().__init__(controls, backend=backend)

    def _build(self) -> None:
        ax_all, ax_start = self.figure.subplots(1, 2, gridspec_kw={"width_ratios": [2.2, 1]})
        self.ax_all, self.ax_start = ax_all, ax_start
        self.all = plot_ewa(self.theta, t=self.t, ax=ax_all, ylabel=self.ylabel)
        ax_all.set_title("a year of noisy daily temperatures", fontsize=10)
        n = self.start_days
        low, top = min(0.0, float(np.min(self.theta[:n]))), float(np.max(self.theta[:n]))
        high = 1.25 * top if top > 0 else top + 0.25 * (top - low) + 1.0
        self.start = plot_ewa(self.theta[:n], t=self.t[:n], ax=ax_start, legend=False,
                              ylim=(low, high))
        self.start.window.set_visible(False)
        ax_start.set_title(f"the first {n} days: start-up bias", fontsize=10)
        ax_start.set_ylabel("")
        for art in (self.all, self.start):  # what _update changes, for fast redraws
            self.animate(art.window, art.ewa, art.corrected, art.notes, art.label)

    def _update(self, values: Mapping[str, Any], changed: frozenset[str]) -> None:
        beta, corrected = float(values["beta"]), bool(values["bias_correction"])
        curves = _curves(self.theta, beta)
        _update_ewa(self.all, self.theta, self.t, beta, corrected, curves=curves)
        n = self.start_days
        head = {k: v[:n] for k, v in curves.items()}
        _update_ewa(self.start, self.theta[:n], self.t[:n], beta, corrected, curves=head)
        k = min(n, 10)
        self.start.label.set_text(
            f"uncorrected v{_subscript(k)} = {curves['ewa'][k - 1]:.3g}:\n"
            f"only 1 − β{_superscript(k)} = {1 - beta**k:.0%} of the level"
        )


def ewa_explorer(
    theta: np.ndarray | None = None,
    *,
    beta: float = 0.9,
    bias_correction: bool = True,
    start_days: int = 40,
    rng: np.random.Generator | None = None,
    backend: str = "auto",
) -> EwaExplorer:
    r"""Move :math:`\beta` and see the EWA smooth, lag, and (without correction) start low.

    Parameters
    ----------
    theta : ndarray, shape (T,), optional
        The series; by default a year of noisy daily temperatures from
        :func:`dlnotes.datasets.make_temperature_series`.
    beta : float, default 0.9
        Initial value of the :math:`\beta` slider (0 to 0.999).
    bias_correction : bool, default True
        Initially show :math:`\hat v_t = v_t/(1-\beta^t)` and the notes' version of it.
    start_days : int, default 40
        How many first days the right panel shows.
    rng : numpy.random.Generator, optional
        Draws the default series; ``np.random.default_rng(0)`` if None.
    backend : {"auto", "ipympl", "image", "agg"}
        See :mod:`dlnotes.viz._explorer`.

    Returns
    -------
    EwaExplorer
        ``.controls`` (``"beta"``, ``"bias_correction"``), ``.figure``, ``.widget``.

    Examples
    --------
    >>> ex = ewa_explorer(beta=0.98)
    >>> sorted(ex.controls)
    ['beta', 'bias_correction']
    >>> "50 days" in ex.all.label.get_text()
    True
    """
    return EwaExplorer(theta, beta=beta, bias_correction=bias_correction,
                       start_days=start_days, rng=rng, backend=backend)
