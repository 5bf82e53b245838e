"""The explorer contract (issue 4), checked on every explorer, and the shared base.

Headless: a plain Python process, no kernel, so the explorers use the Agg backend. Each test
sets controls' ``.value`` as a learner would and checks what the figure shows.
"""

from __future__ import annotations

import subprocess
import sys

import ipywidgets as widgets
import numpy as np
import pytest
from matplotlib.figure import Figure

import dlnotes.viz as viz
from dlnotes.experiments import cost_curves
from dlnotes.viz._explorer import (
    Explorer,
    StaticFigure,
    choose_backend,
    float_slider,
    log_slider,
    set_range,
)

pytestmark = pytest.mark.filterwarnings("error")  # any warning is a failure here

SMALL_CURVES = cost_curves(sizes=[64, 16, 1], iterations=40, rng=np.random.default_rng(3))

FACTORIES = {
    "ewa": viz.ewa_explorer,
    "optimizer": viz.optimizer_explorer,
    "minibatch": lambda: viz.minibatch_explorer(SMALL_CURVES),
    "schedule": viz.schedule_explorer,
    "softmax": viz.softmax_explorer,
    "training_health": lambda: viz.training_health_explorer(epochs=3, hidden_layers=4,
                                                            width=16, m=64),
}


@pytest.fixture(scope="module")
def built():
    """Each explorer built once for the module, with its initial control values."""
    out = {}
    for name, factory in FACTORIES.items():
        ex = factory()
        out[name] = (ex, ex.values)
    return out


@pytest.fixture(params=sorted(FACTORIES))
def explorer(request, built):
    ex, defaults = built[request.param]
    ex.set(**defaults)
    return ex


def fingerprint(fig: Figure) -> list:
    """Everything a reader sees, as comparable values."""
    out: list = []
    for ax in fig.axes:
        out += [ax.get_xlim(), ax.get_ylim(), ax.get_title()]
        for line in ax.get_lines():
            out += [line.get_visible(), np.asarray(line.get_xydata()).round(12).tobytes(),
                    line.get_linewidth(), line.get_alpha()]
        for patch in ax.patches:
            out += [patch.get_visible(), tuple(np.round(patch.get_extents().bounds, 6))]
        out += [(t.get_text(), t.get_visible()) for t in ax.texts]
        legend = ax.get_legend()
        if legend is not None:
            out += [t.get_text() for t in legend.get_texts()]
        out += [c.get_visible() for c in ax.collections]
    return out


def another_value(control: widgets.ValueWidget):
    """A value different from the current one, at an extreme where possible."""
    if isinstance(control, widgets.Checkbox):
        return not control.value
    if isinstance(control, (widgets.Dropdown, widgets.SelectionSlider)):
        values = [o[1] if isinstance(o, tuple) else o for o in control.options]
        return next(v for v in values if v != control.value)
    if isinstance(control, widgets.FloatLogSlider):
        low, high = control.base**control.min, control.base**control.max
        return high if control.value != high else low
    return control.max if control.value != control.max else control.min


def all_finite(fig: Figure) -> bool:
    return all(
        np.all(np.isfinite(np.asarray(line.get_xydata(), dtype=float)))
        for ax in fig.axes for line in ax.get_lines()
    )


# --------------------------------------------------------------------------- the contract


def test_explorer_has_controls_figure_and_widget(explorer):
    assert explorer.controls and all(
        isinstance(c, widgets.ValueWidget) for c in explorer.controls.values()
    )
    assert isinstance(explorer.figure, Figure)
    assert isinstance(explorer.widget, widgets.VBox)
    grid, canvas = explorer.widget.children
    assert list(grid.children) == list(explorer.controls.values())
    assert isinstance(canvas, widgets.Image)  # the Agg fallback outside a kernel
    assert explorer.backend == "agg"


