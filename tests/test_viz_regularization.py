"""The regularization explorer and its plot helpers (issue 4), headless (Agg)."""

from __future__ import annotations

import numpy as np
import pytest
from matplotlib.figure import Figure

from dlnotes.regularization import matrix_norms
from dlnotes.viz.regularization import (
    _weight_tiles,
    plot_matrix_norms,
    plot_sparsity,
    plot_weight_histograms,
    plot_weight_matrix,
    regularization_explorer,
    sparsity,
)

pytestmark = pytest.mark.filterwarnings("error")  # any warning is a failure here

LAMBDAS = (0.0, 1.0, 5.0)


@pytest.fixture(scope="module")
def built():
    return regularization_explorer(lambdas=LAMBDAS, hidden=8, m_train=150, m_dev=60, epochs=40)


@pytest.fixture
def explorer(built):
    built.set(l2=0.0, l1=0.0)
    return built


def test_explorer_contract(explorer):
    assert set(explorer.controls) == {"l2", "l1"}
    assert isinstance(explorer.figure, Figure)
    assert explorer.widget is not None


def test_l1_gives_exact_zeros_and_l2_does_not(explorer):
    l1, l2 = explorer.runs["L1"], explorer.runs["L2"]
    assert l2.sparsity.tolist() == [0.0, 0.0, 0.0]
    assert l1.sparsity[0] == 0.0
    assert 0.0 < l1.sparsity[1] < l1.sparsity[2]
    assert np.count_nonzero(l1.W1[2] == 0.0) == round(l1.sparsity[2] * l1.W1[2].size)


def test_without_penalty_l1_and_l2_runs_are_the_same_network(explorer):
    """Same initial weights, same full-batch gradient descent: lambd = 0 must coincide."""
    np.testing.assert_allclose(explorer.runs["L1"].W1[0], explorer.runs["L2"].W1[0],
                               rtol=0, atol=1e-10)












def test_norms_are_the_regularization_modules(explorer):
    run = explorer.runs["L1"]
    for i, W in enumerate(run.W1):
        expected = matrix_norms(W)
        for name in ("spectral", "frobenius", "nuclear"):
            assert run.norms[name][i] == pytest.approx(expected[name], rel=1e-12)
        assert run.norms["spectral"][i] <= run.norms["frobenius"][i] <= run.norms["nuclear"][i]


def test_each_slider_moves_its_own_artists(explorer):
    for penalty, name in (("L2", "l2"), ("L1", "l1")):
        other = "L1" if penalty == "L2" else "L2"
        steps = explorer.hist[penalty].steps.get_data().values.copy()
        other_steps = explorer.hist[other].steps.get_data().values.copy()
        image = np.asarray(explorer.images[penalty].get_array()).copy()
        title = explorer.ax_img[penalty].get_title()
        mark = explorer.sparse_marks[penalty].get_xydata().copy()
        explorer.controls[name].value = 5.0
        assert not np.array_equal(steps, explorer.hist[penalty].steps.get_data().values)
        np.testing.assert_array_equal(other_steps, explorer.hist[other].steps.get_data().values)
        assert not np.array_equal(image, np.asarray(explorer.images[penalty].get_array()))
        assert explorer.ax_img[penalty].get_title() != title
        assert "λ = 5" in explorer.ax_img[penalty].get_title()
        assert not np.array_equal(mark, explorer.sparse_marks[penalty].get_xydata())


def test_the_zero_stem_shows_the_sparsity(explorer):
    explorer.set(l1=5.0)
    height = explorer.hist["L1"].zeros.get_ydata()[1]
    assert height == pytest.approx(explorer.runs["L1"].sparsity[2])
    assert explorer.hist["L2"].zeros.get_ydata()[1] < 1e-9  # no exact zero under L2


def test_extremes_draw(explorer):
    explorer.set(l2=LAMBDAS[-1], l1=LAMBDAS[-1])
    explorer.png()
    explorer.set(l2=LAMBDAS[0], l1=LAMBDAS[0])
    explorer.png()


# --------------------------------------------------------------------------- helpers


def test_weight_tiles_marks_exact_zeros():
    W = np.zeros((2, 64))
    W[0, 0], W[1, 5] = 1.0, -1.0
    img = _weight_tiles(W, columns=2)
    assert img.shape == (8, 17, 4)
    np.testing.assert_allclose(img[1, 1], [0.25, 0.25, 0.25, 1.0])  # an exact zero
    np.testing.assert_allclose(img[:, 8], 1.0)  # the gap between tiles is white
    assert img[0, 0, 2] > img[0, 0, 0]  # +1 is blue
    assert img[0, 9 + 5, 0] > img[0, 9 + 5, 2]  # -1 is red


def test_sparsity_counts_exact_zeros_only():
    assert sparsity(np.array([[0.0, 1e-300, -0.0, 2.0]])) == 0.5


def test_plot_helpers_return_artists_and_accept_an_axes():
    W1, W2 = np.array([[0.0, 0.5, -1.0]]), np.array([[0.2, 0.5, -1.0]])
    hist = plot_weight_histograms({"L1": W1, "L2": W2}, bins=5)
    assert isinstance(hist["L1"].steps.axes.figure, Figure)
    assert hist["L1"].zeros.get_ydata()[1] == pytest.approx(1 / 3)
    ax = Figure().add_subplot()
    image = plot_weight_matrix(W1, ax)
    assert image.axes is ax
    lines = plot_sparsity([0.0, 1.0], {"L1": [0.0, 0.5]}, ax, current=("L1", 1))
    assert lines["current"].get_visible()
    norms = plot_matrix_norms([0.0, 1.0], {"spectral": [1, 0.5], "frobenius": [2, 1],
                                           "nuclear": [3, 2]}, Figure().add_subplot())
    assert set(norms) == {"spectral", "frobenius", "nuclear", "current"}
    assert not norms["current"].get_visible()
