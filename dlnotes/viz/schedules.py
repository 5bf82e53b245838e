r"""Learning-rate decay, drawn: :func:`plot_schedule` and :func:`schedule_explorer`.

The schedules are :mod:`dlnotes.schedules`; this module only samples and draws them. The
explorer shows the chosen schedule in bold over the others (faint, at their own current
settings), with its formula; only the sliders of the chosen schedule are shown.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.text import Text

from .. import schedules
from .._validation import (
    ArgumentTypeError,
    check_flag,
    check_kwargs,
    check_positive,
    check_real,
    describe,
)
from ._explorer import (
    Explorer,
    checkbox,
    dropdown,
    float_slider,
    int_slider,
    log_slider,
    set_range,
)
from .plots import new_axes, nice_ceiling

__all__ = ["plot_schedule", "schedule_explorer"]


class _Schedule(NamedTuple):
    label: str
    function: Callable[..., Any]
    params: tuple[str, ...]  # names of the explorer's controls it reads (besides lr0, epochs)
    formula: str
    first_epoch: float = 0.0


_SCHEDULES: dict[str, _Schedule] = {
    "inverse_time": _Schedule(
        "inverse time (course)", schedules.inverse_time_decay,
        ("decay_rate", "time_interval", "staircase"),
        r"$\alpha = \dfrac{\alpha_0}{1 + \mathrm{decay\_rate}\cdot"
        r"\mathrm{epoch}/\mathrm{interval}}$",
    ),
    "exponential": _Schedule(
        "exponential", schedules.exponential_decay, ("base",),
        r"$\alpha = \mathrm{decay\_rate}^{\,\mathrm{epoch}}\cdot\alpha_0$",
    ),
    "sqrt": _Schedule(
        "k / √epoch", schedules.sqrt_decay, ("k",),
        r"$\alpha = \dfrac{k}{\sqrt{\mathrm{epoch}}}\,\alpha_0$", 1.0,
    ),
    "step": _Schedule(
        "step (staircase)", schedules.step_decay, ("drop", "epochs_per_drop"),
        r"$\alpha = \alpha_0\cdot\mathrm{drop}^{\lfloor \mathrm{epoch}/"
        r"\mathrm{epochs\_per\_drop}\rfloor}$",
    ),
    "cosine": _Schedule(
        "cosine, warm-up", schedules.cosine_decay, ("warmup_epochs",),
        r"$\alpha = \dfrac{\alpha_0}{2}\left(1 + \cos\dfrac{\pi\,(\mathrm{epoch} - E_w)}"
        r"{E - E_w}\right)$",
    ),
}
"""The schedules the explorer offers: name -> label, function, controls it reads, formula."""

_STAIRCASE_FORMULA = (
    r"$\alpha = \dfrac{\alpha_0}{1 + \mathrm{decay\_rate}\cdot"
    r"\lfloor\mathrm{epoch}/\mathrm{interval}\rfloor}$"
)


def _arguments(name: str, settings: Mapping[str, Any]) -> tuple[tuple, dict]:
    """Positional and keyword arguments of schedule ``name`` (after lr0 and epoch)."""
    s = settings
    if name == "inverse_time":
        return ((float(s["decay_rate"]), float(s["time_interval"])),
                {"staircase": bool(s["staircase"])})
    if name == "exponential":
        return (float(s["base"]),), {}
    if name == "sqrt":
        return (float(s["k"]),), {}
    if name == "step":
        return (float(s["drop"]), float(s["epochs_per_drop"])), {}
    if name == "cosine":
        total = float(s["epochs"])
        return (total,), {"warmup_epochs": min(float(s["warmup_epochs"]), 0.95 * total)}
    raise ValueError(f"schedule must be one of {', '.join(map(repr, _SCHEDULES))}; got {name!r}")


DEFAULTS: dict[str, Any] = {
    "learning_rate0": 0.2, "epochs": 100, "decay_rate": 1.0, "time_interval": 10,
    "staircase": False, "base": 0.95, "k": 1.0, "drop": 0.5, "epochs_per_drop": 20,
    "warmup_epochs": 5,
}
"""Default hyperparameters: the lecture's 0.2 with decay_rate 1, and 0.95 for exponential."""


def _epochs(name: str, epochs: float, n: int = 600) -> np.ndarray:
    return np.linspace(_SCHEDULES[name].first_epoch, float(epochs), n)


def _curve(name: str, settings: Mapping[str, Any], epoch: np.ndarray) -> np.ndarray:
    args, kwargs = _arguments(name, settings)
    return np.asarray(
        _SCHEDULES[name].function(float(settings["learning_rate0"]), epoch, *args, **kwargs)
    )


