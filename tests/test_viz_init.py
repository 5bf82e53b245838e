"""The initialization explorer and its plot helpers (issue 4), headless (Agg)."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from dlnotes.viz.init import (
    _INIT_CHOICES,
    init_explorer,
    plot_activation_histograms,
    plot_activation_stds,
    plot_gradient_norms,
)

pytestmark = pytest.mark.filterwarnings("error")  # any warning is a failure here




@pytest.fixture(scope="module")
def built():
    return init_explorer(depth=4, max_depth=8, width=30, m=40)


@pytest.fixture
def explorer(built):
    built.set(method="he", activation="relu", depth=4)
    return built


def verts(ex):
    return [p.vertices.copy() for p in ex.ridge.polygons.get_paths()]


# --------------------------------------------------------------------------- one pass














# --------------------------------------------------------------------------- plot helpers


def test_plot_helpers_make_their_own_figure_and_return_artists():
    acts = [np.tanh(np.random.default_rng(0).standard_normal((5, 20)) * s) for s in (0.5, 2)]
    ridge = plot_activation_histograms(acts, activation="tanh")
    assert isinstance(ridge.polygons.axes.figure, Figure)
    assert len(ridge.polygons.get_paths()) == 2
    stds = plot_activation_stds([1.0, 0.1, 0.0])
    np.testing.assert_array_equal(stds.line.get_ydata(), [1.0, 0.1])  # a zero leaves the line
    assert stds.zeros.get_xdata()[0] == pytest.approx(3, abs=0.2)  # ... for a marker at the
    assert stds.zeros.get_ydata()[0] < 0.1  # bottom of the log axis


def test_plot_helpers_draw_on_a_given_axes():
    ax = Figure().add_subplot()
    grads = plot_gradient_norms([1e-3, 1e-1, 1.0], ax)
    assert grads.line.axes is ax and grads.zeros.axes is ax
    assert ax.get_yscale() == "log"
    np.testing.assert_allclose(grads.line.get_ydata(), [1e-3, 1e-1, 1.0], rtol=0, atol=0)


def test_relu_histograms_leave_out_exact_zeros_unless_all_are_zero():
    ax = Figure().add_subplot()
    A = np.array([[0.0, 0.0, 0.0, 1.0]])
    ridge = plot_activation_histograms([A, np.zeros((1, 4))], ax, activation="relu", bins=4)
    first, second = (p.vertices for p in ridge.polygons.get_paths())
    assert first[:, 1].max() == pytest.approx(1.9)  # the single 1.0 makes the peak, at bin 2
    assert first[1:3, 1].max() == pytest.approx(1.0)  # bin 1 (the zeros) left empty
    assert second[1:3, 1].max() == pytest.approx(2.9)  # all zero: the zeros are shown


# --------------------------------------------------------------------------- the explorer


def test_explorer_contract(explorer):
    assert set(explorer.controls) == {"method", "activation", "depth"}
    assert isinstance(explorer.figure, Figure)
    assert explorer.widget is not None
    assert explorer.png()[:4] == b"\x89PNG"


def test_method_changes_histograms_magnitudes_and_text(explorer):
    before = verts(explorer), explorer.std_artists.line.get_ydata().copy()
    title = explorer.ax_mag.get_title()
    explorer.controls["method"].value = "random (x 0.01)"
    assert not all(np.array_equal(a, b) for a, b in zip(before[0], verts(explorer), strict=True))
    assert not np.allclose(before[1], explorer.std_artists.line.get_ydata())
    assert explorer.ax_mag.get_title() == "activations vanish layer after layer" != title
    assert "0.01" in explorer.ax_hist.get_title()


def test_zeros_shows_the_symmetry(explorer):
    explorer.controls["method"].value = "zeros"
    assert "symmetry" in explorer.ax_mag.get_title()
    assert len(explorer.grad_artists.line.get_ydata()) == 0  # nothing positive on the log line
    assert len(explorer.grad_artists.zeros.get_ydata()) == 5  # all at the bottom
    for ax in explorer.figure.axes:  # and never a NaN in a drawn line
        for line in ax.get_lines():
            assert np.all(np.isfinite(np.asarray(line.get_xydata(), dtype=float)))


def test_activation_switches_the_range(explorer):
    explorer.controls["activation"].value = "tanh"
    assert explorer.ax_hist.get_xlim()[0] < -0.9
    explorer.controls["activation"].value = "relu"
    assert explorer.ax_hist.get_xlim()[0] > -0.2


def test_depth_changes_the_number_of_layers(explorer):
    for depth in (2, 8, 5):  # both ends of the slider
        explorer.controls["depth"].value = depth
        assert len(explorer.ridge.polygons.get_paths()) == depth
        assert len(explorer.std_artists.line.get_xdata()) == depth
        assert len(explorer.grad_artists.line.get_xdata()) == depth + 1
        assert len(explorer.grad_artists.zeros.get_xdata()) == 0
        assert explorer.ax_hist.get_ylim()[1] == pytest.approx(depth + 1.05)


def test_every_combination_computes(explorer):
    for method in _INIT_CHOICES:
        for act in ("relu", "tanh"):
            p = explorer.compute(method, act, 8)
            assert np.all(np.isfinite(p.stds)) and np.all(np.isfinite(p.grad_norms))


@pytest.mark.parametrize("method, act", [("zeros", "relu"), ("random (x 10)", "relu"),
                                         ("random (x 10)", "tanh"), ("random (x 0.01)", "tanh")])
def test_extremes_draw(explorer, method, act):
    explorer.set(method=method, activation=act, depth=8)  # each set renders with Agg
    lo, hi = explorer.ax_mag.get_ylim()
    assert 0 < lo < hi and np.isfinite(hi)
    assert explorer.text.get_text()


@pytest.mark.parametrize("method, act", [("he", "relu"), ("xavier", "tanh"), ("zeros", "relu"),
                                         ("random (x 10)", "relu"), ("random (x 0.01)", "relu")])
def test_the_magnitude_axis_fits_the_curves_on_display(explorer, method, act):
    """Every positive value inside the window, no more than a few empty decades around it."""
    explorer.set(method=method, activation=act, depth=8)
    p = explorer.current
    values = np.r_[p.stds, p.grad_norms]
    lo, hi = explorer.mag_limits
    y0, y1 = explorer.ax_mag.get_ylim()
    assert y0 < lo and hi < y1  # the window is on screen (plus a free top for the text)
    assert lo <= 1e-2 and hi >= 1e2  # the line y = 1 always shows
    shown = np.r_[explorer.std_artists.line.get_ydata(), explorer.grad_artists.line.get_ydata()]
    np.testing.assert_allclose(shown, values[values > 0], rtol=0, atol=0)  # nothing clipped
    positive = np.r_[values[values > 0], 1e-2, 1e2]  # the data, and the band around y = 1
    assert np.log10(positive.min()) - np.log10(lo) < 4  # at most ~3.5 empty decades below
    assert np.log10(hi) - np.log10(positive.max()) < 4  # ... and above
    for y in (lo, hi):
        assert np.log10(y) == pytest.approx(round(np.log10(y)))  # whole decades


def test_the_magnitude_window_stays_put_within_a_regime(explorer):
    explorer.set(method="he", activation="relu", depth=3)
    first = explorer.mag_limits
    for depth in (5, 8):
        explorer.set(depth=depth)
        assert explorer.mag_limits == first
    explorer.set(method="random (x 10)")
    assert explorer.mag_limits[1] > 1e10 * first[1]  # exploding: the window grows with it


# --------------------------------------------------------------------------- fast redraws


def _shown_and_saved(ex):
    """The canvas as the last redraw left it, and savefig's image of the same state."""
    import io

    shown = np.asarray(ex.figure.canvas.buffer_rgba()).astype(int)
    buf = io.BytesIO()
    ex.figure.savefig(buf, format="rgba", dpi=ex.figure.dpi)
    ex.redraw(set())  # savefig replaced the canvas' buffer: draw again (in full) for the next
    return shown, np.frombuffer(buf.getvalue(), np.uint8).reshape(shown.shape).astype(int)


