r"""The shared base of every explorer: controls, one Figure, and a redraw in place.

An *explorer* is a small object a notebook shows in one line (``ewa_explorer()``). It holds

- ``.controls``: a ``dict`` from a name to an ipywidgets control (a slider, a dropdown, ...);
- ``.figure``: the :class:`matplotlib.figure.Figure` it draws on (built without pyplot, so
  nothing leaks into pyplot's global state and no rcParams are touched);
- ``.widget``: the whole UI, the controls above the canvas, as an ipywidgets ``VBox``.

Changing a control's ``.value`` calls the subclass's ``_update`` with the current values; it
updates the artists it made in ``_build`` (``set_data``, ``set_ydata``, ``set_text``, ...)
and the figure is rendered again. Nothing is cleared and rebuilt. The artists that change are
declared with :meth:`Explorer.animate`: when nothing else changed (limits, tick labels, static
texts), only they are repainted over a saved background (blitting), which takes a few
milliseconds instead of a full render.

Writing an explorer
-------------------
Subclass :class:`Explorer`, make the controls, precompute anything expensive, then call
``super().__init__(controls, ...)``; implement two methods::

    class SquareExplorer(Explorer):
        name = "square explorer"

        def __init__(self, a=1.0, *, backend="auto"):
            self.x = np.linspace(-2, 2, 101)                  # precompute here
            controls = {"a": float_slider("a", a, 0.0, 3.0, 0.1)}
            super().__init__(controls, backend=backend)

        def _build(self):                                     # once: axes and artists
            self.ax = self.figure.add_subplot()
            (self.line,) = self.ax.plot(self.x, 0 * self.x)
            self.ax.set(xlabel="x", ylabel="a x^2", ylim=(0, 12))
            self.animate(self.line)                           # what _update changes

        def _update(self, values, changed):                  # every change: in place
            self.line.set_ydata(values["a"] * self.x**2)

``changed`` is the set of control names that changed since the last redraw (all of them at the
first draw), so an explorer can skip work that does not depend on them. An explorer whose
controls depend on each other (a new surface resets the start point) adjusts them in
``_sync_controls(changed)``; those changes are folded into the same single redraw.
:meth:`Explorer.set` changes several controls with one redraw, and :meth:`Explorer.hold`
is the context manager behind it.

Keep redraws cheap: precompute in ``__init__`` (contours, training curves); avoid mathtext
(``$...$``) in a text whose content changes on every redraw (it is parsed anew each time; use
Unicode: β, σ, z₁, −); round axis limits that follow the data
(:func:`dlnotes.viz.plots.nice_ceiling`) so that they stay put while a slider moves;
leave a legend static (not animated) when no animated artist can cross it; and animate an
axis, or a text with a few variants, with ``cache=True`` (a string not drawn before costs
about 70 us a character to lay out, even with the glyph bitmaps kept: keep changing texts short).

Backends
--------
Chosen once, when the explorer is made (``backend="auto"``):

- ``"image"``: inside a running Jupyter kernel (JupyterLab, Notebook, Voila). The canvas is
  an ``ipywidgets.Image`` given the new frame after every change, as a PNG quick to encode
  (:func:`png_frame`). The browser only decodes and shows it: measured from keypress to
  repaint in Chromium (``python -m benchmarks.browser`` against the same with ``--variant
  ipympl``, back to back), 6 to 41 ms less than ipympl's canvas for every explorer, and 42
  against 73 ms for the smallest explorer
  possible (the stack's floor), because ipympl also re-encodes its canvas as a PNG
  (``toDataURL``) and draws each frame twice in the page.
- ``"ipympl"``: on request (``backend="ipympl"``), with ipympl installed. The canvas is
  ipympl's widget, with its toolbar: the figure can be panned and zoomed. A redraw sends
  the whole frame (see :func:`_frame_canvas_class`). No pyplot is needed: the canvas wraps
  our Figure.
- ``"agg"``: no kernel (a script, the tests). Agg renders the figure in memory on every
  change, so a drawing error surfaces where the control was set; the ``Image`` in
  ``.widget`` is refreshed only when the explorer is displayed.

The static figure left behind
-----------------------------
Displaying an explorer (the last line of a cell) emits one output with three
representations: the live widget view, a PNG of the figure as it is at that moment, and a
line of text. A running JupyterLab shows the widget. Where no widget can be shown (nbconvert
HTML, nbviewer, GitHub, a reader without Jupyter widgets) the PNG is shown instead. JupyterLab
itself, opening a saved notebook, picks the widget view even when it has no kernel and writes
"model not found" instead of the picture (``jupyterlab_widgets`` ``renderer.ts``). Where that
matters, :meth:`Explorer.static` returns a snapshot whose only representation is the PNG:
make it the last line of the next cell and the picture is always stored in the notebook.
The image widget (and the ipympl canvas) also carries the PNG in its widget state, so a
notebook saved with "Save Widget State Automatically" shows it too.

Helpers
-------
:func:`float_slider`, :func:`log_slider`, :func:`int_slider`, :func:`dropdown`,
:func:`checkbox` and :func:`selection_slider` make controls with one consistent look;
:func:`set_range` moves a slider's range safely (for controls that depend on another).
"""