def test_every_control_changes_the_figure_in_place(explorer):
    fig = explorer.figure
    axes = list(fig.axes)
    children = [len(ax.get_children()) for ax in axes]
    defaults = explorer.values
    for name, control in explorer.controls.items():
        explorer.set(**defaults)  # one control at a time, from the defaults
        before = fingerprint(fig)
        control.value = another_value(control)
        assert fingerprint(fig) != before, f"changing {name!r} left the figure unchanged"
        assert explorer.figure is fig and fig.axes == axes
        assert [len(ax.get_children()) for ax in axes] == children, f"{name!r} added artists"
        assert all_finite(fig), f"{name!r} left a NaN or inf in a drawn line"


def test_fast_redraw_shows_what_a_full_render_shows(explorer):
    """The blitted canvas (only the animated artists repainted) matches savefig's image."""
    import io

    fig = explorer.figure
    defaults = explorer.values
    for name, control in explorer.controls.items():
        explorer.set(**defaults)
        control.value = another_value(control)
        shown = np.asarray(fig.canvas.buffer_rgba()).astype(int)
        buf = io.BytesIO()
        fig.savefig(buf, format="rgba", dpi=fig.dpi)
        full = np.frombuffer(buf.getvalue(), np.uint8).reshape(shown.shape)
        differ = np.any(np.abs(shown - full) > 40, axis=-1).mean()
        # only the stacking of a curve and a grid line or spine may differ
        assert differ < 0.005, f"after {name!r}: {differ:.2%} of the pixels differ"


def test_every_axes_is_labelled(explorer):
    for ax in explorer.figure.axes:
        assert ax.get_xlabel() and (ax.get_ylabel() or ax.get_yticklabels()), ax


def test_display_carries_the_widget_and_a_static_png(explorer):
    bundle = explorer._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"].startswith("<")
    import base64

    assert base64.b64decode(bundle["image/png"]).startswith(b"\x89PNG")
    snap = explorer.static()
    assert isinstance(snap, StaticFigure) and snap._repr_png_().startswith(b"\x89PNG")


def test_widget_image_follows_the_controls(explorer):
    first = bytes(explorer.widget.children[1].value)
    name, control = next(iter(explorer.controls.items()))
    control.value = another_value(control)
    assert bytes(explorer.widget.children[1].value) != first


def test_set_changes_several_controls_with_one_redraw(explorer, monkeypatch):
    calls = []
    original = explorer._update
    monkeypatch.setattr(explorer, "_update",
                        lambda values, changed: (calls.append(changed), original(values, changed)))
    names = list(explorer.controls)[:2]
    explorer.set(**{n: another_value(explorer.controls[n]) for n in names})
    assert len(calls) == 1 and set(names) <= calls[0]


def test_set_refuses_an_unknown_control(explorer):
    with pytest.raises(ValueError, match="no control named 'nope'"):
        explorer.set(nope=1)


# --------------------------------------------------------------------------- the base


class Square(Explorer):
    name = "square"

    def __init__(self, backend="auto"):
        self.x = np.linspace(-2, 2, 41)
        super().__init__({"a": float_slider("a", 1.0, 0.0, 3.0, 0.1)}, backend=backend)

    def _build(self):
        self.ax = self.figure.add_subplot()
        (self.line,) = self.ax.plot(self.x, 0 * self.x)
        self.ax.set(xlabel="x", ylabel="y", ylim=(0, 13))

    def _update(self, values, changed):
        self.line.set_ydata(values["a"] * self.x**2)


def test_the_base_pattern_from_its_docstring():
    sq = Square()
    sq.controls["a"].value = 2.0
    np.testing.assert_allclose(sq.line.get_ydata(), 2.0 * sq.x**2, rtol=0, atol=1e-12)


def test_hold_folds_changes_into_one_redraw():
    sq = Square()
    calls = []
    original = sq._update
    sq._update = lambda values, changed: (calls.append(dict(values)), original(values, changed))
    with sq.hold():
        sq.controls["a"].value = 0.5
        sq.controls["a"].value = 2.5
        assert calls == []
    assert calls == [{"a": 2.5}]


