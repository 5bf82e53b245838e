"""Three tiny explorers for proving the browser harness, independent of ``dlnotes.viz``.

They mimic the shape of a dlnotes explorer (``.controls``, ``.figure``, ``.widget``; shown
in one line; a ``VBox`` of sliders above the canvas) so that the end-to-end checks meet the
same DOM as with the real ones:

- ``sine_explorer``: an ipympl canvas (``%matplotlib widget``) redrawn on every slider move;
- ``image_explorer``: the image fallback, an ``ipywidgets.Image`` fed a fresh PNG;
- ``dead_explorer``: sliders wired to nothing, so the figure never changes. The harness must
  report it as broken (``test_harness_fails_on_a_dead_slider``).

The e2e fixtures copy this file next to a generated notebook; the kernel imports it there.
"""

from __future__ import annotations

import io
from typing import Any


class FixtureExplorer:
    """Sliders above one figure; ``redraw(values)`` updates the figure's artists."""

    def __init__(self, controls: dict, figure: Any, canvas: Any, redraw: Any, css_class: bool):
        import ipywidgets as widgets

        self.controls = controls
        self.figure = figure
        self._redraw = redraw
        self.widget = widgets.VBox([widgets.HBox(list(controls.values())), canvas])
        if css_class:
            self.widget.add_class("dlnotes-explorer")
        if redraw is not None:
            for control in controls.values():
                control.observe(lambda _change: self._redraw(self.values), names="value")

    @property
    def values(self) -> dict:
        return {name: control.value for name, control in self.controls.items()}

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict:
        return self.widget._repr_mimebundle_(include=include, exclude=exclude)


def _controls() -> dict:
    import ipywidgets as widgets

    return {
        "freq": widgets.IntSlider(value=1, min=1, max=8, description="frequency"),
        "phase": widgets.FloatSlider(value=0.0, min=0.0, max=3.0, step=0.25, description="phase"),
    }


def _draw_sine(figure: Any):
    import numpy as np

    x = np.linspace(0.0, 2.0 * np.pi, 300)
    ax = figure.add_subplot()
    (line,) = ax.plot(x, np.sin(x), lw=2)
    ax.set(xlabel="x", ylabel="sin(f x + phase)", ylim=(-1.1, 1.1), title="fixture explorer")

    def update(values: dict) -> None:
        line.set_ydata(np.sin(values["freq"] * x + values["phase"]))

    return update


def sine_explorer(*, css_class: bool = False, redraw: bool = True) -> FixtureExplorer:
    """Sliders redrawing an ipympl canvas in place (the backend the real explorers prefer)."""
    from ipympl.backend_nbagg import Canvas, FigureManager
    from matplotlib.figure import Figure

    figure = Figure(figsize=(6, 3), dpi=80, layout="constrained")
    canvas = Canvas(figure)
    FigureManager(canvas, 1)
    canvas.header_visible = False
    canvas.footer_visible = False
    canvas.resizable = False
    update = _draw_sine(figure)

    def on_change(values: dict) -> None:
        update(values)
        canvas.draw_idle()

    return FixtureExplorer(_controls(), figure, canvas, on_change if redraw else None, css_class)


def image_explorer(*, css_class: bool = False) -> FixtureExplorer:
    """Sliders redrawing an ``ipywidgets.Image`` with a new PNG (the fallback backend)."""
    import ipywidgets as widgets
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=(6, 3), dpi=80, layout="constrained")
    FigureCanvasAgg(figure)
    update = _draw_sine(figure)

    def png() -> bytes:
        buf = io.BytesIO()
        figure.savefig(buf, format="png")
        return buf.getvalue()

    image = widgets.Image(value=png(), format="png")

    def on_change(values: dict) -> None:
        update(values)
        image.value = png()

    return FixtureExplorer(_controls(), figure, image, on_change, css_class)


def dead_explorer(*, css_class: bool = False) -> FixtureExplorer:
    """An ipympl explorer whose sliders redraw nothing: the harness must call it broken."""
    return sine_explorer(css_class=css_class, redraw=False)