from __future__ import annotations

import base64
import functools
import io
import itertools
import math
import struct
import sys
import warnings
import zlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

import ipywidgets as widgets
import numpy as np
from matplotlib.artist import Artist
from matplotlib.axis import Axis
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.legend import Legend
from matplotlib.spines import Spine
from matplotlib.text import Text

from .._validation import (
    ArgumentTypeError,
    check_choice,
    check_flag,
    check_in_range,
    check_int,
    check_real,
    describe,
    did_you_mean,
)

__all__ = [
    "BACKENDS",
    "Explorer",
    "StaticFigure",
    "checkbox",
    "choose_backend",
    "dropdown",
    "float_slider",
    "int_slider",
    "log_slider",
    "selection_slider",
    "set_range",
]

BACKENDS = ("auto", "ipympl", "image", "agg")
"""The accepted values of an explorer's ``backend`` argument."""

_figure_numbers = itertools.count(1)


# --------------------------------------------------------------------------- backend


def _kernel_running() -> bool:
    """True inside a running IPython kernel (Jupyter), False in a plain Python process."""
    ipython = sys.modules.get("IPython")  # never import IPython just to find out
    if ipython is None:
        return False
    shell = ipython.get_ipython()
    return shell is not None and getattr(shell, "kernel", None) is not None


def _ipympl_available() -> bool:
    try:
        import ipympl.backend_nbagg  # noqa: F401
    except ImportError:
        return False
    return True


def choose_backend(backend: str = "auto") -> str:
    """Resolve ``backend`` to ``"ipympl"``, ``"image"`` or ``"agg"``.

    ``"auto"`` gives ``"image"`` in a running kernel (the quickest to the screen) and
    ``"agg"`` outside a kernel. Asking for ``"ipympl"`` (pan and zoom) where it is not
    installed falls back to ``"image"``.

    Examples
    --------
    >>> choose_backend()            # a plain Python process: no kernel
    'agg'
    >>> choose_backend("image")
    'image'
    """
    backend = check_choice(backend, "backend", BACKENDS)
    if backend == "auto":
        return "image" if _kernel_running() else "agg"
    if backend == "ipympl" and not _ipympl_available():
        return "image"
    return backend


# --------------------------------------------------------------------------- controls

_STYLE = {"description_width": "initial"}


def _layout() -> widgets.Layout:
    return widgets.Layout(width="auto", min_width="220px")


# Each factory refuses a ``value`` outside its range (ipywidgets would clamp it silently: an
# ``optimizer_explorer(learning_rate=5.0)`` ran at 3.0) or outside its options (ipywidgets would
# raise a TraitError naming no argument). ``arg`` is the name the message gives: the explorer
# factory's argument that set ``value``; the description by default.


def _option_values(options: Sequence[Any]) -> list[Any]:
    return [o[1] if isinstance(o, tuple) and len(o) == 2 else o for o in options]


def check_control_value(
    control: widgets.Widget, value: Any, arg: str, *, kind_only: bool = False
) -> Any:
    """Return ``value`` if ``control`` can hold it exactly, else raise naming ``arg``.

    Used by :meth:`Explorer.set`. With ``kind_only``, a slider's range is not checked (only
    that the value is a number): for a slider whose range follows other controls.
    """
    if kind_only and isinstance(control, (widgets.IntSlider, widgets.IntRangeSlider)):
        return check_int(value, arg)
    if kind_only and isinstance(control, (widgets.FloatSlider, widgets.FloatLogSlider)):
        return check_real(value, arg)
    if isinstance(control, widgets.FloatLogSlider):
        low, high = control.base ** control.min, control.base ** control.max
        return check_in_range(value, arg, low * (1 - 1e-12), high * (1 + 1e-12))
    if isinstance(control, (widgets.IntSlider, widgets.IntRangeSlider)):
        return check_in_range(value, arg, control.min, control.max, integer=True)
    if isinstance(control, (widgets.FloatSlider,)):
        return check_in_range(value, arg, control.min, control.max)
    if isinstance(control, (widgets.Dropdown, widgets.SelectionSlider)):
        return check_choice(value, arg, control._options_values)
    if isinstance(control, widgets.Checkbox):
        check_flag(value, arg)
    return value


def check_int_list(
    values: Any, name: str, *, minimum: int = 1, maximum: int | None = None
) -> tuple[int, ...]:
    """A non-empty sequence of integers in ``[minimum, maximum]``, as a tuple (explorer sizes)."""
    if isinstance(values, (str, bytes, Mapping)) or not isinstance(values, Iterable):
        raise ArgumentTypeError(f"{name} must be a sequence of integers, got {describe(values)}")
    values = tuple(values)
    if not values:
        raise ValueError(f"{name} must hold at least one integer, got {describe(values)}")
    return tuple(check_int(v, f"{name}[{i}]", minimum=minimum, maximum=maximum)
                 for i, v in enumerate(values))