class ScheduleArtists(NamedTuple):
    """What :func:`plot_schedule` drew."""

    line: Line2D
    formula: Text


def plot_schedule(
    schedule: str = "inverse_time",
    *,
    ax: Axes | None = None,
    epochs: float = 100,
    label: str | None = None,
    **settings: Any,
) -> ScheduleArtists:
    r"""Draw a learning-rate schedule :math:`\alpha(\text{epoch})` up to epoch ``epochs``.

    Parameters
    ----------
    schedule : {"inverse_time", "exponential", "sqrt", "step", "cosine"}
        Which function of :mod:`dlnotes.schedules` to draw.
    ax : matplotlib Axes, optional
        Where to draw; a new pyplot-free Figure if None.
    epochs : float > 0, default 100
        Last epoch drawn (and ``total_epochs`` of the cosine schedule).
    label : str, optional
        Legend label; the schedule's name by default.
    **settings
        ``learning_rate0`` and the schedule's hyperparameters: ``decay_rate``,
        ``time_interval``, ``staircase`` (inverse time); ``base`` (the exponential's
        ``decay_rate``); ``k`` (sqrt); ``drop``, ``epochs_per_drop`` (step);
        ``warmup_epochs`` (cosine). Missing ones take the values of ``DEFAULTS``. Each is a
        real number (``staircase``: True or False); the schedule itself checks its range.

    Returns
    -------
    ScheduleArtists
        ``line`` (Line2D) and ``formula`` (Text, the formula in the course's symbols).

    Examples
    --------
    >>> art = plot_schedule("step", drop=0.5, epochs_per_drop=10, epochs=30)
    >>> float(art.line.get_ydata()[-1])
    0.025
    """
    if schedule not in _SCHEDULES:
        raise ValueError(
            f"schedule must be one of {', '.join(map(repr, _SCHEDULES))}; got {schedule!r}"
        )
    unknown = set(settings) - set(DEFAULTS)
    if unknown:
        raise ValueError(
            f"unknown schedule setting(s) {sorted(unknown)}; known: {sorted(DEFAULTS)}"
        )
    epochs = check_positive(epochs, "epochs")
    for key, value in settings.items():
        if key == "staircase":
            check_flag(value, key)
        else:
            check_real(value, key)
    if label is not None and not isinstance(label, str):
        raise ArgumentTypeError(f"label must be None or a string, got {describe(label)}")
    s = {**DEFAULTS, **settings, "epochs": epochs}
    ax = new_axes(ax)
    epoch = _epochs(schedule, epochs)
    (line,) = ax.plot(epoch, _curve(schedule, s, epoch), lw=2.2,
                      label=_SCHEDULES[schedule].label if label is None else label)
    formula = ax.text(0.97, 0.95, _formula(schedule, s), transform=ax.transAxes, ha="right",
                      va="top", fontsize=12,
                      bbox={"boxstyle": "round", "fc": "white", "ec": "0.8", "alpha": 0.9})
    ax.set(xlabel="epoch", ylabel=r"learning rate $\alpha$", xlim=(0, epochs),
           ylim=(0, _top(schedule, s)))
    return ScheduleArtists(line, formula)


def _top(name: str, settings: Mapping[str, Any]) -> float:
    """A y limit that holds the whole curve: sqrt decay starts at k * lr0."""
    k = float(settings["k"]) if name == "sqrt" else 1.0
    return 1.08 * float(settings["learning_rate0"]) * max(1.0, k)


def _formula(name: str, settings: Mapping[str, Any]) -> str:
    if name == "inverse_time" and settings["staircase"]:
        return _STAIRCASE_FORMULA
    return _SCHEDULES[name].formula