@pytest.mark.parametrize("backend", ["image", "ipympl"])
def test_other_backends_build_and_redraw(backend):
    sq = Square(backend=backend)
    assert sq.backend == backend
    canvas = sq.widget.children[1]
    if backend == "image":
        before = bytes(canvas.value)
        sq.controls["a"].value = 3.0
        assert bytes(canvas.value) != before and bytes(canvas.value).startswith(b"\x89PNG")
    else:
        from ipympl.backend_nbagg import Canvas

        assert isinstance(canvas, Canvas) and sq.figure.canvas is canvas
        sq.controls["a"].value = 3.0
        np.testing.assert_allclose(sq.line.get_ydata(), 3.0 * sq.x**2)
        bundle = sq._repr_mimebundle_()
        assert "image/png" in bundle and canvas._data_url.startswith("data:image/png")
    sq.close()


def test_choose_backend():
    assert choose_backend() == "agg"  # no kernel in a test process
    assert choose_backend("image") == "image"
    with pytest.raises(ValueError, match="backend must be one of"):
        choose_backend("tk")


def test_set_range_moves_a_slider_past_its_old_range():
    s = float_slider("x", 0.0, -1.0, 1.0, 0.1)
    set_range(s, 5.0, 9.0, 7.0)
    assert (s.min, s.max, s.value) == (5.0, 9.0, 7.0)
    set_range(s, -9.0, -5.0, -6.0)
    assert (s.min, s.max, s.value) == (-9.0, -5.0, -6.0)


def test_log_slider_takes_actual_values():
    s = log_slider("lr", 0.01, 1e-4, 1.0)
    assert (s.min, s.max) == (-4.0, 0.0) and s.value == pytest.approx(0.01)
    with pytest.raises(ValueError, match="0 < low < high"):
        log_slider("lr", 0.1, 0.0, 1.0)