def check_float_list(values: Any, name: str, low: float, high: float) -> tuple[float, ...]:
    """A non-empty sequence of real numbers in ``[low, high]``, as a tuple of floats."""
    if isinstance(values, (str, bytes, Mapping)) or not isinstance(values, Iterable):
        raise ArgumentTypeError(f"{name} must be a sequence of numbers, got {describe(values)}")
    values = tuple(values)
    if not values:
        raise ValueError(f"{name} must hold at least one number, got {describe(values)}")
    return tuple(check_in_range(v, f"{name}[{i}]", low, high) for i, v in enumerate(values))


def check_seed(seed: Any) -> int:
    """A seed for ``np.random.default_rng``: an integer >= 0."""
    return check_int(seed, "seed", minimum=0)


def float_slider(
    description: str,
    value: float,
    min: float,
    max: float,
    step: float,
    *,
    fmt: str = ".3g",
    arg: str | None = None,
) -> widgets.FloatSlider:
    """A ``FloatSlider`` on ``[min, max]`` with the house style."""
    value = check_in_range(value, arg or description, min, max)
    return widgets.FloatSlider(
        value=value, min=min, max=max, step=step, description=description,
        readout_format=fmt, continuous_update=True, style=_STYLE, layout=_layout(),
    )


def log_slider(
    description: str,
    value: float,
    low: float,
    high: float,
    *,
    steps_per_decade: int = 10,
    fmt: str = ".3g",
    arg: str | None = None,
) -> widgets.FloatLogSlider:
    """A ``FloatLogSlider`` from ``low`` to ``high`` (actual values, not exponents)."""
    if not 0 < low < high:
        raise ValueError(f"log_slider needs 0 < low < high, got low={low!r}, high={high!r}")
    value = check_in_range(value, arg or description, low, high)
    return widgets.FloatLogSlider(
        value=value, base=10, min=float(np.log10(low)), max=float(np.log10(high)),
        step=1.0 / steps_per_decade, description=description, readout_format=fmt,
        style=_STYLE, layout=_layout(),
    )


def int_slider(
    description: str, value: int, min: int, max: int, step: int = 1, *, arg: str | None = None
) -> widgets.IntSlider:
    """An ``IntSlider`` on ``[min, max]`` with the house style."""
    value = int(check_in_range(value, arg or description, min, max, integer=True))
    return widgets.IntSlider(
        value=value, min=min, max=max, step=step, description=description,
        style=_STYLE, layout=_layout(),
    )


def dropdown(
    description: str, options: Sequence[Any], value: Any, *, arg: str | None = None
) -> widgets.Dropdown:
    """A ``Dropdown``; ``options`` may be values or ``(label, value)`` pairs."""
    check_choice(value, arg or description, _option_values(options))
    return widgets.Dropdown(
        options=options, value=value, description=description, style=_STYLE, layout=_layout()
    )


def checkbox(description: str, value: bool, *, arg: str | None = None) -> widgets.Checkbox:
    """A ``Checkbox`` (a toggle) with the house style."""
    check_flag(value, arg or description)
    return widgets.Checkbox(
        value=value, description=description, indent=False, style=_STYLE, layout=_layout()
    )


def selection_slider(
    description: str, options: Sequence[Any], value: Any, *, arg: str | None = None
) -> widgets.SelectionSlider:
    """A ``SelectionSlider`` over a few discrete options (values or ``(label, value)``)."""
    check_choice(value, arg or description, _option_values(options))
    return widgets.SelectionSlider(
        options=options, value=value, description=description, style=_STYLE, layout=_layout()
    )


def set_range(slider: widgets.Widget, low: float, high: float, value: float) -> None:
    """Give a slider a new ``[low, high]`` and ``value``, in an order ipywidgets accepts.

    Setting ``min`` above the current ``max`` (or the reverse) raises in ipywidgets, so the
    range is first widened to hold both the old and the new one, then narrowed.
    """
    slider.min, slider.max = min(slider.min, low), max(slider.max, high)
    slider.value = value
    slider.min, slider.max = low, high


# --------------------------------------------------------------------------- static figure


class StaticFigure:
    """A PNG snapshot of a figure; in a notebook it shows as a plain image.

    Its only rich representation is ``image/png``, so every frontend, with or without a
    kernel or a widget manager, shows the same picture.
    """

    def __init__(self, png: bytes) -> None:
        self.png = png

    def _repr_png_(self) -> bytes:
        return self.png

    def save(self, path: str) -> None:
        """Write the PNG to ``path``."""
        with open(path, "wb") as f:
            f.write(self.png)

    def __repr__(self) -> str:
        return f"<StaticFigure: PNG of {len(self.png)} bytes>"


# --------------------------------------------------------------------------- the base