class ScheduleExplorer(Explorer):
    """Each decay schedule and its hyperparameters; see :func:`schedule_explorer`."""

    name = "schedule explorer"
    dynamic_ranges = frozenset({"warmup_epochs"})

    def __init__(self, schedule: str = "inverse_time", *, backend: str = "auto",
                 **settings: Any) -> None:
        check_kwargs(settings, DEFAULTS, "schedule_explorer()")
        s = {**DEFAULTS, **settings}
        if isinstance(s["warmup_epochs"], int) and isinstance(s["epochs"], int) \
                and s["warmup_epochs"] > s["epochs"] - 1 >= 0:
            raise ValueError(
                f"warmup_epochs must be <= {s['epochs'] - 1} (epochs - 1), "
                f"got {s['warmup_epochs']!r}"
            )
        options = [(spec.label, key) for key, spec in _SCHEDULES.items()]
        controls = {
            "schedule": dropdown("schedule", options, schedule, arg="schedule"),
            "learning_rate0": log_slider("α₀ (learning_rate0)", s["learning_rate0"], 1e-4, 1.0,
                                         arg="learning_rate0"),
            "epochs": int_slider("epochs", s["epochs"], 10, 300, 5),
            "decay_rate": float_slider("decay_rate", s["decay_rate"], 0.0, 5.0, 0.05),
            "time_interval": int_slider("time_interval", s["time_interval"], 1, 50),
            "staircase": checkbox("staircase", s["staircase"]),
            "base": float_slider("decay_rate (base)", s["base"], 0.5, 1.0, 0.005, arg="base"),
            "k": float_slider("k", s["k"], 0.1, 3.0, 0.05),
            "drop": float_slider("drop", s["drop"], 0.05, 1.0, 0.05),
            "epochs_per_drop": int_slider("epochs_per_drop", s["epochs_per_drop"], 1, 100),
            "warmup_epochs": int_slider("warmup_epochs", s["warmup_epochs"], 0, 50),
        }
        super().__init__(controls, backend=backend)

    def _build(self) -> None:
        self.ax = self.figure.add_subplot()
        s = self.values
        self.others: dict[str, Line2D] = {}
        for name, spec in _SCHEDULES.items():
            epoch = _epochs(name, s["epochs"])
            (self.others[name],) = self.ax.plot(epoch, _curve(name, s, epoch), lw=1.2,
                                                alpha=0.45, label=spec.label)
        art = plot_schedule(s["schedule"], ax=self.ax, epochs=s["epochs"],
                            label="chosen schedule",
                            **{k: v for k, v in s.items() if k in DEFAULTS and k != "epochs"})
        self.line, self.formula = art
        self.line.set_color("black")
        (self.continuous,) = self.ax.plot([], [], ":", color="black", lw=1.2,
                                          label="without staircase")
        # outside the axes: no curve ever crosses it, so it stays static
        self.ax.legend(loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize=8)
        self.ax.grid(alpha=0.3)
        self.animate(*self.others.values(), self.line, self.continuous, self.formula)

    def _sync_controls(self, changed: frozenset[str]) -> None:
        warmup, epochs = self.controls["warmup_epochs"], int(self.controls["epochs"].value)
        if warmup.max != epochs - 1:  # the warm-up must end before the last epoch
            set_range(warmup, 0, epochs - 1, min(warmup.value, epochs - 1))
        chosen = _SCHEDULES[self.controls["schedule"].value]
        for name in ("decay_rate", "time_interval", "staircase", "base", "k", "drop",
                     "epochs_per_drop", "warmup_epochs"):
            self.controls[name].layout.display = None if name in chosen.params else "none"

    def _update(self, values: Mapping[str, Any], changed: frozenset[str]) -> None:
        name = values["schedule"]
        for other, line in self.others.items():
            epoch = _epochs(other, values["epochs"])
            line.set_data(epoch, _curve(other, values, epoch))
        epoch = _epochs(name, values["epochs"])
        self.line.set_data(epoch, _curve(name, values, epoch))
        if name == "inverse_time" and values["staircase"]:
            self.continuous.set_data(epoch, _curve(name, {**values, "staircase": False}, epoch))
        else:
            self.continuous.set_data([], [])
        self.formula.set_text(_formula(name, values))
        self.ax.set_xlim(0, values["epochs"])
        self.ax.set_ylim(0, nice_ceiling(max(_top(other, values) for other in _SCHEDULES)))


def schedule_explorer(schedule: str = "inverse_time", *, backend: str = "auto",
                      **settings: Any) -> ScheduleExplorer:
    r"""Pick a learning-rate decay schedule and move its hyperparameters.

    Parameters
    ----------
    schedule : {"inverse_time", "exponential", "sqrt", "step", "cosine"}, default "inverse_time"
        The schedule chosen at first.
    backend : {"auto", "ipympl", "image", "agg"}
        See :mod:`dlnotes.viz._explorer`.
    **settings
        Initial values of the controls: ``learning_rate0``, ``epochs``, ``decay_rate``,
        ``time_interval``, ``staircase``, ``base``, ``k``, ``drop``, ``epochs_per_drop``,
        ``warmup_epochs`` (see ``DEFAULTS``).

    Returns
    -------
    ScheduleExplorer
        ``.controls``, ``.figure``, ``.widget``.

    Examples
    --------
    >>> ex = schedule_explorer("exponential")
    >>> ex.controls["base"].layout.display is None, ex.controls["k"].layout.display
    (True, 'none')
    """
    return ScheduleExplorer(schedule, backend=backend, **settings)