def test_no_pyplot_and_no_rcparams_change():
    """Building every explorer imports no pyplot and leaves rcParams alone (own process)."""
    code = (
        "import matplotlib, numpy as np\n"
        "before = matplotlib.rcParams.copy()  # copy() does not resolve the backend\n"
        "import dlnotes.viz as v\n"
        "from dlnotes.experiments import cost_curves\n"
        "c = cost_curves(sizes=[8, 1], iterations=5, rng=np.random.default_rng(0))\n"
        "for ex in (v.ewa_explorer(), v.optimizer_explorer(), v.schedule_explorer(),\n"
        "           v.softmax_explorer(), v.minibatch_explorer(c)):\n"
        "    name, control = next(iter(ex.controls.items()))\n"
        "    ex.redraw({name})\n"
        "import sys\n"
        "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot was imported'\n"
        "after = matplotlib.rcParams.copy()\n"
        "assert before.keys() == after.keys()\n"
        "changed = [k for k in before if str(before._get(k)) != str(after._get(k))]\n"
        "assert not changed, f'rcParams changed: {changed}'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]


def test_lazy_exports_resolve():
    for name in viz.__all__:
        assert getattr(viz, name) is not None
    with pytest.raises(AttributeError):
        viz.not_a_thing  # noqa: B018




@pytest.mark.parametrize("backend", ["image", "ipympl"])
def test_blitting_explorer_on_the_kernel_backends(backend):
    ex = viz.softmax_explorer(backend=backend)
    assert ex.backend == backend
    canvas = ex.widget.children[1]
    before = bytes(canvas.value) if backend == "image" else None
    ex.controls["z2"].value = 6.0  # a fast (blitted) redraw
    ex.controls["temperature"].value = 0.05
    assert [b.get_height() for b in ex.bars.argmax] == [0.0, 1.0, 0.0, 0.0]
    if backend == "image":
        assert bytes(canvas.value) != before
    assert "image/png" in ex._repr_mimebundle_()
    ex.close()


# --------------------------------------------------------------------------- glyph cache


def _text_figure(canvas_class):
    fig = Figure(figsize=(4, 2), dpi=97)
    canvas_class(fig)
    fig.text(0.03, 0.8, "β = 0.903: averages over ≈ 10 days", fontsize=9)
    fig.text(0.5, 0.5, "z₁ − z₂ = 3.2\nsoftmax: 0.9526", ha="center", fontsize=8.5)
    fig.text(0.9, 0.1, "rotated 90", rotation=90, fontsize=7)
    fig.text(0.7, 0.8, "tilted 33°", rotation=33, fontsize=10, color="tab:red")
    fig.text(0.05, 0.2, "aliased", antialiased=False, fontsize=11)
    fig.text(0.3, 0.1, r"$\sigma(z) = 1/(1+e^{-z})$", fontsize=9)  # mathtext: Agg's own
    return fig


def test_glyph_cache_draws_the_pixels_agg_draws():
    """Cached text is Agg's text, pixel for pixel: twice, so the second draw is from cache."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from dlnotes.viz._explorer import _AggCanvas

    plain = _text_figure(FigureCanvasAgg)
    plain.canvas.draw()
    expected = np.asarray(plain.canvas.buffer_rgba()).copy()
    assert expected[..., :3].min() < 100  # some text is drawn
    cached = _text_figure(_AggCanvas)
    for _ in range(2):
        cached.canvas.draw()
        assert np.array_equal(np.asarray(cached.canvas.buffer_rgba()), expected)


def test_glyph_cache_rasterizes_a_glyph_once(monkeypatch):
    """A string drawn again at a whole-pixel offset renders no glyph anew."""
    from dlnotes.viz import _explorer

    if not _explorer._PER_GLYPH_TEXT:
        pytest.skip("matplotlib before 3.11 has no per-glyph text API: Agg's own draw_text")
    monkeypatch.setattr(_explorer._GlyphCacheRenderer, "glyphs", {})
    monkeypatch.setattr(_explorer._GlyphCacheRenderer, "layouts", {})
    fig = Figure(figsize=(3, 1), dpi=100)
    _explorer._AggCanvas(fig)
    text = fig.text(0.1, 0.5, "abc 0.123")
    fig.canvas.draw()
    glyphs = dict(_explorer._GlyphCacheRenderer.glyphs)
    assert len(glyphs) >= 8  # one per glyph drawn (the space draws none)
    text.set_position((0.2, 0.5))  # 30 whole pixels to the right
    fig.canvas.draw()
    assert _explorer._GlyphCacheRenderer.glyphs == glyphs
    text.set_text("abc 0.124")  # one new glyph at most (4 at this position)
    fig.canvas.draw()
    assert len(_explorer._GlyphCacheRenderer.glyphs) <= len(glyphs) + 1


def test_glyph_cache_falls_back_to_agg_when_the_text_api_changes(monkeypatch):
    """matplotlib's per-glyph text API is private: if it changes, Agg draws the text."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from dlnotes.viz import _explorer

    def changed_api(*args, **kwargs):
        raise TypeError("_layout() got an unexpected keyword argument 'features'")

    monkeypatch.setattr(_explorer, "_PER_GLYPH_TEXT", True)
    monkeypatch.setattr(_explorer._GlyphCacheRenderer, "_draw_glyphs", changed_api)
    plain = _text_figure(FigureCanvasAgg)
    plain.canvas.draw()
    cached = _text_figure(_explorer._AggCanvas)
    cached.canvas.draw()
    assert np.array_equal(np.asarray(cached.canvas.buffer_rgba()),
                          np.asarray(plain.canvas.buffer_rgba()))
    assert _explorer._PER_GLYPH_TEXT is False