class Explorer:
    """Base class of the explorers: controls, one Figure and an in-place redraw.

    Parameters
    ----------
    controls : mapping of str to ipywidgets control
        Every control whose ``.value`` the figure depends on, by name. The names are the
        keys of ``values`` passed to :meth:`_update`.
    backend : {"auto", "ipympl", "image", "agg"}, default "auto"
        How the figure reaches the screen; see the module docstring.
    figsize : (float, float), optional
        Figure size in inches; the class attribute ``figsize`` by default.
    dpi : float, optional
        Resolution of the canvas and of the static PNG; the class attribute ``dpi`` by
        default.

    Attributes
    ----------
    controls : dict of str to ipywidgets control
    figure : matplotlib.figure.Figure
    widget : ipywidgets.VBox
        The controls (a grid of ``columns`` per row) above the canvas.
    backend : str
        The backend in use: ``"ipympl"``, ``"image"`` or ``"agg"``.

    Notes
    -----
    The layout is computed once by matplotlib's constrained layout after the first update and
    then frozen (it costs more than the rest of a redraw). Keep the text that changes inside
    the axes; call :meth:`relayout` after a change that resizes tick labels (a new surface),
    or set ``relayout_every_draw = True`` on the subclass.
    """

    name: str = "explorer"
    figsize: tuple[float, float] = (9.0, 4.0)
    dpi: float = 100.0
    max_width: int = 840
    """The widest canvas, in pixels: unless ``dpi`` is given, the resolution is lowered so that
    ``figsize[0] * dpi`` fits, and the explorer fits a 900 px notebook column. The figure is
    the same (the layout is in inches), only drawn with fewer pixels, which also makes each
    frame cheaper to draw, encode, send and paint."""
    columns: int = 3
    relayout_every_draw: bool = False
    # controls whose slider range follows other controls (set() checks them after the change)
    dynamic_ranges: frozenset[str] = frozenset()

    def __init__(
        self,
        controls: Mapping[str, widgets.ValueWidget],
        *,
        backend: str = "auto",
        figsize: tuple[float, float] | None = None,
        dpi: float | None = None,
    ) -> None:
        self.controls: dict[str, widgets.ValueWidget] = dict(controls)
        self.backend = choose_backend(backend)
        self._hold_depth = 0
        self._pending: set[str] = set()
        self._png_stale = True
        if figsize is not None:
            self.figsize = tuple(figsize)
        if dpi is not None:
            self.dpi = float(dpi)
        else:
            self.dpi = min(float(self.dpi), self.max_width / self.figsize[0])
        self.figure = Figure(figsize=self.figsize, dpi=self.dpi,
                             layout="constrained" if self.relayout_every_draw else "none")
        self._canvas = self._make_canvas()
        self._animated: list[Artist] = []
        self._pixels = _PixelCache()
        self._background: Any = None
        self._signature: Any = None
        self._canvas.mpl_connect("draw_event", self._on_draw)
        self._build()
        self._apply(set(self.controls))
        self.relayout()  # lay out once, with the first values in place
        self._render()
        for name, control in self.controls.items():
            control.observe(self._observer(name), names="value")
        self._box = widgets.VBox([self._controls_box(), self._canvas_widget()])
        self._box.add_class("dlnotes-explorer")  # how the browser tests find an explorer

    # ---- to implement in a subclass -------------------------------------------------

    def _build(self) -> None:
        """Create the axes and every artist, once. ``self.figure`` exists already."""
        raise NotImplementedError

    def _update(self, values: Mapping[str, Any], changed: frozenset[str]) -> None:
        """Update the artists in place from the controls' ``values``."""
        raise NotImplementedError

    def _sync_controls(self, changed: frozenset[str]) -> None:
        """Adjust controls that depend on others (ranges, defaults). Optional."""

    # ---- public API ---------------------------------------------------------------

    @property
    def values(self) -> dict[str, Any]:
        """The current value of every control, by name."""
        return {name: control.value for name, control in self.controls.items()}

    @property
    def widget(self) -> widgets.VBox:
        """The whole UI: the controls above the canvas."""
        if self.backend == "agg" and self._png_stale:
            self._image.value = self._buffer_png()
            self._png_stale = False
        return self._box

    def set(self, **values: Any) -> Explorer:
        """Set several controls at once, with a single redraw; returns the explorer.

        Examples
        --------
        >>> from dlnotes.viz import softmax_explorer
        >>> ex = softmax_explorer().set(z1=2.0, temperature=0.5)
        >>> ex.values["z1"], ex.values["temperature"]
        (2.0, 0.5)
        """
        unknown = sorted(set(values) - set(self.controls))
        if unknown:
            raise ValueError(
                f"{type(self).__name__} has no control named {', '.join(map(repr, unknown))}"
                f"{did_you_mean(unknown[0], self.controls)}; "
                f"its controls are {', '.join(map(repr, self.controls))}"
            )
        dynamic = self.dynamic_ranges
        for name, value in values.items():  # all checked before any is set
            check_control_value(self.controls[name], value, name, kind_only=name in dynamic)
        with self.hold():
            for name, value in values.items():
                self.controls[name].value = value
        for name in sorted(dynamic & set(values)):  # ranges that follow other controls
            control = self.controls[name]
            if control.value != values[name] and control.min <= values[name] <= control.max:
                control.value = values[name]  # clamped to the old range, fits the new one
            if control.value != values[name]:
                raise ValueError(
                    f"{name} must be in [{control.min:g}, {control.max:g}] with the other "
                    f"settings, got {values[name]!r} (the slider now shows {control.value!r})"
                )
        return self

    @contextmanager
    def hold(self) -> Iterator[None]:
        """Collect control changes and redraw once, when the outermost ``hold`` ends."""
        self._hold_depth += 1
        try:
            yield
        finally:
            self._hold_depth -= 1
        if self._hold_depth == 0 and self._pending:
            changed, self._pending = set(self._pending), set()
            self.redraw(changed)

    def redraw(self, changed: Iterable[str] | None = None) -> None:
        """Update the artists from the controls and render the figure again."""
        self._apply(set(self.controls) if changed is None else set(changed))
        self._render()

    def relayout(self) -> None:
        """Run constrained layout once now (the layout is otherwise frozen)."""
        if not self.relayout_every_draw:
            ConstrainedLayoutEngine().execute(self.figure)
            self.invalidate()

    def animate(self, *artists: Artist | Iterable[Artist], cache: bool = False) -> None:
        """Declare the artists that :meth:`_update` changes, for fast redraws (blitting).

        Call it in :meth:`_build`, in drawing order (a legend that lines may cross comes
        last). A redraw that leaves everything else as it was (limits, texts, visibility)
        then repaints only these artists over a saved background; anything else triggers a
        full draw. An explorer that animates nothing is always drawn in full.

        An axis (``ax.xaxis``) may be animated too, when its limits or ticks follow the
        controls: its ticks and label are then repainted on every redraw and its limits no
        longer force a full draw, so every artist of that axes placed by those limits
        (data coordinates) must be animated as well.

        With ``cache=True`` (for an axis or a text without a box, whose few states cost
        much to draw: tick labels, a long text) the pixels each state paints are kept, and
        pasted back when that state returns over the same pixels; see :class:`_PixelCache`.
        """
        for artist in _flatten(artists):
            artist.set_animated(True)
            self._animated.append(artist)
            if cache:
                self._pixels.artists.add(artist)

    def invalidate(self) -> None:
        """Make the next redraw a full one (after changing a static artist by hand)."""
        self._signature = None

    def png(self, dpi: float | None = None) -> bytes:
        """The figure as PNG bytes, at ``dpi`` (the explorer's own by default)."""
        buf = io.BytesIO()
        self.figure.savefig(buf, format="png", dpi=self.dpi if dpi is None else dpi)
        self.invalidate()  # saving drew into (or replaced) the canvas' buffer
        return buf.getvalue()

    def static(self, dpi: float | None = None) -> StaticFigure:
        """A PNG snapshot of the figure now, shown as a plain image in any frontend."""
        return StaticFigure(self.png(dpi))

    def close(self) -> None:
        """Close the widgets (and the ipympl canvas); the explorer is unusable afterwards."""
        for control in self.controls.values():
            control.close()
        self._box.close()
        if isinstance(self._canvas, widgets.Widget):
            self._canvas.close()

    # ---- display ------------------------------------------------------------------

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        png = base64.b64encode(self.png()).decode("ascii")
        if self.backend == "ipympl":  # ipympl keeps a PNG in its state for saved notebooks
            self._canvas._data_url = f"data:image/png;base64,{png}"
        bundle = self.widget._repr_mimebundle_(include=include, exclude=exclude) or {}
        bundle["image/png"] = png
        bundle["text/plain"] = f"{self!r} (interactive with a running kernel)"
        return bundle

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={_short(v)}" for k, v in self.values.items())
        return f"<{self.name}: {shown}>"

    # ---- machinery ----------------------------------------------------------------

    def _apply(self, names: set[str]) -> None:
        self._hold_depth += 1  # changes made while syncing are folded into this update
        try:
            self._sync_controls(frozenset(names))
            names |= self._pending
            self._pending = set()
            self._update(self.values, frozenset(names))
        finally:
            self._hold_depth -= 1
            self._pending = set()

    def _observer(self, name: str):
        def on_change(change: Mapping[str, Any]) -> None:
            if self._hold_depth:
                self._pending.add(name)
            else:
                self.redraw({name})

        return on_change

    def _make_canvas(self):
        if self.backend == "ipympl":
            from ipympl.backend_nbagg import FigureManager

            canvas = _frame_canvas_class()(self.figure)
            with warnings.catch_warnings():  # ipympl's Toolbar passes traitlets a stray argument
                warnings.simplefilter("ignore", DeprecationWarning)
                FigureManager(canvas, next(_figure_numbers))  # wires messages; not in Gcf
            canvas.header_visible = False
            canvas.footer_visible = False
            canvas.resizable = False
            canvas.toolbar_visible = "fade-in-fade-out"
            return canvas
        return _AggCanvas(self.figure)

    def _canvas_widget(self) -> widgets.DOMWidget:
        if self.backend == "ipympl":
            return self._canvas
        width = int(round(self.figsize[0] * self.dpi))
        self._image = widgets.Image(
            value=self._buffer_png() if self.backend == "image" else b"",
            format="png",
            layout=widgets.Layout(width=f"{width}px", max_width="100%"),
        )
        self._png_stale = self.backend == "agg"
        return self._image

    def _controls_box(self) -> widgets.GridBox:
        # ``columns`` controls a row, fewer (down to one) where the column is narrower
        # than ``columns`` times a control's minimum width: they wrap instead of overflowing.
        share = f"calc((100% - {self.columns - 1} * 12px) / {self.columns})"
        return widgets.GridBox(
            list(self.controls.values()),
            layout=widgets.Layout(
                grid_template_columns=f"repeat(auto-fill, minmax(max(220px, {share}), 1fr))",
                grid_gap="2px 12px",
                width=f"{int(round(self.figsize[0] * self.dpi))}px",
                max_width="100%",
            ),
        )

    def _render(self) -> None:
        """Repaint: only the animated artists if nothing else changed, else everything."""
        canvas = self.figure.canvas
        if self.backend == "ipympl" and getattr(canvas, "syncing_data_url", False):
            # No browser view has said "initialized" yet. A draw or blit now would push a
            # bare base64 ``_data_url`` (ipympl 0.10) that JupyterLab applies as a broken
            # image, leaving the canvas 0x0 for good (found by tests/e2e). Ask for a draw
            # instead: ipympl sends it once the view is ready.
            canvas.draw_idle()
            self._png_stale = True
            return
        if (self._animated and self._background is not None
                and self._signature is not None and self._static_signature() == self._signature):
            canvas.restore_region(self._background)
            self._draw_animated()
            canvas.blit(self.figure.bbox)  # ipympl: sends the changed pixels
        else:
            canvas.draw()  # the draw_event handler saves the background, adds the animated
            self._signature = self._static_signature()
        if self.backend == "image" and hasattr(self, "_image"):
            self._image.value = self._buffer_png()
        self._png_stale = True

    def _on_draw(self, event: Any) -> None:
        """After any full draw (ours, or ipympl's after a resize): save the background."""
        canvas = self.figure.canvas
        if not self._animated or canvas.is_saving():
            return
        self._background = canvas.copy_from_bbox(self.figure.bbox)
        self._draw_animated()

    def _draw_animated(self) -> None:
        for artist in self._animated:
            if artist.get_visible():
                self._pixels.draw(self.figure, artist)

    def _static_signature(self) -> Any:
        """What a full draw depends on besides the animated artists; a fresh object (never
        equal) as soon as some static artist has changed since the last draw."""
        fig = self.figure
        sig: list[Any] = [tuple(fig.bbox.bounds)]
        sig += [t.get_text() for t in fig.texts]
        for ax in fig.axes:
            sig.append(tuple(ax.get_position().bounds))
            for axis, lim in ((ax.xaxis, ax.get_xlim), (ax.yaxis, ax.get_ylim)):
                if not axis.get_animated():  # an animated axis is repainted anyway
                    sig += [lim(), axis.get_scale()]
            for child in ax.get_children():
                if child.get_animated():
                    continue
                visible = child.get_visible()
                sig.append(visible)
                if isinstance(child, Text):  # an empty text is never drawn, so stays stale
                    sig += [child.get_text(), tuple(child.get_position())]
                elif isinstance(child, Legend):
                    sig += [t.get_text() for t in child.get_texts()]
                elif isinstance(child, (Axis, Spine)):
                    pass  # set_xlim marks them stale even when the limits stay: see above
                elif visible and child.stale:  # changed since it was last drawn
                    return object()
        return tuple(sig)

    def _buffer_png(self) -> bytes:
        """The canvas' current pixels as PNG, without drawing again (:func:`png_frame`)."""
        return png_frame(np.asarray(self.figure.canvas.buffer_rgba()))


