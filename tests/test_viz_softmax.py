"""Softmax explorer and its plots: temperature, argmax, two classes against the sigmoid."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from dlnotes.softmax import sigmoid, softmax
from dlnotes.viz import plot_softmax, plot_softmax_vs_sigmoid, softmax_explorer

pytestmark = pytest.mark.filterwarnings("error")


@pytest.fixture
def ex():
    return softmax_explorer()


def heights(ex) -> np.ndarray:
    return np.array([bar.get_height() for bar in ex.bars.bars])


def test_bars_are_the_softmax_of_the_logits(ex):
    ex.set(z1=1.0, z2=2.0, z3=0.5, z4=-1.0, temperature=2.0)
    expected = softmax(np.array([[1.0], [2.0], [0.5], [-1.0]]), temperature=2.0)[:, 0]
    np.testing.assert_allclose(heights(ex), expected, rtol=0, atol=1e-15)
    assert [t.get_text() for t in ex.bars.values] == [f"{p:.3f}" for p in expected]
    assert [b.get_height() for b in ex.bars.argmax] == [0.0, 1.0, 0.0, 0.0]


def test_tiny_temperature_gives_the_one_hot_argmax(ex):
    ex.controls["temperature"].value = 0.01
    np.testing.assert_allclose(heights(ex), [1.0, 0.0, 0.0, 0.0], rtol=0, atol=1e-12)
    assert "largest probability 1.000" in ex.bars.title.get_text()
    two = ex.two.softmax.get_ydata()
    assert two.min() == 0.0 and two.max() == 1.0  # the sigmoid became a step


def test_huge_temperature_flattens_towards_uniform(ex):
    ex.controls["temperature"].value = 100.0
    np.testing.assert_allclose(heights(ex), 0.25, rtol=0, atol=0.02)


def test_moving_a_logit_moves_its_bar_and_the_two_class_point(ex):
    before = heights(ex)
    point = ex.two.point.get_xydata().copy()
    ex.controls["z2"].value = 6.0
    assert heights(ex)[1] > before[1]
    assert not np.array_equal(ex.two.point.get_xydata(), point)
    assert [b.get_height() for b in ex.bars.argmax] == [0.0, 1.0, 0.0, 0.0]


@pytest.mark.parametrize("T", [0.01, 0.3, 1.0, 7.0, 100.0])
def test_two_class_softmax_is_the_sigmoid_of_the_difference(ex, T):
    ex.set(temperature=T, z1=-3.0, z2=2.5)
    np.testing.assert_allclose(ex.two.softmax.get_ydata(), ex.two.sigmoid.get_ydata(),
                               rtol=0, atol=1e-12)
    x, y = ex.two.point.get_xydata()[0]
    assert x == pytest.approx(-5.5)
    assert y == pytest.approx(float(sigmoid(np.array([[-5.5 / T]]))[0, 0]), abs=1e-12)


def test_point_beyond_the_axis_is_pinned_to_the_edge(ex):
    ex.set(z1=-6.0, z2=6.0)
    assert ex.two.point.get_xdata()[0] == ex.two.softmax.axes.get_xlim()[0]
    assert "z₁ − z₂ = -12" in ex.two.label.get_text()


def test_logit_count_is_checked():
    assert len(softmax_explorer((1.0, 2.0)).bars.bars) == 2
    with pytest.raises(ValueError, match="2 to 6 logits"):
        softmax_explorer((1.0,))


def test_plot_helpers_alone_and_on_an_axes():
    art = plot_softmax([0.0, np.log(3.0)])
    assert isinstance(art.bars[0].axes.figure, Figure)
    np.testing.assert_allclose([b.get_height() for b in art.bars], [0.25, 0.75], atol=1e-15)
    ax = Figure().add_subplot()
    two = plot_softmax_vs_sigmoid(0.5, ax=ax)
    assert two.softmax.axes is ax
