"""Mini-batch explorer and cost_curves: the recorded curves and what the slider selects."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from dlnotes.datasets import make_moons
from dlnotes.ewa import ewa
from dlnotes.experiments import cost_curves
from dlnotes.viz import minibatch_explorer, plot_cost_curves

pytestmark = pytest.mark.filterwarnings("error")

M = 128


@pytest.fixture(scope="module")
def curves():
    X, Y = make_moons(M, rng=np.random.default_rng(5))
    return cost_curves(X, Y, sizes=[M, 32, 1], iterations=60, rng=np.random.default_rng(6))


@pytest.fixture
def ex(curves):
    return minibatch_explorer(curves, batch_size=32)


def test_curves_have_the_right_bookkeeping(curves):
    assert list(curves) == [M, 32, 1]
    for size, c in curves.items():
        assert c.minibatch.shape == c.full.shape == c.epoch.shape == (60,)
        np.testing.assert_allclose(c.epoch, np.arange(1, 61) * size / M, rtol=0, atol=1e-12)
        assert np.all(np.isfinite(c.minibatch)) and np.all(np.isfinite(c.full))


def test_batch_gradient_descent_sees_the_whole_set(curves):
    """With size m, the cost of batch t is the whole-set cost after step t - 1."""
    c = curves[M]
    np.testing.assert_allclose(c.minibatch[1:], c.full[:-1], rtol=1e-12, atol=0)


def test_all_runs_start_from_the_same_weights():
    """Two batch runs differ only in their (irrelevant) shuffle: same start, same curve."""
    X, Y = make_moons(64, rng=np.random.default_rng(5))
    twice = cost_curves(X, Y, sizes=[64, 64], iterations=5, rng=np.random.default_rng(6))
    assert list(twice) == [64]  # keyed by size: the second run replaces the first
    again = cost_curves(X, Y, sizes=[64, 8], iterations=5, rng=np.random.default_rng(6))
    np.testing.assert_allclose(again[64].minibatch, twice[64].minibatch, rtol=1e-12, atol=0)
    assert again[8].minibatch[0] != again[64].minibatch[0]  # a batch of 8 is not the set


def test_smaller_batches_are_noisier(curves):
    noise = {s: np.std(np.diff(c.minibatch)) for s, c in curves.items()}
    assert noise[1] > noise[32] > noise[M]


def test_slider_selects_the_curve(ex, curves):
    ex.controls["batch_size"].value = 1
    line = ex.iteration_lines[1]
    assert line.get_visible() and not ex.iteration_lines[32].get_visible()
    np.testing.assert_array_equal(line.get_ydata(), curves[1].minibatch)
    np.testing.assert_array_equal(ex.full.get_ydata(), curves[1].full)
    assert ex.epoch_lines[1].get_linewidth() > ex.epoch_lines[32].get_linewidth()
    assert ex.caption.get_text().startswith(f"size 1: {M} steps per epoch")


def test_smoothing_is_the_bias_corrected_ewa(ex, curves):
    ex.controls["smoothing"].value = 0.5
    expected = ewa(curves[32].minibatch, 0.5, bias_correction=True)
    np.testing.assert_allclose(ex.smooth.get_ydata(), expected, rtol=0, atol=1e-15)
    ex.controls["smoothing"].value = 0.0
    np.testing.assert_allclose(ex.smooth.get_ydata(), curves[32].minibatch, atol=1e-15)
    ex.controls["smoothing"].value = 0.99
    assert np.all(np.isfinite(ex.smooth.get_ydata()))


def test_compare_shows_the_other_sizes(ex):
    ex.controls["compare"].value = True
    assert all(line.get_visible() for line in ex.iteration_lines.values())
    assert ex.iteration_lines[1].get_alpha() < ex.iteration_lines[32].get_alpha()


def test_default_explorer_uses_five_sizes():
    ex = minibatch_explorer()
    assert sorted(ex.curves) == [1, 16, 64, 256, 512]
    assert ex.controls["batch_size"].value == 64


def test_plot_cost_curves_alone_and_on_an_axes(curves):
    lines = plot_cost_curves(curves)
    assert isinstance(lines[1].axes.figure, Figure) and lines[1].axes.get_xscale() == "log"
    ax = Figure().add_subplot()
    lines = plot_cost_curves(curves, ax, kind="minibatch", highlight=32)
    assert lines[32].axes is ax and lines[32].get_linewidth() > lines[1].get_linewidth()
    with pytest.raises(ValueError, match="kind must be"):
        plot_cost_curves(curves, kind="epoch")