# --------------------------------------------------------------------------- text


class _GlyphCacheRenderer(RendererAgg):
    """Agg's renderer, with the glyphs it rasterizes kept for the next time: the same pixels.

    Text is most of an explorer's redraw: matplotlib 3.11 lays out a string (about 35 us a
    character) and then rasterizes every glyph anew (about 65 us each), even when the string
    was drawn a moment ago. Here a string's layout is kept by string, and a glyph's bitmap
    by font, size, rotation and the fractional part of its position (FreeType places glyphs
    in 1/64 pixel): a glyph moved by whole pixels is the same bitmap moved. What is drawn is
    what :meth:`RendererAgg.draw_text` draws, pixel for pixel (``tests/test_viz_explorer.py``
    compares them); only the work is not repeated. On a matplotlib without the per-glyph
    text API (before 3.11) it is Agg's own ``draw_text``.
    """

    glyphs: dict[Any, tuple[np.ndarray, int, int]] = {}
    layouts: dict[Any, list[tuple[Any, int, float, float]]] = {}
    limit = 20_000  # entries per cache; both are emptied when one is full

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):  # noqa: ANN001
        global _PER_GLYPH_TEXT
        if _PER_GLYPH_TEXT and not ismath:
            try:
                return self._draw_glyphs(gc, x, y, s, prop, angle, mtext)
            except (AttributeError, TypeError):  # a matplotlib whose private text API changed:
                _PER_GLYPH_TEXT = False  # Agg draws the text from now on (the first string fails)
        return super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)

    def _draw_glyphs(self, gc, x, y, s, prop, angle, mtext) -> None:  # noqa: ANN001
        font = self._prepare_font(prop)
        flags, size = get_hinting_flag(), prop.get_size_in_points()
        features = getattr(mtext, "get_fontfeatures", lambda: None)()
        language = getattr(mtext, "get_language", lambda: None)()
        key = (font, s, size, self.dpi, flags, features and tuple(features), language)
        items = self.layouts.get(key)
        if items is None:
            items = [(i.ft_object, i.glyph_index, i.x, i.y) for i in
                     font._layout(s, flags=flags, features=features, language=language)]
            self._keep(self.layouts, key, items)
        cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        matrix = (0x10000 * np.array([[cos, -sin], [sin, cos]])).round().astype(int)
        rotation, antialiased, height = matrix.tobytes(), gc.get_antialiased(), self.height
        for ft, index, dx, dy in items:  # as RendererAgg._draw_text_glyphs_and_boxes does
            px = round(0x40 * (x + dx * cos - dy * sin))  # 26.6 fixed point; y is upwards
            py = round(0x40 * (height - y + dx * sin + dy * cos))
            key = (ft, size, self.dpi, index, rotation, px & 63, py & 63, flags, antialiased)
            glyph = self.glyphs.get(key)
            if glyph is None:
                ft.set_size(size, self.dpi)
                ft._set_transform(matrix, [px, py])
                bitmap = ft._render_glyph(
                    index, flags, _RenderMode.NORMAL if antialiased else _RenderMode.MONO)
                buffer = np.array(bitmap.buffer)
                if not antialiased:
                    buffer *= 0xFF
                glyph = (buffer, bitmap.left - (px >> 6), bitmap.top - (py >> 6))
                self._keep(self.glyphs, key, glyph)
            buffer, left, top = glyph
            self._renderer.draw_text_image(
                buffer, left + (px >> 6), int(height) - top - (py >> 6) + buffer.shape[0], 0, gc)
        return None

    def _keep(self, cache: dict, key: Any, value: Any) -> None:
        if len(cache) >= self.limit:
            cache.clear()
        cache[key] = value