def test_every_control_redraws_by_blitting_and_matches_a_full_draw(explorer):
    """Limits and ticks move with the activation and the depth, yet nothing goes stale."""
    blits = []
    canvas = explorer.figure.canvas
    original = canvas.blit
    canvas.blit = lambda *a: (blits.append(1), original(*a))
    try:
        explorer.redraw(set())
        for name, value in (("method", "random (x 10)"), ("activation", "tanh"), ("depth", 7),
                            ("method", "zeros"), ("depth", 2), ("activation", "relu")):
            n = len(blits)
            explorer.controls[name].value = value
            assert len(blits) == n + 1, f"{name}: a full draw"
            shown, saved = _shown_and_saved(explorer)
            # At the capped dpi (84 for a 10-inch figure, to fit a 900 px column) the blit and a
            # full draw antialias a few tick-mark pixels in a different order: at most a handful of
            # channel values, off by at most 4/255. A stale or ghost artist differs far more.
            diff = np.abs(shown - saved)
            assert diff.max() <= 4 and np.count_nonzero(diff) <= 32, (
                f"{name}={value!r}: {np.count_nonzero(diff)} values differ, by up to {diff.max()}")
    finally:
        del canvas.blit


def test_a_choice_shown_again_draws_the_same_figure(explorer):
    first = explorer.current
    pixels = np.asarray(explorer.figure.canvas.buffer_rgba()).copy()
    explorer.set(method="zeros", activation="tanh", depth=6)
    explorer.set(method="he", activation="relu", depth=4)
    assert explorer.current is first  # kept, not computed again
    np.testing.assert_array_equal(np.asarray(explorer.figure.canvas.buffer_rgba()), pixels)
    fresh = explorer.compute("he", "relu", 4)  # and a pass is deterministic given the seed
    np.testing.assert_array_equal(fresh.grad_norms, first.grad_norms)
    for a, b in zip(fresh.activations, first.activations, strict=True):
        np.testing.assert_array_equal(a, b)


def test_the_cache_is_bounded(built):
    for depth in range(2, built.max_depth + 1):
        built.controls["depth"].value = depth
    assert len(built._shown) <= built.cache_size


def test_axes_shown_again_are_pasted_from_the_pixel_cache_and_match_a_full_draw(explorer):
    """The axes and titles animate with cache=True: a state seen before is not drawn again."""
    states = [dict(method="he", activation="relu", depth=4),
              dict(method="random (x 10)", activation="tanh", depth=8)]  # max_depth 8
    for state in states:
        explorer.set(**state)
    drawn = []
    figure = explorer.figure
    original = figure.draw_artist
    figure.draw_artist = lambda a: (drawn.append(a), original(a))
    try:
        for state in states:
            explorer.set(**state)
            shown, saved = _shown_and_saved(explorer)
            np.testing.assert_array_equal(shown, saved, err_msg=repr(state))
    finally:
        del figure.draw_artist
    axes = {explorer.ax_hist.xaxis, explorer.ax_hist.yaxis, explorer.ax_mag.xaxis,
            explorer.ax_mag.yaxis}
    assert drawn and not axes & set(drawn)