try:  # matplotlib >= 3.11: text is laid out and rasterized glyph by glyph
    from matplotlib.ft2font import FT2Font
    from matplotlib.ft2font import RenderMode as _RenderMode

    _PER_GLYPH_TEXT = all(hasattr(FT2Font, name)
                          for name in ("_layout", "_set_transform", "_render_glyph"))
except ImportError:  # pragma: no cover - older matplotlib
    _PER_GLYPH_TEXT = False


class _GlyphCacheCanvas:
    """Mixin for an Agg canvas: its renderer is a :class:`_GlyphCacheRenderer`."""

    def get_renderer(self) -> RendererAgg:
        renderer = super().get_renderer()  # type: ignore[misc]
        if type(renderer) is RendererAgg:  # a new one (size or dpi changed): same state
            renderer.__class__ = _GlyphCacheRenderer
        return renderer


class _AggCanvas(_GlyphCacheCanvas, FigureCanvasAgg):
    """The canvas of the ``"agg"`` and ``"image"`` backends."""


# --------------------------------------------------------------------------- frames


def png_frame(pixels: np.ndarray, *, level: int = 1) -> bytes:
    """PNG bytes of an ``(h, w, 4)`` RGBA uint8 array, made for speed rather than size.

    Opaque pixels are written as RGB (a quarter fewer bytes). Each row is stored as its
    difference from the row above (PNG's "Up" filter: the rows of a plot mostly repeat, so
    this is mostly zeros) and deflated at zlib ``level`` 1. For a figure this is several times
    quicker than Pillow's default (adaptive filters, level 6) for a file 10-20 % larger, and
    the same pixels.

    Examples
    --------
    >>> import io
    >>> from PIL import Image
    >>> rgba = np.zeros((3, 2, 4), np.uint8); rgba[..., 3] = 255; rgba[1, 1, :3] = (9, 8, 7)
    >>> back = np.asarray(Image.open(io.BytesIO(png_frame(rgba))))
    >>> back.shape, bool((back == rgba[..., :3]).all())
    ((3, 2, 3), True)
    """
    from PIL import Image

    h, w, _ = pixels.shape
    opaque = bool((pixels[..., 3] == 255).all())
    channels = 3 if opaque else 4
    src = pixels
    if opaque:  # Pillow drops the alpha bytes ten times faster than numpy's strided copy
        rgba = np.ascontiguousarray(pixels)
        src = np.asarray(Image.frombuffer("RGBA", (w, h), rgba, "raw", "RGBA", 0, 1)
                         .convert("RGB"))
    rows = np.empty((h, 1 + w * channels), np.uint8)
    rows[:, 0] = 2  # filter type "Up" for every row (the first row's "above" is zeros)
    out = rows[:, 1:].reshape(h, w, channels)
    out[0] = src[0]
    np.subtract(src[1:], src[:-1], out=out[1:])
    header = struct.pack(">IIBBBBB", w, h, 8, 2 if opaque else 6, 0, 0, 0)
    return b"".join([b"\x89PNG\r\n\x1a\n", _chunk(b"IHDR", header),
                     _chunk(b"IDAT", zlib.compress(rows.data, level)), _chunk(b"IEND", b"")])


def _chunk(tag: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(data, zlib.crc32(tag))
    return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", crc)


@functools.cache
def _frame_canvas_class() -> type:
    """ipympl's canvas, sending every frame whole as a PNG quick to encode (:func:`png_frame`).

    matplotlib's web canvas would send only the pixels that differ from the last frame, but
    the browser drops a frame that arrives while the previous one is still loading (ipympl
    replaces the image's ``src``), and the next diff then leaves stale pixels on screen: faint
    ghosts of old curves (matplotlib issue 19116; seen in our browser-test screenshots). So
    each frame is whole; what made that costly was the encoding (Pillow, adaptive filters,
    zlib level 6: 20-40 ms a frame), not the bytes on loopback.
    """
    from ipympl.backend_nbagg import Canvas

    class FrameCanvas(_GlyphCacheCanvas, Canvas):
        def get_diff_image(self) -> bytes | None:
            if not self._png_is_old:
                return None
            pixels = np.asarray(self.get_renderer().buffer_rgba())
            self.set_image_mode("full")
            # ipympl encodes _last_buff itself while no browser view is ready (its _data_url)
            self._last_buff = pixels.view(np.uint32).squeeze(2).copy()
            self._force_full = False
            self._png_is_old = False
            return png_frame(pixels)

    return FrameCanvas


class _PixelCache:
    """The pixels that an animated axis or text painted, by state, to paste them back.

    Drawing a text costs about 20 us a glyph even from the glyph cache (more for a string
    not laid out before), and an axis repaints all its tick labels. For an artist in
    ``artists``, :meth:`draw` looks up its *state* (its text, position and font; an axis'
    limits, ticks, tick labels and label): the first time it
    draws the artist and keeps the rectangle of pixels the draw changed (plus a margin),
    before and after. When the state returns and the pixels of that rectangle are as they
    were before, it pastes the pixels after instead of drawing: the same bytes a draw would
    give, so a blitted frame stays identical to a full draw.
    """

    size = 64
    """How many rectangles are kept, the least recently used dropped."""
    margin = 2

    def __init__(self) -> None:
        self.artists: set[Artist] = set()
        self.entries: dict[Any, tuple[tuple[slice, slice], np.ndarray, np.ndarray]] = {}

    def draw(self, figure: Figure, artist: Artist) -> None:
        key = self.key(figure, artist) if artist in self.artists else None
        if key is None:
            figure.draw_artist(artist)
            return
        buf = np.asarray(figure.canvas.buffer_rgba())
        key = (buf.shape, key)
        entry = self.entries.pop(key, None)
        if entry is not None and np.array_equal(buf[entry[0]], entry[1]):
            buf[entry[0]] = entry[2]
            self.entries[key] = entry  # now the most recently used
            return
        before = buf.copy()
        figure.draw_artist(artist)
        changed = (buf.view(np.uint32) != before.view(np.uint32))[..., 0]
        rows, cols = np.flatnonzero(changed.any(axis=1)), np.flatnonzero(changed.any(axis=0))
        m = self.margin
        if rows.size:
            region = (slice(max(rows[0] - m, 0), rows[-1] + 1 + m),
                      slice(max(cols[0] - m, 0), cols[-1] + 1 + m))
        else:
            region = (slice(0, 0), slice(0, 0))
        self.entries[key] = (region, before[region].copy(), buf[region].copy())
        while len(self.entries) > self.size:
            del self.entries[next(iter(self.entries))]

    @staticmethod
    def key(figure: Figure, artist: Artist) -> Any:
        """Everything the pixels of ``artist`` depend on, or None to always draw it."""
        common = (id(artist), figure.dpi, artist.get_alpha(), artist.get_zorder())
        if isinstance(artist, Text):
            if artist.get_bbox_patch() is not None:
                return None
            return common + (
                artist.get_text(), tuple(artist.get_position()),
                artist.get_transform().get_matrix().tobytes(), str(artist.get_color()),
                artist.get_fontproperties(), artist.get_ha(), artist.get_va(),
                artist.get_rotation(), artist.get_linespacing(), artist.get_usetex(),
            )
        if isinstance(artist, Axis):
            update_ticks = getattr(artist, "_update_ticks", None)  # private in matplotlib:
            if update_ticks is None:  # should a release drop it, draw the axis every time
                return None
            ticks = update_ticks()  # what its draw would show (it runs it again)
            if any(t.gridline.get_visible() for t in ticks):
                return None  # grid lines cross the data, which changes
            return common + (
                tuple(artist.get_view_interval()), artist.get_scale(),
                tuple(artist.axes.bbox.bounds), artist.label.get_text(),
                artist.label.get_visible(), artist.offsetText.get_text(),
                tuple((t.get_loc(), t.label1.get_text(), t.label2.get_text(),
                       t.label1.get_visible(), t.label2.get_visible(),
                       t.tick1line.get_visible(), t.tick2line.get_visible(),
                       t.tick1line.get_markersize()) for t in ticks),
            )
        return None


def _flatten(artists: Iterable[Any]) -> Iterator[Artist]:
    for a in artists:
        if isinstance(a, Artist):
            yield a
        else:  # a BarContainer, a list of Text, ...
            yield from _flatten(a)


def _short(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3g}"
    return repr(value)
